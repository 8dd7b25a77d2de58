//! Raw HTML in records: blocks that would swallow the rest of the record turned into text,
//! tags of elements the sanitiser drops shown as text, and the ammonia sanitiser with the
//! site's URL rules.

use super::*;

/// The markdown with every HTML block that would run to the end of its container (its end
/// condition, such as `</script>` or `-->`, never comes: CommonMark HTML block kinds 1 to
/// 5) turned into text by a backslash before its `<`, so the Markdown after it is rendered
/// as Markdown. Each round finds the blocks the last one uncovered; a text needing more
/// than a few rounds keeps the rest as escaped HTML source, shown but not swallowed.
pub(super) fn unswallowed(markdown: &str) -> Cow<'_, str> {
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
pub(super) fn html_block_end(block: &str) -> Option<(&'static str, bool)> {
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

pub(super) fn contains_marker(text: &str, (marker, ignore_case): (&str, bool)) -> bool {
    if !ignore_case {
        return text.contains(marker);
    }
    text.as_bytes()
        .windows(marker.len())
        .any(|window| window.eq_ignore_ascii_case(marker.as_bytes()))
}

/// A quick look for a line that opens an HTML block of kind 1 to 5 whose end marker
/// appears nowhere after it; only then is the text parsed to find such blocks for sure.
pub(super) fn may_have_unclosed_html_block(text: &str) -> bool {
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
pub(super) fn unclosed_html_block_starts(text: &str) -> Vec<usize> {
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
pub(super) static KEPT_ELEMENTS: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut tags = ammonia::Builder::default().clone_tags();
        tags.insert("input");
        tags
    });

/// The names of HTML's elements, obsolete ones included, which the HTML parser may give a
/// meaning of their own (`<title>` takes what follows as its text): a component written
/// with one of these names is that element.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "bgsound",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "image",
    "img",
    "input",
    "ins",
    "isindex",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "menuitem",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "progress",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

/// Raw HTML with every tag of an element ammonia would not keep (custom elements aside),
/// and every comment, declaration or processing instruction, escaped: its `<` becomes
/// `&lt;`, so it shows as text and cannot open anything that swallows what follows.
pub(super) fn neutralised(html: CowStr<'_>) -> CowStr<'_> {
    let mut out = String::new();
    let mut last = 0;
    for (at, _) in html.match_indices('<') {
        let rest = html.get(at + 1..).unwrap_or("");
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        let escape = if name_part.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let written = name_part
                .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or("");
            let name = written.to_ascii_lowercase();
            // A custom element (`<adr-status>`, a name with `-`) is an ordinary element to
            // the HTML parser and cannot swallow anything: ammonia drops its tags as before.
            // So is an MDX component (`<AdrTable frontMatter={…}>`, Docusaurus logs), named
            // in capitals, unless its name is an HTML element's (`<Script>` is `<script>`).
            let is_component = written.starts_with(|c: char| c.is_ascii_uppercase())
                && !HTML_ELEMENTS.contains(&name.as_str());
            !KEPT_ELEMENTS.contains(name.as_str()) && !name.contains('-') && !is_component
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

pub(super) fn is_comment(html: &str) -> bool {
    let trimmed = html.trim();
    trimmed.starts_with("<!--")
        && trimmed.ends_with("-->")
        && trimmed[4..].find("-->").map(|at| at + 4 + 3) == Some(trimmed.len())
}

/// Cleans a rendered body that holds raw HTML: no scripts, event handlers, frames, objects,
/// forms or styles; URLs only http, https, mailto and relative (resolved like Markdown
/// links); images only from the site itself.
pub(super) fn sanitizer<'r>(
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
pub(super) const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Updates `open` (the elements raw HTML opened and has not closed) with the tags of
/// `html`, which is neutralised: every `<` left opens a tag of a kept element.
pub(super) fn track_tags(html: &str, open: &mut Vec<String>) {
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
pub(super) struct RelativeUrls<'r> {
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
