//! The site's search index, made at render time by [`crate::search`] (the tokeniser and the
//! term counts `adr search` ranks with), in shards the page's script loads on first use.
//!
//! The documents (records, in the index's order) are cut into ranges of [`RANGE_DOCS`];
//! each range has a directory `assets/search/<range>/` holding
//! - `lengths.js`: each document's length per field (title, headings, body);
//! - `b<bucket>.js` for each of the [`BUCKETS`] term buckets: every term of the range in
//!   that bucket, with the documents holding it and their count per field. A term's bucket
//!   comes from its first two characters (one for CJK), so every term a query term matches
//!   by prefix is in the query term's bucket;
//! - `d<position>.js`: one document's page, number, title, status and plain text, for the
//!   result list and its excerpt.
//!
//! `assets/search/manifest.js` gives each range's document count and field lengths, from
//! which the script takes BM25's document count and average lengths; it sums a term's
//! document frequency over the ranges itself. Nothing in a range depends on another range,
//! so a one-record change rewrites one range's files and the manifest, whatever the log's
//! size. `assets/search/tokenizer.js` holds the character classes of
//! [`crate::search::tokenize`], taken from Rust's own, so the script tokenises a query as
//! `adr search` does.
//!
//! Every file is a script assigning to the global `ADR_SEARCH`, because browsers refuse
//! `fetch` of a JSON file from `file://`.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::search::{Document, rank, tokenize};

/// Documents per range: a one-record change rewrites one range (and re-reads the range's
/// other records when their pages were kept); a query loads one bucket of every range.
pub const RANGE_DOCS: usize = 250;
/// Term buckets per range: a query term loads one of them per range.
pub const BUCKETS: u32 = 64;

/// Documents (what a result shows, and the text its excerpt is cut from) per file of a
/// range: `d<k>.js` holds documents `16k..16k+15`. One file per document made a site of
/// 10,000 records 10,000 files bigger, which a fresh render pays for in file creation (a
/// render into a new directory took 1.7-2.4 s against 0.7 s before the search was split);
/// 16 keep a result's fetch small (about 75 KB) and a changed record's rewrite bounded.
/// `assets/search.js` reads the same number from the manifest.
pub const DOCS_PER_FILE: usize = 16;
/// The search index's directory in the site.
pub const SEARCH_DIR: &str = "assets/search";
/// Document counts and field lengths of every range.
pub const SEARCH_MANIFEST: &str = "assets/search/manifest.js";
/// The tokeniser's character classes.
pub const SEARCH_TOKENIZER: &str = "assets/search/tokenizer.js";
/// Bumped when the files' shape changes; the script refuses an index of another version.
pub const SEARCH_VERSION: u32 = 2;
/// The plain text kept of a record for its excerpt: a match further in shows the start.
const TEXT_BYTES: usize = 64 * 1024;

/// What the search index holds of one record.
#[derive(Debug, Clone, Default)]
pub struct SearchEntry {
    /// Every term, one after the other, in term order: one string, not one per term. A
    /// range's entries are held until the range is written, and a string per term was
    /// 100,000 small allocations per range, made and freed among the pages' own.
    words: String,
    /// Where each term ends in `words`, with its count per field.
    terms: Vec<(u32, [u32; 3])>,
    /// The number of terms per field.
    lengths: [u32; 3],
    /// The body as plain text (the title when there is no body), cut at [`TEXT_BYTES`].
    text: String,
}

impl SearchEntry {
    /// The terms and text of `document`, counted as [`rank::Index::build`] counts them.
    pub fn of(document: &Document) -> SearchEntry {
        let (terms, lengths) = rank::count_terms(document, |_| true);
        let source = if document.body.trim().is_empty() {
            document.title.as_str()
        } else {
            document.body.as_str()
        };
        let cut = source
            .char_indices()
            .map(|(at, c)| at + c.len_utf8())
            .take_while(|&end| end <= TEXT_BYTES)
            .last()
            .unwrap_or(0);
        let mut words = String::with_capacity(terms.iter().map(|(term, _)| term.len()).sum());
        let terms = terms
            .into_iter()
            .map(|(term, counts)| {
                words.push_str(&term);
                (u32::try_from(words.len()).unwrap_or(u32::MAX), counts)
            })
            .collect();
        SearchEntry {
            words,
            terms,
            lengths,
            text: source.get(..cut).unwrap_or_default().to_string(),
        }
    }

    /// Each term with its count per field, in term order.
    fn terms(&self) -> impl Iterator<Item = (&str, &[u32; 3])> {
        let mut start = 0;
        self.terms.iter().map(move |(end, counts)| {
            let end = *end as usize;
            let term = self.words.get(start..end).unwrap_or_default();
            start = end;
            (term, counts)
        })
    }
}

/// What a result shows of a record besides its text.
#[derive(Debug, Clone, Copy)]
pub struct SearchDoc<'a> {
    /// The record's page, relative to the site root.
    pub url: &'a str,
    /// The number as the log writes it.
    pub label: &'a str,
    /// The title as the index shows it.
    pub title: &'a str,
    /// The status as the index's badge shows it.
    pub status: &'a str,
    /// The badge's colour class.
    pub status_class: &'a str,
}

