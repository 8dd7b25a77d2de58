//! YAML front matter (TOML between `+++` fences in [`super::toml_front_matter`]): finding the `---` fences ourselves, parsing the YAML with
//! `yaml_serde` into an ordered mapping, and locating each top-level key by a line scan
//! (the YAML crate gives no spans) so every value can be pointed at and edited in place.

use crate::model::{FailureKind, FrontMatter, FrontMatterEntry, FrontMatterSyntax};
use crate::source::{SourceFile, Span};

/// Front matter larger than this is refused before YAML sees it: no real record comes near,
/// and it bounds the parser's work on hostile input.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Where the front matter is, before its YAML is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fences {
    pub span: Span,
    pub yaml_span: Span,
    pub syntax: FrontMatterSyntax,
}

/// A problem that makes the front matter unreadable, with its 1-based line and column.
#[derive(Debug)]
pub(crate) struct FrontMatterError {
    pub kind: FailureKind,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end_matches(['\r', '\n'])
        .trim_end_matches([' ', '\t'])
        == fence
}

/// Finds `---` on the first line (after a BOM, and after any HTML comments that open the
/// file) and the closing `---` (or YAML's `...`).
pub(crate) fn find_fences(source: &SourceFile) -> Result<Option<Fences>, FrontMatterError> {
    let start = source.bom_len() + leading_comments_len(source.text.get(source.bom_len()..));
    let text = source.text.get(start..).unwrap_or_default();
    let first_line = text.split_inclusive('\n').next().unwrap_or_default();
    // Hugo and Zola write TOML between `+++` fences (vmware-tanzu/secrets-manager).
    let (syntax, closing) = if is_fence(first_line, "---") {
        (FrontMatterSyntax::Yaml, ["---", "..."])
    } else if is_fence(first_line, "+++") {
        (FrontMatterSyntax::Toml, ["+++", "+++"])
    } else {
        return Ok(None);
    };
    let yaml_start = start + first_line.len();
    let mut offset = yaml_start;
    let after_fence = source.text.get(yaml_start..).unwrap_or_default();
    for line in after_fence.split_inclusive('\n') {
        if closing.iter().any(|fence| is_fence(line, fence)) {
            let end = offset + line.len();
            let yaml_span = Span::new(yaml_start, offset);
            if yaml_span.end - yaml_span.start > MAX_FRONT_MATTER_BYTES {
                return Err(FrontMatterError {
                    kind: FailureKind::FrontMatterSyntax,
                    line: 1,
                    column: 1,
                    message: format!(
                        "front matter is larger than {} KiB: keep metadata short and move prose into the body",
                        MAX_FRONT_MATTER_BYTES / 1024
                    ),
                });
            }
            return Ok(Some(Fences {
                span: Span::new(start, end),
                yaml_span,
                syntax,
            }));
        }
        offset += line.len();
    }
    // Never closed, and what follows is no `key:` line: the `---` is a thematic break, as
    // GitHub shows it (`---` above `# Architecture Decision Record 1: …`), not front matter.
    let first_text = after_fence.lines().find(|line| !line.trim().is_empty());
    let fence = closing[0];
    if syntax == FrontMatterSyntax::Toml || first_text.is_none_or(|line| !looks_like_yaml_key(line))
    {
        return Ok(None);
    }
    Err(FrontMatterError {
        kind: FailureKind::FrontMatterSyntax,
        line: 1,
        column: 1,
        message: format!(
            "front matter opened with `{fence}` is never closed: add a `{fence}` line after the last key"
        ),
    })
}

/// The length of the HTML comments (and blank lines between and after them) a file opens
/// with: REUSE puts its `<!-- SPDX-License-Identifier: … -->` header above the front matter.
fn leading_comments_len(text: Option<&str>) -> usize {
    let Some(text) = text else { return 0 };
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        let Some(comment) = trimmed.strip_prefix("<!--") else {
            break;
        };
        let Some((_, after)) = comment.split_once("-->") else {
            break;
        };
        // Only a comment that ends its line: text after it is the body's.
        let (tail, next) = after.split_once('\n').unwrap_or((after, ""));
        if !tail.trim().is_empty() {
            break;
        }
        rest = next;
    }
    if rest.len() == text.len() {
        return 0;
    }
    // Blank lines after the comments belong to them; the front matter starts at a line.
    let lines_blank = rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let skipped = text.len() - rest.len() + lines_blank;
    // Back to the start of the line holding the first non-blank character.
    let before = text.get(..skipped).unwrap_or_default();
    before.rfind('\n').map_or(0, |newline| newline + 1)
}

