use crate::lint::prelude::*;
use crate::model::DateValue;

declare_rule! {
    /// ## What it does
    /// Checks that a record's date is written `YYYY-MM-DD`.
    ///
    /// `adr` reads dates written other ways: `2017/11/22`, `18.10.2014` (day first, as
    /// German and Russian write it), `Nov 19, 2022`, `22 November 2022`, `2017年11月22日`,
    /// `10/11/2022`. This rule reports them with their ISO form.
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
    /// read day first or month first (`10/11/2022`), or that carries a time of day, is not
    /// fixed: the help gives the readings.
    pub(crate) struct DateFormat { id: "date-format", severity: Warning, fixable: true, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(date) = &record.date else {
        return;
    };
    match &date.value {
        DateValue::Reshaped {
            date: day,
            text,
            exact,
        } => {
            let iso = day.to_string();
            let diagnostic = ctx
                .report(
                    &DateFormat::META,
                    record.path(),
                    Some(date.span),
                    format!("date `{text}` is not written `YYYY-MM-DD`"),
                )
                .label(format!("read as {}", long_form(*day)));
            if !exact {
                diagnostic.help(format!(
                    "write `{iso}`; the time of day has no place in `date`"
                ));
                return;
            }
            diagnostic.help(format!("write `{iso}`"));
            let span = unquoted(record.source.slice(date.span), date.span);
            diagnostic.fix(Fix {
                path: record.path().clone(),
                edits: vec![Edit::replace(span, &iso)],
                description: format!("date `{text}` → `{iso}`"),
            });
        }
        DateValue::Ambiguous { text, readings } => {
            let [day_first, month_first] = readings;
            ctx.report(
                &DateFormat::META,
                record.path(),
                Some(date.span),
                format!("date `{text}` is not written `YYYY-MM-DD` and could be either of two days"),
            )
            .label("day or month first?")
            .help(format!(
                "write `{day_first}` if the day comes first ({}), or `{month_first}` if the month does ({})",
                long_form(*day_first),
                long_form(*month_first)
            ));
        }
        _ => {}
    }
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
