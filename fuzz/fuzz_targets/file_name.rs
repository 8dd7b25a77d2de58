//! Discovery's decisions on a file name, and a link target naming a record: whatever the
//! bytes, no panic, and a parsed slug is a piece of the name it came from.
#![no_main]

use adr::discover::{FileName, is_non_record_name};
use adr::model::RecordRef;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else { return };
    let _ = is_non_record_name(name);
    if let Some(file) = FileName::parse(name) {
        assert!(name.contains(&file.slug) || file.slug.starts_with("adr"), "{name:?} -> {file:?}");
        if let Some(number) = file.number {
            let formatted = FileName::format(&file.scheme, number, &file.slug, "2024-01-02");
            assert!(FileName::parse(&formatted).is_some(), "{formatted:?}");
        }
    }
    let _ = RecordRef::parse(name);
    let _ = RecordRef::parse(&format!("[x]({name})"));
    let _ = adr::model::Status::classify(name);
});
