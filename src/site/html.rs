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
//! at a time. Also yields the table of contents.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

mod heading_attrs;
mod myst;
mod sanitize;
mod tables;
#[cfg(test)]
mod tests;

use sanitize::*;
use tables::*;

/// Where a relative URL of a record leads on the site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Destination {
    /// Use the URL as written.
    Keep,
    /// Use this URL instead: a record's page, or a file copied into the site.
    Rewrite(String),
    /// Nothing is there: an image shows its text, a link only its text.
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

/// Whether a rendered body has a ```mermaid block (the class pulldown-cmark gives its code).
pub(crate) fn has_diagram(html: &str) -> bool {
    html.contains("<pre><code class=\"language-mermaid\">")
}

/// The body with each task-list checkbox given a name (axe's `label` rule: a form control
/// needs one), `None` when it has none. Done on the output because the checkboxes are
/// pulldown-cmark's own markup, never the record's.
pub(crate) fn label_task_checkboxes(html: &str) -> Option<String> {
    const DONE: &str = "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>";
    const TO_DO: &str = "<input disabled=\"\" type=\"checkbox\"/>";
    if !html.contains("type=\"checkbox\"") {
        return None;
    }
    Some(
        html.replace(
            DONE,
            "<input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"done\"/>",
        )
        .replace(
            TO_DO,
            "<input disabled=\"\" type=\"checkbox\" aria-label=\"not done\"/>",
        ),
    )
}

/// The body with each in-page link (`href="#X"`) whose `X` is no id of the page, but is one
/// in another case, pointed at that id: GitHub matches fragments regardless of case, so
/// records written there link to `#Request-Handling` for the heading `request-handling`.
/// `None` when nothing changed.
pub(crate) fn match_fragment_case(html: &str) -> Option<String> {
    const HREF: &str = " href=\"#";
    const ID: &str = " id=\"";
    // memchr's searchers: `str::split` by these was 4 % of rendering a site's pages.
    let hrefs: Vec<usize> = memchr::memmem::find_iter(html.as_bytes(), HREF)
        .map(|at| at + HREF.len())
        .collect();
    if hrefs.is_empty() {
        return None;
    }
    let ids: HashSet<&str> = memchr::memmem::find_iter(html.as_bytes(), ID)
        .filter_map(|at| html.get(at + ID.len()..)?.split('"').next())
        .collect();
    let mut by_lowercase: Option<HashMap<String, &str>> = None;
    // Each fragment runs to its closing quote, or to the next link's.
    let mut replaced: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for (index, &start) in hrefs.iter().enumerate() {
        let end = hrefs
            .get(index + 1)
            .map_or(html.len(), |next| next - HREF.len());
        let piece = html.get(start..end.max(start)).unwrap_or_default();
        let fragment = piece
            .split_once('"')
            .map_or(piece, |(fragment, _)| fragment);
        if ids.contains(fragment) {
            continue;
        }
        let by_lowercase = by_lowercase
            .get_or_insert_with(|| ids.iter().map(|id| (id.to_lowercase(), *id)).collect());
        if let Some(id) = by_lowercase.get(&fragment.to_lowercase()) {
            replaced.push((start..start + fragment.len(), id));
        }
    }
    if replaced.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (range, id) in replaced {
        out.push_str(html.get(copied..range.start).unwrap_or_default());
        out.push_str(id);
        copied = range.end;
    }
    out.push_str(html.get(copied..).unwrap_or_default());
    Some(out)
}

/// Bodies larger than this are rendered one at a time: pulldown-cmark holds the block tree
/// of the whole text (about 48 bytes per table cell, so 390 MB for a 2,000 x 2,000 table in
/// an 8 MiB record), and two such records on two threads would double the peak.
const LARGE_BODY: usize = 1024 * 1024;
static LARGE_BODIES: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Renders a record's body (the text after its front matter).
///
/// Events stream from the parser through the transform into the HTML writer: collecting
/// them first took 80 bytes per event twice over (2.3 GB for a 2,000 x 2,000 table).
pub fn render_body(
    markdown: &str,
    drop_first_h1: bool,
    resolve: &(dyn Fn(&str, LinkKind) -> Destination + Sync),
) -> Body {
    render_body_in_pieces(
        markdown,
        drop_first_h1,
        resolve,
        markdown.len() > LARGE_BODY,
    )
}

/// [`render_body`], sanitising in pieces or not.
fn render_body_in_pieces(
    markdown: &str,
    drop_first_h1: bool,
    resolve: &(dyn Fn(&str, LinkKind) -> Destination + Sync),
    chunked: bool,
) -> Body {
    let _one_at_a_time = (markdown.len() > LARGE_BODY).then(|| LARGE_BODIES.lock());
    let markdown = myst::targets_blanked(unswallowed(markdown));
    let (main_text, large_tables) = match cut_large_tables(&markdown) {
        Some((text, tables)) => (Cow::Owned(text), tables),
        None => (Cow::Borrowed(markdown.as_ref()), Vec::new()),
    };
    let transform = Transform {
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
        texts: 0,
        had_raw_html: false,
        raw_events: 0,
        open_raw_tags: Vec::new(),
        resolved: HashSet::new(),
    };
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

/// Whether a link or an image asks for the URL: a record may link to any file, but only
/// an image is shown in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LinkKind {
    Link,
    Image,
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
    /// Ids given so far. A plain `HashSet`: the fixed-state hasher it had saved a seed per
    /// page, a few dozen lookups, far under 1 % of a render (issue 15).
    ids: crate::anchors::TakenIds,
    toc: Vec<TocEntry>,
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
            // A link to a file that is not there would be dead in the site: its text stays
            // (lint's `link-broken` names it).
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
                    // An e-mail autolink (`<x@example.org>`): the writer makes it `mailto:`.
                    _ if link_type == LinkType::Email => Some(dest_url),
                    // `/path` means the repository's root on a forge, and nothing in a site
                    // that may be opened from anywhere: the link keeps only its text.
                    UrlKind::Unsafe | UrlKind::RootRelative => None,
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
                self.emit(Event::Text(text));
            }
            Event::Code(code) => {
                self.texts += 1;
                self.emit(Event::Code(code));
            }
            other => self.emit(other),
        }
    }

    fn finish_heading(&mut self) {
        let Some((level, mut buffer)) = self.heading.take() else {
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
        let (text, explicit) = heading_attrs::taken_off(&mut buffer, &text);
        let id = unique_id(&mut self.ids, &explicit.unwrap_or_else(|| slug(&text)));
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
