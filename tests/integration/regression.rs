//! One test per bug found, named after what broke.

use adr::discover::FileName;
use adr::source::SourceFile;

fn parse(text: &str) -> adr::model::Record {
    adr::parse::parse_record(
        SourceFile::new("x.md", text.to_string()),
        "0001-x.md".into(),
        FileName::parse("0001-x.md").unwrap(),
    )
    .unwrap_or_else(|failure| panic!("{}", failure.message))
}

// Found by the property test on `adr new`: a title whose fourth byte falls inside a
// character (`AaAü`) panicked while checking for an `adr:` prefix.
#[test]
fn issue_6_title_prefix_check_inside_a_character() {
    let record = parse("# AaAü and more\n");
    assert_eq!(record.title.unwrap().value, "AaAü and more");
}

// Lowercasing changes byte lengths (`İ` → `i̇`), so offsets taken from the lowercased
// title cut the original in the wrong place.
#[test]
fn issue_6_title_number_with_non_ascii_case_folding() {
    let record = parse("# ADR-7: İstanbul office\n");
    assert_eq!(record.title.unwrap().value, "İstanbul office");
    assert_eq!(record.title_number, Some(7));
}

// The property test on the status rewriter produced a duplicate key; libyaml reports it at
// the start of the mapping, which points at the wrong line.
#[test]
fn issue_6_duplicate_front_matter_key_points_at_the_second_one() {
    let text = "---\nstatus: accepted\nconsulted: []\nconsulted: [Ann]\n---\n\n# T\n";
    let failure = adr::parse::parse_record(
        SourceFile::new("x.md", text.into()),
        "x".into(),
        FileName::parse("0001-x.md").unwrap(),
    )
    .unwrap_err();
    assert_eq!(failure.line, Some(4));
    assert_eq!(
        failure.message,
        "front matter has the key `consulted` twice (first on line 3): keep one"
    );
}

// Review M: what ten more public logs showed. Each case names its log.
mod review_m {
    use super::parse;
    use crate::util::{log_with, read, run};

    // wolfcasaba/strumsight (238 records): `**Státusz:** elfogadva` and `## Kontextus` /
    // `## Döntés` / `## Következmények` were not read (227 records without a status, 46
    // false section-missing errors).
    #[test]
    fn hungarian_statuses_and_headings_are_read() {
        let record = parse(
            "# ADR 0050 — Branch-per-round\n\n**Státusz:** elfogadva (user döntés, 2026-07-28)\n\n## Kontextus\n\nc\n\n## Döntés\n\nd\n\n## Következmények\n\ne\n",
        );
        let status = record.status.as_ref().unwrap();
        assert_eq!(status.kind, adr::model::StatusKind::Accepted);
        assert!(record.section("decision").is_some() && record.section("consequences").is_some());
    }

    // wolfcasaba/strumsight: `- **Supersedes:** nothing. Builds on [ADR 0002](…)` was read
    // as superseding ADR 0002.
    #[test]
    fn supersedes_nothing_names_no_superseded_record() {
        let record = parse(
            "# 54. Versioned documents\n\n- **Status:** accepted\n- **Supersedes:** nothing. Builds on [ADR 0002](0002-feature-first.md).\n\n## Context\n\nc\n",
        );
        assert!(record.supersedes.is_empty(), "{:?}", record.supersedes);
        let record = parse(
            "# 54. Versioned documents\n\n- **Status:** accepted\n- **Supersedes:** [ADR 0002](0002-feature-first.md)\n\n## Context\n\nc\n",
        );
        assert_eq!(record.supersedes.len(), 1);
    }

