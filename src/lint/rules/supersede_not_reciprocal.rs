use crate::lint::links;
use crate::lint::prelude::*;
use crate::log_path::relative_link;
use crate::source::SourceFile;

declare_rule! {
    /// ## What it does
    /// Checks that supersession is recorded on both sides.
    ///
    /// When record A says it is
    /// superseded by B, B must mention A (a "supersedes" line or any link to A) and B must
    /// be in force (not `proposed`, `rejected` or `deprecated`); and when B says it
    /// supersedes A, A's status must say so rather than still being `accepted` or
    /// `proposed` (unless B supersedes only part of A: "supersedes some aspects of",
    /// "partially supersedes").
    ///
    /// ## Why is this bad?
    /// A reader who lands on B cannot find the decision it replaced, or a reader of A is not
    /// told A is no longer in force. A superseding record that was never accepted leaves no
    /// decision in force at all.
    ///
    /// ## Example
    /// `0003-use-rabbitmq.md`:
    /// ```markdown
    /// ---
    /// status: superseded by [ADR-0007](0007-use-kafka.md)
    /// ---
    /// ```
    /// and `0007-use-kafka.md`, which never mentions ADR-0003.
    ///
    /// Use instead: `0007-use-kafka.md` links back:
    /// ```markdown
    /// ## More Information
    ///
    /// This decision supersedes [ADR-0003](0003-use-rabbitmq.md): Use RabbitMQ.
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds the missing back-link to B the way `adr new --supersedes` writes it: a
    /// `Supersedes [3. Title](…)` line in an adr-tools `## Status` section, a
    /// `* Supersedes [ADR-0003](…)` bullet under MADR 2's `## Links`, otherwise a sentence
    /// in `## More Information` (the section is added at the end when missing). Nothing
    /// else in either file changes. A superseding record that is not accepted, and a status
    /// that does not say "superseded", are reported but left for a person to change.
    pub(crate) struct SupersedeNotReciprocal { id: "supersede-not-reciprocal", severity: Warning, fixable: true, enabled: true }
}

pub(crate) fn check(log: &Log, ctx: &mut RuleContext) {
    for old in &log.records {
        let Some(status) = &old.status else { continue };
        let Some(reference) = &status.superseded_by else {
            continue;
        };
        let Some(new) = log.resolve_from(old, reference) else {
            continue;
        };
        if std::ptr::eq(new, old) {
            continue;
        }
        let label = reference.label();
        if !mentions(log, new, old) {
            // The fix goes after a section of `new`, which log-wide rules get without.
            let Some(new_in_full) = ctx.reparse(new) else {
                continue; // the text cannot be had: the run fails
            };
            let fix = back_link_fix(&new_in_full, old);
            ctx.report(
                &SupersedeNotReciprocal::META,
                old.path(),
                Some(status.span),
                format!(
                    "superseded by `{label}`, but `{}` does not link back to this record",
                    new.rel_path
                ),
            )
            .help(format!(
                "add `Supersedes [{}]({})` to `{}`",
                link_text(new, old),
                relative_link(&new.rel_path, &old.rel_path),
                new.rel_path
            ))
            .secondary(
                new.path().clone(),
                Some(new_in_full.head_span()),
                "the superseding record",
            )
            .fix(fix);
            continue;
        }
        if let Some(new_status) = &new.status
            && matches!(
                new_status.kind,
                StatusKind::Draft
                    | StatusKind::Proposed
                    | StatusKind::Rejected
                    | StatusKind::Deprecated
            )
        {
            ctx.report(
                &SupersedeNotReciprocal::META,
                old.path(),
                Some(status.span),
                format!(
                    "superseded by `{label}`, which is `{}`, not accepted",
                    new_status.keyword()
                ),
            )
            .help(format!(
                "accept `{}` first, or give this record back its status",
                new.rel_path
            ))
            .secondary(
                new.path().clone(),
                Some(new_status.span),
                "the superseding record's status",
            );
        }
    }
    for new in &log.records {
        for reference in &new.supersedes {
            let Some(old) = log.resolve_from(new, &reference.value) else {
                continue;
            };
            if std::ptr::eq(new, old) {
                continue;
            }
            let Some(old_status) = &old.status else {
                continue;
            };
            if !matches!(old_status.kind, StatusKind::Accepted | StatusKind::Proposed) {
                continue;
            }
            // Last, as it reads the text, which log-wide rules get only on asking.
            let Some(source) = ctx.source(new) else {
                continue; // the text cannot be had: the run fails
            };
            if is_partial(&source, reference.span) {
                continue;
            }
            ctx.report(
                &SupersedeNotReciprocal::META,
                new.path(),
                Some(reference.span),
                format!(
                    "supersedes `{}`, but its status is still `{}`",
                    old.rel_path,
                    old_status.keyword()
                ),
            )
            .help(format!(
                "set the status of `{}` to `superseded by` this record (`adr status {} \"superseded by {}\"`)",
                old.rel_path,
                old.number().map_or_else(|| old.slug().to_string(), |n| n.to_string()),
                new.number().map_or_else(|| new.slug().to_string(), |n| n.to_string()),
            ))
            .secondary(old.path().clone(), Some(old_status.span), "still in force here");
        }
    }
}

