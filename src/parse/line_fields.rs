//! A metadata line holding several fields.

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