    // SmartBear/git-en-boite keeps `0016-handle-concurrent-git-operations` without `.md`;
    // DAG-OS/dagos writes AsciiDoc records: `adr new` took their numbers (a second 0016, a
    // second 0001).
    #[test]
    fn a_new_record_does_not_take_the_number_of_a_file_that_is_not_read() {
        let nygard = "# 15. Remove Postgres\n\nDate: 2021-04-14\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
        let dir = log_with(&[
            ("0015-remove-postgres.md", nygard),
            ("0016-handle-concurrent-git-operations", "# 16. Handle\n"),
            ("0017-notes.adoc", "= 17. Notes\n"),
            ("2024-arch.png", "not an image"),
        ]);
        let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Try the tool"]);
        assert_eq!(
            (code, stdout.as_str()),
            (0, "docs/adr/0018-try-the-tool.md\n"),
            "{stderr}"
        );
    }

    // PoliticalSphere/political-sphere's first file is `0001-adr-template.md`, all
    // placeholders: it was listed as record 1 (`[proposed  YYYY-MM-DD  ADR-XXXX: [Title]`)
    // with 4 false findings. It is the log's template.
    #[test]
    fn a_numbered_template_is_the_logs_template_not_record_one() {
        let template = "# ADR-XXXX: [Title]\n\n**Status:** [Proposed | Accepted | Deprecated | Superseded]\n**Date:** YYYY-MM-DD\n\n## Context\n\n[Describe the context]\n\n## Decision\n\n[Describe the decision]\n\n## Consequences\n\n[Describe the consequences]\n";
        let record = "# ADR-0002: Monorepo with Nx\n\n**Status:** Accepted\n**Date:** 2025-11-10\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
        let dir = log_with(&[
            ("0001-adr-template.md", template),
            ("0002-monorepo.md", record),
        ]);
        let (code, stdout, stderr) = run(dir.path(), &["list"]);
        assert_eq!(
            (code, stdout.as_str()),
            (0, "0002  accepted  2025-11-10  Monorepo with Nx\n"),
            "{stderr}"
        );
        let (code, stdout, _) = run(dir.path(), &["lint"]);
        assert_eq!(
            (code, stdout.as_str()),
            (
                0,
                "info[file-skipped]: `0001-adr-template.md` is mostly placeholders, so it is read as a template, not as a record\n--> docs/adr/0001-adr-template.md\n = help: if it is a decision, fill it in and name it like the log's records\n\n0 errors, 0 warnings, 1 info in 1 file\n"
            )
        );
    }

    // CDCgov/trusted-intermediary writes `## Impact` in all 27 records and dates them
    // `Initial date: 2022-12-21`: lint said Consequences was missing in 27 of 27, and the date
    // was not read.
    #[test]
    fn impact_is_the_consequences_and_an_initial_date_the_date() {
        let record = parse(
            "# 8. Load Testing\n\nInitial date: 2022-12-21\n\n## Decision\n\nd\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Impact\n\ne\n",
        );
        assert!(record.section("consequences").is_some());
        assert_eq!(record.date.as_ref().unwrap().value.text(), "2022-12-21");
    }

    // touka-aoi/parallel-vs-single's template starts `ADR: タイトル` (no heading) above an H1
    // `# Status`: `adr new` wrote the title over `# Status`, and the record lost its Status
    // section. The title line takes the title, and `# Status` stays.
    #[test]
    fn a_templates_title_line_takes_the_title_and_its_status_heading_stays() {
        let template = "ADR: タイトル\n\n# Status\n- Draft: 記述中\n- Accepted: 承認\n\n# Context\n\n背景\n\n# Decision\n\n決定\n";
        let record = "ADR: Heartbeat\n\n# Status\n- Accepted: 承認\n\n# Context\n\n背景\n\n# Decision\n\n決定\n";
        let dir = log_with(&[
            ("ADR-000-template.md", template),
            ("ADR-001-heartbeat.md", record),
        ]);
        let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Try the tool"]);
        assert_eq!(code, 0, "{stderr}");
        let written = read(dir.path().join(stdout.trim()));
        assert!(
            written.starts_with("ADR: Try the tool\n\n# Status\n- Draft: 記述中\n"),
            "{written}"
        );
    }
}

