//! What review Z and the left-alone list of review Y found on logs the tool had not read:
//! records that vanished for a fault in a line that holds no metadata, file names that were
//! not read as records.

use crate::util::{log_with, read, rules_of, run};

/// An adr-tools record with the one-line front matter Ensembl/decisions puts on top of
/// each record (`tag:Web Client`, the space after the colon missing), read by adr-viewer.
fn glued(number: u32, title: &str, status: &str) -> String {
    format!(
        "---\ntag:Web Client\n---\n\n# {number}. {title}\n\nDate: 2018-08-28\n\n## Status\n\n{status}\n\n## Context\n\nWebpack builds the {title}.\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
    )
}

// Review Y, Ensembl/decisions: 27 of 28 records failed to load, so `list`, `show`,
// `export` and the site lost them (the site kept the three front-matter lines and no
// body). Their metadata is in the body, as in any adr-tools record: they are read from it,
// and lint still reports the front matter once per record.
#[test]
fn a_record_whose_front_matter_holds_no_status_is_read_from_its_body() {
    let dir = log_with(&[
        ("0002-build-setup.md", &glued(2, "Build Setup", "Accepted")),
        (
            "0003-frontend-code.md",
            &glued(3, "Frontend Code", "Accepted"),
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "0002  accepted  2018-08-28  Build Setup\n0003  accepted  2018-08-28  Frontend Code\n",
            ""
        )
    );
    let (code, stdout, _) = run(dir.path(), &["show", "2"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Webpack builds the Build Setup."),
        "{stdout}"
    );

    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (code, rules_of(&report)),
        (1, vec!["front-matter-syntax", "front-matter-syntax"])
    );
    assert_eq!(
        report["diagnostics"][0]["help"],
        "a key needs a space after its colon: write `tag: Web Client`"
    );

    let (code, _, stderr) = run(dir.path(), &["render", "-o", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0002-build-setup.html"));
    assert!(page.contains("Webpack builds the Build Setup."));
    // The front matter is no part of the page (it showed as a heading).
    assert!(!page.contains("parse error") && !page.contains("tag:Web Client"));

    // The body's status is the record's whole status, so it is the one a change rewrites.
    let (code, _, stderr) = run(dir.path(), &["status", "2", "superseded", "--by", "3"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0002-build-setup.md")),
        glued(
            2,
            "Build Setup",
            "Superseded by [3. Frontend Code](0003-frontend-code.md)"
        )
    );
}

// Front matter that holds the status and cannot be read is still a record that fails to
// load: its body would give a status the front matter may contradict.
#[test]
fn a_record_whose_unreadable_front_matter_holds_a_status_still_fails_to_load() {
    let text = "---\nstatus: accepted\ntags: [api\n---\n\n# Api\n\n## Status\n\nProposed\n";
    let dir = log_with(&[("0001-api.md", text)]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    assert!(stderr.contains("0001-api.md:"), "{stderr}");
}

/// A record of the Ugrow log's shape, named `NNN - Title.md`.
fn worded(number: u32, title: &str) -> String {
    format!(
        "# {number:03} - {title}\n\n### Status: Aceito\n\n### Contexto\n\nc\n\n### Decisão\n\nd\n\n### Consequências\n\nq\n"
    )
}

// Review Y, Ugrow_Documentation: `001 - Monolithic Layered Architecture.md` was no
// record's name, so the log had none, and lint's help would have renamed the file
// `0001-001-monolithic-layered-architecture.md`, two numbers in one name. The names are
// read, `adr new` names its record the same way, and a name that is no scheme keeps its
// number in the help.
#[test]
fn names_with_the_number_set_off_by_a_dash_are_records() {
    let dir = log_with(&[
        ("001 - Monolith.md", &worded(1, "Monolith")),
        ("002 -  Object Paradigm.md", &worded(2, "Object Paradigm")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  aceito  -  Monolith\n0002  aceito  -  Object Paradigm\n"
        )
    );
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Use Redis: a cache?"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/003 - Use Redis a cache.md\n", "")
    );

    std::fs::write(dir.path().join("docs/adr/004 Cache.md"), worded(4, "Cache")).unwrap();
    let (_, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let helps = crate::util::helps_of(&report);
    assert!(
        helps.contains(&"rename it to `004 - Cache.md`, keeping its number (or move it out of the log directory if it is not a decision)"),
        "{helps:?}"
    );
}

// Review Z2, buenhyden/hy-home.docker: every record keeps `status:` in front matter above
// Nygard's three sections. Read as adr-tools' log, `adr new` wrote a record with no front
// matter and the status `Accepted`; adr-tools never writes front matter, so such a log
// gets MADR's record, proposed.
#[test]
fn a_new_record_in_a_front_matter_log_of_nygard_sections_is_not_adr_tools() {
    let record = |number: u32, title: &str| {
        format!(
            "---\nstatus: proposed\ncreated: 2026-03-27\n---\n# ADR-{number:04}: {title}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n"
        )
    };
    let dir = log_with(&[
        ("adr-0001-traefik.md", &record(1, "Traefik")),
        ("adr-0002-vault.md", &record(2, "Vault")),
    ]);
    let (path, text) = crate::util::new_record(dir.path(), "2026-12-07", &["Adopt Valkey"]);
    assert_eq!(path, "docs/adr/adr-0003-adopt-valkey.md");
    assert!(
        text.starts_with(
            "---\nstatus: proposed\ndate: 2026-12-07\n---\n\n# ADR-0003: Adopt Valkey\n"
        ),
        "{text}"
    );
}

// Review Z2, CaenCamp/jobs-caen-camp: French records whose status history is written in
// English (`2020-04-22 proposed`, the records say so in a comment). `adr status 2
// accepted` wrote French `accepté`, taking the language of the headings: the date before
// the word hid the word's own language.
#[test]
fn a_dated_status_line_keeps_the_language_of_its_word() {
    let record = "# 2. Tri\n\nDate: 2020-04-22\n\n## Statut\n\n2020-04-22 proposed\n\n## Contexte et énoncé du problème\n\nc\n\n## Options considérées\n\n* Un\n\n## Décision\n\nd\n";
    let first = record
        .replace("2. Tri", "1. ADR")
        .replace("2020-04-22 proposed", "2020-03-04 accepted");
    let dir = log_with(&[("0001-adr.md", &first), ("0002-tri.md", record)]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "2", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/0002-tri.md: 2020-04-22 proposed -> 2025-11-23 accepted\n",
            ""
        )
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0002-tri.md")),
        record.replace("proposed\n", "proposed\n\n2025-11-23 accepted\n")
    );
}

// Review Z2, SimonDingemans/Escape-Room-AGV: a Dutch record headed `#### Status`,
// `#### Context`, `#### Beslissing`, `#### Consequenties` (two headings Dutch writes as
// English does). Superseding wrote Dutch `Vervangen door` on one side and English
// `Supersedes` on the other; the status word `Geaccepteerd` tells the language.
#[test]
fn the_link_back_is_in_the_language_of_the_status_when_the_headings_do_not_tell() {
    let record = |number: u32| {
        format!(
            "### ADR-00{number} Keuze {number}\n\nDatum: 2025-05-0{number}\n\n#### Status\n\nGeaccepteerd\n\n#### Context\n\nTekst.\n\n#### Beslissing\n\nTekst.\n\n#### Consequenties\n\nTekst.\n"
        )
    };
    let dir = log_with(&[
        ("adr-001-keuze-1.md", &record(1)),
        ("adr-002-keuze-2.md", &record(2)),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "--by", "2"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/adr-002-keuze-2.md")),
        record(2).replace(
            "Geaccepteerd\n",
            "Geaccepteerd\n\nVervangt: [1. Keuze 1](adr-001-keuze-1.md)\n"
        )
    );
}

/// A record of Trendyol's log: MADR 2's bullets over adr-tools' sections.
fn bulleted(number: u32, consequences: bool) -> String {
    let tail = if consequences {
        "\n## Consequences\n\nq\n"
    } else {
        ""
    };
    format!(
        "# Decision {number}\n\n* Status: accepted\n* Deciders: iOS team\n* Date: 01.02.2023\n\n## Context\n\nc\n\n## Decision\n\nd\n{tail}"
    )
}

// Review Z1, Trendyol/ios-architecture-decision-logs: a record lacking `## Consequences`
// was read as MADR 2 (bullets, two of adr-tools' three sections), and lint asked it for
// `Considered Options`, which no record of the log has, and never named the section it
// lacks.
#[test]
fn bullets_over_two_of_adr_tools_sections_are_an_adr_tools_record() {
    let dir = log_with(&[
        ("0001-one.md", &bulleted(1, true)),
        ("0002-two.md", &bulleted(2, false)),
    ]);
    let (_, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "section-missing", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::messages_of(&report),
        vec!["section `Consequences` is missing"]
    );
    assert_eq!(report["diagnostics"][0]["path"], "docs/adr/0002-two.md");
}

// Review Z1, regulated-professions-register: two records numbered 12 with the same time
// on disk (a fresh checkout). renumber kept the later one's number, by name, and said it
// "came first by modification time". The dates the records state tell.
#[test]
fn renumber_tells_two_records_of_one_time_apart_by_their_dates() {
    let record = |title: &str, date: &str| {
        format!(
            "# 2. {title}\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "0002-deploy-on-tag.md",
            &record("Deploy on tag", "2021-12-21"),
        ),
        ("0002-many-links.md", &record("Many links", "2021-12-09")),
    ]);
    let time = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    for name in ["0002-deploy-on-tag.md", "0002-many-links.md"] {
        let file = std::fs::File::options()
            .write(true)
            .open(dir.path().join("docs/adr").join(name))
            .unwrap();
        file.set_modified(time).unwrap();
    }
    let (code, _, stderr) = run(dir.path(), &["renumber"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("would rename docs/adr/0002-deploy-on-tag.md → docs/adr/0003-deploy-on-tag.md (number 2 stays with 0002-many-links.md, which came first by the date it states)"),
        "{stderr}"
    );
}

// Review Z1, athensresearch/athens: its two newest records are notes in no known layout,
// the 24 before them adr-tools' records. `adr new` wrote a MADR 4 record, front matter
// and all; the newest records mostly written one way say how the log is written. And a
// long title made a slug past the 60 characters the README promises (and a file name the
// file system refused): adr-tools' slug is cut too.
#[test]
fn a_new_record_follows_most_of_the_newest_and_its_slug_is_bounded() {
    let nygard = |number: u32| {
        format!(
            "# {number}. Decision {number}\n\nDate: 2021-01-0{number}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let note = "# Versioning\n\nWe version the schema.\n\n## Notes\n\nn\n";
    let dir = log_with(&[
        ("0001-decision-1.md", &nygard(1)),
        ("0002-decision-2.md", &nygard(2)),
        ("0003-decision-3.md", &nygard(3)),
        ("0004-versioning.md", note),
    ]);
    let title =
        "Use the shared platform team managed Kubernetes clusters for all production workloads";
    let (path, text) = crate::util::new_record(dir.path(), "2026-12-07", &[title]);
    assert_eq!(
        path,
        "docs/adr/0005-use-the-shared-platform-team-managed-kubernetes-clusters-for.md"
    );
    assert!(
        text.starts_with(&format!(
            "# 5. {title}\n\nDate: 2026-12-07\n\n## Status\n\n"
        )),
        "{text}"
    );
}

// Review Z1, sul-dlss-labs: the log writes `decided`, `Decided` and `accepted`. `adr
// status 6 accepted` wrote `Decided`, the more frequent synonym, over the word typed.
#[test]
fn a_status_word_the_log_uses_is_written_as_typed() {
    let record = |status: &str| {
        format!(
            "# Decision\n\n* Status: {status}\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\"\n"
        )
    };
    let dir = log_with(&[
        ("0001-a.md", &record("Decided")),
        ("0002-b.md", &record("Decided")),
        ("0003-c.md", &record("accepted")),
        ("0004-d.md", &record("drafted")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["status", "4", "accepted"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/0004-d.md: drafted -> accepted\n")
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0004-d.md")),
        record("accepted")
    );
}

// Review Z1, Trendyol 0009: its last line ends in two spaces, a Markdown hard break.
// Superseding moved them from that line to the end of the sentence it added.
#[test]
fn text_added_at_the_end_leaves_the_last_lines_trailing_spaces_on_it() {
    let new = bulleted(2, true).replace("\nq\n", "\nModules stay inside.  \n");
    let dir = log_with(&[("0001-one.md", &bulleted(1, true)), ("0002-two.md", &new)]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "--by", "2"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0002-two.md")),
        format!(
            "{}\n\n## More Information\n\nThis decision supersedes [1. Decision 1](0001-one.md).\n",
            new.trim_end_matches('\n')
        )
    );
}

// Review Z2: `generate toc` and `generate graph` wrote an empty report for logs named
// `ADR-001-….md`, `ccc-jb-001-….md`: adr-tools lists `NNNN-….md` names only.
#[test]
fn adr_tools_reports_list_records_of_prefixed_names() {
    let record = |number: u32| {
        format!(
            "# ADR-00{number}: Decision {number}\n\nDate: 2024-01-0{number}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("ADR-001-decision-1.md", &record(1)),
        ("ADR-002-decision-2.md", &record(2)),
    ]);
    let (code, stdout, _) = run(dir.path(), &["generate", "toc"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "# Architecture Decision Records\n\n* [ADR-001: Decision 1](ADR-001-decision-1.md)\n* [ADR-002: Decision 2](ADR-002-decision-2.md)\n"
        )
    );
    let (_, stdout, _) = run(dir.path(), &["generate", "graph"]);
    assert!(stdout.contains("    _2 [label=\"ADR-002: Decision 2\"; URL=\"ADR-002-decision-2.html\"];\n    _1 -> _2 [style=\"dotted\", weight=1];\n"), "{stdout}");
}

// Review Z1, Trendyol 0027 `* Status: Reviewed`: the help offered `review`, a word the
// allowed list it printed does not hold; it now says what that word reads as. And athens
// 0007, superseded by a link to a file renamed since (`[9. …](0009-….md)`, found as 0010 by
// its slug): the warning named `ADR-0009`, another record; it names the one it found.
#[test]
fn help_and_messages_name_what_the_tool_read() {
    let record = |title: &str, status: &str| {
        format!(
            "# {title}\n\nDate: 2021-06-28\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("0001-snapshots.md", &record("1. Snapshots", "Reviewed")),
        (
            "0002-events.md",
            &record(
                "2. Events",
                "Superceded by [3. Graph operations](0003-graph-operations.md)",
            ),
        ),
        (
            "0004-graph-operations.md",
            &record("4. Graph operations", "Draft"),
        ),
    ]);
    let (_, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let helps = crate::util::helps_of(&report);
    assert!(
        helps.contains(&"did you mean `review`, which reads as `proposed`? allowed: proposed, accepted, rejected, deprecated, superseded by …; add more with `statuses` in .adr.toml"),
        "{helps:?}"
    );
    let messages = crate::util::messages_of(&report);
    assert!(
        messages.contains(
            &"superseded by `0004-graph-operations.md`, but `0004-graph-operations.md` does not link back to this record"
        ),
        "{messages:?}"
    );
}

// Review Z2, KikoNet13/Cuentos-Cosmere (template `- Fecha: dd/mm/aa`) and review X,
// cloud-platform (`10/04/18`): a two-digit year was "not a date" (8 false warnings in one
// log), `list` showed it as written and `--since` left the records out. It is read as the
// log's other dates show it, and reported with its ISO form.
#[test]
fn a_two_digit_year_is_read_as_the_log_writes_its_dates() {
    let record = |number: u32, date: &str| {
        format!(
            "# 000{number} - Decision {number}\n\n- Estado: aceptado\n- Fecha: {date}\n\n## Contexto y planteamiento del problema\n\nc\n\n## Opciones consideradas\n\n* A\n\n## Resultado de la decisión\n\nOpción elegida: \"A\"\n"
        )
    };
    let dir = log_with(&[
        ("0001-decision-1.md", &record(1, "25/02/25")),
        ("0002-decision-2.md", &record(2, "12/02/25")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list", "--since", "2025-02-01"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  aceptado  2025-02-25  Decision 1\n0002  aceptado  2025-02-12  Decision 2\n"
        )
    );
    let (_, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::helps_of(&report),
        vec![
            "write `2025-02-25`",
            "write `2025-02-12`: the log writes the day first (`25/02/25` in `0001-decision-1.md`)"
        ]
    );
}

// Review Z1, sul-dlss-labs: `* Date(s):` over the days of each status (`  * Proposed:
// 2023-05-16`, `  * Accepted: 01.06.2023`); no record of the log had a date, and lint
// said nothing. The last day under the label is the record's, and it is fixed in place.
#[test]
fn the_last_date_under_a_dates_bullet_is_the_records() {
    let record = "# Efficient retrieval\n\n* Status: accepted\n* Decider(s):\n  * Infrastructure Team\n* Date(s):\n  * Proposed: 2023-05-16\n  * Accepted: 01.06.2023\n\n## Context and Problem Statement\n\nC.\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\", because it is simpler.\n";
    let dir = log_with(&[("0018-graphql.md", record)]);
    let (_, stdout, _) = run(dir.path(), &["export"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let record_0 = &records["records"][0];
    assert_eq!(
        (&record_0["date"], &record_0["decision_makers"][0]),
        (
            &serde_json::json!("2023-06-01"),
            &serde_json::json!("Infrastructure Team")
        ),
        "{stdout}"
    );
    let (code, _, stderr) = run(dir.path(), &["lint", "--fix"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(dir.path().join("docs/adr/0018-graphql.md")),
        record.replace("01.06.2023", "2023-06-01")
    );
}

// Review Z2, DependencyTrack/hyades: each record opens with a metadata table, and the
// site titles pages from its navigation: 17 identical title-missing errors. A log where
// most records have no title gets one finding, as status-missing does for statuses.
#[test]
fn a_log_that_writes_no_titles_gets_one_finding() {
    let record = |status: &str| {
        format!(
            "| Status | Date | Author(s) |\n|---|---|---|\n| {status} | 2024-01-05 | @nscuro |\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("001-drop-kafka.md", &record("Accepted")),
        ("002-outbox.md", &record("Accepted")),
        ("003-workflows.md", &record("Proposed")),
    ]);
    let (code, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "title-missing", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (code, crate::util::messages_of(&report)),
        (1, vec!["no record of this log has a title (3 records)"])
    );
    assert_eq!(
        report["diagnostics"][0]["path"],
        "docs/adr/001-drop-kafka.md"
    );
}

// Review Z3, katana-openapi-client 0015: a status in bold over two lines (`**Superseded
// by` / `[ADR-0021](…)**`) was read from its first line: no successor (a false warning),
// and `adr status 15 "superseded by 21"`, as that warning advised, dropped the opening
// `**`, left the closing one and linked the successor twice.
#[test]
fn a_status_in_emphasis_over_two_lines_is_read_and_rewritten_whole() {
    let record = |number: u32, status: &str| {
        format!(
            "# ADR-00{number}: Record {number}\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let old = record(15, "**Superseded by\n[ADR-0021](0021-direct-apply.md)**");
    let dir = log_with(&[
        ("0015-confirm.md", &old),
        (
            "0021-direct-apply.md",
            &record(21, "Accepted\n\nSupersedes [ADR-0015](0015-confirm.md)"),
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (code, _, stderr) = run(dir.path(), &["status", "15", "accepted"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/0015-confirm.md")),
        record(15, "**Accepted**")
    );
}

// Review Z3, lumehaven: `Accepted **Date:** 2026-02-08` was read as the status `accepted
// date: 2026-02-08` (a false status-undeclared warning), and `adr status` wrote
// `Deprecated` over the date; `Accepted (Amended by [ADR-010](…))` lost the only mention
// of the relation on that side. Both stay.
#[test]
fn a_status_edit_keeps_a_field_and_a_note_after_the_word() {
    let record = |status: &str| {
        format!(
            "# ADR-008: Frontend\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "ADR-008-frontend.md",
            &record("Accepted **Date:** 2026-02-08"),
        ),
        (
            "ADR-005-signal.md",
            &record("Accepted (Amended by [ADR-008](ADR-008-frontend.md))"),
        ),
    ]);
    let (_, stdout, _) = run(dir.path(), &["lint", "--rule", "status-undeclared"]);
    assert_eq!(stdout, "0 errors, 0 warnings in 2 files\n");
    for number in ["8", "5"] {
        let (code, _, stderr) = run(dir.path(), &["status", number, "deprecated"]);
        assert_eq!((code, stderr.as_str()), (0, ""));
    }
    assert_eq!(
        read(dir.path().join("docs/adr/ADR-008-frontend.md")),
        record("Deprecated **Date:** 2026-02-08")
    );
    assert_eq!(
        read(dir.path().join("docs/adr/ADR-005-signal.md")),
        record("Deprecated (Amended by [ADR-008](ADR-008-frontend.md))")
    );
}

// Review Z4, tomriddelsdell adr-007 and an untitled note: a `tags:` line inside a code
// block was read as the record's tags (the site made a tag page of it), and `migrate
// --write` cut it out of the block to move it to front matter. Code is not metadata.
#[test]
fn a_line_of_a_code_block_is_no_metadata() {
    let note = "Some notes on event versioning.\n\n```ts\ninterface ProjectCreatedV1 {\n  tags: string; // Comma-separated string\n}\n```\n\nAccepted by the team.\n";
    let wrapped = "````markdown\n# ADR-007: Event Versioning\n\n```ts\n  tags: string;\n```\n\n_Last Updated: September 15, 2025_\n````\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n";
    let dir = log_with(&[
        ("0001-event-versioning.md", note),
        ("0007-wrapped.md", wrapped),
    ]);
    let (_, stdout, _) = run(dir.path(), &["export"]);
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    for record in export["records"].as_array().unwrap() {
        assert_eq!(record["tags"], serde_json::json!([]), "{record}");
    }
    let (code, _, stderr) = run(dir.path(), &["migrate", "--write"]);
    assert_eq!(code, 0, "{stderr}");
    let migrated = read(dir.path().join("docs/adr/0007-wrapped.md"));
    assert!(
        migrated
            .contains("```ts\n  tags: string;\n```\n\n_Last Updated: September 15, 2025_\n````\n"),
        "{migrated}"
    );
    assert!(!migrated.contains("tags: \"string"), "{migrated}");
}

// Review Z3, straw-hat-team/adr: each record is `<ten-digit id>/README.md` with front
// matter (`title`, `state`, `created`). The log read as empty, and `adr lint` passed it
// ("0 errors, 0 warnings in 0 files"). Such folders are records; an id that long is no
// number of a series.
#[test]
fn folders_named_by_an_id_hold_records() {
    let record = |title: &str| {
        format!(
            "---\nid: '1146361044'\ntitle: {title}\nstate: Approved\ncreated: 2022-07-11\n---\n\n# {title}\n\n## Context\n\nc\n\n## Decision\n\nd\n"
        )
    };
    let dir = log_with(&[
        ("1146361044/README.md", &record("Helper vs Util")),
        ("0042/README.md", &record("Short ids are numbers")),
        // A folder of records by year, its README their index: no record of its own.
        ("2024/README.md", "# 2024\n\n- [Cache](0043-cache.md)\n"),
        ("2024/0043-cache.md", &record("Cache")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0042  approved  2022-07-11  Short ids are numbers\n0043  approved  2022-07-11  Cache\n   -  approved  2022-07-11  Helper vs Util\n"
        )
    );
}

// Review Z4: GoyacJ/octopus titles `# ADR-001 · 采用 …` kept the `·` before the title, and
// its `## 1. 背景与问题` was no heading of the vocabulary (16 false section-missing
// errors); factory-x's `ddr-template.md` and `sdr-template.md` were misnamed records to
// rename `ADR-0002-…`, and its `adr-relationships.md`, a matrix of the records, was one.
#[test]
fn titles_headings_and_documents_beside_the_records_are_read_as_meant() {
    let zh = "# ADR-001 · 采用 Event-Sourcing\n\n## 状态\n\n已接受\n\n## 1. 背景与问题\n\nc\n\n## 2. 决策\n\nd\n\n## 3. 替代方案\n\n* CRUD\n\n## 4. 后果\n\nq\n";
    let dir = log_with(&[
        ("ADR-001-event-sourcing.md", zh),
        (
            "ddr-template.md",
            "# DDR Title\n\n## Context\n\n{context}\n",
        ),
        (
            "sdr-template.md",
            "# SDR Title\n\n## Context\n\n{context}\n",
        ),
        (
            "adr-relationships.md",
            "# ADR Relationship Matrix\n\n| ADR | Depends on |\n| --- | --- |\n| ADR-001 | - |\n\n**Status**: All gaps filled.\n",
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0001  已接受  -  采用 Event-Sourcing\n")
    );
    let (_, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rules = rules_of(&report);
    assert!(
        !rules.contains(&"section-missing") && !rules.contains(&"filename-format"),
        "{stdout}"
    );
}

// Review Z4, GoyacJ/octopus: records headed `## 1. 背景`, `## 2. 决策` got an English
// `## More Information` from `adr link` (the numbers hid the headings' language), and
// review Z3, lumehaven: the link back in a log of `ADR-002-….md` names read `ADR-0002`.
#[test]
fn words_added_to_a_record_follow_its_language_and_the_logs_ids() {
    let zh = |number: u32, title: &str| {
        format!(
            "# ADR-00{number} · {title}\n\n> 状态：Accepted\n> 日期：2026-04-25\n\n## 1. 背景\n\n测试。\n\n## 2. 决策\n\n引入。\n\n## 3. 影响\n\n简单。\n"
        )
    };
    let dir = log_with(&[
        ("0001-event-sourcing.md", &zh(1, "事件溯源")),
        ("0002-steering-queue.md", &zh(2, "引导队列")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["link", "2", "amends", "1"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let text = read(dir.path().join("docs/adr/0002-steering-queue.md"));
    assert!(
        text.ends_with(
            "简单。\n\n## 更多信息\n\nAmends [ADR-001 · 事件溯源](0001-event-sourcing.md)\n"
        ),
        "{text}"
    );

    let madr = |number: u32, status: &str| {
        format!(
            "# ADR-00{number}: Record {number}\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision Drivers\n\n* d\n\n## Considered Options\n\n* A\n\n## Decision\n\nA.\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("ADR-002-backend.md", &madr(2, "Accepted")),
        ("ADR-011-commands.md", &madr(11, "Accepted")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "2", "superseded", "--by", "11"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let text = read(dir.path().join("docs/adr/ADR-011-commands.md"));
    assert!(text.contains("[ADR-002](ADR-002-backend.md)"), "{text}");
}

// Review Z4, 3leaps/sysprims: a record made from the log's own template and accepted
// still held the template's questions (`What is the issue that we're seeing …?`); no rule
// knew them. A line of a site generator (`{{ page.adr_status }}`, pmd) is the log's own.
#[test]
fn the_prose_of_the_logs_own_template_left_in_a_record_is_reported() {
    let template = "# ADR-NNNN: Title\n\n> **Status**: Proposed\n\n{{ page.adr_status }} (Last updated: {{ page.last_updated }})\n\n## Context\n\nWhat is the issue that we're seeing that is motivating this decision?\n\n## Decision\n\nWhat is the change that we're proposing and/or doing?\n";
    let record = |decision: &str| {
        format!(
            "# ADR-0002: Tracing\n\n> **Status**: Accepted\n\n{{{{ page.adr_status }}}} (Last updated: {{{{ page.last_updated }}}})\n\n## Context\n\nWe trace nothing.\n\n## Decision\n\n{decision}\n"
        )
    };
    let dir = log_with(&[
        ("adr-template.md", template),
        (
            "ADR-0001-license.md",
            &record("We use MIT.").replace("0002: Tracing", "0001: License"),
        ),
        (
            "ADR-0002-tracing.md",
            &record("What is the change that we're proposing and/or doing?"),
        ),
    ]);
    let (_, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "placeholder-left", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::messages_of(&report),
        vec![
            "template placeholder `What is the change that we're proposing and/or doing?` left in"
        ]
    );
    assert_eq!(
        report["diagnostics"][0]["path"],
        "docs/adr/ADR-0002-tracing.md"
    );
}

// Review Z2, tytsxai/exchange-platform: records with front matter (`title`, `tags`,
// `created`) and adr-tools' sections, none with a status. The help asked for a `## Status`
// section in each, in a log that keeps its metadata in front matter.
#[test]
fn a_front_matter_log_without_statuses_is_told_to_put_them_there() {
    let record = |title: &str| {
        format!(
            "---\ntitle: {title}\ntags: [core]\ncreated: 2025-01-02\n---\n\n# {title}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("ADR-001-a.md", &record("A")),
        ("ADR-002-b.md", &record("B")),
    ]);
    let (_, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "status-missing", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        crate::util::helps_of(&report),
        vec![
            "give each record a status (front matter `status: accepted`), or, if the log does not track statuses, turn the rule off: `status-missing = \"off\"` under `[lint.rules]` in .adr.toml"
        ]
    );
}

// The status ends before a field of metadata only: `Superseded by: [ADR-0002](…)` is one
// status naming its successor, not `Superseded` and a field `by`.
#[test]
fn a_successor_after_a_colon_is_no_field_after_the_status() {
    let record = |number: u32, status: &str| {
        format!(
            "# {number}. R{number}\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
        )
    };
    let dir = log_with(&[
        (
            "0001-a.md",
            &record(1, "Superseded by: [ADR-0002](0002-b.md)"),
        ),
        (
            "0002-b.md",
            &record(
                2,
                "Accepted Date: 2024-01-02\n\nSupersedes [1. R1](0001-a.md)",
            ),
        ),
    ]);
    let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (&records[0]["superseded_by"], &records[1]["status"]),
        (&serde_json::json!(2), &serde_json::json!("accepted"))
    );
    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
}
