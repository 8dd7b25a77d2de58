//! Records written in other languages and with other vocabularies (issue 14, items 3–5 and
//! the `placeholder-left` part of 9): status words, headings, labels and dates read as their
//! English forms from the tables in `src/vocabulary/`, documented in `docs/languages.md`.

use std::path::Path;

use crate::util::{copy_dir, fixtures, log_with, read, repo_root, run};

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let (code, stdout, stderr) = run(dir, args);
    assert!(stderr.is_empty(), "{stderr}");
    (code, serde_json::from_str(&stdout).expect("JSON on stdout"))
}

/// A project whose log is a copy of `tests/fixtures/<fixture>` (a `.adr.toml` in it goes to
/// the project root).
fn project_from(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("docs/adr");
    copy_dir(&fixtures().join(fixture), &log);
    let config = log.join(".adr.toml");
    if config.exists() {
        std::fs::rename(&config, dir.path().join(".adr.toml")).expect("move config");
    }
    dir
}

/// Each record `adr list --format json` gives in `dir` (which must exit 0), as `row` shows it.
fn listed(dir: &Path, row: impl Fn(&serde_json::Value) -> String) -> Vec<String> {
    let (code, document) = json(dir, &["list", "--format", "json"]);
    assert_eq!(code, 0);
    document.as_array().unwrap().iter().map(row).collect()
}

/// `rule line message` per finding, for exact comparisons.
fn findings(document: &serde_json::Value) -> Vec<String> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d["rule"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"],
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn docs_languages_md_is_generated_from_the_tables() {
    let path = repo_root().join("docs/languages.md");
    let generated = adr::vocabulary::languages_markdown();
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(&path, &generated).expect("write docs/languages.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/languages.md is out of date: regenerate it with `SNAPSHOTS=overwrite cargo test --test integration vocabulary::`"
    );
}

// Issue #14: French, German, Chinese, Spanish, Portuguese, Japanese, Korean and Russian
// records were not read: every heading "missing", every status unknown. Review K found the
// same of Italian, Polish, Turkish and Vietnamese logs (`**Trạng thái:** Đã quyết định`).
#[test]
fn issue_14_records_in_eight_languages_lint_as_their_english_forms() {
    let project = project_from("logs/languages");
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 0, "{document}");
    assert_eq!(
        findings(&document),
        [
            "date-format docs/adr/0002-kafka-fuer-ereignisse.md:3 date `18.10.2014` is not written `YYYY-MM-DD`",
            "date-format docs/adr/0003-使用-angular-元素.md:3 date `2017/11/22` is not written `YYYY-MM-DD`",
            "date-format docs/adr/0009-usare-sqlite.md:4 date `12 luglio 2025` is not written `YYYY-MM-DD`",
        ]
    );
    let (code, stdout, stderr) = run(project.path(), &["lint"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    insta::assert_snapshot!("vocabulary_languages_lint", stdout);
}

#[test]
fn list_shows_statuses_and_dates_as_the_log_means_them() {
    let project = project_from("logs/languages");
    let rows = listed(project.path(), |record| {
        format!(
            "{} {} {}",
            record["number"],
            record["status"].as_str().unwrap_or("-"),
            record["date"].as_str().unwrap_or("-")
        )
    });
    assert_eq!(
        rows,
        [
            "1 accepté 2023-04-12",
            "2 akzeptiert 2014-10-18",
            "3 完成 2017-11-22",
            "4 aceptada 2022-11-19",
            "5 aceito 2023-09-26",
            "6 承認 2021-03-04",
            "7 승인 2021-05-06",
            "8 принято 2020-02-03",
            "9 accettato 2025-07-12",
            "10 zaakceptowana 2025-03-14",
            "11 kabul edildi 2025-07-12",
            "12 đã quyết định 2025-05-02",
        ]
    );
    // The kind is what filters: `accepted` finds every accepted record, whatever its word.
    let (code, stdout, _) = run(project.path(), &["list", "--status", "accepted"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 12, "{stdout}");
}

// Issue #14: a log's own status word was an error on every record that used it.
#[test]
fn issue_14_a_word_several_records_use_is_one_finding_with_the_line_that_declares_it() {
    let project = project_from("rules/status-undeclared/fail-shared-word");
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 0, "{document}");
    assert_eq!(
        findings(&document),
        [
            "status-undeclared docs/adr/0001-decision-1.md:7 status `experimental` is used by 3 records but not declared: `0001-decision-1.md`, `0002-decision-2.md`, `0003-decision-3.md`",
            "status-undeclared docs/adr/0004-decision-4.md:7 status `sunset` is used by 2 records but not declared: `0004-decision-4.md`, `0005-decision-5.md`",
        ]
    );
    let help = document["diagnostics"][0]["help"].as_str().unwrap();
    let line = help
        .split('`')
        .find(|part| part.starts_with("statuses = "))
        .expect("a ready `statuses` line");
    assert_eq!(line, r#"statuses = ["experimental", "sunset"]"#);
    // The line, pasted into `.adr.toml`, is all the log needs.
    std::fs::write(project.path().join(".adr.toml"), format!("{line}\n")).unwrap();
    let (code, stdout, stderr) = run(project.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 5 files\n", "")
    );
}

#[test]
fn a_typo_stays_an_error_on_each_record_however_many_use_it() {
    let project = project_from("rules/status-invalid/fail-typo-shared");
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&document),
        [
            "status-invalid docs/adr/0001-decision-1.md:7 unknown status `Acepted`",
            "status-invalid docs/adr/0002-decision-2.md:7 unknown status `Acepted`",
        ]
    );
}

#[test]
fn status_words_of_real_logs_need_no_configuration() {
    let project = project_from("rules/status-invalid/pass-vocabulary");
    // The status rules only: `已取代` names no successor, which another rule reports.
    let (code, stdout, stderr) = run(
        project.path(),
        &[
            "lint",
            "--rule",
            "status-invalid",
            "--rule",
            "status-undeclared",
            "--rule",
            "status-missing",
        ],
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 28 files\n", "")
    );
    let (_, document) = json(project.path(), &["list", "--format", "json"]);
    let statuses: Vec<&str> = document
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "approved",
            "implemented",
            "draft",
            "pending",
            "review",
            "living",
            "final",
            "stagnant",
            "withdrawn",
            "declined",
            "reverted",
            "rejected",
            "on hold",
            "accepted-provisional",
            "accepté",
            "résolu",
            "aceptada",
            "akzeptiert",
            "abgelehnt",
            "vorgeschlagen",
            "aceito",
            "принято",
            "承認",
            "승인",
            "提议",
            "已取代",
            "完成",
            "已弃用",
        ]
    );
}

