//! Typed relation lines, adr-tools' way: `Amends [1. Title](0001-title.md)` on a line of
//! its own, in the `## Status` section (where `adr link` and adr-tools write them) or in
//! `## More Information` / `## Links` (where `adr link` writes them in MADR records).
//! Supersession is read elsewhere: it is a status, not a relation.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::model::{RecordRef, Relation, RelationOrigin, Section};
use crate::source::{SourceFile, Span};

/// The longest label read as a relation's, in words: longer text before a link is prose.
const MAX_LABEL_WORDS: usize = 4;

/// Every relation line in the record's Status, More Information and Links sections.
pub(crate) fn read(source: &SourceFile, sections: &[Section]) -> Vec<Relation> {
    let mut relations = Vec::new();
    for section in sections.iter().filter(|section| section.level >= 2) {
        let origin = if section.is_named("Status") {
            RelationOrigin::StatusSection
        } else if section.is_named("More Information") || section.is_named("Links") {
            RelationOrigin::OtherSection
        } else {
            continue;
        };
        for (line, span) in source.lines_in(section.body_span) {
            if let Some(relation) = relation_line(source, span, line, origin) {
                relations.push(relation);
            }
        }
    }
    relations
}

/// `Label [text](target)` (a list marker before it allowed), the target a record's file.
fn relation_line(
    source: &SourceFile,
    span: Span,
    line: usize,
    origin: RelationOrigin,
) -> Option<Relation> {
    let text = source.slice(span).trim_end();
    let content = text.trim_start();
    let content = content
        .strip_prefix("* ")
        .or_else(|| content.strip_prefix("- "))
        .unwrap_or(content)
        .trim_start();
    let (label, link) = content.split_once(" [")?;
    let label = label.trim();
    let words = label.split_whitespace().count();
    let is_label = (1..=MAX_LABEL_WORDS).contains(&words)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    if !is_label || is_supersession(label) {
        return None;
    }
    // The whole rest of the line is one link: `[text](target)`.
    let link = link.trim_end();
    let (_, target) = link.split_once("](")?;
    let target = target.strip_suffix(')')?;
    if target.contains(['(', ')', ' ']) || !is_record_file(target) {
        return None;
    }
    let target = RecordRef::parse(&format!("[{link}"))?;
    // `content` is what is left of `text` after its front was trimmed: a suffix of it.
    let start = span.start + (text.len() - content.len());
    Some(Relation {
        label: label.to_string(),
        target,
        span: Span::new(start, span.start + text.len()),
        line,
        origin,
    })
}

fn is_supersession(label: &str) -> bool {
    let lower = label.to_lowercase();
    // "Supercede" is how a good share of logs spell it.
    lower.starts_with("supersede") || lower.starts_with("supercede") || lower == "replaces"
}

/// A relative link to a Markdown file named like a record (`0001-x.md`, `../a/0002-y.md`).
fn is_record_file(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    if path.contains("://") || path.starts_with('/') {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.ends_with(".md") && crate::discover::FileName::parse(name).is_some()
}

/// Each record `supersedes` names, once, at its first mention: a record naming what it
/// supersedes twice (a `- supersedes:` bullet and a sentence, univention) supersedes it once
/// (lint reported each mention, the export listed `[6, 6]`). References are the same when
/// they give the same number, or, without one, the same link target.
pub(super) fn each_once(
    supersedes: Vec<crate::model::Located<crate::model::RecordRef>>,
) -> Vec<crate::model::Located<crate::model::RecordRef>> {
    let mut seen: Vec<(Option<u32>, Option<String>)> = Vec::new();
    supersedes
        .into_iter()
        .filter(|reference| {
            let value = &reference.value;
            let key = match value.number {
                Some(number) => (Some(number), None),
                None => (
                    None,
                    value
                        .target
                        .as_deref()
                        .map(|target| target.trim().trim_start_matches("./").to_string()),
                ),
            };
            if key != (None, None) && seen.contains(&key) {
                return false;
            }
            seen.push(key);
            true
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relations_of(text: &str) -> Vec<(String, Option<u32>, RelationOrigin)> {
        let source = SourceFile::new("0002-x.md", text.to_string());
        let record = crate::parse::parse_record(
            source,
            "0002-x.md".into(),
            crate::discover::FileName::parse("0002-x.md").unwrap(),
        )
        .unwrap();
        record
            .relations
            .iter()
            .map(|relation| {
                (
                    relation.label.clone(),
                    relation.target.number,
                    relation.origin,
                )
            })
            .collect()
    }

    #[test]
    fn reads_adr_tools_status_lines() {
        let text = "# 2. X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmends [1. Record decisions](0001-record-decisions.md)\n\nSuperseded by [3. Y](0003-y.md)\n\nImplemented by [4. Z](0004-z.md)\n\n## Context\n\nDepends on [1. R](0001-r.md)\n";
        assert_eq!(
            relations_of(text),
            [
                ("Amends".into(), Some(1), RelationOrigin::StatusSection),
                (
                    "Implemented by".into(),
                    Some(4),
                    RelationOrigin::StatusSection
                ),
            ]
        );
    }

    #[test]
    fn reads_madr_more_information_lines_and_not_prose() {
        let text = "---\nstatus: accepted\n---\n# X\n\n## More Information\n\n* Clarifies [ADR-0001](0001-a.md)\n\nSee the discussion in [ADR-0001](0001-a.md) for the reasons we had\n\nRelates to [Ünïcode Tïtle](0003-ü.md)\n\nDocs [site](https://example.org/0001-a.md)\n";
        assert_eq!(
            relations_of(text),
            [
                ("Clarifies".into(), Some(1), RelationOrigin::OtherSection),
                ("Relates to".into(), Some(3), RelationOrigin::OtherSection),
            ]
        );
    }
}