// marcvanandel/fds-architecture (review L) left its template's date prompt in every record,
// `- Date: [YYYY-MM-DD van wanneer deze beslissing het laatst is bijgewerkt]`: list, index and
// site showed the prompt as the date. No date is shown (the one the file name carries is);
// lint still reports the prompt.
#[test]
fn a_date_prompt_left_in_is_no_date_to_show() {
    let record = "# P01: Data\n\n- Status: draft\n- Date: [YYYY-MM-DD van wanneer deze beslissing het laatst is bijgewerkt]\n\n## Context en probleemstelling\n\nc\n\n## Besluit\n\nd\n";
    let dir = crate::util::log_with(&[("20230915-p01-data.md", record)]);
    let (code, stdout, stderr) = crate::util::run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "-  draft  2023-09-15  P01: Data\n"),
        "{stderr}"
    );
    let (_, stdout, _) = crate::util::run(dir.path(), &["lint"]);
    assert!(stdout.contains("placeholder-left"), "{stdout}");
}

// touka-aoi/parallel-vs-single (review M) writes its records' parts as H1s under an H1
// title: `# Status` then `- Deprecated: 内容が古くなり破棄された`, or `# Status: accepted`
// on a heading of its own. No record had a status, and `adr status` refused.
#[test]
fn a_status_under_an_h1_that_is_not_the_title_is_read() {
    let record = parse(
        "# ADR: Heartbeat Loop 採用\n\n# Status\n- Deprecated: 内容が古くなり破棄された\n\n# Decision\n決定\n\n# Context\n背景\n",
    );
    assert_eq!(
        record.status.as_ref().map(|status| status.kind.clone()),
        Some(adr::model::StatusKind::Deprecated)
    );
    let record =
        parse("# ADR SessionEndpoint の Close 設計\n# Status: accepted\n\n# Decision\n決定\n");
    assert_eq!(
        record.status.as_ref().map(|status| status.kind.clone()),
        Some(adr::model::StatusKind::Accepted)
    );
    assert_eq!(
        record.title.as_ref().map(|title| title.value.as_str()),
        Some("ADR SessionEndpoint の Close 設計")
    );
    // Its title on a line of its own above the parts, without a heading: the list showed
    // the file's slug.
    let record = parse(
        "ADR: SessionID.Bytes()はエラーを返さない\n\n# Status\n- Accepted: 承認\n\n# Decision\n決定\n\n# Context\n背景\n",
    );
    let title = record.title.as_ref().unwrap();
    assert_eq!(
        (title.value.as_str(), title.line),
        ("SessionID.Bytes()はエラーを返さない", 1)
    );
    assert_eq!(record.source.slice(title.span), title.value);
}

/// Found by review N on ten public logs no earlier review had read.
mod review_n {
    use super::parse;
    use crate::util::{log_with, read, run};

    // DEFRA: `Supersedes the "option 3" portion of [ADR 0016](…)` was read as superseding
    // 0016, which stands.
    #[test]
    fn a_partial_supersession_names_no_superseded_record() {
        for line in [
            "Supersedes the \"option 3\" portion of [ADR 0016](0016-admin-ui.md) for scopes.",
            "Partially supersedes [ADR 0016](0016-admin-ui.md).",
        ] {
            let record = parse(&format!(
                "# 33. Scopes\n\n## Status\n\nProposed\n\n{line}\n"
            ));
            assert!(
                record.supersedes.is_empty(),
                "{line}: {:?}",
                record.supersedes
            );
        }
        let whole = parse(
            "# 33. Scopes\n\n## Status\n\nProposed\n\nSupersedes [ADR 0016](0016-admin-ui.md).\n",
        );
        assert_eq!(whole.supersedes.len(), 1);
    }

