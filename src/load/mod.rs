//! From disk to a [`Log`]: discover the log's files, read and parse each record (in
//! parallel), recognise the log's template, and gather what could not be read. This is the
//! one way in from disk; the model it fills imports no parser.

mod template;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::{self, FileName};
use crate::error::Result;
use crate::model::{FailureKind, LoadFailure, Log, Record};
use crate::source::SourceFile;

pub use template::{choose as choose_template, recognise_by_content};

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
        Log::load_at(dir, crate::parse::Depth::Metadata, without_text)
    }

    /// Loads the records of every log of `layout` below `dir` to `depth` (metadata: without
    /// their texts, as [`Log::load_metadata`]). An empty layout is the one log at `dir`,
    /// loaded as [`Log::load`] does.
    pub fn load_layout(
        dir: &Path,
        layout: &crate::layout::Layout,
        depth: crate::parse::Depth,
    ) -> Result<Log> {
        let found = layout.discover(dir)?;
        let log = match depth {
            crate::parse::Depth::Metadata => Log::load_discovered(dir, found, depth, without_text),
            _ => Log::load_discovered(dir, found, depth, |record| record),
        };
        Ok(log.with_layout(layout.clone()))
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
        log.template = template::choose(&files.skipped);
        log.skipped = files.skipped;
        log
    }
}

/// A record without its text (its path stays), for consumers of metadata only.
fn without_text(mut record: Record) -> Record {
    let path = std::mem::take(&mut record.source.path);
    record.source = SourceFile::new(path, String::new());
    record
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
    recognise_by_content(&mut found.unnamed_markdown, &mut found.skipped);
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
