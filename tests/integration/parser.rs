//! The parser on one fixture per style and per tolerance (tests/fixtures/parse/), asserting
//! the parsed fields and the lines they were found on; templates round-trip through it.

use adr::discover::FileName;
use adr::model::{
    DateValue, FailureKind, LoadFailure, Record, StatusKind, StatusOrigin, Style, options_match,
};
use adr::record_template::{self, NewRecordContext, SupersededRecord, TemplateSource};
use adr::source::SourceFile;

use crate::util::fixtures;

fn load(name: &str) -> Result<Record, Box<LoadFailure>> {
    let path = fixtures().join("parse").join(name);
    adr::parse::load_record(
        &path,
        name.to_string(),
        FileName::parse("0001-fixture.md").unwrap(),
    )
}

fn record(name: &str) -> Record {
    load(name).unwrap_or_else(|failure| panic!("{name} failed to parse: {}", failure.message))
}

/// `text` parsed as the record file `name` of the log.
fn parsed(name: &str, text: &str) -> Record {
    let file = FileName::parse(name).unwrap();
    adr::parse::parse_record(SourceFile::new(name, text.to_string()), name.into(), file)
        .unwrap_or_else(|failure| panic!("{name} failed to parse: {}", failure.message))
}

fn values(located: &[adr::model::Located<String>]) -> Vec<(&str, usize)> {
    located
        .iter()
        .map(|item| (item.value.as_str(), item.line))
        .collect()
}

#[test]
fn madr4_seed_record() {
    let record = record("madr4-seed.md");
    assert_eq!(record.style, Style::Madr4);
    let title = record.title.as_ref().unwrap();
    assert_eq!(
        (title.value.as_str(), title.line),
        (
            "Use FastAPI as the Web Framework for Our Backend Services",
            17
        )
    );
    assert_eq!(
        record.front_matter_title.as_ref().unwrap().value,
        "0001 Use FastAPI Web Framework"
    );
    let status = record.status.as_ref().unwrap();
    assert_eq!(
        (&status.kind, status.line, status.origin),
        (&StatusKind::Accepted, 4, StatusOrigin::FrontMatter)
    );
    assert_eq!(record.source.slice(status.span), "accepted");
    let date = record.date.as_ref().unwrap();
    assert_eq!(
        (date.value.valid().unwrap().to_string().as_str(), date.line),
        ("2025-05-11", 5)
    );
    assert_eq!(record.source.slice(date.span), "\"2025-05-11\"");
    assert_eq!(
        values(&record.tags),
        vec![
            ("backend", 11),
            ("api", 12),
            ("framework", 13),
            ("performance", 14)
        ]
    );
    assert!(
        record.decision_makers.is_empty()
            && record.consulted.is_empty()
            && record.informed.is_empty()
    );
    let extra: Vec<_> = record
        .extra_front_matter()
        .map(|entry| (entry.key.as_str(), entry.line))
        .collect();
    assert_eq!(extra, vec![("adr", 3)]);
    let sections: Vec<_> = record
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str(), s.line))
        .collect();
    assert_eq!(
        &sections[..6],
        &[
            (
                1,
                "Use FastAPI as the Web Framework for Our Backend Services",
                17
            ),
            (2, "Context and Problem Statement", 19),
            (2, "Decision Drivers", 23),
            (2, "Considered Options", 32),
            (2, "Decision Outcome", 40),
            (3, "Consequences", 44),
        ]
    );
    assert_eq!(record.decision_drivers.len(), 6);
    assert_eq!(record.decision_drivers[0].line, 25);
    assert_eq!(
        values(&record.considered_options),
        vec![
            ("FastAPI", 34),
            ("Django REST Framework", 35),
            ("Flask + extensions (e.g., Flask-RESTful)", 36),
            ("Starlette (lower-level framework)", 37),
            ("Tornado", 38),
        ]
    );
    let chosen = record.chosen_option.as_ref().unwrap();
    assert_eq!((chosen.value.as_str(), chosen.line), ("FastAPI", 42));
    assert_eq!(record.source.slice(chosen.span), "FastAPI");
    let pros: Vec<_> = record
        .pros_and_cons
        .iter()
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(
        pros,
        [
            "FastAPI",
            "Django REST Framework",
            "Flask + Extensions",
            "Starlette",
            "Tornado"
        ]
    );
    for option in &record.considered_options {
        assert!(
            record
                .pros_and_cons
                .iter()
                .any(|p| options_match(&option.value, &p.value)),
            "{}",
            option.value
        );
    }
    let links: Vec<_> = record
        .links
        .iter()
        .map(|l| (l.target.as_str(), l.line, l.is_relative()))
        .collect();
    assert_eq!(
        links,
        vec![
            ("https://fastapi.tiangolo.com/", 127, false),
            ("https://www.starlette.io/", 128, false),
            ("https://pydantic-docs.helpmanual.io/", 129, false),
        ]
    );
}

