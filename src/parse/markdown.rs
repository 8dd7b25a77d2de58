//! The one pulldown-cmark pass over a record's body. It yields headings, list items, links,
//! HTML comments and tables, all with absolute byte offsets into the file, which the rest of
//! the parser turns into the record model. No line regexes: code blocks, setext headings
//! and HTML are what CommonMark says they are.

use std::borrow::Cow;
use std::ops::ControlFlow;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::{Link, LinkKind};
use crate::source::{SourceFile, Span};

pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Where a table is in a text, by its lines: its header and delimiter rows from `start`,
/// its other rows from `rows_start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TableLines {
    pub start: usize,
    pub rows_start: usize,
    pub end: usize,
}

/// The top-level tables of `markdown` whose rows take more than `min_rows_bytes`, found by
/// their lines (pulldown-cmark would hold the block tree of the whole table, about 96
/// bytes per cell): a row with `|` after a blank line (or at the start), not indented,
/// followed by a delimiter row, outside fenced code; its rows run to the next blank line
/// or the start of a heading, quote or fence.
pub(crate) fn large_tables(markdown: &str, min_rows_bytes: usize) -> Vec<TableLines> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        lines.push((at, line));
        at += line.len();
    }
    let is_blank = |line: &str| line.trim().is_empty();
    let fence_of = |line: &str| {
        let trimmed = line.trim_start_matches(' ');
        (line.len() - trimmed.len() <= 3)
            .then(|| {
                ["```", "~~~"]
                    .into_iter()
                    .find(|fence| trimmed.starts_with(fence))
            })
            .flatten()
    };
    let is_delimiter_row = |line: &str| {
        let trimmed = line.trim();
        trimmed.contains('|')
            && trimmed.contains('-')
            && trimmed
                .chars()
                .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
    };
    let mut tables = Vec::new();
    let mut fence: Option<&str> = None;
    let mut index = 0;
    while let Some(&(start, line)) = lines.get(index) {
        if let Some(open) = fence {
            if fence_of(line) == Some(open) {
                fence = None;
            }
            index += 1;
            continue;
        }
        if let Some(open) = fence_of(line) {
            fence = Some(open);
            index += 1;
            continue;
        }
        let after_blank =
            index == 0 || lines.get(index - 1).is_some_and(|(_, prev)| is_blank(prev));
        let starts_table = after_blank
            && !line.starts_with("    ")
            && !line.starts_with('\t')
            && line.contains('|')
            && lines
                .get(index + 1)
                .is_some_and(|(_, next)| is_delimiter_row(next));
        if !starts_table {
            index += 1;
            continue;
        }
        let rows_start = lines.get(index + 2).map_or(markdown.len(), |(at, _)| *at);
        let mut end_index = index + 2;
        while let Some((_, row)) = lines.get(end_index) {
            let trimmed = row.trim_start();
            if is_blank(row) || trimmed.starts_with(['#', '>']) || fence_of(row).is_some() {
                break;
            }
            end_index += 1;
        }
        let end = lines.get(end_index).map_or(markdown.len(), |(at, _)| *at);
        if end - rows_start > min_rows_bytes {
            tables.push(TableLines {
                start,
                rows_start,
                end,
            });
        }
        index = end_index.max(index + 1);
    }
    tables
}

/// `text` with the rows of every table over `min_rows_bytes` past the first
/// `min_rows_bytes` blanked (spaces, newlines kept, so every offset stays): for reading
/// the preamble, which needs a table's first rows (a legacy metadata table) at most.
fn with_large_tables_cut_short(text: &str, min_rows_bytes: usize) -> Cow<'_, str> {
    rewrite_rows_past_the_cut(text, min_rows_bytes, |rows| {
        for byte in rows {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    })
}

