use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that a record's date is not later than today.
    ///
    /// "Today" is the local date, or the date of `SOURCE_DATE_EPOCH` when that is set (for
    /// reproducible builds and tests).
    ///
    /// ## Why is this bad?
    /// A decision is dated when it is made or last changed; a date in the future is almost
    /// always a typo in the year or month, and it sorts the record wrongly in the index.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: accepted
    /// date: 2052-05-11
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// date: 2025-05-11
    /// ---
    /// ```
    pub(crate) struct DateFuture { id: "date-future", severity: Warning, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(date) = &record.date else {
        return;
    };
    let Some(value) = date.value.valid() else {
        return;
    };
    if value <= ctx.options.today {
        return;
    }
    let today = ctx.options.today;
    ctx.report(
        &DateFuture::META,
        record.path(),
        Some(date.span),
        format!("date `{value}` is in the future"),
    )
    .label(format!("after today, {today}"))
    .help("use the date the decision was made or last changed");
}
