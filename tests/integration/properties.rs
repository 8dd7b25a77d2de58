//! Property tests over generated inputs (thousands per run): the parser never panics and
//! only ever points inside the text; what `adr new` writes parses back to what it was given;
//! the status rewriter changes the status value and nothing else.

use proptest::prelude::*;

use adr::discover::FileName;
use adr::edit::{apply_edits, status_edit};
use adr::model::{Record, StatusKind};
use adr::record_template::{self, NewRecordContext, TemplateSource};
use adr::source::{SourceFile, Span};

fn parse(text: String) -> Result<Record, Box<adr::model::LoadFailure>> {
    adr::parse::parse_record(
        SourceFile::new("x.md", text),
        "0001-x.md".into(),
        FileName::parse("0001-x.md").unwrap(),
    )
}

/// Lines real records are made of, plus noise, so generated files reach every branch.
fn record_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("--- ".to_string()),
        Just("...".to_string()),
        Just(String::new()),
        Just("status: accepted".to_string()),
        Just("status: \"superseded by [ADR-0002](0002-x.md)\"".to_string()),
        Just("date: 2024-02-30".to_string()),
        Just("tags: [a, b".to_string()),
        Just("tags:\n  - x\n  - y".to_string()),
        Just("decision-makers: [Ann, \"Bo\"]".to_string()),
        Just("a: &a [1, 2]\nb: [*a, *a]".to_string()),
        Just("# 1. Title".to_string()),
        Just("## Status".to_string()),
        Just("Superseded by [2. X](0002-x.md)".to_string()),
        Just("## Considered Options".to_string()),
        Just("* Option (e.g., thing)".to_string()),
        Just("## Decision Outcome".to_string()),
        Just("Chosen option: **\"X".to_string()),
        Just("Chosen option: \"Y\", because".to_string()),
        Just("## Pros and Cons of the Options".to_string()),
        Just("### Option".to_string()),
        Just("* Status: acepted".to_string()),
        Just("* Deciders:".to_string()),
        Just("  * nested".to_string()),
        Just("|Metadata|Value|\n|---|---|\n|Status|Approved|".to_string()),
        Just("```yaml".to_string()),
        Just("```".to_string()),
        Just("<!-- adr-lint-disable status-invalid -->".to_string()),
        Just("[link](0001-x.md#anchor) ![img](a.png)".to_string()),
        Just("Date: 01.06.2020".to_string()),
        Just("\u{feff}".to_string()),
        "\\PC{0,40}",
        "[-#*>|:\\[\\]()`\"' a-z0-9\t]{0,40}",
    ]
}

fn record_text() -> impl Strategy<Value = String> {
    (prop::collection::vec(record_line(), 0..40), any::<bool>()).prop_map(|(lines, crlf)| {
        let text = lines.join("\n");
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    })
}

fn assert_span(source: &SourceFile, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= source.text.len(),
        "{what}: {span:?} outside the text"
    );
    assert!(
        source.text.is_char_boundary(span.start) && source.text.is_char_boundary(span.end),
        "{what}: {span:?}"
    );
}

fn assert_located<T>(source: &SourceFile, item: &adr::model::Located<T>, what: &str) {
    assert_span(source, item.span, what);
    assert_eq!(item.line, source.line_of(item.span.start), "{what}: line");
}

