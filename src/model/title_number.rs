//! A number written before a record's title (`7. Use Kafka`, `ADR-0007: …`).

/// `1. Title`, `0001 Title`, `ADR-0001: Title`, `[Superseded by ADR-2] Title` → `Title`
/// and the number, when there is one.
/// `23 Logging` in the file numbered 23: the record's own number in front of its title,
/// with only a space after it. Another number (`2024 roadmap`) is part of the title.
pub(crate) fn own_number_stripped(title: &str, own: Option<u32>) -> Option<(String, Option<u32>)> {
    let digits_len = title.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = title.split_at_checked(digits_len)?;
    let number: u32 = digits.parse().ok()?;
    let stripped = rest.strip_prefix(' ')?.trim_start();
    (Some(number) == own && !stripped.is_empty()).then(|| (stripped.to_string(), Some(number)))
}

/// A front-matter `title:` as lists and pages show it: without the record's own number
/// (`ADR-0017: Deferred module composition` of record 17 shows `Deferred module
/// composition`, cameronraysmith/vanixiets, as an H1 would); with another number, as written.
pub(crate) fn front_matter_title_shown(value: &str, own: Option<u32>) -> String {
    match strip_title_number(value) {
        (stripped, Some(number)) if Some(number) == own && !stripped.is_empty() => stripped,
        _ => value.to_string(),
    }
}

pub(crate) fn strip_title_number(text: &str) -> (String, Option<u32>) {
    let mut title = text.trim();
    if let Some(bracketed) = title.strip_prefix('[')
        && let Some((inner, after)) = bracketed.split_once("] ")
    {
        let inner = inner.to_lowercase();
        if ["superseded", "deprecated", "rejected", "obsolete"]
            .iter()
            .any(|word| inner.starts_with(word))
        {
            title = after.trim_start();
        }
    }
    for prefix in ["architecture decision record:", "adr:"] {
        if title.len() > prefix.len()
            && let Some((head, after)) = title.split_at_checked(prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            title = after.trim_start();
        }
    }
    // `Architecture Decision Record 1: Establish a format` (18F) numbers like `ADR 1:`.
    let long_prefix = "architecture decision record ";
    if let Some((head, after)) = title.split_at_checked(long_prefix.len())
        && head.eq_ignore_ascii_case(long_prefix)
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        let (stripped, number) = strip_title_number(&format!("ADR {after}"));
        if number.is_some() {
            return (stripped, number);
        }
    }
    // `Nr. 002: Auswahl …` (sipster's GitBook log, files `nr.-002-…`) numbers like `ADR 2:`.
    if let Some((head, after)) = title.split_at_checked(4)
        && head.eq_ignore_ascii_case("nr. ")
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        let (stripped, number) = strip_title_number(&format!("ADR {after}"));
        if number.is_some() {
            return (stripped, number);
        }
    }
    if let Some(found) = own_id_stripped(title) {
        return found;
    }
    if let Some((_, rest)) = placeholder_number(title) {
        return (rest.to_string(), None);
    }
    // ASCII-only case folding keeps byte offsets in `title` valid (`to_lowercase` may not).
    let (after_prefix, had_prefix) = match title
        .split_at_checked(3)
        .filter(|(head, _)| head.eq_ignore_ascii_case("adr"))
    {
        Some((_, after)) => (after.trim_start_matches(['-', '_', ' ', '#']), true),
        None => (title.strip_prefix('#').unwrap_or(title), false),
    };
    let digits_len = after_prefix.bytes().take_while(u8::is_ascii_digit).count();
    if digits_len == 0 || digits_len > 9 {
        return (title.to_string(), None);
    }
    let Some((digits, rest)) = after_prefix.split_at_checked(digits_len) else {
        return (title.to_string(), None);
    };
    // A full-width colon (`ADR-0002：标题`) needs no space after it.
    let separated = rest.starts_with(". ")
        || rest.starts_with(": ")
        || rest.starts_with('：')
        || rest.starts_with(") ")
        || rest.starts_with(" - ")
        || rest.starts_with(" – ")
        || rest.starts_with(" — ")
        || rest.starts_with(" | ")
        // `ADR-001 · 采用 Event-Sourcing` (GoyacJ/octopus): a middle dot.
        || rest.starts_with(" · ")
        || ((had_prefix || (digits_len >= 3 && digits.starts_with('0'))) && rest.starts_with(' '))
        // `0001-Использование ADR`: a zero-padded number glued to the title, as file names are.
        || (digits_len >= 3
            && digits.starts_with('0')
            && rest.starts_with('-')
            && rest
                .get(1..)
                .is_some_and(|title| title.starts_with(|c: char| c.is_alphabetic())));
    if !separated {
        return (title.to_string(), None);
    }
    let stripped =
        rest.trim_start_matches(['.', ':', '：', ')', '-', '–', '—', '|', '·', ' ', '\t']);
    if stripped.is_empty() {
        return (title.to_string(), None);
    }
    (stripped.to_string(), digits.parse().ok())
}

