//! Review U: eleven more public ADR logs (French, Portuguese, German, Korean, Japanese and
//! English; log4brains, Quarto and Jekyll sites; one folder per record; timestamped names).
//! Each test is a shape one of them writes, and fails on the build that was reviewed.

use crate::util::{log_with, new_record, run};

// zero-logement-vacant's French MADR template: `statut: {proposé | … | remplacé par
// [ADR-0005](0005-example.md)}` and `décideurs: {liste …}`. `adr new` left them, the front
// matter was no YAML, and the new record vanished from `adr list`.
#[test]
fn a_translated_front_matter_template_is_filled() {
    let dir = log_with(&[
        (
            "TEMPLATE.md",
            "---\nstatut: {proposé | rejeté | accepté | remplacé par [ADR-0005](0005-example.md)}\ndate: {AAAA-MM-JJ quand la décision a été mise à jour}\ndécideurs: {liste de toutes les personnes impliquées}\ninformés: {liste de toutes les personnes tenues informées ; et avec qui}\n---\n\n# {titre court}\n\n## Contexte et problématique\n\n{Décrivez le contexte.}\n",
        ),
        (
            "20240603162604-msw-pour-mocker.md",
            "---\nstatut: proposé\ndate: 2024-06-03\n---\n\n# Mocker l'API\n\n## Contexte et problématique\n\nc\n",
        ),
    ]);
    let (path, written) = new_record(dir.path(), "2026-12-07", &["Utiliser Postgres"]);
    // SOURCE_DATE_EPOCH is 2025-11-23 00:00:00 UTC: the time of a timestamped name.
    assert_eq!(path, "docs/adr/20261207000000-utiliser-postgres.md");
    assert!(
        written
            .starts_with("---\nstatut: proposé\ndate: 2026-12-07\ndécideurs: []\ninformés:\n---\n"),
        "{written}"
    );
    let (_, listed, _) = run(dir.path(), &["list"]);
    assert!(listed.contains("Utiliser Postgres"), "{listed}");
    // The timestamp names the record, which has no number.
    let (code, stdout, stderr) = run(dir.path(), &["status", "20240603162604", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/20240603162604-msw-pour-mocker.md: proposé -> accepté\n",
            ""
        )
    );
}

// ansforge's template keeps its metadata bullets under an H1 used as a comment, `*
// statut : "{proposé | rejeté | …}"` and `* date : {AAAA-MM-JJ, …}`: the list of choices
// stayed, and the date went inside the braces.
#[test]
fn metadata_bullets_under_a_comment_heading_are_filled() {
    let dir = log_with(&[
        (
            "0000-template.md",
            "# {titre court}\n\n# Ce sont des éléments de métadonnées optionnels.\n* statut : \"{proposé | rejeté | accepté | obsolète}\"\n* date : {AAAA-MM-JJ, date de la dernière mise à jour}\n\n## Contexte et énoncé du problème\n\n{Décrivez le contexte}\n",
        ),
        (
            "0001-licence.md",
            "# Licence\n\n* statut : accepté\n* date : 2025-05-27\n\n## Contexte et énoncé du problème\n\nc\n",
        ),
    ]);
    let (path, written) = new_record(dir.path(), "2026-12-07", &["Choix du CMS"]);
    assert_eq!(path, "docs/adr/0002-choix-du-cms.md");
    assert!(
        written.contains("\n* statut : proposé\n* date : 2026-12-07\n"),
        "{written}"
    );
}

// wellcomecollection/docs: `# RFC 001: Matcher architecture` was read as the status `RFC`
// (88 of 92 records exported as `proposed`), and a deep `###### status` heading naming a
// command, or `### Item: fixed field 88 (status)`, as the record's status section. The id
// before the title is its number, as `ADR-0001:` is (review X).
#[test]
fn an_id_before_the_title_and_deep_status_headings_are_no_status() {
    let dir = log_with(&[
        (
            "001-matcher/README.md",
            "# RFC 001: Matcher architecture\n\n## Purpose\n\nWhy.\n",
        ),
        (
            "013-release/README.md",
            "# RFC 013: Release tracking\n\n## Commands\n\n###### status\n\n> Reads the status\n\n```\n            Status: IN_PROGRESS\n```\n",
        ),
        (
            "042-requesting/README.md",
            "# RFC 042: Requesting model\n\n## Fields\n\n### Item: fixed field 88 (status)\n\nThis displays the status of an item: available, unavailable, closed.\n",
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  -  -  Matcher architecture\n0013  -  -  Release tracking\n0042  -  -  Requesting model\n"
        )
    );
}

// pcluster-manager's log4brains records without a `- Date:` bullet: `adr list` showed the
// date of the name, `adr export` none.
#[test]
fn export_dates_a_record_by_its_name_as_list_does() {
    let dir = log_with(&[(
        "20221206-frontend-log.md",
        "# Frontend log\n\n- Status: accepted\n\n## Context and Problem Statement\n\nc\n",
    )]);
    let (_, stdout, _) = run(dir.path(), &["export"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(records["records"][0]["date"], "2022-12-06", "{stdout}");
}

// EvolutionHub's template lists the statuses and marks the record's in bold:
// `Vorgeschlagen | **Akzeptiert** | Abgelehnt`. The first choice was read.
#[test]
fn the_bold_choice_of_a_status_list_is_the_status() {
    let dir = log_with(&[(
        "0001-use-x.md",
        "# Use X\n\nDatum: 2024-01-01\n\n## Status\n\nVorgeschlagen | **Akzeptiert** | Abgelehnt | Überholt\n\n## Kontext\n\nk\n\n## Entscheidung\n\ne\n\n## Konsequenzen\n\nq\n",
    )]);
    let (_, stdout, _) = run(dir.path(), &["export"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (
            &records["records"][0]["status"],
            &records["records"][0]["status_text"]
        ),
        (
            &serde_json::json!("accepted"),
            &serde_json::json!("Akzeptiert")
        )
    );
}

// wellcomecollection/docs: two folders numbered 062. Lint said to run `adr renumber`,
// which said no two records share a number. A folder is renamed by hand: both say so.
#[test]
fn folders_sharing_a_number_are_named_by_renumber_and_lint() {
    let record = |title: &str| {
        format!(
            "# {title}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("061-next-steps/README.md", &record("Next steps")),
        ("062-content-api/README.md", &record("Content API")),
        ("062-knowledge-graph/README.md", &record("Knowledge graph")),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["renumber"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "`062-content-api/README.md` and `062-knowledge-graph/README.md` share the number 0062: `adr renumber` does not rename folders; rename all but the first to a free number by hand (`git mv`) and fix the links to them\n"
        )
    );
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("= help: rename the folder of the later record to a free number (`git mv`) and fix the links to it: `adr renumber` does not rename folders\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("run `adr renumber`"), "{stdout}");
}

// wellcomecollection/docs titles its RFCs `# RFC 092: …`: `adr new` dropped the prefix.
#[test]
fn a_new_record_is_titled_with_the_logs_acronym_and_number() {
    let record = |number: &str, title: &str| {
        format!("# RFC {number}: {title}\n\n## Purpose\n\np\n\n## Context\n\nc\n")
    };
    let dir = log_with(&[
        ("091-identifiers/README.md", &record("091", "Identifiers")),
        (
            "092-archive-links/README.md",
            &record("092", "Archive links"),
        ),
    ]);
    let (path, written) = new_record(dir.path(), "2026-12-07", &["Search relevance"]);
    assert_eq!(path, "docs/adr/093-search-relevance/README.md");
    assert!(
        written.contains("\n# RFC 093: Search relevance\n"),
        "{written}"
    );
}