#[test]
fn fix_writes_unambiguous_dates_as_iso_and_leaves_the_others() {
    let records = [
        ("0001-a.md", "Date: 18.10.2014", "Date: 2014-10-18"),
        ("0002-b.md", "Date: Nov 19, 2022", "Date: 2022-11-19"),
        ("0003-c.md", "- Date 2017/11/22", "- Date 2017-11-22"),
        ("0004-d.md", "Date: 10/11/2022", "Date: 10/11/2022"),
        ("0005-e.md", "Date: TBD", "Date: TBD"),
    ];
    let nygard = |number: usize, date: &str| {
        format!(
            "# {number}. Decision {number}\n\n{date}\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n"
        )
    };
    let files: Vec<(String, String)> = records
        .iter()
        .enumerate()
        .map(|(index, (name, date, _))| (name.to_string(), nygard(index + 1, date)))
        .collect();
    let project = crate::util::log_with_owned(&files);
    let (_, document) = json(project.path(), &["lint", "--format", "json"]);
    let help: Vec<(&str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        help,
        [
            ("date-format", "write `2014-10-18`"),
            ("date-format", "write `2022-11-19`"),
            ("date-format", "write `2017-11-22`"),
            (
                "date-format",
                "write `2022-11-10` if the day comes first (10 November 2022), or `2022-10-11` if the month does (11 October 2022)"
            ),
            (
                "date-unreadable",
                "write the day the decision was made as `YYYY-MM-DD`, e.g. `2025-05-11`"
            ),
        ]
    );
    let (code, _, stderr) = run(project.path(), &["lint", "--fix"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "fixed docs/adr/0001-a.md: date `18.10.2014` → `2014-10-18`\n\
             fixed docs/adr/0002-b.md: date `Nov 19, 2022` → `2022-11-19`\n\
             fixed docs/adr/0003-c.md: date `2017/11/22` → `2017-11-22`\n"
        )
    );
    for (index, (name, _, fixed)) in records.iter().enumerate() {
        assert_eq!(
            read(project.path().join("docs/adr").join(name)),
            nygard(index + 1, fixed),
            "{name}"
        );
    }
}

