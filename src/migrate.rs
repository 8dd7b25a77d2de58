//! Rewriting a record written in an older layout (adr-tools/Nygard, MADR 2, MADR 3, MADR
//! without metadata) in MADR 4's: status, date and deciders move into front matter, headings
//! take MADR 4's names, the number leaves the H1. Everything is a span edit on the record's
//! text, so every other byte of the body (wording, wrapping, CRLF, a BOM) survives as it was.
//! The one addition: an adr-tools record gets the `## Considered Options` section MADR 4
//! requires, naming the record's own title as its one option, since adr-tools records no
//! alternatives. Choosing the records and writing them back is `commands::migrate`'s job.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeSet;

use crate::edit::{Edit, apply_edits, yaml_scalar};
use crate::error::{Error, Result};
use crate::model::{Record, Section, Status, StatusKind, StatusOrigin, Style};
use crate::parse::legacy::{BULLET_LABELS, labelled_value};
use crate::parse::markdown::{Outline, outline};
use crate::parse::parse_record;
use crate::source::{SourceFile, Span};

/// What migrating one record gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The record's new text, in MADR 4.
    Migrated(String),
    /// The record is already MADR 4: `migrate` never touches it.
    AlreadyMadr4,
    /// An older layout with nothing to change (a bare MADR record with MADR 4's headings).
    Unchanged,
    /// Left as it is, for the reason given: not a layout `migrate` knows (a metadata table,
    /// free prose), or metadata it cannot move.
    Unsupported(&'static str),
}

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

/// Level-2 headings of the older layouts and their MADR 4 names.
const HEADING_RENAMES: [(&str, &str); 3] = [
    ("Context", "Context and Problem Statement"),
    ("Decision", "Decision Outcome"),
    ("Links", "More Information"),
];

/// A value moving into the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum YamlValue {
    /// Written as one scalar, exactly as the record had it (`Rob, Johan`).
    Scalar(String),
    /// Written as a block sequence (the record had a nested list).
    List(Vec<String>),
}

#[derive(Debug, Default)]
struct Plan {
    /// Front-matter keys to add, in the order found.
    keys: Vec<(&'static str, YamlValue)>,
    /// 1-based lines to delete (metadata bullets and lines, the Nygard status section).
    removed_lines: BTreeSet<usize>,
    /// Lines of a Nygard status section besides the status (`Supersedes [3. …](…)`), kept
    /// verbatim under "More Information".
    carried: Vec<String>,
    edits: Vec<Edit>,
}

impl Plan {
    fn has_key(&self, key: &str) -> bool {
        self.keys.iter().any(|(existing, _)| *existing == key)
    }
}

/// Migrates one record to MADR 4.
pub fn migrate(record: &Record) -> Result<Outcome> {
    match record.style {
        Style::Madr4 => return Ok(Outcome::AlreadyMadr4),
        Style::Other => {
            return Ok(Outcome::Unsupported(
                "not an adr-tools/Nygard, MADR 2 or MADR 3 record",
            ));
        }
        Style::Nygard | Style::Madr2 | Style::Madr3 | Style::MadrBare => {}
    }
    let source = &record.source;
    // A status section holding a template (Jekyll's `{{ page.adr_status }}`) is a page
    // layout, not a value that could move into front matter.
    if let Some(status) = &record.status
        && status.origin == StatusOrigin::Section
        && source.slice(status.span).contains("{{")
    {
        return Ok(Outcome::Unsupported(
            "its status section is a template (`{{ … }}`), not a value front matter can hold",
        ));
    }
    let newline = if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut plan = Plan::default();
    let body_outline = outline(source, record.body_start(), false);
    move_preamble_metadata(record, &body_outline, &mut plan);
    move_status_section(record, &mut plan);
    rename_headings(record, newline, &mut plan);
    strip_title_number(record, &mut plan);
    write_front_matter(record, newline, &mut plan);

    let mut edits = std::mem::take(&mut plan.edits);
    edits.extend(line_removals(source, &plan.removed_lines));
    let text = apply_edits(&source.text, &edits);
    let text = if plan.carried.is_empty() {
        text
    } else {
        let reparsed = reparse(record, text)?;
        append_more_information(&reparsed, &plan.carried, newline)
    };
    if text == source.text {
        return Ok(Outcome::Unchanged);
    }
    let migrated = reparse(record, text.clone())?;
    if let Some(what) = lost_in_migration(record, &migrated) {
        return Err(Error::record(
            record.path(),
            None,
            format!(
                "migrating this record would change its {what}; it was left as it is: please report this"
            ),
        ));
    }
    Ok(Outcome::Migrated(text))
}

/// Parses migrated text as the same file, to build on it or to prove it still reads.
fn reparse(record: &Record, text: String) -> Result<Record> {
    parse_record(
        SourceFile::new(record.path().clone(), text),
        record.rel_path.clone(),
        record.file.clone(),
    )
    .map_err(|failure| {
        Error::record(
            record.path(),
            failure.line,
            format!(
                "migrating this record would make it unreadable ({}); it was left as it is: please report this",
                failure.message
            ),
        )
    })
}

/// What a migration would change that it must only move: the status, the date and the
/// title read back the same from the new text. (People are not compared: a nested
/// `* Deciders:` list, read as one value before, becomes the list it meant.)
fn lost_in_migration(before: &Record, after: &Record) -> Option<&'static str> {
    let status = |record: &Record| {
        record
            .status
            .as_ref()
            .map(|status| Status::classify(&status.raw))
    };
    if status(before) != status(after) {
        Some("status")
    } else if before.date.as_ref().map(|date| date.value.text())
        != after.date.as_ref().map(|date| date.value.text())
    {
        Some("date")
    } else if before.display_title() != after.display_title() {
        Some("title")
    } else {
        None
    }
}

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

