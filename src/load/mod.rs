//! From disk to a [`Log`]: discover the log's files, read and parse each record (in
//! parallel), recognise the log's template, and gather what could not be read. This is the
//! one way in from disk; the model it fills imports no parser.

mod template;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::{self, FileName};
use crate::error::Result;
use crate::model::{FailureKind, LoadFailure, Log, LogEntry, LogMeta, Record, RecordMeta};
use crate::source::SourceFile;

pub use template::{choose as choose_template, recognise_by_content, recognise_numbered_templates};

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
    /// `keep` may turn each record into a partial view of it (lint's log-wide rules get
    /// only their facts).
    pub fn load_discovered<R: LogEntry + Send>(
        dir: &Path,
        found: discover::Discovered,
        depth: crate::parse::Depth,
        keep: impl Fn(Record) -> R + Sync,
    ) -> Log<R> {
        let files = read_discovered(dir, found, depth, keep);
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

impl LogMeta {
    /// Loads the metadata of every record of `dir` (see [`crate::parse::Depth::Metadata`]):
    /// each record is parsed only as far as its metadata and kept as a [`RecordMeta`], so
    /// `list` and `index` hold a few hundred bytes per record, not its model or text.
    pub fn load_meta(dir: &Path) -> Result<LogMeta> {
        LogMeta::load_meta_layout(dir, &crate::layout::Layout::default())
    }

    /// [`LogMeta::load_meta`] for every log of `layout` below `dir` (see
    /// [`Log::load_layout`]).
    pub fn load_meta_layout(dir: &Path, layout: &crate::layout::Layout) -> Result<LogMeta> {
        let found = layout.discover(dir)?;
        Ok(
            Log::load_discovered(dir, found, crate::parse::Depth::Metadata, RecordMeta::of)
                .with_layout(layout.clone()),
        )
    }
}

/// What [`read_discovered`] found: one `T` per record, in the order of discovery.
pub struct RecordFiles<T> {
    pub records: Vec<T>,
    pub failures: Vec<LoadFailure>,
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Markdown files not read as records, and why (templates, folder-record parts).
    pub skipped: Vec<discover::Skipped>,
}

/// Reads the record files `found` in `dir` in parallel and turns each into a `T` as soon as
/// it is parsed, so a caller never holds more of the model than it keeps.
pub fn read_discovered<T: Send>(
    dir: &Path,
    found: discover::Discovered,
    depth: crate::parse::Depth,
    convert: impl Fn(Record) -> T + Sync,
) -> RecordFiles<T> {
    // Sized up front: a record's kept form is hundreds of bytes (`RecordFacts` 816), and a
    // vector grown by doubling holds its old and new buffers at once as it grows, 1.5 to 3
    // times the final size at its peak (80 MB at 99,999 records for lint).
    let mut records = Vec::with_capacity(found.records.len());
    let mut failures = Vec::new();
    let rest = stream_discovered(dir, found, depth, convert, |result| {
        match result {
            Ok(record) => records.push(record),
            Err(failure) => failures.push(*failure),
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(rest) = rest;
    RecordFiles {
        records,
        failures,
        unnamed_markdown: rest.unnamed_markdown,
        skipped: rest.skipped,
    }
}

/// How many records are read and parsed at once: enough to keep every core busy, few
/// enough that their texts (4-8 KB each) are a few megabytes whatever the log's size.
const CHUNK: usize = 512;

/// Puts the records `found` lists in the log's order (see [`crate::model::sort_key`]), the
/// order in which [`stream_discovered`] then hands them on.
pub fn sort_in_log_order(found: &mut discover::Discovered) {
    found.records.sort_unstable_by(|a, b| {
        crate::model::sort_key(&a.2, &a.1).cmp(&crate::model::sort_key(&b.2, &b.1))
    });
}

/// [`sort_in_log_order`] for the logs of `layout`: by log (in the layout's order), then as
/// in one log, the order of [`Log::with_layout`].
pub fn sort_in_layout_order(found: &mut discover::Discovered, layout: &crate::layout::Layout) {
    if !layout.has_several() {
        return sort_in_log_order(found);
    }
    found.records.sort_by_cached_key(|(_, rel, file)| {
        let (number, unnumbered, date, path) = crate::model::sort_key(file, rel);
        (
            layout.part_index(rel),
            number,
            unnumbered,
            date.map(str::to_string),
            path.to_string(),
        )
    });
}

/// The records `found` lists, known by their files only: what references resolve against
/// when the records themselves are read one chunk at a time (`list --format json`,
/// `export`).
pub fn listed_log(
    dir: &Path,
    found: &discover::Discovered,
    layout: &crate::layout::Layout,
) -> Log<crate::model::ListedFile> {
    let listed = found
        .records
        .iter()
        .map(|(_, rel_path, file)| crate::model::ListedFile {
            rel_path: rel_path.clone(),
            file: file.clone(),
        })
        .collect();
    Log::from_parts(dir.to_path_buf(), listed, Vec::new(), Vec::new()).with_layout(layout.clone())
}

/// What [`stream_discovered`] leaves once every record has gone to the sink.
pub struct Unread {
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    pub skipped: Vec<discover::Skipped>,
}

/// Reads the record files of `dir` in the order `found` lists them ([`sort_in_log_order`]
/// gives the log's), a chunk at a time in parallel, and hands each record (turned into a
/// `T` by `convert`) or failure to `sink` in that order. Only one chunk of texts is in memory at a time, so a
/// command that writes a row per record (`export`) runs in memory bounded by the chunk,
/// not the log. Stops at the sink's first error.
pub fn stream_discovered<T: Send, E>(
    dir: &Path,
    mut found: discover::Discovered,
    depth: crate::parse::Depth,
    convert: impl Fn(Record) -> T + Sync,
    mut sink: impl FnMut(Result<T, Box<LoadFailure>>) -> Result<(), E>,
) -> Result<Unread, E> {
    recognise_by_content(&mut found.unnamed_markdown, &mut found.skipped);
    template::recognise_numbered_templates(&mut found.records, &mut found.skipped);
    let canonical_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let symlinks = &found.symlinks;
    let mut files = std::mem::take(&mut found.records).into_iter();
    loop {
        let chunk: Vec<_> = files.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let results: Vec<_> = chunk
            .into_par_iter()
            .map(|(path, rel, file)| {
                if symlinks.contains(&path) {
                    check_symlink(&path, &rel, &file, &canonical_dir)?;
                }
                crate::parse::load_record_at(&path, rel, file, depth).map(&convert)
            })
            .collect();
        for result in results {
            sink(result)?;
        }
    }
    Ok(Unread {
        unnamed_markdown: found.unnamed_markdown,
        skipped: found.skipped,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn log_of(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let text = format!("---\nstatus: accepted\n---\n\n# {name}\n");
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn records_stream_in_the_logs_order_a_chunk_at_a_time() {
        // More than one chunk, named so that path order is not number order.
        let names: Vec<String> = (1..=CHUNK + 3).rev().map(|n| format!("{n}-r.md")).collect();
        let dir = log_of(&names.iter().map(String::as_str).collect::<Vec<_>>());
        let mut found = discover::discover(dir.path()).unwrap();
        sort_in_log_order(&mut found);
        let mut seen = Vec::new();
        stream_discovered(
            dir.path(),
            found,
            crate::parse::Depth::Metadata,
            |record| record.number(),
            |result| {
                seen.push(result.map_err(|failure| failure.message)?);
                Ok::<(), String>(())
            },
        )
        .unwrap();
        let expected: Vec<Option<u32>> =
            (1..=u32::try_from(CHUNK).unwrap() + 3).map(Some).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn the_stream_stops_at_the_sinks_first_error() {
        let dir = log_of(&["0001-a.md", "0002-b.md", "0003-c.md"]);
        let mut found = discover::discover(dir.path()).unwrap();
        sort_in_log_order(&mut found);
        let mut calls = 0;
        let stopped = stream_discovered(
            dir.path(),
            found,
            crate::parse::Depth::Metadata,
            |record| record.number(),
            |_| {
                calls += 1;
                if calls == 2 { Err("full") } else { Ok(()) }
            },
        );
        assert_eq!(stopped.err(), Some("full"));
        assert_eq!(calls, 2);
    }

    #[test]
    fn the_metadata_view_resolves_references_like_the_log() {
        let dir = log_of(&["0001-a.md", "0002-b.md"]);
        std::fs::write(
            dir.path().join("0003-c.md"),
            "---\nstatus: accepted\nsupersedes: ADR-0002\n---\n\n# C\n",
        )
        .unwrap();
        let meta = LogMeta::load_meta(dir.path()).unwrap();
        let log = Log::load(dir.path()).unwrap();
        assert_eq!(meta.len(), 3);
        let reference = &meta.records[2].supersedes[0];
        assert_eq!(
            meta.resolve(reference)
                .map(|record| record.rel_path.as_str()),
            log.resolve(reference)
                .map(|record| record.rel_path.as_str())
        );
        assert_eq!(meta.records[2].summary.title, "C");
    }
}
