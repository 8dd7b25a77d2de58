//! Step 1 of reading a record: its title, from the first H1, a heading a level down, or a
//! labelled line.

use super::{heading_id, own_number_stripped, strip_title_number, style};
use crate::model::{Located, Record, Section};
use crate::source::Span;

/// A title written on a line of its own above the first heading, without one: `ADR:
/// SessionID.Bytes() の扱い` (touka-aoi/parallel-vs-single, whose parts are H1s), `Title: …`.
fn title_line(record: &Record, sections: &[Section]) -> Option<Located<String>> {
    let source = &record.source;
    let start = record
        .front_matter
        .as_ref()
        .map_or(0, |front_matter| front_matter.span.end);
    let end = sections
        .first()
        .map_or(source.text.len(), |section| section.heading_span.start);
    let (line, span) = source
        .lines_in(Span::new(start, end.max(start)))
        .find(|(_, span)| !source.slice(*span).trim().is_empty())?;
    let text = source.slice(span);
    let (label, value) = text.split_once([':', '：'])?;
    if !is_title_label(label) {
        return None;
    }
    let title = value.trim();
    let at = span.start + text.len() - value.len() + (value.len() - value.trim_start().len());
    (!title.is_empty())
        .then(|| Located::new(title.to_string(), Span::new(at, at + title.len()), line))
}

/// The label of a title written on a line of its own (`ADR:`, `Title:`, `Titel:`,
/// `Titre:`): the one reading of [`title_line`] and of the templates `adr new` fills.
pub(crate) fn is_title_label(label: &str) -> bool {
    matches!(
        label.trim().to_lowercase().as_str(),
        "adr" | "title" | "titel" | "titre"
    )
}

/// Step 1, the title: the first H1, without a number in front (`# 7. Use Kafka`). An H1
/// that names a part of a record, after the record's `##` sections or above `##` parts, is
/// that part written a level up (`# Consequências` at the end of a record that has no
/// title), not the title.
pub(super) fn read_title(record: &mut Record, sections: &[Section]) {
    let Some(h1) = sections
        .iter()
        .find(|section| section.level == 1)
        .or_else(|| title_a_level_down(record, sections))
    else {
        record.title = title_line(record, sections);
        return;
    };
    let after_sections = sections
        .iter()
        .any(|section| section.level >= 2 && section.span.start < h1.span.start);
    // `# Context` then `# Decision`, no title (Raster Foundry): the record writes its
    // sections as H1s, and the first is one of them.
    let h1_sections = sections
        .iter()
        .filter(|section| section.level == 1 && style::is_section_title(&section.title))
        .count();
    // `# Context and Problem Statement` then `## Considered Options` (s3gw): a record with
    // no title whose first part is written a level up.
    let parts_below = sections.iter().any(|section| {
        section.level == 2
            && section.span.start > h1.span.start
            && style::is_section_title(&section.title)
    });
    if (after_sections || h1_sections >= 2 || parts_below) && style::is_section_title(&h1.title) {
        record.title = title_line(record, sections);
        return;
    }
    let (title, number) = match strip_title_number(heading_id::without_heading_id(&h1.title)) {
        (title, None) => own_number_stripped(&title, record.file.number).unwrap_or((title, None)),
        found => found,
    };
    let heading_text = record.source.slice(h1.heading_span);
    let span = heading_text
        .find(title.as_str())
        .map_or(h1.heading_span, |at| {
            Span::new(
                h1.heading_span.start + at,
                h1.heading_span.start + at + title.len(),
            )
        });
    record.title = Some(Located::new(title, span, h1.line));
    record.title_number = number;
}

/// A record with no H1 whose first line is a heading above all the others, `### ADR-004
/// TouchDesigner alternatieven` over `#### Status` and `#### Context` (a log kept as a
/// chapter of a larger document): that heading is its title, a level down.
fn title_a_level_down<'s>(record: &Record, sections: &'s [Section]) -> Option<&'s Section> {
    let first = sections.first()?;
    let source = &record.source;
    let first_line = (source.line_of(record.body_start())..source.line_count())
        .find(|&line| !source.slice(source.line_span(line)).trim().is_empty())?;
    (first.line == first_line
        && sections[1..]
            .iter()
            .all(|section| section.level > first.level)
        && sections.len() > 1
        && !style::is_section_title(&first.title))
    .then_some(first)
}
