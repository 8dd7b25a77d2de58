//! Choosing which of a round's fixes `adr lint --fix` applies to one file, and proving the
//! result still reads as a record. Writing files, undoing a fix that did not take effect
//! and reporting are `commands::lint`'s.

use std::path::Path;

use crate::diagnostic::Fix;
use crate::edit::Edit;

/// The fixes (each with its caller's key) that can go into one file together, and their
/// edits: fixes that touch the same bytes, insert at the same place, or repeat another's
/// description wait for the next round, when they are computed again from the new text.
pub fn compatible<K>(fixes: Vec<(K, &Fix)>) -> (Vec<(K, &Fix)>, Vec<Edit>) {
    let mut accepted: Vec<(K, &Fix)> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    for (key, fix) in fixes {
        let clashes = fix.edits.iter().any(|edit| {
            edits
                .iter()
                .any(|taken| edit.span.start <= taken.span.end && taken.span.start <= edit.span.end)
        });
        if clashes
            || accepted
                .iter()
                .any(|(_, taken)| taken.description == fix.description)
        {
            continue;
        }
        edits.extend(fix.edits.iter().cloned());
        accepted.push((key, fix));
    }
    (accepted, edits)
}

/// Why `after` no longer reads as a record when `before` did, if it does not.
pub fn breaks_record(path: &Path, before: &str, after: &str) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let file = crate::discover::FileName::parse(name)?;
    let parse = |text: &str| {
        crate::parse::parse_record(
            crate::source::SourceFile::new(path, text.to_string()),
            name.to_string(),
            file.clone(),
        )
    };
    match (parse(before), parse(after)) {
        (Ok(_), Err(failure)) => Some(failure.message),
        _ => None,
    }
}
