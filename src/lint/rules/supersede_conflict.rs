#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeMap;

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that no record is superseded twice.
    ///
    /// When B says it supersedes A, A must not name a different successor, and no third
    /// record may claim A as well.
    ///
    /// Chains are fine: when A names C and C was itself superseded by B (or B also
    /// supersedes C), B replaced both. So is a partial replacement ("supersedes some
    /// aspects of A").
    ///
    /// ## Why is this bad?
    /// Two records that each claim to replace the same decision leave the reader with two
    /// decisions in force, or a chain that points two ways; usually one of them was written
    /// before the other was known, or a number was mistyped.
    ///
    /// ## Example
    /// `0003-use-rabbitmq.md`:
    /// ```markdown
    /// ---
    /// status: superseded by [ADR-0007](0007-use-kafka.md)
    /// ---
    /// ```
    /// and `0009-use-sqs.md`:
    /// ```markdown
    /// Supersedes [ADR-0003](0003-use-rabbitmq.md)
    /// ```
    ///
    /// Use instead: `0009-use-sqs.md` supersedes the record that is in force:
    /// ```markdown
    /// Supersedes [ADR-0007](0007-use-kafka.md)
    /// ```
    pub(crate) struct SupersedeConflict { id: "supersede-conflict", severity: Warning, fixable: false, enabled: true, log: check }
}

/// How far a chain of supersessions is followed: a log is not a hundred decisions deep on
/// one topic, and a cycle must end.
const CHAIN_LIMIT: usize = 64;

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    // Who claims to supersede whom, indexed once: comparing every pair of records would be
    // quadratic in the log.
    let mut claims: BTreeMap<usize, Vec<(usize, Span)>> = BTreeMap::new();
    for (new_index, new) in log.records.iter().enumerate() {
        for reference in &new.supersedes {
            if let Some(old_index) = log.index_from(new, &reference.value)
                && old_index != new_index
            {
                let claimants = claims.entry(old_index).or_default();
                if !claimants.iter().any(|(index, _)| *index == new_index) {
                    claimants.push((new_index, reference.span));
                }
            }
        }
    }
    for (old_index, claimants) in claims {
        let Some(old) = log.records.get(old_index) else {
            continue;
        };
        let claimants: Vec<(&RecordFacts, Span)> = claimants
            .into_iter()
            .filter_map(|(index, span)| Some((log.records.get(index)?, span)))
            .collect();
        if claimants.is_empty() {
            continue;
        }
        let named = old
            .superseded_by()
            .and_then(|reference| log.resolve_from(old, reference))
            .filter(|named| !std::ptr::eq(*named, old));
        // `Superseded by [ADR 23](…) and [ADR 26](…)` (Hydra): each is a successor it names.
        let successors: Vec<&RecordFacts> = old
            .status
            .as_ref()
            .map(crate::model::Status::successors)
            .unwrap_or_default()
            .iter()
            .filter_map(|reference| log.resolve_from(old, reference))
            .collect();
        match named {
            Some(named) => {
                for (new, span) in &claimants {
                    if std::ptr::eq(*new, named)
                        || successors.iter().any(|named| std::ptr::eq(*named, *new))
                        || in_one_chain(log, new, named)
                    {
                        continue;
                    }
                    if is_partial_claim(new, *span) {
                        continue;
                    }
                    let Some(status) = &old.status else { continue };
                    ctx.report(
                        &SupersedeConflict::META,
                        new.path(),
                        Some(*span),
                        format!(
                            "supersedes `{}`, which names `{}` as its successor",
                            old.rel_path, named.rel_path
                        ),
                    )
                    .label("a second successor")
                    .help(format!(
                        "supersede `{}` instead if it is the decision in force, or correct the status of `{}`",
                        named.rel_path, old.rel_path
                    ))
                    .secondary(
                        old.path().clone(),
                        Some(status.span),
                        "its status names another record",
                    );
                }
            }
            None => {
                // Nobody named by the old record: two claims that are not a chain conflict.
                let Some((first, first_span)) = claimants.first() else {
                    continue;
                };
                for (new, span) in claimants.iter().skip(1) {
                    if in_one_chain(log, new, first) || is_partial_claim(new, *span) {
                        continue;
                    }
                    if is_partial_claim(first, *first_span) {
                        continue;
                    }
                    ctx.report(
                        &SupersedeConflict::META,
                        new.path(),
                        Some(*span),
                        format!(
                            "supersedes `{}`, which `{}` supersedes too",
                            old.rel_path, first.rel_path
                        ),
                    )
                    .label("a second successor")
                    .help(format!(
                        "supersede `{}` instead if it replaced `{}`, or remove one of the two claims",
                        first.rel_path, old.rel_path
                    ))
                    .secondary(
                        first.path().clone(),
                        Some(*first_span),
                        "the first claim",
                    );
                }
            }
        }
    }
}

/// Whether one of the two records replaced the other, directly or through a chain of
/// `superseded by` / `supersedes` links.
fn in_one_chain(log: &LogFacts, a: &RecordFacts, b: &RecordFacts) -> bool {
    replaced(log, a, b) || replaced(log, b, a)
}

/// Whether `new` replaced `old`: `old` names `new` (or a record `new` replaced) as its
/// successor, or `new` says it supersedes `old` (or a record that replaced `old`).
fn replaced(log: &LogFacts, new: &RecordFacts, old: &RecordFacts) -> bool {
    let mut current = old;
    for _ in 0..CHAIN_LIMIT {
        let Some(next) = current
            .superseded_by()
            .and_then(|reference| log.resolve_from(current, reference))
        else {
            break;
        };
        if std::ptr::eq(next, current) {
            break;
        }
        if std::ptr::eq(next, new) {
            return true;
        }
        current = next;
    }
    let mut frontier = vec![new];
    let mut steps = 0;
    while let Some(record) = frontier.pop() {
        steps += 1;
        if steps > CHAIN_LIMIT {
            break;
        }
        for reference in &record.supersedes {
            let Some(target) = log.resolve_from(record, &reference.value) else {
                continue;
            };
            if std::ptr::eq(target, old) {
                return true;
            }
            if !std::ptr::eq(target, record) {
                frontier.push(target);
            }
        }
    }
    false
}

/// "supersedes some aspects of", "partially supersedes": the claim is to a part only.
fn is_partial_claim(new: &RecordFacts, span: Span) -> bool {
    new.supersedes
        .iter()
        .any(|claim| claim.span == span && claim.is_partial)
}
