#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that a record whose front matter states a status does not say another in
    /// its body: a `## Status` section, a `* Status:` bullet or a `Status:` line kept when
    /// front matter was added on top of an older record.
    ///
    /// Two statuses of one kind agree whatever their words (`accepted` and `Approved`).
    ///
    /// It also checks that a record naming its successor in a field of its own
    /// (`- superseded by: [0010 …](…)`) does not say in its status that it is in force.
    ///
    /// ## Why is this bad?
    /// Tools read the front matter; readers of the file on GitHub read the body. When they
    /// disagree, half of them are told the wrong thing about whether the decision is in
    /// force. `adr status` rewrites both.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    /// # 2. Use Redis
    ///
    /// ## Status
    ///
    /// Proposed
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    /// # 2. Use Redis
    ///
    /// ## Status
    ///
    /// Accepted
    /// ```
    pub(crate) struct StatusConflict { id: "status-conflict", severity: Warning, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    if let (Some(status), Some(successor)) = (&record.status, &record.successor_beside_status) {
        ctx.report(
            &StatusConflict::META,
            record.path(),
            Some(status.span),
            format!(
                "the status is `{}`, but the record names its successor `{}`",
                status.raw.trim(),
                successor.value.text.trim()
            ),
        )
        .label("the status")
        .secondary(record.path().clone(), Some(successor.span), "the successor")
        .help(format!(
            "if it is superseded, `adr status {} \"superseded by {}\"` says so; if not, empty the field",
            record
                .number()
                .map_or_else(|| record.rel_path.clone(), |number| number.to_string()),
            successor
                .value
                .number
                .map_or_else(|| "N".to_string(), |number| number.to_string())
        ));
    }
    let (Some(status), Some(restated)) = (&record.status, &record.status_restated) else {
        return;
    };
    if status.kind == restated.kind {
        return;
    }
    // A record in a sub-folder (`deprecated/0002-…`) may share its number with one above:
    // its file names it for sure.
    let number = record
        .number()
        .filter(|_| !record.rel_path.contains('/'))
        .map_or_else(|| record.rel_path.clone(), |number| number.to_string());
    ctx.report(
        &StatusConflict::META,
        record.path(),
        Some(restated.span),
        format!(
            "the body says the status is `{}`, the front matter `{}`",
            restated.raw.trim(),
            status.raw.trim()
        ),
    )
    .label("the body's status")
    .secondary(record.path().clone(), Some(status.span), "the front matter's")
    .help(format!(
        "make them agree: `adr status {number} <status>` rewrites both"
    ));
}