/// Whether `line` starts a YAML mapping entry (`status: accepted`, `"title": x`, `- a`) or
/// is a YAML comment (`#draft`); a Markdown heading (`# T`, `## Context`) is neither.
fn looks_like_yaml_key(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with('#') {
        return !is_atx_heading(line);
    }
    if line.starts_with("- ") {
        return true;
    }
    let key = line
        .trim_start_matches(['"', '\''])
        .split(':')
        .next()
        .unwrap_or_default();
    line.contains(':')
        && !key.is_empty()
        && !line.starts_with(['#', '>', '*', '[', '<', '|', '!'])
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.' | '"' | '\''))
}

/// Whether `line` opens a Markdown ATX heading: one to six `#` followed by a space, a tab or
/// the line's end (CommonMark), which `#comment` is not.
fn is_atx_heading(line: &str) -> bool {
    let rest = line.trim_start_matches('#');
    (1..=6).contains(&(line.len() - rest.len()))
        && rest
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\r'))
}

/// Parses the YAML between the fences into entries, each with its key's place in the file.
pub(crate) fn parse_entries(
    source: &SourceFile,
    fences: Fences,
) -> Result<FrontMatter, FrontMatterError> {
    if fences.syntax == FrontMatterSyntax::Toml {
        return super::toml_front_matter::parse_entries(source, fences);
    }
    let yaml = source.slice(fences.yaml_span);
    let fence_line = source.line_of(fences.span.start);
    let value: yaml_serde::Value = if yaml.trim().is_empty() {
        yaml_serde::Value::Null
    } else if let Some(mapping) = super::simple_yaml::parse(yaml) {
        yaml_serde::Value::Mapping(mapping)
    } else {
        yaml_serde::from_str(yaml).map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((0, 1), |location| (location.line(), location.column()));
            // libyaml reports an unclosed quote where the stream ends; point at the quote.
            if let Some((open_line, open_column, quote)) = unclosed_quote(yaml) {
                return FrontMatterError {
                    kind: FailureKind::FrontMatterSyntax,
                    line: fence_line + open_line,
                    column: open_column,
                    message: format!(
                        "front matter is not valid YAML: this quoted value is never closed: add the closing {quote}"
                    ),
                };
            }
            if let Some((index, fixed)) = glued_key_line(yaml) {
                return FrontMatterError {
                    kind: FailureKind::FrontMatterSyntax,
                    line: fence_line + 1 + index,
                    column: 1,
                    message: format!(
                        "front matter is not valid YAML: a key needs a space after its colon: write `{fixed}`"
                    ),
                };
            }
            if let Some(duplicate) = duplicate_key_line(yaml, &yaml_error_text(&error)) {
                return FrontMatterError {
                    kind: FailureKind::FrontMatterSyntax,
                    line: fence_line + duplicate.0,
                    column: 1,
                    message: format!(
                        "front matter has the key `{}` twice (first on line {}): keep one",
                        duplicate.1,
                        fence_line + duplicate.2
                    ),
                };
            }
            FrontMatterError {
                kind: FailureKind::FrontMatterSyntax,
                line: fence_line + line.max(1),
                column,
                message: format!(
                    "front matter is not valid YAML: {}",
                    yaml_error_text(&error)
                ),
            }
        })?
    };
    let mapping = match value {
        yaml_serde::Value::Null => yaml_serde::Mapping::new(),
        yaml_serde::Value::Mapping(mapping) => mapping,
        _ => {
            let (line, message) = match glued_key_line(yaml) {
                Some((index, fixed)) => (
                    fence_line + 1 + index,
                    format!(
                        "front matter is not a mapping of keys to values: a key needs a space after its colon: write `{fixed}`"
                    ),
                ),
                None => (
                    fence_line + 1,
                    "front matter is not a mapping of keys to values: write `key: value` lines"
                        .to_string(),
                ),
            };
            return Err(FrontMatterError {
                kind: FailureKind::FrontMatterSyntax,
                line,
                column: 1,
                message,
            });
        }
    };
    let located = locate_keys(source, fences.yaml_span);
    let entries = mapping
        .into_iter()
        .map(|(key, value)| {
            let key = scalar_text(&key).unwrap_or_else(|| format!("{key:?}"));
            located_entry(source, fences, &located, (key, value))
        })
        .collect();
    Ok(FrontMatter {
        span: fences.span,
        yaml_span: fences.yaml_span,
        syntax: fences.syntax,
        entries,
    })
}

