//! Large tables parsed a slice of rows at a time: pulldown-cmark builds the block tree of a
//! whole text before its first event, so a huge table is cut out of the text and fed to the
//! parser in slices.

use super::*;

/// Tables whose rows take more than this are parsed a slice of rows at a time:
/// pulldown-cmark builds the block tree of a whole text before its first event, about 96
/// bytes per cell (390 MB for a 2,000 x 2,000 table).
pub(super) const TABLE_SLICE: usize = 64 * 1024;

/// What stands for a large table in the text the parser reads (an HTML comment, which
/// the transform drops): the table's number follows.
pub(super) const TABLE_PLACEHOLDER: &str = "<!--\u{1}adr-large-table-";

/// A table cut out of a body: its header and delimiter lines, and its rows.
#[derive(Debug, Clone, Copy)]
pub(super) struct LargeTable<'a> {
    head: &'a str,
    rows: &'a str,
}

/// The rows of a large table parsed a slice at a time, each slice as its own table with
/// the same head; the events between slices (the end of one table, the start and head of
/// the next) are left out, so the page gets one table.
pub(super) struct TableSlices<'a> {
    table: LargeTable<'a>,
    /// Where the next slice of rows starts.
    at: usize,
    events: std::vec::IntoIter<Event<'static>>,
}

impl<'a> TableSlices<'a> {
    pub(super) fn new(table: LargeTable<'a>) -> TableSlices<'a> {
        TableSlices {
            table,
            at: 0,
            events: Vec::new().into_iter(),
        }
    }

    /// Parses the next slice of rows; false when none is left.
    fn parse_slice(&mut self) -> bool {
        let rows = self.table.rows;
        if self.at >= rows.len() {
            return false;
        }
        let first = self.at == 0;
        let mut end = (self.at + TABLE_SLICE).min(rows.len());
        while !rows.is_char_boundary(end) {
            end += 1;
        }
        // Up to the end of the line the slice ends in.
        end = rows
            .get(end..)
            .and_then(|rest| rest.find('\n'))
            .map_or(rows.len(), |newline| end + newline + 1);
        let last = end >= rows.len();
        let mut text = String::with_capacity(self.table.head.len() + end - self.at);
        text.push_str(self.table.head);
        text.push_str(rows.get(self.at..end).unwrap_or(""));
        self.at = end;
        let mut in_head = false;
        let events: Vec<Event<'static>> =
            Parser::new_ext(&text, crate::parse::markdown::markdown_options())
                .filter(|event| {
                    match event {
                        Event::Start(Tag::TableHead) => in_head = true,
                        Event::End(TagEnd::TableHead) => {
                            in_head = false;
                            return first;
                        }
                        _ => {}
                    }
                    match event {
                        Event::Start(Tag::Table(_)) => first,
                        Event::End(TagEnd::Table) => last,
                        _ => first || !in_head,
                    }
                })
                .map(Event::into_static)
                .collect();
        self.events = events.into_iter();
        true
    }
}

impl Iterator for TableSlices<'_> {
    type Item = Event<'static>;

    fn next(&mut self) -> Option<Event<'static>> {
        loop {
            if let Some(event) = self.events.next() {
                return Some(event);
            }
            if !self.parse_slice() {
                return None;
            }
        }
    }
}

/// The body with every large table (rows over [`TABLE_SLICE`] bytes) replaced by a
/// placeholder line, and those tables; `None` when there is none. Only bodies over
/// [`LARGE_BODY`] are looked at.
pub(super) fn cut_large_tables(markdown: &str) -> Option<(String, Vec<LargeTable<'_>>)> {
    if markdown.len() <= LARGE_BODY {
        return None;
    }
    let tables = crate::parse::markdown::large_tables(markdown, TABLE_SLICE);
    if tables.is_empty() {
        return None;
    }
    let mut text = String::new();
    let mut cut = Vec::new();
    let mut last = 0;
    for (number, table) in tables.into_iter().enumerate() {
        text.push_str(markdown.get(last..table.start)?);
        text.push_str(&format!("{TABLE_PLACEHOLDER}{number}-->\n"));
        cut.push(LargeTable {
            head: markdown.get(table.start..table.rows_start)?,
            rows: markdown.get(table.rows_start..table.end)?,
        });
        last = table.end;
    }
    text.push_str(markdown.get(last..)?);
    Some((text, cut))
}
