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

    #[error(
        "no ADR log found from `{}` upwards: run `adr init` to create one, or pass `--dir DIR`",
        start.display()
    )]
    NoLog { start: PathBuf },

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

impl Error {
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
