//! A log that names a superseded record's successor in a front-matter key beside a bare
//! status (`status: deprecated` / `supersededBy: 'docs/architecture/adrs/0004-x.md'`,
//! EvolutionHub): superseding a record that has the key fills it, naming the successor as
//! the log's other records do, and writes the status word they carry. Left empty, the key
//! said the record had no successor while its status said it had one.

use super::Successor;
use crate::edit::{self, Edit};
use crate::error::{Error, Result};
use crate::model::StatusOrigin;
use crate::model::{FrontMatterEntry, Log, Record, RecordRef, SUCCESSOR_KEYS, StatusKind};

/// How the log's records name their successor in the key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Form {
    /// `7`, `0007`
    Number(usize),
    /// `0007-hosts-mcp`
    Stem,
    /// A link from the record (`0007-hosts-mcp.md`, `../0007-hosts-mcp.md`).
    Relative,
    /// The successor's path in the log after a fixed prefix, its path from the
    /// repository's root (`docs/architecture/adrs/0007-hosts-mcp.md`).
    Prefixed(String),
}

/// The text of `old` superseded by `successor` when `old` keeps its status in front matter
/// beside a successor key; `value` is the status naming the successor, which its restated
/// status (a `## Status` section under the front matter) takes. `None` when the record has
/// no such key.
pub fn superseded_text(
    log: &Log,
    old: &Record,
    successor: &Successor<'_>,
    value: &str,
) -> Option<Result<String>> {
    let status = old
        .status
        .as_ref()
        .filter(|status| status.origin == StatusOrigin::FrontMatter)?;
    let front_matter = old.front_matter.as_ref()?;
    let key = successor_entry(old)?;
    let status_entry = front_matter
        .entries
        .iter()
        .find(|entry| entry.value_span == status.span)?;
    let (word, form) = example(log).unwrap_or(("superseded", Form::Relative));
    let word = match status.raw.starts_with(char::is_uppercase) {
        true => crate::casefold::capitalised(word),
        false => word.to_string(),
    };
    Some(write(old, (status_entry, &word), (key, &form.name(old, successor)), value).and_then(
        |text| {
            let reread = edit::reparse(old, &text)?;
            match reread.status.as_ref().and_then(|status| status.superseded_by.as_deref()) {
                Some(named) if names(named, successor) => Ok(text),
                _ => Err(Error::record(
                    old.path(),
                    Some(key.line),
                    format!(
                        "the successor written in `{}` does not read back: the record was left as it is; please report this",
                        key.key
                    ),
                )),
            }
        },
    ))
}

/// `old` with its status set to `word` and its successor `key` to `named`, its restated
/// status to `value`.
fn write(
    old: &Record,
    (status_entry, word): (&FrontMatterEntry, &str),
    (key, named): (&FrontMatterEntry, &str),
    value: &str,
) -> Result<String> {
    let edits: Vec<Edit> = vec![
        edit::front_matter_value_edit(old, status_entry, word)?,
        edit::front_matter_value_edit(old, key, named)?,
    ];
    edit::apply_status_edits(old, edits, word, value)
}

/// The record's successor key, whatever it holds.
fn successor_entry(record: &Record) -> Option<&FrontMatterEntry> {
    let front_matter = record.front_matter.as_ref()?;
    SUCCESSOR_KEYS.iter().find_map(|key| front_matter.get(key))
}

/// The status word and the naming of the first record whose successor key names a record
/// of the log, beside a status of one word.
fn example(log: &Log) -> Option<(&str, Form)> {
    log.records.iter().find_map(|record| {
        let status = record.status.as_ref()?;
        let word = status.raw.trim();
        let superseded = matches!(status.kind, StatusKind::Superseded | StatusKind::Deprecated);
        if status.origin != StatusOrigin::FrontMatter
            || !superseded
            || word.contains(char::is_whitespace)
        {
            return None;
        }
        let value = successor_entry(record)?.value.as_str()?.trim();
        let named = log.resolve(&RecordRef::parse(value)?)?;
        Some((word, Form::of(value, record, named)?))
    })
}

impl Form {
    /// How `value`, in `record`'s key, names `named`.
    fn of(value: &str, record: &Record, named: &Record) -> Option<Form> {
        let file_name = crate::log_path::file_name(&named.rel_path);
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            Some(Form::Number(value.len()))
        } else if Some(value) == file_name.strip_suffix(".md") {
            Some(Form::Stem)
        } else if value == crate::log_path::markdown_link(&record.rel_path, &named.rel_path) {
            Some(Form::Relative)
        } else {
            value
                .strip_suffix(named.rel_path.as_str())
                .filter(|prefix| prefix.is_empty() || prefix.ends_with('/'))
                .map(|prefix| Form::Prefixed(prefix.to_string()))
        }
    }

    /// `successor` named in this form in `old`'s key.
    fn name(&self, old: &Record, successor: &Successor<'_>) -> String {
        let file_name = successor.file_name();
        match self {
            Form::Number(width) => match successor.number {
                Some(number) => format!("{number:0width$}"),
                None => file_name.to_string(),
            },
            Form::Stem => file_name
                .strip_suffix(".md")
                .unwrap_or(file_name)
                .to_string(),
            Form::Relative => crate::log_path::markdown_link(&old.rel_path, successor.rel_path),
            Form::Prefixed(prefix) => format!("{prefix}{}", successor.rel_path),
        }
    }
}

/// Whether `named` (as read back) names `successor`.
fn names(named: &RecordRef, successor: &Successor<'_>) -> bool {
    let file_name = successor.file_name();
    let target_file = named
        .target
        .as_deref()
        .map(|target| crate::log_path::percent_decode(crate::log_path::file_name(target)));
    let text_file = crate::log_path::file_name(named.text.trim());
    target_file.as_deref() == Some(file_name)
        || text_file == file_name
        || text_file == file_name.strip_suffix(".md").unwrap_or(file_name)
        || named.number.is_some() && named.number == successor.number
}
