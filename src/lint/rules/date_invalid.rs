use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that a record's date is a real calendar date.
    ///
    /// The date may come from front matter (`date:`), a MADR 2 `* Date:` bullet, an
    /// adr-tools `Date:` line, a metadata table, or the same in another language
    /// (`Datum:`, `日期:`; see `docs/languages.md`). This rule reports dates whose numbers
    /// make no date (`2024-02-30`, `31.02.2020`); a real date written another way is
    /// `date-format`, and a date line that is no date at all is `date-unreadable`.
    ///
    /// ## Why is this bad?
    /// Indexes, sites and other tools sort and filter records by date. A date that does not
    /// exist sorts nowhere and hides a typo in the day or the month.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: accepted
    /// date: 2024-02-30
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// date: 2024-02-29
    /// ---
    /// ```
    pub(crate) struct DateInvalid { id: "date-invalid", severity: Error, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    for issue in record
        .field_issues
        .iter()
        .filter(|issue| issue.key == "date")
    {
        ctx.report(
            &DateInvalid::META,
            record.path(),
            Some(issue.span),
            "`date` is not a single date",
        )
        .help("write one date such as `date: 2025-05-11`");
    }
    let Some(date) = &record.date else {
        return;
    };
    let crate::model::DateValue::Invalid(text) = &date.value else {
        return;
    };
    ctx.report(
        &DateInvalid::META,
        record.path(),
        Some(date.span),
        format!("date `{text}` is not a real calendar date"),
    )
    .label("no such day")
    .help("check the day and the month, and write the date as `YYYY-MM-DD`, e.g. `2025-05-11`");
}
