//! The JSON Schema (draft 2020-12) of a record's YAML front matter, generated with schemars
//! from the types below, for editors: a YAML language server pointed at it completes keys
//! and statuses and flags a malformed date while the record is written. `adr schema` prints
//! it and `schema/adr-front-matter.schema.json` is the committed copy (a test keeps the two
//! equal). The parser does not read through these types; they describe what it accepts.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::model::BUILTIN_STATUSES;

/// Where the committed copy lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/adr-front-matter.schema.json";

/// The keys `adr` reads from a record's front matter. Any other key is allowed and kept
/// (Jekyll's `parent`, `nav_order`; a `title`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Architecture Decision Record front matter",
    description = "The YAML front matter of a MADR 4 decision record, as read by `adr` (https://adr.github.io/madr/)."
)]
pub struct FrontMatterSchema {
    /// Where the decision stands: `proposed`, `accepted`, `rejected`, `deprecated`, or
    /// `superseded by ADR-0123` (a Markdown link to the record may follow `by`). A log may allow
    /// more statuses with `statuses` in `.adr.toml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusText>,
    /// When the decision was last updated, as `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// The record's title; the first `#` heading is the one shown when both are present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Everyone involved in the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_makers: Option<Names>,
    /// Everyone whose opinions were sought, with two-way communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consulted: Option<Names>,
    /// Everyone kept up to date, with one-way communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informed: Option<Names>,
    /// Topics for filtering the log (`adr list --tag`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Names>,
    /// MADR 3's name for `decision-makers`; `adr migrate` renames it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub deciders: Option<Names>,
    /// Records this one replaces: numbers (`ADR-0005`), file names or Markdown links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Names>,
}

/// A status: one of the built-in keywords, `superseded by …`, or a status the log's config
/// adds (so any text is valid here; `adr lint` checks it against the config).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatusText(pub String);

impl JsonSchema for StatusText {
    fn schema_name() -> Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        let keywords: Vec<&str> = BUILTIN_STATUSES
            .iter()
            .copied()
            .filter(|status| *status != "superseded")
            .collect();
        json_schema!({
            "anyOf": [
                { "enum": keywords },
                {
                    "type": "string",
                    "pattern": "^[Ss]uperseded by .+",
                    "examples": ["superseded by ADR-0123", "superseded by [ADR-0123](0123-use-x.md)"]
                },
                { "type": "string" }
            ]
        })
    }
}

/// A calendar date, `YYYY-MM-DD`. YAML reads an unquoted `2025-05-11` as this string too.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateText(pub String);

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "examples": ["2025-05-11"]
        })
    }
}

/// A list of names, or one string of comma-separated names (MADR's template writes either).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Names {
    List(Vec<String>),
    Text(String),
}

/// The schema as pretty-printed JSON with a final newline: exactly the committed file.
pub fn front_matter_schema_json() -> String {
    let generator = SchemaSettings::draft2020_12()
        .with(|settings| settings.inline_subschemas = true)
        .into_generator();
    let schema = generator.into_root_schema_for::<FrontMatterSchema>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_draft_2020_12_and_open_to_other_keys() {
        let schema: serde_json::Value = serde_json::from_str(&front_matter_schema_json()).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(schema.get("additionalProperties").is_none());
        assert!(schema["properties"]["decision-makers"].is_object());
        assert_eq!(schema["properties"]["deciders"]["deprecated"], true);
    }
}
