//! Reading a record's date in the shapes logs write it: ISO `2017-11-22`, `2017/11/22`,
//! German `18.10.2014` (day first), `Nov 19, 2022`, `22 November 2022`, `2017年11月22日`,
//! `20230926`, month names in the languages of `crate::vocabulary`,
//! and `10/11/2022`, which could be either day or month first (as could `10/04/18`, a
//! two-digit year written last). jiff decides what is a
//! calendar date.

use jiff::civil::Date;

use crate::model::DateValue;

/// Reads `text` as a date; see [`DateValue`] for what each outcome means.
pub(crate) fn read(text: &str) -> DateValue {
    match read_alone(text) {
        DateValue::Unreadable(text) => with_note(&text).unwrap_or(DateValue::Unreadable(text)),
        found => found,
    }
}

/// [`read`] of a text that is the date and nothing else.
fn read_alone(text: &str) -> DateValue {
    let text = text.trim();
    let unreadable = || DateValue::Unreadable(text.to_string());
    if is_iso_shape(text) {
        return match text.parse::<Date>() {
            Ok(date) => DateValue::Valid(date),
            Err(_) => DateValue::Invalid(text.to_string()),
        };
    }
    // `2022-11-19T10:00:00Z`, `2022-11-19 10:00`: a date with a time of day.
    if let Some((head, time)) = text.split_at_checked(10)
        && is_iso_shape(head)
        && time.starts_with(['T', ' '])
        && time
            .trim_start_matches(['T', ' '])
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return match head.parse::<Date>() {
            Ok(date) => reshaped(date, text, false),
            Err(_) => DateValue::Invalid(text.to_string()),
        };
    }
    // `2024-05-22 (back dated)`, `2024-10-31 :ghost:`, `2019-05-13, updated 2023-02-05`: an
    // ISO date and a note after it. The date is as it should be; the note stays where it is
    // written.
    if let Some((head, note)) = text.split_at_checked(10)
        && is_iso_shape(head)
        && note.starts_with([' ', '\t', ',', ';'])
        && !note.trim_start().starts_with(|c: char| c.is_ascii_digit())
    {
        return match head.parse::<Date>() {
            Ok(date) => DateValue::Valid(date),
            Err(_) => DateValue::Invalid(text.to_string()),
        };
    }
    // `2025-11- 05`, `2025 - 11 - 05`: an ISO date with spaces slipped in.
    let unspaced: String = text.chars().filter(|c| *c != ' ').collect();
    if unspaced.len() < text.len()
        && is_iso_shape(&unspaced)
        && let Ok(date) = unspaced.parse::<Date>()
    {
        return reshaped(date, text, true);
    }
    // `[2022-10-05]`: a date in a template's brackets, the brackets left in.
    if let Some(inner) = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        && !inner.contains(['[', ']'])
        && let Some(date) = read(inner).valid()
    {
        return reshaped(date, text, true);
    }
    // `20230926`: eight digits, year first.
    if text.len() == 8
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text.starts_with("19") || text.starts_with("20"))
    {
        let number = |range: std::ops::Range<usize>| text.get(range).and_then(|n| n.parse().ok());
        if let (Some(year), Some(month), Some(day)) = (number(0..4), number(4..6), number(6..8)) {
            return date(year, month, day).map_or_else(
                || DateValue::Invalid(text.to_string()),
                |found| reshaped(found, text, true),
            );
        }
    }
    let cjk = text
        .replace(['年', '月'], "-")
        .replace('日', "")
        .trim()
        .to_string();
    let numeric = if cjk != text { cjk.as_str() } else { text };
    if let Some(numbers) = numbers_of(numeric) {
        return read_numbers(text, &numbers);
    }
    match with_month_name(text) {
        Some(Ok(date)) => reshaped(date, text, true),
        Some(Err(())) => DateValue::Invalid(text.to_string()),
        None => unreadable(),
    }
}

/// `2025.09.02 (PR #46 참고)`, `19 November 2022 (approved)`: a date in another shape than
/// ISO with a note after it (ISO ones are read above). The date is read as if alone, its
/// text without the note, so a fix rewrites the date and leaves the note where it is.
fn with_note(text: &str) -> Option<DateValue> {
    // The longest date is `22 de septiembre de 2022`; a note is tried after none longer.
    const LONGEST_DATE: usize = 32;
    text.char_indices()
        .take_while(|&(at, _)| at <= LONGEST_DATE)
        .filter(|&(_, c)| matches!(c, ' ' | '\t' | ',' | ';' | '('))
        .find_map(|(at, _)| {
            let (head, note) = text.split_at(at);
            let note = note.trim_start_matches([' ', '\t', ',', ';']);
            if head.trim().is_empty()
                || note.is_empty()
                || note.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            match read_alone(head) {
                found @ DateValue::Valid(_) => Some(found),
                found @ (DateValue::Reshaped { .. } | DateValue::Ambiguous { .. }) => Some(found),
                _ => None,
            }
        })
}