#[test]
fn madr3_deciders_and_unknown_keys() {
    let record = record("madr3-deciders.md");
    assert_eq!(record.style, Style::Madr3);
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Accepted);
    assert_eq!(
        values(&record.decision_makers),
        vec![("Jane Doe", 6), ("John O'Neil", 6)]
    );
    assert_eq!(
        record.title.as_ref().unwrap().value,
        "End to End Testing Framework"
    );
    assert_eq!(record.title_number, Some(2));
    let owner = record
        .extra_front_matter()
        .find(|entry| entry.key == "owner")
        .unwrap();
    assert_eq!(
        (owner.line, owner.value.as_str()),
        (7, Some("platform-team"))
    );
    assert_eq!(record.chosen_option.as_ref().unwrap().value, "Playwright");
    assert!(options_match("Playwright (Microsoft)", "Playwright"));
}

#[test]
fn madr2_bullets() {
    let record = record("madr2-bullets.md");
    assert_eq!(record.style, Style::Madr2);
    let status = record.status.as_ref().unwrap();
    assert_eq!(
        (&status.kind, status.line, status.origin),
        (&StatusKind::Superseded, 3, StatusOrigin::Bullet)
    );
    assert_eq!(status.superseded_by.as_ref().unwrap().number, Some(7));
    assert_eq!(
        record.source.slice(status.span),
        "superseded by [ADR-0007](0007-use-assertj.md)"
    );
    assert_eq!(
        values(&record.decision_makers),
        vec![("Oliver Kopp", 4), ("Jana Doe", 4)]
    );
    assert_eq!(record.date.as_ref().unwrap().line, 5);
    assert_eq!(
        record.date.as_ref().unwrap().value,
        DateValue::parse("2017-12-16")
    );
    assert_eq!(record.considered_options.len(), 3);
    assert_eq!(record.chosen_option.as_ref().unwrap().value, "Plain JUnit5");
    assert!(record.front_matter.is_none());
}

#[test]
fn nygard_adr_tools() {
    let record = record("nygard-adr-tools.md");
    assert_eq!(record.style, Style::Nygard);
    assert_eq!(record.title.as_ref().unwrap().value, "Use PostgreSQL");
    assert_eq!(record.title_number, Some(3));
    assert_eq!(record.date.as_ref().unwrap().line, 3);
    let status = record.status.as_ref().unwrap();
    assert_eq!(
        (&status.kind, status.line, status.origin),
        (&StatusKind::Superseded, 7, StatusOrigin::Section)
    );
    assert_eq!(status.superseded_by.as_ref().unwrap().number, Some(9));
    let supersedes: Vec<_> = record
        .supersedes
        .iter()
        .map(|r| (r.value.number, r.line))
        .collect();
    assert_eq!(supersedes, vec![(Some(2), 9)]);
    for name in ["Status", "Context", "Decision", "Consequences"] {
        assert!(record.section(name).is_some(), "{name}");
    }
}

#[test]
fn metadata_table() {
    let record = record("metadata-table.md");
    let status = record.status.as_ref().unwrap();
    assert_eq!(
        (status.raw.as_str(), status.line, status.origin),
        ("Implemented", 7, StatusOrigin::Table)
    );
    assert_eq!(record.date.as_ref().unwrap().line, 5);
    assert_eq!(
        values(&record.tags),
        vec![("jetstream", 8), ("client", 8), ("server", 8)]
    );
}

#[test]
fn bom_and_crlf() {
    let record = record("bom-crlf.md");
    let title = record.title.as_ref().unwrap();
    assert_eq!((title.value.as_str(), title.line), ("BOM and CRLF", 7));
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Proposed);
    assert_eq!(
        record.source.slice(record.status.as_ref().unwrap().span),
        "proposed"
    );
    assert_eq!(values(&record.tags), vec![("api", 4)]);
    // The BOM is not a column.
    let start = record.front_matter.as_ref().unwrap().span.start;
    assert_eq!(record.source.line_col(start).column, 1);
    assert_eq!(record.sections[1].title, "Context and Problem Statement");
}

#[test]
fn trailing_spaces_on_fences() {
    let record = record("fence-trailing-spaces.md");
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Accepted);
    assert_eq!(record.title.as_ref().unwrap().line, 6);
}

