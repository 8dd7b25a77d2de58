//! Metadata into front matter: MADR 2 `* Status:` bullets, adr-tools `Date:` lines and a
//! Nygard `## Status` section become front-matter keys (in MADR 4's order), and MADR 3's
//! `deciders` becomes `decision-makers`.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeSet;

use crate::edit::{Edit, yaml_scalar};
use crate::model::{Record, Section, Status, StatusKind, StatusOrigin};
use crate::parse::legacy::{BULLET_LABELS, labelled_value};
use crate::parse::markdown::Outline;
use crate::source::{SourceFile, Span};

use super::{Plan, YamlValue};

/// Labels adr-tools writes as plain `Label: value` lines under the title.
const LINE_LABELS: [&str; 3] = ["date", "deciders", "tags"];

/// Front-matter keys in the order MADR 4's template lists them (`tags` is log4brains').
const KEY_ORDER: [&str; 6] = [
    "status",
    "date",
    "decision-makers",
    "consulted",
    "informed",
    "tags",
];

/// The key a bullet or line label stands for in MADR 4.
fn key_of(label: &str) -> Option<&'static str> {
    Some(match label {
        "status" => "status",
        "date" => "date",
        "deciders" | "decision-makers" | "decision makers" => "decision-makers",
        "tags" => "tags",
        "consulted" => "consulted",
        "informed" => "informed",
        _ => return None,
    })
}

pub(super) fn front_matter_has(record: &Record, key: &str) -> bool {
    record.front_matter.as_ref().is_some_and(|front_matter| {
        front_matter.get(key).is_some()
            || (key == "decision-makers" && front_matter.get("deciders").is_some())
    })
}

/// MADR 2 `* Status: …` bullets and adr-tools `Date: …` lines between the title and the
/// first section: each becomes a front-matter key and its lines go.
pub(super) fn move_preamble_metadata(record: &Record, body_outline: &Outline, plan: &mut Plan) {
    let source = &record.source;
    let preamble_end = record
        .sections
        .iter()
        .find(|section| section.level == 2)
        .map_or(source.text.len(), |section| section.span.start);
    let preamble = Span::new(record.body_start(), preamble_end);
    let in_preamble = |offset: usize| offset >= preamble.start && offset < preamble.end;

    // Lines covered by any list item of the preamble: plain-line labels are not read there.
    let mut list_lines = BTreeSet::new();
    for item in &body_outline.items {
        if in_preamble(item.span.start) {
            let (first, last) = line_range(source, item.span);
            list_lines.extend(first..=last);
        }
    }

    for item in &body_outline.items {
        if item.depth != 1 || !in_preamble(item.span.start) {
            continue;
        }
        let (first, last) = line_range(source, item.span);
        let Some((label, value, _)) =
            labelled_value(source, source.line_span(first), &BULLET_LABELS)
        else {
            continue;
        };
        let Some(key) = key_of(&label) else { continue };
        if front_matter_has(record, key) || plan.has_key(key) {
            continue;
        }
        // A nested status or date list is not something MADR 4 can hold: leave it in place.
        if matches!(key, "status" | "date") && last > first {
            continue;
        }
        let nested = nested_entries(source, first + 1, last);
        let moved = if key == "status" && !value.is_empty() {
            Some(YamlValue::Scalar(status_value(&value)))
        } else if key == "date" && !value.is_empty() {
            Some(YamlValue::Scalar(date_value(value)))
        } else if nested.is_empty() {
            (!value.is_empty()).then_some(YamlValue::Scalar(value))
        } else {
            Some(YamlValue::List(
                (!value.is_empty())
                    .then_some(value)
                    .into_iter()
                    .chain(nested)
                    .collect(),
            ))
        };
        if let Some(moved) = moved {
            plan.keys.push((key, moved));
        }
        plan.removed_lines.extend(first..=last);
    }

    let first_line = source.line_of(preamble.start);
    let last_line = source.last_line_of(preamble);
    for line in first_line..=last_line {
        let span = source.line_span(line);
        // A line of a code block is code (`tags: string;` in TypeScript), as the parser
        // reads it: moved to front matter, it was cut out of the block.
        let in_code = crate::source::within(&body_outline.code, span.start);
        if span.start < preamble.start || list_lines.contains(&line) || in_code {
            continue;
        }
        let Some((label, value, _)) = labelled_value(source, span, &LINE_LABELS) else {
            continue;
        };
        let Some(key) = key_of(&label) else { continue };
        if front_matter_has(record, key) || plan.has_key(key) {
            continue;
        }
        if !value.is_empty() {
            let value = if key == "date" {
                date_value(value)
            } else {
                value
            };
            plan.keys.push((key, YamlValue::Scalar(value)));
        }
        plan.removed_lines.insert(line);
    }
}

/// A date as MADR 4 writes it: ISO when the text names one day without doubt
/// (`18.10.2014` → `2014-10-18`); otherwise as written, for lint to report.
fn date_value(value: String) -> String {
    match crate::model::DateValue::parse(&value) {
        crate::model::DateValue::Reshaped {
            date, exact: true, ..
        } => date.to_string(),
        _ => value,
    }
}

/// The first and last line of a span, ignoring trailing blank lines it takes in.
fn line_range(source: &SourceFile, span: Span) -> (usize, usize) {
    let text = source.slice(span);
    let end = span.start + text.trim_end().len();
    let first = source.line_of(span.start);
    (first, source.line_of(end.saturating_sub(1)).max(first))
}