/// Whether `new` names `old`: a supersedes line resolving to it, or any link to its file.
fn mentions(log: &Log, new: &Record, old: &Record) -> bool {
    new.supersedes
        .iter()
        .filter_map(|reference| log.resolve_from(new, &reference.value))
        .any(|record| std::ptr::eq(record, old))
        || new
            .links
            .iter()
            .any(|link| links::resolve(new, link).is_some_and(|target| target.path == *old.path()))
}

fn link_text(new: &Record, old: &Record) -> String {
    match (new.style, old.number()) {
        (Style::Nygard, Some(number)) => format!("{number}. {}", old.display_title()),
        (_, Some(number)) => crate::model::adr_id(number),
        (_, None) => old.slug().to_string(),
    }
}

/// The edit adding "supersedes old" to `new`, in `new`'s own layout.
fn back_link_fix(new: &Record, old: &Record) -> Fix {
    let source = &new.source;
    let newline = if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let link = format!(
        "[{}]({})",
        link_text(new, old),
        relative_link(&new.rel_path, &old.rel_path)
    );
    let end_of = |section: &crate::model::Section| {
        let body = source.slice(section.body_span);
        section.body_span.start + body.trim_end().len()
    };
    let (at, text) = if let (Style::Nygard, Some(section)) = (new.style, new.section("Status")) {
        (
            end_of(section),
            format!("{newline}{newline}Supersedes {link}"),
        )
    } else if new.style == Style::Madr2 {
        match new.section("Links") {
            Some(section) => (end_of(section), format!("{newline}* Supersedes {link}")),
            None => append_section(source, newline, "Links", &format!("* Supersedes {link}")),
        }
    } else {
        let sentence = format!("This decision supersedes {link}: {}.", old.display_title());
        match new.section("More Information") {
            Some(section) if !source.slice(section.body_span).trim().is_empty() => {
                (end_of(section), format!("{newline}{newline}{sentence}"))
            }
            Some(section) => (end_of(section), format!("{newline}{newline}{sentence}")),
            None => append_section(source, newline, "More Information", &sentence),
        }
    };
    Fix {
        path: new.path().clone(),
        edits: vec![Edit::insert(at, text)],
        description: format!("added a link back to `{}`", old.rel_path),
    }
}

fn append_section(
    source: &crate::source::SourceFile,
    newline: &str,
    heading: &str,
    content: &str,
) -> (usize, String) {
    let end = source.text.trim_end().len();
    (
        end,
        format!("{newline}{newline}## {heading}{newline}{newline}{content}"),
    )
}

/// "supersedes some aspects of", "partially supersedes": the old record stays in force.
pub(crate) fn is_partial(source: &SourceFile, span: Span) -> bool {
    let line_start = source.line_start(source.line_of(span.start));
    let before = source
        .text
        .get(line_start..span.start)
        .unwrap_or("")
        .to_lowercase();
    ["partial", "aspects", "part of", "parts of", "in part"]
        .iter()
        .any(|qualifier| before.contains(qualifier))
}
