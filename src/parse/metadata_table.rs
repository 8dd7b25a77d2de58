//! A record's metadata kept in a Markdown table above its first section (`| Status |
//! Accepted |` rows, or labels in the head over one row of values).

use super::legacy::{LegacyMetadata, emphasis_inner, status_from};
use super::line_fields::split_list;
use super::markdown::Outline;
use crate::model::{DateValue, Located, StatusOrigin};
use crate::source::{SourceFile, Span};

/// A `|Metadata|Value|` table before the first section.
pub(crate) fn metadata_table(
    source: &SourceFile,
    outline: &Outline,
    region: Span,
) -> LegacyMetadata {
    let mut metadata = LegacyMetadata::default();
    let Some(table) = outline
        .tables
        .iter()
        .find(|table| table.span.start >= region.start && table.span.start < region.end)
    else {
        return metadata;
    };
    // `| Status | Date | Author(s) |` over one row of values (DependencyTrack's hyades) is
    // read by column; `| Status | Accepted |` rows, by row. A cell is taken as written,
    // markup and all: the text of a value (`Proposed by the team` for `**Proposed** by the
    // team`) need not occur in the line.
    let by_column = match table.rows.as_slice() {
        [head, values, ..] => {
            head.cells
                .iter()
                .filter(|cell| table_label(cell).is_some())
                .count()
                >= 2
                && values.cells.len() >= 2
        }
        _ => false,
    };
    let pairs: Vec<(&String, &String, Span, usize)> = if by_column {
        let (head, values) = (&table.rows[0], &table.rows[1]);
        head.cells
            .iter()
            .zip(&values.cells)
            .zip(&values.cell_spans)
            .map(|((label, value), span)| (label, value, *span, source.line_of(values.span.start)))
            .collect()
    } else {
        table
            .rows
            .iter()
            .enumerate()
            .filter_map(
                |(at, row)| match (row.cells.as_slice(), row.cell_spans.get(1)) {
                    // `| Date | Changes |` over a changelog's rows names columns: a head
                    // whose other cell has no number (`January , 2026` has) is no date.
                    ([label, value, ..], _)
                        if at == 0
                            && table_label(label) == Some("date")
                            && !value.contains(char::is_numeric)
                            && matches!(DateValue::parse(value), DateValue::Unreadable(_)) =>
                    {
                        None
                    }
                    ([label, value, ..], Some(span)) => {
                        Some((label, value, *span, source.line_of(row.span.start)))
                    }
                    _ => None,
                },
            )
            .collect()
    };
    for (label, value, span, line) in pairs {
        match table_label(label) {
            Some("status") => {
                metadata.found = true;
                // `**Proposed**` but not `**Proposed** by the team`, whose note an edit
                // replaces with the old status.
                let inner = Some(emphasis_inner(source, span))
                    .filter(|inner| {
                        source
                            .text
                            .get(inner.end..span.end)
                            .is_some_and(|rest| rest.trim_matches(['*', '_', ' ']).is_empty())
                    })
                    .unwrap_or(span);
                let value = match inner == span {
                    true => value.clone(),
                    false => source.slice(inner).to_string(),
                };
                let span = inner;
                metadata.status = Some(status_from(value, span, line, StatusOrigin::Table));
            }
            Some("date") => {
                metadata.found = true;
                metadata.date = Some(Located::new(DateValue::parse(value), span, line));
            }
            Some("tags") => metadata.tags = split_list(source, value, span),
            Some("authors") => metadata.decision_makers = split_list(source, value, span),
            _ => {}
        }
    }
    metadata
}

/// The metadata a table cell labels (`Status`, `Statut`, `状态`, `Author(s)`), in English.
fn table_label(cell: &str) -> Option<&'static str> {
    let label = cell.trim().trim_end_matches([':', '：']).to_lowercase();
    // `| Statut | Accepté |`, `| 状态 | 提议 |`: a label of the tables reads as English.
    let label = crate::vocabulary::label(&label).map_or(label, |label| label.english().to_string());
    match label.as_str() {
        "status" => Some("status"),
        "date" => Some("date"),
        "tags" => Some("tags"),
        "author" | "authors" | "author(s)" | "deciders" | "decision-makers" => Some("authors"),
        _ => None,
    }
}
