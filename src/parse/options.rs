//! Step 4 of building a record: the body outline MADR gives meaning to (decision drivers,
//! considered options, the chosen one, pros and cons), read from the sections and list
//! items of the Markdown outline.

use crate::casefold::find_ignore_ascii_case;
use crate::model::{Located, Record, Section};
use crate::source::{SourceFile, Span};

use super::markdown;

/// Step 4, the body outline MADR gives meaning to: decision drivers, considered options,
/// the chosen one, and the pros and cons.
pub(super) fn read_options(record: &mut Record, outline: &markdown::Outline, sections: &[Section]) {
    let source = &record.source;
    // MADR 1 named the options alternatives: `* Chosen Alternative: …` is its chosen option
    // (`## Considered Alternatives` reads as `Considered Options` in any record).
    let chosen_label = match record.style {
        crate::model::Style::Madr1 => "chosen alternative",
        _ => "chosen option",
    };
    record.decision_drivers = section_items(source, outline, sections, "Decision Drivers");
    record.considered_options = section_items(source, outline, sections, "Considered Options");
    record.chosen_option = sections
        .iter()
        .find(|section| section.is_named("Decision Outcome"))
        .and_then(|section| chosen_option(source, section.body_span, chosen_label));
    // Options grouped as a nested list (`* Discovery` / `  * Config`, Kuma): the top items
    // are the groups, and the options their items, as the chosen one shows when it names
    // an item and no group.
    if !record.considered_options.is_empty()
        && let Some(chosen) = &record.chosen_option
        && !record
            .considered_options
            .iter()
            .any(|option| crate::model::options_match(&option.value, &chosen.value))
        && let Some(index) = sections
            .iter()
            .position(|section| section.is_named("Considered Options"))
    {
        let nested = items_at(source, outline, sections, index, 2);
        if nested
            .iter()
            .any(|option| crate::model::options_match(&option.value, &chosen.value))
        {
            record.considered_options = nested;
        }
    }
    if record.considered_options.is_empty() {
        record.considered_options = subsection_titles(sections, "Considered Options");
        // Options grouped under subheadings (`### First issue` with its own list): the
        // subheadings are the groups, and the options are their items, as the chosen one
        // shows when it names an item and no subheading.
        let names = |options: &[Located<String>]| {
            record.chosen_option.as_ref().is_some_and(|chosen| {
                options
                    .iter()
                    .any(|option| crate::model::options_match(&option.value, &chosen.value))
            })
        };
        if !names(&record.considered_options) {
            let grouped = grouped_items(source, outline, sections, "Considered Options");
            if names(&grouped) {
                record.considered_options = grouped;
            }
        }
    }
    record.pros_and_cons = subsection_titles(sections, "Pros and Cons of the Options");
}

/// Top-level list items directly under the named section (before any subsection).
fn section_items(
    source: &SourceFile,
    outline: &markdown::Outline,
    sections: &[Section],
    name: &str,
) -> Vec<Located<String>> {
    match sections.iter().position(|section| section.is_named(name)) {
        Some(index) => items_of(source, outline, sections, index),
        None => Vec::new(),
    }
}

/// Top-level list items directly under `sections[index]` (before any subsection).
fn items_of(
    source: &SourceFile,
    outline: &markdown::Outline,
    sections: &[Section],
    index: usize,
) -> Vec<Located<String>> {
    items_at(source, outline, sections, index, 1)
}

/// The list items of `depth` (1 for the top level) directly under `sections[index]`.
fn items_at(
    source: &SourceFile,
    outline: &markdown::Outline,
    sections: &[Section],
    index: usize,
    depth: usize,
) -> Vec<Located<String>> {
    let section = &sections[index];
    let own_end = sections.get(index + 1).map_or(section.span.end, |next| {
        next.span.start.min(section.span.end)
    });
    outline
        .items
        .iter()
        .filter(|item| {
            item.depth == depth
                && item.span.start >= section.body_span.start
                && item.span.start < own_end
        })
        .filter(|item| !item.text.is_empty())
        .map(|item| {
            let line = source.line_of(item.span.start);
            let line_span = source.line_span(line);
            let line_text = source.slice(line_span);
            let content_start = line_text.len() - line_text.trim_start_matches([' ', '\t']).len();
            let after_marker = line_text
                .get(content_start..)
                .and_then(|content| content.find(|c: char| c.is_whitespace()))
                .map_or(content_start, |at| content_start + at);
            let after_marker_text = line_text.get(after_marker..).unwrap_or_default();
            let content = after_marker_text.trim();
            let start = line_span.start + line_text.len() - after_marker_text.trim_start().len();
            // `- ✅ \`resources\``: a mark on the option chosen (Decentraland) is no part of
            // its name.
            let text = item
                .text
                .trim_start_matches(['✅', '✔', '☑', '✓', '🗸', '\u{FE0F}'])
                .trim_start();
            Located::new(
                text.to_string(),
                Span::new(start, start + content.len()),
                line,
            )
        })
        .collect()
}

