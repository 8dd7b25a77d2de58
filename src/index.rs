//! The index `adr index` keeps in a Markdown file: a table of every record between two
//! marker comments. Pure text in, text out: building the table, finding the markers and
//! splicing. Reading and writing the file is the command's job.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::path::Path;

use crate::model::{LoadFailure, LogMeta, Record, RecordMeta, StatusKind};

mod file;
mod hand_list;
pub use file::log_index_file;
pub use hand_list::{HandList, hand_list};

pub const START_MARKER: &str = "<!-- adr-index:start -->";
pub const END_MARKER: &str = "<!-- adr-index:end -->";
/// adr-log's markers (`adr-log -i`, MADR's tool): a file that has them and not ours gets the
/// table between them, in place of adr-log's list, instead of a second list at its end.
const ADR_LOG_START: &str = "<!-- adrlog -->";
const ADR_LOG_END: &str = "<!-- adrlogstop -->";

/// Whether `text` holds index markers, ours or adr-log's: a file an index was kept in.
pub fn has_markers(text: &str) -> bool {
    text.contains(START_MARKER) || !adr_log_starts(text).is_empty()
}

/// adr-log's start marker, also with a note in the comment (`<!-- adrlog -- Regenerate the
/// content by using ./update-readme.sh -->`, as MADR's and Mozilla's READMEs write it).
fn is_adr_log_start(line: &str) -> bool {
    let line = line.trim();
    line == ADR_LOG_START
        || line
            .strip_prefix("<!-- adrlog --")
            .is_some_and(|rest| rest.ends_with("-->") && !rest.contains("<!--"))
}

/// The lines of `text` that are adr-log's start marker.
fn adr_log_starts(text: &str) -> Vec<MarkerLine> {
    lines_where(text, is_adr_log_start)
}

/// The heading a new index file starts with.
pub const NEW_FILE_HEADING: &str = "# Architecture Decision Records";

/// Markers that cannot be spliced between, with the 1-based line to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerError {
    pub line: usize,
    pub message: String,
}

/// The result of putting a table into an existing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    pub text: String,
    /// The file had no markers: the table was appended with a pair of them.
    pub appended: bool,
}

/// Whether one log of several goes without an index: it has no record, and its index file
/// (`index_file`) holds no index of ours to keep current. An index saying the log has none
/// would go into log4brains' README of a project whose packages hold every record.
pub fn goes_without_index(
    layout: &crate::layout::Layout,
    log_dir: &Path,
    index_file: &Path,
) -> crate::error::Result<bool> {
    Ok(layout.discover(log_dir)?.records.is_empty()
        && !std::fs::read_to_string(index_file).is_ok_and(|text| has_markers(&text)))
}

/// The index table for `log`, with links relative to `index_dir` (the directory of the file
/// that will hold it). Lines end with `newline`; the table ends with one.
pub fn table(log: &LogMeta, index_dir: &Path, newline: &str) -> String {
    // Only the order is gathered first; each row's cells are made as it is written, so the
    // table is held once (16 MiB at 99,999 records), not also as a list of cells.
    let rows = ordered_rows(log);
    if rows.is_empty() {
        return format!("_No decisions recorded yet: create one with `adr new TITLE`._{newline}");
    }
    let mut out = String::with_capacity(rows.len() * 120);
    out.push_str("| Number | Title | Status | Date | Tags |");
    out.push_str(newline);
    out.push_str("| ---: | --- | --- | --- | --- |");
    out.push_str(newline);
    for row in rows {
        let cells = match row {
            Ok(record) => record_row(log, record, index_dir),
            Err(failure) => failure_row(failure, index_dir),
        };
        out.push('|');
        for cell in &cells {
            out.push(' ');
            out.push_str(cell);
            out.push_str(if cell.is_empty() { "|" } else { " |" });
        }
        out.push_str(newline);
    }
    out
}

/// The index as adr-log writes it between its markers (`* [ADR-0001](0001-x.md) - Title`),
/// each line opened with `bullet`, for a file that keeps adr-log's list: its readers and
/// tools expect that list, not a table. A line of the `existing` file's list that links the
/// same record under the same title, in Markdown (``Use `data-testid` ``, a title with a
/// link), is kept as written: the list is current, and its markup is the author's.
pub fn adr_log_list(
    log: &LogMeta,
    index_dir: &Path,
    newline: &str,
    bullet: char,
    existing: &str,
) -> String {
    let written: std::collections::HashMap<&str, &str> = existing
        .lines()
        .filter_map(|line| {
            let item = line.trim_start().strip_prefix(['*', '-'])?.trim_start();
            let (_, target) = crate::model::first_markdown_link(item)?;
            Some((target, item))
        })
        .collect();
    let mut out = String::new();
    for row in ordered_rows(log) {
        let (label, path, title) = match row {
            Ok(record) => (
                label_of(&record.file, &record.rel_path),
                record.path(),
                cell_text(&record.summary.title),
            ),
            Err(failure) => (
                label_of(&failure.file, &failure.rel_path),
                failure.path.as_path(),
                format!(
                    "{} (parse error)",
                    crate::log_path::file_name(&failure.rel_path)
                ),
            ),
        };
        let link = link_to(index_dir, path);
        let item = format!("[ADR-{label}]({link}) - {title}");
        let kept = written.get(link.as_str()).filter(|line| {
            let title_of = |line: &str| {
                line.split_once(") - ")
                    .map(|(_, title)| without_inline_markup(title))
            };
            title_of(line).is_some() && title_of(line) == title_of(&item)
        });
        out.push_str(&format!(
            "{bullet} {}{newline}",
            kept.map_or(&*item, |line| line)
        ));
    }
    out
}

