//! Supersession written in the shape the log uses, by `adr status` and `adr new
//! --supersedes` alike: a successor key in front matter (HubEvolution/EvolutionHub), a
//! successor line (maehwasoo/AILSS) and the log's badge (modernisation-platform). Before,
//! `adr new --supersedes` knew none of these shapes, and neither command filled the key.

use crate::util::{log_with, new_record, read, run};

/// A record keeping its status and successor in front matter, with a `## Status` section
/// restating the status in German.
fn keyed(status: &str, successor: &str, restated: &str) -> String {
    format!(
        "---\nstatus: {status}\ndate: '2024-03-12'\nsupersededBy: {successor}\nowner: 'team:architecture'\n---\n\n# ADR 5: Auth\n\n## Status\n\n{restated}\n\n## Kontext\n\nk\n\n## Entscheidung\n\ne\n\n## Konsequenzen\n\nq\n"
    )
}

// EvolutionHub marks a superseded record `status: deprecated` with `supersededBy:
// 'docs/architecture/adrs/0004-database-schema.md'`: `adr status 5 "superseded by 4"`
// wrote `status: superseded by ADR-0004`, a word the log does not use, and left
// `supersededBy: ''` empty, so the record said both that it had a successor and that it
// had none.
#[test]
fn a_successor_key_is_filled_as_the_log_fills_it() {
    let dir = log_with(&[
        (
            "0003-schema.md",
            &keyed("deprecated", "'docs/adr/0004-schema.md'", "Akzeptiert"),
        ),
        ("0004-schema.md", &keyed("active", "''", "Angenommen")),
        ("0005-auth.md", &keyed("active", "''", "Akzeptiert")),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "5", "superseded by 4"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "docs/adr/0005-auth.md: active -> deprecated (superseded by `0004-schema.md`)\ndocs/adr/0004-schema.md: added that it supersedes `0005-auth.md`\n"
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0005-auth.md")),
        keyed(
            "deprecated",
            "'docs/adr/0004-schema.md'",
            "Abgelöst durch [ADR-0004](0004-schema.md)"
        )
    );
    let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(records[2]["superseded_by"], 4, "{stdout}");
}

// With no record of the log to copy, the key names the successor's file from the record,
// beside the bare status: both read back, and lint finds nothing to say.
#[test]
fn a_successor_key_with_no_example_takes_the_file_and_a_bare_status() {
    let record = |title: &str, status: &str, successor: &str| {
        format!(
            "---\nstatus: {status}\nsuperseded_by:{successor}\n---\n\n# {title}\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* {title}\n\n## Decision Outcome\n\nd\n"
        )
    };
    let dir = log_with(&[
        ("0001-cache.md", &record("Cache", "accepted", "")),
        ("0002-redis.md", &record("Redis", "accepted", "")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded by 2"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0001-cache.md")),
        record("Cache", "superseded", " 0002-redis.md")
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n"),
        "{stdout}"
    );
}

// `adr new --supersedes` marked the old record with a link in its status line, in logs
// where `adr status` writes the key, the successor line or the badge.
#[test]
fn adr_new_supersedes_in_the_shape_adr_status_writes() {
    let dir = log_with(&[
        (
            "0003-schema.md",
            &keyed("deprecated", "'docs/adr/0004-schema.md'", "Akzeptiert"),
        ),
        ("0004-schema.md", &keyed("active", "''", "Angenommen")),
    ]);
    let (path, _) = new_record(
        dir.path(),
        "2025-01-02",
        &["Schema v3", "--supersedes", "4"],
    );
    assert_eq!(path, "docs/adr/0005-schema-v3.md");
    assert_eq!(
        read(dir.path().join("docs/adr/0004-schema.md")),
        keyed(
            "deprecated",
            "'docs/adr/0005-schema-v3.md'",
            "Abgelöst durch [ADR-0005](0005-schema-v3.md)"
        )
    );

    let lined = |title: &str, status: &str| {
        format!(
            "# {title}\n\nstatus: {status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("0003-spawn.md", &lined("0003. Spawn", "accepted")),
        (
            "0006-sandbox.md",
            &lined("0006. Sandbox", "superseded\nsuperseded_by: 0007-host"),
        ),
        ("0007-host.md", &lined("0007. Host", "accepted")),
    ]);
    new_record(dir.path(), "2025-01-02", &["Pool", "--supersedes", "3"]);
    assert_eq!(
        read(dir.path().join("docs/adr/0003-spawn.md")),
        lined("0003. Spawn", "superseded\nsuperseded_by: 0008-pool")
    );

    let badged = |title: &str, status: &str| {
        format!(
            "# {title}\n\nDate: 2024-01-02\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "0001-java.md",
            &badged(
                "1. Use Java",
                "⌛️ Superseded by [2. Use Go](0002-use-go.md)",
            ),
        ),
        ("0002-use-go.md", &badged("2. Use Go", "✅ Accepted")),
    ]);
    new_record(dir.path(), "2025-01-02", &["Use Rust", "--supersedes", "2"]);
    assert_eq!(
        read(dir.path().join("docs/adr/0002-use-go.md")),
        badged(
            "2. Use Go",
            "⌛️ Superseded by [3. Use Rust](0003-use-rust.md)"
        )
    );
}

