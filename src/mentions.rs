//! Mentions of renumbered records in files outside the log, for `adr renumber --also GLOB`:
//! a file name (`docs/adr/0042-use-kafka.md` in a README, a code comment, a link) names one
//! record and is rewritten to its new name. A bare id (`ADR-0042`) could mean any record
//! that had the number; it is rewritten when one of them is the one meant:
//!
//! 1. git: the line was written (`git blame`) in a commit that had only one of them among
//!    its ancestors, since it was written on the branch that added that record;
//! 2. else the file names exactly one of them by file name.
//!
//! A mention meaning the record that kept the number stays; the others are reported.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::{BTreeSet, HashMap};
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

/// A bare id rewritten because the record it meant was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewrittenMention {
    pub path: PathBuf,
    pub line: usize,
    pub from: String,
    pub to: String,
    /// Why this record: how it was told apart from the others with the number.
    pub because: String,
}

/// What `--also` found in the files.
#[derive(Debug, Default)]
pub struct Mentions {
    pub changes: Vec<FileChange>,
    pub rewritten: Vec<RewrittenMention>,
    pub ambiguous: Vec<AmbiguousReference>,
}

/// A record that had a colliding number: the one that keeps it or one that moves.
struct Claimant {
    path: PathBuf,
    /// Its file name before the move.
    name: String,
    /// `None` for the record that keeps the number.
    new_number: Option<u32>,
}

/// Which commits had which claimants, asked of git once each.
struct Ancestry {
    added: HashMap<PathBuf, Option<String>>,
    known: HashMap<(String, String), bool>,
}

impl Ancestry {
    /// Whether the record at `path` existed in `commit` (its adding commit is an ancestor).
    fn had(&mut self, path: &Path, commit: &str) -> bool {
        let added = self
            .added
            .entry(path.to_path_buf())
            .or_insert_with(|| crate::git::commit_adding(path))
            .clone();
        let Some(added) = added else { return false };
        let dir = path.parent().unwrap_or(path).to_path_buf();
        *self
            .known
            .entry((added.clone(), commit.to_string()))
            .or_insert_with(|| crate::git::is_ancestor(&dir, &added, commit))
    }
}

/// Each file's text with the moved records' file names, and the bare ids meaning a moved
/// record, rewritten; the bare ids that could not be told apart are listed. Files that are
/// not UTF-8 text are left alone. `log_dir` holds the records the moves name.
pub fn rewrite_mentions(
    files: &[PathBuf],
    boundary: &Path,
    log_dir: &Path,
    moves: &[Move],
) -> Result<Mentions> {
    let mut collisions: HashMap<u32, Vec<Claimant>> = HashMap::new();
    for each in moves {
        let claimants = collisions.entry(each.number).or_insert_with(|| {
            vec![Claimant {
                path: log_dir.join(&each.kept),
                name: crate::log_path::file_name(&each.kept).to_string(),
                new_number: None,
            }]
        });
        claimants.push(Claimant {
            path: each.from.clone(),
            name: crate::log_path::file_name(&each.rel_from).to_string(),
            new_number: Some(each.new_number),
        });
    }
    let mut ancestry = Ancestry {
        added: HashMap::new(),
        known: HashMap::new(),
    };
    let mut found = Mentions::default();
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
        }
        let names: Vec<Span> = edits.iter().map(|edit| edit.span).collect();
        let mut blame: Option<Option<Vec<Option<String>>>> = None;
        let mut numbers: Vec<&u32> = collisions.keys().collect();
        numbers.sort_unstable();
        for number in numbers {
            let claimants = &collisions[number];
            for (at, id, digits) in bare_ids(&source.text, *number) {
                // `ADR-0042-use-kafka.md` is a file name, rewritten above.
                if names.iter().any(|name| name.start <= at && at < name.end) {
                    continue;
                }
                let line = source.line_of(at);
                let commits = blame.get_or_insert_with(|| crate::git::line_commits(path));
                let commit = commits
                    .as_ref()
                    .and_then(|commits| commits.get(line - 1).cloned().flatten());
                let meant = meant_by_history(claimants, commit.as_deref(), &mut ancestry)
                    .map(|index| (index, "written where only it had the number (git blame)"))
                    .or_else(|| {
                        named_by_file(claimants, &source.text)
                            .map(|index| (index, "the file names it and not the others"))
                    });
                match meant {
                    Some((index, because)) => {
                        let Some(new_number) = claimants[index].new_number else {
                            continue;
                        };
                        let to = renumbered_id(&id, digits, new_number);
                        edits.push(Edit::replace(Span::new(at, at + id.len()), &to));
                        found.rewritten.push(RewrittenMention {
                            path: path.clone(),
                            line,
                            from: id,
                            to,
                            because: format!("`{}` {because}", claimants[index].name),
                        });
                    }
                    None => found.ambiguous.push(AmbiguousReference {
                        path: path.clone(),
                        line,
                        text: id,
                        number: *number,
                    }),
                }
            }
        }
        if edits.is_empty() {
            continue;
        }
        edits.sort_by_key(|edit| edit.span.start);
        let new_text = apply_edits(&source.text, &edits);
        crate::edit::prove_outside_unchanged(path, &source.text, &new_text, &edits)?;
        found.changes.push(FileChange {
            path: path.clone(),
            new_path: path.clone(),
            old_text: source.text,
            new_text,
        });
    }
    found
        .ambiguous
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    found
        .rewritten
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(found)
}

