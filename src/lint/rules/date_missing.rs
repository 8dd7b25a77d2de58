#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;
use crate::model::DateValue;
use crate::source::SourceFile;

declare_rule! {
    /// ## What it does
    /// Reports a record without a date in a log where most records have one, or in any
    /// log whose `.adr.toml` says dates are required.
    ///
    /// "Most" is at least 80 % of a log of at least 5 records: below that, a log that
    /// never dates its records (MADR 4 makes the date optional) is left alone. A date
    /// anywhere counts: front matter, a `Date:` line or bullet, a metadata table, a dated
    /// file or folder name. Files without a title are not counted (they are no record
    /// yet, or none at all). A date written in a shape that cannot be read is
    /// `date-unreadable`'s, not this rule's. When the record has a line that holds a date
    /// under a label `adr` does not know (`Introduced: 20220513`), the finding points at
    /// it and suggests the line to write.
    ///
    /// ## Why is this bad?
    /// The index and the site show a blank where every other record has its date, and
    /// readers cannot tell when the decision was made or whether it is older than the ones
    /// around it.
    ///
    /// ## Example
    /// ```markdown
    /// # 7. Use Redis for sessions
    ///
    /// ## Status
    ///
    /// Accepted
    /// ```
    /// (in a log where the other records have `Date:` lines)
    ///
    /// Use instead:
    /// ```markdown
    /// # 7. Use Redis for sessions
    ///
    /// Date: 2024-03-18
    ///
    /// ## Status
    ///
    /// Accepted
    /// ```
    ///
    /// ## Options
    /// `[lint] require-date = true` in `.adr.toml` reports every record without a date,
    /// whatever the rest of the log does.
    pub(crate) struct DateMissing { id: "date-missing", severity: Warning, fixable: false, enabled: true }
}

/// The smallest log in which "most records have a date" is worth saying.
const MIN_RECORDS: usize = 5;
/// The share of dated records (in percent) from which an undated one stands out.
const DATED_PERCENT: usize = 80;
/// How many lines from the top a date under an unknown label is looked for.
const HEAD_LINES: usize = 40;

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let is_dated = |record: &RecordFacts| record.date.is_some() || record.file.date.is_some();
    // A file without any title is no record to date (`title-missing`, `file-not-a-record`).
    let records: Vec<&RecordFacts> = log
        .records
        .iter()
        .filter(|record| record.title.is_some() || record.front_matter_title.is_some())
        .collect();
    let total = records.len();
    let dated = records.iter().filter(|record| is_dated(record)).count();
    let required = ctx.options.require_date;
    let most_dated = total >= MIN_RECORDS && dated * 100 >= total * DATED_PERCENT;
    if dated == total || !(required || most_dated) {
        return;
    }
    let why = if required {
        "`.adr.toml` requires a date".to_string()
    } else {
        format!("{dated} of the log's {total} records have one")
    };
    for record in records.into_iter().filter(|record| !is_dated(record)) {
        match &record.unread_date {
            Some(found) => {
                ctx.report(
                    &DateMissing::META,
                    record.path(),
                    Some(found.span),
                    format!(
                        "record has no date ({why}); `{}` is not read as its date",
                        found.line
                    ),
                )
                .label("not read as the record's date")
                .help(format!(
                    "write the date as {}",
                    date_line(record, found.iso.as_deref().unwrap_or("YYYY-MM-DD"))
                ));
            }
            None => {
                ctx.report(
                    &DateMissing::META,
                    record.path(),
                    Some(record.head_span),
                    format!("record has no date ({why})"),
                )
                .label("no date")
                .help(format!(
                    "add the day the decision was made: {}",
                    date_line(record, "YYYY-MM-DD")
                ));
            }
        }
    }
}

/// The date line the record's own layout uses.
fn date_line(record: &RecordFacts, date: &str) -> String {
    match record.style {
        Style::Madr4 | Style::Madr3 => format!("`date: {date}` in the front matter"),
        Style::Madr2 => format!("`* Date: {date}`"),
        _ => format!("`Date: {date}` under the title"),
    }
}

/// A `Label: value` line near the top whose value is a date.
#[derive(Debug)]
pub struct UnreadDate {
    span: Span,
    line: String,
    /// The date as ISO, when it names one day.
    iso: Option<String>,
}

/// The first line near the top (front matter included) that is `Label: <a date>` under a
/// label the parsers do not read as the record's date (`Introduced: 20220513`).
pub(crate) fn date_under_unknown_label(source: &SourceFile) -> Option<UnreadDate> {
    let mut in_fence = false;
    for line_number in 1..=source.line_count().min(HEAD_LINES) {
        let span = source.line_span(line_number);
        let line = source.slice(span).trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.starts_with('#') {
            continue;
        }
        let Some((label, value)) = line.split_once(':').or_else(|| line.split_once('：')) else {
            continue;
        };
        let label = label
            .trim_start_matches(['*', '-', '+', ' ', '|'])
            .trim_matches(['*', '_', ' ']);
        let value = value.trim_matches(['*', '_', ' ', '|', '"', '\'']);
        let is_label = !label.is_empty()
            && label.chars().count() <= 30
            && label
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-');
        // A date label the parsers know whose line they did not read (it sits below the
        // first section) is reported the same way; other known labels hold no date.
        let known = crate::vocabulary::label(label);
        if !is_label || known.is_some_and(|known| known != crate::vocabulary::Label::Date) {
            continue;
        }
        let iso = match DateValue::parse(value) {
            DateValue::Valid(date) | DateValue::Reshaped { date, .. } => Some(date.to_string()),
            DateValue::Ambiguous { .. } | DateValue::Invalid(_) => None,
            DateValue::Unreadable(_) => continue,
        };
        let written = source.slice(span);
        let indent = written.len() - written.trim_start().len();
        return Some(UnreadDate {
            span: Span::new(span.start + indent, span.start + written.trim_end().len()),
            line: line.to_string(),
            iso,
        });
    }
    None
}