/// The entry of `key` with its place in the file as `located` found it; a key the line
/// scan did not find (a complex key) is placed at the start of the front matter.
pub(super) fn located_entry(
    source: &SourceFile,
    fences: Fences,
    located: &[LocatedKey],
    (key, value): (String, yaml_serde::Value),
) -> FrontMatterEntry {
    match located.iter().find(|found| found.key == key) {
        Some(found) => FrontMatterEntry {
            key,
            value,
            key_span: found.key_span,
            value_span: found.value_span,
            line: source.line_of(found.key_span.start),
        },
        None => FrontMatterEntry {
            key,
            value,
            key_span: Span::empty(fences.yaml_span.start),
            value_span: Span::empty(fences.yaml_span.start),
            line: source.line_of(fences.span.start) + 1,
        },
    }
}

/// The first line (0-based) whose key is glued to its value (`tag:General`: to YAML one
/// word, not a key), with the line as it should be.
fn glued_key_line(yaml: &str) -> Option<(usize, String)> {
    yaml.lines().enumerate().find_map(|(index, line)| {
        let (key, value) = line.trim_end().split_once(':')?;
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
        // `//` is a URL's (`https://…` as a key is no key).
        let glued = is_key && !value.is_empty() && !value.starts_with([' ', '\t', '/']);
        glued.then(|| (index, format!("{key}: {value}")))
    })
}

/// The first `key: "value` line whose quote does not close on that line, when the value
/// is not continued on the next lines (YAML allows multi-line quoted scalars).
fn unclosed_quote(yaml: &str) -> Option<(usize, usize, char)> {
    let lines: Vec<&str> = yaml.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let content = line.trim_end();
        let Some(colon) = key_colon(content) else {
            continue;
        };
        let span = value_span_on_line(content, colon + 1);
        let Some(value) = content.get(span.range()) else {
            continue;
        };
        let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        if closing_quote(value, quote as u8).is_some() {
            continue;
        }
        // A quoted scalar may go on over indented lines; only a key on the next line ends it.
        let continues = lines
            .get(index + 1)
            .is_some_and(|next| next.starts_with([' ', '\t']));
        if !continues {
            let column = content
                .get(..span.start)
                .map_or(0, |head| head.chars().count())
                + 1;
            return Some((index + 1, column, quote));
        }
    }
    None
}

/// For libyaml's "duplicate entry with key \"K\"": the line of the second `K:` (the one
/// to remove), the key, and the first one's line. libyaml reports the mapping's start.
fn duplicate_key_line(yaml: &str, message: &str) -> Option<(usize, String, usize)> {
    let key = message
        .strip_prefix("duplicate entry with key \"")?
        .strip_suffix('"')?;
    let mut lines = yaml.lines().enumerate().filter(|(_, line)| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
            || line
                .strip_prefix(&format!("\"{key}\""))
                .is_some_and(|rest| rest.starts_with(':'))
    });
    let first = lines.next()?.0 + 1;
    let second = lines.next()?.0 + 1;
    Some((second, key.to_string(), first))
}

fn yaml_error_text(error: &yaml_serde::Error) -> String {
    // The crate appends " at line L column C"; we report the position ourselves.
    let text = error.to_string();
    match text.find(" at line ") {
        Some(at) => text.get(..at).unwrap_or_default().to_string(),
        None => text,
    }
}

/// The text of a scalar YAML value (strings, numbers, booleans); `None` for the rest.
pub(crate) fn scalar_text(value: &yaml_serde::Value) -> Option<String> {
    match value {
        yaml_serde::Value::String(text) => Some(text.clone()),
        yaml_serde::Value::Number(number) => Some(number.to_string()),
        yaml_serde::Value::Bool(flag) => Some(flag.to_string()),
        yaml_serde::Value::Tagged(tagged) => scalar_text(&tagged.value),
        _ => None,
    }
}

