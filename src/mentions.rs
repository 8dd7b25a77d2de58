//! Mentions of renumbered records in files outside the log, for `adr renumber --also GLOB`:
//! a file name (`docs/adr/0042-use-kafka.md` in a README, a code comment, a link) names one
//! record and is rewritten to its new name; a bare id (`ADR-0042`) named both records of the
//! collision and is reported, not guessed at.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::edit::{Edit, apply_edits};
use crate::error::{Error, Result};
use crate::renumber::{AmbiguousReference, FileChange, Move};
use crate::source::{SourceFile, Span};

/// The files `patterns` (globs relative to `root`, `**` for any depth) match, outside
/// `log_dir`, sorted; a pattern that is not a glob is an error naming it.
pub fn matched_files(root: &Path, log_dir: &Path, patterns: &[String]) -> Result<Vec<PathBuf>> {
    let mut files = BTreeSet::new();
    for pattern in patterns {
        let full = root.join(pattern);
        let paths = glob::glob(&full.to_string_lossy()).map_err(|error| {
            Error::usage(format!(
                "`--also {pattern}` is not a glob ({}): write e.g. `--also 'src/**/*.rs'`",
                error.msg
            ))
        })?;
        for path in paths.flatten() {
            if path.is_file() && !path.starts_with(log_dir) {
                files.insert(path);
            }
        }
    }
    Ok(files.into_iter().collect())
}

/// Each file's text with the moved records' file names replaced, and the bare ids of the
/// moved numbers it holds. Files that are not UTF-8 text are left alone.
pub fn rewrite_mentions(
    files: &[PathBuf],
    boundary: &Path,
    moves: &[Move],
) -> Result<(Vec<FileChange>, Vec<AmbiguousReference>)> {
    let mut changes = Vec::new();
    let mut ambiguous = Vec::new();
    for path in files {
        let text =
            match crate::fs::read_text_checked(path, Some(boundary), crate::fs::MAX_TEXT_BYTES) {
                Ok(text) => text,
                Err(crate::fs::ReadError::NotUtf8 { .. }) => continue,
                Err(error) => return Err(error.into_error("read", path)),
            };
        let source = SourceFile::new(path, text);
        let mut edits = Vec::new();
        for each in moves {
            let old_name = crate::log_path::file_name(&each.rel_from);
            let new_name = crate::log_path::file_name(&each.rel_to);
            edits.extend(name_edits(&source.text, old_name, new_name));
            for (at, id) in bare_ids(&source.text, each.number) {
                ambiguous.push(AmbiguousReference {
                    path: path.clone(),
                    line: source.line_of(at),
                    text: id,
                    number: each.number,
                });
            }
        }
        if edits.is_empty() {
            continue;
        }
        let new_text = apply_edits(&source.text, &edits);
        crate::edit::prove_outside_unchanged(path, &source.text, &new_text, &edits)?;
        changes.push(FileChange {
            path: path.clone(),
            new_path: path.clone(),
            old_text: source.text,
            new_text,
        });
    }
    ambiguous.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok((changes, ambiguous))
}

/// `old` where it is a whole file name (not the end of `10042-x.md`).
fn name_edits(text: &str, old: &str, new: &str) -> Vec<Edit> {
    text.match_indices(old)
        .filter(|(at, _)| {
            text.get(..*at)
                .and_then(|before| before.chars().next_back())
                .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
        })
        .map(|(at, _)| Edit::replace(Span::new(at, at + old.len()), new))
        .collect()
}

/// `ADR-0042`, `ADR 42`, `adr-042` naming `number`, with their offsets.
fn bare_ids(text: &str, number: u32) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(['A', 'a']) {
        let Some(rest) = text.get(at..) else { continue };
        let Some(prefix) = rest.get(..3).filter(|p| p.eq_ignore_ascii_case("adr")) else {
            continue;
        };
        let after = rest.get(prefix.len()..).unwrap_or_default();
        let after = after.strip_prefix(['-', ' ', '_']).unwrap_or(after);
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let ends = after
            .get(digits.len()..)
            .and_then(|tail| tail.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        let starts = text
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        if starts && ends && !digits.is_empty() && digits.parse() == Ok(number) {
            let len = rest.len() - after.len() + digits.len();
            found.push((at, rest.get(..len).unwrap_or_default().to_string()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_whole_and_ids_are_found() {
        let text = "see docs/adr/0042-use-kafka.md and x10042-use-kafka.md; ADR-0042, adr 42, ADR-00421, ZADR-0042";
        let edits = name_edits(text, "0042-use-kafka.md", "0050-use-kafka.md");
        assert_eq!(
            apply_edits(text, &edits),
            "see docs/adr/0050-use-kafka.md and x10042-use-kafka.md; ADR-0042, adr 42, ADR-00421, ZADR-0042"
        );
        let ids: Vec<String> = bare_ids(text, 42).into_iter().map(|(_, id)| id).collect();
        assert_eq!(ids, ["ADR-0042", "adr 42"]);
    }
}
