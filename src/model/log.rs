//! The [`Log`]: every record of one ADR directory, loaded once (by `crate::load`, in
//! parallel) and read-only afterwards, plus the files that could not be read as records. Lookups by number, file
//! name and slug are indexed so log-wide checks stay linear.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::discover::{self, FileName, NamingScheme};
use crate::model::{Record, RecordRef};
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FailureKind {
    /// The file could not be read (permissions, a directory named like a record).
    Unreadable,
    NotUtf8,
    TooLarge,
    /// The front matter is unclosed, not YAML, or not a mapping.
    FrontMatterSyntax,
}

/// A file named like a record that could not be read as one.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub rel_path: String,
    pub file: FileName,
    pub kind: FailureKind,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The text, when it could be read (for snippets in diagnostics).
    pub source: Option<SourceFile>,
}

/// What a [`Log`] holds one of per record: the full [`Record`], or a partial view of it
/// (lint's log-wide rules get only the facts they read). A log sorts and looks its entries
/// up by their file name and path alone.
pub trait LogEntry {
    /// What the record's file name says (number, date, slug).
    fn file_name(&self) -> &FileName;
    /// Path relative to the log directory, with `/` separators.
    fn log_path(&self) -> &str;
}

impl LogEntry for Record {
    fn file_name(&self) -> &FileName {
        &self.file
    }

    fn log_path(&self) -> &str {
        &self.rel_path
    }
}

/// Every record of one ADR directory (as `R`: a full [`Record`] unless a consumer keeps
/// less), the files that could not be read as records, and the lookups between them.
#[derive(Debug)]
pub struct Log<R = Record> {
    pub dir: PathBuf,
    /// Sorted by number, then date (log4brains names), then path.
    pub records: Vec<R>,
    pub failures: Vec<LoadFailure>,
    /// Markdown files in the directory that follow no record naming scheme.
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Markdown files not read as records (templates, parts of folder records), and why.
    pub skipped: Vec<discover::Skipped>,
    /// The log's own template, whose headings custom-layout records are checked against.
    pub template: Option<crate::model::LogTemplate>,
    lookup: RecordLookup,
}

/// Where records are in a sorted list, by number, file name and slug: what a reference
/// from one record to another is resolved with. The site keeps its own list of records
/// and resolves with the same rules.
#[derive(Debug, Default)]
pub struct RecordLookup {
    by_number: HashMap<u32, Vec<usize>>,
    by_file_name: HashMap<String, usize>,
    by_slug: HashMap<String, Vec<usize>>,
}

impl RecordLookup {
    /// Indexes records given in order as (number, path relative to the log, slug).
    pub fn new<'r>(records: impl Iterator<Item = (Option<u32>, &'r str, &'r str)>) -> Self {
        let mut lookup = RecordLookup::default();
        for (index, (number, rel_path, slug)) in records.enumerate() {
            if let Some(number) = number {
                lookup.by_number.entry(number).or_default().push(index);
            }
            lookup
                .by_file_name
                .insert(crate::log_path::file_name(rel_path).to_string(), index);
            lookup
                .by_slug
                .entry(slug.to_string())
                .or_default()
                .push(index);
        }
        lookup
    }

    pub fn by_number(&self, number: u32) -> &[usize] {
        self.by_number.get(&number).map_or(&[], Vec::as_slice)
    }

    pub fn by_file_name(&self, name: &str) -> Option<usize> {
        self.by_file_name.get(name).copied()
    }

    pub fn by_slug(&self, slug: &str) -> Option<usize> {
        self.by_slug
            .get(slug)
            .and_then(|indices| indices.first())
            .copied()
    }

    /// The record a reference names: by link target, then number, then slug.
    pub fn resolve(&self, reference: &RecordRef) -> Option<usize> {
        if let Some(target) = &reference.target {
            let path = target.split(['#', '?']).next().unwrap_or(target);
            let name = path.rsplit('/').next().unwrap_or(path);
            if let Some(index) = self.by_file_name(name) {
                return Some(index);
            }
        }
        if let Some(number) = reference.number
            && let Some(&index) = self.by_number(number).first()
        {
            return Some(index);
        }
        self.by_slug(reference.slug.as_ref()?)
    }
}