/// The items of a nested list (`* Deciders:` then `  * Sync team: …`), flattened in order,
/// each exactly as written after its marker; a wrapped line joins its item.
fn nested_entries(source: &SourceFile, first: usize, last: usize) -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    for line in first..=last {
        let text = source.slice(source.line_span(line)).trim();
        if text.is_empty() {
            continue;
        }
        match strip_list_marker(text) {
            Some(content) => entries.push(content.to_string()),
            None => match entries.last_mut() {
                Some(entry) => {
                    entry.push(' ');
                    entry.push_str(text);
                }
                None => entries.push(text.to_string()),
            },
        }
    }
    entries
}

fn strip_list_marker(line: &str) -> Option<&str> {
    for marker in ["* ", "- ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim_start());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = line.get(digits..)?;
        if let Some(after) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(after.trim_start());
        }
    }
    None
}

/// A status as MADR 4 writes it: a bare keyword in lower case (`Accepted` → `accepted`),
/// `superseded by …` with its reference as written; any other wording is kept verbatim.
pub(super) fn status_value(raw: &str) -> String {
    let (kind, _) = Status::classify(raw);
    let plain = raw
        .trim()
        .trim_matches(['*', '_'])
        .trim_end_matches('.')
        .trim()
        .to_lowercase();
    match kind {
        StatusKind::Other(_) => raw.to_string(),
        StatusKind::Superseded => {
            let head = raw.get(.."superseded".len()).unwrap_or("");
            if head.eq_ignore_ascii_case("superseded") {
                format!(
                    "superseded{}",
                    raw.get("superseded".len()..).unwrap_or_default()
                )
            } else {
                raw.to_string()
            }
        }
        kind if plain == kind.keyword() => kind.keyword().to_string(),
        _ => raw.to_string(),
    }
}

/// The status section of an adr-tools record.
pub(super) fn status_section(record: &Record) -> Option<&Section> {
    let status = record.status.as_ref()?;
    if status.origin != StatusOrigin::Section {
        return None;
    }
    record
        .sections
        .iter()
        .find(|section| section.level >= 2 && section.is_named("Status"))
}

/// A Nygard `## Status` section: the status moves to the front matter, the section goes,
/// and any other line in it (`Supersedes [3. …](…)`, a note) moves under "More Information".
pub(super) fn move_status_section(record: &Record, plan: &mut Plan) {
    let (Some(status), Some(section)) = (record.status.as_ref(), status_section(record)) else {
        return;
    };
    if front_matter_has(record, "status") {
        return;
    }
    let source = &record.source;
    plan.keys
        .push(("status", YamlValue::Scalar(status_value(&status.raw))));
    let (first, last) = line_range(source, section.span);
    let body_first = source.line_of(section.body_span.start).max(first + 1);
    let mut carried: Vec<String> = (body_first..=last)
        .filter(|line| *line != status.line)
        .map(|line| source.slice(source.line_span(line)).to_string())
        .collect();
    while carried.first().is_some_and(|line| line.trim().is_empty()) {
        carried.remove(0);
    }
    while carried.last().is_some_and(|line| line.trim().is_empty()) {
        carried.pop();
    }
    // A blank line between two kept lines stays one blank line.
    carried.dedup_by(|next, previous| next.trim().is_empty() && previous.trim().is_empty());
    plan.carried = carried;
    // The section runs to the next heading, blank lines before it included.
    let end_line = source.last_line_of(section.span);
    plan.removed_lines.extend(first..=end_line.max(first));
}

/// Adds the moved keys to the front matter (creating it when there is none) and renames
/// MADR 3's `deciders` to `decision-makers`.
pub(super) fn write_front_matter(record: &Record, newline: &str, plan: &mut Plan) {
    let mut keys = std::mem::take(&mut plan.keys);
    keys.sort_by_key(|(key, _)| KEY_ORDER.iter().position(|known| known == key));
    let yaml: String = keys
        .iter()
        .map(|(key, value)| yaml_entry(key, value, newline))
        .collect();
    match &record.front_matter {
        Some(front_matter) => {
            if let Some(deciders) = front_matter.get("deciders")
                && front_matter.get("decision-makers").is_none()
            {
                plan.edits
                    .push(Edit::replace(deciders.key_span, "decision-makers"));
            }
            if !yaml.is_empty() {
                plan.edits
                    .push(Edit::insert(front_matter.yaml_span.start, yaml));
            }
        }
        None if !yaml.is_empty() => {
            let at = record.source.bom_len();
            plan.edits.push(Edit::insert(
                at,
                format!("---{newline}{yaml}---{newline}{newline}"),
            ));
            // The blank lines that separated the old metadata from the title are not needed
            // before a first line that the front matter now precedes.
            let mut line = 1;
            while record
                .source
                .slice(record.source.line_span(line))
                .trim()
                .is_empty()
                && line <= record.source.line_count()
            {
                plan.removed_lines.insert(line);
                line += 1;
            }
        }
        None => {}
    }
}

fn yaml_entry(key: &str, value: &YamlValue, newline: &str) -> String {
    match value {
        YamlValue::Scalar(text) => format!("{key}: {}{newline}", yaml_scalar(text)),
        YamlValue::List(items) => {
            let mut entry = format!("{key}:{newline}");
            for item in items {
                entry.push_str(&format!("  - {}{newline}", yaml_scalar(item)));
            }
            entry
        }
    }
}
