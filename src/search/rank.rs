//! Field-weighted BM25 (BM25F) over the three fields of a [`Document`]: a match in the
//! title counts more than one in a heading, which counts more than one in the body; a
//! query term matching a whole word counts more than one matching the start of a word.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::{BTreeMap, HashMap};

use super::Document;
use super::tokenize::{Token, tokenize};

/// The fields, in the order of [`FIELD_WEIGHTS`].
pub const FIELDS: [&str; 3] = ["title", "headings", "body"];
/// How much a term in each field counts.
pub const FIELD_WEIGHTS: [f64; 3] = [3.0, 2.0, 1.0];
/// How much a prefix match counts beside an exact one (`data` for `database`).
pub const PREFIX_WEIGHT: f64 = 0.4;
/// BM25's term-frequency saturation and length normalisation, the usual values.
pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;

/// Where one term occurs: the document and its count per field.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    counts: [u32; 3],
}

/// The inverted index of a set of documents.
#[derive(Debug, Default)]
pub struct Index {
    postings: BTreeMap<String, Vec<Posting>>,
    /// Terms per field, per document.
    lengths: Vec<[u32; 3]>,
    average_lengths: [f64; 3],
}

/// One document's count of each term, per field.
/// Hashed with foldhash rather than SipHash: it is hashed once per token of every record a
/// render or `adr search` indexes.
type TermCounts = HashMap<String, [u32; 3], foldhash::fast::RandomState>;

/// One document's terms with their count per field, sorted by term, and its length per field.
pub type CountedTerms = (Vec<(String, [u32; 3])>, [u32; 3]);

/// One document that matched, with its score (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its position in the documents given to [`Index::build`].
    pub doc: usize,
    pub score: f64,
}

/// A query term and the weight of a match with each index term it matches.
pub(crate) struct Expansion<'i> {
    pub(crate) matches: Vec<(&'i str, f64)>,
}

impl Index {
    /// The index of every term of `documents`: what a precomputed index (the site's) holds.
    pub fn build(documents: &[Document]) -> Index {
        Index::build_keeping(documents, |_| true)
    }

    /// The index of `documents` restricted to the terms `query` can match. It ranks `query`
    /// exactly as [`Index::build`]'s index does (the field lengths still count every term),
    /// at a fraction of the cost: `adr search` and the MCP server build one per query.
    pub fn for_query(documents: &[Document], query: &str) -> Index {
        let terms = query_terms(query);
        Index::build_keeping(documents, |indexed| {
            terms.iter().any(|term| {
                indexed == term || (matches_by_prefix(term) && indexed.starts_with(term.as_str()))
            })
        })
    }

