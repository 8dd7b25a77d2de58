//! From diagnostics to output. [`Report::new`] sorts the findings and resolves every span
//! once into a [`Location`] (1-based line, columns in characters, a BOM not counted); each
//! format is one [`Reporter`] in its own file and recomputes nothing.

mod github;
mod gitlab;
mod human;
mod json;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Span};

pub use human::Human;

/// `--format`: who reads the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style snippets for people
    Human,
    /// One JSON document for scripts
    Json,
    /// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps)
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// GitLab Code Quality report
    Gitlab,
}

impl Format {
    pub fn reporter(self, color: bool) -> Box<dyn Reporter> {
        match self {
            Format::Human => Box::new(Human { color }),
            Format::Json => Box::new(json::Json),
            Format::Sarif => Box::new(sarif::Sarif),
            Format::Github => Box::new(github::Github),
            Format::Gitlab => Box::new(gitlab::Gitlab),
        }
    }
}

/// Writes a whole report in one format.
pub trait Reporter {
    fn write(&self, report: &Report, sources: &Sources<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The text of every file a diagnostic may point into, by path.
#[derive(Debug, Default)]
pub struct Sources<'a> {
    files: HashMap<&'a Path, &'a SourceFile>,
}

impl<'a> Sources<'a> {
    pub fn new(files: impl IntoIterator<Item = &'a SourceFile>) -> Self {
        Sources {
            files: files
                .into_iter()
                .map(|file| (file.path.as_path(), file))
                .collect(),
        }
    }

    pub fn get(&self, path: &Path) -> Option<&'a SourceFile> {
        self.files.get(path).copied()
    }
}

/// A resolved position: 1-based lines, columns counting characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    fn of(
        source: Option<&SourceFile>,
        span: Option<Span>,
        position: Option<(usize, usize)>,
    ) -> Location {
        if let (Some(source), Some(span)) = (source, span) {
            let start = source.line_col(span.start);
            let end = source.line_col(span.end);
            return Location {
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
            };
        }
        let (line, column) = position.unwrap_or((1, 1));
        Location {
            line,
            column,
            end_line: line,
            end_column: column,
        }
    }
}

/// A secondary place, resolved.
#[derive(Debug, Clone)]
pub struct ResolvedLabel {
    pub path: PathBuf,
    pub display_path: String,
    pub span: Option<Span>,
    pub location: Location,
    pub message: String,
}

/// One diagnostic with its positions resolved.
#[derive(Debug, Clone)]
pub struct Entry {
    pub diagnostic: Diagnostic,
    /// The path as the user reads it: relative to the working directory, `/` separators.
    pub display_path: String,
    pub location: Location,
    pub labels: Vec<ResolvedLabel>,
}

/// Everything a reporter prints: sorted entries and the counts.
#[derive(Debug)]
pub struct Report {
    pub entries: Vec<Entry>,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    pub fn new(
        diagnostics: Vec<Diagnostic>,
        sources: &Sources<'_>,
        files: usize,
        display: impl Fn(&Path) -> String,
    ) -> Report {
        let mut entries: Vec<Entry> = diagnostics
            .into_iter()
            .map(|diagnostic| {
                let source = sources.get(&diagnostic.path);
                let location = Location::of(source, diagnostic.span, diagnostic.position);
                let labels = diagnostic
                    .labels
                    .iter()
                    .map(|label| ResolvedLabel {
                        path: label.path.clone(),
                        display_path: display(&label.path),
                        span: label.span,
                        location: Location::of(sources.get(&label.path), label.span, None),
                        message: label.message.clone(),
                    })
                    .collect();
                Entry {
                    display_path: display(&diagnostic.path),
                    location,
                    labels,
                    diagnostic,
                }
            })
            .collect();
        entries.sort_by(|a, b| {
            (
                &a.display_path,
                a.location.line,
                a.location.column,
                a.diagnostic.rule.id,
                &a.diagnostic.message,
            )
                .cmp(&(
                    &b.display_path,
                    b.location.line,
                    b.location.column,
                    b.diagnostic.rule.id,
                    &b.diagnostic.message,
                ))
        });
        let count = |severity| {
            entries
                .iter()
                .filter(|entry| entry.diagnostic.severity == severity)
                .count()
        };
        Report {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            entries,
            files,
        }
    }

    /// `2 errors, 1 warning in 3 files`.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        );
        if self.infos > 0 {
            text.push_str(&format!(", {} info", self.infos));
        }
        text.push_str(&format!(" in {}", plural(self.files, "file")));
        text
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
