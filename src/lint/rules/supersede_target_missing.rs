use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that "superseded by" and "supersedes" name records that exist.
    ///
    /// The status and the supersedes lines may name the record by link, number or
    /// (log4brains) slug. When another record of the log says it supersedes this one, the
    /// help names it: that is usually the successor the broken link meant.
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
    pub(crate) struct SupersedeTargetMissing { id: "supersede-target-missing", severity: Error, fixable: false, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    for record in &log.records {
        let successors = record
            .status
            .as_ref()
            .map_or_else(Vec::new, |s| s.successors());
        // `superseded by 4 and 7`: each successor must be a record.
        for (status, reference) in successors
            .iter()
            .filter(|reference| {
                log.can_resolve(reference)
                    && log.resolve_from(record, reference).is_none()
                    && !names_a_file_beyond_the_log(record, reference)
            })
            .filter_map(|reference| Some((record.status.as_ref()?, reference)))
        {
            let diagnostic = ctx.report(
                &SupersedeTargetMissing::META,
                record.path(),
                Some(status.span),
                format!(
                    "superseded by `{}`, which is not a record of this log",
                    reference.label()
                ),
            );
            diagnostic.label("no such record");
            // A successor the status already names is no hint for the missing one.
            let already_named = |successor: &RecordFacts| {
                successors.iter().any(|named| {
                    log.resolve_from(record, named)
                        .is_some_and(|found| std::ptr::eq(found, successor))
                })
            };
            match claimed_successor(log, record).filter(|(successor, _)| !already_named(successor))
            {
                Some((successor, line)) => {
                    diagnostic
                        .help(format!(
                            "`{}` says it supersedes this record: if it is the successor, \
                             write `superseded by [{}]({})`",
                            successor.rel_path,
                            successor
                                .number()
                                .map_or_else(|| successor.display_title(), crate::model::adr_id),
                            link_target(record, successor)
                        ))
                        .secondary(
                            successor.path().clone(),
                            Some(line),
                            "this record says it supersedes it",
                        );
                }
                None => {
                    diagnostic.help(
                        "name the record that replaces this one, e.g. \
                         `superseded by [ADR-0012](0012-slug.md)`",
                    );
                }
            }
        }
        for reference in &record.supersedes {
            if log.resolve_from(record, &reference.value).is_some()
                || !log.can_resolve(&reference.value)
                || names_a_file_beyond_the_log(record, &reference.value)
            {
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

/// The first record (in log order) that says it supersedes `record`, with the place it
/// says so.
fn claimed_successor<'l>(
    log: &'l LogFacts,
    record: &RecordFacts,
) -> Option<(&'l RecordFacts, Span)> {
    log.records.iter().find_map(|other| {
        other
            .supersedes
            .iter()
            .find(|reference| {
                log.resolve_from(other, &reference.value)
                    .is_some_and(|target| target.path() == record.path())
            })
            .map(|reference| (other, reference.span))
    })
}

/// The successor's path as a link from the record's file.
fn link_target(record: &RecordFacts, successor: &RecordFacts) -> String {
    let depth = record.rel_path.matches('/').count();
    crate::log_path::markdown_destination(&format!(
        "{}{}",
        "../".repeat(depth),
        successor.rel_path
    ))
}

/// A link out of the log to a file that is there (`../../../docs/adr/0015-….md`, a record
/// of another log of the repository: katana-openapi-client): this log cannot tell whether
/// it is a record, and the help to remove the line was wrong. `link-broken` checks links.
fn names_a_file_beyond_the_log(record: &RecordFacts, reference: &crate::model::RecordRef) -> bool {
    let Some(target) = &reference.target else {
        return false;
    };
    let path = target.split(['#', '?']).next().unwrap_or(target);
    path.starts_with("../")
        && record.path().parent().is_some_and(|dir| {
            dir.join(crate::log_path::percent_decode_path(path))
                .is_file()
        })
}
