//! Heading anchors: the id a heading gets on a record's page, GitHub style (lowercase;
//! letters, digits, `-` and `_` kept; whitespace turned into `-`; `-1`, `-2` … appended to
//! repeats). One implementation, used by the site when it writes the ids and by
//! `link-broken` when it checks a `#fragment`, so lint never accepts an anchor the site
//! does not produce (issue #15). Which headings a page shows (the first H1 is its title)
//! is the caller's to say.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::HashSet;

use crate::model::Record;

/// Ids the record page uses itself; a heading that would take one gets `-1` instead.
pub const RESERVED_IDS: [&str; 6] = [
    "adr-main",
    "adr-toc",
    "adr-meta",
    "adr-body",
    "adr-decision",
    "adr-nearby",
];

/// The ids already given on one page (the reserved ones from the start).
pub type TakenIds = HashSet<String>;

/// A fresh set of taken ids: only the page's own.
pub fn reserved_ids() -> TakenIds {
    RESERVED_IDS.iter().map(|id| (*id).to_string()).collect()
}

/// An id from a heading's text, GitHub style: lowercase, letters, digits, `-` and `_`.
/// (An ASCII byte loop beside this one is gone: a page has a handful of headings, so it
/// saved well under 1 % of a render, issue 15.)
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// `wanted`, or `wanted-1`, `wanted-2` … when taken; the id returned is taken from then on.
pub fn unique_id(taken: &mut TakenIds, wanted: &str) -> String {
    let mut id = wanted.to_string();
    let mut counter = 0;
    while taken.contains(&id) {
        counter += 1;
        id = format!("{wanted}-{counter}");
    }
    taken.insert(id.clone());
    id
}

/// The id of the next heading of a page with this text: its words joined by one space,
/// slugged, made unique among `taken`.
pub fn heading_id(taken: &mut TakenIds, text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    unique_id(taken, &slug(&words))
}

/// The ids a page gives these headings, in order (the reserved ids are not among them).
pub fn heading_ids<'a>(headings: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = reserved_ids();
    headings
        .into_iter()
        .map(|text| heading_id(&mut taken, text))
        .collect()
}

/// The ids a record's page gives its headings: every heading but the title, in order.
pub fn page_anchors(record: &Record) -> Vec<String> {
    heading_ids(page_headings(record))
}

/// The headings a record's page gives ids to: every heading but the title, in order.
pub fn page_headings(record: &Record) -> impl Iterator<Item = &str> {
    let title = record.title_section();
    record
        .sections
        .iter()
        .enumerate()
        .filter(move |(index, _)| Some(*index) != title)
        .map(|(_, section)| section.title.as_str())
}

/// The heading a record's page shows as its title, when it has one.
pub fn title_heading(record: &Record) -> Option<&str> {
    record
        .title_section()
        .and_then(|index| record.sections.get(index))
        .map(|section| section.title.as_str())
}

/// The anchors a link into a record may name: [`page_anchors`], and the title's, since the
/// page shows the title at its top, where a link to it lands.
pub fn record_anchors(record: &Record) -> HashSet<String> {
    anchors_of(page_headings(record), title_heading(record))
}

/// [`record_anchors`] from the page's headings and its title heading, for a caller that
/// kept those rather than the record.
pub fn anchors_of<'a>(
    page_headings: impl IntoIterator<Item = &'a str>,
    title: Option<&str>,
) -> HashSet<String> {
    let page_headings: Vec<&str> = page_headings.into_iter().collect();
    let mut anchors: HashSet<String> = heading_ids(page_headings.iter().copied())
        .into_iter()
        .collect();
    // `### Heading {#custom-id}`: the id the heading names is an anchor too.
    anchors.extend(
        page_headings
            .iter()
            .filter_map(|heading| crate::parse::heading_id::explicit_id(heading))
            .map(String::from),
    );
    if let Some(title) = title {
        anchors.insert(heading_id(&mut reserved_ids(), title));
    }
    anchors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(
            slug("Pros and Cons of the Options"),
            "pros-and-cons-of-the-options"
        );
        assert_eq!(slug("Option 1: Use JSON:API"), "option-1-use-jsonapi");
        assert_eq!(slug("Node.js"), "nodejs");
        assert_eq!(slug("Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(slug("!!!"), "section");
    }

    #[test]
    fn repeats_and_the_page_own_ids_get_a_counter() {
        assert_eq!(
            heading_ids(["Options", "Options", "adr  main", "Options\tB"]),
            ["options", "options-1", "adr-main-1", "options-b"]
        );
    }
}
