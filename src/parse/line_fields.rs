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
    let value = value
        .trim()
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .filter(|inner| !inner.contains(['[', ']']))
        .unwrap_or(value);
    value
        .split(',')
        .filter_map(|part| {
            let trimmed = part.trim();
            let offset = source
                .text
                .get(cursor..span.end)
                .and_then(|hay| hay.find(trimmed))
                .unwrap_or(0);
            let start = cursor + offset;
            cursor = start + trimmed.len();
            (!trimmed.is_empty()).then(|| {
                Located::new(
                    trimmed.to_string(),
                    Span::new(start, start + trimmed.len()),
                    line,
                )
            })
        })
        .collect()
}
