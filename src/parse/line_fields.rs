//! A metadata line holding several fields, and a value holding several items.

use crate::model::Located;
use crate::source::{SourceFile, Span};

/// The fields of a metadata line: `**Status:** Accepted | **Date:** 2025-02-17 | **Review:** …`
/// (wagov) holds three, each read as a line of its own; any other line, a table row
/// included (`| Status | … |`, read as a table), is one field.
pub(super) fn fields_of_line(source: &SourceFile, line_span: Span) -> Vec<Span> {
    let text = source.slice(line_span);
    if text.trim_start().starts_with('|') || !text.contains(" | ") {
        return vec![line_span];
    }
    let mut fields = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(" | ") {
        fields.push(Span::new(line_span.start + start, line_span.start + at));
        start = at + " | ".len();
    }
    fields.push(Span::new(line_span.start + start, line_span.end));
    fields
}

/// A label's `value` at `span` as a comma-separated list, each item with its own span.
pub(super) fn split_list(source: &SourceFile, value: &str, span: Span) -> Vec<Located<String>> {
    let line = source.line_of(span.start);
    let mut cursor = span.start;
    // `Tags: [greenhouse, cloudoperators]`: the brackets of log4brains' template
    // (`[space and/or comma separated list of tags]`) kept around the list.
    let bracketed = value
        .trim()
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .filter(|inner| !inner.contains(['[', ']']));
    // `[space and/or comma separated list of tags]`: the template's prompt left in, no list.
    if bracketed.is_some_and(|inner| {
        !inner.contains(',') && inner.split_whitespace().count() >= 4
            || crate::vocabulary::is_placeholder(inner)
    }) {
        return Vec::new();
    }
    let value = bracketed.unwrap_or(value);
    // `#arquitetura #workflows`: hashtags, one word each, with no comma between them.
    let hashtags = !value.contains(',')
        && value
            .split_whitespace()
            .all(|word| word.len() > 1 && word.starts_with('#'));
    let parts: Vec<&str> = match hashtags {
        true => value
            .split_whitespace()
            .map(|word| word.strip_prefix('#').unwrap_or(word))
            .collect(),
        false => value.split(',').collect(),
    };
    parts
        .into_iter()
        .filter_map(|part| {
            // `` `api` ``: a tag written as code is the tag.
            let trimmed = part.trim();
            let trimmed = trimmed
                .strip_prefix('`')
                .and_then(|inner| inner.strip_suffix('`'))
                .filter(|inner| !inner.is_empty() && !inner.contains('`'))
                .unwrap_or(trimmed);
            let offset = source
                .text
                .get(cursor..span.end)
                .and_then(|hay| hay.find(trimmed))
                .unwrap_or(0);
            let start = cursor + offset;
            cursor = start + trimmed.len();
            // `content&#x20;` (a GitBook page's trailing space): the text the entity stands for.
            let text = match trimmed.contains('&') {
                true => without_entities(trimmed),
                false => trimmed.to_string(),
            };
            let text = text.trim();
            (!text.is_empty()).then(|| {
                Located::new(
                    text.to_string(),
                    Span::new(start, start + trimmed.len()),
                    line,
                )
            })
        })
        .collect()
}

/// `text` with the HTML character references Markdown editors leave in plain text (`&#x20;`,
/// `&#160;`, `&nbsp;`, `&amp;`) replaced by the characters they stand for.
fn without_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let decoded = after.split_once(';').and_then(|(name, tail)| {
            let c = match name.strip_prefix('#') {
                Some(reference) if reference.starts_with(['x', 'X']) => {
                    let hex = reference.get(1..)?;
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                }
                Some(decimal) => char::from_u32(decimal.parse().ok()?)?,
                None => match name {
                    "amp" => '&',
                    "nbsp" => ' ',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    _ => return None,
                },
            };
            Some((c, tail))
        });
        match decoded {
            Some((c, tail)) => {
                out.push(if c == '\u{a0}' { ' ' } else { c });
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
