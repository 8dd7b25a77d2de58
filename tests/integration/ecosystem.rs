//! Issue 7, the ecosystem around the log: `adr migrate` (older layouts to MADR 4, checked on
//! the real Nygard and MADR 2 logs of the shared corpus), `adr export`, `adr schema`,
//! `adr renumber` (in a real git repository with two merged branches), completions, the man
//! page, the pre-commit hook and the CI recipes of docs/ci.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{adr, copy_dir, corpus_root, fixtures, log_with, read, repo_root, run};

/// The fixture log: adr-tools, MADR 2, MADR 3 and MADR 4 records side by side.
fn ecosystem_log() -> tempfile::TempDir {
    crate::util::copy_tree(&fixtures().join("logs/ecosystem"))
}

/// Every file under `dir`, relative path → bytes.
fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

// ---------------------------------------------------------------------------------------
// adr migrate
// ---------------------------------------------------------------------------------------

#[test]
fn migrate_dry_run_prints_one_diff_per_record_and_writes_nothing() {
    let project = ecosystem_log();
    let before = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["migrate"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "would migrate 4 records (1 record already MADR 4); run `adr migrate --write` to apply\n"
    );
    insta::assert_snapshot!("migrate_dry_run", stdout);
    assert_eq!(stdout.matches("\n+++ b/docs/adr/").count(), 4);
    assert_eq!(
        snapshot_tree(project.path()),
        before,
        "a dry run wrote files"
    );
}

#[test]
fn migrate_write_produces_exactly_the_madr4_log() {
    let project = ecosystem_log();
    let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "migrated 4 records (1 record already MADR 4)\n");
    let expected = snapshot_tree(&fixtures().join("logs/ecosystem-madr4"));
    let actual = snapshot_tree(project.path());
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert_eq!(
            String::from_utf8_lossy(&actual[path]),
            String::from_utf8_lossy(bytes),
            "{path} differs from tests/fixtures/logs/ecosystem-madr4/{path}"
        );
    }
    // The MADR 4 record was not rewritten, not even with the same bytes.
    let original = fixtures().join("logs/ecosystem/docs/adr/0004-use-cockroachdb.md");
    assert_eq!(
        read(project.path().join("docs/adr/0004-use-cockroachdb.md")),
        read(original)
    );

    // A second run finds nothing to do and changes nothing.
    let after_first = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(stderr, "migrated 0 records (5 records already MADR 4)\n");
    assert_eq!(snapshot_tree(project.path()), after_first);
}

#[test]
fn migrate_touches_only_the_records_named() {
    let project = ecosystem_log();
    let before = snapshot_tree(project.path());
    let (code, _, stderr) = run(
        project.path(),
        &["migrate", "--write", "docs/adr/0005-adopt-graphql.md"],
    );
    assert_eq!((code, stderr.as_str()), (0, "migrated 1 record\n"));
    let after = snapshot_tree(project.path());
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, ["docs/adr/0005-adopt-graphql.md"]);
}

