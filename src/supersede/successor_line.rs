//! A log that marks a superseded record with a bare status and the successor on a line of
//! its own below it (`status: superseded` / `superseded_by: 0007-hosts-mcp`, AILSS): `adr
//! status N "superseded by M"` writes that shape, not a link in the status line.

use super::Successor;
use crate::edit::{self, Edit};
use crate::error::Result;
use crate::model::{Record, StatusKind};
use crate::source::Span;

/// How the log writes its successor line: what comes before the value (`superseded_by: `,
/// `- Superseded by: `), and how the value names the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuccessorLine {
    lead: String,
    names_by: NamedBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NamedBy {
    /// `0007-hosts-mcp`
    Stem,
    /// `0007-hosts-mcp.md`
    FileName,
    /// `7`, `0007`
    Number(usize),
}

/// The successor line of the first superseded record whose status is the bare word and
/// whose next line names the successor.
pub fn shape_of<'r>(records: impl Iterator<Item = &'r Record>) -> Option<SuccessorLine> {
    records.filter_map(shape_in).next()
}

fn shape_in(record: &Record) -> Option<SuccessorLine> {
    let status = record.status.as_ref()?;
    if status.kind != StatusKind::Superseded || status.raw.trim().contains(char::is_whitespace) {
        return None;
    }
    let source = &record.source;
    let next = source.slice(source.line_span(status.line + 1));
    let next = next.trim_end_matches(['\n', '\r']);
    let (label_part, value) = next.split_once(':')?;
    let label = label_part
        .trim_start_matches(['-', '*', ' '])
        .trim()
        .to_lowercase();
    if !crate::parse::legacy::SUCCESSOR_LABELS.contains(&label.as_str()) {
        return None;
    }
    let spaces = value.len() - value.trim_start().len();
    let lead = format!("{label_part}:{}", value.get(..spaces)?);
    let value = value.trim();
    status.superseded_by.as_ref()?;
    let names_by = if value.bytes().all(|b| b.is_ascii_digit()) && !value.is_empty() {
        NamedBy::Number(value.len())
    } else if value.ends_with(".md") {
        NamedBy::FileName
    } else {
        NamedBy::Stem
    };
    Some(SuccessorLine { lead, names_by })
}

/// The text of `record` superseded by `successor` in the log's `shape`: the status word
/// alone, and the successor's line after the status line (or its value replaced, when the
/// record has one already). `None` when the record's status is not on a line of its own.
pub fn superseded_text(
    record: &Record,
    successor: &Successor<'_>,
    shape: &SuccessorLine,
) -> Option<Result<String>> {
    let status = record.status.as_ref()?;
    let source = &record.source;
    let line_span = source.line_span(status.line);
    let line = source.slice(line_span);
    let line_end = line_span.start + line.trim_end_matches(['\n', '\r']).len();
    // Not after a status with more on its line, nor above a successor line already there.
    let next = source
        .slice(source.line_span(status.line + 1))
        .to_lowercase();
    if source.slice(Span::new(status.span.end, line_end)).trim() != ""
        || next
            .trim_start_matches(['-', '*', ' '])
            .starts_with("superseded")
    {
        return None;
    }
    let file_name = successor.rel_path.rsplit('/').next().unwrap_or_default();
    let named = match shape.names_by {
        NamedBy::Stem => file_name
            .strip_suffix(".md")
            .unwrap_or(file_name)
            .to_string(),
        NamedBy::FileName => file_name.to_string(),
        NamedBy::Number(width) => format!("{:0width$}", successor.number?),
    };
    let newline = if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let status_edit = match edit::status_edit(record, "superseded") {
        Ok(found) => found,
        Err(error) => return Some(Err(error)),
    };
    let edits = [
        status_edit,
        Edit::insert(line_end, format!("{newline}{}{named}", shape.lead)),
    ];
    Some(edit::apply_record_edits(record, &edits).and_then(|text| {
        let reread = edit::reparse(record, &text)?;
        let names_successor = reread.status.as_ref().is_some_and(|status| {
            status.kind == StatusKind::Superseded && status.superseded_by.is_some()
        });
        if names_successor {
            Ok(text)
        } else {
            Err(crate::error::Error::record(
                record.path(),
                Some(status.line),
                "the successor line written after the status does not read back: the record was left as it is; please report this",
            ))
        }
    }))
}
