//! `--since`, `--until` and `--decision-maker`: which records `list` and `export` show.
//! Parsing the arguments is here too, so both commands refuse the same bad dates the same way.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use jiff::civil::Date;

use crate::model::{DateValue, Record, RecordMeta};

/// The records a command shows: dated within `[since, until]` (both inclusive), decided by
/// a decision-maker of that name. A record without a real date is left out by either date
/// bound, as nobody can say it falls inside.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Compared ignoring case, with the whole name or the name before a parenthesis
    /// (`Bo (platform team)` is `Bo`).
    pub decision_maker: Option<String>,
}

impl RecordFilter {
    /// The filter of the command line's `--since`, `--until` and `--decision-maker`; a date
    /// that is not `YYYY-MM-DD` is an error naming the flag.
    pub fn new(
        since: Option<&str>,
        until: Option<&str>,
        decision_maker: Option<&str>,
    ) -> Result<RecordFilter, String> {
        let date = |flag: &str, text: Option<&str>| -> Result<Option<Date>, String> {
            text.map(|text| match DateValue::parse(text) {
                DateValue::Valid(date) => Ok(date),
                _ => Err(format!(
                    "`{flag} {text}` is not a date: write it as YYYY-MM-DD, e.g. 2025-05-11"
                )),
            })
            .transpose()
        };
        Ok(RecordFilter {
            since: date("--since", since)?,
            until: date("--until", until)?,
            decision_maker: decision_maker.map(|name| name.trim().to_lowercase()),
        })
    }

    pub fn matches(&self, record: &Record) -> bool {
        self.matches_parts(
            record.date.as_ref().and_then(|date| date.value.valid()),
            record
                .decision_makers
                .iter()
                .map(|person| person.value.as_str()),
        )
    }

    /// [`RecordFilter::matches`] for the metadata `list` keeps.
    pub fn matches_meta(&self, record: &RecordMeta) -> bool {
        self.matches_parts(
            record.date.as_ref().and_then(DateValue::valid),
            record.decision_makers.iter().map(String::as_str),
        )
    }

    fn matches_parts<'a>(
        &self,
        date: Option<Date>,
        mut decision_makers: impl Iterator<Item = &'a str>,
    ) -> bool {
        if self.since.is_some() || self.until.is_some() {
            let Some(date) = date else {
                return false;
            };
            if self.since.is_some_and(|since| date < since)
                || self.until.is_some_and(|until| date > until)
            {
                return false;
            }
        }
        match &self.decision_maker {
            None => true,
            Some(wanted) => decision_makers.any(|person| {
                let name = person.trim().to_lowercase();
                let short = name.split(" (").next().unwrap_or(&name).trim();
                name == *wanted || short == wanted
            }),
        }
    }
}