/// One range's document count and total length per field, for the manifest; kept in the
/// render cache with the key of what the range was made from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeSummary {
    /// A hash of what the range was made from: a range with the same key is kept.
    pub key: u128,
    /// How many records it holds.
    pub docs: u32,
    /// The total length of its records per field (title, headings, body).
    pub lengths: [u64; 3],
}

/// The bucket of `term`: a hash (FNV-1a over code points) of its first two characters, or
/// of its first one when that is CJK (a single CJK query character matches the bigrams it
/// starts). The script computes the same.
pub fn bucket_of(term: &str) -> u32 {
    let mut chars = term.chars();
    let key: Vec<char> = match chars.next() {
        None => Vec::new(),
        Some(first) if tokenize::is_cjk(first) => vec![first],
        Some(first) => std::iter::once(first).chain(chars.next()).collect(),
    };
    let mut hash: u32 = 2_166_136_261;
    for c in key {
        hash = (hash ^ c as u32).wrapping_mul(16_777_619);
    }
    hash % BUCKETS
}

/// The paths of the files of range `range` holding `docs` documents.
pub fn range_files(range: usize, docs: usize) -> Vec<String> {
    let mut files = vec![format!("{SEARCH_DIR}/{range}/lengths.js")];
    files.extend((0..BUCKETS).map(|bucket| format!("{SEARCH_DIR}/{range}/b{bucket}.js")));
    files.extend(
        (0..docs.div_ceil(DOCS_PER_FILE)).map(|file| format!("{SEARCH_DIR}/{range}/d{file}.js")),
    );
    files
}

/// A script assigning `json` to `ADR_SEARCH[name]`.
fn script(name: &str, json: &impl Serialize) -> Vec<u8> {
    let mut out = b"(self.ADR_SEARCH=self.ADR_SEARCH||{})[".to_vec();
    // Names are ASCII made here; serde_json quotes them.
    let _ = serde_json::to_writer(&mut out, name);
    out.extend_from_slice(b"]=");
    let _ = serde_json::to_writer(&mut out, json);
    out.extend_from_slice(b";\n");
    out
}

