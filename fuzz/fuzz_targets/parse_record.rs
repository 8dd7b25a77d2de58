//! Any bytes as a record file: parsing must never panic, and every span it returns must lie
//! inside the text on character boundaries.
#![no_main]

use adr::discover::FileName;
use adr::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(file) = FileName::parse("0001-fuzz.md") else { return };
    let source = SourceFile::new("0001-fuzz.md", text.to_string());
    if let Ok(record) = adr::parse::parse_record(source, "0001-fuzz.md".into(), file) {
        let text = &record.source.text;
        let spans = record
            .sections
            .iter()
            .flat_map(|section| [section.span, section.heading_span, section.body_span])
            .chain(record.links.iter().map(|link| link.span))
            .chain(record.status.iter().map(|status| status.span))
            .chain(record.title.iter().map(|title| title.span));
        for span in spans {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
});
