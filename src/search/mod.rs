//! Full-text search over a log: one tokeniser ([`tokenize`]), one ranking ([`rank`]) and one
//! excerpt builder, for `adr search`, the MCP server's `search` tool and the site.
//!
//! A record becomes a [`Document`] of three fields: its title (with its number, so `24` or
//! `0024` finds record 24), its headings, and its body as plain text (Markdown marks and link
//! targets left out). [`Index::build`] counts terms per field; [`Index::search`] ranks with
//! field-weighted BM25: title over headings over body, exact word over prefix.
//! [`excerpt`] cuts one line around the best match and gives the byte ranges of every match
//! *in the excerpt string*, so a terminal can colour them and a page can wrap them in `<mark>`.
//!
//! # How the site uses this module
//!
//! The site's search runs in the browser, so it cannot call this code at query time. At
//! render time [`crate::site::search`] stores, per record, what [`rank::count_terms`] counts
//! (the terms [`Index::build`] indexes) and its plain text, in shards; the page's script
//! (`templates/site/assets/search.js`) tokenises the query by the rules of [`tokenize`],
//! with character tables generated from this module, and applies [`rank`]'s formula and
//! [`excerpt`]'s rules with its public constants. The browser test
//! `the_page_ranks_every_corpus_as_adr_search_does` compares the script's results and
//! excerpts with `adr search` on every corpus, so the two cannot drift.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

pub mod rank;
pub mod tokenize;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use rank::{Hit, Index};
pub use tokenize::{Token, tokenize};

use crate::model::{Log, Record};

/// What the search reads of one record.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub number: Option<u32>,
    pub title: String,
    /// Headings below the title, as text.
    pub headings: Vec<String>,
    /// The body as plain text, headings left out, paragraphs on their own lines.
    pub body: String,
}

impl Document {
    pub fn from_record(record: &Record) -> Document {
        Document::from_parts(record.number(), record.display_title(), record.body())
    }

    /// The document of a record given as its number, its title as shown and its Markdown
    /// body (after any front matter): what the site has of a record, which is not a
    /// [`Record`].
    pub fn from_parts(number: Option<u32>, title: String, markdown: &str) -> Document {
        let mut document = Document {
            number,
            title,
            ..Document::default()
        };
        let mut heading: Option<String> = None;
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        // A huge table past its first 64 KiB of rows read as a paragraph: the same words, without
        // a parse node per cell (issue #13: an 8 MiB table took 500 MB to index).
        let body = crate::parse::markdown::with_large_table_rows_flattened(markdown, 64 * 1024);
        for event in Parser::new_ext(&body, options) {
            match event {
                Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
                Event::End(TagEnd::Heading(level)) => {
                    if let Some(text) = heading.take()
                        && level != pulldown_cmark::HeadingLevel::H1
                    {
                        document.headings.push(text.trim().to_string());
                    }
                }
                Event::Text(text) | Event::Code(text) => match &mut heading {
                    Some(heading) => heading.push_str(&text),
                    None => document.body.push_str(&text),
                },
                Event::SoftBreak | Event::HardBreak => match &mut heading {
                    Some(heading) => heading.push(' '),
                    None => document.body.push(' '),
                },
                Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableRow,
                ) => document.body.push('\n'),
                Event::End(TagEnd::TableCell) => document.body.push(' '),
                _ => {}
            }
        }
        document
    }

    /// Each term of each field (its index in [`rank::FIELDS`]), as [`Document::field_tokens`]
    /// gives them but one line at a time, so indexing a huge record holds one line's tokens,
    /// not the record's (an 8 MiB table took 500 MB). No token spans a line break.
    pub fn for_each_term(&self, mut each: impl FnMut(usize, &str)) {
        tokenize::each_token(&self.title, |term, _| each(0, term));
        if let Some(number) = self.number {
            each(0, &number.to_string());
        }
        for heading in &self.headings {
            tokenize::each_token(heading, |term, _| each(1, term));
        }
        for (_, piece) in tokenize::pieces(&self.body, PIECE_BYTES) {
            tokenize::each_token(piece, |term, _| each(2, term));
        }
    }

    /// The tokens of each field, in the order of [`rank::FIELDS`].
    pub fn field_tokens(&self) -> [Vec<Token>; 3] {
        let mut title = tokenize(&self.title);
        if let Some(number) = self.number {
            title.push(Token {
                term: number.to_string(),
                range: 0..0,
            });
        }
        let headings = self
            .headings
            .iter()
            .flat_map(|heading| tokenize(heading))
            .collect();
        [title, headings, tokenize(&self.body)]
    }
}

