//! The metadata view of a record, for the commands that print facts about every record
//! (`list`, `index`, the references `export` resolves): number, title, status, date, tags,
//! path and what it supersedes, with none of the spans, sections or text a [`Record`]
//! carries. A [`LogMeta`] of 99,999 of them is a few tens of megabytes where the same
//! `Record`s are several hundred.

use std::path::{Path, PathBuf};

use crate::discover::{FileName, Skipped};
use crate::model::log::{LoadFailure, RecordLookup};
use crate::model::record::{DateValue, Record};
use crate::model::status::{RecordRef, Status};
use crate::model::{LogTemplate, RecordSummary, sort_key};

/// What `list` and `index` show of one record, moved out of its parsed [`Record`].
#[derive(Debug, Clone)]
pub struct RecordMeta {
    /// The record's file name, parsed (number, slug, naming scheme).
    pub file: FileName,
    /// Relative to the log directory, with `/`.
    pub rel_path: String,
    pub path: PathBuf,
    /// What every listing shows: number, title, status word, date, tags.
    pub summary: RecordSummary,
    /// The status in full, for `--status` and `superseded by`.
    pub status: Option<Status>,
    /// For `--since` and `--until`.
    pub date: Option<DateValue>,
    /// For `--decision-maker`.
    pub decision_makers: Vec<String>,
    pub supersedes: Vec<RecordRef>,
}

impl RecordMeta {
    /// Keeps the metadata of `record` and lets the rest of it go.
    pub fn of(record: Record) -> RecordMeta {
        RecordMeta {
            summary: RecordSummary::of(&record),
            path: record.source.path,
            rel_path: record.rel_path,
            file: record.file,
            status: record.status,
            date: record.date.map(|date| date.value),
            decision_makers: record
                .decision_makers
                .into_iter()
                .map(|person| person.value)
                .collect(),
            supersedes: record
                .supersedes
                .into_iter()
                .map(|reference| reference.value)
                .collect(),
        }
    }

    pub fn number(&self) -> Option<u32> {
        self.file.number
    }

    pub fn slug(&self) -> &str {
        &self.file.slug
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The record a superseding status names.
    pub fn superseded_by(&self) -> Option<&RecordRef> {
        self.status
            .as_ref()
            .and_then(|status| status.superseded_by.as_ref())
    }
}

/// Every record of a log as a [`RecordMeta`], sorted like [`crate::model::Log`], with the
/// files that could not be read and the same reference lookups.
#[derive(Debug)]
pub struct LogMeta {
    pub dir: PathBuf,
    pub records: Vec<RecordMeta>,
    pub failures: Vec<LoadFailure>,
    /// Markdown files that follow no record naming scheme: path and file name.
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Markdown files not read as records, and why.
    pub skipped: Vec<Skipped>,
    /// The log's own template, when one of the skipped files is it.
    pub template: Option<LogTemplate>,
    /// The logs the records belong to (see [`crate::model::Log::layout`]).
    pub layout: crate::layout::Layout,
    lookup: RecordLookup,
}

impl crate::model::LogEntry for RecordMeta {
    fn file_name(&self) -> &FileName {
        &self.file
    }

    fn log_path(&self) -> &str {
        &self.rel_path
    }
}

impl LogMeta {
    /// A log of metadata already read (sorted here), failures and misnamed Markdown files.
    pub fn from_parts(
        dir: PathBuf,
        mut records: Vec<RecordMeta>,
        failures: Vec<LoadFailure>,
        unnamed_markdown: Vec<(PathBuf, String)>,
    ) -> LogMeta {
        records.sort_unstable_by(|a, b| {
            sort_key(&a.file, &a.rel_path).cmp(&sort_key(&b.file, &b.rel_path))
        });
        let lookup = RecordLookup::new(
            records
                .iter()
                .map(|record| (record.number(), record.rel_path.as_str(), record.slug())),
        );
        LogMeta {
            dir,
            records,
            failures,
            unnamed_markdown,
            skipped: Vec::new(),
            template: None,
            layout: crate::layout::Layout::default(),
            lookup,
        }
    }

    /// The log placed in `layout`, as [`crate::model::Log::with_layout`].
    pub fn with_layout(mut self, layout: crate::layout::Layout) -> LogMeta {
        if let Some(lookup) = crate::model::log::order_by_layout(&mut self.records, &layout) {
            self.lookup = lookup;
        }
        self.layout = layout;
        self
    }

    /// The name of the log holding the record at `rel_path`, when the project has several.
    pub fn log_name_at(&self, rel_path: &str) -> Option<&str> {
        self.layout
            .has_several()
            .then(|| self.layout.part_of(rel_path))
            .flatten()
            .map(|part| part.name.as_str())
    }

    /// The record the record at `from_rel_path` means by `reference` (see
    /// [`RecordLookup::resolve_from`]).
    pub fn resolve_from(&self, from_rel_path: &str, reference: &RecordRef) -> Option<&RecordMeta> {
        self.lookup
            .resolve_from(from_rel_path, reference)
            .and_then(|index| self.records.get(index))
    }

    /// Finds the record a reference names, by the rules of [`crate::model::Log::resolve`].
    pub fn resolve(&self, reference: &RecordRef) -> Option<&RecordMeta> {
        self.lookup
            .resolve(reference)
            .and_then(|index| self.records.get(index))
    }

    /// Records and failures together.
    pub fn len(&self) -> usize {
        self.records.len() + self.failures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
