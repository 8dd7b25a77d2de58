//! The metadata view of a record, for the commands that print facts about every record
//! (`list`, `index`, the references `export` resolves): number, title, status, date, tags,
//! path and what it supersedes, with none of the spans, sections or text a [`Record`]
//! carries. A [`LogMeta`] of 99,999 of them is a few tens of megabytes where the same
//! `Record`s are several hundred.

use std::path::{Path, PathBuf};

use crate::discover::FileName;
use crate::model::RecordSummary;
use crate::model::record::{DateValue, Record};
use crate::model::status::{RecordRef, Status};

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
            .and_then(|status| status.superseded_by.as_deref())
    }
}

/// Every record of a log as a [`RecordMeta`], sorted, looked up and placed in a layout as
/// a [`crate::model::Log`] of full records is.
pub type LogMeta = crate::model::Log<RecordMeta>;

impl crate::model::LogEntry for RecordMeta {
    fn file_name(&self) -> &FileName {
        &self.file
    }

    fn log_path(&self) -> &str {
        &self.rel_path
    }

    fn date(&self) -> Option<&DateValue> {
        self.date.as_ref()
    }

    fn read_date_in(&mut self, order: crate::model::DayOrMonthFirst) {
        if let Some(date) = &mut self.date
            && date.read_in(order)
        {
            self.summary.date = Some(date.text());
            self.summary.iso_date = date.valid().map(|date| date.to_string());
        }
    }
}
