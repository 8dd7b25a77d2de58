//! TOML front matter between `+++` fences, as Hugo and Zola write it: read with the `toml`
//! crate into the same entries as YAML front matter (values as YAML values, so every reader
//! of a key reads both), each top-level `key = value` located by a line scan for edits.

use super::front_matter::{Fences, FrontMatterError, LocatedKey, located_entry};
use crate::model::{FailureKind, FrontMatter};
use crate::source::{SourceFile, Span};

/// Parses the TOML between the fences into entries, each with its key's place in the file.
pub(super) fn parse_entries(
    source: &SourceFile,
    fences: Fences,
) -> Result<FrontMatter, FrontMatterError> {
    let text = source.slice(fences.yaml_span);
    let fence_line = source.line_of(fences.span.start);
    let table: toml::Table = text.parse().map_err(|error: toml::de::Error| {
        let line = error.span().map_or(1, |span| {
            source.line_of(fences.yaml_span.start + span.start)
        });
        FrontMatterError {
            kind: FailureKind::FrontMatterSyntax,
            line: line.max(fence_line + 1),
            column: 1,
            message: format!(
                "front matter between `+++` is not valid TOML: {}",
                error.message()
            ),
        }
    })?;
    let located = locate_keys(source, fences.yaml_span);
    let entries = table
        .into_iter()
        .map(|(key, value)| located_entry(source, fences, &located, (key, yaml_value(value))))
        .collect();
    Ok(FrontMatter {
        span: fences.span,
        yaml_span: fences.yaml_span,
        syntax: fences.syntax,
        entries,
    })
}

/// A TOML value as the YAML value that says the same: dates and times as their text.
fn yaml_value(value: toml::Value) -> yaml_serde::Value {
    match value {
        toml::Value::String(text) => yaml_serde::Value::String(text),
        toml::Value::Integer(number) => yaml_serde::Value::Number(number.into()),
        toml::Value::Float(number) => yaml_serde::Value::Number(number.into()),
        toml::Value::Boolean(flag) => yaml_serde::Value::Bool(flag),
        toml::Value::Datetime(datetime) => yaml_serde::Value::String(datetime.to_string()),
        toml::Value::Array(items) => {
            yaml_serde::Value::Sequence(items.into_iter().map(yaml_value).collect())
        }
        toml::Value::Table(table) => yaml_serde::Value::Mapping(
            table
                .into_iter()
                .map(|(key, value)| (yaml_serde::Value::String(key), yaml_value(value)))
                .collect(),
        ),
    }
}

/// The top-level `key = value` lines (before the first `[table]` header), with the key's
/// bytes and the value's bytes on its line (quotes included, a trailing comment excluded).
fn locate_keys(source: &SourceFile, span: Span) -> Vec<LocatedKey> {
    let mut keys = Vec::new();
    let mut offset = span.start;
    for line in source.slice(span).split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with('[') {
            break;
        }
        let Some((raw_key, _)) = content.split_once('=') else {
            continue;
        };
        let key = raw_key.trim().trim_matches(['"', '\'']);
        if key.is_empty()
            || content.starts_with([' ', '\t', '#'])
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
        {
            continue;
        }
        let Some(key_at) = raw_key.find(key) else {
            continue;
        };
        let key_span = Span::new(line_start + key_at, line_start + key_at + key.len());
        let after_equals = raw_key.len() + 1;
        let value_span =
            super::front_matter::value_span_on_line(content, after_equals).shifted(line_start);
        keys.push(LocatedKey {
            key: key.to_string(),
            key_span,
            value_span,
        });
    }
    keys
}

#[cfg(test)]
mod tests {
    use crate::discover::FileName;
    use crate::model::FrontMatterSyntax;
    use crate::source::SourceFile;

    fn record(text: &str) -> crate::model::Record {
        let file = FileName::parse("20240510-adr-0005-be-resilient.md").unwrap();
        crate::parse::parse_record(
            SourceFile::new("x.md", text.to_string()),
            "x.md".into(),
            file,
        )
        .unwrap()
    }

    #[test]
    fn toml_front_matter_gives_keys_and_hides_its_comments() {
        let text = "+++\n# /*\n# |  licence\n# */\n\ntitle = \"ADR-0005: Be Resilient\"\nweight = 5\nstatus = 'accepted' # kept\ntags = [\"a\", \"b\"]\n\n[extra]\nx = 1\n+++\n\n- Date: 2024-05-11\n\n## Context\n\nWhy.\n";
        let record = record(text);
        let front_matter = record.front_matter.as_ref().unwrap();
        assert_eq!(front_matter.syntax, FrontMatterSyntax::Toml);
        let status = front_matter.get("status").unwrap();
        assert_eq!(record.source.slice(status.value_span), "'accepted'");
        assert_eq!(record.source.slice(status.key_span), "status");
        assert_eq!(
            front_matter.get("weight").unwrap().value,
            yaml_serde::Value::from(5)
        );
        assert!(front_matter.get("extra").unwrap().value.is_mapping());
        assert!(record.title.is_none(), "{:?}", record.title);
        assert_eq!(
            record.front_matter_title.as_ref().unwrap().value,
            "ADR-0005: Be Resilient"
        );
        let tags: Vec<&str> = record.tags.iter().map(|tag| tag.value.as_str()).collect();
        assert_eq!(tags, ["a", "b"]);
    }

    #[test]
    fn invalid_toml_is_named_with_its_line() {
        let text = "+++\ntitle = \"x\"\nstatus = accepted\n+++\n\n# T\n";
        let file = FileName::parse("0001-x.md").unwrap();
        let failure = crate::parse::parse_record(
            SourceFile::new("x.md", text.to_string()),
            "x.md".into(),
            file,
        )
        .unwrap_err();
        assert_eq!(failure.line, Some(3));
        assert!(
            failure.message.contains("not valid TOML"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn an_unclosed_plus_fence_is_text() {
        let record = record("+++\n\n# Title\n\nText.\n");
        assert!(record.front_matter.is_none());
    }
}
