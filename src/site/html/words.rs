//! The words of the search index (heading ids are `crate::anchors`).

use super::*;

/// The text of a body, gathered for the search index.
#[derive(Default)]
pub(super) struct Words {
    text: String,
}

impl Words {
    pub(super) fn add(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push(' ');
    }

    /// The distinct words in order of first use.
    pub(super) fn finish(self) -> String {
        let mut lower = self.text;
        if lower.is_ascii() {
            // In place: `to_lowercase` would copy the text.
            lower.make_ascii_lowercase();
            distinct_words(&lower)
        } else {
            distinct_words(&lower.to_lowercase())
        }
    }
}

/// The distinct words (letters and digits, two or more) of lowercase `lower`, in order of
/// first use. This runs on every word of every record. The set hashes with foldhash's
/// fixed state rather than std's SipHash: over the 50 MB of text of a 10,000-record log
/// (bench/gen.py) SipHash costs 0.15 s more CPU per render, about 11 % of the render's
/// 1.3 s of CPU (release build; `adr render` at 10,000 records). A hand-rolled ASCII word
/// table that was here measured the same as this set (0.14 s vs 0.15 s a pass) and is
/// gone (issue 15).
pub(super) fn distinct_words(lower: &str) -> String {
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

/// The distinct lowercase words of `texts`, for titles and tags in the search index.
pub fn words_of<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let mut words = Words::default();
    for text in texts {
        words.add(text);
    }
    words.finish()
}
