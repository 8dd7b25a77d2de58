//! `adr list`: the records sorted by number, as an aligned table for people or JSON for
//! scripts. Files that failed to parse are named on stderr and make the exit code 1.

use serde::Serialize;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::cli::{ListArgs, ListFormat};
use crate::config::Project;
use crate::error::{Result, output_error};
use crate::model::{LogMeta, RecordMeta, StatusKind};
use crate::{ExitStatus, Output};

/// The table fits 100 columns: the title takes what the other columns leave.
const TABLE_WIDTH: usize = 100;
const MAX_TAGS_WIDTH: usize = 28;
const MAX_STATUS_WIDTH: usize = 12;

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
    let log = LogMeta::load_meta_layout(&project.log_dir, &project.layout)?;
    let selected: Vec<&RecordMeta> = log
        .records
        .iter()
        .filter(|record| filter.matches_meta(record))
        .filter(|record| {
            args.status.as_deref().is_none_or(|wanted| {
                record
                    .status
                    .as_ref()
                    .is_some_and(|status| status.is_selected_by(wanted))
            })
        })
        .filter(|record| {
            args.tag.as_deref().is_none_or(|wanted| {
                record
                    .summary
                    .tags
                    .iter()
                    .any(|tag| tag.eq_ignore_ascii_case(wanted))
            })
        })
        .collect();
    match args.format {
        ListFormat::Json => write_json(project, &log, &selected, output)?,
        ListFormat::Table => write_table(&log, &selected, output)?,
    }
    if args.verbose {
        note_skipped(output, project, &log);
    }
    Ok(super::note_failures(output, project, &log.failures, ""))
}

/// `--verbose`: every Markdown file of the log that is not a record, with the reason.
fn note_skipped(output: &mut Output<'_>, project: &Project, log: &LogMeta) {
    let template = log
        .template
        .as_ref()
        .map(|template| template.path.as_path());
    for skipped in &log.skipped {
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
    for (path, _) in &log.unnamed_markdown {
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
    log: &LogMeta,
    from: &RecordMeta,
    reference: &crate::model::RecordRef,
) -> serde_json::Value {
    let resolved = log.resolve_from_path(&from.rel_path, reference);
    match (
        resolved.and_then(RecordMeta::number),
        reference.number,
        resolved,
    ) {
        (Some(number), _, _) | (None, Some(number), None) => serde_json::Value::from(number),
        (None, _, Some(record)) => serde_json::Value::from(record.slug()),
        _ => serde_json::Value::from(reference.text.clone()),
    }
}

fn write_json(
    project: &Project,
    log: &LogMeta,
    records: &[&RecordMeta],
    output: &mut Output<'_>,
) -> Result<()> {
    // Written row by row: the whole document as one string would be tens of megabytes at
    // 100,000 records.
    let rows = records.iter().map(|record| {
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
    });
    super::write_json_rows(output, rows)
}

fn write_table(log: &LogMeta, records: &[&RecordMeta], output: &mut Output<'_>) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let rows: Vec<[String; 5]> = records
        .iter()
        .map(|record| {
            let summary = &record.summary;
            [
                // `backend:0003` with several logs: the form a reference across logs takes.
                log.log_name_at(&record.rel_path)
                    .map_or_else(String::new, |name| format!("{name}:"))
                    + &summary
                        .number
                        .map_or_else(|| "-".to_string(), |number| format!("{number:04}")),
                summary.status.clone().unwrap_or_else(|| "-".to_string()),
                summary.shown_date().unwrap_or_else(|| "-".to_string()),
                summary.title.clone(),
                summary.tags.join(", "),
            ]
        })
        .collect();
    let width = |column: usize, cap: usize| {
        rows.iter()
            .map(|row| row[column].width())
            .max()
            .unwrap_or(0)
            .min(cap)
    };
    let number_width = width(0, 40).max(1);
    let status_width = width(1, MAX_STATUS_WIDTH);
    let date_width = width(2, 10);
    let tags_width = width(4, MAX_TAGS_WIDTH);
    let fixed = number_width + status_width + date_width + 2 * 4;
    let tags_share = if tags_width > 0 { tags_width + 2 } else { 0 };
    let title_width = width(3, usize::MAX)
        .min(TABLE_WIDTH.saturating_sub(fixed + tags_share))
        .max(20);
    for (row, record) in rows.iter().zip(records) {
        let style = status_style(record);
        let mut line = format!(
            "{:>number_width$}  {style}{}{style:#}  {}  ",
            row[0],
            padded(&truncate(&row[1], status_width), status_width),
            padded(&truncate(&row[2], date_width), date_width),
        );
        if tags_width > 0 {
            line.push_str(&format!(
                "{}  {}",
                padded(&truncate(&row[3], title_width), title_width),
                truncate(&row[4], tags_width)
            ));
        } else {
            line.push_str(&truncate(&row[3], title_width));
        }
        writeln!(output.out, "{}", line.trim_end()).map_err(output_error)?;
    }
    Ok(())
}

fn status_style(record: &RecordMeta) -> anstyle::Style {
    use anstyle::AnsiColor;
    match record.status.as_ref().map(|status| &status.kind) {
        Some(StatusKind::Accepted) => AnsiColor::Green.on_default(),
        Some(StatusKind::Proposed) => AnsiColor::Yellow.on_default(),
        Some(StatusKind::Rejected) => AnsiColor::Red.on_default(),
        Some(StatusKind::Deprecated | StatusKind::Superseded) => anstyle::Style::new().dimmed(),
        _ => anstyle::Style::new(),
    }
}

/// Cuts to `width` terminal columns (a CJK character takes two), marking the cut with `…`;
/// pads nothing.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let columns = c.width().unwrap_or(0);
        if used + columns + 1 > width {
            break;
        }
        kept.push(c);
        used += columns;
    }
    format!("{}…", kept.trim_end())
}

/// `text` with spaces after it up to `width` terminal columns (`{:<width$}` counts
/// characters, which misaligns every row after a CJK title).
fn padded(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(pad))
}
