//! Any record whose status is rewritten: the edit must change bytes only inside the status
//! value, and the result must parse to the new status.
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
    assert_eq!(&changed[..status.span.start], &text[..status.span.start]);
    assert!(changed.ends_with(&text[status.span.end..]));
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