#[test]
fn empty_front_matter() {
    let record = record("empty-front-matter.md");
    assert!(record.front_matter.as_ref().unwrap().entries.is_empty());
    assert!(record.status.is_none());
    assert_eq!(record.title.as_ref().unwrap().value, "Empty front matter");
}

#[test]
fn dashes_and_headings_inside_code_blocks() {
    let record = record("dashes-in-code.md");
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Accepted);
    let h1s: Vec<_> = record
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(h1s, ["Front matter examples in code"]);
    assert_eq!(record.chosen_option.as_ref().unwrap().value, "Show it");
}

#[test]
fn headings_with_inline_code_and_comments() {
    let record = record("heading-markup.md");
    assert_eq!(
        record.title.as_ref().unwrap().value,
        "Use serde for parsing"
    );
    assert!(record.section("Context and Problem Statement").is_some());
    assert!(record.section("Considered Options").is_some());
    assert_eq!(
        values(&record.considered_options),
        vec![
            ("serde (the de-facto standard)", 13),
            ("Hand-written parser", 14)
        ]
    );
    assert_eq!(record.chosen_option.as_ref().unwrap().value, "`serde`");
    assert!(options_match("`serde`", "serde (the de-facto standard)"));
    let comments: Vec<_> = record
        .comments
        .iter()
        .map(|c| (c.value.as_str(), c.line))
        .collect();
    assert_eq!(comments, vec![("really?", 5), ("keep short", 7)]);
}

#[test]
fn invalid_date_is_kept_as_text() {
    let record = record("invalid-date.md");
    let date = record.date.as_ref().unwrap();
    assert_eq!(
        (&date.value, date.line),
        (&DateValue::Invalid("2024-02-30".into()), 3)
    );
}

fn failure(name: &str) -> LoadFailure {
    match load(name) {
        Ok(_) => panic!("{name} should not parse"),
        Err(failure) => *failure,
    }
}

#[test]
fn unreadable_files_are_failures_with_a_line() {
    let cases = [
        (
            "not-utf8.md",
            FailureKind::NotUtf8,
            Some(1),
            "the file is not UTF-8 (invalid byte at offset 5): convert it to UTF-8",
        ),
        (
            "broken-yaml.md",
            FailureKind::FrontMatterSyntax,
            Some(4),
            "front matter is not valid YAML: did not find expected ',' or ']'",
        ),
        (
            "unclosed-front-matter.md",
            FailureKind::FrontMatterSyntax,
            Some(1),
            "front matter opened with `---` is never closed: add a `---` line after the last key",
        ),
        (
            "not-a-mapping.md",
            FailureKind::FrontMatterSyntax,
            Some(2),
            "front matter is not a mapping of keys to values: write `key: value` lines",
        ),
    ];
    for (name, kind, line, message) in cases {
        let failure = failure(name);
        assert_eq!(
            (failure.kind, failure.line, failure.message.as_str()),
            (kind, line, message),
            "{name}"
        );
    }
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    let started = std::time::Instant::now();
    let failure = failure("alias-bomb.md");
    assert_eq!(failure.kind, FailureKind::FrontMatterSyntax);
    assert!(
        failure.message.contains("repetition limit exceeded"),
        "{}",
        failure.message
    );
    // Not a timing budget: a sanity bound far above any real run, so a hang fails the test.
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn oversized_front_matter_is_refused() {
    let text = format!(
        "---\nstatus: accepted\nnotes: \"{}\"\n---\n\n# Big\n",
        "x".repeat(70 * 1024)
    );
    let source = SourceFile::new("big.md", text);
    let failure = adr::parse::parse_record(
        source,
        "big.md".into(),
        FileName::parse("0001-big.md").unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        failure.message,
        "front matter is larger than 64 KiB: keep metadata short and move prose into the body"
    );
}

fn context(title: &str, number: u32) -> NewRecordContext {
    NewRecordContext {
        title: title.to_string(),
        number: Some(number),
        padded_number: format!("{number:04}"),
        date: "2025-11-23".into(),
        status: "proposed".into(),
        tags: vec!["api".into(), "yes".into(), "needs: quoting".into()],
        decision_makers: vec!["Liam O'Brien".into(), "Ana \"Ace\" Lima".into()],
        supersedes: vec![SupersededRecord {
            number: Some(3),
            id: "ADR-0003".into(),
            title: "Use MySQL".into(),
            link: "0003-use-mysql.md".into(),
        }],
    }
}

#[test]
fn every_template_round_trips_through_the_parser() {
    for name in ["madr", "madr-minimal", "madr2", "nygard"] {
        let context = context("Use Über-fast: \"quoted\" caches", 12);
        let text = record_template::render(&TemplateSource::Builtin(name), &context).unwrap();
        let file = FileName::parse("0012-use-uber-fast-quoted-caches.md").unwrap();
        let record =
            adr::parse::parse_record(SourceFile::new("x.md", text.clone()), "x.md".into(), file)
                .unwrap_or_else(|failure| panic!("{name}: {}\n{text}", failure.message));
        assert_eq!(
            record.title.as_ref().unwrap().value,
            context.title,
            "{name}"
        );
        assert_eq!(
            record.status.as_ref().unwrap().kind,
            StatusKind::Proposed,
            "{name}"
        );
        assert_eq!(
            record.date.as_ref().unwrap().value.text(),
            "2025-11-23",
            "{name}"
        );
        let tags: Vec<_> = record.tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["api", "yes", "needs: quoting"], "{name}");
        let makers: Vec<_> = record
            .decision_makers
            .iter()
            .map(|t| t.value.as_str())
            .collect();
        assert_eq!(makers, ["Liam O'Brien", "Ana \"Ace\" Lima"], "{name}");
        let supersedes: Vec<_> = record.supersedes.iter().map(|r| r.value.number).collect();
        assert_eq!(supersedes, [Some(3)], "{name}");
        let expected_style = match name {
            "nygard" => Style::Nygard,
            "madr2" => Style::Madr2,
            _ => Style::Madr4,
        };
        assert_eq!(record.style, expected_style, "{name}");
    }
}

