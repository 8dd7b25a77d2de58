//! Review V: fourteen more public ADR logs (adr-tools itself, Home Assistant, Hydra, JabRef,
//! CometBFT, Brighter, Zooniverse, cosmos-sdk in Chinese, Portuguese, Japanese, French,
//! Norwegian and German logs). Each test is a shape one of them writes, and fails on the
//! build that was reviewed.

use crate::util::{log_with, run};

const NYGARD_TAIL: &str = "## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";

// cardano-scaling/hydra 026: `While this does not directly supersede [ADR23](/adr/23), it
// paves the way` was read as superseding 23: a false supersede-not-reciprocal warning, and
// `supersedes 023` on the site's relations page. A sentence saying a record has not been
// superseded gave it the status `superseded`.
#[test]
fn a_negated_supersession_names_no_record() {
    let kafka =
        format!("# 1. Use Kafka\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n{NYGARD_TAIL}");
    let nats = "# 2. Use NATS\n\nDate: 2024-02-03\n\n## Status\n\nAccepted\n\n## Context\n\nWhile this does not directly supersede [ADR 1](0001-use-kafka.md), it paves the way. It doesn't replace [ADR 1](0001-use-kafka.md) either.\n\n## Decision\n\nd\n\n## Consequences\n\ne\n".to_string();
    let redis = format!(
        "# 3. Use Redis\n\nThis decision has not been superseded by [ADR 2](0002-use-nats.md).\n\n{NYGARD_TAIL}"
    );
    let valkey = format!(
        "# 4. Use Valkey\n\nThis decision has been superseded by [ADR 2](0002-use-nats.md).\n\n{NYGARD_TAIL}"
    );
    let dir = log_with(&[
        ("0001-use-kafka.md", &kafka),
        ("0002-use-nats.md", &nats),
        ("0003-use-redis.md", &redis),
        ("0004-use-valkey.md", &valkey),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let facts: Vec<String> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|record| {
            format!(
                "{} {} {}",
                record["status"], record["supersedes"], record["superseded_by"]
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            "\"accepted\" [] null",
            "\"accepted\" [] null",
            "null [] null",
            "\"superseded\" [] 2"
        ]
    );
    let (_, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    // 4's supersession is true (and not linked back); 2 supersedes nothing.
    assert!(stdout.contains("supersede-not-reciprocal"), "{stdout}");
    assert!(
        !stdout.contains("supersedes `0001-use-kafka.md`"),
        "{stdout}"
    );
}

// BrighterCommand/Brighter links `0034-provide-dlq-where-missing.md`, renumbered 0045: lint
// suggested `0034-optimise-reads-and-writes-from-dynamo-outbox.md` (the record numbered
// 34), while the site's link leads to 0045, the record of that slug.
#[test]
fn a_broken_link_suggests_the_record_of_its_slug_before_the_one_of_its_number() {
    let record = |title: &str, body: &str| {
        format!(
            "# {title}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\n{body}\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
        )
    };
    let outbox = record("34. Optimise reads", "c");
    let dlq = record("45. Provide a DLQ where missing", "c");
    let send = record(
        "46. Send to the DLQ",
        "See [the DLQ](0034-provide-dlq-where-missing.md) and [reads](0034-optimise-reads.md) and [typo](0045-provide-dql.md).",
    );
    let dir = log_with(&[
        ("0034-optimise-reads.md", &outbox),
        ("0045-provide-dlq-where-missing.md", &dlq),
        ("0046-send-to-the-dlq.md", &send),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 1);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let helps: Vec<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "link-broken")
        .filter_map(|finding| finding["help"].as_str())
        .collect();
    assert_eq!(
        helps,
        [
            "did you mean `0045-provide-dlq-where-missing.md`?",
            "did you mean `0045-provide-dlq-where-missing.md`?"
        ]
    );
}

// luchenqun/cosmos-sdk-docs writes how far a decision is built after its status, with no
// punctuation between: `DRAFT Not Implemented`, `Accepted Not Implemented`, `草稿 未实现`,
// `已接受 部分实现`. Each was an undeclared status.
#[test]
fn a_status_followed_by_how_far_it_is_built_is_that_status() {
    let statuses = [
        "DRAFT Not Implemented",
        "Proposed Not Implemented",
        "Accepted Partially Implemented",
        "Accepted and implemented",
        "草稿 未实现",
        "已接受 部分实现",
        // Not a note on the status: stays what it says.
        "Accepted Not Reviewed",
    ];
    let files: Vec<(String, String)> = statuses
        .iter()
        .enumerate()
        .map(|(at, status)| {
            (
                format!("000{}-t.md", at + 1),
                format!(
                    "# {}. T\n\nDate: 2024-01-02\n\n## Status\n\n{status}\n\n{NYGARD_TAIL}",
                    at + 1
                ),
            )
        })
        .collect();
    let dir = crate::util::log_with_owned(&files);
    let (code, stdout, stderr) = run(dir.path(), &["list", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let read: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|record| record["status"].as_str())
        .collect();
    assert_eq!(
        read,
        [
            "draft",
            "proposed",
            "accepted",
            "accepted",
            "草稿",
            "已接受",
            "accepted not reviewed"
        ]
    );
}

// BrighterCommand/Brighter's `index.md` is a table naming each record by its file in a code
// span (`` | `0037-aws-test-resource-cleanup` | … ``), and 37 records share a number with
// another: `adr index` said the list left out each of those 37 (exit 2); with three records
// it did not see the list at all and added a second one under it.
#[test]
fn a_list_naming_records_by_their_files_in_code_spans_is_read_where_numbers_are_shared() {
    let record = |title: &str| {
        format!("# {title}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n{NYGARD_TAIL}")
    };
    let (one, two, three) = (
        record("1. Gateway"),
        record("2. Tests"),
        record("2. Cleanup"),
    );
    let table = "# Decisions\n\n| ADR | Title | Status |\n|-----|-------|--------|\n| `0001-gateway` | Gateway | Accepted |\n| `0002-tests` | Tests | Accepted |\n| `0002-cleanup` | Cleanup | Accepted |\n";
    let dir = log_with(&[
        ("0001-gateway.md", &one),
        ("0002-tests.md", &two),
        ("0002-cleanup.md", &three),
        ("index.md", table),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "docs/adr/index.md is up to date: its list (lines 3-7) names every record. It is kept by hand: to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n"
        )
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/index.md")),
        table
    );
}

// svv-kos/driftsportal's Norwegian log4brains template heads its parts `Kontekst og
// problembeskrivelse` and `Besluttning`: three of its four records were reported with
// "no decision written: the record has neither a context nor a decision section".
#[test]
fn the_headings_of_a_norwegian_log4brains_template_are_its_parts() {
    let record = "# Bruk jest til tester\n\n- Status: accepted\n- Deciders: Nina Kjekstad, Martin Remøy Solheim\n- Date: 2021-10-13\n\n## Kontekst og problembeskrivelse\n\nVi trenger et testrammeverk for å teste frontendkode.\n\n## Alternativer\n\n- [Jest](https://jestjs.io/)\n- [Jasmine](https://jasmine.github.io/)\n\n## Besluttning\n\nValgt alternativ: \"Jest\". Siden det er mye brukt og godt dokumentert.\n";
    let dir = log_with(&[("20211013-bruk-jest-til-tester.md", record)]);
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n", "")
    );
}

// cometbft/cometbft: most records lack both `Alternative Approaches` and `Detailed Design`.
// Each was a log-wide finding whose help kept the other in the list (two contradicting
// settings), and every record's own finding named them again: 47 errors where 1 said it.
#[test]
fn sections_most_records_lack_are_one_finding_and_the_records_name_only_the_others() {
    let record = |title: &str, extra: &str| {
        format!(
            "# {title}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n{extra}"
        )
    };
    let full = record(
        "1. Full",
        "\n## Consequences\n\ne\n\n## Alternatives\n\na\n\n## Design\n\nd\n",
    );
    let two = record("2. Two", "\n## Consequences\n\ne\n");
    let three = record("3. Three", "\n## Consequences\n\ne\n");
    let four = record("4. Four", "");
    let dir = log_with(&[
        ("0001-full.md", &full),
        ("0002-two.md", &two),
        ("0003-three.md", &three),
        ("0004-four.md", &four),
        (
            "template.md",
            "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## Context\n\n## Decision\n\n## Consequences\n\n## Alternatives\n\n## Design\n",
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 1);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<String> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "section-missing")
        .map(|finding| {
            format!(
                "{} {} | {}",
                finding["path"], finding["message"], finding["help"]
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "\"docs/adr/0002-two.md\" \"sections `Alternatives` and `Design` are missing in 3 of the log's 4 records\" | \"add `## Alternatives` and `## Design` headings to each, or, if the log does not keep them, leave them out of the list in .adr.toml: `[lint.required-sections]` `nygard = [\\\"Status\\\", \\\"Context\\\", \\\"Decision\\\", \\\"Consequences\\\"]`\"",
            "\"docs/adr/0004-four.md\" \"section `Consequences` is missing\" | \"add a `## Consequences` heading (the log's template `template.md` has it; `[lint.required-sections]` in .adr.toml changes the list)\"",
        ]
    );
}

// cardano-scaling/hydra 018: `Superseded by [ADR 23](/adr/23) and [ADR 26](/adr/26)`. 026
// says it supersedes 018 and was told 018 "names 023 as its successor": it names both.
#[test]
fn a_record_superseded_by_two_names_both_as_its_successors() {
    let old = "# 18. Single state\n\nDate: 2022-04-13\n\n## Status\n\nSuperseded by [ADR 23](0023-local-state.md) and [ADR 26](0026-stateless.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
    let new = |title: &str| {
        format!(
            "# {title}\n\nDate: 2023-04-26\n\n## Status\n\nAccepted\n\nSupersedes [ADR 18](0018-single-state.md)\n\n{NYGARD_TAIL}"
        )
    };
    let (local, stateless) = (new("23. Local state"), new("26. Stateless"));
    let dir = log_with(&[
        ("0018-single-state.md", old),
        ("0023-local-state.md", &local),
        ("0026-stateless.md", &stateless),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 3 files\n", "")
    );
}

// The same with headings in a language adr has no table for (Swedish): decision-empty said
// the record "has neither a context nor a decision section", which was false; section-missing
// already says which headings it expected.
#[test]
fn a_record_in_headings_adr_does_not_know_is_no_fragment() {
    let record = "# Använd Jest för tester\n\n- Status: accepted\n- Date: 2021-10-13\n\n## Sammanhang och problembeskrivning\n\nVi behöver ett testramverk.\n\n## Beslut\n\nVi väljer Jest, eftersom det är välkänt.\n";
    let dir = log_with(&[("20211013-anvand-jest.md", record)]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 1);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(crate::util::rules_of(&document), ["section-missing"]);
}
