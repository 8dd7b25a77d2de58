//! Typed relations between records, as adr-tools writes them: `Amends [1. Title](0001-x.md)`
//! in one record and `Amended by [3. Other](0003-y.md)` in the other. This module knows the
//! pairs (built in, and `[[relation]]` in `.adr.toml`), the text of a relation line, and where
//! a line goes in a record; `parse::relations` reads them back and `adr link` writes them.
//! Supersession is not here: it is a status (`superseded by …`), with rules of its own.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::config::RelationPair;
use crate::edit::Edit;
use crate::model::{Record, Relation, RelationOrigin, Section};

/// The pairs every log knows, forward then reverse. The reverse names end in " by" where
/// they can, because adr-tools' `generate graph` leaves out links ending so (it draws each
/// relation once, from the record that states it).
pub const BUILTIN_PAIRS: [(&str, &str); 5] = [
    ("Amends", "Amended by"),
    ("Clarifies", "Clarified by"),
    ("Extends", "Extended by"),
    ("Depends on", "Depended on by"),
    ("Relates to", "Relates to"),
];

/// The relation names a log uses: the built-in pairs and its config's.
#[derive(Debug, Clone, Default)]
pub struct RelationKinds {
    pairs: Vec<(String, String)>,
}

impl RelationKinds {
    /// The built-in pairs and `[[relation]]` entries of the config (a config pair whose
    /// name is a built-in one replaces its reverse).
    pub fn new(configured: &[RelationPair]) -> RelationKinds {
        let mut pairs: Vec<(String, String)> = BUILTIN_PAIRS
            .iter()
            .map(|(forward, reverse)| ((*forward).to_string(), (*reverse).to_string()))
            .collect();
        for pair in configured {
            pairs.retain(|(forward, _)| !forward.eq_ignore_ascii_case(&pair.name));
            pairs.push((pair.name.clone(), pair.reverse.clone()));
        }
        RelationKinds { pairs }
    }

    /// The name as the pairs spell it (`amends` → `Amends`), either direction.
    pub fn canonical(&self, label: &str) -> Option<&str> {
        let wanted = normalize(label);
        self.pairs
            .iter()
            .flat_map(|(forward, reverse)| [forward, reverse])
            .find(|name| normalize(name) == wanted)
            .map(String::as_str)
    }

    /// The name the other record uses (`Amends` → `Amended by`, and back).
    pub fn reverse(&self, label: &str) -> Option<&str> {
        let wanted = normalize(label);
        self.pairs.iter().find_map(|(forward, reverse)| {
            if normalize(forward) == wanted {
                Some(reverse.as_str())
            } else if normalize(reverse) == wanted {
                Some(forward.as_str())
            } else {
                None
            }
        })
    }

    /// The forward names, for messages: `Amends, Clarifies, …`.
    pub fn names(&self) -> Vec<&str> {
        self.pairs
            .iter()
            .map(|(forward, _)| forward.as_str())
            .collect()
    }

    /// Whether a relation line counts: any label in a Status section (adr-tools writes any
    /// there), a known one elsewhere.
    pub fn counts(&self, relation: &Relation) -> bool {
        relation.origin == RelationOrigin::StatusSection
            || self.canonical(&relation.label).is_some()
    }
}

/// Case and spacing do not matter in a relation's name.
fn normalize(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The kind as data (`Depends on` → `depends-on`), for `graph --format json` and `export`.
pub fn kind_key(label: &str) -> String {
    normalize(label).replace(' ', "-")
}

/// How a record is named in a relation line: its H1 as written when it is one (`1. Record
/// architecture decisions`, byte for byte what adr-tools writes), else `N. Title`.
pub fn link_text(target: &Record) -> String {
    let first_line = target.source.text.lines().next().unwrap_or_default();
    let first_line = first_line.strip_prefix('\u{feff}').unwrap_or(first_line);
    if let Some(heading) = first_line.strip_prefix("# ")
        && target.title_number.is_some()
    {
        return heading.trim_end_matches('\r').to_string();
    }
    match target.number() {
        Some(number) => format!("{number}. {}", target.display_title()),
        None => target.display_title(),
    }
}

/// The relation line `from` gets for `label` to `to`: `Amends [1. Title](0001-title.md)`.
pub fn line(from: &Record, label: &str, to: &Record) -> String {
    format!(
        "{label} [{}]({})",
        link_text(to),
        crate::log_path::markdown_link(&from.rel_path, &to.rel_path)
    )
}

/// The edit adding `line` to `record`. Where adr-tools puts it when the record has a
/// `## Status` section: at that section's end, before the next `##` heading, followed by a
/// blank line (byte for byte adr-tools' `_adr_add_link`). Otherwise front matter and status
/// stay as they are and the line goes to the end of `## More Information` (MADR's place for
/// links to other decisions; a record's `## Links` list gets a bullet), added at the end of
/// the record when missing.
pub fn insertion(record: &Record, line: &str) -> Edit {
    LineSlot::of(record).edit(line)
}

/// The language of a record written in another than English, for the words added to it
/// (`## 更多信息`, `Vervangt:`). Asked only of a record that writes a heading in other words
/// than its English name: this runs for every record lint reads, and finding a record's
/// language folds each heading against every table (a third of lint's CPU at 10,000
/// records when asked of each).
pub(crate) fn written_language(record: &Record) -> Option<&'static crate::vocabulary::Language> {
    let translated = record
        .sections
        .iter()
        .any(|section| !section.key().eq_ignore_ascii_case(section.title.trim()));
    if !translated {
        return None;
    }
    let written: Vec<&str> = record.sections.iter().map(|s| s.title.as_str()).collect();
    // Dutch writes `Status` and `Context` as English does, so two Dutch headings of four do
    // not tell the language: the status word (`Geaccepteerd`) does.
    crate::vocabulary::language_written(&written).or_else(|| {
        let status = record.status.as_ref()?;
        crate::vocabulary::language_of_status(&status.raw)
    })
}

