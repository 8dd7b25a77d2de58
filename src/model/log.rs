//! The [`Log`]: every record of one ADR directory, loaded once (in parallel) and read-only
//! afterwards, plus the files that could not be read as records. Lookups by number, file
//! name and slug are indexed so log-wide checks stay linear.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::{self, FileName, NamingScheme};
use crate::error::Result;
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

#[derive(Debug, Default)]
pub struct Log {
    pub dir: PathBuf,
    /// Sorted by number, then date (log4brains names), then path.
    pub records: Vec<Record>,
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
                .insert(file_name_of(rel_path).to_string(), index);
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

impl Log {
    /// Loads every record of `dir`.
    pub fn load(dir: &Path) -> Result<Log> {
        Log::load_with(dir, |record| record)
    }

    /// Loads every record of `dir`, passing each through `keep` as soon as it is parsed.
    /// A consumer that needs only part of the model (the site drops sections and option
    /// lists) thereby never holds the whole log's model at once: at 10,000 records that
    /// model is several times the size of the text.
    pub fn load_with(dir: &Path, keep: impl Fn(Record) -> Record + Sync) -> Result<Log> {
        Log::load_at(dir, crate::parse::Depth::Full, keep)
    }

    /// Loads every record's metadata only (see [`crate::parse::Depth::Metadata`]), for
    /// commands that print facts (`list`, `index`): each record's text is let go as soon as
    /// it is parsed (its path stays), since at 10,000 records the texts and their line
    /// indexes would be most of the memory. Failures keep theirs, for their snippets.
    pub fn load_metadata(dir: &Path) -> Result<Log> {
        Log::load_at(dir, crate::parse::Depth::Metadata, |mut record| {
            let path = std::mem::take(&mut record.source.path);
            record.source = SourceFile::new(path, String::new());
            record
        })
    }

    /// Loads every record of `dir` to `depth`, passing each through `keep` as it is parsed
    /// (the site reads metadata this way and gathers links while it renders the bodies).
    pub fn load_at(
        dir: &Path,
        depth: crate::parse::Depth,
        keep: impl Fn(Record) -> Record + Sync,
    ) -> Result<Log> {
        Ok(Log::load_discovered(
            dir,
            discover::discover(dir)?,
            depth,
            keep,
        ))
    }

    /// [`Log::load_at`] for files already discovered in `dir` (lint finds the log's
    /// template first, since per-record rules run during the load).
    pub fn load_discovered(
        dir: &Path,
        found: discover::Discovered,
        depth: crate::parse::Depth,
        keep: impl Fn(Record) -> Record + Sync,
    ) -> Log {
        let files = read_discovered(dir, found, depth, |_| None, keep);
        let mut log = Log::from_parts(
            dir.to_path_buf(),
            files.records,
            files.failures,
            files.unnamed_markdown,
        );
        log.template = crate::model::log_template::choose(&files.skipped);
        log.skipped = files.skipped;
        log
    }

