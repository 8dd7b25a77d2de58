//! [`RecordSummary`]: the facts every listing of a record shows (`adr list`, `adr export`,
//! the site's rows), taken from a [`Record`] in one place, so a title, a status or a date
//! reads the same in each. Each consumer adds its own (paths as it prints them, resolved
//! references, page links).

use crate::model::Record;

/// What a listing shows of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSummary {
    pub number: Option<u32>,
    pub slug: String,
    /// The H1, else the front-matter title, else the slug (see [`Record::display_title`]).
    pub title: String,
    /// The status as the log writes it (`accepted`, `approved`, `提议`).
    pub status: Option<String>,
    /// The record's date: ISO when it is one, else as written.
    pub date: Option<String>,
    /// The record's date as ISO, when it names one day.
    pub iso_date: Option<String>,
    /// The date the file's name carries (`2022-11-09-api-refactoring/`).
    pub file_date: Option<String>,
    pub tags: Vec<String>,
}

impl RecordSummary {
    pub fn of(record: &Record) -> RecordSummary {
        RecordSummary {
            number: record.number(),
            slug: record.slug().to_string(),
            title: record.display_title(),
            status: record.status_word(),
            date: record
                .date
                .as_ref()
                .filter(|date| !date.value.is_prompt())
                .map(|date| date.value.text()),
            iso_date: record
                .date
                .as_ref()
                .and_then(|date| date.value.valid())
                .map(|date| date.to_string()),
            file_date: record.file.date.clone(),
            tags: record.tags.iter().map(|tag| tag.value.clone()).collect(),
        }
    }

    /// The record's date, else the one its name carries: what `adr list` shows.
    pub fn shown_date(&self) -> Option<String> {
        self.date.clone().or_else(|| self.file_date.clone())
    }
}
