//! Letter case: a word capitalised in any script, and case-insensitive search that returns
//! offsets into the text searched, never into a lowercased copy: `"K".to_lowercase()` (the
//! Kelvin sign) is `"k"`, one byte shorter, and `"İ".to_lowercase()` is one byte longer, so
//! an offset found in a copy can fall inside a character of the original. The needles here
//! are ASCII and folded ASCII-only, so a match always starts and ends on a character
//! boundary of the haystack.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

/// The byte offset in `haystack` of the first ASCII-case-insensitive match of `needle`.
pub fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
        // A non-ASCII needle could match from inside a character; its offsets are refused.
        .filter(|&at| haystack.is_char_boundary(at) && haystack.is_char_boundary(at + needle.len()))
}

/// `text` without `prefix`, compared ASCII-case-insensitively.
pub fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// `text` with its first letter upper case (`accepted` → `Accepted`, `proposto` →
/// `Proposto`), in any script; the rest as it is.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_in_the_text_searched() {
        assert_eq!(
            find_ignore_ascii_case("\u{212A}\u{212A} Chosen Option: x", "chosen option"),
            Some(7)
        );
        assert_eq!(
            find_ignore_ascii_case("İİ chosen option", "CHOSEN OPTION"),
            Some(5)
        );
        assert_eq!(find_ignore_ascii_case("no match", "chosen"), None);
        assert_eq!(
            strip_prefix_ignore_ascii_case("Superseded \u{212A}", "superseded"),
            Some(" \u{212A}")
        );
        assert_eq!(strip_prefix_ignore_ascii_case("添加", "superseded"), None);
        assert_eq!(
            strip_prefix_ignore_ascii_case("supersedé", "superseded"),
            None
        );
    }
}