    // DITP-pilotage/pilote-2 names its record `001. Enregistrement des décisions ….md`: it
    // was not read, `adr new` wrote a second record 1, and `adr status 1` changed that one.
    #[test]
    fn a_file_numbered_like_a_list_item_is_a_record() {
        let record = "# 001. Enregistrement des décisions\n\nDate : 2022-11-02\n\n## Statut\n\nAccepté\n\n## Contexte\n\nc\n\n## Décision\n\nd\n\n## Conséquences\n\ne\n";
        let dir = log_with(&[("001. Enregistrement des décisions.md", record)]);
        let (code, stdout, _) = run(dir.path(), &["list"]);
        assert_eq!(
            (code, stdout.as_str()),
            (
                0,
                "0001  accepté  2022-11-02  Enregistrement des décisions\n"
            )
        );
        // Named as the log names its records (review Z).
        let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Utiliser Redis"]);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "docs/adr/002. Utiliser Redis.md\n", "")
        );
    }

    // CQEN's records all carry the front matter of the log's French MADR template,
    // `gabarit.md`, with `status: accepté`: `adr new` wrote none (the next lint asked for a
    // `## Status` section no record has), and `adr status … superseded by` a dated record
    // was refused (its name read back as record 2023).
    #[test]
    fn a_translated_madr_template_is_written_and_a_dated_successor_named() {
        let template = "---\ntitle: Décision (MADR)\nsubtitle: {Titre de la décision}\ndate: {AAAA-MM-JJ}\nstatus: {proposé | rejeté | accepté | déprécié}\n---\n# {Titre de la décision}\n\n## Contexte et problème\n\n{Décrivez le contexte}\n\n## Options envisagées\n\n* {titre de l'option 1}\n\n## Résultat de la décision\n\nOption choisie : « {titre de l'option 1} »\n";
        let record = |subtitle: &str, date: &str| {
            format!(
                "---\ntitle: Décision (MADR)\nsubtitle: {subtitle}\ndate: {date}\nstatus: accepté\n---\n# {subtitle}\n\n## Contexte et problème\n\nc\n\n## Options envisagées\n\n* Un\n\n## Résultat de la décision\n\nOption choisie : « Un »\n"
            )
        };
        let dir = crate::util::log_with_owned(&[
            ("gabarit.md".into(), template.to_string()),
            (
                "2021-09-15-Hebergement.md".into(),
                record("Hébergement", "2021-09-15"),
            ),
            (
                "2023-01-30-Acces_Github.md".into(),
                record("Accès Github", "2023-01-30"),
            ),
        ]);
        let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Choix des secrets"]);
        assert_eq!((code, stderr.as_str()), (0, ""));
        let written = read(dir.path().join(stdout.trim()));
        assert!(
            written
                .starts_with("---\ntitle: Décision (MADR)\nsubtitle: Choix des secrets\ndate: 2"),
            "{written}"
        );
        assert!(
            written.contains("\nstatus: proposé\n---\n# Choix des secrets\n"),
            "{written}"
        );
        let (code, stdout, stderr) = run(
            dir.path(),
            &[
                "status",
                "2021-09-15-Hebergement",
                "superseded",
                "by",
                "2023-01-30-Acces_Github",
            ],
        );
        assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
        assert!(
            read(dir.path().join("docs/adr/2021-09-15-Hebergement.md"))
                .contains("\nstatus: remplacé par 2023-01-30-Acces_Github\n")
        );
    }

    // DEFRA keeps adr-tools' `generate toc` in `index.md`, with no README: `adr index`
    // made a README beside it, and index.md went stale.
    #[test]
    fn an_index_md_without_a_readme_is_the_logs_index() {
        let record = |n: u32, title: &str| {
            format!(
                "# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
            )
        };
        let toc = "# Architecture Decision Records\n\n* [1. Record decisions](0001-record-decisions.md)\n* [2. Use Notify](0002-use-notify.md)\n";
        let dir = crate::util::log_with_owned(&[
            (
                "0001-record-decisions.md".into(),
                record(1, "Record decisions"),
            ),
            ("0002-use-notify.md".into(), record(2, "Use Notify")),
            ("0003-use-redis.md".into(), record(3, "Use Redis")),
            ("index.md".into(), toc.to_string()),
        ]);
        let (code, _, stderr) = run(dir.path(), &["index"]);
        assert_eq!(
            (code, stderr.as_str()),
            (
                2,
                "error: docs/adr/index.md:3: the list of records kept by hand here (lines 3-4) leaves out `0003-use-redis.md`: list it there, or, to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n"
            )
        );
        assert!(!dir.path().join("docs/adr/README.md").exists());
        assert_eq!(read(dir.path().join("docs/adr/index.md")), toc);
    }

    // saotus/…: a Russian record superseded was written `Superseded by […]` in English.
    #[test]
    fn a_russian_supersession_is_written_in_russian() {
        let record = |n: u32, title: &str| {
            format!(
                "# {n}. {title}\n\nДата: 2024-01-0{n}\n\n## Статус\n\nПринято\n\n## Контекст\n\nк\n\n## Решение\n\nр\n\n## Последствия\n\nп\n"
            )
        };
        let dir = crate::util::log_with_owned(&[
            ("0001-use-dsl.md".into(), record(1, "Использование DSL")),
            ("0002-use-cli.md".into(), record(2, "Использование CLI")),
        ]);
        let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "by", "2"]);
        assert_eq!((code, stderr.as_str()), (0, ""));
        let old = read(dir.path().join("docs/adr/0001-use-dsl.md"));
        assert!(
            old.contains("## Статус\n\nЗаменено на [2. Использование CLI](0002-use-cli.md)\n"),
            "{old}"
        );
        let new = read(dir.path().join("docs/adr/0002-use-cli.md"));
        assert!(
            new.contains("Принято\n\nЗаменяет: [1. Использование DSL](0001-use-dsl.md)\n"),
            "{new}"
        );
        let (code, _, _) = run(dir.path(), &["lint"]);
        assert_eq!(code, 0);
    }

    // Zss.BilliardHall keeps `**替代（Supersedes）**：` / `- 无` and `**被替代（Superseded
    // By）**：` / `- 无` in a Relationships section, and closes each record with a one-line
    // H1 summary: `adr status … superseded by` left both "none" items, contradicting the
    // status, and appended an English section after the summary.
    #[test]
    fn a_supersession_fills_the_logs_own_none_items() {
        let record = |n: u32, title: &str| {
            format!(
                "# ADR-{n}：{title}\n\n**状态**：✅ Accepted\n\n## 背景\n\n正文。\n\n## 决策\n\n正文。\n\n## 后果\n\n正文。\n\n## 关系声明（Relationships）\n\n**替代（Supersedes）**：\n- 无\n\n**被替代（Superseded By）**：\n- 无\n\n---\n\n# ADR 终极一句话定义\n\n> **一句话。**\n"
            )
        };
        let dir = crate::util::log_with_owned(&[
            ("ADR-201-handler.md".into(), record(201, "处理器生命周期")),
            ("ADR-210-events.md".into(), record(210, "领域事件版本化")),
        ]);
        let (code, _, stderr) = run(dir.path(), &["status", "201", "superseded", "by", "210"]);
        assert_eq!((code, stderr.as_str()), (0, ""));
        let old = read(dir.path().join("docs/adr/ADR-201-handler.md"));
        assert!(
            old.contains(
                "**被替代（Superseded By）**：\n- [210. 领域事件版本化](ADR-210-events.md)\n"
            ),
            "{old}"
        );
        assert!(old.contains("**替代（Supersedes）**：\n- 无\n"), "{old}");
        let new = read(dir.path().join("docs/adr/ADR-210-events.md"));
        assert!(
            new.contains("**替代（Supersedes）**：\n- [201. 处理器生命周期](ADR-201-handler.md)\n"),
            "{new}"
        );
        assert!(new.ends_with("> **一句话。**\n"), "{new}");
        let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
        let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!((code, crate::util::rules_of(&document)), (0, vec![]));
    }
}

