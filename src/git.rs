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

/// What a log's history is a function of: the commit checked out, and the repository's
/// `.mailmap` (which decides how authors are named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryState {
    head: String,
    /// xxh3 of `.mailmap` at the top of the work tree (of nothing when there is none).
    mailmap: u128,
}

const RECORD_SEPARATOR: char = '\u{1e}';
const FIELD_SEPARATOR: char = '\u{1f}';

impl History {
    /// What the history of `dir` is a function of (see [`HistoryState`]). Asking costs one
    /// `git rev-parse`, where [`History::load`] walks every commit: seconds for a log of
    /// 10,000 records with a thousand commits, because git inflates the directory's tree
    /// at each one. `None` outside a repository or before its first commit.
    pub fn state(dir: &Path) -> Option<HistoryState> {
        let text = git_output(dir, &["rev-parse", "--show-toplevel", "--verify", "HEAD"])?;
        let text = String::from_utf8(text).ok()?;
        let mut lines = text.lines();
        let (top, head) = (lines.next()?, lines.next()?);
        // Hashed, not parsed: a `.mailmap` that is a FIFO or huge hashes as absent.
        let mailmap = crate::fs::read_checked(
            &Path::new(top).join(".mailmap"),
            Some(Path::new(top)),
            crate::fs::MAX_TEXT_BYTES,
        )
        .unwrap_or_default();
        Some(HistoryState {
            head: head.to_string(),
            mailmap: xxhash_rust::xxh3::xxh3_128(&mailmap),
        })
    }

    /// Runs `git log` over `dir`. `None` when `dir` is not in a git work tree, git is not
    /// installed, or it fails: history is an extra, never a reason to stop.
    pub fn load(dir: &Path) -> Option<History> {
        let text = log(dir, None)?;
        Some(History {
            dir: dir.to_path_buf(),
            files: parse_log(&text),
        })
    }

    /// This history, read at `state` (see [`History::state`]), brought to `now`: only the
    /// commits since are read when they are a straight line on top of the commit it was read
    /// at and `.mailmap` did not change. Then `git log` lists exactly the commits a full read
    /// would, in the same order, after the ones already applied (a merge could interleave
    /// older commits, so a merge means a full read). Otherwise, a full [`History::load`].
    pub fn update(self, dir: &Path, state: &HistoryState, now: &HistoryState) -> Option<History> {
        if state == now {
            return Some(self);
        }
        let range = format!("{}..{}", state.head, now.head);
        let straight_line = self.dir == dir
            && state.mailmap == now.mailmap
            && git_output(dir, &["rev-list", "--parents", &range])
                .and_then(|listing| String::from_utf8(listing).ok())
                .is_some_and(|listing| is_straight_line(&listing, &state.head, &now.head));
        if !straight_line {
            return History::load(dir);
        }
        let text = log(dir, Some(&range))?;
        let mut history = self;
        apply_log(&mut history.files, &text);
        Some(history)
    }