// aws-samples/pcluster-manager (log4brains) lists relations under `## Links`, a section its
// template writes: `adr link` and supersession added a `## More Information` section below
// it instead, because only a MADR 2 record's `## Links` was used.
#[test]
fn relations_go_into_a_links_list_whatever_the_style() {
    let record = |title: &str, status: &str, links: &str| {
        format!(
            "---\nstatus: {status}\ndate: 2024-01-02\n---\n\n# {title}\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nd\n\n## Links\n\n- [Logging](https://example.com/logging){links}\n"
        )
    };
    let dir = log_with(&[
        ("0001-logs.md", &record("Logs", "accepted", "")),
        ("0002-vite.md", &record("Vite", "accepted", "")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["link", "2", "amends", "1"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded by 2"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0002-vite.md")),
        record(
            "Vite",
            "accepted",
            "\n- Amends [1. Logs](0001-logs.md)\n- Supersedes [ADR-0001](0001-logs.md)"
        )
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0001-logs.md")),
        record(
            "Logs",
            "superseded by ADR-0002",
            "\n- Amended by [2. Vite](0002-vite.md)"
        )
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n"),
        "{stdout}"
    );
}

// ministryofjustice/cloud-platform writes `Date: 05/02/2018`, day first as `26/03/2018`
// shows. lint read it so, but list, export, the index and the site showed the text as
// written, beside ISO for the dates with a day above 12, and `--since`/`--until` left out
// every record whose date could be read either way.
#[test]
fn a_date_that_could_be_two_days_is_read_as_the_log_writes_its_dates() {
    let record = |title: &str, date: &str| {
        format!(
            "# {title}\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("0001-search.md", &record("1. Search", "05/02/2018")),
        ("0002-github.md", &record("2. GitHub", "26/03/2018")),
        ("0003-users.md", &record("3. Users", "09/04/2018")),
    ]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &["list", "--since", "2018-02-01", "--until", "2018-04-30"],
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "0001  accepted  2018-02-05  Search\n0002  accepted  2018-03-26  GitHub\n0003  accepted  2018-04-09  Users\n"
    );
    let (_, stdout, _) = run(dir.path(), &["export", "--since", "2018-04-01"]);
    let exported: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let dates: Vec<&str> = exported["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2018-04-09"]);
    let (code, _, stderr) = run(dir.path(), &["render", "-o", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-search.html"));
    assert!(
        page.contains("<time class=\"record-date\" datetime=\"2018-02-05\">2018-02-05</time>"),
        "{page}"
    );
    // lint still says how it read the date, and why.
    let (_, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert!(
        stdout.contains("read as 5 February 2018, day first as in the log"),
        "{stdout}"
    );

    // A record written month first since then leaves the log's order unknown: the site,
    // rendered again with what the last render kept, shows the dates as written, as a
    // render from nothing does.
    std::fs::write(
        dir.path().join("docs/adr/0004-cache.md"),
        record("4. Cache", "12/31/2019"),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["render", "-o", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-search.html"));
    assert!(
        page.contains("<time class=\"record-date\">05/02/2018</time>"),
        "{page}"
    );
    crate::util::assert_matches_a_full_render(dir.path(), "a record written month first");
}

// alphagov/forms keeps product decisions as `DR008-no-charges-….md`, titled `# DR008: …`
// and superseded `Superseded by DR008`: every file was a filename-format error, the log
// had no records, and the advice renamed `DR008-x.md` to `0003-dr008-x.md`.
#[test]
fn a_log_of_its_own_capital_ids_is_numbered_by_them() {
    let record = |id: &str, title: &str, status: &str| {
        format!(
            "# {id}: {title}\n\nDate: 2023-05-09\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "DR000-use-github.md",
            &record("DR000", "Use GitHub", "Accepted"),
        ),
        (
            "DR002-no-charges-for-lower-volume.md",
            &record(
                "DR002",
                "No charges for lower volume",
                "Superseded by DR008",
            ),
        ),
        (
            "DR008-no-charges-at-all.md",
            &record(
                "DR008",
                "No charges at all",
                "Accepted\n\nSupersedes [DR002](DR002-no-charges-for-lower-volume.md)",
            ),
        ),
        (
            "DRXXX-decision-record-template.md",
            &record("DRXXX", "Title", "Proposed"),
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "0000  accepted    2023-05-09  Use GitHub\n0002  superseded  2023-05-09  No charges for lower volume\n0008  accepted    2023-05-09  No charges at all\n"
    );
    let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(records[1]["superseded_by"], 8, "{stdout}");
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 3 files\n"),
        "{stdout}"
    );
}

// raybird/plainvanillaweb writes Traditional Chinese with an English gloss (`已接受
// (Accepted)`, `已提議 (Proposed)`): `已提議` was no status word (a false
// status-undeclared warning), `adr status N accepted` wrote Simplified `通过`, and `adr
// new` Simplified `提议`.
#[test]
fn a_traditional_chinese_log_is_written_in_its_own_words_and_script() {
    let record = |number: u32, title: &str, status: &str| {
        format!(
            "# ADR {number:04}: {title}\n\n## 狀態\n{status}\n\n## 背景\n說明。\n\n## 決策\n決定。\n\n## 後果\n影響。\n"
        )
    };
    let dir = log_with(&[
        ("0001-router.md", &record(1, "路由", "已接受 (Accepted)")),
        ("0002-charts.md", &record(2, "圖表", "已接受 (Accepted)")),
        (
            "0003-signals.md",
            &record(3, "狀態管理", "已提議 (Proposed)"),
        ),
    ]);
    let (_, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        stdout,
        "0001  已接受  -  路由\n0002  已接受  -  圖表\n0003  已提議  -  狀態管理\n"
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 3 files\n"),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(dir.path(), &["status", "3", "accepted"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "docs/adr/0003-signals.md: 已提議 (Proposed) -> 已接受 (Accepted)\n"
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0003-signals.md")),
        record(3, "狀態管理", "已接受 (Accepted)")
    );
    let (_, text) = new_record(dir.path(), "2025-01-02", &["採用 Web Components"]);
    assert!(text.contains("\n提議\n"), "{text}");
}

// HikaruEgashira/pleno-audit: `adr new "WebGPUによる異常検知"` named the file
// `051-webgpuniyoruyi-chang-jian-zhi.md`, the kanji read in Mandarin.
#[test]
fn a_japanese_title_keeps_its_script_in_the_file_name() {
    let dir = log_with(&[(
        "0001-use-wxt.md",
        "# 1. WXTを採用する\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n",
    )]);
    let (path, _) = new_record(dir.path(), "2025-01-02", &["WebGPUによる異常検知"]);
    assert_eq!(path, "docs/adr/0002-webgpuによる異常検知.md");
}

// nationalarchives/tdr-dev-documentation 0033 starts `## 33. User permissions for DTA Review
// feature`: title-missing was right, but the same line was also an empty section, and
// list showed the title `dta review user permissions`, made from the file's name.
#[test]
fn a_title_written_a_level_down_is_shown_and_raised_not_emptied() {
    let dir = log_with(&[(
        "0033-dta-review-user-permissions.md",
        "## 33. User permissions for DTA Review feature\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n",
    )]);
    let (_, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        stdout,
        "0033  accepted  -  User permissions for DTA Review feature\n"
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "error[title-missing]: record has no title\n --> docs/adr/0033-dta-review-user-permissions.md:1:1\n  |\n1 | ## 33. User permissions for DTA Review feature\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the title, written as a `##` heading\n  |\n  = help: write `# 33. User permissions for DTA Review feature`: a record's title is its one `#` heading\n\n1 error, 0 warnings in 1 file\n"
        )
    );
}

// Review X's messages: `adr status 36 superseded --by 21` got clap's advice to write
// `-- --by`; a successor still proposed was only told of by the next lint; and a French
// record without a status was told to add a `## Status` section.
#[test]
fn status_takes_by_says_when_the_successor_is_not_in_force_and_speaks_the_records_language() {
    let record = |title: &str, status: &str| {
        format!(
            "# {title}\n\nDate: 2024-01-02\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("0001-a.md", &record("1. A", "Accepted")),
        ("0002-b.md", &record("2. B", "Proposed")),
        (
            "0003-c.md",
            "# 3. C\n\nDate : 2024-01-02\n\n## Contexte\n\nc\n\n## Décision\n\nd\n\n## Conséquences\n\nq\n",
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "superseded", "--by", "2"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/0001-a.md: Accepted -> Superseded by [2. B](0002-b.md)\ndocs/adr/0002-b.md: added that it supersedes `0001-a.md`\n",
            "note: `0002-b.md` is `proposed`, not accepted: accept it too (`adr status 2 accepted`), or lint warns that this record is superseded by a decision not in force\n"
        )
    );
    let (code, _, stderr) = run(dir.path(), &["status", "2", "accepted", "--by", "1"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: `--by 1` names the record that supersedes this one, which `accepted` does not say: run `adr status 2 --by 1`\n"
        )
    );
    let (code, _, stderr) = run(dir.path(), &["status", "3", "accepted"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("a `* Statut:` bullet or a `## Statut` section first"),
        "{stderr}"
    );
}

// juliantorres92/bike-rental-system: nine records have `## Opciones consideradas`; the
// newest does not, and `adr new` wrote a record like it, which lint then failed.
#[test]
fn a_new_record_is_written_like_the_newest_that_has_the_logs_sections() {
    let record = |number: u32, options: bool| {
        let options = if options {
            "## Opciones consideradas\n\n- A\n- B\n\n"
        } else {
            ""
        };
        format!(
            "# ADR-{number:04} — Decisión {number}\n\n- **Estado:** aceptado\n- **Fecha:** 2026-05-30\n\n## Contexto y problema\n\nc\n\n{options}## Decisión\n\nd\n\n## Consecuencias\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("0001-uno.md", &record(1, true)),
        ("0002-dos.md", &record(2, true)),
        ("0003-tres.md", &record(3, false)),
    ]);
    let (path, text) = new_record(dir.path(), "2026-06-01", &["Usar Redis"]);
    assert_eq!(path, "docs/adr/0004-usar-redis.md");
    assert!(text.contains("\n## Opciones consideradas\n"), "{text}");
    let (_, stdout, _) = run(dir.path(), &["lint", "--color", "never", &path]);
    assert!(
        stdout.ends_with("0 errors, 5 warnings in 1 file\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("section-missing"), "{stdout}");
}

// Review X: `adr show 21` was an unknown command, and nothing printed one record.
#[test]
fn show_prints_one_records_facts_then_its_text() {
    let dir = log_with(&[
        (
            "0001-a.md",
            "# 1. A\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n",
        ),
        (
            "0002-b.md",
            "# 2. B\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n\nAmends [1. A](0001-a.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq",
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["show", "2"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "docs/adr/0002-b.md\n  number:      2\n  title:       B\n  status:      Accepted\n  date:        2024-01-03\n  supersedes:  docs/adr/0001-a.md\n  amends:      docs/adr/0001-a.md\n\n# 2. B\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n\nAmends [1. A](0001-a.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
    );
    let (code, stdout, _) = run(dir.path(), &["show", "0001-a.md", "--format", "json"]);
    assert_eq!(code, 0);
    let record: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(record["superseded_by"]["path"], "docs/adr/0002-b.md");
    assert!(record["text"].as_str().unwrap().starts_with("# 1. A\n"));
    let (code, _, stderr) = run(dir.path(), &["show", "9"]);
    assert_eq!(code, 2, "{stderr}");
}

// ministryofjustice/cloud-platform titles its records `# 29 Kubernetes security config
// auditing`; 030 kept 029's title, copied, and no rule said so: a number and a space
// alone is part of a title (`# 3 pillars of observability`) unless the log writes its
// titles so.
#[test]
fn a_copied_title_number_is_a_mismatch_where_the_log_titles_records_so() {
    let record = |title: &str| {
        format!(
            "# {title}\n\nDate: 2021-11-10\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let mut files = vec![
        ("028-audit-logs.md", record("28 Audit logs")),
        (
            "029-kubernetes-security.md",
            record("29 Kubernetes security"),
        ),
        ("030-aws-root-user.md", record("29 Kubernetes security")),
        ("031-image-scanning.md", record("31 Image scanning")),
    ];
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| (name.to_string(), text.clone()))
        .collect();
    let dir = crate::util::log_with_owned(&owned);
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "error[title-number-mismatch]: the title says record 29, but the file `030-aws-root-user.md` is record 30\n --> docs/adr/030-aws-root-user.md:1:3\n  |\n1 | # 29 Kubernetes security\n  |   ^^ not 30: the log's titles start with their own number\n  |\n  = help: write 30 in the title (another record's title copied?); if the title's number is the right one, rename the file instead\n\n1 error, 0 warnings in 4 files\n"
        )
    );
    // Two titles so are no way of the log: `# 3 pillars` in record 4 is a title.
    files.truncate(2);
    files.push(("004-pillars.md", record("3 pillars of observability")));
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| (name.to_string(), text.clone()))
        .collect();
    let dir = crate::util::log_with_owned(&owned);
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 3 files\n")
    );
}

// bitwarden/contributing-docs (Docusaurus): every record has `adr: "0033"` first in its
// front matter, `status: Accepted`, and `<AdrTable frontMatter={frontMatter}></AdrTable>`
// under its title, which shows the front matter on the page. `adr new` wrote none of them.
#[test]
fn a_new_record_carries_the_logs_number_key_status_case_and_title_component() {
    let dir = log_with(&[(
        "0033-adopt-mermaid.md",
        "---\nadr: \"0033\"\nstatus: Accepted\ndate: 2026-07-16\ntags: [clients]\n---\n\n# 0033 - Adopt Mermaid\n\n<AdrTable frontMatter={frontMatter}></AdrTable>\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n- A\n\n## Decision Outcome\n\nd\n",
    )]);
    let (path, text) = new_record(dir.path(), "2026-12-01", &["Adopt Vitest"]);
    assert_eq!(path, "docs/adr/0034-adopt-vitest.md");
    assert!(
        text.starts_with("---\nadr: \"0034\"\nstatus: Proposed\ndate: 2026-12-01\ntags: []\n---\n\n# 0034 - Adopt Vitest\n\n<AdrTable frontMatter={frontMatter}></AdrTable>\n\n## Context and Problem Statement\n"),
        "{text}"
    );
}

// cisagov/manage.get.gov 0010 is titled `# n. Django Templates`, the template's placeholder
// left where the number goes: lists showed `n. Django Templates`, and lint said nothing.
#[test]
fn a_placeholder_title_number_is_reported_and_not_shown() {
    let dir = log_with(&[(
        "0010-django-templates.md",
        "# n. Django Templates\n\nDate: 2022-09-26\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n",
    )]);
    let (_, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(stdout, "0010  accepted  2022-09-26  Django Templates\n");
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            1,
            "error[title-number-mismatch]: the title's number is the template's placeholder `n`\n --> docs/adr/0010-django-templates.md:1:3\n  |\n1 | # n. Django Templates\n  |   ^ not 10\n  |\n  = help: write 10 in the title, the file's number\n\n1 error, 0 warnings in 1 file\n"
        )
    );
}