    pub fn from_parts(
        dir: PathBuf,
        mut records: Vec<Record>,
        failures: Vec<LoadFailure>,
        unnamed_markdown: Vec<(PathBuf, String)>,
    ) -> Log {
        // The keys end in the path, so no two are equal and an unstable sort gives the one
        // order, without the scratch copy of the records a stable sort allocates.
        records.sort_unstable_by(|a, b| {
            sort_key(&a.file, &a.rel_path).cmp(&sort_key(&b.file, &b.rel_path))
        });
        let lookup = RecordLookup::new(
            records
                .iter()
                .map(|record| (record.number(), record.rel_path.as_str(), record.slug())),
        );
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
    pub fn by_number(&self, number: u32) -> impl Iterator<Item = &Record> {
        self.lookup
            .by_number(number)
            .iter()
            .filter_map(|&index| self.records.get(index))
    }

    pub fn by_file_name(&self, name: &str) -> Option<&Record> {
        self.lookup
            .by_file_name(name)
            .and_then(|index| self.records.get(index))
    }

    /// Finds the record a reference names: by link target, then number, then slug.
    pub fn resolve(&self, reference: &RecordRef) -> Option<&Record> {
        self.lookup
            .resolve(reference)
            .and_then(|index| self.records.get(index))
    }

    /// The index lookups [`Log::resolve`] uses, for code that keeps records by index.
    pub fn lookup(&self) -> &RecordLookup {
        &self.lookup
    }

    /// Finds a record by what a user types: `7`, `0007`, `ADR-7`, a file name or a slug.
    pub fn find(&self, query: &str) -> Option<&Record> {
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
            .map(|record| &record.file)
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

/// What [`read_records`] found: one `T` per record, in no particular order.
pub struct RecordFiles<T> {
    pub records: Vec<T>,
    pub failures: Vec<LoadFailure>,
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Markdown files not read as records, and why (templates, folder-record parts).
    pub skipped: Vec<discover::Skipped>,
}

/// Reads the record files of `dir` in parallel and turns each into a `T` as soon as it is
/// parsed, so a caller never holds more of the model than it keeps. `reuse` may supply the
/// `T` of a file without reading it (the site's cache of records unchanged since its last
/// render).
pub fn read_records<T: Send>(
    dir: &Path,
    depth: crate::parse::Depth,
    reuse: impl Fn(&str) -> Option<T> + Sync,
    convert: impl Fn(Record) -> T + Sync,
) -> Result<RecordFiles<T>> {
    Ok(read_discovered(
        dir,
        discover::discover(dir)?,
        depth,
        reuse,
        convert,
    ))
}

/// [`read_records`] for files already discovered in `dir` (a caller that also stats them).
pub fn read_discovered<T: Send>(
    dir: &Path,
    mut found: discover::Discovered,
    depth: crate::parse::Depth,
    reuse: impl Fn(&str) -> Option<T> + Sync,
    convert: impl Fn(Record) -> T + Sync,
) -> RecordFiles<T> {
    crate::model::log_template::recognise_by_content(
        &mut found.unnamed_markdown,
        &mut found.skipped,
    );
    let canonical_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let symlinks = &found.symlinks;
    let results: Vec<_> = found
        .records
        .into_par_iter()
        .map(|(path, rel, file)| {
            if symlinks.contains(&path) {
                check_symlink(&path, &rel, &file, &canonical_dir)?;
            }
            if let Some(reused) = reuse(&rel) {
                return Ok(reused);
            }
            crate::parse::load_record_at(&path, rel, file, depth).map(&convert)
        })
        .collect();
    let mut failures = Vec::new();
    // Collected in place, in the results' own allocation: a second vector of 10,000
    // records would be megabytes more at the load's peak.
    let records: Vec<T> = results
        .into_iter()
        .filter_map(|result| match result {
            Ok(record) => Some(record),
            Err(failure) => {
                failures.push(*failure);
                None
            }
        })
        .collect();
    RecordFiles {
        records,
        failures,
        unnamed_markdown: found.unnamed_markdown,
        skipped: found.skipped,
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

/// A record may be a symbolic link, but only to a file inside the log: a link that leads
/// elsewhere would make `adr` read (and `--fix` write) files outside the repository's log.
fn check_symlink(
    path: &Path,
    rel: &str,
    file: &FileName,
    canonical_dir: &Path,
) -> Result<(), Box<LoadFailure>> {
    let failure = |message: String| {
        Box::new(LoadFailure {
            path: path.to_path_buf(),
            rel_path: rel.to_string(),
            file: file.clone(),
            kind: FailureKind::Unreadable,
            line: None,
            column: None,
            message,
            source: None,
        })
    };
    match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(canonical_dir) => Ok(()),
        Ok(target) => Err(failure(format!(
            "is a symbolic link to `{}`, outside the log directory: move or copy the record into the log",
            target.display()
        ))),
        Err(error) => Err(failure(format!(
            "is a symbolic link that cannot be followed ({error}): remove or fix it"
        ))),
    }
}

fn file_name_of(rel_path: &str) -> &str {
    rel_path.rsplit('/').next().unwrap_or(rel_path)
}

/// The naming scheme of the most recent record, which `adr new` follows.
pub fn dominant_scheme(files: &[&FileName]) -> Option<NamingScheme> {
    let latest = files
        .iter()
        .max_by_key(|file| (file.number, file.date.clone()))?;
    Some(latest.scheme.clone())
}
