//! `adr list`: the records sorted by number, as an aligned table for people or JSON for
//! scripts. Files that failed to parse are named on stderr and make the exit code 1.

use serde::Serialize;

use crate::cli::{ListArgs, ListFormat};
use crate::config::Project;
use crate::error::Result;
use crate::model::{ListedFile, Log, LogMeta, LogTemplate, RecordMeta};
use crate::{ExitStatus, Output};

#[derive(Serialize)]
struct ListedRecord {
    /// Only when the project has several logs, so one log's output stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<String>,
    number: Option<u32>,
    title: String,
    status: Option<String>,
    date: Option<String>,
    tags: Vec<String>,
    path: String,
    supersedes: Vec<serde_json::Value>,
    superseded_by: Option<serde_json::Value>,
}

pub fn run(args: &ListArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let filter = crate::model::RecordFilter::new(
        args.since.as_deref(),
        args.until.as_deref(),
        args.decision_maker.as_deref(),
    )
    .map_err(crate::error::Error::usage)?;
    let wanted = |record: &RecordMeta| {
        filter.matches_meta(record)
            && args.status.as_deref().is_none_or(|wanted| {
                record
                    .status
                    .as_ref()
                    .is_some_and(|status| status.is_selected_by(wanted))
            })
            && args.tag.as_deref().is_none_or(|wanted| {
                record
                    .summary
                    .tags
                    .iter()
                    .any(|tag| tag.eq_ignore_ascii_case(wanted))
            })
    };
    if matches!(args.format, ListFormat::Json) {
        return run_json(args, project, &wanted, output);
    }
    // The table is aligned to its widest cells, so it waits for every row.
    let log = LogMeta::load_meta_layout(&project.log_dir, &project.layout)?;
    let selected: Vec<&RecordMeta> = log.records.iter().filter(|record| wanted(record)).collect();
    super::list_table::write_table(&log, &selected, output)?;
    // An empty table says nothing of why: the files there, named otherwise, are.
    if log.records.is_empty() && log.failures.is_empty() && !args.verbose {
        let unread = log.skipped.len() + log.unnamed_markdown.len();
        if unread > 0 {
            super::note(
                output,
                format_args!(
                    "no records in {}: {unread} Markdown file{} there {} not read as records (`adr list --verbose` says why, `adr lint` reports them)",
                    project.display(&project.log_dir),
                    if unread == 1 { "" } else { "s" },
                    if unread == 1 { "is" } else { "are" },
                ),
            );
        }
    }
    if args.verbose {
        let skipped = (
            log.template.as_ref(),
            &log.skipped[..],
            &log.unnamed_markdown[..],
        );
        note_skipped(output, project, skipped);
    }
    Ok(super::note_failures(output, project, &log.failures, ""))
}

/// `--format json`: each row written as its record is read, references resolved against
/// the files as discovery lists them, so memory holds the file list, not the records.
fn run_json(
    args: &ListArgs,
    project: &Project,
    wanted: &dyn Fn(&RecordMeta) -> bool,
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    let mut found = project.layout.discover(&project.log_dir)?;
    crate::load::sort_in_layout_order(&mut found, &project.layout);
    let log = crate::load::listed_log(&project.log_dir, &found, &project.layout);
    let mut failures = Vec::new();
    let mut rows = super::json_rows::JsonRows::new(std::io::BufWriter::new(&mut *output.out));
    let unread = crate::load::stream_discovered(
        &project.log_dir,
        found,
        crate::parse::Depth::Metadata,
        RecordMeta::of,
        |result| match result {
            Ok(record) if wanted(&record) => rows.push(&listed_record(project, &log, &record)),
            Ok(_) => Ok(()),
            Err(failure) => {
                failures.push(*failure);
                Ok(())
            }
        },
    )?;
    rows.finish()?;
    if args.verbose {
        let template = crate::load::choose_template(&unread.skipped);
        let skipped = (
            template.as_ref(),
            &unread.skipped[..],
            &unread.unnamed_markdown[..],
        );
        note_skipped(output, project, skipped);
    }
    Ok(super::note_failures(output, project, &failures, ""))
}

/// The log's template, the files it passed over and the misnamed Markdown files.
type Unlisted<'a> = (
    Option<&'a LogTemplate>,
    &'a [crate::discover::Skipped],
    &'a [(std::path::PathBuf, String)],
);

/// `--verbose`: every Markdown file of the log that is not a record, with the reason.
fn note_skipped(
    output: &mut Output<'_>,
    project: &Project,
    (template, skipped, unnamed): Unlisted,
) {
    let template = template.map(|template| template.path.as_path());
    for skipped in skipped {
        let used = if Some(skipped.path.as_path()) == template {
            "; read as the log's template"
        } else {
            ""
        };
        super::note(
            output,
            format_args!(
                "skipped {}: {}{used}",
                project.display(&skipped.path),
                skipped.reason.describe()
            ),
        );
    }
    for (path, _) in unnamed {
        super::note(
            output,
            format_args!(
                "skipped {}: not named like a record (`adr lint` reports it)",
                project.display(path)
            ),
        );
    }
}

/// How one record refers to another in JSON: the number, or the slug for unnumbered logs.
fn reference_value(
    log: &Log<ListedFile>,
    from: &RecordMeta,
    reference: &crate::model::RecordRef,
) -> serde_json::Value {
    let resolved = log.resolve_from_path(&from.rel_path, reference);
    match (
        resolved.and_then(|listed| listed.file.number),
        reference.number,
        resolved,
    ) {
        (Some(number), _, _) | (None, Some(number), None) => serde_json::Value::from(number),
        (None, _, Some(listed)) => serde_json::Value::from(listed.file.slug.as_str()),
        _ => serde_json::Value::from(reference.text.clone()),
    }
}

/// One row of the JSON listing.
fn listed_record(project: &Project, log: &Log<ListedFile>, record: &RecordMeta) -> ListedRecord {
    let summary = &record.summary;
    ListedRecord {
        log: log.log_name_at(&record.rel_path).map(str::to_string),
        number: summary.number,
        title: summary.title.clone(),
        status: summary.status.clone(),
        date: summary.shown_date(),
        tags: summary.tags.clone(),
        path: project.display(record.path()),
        supersedes: record
            .supersedes
            .iter()
            .map(|reference| reference_value(log, record, reference))
            .collect(),
        superseded_by: record
            .superseded_by()
            .map(|reference| reference_value(log, record, reference)),
    }
}
