use crate::lint::prelude::*;
use crate::log_path::markdown_link;

declare_rule! {
    /// ## What it does
    /// Checks that every typed relation is stated on both sides: a record that `Amends`
    /// another is named `Amended by` there, and likewise for `Clarifies`/`Clarified by`,
    /// `Extends`/`Extended by`, `Depends on`/`Depended on by` and the `[[relation]]` pairs
    /// of `.adr.toml`. `Relates to` is its own reverse and names no direction, so one side
    /// stating it is enough.
    ///
    /// A relation is a line of its own, `Amends [1. Title](0001-title.md)`, in the `## Status`
    /// section (where adr-tools and `adr link` write it) or under `## More Information`.
    /// Supersession has its own rule, `supersede-not-reciprocal`; a label with no known
    /// reverse (one adr-tools was given once, by hand) is not checked.
    ///
    /// ## Why is this bad?
    /// A reader of the amended record is not told that another decision changed it, and
    /// follows a rule that no longer holds as written.
    ///
    /// ## Example
    /// `0003-use-nats.md`:
    /// ```markdown
    /// ## Status
    ///
    /// Accepted
    ///
    /// Amends [1. Use Kafka](0001-use-kafka.md)
    /// ```
    /// and `0001-use-kafka.md`, which does not mention ADR 3.
    ///
    /// Use instead: `0001-use-kafka.md` says so too (`adr link 3 amends 1` writes both):
    /// ```markdown
    /// ## Status
    ///
    /// Accepted
    ///
    /// Amended by [3. Use NATS](0003-use-nats.md)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the reverse line into the other record where `adr link` would: at the
    /// end of its `## Status` section, else at the end of `## More Information` (added when
    /// missing). Nothing else in the file changes.
    ///
    /// ## Options
    /// `[[relation]]` entries (`name`, `reverse`) in `.adr.toml` add pairs.
    pub(crate) struct RelationNotReciprocal { id: "relation-not-reciprocal", severity: Warning, fixable: true, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let kinds = ctx.options.relation_kinds.clone();
    for from in &log.records {
        for relation in from.relations.iter().filter(|r| kinds.counts(r)) {
            let Some(reverse) = kinds.reverse(&relation.label) else {
                continue; // a label of the log's own, whose reverse nobody declared
            };
            // `Relates to` names no direction: one side saying it misleads nobody, and
            // MADR 2's `## Links` lists are written one way.
            if kinds.canonical(&relation.label) == Some(reverse) {
                continue;
            }
            let Some(to) = log.resolve_from(from, &relation.target) else {
                continue; // `link-broken` reports a link to no record
            };
            if std::ptr::eq(to, from) {
                continue;
            }
            let says_back = to.relations.iter().any(|back| {
                kinds.canonical(&back.label) == Some(reverse)
                    && log
                        .resolve_from(to, &back.target)
                        .is_some_and(|named| std::ptr::eq(named, from))
            });
            if says_back {
                continue;
            }
            let line = format!(
                "{reverse} [{}]({})",
                from.link_text(),
                markdown_link(&to.rel_path, &from.rel_path)
            );
            let edit = to.relation_slot.edit(&line);
            ctx.report(
                &RelationNotReciprocal::META,
                from.path(),
                Some(relation.span),
                format!(
                    "`{}` `{}`, which does not say `{reverse}` back to this record",
                    relation.label, to.rel_path
                ),
            )
            .help(format!(
                "add `{reverse} [{}]({})` to `{}`",
                from.link_text(),
                markdown_link(&to.rel_path, &from.rel_path),
                to.rel_path
            ))
            .secondary(to.path().clone(), Some(to.head_span), "the record named")
            .fix(Fix {
                path: to.path().clone(),
                edits: vec![edit],
                description: format!("added `{line}`"),
            });
        }
    }
}