/// Top-level list items anywhere in the named section, its subsections included.
fn grouped_items(
    source: &SourceFile,
    outline: &markdown::Outline,
    sections: &[Section],
    name: &str,
) -> Vec<Located<String>> {
    let Some(index) = sections.iter().position(|section| section.is_named(name)) else {
        return Vec::new();
    };
    let whole = sections[index].span;
    (index..sections.len())
        .take_while(|&at| sections[at].span.start < whole.end)
        .flat_map(|at| items_of(source, outline, sections, at))
        .collect()
}

/// Titles of the subsections one level below the named section.
fn subsection_titles(sections: &[Section], name: &str) -> Vec<Located<String>> {
    let Some(parent) = sections.iter().find(|section| section.is_named(name)) else {
        return Vec::new();
    };
    sections
        .iter()
        .filter(|section| {
            section.level == parent.level + 1
                && section.span.start > parent.span.start
                && section.span.start < parent.span.end
        })
        .map(|section| Located::new(section.title.clone(), section.heading_span, section.line))
        .collect()
}

/// `Chosen option: "X", because …` (quotes, emphasis and a link around X all optional,
/// `**Chosen option:**` too); `label` is the label in lower case (`chosen option`).
fn chosen_option(source: &SourceFile, span: Span, label: &str) -> Option<Located<String>> {
    let text = source.slice(span);
    let found = find_ignore_ascii_case(text, label)?;
    let mut label_end = found + label.len();
    // "Chosen options: A & B" names several; the plural `s` is not part of the value.
    if text
        .get(label_end..)
        .is_some_and(|rest| rest.starts_with(['s', 'S']))
    {
        label_end += 1;
    }
    let line_end = text
        .get(label_end..)?
        .find('\n')
        .map_or(text.len(), |end| label_end + end);
    let after_label = text.get(label_end..line_end)?;
    let (offset, value) = option_value(after_label)?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let start = span.start
        + label_end
        + offset
        + after_label
            .get(offset..)
            .and_then(|rest| rest.find(value))
            .unwrap_or(0);
    Some(Located::new(
        value.to_string(),
        Span::new(start, start + value.len()),
        source.line_of(start),
    ))
}

/// The option named after the `Chosen option` label, with its offset in `after_label`.
pub(crate) fn option_value(after_label: &str) -> Option<(usize, &str)> {
    let bytes = after_label.as_bytes();
    let mut at = bytes
        .iter()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count();
    if bytes.get(at) == Some(&b':') {
        at += 1;
        // `**Chosen option:** X`: the label's closing emphasis follows the colon.
        let closing = bytes[at..]
            .iter()
            .take_while(|b| matches!(b, b'*' | b'_'))
            .count();
        if closing > 0 && bytes.get(at + closing).is_none_or(u8::is_ascii_whitespace) {
            at += closing;
        }
    }
    at += bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let mut start = at;
    let mut rest = after_label.get(at..)?;
    // `**X**`, `_X_`: the value is what the emphasis wraps.
    let marker_len = rest
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count()
        .min(2);
    if marker_len > 0 {
        let (marker, after_marker) = rest.split_at_checked(marker_len)?;
        // Unclosed on this line: the emphasis wraps onto the next one.
        let close = after_marker.find(marker).unwrap_or(after_marker.len());
        start += marker_len;
        rest = after_marker.get(..close)?;
    }
    if let Some(quote) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '“' | '\'' | '`'))
    {
        let close = if quote == '“' { '”' } else { quote };
        let inner = rest.get(quote.len_utf8()..)?;
        let value = inner.split_once(close).map_or(inner, |(value, _)| value);
        return Some((start + quote.len_utf8(), value));
    }
    if let Some(link) = rest.strip_prefix('[')
        && let Some((text, _)) = link.split_once("](")
    {
        return Some((start + 1, text));
    }
    let end = [", because", " because", ",", ". ", ";", " — ", " – "]
        .iter()
        .filter_map(|marker| find_ignore_ascii_case(rest, marker))
        .min()
        .unwrap_or(rest.len());
    let value = rest.get(..end).unwrap_or(rest);
    Some((start, value.trim_end_matches(['.', '*', '_', ' '])))
}