fn cases(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(1500))]

    #[test]
    fn parser_never_panics_and_points_inside_the_text(text in record_text()) {
        if let Ok(record) = parse(text) {
            let source = &record.source;
            for item in record.title.iter().chain(&record.front_matter_title).chain(&record.chosen_option)
                .chain(&record.tags).chain(&record.decision_makers).chain(&record.consulted).chain(&record.informed)
                .chain(&record.decision_drivers).chain(&record.considered_options).chain(&record.pros_and_cons)
                .chain(&record.comments)
            {
                assert_located(source, item, "value");
            }
            if let Some(status) = &record.status {
                assert_span(source, status.span, "status");
                assert_eq!(status.line, source.line_of(status.span.start));
            }
            if let Some(date) = &record.date {
                assert_located(source, date, "date");
            }
            for section in &record.sections {
                assert_span(source, section.span, "section");
                assert_span(source, section.heading_span, "heading");
                assert_span(source, section.body_span, "section body");
            }
            for link in &record.links {
                assert_span(source, link.span, "link");
            }
            for reference in &record.supersedes {
                assert_located(source, reference, "supersedes");
            }
        }
    }

}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn line_col_agrees_with_counting(text in "\\PC{0,80}(\r?\n\\PC{0,80}){0,6}", at in 0usize..600) {
        let source = SourceFile::new("x.md", text.clone());
        let mut offset = at.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let mut column = before[line_start..].chars().count() + 1;
        if line == 1 && text.starts_with('\u{feff}') && offset > 0 {
            column -= 1;
        }
        let found = source.line_col(offset);
        prop_assert_eq!((found.line, found.column), (line, column));
    }

}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn a_new_record_parses_back_to_what_was_written(
        title in "[A-Za-zÄÖÜäöüéß][A-Za-z0-9ÄÖÜäöüéß'\",.!?:-]{0,12}( [A-Za-z0-9ÄÖÜäöüéß'\",.!?:-]{1,12}){0,6}",
        tags in prop::collection::vec("[a-z0-9][a-z0-9 :'\"#-]{0,14}", 0..5),
        makers in prop::collection::vec("[A-Z][a-z]{1,8}( O'[A-Z][a-z]{1,8}| \"[A-Z][a-z]{1,5}\")?", 0..4),
        status in prop_oneof![Just("proposed"), Just("accepted"), Just("rejected"), Just("deprecated")],
        template in prop_oneof![Just("madr"), Just("madr-minimal"), Just("madr2"), Just("nygard")],
        day in 1u8..=28,
    ) {
        let tags: Vec<String> = tags.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty() && !t.contains(',')).collect();
        let makers: Vec<String> = makers.into_iter().filter(|m| !m.contains(',')).collect();
        let context = NewRecordContext {
            title: title.clone(),
            number: Some(42),
            padded_number: "0042".into(),
            date: format!("2025-03-{day:02}"),
            status: status.to_string(),
            tags: tags.clone(),
            decision_makers: makers.clone(),
            supersedes: Vec::new(),
        };
        let text = record_template::render(&TemplateSource::Builtin(template), &context).unwrap();
        let record = parse(text.clone()).unwrap_or_else(|failure| panic!("{}\n{text}", failure.message));
        prop_assert_eq!(record.title.as_ref().map(|t| t.value.as_str()), Some(title.as_str()));
        prop_assert_eq!(record.status.as_ref().map(|s| s.keyword()), Some(status));
        prop_assert_eq!(record.date.as_ref().map(|d| d.value.text()), Some(context.date.clone()));
        let parsed_tags: Vec<String> = record.tags.iter().map(|t| t.value.clone()).collect();
        prop_assert_eq!(parsed_tags, tags);
        let parsed_makers: Vec<String> = record.decision_makers.iter().map(|t| t.value.clone()).collect();
        prop_assert_eq!(parsed_makers, makers);
    }

}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn the_status_rewriter_changes_only_the_status(
        before in prop::sample::subsequence(vec![
            "# a comment: with colon",
            "date: 2024-01-02",
            "tags: [a, b]",
            "owner: 'it''s me'",
            "decision-makers:\n  - Ann\n  - Bo",
            "",
        ], 0..=6).prop_shuffle(),
        after in prop::sample::subsequence(vec![
            "consulted: []",
            "x-custom: \"keep: me\"  # trailing comment",
            "title: Something",
        ], 0..=3).prop_shuffle(),
        old in prop_oneof![
            Just("accepted".to_string()), Just("\"proposed\"".to_string()), Just("'Rejected'".to_string()),
            Just("accepted # why".to_string()), Just("\"superseded by [ADR-0009](0009-x.md)\"".to_string()),
        ],
        new in prop_oneof![
            Just("accepted"), Just("deprecated"), Just("superseded by [ADR-0002](0002-use-x.md)"), Just("on hold"),
        ],
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut lines = vec!["---".to_string()];
        lines.extend(before.iter().map(|line| line.to_string()));
        lines.push(format!("status: {old}"));
        lines.extend(after.iter().map(|line| line.to_string()));
        lines.extend(["---".to_string(), String::new(), "# Title".to_string(), String::new(), "Body.".to_string(), String::new()]);
        let mut text = lines.join("\n");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{feff}');
        }
        let record = parse(text.clone()).unwrap();
        let span = record.status.as_ref().unwrap().span;
        let edit = status_edit(&record, new).unwrap();
        let changed = apply_edits(&text, &[edit]);
        prop_assert_eq!(&changed[..span.start], &text[..span.start]);
        let tail = &text[span.end..];
        prop_assert!(changed.ends_with(tail));
        let reparsed = parse(changed.clone()).unwrap();
        let status = reparsed.status.as_ref().unwrap();
        // Front matter names the successor as MADR's template does, without a link.
        let written = new.replace("[ADR-0002](0002-use-x.md)", "ADR-0002");
        prop_assert_eq!(status.raw.to_lowercase(), written.to_lowercase());
        if new.starts_with("superseded") {
            prop_assert_eq!(&status.kind, &StatusKind::Superseded);
            prop_assert_eq!(status.superseded_by.as_ref().and_then(|r| r.number), Some(2));
        }
        // Every other key keeps its value.
        let keys = |record: &Record| -> Vec<(String, String)> {
            record.front_matter.as_ref().unwrap().entries.iter()
                .filter(|e| e.key != "status")
                .map(|e| (e.key.clone(), format!("{:?}", e.value)))
                .collect()
        };
        prop_assert_eq!(keys(&reparsed), keys(&record));
    }
}

