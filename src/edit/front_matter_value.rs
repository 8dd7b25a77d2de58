//! A front-matter value rewritten in place: quoted as it was, YAML's plain scalars only
//! where they read back as the same string, and a refusal naming the key for every shape
//! one span replacement cannot change safely (block scalars, anchors, aliases, tags,
//! complex keys, lists, maps, values continued on the next line).

use super::Edit;
use crate::error::{Error, Result};
use crate::model::{FrontMatterEntry, FrontMatterSyntax, Record};

/// `value` as a front-matter scalar quoted as the value it replaces was `written`: a TOML
/// string double-quoted, a YAML one as it was (plain when it can be).
pub(super) fn front_matter_scalar(record: &Record, written: &str, value: &str) -> String {
    let toml = record
        .front_matter
        .as_ref()
        .is_some_and(|front_matter| front_matter.syntax == FrontMatterSyntax::Toml);
    if written.starts_with('"') || toml {
        double_quoted(value)
    } else if written.starts_with('\'') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        yaml_scalar(value)
    }
}

/// The edit setting front-matter `entry`, one value on its key's line or null, to `value`,
/// quoted as its value was; a refusal naming the key for any other shape.
pub fn front_matter_value_edit(
    record: &Record,
    entry: &FrontMatterEntry,
    value: &str,
) -> Result<Edit> {
    if entry.value.is_null() {
        return null_value_edit(record, entry, value);
    }
    check_one_line(record, entry)?;
    if entry.value.is_sequence() || entry.value.is_mapping() {
        return Err(unrewritable_value(
            record,
            entry,
            "not a single value (a list or a map)",
        ));
    }
    let written = record.source.slice(entry.value_span);
    Ok(Edit::replace(
        entry.value_span,
        front_matter_scalar(record, written, value),
    ))
}

/// The refusal of front-matter `entry` written in `shape`, at its line.
fn unrewritable_value(record: &Record, entry: &FrontMatterEntry, shape: &str) -> Error {
    let key = &entry.key;
    Error::record(
        record.path(),
        Some(entry.line),
        format!(
            "the front-matter `{key}` is {shape}, which `adr` does not rewrite: write it as one line, `{key}: <value>`, and run the command again"
        ),
    )
}

/// Refuses a front-matter `status` that is not a one-line scalar on the key's own line.
pub(super) fn check_one_line_status(record: &Record) -> Result<()> {
    match record
        .front_matter
        .as_ref()
        .and_then(|front_matter| front_matter.get("status"))
    {
        Some(entry) => check_one_line(record, entry),
        None => Ok(()),
    }
}

/// Refuses front-matter `entry` when it is not a one-line scalar on the key's own line.
fn check_one_line(record: &Record, entry: &FrontMatterEntry) -> Result<()> {
    let refuse = |shape: &str| Err(unrewritable_value(record, entry, shape));
    if entry.key_span.is_empty() {
        return refuse(&format!("written as a complex key (`? {}`)", entry.key));
    }
    let written = record.source.slice(entry.value_span);
    let line_rest = record
        .source
        .text
        .get(entry.value_span.start..)
        .unwrap_or_default();
    match written.chars().next() {
        None if line_rest.starts_with(['|', '>']) => {
            return refuse("a YAML block scalar (`|` or `>`)");
        }
        None => return refuse("written on the lines below its key"),
        Some('&') => {
            return refuse("a YAML anchor (`&name`) that other keys may use");
        }
        Some('*') => {
            return refuse("a YAML alias (`*name`) of a value set elsewhere");
        }
        Some('!') => return refuse("a tagged YAML value (`!tag`)"),
        Some('[' | '{') => return refuse("a YAML list or map"),
        Some(_) => {}
    }
    if continues_on_next_line(record, entry) {
        return refuse("a value continued on the next line");
    }
    Ok(())
}

/// Whether the line after a top-level key is indented YAML: the key's value goes on.
fn continues_on_next_line(record: &Record, entry: &FrontMatterEntry) -> bool {
    let Some(front_matter) = &record.front_matter else {
        return false;
    };
    let text = &record.source.text;
    let Some(after_key) = text.get(entry.key_span.end..front_matter.yaml_span.end) else {
        return false;
    };
    let mut lines = after_key.split_inclusive('\n');
    lines.next(); // the key's own line
    lines
        .map(|line| line.trim_end_matches(['\n', '\r']))
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| {
            line.starts_with([' ', '\t']) && !line.trim_start().starts_with('#')
                || line.starts_with("- ")
                || line == "-"
        })
}

/// The edit for a key (`status`) whose value is null (`status:`, `~`, `null`), or a refusal
/// when it holds something else that is not one value (a list, a map).
pub(super) fn null_value_edit(
    record: &Record,
    entry: &FrontMatterEntry,
    value: &str,
) -> Result<Edit> {
    let refuse = |shape: &str| Err(unrewritable_value(record, entry, shape));
    if !entry.value.is_null() {
        return refuse("not a single value (a list or a map)");
    }
    if entry.key_span.is_empty() {
        return refuse(&format!("written as a complex key (`? {}`)", entry.key));
    }
    if continues_on_next_line(record, entry) {
        return refuse("written on the lines below its key");
    }
    let written = record.source.slice(entry.value_span);
    match written {
        "~" | "null" | "Null" | "NULL" => Ok(Edit::replace(entry.value_span, yaml_scalar(value))),
        "" => {
            // `status:` at the end of its line: a space keeps it a key and its value.
            let after_colon = record
                .source
                .text
                .get(..entry.value_span.start)
                .is_some_and(|before| before.ends_with(':'));
            let lead = if after_colon { " " } else { "" };
            // `status: # later`: the value goes before the comment, a space between.
            let before_comment = record
                .source
                .text
                .get(entry.value_span.start..)
                .is_some_and(|rest| rest.starts_with('#'));
            let trail = if before_comment { " " } else { "" };
            Ok(Edit::insert(
                entry.value_span.start,
                format!("{lead}{}{trail}", yaml_scalar(value)),
            ))
        }
        _ => refuse("in a shape `adr` cannot read"),
    }
}

/// A TOML basic string (YAML's double-quoted escapes are TOML's).
pub fn toml_string(value: &str) -> String {
    double_quoted(value)
}

/// A YAML scalar: plain when that reads back as the same string, double-quoted otherwise.
pub fn yaml_scalar(value: &str) -> String {
    let is_plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/'))
        && !value.starts_with([' ', '-', '.'])
        && !value.ends_with(' ')
        && !matches!(
            value.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
        )
        && value.parse::<f64>().is_err()
        && reads_back_plain(value);
    if is_plain {
        value.to_string()
    } else {
        double_quoted(value)
    }
}

/// Whether `value`, written plain, reads back as that string: asked of the YAML parser front
/// matter is read with, so that none of YAML's other plain scalars (octal `0o17`, hex `0x1F`,
/// `.inf`, spellings of true and null) is written unquoted and read back as something else.
fn reads_back_plain(value: &str) -> bool {
    let read = yaml_serde::from_str::<yaml_serde::Mapping>(&format!("value: {value}\n"));
    matches!(read, Ok(mapping) if mapping.get("value").and_then(yaml_serde::Value::as_str) == Some(value))
}

fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
