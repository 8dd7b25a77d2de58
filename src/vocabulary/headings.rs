//! Headings as they are matched: case, spacing, emphasis and numbering aside.

/// A heading's name for matching: [`normalize_heading`] of it without the number it is
/// numbered by (`## 1. Context`, `## 2.1 Options`, `## 3) Decision`), which is the writer's
/// layout, not the section's name.
pub fn heading_name(heading: &str) -> String {
    let trimmed = heading.trim_start();
    let unnumbered = trimmed
        .split_once(char::is_whitespace)
        .filter(|(number, rest)| is_section_number(number) && !rest.trim().is_empty())
        .map_or(trimmed, |(_, rest)| rest);
    normalize_heading(unnumbered)
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
    while let Some(last) = out.chars().next_back() {
        if last == ' ' || (last.is_ascii_punctuation() && last != ')' && last != ']') {
            out.pop();
        } else {
            break;
        }
    }
    out
}