pub(super) struct LocatedKey {
    pub(super) key: String,
    pub(super) key_span: Span,
    pub(super) value_span: Span,
}

/// Top-level `key: value` lines of the YAML, found by a line scan.
fn locate_keys(source: &SourceFile, yaml_span: Span) -> Vec<LocatedKey> {
    let mut keys = Vec::new();
    let mut offset = yaml_span.start;
    for line in source.slice(yaml_span).split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.is_empty() || content.starts_with([' ', '\t', '#', '-', '[', '{']) {
            continue;
        }
        let Some(colon) = key_colon(content) else {
            continue;
        };
        let Some(raw_key) = content.get(..colon).map(str::trim_end) else {
            continue;
        };
        let key = raw_key.trim_matches(['"', '\'']).to_string();
        let key_start =
            line_start + (raw_key.len() - raw_key.trim_start_matches(['"', '\'']).len());
        let key_span = Span::new(key_start, key_start + key.len());
        let value_span = value_span_on_line(content, colon + 1).shifted(line_start);
        keys.push(LocatedKey {
            key,
            key_span,
            value_span,
        });
    }
    keys
}

/// The colon that ends a key: followed by a space, a tab or the end of the line.
fn key_colon(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    let mut quote = None;
    for (at, &byte) in bytes.iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') if at == 0 => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b':') if matches!(bytes.get(at + 1), None | Some(b' ' | b'\t')) => {
                return Some(at);
            }
            _ => {}
        }
    }
    None
}

/// The value after `key:` on the same line: quotes included, a trailing comment excluded.
/// Empty (an insertion point after `key: `) when the value is a block on later lines.
pub(crate) fn value_span_on_line(content: &str, after_colon: usize) -> Span {
    let rest = content.get(after_colon..).unwrap_or_default();
    let leading = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = after_colon + leading;
    let value = content.get(start..).unwrap_or_default();
    let length = match value.as_bytes().first() {
        None | Some(b'#') | Some(b'|') | Some(b'>') => 0,
        Some(b'"') => closing_quote(value, b'"').unwrap_or(value.trim_end().len()),
        Some(b'\'') => closing_quote(value, b'\'').unwrap_or(value.trim_end().len()),
        Some(_) => {
            let end = value
                .find(" #")
                .or_else(|| value.find("\t#"))
                .unwrap_or(value.len());
            value.get(..end).unwrap_or(value).trim_end().len()
        }
    };
    Span::new(start, start + length)
}

/// Length up to and including the closing quote of a quoted scalar.
fn closing_quote(value: &str, quote: u8) -> Option<usize> {
    let bytes = value.as_bytes();
    let mut at = 1;
    while at < bytes.len() {
        let byte = bytes[at];
        if quote == b'"' && byte == b'\\' {
            at += 2;
            continue;
        }
        if byte == quote {
            if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') {
                at += 2;
                continue;
            }
            return Some(at + 1);
        }
        at += 1;
    }
    None
}

/// Spans of the items of a sequence value: `- item` lines under the key, or the items of a
/// `[a, b]` flow list on the key's line. Falls back to the value span when they cannot be
/// told apart.
pub(crate) fn item_spans(
    source: &SourceFile,
    entry: &FrontMatterEntry,
    yaml_span: Span,
    items: &[String],
) -> Vec<Span> {
    let key_line = source.line_of(entry.key_span.start);
    let value_text = source.slice(entry.value_span);
    if value_text.starts_with('[') {
        let mut cursor = entry.value_span.start;
        return items
            .iter()
            .map(|item| {
                let haystack = source.text.get(cursor..entry.value_span.end).unwrap_or("");
                match haystack.find(item.as_str()) {
                    Some(found) if !item.is_empty() => {
                        let span = Span::new(cursor + found, cursor + found + item.len());
                        cursor = span.end;
                        span
                    }
                    _ => entry.value_span,
                }
            })
            .collect();
    }
    let mut spans = Vec::new();
    let mut line = key_line + 1;
    let last_line = source.last_line_of(yaml_span);
    while line <= last_line && spans.len() < items.len() {
        let span = source.line_span(line);
        let content = source.slice(span);
        if !content.is_empty() && !content.starts_with([' ', '\t', '-', '#']) {
            break; // the next top-level key
        }
        let trimmed = content.trim_start();
        if let Some(item) = trimmed
            .strip_prefix('-')
            .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            let item_text = item.trim();
            let start = span.end - item.trim_start().len();
            spans.push(Span::new(start, start + item_text.len()));
        }
        line += 1;
    }
    if spans.len() == items.len() {
        spans
    } else {
        vec![entry.value_span; items.len()]
    }
}

