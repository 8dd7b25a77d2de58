//! Sections under MADR 4's names and levels: `Context` → `Context and Problem Statement`,
//! Consequences as a subsection of the decision, an adr-tools record's own title as its one
//! considered option, and no number in the H1.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::edit::Edit;
use crate::model::{Record, Section, Style};
use crate::source::{SourceFile, Span};

use super::Plan;
use super::metadata::{front_matter_has, status_section};

/// Level-2 headings of the older layouts and their MADR 4 names.
const HEADING_RENAMES: [(&str, &str); 3] = [
    ("Context", "Context and Problem Statement"),
    ("Decision", "Decision Outcome"),
    ("Links", "More Information"),
];

/// A heading to rewrite: (section index, new level, new title when renamed).
type HeadingChange<'a> = (usize, u8, Option<&'a str>);

/// MADR 4 names for the sections, and Consequences as a subsection of the decision.
pub(super) fn rename_headings(record: &Record, newline: &str, plan: &mut Plan) {
    let removed = status_section(record).filter(|_| !front_matter_has(record, "status"));
    let is_removed = |section: &Section| removed.is_some_and(|gone| gone.span == section.span);
    let mut changes = renamed_level2_headings(record, &is_removed);
    add_considered_options(record, newline, &is_removed, plan);
    nest_split_consequences(record, newline, &mut changes, plan);
    apply_heading_changes(record, changes, plan);
}

/// Level-2 headings of the older layouts under their MADR 4 names, and adr-tools'
/// Consequences one level down, under the decision.
fn renamed_level2_headings<'r>(
    record: &'r Record,
    is_removed: &dyn Fn(&Section) -> bool,
) -> Vec<HeadingChange<'r>> {
    let has_level2 = |name: &str| {
        record
            .sections
            .iter()
            .any(|s| s.level == 2 && s.is_named(name))
    };
    let mut changes = Vec::new();
    let mut previous_level2: Option<&Section> = None;
    for (index, section) in record.sections.iter().enumerate() {
        if section.level != 2 || is_removed(section) {
            continue;
        }
        // A heading in another language (`## Kontext`) is read as English but not
        // rewritten into English: the record keeps its language.
        let is_english = crate::vocabulary::heading_name(&section.title) == section.key();
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
    changes
}

/// MADR 4 requires "Considered Options" and adr-tools has no counterpart: the decision
/// the record took, named by its title, is the one option it records. It goes before the
/// decision, else after the context, else at the end.
fn add_considered_options(
    record: &Record,
    newline: &str,
    is_removed: &dyn Fn(&Section) -> bool,
    plan: &mut Plan,
) {
    if record.style != Style::Nygard || record.section("Considered Options").is_some() {
        return;
    }
    let Some(title) = &record.title else {
        return;
    };
    let source = &record.source;
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
            let at = crate::source::content_end(&source.text);
            plan.edits.push(Edit::insert(
                at,
                format!("{newline}{newline}{}", block.trim_end()),
            ));
        }
    }
}

/// MADR 2's "Positive/Negative Consequences" go under one "Consequences" subsection.
fn nest_split_consequences<'r>(
    record: &'r Record,
    newline: &str,
    changes: &mut Vec<HeadingChange<'r>>,
    plan: &mut Plan,
) {
    let Some(outcome) = record
        .sections
        .iter()
        .find(|s| s.level == 2 && (s.is_named("Decision Outcome") || s.is_named("Decision")))
    else {
        return;
    };
    let inside = |s: &Section| s.span.start > outcome.span.start && s.span.start < outcome.span.end;
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
    if has_consequences {
        return;
    }
    let Some(&first) = split.first() else {
        return;
    };
    for &index in &split {
        demote_with_subsections(record, index, changes);
    }
    if let Some(section) = record.sections.get(first) {
        let at = record.source.line_start(section.line);
        plan.edits.push(Edit::insert(
            at,
            format!("### Consequences{newline}{newline}"),
        ));
    }
}

/// One edit per heading changed, a rename and a demotion of the same heading merged.
fn apply_heading_changes(record: &Record, mut changes: Vec<HeadingChange<'_>>, plan: &mut Plan) {
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
            && let Some(edit) = heading_edit(&record.source, section, level, title)
        {
            plan.edits.push(edit);
        }
    }
}

/// One level deeper for a section and every heading inside it.
fn demote_with_subsections(record: &Record, index: usize, changes: &mut Vec<HeadingChange<'_>>) {
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
pub(super) fn strip_title_number(record: &Record, plan: &mut Plan) {
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
