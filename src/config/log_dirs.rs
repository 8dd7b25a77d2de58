//! Where a project keeps its log when no config names it: `docs/adr` or `docs/decisions`,
//! else one of the folders real logs use when it holds records, each matched in any case
//! (`Docs/decisions`, a .NET habit); and, when none is found, the folders below that do
//! hold records, for the error to name.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::path::{Path, PathBuf};

/// The log's folder when no config names it and it exists, records or not.
pub const DEFAULT_DIRS: [&str; 2] = ["docs/adr", "docs/decisions"];
/// Where else real logs keep their records, found without a config when they hold
/// records: adr-tools' own default (`doc/adr`, when `.adr-dir` was not committed), and the
/// folders teams name after the practice.
const KNOWN_DIRS: [&str; 12] = [
    "doc/adr",
    "doc/adrs",
    "docs/adrs",
    "docs/architecture/decisions",
    "doc/architecture/decisions",
    "docs/architecture/adr",
    "docs/architecture/adrs",
    "architecture/decisions",
    "architecture-decision-record",
    "architecture-decision-records",
    "adr",
    "adrs",
];

/// Whether `dir` itself holds files named like records (`0001-title.md`, `adr-012.md`).
pub(super) fn holds_records(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| is_record_name(&entry.file_name().to_string_lossy()))
}

/// Whether a file name reads as a record's (`0001-title.md`, not `0000-template.md`).
fn is_record_name(name: &str) -> bool {
    !crate::discover::is_non_record_name(name) && crate::discover::FileName::parse(name).is_some()
}

/// Whether a file name reads as a record of an area's own series (`ARC-002-backend.md`,
/// `ENG-001:frontend.md`, dapr's `API-001-…`): an upper-case prefix of its own, which
/// `discover` takes when the folder's files share it. Only for naming where a log may be.
fn is_area_record_name(name: &str) -> bool {
    let Some((prefix, rest)) = name.split_once('-') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (2..=6).contains(&prefix.len())
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && digits >= 3
        && rest.get(digits..).is_some_and(|after| {
            // `SPEC-214-01-…`: the parts of record 214, no series of its own.
            after.starts_with(['-', '_', ':', '.'])
                && !after
                    .get(1..)
                    .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()))
        })
}

pub(super) fn find_default_dir(start: &Path) -> Option<(PathBuf, PathBuf)> {
    start
        .ancestors()
        .find_map(|dir| default_dir_in(dir).map(|found| (found, dir.to_path_buf())))
}

/// The log below `root` when no config names it: one of [`DEFAULT_DIRS`], else the first of
/// [`KNOWN_DIRS`] that holds records; else either named in another case (`Docs/decisions`)
/// and holding records.
pub(super) fn default_dir_in(root: &Path) -> Option<PathBuf> {
    DEFAULT_DIRS
        .iter()
        .map(|dir| root.join(dir))
        .find(|dir| dir.is_dir())
        .or_else(|| {
            KNOWN_DIRS
                .iter()
                .map(|dir| root.join(dir))
                .find(|dir| dir.is_dir() && holds_records(dir))
        })
        .or_else(|| {
            DEFAULT_DIRS
                .iter()
                .chain(&KNOWN_DIRS)
                .filter_map(|dir| join_ignoring_case(root, dir))
                .find(|dir| holds_records(dir))
        })
}

/// `root` joined with the `/`-separated `rel`, each part matched in any ASCII case (the
/// first match by name when several differ only in case).
fn join_ignoring_case(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        let exact = path.join(part);
        path = if exact.is_dir() {
            exact
        } else {
            std::fs::read_dir(&path)
                .ok()?
                .flatten()
                .map(|entry| entry.path())
                .filter(|candidate| {
                    candidate
                        .file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| name.eq_ignore_ascii_case(part))
                        && candidate.is_dir()
                })
                .min()?
        };
    }
    Some(path)
}

/// How deep below the start [`folders_with_records`] looks, and how many folders at most
/// (breadth first, so the folders bound the cost): a docs site's log is deep
/// (`packages/docs/src/content/docs/development/architecture/adrs`, cameronraysmith/vanixiets,
/// review K, 7 below the root, was not named at 4).
const SEARCH_DEPTH: usize = 8;
const SEARCH_FOLDERS: usize = 2_000;

/// Names of folders that hold decision records by their name alone (`…/email-component/adr`).
const ADR_FOLDER_NAMES: [&str; 6] = [
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "architecture-decisions",
    "architecture-decision-records",
];

