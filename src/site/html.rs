//! A record's body as HTML that is safe to publish. pulldown-cmark's events stream through
//! a transform into the HTML writer (never collected, so memory follows the text, not the
//! event count); on the way the first H1 is dropped (the page shows the title), headings
//! get ids and anchors, relative links and images go through the caller's resolver (a
//! record becomes its page, an image is published, anything else keeps only its text),
//! images from other origins become links, URLs other than http, https, mailto and
//! relative ones are dropped, and HTML comments vanish. Raw HTML naming an element the
//! sanitiser drops is shown as text, and an HTML block that would never end is turned into
//! text, so nothing swallows the Markdown after it. A body holding raw HTML is passed
//! through ammonia, so tags opened and closed in different events are judged together: a
//! large body in pieces cut where no raw tag is open. Huge tables are parsed a slice of rows
//! at a time. Also yields the table of contents and the words the search index needs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

/// Where a relative URL of a record leads on the site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Destination {
    /// Use the URL as written.
    Keep,
    /// Use this URL instead: a record's page, or a file copied into the site.
    Rewrite(String),
    /// Nothing is there: an image shows its text, a link keeps its URL.
    Missing,
    /// Not published: a link shows only its text, an image its alt text.
    Text,
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    /// The `##` and `###` headings, in order.
    pub toc: Vec<TocEntry>,
    /// Every distinct word of the text, lowercased, in order of first use, space-separated.
    pub words: String,
    /// Whether raw HTML was found (and the body sanitised).
    pub had_raw_html: bool,
}

/// How a URL is treated, decided on the URL as the browser will read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    /// `#section`, or empty.
    Fragment,
    /// `http:`, `https:` or `//host`: another origin.
    Web,
    Mail,
    /// `/path`: the root of wherever the site is served, nothing a record can rely on.
    RootRelative,
    /// A path relative to the record.
    Relative,
    /// Any other scheme (`javascript:`, `data:`, `file:`, `vbscript:`).
    Unsafe,
}

pub fn classify_url(url: &str) -> UrlKind {
    // Browsers drop ASCII tabs and newlines anywhere in a URL and spaces around it, so
    // `java\tscript:` is `javascript:`; judge the URL the way they will read it.
    let cleaned: String = url
        .trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.starts_with('#') {
        return UrlKind::Fragment;
    }
    if cleaned.starts_with("//") || cleaned.starts_with("\\\\") {
        return UrlKind::Web;
    }
    if cleaned.starts_with('/') || cleaned.starts_with('\\') {
        return UrlKind::RootRelative;
    }
    let scheme_end = cleaned.find([':', '/', '?', '#', '\\']);
    match scheme_end {
        Some(at) if cleaned[at..].starts_with(':') => {
            match cleaned[..at].to_ascii_lowercase().as_str() {
                "http" | "https" => UrlKind::Web,
                "mailto" => UrlKind::Mail,
                _ => UrlKind::Unsafe,
            }
        }
        _ => UrlKind::Relative,
    }
}

// Heading ids are computed where `link-broken` computes them too (issue #15).
use crate::anchors::unique_id;
pub use crate::anchors::{RESERVED_IDS, slug};

/// Bodies larger than this are rendered one at a time: pulldown-cmark holds the block tree
/// of the whole text (about 48 bytes per table cell, so 390 MB for a 2,000 x 2,000 table in
/// an 8 MiB record), and two such records on two threads would double the peak.
const LARGE_BODY: usize = 1024 * 1024;
static LARGE_BODIES: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Renders a record's body (the text after its front matter); `extra_words` (its number,
/// title, tags) go into the search words first.
///
/// Events stream from the parser through the transform into the HTML writer: collecting
/// them first took 80 bytes per event twice over (2.3 GB for a 2,000 x 2,000 table).
pub fn render_body(
    markdown: &str,
    drop_first_h1: bool,
    extra_words: &[&str],
    resolve: &(dyn Fn(&str, LinkKind) -> Destination + Sync),
) -> Body {
    render_body_in_pieces(
        markdown,
        drop_first_h1,
        extra_words,
        resolve,
        markdown.len() > LARGE_BODY,
    )
}

