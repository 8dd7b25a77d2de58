//! `adr export` (JSON and CSV, documented in docs/export.md) and `adr schema`.

use std::collections::BTreeSet;

use crate::util::{log_with, read, repo_root, run};

use super::ecosystem_log;

#[test]
fn export_json_has_every_field_of_every_record() {
    let project = ecosystem_log();
    let (code, stdout, stderr) = run(project.path(), &["export"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(export["version"], 1);
    let records = export["records"].as_array().unwrap();
    assert_eq!(records.len(), 5);
    let cockroach = &records[3];
    assert_eq!(cockroach["number"], 4);
    assert_eq!(
        cockroach["decision_makers"],
        serde_json::json!(["Ana", "Bo"])
    );
    assert_eq!(cockroach["consulted"], serde_json::json!(["Cy"]));
    assert_eq!(cockroach["informed"], serde_json::json!(["Ops"]));
    assert_eq!(cockroach["chosen_option"], "CockroachDB");
    assert_eq!(
        cockroach["supersedes"],
        serde_json::json!([{"text": "0002-use-postgres.md", "number": 2, "path": "docs/adr/0002-use-postgres.md"}])
    );
    assert_eq!(
        cockroach["front_matter"],
        serde_json::json!({"parent": "Decisions", "nav_order": 4})
    );
    let postgres = &records[1];
    assert_eq!(postgres["status"], "superseded");
    assert_eq!(
        postgres["superseded_by"],
        serde_json::json!({"text": "[ADR-0004](0004-use-cockroachdb.md)", "number": 4, "path": "docs/adr/0004-use-cockroachdb.md"})
    );
    assert_eq!(
        postgres["decision_makers"],
        serde_json::json!(["Ana", "Bo (platform team)"])
    );
    insta::assert_json_snapshot!("export_json", export);
}

#[test]
fn export_csv_has_the_scalar_columns() {
    let project = ecosystem_log();
    let (code, stdout, stderr) = run(project.path(), &["export", "--format", "csv"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "number,slug,title,status,date,superseded_by,chosen_option,style,path\n\
         1,record-architecture-decisions,Record architecture decisions,accepted,2024-03-01,,,nygard,docs/adr/0001-record-architecture-decisions.md\n\
         2,use-postgres,Use PostgreSQL for orders,superseded,2024-03-10,4,PostgreSQL,madr2,docs/adr/0002-use-postgres.md\n\
         3,use-kafka-for-events,Use Kafka for events,accepted,2024-04-02,,Kafka,madr3,docs/adr/0003-use-kafka-for-events.md\n\
         4,use-cockroachdb,Use CockroachDB for orders,accepted,2024-06-20,,CockroachDB,madr4,docs/adr/0004-use-cockroachdb.md\n\
         5,adopt-graphql,Adopt GraphQL for the mobile API,proposed,2024-07-01,,,nygard,docs/adr/0005-adopt-graphql.md\n"
    );
}

#[test]
fn export_csv_quotes_commas_and_quotes() {
    let project = log_with(&[(
        "0001-a.md",
        "---\nstatus: accepted\n---\n# Use \"fast\", cheap storage\n",
    )]);
    let (code, stdout, _) = run(project.path(), &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.lines().nth(1),
        Some("1,a,\"Use \"\"fast\"\", cheap storage\",accepted,,,,madr4,docs/adr/0001-a.md")
    );
}

#[test]
fn export_names_unreadable_files_and_exits_1() {
    let project = ecosystem_log();
    std::fs::write(
        project.path().join("docs/adr/0006-broken.md"),
        b"# Broken \xff\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(project.path(), &["export"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: docs/adr/0006-broken.md:1: the file is not UTF-8 (invalid byte at offset 9): convert it to UTF-8\n"
    );
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(export["records"].as_array().unwrap().len(), 5);
    assert_eq!(
        export["unreadable"],
        serde_json::json!([{
            "path": "docs/adr/0006-broken.md",
            "line": 1,
            "message": "the file is not UTF-8 (invalid byte at offset 9): convert it to UTF-8"
        }])
    );

    // A record naming the unreadable one still finds its file: references resolve against
    // the log's files, read once.
    std::fs::write(
        project.path().join("docs/adr/0007-after-the-broken-one.md"),
        "---\nstatus: accepted\ndate: 2025-01-01\n---\n\n# After\n\nSupersedes [ADR-0006](0006-broken.md).\n",
    )
    .unwrap();
    let (code, stdout, _) = run(project.path(), &["export"]);
    assert_eq!(code, 1);
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let after = export["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|record| record["number"] == 7)
        .unwrap();
    assert_eq!(
        after["supersedes"],
        serde_json::json!([{"text": "[ADR-0006](0006-broken.md)", "number": 6, "path": "docs/adr/0006-broken.md"}])
    );
    assert_eq!(export["unreadable"].as_array().unwrap().len(), 1);
}

/// docs/export.md documents the JSON shape: every key the export writes is in its tables,
/// and every key in its tables is written.
#[test]
fn export_shape_is_documented() {
    let doc = read(repo_root().join("docs/export.md"));
    let documented: BTreeSet<String> = doc
        .lines()
        .filter(|line| line.starts_with("| `"))
        .filter_map(|line| line.split('`').nth(1).map(str::to_string))
        .collect();
    let project = ecosystem_log();
    std::fs::write(project.path().join("docs/adr/0006-broken.md"), b"\xff").unwrap();
    // A typed relation, so that its fields are written too.
    std::fs::write(
        project.path().join("docs/adr/0007-amend.md"),
        "# 7. Amend\n\n## Status\n\nAccepted\n\nAmends [1. Record](0001-record-architecture-decisions.md)\n",
    )
    .unwrap();
    // With the flags that add `text` and `repository`; `log` comes from a project of
    // several logs (below).
    let (_, stdout, _) = run(
        project.path(),
        &[
            "export",
            "--with-text",
            "--repository",
            "https://example.org/r",
        ],
    );
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut written = BTreeSet::new();
    let mut collect = |value: &serde_json::Value| {
        if let Some(object) = value.as_object() {
            written.extend(object.keys().cloned());
        }
    };
    collect(&export);
    for record in export["records"].as_array().unwrap() {
        collect(record);
        collect(&record["links"][0]);
        collect(&record["superseded_by"]);
        collect(&record["relations"][0]);
    }
    collect(&export["unreadable"][0]);
    let monorepo = crate::util::copy_tree(&crate::util::fixtures().join("logs/monorepo"));
    let (_, several, _) = run(monorepo.path(), &["export"]);
    let several: serde_json::Value = serde_json::from_str(&several).unwrap();
    collect(&several["records"][0]);
    // `front_matter` holds the record's own keys, not ours.
    let cockroach = &export["records"][3];
    for key in cockroach["front_matter"].as_object().unwrap().keys() {
        written.remove(key);
    }
    assert_eq!(
        written, documented,
        "docs/export.md and `adr export` disagree"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let (code, stdout, stderr) = run(&repo_root(), &["schema"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let committed = read(repo_root().join(adr::schema::SCHEMA_PATH));
    assert!(
        stdout == committed,
        "{} is stale: regenerate it with `cargo run -q -- schema > {}`",
        adr::schema::SCHEMA_PATH,
        adr::schema::SCHEMA_PATH
    );
}

fn front_matter_json(record: &str) -> serde_json::Value {
    let rest = record.strip_prefix("---\n").unwrap();
    let yaml = &rest[..rest.find("\n---").unwrap()];
    serde_json::to_value(yaml_serde::from_str::<yaml_serde::Value>(yaml).unwrap()).unwrap()
}

#[test]
fn seed_front_matter_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&read(repo_root().join(adr::schema::SCHEMA_PATH))).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let seed = read(repo_root().join("docs/adr/0001-use-fastapi-web-framework.md"));
    let front_matter = front_matter_json(&seed);
    let errors: Vec<String> = validator
        .iter_errors(&front_matter)
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    // The schema does reject what the parser would not read.
    for bad in [
        "---\nstatus: [accepted, proposed]\n---\n",
        "---\ndate: 11/05/2025\n---\n",
        "---\ndecision-makers: {lead: Ana}\n---\n",
        "---\ntags: [[nested]]\n---\n",
    ] {
        assert!(
            !validator.is_valid(&front_matter_json(bad)),
            "the schema accepts {bad:?}"
        );
    }
    // Keys the schema does not know (Jekyll's, the seed's `adr: true`) stay allowed.
    assert!(validator.is_valid(&front_matter_json(
        "---\nnav_order: 3\nstatus: superseded by ADR-0009\n---\n"
    )));
}