/// `list` and `index` load metadata only: the facts they print are all there, and the texts
/// (most of the memory of a large log) are not kept.
#[test]
fn a_metadata_load_keeps_the_facts_and_lets_the_texts_go() {
    let dir = crate::util::log_with(&[
        (
            "0001-use-postgres.md",
            "---\nstatus: accepted\ndate: 2025-01-02\ntags: [db]\n---\n\n# Use Postgres\n\nBody.\n",
        ),
        (
            "0002-broken.md",
            "---\nstatus: [unclosed\n---\n\n# Broken\n",
        ),
    ]);
    let log = adr::model::Log::load_metadata(&dir.path().join("docs/adr")).unwrap();
    let record = &log.records[0];
    assert_eq!(record.number(), Some(1));
    assert_eq!(record.display_title(), "Use Postgres");
    assert_eq!(
        record.status.as_ref().map(|status| status.raw.as_str()),
        Some("accepted")
    );
    assert_eq!(record.tags[0].value, "db");
    assert!(record.path().ends_with("docs/adr/0001-use-postgres.md"));
    assert_eq!(record.source.text, "");
    // A failure keeps its text, for the snippet that explains it.
    assert!(
        log.failures[0]
            .source
            .as_ref()
            .is_some_and(|source| !source.text.is_empty())
    );
}

/// A metadata load stops reading early, but never reads more into a record than a full
/// parse does: a `Deciders:` line far into the body is not the record's preamble.
#[test]
fn a_metadata_load_reads_the_preamble_as_a_full_parse_does() {
    // What each load makes of 0001: its decision makers, tags, informed and date.
    fn facts_of(log_dir: &std::path::Path) -> Vec<(Vec<String>, usize, usize, Option<String>)> {
        let metadata = adr::model::Log::load_metadata(log_dir).unwrap();
        let full = adr::model::Log::load(log_dir).unwrap();
        [&metadata.records[0], &full.records[0]]
            .map(|record| {
                (
                    record
                        .decision_makers
                        .iter()
                        .map(|maker| maker.value.clone())
                        .collect(),
                    record.tags.len(),
                    record.informed.len(),
                    record.date.as_ref().map(|date| date.value.text()),
                )
            })
            .to_vec()
    }
    let text = "---\nstatus: accepted\ndecision-makers: []\n---\n\n# Use Postgres\n\nDate: 2024-02-03\n\n## Context\n\nDeciders: Alice\nTags: db\n\n## More Information\n\nInformed: Bob\n";
    let dir = crate::util::log_with(&[("0001-use-postgres.md", text)]);
    let log_dir = dir.path().join("docs/adr");
    let expected = (Vec::new(), 0, 0, Some("2024-02-03".to_string()));
    assert_eq!(facts_of(&log_dir), [expected.clone(), expected]);
    // A `## ` line in a code block does not end the preamble.
    let text = "---\nstatus: accepted\n---\n\n# Use Postgres\n\n```\n## not a heading\n```\n\nDeciders: Alice\n\n## Context\n\nInformed: Bob\n";
    std::fs::write(log_dir.join("0001-use-postgres.md"), text).unwrap();
    let expected = (vec!["Alice".to_string()], 0, 0, None);
    assert_eq!(facts_of(&log_dir), [expected.clone(), expected]);
}

