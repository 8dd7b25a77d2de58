//! The library's error type: what stops a command. Every variant names the file (and line
//! when known) and, where it is not obvious, what to do. Problems *inside* a record are not
//! errors but findings of the parser or the linter.

use std::io;
use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot {action} `{}`", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("no ADR log found from `{}` upwards: {hint}", start.display())]
    NoLog {
        start: PathBuf,
        /// What to do: name a folder below that holds records, else create a log.
        hint: String,
    },

    #[error("the ADR directory `{}` ({origin}) does not exist: create it with `adr init` or fix {origin}", path.display())]
    LogDirMissing { path: PathBuf, origin: String },

    #[error("the ADR directory `{}` ({origin}) is not a directory: name the directory holding the records, not a file", path.display())]
    LogDirNotADirectory { path: PathBuf, origin: String },

    #[error("{}:{line}:{column}: {message}", path.display())]
    Config {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{message}")]
    Usage { message: String },

    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Record {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },

    /// A file a command read and edited was saved by someone else before the command
    /// wrote it back: nothing was written, so that save is kept.
    #[error("{} changed since it was read; run the command again", path.display())]
    Changed { path: PathBuf },

    #[error("template `{name}`: {message}")]
    Template { name: String, message: String },
}

/// How many of the folders holding records the "no log found" hint names.
const SHOWN_FOLDERS: usize = 3;

impl Error {
    /// No log from `start` upwards; `candidates` are folders below it that hold records.
    pub fn no_log(start: &Path, candidates: &[PathBuf]) -> Self {
        let shown = |dir: &PathBuf| {
            let relative = dir.strip_prefix(start).unwrap_or(dir);
            relative.to_string_lossy().replace('\\', "/")
        };
        let hint = match candidates {
            [] => "run `adr init` to create one, or pass `--dir DIR`".to_string(),
            [only] => format!(
                "`{0}` holds records: pass `--dir {0}`, or write `dir = \"{0}\"` in .adr.toml; `adr init` would start a second, empty log",
                shown(only)
            ),
            // All of them are counted: a repository with a log per component (univention:
            // 8 folders) was told of the nearest 3, and not of its largest log.
            several => {
                let named: Vec<String> = several
                    .iter()
                    .take(SHOWN_FOLDERS)
                    .map(|dir| format!("`{}`", shown(dir)))
                    .collect();
                let more = match several.len().saturating_sub(SHOWN_FOLDERS) {
                    0 => String::new(),
                    more => format!(" and {more} more"),
                };
                format!(
                    "these {} folders hold records: {}{more}; pass the log's folder with `--dir DIR`, or name it as `dir` in .adr.toml (a log per component: a `[[log]]` table for each, see the README); `adr init` would start a second, empty log",
                    several.len(),
                    named.join(", ")
                )
            }
        };
        Self::NoLog {
            start: start.to_path_buf(),
            hint,
        }
    }

    pub fn io(action: &'static str, path: impl AsRef<Path>, source: io::Error) -> Self {
        Self::Io {
            action,
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::Usage {
            message: message.into(),
        }
    }

    pub fn record(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Self::Record {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// True when the error is a closed pipe on output, which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Writing to stdout failed (most often a closed pipe, which `main` treats as success).
pub fn output_error(source: io::Error) -> Error {
    Error::Io {
        action: "write to",
        path: PathBuf::from("<stdout>"),
        source,
    }
}