impl<R: LogEntry> Log<R> {
    /// A log of records already read (sorted here), failures and misnamed Markdown files.
    pub fn from_parts(
        dir: PathBuf,
        mut records: Vec<R>,
        failures: Vec<LoadFailure>,
        unnamed_markdown: Vec<(PathBuf, String)>,
    ) -> Log<R> {
        // The keys end in the path, so no two are equal and an unstable sort gives the one
        // order, without the scratch copy of the records a stable sort allocates.
        records.sort_unstable_by(|a, b| {
            sort_key(a.file_name(), a.log_path()).cmp(&sort_key(b.file_name(), b.log_path()))
        });
        let lookup = RecordLookup::new(records.iter().map(|record| {
            let file = record.file_name();
            (file.number, record.log_path(), file.slug.as_str())
        }));
        Log {
            dir,
            records,
            failures,
            unnamed_markdown,
            skipped: Vec::new(),
            template: None,
            lookup,
        }
    }

    /// The records with this number (more than one when numbers collide).
    pub fn by_number(&self, number: u32) -> impl Iterator<Item = &R> {
        self.lookup
            .by_number(number)
            .iter()
            .filter_map(|&index| self.records.get(index))
    }

    pub fn by_file_name(&self, name: &str) -> Option<&R> {
        self.lookup
            .by_file_name(name)
            .and_then(|index| self.records.get(index))
    }

    /// Finds the record a reference names: by link target, then number, then slug.
    pub fn resolve(&self, reference: &RecordRef) -> Option<&R> {
        self.lookup
            .resolve(reference)
            .and_then(|index| self.records.get(index))
    }

    /// The index lookups [`Log::resolve`] uses, for code that keeps records by index.
    pub fn lookup(&self) -> &RecordLookup {
        &self.lookup
    }

    /// Finds a record by what a user types: `7`, `0007`, `ADR-7`, a file name or a slug.
    pub fn find(&self, query: &str) -> Option<&R> {
        let query = query.trim();
        if let Some(record) = self
            .by_file_name(query)
            .or_else(|| self.by_file_name(&format!("{query}.md")))
        {
            return Some(record);
        }
        if let Some(reference) = RecordRef::parse(query)
            && let Some(record) = self.resolve(&reference)
        {
            return Some(record);
        }
        self.lookup
            .by_slug(query)
            .and_then(|index| self.records.get(index))
    }

    /// The highest record number in use, counting files that failed to parse.
    pub fn highest_number(&self) -> Option<u32> {
        self.records
            .iter()
            .map(LogEntry::file_name)
            .chain(self.failures.iter().map(|failure| &failure.file))
            .filter_map(|file| file.number)
            .max()
    }

    /// The number a new record takes, as text for messages: `1` in an empty log, or
    /// a note that none is left when the highest is `u32::MAX` (never a wrap to 0).
    pub fn next_number_label(&self) -> String {
        match self.highest_number() {
            None => "1".to_string(),
            Some(highest) => highest.checked_add(1).map_or_else(
                || "none is left: renumber the log".to_string(),
                |next| next.to_string(),
            ),
        }
    }

    pub fn len(&self) -> usize {
        self.records.len() + self.failures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The order of a log: by number, then date (log4brains names), then path.
pub fn sort_key<'a>(
    file: &'a FileName,
    rel_path: &'a str,
) -> (u32, bool, Option<&'a str>, &'a str) {
    (
        file.number.unwrap_or(u32::MAX),
        file.number.is_none(),
        file.date.as_deref(),
        rel_path,
    )
}

/// The naming scheme of the most recent record, which `adr new` follows.
pub fn dominant_scheme(files: &[&FileName]) -> Option<NamingScheme> {
    let latest = files
        .iter()
        .max_by_key(|file| (file.number, file.date.clone()))?;
    Some(latest.scheme.clone())
}
