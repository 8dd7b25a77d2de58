#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports files named like records that hold no record.
    ///
    /// That is: an empty file, front matter with nothing under it, a Git LFS pointer, binary
    /// data (NUL bytes), or an HTML page.
    ///
    /// Such a file gets this one finding instead of `title-missing`, `section-missing` and
    /// the other rules about a record's content, which would all fire and all miss the
    /// point. Files that cannot be read as text at all are `file-unreadable`'s.
    ///
    /// ## Why is this bad?
    /// The log lists a decision under that number and name, but there is none to read: a
    /// record was never written, lost in a merge, or (LFS) never checked out, so the index
    /// and the site show an empty page.
    ///
    /// ## Example
    /// `0007-use-kafka.md`:
    /// ```markdown
    /// version https://git-lfs.github.com/spec/v1
    /// oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
    /// size 2154
    /// ```
    ///
    /// Use instead: the record itself (`git lfs pull`, or keep Markdown out of LFS):
    /// ```markdown
    /// # Use Kafka for orders
    /// ```
    pub(crate) struct FileNotARecord { id: "file-not-a-record", severity: Error, fixable: false, enabled: true, record: check }
}

/// What a record-named file holds instead of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotARecord {
    Empty,
    FrontMatterOnly,
    LfsPointer,
    Binary,
    Html,
}

impl NotARecord {
    fn message(self) -> &'static str {
        match self {
            NotARecord::Empty => "the file is empty: no record to read",
            NotARecord::FrontMatterOnly => "the file holds front matter and nothing else",
            NotARecord::LfsPointer => "the file is a Git LFS pointer, not the record it stands for",
            NotARecord::Binary => "the file holds binary data (NUL bytes), not Markdown",
            NotARecord::Html => "the file is an HTML page, not a Markdown record",
        }
    }

    fn help(self) -> &'static str {
        match self {
            NotARecord::Empty | NotARecord::FrontMatterOnly => {
                "write the record (a `# Title` and its sections), or delete the file"
            }
            NotARecord::LfsPointer => {
                "run `git lfs pull` where the log is linted, or stop tracking `*.md` with LFS"
            }
            NotARecord::Binary | NotARecord::Html => {
                "put the record's Markdown in the file, or rename the file so it is not taken for a record"
            }
        }
    }
}

/// What the record's file holds instead of a record, if it holds none. Other per-record
/// rules ask this first and stay quiet on such files.
pub(crate) fn not_a_record(record: &Record) -> Option<NotARecord> {
    let text = &record.source.text;
    let content = text.get(record.source.bom_len()..).unwrap_or(text).trim();
    if content.is_empty() {
        return Some(NotARecord::Empty);
    }
    if content.starts_with("version https://git-lfs.github.com/spec/") {
        return Some(NotARecord::LfsPointer);
    }
    if content.contains('\0') {
        return Some(NotARecord::Binary);
    }
    let head: String = content.chars().take(16).collect::<String>().to_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Some(NotARecord::Html);
    }
    if record.front_matter.is_some() && record.body().trim().is_empty() {
        return Some(NotARecord::FrontMatterOnly);
    }
    None
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(holding) = not_a_record(record) else {
        return;
    };
    let span = match holding {
        NotARecord::Empty => None,
        _ => Some(record.source.line_span(1)),
    };
    ctx.report(
        &FileNotARecord::META,
        record.path(),
        span,
        holding.message(),
    )
    .help(holding.help());
}