/// The files of range `range` (path and bytes, in the order of [`range_files`]) and its
/// summary.
pub fn range_shards(
    range: usize,
    docs: &[(SearchDoc<'_>, SearchEntry)],
    key: u128,
) -> (Vec<(String, Vec<u8>)>, RangeSummary) {
    let mut summary = RangeSummary {
        key,
        docs: u32::try_from(docs.len()).unwrap_or(u32::MAX),
        lengths: [0; 3],
    };
    let mut lengths: Vec<u32> = Vec::with_capacity(docs.len() * 3);
    let mut buckets: Vec<BTreeMap<&str, Vec<u32>>> = vec![BTreeMap::new(); BUCKETS as usize];
    for (position, (_, entry)) in docs.iter().enumerate() {
        let position = u32::try_from(position).unwrap_or(u32::MAX);
        for (field, length) in entry.lengths.iter().enumerate() {
            lengths.push(*length);
            summary.lengths[field] += u64::from(*length);
        }
        for (term, counts) in entry.terms() {
            if let Some(bucket) = buckets.get_mut(bucket_of(term) as usize) {
                bucket
                    .entry(term)
                    .or_default()
                    .extend([position, counts[0], counts[1], counts[2]]);
            }
        }
    }
    let mut files = Vec::with_capacity(1 + buckets.len() + docs.len());
    let name = |file: &str| format!("{range}/{file}");
    files.push((
        format!("{SEARCH_DIR}/{range}/lengths.js"),
        script(&name("lengths"), &lengths),
    ));
    for (bucket, terms) in buckets.iter().enumerate() {
        files.push((
            format!("{SEARCH_DIR}/{range}/b{bucket}.js"),
            script(&name(&format!("b{bucket}")), terms),
        ));
    }
    for (file, group) in docs.chunks(DOCS_PER_FILE).enumerate() {
        let shown: Vec<serde_json::Value> = group
            .iter()
            .map(|(doc, entry)| {
                serde_json::json!({
                    "u": doc.url,
                    "n": doc.label,
                    "t": doc.title,
                    "s": doc.status,
                    "c": doc.status_class,
                    "x": entry.text,
                })
            })
            .collect();
        files.push((
            format!("{SEARCH_DIR}/{range}/d{file}.js"),
            script(&name(&format!("d{file}")), &shown),
        ));
    }
    (files, summary)
}

/// `assets/search/manifest.js`: the format, the ranking's constants, each range's document
/// count and field lengths, and the index rows of files that could not be read (they have
/// a row but no document), so the script can tell a document's row.
pub fn manifest(ranges: &[RangeSummary], failures: &[usize]) -> Vec<u8> {
    let ranges: Vec<[u64; 4]> = ranges
        .iter()
        .map(|range| {
            [
                u64::from(range.docs),
                range.lengths[0],
                range.lengths[1],
                range.lengths[2],
            ]
        })
        .collect();
    script(
        "manifest",
        &serde_json::json!({
            "version": SEARCH_VERSION,
            "buckets": BUCKETS,
            "ranges": ranges,
            "failures": failures,
            "fieldWeights": rank::FIELD_WEIGHTS,
            "prefixWeight": rank::PREFIX_WEIGHT,
            "prefixMinChars": rank::PREFIX_MIN_CHARS,
            "k1": rank::K1,
            "b": rank::B,
            "docsPerFile": DOCS_PER_FILE,
        }),
    )
}

/// `assets/search/tokenizer.js`: the characters [`tokenize`] treats as word characters,
/// as CJK and as whitespace (for excerpts), as sorted `[first, last]` code point ranges
/// computed from Rust's own character classes, so the script cannot disagree with them.
pub fn tokenizer_tables() -> &'static [u8] {
    static TABLES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let ranges = |class: fn(char) -> bool| -> Vec<u32> {
            let mut ranges: Vec<u32> = Vec::new();
            let mut open: Option<u32> = None;
            for code in 0..=0x11_0000u32 {
                let inside = char::from_u32(code).is_some_and(class);
                match (inside, open) {
                    (true, None) => open = Some(code),
                    (false, Some(first)) => {
                        ranges.extend([first, code - 1]);
                        open = None;
                    }
                    _ => {}
                }
            }
            ranges
        };
        script(
            "tokenizer",
            &serde_json::json!({
                "word": ranges(|c| c.is_alphanumeric() && !tokenize::is_cjk(c)),
                "cjk": ranges(tokenize::is_cjk),
                "space": ranges(char::is_whitespace),
            }),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_and_every_term_it_starts_share_a_bucket() {
        assert_eq!(bucket_of("da"), bucket_of("database"));
        assert_eq!(bucket_of("c"), bucket_of("c"));
        assert_eq!(bucket_of("组"), bucket_of("组件"));
        assert_eq!(bucket_of("utf"), bucket_of("utf-8"));
    }

    #[test]
    fn the_tokenizer_tables_are_rusts_character_classes() {
        let text = String::from_utf8(tokenizer_tables().to_vec()).unwrap();
        let json = text
            .strip_prefix("(self.ADR_SEARCH=self.ADR_SEARCH||{})[\"tokenizer\"]=")
            .and_then(|rest| rest.strip_suffix(";\n"))
            .unwrap();
        let tables: serde_json::Value = serde_json::from_str(json).unwrap();
        let inside = |table: &str, c: char| {
            let ranges = tables[table].as_array().unwrap();
            ranges.chunks(2).any(|pair| {
                pair[0].as_u64().unwrap() <= c as u64 && c as u64 <= pair[1].as_u64().unwrap()
            })
        };
        for c in ['a', 'Z', '7', 'é', 'ß', 'Ж', '\u{212A}', '٣'] {
            assert!(inside("word", c), "{c}");
        }
        for c in ['-', '+', '#', ' ', '库', 'カ', '한'] {
            assert!(!inside("word", c), "{c}");
        }
        for c in ['库', 'カ', '한', '\u{20000}'] {
            assert!(inside("cjk", c), "{c}");
        }
        for c in [' ', '\n', '\u{3000}', '\u{a0}'] {
            assert!(inside("space", c), "{c:?}");
        }
    }

    #[test]
    fn a_range_is_scripts_assigning_a_global() {
        let document = Document {
            number: Some(1),
            title: "Use C++".into(),
            headings: vec![],
            body: "We use \"C++\" </script>".into(),
        };
        let doc = SearchDoc {
            url: "0001-use-c.html",
            label: "0001",
            title: "Use C++",
            status: "accepted",
            status_class: "accepted",
        };
        let (files, summary) = range_shards(3, &[(doc, SearchEntry::of(&document))], 7);
        assert_eq!(summary.docs, 1);
        assert_eq!(summary.lengths, [4, 0, 5]);
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, range_files(3, 1));
        assert_eq!(
            String::from_utf8(files[0].1.clone()).unwrap(),
            "(self.ADR_SEARCH=self.ADR_SEARCH||{})[\"3/lengths\"]=[4,0,5];\n"
        );
        let bucket = bucket_of("c++") as usize;
        let text = String::from_utf8(files[1 + bucket].1.clone()).unwrap();
        assert!(text.contains("\"c++\":[0,1,0,1]"), "{text}");
        assert_eq!(
            String::from_utf8(files.last().unwrap().1.clone()).unwrap(),
            "(self.ADR_SEARCH=self.ADR_SEARCH||{})[\"3/d0\"]=[{\"c\":\"accepted\",\"n\":\"0001\",\"s\":\"accepted\",\"t\":\"Use C++\",\"u\":\"0001-use-c.html\",\"x\":\"We use \\\"C++\\\" </script>\"}];\n"
        );
    }
}