#[test]
fn a_metadata_table_is_read_by_row_or_by_column() {
    let parse = |text: &str| {
        let file = FileName::parse("001-drop-kafka.md").unwrap();
        adr::parse::parse_record(
            SourceFile::new("x.md", text.to_string()),
            "x.md".into(),
            file,
        )
        .unwrap()
    };
    // DependencyTrack's hyades: labels in the head, values in the one row under it.
    let record = parse(
        "| Status   | Date       | Author(s)                            |\n|:---------|:-----------|:-------------------------------------|\n| Proposed | 2025-01-07 | [@nscuro](https://github.com/nscuro) |\n\n## Context\n\nKafka.\n",
    );
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Proposed);
    assert_eq!(record.date.as_ref().unwrap().value.text(), "2025-01-07");
    assert_eq!(record.decision_makers.len(), 1);
    // A label and its value on each row.
    let record = parse(
        "# 1. Drop Kafka\n\n| Field | Value |\n|---|---|\n| Status | Accepted |\n| Date | 2025-01-08 |\n\n## Context\n\nKafka.\n",
    );
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Accepted);
    assert_eq!(record.date.as_ref().unwrap().value.text(), "2025-01-08");
    // A changelog's head names its columns (YorgosPag/NestorApp): its `Date` was read as the
    // record's date, `Changes`, and lint reported it unreadable.
    let record = parse(
        "# ADR-266: Reports\n\n**Date**: 2026-03-29\n\n| Date | Changes |\n|---|---|\n| 2026-03-29 | First |\n\n## Context\n\nKafka.\n",
    );
    assert_eq!(record.date.as_ref().unwrap().value.text(), "2026-03-29");
    assert_eq!(record.date.as_ref().unwrap().line, 3);
}

// A superseded status beside a line or bullet of its own naming the successor
// (`superseded_by: 0007-…` under a bare `status:` line, `* Superseded by: […]` above the
// status bullet): the successor was lost, and lint asked for one.
#[test]
fn a_successor_on_a_line_of_its_own_beside_the_status_is_read() {
    for (name, number) in [
        ("bare-lines-superseded.md", 7),
        ("madr2-superseded-by-bullet.md", 12),
    ] {
        let record = record(name);
        let status = record.status.as_ref().unwrap();
        assert_eq!(status.kind, StatusKind::Superseded, "{name}");
        assert_eq!(
            status.superseded_by.as_ref().and_then(|r| r.number),
            Some(number),
            "{name}"
        );
    }
}

// "Superceded" is how a good share of logs spell it: read as a custom status and custom
// relation, the supersession was lost on both sides.
#[test]
fn the_superceded_misspelling_still_supersedes() {
    let record = record("nygard-superceded-misspelt.md");
    let status = record.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Superseded);
    assert_eq!(
        status.superseded_by.as_ref().and_then(|r| r.number),
        Some(5)
    );
    let supersedes: Vec<_> = record.supersedes.iter().map(|r| r.value.number).collect();
    assert_eq!(supersedes, [Some(1)]);
    assert!(record.relations.is_empty(), "{:?}", record.relations);
}

// A home-grown schema names the successor of a deprecated record in front matter, in
// camelCase (evolutionhub): no relation was read, and the graph had no edge.
#[test]
fn a_deprecated_record_names_its_successor_in_front_matter() {
    let record = record("front-matter-deprecated-superseded-by.md");
    let status = record.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Deprecated);
    let successor = status.superseded_by.as_ref().unwrap();
    assert_eq!(
        (successor.number, successor.slug.as_deref()),
        (Some(4), Some("database-schema"))
    );
}

// A record with no title whose last section is written as an H1 (`# Consequências`, SciELO
// kernel 0007): the section was taken for the title, and section-missing then asked for
// the very heading it pointed at.
#[test]
fn an_h1_after_the_sections_is_a_section_not_the_title() {
    let record = record("late-h1-is-a-section.md");
    assert!(record.title.is_none(), "{:?}", record.title);
    assert_eq!(record.title_section(), None);
    assert!(
        record
            .sections_below_title()
            .any(|section| section.is_named("Consequences"))
    );
}

