//! Where a project's records are when it has more than one log: the [`Layout`] names each
//! log (`[[log]]` in `.adr.toml`), says how it numbers its records ([`Numbering`]) and
//! finds the log a record belongs to. Discovery of several logs is their walks merged,
//! each record's path made relative to the project root. A project with one log numbered
//! as a whole has an empty layout, and every path through here is then the single-log one.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::discover::{self, Discovered};
use crate::error::Result;

/// How a log numbers its records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// One series for the whole log (sub-folders starting again at 1 still count as
    /// their own, as `number-duplicate` has always read them).
    #[default]
    Log,
    /// Each sub-folder of the log numbers its own records from 1 (opendatahub-adr: one
    /// folder per component); the log's top folder is a series of its own too.
    PerFolder,
}

/// One log of a project with several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPart {
    /// The name `--log` and `name:0003` references use; empty for a lone log.
    pub name: String,
    /// The log's directory relative to the layout's root, with `/` and a trailing `/`;
    /// empty when the log is the root itself.
    pub prefix: String,
    pub numbering: Numbering,
    /// Statuses this log allows besides the project's (its `[[log]]` table's `statuses`),
    /// lowercase.
    pub statuses: Vec<String>,
}

/// The logs of a project. Empty: one log, numbered as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub parts: Vec<LogPart>,
}

impl Layout {
    /// A lone log numbered `numbering` (empty when that is the default).
    pub fn single(numbering: Numbering) -> Layout {
        let parts = match numbering {
            Numbering::Log => Vec::new(),
            Numbering::PerFolder => vec![LogPart {
                name: String::new(),
                prefix: String::new(),
                numbering,
                statuses: Vec::new(),
            }],
        };
        Layout { parts }
    }

    /// Whether the project has more than one log (then output names each record's log).
    pub fn has_several(&self) -> bool {
        self.parts.len() > 1
    }

    /// The log holding the record at `rel_path` when the project has several: the one whose
    /// name labels the record and whose own settings (statuses) apply to it. `None` for a
    /// project of one log.
    pub fn named_log_of(&self, rel_path: &str) -> Option<&LogPart> {
        self.has_several().then(|| self.part_of(rel_path)).flatten()
    }

    /// The log holding the record at `rel_path` (relative to the layout's root): the one
    /// with the longest directory that contains it.
    pub fn part_of(&self, rel_path: &str) -> Option<&LogPart> {
        self.parts
            .iter()
            .filter(|part| rel_path.starts_with(&part.prefix))
            .max_by_key(|part| part.prefix.len())
    }

    /// The index of [`Layout::part_of`] in [`Layout::parts`], for sorting by log.
    pub fn part_index(&self, rel_path: &str) -> usize {
        self.part_of(rel_path)
            .and_then(|found| self.parts.iter().position(|part| part == found))
            .unwrap_or(0)
    }

    /// The log named `name`.
    pub fn named(&self, name: &str) -> Option<&LogPart> {
        self.parts.iter().find(|part| part.name == name)
    }