/// One line of text around a match, and where the matches are in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Excerpt {
    /// One line: whitespace collapsed, `…` where text was cut.
    pub text: String,
    /// Byte ranges into `text`, sorted, not overlapping.
    pub matches: Vec<Range<usize>>,
}

/// How much body text is tokenised at a time (cut at whitespace).
const PIECE_BYTES: usize = 64 * 1024;

/// Characters of context kept before the best match, and the excerpt's length in characters.
const CONTEXT_BEFORE: usize = 40;
const EXCERPT_CHARS: usize = 140;

/// The excerpt of `document` for `query`: around the body's best match (the rarest query
/// term, exact before prefix), else the start of the body, else the title.
pub fn excerpt(index: &Index, document: &Document, query: &str) -> Excerpt {
    let terms = rank::query_terms(query);
    let weights: Vec<(String, f64)> = terms
        .iter()
        .flat_map(|term| {
            index
                .expand(term)
                .matches
                .into_iter()
                .map(|(indexed, weight)| (indexed.to_string(), weight * index.idf(indexed)))
        })
        .collect();
    // By term, once: a prefix query (`comp`) can expand to thousands of terms, and every
    // token of the body is weighed.
    let mut by_term: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    for (indexed, weight) in &weights {
        let best = by_term.entry(indexed.as_str()).or_insert(0.0);
        *best = best.max(*weight);
    }
    let weight_of = |term: &str| by_term.get(term).copied().unwrap_or(0.0);
    let source = if document.body.trim().is_empty() {
        document.title.as_str()
    } else {
        document.body.as_str()
    };
    // Piece by piece, so a huge record never holds all its tokens at once.
    let mut best = None::<(f64, usize)>;
    for (piece_start, piece) in tokenize::pieces(source, PIECE_BYTES) {
        for token in tokenize(piece) {
            let weight = weight_of(&token.term);
            if weight > 0.0 && best.is_none_or(|(top, _)| weight > top) {
                best = Some((weight, piece_start + token.range.start));
            }
        }
    }
    let text = one_line_around(source, best.map_or(0, |(_, at)| at));
    let mut matches: Vec<Range<usize>> = tokenize(&text)
        .into_iter()
        .filter(|token| {
            terms.iter().any(|term| {
                token.term == *term
                    || (rank::matches_by_prefix(term) && token.term.starts_with(term.as_str()))
            })
        })
        .map(|token| token.range)
        .collect();
    matches.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in matches {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    Excerpt {
        text,
        matches: merged,
    }
}

/// [`EXCERPT_CHARS`] characters of `source` starting a little before byte `at`, on one line.
fn one_line_around(source: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let position = chars.partition_point(|&(offset, _)| offset < at);
    let mut first = position.saturating_sub(CONTEXT_BEFORE);
    // Start at a word when one begins shortly before.
    if first > 0
        && let Some(space) = (first..position)
            .find(|&index| chars.get(index).is_some_and(|&(_, c)| c.is_whitespace()))
    {
        first = space + 1;
    }
    let last = (first + EXCERPT_CHARS).min(chars.len());
    let mut text = String::new();
    if first > 0 {
        text.push('…');
    }
    let mut in_space = false;
    for &(_, c) in chars.get(first..last).unwrap_or_default() {
        if c.is_whitespace() {
            if !in_space && !text.is_empty() && !text.ends_with('…') {
                text.push(' ');
            }
            in_space = true;
        } else {
            text.push(c);
            in_space = false;
        }
    }
    let mut text = text.trim_end().to_string();
    if last < chars.len() {
        text.push('…');
    }
    text
}

/// One search result: the record, its score and the excerpt.
#[derive(Debug, Clone)]
pub struct Found<'l> {
    pub record: &'l Record,
    pub score: f64,
    pub excerpt: Excerpt,
}