/// Text in any script: every plane, combining marks, and the characters whose case
/// mapping changes their length in bytes (`K` Kelvin sign, `ß`, `İ`, `ﬁ`, `ẞ`).
fn wild_text(max: usize) -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '\u{212A}',
        'ß',
        'ẞ',
        'İ',
        'ı',
        'ﬁ',
        'Σ',
        'ς',
        '\u{301}',
        '\u{200D}',
        '\u{FEFF}',
        '添',
        '測',
        'ß',
        'é',
        'م',
        '👩',
        '\u{10FFFF}',
        '-',
        '.',
        '|',
        '*',
        '[',
        ']',
        '(',
        ')',
        '#',
        ':',
        ' ',
        'x',
        'K',
        '0',
        '9',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), tricky], 0..max)
        .prop_map(|chars| chars.into_iter().collect())
}

/// A record whose every value is wild: status, title, option names, a table cell, a link.
fn wild_record() -> impl Strategy<Value = String> {
    (wild_text(12), wild_text(16), wild_text(12), wild_text(10), wild_text(12)).prop_map(
        |(status, title, option, cell, target)| {
            format!(
                "---\nstatus: superseded {status}\n---\n# {title}\n\n| Status | **{cell}** by {status} |\n|---|---|\n\n## Considered Options\n\n* {option}\n\n## Decision Outcome\n\nChosen option: {option}, because {cell}\n\n## Pros and Cons of the Options\n\n### {option}\n\n[{title}]({target}) ![{cell}]({target}.png)\n\n* Status: {status}\n\n## Status\n\n{status}\n"
            )
        },
    )
}

proptest! {
    #![proptest_config(cases(1500))]

    // Issue #13: names and values in any script never panic, and every span the parser
    // reports lies on character boundaries of the text it was found in.
    #[test]
    fn file_names_in_any_script_never_panic(stem in wild_text(24), number in 0u64..100_000_000_000) {
        for name in [
            format!("{stem}.md"),
            format!("{number}-{stem}.md"),
            format!("2024-01-02-{stem}.md"),
            format!("20240102{stem}.md"),
            format!("adr-{number}{stem}.md"),
            format!("{stem}{number}.MD"),
        ] {
            if let Some(file) = FileName::parse(&name) {
                prop_assert!(name.contains(&file.slug) || file.slug.starts_with("adr"));
            }
            let _ = adr::discover::is_non_record_name(&name);
        }
    }

    #[test]
    fn wild_records_parse_classify_and_edit_without_panic(text in wild_record(), value in wild_text(12)) {
        let _ = adr::model::Status::classify(&value);
        if let Ok(record) = parse(text) {
            let source = &record.source;
            for item in record.title.iter().chain(&record.chosen_option)
                .chain(&record.considered_options).chain(&record.pros_and_cons)
            {
                assert_located(source, item, "value");
            }
            if let Some(status) = &record.status {
                assert_span(source, status.span, "status");
            }
            for link in &record.links {
                assert_span(source, link.span, "link");
            }
            if let Ok(edit) = status_edit(&record, &value) {
                // Either the edit is proven, or it is refused: never a panic.
                let _ = adr::edit::apply_status_edit(&record, &edit, &value);
            }
        }
    }
}

proptest! {
    #![proptest_config(cases(24))]

    // Issue #13: the commands themselves, on a log of wild file names and records: no
    // panic, and an exit code that means something.
    #[test]
    fn commands_on_wild_logs_never_panic(
        records in prop::collection::vec((wild_text(10), wild_record()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("docs/adr");
        std::fs::create_dir_all(&log).unwrap();
        for (at, (stem, text)) in records.iter().enumerate() {
            let stem: String = stem.chars().filter(|c| !matches!(c, '/' | '\0')).collect();
            let name = format!("{:04}-{stem}.md", at + 1);
            if std::fs::write(log.join(&name), text).is_err() {
                std::fs::write(log.join(format!("{:04}-x.md", at + 1)), text).unwrap();
            }
        }
        for args in [&["list"][..], &["lint"], &["status", "1", "accepted"], &["index", "--check"], &["graph"]] {
            let (code, _, stderr) = crate::util::run(dir.path(), args);
            prop_assert!(!stderr.contains("panicked"), "{:?}: {}", args, stderr);
            prop_assert!((0..=2).contains(&code), "{:?}: exit {} {}", args, code, stderr);
        }
    }
}