/// `text` with `rewrite` applied to the rows of every table over `min_rows_bytes` that lie
/// past its first `min_rows_bytes` of rows (cut at a line end). `rewrite` must replace ASCII
/// bytes with ASCII bytes only, so every offset stays valid.
fn rewrite_rows_past_the_cut(
    text: &str,
    min_rows_bytes: usize,
    rewrite: impl Fn(&mut [u8]),
) -> Cow<'_, str> {
    let tables = large_tables(text, min_rows_bytes);
    if tables.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for table in tables {
        let mut keep_to = table.rows_start + min_rows_bytes;
        while keep_to < table.end && bytes.get(keep_to - 1) != Some(&b'\n') {
            keep_to += 1;
        }
        if let Some(rows) = bytes.get_mut(keep_to..table.end) {
            rewrite(rows);
        }
    }
    String::from_utf8(bytes).map_or(Cow::Borrowed(text), Cow::Owned)
}

#[derive(Debug)]
pub(crate) struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct ListItem {
    /// 1 for a top-level list, 2 for a list inside an item, and so on.
    pub depth: usize,
    /// The item's text up to its first nested list, inline markup removed.
    pub text: String,
    pub span: Span,
    /// Index of the enclosing item, for nested lists.
    pub parent: Option<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct TableRow {
    pub cells: Vec<String>,
    /// Each cell's source text, trimmed: markup and all (`**Proposed** by the team`).
    pub cell_spans: Vec<Span>,
    pub span: Span,
}

#[derive(Debug, Default)]
pub(crate) struct Table {
    pub span: Span,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub headings: Vec<Heading>,
    pub items: Vec<ListItem>,
    pub links: Vec<Link>,
    pub comments: Vec<(String, Span)>,
    pub tables: Vec<Table>,
    /// Code blocks and inline code spans, in file order.
    pub code: Vec<Span>,
}

struct OpenLink {
    target: String,
    kind: LinkKind,
    span: Span,
    text: String,
}

/// Walks the body (`source.text[body_start..]`) once; with `title_and_preamble`, only until
/// both the title (the first H1) and the first H2 (where the preamble ends, and with it
/// any legacy metadata lines) have been seen.
pub(crate) fn outline(source: &SourceFile, body_start: usize, title_and_preamble: bool) -> Outline {
    let body = source.text.get(body_start..).unwrap_or("");
    if title_and_preamble {
        // pulldown-cmark finds the block structure of the whole text before the first
        // event, so stopping early saves little: parse only up to the first `## ` line
        // after the first `# ` line. Should those lines not be headings (inside a code
        // block), parse everything.
        if let Some(end) = first_atx_h1_line_end(body)
            .and_then(|h1_end| Some(h1_end + first_atx_line_end(body.get(h1_end..)?, "##")?))
        {
            // A huge table in the preamble (a 2,000 x 2,000 one took 390 MB to parse)
            // is read only as far as a metadata table would go (issue #13).
            let prefix = with_large_tables_cut_short(body.get(..end).unwrap_or(body), 64 * 1024);
            let prefix_outline = outline_of(source, body_start, &prefix, true);
            let has = |level| {
                prefix_outline
                    .headings
                    .iter()
                    .any(|heading| heading.level == level)
            };
            if has(1) && has(2) {
                return prefix_outline;
            }
        }
    }
    // pulldown-cmark keeps a node per table cell: a 2,000 x 2,000 table took 500 MB to
    // outline. Rows past the first 64 KiB of a huge table are read as a paragraph (offsets
    // unchanged): their links, code and comments are still seen, and no rule reads more
    // than a table's first rows (issue #13).
    let flattened = with_large_table_rows_flattened(body, 64 * 1024);
    outline_of(source, body_start, &flattened, title_and_preamble)
}

/// `text` with every table over `min_rows_bytes` ended after its first `min_rows_bytes` of
/// rows: the next row blanked, and the `|` of the rows after it replaced by `.`, so they read
/// as a paragraph of the same words (one ASCII byte for another: every offset stays).
pub(crate) fn with_large_table_rows_flattened(text: &str, min_rows_bytes: usize) -> Cow<'_, str> {
    if text.len() <= min_rows_bytes {
        return Cow::Borrowed(text);
    }
    rewrite_rows_past_the_cut(text, min_rows_bytes, |rows| {
        // The first row past the cut becomes a blank line, which ends the table (a table
        // row with fewer cells is padded to the header's width, so one-cell rows would
        // still cost a node per column): the rows after it are read as a paragraph.
        let first_row_end = rows
            .iter()
            .position(|&byte| byte == b'\n')
            .unwrap_or(rows.len());
        let (first_row, later_rows) = rows.split_at_mut(first_row_end);
        for byte in first_row {
            if *byte != b'\r' {
                *byte = b' ';
            }
        }
        for byte in later_rows {
            if *byte == b'|' {
                *byte = b'.';
            }
        }
    })
}

