//! Review T: nine more public ADR logs (a Zola content folder, adr-tools logs with emoji
//! statuses, key lines, header lines and series folders). Each test is a shape one of them
//! writes, and fails on the build that was reviewed.

use crate::util::{log_with, new_record, read, run};

fn toml_record(number: u32, title: &str, date: &str) -> String {
    format!(
        "+++\n# /*\n# |    Protect your secrets.\n# */\n\ntitle = \"ADR-{number:04}: {title}\"\nweight = {number}\n+++\n\n- Status: accepted\n- Date: {date}\n\n## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n\n1. This.\n\n## Decision Outcome\n\nChosen option: 1.\n"
    )
}

// vmware-tanzu/secrets-manager: Zola's `+++` TOML front matter, opening with a licence in
// TOML comments. Its `# /*` was every record's title (21 false title-duplicate warnings,
// and each page showed the front matter as text); its `20240510-adr-0005-x.md` names were
// unnumbered, so `adr status 5` found nothing and `adr new` named a file without a number.
#[test]
fn toml_front_matter_and_dated_adr_names_are_read() {
    let dir = log_with(&[
        (
            "20240509-adr-0001-use-log4brains.md",
            &toml_record(1, "Use Log4brains", "2024-05-08"),
        ),
        (
            "20240510-adr-0005-be-resilient.md",
            &toml_record(5, "Be Resilient by Default", "2024-05-11"),
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "0001  accepted  2024-05-08  Use Log4brains\n0005  accepted  2024-05-11  Be Resilient by Default\n",
            ""
        )
    );
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (code, _, stderr) = run(dir.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/20240510-adr-0005-be-resilient.html"));
    assert!(page.contains("<title>Be Resilient by Default · "), "{page}");
    assert!(
        !page.contains("weight = 5") && !page.contains("/*"),
        "{page}"
    );

    let (code, stdout, stderr) = run(dir.path(), &["status", "5", "deprecated"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/20240510-adr-0005-be-resilient.md: accepted -> deprecated\n",
            ""
        )
    );
    let (path, written) = new_record(dir.path(), "2026-12-07", &["Use SPIFFE"]);
    assert_eq!(path, "docs/adr/20261207-adr-0006-use-spiffe.md");
    assert!(
        written.starts_with("+++\ntitle = \"ADR-0006: Use SPIFFE\"\n+++\n\n"),
        "{written}"
    );
}

// A status kept in TOML front matter is changed as TOML: a string in double quotes.
#[test]
fn a_status_in_toml_front_matter_stays_toml() {
    let record = |status: &str| {
        format!("+++\ntitle = \"Use X\"\nstatus = {status}\n+++\n\n## Context\n\nWhy.\n")
    };
    let dir = log_with(&[("0001-use-x.md", &record("'proposed'"))]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0001-use-x.md")),
        record("\"accepted\"")
    );
}

// ministryofjustice/modernisation-platform writes every status behind an emoji (`✅
// Accepted`, `⌛️ Superseded [0019](…)`): `adr status` dropped it. The log's own emoji for
// the new status is written; a status the log pairs with none is written bare.
#[test]
fn a_status_takes_the_emoji_the_log_pairs_with_it() {
    let record = |title: &str, status: &str| {
        format!(
            "# {title}\n\nDate: 2022-01-01\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "0003-use-aws-sso.md",
            &record("3. Use AWS SSO", "✅ Accepted"),
        ),
        (
            "0004-use-bash.md",
            &record("4. Use Bash", "⌛️ Superseded [0019](0019-use-go.md)"),
        ),
        ("0010-modules.md", &record("10. Modules", "✅ Accepted")),
        ("0019-use-go.md", &record("19. Use Go", "✅ Accepted")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "3", "superseded by 19"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        read(dir.path().join("docs/adr/0003-use-aws-sso.md"))
            .contains("\n## Status\n\n⌛️ Superseded by [19. Use Go](0019-use-go.md)\n"),
    );
    let (code, _, stderr) = run(dir.path(), &["status", "10", "deprecated"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0010-modules.md")),
        record("10. Modules", "Deprecated")
    );
}

// maehwasoo/AILSS marks a superseded record with `status: superseded` over a line
// `superseded_by: 0007-x`: `adr status` wrote a link into the status line instead.
#[test]
fn a_successor_goes_on_a_line_of_its_own_where_the_log_writes_it_so() {
    let record = |title: &str, status: &str| {
        format!(
            "# {title}\n\nstatus: {status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("0003-spawn.md", &record("0003. Spawn", "accepted")),
        (
            "0006-sandbox.md",
            &record("0006. Sandbox", "superseded\nsuperseded_by: 0007-host"),
        ),
        (
            "0007-host.md",
            &record(
                "0007. Host",
                "accepted\n\nSupersedes [6. Sandbox](0006-sandbox.md)",
            ),
        ),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "3", "superseded by 7"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0003-spawn.md")),
        record("0003. Spawn", "superseded\nsuperseded_by: 0007-host")
    );
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 3 files\n")
    );
}

// alphagov/content-publisher names the successor under the date (`Superseded: 2019-12-19
// by [ADR 14](…)`) and says `Superseded` in `## Status`: lint warned that no successor
// was named, and export had none.
#[test]
fn a_superseded_header_line_names_the_successor() {
    let dir = log_with(&[
        (
            "0006-tagging.md",
            "# 6. Tagging\n\nDate: 2018-12-12\nSuperseded: 2019-12-19 by [ADR 14](0014-political.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Status\n\nSuperseded\n\n## Consequences\n\nq\n",
        ),
        (
            "0014-political.md",
            "# 14. Political\n\nDate: 2019-12-19\n\n## Context\n\nSupersedes [ADR 6](0006-tagging.md).\n\n## Decision\n\nd\n\n## Status\n\nAccepted\n\n## Consequences\n\nq\n",
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (_, stdout, _) = run(dir.path(), &["export"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        records["records"][0]["superseded_by"]["number"], 14,
        "{stdout}"
    );
}

// A Zola log links records as `@/documentation/adrs/x.md`, from its `content` folder:
// lint called it a broken GitHub mention.
#[test]
fn a_zola_content_link_is_resolved_in_its_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("docs/content/documentation/adrs");
    std::fs::create_dir_all(&log).unwrap();
    let record = |title: &str, link: &str| {
        format!(
            "# {title}\n\n* Status: accepted\n* Date: 2024-01-01\n\n## Context and Problem Statement\n\nSee [it]({link}).\n\n## Considered Options\n\n* a\n\n## Decision Outcome\n\nChosen option: a.\n"
        )
    };
    std::fs::write(
        log.join("0001-a.md"),
        record("A", "@/documentation/adrs/0002-b.md"),
    )
    .unwrap();
    std::fs::write(
        log.join("0002-b.md"),
        record("B", "@/documentation/adrs/0003-c.md"),
    )
    .unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["--dir", "docs/content/documentation/adrs", "lint"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("error[link-broken]: link target `@/documentation/adrs/0003-c.md` does not exist\n --> docs/content/documentation/adrs/0002-b.md:8:5\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 error, 0 warnings in 2 files\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("mention"), "{stdout}");
}

// guardian/dotcom-rendering: `adr list` shows `3rd-party-technical-review/0004`, which
// `adr status` did not take.
#[test]
fn a_series_folder_record_is_found_by_the_address_list_shows() {
    let record = |title: &str| {
        format!(
            "# {title}\n\n## Status\n\nProposed\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("004-emotion.md", &record("Emotion")),
        ("review/001-a.md", &record("A")),
        ("review/002-b.md", &record("B")),
        ("review/004-urlbox.md", &record("Urlbox")),
    ]);
    let (_, listed, _) = run(dir.path(), &["list"]);
    assert!(listed.contains("review/0004"), "{listed}");
    let (code, stdout, stderr) = run(dir.path(), &["status", "review/0004", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/review/004-urlbox.md: Proposed -> Accepted\n",
            ""
        )
    );
}

// StefanMoCoAt/Meldestelle: `list --status accepted` counted `Akzeptiert`, and export gave
// `"status": "akzeptiert"`: a filter on the export missed it.
#[test]
fn export_gives_the_status_kind_in_any_language() {
    let dir = log_with(&[(
        "0001-modular.md",
        "# 1. Modulare Architektur\n\nDatum: 2024-01-02\n\n## Status\n\nAkzeptiert\n\n## Kontext\n\nk\n\n## Entscheidung\n\ne\n\n## Konsequenzen\n\nq\n",
    )]);
    let (code, stdout, _) = run(dir.path(), &["export"]);
    assert_eq!(code, 0);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let record = &records["records"][0];
    assert_eq!(
        (&record["status"], &record["status_text"]),
        (
            &serde_json::json!("accepted"),
            &serde_json::json!("Akzeptiert")
        )
    );
}

// zarvent/v2m-lab's template titles its front matter `title: 'ADR-XXX: Título…'` and its
// records keep a `## Fecha` section the template lacks: `adr new` dropped the number from
// the front matter, and lint flagged the record it had just written for having no date.
#[test]
fn a_new_record_numbers_its_front_matter_title_and_is_dated_like_the_log() {
    let record = |number: &str, title: &str| {
        format!(
            "---\ntitle: 'ADR-{number}: {title}'\ndescription: 'ADR-{number}: {title}'\nstatus: accepted\n---\n# ADR-{number}: {title}\n\n## Estado\n\nAceptada\n\n## Fecha\n\n2024-03-01\n\n## Contexto\n\nc\n\n## Decisión\n\nd\n\n## Consecuencias\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("001-fastapi.md", &record("001", "FastAPI")),
        ("002-hexagonal.md", &record("002", "Hexagonal")),
        (
            "template.md",
            "---\ntitle: 'ADR-XXX: Título Corto'\ndescription: 'ADR-XXX: Título Corto'\nstatus: proposed\n---\n# ADR-XXX: Título Corto\n\n## Estado\n[Propuesto | Aceptado]\n\n## Contexto\nDescribe el contexto.\n\n## Decisión\nDescribir la decisión.\n\n## Consecuencias\n¿Qué cambia?\n",
        ),
    ]);
    let (path, written) = new_record(dir.path(), "2026-12-07", &["Usar SQLite"]);
    assert_eq!(path, "docs/adr/003-usar-sqlite.md");
    assert!(
        written.starts_with(
            "---\ntitle: \"ADR-003: Usar SQLite\"\ndescription: \"ADR-003: Usar SQLite\"\n"
        ),
        "{written}"
    );
    assert!(
        written.contains("\n## Estado\nPropuesto\n\n## Fecha\n\n2026-12-07\n\n## Contexto\n"),
        "{written}"
    );
}

// leandr92/1cai-public opens every record with `- **Date:**` / `- **Status:**` bullets
// over adr-tools' sections: `adr new` wrote adr-tools' `Date:` line and `## Status`
// section, at `Accepted`.
#[test]
fn a_new_record_keeps_the_logs_status_bullets() {
    let dir = log_with(&[(
        "ADR-0001-adopt-c4.md",
        "# ADR-0001: Adopt C4\n\n- **Date:** 2025-11-09\n- **Status:** Accepted\n- **Supersedes:** None\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n",
    )]);
    let (path, written) = new_record(dir.path(), "2026-12-07", &["Use Redis"]);
    assert_eq!(path, "docs/adr/ADR-0002-use-redis.md");
    assert!(
        written.starts_with("# ADR-0002: Use Redis\n\n- **Date:** 2026-12-07\n- **Status:** Proposed\n- **Supersedes:**\n\n## Context\n"),
        "{written}"
    );
}