fn front_matter_has(record: &Record, key: &str) -> bool {
    record.front_matter.as_ref().is_some_and(|front_matter| {
        front_matter.get(key).is_some()
            || (key == "decision-makers" && front_matter.get("deciders").is_some())
    })
}

/// MADR 2 `* Status: …` bullets and adr-tools `Date: …` lines between the title and the
/// first section: each becomes a front-matter key and its lines go.
fn move_preamble_metadata(record: &Record, body_outline: &Outline, plan: &mut Plan) {
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
        if span.start < preamble.start || list_lines.contains(&line) {
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
fn status_value(raw: &str) -> String {
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
fn status_section(record: &Record) -> Option<&Section> {
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
fn move_status_section(record: &Record, plan: &mut Plan) {
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

/// MADR 4 names for the sections, and Consequences as a subsection of the decision.
fn rename_headings(record: &Record, newline: &str, plan: &mut Plan) {
    let source = &record.source;
    let removed = status_section(record).filter(|_| !front_matter_has(record, "status"));
    let is_removed = |section: &Section| removed.is_some_and(|gone| gone.span == section.span);
    let has_level2 = |name: &str| {
        record
            .sections
            .iter()
            .any(|s| s.level == 2 && s.is_named(name))
    };
    // (section index) → (new level, new title)
    let mut changes: Vec<(usize, u8, Option<&str>)> = Vec::new();

    let mut previous_level2: Option<&Section> = None;
    for (index, section) in record.sections.iter().enumerate() {
        if section.level != 2 || is_removed(section) {
            continue;
        }
        // A heading in another language (`## Kontext`) is read as English but not
        // rewritten into English: the record keeps its language.
        let is_english = crate::model::normalize_heading(&section.title) == section.key();
        for (old, new) in HEADING_RENAMES {
            if is_english && section.is_named(old) && !has_level2(new) {
                changes.push((index, 2, Some(new)));
            }
        }
        let follows_decision = previous_level2.is_some_and(|previous| {
            previous.is_named("Decision") || previous.is_named("Decision Outcome")
        });
        if section.is_named("Consequences") && follows_decision {
            demote_with_subsections(record, index, &mut changes);
        }
        previous_level2 = Some(section);
    }

    // MADR 4 requires "Considered Options" and adr-tools has no counterpart: the decision
    // the record took, named by its title, is the one option it records. It goes before the
    // decision, else after the context, else at the end.
    if record.style == Style::Nygard
        && record.section("Considered Options").is_none()
        && let Some(title) = &record.title
    {
        let level2: Vec<&Section> = record
            .sections
            .iter()
            .filter(|s| s.level == 2 && !is_removed(s))
            .collect();
        let decision = level2
            .iter()
            .find(|s| s.is_named("Decision") || s.is_named("Decision Outcome"));
        let after_context = level2
            .iter()
            .skip_while(|s| !(s.is_named("Context") || s.is_named("Context and Problem Statement")))
            .nth(1);
        let block = format!(
            "## Considered Options{newline}{newline}* {}{newline}{newline}",
            title.value
        );
        match decision.or(after_context) {
            Some(anchor) => plan
                .edits
                .push(Edit::insert(source.line_start(anchor.line), block)),
            None => {
                let at = source.text.trim_end().len();
                plan.edits.push(Edit::insert(
                    at,
                    format!("{newline}{newline}{}", block.trim_end()),
                ));
            }
        }
    }

    // MADR 2's "Positive/Negative Consequences" go under one "Consequences" subsection.
    if let Some(outcome) = record
        .sections
        .iter()
        .find(|s| s.level == 2 && (s.is_named("Decision Outcome") || s.is_named("Decision")))
    {
        let inside =
            |s: &Section| s.span.start > outcome.span.start && s.span.start < outcome.span.end;
        let has_consequences = record
            .sections
            .iter()
            .any(|s| s.level == 3 && inside(s) && s.is_named("Consequences"));
        let split: Vec<usize> = record
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.level == 3
                    && inside(s)
                    && (s.is_named("Positive Consequences") || s.is_named("Negative Consequences"))
            })
            .map(|(index, _)| index)
            .collect();
        if !has_consequences && let Some(&first) = split.first() {
            for &index in &split {
                demote_with_subsections(record, index, &mut changes);
            }
            if let Some(section) = record.sections.get(first) {
                let at = source.line_start(section.line);
                plan.edits.push(Edit::insert(
                    at,
                    format!("### Consequences{newline}{newline}"),
                ));
            }
        }
    }

    changes.sort_by_key(|(index, _, _)| *index);
    changes.dedup_by(|next, previous| {
        if next.0 == previous.0 {
            previous.1 = previous.1.max(next.1);
            previous.2 = previous.2.or(next.2);
            true
        } else {
            false
        }
    });
    for (index, level, title) in changes {
        if let Some(section) = record.sections.get(index)
            && let Some(edit) = heading_edit(source, section, level, title)
        {
            plan.edits.push(edit);
        }
    }
}

/// One level deeper for a section and every heading inside it.
fn demote_with_subsections(
    record: &Record,
    index: usize,
    changes: &mut Vec<(usize, u8, Option<&str>)>,
) {
    let Some(section) = record.sections.get(index) else {
        return;
    };
    for (inner_index, inner) in record.sections.iter().enumerate() {
        if inner.span.start >= section.span.start && inner.span.start < section.span.end {
            changes.push((inner_index, (inner.level + 1).min(6), None));
        }
    }
}

/// Rewrites an ATX heading's level and, when given, its title (emphasis and a trailing
/// comment kept). Setext headings are left alone.
fn heading_edit(
    source: &SourceFile,
    section: &Section,
    level: u8,
    title: Option<&str>,
) -> Option<Edit> {
    let written = source.slice(section.heading_span);
    let indent = written.len() - written.trim_start_matches(' ').len();
    let after_indent = written.get(indent..)?;
    let hashes = after_indent
        .bytes()
        .take_while(|byte| *byte == b'#')
        .count();
    if hashes == 0 || usize::from(section.level) != hashes {
        return None;
    }
    let rest = after_indent.get(hashes..)?;
    // The headings renamed are English: ASCII case folding keeps offsets in `rest` valid.
    let found = (!section.title.is_empty())
        .then(|| crate::casefold::find_ignore_ascii_case(rest, &section.title))
        .flatten()
        .and_then(|at| Some((rest.get(..at)?, rest.get(at + section.title.len()..)?)));
    let rest = match (title, found) {
        (Some(new_title), Some((before, after))) => format!("{before}{new_title}{after}"),
        (Some(new_title), None) => format!(" {new_title}"),
        (None, _) => rest.to_string(),
    };
    let replacement = format!(
        "{}{}{rest}",
        written.get(..indent)?,
        "#".repeat(usize::from(level))
    );
    (replacement != written).then(|| Edit::replace(section.heading_span, replacement))
}

/// `# 1. Title` → `# Title`.
fn strip_title_number(record: &Record, plan: &mut Plan) {
    let (Some(title), Some(_)) = (&record.title, record.title_number) else {
        return;
    };
    let Some(h1) = record.sections.iter().find(|section| section.level == 1) else {
        return;
    };
    let source = &record.source;
    let written = source.slice(h1.heading_span);
    let content_offset = written.len()
        - written
            .trim_start_matches(' ')
            .trim_start_matches('#')
            .trim_start()
            .len();
    let content_start = h1.heading_span.start + content_offset;
    if title.span.start <= content_start || title.span.end > h1.heading_span.end {
        return;
    }
    let prefix = source.slice(Span::new(content_start, title.span.start));
    // Only a number prefix goes; a `[Superseded by …]` note in the title is text.
    if prefix.contains('[') || !prefix.bytes().any(|byte| byte.is_ascii_digit()) {
        return;
    }
    plan.edits.push(Edit::replace(
        Span::new(content_start, title.span.start),
        "",
    ));
}

/// Adds the moved keys to the front matter (creating it when there is none) and renames
/// MADR 3's `deciders` to `decision-makers`.
fn write_front_matter(record: &Record, newline: &str, plan: &mut Plan) {
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

/// Deletes whole lines; a run of deleted lines between two blank lines takes one of them
/// along, so no double blank line is left where metadata was.
fn line_removals(source: &SourceFile, lines: &BTreeSet<usize>) -> Vec<Edit> {
    let is_blank = |line: usize| source.slice(source.line_span(line)).trim().is_empty();
    let line_count = source.line_count();
    let mut all = lines.clone();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == line => *last = line,
            _ => runs.push((line, line)),
        }
    }
    for &(first, last) in &runs {
        let before_blank = first == 1 || (is_blank(first - 1) && !all.contains(&(first - 1)));
        if last >= line_count {
            // The run ends the file: the blank line before it would now end it instead.
            if first > 1 && is_blank(first - 1) {
                all.insert(first - 1);
            }
        } else if before_blank && is_blank(last + 1) {
            all.insert(last + 1);
        }
    }
    let mut edits = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for &line in &all {
        run = match run {
            Some((first, last)) if last + 1 == line => Some((first, line)),
            Some((first, last)) => {
                edits.push(remove_lines(source, first, last));
                Some((line, line))
            }
            None => Some((line, line)),
        };
    }
    if let Some((first, last)) = run {
        edits.push(remove_lines(source, first, last));
    }
    edits
}

fn remove_lines(source: &SourceFile, first: usize, last: usize) -> Edit {
    let start = source.line_start(first);
    let end = source.line_start(last + 1);
    Edit::replace(Span::new(start, end), "")
}

/// Appends the lines kept from a status section to "More Information", creating the section
/// at the end of the record when there is none.
fn append_more_information(record: &Record, carried: &[String], newline: &str) -> String {
    let text = &record.source.text;
    let block = carried.join(newline);
    let section = record
        .sections
        .iter()
        .find(|section| section.level == 2 && section.is_named("More Information"));
    let edit = match section {
        Some(section) => {
            // Before any subsection, after the section's own last line.
            let own_end = record
                .sections
                .iter()
                .find(|inner| {
                    inner.span.start > section.span.start && inner.span.start < section.span.end
                })
                .map_or(section.span.end, |inner| inner.span.start);
            let own = text.get(section.span.start..own_end).unwrap_or("");
            let at = section.span.start + own.trim_end().len();
            Edit::insert(at, format!("{newline}{newline}{block}"))
        }
        None => {
            let at = text.trim_end().len();
            Edit::insert(
                at,
                format!("{newline}{newline}## More Information{newline}{newline}{block}"),
            )
        }
    };
    let mut migrated = apply_edits(text, &[edit]);
    if text.ends_with('\n') && !migrated.ends_with('\n') {
        migrated.push_str(newline);
    }
    migrated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::FileName;

    fn record(name: &str, text: &str) -> Record {
        let file = FileName::parse(name).unwrap();
        parse_record(
            SourceFile::new(name, text.to_string()),
            name.to_string(),
            file,
        )
        .unwrap()
    }

    fn migrated(name: &str, text: &str) -> String {
        match migrate(&record(name, text)).unwrap() {
            Outcome::Migrated(text) => text,
            other => panic!("not migrated: {other:?}"),
        }
    }

    #[test]
    fn nygard_record_becomes_madr4() {
        let text = "# 2. Use Kafka\n\nDate: 2017-06-30\n\n## Status\n\nAccepted\n\nSupersedes [1. Use RabbitMQ](0001-use-rabbitmq.md)\n\n## Context\n\nWe need a log.\n\n## Decision\n\nWe use Kafka.\n\n## Consequences\n\nOps learn Kafka.\n";
        assert_eq!(
            migrated("0002-use-kafka.md", text),
            "---\nstatus: accepted\ndate: 2017-06-30\n---\n\n# Use Kafka\n\n## Context and Problem Statement\n\nWe need a log.\n\n## Considered Options\n\n* Use Kafka\n\n## Decision Outcome\n\nWe use Kafka.\n\n### Consequences\n\nOps learn Kafka.\n\n## More Information\n\nSupersedes [1. Use RabbitMQ](0001-use-rabbitmq.md)\n"
        );
    }

    #[test]
    fn madr2_bullets_move_and_consequences_nest() {
        let text = "# Use X\n\n* Status: Superseded by [ADR-0005](0005-y.md)\n* Deciders: Rob, Johan (a.k.a., PM)\n* Date: 2020-11-19\n\nTechnical Story: #12\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"X\".\n\n### Positive Consequences\n\n* fast\n\n### Negative Consequences\n\n* new\n\n## Links\n\n* [ADR-0001](0001-a.md)\n";
        assert_eq!(
            migrated("0004-use-x.md", text),
            "---\nstatus: \"superseded by [ADR-0005](0005-y.md)\"\ndate: 2020-11-19\ndecision-makers: \"Rob, Johan (a.k.a., PM)\"\n---\n\n# Use X\n\nTechnical Story: #12\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"X\".\n\n### Consequences\n\n#### Positive Consequences\n\n* fast\n\n#### Negative Consequences\n\n* new\n\n## More Information\n\n* [ADR-0001](0001-a.md)\n"
        );
    }

    #[test]
    fn nested_deciders_become_a_list_and_existing_front_matter_grows() {
        let text = "---\ntags:\n  - ops\n---\n# Rapid releases\r\n\r\n* Status: proposed\r\n* Deciders:\r\n  * Sync team: bendk\r\n    * Release: jlorenzo\r\n* Feedback deadline: May 15\r\n\r\n## Context and Problem Statement\r\n\r\nWhy.\r\n";
        assert_eq!(
            migrated("0006-rapid.md", text),
            "---\nstatus: proposed\r\ndecision-makers:\r\n  - \"Sync team: bendk\"\r\n  - \"Release: jlorenzo\"\r\ntags:\n  - ops\n---\n# Rapid releases\r\n\r\n* Feedback deadline: May 15\r\n\r\n## Context and Problem Statement\r\n\r\nWhy.\r\n"
        );
    }

    #[test]
    fn madr3_deciders_key_is_renamed() {
        let text = "---\nstatus: accepted\ndeciders: adh\n---\n# Model\n\n## Context and Problem Statement\n\nWhy.\n";
        assert_eq!(
            migrated("0002-model.md", text),
            "---\nstatus: accepted\ndecision-makers: adh\n---\n# Model\n\n## Context and Problem Statement\n\nWhy.\n"
        );
    }

    #[test]
    fn madr4_and_unknown_layouts_are_left_alone() {
        let madr4 =
            "---\nstatus: accepted\n---\n# 0001 Use X\n\n## Context and Problem Statement\n";
        assert_eq!(
            migrate(&record("0001-x.md", madr4)).unwrap(),
            Outcome::AlreadyMadr4
        );
        let jekyll = "---\nadr_status: Accepted\n---\n# Title\n\n## Status\n\n{{ page.adr_status }}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n";
        assert_eq!(
            migrate(&record("adr-1.md", jekyll)).unwrap(),
            Outcome::Unsupported(
                "its status section is a template (`{{ … }}`), not a value front matter can hold"
            )
        );
        let prose = "# Notes\n\nSome prose.\n";
        assert_eq!(
            migrate(&record("0001-x.md", prose)).unwrap(),
            Outcome::Unsupported("not an adr-tools/Nygard, MADR 2 or MADR 3 record")
        );
        let bare = "# Use X\n\n## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n";
        assert_eq!(
            migrate(&record("0001-x.md", bare)).unwrap(),
            Outcome::Unchanged
        );
    }

    #[test]
    fn status_values_take_madr4_form() {
        assert_eq!(status_value("Accepted"), "accepted");
        assert_eq!(status_value("**Accepted**"), "accepted");
        assert_eq!(
            status_value("Superseded by [DNS](0015-dns.md)"),
            "superseded by [DNS](0015-dns.md)"
        );
        assert_eq!(status_value("Partly superseded"), "Partly superseded");
        assert_eq!(
            status_value("proposed. **No consensus**"),
            "proposed. **No consensus**"
        );
    }
}