#[test]
fn migrate_refuses_a_path_outside_the_log() {
    let project = ecosystem_log();
    std::fs::write(project.path().join("notes.md"), "# Notes\n").unwrap();
    let (code, stdout, stderr) = run(project.path(), &["migrate", "notes.md"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: `notes.md` is not a record of the log in `docs/adr`: name record files or directories inside it\n"
    );
    let (code, _, stderr) = run(project.path(), &["migrate", "missing.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: cannot read `") && stderr.contains("missing.md`\n  caused by: "),
        "{stderr}"
    );
}

#[test]
fn migrate_leaves_a_madr4_log_byte_for_byte() {
    let project = tempfile::tempdir().unwrap();
    copy_corpus("madr", project.path());
    let before = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(
        stderr.starts_with("migrated 0 records (") && stderr.contains("already MADR 4"),
        "{stderr}"
    );
    assert_eq!(snapshot_tree(project.path()), before);
}

/// Copies a corpus log (without its SOURCE.txt) to `project/docs/adr`.
fn copy_corpus(name: &str, project: &Path) -> PathBuf {
    let log = project.join("docs/adr");
    copy_dir(&corpus_root().join(name), &log);
    std::fs::remove_file(log.join("SOURCE.txt")).unwrap();
    log
}

/// (path, rule) → how many diagnostics, from `adr lint --format json`.
fn lint_counts(project: &Path) -> BTreeMap<(String, String), usize> {
    let (code, stdout, stderr) = run(project, &["lint", "--format", "json"]);
    assert!(code == 0 || code == 1, "lint failed ({code}): {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut counts = BTreeMap::new();
    for diagnostic in report["diagnostics"].as_array().unwrap() {
        let key = (
            diagnostic["path"].as_str().unwrap().to_string(),
            diagnostic["rule"].as_str().unwrap().to_string(),
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// Every string in a record's front matter, lists flattened.
fn front_matter_strings(text: &str) -> Vec<String> {
    let Some(rest) = text.strip_prefix("---") else {
        return Vec::new();
    };
    let end = rest.find("\n---").expect("closing fence");
    let yaml: serde_json::Value =
        serde_json::to_value(yaml_serde::from_str::<yaml_serde::Value>(&rest[..end]).unwrap())
            .unwrap();
    fn collect(value: &serde_json::Value, into: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => into.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, into)),
            serde_json::Value::Object(map) => map.values().for_each(|item| collect(item, into)),
            other => into.push(other.to_string()),
        }
    }
    let mut strings = Vec::new();
    collect(&yaml, &mut strings);
    strings
}

/// A heading's text without its `#`s and a trailing HTML comment, lowercased.
fn heading_text(line: &str) -> String {
    let text = line.trim_start_matches('#');
    let text = text.split("<!--").next().unwrap_or(text);
    text.trim().to_lowercase()
}

fn without_list_marker(line: &str) -> &str {
    for marker in ["* ", "- ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim();
        }
    }
    line
}

const RENAMED: [(&str, &str); 3] = [
    ("context", "context and problem statement"),
    ("decision", "decision outcome"),
    ("links", "more information"),
];

/// Checks that every non-blank line of `original` survives in `migrated`: verbatim, or as a
/// renamed/re-levelled heading, or (metadata) as a front-matter value.
fn assert_every_line_kept(path: &str, original: &str, migrated: &str) {
    let kept_lines: BTreeSet<&str> = migrated.lines().map(str::trim).collect();
    let headings: BTreeSet<String> = migrated
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(heading_text)
        .collect();
    let values: Vec<String> = front_matter_strings(migrated)
        .into_iter()
        .map(|value| value.trim().to_lowercase())
        .collect();
    for (number, line) in original.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || kept_lines.contains(line) {
            continue;
        }
        if line.starts_with('#') {
            let text = heading_text(line);
            let renamed = RENAMED
                .iter()
                .find(|(old, _)| *old == text)
                .map(|(_, new)| new.to_string());
            let number_stripped = headings
                .iter()
                .any(|heading| !heading.is_empty() && text.ends_with(heading.as_str()));
            if headings.contains(&text)
                || renamed.is_some_and(|new| headings.contains(&new))
                || text == "status"
                || (line.starts_with("# ") && number_stripped)
            {
                continue;
            }
            panic!("{path}:{}: heading `{line}` is gone", number + 1);
        }
        // Metadata: `* Status: x`, `Date: x`, a nested decider, the Nygard status line.
        let content = without_list_marker(line).to_lowercase();
        let value = content
            .split_once(':')
            .map(|(_, value)| value.split("<!--").next().unwrap_or("").trim().to_string());
        let moved = values.iter().any(|candidate| {
            *candidate == content
                || value
                    .as_ref()
                    .is_some_and(|value| value.is_empty() || candidate == value)
        });
        assert!(
            moved,
            "{path}:{}: `{line}` is neither in the migrated record nor in its front matter",
            number + 1
        );
    }
}

/// The Nygard and MADR 2 logs of the shared corpus, migrated: every record parses as MADR 4
/// (a record without any metadata stays as it was, which MADR 4 allows), lint finds nothing
/// the original did not have, and no line of any body is lost.
#[test]
fn migrate_converts_the_corpus_nygard_and_madr2_logs() {
    for name in [
        "govuk-aws",
        "arachne-architecture",
        "mozilla-application-services",
        "elastisys-compliantkubernetes",
        "island-is-handbook",
    ] {
        let project = tempfile::tempdir().unwrap();
        let log_dir = copy_corpus(name, project.path());
        let original = adr::model::Log::load(&log_dir).unwrap();
        let lint_before = lint_counts(project.path());

        let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
        assert_eq!((code, stdout.as_str()), (0, ""), "{name}: {stderr}");

        let migrated = adr::model::Log::load(&log_dir).unwrap();
        assert_eq!(migrated.records.len(), original.records.len(), "{name}");
        assert!(
            migrated.failures.is_empty(),
            "{name}: {:?}",
            migrated.failures
        );
        for (before, after) in original.records.iter().zip(&migrated.records) {
            let path = format!("{name}/{}", after.rel_path);
            let unchanged = before.source.text == after.source.text;
            let is_bare_and_untouched = after.style == adr::model::Style::MadrBare
                && unchanged
                && before.status.is_none()
                && before.date.is_none()
                && before.decision_makers.is_empty();
            assert!(
                after.style == adr::model::Style::Madr4 || is_bare_and_untouched,
                "{path} parses as {:?} after migration",
                after.style
            );
            // The facts the parser read survive the move into front matter.
            assert_eq!(
                after.status.as_ref().map(|s| s.kind.clone()),
                before.status.as_ref().map(|s| s.kind.clone()),
                "{path}"
            );
            assert_eq!(
                after.date.as_ref().map(|d| d.value.text()),
                before.date.as_ref().map(|d| d.value.text()),
                "{path}"
            );
            assert_eq!(after.display_title(), before.display_title(), "{path}");
            assert_eq!(
                after.superseded_by().and_then(|r| r.number),
                before.superseded_by().and_then(|r| r.number),
                "{path}"
            );
            assert_every_line_kept(&path, &before.source.text, &after.source.text);
            // Line endings are the file's own.
            if before.source.text.contains("\r\n") {
                assert_eq!(
                    after.source.text.matches('\n').count(),
                    after.source.text.matches("\r\n").count(),
                    "{path} mixes line endings after migration"
                );
            }
        }

        let lint_after = lint_counts(project.path());
        let new: Vec<_> = lint_after
            .iter()
            .filter(|(key, count)| lint_before.get(*key).copied().unwrap_or(0) < **count)
            .collect();
        assert!(new.is_empty(), "{name}: lint finds new problems: {new:?}");

        let after_first = snapshot_tree(project.path());
        let (code, _, stderr) = run(project.path(), &["migrate", "--write"]);
        assert!(
            code == 0 && stderr.starts_with("migrated 0 records"),
            "{name}: second run: {stderr}"
        );
        assert_eq!(snapshot_tree(project.path()), after_first, "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// adr export
// ---------------------------------------------------------------------------------------

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
    let (_, stdout, _) = run(project.path(), &["export"]);
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
    }
    collect(&export["unreadable"][0]);
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

// ---------------------------------------------------------------------------------------
// adr schema
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// adr renumber
// ---------------------------------------------------------------------------------------

fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana Example")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana Example")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run git ({error}): install it with `apt-get install -y git`")
        });
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const RECORD_ONE: &str = "# 1. Record architecture decisions\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe use ADRs.\n\n## Consequences\n\nSee [the index](README.md).\n";