/// The end of the first line that looks like an ATX H1 (`# Title`).
fn first_atx_h1_line_end(body: &str) -> Option<usize> {
    first_atx_line_end(body, "#")
}

/// The end of the first line that looks like an ATX heading made with `hashes`.
fn first_atx_line_end(body: &str, hashes: &str) -> Option<usize> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() <= 3
            && let Some(rest) = trimmed.strip_prefix(hashes)
            && (rest.starts_with(' ') || rest.starts_with('\t'))
        {
            return Some(offset + line.len());
        }
        offset += line.len();
    }
    None
}

fn outline_of(
    source: &SourceFile,
    body_start: usize,
    body: &str,
    title_and_preamble: bool,
) -> Outline {
    let mut builder = OutlineBuilder {
        source,
        title_and_preamble,
        outline: Outline::default(),
        heading: None,
        item_stack: Vec::new(),
        label_open: None,
        list_depth: 0,
        links: Vec::new(),
        html_block: None,
        table: None,
        cell: None,
        code_block_start: None,
    };
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let span = Span::new(range.start + body_start, range.end + body_start);
        if builder.event(event, span).is_break() {
            break;
        }
    }
    let mut outline = builder.outline;
    outline.links.sort_by_key(|link| link.span.start);
    outline
}

/// The [`Outline`] being gathered from one walk over the parser's events, with what is
/// open at the current event (a heading, list items, links, an HTML block, a table cell).
struct OutlineBuilder<'s> {
    source: &'s SourceFile,
    /// Stop once the title and the first H2 have been seen (see [`outline`]).
    title_and_preamble: bool,
    outline: Outline,
    /// The open heading: level, start, text so far.
    heading: Option<(u8, usize, String)>,
    /// Indexes in `outline.items` of the open list items, innermost last.
    item_stack: Vec<usize>,
    /// The item whose label (its first paragraph) is still being read.
    label_open: Option<usize>,
    list_depth: usize,
    links: Vec<OpenLink>,
    html_block: Option<(usize, String)>,
    table: Option<Table>,
    /// The text of the open cell, when it is one of the row's first two.
    cell: Option<String>,
    code_block_start: Option<usize>,
}

