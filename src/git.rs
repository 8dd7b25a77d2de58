//! What git history knows about the log's files: when each was added (for `adr renumber`,
//! which keeps the record that came first), when it last changed and who wrote it (for the
//! site). Facts come from running `git log` once for the whole log directory, never once
//! per record and never from reading `.git` ourselves. Outside a repository, or when git is
//! missing or fails, [`History::load`] returns `None` and callers carry on without it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

/// What git says about one file (renames followed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHistory {
    /// Committer time (Unix seconds) of the commit that added the file.
    pub added_at: Option<i64>,
    /// Author time (Unix seconds) of the last commit that changed it.
    pub changed_at: Option<i64>,
    /// The author date of that commit, `YYYY-MM-DD` in the author's time zone.
    pub changed_on: Option<String>,
    /// Everyone who authored a commit changing the file, most recent first.
    pub authors: Vec<String>,
}

/// The history of every file under one directory, keyed by path relative to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    dir: PathBuf,
    files: HashMap<String, FileHistory>,
}

const RECORD_SEPARATOR: char = '\u{1e}';
const FIELD_SEPARATOR: char = '\u{1f}';

impl History {
    /// What the history of `dir` is a function of: the commit checked out, and the
    /// repository's `.mailmap` (which decides how authors are named). Asking costs one
    /// `git rev-parse`, where [`History::load`] walks every commit: seconds for a log of
    /// 10,000 records with a thousand commits, because git inflates the directory's tree
    /// at each one. `None` outside a repository or before its first commit.
    pub fn state(dir: &Path) -> Option<String> {
        let text = git_output(dir, &["rev-parse", "--show-toplevel", "--verify", "HEAD"])?;
        let text = String::from_utf8(text).ok()?;
        let mut lines = text.lines();
        let (top, head) = (lines.next()?, lines.next()?);
        let mailmap = std::fs::read(Path::new(top).join(".mailmap")).unwrap_or_default();
        Some(format!(
            "{head}:{:032x}",
            xxhash_rust::xxh3::xxh3_128(&mailmap)
        ))
    }

    /// Runs `git log` over `dir`. `None` when `dir` is not in a git work tree, git is not
    /// installed, or it fails: history is an extra, never a reason to stop.
    pub fn load(dir: &Path) -> Option<History> {
        let output = git_output(
            dir,
            &[
                "-c",
                "log.showSignature=false",
                "log",
                "--no-color",
                "--reverse",
                "-z",
                "-M",
                "--name-status",
                "--relative",
                "--format=%x1e%ct%x1f%at%x1f%as%x1f%aN",
                "--",
                ".",
            ],
        )?;
        let text = String::from_utf8_lossy(&output);
        Some(History {
            dir: dir.to_path_buf(),
            files: parse_log(&text),
        })
    }

    /// The history of a file under the directory (absolute, or relative to it).
    pub fn file(&self, path: &Path) -> Option<&FileHistory> {
        let relative = path.strip_prefix(&self.dir).unwrap_or(path);
        let key = relative
            .components()
            .map(|component| component.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        self.files.get(&key)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file's history, by path, for fingerprinting what a site shows.
    pub fn files(&self) -> Vec<(&str, &FileHistory)> {
        let mut files: Vec<(&str, &FileHistory)> = self
            .files
            .iter()
            .map(|(path, history)| (path.as_str(), history))
            .collect();
        files.sort_by_key(|(path, _)| *path);
        files
    }
}

/// What `git -C dir args...` prints; `None` when git is missing or fails.
fn git_output(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output.status.success().then_some(output.stdout)
}

/// Reads `git log --reverse -z --name-status` output, oldest commit first, following
/// renames so a renumbered record keeps the date it was first added.
fn parse_log(text: &str) -> HashMap<String, FileHistory> {
    let mut files: HashMap<String, FileHistory> = HashMap::new();
    for commit in text
        .split(RECORD_SEPARATOR)
        .filter(|chunk| !chunk.is_empty())
    {
        let (header, changes) = commit.split_once('\0').unwrap_or((commit, ""));
        let mut fields = header.split(FIELD_SEPARATOR);
        let committed_at = fields.next().and_then(|value| value.trim().parse().ok());
        let authored_at = fields.next().and_then(|value| value.trim().parse().ok());
        let authored_on = fields.next().map(str::to_string);
        let author = fields.next().unwrap_or("").to_string();
        let touch = |entry: &mut FileHistory| {
            entry.changed_at = authored_at;
            entry.changed_on.clone_from(&authored_on);
            if !author.is_empty() {
                entry.authors.retain(|known| *known != author);
                entry.authors.insert(0, author.clone());
            }
        };
        let mut tokens = changes
            .trim_start_matches('\n')
            .split('\0')
            .filter(|token| !token.is_empty());
        while let Some(status) = tokens.next() {
            let kind = status.chars().next().unwrap_or(' ');
            match kind {
                'R' | 'C' => {
                    let (Some(from), Some(to)) = (tokens.next(), tokens.next()) else {
                        break;
                    };
                    let mut entry = if kind == 'R' {
                        files.remove(from).unwrap_or_default()
                    } else {
                        FileHistory::default()
                    };
                    if entry.added_at.is_none() {
                        entry.added_at = committed_at;
                    }
                    touch(&mut entry);
                    files.insert(to.to_string(), entry);
                }
                'D' => {
                    if let Some(path) = tokens.next() {
                        files.remove(path);
                    }
                }
                _ => {
                    let Some(path) = tokens.next() else { break };
                    let entry = files.entry(path.to_string()).or_default();
                    if entry.added_at.is_none() {
                        entry.added_at = committed_at;
                    }
                    touch(entry);
                }
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_adds_changes_and_renames() {
        let log = "\u{1e}100\u{1f}90\u{1f}2025-01-01\u{1f}Ann\0\nA\x000001-a.md\0A\x000002-b.md\0\
                   \u{1e}200\u{1f}190\u{1f}2025-02-01\u{1f}Bob\0\nM\x000002-b.md\0R100\x000001-a.md\x000003-a.md\0\
                   \u{1e}300\u{1f}290\u{1f}2025-03-01\u{1f}Ann\0\nM\x000002-b.md\0D\x000003-a.md\0";
        let files = parse_log(log);
        assert_eq!(
            files.get("0002-b.md"),
            Some(&FileHistory {
                added_at: Some(100),
                changed_at: Some(290),
                changed_on: Some("2025-03-01".into()),
                authors: vec!["Ann".into(), "Bob".into()],
            })
        );
        assert!(!files.contains_key("0003-a.md"));
        assert!(!files.contains_key("0001-a.md"));
    }

    #[test]
    fn renames_keep_the_date_added() {
        let log = "\u{1e}100\u{1f}90\u{1f}2025-01-01\u{1f}Ann\0\nA\x000001-a.md\0\
                   \u{1e}200\u{1f}190\u{1f}2025-02-01\u{1f}Bob\0\nR100\x000001-a.md\x000004-a.md\0";
        let files = parse_log(log);
        let moved = files.get("0004-a.md").unwrap();
        assert_eq!(moved.added_at, Some(100));
        assert_eq!(moved.changed_on.as_deref(), Some("2025-02-01"));
    }

    #[test]
    fn outside_a_repository_there_is_no_history() {
        let dir = tempfile::tempdir().unwrap();
        assert!(History::load(dir.path()).is_none());
    }
}