fn madr4_record(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\nstatus: accepted\ndate: {date}\n---\n\n# {title}\n\n## Context and Problem Statement\n\n{body}\n\n## Considered Options\n\n* {title}\n\n## Decision Outcome\n\nChosen option: \"{title}\", because it fits.\n"
    )
}

/// Two branches each add record 0002 and merge: the later one moves to 0003, the link to it
/// follows, git sees a rename, and lint is clean again.
#[test]
fn renumber_resolves_a_collision_after_a_merge() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let log = dir.join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    std::fs::write(
        log.join("0001-record-architecture-decisions.md"),
        RECORD_ONE,
    )
    .unwrap();
    std::fs::write(
        log.join("README.md"),
        "# Decisions\n\n* [ADR-0001](0001-record-architecture-decisions.md)\n",
    )
    .unwrap();
    git(dir, &["init", "-q", "-b", "main"], "2025-01-06T09:00:00Z");
    git(dir, &["add", "."], "2025-01-06T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "first record"],
        "2025-01-06T09:00:00Z",
    );

    git(
        dir,
        &["checkout", "-q", "-b", "queue"],
        "2025-01-07T09:00:00Z",
    );
    std::fs::write(
        log.join("0002-use-a-queue.md"),
        madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts."),
    )
    .unwrap();
    git(dir, &["add", "."], "2025-01-07T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "queue"],
        "2025-01-07T09:00:00Z",
    );

    git(dir, &["checkout", "-q", "main"], "2025-01-08T09:00:00Z");
    git(
        dir,
        &["checkout", "-q", "-b", "cache"],
        "2025-01-08T09:00:00Z",
    );
    std::fs::write(
        log.join("0002-add-a-cache.md"),
        "---\nstatus: accepted\ndate: 2025-01-08\nnumber: 2\n---\n\n# 2. Add a cache\n\n## Context and Problem Statement\n\nReads are slow; see [ADR-0001](0001-record-architecture-decisions.md).\n\n## Considered Options\n\n* Add a cache\n\n## Decision Outcome\n\nChosen option: \"Add a cache\", because it fits.\n",
    )
    .unwrap();
    std::fs::write(
        log.join("README.md"),
        "# Decisions\n\n* [ADR-0001](0001-record-architecture-decisions.md)\n* [ADR-0002](0002-add-a-cache.md)\n",
    )
    .unwrap();
    let mut one = RECORD_ONE.to_string();
    one.push_str("\nCaching is [2. Add a cache](0002-add-a-cache.md#decision-outcome).\n");
    std::fs::write(log.join("0001-record-architecture-decisions.md"), one).unwrap();
    git(dir, &["add", "."], "2025-01-08T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "cache"],
        "2025-01-08T09:00:00Z",
    );

    git(dir, &["checkout", "-q", "main"], "2025-01-09T09:00:00Z");
    git(dir, &["merge", "-q", "queue"], "2025-01-09T09:00:00Z");
    git(
        dir,
        &["merge", "-q", "--no-edit", "cache"],
        "2025-01-09T10:00:00Z",
    );

    let (code, stdout, _) = run(dir, &["lint", "--format", "json"]);
    assert_eq!(code, 1, "the merge leaves a duplicate number");
    assert!(stdout.contains("\"number-duplicate\""), "{stdout}");

    let before = snapshot_tree(&log);
    let (code, stdout, stderr) = run(dir, &["renumber"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "would rename docs/adr/0002-add-a-cache.md → docs/adr/0003-add-a-cache.md (number 2 stays with 0002-use-a-queue.md, which came first by first commit)\nrun `adr renumber --write` to apply\n"
    );
    insta::assert_snapshot!("renumber_dry_run", stdout);
    assert_eq!(snapshot_tree(&log), before, "a dry run wrote files");

    let (code, _, stderr) = run(dir, &["renumber", "--write"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!log.join("0002-add-a-cache.md").exists());
    let moved = read(log.join("0003-add-a-cache.md"));
    assert!(
        moved.contains("\nnumber: 3\n") && moved.contains("\n# 3. Add a cache\n"),
        "{moved}"
    );
    assert!(
        read(log.join("0001-record-architecture-decisions.md"))
            .ends_with("Caching is [3. Add a cache](0003-add-a-cache.md#decision-outcome).\n")
    );
    assert_eq!(
        read(log.join("README.md")),
        "# Decisions\n\n* [ADR-0001](0001-record-architecture-decisions.md)\n* [ADR-0003](0003-add-a-cache.md)\n"
    );
    assert_eq!(
        read(log.join("0002-use-a-queue.md")),
        madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts.")
    );

    let (code, stdout, stderr) = run(dir, &["lint"]);
    assert_eq!(code, 0, "lint after renumber:\n{stdout}{stderr}");

    // git sees the move as a rename of the same file.
    git(dir, &["add", "-A"], "2025-01-09T11:00:00Z");
    let status = git(dir, &["status", "--porcelain"], "2025-01-09T11:00:00Z");
    assert!(
        status.contains("R  docs/adr/0002-add-a-cache.md -> docs/adr/0003-add-a-cache.md"),
        "{status}"
    );
}

/// Outside git the record modified last moves; the one modified first keeps the number.
#[test]
fn renumber_without_git_goes_by_modification_time() {
    let project = log_with(&[
        ("0001-first.md", &madr4_record("First", "2025-01-01", "A.")),
        ("0002-older.md", &madr4_record("Older", "2025-01-02", "B.")),
        ("0002-newer.md", &madr4_record("Newer", "2025-01-03", "C.")),
    ]);
    let log = project.path().join("docs/adr");
    let set_mtime = |name: &str, seconds: u64| {
        let file = std::fs::File::options()
            .write(true)
            .open(log.join(name))
            .unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
            .unwrap();
    };
    // By name `0002-newer.md` sorts first: only the times decide.
    set_mtime("0002-older.md", 1_700_000_000);
    set_mtime("0002-newer.md", 1_700_000_100);
    let (code, stdout, stderr) = run(project.path(), &["renumber", "--write"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(
        stderr,
        "renamed docs/adr/0002-newer.md → docs/adr/0003-newer.md (number 2 stays with 0002-older.md, which came first by modification time)\n"
    );
    let names: Vec<String> = snapshot_tree(&log).into_keys().collect();
    assert_eq!(names, ["0001-first.md", "0002-older.md", "0003-newer.md"]);
}

#[test]
fn renumber_with_no_collision_changes_nothing() {
    let project = ecosystem_log();
    let before = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["renumber", "--write"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "no two records share a number\n")
    );
    assert_eq!(snapshot_tree(project.path()), before);
}

#[test]
fn renumber_warns_about_references_by_number_alone() {
    let project = log_with(&[
        (
            "0001-a.md",
            "---\nstatus: superseded by ADR-0002\n---\n# A\n",
        ),
        ("0002-b.md", &madr4_record("B", "2025-01-02", "B.")),
        ("0002-c.md", &madr4_record("C", "2025-01-03", "C.")),
    ]);
    let log = project.path().join("docs/adr");
    let file = std::fs::File::options()
        .write(true)
        .open(log.join("0002-c.md"))
        .unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    let (code, _, stderr) = run(project.path(), &["renumber"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:2: `ADR-0002` names number 2 without a link; it now means the record that kept the number: check it\n"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------
// completions and man page
// ---------------------------------------------------------------------------------------

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _adr"),
        ("zsh", "#compdef adr"),
        ("fish", "complete -c adr"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[adr]"),
    ] {
        let (code, stdout, stderr) = run(dir.path(), &["completions", shell]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{shell}");
        assert!(stdout.contains(marker), "{shell}: no `{marker}`");
        for command in ["migrate", "export", "renumber", "completions"] {
            assert!(stdout.contains(command), "{shell} completes no `{command}`");
        }
    }
    let (code, _, stderr) = run(dir.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
}

/// bash loads the script and then completes `adr mi` to `migrate`.
#[test]
fn bash_completion_completes_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let (_, script, _) = run(dir.path(), &["completions", "bash"]);
    let script_path = dir.path().join("adr.bash");
    std::fs::write(&script_path, script).unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(adr mi); COMP_CWORD=1; COMP_LINE='adr mi'; COMP_POINT=6; _adr adr mi adr; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script_path.display()
        ))
        .output()
        .expect("bash is needed for this test: apt-get install -y bash");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "migrate\n");
}

#[test]
fn man_page_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["man"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.contains(".TH adr 1"), "{stdout}");
    assert!(stdout.contains(".SH SUBCOMMANDS"));
    for command in [
        "init",
        "new",
        "lint",
        "migrate",
        "export",
        "schema",
        "renumber",
        "completions",
        "man",
    ] {
        assert!(
            stdout.contains(&format!("adr\\-{command}(1)")),
            "no `{command}` in adr(1)"
        );
    }
    let (code, stdout, _) = run(dir.path(), &["man", "migrate"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(".TH adr-migrate 1"), "{stdout}");
    assert!(stdout.contains("\\-\\-write"));
    let (code, stdout, stderr) = run(dir.path(), &["man", "nope"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error: `nope` is not an adr command: use one of init, new,"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------
// pre-commit
// ---------------------------------------------------------------------------------------

/// The cargo target directory this test binary was built in.
fn target_dir() -> PathBuf {
    let binary = crate::util::adr_bin();
    binary
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .expect("the adr binary sits in <target>/<profile>/")
}

/// Copies a source tree, leaving out build output (`target/`) and version control.
fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_sources(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of this repository's working tree (without `target/` and `.git/`) committed in a
/// git repository of its own: what pre-commit clones when a project names this repository.
fn hook_repository(at: &Path) -> String {
    if at.exists() {
        std::fs::remove_dir_all(at).unwrap();
    }
    std::fs::create_dir_all(at).unwrap();
    copy_sources(&repo_root(), at);
    let date = "2025-11-23T00:00:00Z";
    git(at, &["init", "-q", "-b", "main"], date);
    git(at, &["add", "-A"], date);
    git(at, &["commit", "-q", "-m", "adr hooks"], date);
    git(at, &["rev-parse", "HEAD"], date).trim().to_string()
}

fn pre_commit(project: &Path, args: &[&str]) -> (i32, String) {
    let target = target_dir();
    let output = Command::new("pre-commit")
        .current_dir(project)
        .args(args)
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // pre-commit builds the hook with `cargo install` (a release build) in a fresh clone
        // each time the sources change. A target directory of its own keeps the compiled
        // dependencies between runs without taking the tests' build lock, and an
        // unoptimised profile keeps the rebuild of `adr` itself short: this test checks the
        // hook's wiring, not its speed.
        .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run pre-commit ({error}): install it with `python3 -m pip install pre-commit` (.ci/run does)"
            )
        });
    (
        output.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// A project adopts the `adr-lint` hook by reference, as pre-commit users do: a bad record
/// fails the commit check with lint's message, a fixed one passes, and a change outside the
/// log does not run the hook at all.
///
/// pre-commit builds the crate itself (`cargo install`), which the normal test run must not
/// do on a 2-core machine: `.ci/run` runs this test on its own with `--ignored`.
#[test]
#[ignore = "builds the crate through pre-commit; .ci/run runs it with --ignored"]
fn pre_commit_hook_lints_the_log() {
    // Two test runs at once would rebuild the shared hook repository under each other.
    let lock = std::fs::File::create(target_dir().join("pre-commit-hook.lock")).unwrap();
    lock.lock().unwrap();
    let hooks = hook_repository(&target_dir().join("pre-commit-hook-repo"));
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();
    let date = "2025-11-23T00:00:00Z";
    git(dir, &["init", "-q", "-b", "main"], date);
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {hooks}\n    hooks:\n      - id: adr-lint\n",
            target_dir().join("pre-commit-hook-repo").display()
        ),
    )
    .unwrap();
    let log = dir.join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    let record = madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts.");
    std::fs::write(
        log.join("0001-use-a-queue.md"),
        record.replace("status: accepted", "status: acepted"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a record\n").unwrap();
    git(dir, &["add", "-A"], date);

    let (code, output) = pre_commit(dir, &["run", "--all-files"]);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("adr lint") && output.contains("Failed"),
        "{output}"
    );
    assert!(
        output.contains("error[status-invalid]") && output.contains("`acepted`"),
        "{output}"
    );
    assert!(
        output.contains("docs/adr/0001-use-a-queue.md:2:9"),
        "{output}"
    );

    std::fs::write(log.join("0001-use-a-queue.md"), &record).unwrap();
    git(dir, &["add", "-A"], date);
    let (code, output) = pre_commit(dir, &["run", "--all-files"]);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("Passed"), "{output}");

    let (code, output) = pre_commit(dir, &["run", "--files", "notes.txt"]);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("(no files to check)Skipped"), "{output}");
}

// ---------------------------------------------------------------------------------------
// docs/ci.md
// ---------------------------------------------------------------------------------------

/// The ```yaml blocks of a Markdown page, parsed.
fn yaml_blocks(markdown: &str) -> Vec<yaml_serde::Value> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim() == "```yaml" => current = Some(String::new()),
            Some(block) if line.trim() == "```" => {
                blocks.push(yaml_serde::from_str(block).unwrap_or_else(|error| {
                    panic!("docs/ci.md has a YAML block that does not parse: {error}\n{block}")
                }));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

fn strings_at<'v>(value: &'v yaml_serde::Value, key: &str) -> Vec<&'v str> {
    match value.get(key) {
        Some(yaml_serde::Value::String(text)) => vec![text.as_str()],
        Some(yaml_serde::Value::Sequence(items)) => {
            items.iter().filter_map(yaml_serde::Value::as_str).collect()
        }
        _ => Vec::new(),
    }
}

/// Runs one shell command line from a recipe, with this build's `adr` first in PATH.
fn run_recipe_command(project: &Path, command: &str) -> (i32, String, String) {
    let bin = project.join(".bin");
    if !bin.exists() {
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(crate::util::adr_bin(), bin.join("adr")).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(project)
        .env("PATH", path)
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A clean log with its README index, and the same log with one record in error.
fn recipe_projects() -> (tempfile::TempDir, tempfile::TempDir) {
    let records = [
        (
            "0001-use-a-queue.md",
            madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts."),
        ),
        (
            "0002-add-a-cache.md",
            madr4_record("Add a cache", "2025-01-08", "Reads are slow."),
        ),
    ];
    let files: Vec<(&str, &str)> = records
        .iter()
        .map(|(name, text)| (*name, text.as_str()))
        .collect();
    let clean = log_with(&files);
    let (code, _, stderr) = run(clean.path(), &["index"]);
    assert_eq!(code, 0, "{stderr}");
    let broken = crate::util::copy_tree(clean.path());
    std::fs::write(
        broken.path().join("docs/adr/0002-add-a-cache.md"),
        records[1].1.replace("status: accepted", "status: acepted"),
    )
    .unwrap();
    (clean, broken)
}

/// The file a `command > file` line writes.
fn redirect_target(command: &str) -> Option<&str> {
    command.split_once('>').map(|(_, file)| file.trim())
}

fn check_recipe_command(command: &str) {
    let (clean, broken) = recipe_projects();
    let base: Vec<&str> = command
        .split('>')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    match base.as_slice() {
        ["adr", "lint", "--format", "github"] => {
            let (code, stdout, _) = run_recipe_command(broken.path(), command);
            assert_eq!(code, 1, "{command}: {stdout}");
            assert!(!stdout.is_empty());
            for line in stdout.lines() {
                assert!(
                    line.starts_with("::error file=docs/adr/")
                        || line.starts_with("::warning file=docs/adr/")
                        || line.starts_with("::notice file=docs/adr/"),
                    "{command}: not a workflow command: {line}"
                );
            }
            assert!(stdout.contains(
                "::error file=docs/adr/0002-add-a-cache.md,line=2,col=9,endLine=2,endColumn=16,title=status-invalid::"
            ), "{stdout}");
            let (code, stdout, stderr) = run_recipe_command(clean.path(), command);
            assert_eq!(
                (code, stdout.as_str(), stderr.as_str()),
                (0, "", ""),
                "{command} on a clean log"
            );
        }
        ["adr", "lint", "--format", "sarif"] => {
            let file = redirect_target(command).expect("the SARIF goes to a file");
            let (code, _, stderr) = run_recipe_command(broken.path(), command);
            assert_eq!(code, 1, "{command}: {stderr}");
            let sarif: serde_json::Value =
                serde_json::from_str(&read(broken.path().join(file))).unwrap();
            assert_eq!(sarif["version"], "2.1.0");
            let run = &sarif["runs"][0];
            assert_eq!(run["tool"]["driver"]["name"], "adr");
            let result = run["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|result| result["ruleId"] == "status-invalid")
                .expect("a status-invalid result");
            assert_eq!(
                result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "docs/adr/0002-add-a-cache.md"
            );
            let (code, _, _) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command} on a clean log");
        }
        ["adr", "lint", "--format", "gitlab"] => {
            let file = redirect_target(command).expect("the report goes to a file");
            let (code, _, stderr) = run_recipe_command(broken.path(), command);
            assert_eq!(code, 1, "{command}: {stderr}");
            let report: serde_json::Value =
                serde_json::from_str(&read(broken.path().join(file))).unwrap();
            let issue = report
                .as_array()
                .unwrap()
                .iter()
                .find(|issue| issue["check_name"] == "status-invalid")
                .expect("a status-invalid issue");
            assert_eq!(issue["location"]["path"], "docs/adr/0002-add-a-cache.md");
            assert_eq!(issue["location"]["lines"]["begin"], 2);
            assert!(
                issue["fingerprint"]
                    .as_str()
                    .is_some_and(|print| !print.is_empty())
            );
            let (code, _, _) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command} on a clean log");
            assert_eq!(read(clean.path().join(file)).trim(), "[]");
        }
        ["adr", "index", "--check"] => {
            let before = snapshot_tree(clean.path());
            let (code, stdout, stderr) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command}: {stdout}{stderr}");
            std::fs::write(
                clean.path().join("docs/adr/0003-use-tls.md"),
                madr4_record("Use TLS", "2025-01-09", "Traffic crosses networks."),
            )
            .unwrap();
            let (code, _, _) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 1, "{command} passes with a stale index");
            let mut after = snapshot_tree(clean.path());
            after.remove("docs/adr/0003-use-tls.md");
            after.retain(|path, _| !path.starts_with(".bin"));
            assert_eq!(after, before, "{command} wrote files");
        }
        ["adr", "render", "--out", out] => {
            let (code, stdout, stderr) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command}: {stdout}{stderr}");
            let site = clean.path().join(out);
            assert!(
                site.join("index.html").is_file(),
                "{command} wrote no index.html"
            );
            assert!(site.join("0001-use-a-queue.html").is_file());
        }
        _ => panic!("docs/ci.md runs `{command}`, which this test does not check: add a case"),
    }
}

