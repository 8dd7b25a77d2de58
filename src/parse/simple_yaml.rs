//! The common shape of front matter read without the YAML parser: one `key: value` per
//! line, where a value is a word-like plain scalar, a quoted string without escapes, a date,
//! `true` or `false`, or a list of those (`[a, b]`, or `- a` lines under the key). Anything
//! else (numbers, nulls spelt out, comments, anchors, nesting, escapes, duplicate keys) gets
//! `None`, and the caller asks `yaml_serde`, whose answer this must equal: a proptest holds
//! the two side by side.
//!
//! Why: `yaml_serde` (a port of libyaml) spends about 80,000 instructions on the eight lines
//! of a typical record's front matter, setting up its reader, scanner and parser; over
//! 10,000 records that is more than a tenth of `adr lint`. This reader takes a few thousand.

use yaml_serde::{Mapping, Value};

/// The mapping `yaml` holds, when it is all in the shape this module reads.
pub(crate) fn parse(yaml: &str) -> Option<Mapping> {
    if yaml.contains([
        '\t', '\r', '#', '&', '*', '!', '\\', '%', '`', '|', '>', '{', '}', '?',
    ]) || yaml.chars().any(|c| {
        // Characters YAML does not allow, or reads as line breaks or a byte-order mark.
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    }) {
        return None;
    }
    let mut mapping = Mapping::new();
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_key(key) {
            return None;
        }
        let value = match rest.strip_prefix(' ') {
            Some(value) if !value.trim().is_empty() => {
                let value = value.trim_matches(' ');
                if value.starts_with('[') {
                    Value::Sequence(flow_list(value)?)
                } else {
                    block_scalar(value)?
                }
            }
            _ if rest.trim().is_empty() => {
                let mut items = Vec::new();
                let mut indent = None;
                while let Some((item_indent, item)) = lines.peek().and_then(|next| list_item(next))
                {
                    // A `- ` line indented differently continues the item before it.
                    if *indent.get_or_insert(item_indent) != item_indent {
                        return None;
                    }
                    items.push(scalar(item?, false)?);
                    lines.next();
                }
                if items.is_empty() {
                    // A key without a value, or with something this reader leaves alone.
                    return None;
                }
                Value::Sequence(items)
            }
            _ => return None,
        };
        let key = Value::String(key.to_string());
        if mapping.contains_key(&key) {
            return None;
        }
        mapping.insert(key, value);
    }
    // Blank front matter is not a mapping to YAML, and the caller has its own message.
    (!mapping.is_empty()).then_some(mapping)
}

/// A key the YAML parser reads as this same string: a word starting with a letter.
fn is_key(key: &str) -> bool {
    key.bytes()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
        && !is_special_word(key)
}

/// Words YAML reads as something other than a string.
fn is_special_word(word: &str) -> bool {
    matches!(
        word,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// For a `- item` line of a block list, its indentation and `Some(item)`, or `None` for an
/// item this reader cannot take; `None` for any other line.
fn list_item(line: &str) -> Option<(usize, Option<&str>)> {
    let content = line.trim_start_matches(' ');
    let item = content.strip_prefix("- ")?;
    let item = item.trim_matches(' ');
    let readable = !item.is_empty() && !item.starts_with(['-', '[']);
    Some((line.len() - content.len(), readable.then_some(item)))
}

/// The value of a `key: value` line.
fn block_scalar(value: &str) -> Option<Value> {
    match value {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ => scalar(value, false),
    }
}

/// `[a, b]` on one line.
fn flow_list(value: &str) -> Option<Vec<Value>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    if inner.contains(['[', ']']) {
        return None;
    }
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            if item.is_empty() {
                None
            } else {
                scalar(item, true)
            }
        })
        .collect()
}

/// A string scalar: quoted without escapes, a `YYYY-MM-DD` date, or a plain scalar that
/// starts with a letter (or digits and a space) and holds only characters that mean
/// nothing to YAML there.
fn scalar(text: &str, in_flow: bool) -> Option<Value> {
    if let Some(quoted) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        return (!quoted.contains('"')).then(|| Value::String(quoted.to_string()));
    }
    if let Some(quoted) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return (!quoted.contains('\'')).then(|| Value::String(quoted.to_string()));
    }
    if is_date(text) {
        return Some(Value::String(text.to_string()));
    }
    let bytes = text.as_bytes();
    // A number never holds a space, so words after digits (`0001 Use FastAPI`) are text.
    let starts_well = bytes.first().is_some_and(|first| {
        first.is_ascii_alphabetic() || (first.is_ascii_digit() && text.contains(' '))
    });
    let plain = starts_well
        && !text.contains("  ")
        && !text.ends_with(' ')
        && bytes.iter().all(|&byte| {
            byte.is_ascii_alphanumeric()
                || matches!(
                    byte,
                    b' ' | b'-' | b'_' | b'.' | b'/' | b'(' | b')' | b'+' | b'@'
                )
                || (byte == b'\'' && !in_flow)
                || byte >= 0x80
        })
        && !is_special_word(text)
        && !text.contains(':');
    plain.then(|| Value::String(text.to_string()))
}

/// `YYYY-MM-DD`, which YAML's core schema (and `yaml_serde`) reads as a string.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, byte)| match at {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice spans the code under test returned for this same text
mod tests {
    use super::*;

    fn by_yaml_serde(yaml: &str) -> Option<Mapping> {
        match yaml_serde::from_str::<Value>(yaml).ok()? {
            Value::Mapping(mapping) => Some(mapping),
            _ => None,
        }
    }