/// The records of `log` matching `query`: how many, and from the `offset`-th best, at most
/// `limit` of them with their excerpts (cut only for the records returned).
pub fn search_log<'l>(
    log: &'l Log,
    query: &str,
    offset: usize,
    limit: usize,
) -> (usize, Vec<Found<'l>>) {
    use rayon::prelude::*;
    let documents: Vec<Document> = log.records.par_iter().map(Document::from_record).collect();
    let index = Index::for_query(&documents, query);
    let hits = index.search(query);
    let found = hits
        .iter()
        .skip(offset)
        .take(limit)
        .filter_map(|hit| {
            let record = log.records.get(hit.doc)?;
            let document = documents.get(hit.doc)?;
            Some(Found {
                record,
                score: hit.score,
                excerpt: excerpt(&index, document, query),
            })
        })
        .collect();
    (hits.len(), found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(number: u32, title: &str, headings: &[&str], body: &str) -> Document {
        Document {
            number: Some(number),
            title: title.into(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            body: body.into(),
        }
    }

    #[test]
    fn title_beats_heading_beats_body_and_exact_beats_prefix() {
        let documents = [
            document(1, "Logging", &[], "we store data in postgres"),
            document(2, "Use Postgres", &[], "a database"),
            document(3, "Storage", &["Postgres"], "a database"),
            document(4, "Caching", &[], "postgresql is fine"),
        ];
        let index = Index::build(&documents);
        let restricted = Index::for_query(&documents, "postgres");
        assert_eq!(index.search("postgres"), restricted.search("postgres"));
        let order: Vec<usize> = index.search("postgres").iter().map(|hit| hit.doc).collect();
        assert_eq!(order, [1, 2, 0, 3]);
    }

    #[test]
    fn a_short_word_matches_whole_words_only() {
        let documents = [
            document(1, "Client library", &[], "x"),
            document(2, "A CLI", &[], "x"),
        ];
        let index = Index::build(&documents);
        let found =
            |query: &str| -> Vec<usize> { index.search(query).iter().map(|hit| hit.doc).collect() };
        assert_eq!(found("CLI"), [1]);
        assert_eq!(found("clie"), [0]);
    }

    #[test]
    fn a_padded_number_finds_its_record() {
        let documents = [
            document(24, "Alpha", &[], "x"),
            document(7, "Beta", &[], "x"),
        ];
        let index = Index::build(&documents);
        assert_eq!(index.search("0024")[0].doc, 0);
        assert_eq!(index.search("7")[0].doc, 1);
    }

    #[test]
    fn excerpt_ranges_are_byte_ranges_of_the_excerpt() {
        let documents = [document(
            1,
            "T",
            &[],
            "İstanbul \u{212A}elvin text.\n\nWe chose Kelvin units.",
        )];
        let index = Index::build(&documents);
        let excerpt = excerpt(&index, &documents[0], "kelvin");
        assert_eq!(
            excerpt.text,
            "İstanbul \u{212A}elvin text. We chose Kelvin units."
        );
        let marked: Vec<&str> = excerpt
            .matches
            .iter()
            .map(|range| excerpt.text.get(range.clone()).unwrap())
            .collect();
        assert_eq!(marked, ["\u{212A}elvin", "Kelvin"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Whatever the text and the query, every token and every excerpt match is a slice
        /// of the text it points into, on character boundaries.
        #[test]
        fn ranges_always_slice_their_own_text(
            body in "(\\PC|[İK\u{212A}ß\u{301}库 -]){0,80}",
            query in "(\\PC|[İK\u{212A}ß库 -]){0,12}",
        ) {
            for token in tokenize(&body) {
                proptest::prop_assert!(body.get(token.range.clone()).is_some());
            }
            let documents = [document(1, "T", &[], &body)];
            let index = Index::build(&documents);
            let excerpt = excerpt(&index, &documents[0], &query);
            let mut end = 0;
            for range in &excerpt.matches {
                proptest::prop_assert!(range.start >= end && range.start < range.end);
                proptest::prop_assert!(excerpt.text.get(range.clone()).is_some());
                end = range.end;
            }
        }
    }

    #[test]
    fn one_cjk_character_finds_the_bigrams_it_starts() {
        let documents = [
            document(1, "支持组件之间跳转", &[], "在子组件中执行"),
            document(2, "Other", &[], "x"),
        ];
        let index = Index::build(&documents);
        let hits = index.search("组");
        assert_eq!(hits.len(), 1);
        let excerpt = excerpt(&index, &documents[0], "组");
        assert_eq!(excerpt.text, "在子组件中执行");
        assert_eq!(excerpt.text.get(excerpt.matches[0].clone()), Some("组件"));
    }
}