/// Where [`insertion`] puts a relation line in one record, kept without the record's text
/// (lint's log-wide rules hold this, not the record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSlot {
    at: usize,
    before: String,
    after: String,
}

impl LineSlot {
    /// The slot of `record`, as [`insertion`] describes it.
    pub fn of(record: &Record) -> LineSlot {
        let source = &record.source;
        let text = &source.text;
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let slot = |at: usize, before: String, after: String| LineSlot { at, before, after };
        if let Some(status) = record
            .sections
            .iter()
            .find(|section| section.level == 2 && section.is_named("Status"))
        {
            return status_section_slot(record, status, newline);
        }
        let end_of = |section: &Section| {
            let body = source.slice(section.body_span);
            section.body_span.start + crate::source::content_end(body)
        };
        // Any style's `## Links` list, not only MADR 2's: log4brains' template has one.
        if let Some(links) = record.section("Links").filter(|section| section.level == 2) {
            // The list's own marker: a `*` under `-` items starts a second list.
            let body = source.slice(links.body_span);
            let marker = body
                .lines()
                .map(str::trim_start)
                .find_map(|line| ["- ", "+ ", "* "].into_iter().find(|m| line.starts_with(m)))
                .unwrap_or("* ");
            return slot(end_of(links), format!("{newline}{marker}"), String::new());
        }
        match record.section("More Information") {
            Some(section) if source.slice(section.body_span).trim().is_empty() => slot(
                section.body_span.start.max(end_of(section)),
                newline.to_string(),
                newline.to_string(),
            ),
            Some(section) => slot(
                end_of(section),
                format!("{newline}{newline}"),
                String::new(),
            ),
            // In the record's language: `## 更多信息` under `## 1. 背景` (GoyacJ/octopus).
            None => {
                let heading = written_language(record)
                    .and_then(|language| language.heading("More Information"))
                    .unwrap_or("More Information");
                slot(
                    crate::source::content_end(text),
                    format!("{newline}{newline}## {heading}{newline}{newline}"),
                    end_tail(text, newline).to_string(),
                )
            }
        }
    }

    /// The edit inserting `line` here.
    pub fn edit(&self, line: &str) -> Edit {
        Edit::insert(self.at, format!("{}{line}{}", self.before, self.after))
    }
}

/// What ends a record's last line when something is added after it.
fn end_tail<'a>(text: &str, newline: &'a str) -> &'a str {
    if text.ends_with('\n') { "" } else { newline }
}

/// adr-tools' awk: the line and a blank line go before the first line after `## Status`
/// that starts with `##`; with no heading after it, at the end of the record.
fn status_section_slot(record: &Record, status: &Section, newline: &str) -> LineSlot {
    let text = &record.source.text;
    let mut at = status.body_span.start;
    while let Some(rest) = text.get(at..) {
        if rest.is_empty() {
            break;
        }
        if rest.starts_with("##") {
            return LineSlot {
                at,
                before: String::new(),
                after: format!("{newline}{newline}"),
            };
        }
        at += rest.find('\n').map_or(rest.len(), |end| end + 1);
    }
    LineSlot {
        at: crate::source::content_end(text),
        before: format!("{newline}{newline}"),
        after: end_tail(text, newline).to_string(),
    }
}

/// Whether `line` holds one of `relations` (`Relates to [X](…)`): a link there says that
/// relation, not another.
pub fn on_relation_line(relations: &[crate::model::Relation], line: usize) -> bool {
    relations.iter().any(|relation| relation.line == line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pair_both_ways_and_config_adds_pairs() {
        let kinds = RelationKinds::new(&[RelationPair {
            name: "Implements".into(),
            reverse: "Implemented by".into(),
        }]);
        assert_eq!(kinds.canonical("amends"), Some("Amends"));
        assert_eq!(kinds.canonical("depends  ON"), Some("Depends on"));
        assert_eq!(kinds.reverse("Amends"), Some("Amended by"));
        assert_eq!(kinds.reverse("amended by"), Some("Amends"));
        assert_eq!(kinds.reverse("Relates to"), Some("Relates to"));
        assert_eq!(kinds.reverse("implements"), Some("Implemented by"));
        assert_eq!(kinds.canonical("See"), None);
        assert_eq!(kind_key("Depended on by"), "depended-on-by");
    }
}
