//! What the linter finds: a [`Diagnostic`] names its rule, the file, the bytes at fault,
//! what is wrong and what to do, and maybe a [`Fix`]. Positions stay byte spans here;
//! `report` turns them into lines and columns once, for every format.

use std::path::PathBuf;

use crate::edit::Edit;
use crate::lint::RuleMeta;
use crate::source::Span;

/// How much a finding matters. Config can lower, raise or turn off each rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A secondary place that explains the primary one, possibly in another file
/// ("number 0004 is also used here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub path: PathBuf,
    pub span: Option<Span>,
    pub message: String,
}

/// Edits to one file that make a diagnostic go away without changing anything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The file the edits apply to (not always the diagnostic's: a back-link goes into the
    /// other record).
    pub path: PathBuf,
    pub edits: Vec<Edit>,
    /// What the fix does, for the `--fix` summary: "set status to `accepted`".
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    /// Set by the linter from the rule's default and the project's config.
    pub severity: Severity,
    /// The file at fault (absolute, as the log was loaded).
    pub path: PathBuf,
    /// The bytes at fault; `None` when the problem is the file as a whole (its name).
    pub span: Option<Span>,
    /// A 1-based line and column to use when there is no text to hold a span (a file that is
    /// not UTF-8 still knows the line of its first bad byte).
    pub position: Option<(usize, usize)>,
    /// What is wrong: specific, lowercase, no final period, code in backticks.
    pub message: String,
    /// What to do, imperative.
    pub help: Option<String>,
    /// A short note under the caret in the human format.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static RuleMeta,
        path: PathBuf,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            path,
            span,
            position: None,
            message: message.into(),
            help: None,
            label: None,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    pub fn secondary(
        &mut self,
        path: PathBuf,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> &mut Self {
        self.labels.push(Label {
            path,
            span,
            message: message.into(),
        });
        self
    }

    pub fn position(&mut self, line: usize, column: usize) -> &mut Self {
        self.position = Some((line, column));
        self
    }

    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn is_fixable(&self) -> bool {
        self.fix.is_some()
    }
}
