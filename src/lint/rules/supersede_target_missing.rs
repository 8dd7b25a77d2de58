use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that "superseded by" and "supersedes" name records that exist.
    ///
    /// The status and the supersedes lines may name the record by link, number or
    /// (log4brains) slug.
    ///
    /// ## Why is this bad?
    /// "Superseded by ADR-0019" is the one pointer from an outdated decision to the one in
    /// force. If ADR-0019 does not exist (a typo, a record never merged), readers of the old
    /// record are stranded.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: superseded by [ADR-0019](0019-use-nats.md)
    /// ---
    /// ```
    /// (with no record 0019 in the log)
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: superseded by [ADR-0018](0018-use-nats.md)
    /// ---
    /// ```
    pub(crate) struct SupersedeTargetMissing { id: "supersede-target-missing", severity: Error, fixable: false, enabled: true }
}

pub(crate) fn check(log: &Log, ctx: &mut RuleContext) {
    for record in &log.records {
        if let Some(status) = &record.status
            && let Some(reference) = &status.superseded_by
            && log.resolve(reference).is_none()
        {
            ctx.report(
                &SupersedeTargetMissing::META,
                record.path(),
                Some(status.span),
                format!(
                    "superseded by `{}`, which is not a record of this log",
                    reference.label()
                ),
            )
            .label("no such record")
            .help("name the record that replaces this one, e.g. `superseded by [ADR-0012](0012-slug.md)`");
        }
        for reference in &record.supersedes {
            if log.resolve(&reference.value).is_some() {
                continue;
            }
            ctx.report(
                &SupersedeTargetMissing::META,
                record.path(),
                Some(reference.span),
                format!(
                    "supersedes `{}`, which is not a record of this log",
                    reference.value.label()
                ),
            )
            .label("no such record")
            .help("link to the record this one replaces, or remove the line");
        }
    }
}
