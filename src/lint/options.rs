//! How option names are compared when a record refers to its own options: by name (the
//! model's `options_match`), by a short form, by shared words, or by position (`option 2`,
//! `[option 1] - …`, `(D) …`). Records paraphrase their options; rules that compare them
//! must not call a paraphrase a mistake.

use crate::model::{Located, Record, option_key, short_form};

/// Words that say nothing about which option is meant.
const FILLER_WORDS: [&str; 25] = [
    "a", "all", "an", "and", "as", "at", "be", "because", "by", "for", "from", "in", "is", "it",
    "of", "on", "option", "options", "or", "our", "the", "to", "use", "using", "with",
];

/// Lowercase, without quotes, emphasis and code marks, whitespace collapsed.
pub(crate) fn plain(text: &str) -> String {
    // Quotes and emphasis dropped and whitespace collapsed in one pass, then lowercased
    // (which neither makes nor removes whitespace, and sees the same letters side by side):
    // two strings, not four, for every option name of every record.
    let mut collapsed = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, '"' | '\'' | '`' | '*' | '_' | '“' | '”' | '‘' | '’') {
            continue;
        }
        if c.is_whitespace() {
            space = !collapsed.is_empty();
            continue;
        }
        if space {
            collapsed.push(' ');
            space = false;
        }
        collapsed.push(c);
    }
    collapsed.to_lowercase()
}

/// The 1-based position a name refers to, and the text after the reference:
/// `2`, `option 2`, `Option 1: X`, `[option 1] - X`, `3 - X`, `(D) X`, `B) X`.
pub(crate) fn position_reference(text: &str) -> Option<(usize, String)> {
    let text = plain(text);
    let unbracketed = text.strip_prefix('[').unwrap_or(&text);
    let (said_option, rest) = match unbracketed.strip_prefix("option") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, unbracketed),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let after = rest
            .get(digits.len()..)
            .unwrap_or_default()
            .trim_start_matches(']')
            .trim_start();
        // `0003-1 Patrón State`, `2.0 release`: an id or a version, not a place in a list.
        let is_id = after
            .strip_prefix(['-', '.'])
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        let is_reference = !is_id
            && (said_option
                || after.is_empty()
                || after.starts_with([':', '-', '.', ')', '–', '—']));
        if !is_reference {
            return None;
        }
        let remainder = after
            .trim_start_matches([':', '-', '.', ')', '–', '—', ' '])
            .to_string();
        return digits.parse().ok().map(|position| (position, remainder));
    }
    let letter = rest.strip_prefix('(').unwrap_or(rest);
    let mut chars = letter.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(')' | '.'))
            if c.is_ascii_lowercase()
                && !said_option
                && (chars.as_str().is_empty() || chars.as_str().starts_with(' ')) =>
        {
            Some((
                usize::from(c as u8 - b'a') + 1,
                chars.as_str().trim_start().to_string(),
            ))
        }
        _ => None,
    }
}

/// Short words that still tell options apart: `No license` is not `MIT license`.
const NEGATIONS: [&str; 2] = ["no", "not"];