/// A template's placeholder where the title's number goes (`n. Django Templates`,
/// cisagov/manage.get.gov; `NNNN. Title`, `X. Title`): the placeholder and the title after it.
pub(crate) fn placeholder_number(title: &str) -> Option<(&str, &str)> {
    let (number, rest) = title.split_once(". ")?;
    let placeholder = !number.is_empty()
        && number.len() <= 4
        && (number.chars().all(|c| c == 'n' || c == 'N')
            || number.chars().all(|c| c == 'x' || c == 'X'));
    let rest = rest.trim_start();
    (placeholder && !rest.is_empty()).then_some((number, rest))
}

/// `DR008: Title`, `RFC-12 - Title`: an id of two to five capitals of the log's own
/// (alphagov/forms' decision records) and its number, then a colon or a dash: the title
/// after it and the number. Two digits at least, and not after a space alone: `EC2:
/// compute` and `HTTP2 support` are titles.
fn own_id_stripped(title: &str) -> Option<(String, Option<u32>)> {
    let capitals = title.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(2..=5).contains(&capitals) || title.get(..3).is_some_and(|head| head == "ADR") {
        return None;
    }
    let after = title.get(capitals..)?;
    let after = after.strip_prefix(['-', ' ']).unwrap_or(after);
    let digits_len = after.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = after.split_at_checked(digits_len)?;
    let separated = [": ", "：", " - ", " – ", " — ", " · "]
        .iter()
        .any(|separator| rest.starts_with(separator));
    let stripped = rest
        .trim_start_matches([':', '：', '-', '–', '—', ' '])
        .trim_end();
    ((2..=9).contains(&digits_len) && separated && !stripped.is_empty())
        .then(|| (stripped.to_string(), digits.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::{front_matter_title_shown, strip_title_number};

    /// Review K (cameronraysmith/vanixiets): `title: "ADR-0017: Deferred …"` showed the
    /// number twice in every list (`0017  ADR-0017: Deferred …`).
    #[test]
    fn a_title_after_an_id_of_the_logs_own_carries_its_number() {
        assert_eq!(
            strip_title_number("DR008: No charges at all"),
            ("No charges at all".to_string(), Some(8))
        );
        assert_eq!(
            strip_title_number("RFC-12 - Use gRPC"),
            ("Use gRPC".to_string(), Some(12))
        );
        assert_eq!(strip_title_number("HTTP2 support").1, None);
        assert_eq!(strip_title_number("EC2: compute").1, None);
        assert_eq!(strip_title_number("AB: title").1, None);
    }

    #[test]
    fn a_placeholder_number_is_no_part_of_the_title() {
        assert_eq!(
            strip_title_number("n. Django Templates"),
            ("Django Templates".to_string(), None)
        );
        assert_eq!(strip_title_number("NNNN. Title").0, "Title");
        assert_eq!(strip_title_number("Nx. Title").0, "Nx. Title");
        assert_eq!(strip_title_number("No. 5 rule").0, "No. 5 rule");
    }

    #[test]
    fn a_gitbook_nr_title_carries_its_number() {
        assert_eq!(
            strip_title_number("Nr. 002: Auswahl der Softwarearchitektur"),
            ("Auswahl der Softwarearchitektur".to_string(), Some(2))
        );
        assert_eq!(strip_title_number("Nr. eins").1, None);
    }

    #[test]
    fn a_front_matter_title_is_shown_without_the_records_own_number() {
        assert_eq!(
            front_matter_title_shown("ADR-0017: Deferred module composition", Some(17)),
            "Deferred module composition"
        );
        assert_eq!(
            front_matter_title_shown("ADR-0017: Deferred module composition", Some(18)),
            "ADR-0017: Deferred module composition"
        );
        assert_eq!(
            front_matter_title_shown("Deferred module composition", Some(17)),
            "Deferred module composition"
        );
    }
}

#[cfg(test)]
mod middle_dot_tests {
    use super::strip_title_number;

    #[test]
    fn a_middle_dot_sets_the_number_off() {
        assert_eq!(
            strip_title_number("ADR-001 · 采用 Event-Sourcing 作为状态管理模型"),
            ("采用 Event-Sourcing 作为状态管理模型".to_string(), Some(1))
        );
        assert_eq!(
            strip_title_number("0002 · Steering Queue"),
            ("Steering Queue".to_string(), Some(2))
        );
    }
}