    fn build_keeping(documents: &[Document], keep: impl Fn(&str) -> bool + Sync) -> Index {
        use rayon::prelude::*;
        let counted: Vec<CountedTerms> = documents
            .par_iter()
            .map(|document| count_terms(document, &keep))
            .collect();
        let mut postings: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
        let mut lengths = Vec::with_capacity(documents.len());
        for (doc, (counts, length)) in counted.into_iter().enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            for (term, counts) in counts {
                postings
                    .entry(term)
                    .or_default()
                    .push(Posting { doc, counts });
            }
            lengths.push(length);
        }
        let mut average_lengths = [0.0; 3];
        for (field, average) in average_lengths.iter_mut().enumerate() {
            let total: f64 = lengths.iter().map(|length| f64::from(length[field])).sum();
            *average = (total / documents.len().max(1) as f64).max(1.0);
        }
        Index {
            postings,
            lengths,
            average_lengths,
        }
    }

    /// The index terms a query term matches: itself, and (for terms of two characters or
    /// more that are not numbers) the terms it starts.
    pub(crate) fn expand<'i>(&'i self, term: &str) -> Expansion<'i> {
        let mut matches = Vec::new();
        if let Some((exact, _)) = self.postings.get_key_value(term) {
            matches.push((exact.as_str(), 1.0));
        }
        if matches_by_prefix(term) {
            for (candidate, _) in self
                .postings
                .range::<str, _>((std::ops::Bound::Excluded(term), std::ops::Bound::Unbounded))
                .take_while(|(candidate, _)| candidate.starts_with(term))
            {
                matches.push((candidate.as_str(), PREFIX_WEIGHT));
            }
        }
        Expansion { matches }
    }

    /// The documents matching any term of `query`, best first (ties: first document first).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let documents = self.lengths.len() as f64;
        for term in query_terms(query) {
            // A query term is one unit: its idf counts the documents matching it exactly or
            // by prefix (else a rare longer word would outrank the word asked for), and it
            // scores once per document, by its best-matching index term.
            let expansion = self.expand(&term);
            let mut matching: Vec<u32> = expansion
                .matches
                .iter()
                .filter_map(|(indexed, _)| self.postings.get(*indexed))
                .flatten()
                .map(|posting| posting.doc)
                .collect();
            matching.sort_unstable();
            matching.dedup();
            let frequency = matching.len() as f64;
            let idf = (1.0 + (documents - frequency + 0.5) / (frequency + 0.5)).ln();
            let mut best: HashMap<u32, f64> = HashMap::new();
            for (indexed, weight) in expansion.matches {
                let Some(postings) = self.postings.get(indexed) else {
                    continue;
                };
                for posting in postings {
                    let score = weight * idf * self.saturated(posting);
                    let entry = best.entry(posting.doc).or_default();
                    *entry = entry.max(score);
                }
            }
            for (doc, score) in best {
                *scores.entry(doc).or_default() += score;
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(doc, score)| Hit {
                doc: doc as usize,
                score,
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// BM25F: the field counts, weighted and length-normalised, summed, then saturated.
    fn saturated(&self, posting: &Posting) -> f64 {
        let length = self
            .lengths
            .get(posting.doc as usize)
            .copied()
            .unwrap_or_default();
        let mut weighted = 0.0;
        for field in 0..FIELDS.len() {
            let normalised = 1.0 - B + B * f64::from(length[field]) / self.average_lengths[field];
            weighted += FIELD_WEIGHTS[field] * f64::from(posting.counts[field]) / normalised;
        }
        weighted * (K1 + 1.0) / (K1 + weighted)
    }

    /// How rare a term is (BM25's idf); 0 for a term no document holds.
    pub(crate) fn idf(&self, term: &str) -> f64 {
        let documents = self.lengths.len() as f64;
        self.postings.get(term).map_or(0.0, |postings| {
            let frequency = postings.len() as f64;
            (1.0 + (documents - frequency + 0.5) / (frequency + 0.5)).ln()
        })
    }
}

/// The terms of `document` that `keep` accepts, each with its count per field, sorted by
/// term (so postings come out the same on every run); and the document's length per field,
/// which counts every term. What [`Index::build`] indexes, and what the site's search index
/// holds per record.
pub fn count_terms(document: &Document, keep: impl Fn(&str) -> bool) -> CountedTerms {
    let mut counts = TermCounts::default();
    let mut length = [0u32; 3];
    document.for_each_term(|field, term| {
        if let Some(total) = length.get_mut(field) {
            *total = total.saturating_add(1);
        }
        if !keep(term) {
            return;
        }
        // Looked up by the borrowed term: a string is made only for a term seen first.
        if let Some(count) = counts.get_mut(term) {
            if let Some(count) = count.get_mut(field) {
                *count += 1;
            }
        } else {
            let mut count = [0; 3];
            if let Some(count) = count.get_mut(field) {
                *count = 1;
            }
            counts.insert(term.to_string(), count);
        }
    });
    let mut counts: Vec<(String, [u32; 3])> = counts.into_iter().collect();
    counts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (counts, length)
}

/// The shortest query term that also matches the words it starts: shorter ones are most
/// often whole words or acronyms (`CLI` must not find `client`, `go` not `good`).
pub const PREFIX_MIN_CHARS: usize = 4;

/// Whether a query term also matches the index terms it starts: words of
/// [`PREFIX_MIN_CHARS`] characters or more that are not numbers (`7` must not find `70`),
/// and a single CJK character, which the index holds only inside bigrams.
pub fn matches_by_prefix(term: &str) -> bool {
    let characters = term.chars().count();
    let is_number = term.bytes().all(|b| b.is_ascii_digit());
    (characters >= PREFIX_MIN_CHARS && !is_number)
        || (characters == 1 && term.chars().all(super::tokenize::is_cjk))
}

/// The distinct terms of a query, in order.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for Token { term, .. } in tokenize(query) {
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}