/// Which comes first in a date written as numbers, day or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrMonthFirst {
    Day,
    Month,
}

/// Which comes first in `text`, a date written as numbers (`25-10-2023`, `10/25/2023`),
/// when only one reading is a date; none for every other date, and for one that could be
/// read either way (`03-11-2023`): what the log's other dates say of such a one.
pub(crate) fn day_or_month_first(text: &str) -> Option<DayOrMonthFirst> {
    let numbers = numbers_of(text.trim())?;
    let [a, b, c] = numbers.parts;
    if numbers.widths[0] == 4 || numbers.widths[2] < 2 || numbers.separator == '.' {
        return None;
    }
    // The year does not change which comes first (29 February aside, which a full year
    // tells as well as a short one).
    let c = if numbers.widths[2] == 2 { 2000 + c } else { c };
    match (date(c, b, a), date(c, a, b)) {
        (Some(_), None) => Some(DayOrMonthFirst::Day),
        (None, Some(_)) => Some(DayOrMonthFirst::Month),
        _ => None,
    }
}

/// The order the dates `shown` agree on, each with what showed it (`26/03/2018` shows the
/// day first): the first, when no other says otherwise; none when none shows one.
pub(crate) fn agreed_order<T>(
    mut shown: impl Iterator<Item = (DayOrMonthFirst, T)>,
) -> Option<(DayOrMonthFirst, T)> {
    let first = shown.next()?;
    shown.all(|(order, _)| order == first.0).then_some(first)
}

/// The order in which a log whose `dates` include one that could be either of two days
/// (`05/02/2018`) writes them, as its other dates show it: how lint's date-format rule reads
/// such a date, and so how `list`, `export`, their filters, the index and the site show it.
/// None when no date is ambiguous, or the others do not show one order.
pub(crate) fn ambiguous_dates_order<'d>(
    dates: impl Iterator<Item = &'d DateValue> + Clone,
) -> Option<DayOrMonthFirst> {
    dates
        .clone()
        .any(|date| matches!(date, DateValue::Ambiguous { .. }))
        .then_some(())?;
    let shown = dates.filter_map(|date| match date {
        DateValue::Reshaped { text, .. } => Some((day_or_month_first(text)?, ())),
        _ => None,
    });
    agreed_order(shown).map(|(order, ())| order)
}

impl DateValue {
    /// An ambiguous date read in `order`, written as it was; whether it was one.
    pub(crate) fn read_in(&mut self, order: DayOrMonthFirst) -> bool {
        let DateValue::Ambiguous { text, readings } = self else {
            return false;
        };
        let [day_first, month_first] = *readings;
        let read = match order {
            DayOrMonthFirst::Day => day_first,
            DayOrMonthFirst::Month => month_first,
        };
        *self = reshaped(read, text, true);
        true
    }
}

fn reshaped(date: Date, text: &str, exact: bool) -> DateValue {
    DateValue::Reshaped {
        date,
        text: text.to_string(),
        exact,
    }
}

fn is_iso_shape(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// A numeric date: three groups of digits with one kind of separator (`-`, `/`, `.`).
struct Numbers {
    parts: [u32; 3],
    widths: [usize; 3],
    separator: char,
}

fn numbers_of(text: &str) -> Option<Numbers> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let pieces: Vec<&str> = text.trim_end_matches('.').split(separator).collect();
    let [a, b, c] = pieces.as_slice() else {
        return None;
    };
    let mut parts = [0; 3];
    let mut widths = [0; 3];
    for (index, piece) in [a, b, c].into_iter().enumerate() {
        if piece.is_empty() || piece.len() > 4 || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        parts[index] = piece.parse().ok()?;
        widths[index] = piece.len();
    }
    Some(Numbers {
        parts,
        widths,
        separator,
    })
}

fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