/// The key `entry` of `front_matter` is read as: a known label in another language as its
/// English one (`statut:`, `décideurs:`, zero-logement-vacant), unless the front matter also
/// has that English key; any other key as written.
pub(crate) fn english_key<'f>(
    front_matter: &'f crate::model::FrontMatter,
    entry: &'f crate::model::FrontMatterEntry,
) -> &'f str {
    match crate::vocabulary::label(&entry.key) {
        Some(label)
            if !front_matter
                .entries
                .iter()
                .any(|other| other.key == label.english()) =>
        {
            label.english()
        }
        _ => entry.key.as_str(),
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice spans the code under test returned for this same text
mod tests {
    use super::*;

    fn fences(text: &str) -> Result<Option<Fences>, FrontMatterError> {
        find_fences(&SourceFile::new("0001-a.md", text.to_string()))
    }

    #[test]
    fn a_key_glued_to_its_value_is_named_with_the_fix() {
        let source = SourceFile::new("0001-a.md", "---\ntag:Web Client\n---\n# T\n".to_string());
        let fences = find_fences(&source).unwrap().unwrap();
        let error = parse_entries(&source, fences).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error.message.ends_with("write `tag: Web Client`"),
            "{}",
            error.message
        );
        let source = SourceFile::new(
            "0001-a.md",
            "---\nstatus: accepted\ntag:General\n---\n# T\n".to_string(),
        );
        let fences = find_fences(&source).unwrap().unwrap();
        let error = parse_entries(&source, fences).unwrap_err();
        assert_eq!(
            (error.line, error.message.ends_with("write `tag: General`")),
            (3, true),
            "{}",
            error.message
        );
    }

    #[test]
    fn front_matter_may_follow_html_comments_that_open_the_file() {
        let text =
            "<!--\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n---\nstatus: accepted\n---\n# T\n";
        let found = fences(text).unwrap().unwrap();
        assert_eq!(&text[found.yaml_span.range()], "status: accepted\n");
        assert_eq!(&text[found.span.range()], "---\nstatus: accepted\n---\n");
        // A comment with text after it on its line, or none at all: no front matter.
        assert!(matches!(
            fences("<!-- a --> b\n---\nstatus: x\n---\n"),
            Ok(None)
        ));
        assert!(matches!(fences("\n---\nstatus: x\n---\n"), Ok(None)));
        assert!(matches!(fences("<!-- a -->\n# T\n"), Ok(None)));
    }

    #[test]
    fn an_unclosed_fence_above_markdown_is_a_thematic_break() {
        assert!(matches!(fences("---\n# 1. Title\n\nText\n"), Ok(None)));
        assert!(matches!(fences("---\n## Context\n\nText\n"), Ok(None)));
        assert!(matches!(fences("---\n###\n"), Ok(None)));
        assert!(matches!(fences("---\n\n> Quote\n"), Ok(None)));
        assert!(matches!(fences("---\n"), Ok(None)));
        for unclosed in [
            "---\nstatus: accepted\n# 1. Title\n",
            "---\n\"title\": x\n",
            "---\ndecision-makers: a\n",
            "---\n#draft\nstatus: accepted\n",
            "---\n####### seven\n",
        ] {
            assert!(fences(unclosed).is_err(), "{unclosed:?}");
        }
        assert!(matches!(
            fences("---\nstatus: accepted\n---\n# T\n"),
            Ok(Some(_))
        ));
    }

    #[test]
    fn value_spans_cover_quotes_not_comments() {
        let line = "status: \"accepted\"  # why";
        let span = value_span_on_line(line, 7);
        assert_eq!(&line[span.range()], "\"accepted\"");
        let line = "status: accepted # note";
        assert_eq!(&line[value_span_on_line(line, 7).range()], "accepted");
        let line = "tags:";
        assert!(value_span_on_line(line, 5).is_empty());
        let line = "title: 'it''s'";
        assert_eq!(&line[value_span_on_line(line, 6).range()], "'it''s'");
    }
}
