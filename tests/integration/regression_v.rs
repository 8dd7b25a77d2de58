//! Review V: fourteen more public ADR logs (adr-tools itself, Home Assistant, Hydra, JabRef,
//! CometBFT, Brighter, Zooniverse, cosmos-sdk in Chinese, Portuguese, Japanese, French,
//! Norwegian and German logs). Each test is a shape one of them writes, and fails on the
//! build that was reviewed.

use crate::util::{log_with, run};

const NYGARD_TAIL: &str = "## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";

/// An adr-tools record: its title, date and status, and the three sections.
fn nygard(title: &str, date: &str, status: &str) -> String {
    format!("# {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n{NYGARD_TAIL}")
}

// cardano-scaling/hydra 026: `While this does not directly supersede [ADR23](/adr/23), it
// paves the way` was read as superseding 23: a false supersede-not-reciprocal warning, and
// `supersedes 023` on the site's relations page. A sentence saying a record has not been
// superseded gave it the status `superseded`.
#[test]
fn a_negated_supersession_names_no_record() {
    let kafka = nygard("1. Use Kafka", "2024-01-02", "Accepted");
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
    let record = |title: &str| nygard(title, "2024-01-02", "Accepted");
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
        nygard(
            title,
            "2023-04-26",
            "Accepted\n\nSupersedes [ADR 18](0018-single-state.md)",
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

// aindaco1/film writes its statuses as sentences: `adr status 109 deprecated` turned
// `Accepted. Extended by ADR 0110 and ADR 0111.` into `Deprecated`, and the relation text
// was lost. The first sentence is the status; the sentences after it stay.
#[test]
fn a_new_status_replaces_the_first_sentence_and_keeps_the_others() {
    let record = |title: &str, status: &str| nygard(title, "2026-07-08", status);
    let cases = [
        (
            "Accepted. Extended by ADR 0110 and ADR 0111.",
            "deprecated",
            "Deprecated. Extended by ADR 0110 and ADR 0111.",
        ),
        (
            "Accepted for MVP implementation. Live delivery remains blocked.",
            "proposed",
            "Proposed. Live delivery remains blocked.",
        ),
        // A full stop inside a link is no sentence's end.
        (
            "Superseded by [3. Use X](0003-use-x.md)",
            "accepted",
            "Accepted",
        ),
        ("Accepted on 2020-01-02.", "deprecated", "Deprecated"),
    ];
    for (written, wanted, expected) in cases {
        let one = record("1. Use Y", written);
        let three = record("3. Use X", "Accepted");
        let dir = log_with(&[("0001-use-y.md", &one), ("0003-use-x.md", &three)]);
        let (code, _, stderr) = run(dir.path(), &["status", "1", wanted]);
        assert_eq!(code, 0, "{written}: {stderr}");
        assert_eq!(
            crate::util::read(dir.path().join("docs/adr/0001-use-y.md")),
            record("1. Use Y", expected),
            "{written}"
        );
    }
}

// aindaco1/film (249 records, nearly all with a standard status): a lone
// `Implemented behind a disabled production gate.` was a stray status whose help said to
// declare the whole sentence as one of the log's statuses.
#[test]
fn a_stray_status_that_is_a_sentence_is_not_offered_as_a_declaration() {
    let mut files: Vec<(String, String)> = (1..=120)
        .map(|n| {
            (
                format!("{n:04}-r.md"),
                nygard(&format!("{n}. R"), "2024-01-02", "Accepted"),
            )
        })
        .collect();
    files.push((
        "0121-gate.md".to_string(),
        nygard(
            "121. Gate",
            "2024-01-02",
            "Implemented behind a disabled production gate.",
        ),
    ));
    let dir = crate::util::log_with_owned(&files);
    let (_, stdout, _) = run(
        dir.path(),
        &["lint", "--format", "json", "--rule", "status-invalid"],
    );
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::helps_of(&document),
        ["write the status on a line of its own, and the sentence on the line after it"]
    );
}

// kwojtasinski-repo/ECommerceApp keeps each record in a folder named by its number:
// `0028/0028-remote-rag-ingest.md` with a README, notes and `amendments/0028-001-….md`. Each
// amendment was one more record 28 (number-duplicate, whose help would renumber them), and
// the notes were files "not named like a record".
#[test]
fn a_folder_named_by_a_records_number_holds_its_parts() {
    let record = nygard("ADR-0028: Remote RAG", "2025-05-21", "Accepted");
    let other = nygard("ADR-0027: Local RAG", "2025-05-18", "Accepted");
    let dir = log_with(&[
        ("0027/0027-local-rag.md", &other),
        ("0028/0028-remote-rag-ingest.md", &record),
        (
            "0028/README.md",
            "# ADR-0028\n\n- [Decision](0028-remote-rag-ingest.md)\n",
        ),
        (
            "0028/tech-details-dotnet.md",
            "# ADR-0028: Technical details — .NET\n",
        ),
        (
            "0028/amendments/0028-001-deviations.md",
            "# Amendment 1: Deviations\n\nDate: 2025-05-22\n",
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "0027  accepted  2025-05-18  Local RAG\n0028  accepted  2025-05-21  Remote RAG\n",
            ""
        )
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(crate::util::rules_of(&document), ["file-skipped"]);
}

// kreghek/SynAdor keeps `reports/report-accepted.md` beside its records: `adr index`
// warned that it was "not named like records … `adr lint` says how to name them", and lint
// said nothing (a document in a folder without records is no misnamed record).
#[test]
fn index_and_lint_agree_on_which_files_may_be_misnamed_records() {
    let record = nygard("1. Use ADRs", "2024-01-02", "Accepted");
    let dir = log_with(&[
        ("0001-use-adrs.md", &record),
        // A compiled report of the accepted records, each with its status and sections.
        (
            "reports/report-accepted.md",
            &format!("# Contents\n\n# 0001 Use ADRs\n\n## Status\n\nAccepted\n\n{NYGARD_TAIL}"),
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "created docs/adr/README.md (1 record)\n")
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 0);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(crate::util::rules_of(&document).is_empty(), "{stdout}");
    // A misnamed file beside the records is named by both.
    let kafka = nygard("Use Kafka", "2024-01-03", "Accepted");
    std::fs::write(dir.path().join("docs/adr/use-kafka.md"), kafka).unwrap();
    let (_, _, stderr) = run(dir.path(), &["index"]);
    assert!(stderr.contains("1 Markdown file in the log is not named like records and not in the index (`use-kafka.md`)"), "{stderr}");
    let (_, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        crate::util::rules_of(&document).contains(&"filename-format"),
        "{stdout}"
    );
}

// aindaco1/film 0169: `Superseded for production defaults by ADR 0223.` was told it "names
// no successor".
#[test]
fn a_successor_named_after_words_saying_in_what_is_read() {
    let old = nygard(
        "169. Stripe defaults",
        "2024-01-02",
        "Superseded for production defaults by ADR 0223. The adapter architecture remains implemented.",
    );
    let new = nygard(
        "223. Production defaults",
        "2024-02-02",
        "Accepted\n\nSupersedes [ADR 0169](0169-stripe-defaults.md)",
    );
    let dir = log_with(&[
        ("0169-stripe-defaults.md", &old),
        ("0223-production-defaults.md", &new),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n", "")
    );
    let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(records[0]["superseded_by"], 223);
}

// hyperledger/identus weighs two options under one heading (`### Table per Tenant and
// Schema per Tenant`): the second of each pair had "no pros and cons".
#[test]
fn a_heading_weighing_two_options_together_covers_both() {
    let record = "# Data isolation\n\n- Status: accepted\n- Date: 2023-05-10\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n- Row Security Policies - Shared Tables\n- Table per Tenant - Separate Tables\n- Schema per Tenant - Separate Schemas\n- Citus extension (sharding) - Sharded Instances\n- AWS (sharding) - Sharded Instances\n- Instance per Tenant - Separate Instance\n\n## Decision Outcome\n\nChosen option: \"Row Security Policies\", because it is simple.\n\n## Pros and Cons of the Options\n\n### Row Security Policies\n\n- Good, because simple\n\n### Table per Tenant and Schema per Tenant\n\n- Good, because isolated\n\n### Citus extension and AWS - Sharded Instances\n\n- Bad, because costly\n";
    let dir = log_with(&[("20230518-data-isolation.md", record)]);
    let (_, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::messages_of(&document),
        ["option `Instance per Tenant - Separate Instance` has no pros and cons"]
    );
}

// A log in a language adr has no table for (Swedish): every record lacks every section
// by adr's names. The log-wide finding's help offered only to drop them all from the list;
// it now says how to name the log's own headings.
#[test]
fn a_log_in_headings_adr_does_not_know_is_told_of_heading_aliases() {
    let record = |n: usize| {
        format!(
            "# Använd X{n}\n\n- Status: accepted\n- Date: 2021-10-13\n\n## Sammanhang och problembeskrivning\n\nVi behöver ett testramverk.\n\n## Beslut\n\nVi väljer X{n}.\n"
        )
    };
    let files: Vec<(String, String)> = (1..=4)
        .map(|n| (format!("2021101{n}-x{n}.md"), record(n)))
        .collect();
    let dir = crate::util::log_with_owned(&files);
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 1);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::helps_of(&document),
        [
            "add `## Context and Problem Statement`, `## Considered Options` and `## Decision Outcome` headings to each, or, if the log does not keep them, leave them out of the list in .adr.toml: `[lint.required-sections]` `madr2 = []`; or, if `## Sammanhang och problembeskrivning` is the log's `Context and Problem Statement`, say so: `[lint.heading-aliases]` `\"Sammanhang och problembeskrivning\" = \"Context and Problem Statement\"`"
        ]
    );
}

// podos: `adr status 12 "superseded by 11 and 16"` wrote `Superseded by [ADR-0011](…)`,
// exit 0: record 16 was dropped, and got no link back. Refused, with nothing written.
#[test]
fn a_status_naming_two_successors_is_refused_not_half_written() {
    let one = nygard("1. Use Kafka", "2024-01-02", "Accepted");
    let two = nygard("2. Use NATS", "2024-01-03", "Accepted");
    let three = nygard("3. Use Redis", "2024-01-04", "Accepted");
    let dir = log_with(&[
        ("0001-use-kafka.md", &one),
        ("0002-use-nats.md", &two),
        ("0003-use-redis.md", &three),
    ]);
    let before = crate::util::files_of(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "superseded by 2 and 3"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            "error: `2 and 3` names several records: `adr status` writes one successor; give the first (`adr status 1 \"superseded by N\"`), then add the others to the status line and their `Supersedes` lines by hand\n"
        )
    );
    assert_eq!(crate::util::files_of(dir.path()), before);
}

// phodal's adr-tools fork keeps a dated history in `## 状态` (`2018-03-14 提议`): `adr
// status 12 accepted` replaced the entry with `通过` and the history was lost; with two
// entries it refused, saying the result "would read as '2018-03-10 提议'".
#[test]
fn a_dated_status_history_gets_a_new_entry() {
    let record = |history: &str| {
        format!(
            "# 12. assets 目录合并问题\n\n日期: 2018-03-14\n\n## 状态\n\n列表：提议/通过/完成/已弃用/已取代\n\n{history}\n\n## 背景\n\nc\n\n## 决策\n\nd\n\n## 影响\n\ne\n"
        )
    };
    for history in ["2018-03-14 提议", "2018-03-10 提议\n\n2018-03-12 完成"] {
        let dir = log_with(&[("0012-assets.md", &record(history))]);
        let (code, _, stderr) = run(dir.path(), &["status", "12", "rejected"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            crate::util::read(dir.path().join("docs/adr/0012-assets.md")),
            record(&format!("{history}\n\n2025-11-23 拒绝"))
        );
        let (_, listed, _) = run(dir.path(), &["list"]);
        assert!(listed.starts_with("0012  拒绝"), "{listed}");
    }
}

// it-at-m/wahllokalsystem writes its status as a VitePress component,
// `<adr-status status='accepted'></adr-status>`: `adr status 1 rejected` wrote `Abgelehnt`
// in its place, and the page's component was gone. Only the attribute's value changes.
#[test]
fn a_status_written_as_a_components_attribute_changes_only_the_attribute() {
    let record = |status: &str| {
        format!(
            "# Kein Update von lombok\n\n## Status\n\n<adr-status status='{status}'></adr-status>\n\n## Kontext\n\nc\n\n## Entscheidung\n\nd\n\n## Konsequenzen\n\ne\n"
        )
    };
    let dir = log_with(&[("adr001-renovate-ignore-lombok.md", &record("accepted"))]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "rejected"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/adr001-renovate-ignore-lombok.md: <adr-status status='accepted'></adr-status> -> <adr-status status='rejected'></adr-status>\n",
            ""
        )
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/adr001-renovate-ignore-lombok.md")),
        record("rejected")
    );
}

// The component has no room for a successor: superseding writes `status='superseded'`, the
// successor's line names the record, and lint does not ask the component for a successor.
#[test]
fn a_component_status_is_superseded_through_its_successors_line() {
    let record = |title: &str, status: &str| {
        format!(
            "# {title}\n\n## Status\n\n<adr-status status='{status}'></adr-status>\n\n## Kontext\n\nc\n\n## Entscheidung\n\nd\n\n## Konsequenzen\n\ne\n"
        )
    };
    let dir = log_with(&[
        (
            "adr001-lombok.md",
            &record("Kein Update von lombok", "accepted"),
        ),
        ("adr002-datenmodell.md", &record("Datenmodell", "accepted")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "2", "superseded by 1"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/adr002-datenmodell.md")),
        record("Datenmodell", "superseded")
    );
    assert!(
        crate::util::read(dir.path().join("docs/adr/adr001-lombok.md"))
            .contains("Ersetzt: [2. Datenmodell](adr002-datenmodell.md)")
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
}

// mozilla/application-services (and MADR's own README) open adr-log's list with a note in
// the marker: `<!-- adrlog -- Regenerate the content by using … -->`. `adr index` did not
// see the marker and refused: "the list of records kept by hand … leaves out …".
#[test]
fn adr_logs_start_marker_with_a_note_is_its_marker() {
    let one = nygard("1. Use Kafka", "2024-01-02", "Accepted");
    let two = nygard("2. Use NATS", "2024-01-03", "Accepted");
    let readme = "# Log\n\n<!-- adrlog -- Regenerate the content by using `./update-readme.sh` -->\n\n* [ADR-0001](0001-use-kafka.md) - Use Kafka\n\n<!-- adrlogstop -->\n\nMore.\n";
    let dir = log_with(&[
        ("0001-use-kafka.md", &one),
        ("0002-use-nats.md", &two),
        ("README.md", readme),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "updated docs/adr/README.md (2 records)\n")
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/README.md")),
        "# Log\n\n<!-- adrlog -- Regenerate the content by using `./update-readme.sh` -->\n\n* [ADR-0001](0001-use-kafka.md) - Use Kafka\n* [ADR-0002](0002-use-nats.md) - Use NATS\n\n<!-- adrlogstop -->\n\nMore.\n"
    );
}