/// Found by review O on ten more public logs.
mod review_o {
    use crate::util::{log_with, read, run};

    // infonl's log4brains records link each other with `- Relates to […](…)`: `adr status
    // … superseded by` took that link for a "Supersedes" and wrote one side only, and lint
    // said nothing.
    #[test]
    fn a_relates_to_link_is_no_supersedes_line() {
        let record = |title: &str, link: &str| {
            format!(
                "# {title}\n\n- Status: accepted\n- Date: 2022-12-14\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n- One\n\n## Decision Outcome\n\nChosen option: \"One\"\n{link}"
            )
        };
        let dir = log_with(&[
            ("20221214-use-log4brains.md", &record("Use Log4brains", "")),
            (
                "20221214-use-markdown.md",
                &record(
                    "Use Markdown",
                    "\n## Links\n\n- Relates to [Use Log4brains](20221214-use-log4brains.md)\n",
                ),
            ),
        ]);
        let (code, stdout, stderr) = run(
            dir.path(),
            &[
                "status",
                "20221214-use-log4brains",
                "superseded",
                "by",
                "20221214-use-markdown",
            ],
        );
        assert_eq!((code, stderr.as_str()), (0, ""));
        assert!(stdout.contains("added that it supersedes"), "{stdout}");
        let new = read(dir.path().join("docs/adr/20221214-use-markdown.md"));
        // In the list's own marker (review O: `* Supersedes` after `- ` items).
        assert!(
            new.ends_with("- Relates to [Use Log4brains](20221214-use-log4brains.md)\n- Supersedes [use-log4brains](20221214-use-log4brains.md)\n"),
            "{new}"
        );
    }