// Issue #14: a record fresh from `adr new` got 24 `placeholder-left` warnings.
#[test]
fn issue_14_a_fresh_record_has_one_warning_per_kind_of_placeholder() {
    let project = tempfile::tempdir().unwrap();
    let (code, _, _) = run(project.path(), &["init"]);
    assert_eq!(code, 0);
    let (code, _, _) = run(project.path(), &["new", "Use", "Kafka"]);
    assert_eq!(code, 0);
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 0);
    let rules = crate::util::rules_of(&document);
    assert_eq!(rules, ["placeholder-left"], "{document}");
    let message = document["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("21 template placeholders left in, the first `{Describe the context"),
        "{message}"
    );
}

#[test]
fn new_status_and_list_take_the_words_lint_allows() {
    let project = tempfile::tempdir().unwrap();
    assert_eq!(run(project.path(), &["init"]).0, 0);
    let (code, _, stderr) = run(
        project.path(),
        &[
            "new",
            "--status",
            "Approved",
            "--date",
            "2024-01-02",
            "Use",
            "X",
        ],
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    let record = project.path().join("docs/adr/0001-use-x.md");
    assert!(
        read(&record).starts_with("---\nstatus: approved\ndate: 2024-01-02\n"),
        "{}",
        read(&record)
    );
    let (code, stdout, stderr) = run(project.path(), &["status", "1", "accepté"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/0001-use-x.md: approved -> accepté\n", "")
    );
    for wanted in ["accepted", "accepté", "ACCEPTÉ"] {
        let (code, stdout, _) = run(project.path(), &["list", "--status", wanted]);
        assert_eq!(
            (code, stdout.as_str()),
            (0, "0001  accepté  2024-01-02  Use X\n"),
            "{wanted}"
        );
    }
    let (code, stdout, _) = run(project.path(), &["list", "--status", "approved"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (code, _, stderr) = run(project.path(), &["status", "1", "aceppted"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `accepted`?"), "{stderr}");
}

#[test]
fn migrate_keeps_a_record_in_its_language_and_writes_its_date_as_iso() {
    let project = log_with(&[(
        "0002-kafka-fuer-ereignisse.md",
        &read(fixtures().join("logs/languages/0002-kafka-fuer-ereignisse.md")),
    )]);
    let (code, _, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!((code, stderr.as_str()), (0, "migrated 1 record\n"));
    assert_eq!(
        read(
            project
                .path()
                .join("docs/adr/0002-kafka-fuer-ereignisse.md")
        ),
        "---\nstatus: Akzeptiert\ndate: 2014-10-18\n---\n\n# Kafka für Ereignisse\n\n## Kontext\n\n\
         Die Dienste tauschen Ereignisse bisher über eine Datenbanktabelle aus.\n\n\
         ## Considered Options\n\n* Kafka für Ereignisse\n\n## Entscheidung\n\n\
         Wir verwenden Kafka als Ereignisbus.\n\n### Konsequenzen\n\n\
         Jeder Dienst braucht einen Kafka-Client.\n"
    );
}

// A Chinese log names the successor before the verb (`被 [ADR-0003](…) 取代`, "replaced by
// ADR-0003") and the record it supersedes under a `**取代**：` label, with titles numbered
// `ADR-0001：` (a full-width colon). All three were read as plain text: the status
// `已废弃` had no successor, and the titles kept their numbers.
#[test]
fn a_chinese_log_names_successors_before_the_verb_and_under_a_supersedes_label() {
    let project = project_from("logs/zh-supersession");
    let rows = listed(project.path(), |record| {
        format!(
            "{} {} {} supersedes {} superseded by {}",
            record["number"],
            record["title"].as_str().unwrap(),
            record["status"].as_str().unwrap(),
            record["supersedes"],
            record["superseded_by"]
        )
    });
    assert_eq!(
        rows,
        [
            "1 使用 PostgreSQL 存储订单 已采纳 supersedes [] superseded by null",
            "2 使用 MySQL 存储库存 superseded supersedes [] superseded by 3",
            "3 库存迁移到 PostgreSQL 已采纳 supersedes [2] superseded by null",
        ]
    );
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!((code, findings(&document)), (0, Vec::<String>::new()));
}

// Review K: `adr status` refused an Italian, Polish, Turkish or Vietnamese record ("the
// record states no status to change"); it writes the language's own word.
#[test]
fn a_status_change_writes_the_word_of_the_records_language() {
    let project = project_from("logs/languages");
    for (number, status) in [
        ("9", "deprecated"),
        ("10", "rejected"),
        ("12", "deprecated"),
    ] {
        let (code, _, stderr) = run(project.path(), &["status", number, status]);
        assert_eq!(code, 0, "{stderr}");
    }
    let status_lines: Vec<String> = [
        "0009-usare-sqlite.md",
        "0010-modularny-monolit.md",
        "0012-dung-redis.md",
    ]
    .iter()
    .map(|name| {
        let text = std::fs::read_to_string(project.path().join("docs/adr").join(name)).unwrap();
        text.lines().nth(2).unwrap().to_string()
    })
    .collect();
    assert_eq!(
        status_lines,
        [
            "**Stato:** Deprecato",
            "- Stan: Odrzucona",
            "**Trạng thái:** Không còn dùng",
        ]
    );
}

// Review K: tytsxai/exchange-platform qualifies its headings in full-width brackets,
// `## 决策（建议默认）` ("decision (the suggested default)"): lint said the decision was
// missing in 7 of 7 records, where `## 决策 (Decision)` was read.
#[test]
fn a_heading_qualified_in_full_width_brackets_is_its_section() {
    let record = "---\nstatus: accepted\ndate: 2025-12-21\n---\n\n# 撮合分片\n\n## 背景（如做合约）\n\n需要分片。\n\n## 决策（建议默认）\n\n按交易对分片。\n\n## 影响【风险】\n\n跨分片撮合更难。\n";
    let dir = crate::util::log_with(&[("0001-撮合分片.md", record)]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "lint",
            "--color",
            "never",
            "--rule",
            "section-missing",
            "--rule",
            "decision-empty",
        ],
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n", "")
    );
}

