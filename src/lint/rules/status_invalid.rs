use crate::lint::prelude::*;
use crate::model::closest_status;

declare_rule! {
    /// ## What it does
    /// Checks that a record's status is one the log allows, and not a misspelling of one.
    ///
    /// Allowed are `proposed`, `accepted`, `rejected`, `deprecated`, `superseded` (with or
    /// without `by …`), the status words of the language tables in `docs/languages.md`
    /// (`draft`, `Approved`, `Implemented`, `on hold`, `Accepté`, `Aceptada`, `提议`,
    /// `Принято`, … each read as one of those kinds), and any listed under `statuses` in
    /// `.adr.toml`. Case, emphasis and a trailing period are ignored, and a note after the
    /// status is fine (`Accepted (2020-03-02)`, `Rejected in favour of ADR 111`).
    ///
    /// An unknown status is reported here, on its record, when it is a probable typo of an
    /// allowed one (edit distance 1–2: `acepted`, `Propsed`). Any other word is the log's own
    /// vocabulary: `status-undeclared` reports it once for the log, as a warning. The
    /// template's list of choices left in place of a status (`{proposed | rejected | …}`) is
    /// an error here too.
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
    /// `statuses = ["experimental", "sunset"]` at the top of `.adr.toml` allows
    /// more.
    pub(crate) struct StatusInvalid { id: "status-invalid", severity: Error, fixable: false, enabled: true }
}

/// The `status` key holds a list or a mapping: a finding on its record.
pub(crate) fn check_record(record: &Record, ctx: &mut RuleContext) {
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
}

/// Unknown statuses that are a probable typo of an allowed one (`acepted`), on every record
/// that has one. Any other unknown word is the log's own vocabulary: `status-undeclared`
/// reports it once for the log.
pub(crate) fn check(log: &Log, ctx: &mut RuleContext) {
    let usage = unknown_statuses(log, ctx);
    for (value, records) in &usage {
        if is_template_choice(value) {
            let allowed = allowed(ctx);
            for record in records {
                let Some(status) = &record.status else {
                    continue;
                };
                ctx.report(
                    &StatusInvalid::META,
                    record.path(),
                    Some(status.span),
                    format!("status `{}` is the template's list of choices", status.raw),
                )
                .label("not one status")
                .help(format!(
                    "write the one status that holds, e.g. `accepted`; allowed: {allowed}"
                ));
            }
            continue;
        }
        let Some(closest) = typo_of(value, ctx).map(String::from) else {
            continue;
        };
        for record in records {
            let Some(status) = &record.status else {
                continue;
            };
            let help = format!(
                "did you mean `{closest}`? allowed: {}; add more with `statuses` in .adr.toml",
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
    }
}

/// Statuses no table knows and no config allows, each with the records using it, in
/// order of first use.
pub(crate) fn unknown_statuses<'a>(
    log: &'a Log,
    ctx: &RuleContext,
) -> Vec<(String, Vec<&'a Record>)> {
    let mut usage: Vec<(String, Vec<&Record>)> = Vec::new();
    for record in &log.records {
        let Some(status) = &record.status else {
            continue;
        };
        let StatusKind::Other(value) = &status.kind else {
            continue;
        };
        if value.is_empty() || ctx.options.is_allowed_status(value) {
            continue;
        }
        match usage.iter_mut().find(|(known, _)| known == value) {
            Some((_, records)) => records.push(record),
            None => usage.push((value.clone(), vec![record])),
        }
    }
    usage
}

/// `{proposed | rejected | accepted | …}`, `[draft | proposed]`: the template's prompt left
/// in place of a status.
pub(crate) fn is_template_choice(value: &str) -> bool {
    value.starts_with(['{', '[']) || value.contains(" | ")
}

/// The allowed status `value` is probably a misspelling of (`acepted` → `accepted`).
pub(crate) fn typo_of<'a>(value: &str, ctx: &'a RuleContext) -> Option<&'a str> {
    closest_status(
        value,
        ctx.options.allowed_statuses.iter().map(String::as_str),
    )
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