// Dates a log writes in a quote (`> Date: 2025-08-03`, a Korean log's template) or under
// a qualified date heading (`## Дата создания`, "date of creation"): none was read, so
// date-missing stayed silent and every date column was empty.
#[test]
fn dates_in_a_quote_and_under_a_qualified_heading_are_read() {
    for (name, iso) in [
        ("date-in-a-quote.md", "2025-08-03"),
        ("date-section-with-a-qualifier.md", "2020-01-12"),
    ] {
        let record = record(name);
        let date = record.date.as_ref().and_then(|date| date.value.valid());
        assert_eq!(
            date.map(|date| date.to_string()).as_deref(),
            Some(iso),
            "{name}"
        );
    }
}

/// `adr list --format json` of a log of `files`, as (number, title, status, superseded_by).
fn listed(files: &[(&str, &str)]) -> Vec<(u64, String, String, Option<u64>)> {
    let dir = crate::util::log_with(files);
    let (code, stdout, stderr) = crate::util::run(dir.path(), &["list", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["number"].as_u64().unwrap_or(0),
                row["title"].as_str().unwrap_or("").to_string(),
                row["status"].as_str().unwrap_or("-").to_string(),
                row["superseded_by"].as_u64(),
            )
        })
        .collect()
}

// Shapes seen in review G's logs, each misread before: a badge whose alt text says
// nothing (UK Trade), a status in a link (Zarf), one word left in a template's brackets
// (a Spanish log4brains log), a preamble sentence saying the record is superseded (The
// National Archives' TDR), sections written as H1s with no title (Raster Foundry), a
// front-matter title as a YAML block (`title: |`, Hydra) that kept its line break, and a
// status opening the title (`# Accepted: ThorVG`, V-Sekai).
#[test]
fn statuses_and_titles_as_unseen_logs_write_them() {
    let nygard = |title: &str, status: &str| {
        format!("# {title}\n\nDate: 2020-01-01\n\n## Status\n\n{status}\n\n## Context\n\nc\n")
    };
    let rows = listed(&[
        (
            "0001-badge.md",
            &nygard(
                "1. Badge",
                "[![Generic badge](https://badgen.net/badge/ADR/approved/green/)](../README.md)",
            ),
        ),
        (
            "0002-link.md",
            &nygard("2. Link", "[Migrated](https://example.com/other-repo)"),
        ),
        (
            "0003-bracketed.md",
            "# Bracketed\n\n- **Estado:** [Aceptado]\n- **Fecha:** 2025-01-02\n\n## Contexto y declaración del problema\n\nc\n",
        ),
        (
            "0004-old.md",
            "# 4. Old\n\n**Date:** 2020-06-17\n\nThis decision has been superseded by decision: [0005 New](0005-new.md)\n\n## Context\n\nc\n",
        ),
        (
            "0005-new.md",
            "# 5. New\n\n**Date:** 2020-07-21\n\nThis decision supersedes decision: [0004 Old](0004-old.md)\n\n## Context\n\nc\n",
        ),
        (
            "0006-h1-sections.md",
            "# Context\n\nc\n\n# Decision\n\nd\n\n# Consequences\n\ne\n",
        ),
        (
            "0007-block-title.md",
            "---\nstatus: accepted\ntitle: |\n  Use a block title\n---\n\n## Context\n\nc\n",
        ),
        // V-Sekai: the status opens the title, and nothing else states one.
        ("0008-thorvg.md", "# Draft: ThorVG\n\n## Context\n\nc\n"),
        (
            "0009-decision.md",
            "# Decision: Use Kafka\n\n## Context\n\nc\n",
        ),
    ]);
    let expected = [
        (1, "Badge", "approved", None),
        (2, "Link", "migrated", None),
        (3, "Bracketed", "aceptado", None),
        (4, "Old", "superseded", Some(5)),
        (5, "New", "-", None),
        (6, "h1 sections", "-", None),
        (7, "Use a block title", "accepted", None),
        (8, "Draft: ThorVG", "draft", None),
        (9, "Decision: Use Kafka", "-", None),
    ]
    .map(|(number, title, status, by)| (number, title.to_string(), status.to_string(), by));
    assert_eq!(rows, expected);
}

