use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that a record's date is a real calendar date written `YYYY-MM-DD`.
    ///
    /// The date may come from front matter (`date:`), a MADR 2 `* Date:` bullet, an
    /// adr-tools `Date:` line or a metadata table.
    ///
    /// ## Why is this bad?
    /// Indexes, sites and other tools sort and filter records by date. `2024-02-30`,
    /// `12/03/2024` or `March 2024` cannot be read back reliably, and ISO 8601 is the format
    /// MADR and adr-tools write.
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
    pub(crate) struct DateInvalid { id: "date-invalid", severity: Error, fixable: false, enabled: true }
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
    let is_iso_shape = text.len() == 10
        && text.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    let message = if is_iso_shape {
        format!("date `{text}` is not a real calendar date")
    } else {
        format!("date `{text}` is not written `YYYY-MM-DD`")
    };
    ctx.report(&DateInvalid::META, record.path(), Some(date.span), message)
        .help("write the date as `YYYY-MM-DD`, e.g. `2025-05-11`");
}
