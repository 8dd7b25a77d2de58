//! A heading's attributes (`{#id}`), which are no part of its text.

/// `Use PSR-4 {#adr_0001}` → `Use PSR-4`: the heading's attributes (an anchor for Doxygen,
/// Pandoc, kramdown or Hugo: `{#id}`, `{: #id}`, `{#id .class}`) are no part of its title.
/// A brace group of other words (`{short title of solved problem}`) is left to the title.
pub(crate) fn without_heading_id(title: &str) -> &str {
    let trimmed = title.trim_end();
    let Some(open) = trimmed.strip_suffix('}').and_then(|inner| inner.rfind('{')) else {
        return title;
    };
    let (before, group) = trimmed.split_at(open);
    let inner = group.trim_start_matches('{').trim_end_matches('}');
    let inner = inner.trim_start().strip_prefix(':').unwrap_or(inner).trim();
    let is_attribute = |token: &str| {
        let name = token.strip_prefix(['#', '.']).unwrap_or(token);
        (token.starts_with(['#', '.']) || token.contains('='))
            && !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '=' | '"'))
    };
    let has_id = inner.starts_with('#');
    if has_id && inner.split_whitespace().all(is_attribute) && before.ends_with(' ') {
        before.trim_end()
    } else {
        title
    }
}

/// The id a heading's attributes give it (`custom-id` of `Heading {#custom-id}`): a link
/// may name it, as kramdown, Pandoc and markdown-it-attrs sites make it the anchor.
pub(crate) fn explicit_id(title: &str) -> Option<&str> {
    let kept = without_heading_id(title);
    if kept.len() == title.len() {
        return None;
    }
    let group = title
        .get(kept.len()..)?
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}');
    let group = group.trim_start().strip_prefix(':').unwrap_or(group);
    group.split_whitespace().next()?.strip_prefix('#')
}

/// `(adr-0011)=`: a MyST (Sphinx) target line, which names the heading below it for
/// cross-references: no text of the record's.
pub(crate) fn is_myst_target(line: &str) -> bool {
    line.strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(")="))
        .is_some_and(|label| !label.is_empty() && !label.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headings_attributes_are_not_part_of_the_title() {
        for (title, expected) in [
            ("1) Use PSR-4 {#adr_0001}", "1) Use PSR-4"),
            ("Use PSR-4 {: #adr_0001}", "Use PSR-4"),
            ("Use PSR-4 {#adr-1 .record data-x=1}", "Use PSR-4"),
            ("Kafka für Aufträge {#kafka}  ", "Kafka für Aufträge"),
            (
                "{short title of solved problem and solution}",
                "{short title of solved problem and solution}",
            ),
            ("Pick {A|B}", "Pick {A|B}"),
            ("Use {#placeholder} here", "Use {#placeholder} here"),
            ("Tight{#id}", "Tight{#id}"),
        ] {
            assert_eq!(without_heading_id(title), expected, "{title}");
        }
    }
}