// Arbeidstilsynet/design (review L) keeps each record's status as a checklist of its stages,
// ticked and dated as it moves: `adr status 2 deprecated` wrote `- Deprecated` over the first
// stage (its date lost, `Akseptert` still ticked), lint called the checklist a list of choices,
// and `adr new` wrote `proposed` over the template's first stage. The status is the last
// stage ticked; a change ticks the stage it names and dates it; a status no stage names is
// refused; the template's first stage is ticked for a new record.
#[test]
fn a_status_kept_as_a_checklist_of_stages_is_read_ticked_and_dated() {
    let stages = |ticked: &[bool]| {
        let names = ["Foreslått", "Akseptert", "Avvist", "Erstattet"];
        let mut text = String::from("# 0002 - Pakkeversjonering\n\n## Status\n\n");
        for (name, ticked) in names.iter().zip(ticked) {
            let (mark, date) = match ticked {
                true => ("x", "2025-06-02"),
                false => (" ", "ÅÅÅÅ-MM-DD"),
            };
            let prompt = match *name {
                "Erstattet" => " _lenke til ADR som erstatter denne_",
                _ => "",
            };
            text.push_str(&format!("- [{mark}] {name} (dato: {date}){prompt}\n"));
        }
        text.push_str(
            "\n## Kontekst\n\nTekst.\n\n## Beslutning\n\nBruk X.\n\n## Konsekvenser\n\nBra.\n",
        );
        text
    };
    let record = stages(&[true, true, false, false]);
    let template =
        stages(&[false, false, false, false]).replace("0002 - Pakkeversjonering", "0000 - Tittel");
    let dir = log_with(&[
        ("adr-0000-template.md", &template),
        ("adr-0002-pakkeversjonering.md", &record),
        (
            "adr-0003-neste.md",
            &record.replace("0002 - Pakkeversjonering", "0003 - Neste"),
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.starts_with("0002  akseptert"), "{stdout}");
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert!(!stdout.contains("status-"), "{code} {stdout}");

    let path = dir.path().join("docs/adr/adr-0002-pakkeversjonering.md");
    let (code, stdout, stderr) = run(dir.path(), &["status", "2", "rejected"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/adr-0002-pakkeversjonering.md: Akseptert (dato: 2025-06-02) -> Avvist (dato: 2025-11-23)\n",
            ""
        )
    );
    assert_eq!(
        read(&path),
        record.replace(
            "- [ ] Avvist (dato: ÅÅÅÅ-MM-DD)",
            "- [x] Avvist (dato: 2025-11-23)"
        )
    );
    // No stage is `deprecated`: nothing is written.
    let before = read(&path);
    let (code, _, stderr) = run(dir.path(), &["status", "2", "deprecated"]);
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with("adr-0002-pakkeversjonering.md:3: the status is a checklist of stages (`Foreslått`, `Akseptert`, `Avvist`, `Erstattet`), and none of them is `deprecated`: tick the stage that holds by hand, or add one for it\n"),
        "{stderr}"
    );
    assert_eq!(read(&path), before);
    // The successor's link takes the place of the stage's prompt.
    let (code, _, stderr) = run(dir.path(), &["status", "3", "superseded", "by", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        read(dir.path().join("docs/adr/adr-0003-neste.md")).contains(
            "- [x] Erstattet (dato: 2025-11-23) [2. Pakkeversjonering](adr-0002-pakkeversjonering.md)\n"
        )
    );

    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Prøv verktøyet"]);
    assert_eq!(code, 0, "{stderr}");
    let written = read(dir.path().join(stdout.trim()));
    assert!(
        written.contains(
            "## Status\n\n- [x] Foreslått (dato: 2025-11-23)\n- [ ] Akseptert (dato: ÅÅÅÅ-MM-DD)\n"
        ),
        "{written}"
    );
}
