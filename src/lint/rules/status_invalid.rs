use crate::lint::prelude::*;
use crate::model::closest_status;

declare_rule! {
    /// ## What it does
    /// Checks that a record's status is one the log allows.
    ///
    /// Allowed are `proposed`, `accepted`, `rejected`, `deprecated`, `superseded` (with or
    /// without `by …`), and any listed under `statuses` in `.adr.toml`. Case, emphasis and a trailing period are ignored, and a
    /// note after the status is fine (`Accepted (2020-03-02)`).
    ///
    /// MADR 4's `superseded by [ADR-0002](0002-use-x.md)` and adr-tools'
    /// `Superseded by [2. Use X](0002-use-x.md)` are valid forms.
    ///
    /// ## Why is this bad?
    /// Indexes, filters and sites group records by status. A misspelt status (`acepted`)
    /// silently drops the record out of "accepted", and a made-up one means nothing to the
    /// next reader.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: acepted
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    /// ```
    ///
    /// ## Options
    /// `statuses = ["on hold", "accepted-provisional"]` at the top of `.adr.toml` allows
    /// more.
    pub(crate) struct StatusInvalid { id: "status-invalid", severity: Error, fixable: false, enabled: true }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    for issue in record
        .field_issues
        .iter()
        .filter(|issue| issue.key == "status")
    {
        let allowed = allowed(ctx);
        ctx.report(
            &StatusInvalid::META,
            record.path(),
            Some(issue.span),
            "`status` is not a single value",
        )
        .help(format!(
            "write one status, e.g. `status: accepted`; allowed: {allowed}"
        ));
    }
    let Some(status) = &record.status else {
        return;
    };
    let StatusKind::Other(value) = &status.kind else {
        return;
    };
    if value.is_empty() || ctx.options.is_allowed_status(value) {
        return;
    }
    let suggestion = closest_status(
        value,
        ctx.options.allowed_statuses.iter().map(String::as_str),
    )
    .map(|closest| format!("did you mean `{closest}`? "))
    .unwrap_or_default();
    let help = format!(
        "{suggestion}allowed: {}; add more with `statuses` in .adr.toml",
        allowed(ctx)
    );
    ctx.report(
        &StatusInvalid::META,
        record.path(),
        Some(status.span),
        format!("unknown status `{}`", status.raw),
    )
    .label("not an allowed status")
    .help(help);
}

fn allowed(ctx: &RuleContext) -> String {
    ctx.options
        .allowed_statuses
        .iter()
        .map(|status| {
            if status == "superseded" {
                "superseded by …".to_string()
            } else {
                status.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