#[test]
fn ci_recipes_work() {
    let doc = read(repo_root().join("docs/ci.md"));
    let blocks = yaml_blocks(&doc);
    let github = blocks
        .iter()
        .find(|block| block.get("jobs").is_some())
        .expect("a GitHub Actions workflow in docs/ci.md");
    let gitlab = blocks
        .iter()
        .find(|block| block.get("stages").is_some())
        .expect("a GitLab CI file in docs/ci.md");

    let mut commands: Vec<String> = Vec::new();
    let jobs = github["jobs"].as_mapping().unwrap();
    let mut github_steps = Vec::new();
    for job in jobs.values() {
        for step in job["steps"].as_sequence().unwrap() {
            github_steps.push(step);
            commands.extend(strings_at(step, "run").into_iter().map(String::from));
        }
    }
    let gitlab_jobs: Vec<&yaml_serde::Value> = gitlab
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), Some("stages" | "default" | "variables")))
        .map(|(_, job)| job)
        .collect();
    for job in &gitlab_jobs {
        commands.extend(strings_at(job, "script").into_iter().map(String::from));
    }
    let adr_commands: BTreeSet<&str> = commands
        .iter()
        .map(String::as_str)
        .filter(|command| command.starts_with("adr "))
        .collect();
    assert_eq!(
        adr_commands,
        BTreeSet::from([
            "adr index --check",
            "adr lint --format github",
            "adr lint --format gitlab > gl-code-quality-report.json",
            "adr lint --format sarif > adr.sarif",
            "adr render --out _site",
            "adr render --out public",
        ])
    );
    for command in &adr_commands {
        check_recipe_command(command);
    }

    // The steps that pick up what adr wrote name the same files.
    let uses = |name: &str| {
        github_steps
            .iter()
            .find(|step| {
                strings_at(step, "uses")
                    .iter()
                    .any(|uses| uses.starts_with(name))
            })
            .unwrap_or_else(|| panic!("no `{name}` step"))
    };
    assert_eq!(
        uses("github/codeql-action/upload-sarif")["with"]["sarif_file"],
        "adr.sarif"
    );
    assert_eq!(
        uses("actions/upload-pages-artifact")["with"]["path"],
        "_site"
    );
    let pages = gitlab_jobs
        .iter()
        .find(|job| strings_at(job, "script").contains(&"adr render --out public"))
        .unwrap();
    assert_eq!(strings_at(&pages["artifacts"], "paths"), ["public"]);
    let lint = gitlab_jobs
        .iter()
        .find(|job| {
            strings_at(job, "script")
                .iter()
                .any(|line| line.contains("--format gitlab"))
        })
        .unwrap();
    assert_eq!(
        lint["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    // Both pipelines install adr before running it.
    assert!(
        commands
            .iter()
            .any(|command| command == "cargo install --locked adr")
    );
    assert_eq!(
        strings_at(&gitlab["default"], "before_script"),
        ["cargo install --locked adr"]
    );
}

// ---------------------------------------------------------------------------------------
// git facts on the site
// ---------------------------------------------------------------------------------------

/// A log committed by two people on two days.
fn log_with_history() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let log = dir.join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    git(dir, &["init", "-q", "-b", "main"], "2025-01-06T09:00:00Z");
    std::fs::write(
        log.join("0001-use-a-queue.md"),
        madr4_record("Use a queue", "2025-01-06", "Work arrives in bursts."),
    )
    .unwrap();
    std::fs::write(
        log.join("0002-add-a-cache.md"),
        madr4_record("Add a cache", "2025-01-06", "Reads are slow."),
    )
    .unwrap();
    git(dir, &["add", "."], "2025-01-06T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "two records"],
        "2025-01-06T09:00:00Z",
    );
    std::fs::write(
        log.join("0002-add-a-cache.md"),
        madr4_record(
            "Add a cache",
            "2025-01-06",
            "Reads are slow; writes are rare.",
        ),
    )
    .unwrap();
    let output = Command::new("git")
        .current_dir(dir)
        .args(["commit", "-q", "-a", "-m", "more context"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bo Example")
        .env("GIT_AUTHOR_EMAIL", "bo@example.com")
        .env("GIT_COMMITTER_NAME", "Bo Example")
        .env("GIT_COMMITTER_EMAIL", "bo@example.com")
        .env("GIT_AUTHOR_DATE", "2025-02-14T15:30:00+01:00")
        .env("GIT_COMMITTER_DATE", "2025-02-14T15:30:00+01:00")
        .output()
        .unwrap();
    assert!(output.status.success());
    repo
}

/// Each record page shows its last change and authors from `git log`; the index gets a
/// sortable "Last changed" column.
#[test]
fn site_shows_git_history() {
    let repo = log_with_history();
    let (code, _, stderr) = run(repo.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let cache = read(repo.path().join("site/0002-add-a-cache.html"));
    assert!(
        cache.contains("<div class=\"meta-row\"><dt>Last changed</dt><dd><time datetime=\"2025-02-14\">2025-02-14</time></dd></div>"),
        "{cache}"
    );
    assert!(
        cache.contains(
            "<div class=\"meta-row\"><dt>Authors</dt><dd>Bo Example, Ana Example</dd></div>"
        ),
        "{cache}"
    );
    let queue = read(repo.path().join("site/0001-use-a-queue.html"));
    assert!(
        queue.contains("<dt>Last changed</dt><dd><time datetime=\"2025-01-06\">2025-01-06</time>")
    );
    assert!(queue.contains("<dt>Authors</dt><dd>Ana Example</dd>"));
    let index = read(repo.path().join("site/index.html"));
    assert!(
        index.contains("<th scope=\"col\" class=\"col-changed\">Last changed</th>"),
        "{index}"
    );
    // Sorting reads `data-sort`: the author time in seconds (2025-02-14T14:30:00Z).
    assert!(
        index.contains("<td class=\"col-changed\" data-sort=\"1739543400\"><time datetime=\"2025-02-14\">2025-02-14</time></td>"),
        "{index}"
    );
    assert!(index.contains("<td class=\"col-changed\" data-sort=\"1736154000\">"));

    // Committing an edit changes the page even though the file's bytes do not change.
    let queue_path = repo.path().join("docs/adr/0001-use-a-queue.md");
    std::fs::write(
        &queue_path,
        madr4_record(
            "Use a queue",
            "2025-01-06",
            "Work arrives in bursts at night.",
        ),
    )
    .unwrap();
    let (code, _, _) = run(repo.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0);
    assert!(
        read(repo.path().join("site/0001-use-a-queue.html")).contains("datetime=\"2025-01-06\"")
    );
    git(
        repo.path(),
        &["commit", "-q", "-a", "-m", "night"],
        "2025-03-01T12:00:00Z",
    );
    let (code, _, stderr) = run(repo.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("up to date"), "{stderr}");
    assert!(
        read(repo.path().join("site/0001-use-a-queue.html"))
            .contains("<dt>Last changed</dt><dd><time datetime=\"2025-03-01\">")
    );
}

/// `git log` over a large log takes seconds (10,000 records, a thousand commits: 9 s), so a
/// render asks git for the history again only when the commit checked out, or `.mailmap`,
/// changed since the last one; an edit not yet committed changes no history.
#[test]
fn git_history_is_read_again_only_when_the_commit_or_mailmap_changed() {
    let repo = log_with_history();
    let wrapper = tempfile::tempdir().unwrap();
    let calls = wrapper.path().join("calls");
    let real_git = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real_git = String::from_utf8(real_git.stdout).unwrap();
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
        calls.display(),
        real_git.trim()
    );
    let fake_git = wrapper.path().join("git");
    std::fs::write(&fake_git, script).unwrap();
    let mut permissions = std::fs::metadata(&fake_git).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&fake_git, permissions).unwrap();
    let path = format!(
        "{}:{}",
        wrapper.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let render = || {
        let output = adr(repo.path())
            .args(["render", "--out", "site"])
            .env("PATH", &path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stderr).unwrap()
    };
    // The git log calls so far, and whether the last one read only a range of commits.
    let logs = || {
        let calls = std::fs::read_to_string(&calls).unwrap_or_default();
        let logs: Vec<&str> = calls
            .lines()
            .filter(|line| line.contains(" log "))
            .collect();
        (
            logs.len(),
            logs.last().is_some_and(|line| line.contains("..")),
        )
    };
    // What a render with no cache makes of the same repository.
    let matches_a_full_render = || {
        let full = adr(repo.path())
            .args(["render", "--out", "full"])
            .output()
            .unwrap();
        assert_eq!(full.status.code(), Some(0));
        let site = crate::util::files_of(&repo.path().join("site"));
        let full = crate::util::files_of(&repo.path().join("full"));
        std::fs::remove_dir_all(repo.path().join("full")).unwrap();
        site.iter()
            .filter(|(name, _)| !name.starts_with(".adr-site"))
            .all(|(name, bytes)| full.get(name) == Some(bytes))
    };
    let page = || read(repo.path().join("site/0001-use-a-queue.html"));

    render();
    assert_eq!(logs(), (1, false));
    assert!(render().contains("is up to date"));
    assert_eq!(logs(), (1, false), "nothing changed: no git log");

    let queue = repo.path().join("docs/adr/0001-use-a-queue.md");
    std::fs::write(
        &queue,
        madr4_record("Use a queue", "2025-01-06", "Work arrives at night."),
    )
    .unwrap();
    assert!(render().starts_with("rendered 2 records"));
    assert_eq!(
        logs(),
        (1, false),
        "an edit not committed changes no history"
    );
    assert!(page().contains("Work arrives at night."));

    git(
        repo.path(),
        &["commit", "-q", "-a", "-m", "night"],
        "2025-03-01T12:00:00Z",
    );
    render();
    assert_eq!(logs(), (2, true), "a commit on top: git log of that commit");
    assert!(page().contains("<dt>Last changed</dt><dd><time datetime=\"2025-03-01\">"));
    assert!(matches_a_full_render());

    // Amended: the commit read before is gone from the history, so all of it is read.
    git(
        repo.path(),
        &[
            "commit",
            "-q",
            "--amend",
            "--reset-author",
            "-m",
            "at night",
        ],
        "2025-03-02T12:00:00Z",
    );
    render();
    assert_eq!(
        logs(),
        (3, false),
        "history rewritten: git log of everything"
    );
    assert!(page().contains("<dt>Last changed</dt><dd><time datetime=\"2025-03-02\">"));
    assert!(matches_a_full_render());

    std::fs::write(
        repo.path().join(".mailmap"),
        "Ana Q. Example <ana@example.com>\n",
    )
    .unwrap();
    render();
    assert_eq!(logs(), (4, false), "a new .mailmap: git log of everything");
    assert!(
        page().contains("<dt>Authors</dt><dd>Ana Q. Example</dd>"),
        "{}",
        page()
    );
}

/// Outside git, and where git is not installed, the site is the same minus those facts, and
/// nothing is said about it.
#[test]
fn site_without_git_has_no_history_and_no_error() {
    let repo = log_with_history();
    let plain = tempfile::tempdir().unwrap();
    copy_dir(&repo.path().join("docs"), &plain.path().join("docs"));

    let (code, stdout, stderr) = run(plain.path(), &["render", "--out", "site"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(
        stderr.starts_with("rendered 2 records into site (")
            && stderr.ends_with("open site/index.html\n")
            && stderr.lines().count() == 1,
        "{stderr}"
    );
    let index = read(plain.path().join("site/index.html"));
    assert!(!index.contains("col-changed"), "{index}");
    assert!(!read(plain.path().join("site/0002-add-a-cache.html")).contains("Last changed"));

    // git missing from PATH, inside the repository: the same pages, no message.
    let output = adr(repo.path())
        .args(["render", "--out", "site"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), stderr);
    for page in [
        "index.html",
        "0001-use-a-queue.html",
        "0002-add-a-cache.html",
    ] {
        assert_eq!(
            read(repo.path().join("site").join(page)),
            read(plain.path().join("site").join(page)),
            "{page} differs without git"
        );
    }
}
