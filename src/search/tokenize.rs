//! The tokeniser shared by the index and the query: terms with their byte range in the
//! text they came from.
//!
//! - A word is a run of letters and digits, joined by `-`, `_` or `.` (`event-sourcing`,
//!   `UTF-8`, `node.js`): the whole word is a term and so is each part.
//! - `+` and `#` right after a word belong to it (`C++`, `C#`), so they are not lost.
//! - One-letter words are kept (`R`, `C`, `Go` in "a C API").
//! - A number is its value without leading zeros (`0024` → `24`), so "0024" finds record 24.
//! - CJK text has no spaces: each run of Han, kana or Hangul characters becomes its character
//!   bigrams (a single character alone when the run has one).
//! - Terms are case-folded with Unicode lowercase; ranges always point into the original
//!   text, never into the lowercased copy (`K`, the Kelvin sign, lowercases to one byte).
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::ops::Range;

/// One term and where it stands in the text tokenised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Case-folded, numbers without leading zeros.
    pub term: String,
    /// Byte range in the original text.
    pub range: Range<usize>,
}

/// Characters written without spaces between words, searched as bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B–F, compatibility supplement
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// Every term of `text`, in order of appearance (a joined word before its parts).
/// `text` in pieces of about `size` bytes, cut only at whitespace (which no token spans),
/// each with its offset in `text`: tokenising a huge record piece by piece holds one piece's
/// tokens at a time (an 8 MiB table read as one paragraph took 400 MB whole).
pub fn pieces(text: &str, size: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|rest| !rest.is_empty())?;
        let cut = if rest.len() <= size {
            rest.len()
        } else {
            rest.char_indices()
                .skip_while(|&(at, _)| at < size)
                .find(|&(_, c)| c.is_whitespace())
                .map_or(rest.len(), |(at, _)| at)
        };
        let piece = (start, rest.get(..cut)?);
        start += cut;
        Some(piece)
    })
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    each_token(text, |term, range| {
        tokens.push(Token {
            term: term.to_string(),
            range,
        });
    });
    tokens
}

/// Each term of `text` as [`tokenize`] gives them, handed to `each` with its range in one
/// buffer rather than a string of its own: indexing counts the terms of every record, and a
/// string made and freed for each word was a fifth of the CPU of rendering a site.
pub fn each_token(text: &str, mut each: impl FnMut(&str, Range<usize>)) {
    let mut term = String::new();
    let mut push = |range: Range<usize>| {
        if let Some(word) = text.get(range.clone()) {
            normalize_into(word, &mut term);
            each(&term, range);
        }
    };
    // Read a character at a time where it stands: a list of every character's offset (16
    // bytes for each byte of ASCII text) was a tenth of indexing a record.
    let mut at = 0;
    // One list for the parts of every word, and one for the characters of a CJK run.
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    while let Some(c) = char_at(text, at) {
        let start = at;
        if is_cjk(c) {
            run.clear();
            while let Some(c) = char_at(text, at).filter(|&c| is_cjk(c)) {
                run.push(at);
                at += c.len_utf8();
            }
            cjk_bigrams(&run, at, &mut push);
            continue;
        }
        if !is_word_char(c) {
            at += c.len_utf8();
            continue;
        }
        // A word: parts of letters and digits joined by single joiners.
        parts.clear();
        loop {
            let part_start = at;
            while let Some(c) = char_at(text, at).filter(|&c| is_word_char(c)) {
                at += c.len_utf8();
            }
            parts.push(part_start..at);
            // Every joiner is one byte.
            let joined = char_at(text, at).is_some_and(is_joiner)
                && char_at(text, at + 1).is_some_and(is_word_char);
            if !joined {
                break;
            }
            at += 1;
        }
        // `C++`, `C#`, `F#`: the marks are part of the name.
        while char_at(text, at).is_some_and(|c| matches!(c, '+' | '#')) {
            at += 1;
        }
        let whole = start..at;
        push(whole.clone());
        if parts.len() > 1 || parts.first().is_some_and(|part| *part != whole) {
            for part in &parts {
                if *part != whole {
                    push(part.clone());
                }
            }
        }
    }
}

/// The character starting at byte `at` of `text`.
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some(char::from(byte));
    }
    text.get(at..)?.chars().next()
}

/// The bigrams of a CJK run whose characters start at `starts` and which ends at `end`: a
/// run of one character is that character.
fn cjk_bigrams(starts: &[usize], end: usize, push: &mut impl FnMut(Range<usize>)) {
    let start_or_end = |index: usize| starts.get(index).copied().unwrap_or(end);
    if starts.len() == 1 {
        push(start_or_end(0)..end);
        return;
    }
    for index in 0..starts.len().saturating_sub(1) {
        push(start_or_end(index)..start_or_end(index + 2));
    }
}

/// The term for a word as written: lowercase; an all-digit word without its leading zeros.
pub fn normalize(word: &str) -> String {
    let mut term = String::new();
    normalize_into(word, &mut term);
    term
}

