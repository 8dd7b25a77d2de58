//! `adr export`: the whole log as data on stdout, JSON (`docs/export.md`) or CSV. Files
//! that could not be read are in the JSON's `unreadable` list, named on stderr, and make
//! the exit code 1.
//!
//! Memory is bounded by the list of the log's files, not their text or model: references
//! resolve against the files as discovery lists them (number, file name, slug), and the
//! records are read a chunk at a time, in order, each written as it is made. Files that
//! fail to parse are gathered on the way and listed after the records.

use std::cell::RefCell;
use std::io::Write as _;
use std::path::Path;

use serde::Serialize;
use serde::ser::SerializeSeq as _;

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Project;
use crate::discover::Discovered;
use crate::error::{Error, Result, output_error};
use crate::export::{CSV_COLUMNS, EXPORT_VERSION, csv_row, export_record_in, unreadable};
use crate::model::{ListedFile, Log};
use crate::parse::Depth;
use crate::{ExitStatus, Output};

pub fn run(args: &ExportArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let filter = crate::model::RecordFilter::new(
        args.since.as_deref(),
        args.until.as_deref(),
        args.decision_maker.as_deref(),
    )
    .map_err(Error::usage)?;
    let kinds = crate::relation::RelationKinds::new(&project.config.relations);
    let mut found = project.layout.discover(&project.log_dir)?;
    crate::load::sort_in_layout_order(&mut found, &project.layout);
    let log = crate::load::listed_log(&project.log_dir, &found, &project.layout);
    let records = Records {
        dir: &project.log_dir,
        found: RefCell::new(Some(found)),
        log: &log,
        root: &project.root,
        // Filtered as they are written: references to a record left out still resolve.
        filter: &filter,
        kinds: &kinds,
        with_text: args.with_text,
        failures: RefCell::new(Vec::new()),
        date_order: std::sync::OnceLock::new(),
        project,
    };
    let mut out = std::io::BufWriter::new(&mut *output.out);
    match args.format {
        ExportFormat::Json => {
            let document = Document {
                version: EXPORT_VERSION,
                repository: args
                    .repository
                    .as_ref()
                    .map(|url| url.trim_end_matches('/').to_string()),
                records: &records,
                unreadable: Unreadable {
                    records: &records,
                    root: &project.root,
                },
            };
            serde_json::to_writer_pretty(&mut out, &document).map_err(|error| {
                if error.is_io() {
                    output_error(error.into())
                } else {
                    Error::usage(format!("cannot write the export as JSON: {error}"))
                }
            })?;
            out.write_all(b"\n").map_err(output_error)?;
        }
        ExportFormat::Csv => write_csv(&mut out, &records)?,
    }
    out.flush().map_err(output_error)?;
    drop(out);
    let failures = records.failures.into_inner();
    Ok(super::note_failures(output, project, &failures, ""))
}

/// The JSON export (`docs/export.md`), its records written as they are read.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    /// The repository's web address, with `adr export --repository URL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    repository: Option<String>,
    records: &'a Records<'a>,
    /// Files named like records that could not be read as one.
    unreadable: Unreadable<'a>,
}

/// The files that failed while `records` were written (serialized after them).
struct Unreadable<'a> {
    records: &'a Records<'a>,
    root: &'a Path,
}

impl Serialize for Unreadable<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let failures = self.records.failures.borrow();
        serializer.collect_seq(
            failures
                .iter()
                .map(|failure| unreadable(failure, self.root)),
        )
    }
}

/// The log's records, read in order when serialized (once).
struct Records<'a> {
    dir: &'a Path,
    found: RefCell<Option<Discovered>>,
    log: &'a Log<ListedFile>,
    root: &'a Path,
    filter: &'a crate::model::RecordFilter,
    kinds: &'a crate::relation::RelationKinds,
    /// `--with-text`: each record's Markdown in its `text`.
    with_text: bool,
    /// Files that could not be read as records, in log order, gathered as they are met.
    failures: RefCell<Vec<crate::model::LoadFailure>>,
    /// The order the log writes its dates in, asked of the whole log when a record's date
    /// could be either of two days (see [`Records::date_order`]).
    date_order: std::sync::OnceLock<Option<crate::model::DayOrMonthFirst>>,
    project: &'a Project,
}

impl Records<'_> {
    /// Reads every record in order and hands each exported record to `sink`; files that
    /// fail are kept in `failures`.
    fn each<E>(
        &self,
        mut sink: impl FnMut(crate::export::ExportedRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let Some(found) = self.found.borrow_mut().take() else {
            return Ok(());
        };
        let with_text = self.with_text;
        let (known_order, project) = (&self.date_order, self.project);
        crate::load::stream_discovered(
            self.dir,
            found,
            Depth::Full,
            |mut record| {
                if record.date.as_ref().is_some_and(|date| {
                    matches!(date.value, crate::model::DateValue::Ambiguous { .. })
                }) && let Some(order) = date_order(known_order, project)
                {
                    crate::model::LogEntry::read_date_in(&mut record, order);
                }
                self.filter.matches(&record).then(|| {
                    let mut exported = export_record_in(self.log, &record, self.root, self.kinds);
                    if with_text {
                        exported.text = Some(record.source.text.clone());
                    }
                    exported
                })
            },
            |result| match result {
                Ok(Some(record)) => sink(record),
                Ok(None) => Ok(()),
                Err(failure) => {
                    self.failures.borrow_mut().push(*failure);
                    Ok(())
                }
            },
        )
        .map(drop)
    }
}

/// The order the log's dates show (`26/03/2018`: the day first), in which a record's date
/// that could be either of two days (`05/02/2018`) is read, as `list` and lint read it.
/// Records are written as they are read, so the log's dates are read first, once, and only
/// by a log that has such a date.
fn date_order(
    known: &std::sync::OnceLock<Option<crate::model::DayOrMonthFirst>>,
    project: &Project,
) -> Option<crate::model::DayOrMonthFirst> {
    *known.get_or_init(|| {
        let found = project.layout.discover(&project.log_dir).ok()?;
        let dates =
            crate::load::read_discovered(&project.log_dir, found, Depth::Metadata, |record| {
                record.date.map(|date| date.value)
            });
        crate::model::ambiguous_dates_order(dates.records.iter().flatten())
    })
}

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        self.each(|record| seq.serialize_element(&record))?;
        seq.end()
    }
}

fn write_csv(out: &mut impl std::io::Write, records: &Records<'_>) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let csv_error = |error: csv::Error| match error.kind() {
        // The kind is what `main` reads (a closed pipe is not an error).
        csv::ErrorKind::Io(io) => output_error(std::io::Error::new(io.kind(), io.to_string())),
        _ => Error::usage(format!("cannot write the export as CSV: {error}")),
    };
    writer.write_record(CSV_COLUMNS).map_err(csv_error)?;
    records.each(|record| writer.write_record(csv_row(&record)).map_err(csv_error))?;
    writer.flush().map_err(output_error)
}