/// Folders below `start` holding files named like records, where a log is when none of the
/// usual folders holds it (`docs/01_Architecture/adr`), for the "no log found" error to name
/// instead of sending the user to `adr init` and a second, empty log: first a folder an
/// `.adr-dir` below names (adr-tools reads it only from the folder it is in), then folders
/// named like a log (`adr`, `decisions`) with one record or more, then any other with two
/// or more, nearest first (a Structurizr workspace keeps `docs/` of numbered sections beside
/// its `adr/` folders, review J).
pub(super) fn folders_with_records(start: &Path) -> Vec<PathBuf> {
    let mut named_by_adr_dir = Vec::new();
    let mut named_like_a_log = Vec::new();
    let mut found = Vec::new();
    let mut level = vec![start.to_path_buf()];
    let mut visited = 0;
    'walk: for _ in 0..=SEARCH_DEPTH {
        let mut next = Vec::new();
        for dir in level {
            visited += 1;
            if visited > SEARCH_FOLDERS {
                break 'walk;
            }
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut records = 0;
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
                if name == ".adr-dir"
                    && let Ok(text) = std::fs::read_to_string(entry.path())
                    && let Some(line) = text.lines().next().map(str::trim)
                    && !line.is_empty()
                    && dir.join(line).is_dir()
                    && holds_records(&dir.join(line))
                {
                    named_by_adr_dir.push(crate::log_path::normalize(&dir.join(line)));
                }
                if is_dir {
                    let skipped = name.starts_with('.')
                        || ["node_modules", "target", "vendor", "site"].contains(&name.as_ref());
                    if !skipped {
                        next.push(entry.path());
                    }
                } else if name.ends_with(".md")
                    && (is_record_name(&name) || is_area_record_name(&name))
                {
                    records += 1;
                }
            }
            let log_name = dir
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| {
                    ADR_FOLDER_NAMES
                        .iter()
                        .any(|log| name.eq_ignore_ascii_case(log))
                });
            if dir != start {
                match (log_name, records) {
                    (true, 1..) => named_like_a_log.push(dir),
                    (false, 2..) => found.push(dir),
                    _ => {}
                }
            }
        }
        next.sort();
        level = next;
    }
    let mut ordered = named_by_adr_dir;
    for dir in named_like_a_log.into_iter().chain(found) {
        if !ordered.contains(&dir) {
            ordered.push(dir);
        }
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "# T\n").unwrap();
    }

    #[test]
    fn a_known_folder_is_found_in_any_case_when_it_holds_records() {
        let root = tempfile::tempdir().unwrap();
        touch(&root.path().join("Docs/Decisions/0001-a.md"));
        let found = default_dir_in(root.path()).unwrap();
        assert!(found.ends_with("Docs/Decisions"), "{}", found.display());
        let empty = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(empty.path().join("Docs/Decisions")).unwrap();
        assert_eq!(default_dir_in(empty.path()), None);
    }

    #[test]
    fn a_log_six_folders_down_is_named() {
        let root = tempfile::tempdir().unwrap();
        let deep = "packages/docs/src/content/docs/architecture/adrs";
        touch(&root.path().join(deep).join("0001-a.md"));
        touch(&root.path().join(deep).join("0002-b.md"));
        let found: Vec<String> = folders_with_records(root.path())
            .iter()
            .map(|dir| crate::log_path::relative_slash_path(dir, root.path()))
            .collect();
        assert_eq!(found, [deep]);
    }

    /// Review J (a Structurizr workspace): numbered documentation sections in `docs/`
    /// folders were named, and the `adr/` folders of one record each and the folder an
    /// `.adr-dir` names were not.
    #[test]
    fn folders_named_like_a_log_and_named_by_an_adr_dir_come_first() {
        let root = tempfile::tempdir().unwrap();
        for name in ["01-history.md", "02-context.md"] {
            touch(&root.path().join("docs/workspace-docs").join(name));
        }
        touch(&root.path().join("docs/system/adr/0001-record.md"));
        touch(&root.path().join("docs/workspace-adrs/0001-a.md"));
        std::fs::write(root.path().join("docs/.adr-dir"), "workspace-adrs\n").unwrap();
        let found = folders_with_records(root.path());
        let relative: Vec<String> = found
            .iter()
            .map(|dir| crate::log_path::relative_slash_path(dir, root.path()))
            .collect();
        assert_eq!(
            relative,
            [
                "docs/workspace-adrs",
                "docs/system/adr",
                "docs/workspace-docs"
            ]
        );
    }

    #[test]
    fn every_folder_holding_records_is_counted_and_three_named() {
        let root = tempfile::tempdir().unwrap();
        for folder in ["dev", "iam", "iam/guardian", "nubus/deployment", "school"] {
            for name in ["0001-a.md", "0002-b.md"] {
                touch(&root.path().join(folder).join(name));
            }
        }
        let found = folders_with_records(root.path());
        assert_eq!(found.len(), 5, "{found:?}");
        let message = crate::error::Error::no_log(root.path(), &found).to_string();
        assert!(
            message.contains(
                "these 5 folders hold records: `dev`, `iam`, `school` and 2 more; pass the log's folder with `--dir DIR`"
            ) && message.contains("a `[[log]]` table for each"),
            "{message}"
        );
    }

    #[test]
    fn folders_holding_records_are_named_nearest_first() {
        let root = tempfile::tempdir().unwrap();
        for name in ["0001-a.md", "0002-b.md"] {
            touch(&root.path().join("docs/01_Architecture/adr").join(name));
        }
        touch(&root.path().join("notes/0001-only-one.md"));
        touch(&root.path().join("node_modules/x/0001-a.md"));
        touch(&root.path().join("node_modules/x/0002-b.md"));
        assert_eq!(
            folders_with_records(root.path()),
            [root.path().join("docs/01_Architecture/adr")]
        );
    }
}
