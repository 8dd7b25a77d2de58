use crate::lint::prelude::*;
use crate::model::{DateValue, DayOrMonthFirst};

declare_rule! {
    /// ## What it does
    /// Checks that a record's date is written `YYYY-MM-DD`.
    ///
    /// `adr` reads dates written other ways: `2017/11/22`, `18.10.2014` (day first, as
    /// German and Russian write it), `Nov 19, 2022`, `22 November 2022`, `2017年11月22日`,
    /// `10/11/2022`, `25/02/26` (a two-digit year, read in this century unless that is still
    /// to come). This rule reports them with their ISO form.
    ///
    /// ## Why is this bad?
    /// ISO 8601 is what MADR and adr-tools write, the one form that sorts as text and that
    /// every reader (and tool) reads the same way: `10/11/2022` is 10 November in Europe and
    /// October 11 in the United States.
    ///
    /// ## Example
    /// ```markdown
    /// Date: 18.10.2014
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Date: 2014-10-18
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the date as ISO when only one day is meant. A date that could be
    /// read day first or month first (`10/11/2022`) is read as the log's other dates are
    /// written: when one of them can only be day first (`25/10/2022`) and none only month
    /// first, or the other way round, it is fixed too, and the message names that date.
    /// Otherwise it is not fixed, nor is a date that carries a time of day: the help gives
    /// the readings.
    pub(crate) struct DateFormat { id: "date-format", severity: Warning, fixable: true, enabled: true, record: check, log: check_log }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(date) = &record.date else {
        return;
    };
    let DateValue::Reshaped {
        date: day,
        text,
        exact,
    } = &date.value
    else {
        return;
    };
    let iso = day.to_string();
    let label = format!("read as {}", long_form(*day));
    // `2025.09.02 (PR #46)`: the date is what is reported and fixed, the note stays.
    let written = unquoted(record.source.slice(date.span), date.span);
    let value = record.source.slice(written);
    let (shown, span) = match value != text && value.starts_with(text.as_str()) {
        true => {
            let date_alone = Span::new(written.start, written.start + text.len());
            (date_alone, date_alone)
        }
        false => (date.span, written),
    };
    let diagnostic = not_iso(ctx, record.path(), shown, text, label);
    if !exact {
        diagnostic.help(format!(
            "write `{iso}`; the time of day has no place in `date`"
        ));
        return;
    }
    diagnostic.help(format!("write `{iso}`"));
    diagnostic.fix(iso_fix(record.path(), span, text, &iso));
}

/// The finding of the date `text` at `span` in the record at `path`, its `label` saying how
/// it was read.
fn not_iso<'c>(
    ctx: &'c mut RuleContext,
    path: &std::path::Path,
    span: Span,
    text: &str,
    label: String,
) -> &'c mut crate::diagnostic::Diagnostic {
    ctx.report(
        &DateFormat::META,
        path,
        Some(span),
        format!("date `{text}` is not written `YYYY-MM-DD`"),
    )
    .label(label)
}

/// The fix writing `iso` at `span` (inside the quotes) in place of the date `text`.
fn iso_fix(path: &std::path::Path, span: Span, text: &str, iso: &str) -> Fix {
    Fix {
        path: path.to_path_buf(),
        edits: vec![Edit::replace(span, iso)],
        description: format!("date `{text}` → `{iso}`"),
    }
}

/// The dates that could be either of two days (`03-11-2023`), each read as the log's other
/// dates are written when they agree on which comes first, and reported with the readings
/// when they do not say.
pub(crate) fn check_log(log: &LogFacts, ctx: &mut RuleContext) {
    let ambiguous = log.records.iter().filter_map(|record| {
        let date = record.date.as_ref()?;
        match &date.value {
            DateValue::Ambiguous { text, readings } => Some((record, date, text, readings)),
            _ => None,
        }
    });
    let mut ambiguous = ambiguous.peekable();
    if ambiguous.peek().is_none() {
        return;
    }
    let order = log_order(log);
    for (record, date, text, readings) in ambiguous {
        let [day_first, month_first] = *readings;
        let Some((order, example)) = order else {
            ctx.report(
                &DateFormat::META,
                record.path(),
                Some(date.span),
                format!("date `{text}` is not written `YYYY-MM-DD` and could be either of two days"),
            )
            .label("day or month first?")
            .help(format!(
                "write `{day_first}` if the day comes first ({}), or `{month_first}` if the month does ({})",
                long_form(day_first),
                long_form(month_first)
            ));
            continue;
        };
        let (day, first) = match order {
            DayOrMonthFirst::Day => (day_first, "day"),
            DayOrMonthFirst::Month => (month_first, "month"),
        };
        let (example_text, example_path) = example;
        let iso = day.to_string();
        let label = format!("read as {}, {first} first as in the log", long_form(day));
        let diagnostic = not_iso(ctx, record.path(), date.span, text, label).help(format!(
            "write `{iso}`: the log writes the {first} first (`{example_text}` in `{example_path}`)"
        ));
        // The span holds the value, or the value in quotes (YAML), which the fix keeps.
        let span = match (date.span.end - date.span.start).checked_sub(text.len()) {
            Some(0) => Some(date.span),
            Some(2) => Some(Span::new(date.span.start + 1, date.span.end - 1)),
            _ => None,
        };
        if let Some(span) = span {
            diagnostic.fix(iso_fix(record.path(), span, text, &iso));
        }
    }
}

/// Which comes first in the log's dates written as numbers, with one date that shows it
/// (its text and its record's path in the log): none when none shows it, or some show
/// each.
fn log_order(log: &LogFacts) -> Option<(DayOrMonthFirst, (&str, &str))> {
    let shown = log.records.iter().filter_map(|record| {
        let DateValue::Reshaped { text, .. } = &record.date.as_ref()?.value else {
            return None;
        };
        let order = crate::model::day_or_month_first(text)?;
        Some((order, (text.as_str(), record.rel_path.as_str())))
    });
    crate::model::agreed_order(shown)
}

/// `18 October 2014`: a form nobody misreads, for the label.
fn long_form(date: jiff::civil::Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The span inside the quotes of a quoted YAML value, so the fix keeps them.
fn unquoted(written: &str, span: Span) -> Span {
    let quoted = written.len() >= 2
        && ((written.starts_with('"') && written.ends_with('"'))
            || (written.starts_with('\'') && written.ends_with('\'')));
    if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}
