//! Review P: the tool run as a new user on eight public ADR logs it had never seen (Dutch,
//! Korean, Japanese, Portuguese, Italian and English logs). Each test is a shape one of
//! them writes, and fails on the build that was reviewed.

use crate::util::{log_with, run};

fn lint_output(dir: &std::path::Path) -> (i32, String) {
    let (code, stdout, stderr) = run(dir, &["lint", "--color", "never"]);
    assert_eq!(stderr, "");
    (code, stdout)
}

// bible-study marks its parts with emoji (`## 🎯 Contexto`, `## 📊 CONSEQUÊNCIAS`): every
// such record had section-missing errors and a decision-empty warning.
#[test]
fn a_heading_decorated_with_emoji_names_its_part() {
    let nygard = |n: u32, context: &str, decision: &str, consequences: &str| {
        format!(
            "# {n}. Registro {n}\n\nData: 2024-01-0{n}\n\n## Status\n\nAceito\n\n## {context}\n\nx\n\n## {decision}\n\ny\n\n## {consequences}\n\nz\n"
        )
    };
    let dir = log_with(&[
        (
            "0001-um.md",
            &nygard(1, "Contexto", "Decisão", "Consequências"),
        ),
        (
            "0002-dois.md",
            &nygard(2, "🎯 Contexto", "💡 Decisão", "📊 CONSEQUÊNCIAS"),
        ),
        (
            "0003-tres.md",
            &nygard(3, "🎯 Context", "✅ 2. Decision ✅", "⚖️ Consequences"),
        ),
    ]);
    assert_eq!(
        lint_output(dir.path()),
        (0, "0 errors, 0 warnings in 3 files\n".to_string())
    );
}

// s3gw's 0004 and 0005 open with `# Context and Problem Statement`, no title above it: that
// part was taken for the title, so section-missing pointed at the heading it asked for, the
// two records had "the same title", and list showed both as "Context and Problem Statement".
#[test]
fn a_part_written_as_the_first_heading_is_no_title() {
    let dir = log_with(&[(
        "0004-release-captain.md",
        "# Context and Problem Statement\n\nWho cuts releases?\n\n## Considered Options\n\n* A captain\n\n## Decision Outcome\n\nChosen option: \"A captain\".\n",
    )]);
    assert_eq!(
        lint_output(dir.path()),
        (
            1,
            "warning[status-missing]: record has no status
 --> docs/adr/0004-release-captain.md:1:1
  |
1 | # Context and Problem Statement
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: add front matter with `status: proposed`, or a `## Status` section

error[title-missing]: record has no title
 --> docs/adr/0004-release-captain.md:1:1
  |
1 | # Context and Problem Statement
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ `Context and Problem Statement` is a part of the record, not its title
  |
  = help: add a `# Title` line above `# Context and Problem Statement` naming the decision

1 error, 1 warning in 1 file
"
            .to_string()
        )
    );
}

// Escape-Room-AGV keeps its log as a chapter of a guidebook: `### ADR-004 …` over `####
// Status` and `#### Context`. Every record had a title-missing error, list showed slugs,
// and `adr new` copied the template's `### ADR-002 TITLE` and its `Datum: 2025-03-21`,
// losing the title given and back-dating the record.
#[test]
fn a_title_a_level_down_is_read_and_written() {
    let record = |n: u32, title: &str, status: &str| {
        format!(
            "### ADR-00{n} {title}\n\nDatum: 2024-04-16\n\n#### Status\n\n{status}\n\n#### Context\n\nc\n\n#### Besluit\n\nb\n\n#### Consequenties\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "adr-001-record-architecture-decisions.md",
            &record(1, "Record architecture decisions", "Geaccepteerd"),
        ),
        (
            "adr-002-statische-pagina-generator.md",
            &record(2, "Statische pagina generator", "Geaccepteerd"),
        ),
        (
            "adr-000 template.md",
            "### ADR-002 TITLE\n\nDatum: 2025-03-21\n\n#### Status\n\n> A decision may be \"proposed\" or \"accepted\".\n\n#### Context\n\n> What is the issue?\n",
        ),
    ]);
    assert_eq!(
        lint_output(dir.path()),
        (0, "0 errors, 0 warnings in 2 files\n".to_string())
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &["new", "--no-edit", "--date", "2024-05-01", "Try the tool"],
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/adr-003-try-the-tool.md\n", "")
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/adr-003-try-the-tool.md")),
        "### ADR-003 Try the tool\n\nDatum: 2024-05-01\n\n#### Status\n\nVoorgesteld\n\n#### Context\n\n> What is the issue?\n"
    );
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  geaccepteerd  2024-04-16  Record architecture decisions\n0002  geaccepteerd  2024-04-16  Statische pagina generator\n0003  voorgesteld   2024-05-01  Try the tool\n"
        )
    );
}