// Zooniverse writes the date on a line of its own under the title (`June 19, 2018`): it was
// not read (no date in list, nothing from lint); and a Spanish log's `[2025-01-2025]`, a
// date written wrong in the template's brackets, passed as the template's prompt.
#[test]
fn a_bare_date_under_the_title_is_read_and_a_bracketed_wrong_date_reported() {
    let dir = crate::util::log_with(&[
        (
            "adr-01.md",
            "# ADR 1: Adopt ADRs\n\nJune 19, 2018\n\n## Status\n\nAccepted\n\n## Context\n\nc\n",
        ),
        (
            "adr-02.md",
            "# ADR 2: Use a CMS\n\n- **Status:** accepted\n- **Date:** [2025-01-2025]\n\n## Context\n\nc\n",
        ),
    ]);
    let (_, stdout, _) = crate::util::run(dir.path(), &["list"]);
    assert!(
        stdout.contains("0001  accepted  2018-06-19  Adopt ADRs\n"),
        "{stdout}"
    );
    let (_, stdout, _) = crate::util::run(
        dir.path(),
        &[
            "lint",
            "--rule",
            "date-format",
            "--rule",
            "date-unreadable",
            "--color",
            "never",
        ],
    );
    assert!(
        stdout.starts_with("warning[date-format]: date `June 19, 2018` is not written `YYYY-MM-DD`\n --> docs/adr/adr-01.md:3:1\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning[date-unreadable]: date `[2025-01-2025]` cannot be read as a date\n --> docs/adr/adr-02.md:4:13\n"),
        "{stdout}"
    );
}