/// The one claimant the commit that wrote the line had, if exactly one.
fn meant_by_history(
    claimants: &[Claimant],
    commit: Option<&str>,
    ancestry: &mut Ancestry,
) -> Option<usize> {
    let commit = commit?;
    let had: Vec<usize> = (0..claimants.len())
        .filter(|index| ancestry.had(&claimants[*index].path, commit))
        .collect();
    match had.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The one claimant whose file name `text` holds, if exactly one.
fn named_by_file(claimants: &[Claimant], text: &str) -> Option<usize> {
    let named: Vec<usize> = (0..claimants.len())
        .filter(|index| names_in(text, &claimants[*index].name).next().is_some())
        .collect();
    match named.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// `id` (`ADR-0042`, `adr 42`) naming `new_number` instead, its digits as wide as before.
fn renumbered_id(id: &str, digits: usize, new_number: u32) -> String {
    let prefix = id.get(..id.len() - digits).unwrap_or_default();
    format!("{prefix}{new_number:0digits$}")
}

/// `old` where it is a whole file name (not the end of `10042-x.md`).
fn name_edits(text: &str, old: &str, new: &str) -> Vec<Edit> {
    names_in(text, old)
        .map(|span| Edit::replace(span, new))
        .collect()
}

/// Where `name` stands in `text` as a whole file name.
fn names_in<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = Span> + 'a {
    text.match_indices(name)
        .filter(|(at, _)| {
            text.get(..*at)
                .and_then(|before| before.chars().next_back())
                .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
        })
        .map(move |(at, _)| Span::new(at, at + name.len()))
}

/// `ADR-0042`, `ADR 42`, `adr-042` naming `number`, with their offsets and how many digits
/// they have.
fn bare_ids(text: &str, number: u32) -> Vec<(usize, String, usize)> {
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
            found.push((
                at,
                rest.get(..len).unwrap_or_default().to_string(),
                digits.len(),
            ));
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
        let ids: Vec<String> = bare_ids(text, 42)
            .into_iter()
            .map(|(_, id, _)| id)
            .collect();
        assert_eq!(ids, ["ADR-0042", "adr 42"]);
    }

    #[test]
    fn a_renumbered_id_keeps_its_prefix_and_width() {
        assert_eq!(renumbered_id("ADR-0042", 4, 50), "ADR-0050");
        assert_eq!(renumbered_id("adr 42", 2, 50), "adr 50");
        assert_eq!(renumbered_id("ADR_042", 3, 1234), "ADR_1234");
    }
}
