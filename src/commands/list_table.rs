//! `adr list`'s table: aligned columns for people, a CJK title counted as the columns it
//! takes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::Output;
use crate::error::{Result, output_error};
use crate::model::{LogMeta, RecordMeta, StatusKind};

/// The table fits 100 columns: the title takes what the other columns leave.
const TABLE_WIDTH: usize = 100;
const MAX_TAGS_WIDTH: usize = 28;
const MAX_STATUS_WIDTH: usize = 12;

pub(super) fn write_table(
    log: &LogMeta,
    records: &[&RecordMeta],
    output: &mut Output<'_>,
) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let mut rows: Vec<(String, &RecordMeta)> = series_folders(log, records)
        .into_iter()
        .zip(records.iter().copied())
        .collect();
    // Each series together, the log's own first: `Phase0/001`, `Phase0/002`, …, then
    // `Phase1/001`, not the folders' 001s side by side (a stable sort keeps number order).
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    write_rows(log, &rows, output)
}

/// The folder of the series each record numbers in, when a sub-folder counts on its own
/// (Atlas's `Phase0/` … `Phase3/`, each from 001; dapr's `api/`, `cli/`); empty for the
/// log's own numbers.
fn series_folders(log: &LogMeta, records: &[&RecordMeta]) -> Vec<String> {
    let series = crate::layout::NumberSeries::new(
        &log.layout,
        log.records.iter().filter_map(|record| {
            let number = record.summary.number?;
            Some((
                record.rel_path.as_str(),
                number,
                crate::model::is_folder_record_path(&record.rel_path),
            ))
        }),
    );
    records
        .iter()
        .map(|record| {
            let key = series.of(
                &record.rel_path,
                crate::model::is_folder_record_path(&record.rel_path),
            );
            key.split_once('\u{0}')
                .map_or("", |(_, folder)| folder)
                .to_string()
        })
        .collect()
}

fn write_rows(
    log: &LogMeta,
    records: &[(String, &RecordMeta)],
    output: &mut Output<'_>,
) -> Result<()> {
    let rows: Vec<[String; 5]> = records
        .iter()
        .map(|(folder, record)| {
            let summary = &record.summary;
            let folder = match folder.is_empty() {
                true => String::new(),
                false => format!("{folder}/"),
            };
            [
                // `backend:0003` with several logs: the form a reference across logs takes.
                log.log_name_at(&record.rel_path)
                    .map_or_else(String::new, |name| format!("{name}:"))
                    + &folder
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
    for (row, (_, record)) in rows.iter().zip(records) {
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
