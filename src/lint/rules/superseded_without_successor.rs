#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;
use crate::model::StatusOrigin;

declare_rule! {
    /// ## What it does
    /// Checks that a record whose status is `superseded` names the record that replaced it.
    ///
    /// The successor counts as named when the status says it (`superseded by ADR-0007`,
    /// `Superseded by [7. Use Kafka](0007-use-kafka.md)`) or a `superseded-by:` front-matter
    /// key does. When another record of the log says it supersedes this one, the help names
    /// it; otherwise nobody can tell, and `--fix` does not guess.
    ///
    /// ## Why is this bad?
    /// A reader who lands on a superseded decision needs the one in force. Without the link
    /// they search the log by hand, and indexes and sites cannot draw the relation.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: superseded
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: superseded by [ADR-0007](0007-use-kafka.md)
    /// ---
    /// ```
    pub(crate) struct SupersededWithoutSuccessor { id: "superseded-without-successor", severity: Warning, fixable: false, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    for old in &log.records {
        let Some(status) = &old.status else { continue };
        if status.kind != StatusKind::Superseded || status.superseded_by.is_some() {
            continue;
        }
        // Records that say they supersede this one: the successor is known, only not here.
        let successors: Vec<&RecordFacts> = log
            .records
            .iter()
            .filter(|new| !std::ptr::eq(*new, old))
            .filter(|new| {
                new.supersedes.iter().any(|reference| {
                    log.resolve_from(new, &reference.value)
                        .is_some_and(|target| std::ptr::eq(target, old))
                })
            })
            .collect();
        // `<adr-status status='superseded'>` (wahllokalsystem's component) has no room for
        // a successor: the one that says it supersedes this record names it.
        if !successors.is_empty()
            && crate::model::tag_attribute_range(&status.raw, "status").is_some()
        {
            continue;
        }
        let this = old
            .number()
            .map_or_else(|| old.slug().to_string(), |number| number.to_string());
        let (help, example) = match successors.as_slice() {
            [new] => (
                format!(
                    "name `{}`, which says it supersedes this record",
                    new.rel_path
                ),
                Some(*new),
            ),
            _ => ("name the record that replaces this one".to_string(), None),
        };
        let reference = match example {
            Some(new) => reference_to(old, new),
            None => placeholder_reference(old),
        };
        let how = match status.origin {
            StatusOrigin::FrontMatter => format!("`status: superseded by {reference}`"),
            StatusOrigin::Bullet => format!("`* Status: superseded by {reference}`"),
            StatusOrigin::Section => {
                format!("`Superseded by {reference}` in the `## Status` section")
            }
            StatusOrigin::Table => format!("`Superseded by {reference}` in the status cell"),
        };
        let command = match example.and_then(RecordFacts::number) {
            Some(number) => format!("`adr status {this} \"superseded by {number}\"`"),
            None => format!("`adr status {this} \"superseded by N\"`"),
        };
        let diagnostic = ctx
            .report(
                &SupersededWithoutSuccessor::META,
                old.path(),
                Some(status.span),
                "the status says `superseded` but names no successor",
            )
            .label("superseded by which record?")
            .help(format!("{help}: write {how}, or run {command}"));
        if let Some(new) = example {
            diagnostic.secondary(
                new.path().clone(),
                new.supersedes
                    .iter()
                    .find(|reference| {
                        log.resolve_from(new, &reference.value)
                            .is_some_and(|target| std::ptr::eq(target, old))
                    })
                    .map(|reference| reference.span),
                "supersedes it here",
            );
        }
    }
}

/// How `old` names `new` in its own layout: `[7. Title](…)` for adr-tools, `[ADR-0007](…)`.
fn reference_to(old: &RecordFacts, new: &RecordFacts) -> String {
    let link = crate::log_path::markdown_link(&old.rel_path, &new.rel_path);
    match (old.style, new.number()) {
        (Style::Nygard, Some(number)) => format!("[{number}. {}]({link})", new.display_title()),
        (_, Some(number)) => format!("[{}]({link})", crate::model::adr_id(number)),
        (_, None) => format!("[{}]({link})", new.display_title()),
    }
}

/// A link to a record of the log as its files are named (`[ADR-NNNN](ADR-NNNN-title.md)`
/// beside `ADR-0007-api-v3.md`), for a help that shows the shape to write.
fn placeholder_reference(old: &RecordFacts) -> String {
    let generic = "[ADR-NNNN](NNNN-title.md)".to_string();
    let name = old.rel_path.rsplit('/').next().unwrap_or(&old.rel_path);
    let (Some(_), Some(at)) = (old.number(), name.find(|c: char| c.is_ascii_digit())) else {
        return generic;
    };
    let (Some(before), Some(rest)) = (name.get(..at), name.get(at..)) else {
        return generic;
    };
    let width = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(width..).unwrap_or_default();
    let slug = old.slug();
    let after = match slug.is_empty() {
        true => after.to_string(),
        false => after.replacen(slug, "title", 1),
    };
    format!("[ADR-NNNN]({before}{}{after})", "N".repeat(width))
}
