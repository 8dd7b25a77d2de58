use crate::lint::prelude::*;
use crate::model::DateValue;

declare_rule! {
    /// ## What it does
    /// Checks that a record's date line holds a date `adr` can read.
    ///
    /// A `Date:` line (or `date:` key, `* Date:` bullet, `Datum:`, `日期:`…) whose value is
    /// no date at all (`TBD`, `March 2024`, `Q3`) is reported here rather than dropped, so
    /// the record does not silently go without a date. Template prompts such as
    /// `[YYYY-MM-DD when the decision was last updated]` are left to `placeholder-left`.
    ///
    /// ## Why is this bad?
    /// A record whose date cannot be read has none for `adr list`, the index and the site:
    /// it sorts last and says nothing about when the decision was made.
    ///
    /// ## Example
    /// ```markdown
    /// Date: TBD
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Date: 2025-05-11
    /// ```
    pub(crate) struct DateUnreadable { id: "date-unreadable", severity: Warning, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(date) = &record.date else {
        return;
    };
    let DateValue::Unreadable(text) = &date.value else {
        return;
    };
    if text.is_empty() || is_prompt(text) {
        return;
    }
    ctx.report(
        &DateUnreadable::META,
        record.path(),
        Some(date.span),
        format!("date `{text}` cannot be read as a date"),
    )
    .label("not a date")
    .help("write the day the decision was made as `YYYY-MM-DD`, e.g. `2025-05-11`");
}

/// A template's prompt for the date: `[YYYY-MM-DD …]`, `{AAAA-MM-JJ}`, `DATE`, `tt.mm.jjjj`.
fn is_prompt(text: &str) -> bool {
    let upper = text.to_uppercase();
    // `[2025-01-2025]` is a date written wrong in the template's brackets, not its prompt.
    let inner = text.trim_matches(['[', ']', '{', '}', '<', '>']);
    let is_numbers = inner.chars().filter(char::is_ascii_digit).count() >= 4
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' '));
    text.starts_with(['[', '{', '<']) && !is_numbers
        || ["YYYY", "AAAA", "JJJJ", "TT.MM", "DD-MM", "DD/MM"]
            .iter()
            .any(|prompt| upper.contains(prompt))
        || upper == "DATE"
}
