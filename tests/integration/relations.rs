//! Typed relations (issue 17): `adr link` writes both sides byte-preservingly, `graph` and
//! `export` show typed edges, and several successors are one status.

use crate::util::{log_with, read, run};

const KAFKA: &str = "# 1. Use Kafka\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nEvents need a log.\n";
const NATS: &str =
    "# 2. Use NATS\n\nDate: 2024-02-03\n\n## Status\n\nAccepted\n\n## Context\n\nEdge sites.\n";

#[test]
fn link_writes_the_relation_and_its_reverse_in_adr_tools_places() {
    let dir = log_with(&[("0001-use-kafka.md", KAFKA), ("0002-use-nats.md", NATS)]);
    let (code, stdout, stderr) = run(dir.path(), &["link", "2", "amends", "1"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0002-use-nats.md")),
        NATS.replace(
            "Accepted\n\n",
            "Accepted\n\nAmends [1. Use Kafka](0001-use-kafka.md)\n\n"
        )
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0001-use-kafka.md")),
        KAFKA.replace(
            "Accepted\n\n",
            "Accepted\n\nAmended by [2. Use NATS](0002-use-nats.md)\n\n"
        )
    );
    // A second run finds both lines and writes nothing.
    let before = crate::util::files_of(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["link", "2", "amends", "1"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(stderr.contains("already says `Amends`"), "{stderr}");
    assert_eq!(crate::util::files_of(dir.path()), before);
    // And the log lints clean of the reciprocity rule.
    let (code, stdout, _) = run(dir.path(), &["lint", "--rule", "relation-not-reciprocal"]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn link_takes_adr_tools_argument_shape_and_multi_word_relations() {
    let dir = log_with(&[("0001-use-kafka.md", KAFKA), ("0002-use-nats.md", NATS)]);
    let (code, _, stderr) = run(
        dir.path(),
        &["link", "2", "Implements", "1", "Implemented by"],
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        read(dir.path().join("docs/adr/0001-use-kafka.md"))
            .contains("\nImplemented by [2. Use NATS](0002-use-nats.md)\n\n## Context")
    );
    let (code, _, stderr) = run(dir.path(), &["link", "1", "depends", "on", "2"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        read(dir.path().join("docs/adr/0002-use-nats.md"))
            .contains("\nDepended on by [1. Use Kafka](0001-use-kafka.md)\n\n## Context")
    );
}

#[test]
fn link_refuses_unknown_relations_and_self_links() {
    let dir = log_with(&[("0001-use-kafka.md", KAFKA), ("0002-use-nats.md", NATS)]);
    let before = crate::util::files_of(dir.path());
    let (code, _, stderr) = run(dir.path(), &["link", "2", "inspires", "1"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: unknown relation `inspires`: use one of Amends, Clarifies, Extends, Depends on, Relates to (or their reverses), add it with `[[relation]]` in .adr.toml, or give both names the adr-tools way: `adr link 3 \"inspires\" 1 \"REVERSE\"`\n"
    );
    let (code, _, stderr) = run(dir.path(), &["link", "2", "amends", "2"]);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "error: a record cannot be linked to itself\n")
    );
    assert_eq!(crate::util::files_of(dir.path()), before);
}

#[test]
fn link_in_madr_keeps_front_matter_and_uses_more_information() {
    let first = "---\nstatus: accepted # keep this comment\ndate: 2024-01-02\n---\n# Use PostgreSQL\n\n## Context and Problem Statement\n\nData.\r\n";
    let second = "---\nstatus: proposed\n---\n# Index with GIN\n\n## More Information\n\nSee the benchmark.\n";
    let dir = log_with(&[
        ("0001-use-postgresql.md", first),
        ("0002-index-with-gin.md", second),
        (
            "../../.adr.toml",
            "[[relation]]\nname = \"Refines\"\nreverse = \"Refined by\"\n",
        ),
    ]);
    let (code, _, stderr) = run(dir.path(), &["link", "2", "refines", "1"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0002-index-with-gin.md")),
        "---\nstatus: proposed\n---\n# Index with GIN\n\n## More Information\n\nSee the benchmark.\n\nRefines [1. Use PostgreSQL](0001-use-postgresql.md)\n"
    );
    // A record with CRLF somewhere and no More Information gets the section at its end.
    assert_eq!(
        read(dir.path().join("docs/adr/0001-use-postgresql.md")),
        "---\nstatus: accepted # keep this comment\ndate: 2024-01-02\n---\n# Use PostgreSQL\n\n## Context and Problem Statement\n\nData.\r\n\r\n## More Information\r\n\r\nRefined by [2. Index with GIN](0002-index-with-gin.md)\r\n"
    );
    let (code, stdout, _) = run(dir.path(), &["graph", "--format", "json"]);
    assert_eq!(code, 0);
    let graph: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        graph["edges"],
        serde_json::json!([
            {"from": 1, "to": 2, "kind": "refined-by"},
            {"from": 2, "to": 1, "kind": "refines"},
        ])
    );
    let (_, stdout, _) = run(dir.path(), &["export"]);
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        export["records"][1]["relations"],
        serde_json::json!([{
            "kind": "refines",
            "label": "Refines",
            "target": {"text": "[1. Use PostgreSQL](0001-use-postgresql.md)", "number": 1, "path": "docs/adr/0001-use-postgresql.md"}
        }])
    );
}

#[test]
fn graph_draws_typed_edges_and_every_successor() {
    let dir = log_with(&[
        (
            "0001-use-kafka.md",
            &KAFKA.replace("Accepted", "Superseded by 2 and 3"),
        ),
        (
            "0002-use-nats.md",
            &NATS.replace(
                "Accepted\n",
                "Accepted\n\nSupersedes [1. Use Kafka](0001-use-kafka.md)\n",
            ),
        ),
        (
            "0003-use-pulsar.md",
            "# 3. Use Pulsar\n\n## Status\n\nAccepted\n\nSupersedes [1. Use Kafka](0001-use-kafka.md)\n\nClarifies [2. Use NATS](0002-use-nats.md)\n\n## Context\n\nMore.\n",
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["graph"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "flowchart TB\n    n0[\"0001 Use Kafka\"]\n    n1[\"0002 Use NATS\"]\n    n2[\"0003 Use Pulsar\"]\n    n0 ==>|superseded by| n1\n    n0 ==>|superseded by| n2\n    n1 ==>|supersedes| n0\n    n2 ==>|supersedes| n0\n    n2 -->|Clarifies| n1\n"
    );
    let (code, stdout, _) = run(dir.path(), &["graph", "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("    n2 -> n1 [label=\"Clarifies\", style=solid];\n"),
        "{stdout}"
    );
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "lint",
            "--rule",
            "supersede-target-missing",
            "--rule",
            "supersede-not-reciprocal",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn a_relation_added_to_a_madr2_links_list_uses_the_lists_own_marker() {
    const DASHES: &str = "# Use Kafka\n\n- Status: accepted\n- Date: 2024-01-02\n\n## Context and Problem Statement\n\nEvents.\n\n## Considered Options\n\n- Kafka\n- NATS\n\n## Decision Outcome\n\nChosen option: \"Kafka\", because it keeps a log.\n\n## Links\n\n- Relates to [ADR-0000](0000-x.md)\n";
    let dir = log_with(&[("0001-use-kafka.md", DASHES), ("0002-use-nats.md", NATS)]);
    let (code, _, stderr) = run(dir.path(), &["link", "2", "amends", "1"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0001-use-kafka.md")),
        DASHES.replace(
            "(0000-x.md)\n",
            "(0000-x.md)\n- Amended by [2. Use NATS](0002-use-nats.md)\n"
        )
    );
}

/// Review I (univention): a record that keeps a `- supersedes: -` field for the records it
/// supersedes gets the link there, not a `## Links` section under a field still saying `-`;
/// the superseded record's own `- superseded by: -` field gets its successor.
#[test]
fn a_successor_keeping_an_empty_supersedes_field_gets_the_link_in_it() {
    let record = |title: &str| {
        format!(
            "# {title}\n\n---\n\n- status: accepted\n- supersedes: -\n- superseded by: -\n- date: 2024-03-21\n\n---\n\n## Context and Problem Statement\n\nText.\n"
        )
    };
    let dir = crate::util::log_with_owned(&[
        ("0001-log-format-v1.md".to_string(), record("Log Format v1")),
        ("0002-log-format-v2.md".to_string(), record("Log Format v2")),
    ]);
    let (code, _, stderr) = crate::util::run(dir.path(), &["status", "1", "superseded by 2"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/0002-log-format-v2.md")),
        record("Log Format v2").replace(
            "- supersedes: -",
            "- supersedes: [ADR-0001](0001-log-format-v1.md)"
        )
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/0001-log-format-v1.md")),
        record("Log Format v1")
            .replace(
                "- status: accepted",
                "- status: superseded by [ADR-0002](0002-log-format-v2.md)"
            )
            .replace(
                "- superseded by: -",
                "- superseded by: [ADR-0002](0002-log-format-v2.md)"
            )
    );
}