/// `text` without Markdown's inline markup (code spans, emphasis, a link's target), to
/// compare a title written in Markdown with the same title as plain text.
fn without_inline_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim();
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        rest = after
            .get(2..)
            .and_then(|after| after.split_once(')'))
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !matches!(c, '`' | '*' | '_' | '[' | ']' | '\\'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The list marker of the adr-log list a file keeps between adr-log's markers (and none of
/// ours), `*` when the list is empty; `None` for any other file.
pub fn adr_log_bullet(existing: &str) -> Option<char> {
    if !marker_lines(existing, START_MARKER).is_empty() {
        return None;
    }
    let starts = adr_log_starts(existing);
    let ends = marker_lines(existing, ADR_LOG_END);
    let ([start], [end]) = (starts.as_slice(), ends.as_slice()) else {
        return None;
    };
    let between = existing.get(start.offset..end.offset)?;
    let bullet = between
        .lines()
        .map(str::trim_start)
        .find(|line| line.starts_with("* ") || line.starts_with("- "))
        .and_then(|line| line.chars().next());
    Some(bullet.unwrap_or('*'))
}

/// Records and unreadable files, in the index's order.
pub(crate) fn ordered_rows(log: &LogMeta) -> Vec<Result<&RecordMeta, &LoadFailure>> {
    let mut rows: Vec<(u32, &str, Result<&RecordMeta, &LoadFailure>)> = log
        .records
        .iter()
        .map(|record| {
            (
                record.number().unwrap_or(u32::MAX),
                record.rel_path.as_str(),
                Ok(record),
            )
        })
        .chain(log.failures.iter().map(|failure| {
            (
                failure.file.number.unwrap_or(u32::MAX),
                failure.rel_path.as_str(),
                Err(failure),
            )
        }))
        .collect();
    // Records come sorted; failures are merged in by number so they keep their place.
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    rows.into_iter().map(|(_, _, row)| row).collect()
}

fn record_row(log: &LogMeta, record: &RecordMeta, index_dir: &Path) -> [String; 5] {
    let status = match &record.status {
        None => String::new(),
        Some(status) if status.kind == StatusKind::Superseded => {
            match status
                .superseded_by
                .as_ref()
                .and_then(|reference| log.resolve(reference))
            {
                Some(successor) => format!(
                    "superseded by [{}]({})",
                    label_of(&successor.file, &successor.rel_path),
                    link_to(index_dir, successor.path())
                ),
                None => cell_text(&status.raw),
            }
        }
        Some(status) => cell_text(status.keyword()),
    };
    [
        format!(
            "[{}]({})",
            label_of(&record.file, &record.rel_path),
            link_to(index_dir, record.path())
        ),
        cell_text(&record.summary.title),
        status,
        record
            .date
            .as_ref()
            .filter(|date| !date.is_prompt())
            .map(|date| cell_text(&date.text()))
            // `2023-06-30-api-language.md`: the date of a date-named file, as list shows it.
            .or_else(|| record.file.date.clone())
            .unwrap_or_default(),
        cell_text(&record.summary.tags.join(", ")),
    ]
}

fn failure_row(failure: &LoadFailure, index_dir: &Path) -> [String; 5] {
    let name = crate::log_path::file_name(&failure.rel_path);
    let label = match failure.file.number {
        Some(number) => format_number(number, &failure.file.scheme),
        None => stem(name).to_string(),
    };
    [
        format!("[{label}]({})", link_to(index_dir, &failure.path)),
        cell_text(name),
        "parse error".to_string(),
        String::new(),
        String::new(),
    ]
}

/// The number as the log writes it (`0007`), or the file's stem when it has none.
pub fn number_label(record: &Record) -> String {
    label_of(&record.file, &record.rel_path)
}

/// [`number_label`] of a record's parsed file name and path relative to the log.
fn label_of(file: &crate::discover::FileName, rel_path: &str) -> String {
    match file.number {
        Some(number) => format_number(number, &file.scheme),
        None => stem(crate::log_path::file_name(rel_path)).to_string(),
    }
}

fn format_number(number: u32, scheme: &crate::discover::NamingScheme) -> String {
    let digits = scheme.digits();
    format!("{number:0digits$}")
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// A Markdown link destination from `from_dir` to `to`, with `/` separators.
pub(crate) fn link_to(from_dir: &Path, to: &Path) -> String {
    crate::log_path::markdown_destination(&crate::log_path::relative_path(from_dir, to))
}

/// Text for a table cell: one line, pipes escaped so they do not split the cell.
fn cell_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The line ending a file mostly uses: CRLF when most of its lines end so, else LF.
pub fn newline_of(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count();
    if crlf * 2 > lf { "\r\n" } else { "\n" }
}

/// A new index file: a heading, then the table between the markers.
pub fn new_document(table: &str, newline: &str) -> String {
    format!(
        "{NEW_FILE_HEADING}{newline}{newline}{}{newline}",
        marked(table, newline)
    )
}

fn marked(table: &str, newline: &str) -> String {
    format!("{START_MARKER}{newline}{newline}{table}{newline}{END_MARKER}")
}

/// Puts `table` between the markers of `existing`, keeping every byte outside them. A file
/// without markers gets them, with the table, at its end. A marker counts only when it
/// stands alone on its line, so prose or code that mentions one is left alone.
pub fn splice(existing: &str, table: &str) -> Result<Spliced, MarkerError> {
    let newline = newline_of(existing);
    let starts = marker_lines(existing, START_MARKER);
    let ends = marker_lines(existing, END_MARKER);
    match (starts.as_slice(), ends.as_slice()) {
        ([], []) => {
            if let Some(text) = splice_adr_log(existing, table, newline) {
                return Ok(Spliced {
                    text,
                    appended: false,
                });
            }
            let mut text = existing.to_string();
            if !text.is_empty() {
                if !text.ends_with('\n') {
                    text.push_str(newline);
                }
                text.push_str(newline);
            }
            text.push_str(&marked(table, newline));
            text.push_str(newline);
            Ok(Spliced {
                text,
                appended: true,
            })
        }
        ([start], [end]) if start.line < end.line => {
            let mut text = String::with_capacity(existing.len() + table.len());
            // Marker offsets come from a line scan of `existing`: ASCII, on boundaries.
            text.push_str(existing.get(..start.offset).unwrap_or_default());
            text.push_str(&marked(table, newline));
            text.push_str(
                existing
                    .get(end.offset + END_MARKER.len()..)
                    .unwrap_or_default(),
            );
            Ok(Spliced {
                text,
                appended: false,
            })
        }
        ([start], [end]) => Err(MarkerError {
            line: end.line,
            message: format!(
                "`{END_MARKER}` comes before `{START_MARKER}` (line {}): put the end marker after the start marker",
                start.line
            ),
        }),
        ([start], []) => Err(MarkerError {
            line: start.line,
            message: format!(
                "`{START_MARKER}` has no `{END_MARKER}` after it: add the end marker on a line of its own, or remove the start marker"
            ),
        }),
        ([], [end]) => Err(MarkerError {
            line: end.line,
            message: format!(
                "`{END_MARKER}` has no `{START_MARKER}` before it: add the start marker on a line of its own, or remove the end marker"
            ),
        }),
        (starts, ends) => {
            let second = if starts.len() > 1 {
                &starts[1]
            } else {
                &ends[1]
            };
            Err(MarkerError {
                line: second.line,
                message: "the index markers appear more than once: keep one `<!-- adr-index:start -->` and one `<!-- adr-index:end -->`".to_string(),
            })
        }
    }
}

/// `existing` with `table` between adr-log's markers, which stay; `None` unless the file has
/// each once, in order.
fn splice_adr_log(existing: &str, table: &str, newline: &str) -> Option<String> {
    let starts = adr_log_starts(existing);
    let ends = marker_lines(existing, ADR_LOG_END);
    let ([start], [end]) = (starts.as_slice(), ends.as_slice()) else {
        return None;
    };
    if start.line >= end.line {
        return None;
    }
    // Marker offsets come from a line scan of `existing`: ASCII, on boundaries.
    let before = existing.get(..start.offset + start.len)?;
    let after = existing.get(end.offset..)?;
    Some(format!("{before}{newline}{newline}{table}{newline}{after}"))
}

struct MarkerLine {
    /// Byte offset of the marker text.
    offset: usize,
    /// Its length in bytes.
    len: usize,
    line: usize,
}

fn marker_lines(text: &str, marker: &str) -> Vec<MarkerLine> {
    lines_where(text, |line| line.trim() == marker)
}

/// The lines of `text` that `is_marker` says are a marker (as they are written, trimmed).
fn lines_where(text: &str, is_marker: impl Fn(&str) -> bool) -> Vec<MarkerLine> {
    let mut found = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if is_marker(content) {
            let indent = content.len() - content.trim_start().len();
            found.push(MarkerLine {
                offset: offset + indent,
                len: content.trim().len(),
                line: index + 1,
            });
        }
        offset += line.len();
    }
    found
}

/// What `adr index` says of the log's Markdown files named like no record (`unnamed`, each
/// with its path in the log): they are not in the index. Review I (inovex,
/// zero-logement-vacant): a log whose files were all named another way got an index of the
/// one record `adr new` had just written, and no word of the others.
pub fn unnamed_files_warning(unnamed: &[&(std::path::PathBuf, String)]) -> Option<String> {
    let (_, first) = unnamed.first().copied()?;
    let count = unnamed.len();
    let (files, are, more) = if count == 1 {
        ("file", "is", "")
    } else {
        ("files", "are", ", …")
    };
    Some(format!(
        "warning: {count} Markdown {files} in the log {are} not named like records and not in the index (`{first}`{more}): `adr lint` says how to name them"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_adr_log_list_keeps_its_marker_and_our_markers_take_a_table() {
        let list = "<!-- adrlog -->\n\n- [ADR-0001](0001-a.md) - A\n\n<!-- adrlogstop -->\n";
        assert_eq!(adr_log_bullet(list), Some('-'));
        assert_eq!(
            adr_log_bullet("<!-- adrlog -->\n<!-- adrlogstop -->\n"),
            Some('*')
        );
        let ours = format!("{START_MARKER}\n{END_MARKER}\n<!-- adrlog -->\n<!-- adrlogstop -->\n");
        assert_eq!(adr_log_bullet(&ours), None);
        assert_eq!(adr_log_bullet("# Decisions\n"), None);
    }

    #[test]
    fn adr_logs_markers_take_the_table_in_place_of_its_list() {
        let existing = "# Decisions\n\n<!-- adrlog -->\n\n* [ADR-0001](0001-a.md) - A\n\n<!-- adrlogstop -->\n\nMore.\n";
        let spliced = splice(existing, "| a |\n").unwrap();
        assert!(!spliced.appended);
        assert_eq!(
            spliced.text,
            "# Decisions\n\n<!-- adrlog -->\n\n| a |\n\n<!-- adrlogstop -->\n\nMore.\n"
        );
        // Done again, nothing changes.
        assert_eq!(splice(&spliced.text, "| a |\n").unwrap().text, spliced.text);
        // Out of order, they are not taken: the table goes at the end, marked as ours.
        let reversed = "<!-- adrlogstop -->\n<!-- adrlog -->\n";
        assert!(splice(reversed, "| a |\n").unwrap().appended);
    }

    #[test]
    fn splicing_keeps_every_byte_outside_the_markers() {
        let existing = "# Log\r\n\r\nIntro.\r\n<!-- adr-index:start -->\r\nold\r\n<!-- adr-index:end -->\r\nOutro\r\n";
        let spliced = splice(existing, "| a |\r\n").unwrap();
        assert_eq!(
            spliced.text,
            "# Log\r\n\r\nIntro.\r\n<!-- adr-index:start -->\r\n\r\n| a |\r\n\r\n<!-- adr-index:end -->\r\nOutro\r\n"
        );
        assert!(!spliced.appended);
        assert_eq!(
            splice(&spliced.text, "| a |\r\n").unwrap().text,
            spliced.text
        );
    }

    #[test]
    fn a_file_without_markers_gets_them_at_the_end() {
        let spliced = splice("# Decisions\n\nSee below.", "| a |\n").unwrap();
        assert_eq!(
            spliced.text,
            "# Decisions\n\nSee below.\n\n<!-- adr-index:start -->\n\n| a |\n\n<!-- adr-index:end -->\n"
        );
        assert!(spliced.appended);
    }

    #[test]
    fn markers_mentioned_in_prose_do_not_count() {
        let text =
            "Run `adr index`; it writes between `<!-- adr-index:start -->` and the end marker.\n";
        assert!(splice(text, "t\n").unwrap().appended);
    }

    #[test]
    fn broken_markers_name_their_line() {
        let error = splice("a\n<!-- adr-index:start -->\nb\n", "t\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("has no `<!-- adr-index:end -->`"));
        let error =
            splice("<!-- adr-index:end -->\n<!-- adr-index:start -->\n", "t\n").unwrap_err();
        assert_eq!(error.line, 1);
        let error = splice(
            "<!-- adr-index:start -->\n<!-- adr-index:end -->\n<!-- adr-index:start -->\n",
            "t\n",
        )
        .unwrap_err();
        assert_eq!(error.line, 3);
    }
}