// springboot-coupon-system dates six records `DATE: 2025.09.02 (PR [#46](…) 참고)`: each
// was "unreadable", list and the site showed the whole line as the date, and `lint --fix`
// rewrote only the plain dates, leaving the log with two date styles.
#[test]
fn a_date_with_a_note_after_it_is_read_and_fixed_without_the_note() {
    let record = |n: u32, date: &str| {
        format!(
            "# ADR 00{n}: 결정 {n}\n\nDATE: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("001-one.md", &record(1, "2024.05.09")),
        (
            "002-two.md",
            &record(2, "2024.09.02 (PR [#46](https://example.org/pull/46) 참고)"),
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  accepted  2024-05-09  결정 1\n0002  accepted  2024-09-02  결정 2\n"
        )
    );
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--fix", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "0 errors, 0 warnings in 2 files\n",
            "fixed docs/adr/001-one.md: date `2024.05.09` → `2024-05-09`\nfixed docs/adr/002-two.md: date `2024.09.02` → `2024-09-02`\n"
        )
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/002-two.md")),
        record(2, "2024-09-02 (PR [#46](https://example.org/pull/46) 참고)")
    );
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/001-one.md")),
        record(1, "2024-05-09")
    );
}

// HHS's grants log (a GitBook wiki) repeats the title as an H2 above the MADR 2 bullets:
// `* **Status:** Active` there was not read, so the record had no status.
#[test]
fn bullets_under_a_heading_that_repeats_the_title_are_the_records_own() {
    let dir = log_with(&[(
        "2023-07-17-frontend-tooling.md",
        "# Front-end Code Quality Tools\n\n## Front-end Code Quality Tools\n\n* **Status:** Active\n* **Last Modified:** 2023-07-17\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* ESLint\n\n## Decision Outcome\n\nChosen option: \"ESLint\".\n",
    )]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "-  active  2023-07-17  Front-end Code Quality Tools\n")
    );
    // The index gives the date a date-named file's name holds, as list does.
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "created docs/adr/README.md (1 record)\n")
    );
    let index = crate::util::read(dir.path().join("docs/adr/README.md"));
    assert!(
        index.contains("| [2023-07-17-frontend-tooling](2023-07-17-frontend-tooling.md) | Front-end Code Quality Tools | active | 2023-07-17 | |\n"),
        "{index}"
    );
}

// A sample to copy (`000-sample-example.md`), an addendum (`ADR-003-ADDENDUM-…` beside
// `ADR-003-…`), an explainer (`ADR-APPENDIX-what-is-adr.md`) and a folder of examples
// were read as records: a template prompt as a status, number-duplicate errors with advice
// to renumber, and log-wide counts pinned on an example.
#[test]
fn samples_addenda_appendices_and_examples_are_no_records() {
    let record = |n: u32, title: &str| {
        format!(
            "# ADR-00{n}: {title}\n\n**Status**: Accepted\n**Date**: 2024-12-14\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("ADR-001-versioning.md", &record(1, "Versioning")),
        (
            "ADR-003-semantic-versioning.md",
            &record(3, "Semantic versioning"),
        ),
        (
            "ADR-003-ADDENDUM-dual-approach.md",
            "# ADR-003 Addendum\n\nMore on the two approaches.\n",
        ),
        (
            "ADR-APPENDIX-what-is-adr.md",
            "# What is an ADR?\n\nAn explainer.\n",
        ),
        (
            "000-sample-example.md",
            "# ADR 000: {제목}\n\n## Status\n\n현재 이 결정의 상태 (Proposed, Accepted)\n",
        ),
        (
            "examples/002-adopt-supabase.md",
            &record(2, "Adopt Supabase"),
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  accepted  2024-12-14  Versioning\n0003  accepted  2024-12-14  Semantic versioning\n"
        )
    );
    let (code, stdout) = lint_output(dir.path());
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "info[file-skipped]: `000-sample-example.md` is named like a template, so it is not read as a record
--> docs/adr/000-sample-example.md
 = help: if it is a decision, rename it after what it decides

info[file-skipped]: `examples/002-adopt-supabase.md` is in a folder of examples, so it is not read as a record
--> docs/adr/examples/002-adopt-supabase.md
 = help: if it is a decision of the log, move it out of the examples folder

0 errors, 0 warnings, 2 info in 2 files
"
        )
    );
}

