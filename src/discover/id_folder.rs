//! A record kept as a folder named by digits alone (`0042/README.md`, straw-hat-team's
//! `1146361044/README.md`), told from a folder of records by year (`2024/README.md` over
//! `2024/0043-x.md`).

use std::path::Path;

use super::{FileName, NamingScheme, is_non_record_name};

/// A folder named by digits alone (`0042/`, or straw-hat-team's ten-digit ids such as
/// `1146361044/`), holding the record's README: numbered by them up to six digits; a longer
/// id is no number of a series, and names the record unnumbered. Read as no record, a log
/// of 34 such folders was empty, and lint passed it.
pub(super) fn folder_named_by_id(name: &str) -> Option<FileName> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (number, slug) = match name.len() {
        ..=6 => (Some(name.parse().ok()?), String::new()),
        _ => (None, name.to_string()),
    };
    Some(FileName {
        number,
        slug,
        date: None,
        scheme: NamingScheme::Numbered { digits: name.len() },
    })
}

/// Whether `folder` holds files named as records (`2024/0001-x.md`): a folder of records by
/// year, say, whose README is its index, not a record of an id holding them as its parts.
pub(super) fn holds_record_files(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries.filter_map(|entry| entry.ok()).any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            !is_non_record_name(&name) && FileName::parse(&name).is_some()
        })
    })
}