/// The words that tell options apart: three letters or more (or a negation), not filler,
/// not numbers.
pub(crate) fn telling_words(text: &str) -> Vec<String> {
    plain(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| {
            (word.len() >= 3 || NEGATIONS.contains(word)) && !FILLER_WORDS.contains(word)
        })
        .filter(|word| !word.chars().all(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

/// An option name prepared once for the comparisons below (they run for every pair of
/// options and subsections, so the normalising is not repeated per pair).
#[derive(Debug)]
pub(crate) struct OptionName {
    /// `option_key` of the name, as the model matches options.
    key: String,
    /// The key without quotes and emphasis.
    plain_key: String,
    /// Where [`short_form`] ends `key` and `plain_key`.
    key_short_end: usize,
    plain_short_end: usize,
    words: Vec<String>,
}

impl OptionName {
    pub(crate) fn new(text: &str) -> OptionName {
        let key = option_key(text);
        let plain_key = plain(&key);
        OptionName {
            key_short_end: short_form(&key).len(),
            plain_short_end: short_form(&plain_key).len(),
            plain_key,
            key,
            words: telling_words(text),
        }
    }

    fn short_key(&self) -> &str {
        short_of(&self.key, self.key_short_end)
    }

    fn short_plain_key(&self) -> &str {
        short_of(&self.plain_key, self.plain_short_end)
    }

    /// Same name, or one is a short form of the other (`Calendar Versioning` and
    /// `Calendar Versioning with YYYY.M.Patch`, `Kafka` and `Kafka — a replayable log`).
    pub(crate) fn same_or_short_form(&self, other: &OptionName) -> bool {
        if self.key.is_empty() || other.key.is_empty() {
            return false;
        }
        if self.key == other.key || self.short_key() == other.short_key() {
            return true;
        }
        let (a, b) = (self.plain_key.as_str(), other.plain_key.as_str());
        let (short_a, short_b) = (self.short_plain_key(), other.short_plain_key());
        [(a, b), (short_a, b), (a, short_b)].iter().any(|(a, b)| {
            !a.is_empty() && !b.is_empty() && (is_word_prefix(a, b) || is_word_prefix(b, a))
        })
    }

    /// Same name, a short form, or most telling words shared (`kubeadm via in-house tools`
    /// and `kubeadm via in-house tool`).
    pub(crate) fn similar(&self, other: &OptionName) -> bool {
        if self.same_or_short_form(other) {
            return true;
        }
        let fewer = self.words.len().min(other.words.len());
        if fewer == 0 {
            return false;
        }
        let shared = self.shared_words(other);
        shared > 0 && shared * 2 >= fewer
    }

    /// How well `self` names `other`, when it names it at all: the same name (3), a short
    /// form of it (2), or shared telling words (1 and a fraction): two or more making half
    /// the shorter name, or all of a one-word name that is half the longer. Unlike [`OptionName::similar`], one
    /// word shared with a longer name is not enough: `Dual license with MIT and CC0` does
    /// not name `No license`.
    pub(crate) fn match_score(&self, other: &OptionName) -> Option<f64> {
        if self.key.is_empty() || other.key.is_empty() {
            return None;
        }
        if self.key == other.key || self.plain_key == other.plain_key {
            return Some(3.0);
        }
        if self.same_or_short_form(other) {
            return Some(2.0);
        }
        let more = self.words.len().max(other.words.len());
        let fewer = self.words.len().min(other.words.len());
        let shared = self.shared_words(other);
        let names = (shared >= 2 && shared * 2 >= fewer)
            || (shared > 0 && shared == fewer && shared * 2 >= more);
        names.then(|| 1.0 + shared as f64 / more as f64)
    }

    fn shared_words(&self, other: &OptionName) -> usize {
        self.words
            .iter()
            .filter(|word| {
                other
                    .words
                    .iter()
                    .any(|theirs| theirs == *word || singular(theirs) == singular(word))
            })
            .count()
    }

    /// Whether the two share any telling word.
    pub(crate) fn shares_a_word(&self, other: &OptionName) -> bool {
        self.words.iter().any(|word| other.words.contains(word))
    }
}

/// The number or letter each option carries in its own text (`Option 0 - Do nothing`,
/// `**(B)** Use Carthage`), when the options carry distinct ones: a heading's `Option 1`
/// then means the option labelled 1, whatever its place (lists numbered from 0).
pub(crate) fn option_labels(options: &[&Located<String>]) -> Option<Vec<Option<usize>>> {
    let labels: Vec<Option<usize>> = options
        .iter()
        .map(|option| position_reference(&option_key(&option.value)).map(|(label, _)| label))
        .collect();
    let labelled: Vec<usize> = labels.iter().flatten().copied().collect();
    let mut distinct = labelled.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let is_own_numbering = labelled.len() * 2 >= options.len().max(1)
        && distinct.len() == labelled.len()
        && labels
            .iter()
            .enumerate()
            .any(|(index, label)| label.is_some_and(|label| label != index + 1));
    is_own_numbering.then_some(labels)
}

/// Words before a list of positions that say the options are combined: `Combined 1 and 3`,
/// `a combination of options 2 and 4`, `both 1 & 2`.
const COMBINING_WORDS: [&str; 11] = [
    "a ",
    "combined ",
    "combine ",
    "combination of ",
    "mix of ",
    "hybrid of ",
    "hybrid ",
    "both ",
    "options ",
    "option ",
    "of ",
];

/// The positions a name lists when it names several options by number (`Combined 1 and 3`,
/// `1 & 3`, `options 2, 3`); `None` when it is anything else, a single position included.
pub(crate) fn combined_positions(text: &str) -> Option<Vec<usize>> {
    let plain = plain(text);
    let mut rest = plain.as_str();
    while let Some(after) = COMBINING_WORDS
        .iter()
        .find_map(|word| rest.strip_prefix(word))
    {
        rest = after;
    }
    let parts: Vec<&str> = rest
        .split(['&', ',', '+', '/'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    parts
        .iter()
        .map(|part| match position_reference(part) {
            Some((position, remainder)) if remainder.is_empty() => Some(position),
            _ => None,
        })
        .collect()
}

/// The items of a record's Considered Options that are options. Left out: items that
/// combine other options by position (`Combined 1 and 3`) and, in a numbered list, bulleted
/// lines between its items: sub-points of an option indented too little to nest under it
/// in Markdown.
///
/// ```markdown
/// 1. Storing error information in database records
///  - Storing in RFC 9457 format          ← one space: not nested, yet not an option
/// 2. Creating a central registry of errors
/// ```
pub(crate) fn real_options(record: &Record) -> Vec<&Located<String>> {
    let markers: Vec<ListMarker> = record
        .considered_options
        .iter()
        .map(|option| list_marker(record, option))
        .collect();
    let numbered_first =
        markers.first() == Some(&ListMarker::Numbered) && markers.contains(&ListMarker::Bullet);
    let count = markers
        .iter()
        .filter(|marker| !numbered_first || **marker == ListMarker::Numbered)
        .count();
    record
        .considered_options
        .iter()
        .zip(&markers)
        .filter(|(_, marker)| !numbered_first || **marker == ListMarker::Numbered)
        .map(|(option, _)| option)
        // `* …`: MADR's template bullet for "more options", no option.
        .filter(|option| !option.value.trim().chars().all(|c| matches!(c, '…' | '.')))
        .filter(|option| {
            combined_positions(&option.value).is_none_or(|positions| {
                positions
                    .iter()
                    .any(|position| *position == 0 || *position > count)
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListMarker {
    Numbered,
    Bullet,
}

/// Whether the option's list item starts with `1.`/`1)` or with `-`, `*`, `+`.
fn list_marker(record: &Record, option: &Located<String>) -> ListMarker {
    let source = &record.source;
    let line = source.slice(source.line_span(option.line));
    let item = line.trim_start_matches([' ', '\t', '>']);
    let digits = item.chars().take_while(char::is_ascii_digit).count();
    let after_digits = item.get(digits..).unwrap_or("");
    if digits > 0 && after_digits.starts_with(['.', ')']) {
        ListMarker::Numbered
    } else {
        ListMarker::Bullet
    }
}

/// `Kafka — a replayable log` → `Kafka`: the name before a description. It is a prefix of
/// `key` once trimmed at the start; see [`short_of`].
/// The short form of `key` from its length, worked out once by [`short_form`].
fn short_of(key: &str, short_len: usize) -> &str {
    let trimmed = key.trim_start();
    trimmed.get(..short_len).unwrap_or(trimmed)
}

fn singular(word: &str) -> &str {
    word.strip_suffix('s').unwrap_or(word)
}

/// `text` starts with `prefix`, ending at a word boundary.
fn is_word_prefix(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_short_form_kept_as_a_length_is_the_short_form(key in "[ a-z:—–-]{0,24}") {
            proptest::prop_assert_eq!(short_of(&key, short_form(&key).len()), short_form(&key));
        }
    }

    #[test]
    fn positions() {
        assert_eq!(position_reference("2").map(|p| p.0), Some(2));
        assert_eq!(position_reference("option 2").map(|p| p.0), Some(2));
        assert_eq!(
            position_reference("[option 1] - Allow X"),
            Some((1, "allow x".to_string()))
        );
        assert_eq!(
            position_reference("Option 1: _Upgrade now_"),
            Some((1, "upgrade now".to_string()))
        );
        assert_eq!(position_reference("(D) Distribute").map(|p| p.0), Some(4));
        assert_eq!(position_reference("2024 roadmap"), None);
        assert_eq!(position_reference("Kafka"), None);
        assert_eq!(position_reference("0003-1 Patrón State"), None);
        assert_eq!(position_reference("2.0 release"), None);
        assert_eq!(
            position_reference("Option 0 - Do nothing"),
            Some((0, "do nothing".to_string()))
        );
    }

    #[test]
    fn similarity() {
        let similar = |a: &str, b: &str| OptionName::new(a).similar(&OptionName::new(b));
        assert!(similar(
            "kubeadm via in-house tools (ck8s-cluster)",
            "kubeadm via in-house tool (ck8s-cluster)"
        ));
        assert!(similar("Independent clusters", "Independent cluster"));
        assert!(!similar("Kubespray", "Rancher"));
        let names = |a: &str, b: &str| {
            OptionName::new(a)
                .match_score(&OptionName::new(b))
                .is_some()
        };
        assert!(!names("Dual license with MIT and CC0", "No license"));
        assert!(!names("No license", "MIT license"));
        assert!(names("Kafka", "Kafka cluster"));
        assert!(names(
            "Instructions and review only",
            "Keep the narrow widget checks and rely on agent instructions and review"
        ));
        assert!(names(
            "Scan all presentation literals",
            "Scan every string literal in presentation paths"
        ));
        assert!(similar("Kafka – a log", "Kafka"));
        assert!(
            OptionName::new("Calendar Versioning")
                .same_or_short_form(&OptionName::new("Calendar Versioning with YYYY.M.Patch"))
        );
    }

    proptest::proptest! {
        /// `plain` is the text without quotes and emphasis, lowercased, its whitespace
        /// collapsed; a short form ends at the first separator of any kind.
        #[test]
        fn plain_names_and_short_forms(text in "[A-Za-zΣσÄİ \t'\"*_:–—-]{0,30}") {
            let expected = text
                .chars()
                .filter(|c| !matches!(c, '"' | '\'' | '`' | '*' | '_' | '“' | '”' | '‘' | '’'))
                .collect::<String>()
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(plain(&text), expected);
            let end = [" - ", " – ", " — ", ": "]
                .iter()
                .filter_map(|separator| text.find(separator))
                .min()
                .unwrap_or(text.len());
            proptest::prop_assert_eq!(short_form(&text), text.get(..end).unwrap_or(&text).trim());
        }
    }
}
