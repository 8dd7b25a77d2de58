//! Any record whose status is rewritten: the edit must change bytes only on the status's
//! line (its span, or with a note after an emphasised status, `**Approved** by vote`, up to
//! the line's end), and the result must parse to the new status.
#![no_main]

use adr::discover::FileName;
use adr::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(file) = FileName::parse("0001-fuzz.md") else { return };
    let parse = |text: String| adr::parse::parse_record(SourceFile::new("x.md", text), "0001-fuzz.md".into(), file.clone());
    let Ok(record) = parse(text.to_string()) else { return };
    let Some(status) = &record.status else { return };
    let Ok(edit) = adr::edit::status_edit(&record, "deprecated") else { return };
    let changed = adr::edit::apply_edits(text, &[edit.clone()]);
    let (start, end) = (edit.span.start, edit.span.end);
    assert_eq!(&changed[..start], &text[..start]);
    assert!(changed.ends_with(&text[end..]));
    // The edit's span is the status's, widened on the status's own line at most (a badge
    // before it, a note after its emphasis).
    let line_start = text[..status.span.start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = text[status.span.end..].find('\n').map_or(text.len(), |at| status.span.end + at);
    assert!(start >= line_start && end <= line_end);
    // The proof refuses or agrees; when it agrees, the new text reads back as `deprecated`.
    // A status the body restates beside the front matter's is rewritten with it.
    if let Ok(proven) = adr::edit::apply_status_edit(&record, &edit, "deprecated") {
        if record.status_restated.is_none() {
            assert_eq!(proven, changed);
        }
        let reparsed = parse(proven).expect("a proven edit parses");
        assert_eq!(reparsed.status.map(|status| status.kind), Some(adr::model::StatusKind::Deprecated));
        if let Some(restated) = reparsed.status_restated {
            assert_eq!(restated.kind, adr::model::StatusKind::Deprecated);
        }
    }
});