/// [`normalize`] into `term`, which is cleared first.
fn normalize_into(word: &str, term: &mut String) {
    term.clear();
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = word.trim_start_matches('0');
        term.push_str(if trimmed.is_empty() { "0" } else { trimmed });
    } else if word.is_ascii() {
        // What `to_lowercase` gives an ASCII word, without a new string.
        term.push_str(word);
        term.make_ascii_lowercase();
    } else {
        term.push_str(&word.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as it was before it read characters in place (a list of every
    /// character first): what [`each_token`] must still give, token for token.
    fn each_token_by_char_list(text: &str, mut each: impl FnMut(&str, Range<usize>)) {
        let mut term = String::new();
        let mut push = |range: Range<usize>| {
            if let Some(word) = text.get(range.clone()) {
                normalize_into(word, &mut term);
                each(&term, range);
            }
        };
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |index: usize| chars.get(index).map_or(text.len(), |&(offset, _)| offset);
        let mut index = 0;
        // One list for the parts of every word, not one each.
        let mut parts: Vec<Range<usize>> = Vec::new();
        while let Some(&(start, c)) = chars.get(index) {
            if is_cjk(c) {
                let first = index;
                while chars.get(index).is_some_and(|&(_, c)| is_cjk(c)) {
                    index += 1;
                }
                cjk_bigrams_by_char_list(text, &chars, first, index, &mut push);
                continue;
            }
            if !is_word_char(c) {
                index += 1;
                continue;
            }
            // A word: parts of letters and digits joined by single joiners.
            parts.clear();
            loop {
                let part_start = index;
                while chars.get(index).is_some_and(|&(_, c)| is_word_char(c)) {
                    index += 1;
                }
                parts.push(end_of(part_start)..end_of(index));
                let joined = chars.get(index).is_some_and(|&(_, c)| is_joiner(c))
                    && chars.get(index + 1).is_some_and(|&(_, c)| is_word_char(c));
                if !joined {
                    break;
                }
                index += 1;
            }
            // `C++`, `C#`, `F#`: the marks are part of the name.
            let mut end = end_of(index);
            while chars
                .get(index)
                .is_some_and(|&(_, c)| matches!(c, '+' | '#'))
            {
                index += 1;
                end = end_of(index);
            }
            let whole = start..end;
            push(whole.clone());
            if parts.len() > 1 || parts.first().is_some_and(|part| *part != whole) {
                for part in &parts {
                    if *part != whole {
                        push(part.clone());
                    }
                }
            }
        }
    }

    fn cjk_bigrams_by_char_list(
        text: &str,
        chars: &[(usize, char)],
        first: usize,
        end: usize,
        push: &mut impl FnMut(Range<usize>),
    ) {
        let offset = |index: usize| chars.get(index).map_or(text.len(), |&(offset, _)| offset);
        if end - first == 1 {
            push(offset(first)..offset(end));
            return;
        }
        for index in first..end.saturating_sub(1) {
            push(offset(index)..offset(index + 2));
        }
    }

    fn tokens_by(
        tokenise: impl Fn(&str, &mut dyn FnMut(&str, Range<usize>)),
        text: &str,
    ) -> Vec<(String, Range<usize>)> {
        let mut tokens = Vec::new();
        tokenise(text, &mut |term, range| {
            tokens.push((term.to_string(), range))
        });
        tokens
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn reading_characters_in_place_gives_the_tokens_of_the_character_list(
            text in "([a-zA-Z0-9 ._#+\\-]|[é中文日本語한국어ÄḰ]|\\PC){0,60}"
        ) {
            proptest::prop_assert_eq!(
                tokens_by(|text, each| each_token(text, each), &text),
                tokens_by(|text, each| each_token_by_char_list(text, each), &text)
            );
        }
    }

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|token| token.term).collect()
    }

    #[test]
    fn words_joined_by_hyphens_are_terms_whole_and_in_parts() {
        assert_eq!(
            terms("Use event-sourcing, UTF-8 and C++ (or C#) in a R script."),
            [
                "use",
                "event-sourcing",
                "event",
                "sourcing",
                "utf-8",
                "utf",
                "8",
                "and",
                "c++",
                "c",
                "or",
                "c#",
                "c",
                "in",
                "a",
                "r",
                "script"
            ]
        );
    }

    #[test]
    fn numbers_lose_leading_zeros() {
        assert_eq!(
            terms("ADR-0024 and 000"),
            ["adr-0024", "adr", "24", "and", "0"]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(
            terms("使用数据库 DB"),
            ["使用", "用数", "数据", "据库", "db"]
        );
        assert_eq!(terms("库"), ["库"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        // The Kelvin sign lowercases to a one-byte `k`; `İ` to three bytes.
        let text = "\u{212A}elvin İstanbul";
        let tokens = tokenize(text);
        assert_eq!(tokens[0].term, "kelvin");
        assert_eq!(text.get(tokens[0].range.clone()), Some("\u{212A}elvin"));
        assert_eq!(text.get(tokens[1].range.clone()), Some("İstanbul"));
    }

    proptest::proptest! {
        /// A term is its word lowercased as `str::to_lowercase` does (a final sigma too), or
        /// a number without its leading zeros, whether the word is ASCII or not; every term
        /// of a text comes out the same when one buffer is reused for all of them.
        #[test]
        fn terms_are_lowercase_words_or_numbers(text in "[A-Za-z0-9ΣσςÄäİK\\- ]{0,40}") {
            for token in tokenize(&text) {
                let word = text.get(token.range.clone()).unwrap_or_default();
                let expected = if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
                    let trimmed = word.trim_start_matches('0');
                    if trimmed.is_empty() { "0".to_string() } else { trimmed.to_string() }
                } else {
                    word.to_lowercase()
                };
                proptest::prop_assert_eq!(token.term, expected);
            }
        }
    }
}