/// [`render_body`], sanitising in pieces or not.
fn render_body_in_pieces(
    markdown: &str,
    drop_first_h1: bool,
    extra_words: &[&str],
    resolve: &(dyn Fn(&str, LinkKind) -> Destination + Sync),
    chunked: bool,
) -> Body {
    let _one_at_a_time = (markdown.len() > LARGE_BODY).then(|| LARGE_BODIES.lock());
    let markdown = unswallowed(markdown);
    let (main_text, large_tables) = match cut_large_tables(&markdown) {
        Some((text, tables)) => (Cow::Owned(text), tables),
        None => (Cow::Borrowed(markdown.as_ref()), Vec::new()),
    };
    let mut transform = Transform {
        resolve,
        out: std::collections::VecDeque::new(),
        heading: None,
        title_pending: drop_first_h1,
        skipping_title: false,
        link_ends: Vec::new(),
        image_ends: Vec::new(),
        link_depth: 0,
        ids: RESERVED_IDS.iter().map(|id| (*id).to_string()).collect(),
        toc: Vec::new(),
        words: Words::default(),
        texts: 0,
        had_raw_html: false,
        raw_events: 0,
        open_raw_tags: Vec::new(),
        resolved: HashSet::new(),
    };
    for extra in extra_words {
        transform.words.add(extra);
    }
    // A large body is sanitised in pieces, cut between top-level blocks where every tag
    // raw HTML opened is closed: ammonia holds a DOM of its input, which for a 40 MB table
    // with one `<b>` elsewhere in the record took 1.6 GB. A piece without raw HTML is the
    // HTML writer's own output and needs no sanitising.
    let shared = std::rc::Rc::new(std::cell::RefCell::new(String::with_capacity(
        markdown.len() * 3 / 2,
    )));
    let mut stream = Stream {
        events: Parser::new_ext(&main_text, crate::parse::markdown::markdown_options()),
        transform,
        large_tables,
        table: None,
        html: std::rc::Rc::clone(&shared),
        chunked,
        depth: 0,
        at_boundary: false,
        raw_at_last_cut: 0,
        cuts: Vec::new(),
        piece: Piece::Top,
        container: None,
        members: 0,
    };
    let _ =
        pulldown_cmark::html::write_html_fmt(SharedHtml(std::rc::Rc::clone(&shared)), &mut stream);
    let Stream {
        transform,
        cuts,
        raw_at_last_cut,
        piece: last_piece,
        ..
    } = stream;
    let mut html = shared.take();
    let last_has_raw = transform.raw_events != raw_at_last_cut;
    let pieces = pieces_of(&cuts, html.len(), last_has_raw, last_piece);
    let whole = |html: String| {
        let html = with_alignment_classes(html);
        if transform.had_raw_html {
            sanitizer(resolve, &transform.resolved)
                .clean(&html)
                .to_string()
        } else {
            html
        }
    };
    html = if pieces.len() == 1 || !transform.had_raw_html {
        whole(html)
    } else {
        match sanitised_in_pieces(&html, &pieces, &sanitizer(resolve, &transform.resolved)) {
            Some(out) => out,
            // A piece did not come back in the shape it went in: all at once, as for a
            // small body.
            None => whole(html),
        }
    };
    Body {
        html,
        toc: transform.toc,
        words: transform.words.finish(),
        had_raw_html: transform.had_raw_html,
    }
}

/// The HTML writer's output, shared with the [`Stream`] feeding it, which reads its length
/// between top-level blocks.
struct SharedHtml(std::rc::Rc<std::cell::RefCell<String>>);

impl std::fmt::Write for SharedHtml {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(text);
        Ok(())
    }
}

/// The CSP forbids inline styles; classes carry a table column's alignment instead. Text
/// is escaped, so these exact attributes only come from the HTML writer.
fn with_alignment_classes(mut html: String) -> String {
    if html.contains(" style=\"text-align: ") {
        for side in ["left", "center", "right"] {
            html = html.replace(
                &format!(" style=\"text-align: {side}\""),
                &format!(" class=\"align-{side}\""),
            );
        }
    }
    html
}

/// The pieces a body's HTML is sanitised in, each with whether it holds raw HTML and what
/// it is: the stretches between `cuts` and the end (`last_has_raw`, `last_piece`), runs of
/// the same kind of piece joined up to [`SANITISED_PIECE`] bytes.
fn pieces_of(
    cuts: &[(usize, bool, Piece)],
    len: usize,
    last_has_raw: bool,
    last_piece: Piece,
) -> Vec<(std::ops::Range<usize>, bool, Piece)> {
    let mut pieces: Vec<(std::ops::Range<usize>, bool, Piece)> = Vec::new();
    let mut start = 0;
    let ends = cuts
        .iter()
        .copied()
        .chain(std::iter::once((len, last_has_raw, last_piece)));
    for (end, has_raw, piece) in ends {
        if end <= start {
            if let Some((_, raw, _)) = pieces.last_mut() {
                *raw |= has_raw;
            }
            continue;
        }
        match pieces.last_mut() {
            Some((range, raw, kind))
                if *kind == piece
                    && matches!(piece, Piece::Top | Piece::Inner { .. })
                    && end - range.start <= SANITISED_PIECE =>
            {
                range.end = end;
                *raw |= has_raw;
            }
            _ => pieces.push((start..end, has_raw, piece)),
        }
        start = end;
    }
    pieces
}

/// `html` sanitised piece by piece: a piece without raw HTML as it is, the others wrapped
/// as their kind says and unwrapped again; `None` when a piece does not come back with its
/// wrapping (then the caller sanitises the whole).
fn sanitised_in_pieces(
    html: &str,
    pieces: &[(std::ops::Range<usize>, bool, Piece)],
    cleaner: &ammonia::Builder<'_>,
) -> Option<String> {
    let mut out = String::with_capacity(html.len());
    for (range, has_raw, piece) in pieces {
        let text = with_alignment_classes(html.get(range.clone())?.to_string());
        if !has_raw {
            out.push_str(&text);
            continue;
        }
        let (prefix, suffix) = match piece {
            Piece::Top => ("", ""),
            Piece::First { suffix } => ("", *suffix),
            Piece::Inner { prefix, suffix } => (*prefix, *suffix),
            Piece::Closing => return None,
        };
        let clean = cleaner
            .clean(&format!("{prefix}{text}{suffix}"))
            .to_string();
        out.push_str(clean.strip_prefix(prefix)?.strip_suffix(suffix)?);
    }
    Some(out)
}

/// How much HTML one ammonia call sees, at most, when a body is cut into pieces (a single
/// top-level block may be larger).
const SANITISED_PIECE: usize = 256 * 1024;

/// The parser's events passed through a [`Transform`] one at a time; a large table cut
/// out of the text (see [`cut_large_tables`]) is parsed a slice of rows at a time where its
/// placeholder comes.
struct Stream<'a, 'r, I> {
    events: I,
    transform: Transform<'a, 'r>,
    large_tables: Vec<LargeTable<'a>>,
    table: Option<TableSlices<'a>>,
    /// The HTML written so far, and whether to note where it may be cut.
    html: std::rc::Rc<std::cell::RefCell<String>>,
    chunked: bool,
    /// Nesting of the events handed out; at 0 a top-level block has just ended.
    depth: usize,
    at_boundary: bool,
    raw_at_last_cut: usize,
    /// Offsets of the HTML where it may be cut, each with whether raw HTML came before it
    /// since the last cut and what the piece ending there is.
    cuts: Vec<(usize, bool, Piece)>,
    /// What the piece being written is, and the top-level list or table it is in.
    piece: Piece,
    container: Option<Container>,
    /// Rows or items of that container seen so far.
    members: usize,
}