// Kuma 014 groups its options in a nested list (`* Discovery` / `  * Config`) and chooses
// `"Config" with "Inter-CP Server"`: only the groups were read, and chosen-option-unknown
// said `Config` was not considered.
#[test]
fn options_grouped_in_a_nested_list_are_the_items_the_chosen_one_names() {
    let record = "# Multizone admin\n\n* Status: accepted\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* Discovery\n  * Config\n  * Inventory\n* Communication\n  * API Server\n  * Inter-CP Server\n\n## Decision Outcome\n\nChosen option: \"Config\" with \"Inter-CP Server\", because it is simple.\n";
    let dir = crate::util::log_with(&[("0014-multizone-admin.md", record)]);
    let (code, stdout, _) =
        crate::util::run(dir.path(), &["lint", "--rule", "chosen-option-unknown"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n")
    );
    // A choice naming neither a group nor an item is still reported.
    let dir = crate::util::log_with(&[(
        "0014-multizone-admin.md",
        &record.replace("\"Config\" with", "\"Gossip\" with"),
    )]);
    let (code, stdout, _) = crate::util::run(
        dir.path(),
        &[
            "lint",
            "--rule",
            "chosen-option-unknown",
            "--color",
            "never",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("error[chosen-option-unknown]: chosen option `Gossip`"),
        "{stdout}"
    );
}

// Hydra links records by their pages on its site (`[ADR 1](/adr/1)`) and writes `We
// supersede [ADR 18](/adr/18) with the current ADR.`: the supersession was not read, so
// lint called it one-sided.
#[test]
fn we_supersede_a_record_by_its_site_page() {
    let dir = crate::util::log_with(&[
        (
            "0001-old.md",
            "# 1. Old\n\nDate: 2021-01-01\n\n## Status\n\nSuperseded by [ADR 2](/adr/2)\n\n## Context\n\nc\n",
        ),
        (
            "0002-new.md",
            "# 2. New\n\nDate: 2022-01-01\n\n## Status\n\nAccepted\n\n## Consequences\n\n- We supersede [ADR 1](/adr/1) with the current ADR.\n",
        ),
    ]);
    let (code, stdout, _) =
        crate::util::run(dir.path(), &["lint", "--rule", "supersede-not-reciprocal"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (_, stdout, _) = crate::util::run(dir.path(), &["list", "--format", "json"]);
    assert!(
        stdout.contains("\"supersedes\": [\n      1\n    ]"),
        "{stdout}"
    );
}

/// Review I (Decentraland, 7 of 177 records): a record titled in its front matter whose one
/// H1 comes after its `##` sections (`---` then `# Participants`) was titled by that H1.
#[test]
fn an_h1_after_the_sections_of_a_record_titled_in_front_matter_is_no_title() {
    let text = "---\nadr: 2\ntitle: State sync for builder-in-world\nstatus: Withdrawn\n---\n\n## Context and Problem Statement\n\nWe need a sync.\n\n---\n\n# Participants\n\n- Alice\n";
    let file = FileName::parse("ADR-2-state-sync.md").unwrap();
    for depth in [adr::parse::Depth::Metadata, adr::parse::Depth::Full] {
        let record = adr::parse::parse_record_at(
            SourceFile::new("ADR-2-state-sync.md", text.to_string()),
            "ADR-2-state-sync.md".into(),
            file.clone(),
            depth,
        )
        .unwrap();
        assert_eq!(
            record.title.as_ref().map(|title| title.value.as_str()),
            Some("State sync for builder-in-world"),
            "{depth:?}"
        );
    }
}

/// Review I (univention): a `- supersedes:` bullet and a sentence naming the same record are
/// one supersession (lint warned twice, the export listed `[1, 1]`).
#[test]
fn a_record_superseded_twice_in_one_record_is_superseded_once() {
    let text = "# Log Format\n\n- status: accepted\n- supersedes: [0001 Log Format](0001-log-format.md)\n\n## ADR Update\n\nThis ADR supersedes [0001 Log Format](0001-log-format.md), as ADR-0001 says.\n";
    let record = parsed("0002-log-format.md", text);
    let numbers: Vec<Option<u32>> = record
        .supersedes
        .iter()
        .map(|reference| reference.value.number)
        .collect();
    assert_eq!(numbers, [Some(1)]);
}

/// Review I (cloudoperators): `- Tags: [greenhouse, cloudoperators]` keeps the brackets of
/// log4brains' template around the list; they are no part of the tags.
#[test]
fn tags_in_the_templates_brackets_are_read_without_them() {
    let text = "# 009 Helm controller\n\n- Status: accepted\n- Tags: [greenhouse, cloudoperators]\n\n## Context and Problem Statement\n\nCharts.\n";
    let record = parsed("009-helm-controller.md", text);
    let tags: Vec<&str> = record.tags.iter().map(|tag| tag.value.as_str()).collect();
    assert_eq!(tags, ["greenhouse", "cloudoperators"]);
    let spans: Vec<&str> = record
        .tags
        .iter()
        .map(|tag| &text[tag.span.start..tag.span.end])
        .collect();
    assert_eq!(spans, ["greenhouse", "cloudoperators"]);
}

/// Review I (zero-logement-vacant): front-matter keys in the log's language (`statut:`,
/// `décideurs:`) are its status and decision-makers; lint said no record stated a status.
#[test]
fn front_matter_keys_in_another_language_are_read() {
    let text = "---\nstatut: proposé\ndate: 2024-06-03\ndécideurs: Andrea, Loïc\n---\n\n# Mocker l'API\n\n## Contexte et problématique\n\nTexte.\n";
    let record = parsed("20240603162604-mocker-l-api.md", text);
    assert_eq!(
        record
            .status
            .as_ref()
            .map(|status| (&status.kind, status.raw.as_str())),
        Some((&StatusKind::Proposed, "proposé"))
    );
    let makers: Vec<&str> = record
        .decision_makers
        .iter()
        .map(|maker| maker.value.as_str())
        .collect();
    assert_eq!(makers, ["Andrea", "Loïc"]);
}

// kg46sp8kps-web/gestima (review L) states each record's status in brackets after its title:
// `# ADR-001: Soft Delete Pattern [ACCEPTED]`, `[SUPERSEDED BY ADR-030]`. The bracket was
// part of the title (`Soft Delete Pattern [ACCEPTED]` in every list) and the record had no
// status (40 status-missing warnings). The bracket is the status, and no part of the title.
#[test]
fn a_status_in_brackets_after_the_title_is_the_status() {
    let parse = |text: &str| {
        let file = FileName::parse("001-soft-delete-pattern.md").unwrap();
        adr::parse::parse_record(
            SourceFile::new("x.md", text.to_string()),
            "x.md".into(),
            file,
        )
        .unwrap()
    };
    let record = parse("# ADR-001: Soft Delete Pattern [ACCEPTED]\n\n## Rozhodnutí\n\nX.\n");
    let status = record.status.as_ref().unwrap();
    assert_eq!(
        (status.kind.clone(), status.raw.as_str(), status.line),
        (StatusKind::Accepted, "ACCEPTED", 1)
    );
    assert_eq!(record.title.as_ref().unwrap().value, "Soft Delete Pattern");
    let record = parse("# ADR-026: Universal Module Pattern [SUPERSEDED BY ADR-030]\n\nX.\n");
    let status = record.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Superseded);
    assert_eq!(
        status.superseded_by.as_ref().and_then(|r| r.number),
        Some(30)
    );
    // A bracket that is no status is the title's.
    let record = parse("# ADR-002: Use Postgres [draft notes]\n\n## Status\n\nAccepted\n");
    assert_eq!(
        record.title.as_ref().unwrap().value,
        "Use Postgres [draft notes]"
    );
    assert_eq!(record.status.as_ref().unwrap().kind, StatusKind::Accepted);
}