fn read_numbers(text: &str, numbers: &Numbers) -> DateValue {
    let [a, b, c] = numbers.parts;
    let invalid = || DateValue::Invalid(text.to_string());
    if numbers.widths[0] == 4 {
        // Year first is always year-month-day.
        return date(a, b, c).map_or_else(invalid, |found| reshaped(found, text, true));
    }
    let c = match numbers.widths {
        [_, _, 4] => c,
        // `12/02/26`, `10/04/18`: a two-digit year, last, as the Spanish `dd/mm/aa` and
        // British `dd/mm/yy` templates write it; a year not yet come is last century's.
        [1 | 2, 1 | 2, 2] => {
            let this_year = u32::try_from(crate::clock::today().year()).unwrap_or(2000);
            let century = if 2000 + c <= this_year + 1 {
                2000
            } else {
                1900
            };
            century + c
        }
        _ => return DateValue::Unreadable(text.to_string()),
    };
    // `18.10.2014`: with dots the day comes first (German, Russian, …).
    if numbers.separator == '.' {
        return date(c, b, a).map_or_else(invalid, |found| reshaped(found, text, true));
    }
    match (date(c, b, a), date(c, a, b)) {
        (Some(day_first), Some(month_first)) if day_first != month_first => DateValue::Ambiguous {
            text: text.to_string(),
            readings: [day_first, month_first],
        },
        (Some(found), _) | (None, Some(found)) => reshaped(found, text, true),
        (None, None) => invalid(),
    }
}