    /// The history of a file under the directory (absolute, or relative to it).
    pub fn file(&self, path: &Path) -> Option<&FileHistory> {
        self.files
            .get(&crate::log_path::relative_slash_path(path, &self.dir))
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

/// `git log` over `dir` (every commit, or those of `range`), oldest first, with what
/// [`apply_log`] reads.
fn log(dir: &Path, range: Option<&str>) -> Option<String> {
    let mut args = vec![
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
    ];
    args.extend(range);
    args.extend(["--", "."]);
    let output = git_output(dir, &args)?;
    Some(String::from_utf8_lossy(&output).into_owned())
}

/// Whether `git rev-list --parents old..new` lists a chain of commits with one parent
/// each, from `new` back to a child of `old`.
fn is_straight_line(listing: &str, old: &str, new: &str) -> bool {
    let mut expected = new;
    for line in listing.lines() {
        let mut ids = line.split(' ');
        let (Some(commit), Some(parent), None) = (ids.next(), ids.next(), ids.next()) else {
            return false;
        };
        if commit != expected {
            return false;
        }
        expected = parent;
    }
    expected == old
}

/// The URL of the remote `name` of the repository holding `dir`.
pub fn remote_url(dir: &Path, name: &str) -> Option<String> {
    let text = String::from_utf8(git_output(dir, &["remote", "get-url", name])?).ok()?;
    Some(text.trim().to_string()).filter(|url| !url.is_empty())
}

/// The branch checked out in the repository holding `dir` (`HEAD` when detached).
pub fn current_branch(dir: &Path) -> Option<String> {
    let text = String::from_utf8(git_output(dir, &["rev-parse", "--abbrev-ref", "HEAD"])?).ok()?;
    Some(text.trim().to_string()).filter(|branch| !branch.is_empty())
}

/// The top of the work tree holding `dir`.
pub fn work_tree(dir: &Path) -> Option<PathBuf> {
    let text = String::from_utf8(git_output(dir, &["rev-parse", "--show-toplevel"])?).ok()?;
    let top = PathBuf::from(text.trim_end_matches(['\n', '\r']));
    // The log's own path may go through a symbolic link git resolved: compare like with like.
    Some(top.canonicalize().unwrap_or(top))
}

/// The commit that added the file at `path` under that name (the oldest such commit), for
/// telling which record a mention was written beside. `None` outside git or uncommitted.
pub fn commit_adding(path: &Path) -> Option<String> {
    let (dir, name) = (path.parent()?, path.file_name()?.to_str()?);
    let text = String::from_utf8(git_output(
        dir,
        &["log", "--diff-filter=A", "--format=%H", "--", name],
    )?)
    .ok()?;
    text.lines().last().map(str::to_string)
}

/// The commit that last wrote each line of the file at `path` (`git blame`), line 1 first;
/// `None` for a line not committed yet. `None` outside git or for a file git does not track.
pub fn line_commits(path: &Path) -> Option<Vec<Option<String>>> {
    let (dir, name) = (path.parent()?, path.file_name()?.to_str()?);
    let text = String::from_utf8(git_output(dir, &["blame", "--porcelain", "--", name])?).ok()?;
    Some(parse_blame(&text))
}

/// Reads `git blame --porcelain`: each line of the file (after a tab) is preceded by a
/// header whose first word is its commit; the all-zero commit is "not committed yet".
fn parse_blame(text: &str) -> Vec<Option<String>> {
    let mut lines = Vec::new();
    let mut current: Option<&str> = None;
    for line in text.lines() {
        if line.starts_with('\t') {
            lines.push(
                current
                    .filter(|commit| commit.bytes().any(|b| b != b'0'))
                    .map(String::from),
            );
            continue;
        }
        let mut words = line.split(' ');
        if let Some(first) = words.next()
            && first.len() == 40
            && first.bytes().all(|b| b.is_ascii_hexdigit())
            && words.count() >= 2
        {
            current = Some(first);
        }
    }
    lines
}

/// Whether commit `ancestor` is `descendant` or one of its ancestors, in the repository
/// holding `dir`.
pub fn is_ancestor(dir: &Path, ancestor: &str, descendant: &str) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["merge-base", "--is-ancestor", ancestor, descendant])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
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
    let mut files = HashMap::new();
    apply_log(&mut files, text);
    files
}

/// Applies the commits of `git log --reverse -z --name-status` output, oldest first, to
/// what `files` knew before them.
fn apply_log(files: &mut HashMap<String, FileHistory>, text: &str) {
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
}

/// The files under `dir` in commit `reference` (`origin/main`), relative to `dir` with `/`:
/// what another branch holds, for `adr lint --base`. An error says what git said.
pub fn files_at(dir: &Path, reference: &str) -> Result<Vec<String>, String> {
    // A reference starting with `-` would be read as an option.
    if reference.is_empty() || reference.starts_with('-') {
        return Err(format!("`{reference}` is not a git reference"));
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["ls-tree", "-r", "-z", "--name-only", reference, "--", "."])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("git could not be run: {error}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(said.lines().next().unwrap_or("git failed").to_string());
    }
    Ok(output
        .stdout
        .split(|byte| *byte == 0)
        .filter(|path| !path.is_empty())
        .map(|path| String::from_utf8_lossy(path).into_owned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blame_gives_each_line_its_commit_and_none_when_uncommitted() {
        let a = "a".repeat(40);
        let zero = "0".repeat(40);
        let text = format!(
            "{a} 1 1 2\nauthor A\nsummary first\nfilename x.rs\n\tfn main() {{}}\n{a} 2 2\n\t// ADR-0002\n{zero} 3 3 1\nauthor Not Committed Yet\nfilename x.rs\n\tnew line\n"
        );
        assert_eq!(parse_blame(&text), [Some(a.clone()), Some(a), None]);
    }

    #[test]
    fn only_a_chain_of_single_parent_commits_back_to_the_old_head_is_a_straight_line() {
        let chain = "c3 c2\nc2 c1\nc1 c0\n";
        assert!(is_straight_line(chain, "c0", "c3"));
        // Ends elsewhere (the old head is not an ancestor), or starts elsewhere.
        assert!(!is_straight_line(chain, "cX", "c3"));
        assert!(!is_straight_line(chain, "c0", "c4"));
        // A merge on the way.
        assert!(!is_straight_line(
            "c3 c2 b1\nc2 c1\nb1 c1\nc1 c0\n",
            "c0",
            "c3"
        ));
        // Nothing new (the new head is behind or equal): not a line from old to new.
        assert!(!is_straight_line("", "c0", "c3"));
    }

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
