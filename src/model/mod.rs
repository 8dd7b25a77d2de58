//! The decision log as data: one [`Record`] per file, and the [`Log`] of all records of one
//! directory. `parse` fills these and `load` gathers them from disk; lint, index, site, list
//! and graph only read them. The model itself imports neither the parser nor any consumer.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

mod date;
mod filter;
mod log;
pub(crate) mod log_template;
mod meta;
mod record;
mod status;
mod status_markup;
mod status_suggest;
mod summary;
pub(crate) mod title_number;

/// Defined with the heading vocabulary it matches against; the model matches with it too.
pub use crate::vocabulary::normalize_heading;
pub use date::DayOrMonthFirst;
pub(crate) use date::{agreed_order, ambiguous_dates_order, day_or_month_first};
pub use filter::RecordFilter;
pub use log::{
    FailureKind, ListedFile, LoadFailure, Log, LogEntry, RecordLookup, age_of, dates_are_newer,
    dominant_scheme, sort_key,
};
pub use log_template::{LogTemplate, is_mostly_placeholders, prompt_key};
pub use meta::{LogMeta, RecordMeta};
pub use record::{
    DECISION_SECTIONS, DateValue, FieldIssue, FrontMatter, FrontMatterEntry, FrontMatterSyntax,
    FrontMatterUnread, Link, LinkKind, Located, Record, Relation, RelationOrigin, SUCCESSOR_KEYS,
    Section, Style, is_folder_record_path, is_known_front_matter_key,
};
pub(crate) use status::first_markdown_link;
pub use status::{
    BUILTIN_STATUSES, RecordRef, Status, StatusKind, StatusOrigin, adr_id, is_badge,
    is_dated_entry, several_records, without_leading_date,
};
pub use status_markup::tag_attribute_range;
pub use status_suggest::closest_status;
pub use summary::RecordSummary;

/// The key an option name is matched by: case-insensitive, with trailing parentheticals,
/// `e.g.` clauses and Markdown links reduced away. `Flask + extensions (e.g., Flask-RESTful)`
/// and `Flask + Extensions` share the key `flask + extensions`.
pub fn option_key(name: &str) -> String {
    let mut text = strip_markdown_link(name.trim());
    // Trailing parentheticals, repeatedly: "X (a) (b)".
    loop {
        let trimmed = text.trim_end();
        if trimmed.ends_with(')')
            && let Some(open) = matching_open_paren(trimmed)
            && open > 0
            && let Some(head) = trimmed.get(..open)
        {
            text = head.to_string();
            continue;
        }
        break;
    }
    let lower = text.to_lowercase();
    let mut cut = lower.len();
    for marker in [", e.g.", " e.g.", ", eg ", ", i.e.", " i.e."] {
        if let Some(at) = lower.find(marker) {
            cut = cut.min(at);
        }
    }
    // `cut` was found in `lower` itself, never in `text`.
    normalize_heading(lower.get(..cut).unwrap_or(&lower))
}

/// True when two option names denote the same option. Besides equal keys, a name that
/// continues with a description (`FastAPI – async, typed`) matches its short form.
pub fn options_match(a: &str, b: &str) -> bool {
    let (key_a, key_b) = (option_key(a), option_key(b));
    if key_a.is_empty() || key_b.is_empty() {
        return false;
    }
    key_a == key_b || short_form(&key_a) == short_form(&key_b)
}

/// An option's key up to the first ` - `, ` – `, ` — ` or `: ` that sets off a description.
pub(crate) fn short_form(key: &str) -> &str {
    // One pass, not a search per separator: lint names every option and pros-and-cons
    // heading of every record, each several times.
    let end = key
        .char_indices()
        .find(|&(at, c)| {
            let rest = key.get(at..).unwrap_or_default();
            match c {
                ' ' => [" - ", " – ", " — "]
                    .iter()
                    .any(|separator| rest.starts_with(separator)),
                ':' => rest.starts_with(": "),
                _ => false,
            }
        })
        .map_or(key.len(), |(at, _)| at);
    key.get(..end).unwrap_or(key).trim()
}

fn matching_open_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// `[text](target) rest` → `text rest`.
fn strip_markdown_link(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, opened)) = rest.split_once('[') {
        let Some((link_text, target)) = opened.split_once("](") else {
            break;
        };
        let Some((_, after)) = target.split_once(')') else {
            break;
        };
        out.push_str(before);
        out.push_str(link_text);
        rest = after;
    }

    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_names_match_like_the_seed_record() {
        assert!(options_match(
            "Flask + extensions (e.g., Flask-RESTful)",
            "Flask + Extensions"
        ));
        assert!(options_match(
            "Starlette (lower-level framework)",
            "Starlette"
        ));
        assert!(options_match("FastAPI", "fastapi"));
        assert!(options_match(
            "[MADR](https://adr.github.io/madr/) 2.1.2",
            "MADR 2.1.2"
        ));
        assert!(options_match("Kafka – a log", "Kafka"));
        assert!(!options_match("FastAPI", "Flask"));
        assert!(!options_match("", ""));
    }

    #[test]
    fn headings_normalise() {
        assert_eq!(normalize_heading("Decision Outcome:"), "decision outcome");
        assert_eq!(
            normalize_heading("  Pros and Cons of the   Options "),
            "pros and cons of the options"
        );
        // Found by the property test of `Section::is_named` (CI of c5e5551): `&*` became
        // `&`, which a second pass read as `and`.
        assert_eq!(normalize_heading("&* 景"), "and 景");
        assert_eq!(normalize_heading(&normalize_heading("**&** x")), "and x");
    }
}