/// `Nov 19, 2022`, `November 19th, 2022`, `19 November 2022`, `22. Nov. 2022`,
/// `11-Apr-2023`, and the
/// same in the languages of `crate::vocabulary` (`18. Oktober 2014`, `19 de noviembre de
/// 2022`, `3 октября 2020`). `None` when
/// the text is not a day, a month name and a year; `Some(Err)` when they make no date.
fn with_month_name(text: &str) -> Option<Result<Date, ()>> {
    let words: Vec<String> = text
        // `11-April-2023`, `11-Apr-2023`: the day-month-year shape of spreadsheets and
        // Oracle, with hyphens for spaces (all-digit shapes were read before this).
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|word| !word.is_empty() && !crate::vocabulary::is_date_filler(word))
        .map(|word| word.trim_end_matches('.').to_lowercase())
        .collect();
    if words.len() != 3 {
        return None;
    }
    let mut month = None;
    let mut year = None;
    let mut day = None;
    for word in &words {
        if month.is_none()
            && let Some(number) = crate::vocabulary::month(word)
        {
            month = Some(number);
            continue;
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let is_ordinal = digits.len() == word.len()
            || word
                .get(digits.len()..)
                .is_some_and(|suffix| ["st", "nd", "rd", "th"].contains(&suffix));

        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || !is_ordinal {
            return None;
        }
        let value: u32 = digits.parse().ok()?;
        if digits.len() == 4 && year.is_none() {
            year = Some(value);
        } else if digits.len() <= 2 && day.is_none() {
            day = Some(value);
        } else {
            return None;
        }
    }
    let (month, year, day) = (month?, year?, day?);
    Some(date(year, u32::try_from(month).ok()?, day).ok_or(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        match read(text) {
            DateValue::Valid(date) | DateValue::Reshaped { date, .. } => Some(date.to_string()),
            _ => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_any_date_never_panics(text in "\\PC{0,24}", digits in "[0-9./-]{0,12}") {
            let _ = read(&text);
            let _ = read(&digits);
            let _ = read(&format!("{digits} {text}"));
        }
    }

    #[test]
    fn reads_the_shapes_logs_write() {
        for (text, expected) in [
            ("2017-11-22", "2017-11-22"),
            ("2017/11/22", "2017-11-22"),
            ("2017.11.22", "2017-11-22"),
            ("2017-1-5", "2017-01-05"),
            ("18.10.2014", "2014-10-18"),
            ("1.6.2020", "2020-06-01"),
            ("Nov 19, 2022", "2022-11-19"),
            ("November 19th, 2022", "2022-11-19"),
            ("22 November 2022", "2022-11-22"),
            ("22. Nov. 2022", "2022-11-22"),
            ("Sept 3, 2021", "2021-09-03"),
            ("25/12/2022", "2022-12-25"),
            ("12/25/2022", "2022-12-25"),
            ("2017年11月22日", "2017-11-22"),
            ("2022-11-19T10:00:00Z", "2022-11-19"),
            ("18. Oktober 2014", "2014-10-18"),
            ("19 de noviembre de 2022", "2022-11-19"),
            ("le 3 mars 2021", "2021-03-03"),
            ("3 октября 2020", "2020-10-03"),
            ("20230926", "2023-09-26"),
            ("11-April-2023", "2023-04-11"),
            ("11-Apr-2023", "2023-04-11"),
            ("Nov-19-2022", "2022-11-19"),
        ] {
            assert_eq!(iso(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn reads_a_date_with_a_note_after_it_as_written_and_one_in_brackets_as_reshaped() {
        for text in [
            "2024-05-22 (back dated)",
            "2024-10-31 :ghost:",
            "2026-06-18 (updated 2026-06-22)",
            "2019-05-13, updated 2023-02-05 (clarification)",
        ] {
            assert!(matches!(read(text), DateValue::Valid(_)), "{text}");
            assert_eq!(iso(text).as_deref(), Some(text.get(..10).unwrap()));
        }
        assert!(matches!(
            read("[2022-10-05]"),
            DateValue::Reshaped { exact: true, .. }
        ));
        assert_eq!(iso("[2022-10-05]").as_deref(), Some("2022-10-05"));
        assert!(matches!(
            read("2025-11- 05"),
            DateValue::Reshaped { exact: true, .. }
        ));
        assert_eq!(iso("2025-11- 05").as_deref(), Some("2025-11-05"));
        assert!(matches!(read("2024-02-30 (typo)"), DateValue::Invalid(_)));
        assert!(matches!(read("[TBD]"), DateValue::Unreadable(_)));
    }

    #[test]
    fn a_date_of_numbers_shows_which_comes_first_when_one_reading_is_a_date() {
        use super::{DayOrMonthFirst, day_or_month_first};
        assert_eq!(day_or_month_first("25-10-2023"), Some(DayOrMonthFirst::Day));
        assert_eq!(
            day_or_month_first("10/25/2023"),
            Some(DayOrMonthFirst::Month)
        );
        for either_or_neither in [
            "03-11-2023",
            "05/05/2023",
            "2023-10-25",
            "25.10.2023",
            "31-31-2023",
            "25 October 2023",
        ] {
            assert_eq!(
                day_or_month_first(either_or_neither),
                None,
                "{either_or_neither}"
            );
        }
    }

    #[test]
    fn a_date_with_a_note_after_it_is_the_date_alone() {
        for (text, date, written) in [
            (
                "2025.09.02 (PR [#46](https://x/46) 참고)",
                "2025-09-02",
                Some("2025.09.02"),
            ),
            (
                "19 November 2022 (approved)",
                "2022-11-19",
                Some("19 November 2022"),
            ),
            (
                "Nov 19, 2022, after review",
                "2022-11-19",
                Some("Nov 19, 2022"),
            ),
            ("2024-05-22(back dated)", "2024-05-22", None),
        ] {
            let found = read(text);
            assert_eq!(
                found.valid().map(|day| day.to_string()).as_deref(),
                Some(date),
                "{text}"
            );
            match (&found, written) {
                (
                    DateValue::Reshaped {
                        text, exact: true, ..
                    },
                    Some(written),
                ) => assert_eq!(text, written),
                (DateValue::Valid(_), None) => {}
                _ => panic!("{text}: {found:?}"),
            }
        }
        // A note is no date, nor is a time of day or a second date after the first.
        for text in ["TBD (after the review)", "Q3 2022 (planned)"] {
            assert!(matches!(read(text), DateValue::Unreadable(_)), "{text}");
        }
    }

    #[test]
    fn reads_a_two_digit_year_last() {
        assert_eq!(iso("25/02/26").as_deref(), Some("2026-02-25"));
        assert_eq!(iso("02/25/26").as_deref(), Some("2026-02-25"));
        assert_eq!(iso("18.10.14").as_deref(), Some("2014-10-18"));
        assert_eq!(iso("31/12/95").as_deref(), Some("1995-12-31"));
        assert!(matches!(
            read("10/04/18"),
            DateValue::Ambiguous { readings, .. } if readings[0].to_string() == "2018-04-10"
        ));
        assert_eq!(day_or_month_first("26/03/18"), Some(DayOrMonthFirst::Day));
    }

    #[test]
    fn tells_ambiguous_impossible_and_unreadable_apart() {
        assert!(matches!(read("10/11/2022"), DateValue::Ambiguous { .. }));
        assert!(matches!(read("2024-02-30"), DateValue::Invalid(_)));
        assert!(matches!(read("31.02.2020"), DateValue::Invalid(_)));
        assert!(matches!(read("Feb 30, 2020"), DateValue::Invalid(_)));
        for text in [
            "TBD",
            "March 2024",
            "{AAAA-MM-JJ}",
            "",
            "12/03/2",
            "2024/3",
            "Q3 2022",
        ] {
            assert!(matches!(read(text), DateValue::Unreadable(_)), "{text}");
        }
        assert!(matches!(
            read("2017/11/22"),
            DateValue::Reshaped { exact: true, .. }
        ));
        assert!(matches!(
            read("2022-11-19 10:00"),
            DateValue::Reshaped { exact: false, .. }
        ));
    }
}
