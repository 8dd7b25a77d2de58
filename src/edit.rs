//! Changes to existing records as byte-span replacements, never a YAML or Markdown
//! round-trip: key order, comments, quoting, CRLF and a BOM survive every edit.

use crate::error::{Error, Result};
use crate::model::{Record, StatusOrigin, Style};
use crate::source::Span;

/// Replace `span` with `replacement` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::empty(at),
            replacement: text.into(),
        }
    }
}

/// Applies non-overlapping edits. Overlapping ones after the first are skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut cursor = 0;
    for edit in sorted {
        if edit.span.start < cursor || edit.span.end > text.len() {
            continue;
        }
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// The edit that sets a record's status to `value` (`accepted`, or a full
/// `superseded by [ADR-0009](0009-x.md)`), written the way the record writes it.
pub fn status_edit(record: &Record, value: &str) -> Result<Edit> {
    let Some(status) = &record.status else {
        return match &record.front_matter {
            Some(front_matter) => {
                let newline = if record.source.text.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                Ok(Edit::insert(
                    front_matter.yaml_span.start,
                    format!("status: {}{newline}", yaml_scalar(value)),
                ))
            }
            None => Err(Error::record(
                record.path(),
                record.title.as_ref().map(|title| title.line),
                "the record states no status to change: add a `status:` front-matter key, a `* Status:` bullet or a `## Status` section first",
            )),
        };
    };
    let written = record.source.slice(status.span);
    let value = if written.starts_with(|c: char| c.is_uppercase())
        || record.style == Style::Nygard && status.origin == StatusOrigin::Section
    {
        capitalize(value)
    } else {
        value.to_string()
    };
    let replacement = match status.origin {
        StatusOrigin::FrontMatter => {
            if written.starts_with('"') {
                double_quoted(&value)
            } else if written.starts_with('\'') {
                format!("'{}'", value.replace('\'', "''"))
            } else {
                yaml_scalar(&value)
            }
        }
        StatusOrigin::Bullet | StatusOrigin::Section | StatusOrigin::Table => value,
    };
    Ok(Edit::replace(status.span, replacement))
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
        && value.parse::<f64>().is_err();
    if is_plain {
        value.to_string()
    } else {
        double_quoted(value)
    }
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

fn capitalize(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_quote_only_when_needed() {
        assert_eq!(yaml_scalar("accepted"), "accepted");
        assert_eq!(
            yaml_scalar("superseded by [ADR-0002](0002-x.md)"),
            "\"superseded by [ADR-0002](0002-x.md)\""
        );
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("2025-05-11"), "2025-05-11");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("O'Brien"), "\"O'Brien\"");
    }

    #[test]
    fn edits_apply_in_order() {
        let text = "abcdef";
        let edits = [
            Edit::replace(Span::new(4, 5), "E"),
            Edit::insert(0, ">"),
            Edit::replace(Span::new(1, 3), ""),
        ];
        assert_eq!(apply_edits(text, &edits), ">adEf");
    }
}
