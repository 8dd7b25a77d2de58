//! Headings as they are matched: case, spacing, emphasis and numbering aside.

/// A heading's name for matching: [`normalize_heading`] of it without the number it is
/// numbered by (`## 1. Context`, `## 2.1 Options`, `## 3) Decision`), which is the writer's
/// layout, not the section's name.
pub fn heading_name(heading: &str) -> String {
    let trimmed = undecorated(heading);
    let unnumbered = trimmed
        .split_once(char::is_whitespace)
        .filter(|(number, rest)| is_section_number(number) && !rest.trim().is_empty())
        .map_or(trimmed, |(_, rest)| rest);
    normalize_heading(undecorated(unnumbered))
}

/// `heading` without the emoji and symbols it is decorated with at either end (`## 🎯
/// Contexto`, `## ✅ Decision ✅`): logs written with a chat assistant mark every part so,
/// and the part is still the one its words name. Opening brackets and quotes are words'
/// own (`「決定」`, `(Optional)`), and a heading of symbols alone is kept as written.
fn undecorated(heading: &str) -> &str {
    let is_decoration = |c: char| c.is_whitespace() || is_decoration(c);
    let words = heading.trim_matches(is_decoration);
    if !words.chars().any(char::is_alphanumeric) {
        heading.trim()
    } else {
        words
    }
}

/// `1.`, `2)`, `2.1`, `1.2.3.`: digits in groups joined by dots, closed by a dot or a
/// bracket when there is one group.
fn is_section_number(word: &str) -> bool {
    let open = word.trim_end_matches(['.', ')']);
    let groups: Vec<&str> = open.split('.').collect();
    groups
        .iter()
        .all(|group| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit()))
        && (groups.len() > 1 || open.len() < word.len())
}

/// Normalise a heading or option name for matching: case-insensitive, whitespace collapsed,
/// trailing punctuation and Markdown emphasis ignored, `&` read as `and` (`Context &
/// Problem Statement`).
pub fn normalize_heading(text: &str) -> String {
    // One pass and one allocation: this runs for every heading of every record.
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        // `&` read as `and` after emphasis is dropped (`**&**`, `&*`): normalising twice
        // gives what normalising once did.
        let bare = word.trim_matches(['*', '`']);
        let word = if bare == "&" { "and" } else { word };
        let mut chars = word.chars().filter(|c| !matches!(c, '*' | '`')).peekable();
        if chars.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in chars {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    // Trailing punctuation and, at either end, the emoji a heading is decorated with (`🎯
    // Bağlam`, `Decision ✅.`); a heading of symbols alone keeps them.
    let is_punctuation = |c: char| c == ' ' || (c.is_ascii_punctuation() && c != ')' && c != ']');
    let kept = out
        .trim_end_matches(|c: char| is_punctuation(c) || is_decoration(c))
        .trim_start_matches(|c: char| c == ' ' || is_decoration(c));
    match (kept.len() == out.len(), kept.is_empty()) {
        (true, _) => out,
        (false, false) => kept.to_string(),
        (false, true) => out.trim_end_matches(is_punctuation).to_string(),
    }
}

/// A character that decorates a heading rather than naming it: an emoji or other symbol
/// (not ASCII, no letter or digit), but for the brackets and quotes words are written in
/// (`「決定」`, `（Context）`).
fn is_decoration(c: char) -> bool {
    !c.is_ascii()
        && !c.is_alphanumeric()
        && !matches!(
            c,
            '【' | '「'
                | '『'
                | '（'
                | '《'
                | '«'
                | '“'
                | '‘'
                | '〔'
                | '［'
                | '】'
                | '」'
                | '』'
                | '）'
                | '》'
                | '»'
                | '”'
                | '’'
                | '〕'
                | '］'
        )
}