    // pass-emploi's French bullets keep a status word of their own (`* Statut : mergé`):
    // superseded, it became `superseded by [ADR-0003](…)` in English.
    #[test]
    fn a_status_word_of_the_logs_own_is_changed_in_the_records_language() {
        let record = |n: u32, status: &str| {
            format!(
                "# ADR-00{n} : Titre {n}\n\n* Statut : {status}\n* Date : 2022-06-15\n\n## Contexte et énoncé du problème\n\nc\n\n## Options envisagées\n\n* Une\n\n## Résultat de la décision\n\nOption choisie : « Une »\n"
            )
        };
        let dir = log_with(&[
            ("ADR-001-notifications.md", &record(1, "mergé")),
            ("ADR-003-dates.md", &record(3, "accepté")),
        ]);
        let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "by", "3"]);
        assert_eq!((code, stderr.as_str()), (0, ""));
        let old = read(dir.path().join("docs/adr/ADR-001-notifications.md"));
        assert!(
            // In the log's own id width (review S: `ADR-003`, as its files are named).
            old.contains("* Statut : remplacé par [ADR-003](ADR-003-dates.md)\n"),
            "{old}"
        );
    }

    // dapr keeps `api/API-001-….md` … and `cli/CLI-001-….md` …, each folder with a prefix of
    // its own: only the API records were read, the others in no command's output.
    #[test]
    fn each_component_folder_reads_its_own_prefix() {
        let record = |title: &str| {
            format!(
                "# {title}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
            )
        };
        let dir = crate::util::log_with_owned(&[
            (
                "api/API-001-state-store.md".into(),
                record("API-001: State store"),
            ),
            ("api/API-002-actors.md".into(), record("API-002: Actors")),
            ("api/API-003-names.md".into(), record("API-003: Names")),
            (
                "cli/CLI-001-versioning.md".into(),
                record("CLI-001: Versioning"),
            ),
            ("cli/CLI-002-init.md".into(), record("CLI-002: Init")),
        ]);
        let (code, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
        let listed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!((code, listed.as_array().map(Vec::len)), (0, Some(5)));
        let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
        let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!((code, crate::util::rules_of(&document)), (0, vec![]));
        // A folder of one record's specifications (`SPEC-214-01-…`, `SPEC-214-02-…`, NestorApp)
        // or a record's own folder is no series of records.
        for (name, text) in [
            ("specs/SPEC-214-01-queries.md", "# Queries\n"),
            ("specs/SPEC-214-02-services.md", "# Services\n"),
            ("ADR-268-reports/SPEC-001-domains.md", "# Domains\n"),
            ("ADR-268-reports/SPEC-002-filters.md", "# Filters\n"),
        ] {
            let path = dir.path().join("docs/adr").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
        let listed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(listed.as_array().map(Vec::len), Some(5));
    }

    // cosmere keeps its index in `INDICE.md`, dapr in `decision_records/decision_records.md`:
    // `adr index` started an English README beside each.
    #[test]
    fn an_index_named_in_the_logs_language_or_as_its_folder_is_the_index() {
        let record = "# 1. Usar Kafka\n\nFecha: 2024-01-01\n\n## Estado\n\nAceptado\n\n## Contexto\n\nc\n\n## Decisión\n\nd\n\n## Consecuencias\n\ne\n";
        for index in ["INDICE.md", "adr.md"] {
            let dir = log_with(&[
                ("0001-usar-kafka.md", record),
                (
                    index,
                    "# Índice\n\n<!-- adr-index:start -->\n<!-- adr-index:end -->\n",
                ),
            ]);
            let (code, _, stderr) = run(dir.path(), &["index"]);
            assert_eq!(
                (code, stderr),
                (0, format!("updated docs/adr/{index} (1 record)\n"))
            );
            assert!(!dir.path().join("docs/adr/README.md").exists());
        }
    }

    // vmaf keeps 364 fragments named like records in `_index_fragments/`: a finding each
    // buried the log's own 140 under 364 blocks of text.
    #[test]
    fn files_hidden_in_one_folder_are_one_finding() {
        let record = "# 1. Use Kafka\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
        let mut files: Vec<(String, String)> = vec![("0001-use-kafka.md".into(), record.into())];
        for n in 2..=6 {
            files.push((format!("_fragments/000{n}-part.md"), "# Part\n".into()));
        }
        files.push(("_drafts/0007-draft.md".into(), "# Draft\n".into()));
        let dir = crate::util::log_with_owned(&files);
        let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
        let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let messages = crate::util::messages_of(&document);
        assert_eq!(
            (code, messages),
            (
                0,
                vec![
                    "`0007-draft.md` is named like a record but hidden by a leading `_` or `.` in its path, so it is not read",
                    "`_fragments/` holds 5 files named like records, hidden by the leading `_` of `_fragments`, so none is read",
                ]
            )
        );
    }

    // es-cosmere's `PLANTILLA.md` asks for Contexto, Decisión, Consecuencias under `- Estado:`
    // bullets; a record missing Consecuencias was asked for MADR's Opciones consideradas.
    #[test]
    fn a_record_written_from_the_logs_template_is_held_to_it_whatever_its_bullets() {
        let template = "# Plantilla ADR\n\n- Estado: propuesto\n- Fecha: dd/mm/aa\n\n## Contexto\n\n...\n\n## Decisión\n\n...\n\n## Consecuencias\n\n...\n";
        let whole = "# 0001 - Gobernanza\n\n- Estado: aceptado\n- Fecha: 2024-02-12\n\n## Contexto\n\nc\n\n## Decisión\n\nd\n\n## Consecuencias\n\ne\n";
        let partial = "# 0002 - Politica SQLite\n\n- Estado: aceptado\n- Fecha: 2024-02-12\n\n## Contexto\n\nc\n\n## Decision (historica)\n\nd\n\n## Estado actual\n\ne\n";
        let dir = log_with(&[
            ("PLANTILLA.md", template),
            ("0001-gobernanza.md", whole),
            ("0002-politica-sqlite.md", partial),
        ]);
        let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
        let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let messages = crate::util::messages_of(&document);
        assert_eq!(
            (code, messages),
            (1, vec!["section `Consecuencias` is missing"])
        );
    }
}
