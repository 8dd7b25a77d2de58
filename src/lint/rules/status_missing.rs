use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that every record states a status.
    ///
    /// Any of the places `adr` reads one counts: front matter `status:`, a MADR 2
    /// `* Status:` bullet, an adr-tools `## Status` section or a metadata table.
    ///
    /// A warning, not an error: MADR 4 makes the status optional.
    ///
    /// ## Why is this bad?
    /// Without a status nobody can tell whether the decision is in force, and the index
    /// shows a blank.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// date: 2025-05-11
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: proposed
    /// date: 2025-05-11
    /// ---
    /// ```
    pub(crate) struct StatusMissing { id: "status-missing", severity: Warning, fixable: false, enabled: true }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let is_blank = record
        .status
        .as_ref()
        .is_some_and(|status| status.raw.trim().is_empty());
    if record.status.is_some() && !is_blank {
        return;
    }
    // A `status:` key whose value is not a single word is `status-invalid`'s finding.
    if record
        .field_issues
        .iter()
        .any(|issue| issue.key == "status")
    {
        return;
    }
    let (span, message) = match &record.status {
        Some(status) => (status.span, "the record's status is empty"),
        None => (record.head_span(), "record has no status"),
    };
    let help = match record.style {
        Style::Nygard => "add a `## Status` section saying `Proposed` or `Accepted`",
        Style::Madr2 => "add a `* Status: proposed` bullet under the title",
        _ if record.front_matter.is_some() => "add `status: proposed` to the front matter",
        _ => "add front matter with `status: proposed`, or a `## Status` section",
    };
    ctx.report(&StatusMissing::META, record.path(), Some(span), message)
        .help(help);
}