/// What a stretch of a body's HTML between two cuts is, so that it can be sanitised on its
/// own: a run of top-level blocks; the start of a top-level list or table with its first
/// member (closed by `suffix` for sanitising); later members (wrapped in `prefix` and
/// `suffix`); or the container's end tag alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Top,
    First {
        suffix: &'static str,
    },
    Inner {
        prefix: &'static str,
        suffix: &'static str,
    },
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    List { ordered: bool },
    Table,
}

impl<'a, I> Stream<'a, '_, I> {
    /// Notes where a top-level block ended (once the writer has written it).
    fn hand_out(&mut self, event: Event<'a>) -> Event<'a> {
        if self.chunked {
            self.note_inner_cut(&event);
        }
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.at_boundary = self.depth == 0;
        event
    }

    fn note_cut(&mut self) {
        if !std::mem::take(&mut self.at_boundary)
            || !self.chunked
            || !self.transform.open_raw_tags.is_empty()
        {
            return;
        }
        self.cut(Piece::Top);
    }

    /// Ends the piece being written here; the next one is `next`.
    fn cut(&mut self, next: Piece) {
        let len = self.html.borrow().len();
        let has_raw = self.transform.raw_events != self.raw_at_last_cut;
        self.raw_at_last_cut = self.transform.raw_events;
        self.cuts.push((len, has_raw, self.piece));
        self.piece = next;
    }

    /// Cuts inside a top-level list or table, between its items or rows, before `event`
    /// is written: a long list or table with raw HTML in it is sanitised a few members at
    /// a time, each piece wrapped in the container's tags.
    fn note_inner_cut(&mut self, event: &Event<'a>) {
        match (self.depth, event) {
            (0, Event::Start(Tag::List(start))) => {
                let ordered = start.is_some();
                self.container = Some(Container::List { ordered });
                self.members = 0;
                self.piece = Piece::First {
                    suffix: if ordered { "</ol>" } else { "</ul>" },
                };
            }
            (0, Event::Start(Tag::Table(_))) => {
                self.container = Some(Container::Table);
                self.members = 0;
                self.piece = Piece::First {
                    suffix: "</tbody></table>",
                };
            }
            (1, Event::Start(Tag::Item | Tag::TableRow)) => {
                self.members += 1;
                if self.members > 1 && self.transform.open_raw_tags.is_empty() {
                    let next = match self.container {
                        Some(Container::List { ordered: true }) => Piece::Inner {
                            prefix: "<ol>",
                            suffix: "</ol>",
                        },
                        Some(Container::List { ordered: false }) => Piece::Inner {
                            prefix: "<ul>",
                            suffix: "</ul>",
                        },
                        Some(Container::Table) => Piece::Inner {
                            prefix: "<table><tbody>",
                            suffix: "</tbody></table>",
                        },
                        None => return,
                    };
                    self.cut(next);
                }
            }
            (1, Event::End(TagEnd::List(_) | TagEnd::Table)) => {
                self.container = None;
                match self.piece {
                    // Never cut inside: the piece is a whole list or table after all.
                    Piece::First { .. } => self.piece = Piece::Top,
                    Piece::Inner { .. } if self.transform.open_raw_tags.is_empty() => {
                        self.cut(Piece::Closing)
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Stream<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        self.note_cut();
        loop {
            if let Some(event) = self.transform.out.pop_front() {
                return Some(self.hand_out(event));
            }
            if let Some(table) = &mut self.table {
                match table.next() {
                    Some(event) => self.transform.push(event),
                    None => self.table = None,
                }
                continue;
            }
            match self.events.next() {
                Some(Event::Html(html)) if html.starts_with(TABLE_PLACEHOLDER) => {
                    let index = html
                        .get(TABLE_PLACEHOLDER.len()..)
                        .and_then(|rest| rest.split('-').next())
                        .and_then(|number| number.parse::<usize>().ok());
                    if let Some(table) = index.and_then(|index| self.large_tables.get(index)) {
                        self.table = Some(TableSlices::new(*table));
                    }
                }
                Some(event) => self.transform.push(event),
                // The parser always closes a heading; should it not, its text still shows.
                None if self.transform.heading.is_some() => self.transform.finish_heading(),
                None => return None,
            }
        }
    }
}

/// Tables whose rows take more than this are parsed a slice of rows at a time:
/// pulldown-cmark builds the block tree of a whole text before its first event, about 96
/// bytes per cell (390 MB for a 2,000 x 2,000 table).
const TABLE_SLICE: usize = 64 * 1024;

/// What stands for a large table in the text the parser reads (an HTML comment, which
/// the transform drops): the table's number follows.
const TABLE_PLACEHOLDER: &str = "<!--\u{1}adr-large-table-";

/// A table cut out of a body: its header and delimiter lines, and its rows.
#[derive(Debug, Clone, Copy)]
struct LargeTable<'a> {
    head: &'a str,
    rows: &'a str,
}

/// The rows of a large table parsed a slice at a time, each slice as its own table with
/// the same head; the events between slices (the end of one table, the start and head of
/// the next) are left out, so the page gets one table.
struct TableSlices<'a> {
    table: LargeTable<'a>,
    /// Where the next slice of rows starts.
    at: usize,
    events: std::vec::IntoIter<Event<'static>>,
}

impl<'a> TableSlices<'a> {
    fn new(table: LargeTable<'a>) -> TableSlices<'a> {
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
fn cut_large_tables(markdown: &str) -> Option<(String, Vec<LargeTable<'_>>)> {
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

/// Whether a link or an image asks for the URL: a record may link to any file, but only
/// an image is shown in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LinkKind {
    Link,
    Image,
}

/// The markdown with every HTML block that would run to the end of its container (its end
/// condition, such as `</script>` or `-->`, never comes: CommonMark HTML block kinds 1 to
/// 5) turned into text by a backslash before its `<`, so the Markdown after it is rendered
/// as Markdown. Each round finds the blocks the last one uncovered; a text needing more
/// than a few rounds keeps the rest as escaped HTML source, shown but not swallowed.
fn unswallowed(markdown: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(markdown);
    for _ in 0..8 {
        if !may_have_unclosed_html_block(&text) {
            break;
        }
        let openers = unclosed_html_block_starts(&text);
        if openers.is_empty() {
            break;
        }
        let mut fixed = String::with_capacity(text.len() + openers.len());
        let mut last = 0;
        for at in openers {
            fixed.push_str(text.get(last..at).unwrap_or(""));
            fixed.push('\\');
            last = at;
        }
        fixed.push_str(text.get(last..).unwrap_or(""));
        text = Cow::Owned(fixed);
    }
    text
}

/// An HTML block kind that ends only at a marker: the marker, and whether it is matched
/// without regard to ASCII case.
fn html_block_end(block: &str) -> Option<(&'static str, bool)> {
    let bytes = block.as_bytes();
    let starts = |prefix: &str| {
        bytes
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    for (name, end) in [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        if starts(name)
            && bytes
                .get(name.len())
                .is_none_or(|next| matches!(next, b' ' | b'\t' | b'\n' | b'\r' | b'>'))
        {
            return Some((end, true));
        }
    }
    if block.starts_with("<!--") {
        Some(("-->", false))
    } else if block.starts_with("<?") {
        Some(("?>", false))
    } else if block.starts_with("<![CDATA[") {
        Some(("]]>", false))
    } else if block.starts_with("<!") && bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
        Some((">", false))
    } else {
        None
    }
}

fn contains_marker(text: &str, (marker, ignore_case): (&str, bool)) -> bool {
    if !ignore_case {
        return text.contains(marker);
    }
    text.as_bytes()
        .windows(marker.len())
        .any(|window| window.eq_ignore_ascii_case(marker.as_bytes()))
}

/// A quick look for a line that opens an HTML block of kind 1 to 5 whose end marker
/// appears nowhere after it; only then is the text parsed to find such blocks for sure.
fn may_have_unclosed_html_block(text: &str) -> bool {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        let opener = line.trim_start_matches(|c: char| {
            c.is_ascii_whitespace()
                || c.is_ascii_digit()
                || matches!(c, '>' | '-' | '*' | '+' | '.' | ')')
        });
        if let Some(end) = html_block_end(opener)
            && !contains_marker(opener.get(2..).unwrap_or(""), end)
            && !contains_marker(text.get(at..).unwrap_or(""), end)
        {
            return true;
        }
    }
    false
}

/// Where each HTML block of kind 1 to 5 that lacks its end marker starts (its `<`).
fn unclosed_html_block_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for (event, range) in
        Parser::new_ext(text, crate::parse::markdown::markdown_options()).into_offset_iter()
    {
        if let Event::Start(Tag::HtmlBlock) = event
            && let Some(block) = text.get(range.clone())
            && let Some(offset) = block.find('<')
            && let Some(opener) = block.get(offset..)
            && let Some(end) = html_block_end(opener)
            && !contains_marker(opener.get(2..).unwrap_or(""), end)
        {
            starts.push(range.start + offset);
        }
    }
    starts
}

/// The elements ammonia keeps. Raw HTML naming any other is shown as text: ammonia would
/// drop it, and several (`<title>`, `<textarea>`, `<xmp>`, `<style>`, `<script>`,
/// `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`, `<plaintext>`, `<template>`,
/// `<select>`) make the HTML parser take everything after them as their text, so the rest
/// of the record vanished or showed as source.
static KEPT_ELEMENTS: std::sync::LazyLock<HashSet<&'static str>> = std::sync::LazyLock::new(|| {
    let mut tags = ammonia::Builder::default().clone_tags();
    tags.insert("input");
    tags
});

/// Raw HTML with every tag of an element ammonia would not keep (custom elements aside),
/// and every comment, declaration or processing instruction, escaped: its `<` becomes
/// `&lt;`, so it shows as text and cannot open anything that swallows what follows.
fn neutralised(html: CowStr<'_>) -> CowStr<'_> {
    let mut out = String::new();
    let mut last = 0;
    for (at, _) in html.match_indices('<') {
        let rest = html.get(at + 1..).unwrap_or("");
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        let escape = if name_part.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name = name_part
                .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            // A custom element (`<adr-status>`, a name with `-`) is an ordinary element to
            // the HTML parser and cannot swallow anything: ammonia drops its tags as before.
            !KEPT_ELEMENTS.contains(name.as_str()) && !name.contains('-')
        } else {
            rest.starts_with(['!', '?'])
        };
        if escape {
            out.push_str(html.get(last..at).unwrap_or(""));
            out.push_str("&lt;");
            last = at + 1;
        }
    }
    if last == 0 {
        return html;
    }
    out.push_str(html.get(last..).unwrap_or(""));
    CowStr::from(out)
}

fn is_comment(html: &str) -> bool {
    let trimmed = html.trim();
    trimmed.starts_with("<!--")
        && trimmed.ends_with("-->")
        && trimmed[4..].find("-->").map(|at| at + 4 + 3) == Some(trimmed.len())
}

enum ImageEnd {
    Image,
    /// An image from another origin, shown as a link to it.
    Link {
        texts_before: usize,
        url: String,
    },
    /// Only the image's text remains.
    Text,
}

struct Transform<'a, 'r> {
    resolve: &'r (dyn Fn(&str, LinkKind) -> Destination + Sync),
    out: std::collections::VecDeque<Event<'a>>,
    /// Events of the heading being read, which gets its id once its text is known.
    heading: Option<(HeadingLevel, Vec<Event<'a>>)>,
    title_pending: bool,
    skipping_title: bool,
    /// For each open link: whether its end is written (a dropped link keeps only its text).
    link_ends: Vec<bool>,
    image_ends: Vec<ImageEnd>,
    link_depth: usize,
    /// Ids given so far; a record has a few dozen headings, so a hash with no seeding to
    /// set up (SipHash's costs more than the lookups) is enough.
    ids: HashSet<String, foldhash::fast::FixedState>,
    toc: Vec<TocEntry>,
    words: Words,
    /// Text events seen so far, to tell whether an image had any text.
    texts: usize,
    /// Whether raw HTML was found: the whole body then goes through ammonia.
    had_raw_html: bool,
    /// Raw HTML events seen, and the elements raw HTML opened and has not closed.
    raw_events: usize,
    open_raw_tags: Vec<String>,
    /// The URLs Markdown links and images were given here, which ammonia keeps as they
    /// are rather than resolving them a second time.
    resolved: HashSet<String>,
}

impl<'a> Transform<'a, '_> {
    fn emit(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some((_, buffer)) => buffer.push(event),
            None => self.out.push_back(event),
        }
    }

    /// Raw HTML, neutralised, with the tags it opens and closes noted.
    fn raw(&mut self, html: CowStr<'a>) -> CowStr<'a> {
        self.had_raw_html = true;
        self.raw_events += 1;
        let html = neutralised(html);
        track_tags(&html, &mut self.open_raw_tags);
        html
    }

    /// Where a relative URL leads, noted so that ammonia leaves it alone.
    fn resolved(&mut self, url: CowStr<'a>, kind: LinkKind) -> Option<CowStr<'a>> {
        let url = match (self.resolve)(&url, kind) {
            Destination::Rewrite(rewritten) => CowStr::from(rewritten),
            Destination::Keep => url,
            Destination::Missing if kind == LinkKind::Link => url,
            Destination::Missing | Destination::Text => return None,
        };
        self.resolved.insert(url.to_string());
        Some(url)
    }

    fn push(&mut self, event: Event<'a>) {
        if self.skipping_title {
            if matches!(event, Event::End(TagEnd::Heading(HeadingLevel::H1))) {
                self.skipping_title = false;
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. })
                if level == HeadingLevel::H1 && self.title_pending =>
            {
                self.title_pending = false;
                self.skipping_title = true;
            }
            Event::Start(Tag::Heading { level, .. }) if self.heading.is_none() => {
                self.heading = Some((level, Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) if self.heading.is_some() => self.finish_heading(),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match classify_url(&dest_url) {
                    UrlKind::Unsafe => None,
                    UrlKind::Relative => self.resolved(dest_url, LinkKind::Link),
                    _ => Some(dest_url),
                };
                let Some(dest_url) = dest_url else {
                    self.link_ends.push(false);
                    return;
                };
                self.link_ends.push(true);
                self.link_depth += 1;
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if self.link_ends.pop().unwrap_or(false) {
                    self.link_depth = self.link_depth.saturating_sub(1);
                    self.emit(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let end = match classify_url(&dest_url) {
                    UrlKind::Web if self.link_depth == 0 => {
                        let url = dest_url.to_string();
                        self.emit(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url,
                            title: CowStr::from("image on another site, not loaded here"),
                            id,
                        }));
                        ImageEnd::Link {
                            texts_before: self.texts,
                            url,
                        }
                    }
                    UrlKind::Relative => match self.resolved(dest_url, LinkKind::Image) {
                        Some(dest_url) => {
                            self.emit(Event::Start(Tag::Image {
                                link_type,
                                dest_url,
                                title,
                                id,
                            }));
                            ImageEnd::Image
                        }
                        None => ImageEnd::Text,
                    },
                    _ => ImageEnd::Text,
                };
                self.image_ends.push(end);
            }
            Event::End(TagEnd::Image) => match self.image_ends.pop() {
                Some(ImageEnd::Image) => self.emit(Event::End(TagEnd::Image)),
                Some(ImageEnd::Link { texts_before, url }) => {
                    if self.texts == texts_before {
                        // No alt text: the link needs something to show.
                        self.emit(Event::Text(CowStr::from(url)));
                    }
                    self.emit(Event::End(TagEnd::Link));
                }
                Some(ImageEnd::Text) | None => {}
            },
            Event::Html(html) | Event::InlineHtml(html) if is_comment(&html) => {}
            Event::Html(html) => {
                let html = self.raw(html);
                self.emit(Event::Html(html));
            }
            Event::InlineHtml(html) => {
                let html = self.raw(html);
                self.emit(Event::InlineHtml(html));
            }
            Event::Text(text) => {
                self.texts += 1;
                self.words.add(&text);
                self.emit(Event::Text(text));
            }
            Event::Code(code) => {
                self.texts += 1;
                self.words.add(&code);
                self.emit(Event::Code(code));
            }
            other => self.emit(other),
        }
    }

    fn finish_heading(&mut self) {
        let Some((level, buffer)) = self.heading.take() else {
            return;
        };
        let text: String = buffer
            .iter()
            .filter_map(|event| match event {
                Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let id = unique_id(&mut self.ids, &slug(&text));
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) && !text.is_empty() {
            self.toc.push(TocEntry {
                level: if level == HeadingLevel::H2 { 2 } else { 3 },
                id: id.clone(),
                text,
            });
        }
        let anchor = format!(
            " <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
        );
        self.out.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        self.out.extend(buffer);
        self.out.push_back(Event::InlineHtml(CowStr::from(anchor)));
        self.out.push_back(Event::End(TagEnd::Heading(level)));
    }
}

/// The text of a body, gathered for the search index.
#[derive(Default)]
struct Words {
    text: String,
}

impl Words {
    fn add(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push(' ');
    }

    /// The distinct words in order of first use. This runs on every word of every record,
    /// so ASCII text (most records) takes a byte loop with its own small hash table of
    /// word positions in place of `str::split` and a `HashSet<&str>`: measured at a fifth
    /// of the cost. Other text is lowercased and split by the Unicode tables.
    fn finish(self) -> String {
        let mut lower = self.text;
        if !lower.is_ascii() {
            return distinct_words_unicode(&lower.to_lowercase());
        }
        lower.make_ascii_lowercase();
        distinct_words_ascii(lower.as_bytes())
    }
}

fn distinct_words_unicode(lower: &str) -> String {
    let mut seen: HashSet<&str, foldhash::fast::FixedState> =
        HashSet::with_capacity_and_hasher(512, foldhash::fast::FixedState::default());
    let mut out = String::with_capacity(lower.len() / 3);
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().nth(1).is_some() && seen.insert(word) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    // Kept until the search index is written: at 10,000 records the slack adds up.
    out.shrink_to_fit();
    out
}

/// Which bytes make up words: ASCII letters and digits.
const IS_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// The distinct words (ASCII letters and digits, two or more) of lowercase ASCII `text`.
fn distinct_words_ascii(text: &[u8]) -> String {
    // Open addressing over (start, length) of each word kept; empty slots are 0, so
    // entries store start + 1. The table stays under half full.
    let mut slots: Vec<(u32, u32)> = vec![(0, 0); 1024];
    let mut kept = 0usize;
    let mut out: Vec<u8> = Vec::with_capacity(text.len() / 3);
    let mut at = 0;
    while at < text.len() {
        while at < text.len() && !IS_WORD_BYTE[usize::from(text[at])] {
            at += 1;
        }
        let start = at;
        while at < text.len() && IS_WORD_BYTE[usize::from(text[at])] {
            at += 1;
        }
        let length = at - start;
        if length < 2 {
            continue;
        }
        if (kept + 1) * 2 > slots.len() {
            slots = grow(&slots, text);
        }
        let mask = slots.len() - 1;
        let mut slot = word_hash(text, start, length) & mask;
        loop {
            let (stored, stored_length) = slots[slot];
            if stored == 0 {
                slots[slot] = (start as u32 + 1, length as u32);
                kept += 1;
                if !out.is_empty() {
                    out.push(b' ');
                }
                out.extend_from_slice(&text[start..at]);
                break;
            }
            let seen = (stored - 1) as usize;
            if stored_length as usize == length && same_word(text, seen, start, length) {
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    out.shrink_to_fit();
    // Only ASCII letters, digits and spaces went in.
    String::from_utf8(out).unwrap_or_default()
}

/// The up to eight bytes of `text` from `at` that belong to a word of `length` bytes, as
/// an integer; nothing beyond the word counts. Most words fit one of these, so hashing and
/// comparing them takes a load and a mask in place of a loop over bytes.
fn word_chunk(text: &[u8], at: usize, length: usize) -> u64 {
    let take = length.min(8);
    match text.get(at..at + 8) {
        Some(eight) => {
            let bytes = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
            if take == 8 {
                bytes
            } else {
                bytes & ((1u64 << (8 * take)) - 1)
            }
        }
        None => {
            let mut buffer = [0u8; 8];
            for (slot, byte) in buffer.iter_mut().zip(&text[at..at + take]) {
                *slot = *byte;
            }
            u64::from_le_bytes(buffer)
        }
    }
}

/// A hash of the word of `length` bytes at `start` in `text`: eight bytes at a time,
/// each folded in by a multiply (the mixing of the `foldhash` and `wyhash` family).
fn word_hash(text: &[u8], start: usize, length: usize) -> usize {
    let mut hash = (length as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut at = start;
    let end = start + length;
    while at < end {
        let folded = u128::from(hash ^ word_chunk(text, at, end - at))
            * u128::from(0xa076_1d64_78bd_642f_u64);
        hash = (folded as u64) ^ ((folded >> 64) as u64);
        at += 8;
    }
    hash as usize
}

/// Whether the words of `length` bytes at `one` and `other` in `text` are the same.
fn same_word(text: &[u8], one: usize, other: usize, length: usize) -> bool {
    if length <= 8 {
        return word_chunk(text, one, length) == word_chunk(text, other, length);
    }
    text[one..one + length] == text[other..other + length]
}

/// `slots` rehashed into a table twice the size.
fn grow(slots: &[(u32, u32)], text: &[u8]) -> Vec<(u32, u32)> {
    let mut bigger = vec![(0u32, 0u32); slots.len() * 2];
    let mask = bigger.len() - 1;
    for &(stored, length) in slots.iter().filter(|(stored, _)| *stored != 0) {
        let start = (stored - 1) as usize;
        let mut slot = word_hash(text, start, length as usize) & mask;
        while bigger[slot].0 != 0 {
            slot = (slot + 1) & mask;
        }
        bigger[slot] = (stored, length);
    }
    bigger
}

/// The distinct lowercase words of `texts`, for titles and tags in the search index.
pub fn words_of<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let mut words = Words::default();
    for text in texts {
        words.add(text);
    }
    words.finish()
}

/// Cleans a rendered body that holds raw HTML: no scripts, event handlers, frames, objects,
/// forms or styles; URLs only http, https, mailto and relative (resolved like Markdown
/// links); images only from the site itself.
fn sanitizer<'r>(
    resolve: &'r (dyn Fn(&str, LinkKind) -> Destination + Sync),
    resolved: &'r HashSet<String>,
) -> ammonia::Builder<'r> {
    let data_urls: HashSet<String> = resolved
        .iter()
        .filter(|url| url.starts_with("data:"))
        .cloned()
        .collect();
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input"])
        .add_tag_attributes("a", ["aria-label"])
        .add_tag_attributes("input", ["checked", "disabled"])
        .add_tag_attribute_values("input", "type", ["checkbox"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("sup", ["id"]);
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(heading, ["id"]);
    }
    let classes: HashMap<&str, HashSet<&str>> = [
        ("a", &["anchor"][..]),
        ("div", &["footnote-definition"][..]),
        (
            "sup",
            &["footnote-reference", "footnote-definition-label"][..],
        ),
        ("th", &["align-left", "align-center", "align-right"][..]),
        ("td", &["align-left", "align-center", "align-right"][..]),
        (
            "blockquote",
            &[
                "markdown-alert-note",
                "markdown-alert-tip",
                "markdown-alert-important",
                "markdown-alert-warning",
                "markdown-alert-caution",
            ][..],
        ),
    ]
    .into_iter()
    .map(|(tag, names)| (tag, names.iter().copied().collect()))
    .collect();
    builder
        .allowed_classes(classes)
        // `data:` passes the scheme check only for the filter below, which keeps exactly
        // the `data:` URLs made here for SVG images.
        .url_schemes(["http", "https", "mailto", "data"].into_iter().collect())
        .link_rel(None)
        .attribute_filter(move |element, attribute, value| {
            let is_made_here = data_urls.contains(value);
            if is_made_here {
                return (element == "img" && attribute == "src").then_some(Cow::Borrowed(value));
            }
            // Images load only from the site: another origin would see every reader.
            if element == "img" && attribute == "src" && classify_url(value) != UrlKind::Relative {
                return None;
            }
            let is_url = matches!(
                attribute,
                "href" | "src" | "cite" | "longdesc" | "srcset" | "poster" | "data" | "action"
            );
            if is_url && classify_url(value) == UrlKind::Unsafe {
                return None;
            }
            Some(Cow::Borrowed(value))
        })
        .url_relative(ammonia::UrlRelative::Custom(Box::new(RelativeUrls {
            resolve,
            resolved,
        })));
    builder
}

/// Elements with no end tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Updates `open` (the elements raw HTML opened and has not closed) with the tags of
/// `html`, which is neutralised: every `<` left opens a tag of a kept element.
fn track_tags(html: &str, open: &mut Vec<String>) {
    for (at, _) in html.match_indices('<') {
        let rest = html.get(at + 1..).unwrap_or("");
        let (closing, name_part) = match rest.strip_prefix('/') {
            Some(name_part) => (true, name_part),
            None => (false, rest),
        };
        let name = name_part
            .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if closing {
            if let Some(position) = open.iter().rposition(|tag| *tag == name) {
                open.truncate(position);
            }
        } else {
            let self_closing = rest.split('>').next().is_some_and(|tag| tag.ends_with('/'));
            if !self_closing && !VOID_ELEMENTS.contains(&name.as_str()) {
                open.push(name);
            }
        }
    }
}

/// Relative URLs in raw HTML, resolved like those of Markdown links. Returning `None`
/// removes the attribute: a missing image shows its `alt`, a link becomes its text.
struct RelativeUrls<'r> {
    resolve: &'r (dyn Fn(&str, LinkKind) -> Destination + Sync),
    resolved: &'r HashSet<String>,
}

impl<'a, 'r: 'a> ammonia::UrlRelativeEvaluate<'a> for RelativeUrls<'r> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        match classify_url(url) {
            UrlKind::Relative if self.resolved.contains(url) => Some(Cow::Borrowed(url)),
            // Raw HTML does not say which attribute the URL is in; an image is the
            // stricter reading (only images are published, an SVG only inside `<img>`),
            // and a link to an image is an image too.
            UrlKind::Relative => match (self.resolve)(url, LinkKind::Image) {
                Destination::Keep => Some(Cow::Borrowed(url)),
                Destination::Rewrite(rewritten) => Some(Cow::Owned(rewritten)),
                Destination::Missing | Destination::Text => None,
            },
            UrlKind::Fragment | UrlKind::RootRelative => Some(Cow::Borrowed(url)),
            UrlKind::Web | UrlKind::Mail | UrlKind::Unsafe => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str, _: LinkKind) -> Destination {
        Destination::Keep
    }

    #[test]
    fn urls_are_classified_as_browsers_read_them() {
        assert_eq!(classify_url("javascript:alert(1)"), UrlKind::Unsafe);
        assert_eq!(classify_url(" JavaScript:alert(1)"), UrlKind::Unsafe);
        assert_eq!(classify_url("java\tscript:alert(1)"), UrlKind::Unsafe);
        assert_eq!(classify_url("data:text/html,x"), UrlKind::Unsafe);
        assert_eq!(classify_url("https://example.org"), UrlKind::Web);
        assert_eq!(classify_url("//example.org/x.png"), UrlKind::Web);
        assert_eq!(classify_url("mailto:a@b.c"), UrlKind::Mail);
        assert_eq!(classify_url("0002-b.md#x"), UrlKind::Relative);
        assert_eq!(classify_url("./img/a:b.png"), UrlKind::Relative);
        assert_eq!(classify_url("#options"), UrlKind::Fragment);
        assert_eq!(classify_url("/static/x.png"), UrlKind::RootRelative);
    }

    #[test]
    fn headings_get_unique_ids_and_the_title_is_dropped() {
        let body = render_body(
            "# Title\n\n## Options\n\n### Options\n\n## Options\n\n## adr main\n",
            true,
            &[],
            &keep,
        );
        assert!(!body.html.contains("Title"));
        assert!(
            body.html
                .contains("<h2 id=\"options\">Options <a class=\"anchor\" href=\"#options\"")
        );
        let ids: Vec<_> = body.toc.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(ids, ["options", "options-1", "options-2", "adr-main-1"]);
    }

    #[test]
    fn unsafe_links_keep_only_their_text() {
        let body = render_body(
            "[click](javascript:alert(1)) [ok](https://x.org)",
            false,
            &[],
            &keep,
        );
        assert_eq!(body.html, "<p>click <a href=\"https://x.org\">ok</a></p>\n");
    }

    #[test]
    fn raw_html_is_sanitised() {
        let body = render_body(
            "<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n<iframe src=\"https://e.org\"></iframe><a href=\"javascript:alert(3)\">x</a>\n",
            false,
            &[],
            &|_: &str, _: LinkKind| Destination::Missing,
        );
        assert!(body.had_raw_html);
        for bad in ["onerror", "<script", "<iframe", "javascript:"] {
            assert!(!body.html.contains(bad), "{bad} in {}", body.html);
        }
        // An element ammonia would drop is shown as text, so it cannot swallow what follows.
        assert!(
            body.html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
            "{}",
            body.html
        );
    }

    #[test]
    fn tags_of_dropped_elements_show_as_text_and_kept_ones_stay() {
        let html = neutralised(CowStr::from(
            "<b>x</b><TITLE>t</Title><my-el a=1></my-el><!-- c --><?php ?><x-y/>< 3",
        ));
        assert_eq!(
            html.as_ref(),
            "<b>x</b>&lt;TITLE>t&lt;/Title><my-el a=1></my-el>&lt;!-- c -->&lt;?php ?><x-y/>< 3"
        );
        let mut open = Vec::new();
        track_tags("<div><p>a<br><img src=x/></p><span/>", &mut open);
        assert_eq!(open, ["div"]);
        track_tags("</div>", &mut open);
        assert!(open.is_empty());
    }

    #[test]
    fn an_html_block_that_never_ends_is_turned_into_text() {
        for opener in [
            "<script>",
            "<PRE class=x>",
            "<!-- note",
            "<?php",
            "<![CDATA[ x",
        ] {
            let text = format!("{opener}\nnever closed\n\n## Next\n");
            assert_eq!(unswallowed(&text), format!("\\{text}"), "{opener}");
        }
        // Closed ones, and openers in code, are left alone.
        for text in [
            "<script>\nx\n</script>\n",
            "```\n<script>\n```\n",
            "<!-- a -->\n",
        ] {
            assert!(matches!(unswallowed(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn a_large_table_is_rendered_as_one_table_a_slice_at_a_time() {
        let mut text = String::from("Intro [ref].\n\n| a | b |\n|:--|--:|\n");
        while text.len() <= LARGE_BODY + 1000 {
            text.push_str("| *x* | `y` |\n");
        }
        text.push_str("\nAfter.\n\n[ref]: https://example.org\n");
        let body = render_body(&text, false, &[], &keep);
        assert_eq!(body.html.matches("<table>").count(), 1);
        assert_eq!(body.html.matches("<thead>").count(), 1);
        let rows = text.matches("| *x* |").count();
        assert_eq!(
            body.html
                .matches("<td class=\"align-left\"><em>x</em></td>")
                .count(),
            rows
        );
        assert!(body.html.contains("</tbody></table>\n<p>After.</p>"));
        assert!(
            body.html
                .starts_with("<p>Intro <a href=\"https://example.org\">ref</a>.</p>")
        );
    }

    #[test]
    fn a_body_sanitised_in_pieces_is_the_body_sanitised_whole() {
        let mut text = String::from("Intro <b>bold</b>.\n\n");
        // Past [`SANITISED_PIECE`], so the list and the table are cut in several pieces.
        for n in 0..6000 {
            text.push_str(&format!("- item <i>{n}</i> <img src=x onerror=alert(1)>\n"));
        }
        text.push_str("\n1. one <b>1</b>\n2. two <u>2</u>\n\n| a | b |\n|:-|-|\n");
        for n in 0..12000 {
            text.push_str(&format!("| <b>{n}</b> | x |\n"));
        }
        text.push_str("\n<details>\n<summary>More</summary>\n\n*in* it\n\n</details>\n\nEnd <script>x</script>\n");
        let whole = render_body_in_pieces(&text, false, &[], &keep, false);
        let pieces = render_body_in_pieces(&text, false, &[], &keep, true);
        assert_eq!(pieces.html, whole.html);
        assert!(!pieces.html.contains("onerror"));
    }

    #[test]
    fn words_are_distinct_and_lowercase() {
        assert_eq!(
            words_of(["Use FastAPI, use Pydantic", "fastapi"]),
            "use fastapi pydantic"
        );
        assert_eq!(words_of(["Größe größe, Straße"]), "größe straße");
    }

    #[test]
    fn thousands_of_distinct_words_all_stay_in_first_use_order() {
        // Past the first table size, so the table grows (and rehashes) twice.
        let text: Vec<String> = (0..3000).map(|n| format!("w{n}")).collect();
        let joined = text.join(" ");
        assert_eq!(words_of([joined.as_str(), joined.as_str()]), joined);
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_word_table_agrees_with_a_hash_set(text in "[a-c0-9 ,.A-C]{0,200}") {
            let lower = text.to_ascii_lowercase();
            proptest::prop_assert_eq!(
                distinct_words_ascii(lower.as_bytes()),
                distinct_words_unicode(&lower)
            );
        }

        /// Long words of two letters, alike in their first eight bytes: the table hashes and
        /// compares eight bytes at a time.
        #[test]
        fn long_words_alike_at_the_start_are_told_apart(text in "(([ab]){1,20}[ .]){0,80}[ab]{0,12}") {
            proptest::prop_assert_eq!(
                distinct_words_ascii(text.as_bytes()),
                distinct_words_unicode(&text)
            );
        }
    }
}