    #[test]
    fn typical_front_matter_is_read_here_as_yaml_serde_reads_it() {
        for yaml in [
            "status: accepted\ndate: 2016-01-04\ntags: [security]\ndecision-makers: [Elena Rossi]\nconsulted: [Ines Moreau, Architecture board]\ninformed: []\n",
            "title: 0001 Use FastAPI Web Framework\nadr: true\nstatus: accepted\ndate: \"2025-05-11\"\ndecision-makers: []\nconsulted: []\ninformed: []\n\ntags:\n - backend\n - api\n",
            "status: proposed\n\ndate: 2022-05-27\n",
            "status: 'superseded by ADR-0005'\ntags:\n- a b\n- c\n",
        ] {
            let fast = parse(yaml);
            assert!(fast.is_some(), "{yaml}");
            assert_eq!(fast, by_yaml_serde(yaml), "{yaml}");
        }
    }

    /// Every front matter of the corpus, the fixtures and this repository's log.
    #[test]
    fn real_front_matter_is_read_here_as_yaml_serde_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut answered = 0;
        for dir in [
            root.join("tests/corpus"),
            root.join("tests/fixtures"),
            root.join("docs/adr"),
        ] {
            for entry in walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
            {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let Some(rest) = text.strip_prefix("---\n") else {
                    continue;
                };
                let Some(end) = rest.find("\n---") else {
                    continue;
                };
                let yaml = &rest[..=end];
                if let Some(fast) = parse(yaml) {
                    answered += 1;
                    assert_eq!(
                        Some(fast),
                        by_yaml_serde(yaml),
                        "{}",
                        entry.path().display()
                    );
                }
            }
        }
        assert!(answered > 50, "{answered}");
    }

    #[test]
    fn other_yaml_is_left_to_yaml_serde() {
        for yaml in [
            "nav_order: 1\n",
            "status: null\n",
            "status:\n",
            "status: accepted # comment\n",
            "a: x\na: y\n",
            "tags:\n  - [a]\n",
            "date: \"a\\tb\"\n",
            "parent: Decisions: more\n",
            "status: yes\nstatus: no\n",
            "meta:\n  key: value\n",
            "when: 2020-1-4\n",
            "list: [a, b,]\n",
            "tags:\n - a\n   - b\n",
            "status: a\u{85}b\n",
        ] {
            assert_eq!(parse(yaml), None, "{yaml}");
        }
    }

    /// Entries in the shapes this reader takes, with edges where YAML reads otherwise:
    /// trailing and double spaces, quotes, numbers, booleans, dates, repeated keys.
    pub(super) fn readable_entry() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let value = proptest::prop_oneof![
            "[A-Za-z][A-Za-z0-9 ._/()+@'-]{0,10}",
            "[0-9]{1,4} [A-Za-z]{1,5}",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "\"[a-zA-Z0-9 :,.'-]{0,8}\"",
            "'[a-zA-Z0-9 :,.\"-]{0,8}'",
            "\\[([A-Za-z][A-Za-z0-9 ._'-]{0,6}(, ?)?){0,3}\\]",
            "(true|false|True|yes|null|~|[0-9]{1,3}|1e3|0o7)",
        ];
        let item = "[ ]{0,2}- ([A-Za-z][A-Za-z0-9 ._-]{0,6}|[0-9]{4}-[0-9]{2}-[0-9]{2}|\"[a-z ,:]{0,5}\"|true|[0-9]{1,2})";
        proptest::prop_oneof![
            ("[a-z][a-z0-9-]{0,4}", value).prop_map(|(key, value)| format!("{key}: {value}")),
            ("[a-z][a-z0-9-]{0,4}", proptest::collection::vec(item, 0..4))
                .prop_map(|(key, items)| format!("{key}:\n{}", items.join("\n"))),
            "[ ]{0,2}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Where this reader answers, the answer is `yaml_serde`'s.
        #[test]
        fn where_this_reader_answers_it_agrees_with_yaml_serde(
            entries in proptest::collection::vec(readable_entry(), 1..8)
        ) {
            let yaml = entries.join("\n");
            if let Some(fast) = parse(&yaml) {
                proptest::prop_assert_eq!(Some(fast), by_yaml_serde(&yaml), "{}", yaml);
            }
        }

        /// Lines near the shapes this reader takes, for what it must leave alone.
        #[test]
        fn near_misses_are_left_to_yaml_serde_or_agree(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-zA-Z][a-zA-Z0-9_-]{0,8}: [a-zA-Z0-9 ._/()+@'\"-]{0,12}",
                    "[a-zA-Z][a-zA-Z0-9_-]{0,8}: \\[[a-zA-Z0-9 ,._'\"-]{0,16}\\]",
                    "[a-zA-Z][a-zA-Z0-9_-]{0,8}:",
                    "[ ]{0,3}- [a-zA-Z0-9 ._'\"-]{0,10}",
                    "[a-z]{1,4}: [a-z]{1,4}[:#] [a-z]{0,3}",
                    "[ ]{0,2}[a-z]{1,4}[ ]?:[ ]{0,2}[a-z]{0,4}[ ]{0,2}",
                ],
                1..8,
            )
        ) {
            let yaml = lines.join("\n");
            if let Some(fast) = parse(&yaml) {
                proptest::prop_assert_eq!(Some(fast), by_yaml_serde(&yaml), "{}", yaml);
            }
        }
    }
}