    /// The names of the logs, for messages.
    pub fn names(&self) -> String {
        self.parts
            .iter()
            .map(|part| format!("`{}`", part.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Discovers the records of every log below `root` (the log directory itself for a
    /// lone log), paths relative to `root`. A log inside another's directory keeps its
    /// records: the outer log's walk leaves them out.
    pub fn discover(&self, root: &Path) -> Result<Discovered> {
        if self.parts.iter().all(|part| part.prefix.is_empty()) {
            return discover::discover(root);
        }
        let mut merged = Discovered::default();
        for part in &self.parts {
            let found = discover::discover(&root.join(&part.prefix))?;
            let owned = |rel: &str| {
                let full = format!("{}{rel}", part.prefix);
                (self.part_of(&full) == Some(part)).then_some(full)
            };
            for (path, rel, file) in found.records {
                if let Some(full) = owned(&rel) {
                    merged.records.push((path, full, file));
                }
            }
            for (path, rel) in found.unnamed_markdown {
                if let Some(full) = owned(&rel) {
                    merged.unnamed_markdown.push((path, full));
                }
            }
            for mut skipped in found.skipped {
                if let Some(full) = owned(&skipped.rel_path) {
                    skipped.rel_path = full;
                    merged.skipped.push(skipped);
                }
            }
            merged.symlinks.extend(found.symlinks);
        }
        Ok(merged)
    }
}

/// Whether `name` may name a log: letters, digits, `-`, `_` and `.`, starting with a
/// letter or digit (it is written before `:` in references and in `--log`).
pub fn is_log_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `text` with every character a log name cannot hold (see [`is_log_name`]) turned into
/// `-`: a log name made from a folder or a repository's name.
pub fn log_name_chars(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Whether a record (a log-relative `/` path) is at the log's top: a file there, or a
/// folder record (`0007-x/README.md`) there.
pub fn is_at_top(rel_path: &str) -> bool {
    match rel_path.split_once('/') {
        None => true,
        Some((_, file)) => {
            !file.contains('/') && matches!(file.to_lowercase().as_str(), "readme.md" | "index.md")
        }
    }
}

/// The number series of a project's records: each log numbers on its own; in a log
/// numbered per folder each top folder does; in a log numbered as a whole, a sub-folder
/// whose records start a count at 0 or 1 (opendatahub-adr's components: `0001`, `0002`, …)
/// or whose first, 0 or 1, records outside it have too is a series of its own; other sub-folders
/// (a `governance/` of `0000` and `0900`-`0990` beside `technical/` `0301`-`0360`) and
/// archive folders (`archived/`, `deprecated/`) share the log's numbers. What
/// `number-duplicate` compares within, and what `adr renumber` and `adr init` group by.
pub struct NumberSeries<'a> {
    layout: &'a Layout,
    /// (log prefix, folder) of each sub-folder that starts its own numbers.
    own_series: std::collections::HashSet<(&'a str, &'a str)>,
}

impl<'a> NumberSeries<'a> {
    /// The series of a layout whose numbered records are `records` (path relative to the
    /// layout's root, number, whether it is a folder record).
    pub fn new(
        layout: &'a Layout,
        records: impl Iterator<Item = (&'a str, u32, bool)>,
    ) -> NumberSeries<'a> {
        use std::collections::{BTreeSet, HashMap, HashSet};
        let mut numbers: HashMap<(&str, &str), BTreeSet<u32>> = HashMap::new();
        for (rel_path, number, is_folder_record) in records {
            let (prefix, _, folder) = place(layout, rel_path, is_folder_record);
            numbers.entry((prefix, folder)).or_default().insert(number);
        }
        let own_series: HashSet<(&str, &str)> = numbers
            .iter()
            .filter(|((_, folder), _)| !folder.is_empty() && !is_archive_folder(folder))
            .filter(|&(&(prefix, folder), own)| {
                let Some(&first) = own.first().filter(|first| **first <= 1) else {
                    return false;
                };
                let counts_from_first = own.contains(&(first + 1));
                // Only the first number: a later one taken elsewhere is the clash that
                // `number-duplicate` reports, not a count of the folder's own.
                let first_taken_elsewhere = || {
                    numbers.iter().any(|(&(other_prefix, other), theirs)| {
                        other_prefix == prefix && other != folder && theirs.contains(&first)
                    })
                };
                counts_from_first || first_taken_elsewhere()
            })
            .map(|(key, _)| *key)
            .collect();
        NumberSeries { layout, own_series }
    }

    /// The key of the series the record at `rel_path` numbers in.
    pub fn of(&self, rel_path: &str, is_folder_record: bool) -> String {
        let (prefix, numbering, folder) = place(self.layout, rel_path, is_folder_record);
        let within = match numbering {
            Numbering::PerFolder => top_folder(folder),
            Numbering::Log => self
                .own_series
                .iter()
                .filter(|(series_prefix, series)| {
                    *series_prefix == prefix
                        && (folder == *series
                            || folder
                                .strip_prefix(series)
                                .is_some_and(|rest| rest.starts_with('/')))
                })
                .map(|(_, series)| *series)
                .max_by_key(|series| series.len())
                .unwrap_or(""),
        };
        format!("{prefix}\u{0}{within}")
    }
}

/// Whether the record at `rel_path`, titled `title`, is an archive folder's copy of one of
/// the records of the same number `others` (their paths and titles): it is in `archive/`
/// (or `archived/`, `old/` …), and it has the file name of one outside such a folder, or
/// its title is, or starts, that one's title (kg46sp8kps-web/gestima keeps each record's full text in
/// `archive/001-soft-delete-pattern.md` under a summary `001-soft-delete-pattern.md`). The
/// same decision, not a second one with its number: `number-duplicate` does not report it
/// and `adr renumber` does not move it. An archived record of another title still clashes.
pub(crate) fn is_archived_copy(rel_path: &str, title: &str, others: &[(&str, &str)]) -> bool {
    let archived = |rel_path: &str| {
        rel_path
            .rsplit_once('/')
            .is_some_and(|(folder, _)| folder.split('/').any(is_archive_folder))
    };
    let title = crate::vocabulary::fold(title);
    archived(rel_path)
        && !title.is_empty()
        && others.iter().any(|(other_path, other_title)| {
            let other = crate::vocabulary::fold(other_title);
            let same_name =
                crate::log_path::file_name(rel_path) == crate::log_path::file_name(other_path);
            !archived(other_path) && (same_name || same_title(&title, &other))
        })
}

/// Two folded titles of one decision: equal, or the longer the shorter (of 8 bytes or more)
/// with a qualifier after it in brackets or after a dash (`material hierarchy (two-tier
/// model)`), not another word (`use kafka streams` is not `use kafka`).
fn same_title(one: &str, other: &str) -> bool {
    let (shorter, longer) = if one.len() <= other.len() {
        (one, other)
    } else {
        (other, one)
    };
    one == other
        || shorter.len() >= 8
            && longer.strip_prefix(shorter).is_some_and(|rest| {
                rest.trim_start()
                    .starts_with(['(', '[', '—', '–', '-', ':', ','])
            })
}

pub(crate) use crate::discover::is_archive_folder;

/// The top folder of `folder` (`operator` of `operator/design`), empty at the top.
fn top_folder(folder: &str) -> &str {
    folder.split('/').next().unwrap_or("")
}

/// The top folder of a record's path (relative to its log), empty at the log's top: the
/// folder that numbers its records when a log is numbered per folder.
pub fn numbering_folder(rel_path: &str, is_folder_record: bool) -> &str {
    top_folder(folder_of(rel_path, is_folder_record))
}

/// The folder of a record in its log (`model-registry`), empty at the top; a folder record
/// (`0007-x/index.md`) counts as being where its folder is.
fn folder_of(rel_path: &str, is_folder_record: bool) -> &str {
    let folder = rel_path.rsplit_once('/').map_or("", |(folder, _)| folder);
    if is_folder_record {
        folder.rsplit_once('/').map_or("", |(parent, _)| parent)
    } else {
        folder
    }
}

/// Where a record is among the project's logs: its log's directory, that log's numbering
/// and the record's folder inside it.
fn place<'a>(
    layout: &'a Layout,
    rel_path: &'a str,
    is_folder_record: bool,
) -> (&'a str, Numbering, &'a str) {
    let (prefix, numbering) = layout
        .part_of(rel_path)
        .map_or(("", Numbering::Log), |part| {
            (part.prefix.as_str(), part.numbering)
        });
    let inside = rel_path.strip_prefix(prefix).unwrap_or(rel_path);
    (prefix, numbering, folder_of(inside, is_folder_record))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(name: &str, prefix: &str) -> LogPart {
        LogPart {
            name: name.into(),
            prefix: prefix.into(),
            numbering: Numbering::Log,
            statuses: Vec::new(),
        }
    }

    #[test]
    fn the_longest_directory_holds_a_record() {
        let layout = Layout {
            parts: vec![part("docs", "docs/adr/"), part("team", "docs/adr/team/")],
        };
        assert_eq!(
            layout
                .part_of("docs/adr/team/0001-x.md")
                .map(|p| p.name.as_str()),
            Some("team")
        );
        assert_eq!(
            layout
                .part_of("docs/adr/0001-x.md")
                .map(|p| p.name.as_str()),
            Some("docs")
        );
        assert_eq!(layout.part_of("src/0001-x.md"), None);
        assert!(layout.has_several());
    }

    #[test]
    fn top_level_records() {
        assert!(is_at_top("0001-x.md"));
        assert!(is_at_top("0007-x/README.md"));
        assert!(!is_at_top("operator/0001-x.md"));
        assert!(!is_at_top("operator/0007-x/README.md"));
    }

    #[test]
    fn log_names_are_words() {
        assert!(is_log_name("backend"));
        assert!(is_log_name("team-2.api"));
        assert!(!is_log_name("-x"));
        assert!(!is_log_name("a:b"));
        assert!(!is_log_name(""));
    }
}