impl OutlineBuilder<'_> {
    /// Takes one event; `Break` once a title-and-preamble walk has seen enough.
    fn event(&mut self, event: Event<'_>, span: Span) -> ControlFlow<()> {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((heading_level(level), span.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => return self.end_heading(span),
            Event::Start(Tag::List(_)) => {
                self.list_depth += 1;
                self.label_open = None;
            }
            Event::End(TagEnd::List(_)) => self.list_depth = self.list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => self.start_item(span),
            Event::End(TagEnd::Item) => self.end_item(),
            Event::Start(Tag::Paragraph) => self.start_paragraph(),
            // `<x@example.org>` is an e-mail autolink: its target is an address, not a file.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                ..
            }) => self.start_link(format!("mailto:{dest_url}"), LinkKind::Link, span),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.start_link(dest_url.to_string(), LinkKind::Link, span);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.start_link(dest_url.to_string(), LinkKind::Image, span);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => self.end_link(),
            Event::Start(Tag::CodeBlock(_)) => self.code_block_start = Some(span.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = self.code_block_start.take() {
                    self.outline.code.push(Span::new(start, span.end));
                }
            }
            Event::Text(text) => self.push_text(&text),
            Event::Code(text) => {
                self.outline.code.push(span);
                self.push_text(&text);
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((span.start, String::new())),
            Event::Html(html) => match &mut self.html_block {
                Some((_, text)) => text.push_str(&html),
                None => push_comments(&mut self.outline.comments, &html, span),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, text)) = self.html_block.take() {
                    push_comments(
                        &mut self.outline.comments,
                        &text,
                        Span::new(start, span.end),
                    );
                }
            }
            Event::InlineHtml(html) => push_comments(&mut self.outline.comments, &html, span),
            Event::Start(Tag::Table(_)) => {
                self.table = Some(Table {
                    span,
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => self.outline.tables.extend(self.table.take()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(table) = &mut self.table {
                    table.rows.push(TableRow {
                        cells: Vec::new(),
                        cell_spans: Vec::new(),
                        span,
                    });
                }
            }
            Event::Start(Tag::TableCell) => self.start_cell(span),
            Event::End(TagEnd::TableCell) => {
                if let (Some(table), Some(text)) = (&mut self.table, self.cell.take())
                    && let Some(row) = table.rows.last_mut()
                {
                    row.cells.push(collapse(&text));
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn end_heading(&mut self, span: Span) -> ControlFlow<()> {
        let Some((level, start, text)) = self.heading.take() else {
            return ControlFlow::Continue(());
        };
        let end = trim_line_end(self.source, start, span.end);
        self.outline.headings.push(Heading {
            level,
            text: collapse(&text),
            span: Span::new(start, end),
        });
        let headings = &self.outline.headings;
        if self.title_and_preamble
            && level <= 2
            && [1, 2]
                .iter()
                .all(|wanted| headings.iter().any(|seen| seen.level == *wanted))
        {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    fn start_item(&mut self, span: Span) {
        let index = self.outline.items.len();
        self.outline.items.push(ListItem {
            depth: self.list_depth,
            text: String::new(),
            span,
            parent: self.item_stack.last().copied(),
        });
        self.item_stack.push(index);
        self.label_open = Some(index);
    }

    fn end_item(&mut self) {
        if let Some(index) = self.item_stack.pop()
            && let Some(item) = self.outline.items.get_mut(index)
        {
            item.text = collapse(&item.text);
        }
        self.label_open = None;
    }

    fn start_paragraph(&mut self) {
        // A second paragraph in an item is its description, not its label.
        if let Some(index) = self.label_open
            && self
                .outline
                .items
                .get(index)
                .is_some_and(|item| !item.text.trim().is_empty())
        {
            self.label_open = None;
        }
    }

    fn start_link(&mut self, target: String, kind: LinkKind, span: Span) {
        self.links.push(OpenLink {
            target,
            kind,
            span,
            text: String::new(),
        });
    }

    fn end_link(&mut self) {
        let Some(open) = self.links.pop() else {
            return;
        };
        let text = collapse(&open.text);
        self.push_text(&text);
        self.outline.links.push(Link {
            line: self.source.line_of(open.span.start),
            target: open.target,
            text,
            kind: open.kind,
            span: open.span,
        });
    }

    // Only a row's first cells are read, by the legacy metadata table: a label and its
    // value, or a few labels over their values (`| Status | Date | Author(s) |`). Keeping
    // every cell cost a string each, 160 MB more for a 2,000 x 2,000 table (issue #13).
    fn start_cell(&mut self, span: Span) {
        const KEPT_CELLS: usize = 8;
        let row = self.table.as_mut().and_then(|table| table.rows.last_mut());
        self.cell = match row {
            Some(row) if row.cells.len() < KEPT_CELLS => {
                row.cell_spans.push(trimmed_span(&self.source.text, span));
                Some(String::new())
            }
            _ => None,
        };
    }

    /// Adds text to what is open: the innermost link (its parents get it when it closes),
    /// else the heading, the item's label and the table cell.
    fn push_text(&mut self, text: &str) {
        if let Some(link) = self.links.last_mut() {
            link.text.push_str(text);
            return;
        }
        if let Some((_, _, heading_text)) = &mut self.heading {
            heading_text.push_str(text);
        }
        if let Some(item) = self
            .label_open
            .and_then(|index| self.outline.items.get_mut(index))
        {
            item.text.push_str(text);
        }
        if let Some(cell) = &mut self.cell {
            cell.push_str(text);
        }
    }
}

fn push_comments(comments: &mut Vec<(String, Span)>, html: &str, span: Span) {
    let mut rest = html;
    let mut offset = 0;
    while let Some((before, after)) = rest.split_once("<!--") {
        let start = before.len();
        let Some((inner, remaining)) = after.split_once("-->") else {
            break;
        };
        let end = inner.len();
        let inner = inner.trim().to_string();
        comments.push((
            inner,
            Span::new(
                span.start + offset + start,
                span.start + offset + start + 4 + end + 3,
            ),
        ));
        offset += start + 4 + end + 3;
        rest = remaining;
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A heading's range includes its line ending; diagnostics should end before it.
fn trim_line_end(source: &SourceFile, start: usize, end: usize) -> usize {
    let text = source.text.get(start..end).unwrap_or("");
    start + text.trim_end().len()
}

fn collapse(text: &str) -> String {
    // Most text is ASCII with single spaces: one byte scan tells, without the searchers
    // below (this runs on every text of every record).
    if text.is_ascii() {
        let bytes = text.as_bytes();
        let is_collapsed = bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && !bytes.windows(2).any(|pair| pair == b"  ")
            && !bytes
                .iter()
                .any(|byte| byte.is_ascii_whitespace() && *byte != b' ');
        if is_collapsed {
            return text.to_string();
        }
    }
    let is_collapsed = !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.contains("  ")
        && !text.contains(|c: char| c.is_whitespace() && c != ' ');
    if is_collapsed {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `span` without the whitespace at either end of its text.
pub(crate) fn trimmed_span(text: &str, span: Span) -> Span {
    let Some(inner) = text.get(span.start..span.end) else {
        return span;
    };
    let start = span.start + (inner.len() - inner.trim_start().len());
    Span::new(start, start + inner.trim().len())
}

/// `---`, `* * *`, `___`: three or more of one marker, spaces allowed, indented at most 3.
pub(crate) fn is_thematic_break(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let rest = line.trim();
    let Some(marker) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    rest.chars().all(|c| c == marker || c == ' ' || c == '\t')
        && rest.chars().filter(|c| *c == marker).count() >= 3
}

/// The texts of the list items nested right under the item at `parent` of `outline`
/// (`  * Accepted` under `* Status:`), each with its span and line.
pub(crate) fn nested_items(
    source: &SourceFile,
    outline: &Outline,
    parent: usize,
) -> Vec<crate::model::Located<String>> {
    outline
        .items
        .iter()
        .filter(|item| item.parent == Some(parent) && !item.text.is_empty())
        .map(|item| {
            let line = source.line_of(item.span.start);
            let line_span = source.line_span(line);
            let text = source.slice(line_span);
            let span = text.find(item.text.as_str()).map_or(line_span, |at| {
                Span::new(line_span.start + at, line_span.start + at + item.text.len())
            });
            crate::model::Located::new(item.text.clone(), span, line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{collapse, is_thematic_break};

    proptest::proptest! {
        #[test]
        fn collapsing_joins_the_words_with_single_spaces(text in "[ a\\t\\n\\u{a0}é]{0,24}") {
            let words: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(collapse(&text), words.join(" "));
        }
    }

    #[test]
    fn thematic_breaks() {
        assert!(is_thematic_break("---"));
        assert!(is_thematic_break(" * * *"));
        assert!(is_thematic_break("_____  "));
        assert!(!is_thematic_break("--"));
        assert!(!is_thematic_break("    ---"));
        assert!(!is_thematic_break("-- -x"));
        assert!(!is_thematic_break("| --- |"));
    }
}