// bible-study writes `**Tags**: #arquitetura #workflows`: one tag with spaces and `#`s. The
// grants log's GitBook pages leave `content&#x20;` in a tag.
#[test]
fn hashtags_are_tags_each_and_entities_are_their_characters() {
    let dir = log_with(&[
        (
            "016-context-working-memory.md",
            "# 016. Memória de trabalho\n\n**Status**: Aceito\n**Data**: 2024-10-01\n**Tags**: #arquitetura #context-management\n\n## Contexto\n\nc\n\n## Decisão\n\nd\n\n## Consequências\n\nq\n",
        ),
        (
            "017-cms.md",
            "# 017. CMS\n\n**Status**: Aceito\n**Data**: 2024-10-02\n**Tags**: wiki, content&#x20;\n\n## Contexto\n\nc\n\n## Decisão\n\nd\n\n## Consequências\n\nq\n",
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let tags: Vec<&serde_json::Value> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| &row["tags"])
        .collect();
    assert_eq!(
        tags,
        [
            &serde_json::json!(["arquitetura", "context-management"]),
            &serde_json::json!(["wiki", "content"])
        ]
    );
}

// Clubhook keeps dapr's layout: `architecture/ARC-001:example.md` (a colon where the dash
// goes), `ARC-002-…`, and one record in `engineering/ENG-001-…`. None was read, `adr new`
// wrote `0001-…` at the top, and "no ADR log found" gave no hint.
#[test]
fn area_folders_with_one_record_or_a_colon_in_a_name_are_read() {
    let record = |title: &str| {
        format!(
            "# {title}\n\nDate: 2021/07/17\n\n## Status\n\nproposed\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("Clubhook");
    for (name, title) in [
        ("architecture/ARC-001:example.md", "Example"),
        (
            "architecture/ARC-002-backend-deployment.md",
            "Backend deployment",
        ),
        (
            "engineering/ENG-001-adopted-frontend-technology.md",
            "Front end technology",
        ),
        // Specifications of one record (NestorApp's `specs/SPEC-214-01-…`) are no series,
        // beside area folders or not.
        ("specs/SPEC-214-01-query-service.md", "Query service"),
        ("specs/SPEC-214-02-core-services.md", "Core services"),
    ] {
        let path = log.join(name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, record(title)).expect("write");
    }
    let (code, _, stderr) = run(dir.path(), &["list"]);
    let start = dir.path().display().to_string();
    assert_eq!(
        (code, stderr.replace(&start, "START")),
        (
            2,
            "error: no ADR log found from `START` upwards: `Clubhook/architecture` holds records: pass `--dir Clubhook/architecture`, or write `dir = \"Clubhook/architecture\"` in .adr.toml; `adr init` would start a second, empty log\n".to_string()
        )
    );
    let (code, stdout, _) = run(dir.path(), &["list", "--dir", "Clubhook"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "architecture/0001  proposed  2021-07-17  Example\narchitecture/0002  proposed  2021-07-17  Backend deployment\n engineering/0001  proposed  2021-07-17  Front end technology\n"
        )
    );
    let (code, _, _) = run(
        dir.path(),
        &["new", "--no-edit", "--dir", "Clubhook", "Try"],
    );
    assert_eq!(code, 2);
    assert!(!log.join("0001-try.md").exists());
}

// DR's log, before its area prefixes were read: `adr list` printed nothing and exited 0,
// with nothing to say why.
#[test]
fn an_empty_list_says_why() {
    let dir = log_with(&[
        ("notes.md", "# Notes\n"),
        ("template.md", "# Title\n\n## Status\n\n## Context\n"),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "no records in docs/adr: 2 Markdown files there are not read as records (`adr list --verbose` says why, `adr lint` reports them)\n"
        )
    );
}

// Atlas numbers each phase's folder from 001: list showed four `0001` rows side by side,
// with nothing saying which phase each was.
#[test]
fn a_series_of_its_own_is_listed_together_under_its_folder() {
    let record = |title: &str| {
        format!(
            "# {title}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("Phase0/001-storage.md", &record("Storage")),
        ("Phase0/002-phases.md", &record("Phases")),
        ("Phase1/001-logging.md", &record("Logging")),
        ("Phase1/002-search.md", &record("Search")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "Phase0/0001  accepted  -  Storage\nPhase0/0002  accepted  -  Phases\nPhase1/0001  accepted  -  Logging\nPhase1/0002  accepted  -  Search\n"
        )
    );
}

// HHS's grants log names the options part `## Solution Options`; NestorApp writes `## 4.
// Alternatives rejected`. Each was "missing Considered Options".
#[test]
fn options_named_in_the_logs_own_words_are_the_considered_options() {
    let record = |n: u32, options: &str| {
        format!(
            "# Record {n}\n\n* Status: accepted\n* Date: 2024-01-0{n}\n\n## Context and Problem Statement\n\nc\n\n## {options}\n\n* One\n* Two\n\n## Decision Outcome\n\nChosen option: \"One\".\n"
        )
    };
    let dir = log_with(&[
        ("0001-one.md", &record(1, "Solution Options")),
        ("0002-two.md", &record(2, "4. Alternatives rejected")),
        ("0003-three.md", &record(3, "Back-up Options")),
    ]);
    let (_, stdout) = lint_output(dir.path());
    let missing: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("error[section-missing]") || line.starts_with(" --> "))
        .collect();
    assert_eq!(
        missing,
        [
            "error[section-missing]: section `Considered Options` is missing",
            " --> docs/adr/0003-three.md:1:3"
        ],
        "{stdout}"
    );
}
