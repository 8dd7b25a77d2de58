//! The whole log as data, for `adr export`: one [`ExportedRecord`] per record with every
//! fact the parser reads, as JSON (the shape documented in `docs/export.md`, versioned by
//! [`EXPORT_VERSION`]) or as CSV with the scalar columns. Reading the log and writing the
//! bytes is the command's job; this module only shapes the data.

use std::path::Path;

use serde::Serialize;

use crate::discover::display_path;
use crate::model::{Link, LinkKind, LoadFailure, Log, Record, RecordRef};

/// The version of the JSON shape. It changes only when a field is removed or changes
/// meaning; new fields may be added within a version.
pub const EXPORT_VERSION: u32 = 1;

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 9] = [
    "number",
    "slug",
    "title",
    "status",
    "date",
    "superseded_by",
    "chosen_option",
    "style",
    "path",
];

/// Front-matter keys that have their own field in the export, besides the ones the parser
/// reads into the model (`status`, `date`, `tags`, …).
const EXPORTED_KEYS: [&str; 3] = ["supersedes", "superseded-by", "superseded_by"];

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Export {
    pub version: u32,
    /// The repository's web address, with `adr export --repository URL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    pub records: Vec<ExportedRecord>,
    /// Files named like records that could not be read as one.
    pub unreadable: Vec<UnreadableFile>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ExportedRecord {
    /// The record's log, when the project has several (`[[log]]` in `.adr.toml`); absent
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
    pub number: Option<u32>,
    pub slug: String,
    pub title: String,
    /// The status keyword (`accepted`, `superseded`, or another value lowercased).
    pub status: Option<String>,
    /// The status as written (`Superseded by [ADR-0005](0005-x.md)`).
    pub status_text: Option<String>,
    /// `YYYY-MM-DD` when the record's date is one, else the date as written.
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub decision_makers: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub decision_drivers: Vec<String>,
    pub considered_options: Vec<String>,
    pub chosen_option: Option<String>,
    pub supersedes: Vec<ExportedRef>,
    pub superseded_by: Option<ExportedRef>,
    pub links: Vec<ExportedLink>,
    /// Relative to the project root, with `/`.
    pub path: String,
    /// `madr4`, `madr3`, `madr2`, `madr-bare`, `nygard` or `other`.
    pub style: String,
    /// Every other front-matter key, in file order, its value as JSON.
    pub front_matter: serde_json::Map<String, serde_json::Value>,
    /// The file's Markdown as it is on disk, with `adr export --with-text`. (Not in the
    /// MCP schema: `get_record` gives the text beside the record.)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub text: Option<String>,
}

/// A reference to another record, resolved against the log when it can be.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ExportedRef {
    /// The reference as written.
    pub text: String,
    pub number: Option<u32>,
    /// The record it names, relative to the project root; `null` when no record matches.
    pub path: Option<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ExportedLink {
    pub text: String,
    pub target: String,
    /// `link` or `image`.
    pub kind: &'static str,
    pub line: usize,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct UnreadableFile {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

/// The export of a loaded log; paths are written relative to `root`.
pub fn export(log: &Log, root: &Path) -> Export {
    Export {
        version: EXPORT_VERSION,
        repository: None,
        records: log
            .records
            .iter()
            .map(|record| export_record(log, record, root))
            .collect(),
        unreadable: log
            .failures
            .iter()
            .map(|failure| unreadable(failure, root))
            .collect(),
    }
}

fn values(located: &[crate::model::Located<String>]) -> Vec<String> {
    located.iter().map(|item| item.value.clone()).collect()
}

/// One record of the export (also the MCP server's `get_record`).
pub fn export_record(log: &Log, record: &Record, root: &Path) -> ExportedRecord {
    let front_matter = record
        .extra_front_matter()
        .filter(|entry| !EXPORTED_KEYS.contains(&entry.key.as_str()))
        .map(|entry| (entry.key.clone(), yaml_to_json(&entry.value)))
        .collect();
    ExportedRecord {
        log: log.log_name_of(record).map(str::to_string),
        number: record.number(),
        slug: record.slug().to_string(),
        title: record.display_title(),
        status: record.status_word(),
        status_text: record.status.as_ref().map(|status| status.raw.clone()),
        date: record.date.as_ref().map(|date| date.value.text()),
        tags: values(&record.tags),
        decision_makers: values(&record.decision_makers),
        consulted: values(&record.consulted),
        informed: values(&record.informed),
        decision_drivers: values(&record.decision_drivers),
        considered_options: values(&record.considered_options),
        chosen_option: record
            .chosen_option
            .as_ref()
            .map(|option| option.value.clone()),
        supersedes: record
            .supersedes
            .iter()
            .map(|reference| exported_ref(log, record, &reference.value, root))
            .collect(),
        superseded_by: record
            .superseded_by()
            .map(|reference| exported_ref(log, record, reference, root)),
        links: record.links.iter().map(exported_link).collect(),
        path: display_path(record.path(), root),
        style: record.style.name().to_string(),
        front_matter,
        text: None,
    }
}

fn exported_ref(log: &Log, from: &Record, reference: &RecordRef, root: &Path) -> ExportedRef {
    let resolved = log.resolve_from(from, reference);
    ExportedRef {
        text: reference.text.clone(),
        number: resolved.and_then(Record::number).or(reference.number),
        path: resolved.map(|record| display_path(record.path(), root)),
    }
}

fn exported_link(link: &Link) -> ExportedLink {
    ExportedLink {
        text: link.text.clone(),
        target: link.target.clone(),
        kind: match link.kind {
            LinkKind::Link => "link",
            LinkKind::Image => "image",
        },
        line: link.line,
    }
}

fn unreadable(failure: &LoadFailure, root: &Path) -> UnreadableFile {
    UnreadableFile {
        path: display_path(&failure.path, root),
        line: failure.line,
        message: failure.message.clone(),
    }
}

/// A YAML value as JSON. Keys that are not strings are written as their YAML text; YAML
/// tags are dropped (JSON has none); a float JSON cannot hold (`.nan`) becomes `null`.
pub fn yaml_to_json(value: &yaml_serde::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    use yaml_serde::Value as Yaml;
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(flag) => Json::Bool(*flag),
        Yaml::Number(number) => number
            .as_u64()
            .map(Json::from)
            .or_else(|| number.as_i64().map(Json::from))
            .or_else(|| {
                number
                    .as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(Json::Number)
            })
            .unwrap_or(Json::Null),
        Yaml::String(text) => Json::String(text.clone()),
        Yaml::Sequence(items) => Json::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Mapping(mapping) => Json::Object(
            mapping
                .iter()
                .map(|(key, value)| (yaml_key(key), yaml_to_json(value)))
                .collect(),
        ),
        Yaml::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

fn yaml_key(key: &yaml_serde::Value) -> String {
    match key {
        yaml_serde::Value::String(text) => text.clone(),
        other => yaml_serde::to_string(other)
            .map(|text| text.trim_end().to_string())
            .unwrap_or_default(),
    }
}

/// The scalar columns of every record as CSV, with a header row.
pub fn to_csv(export: &Export) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for record in &export.records {
        writer.write_record([
            record.number.map(|n| n.to_string()).unwrap_or_default(),
            record.slug.clone(),
            record.title.clone(),
            record.status.clone().unwrap_or_default(),
            record.date.clone().unwrap_or_default(),
            record
                .superseded_by
                .as_ref()
                .map(|reference| {
                    reference
                        .number
                        .map_or_else(|| reference.text.clone(), |number| number.to_string())
                })
                .unwrap_or_default(),
            record.chosen_option.clone().unwrap_or_default(),
            record.style.clone(),
            record.path.clone(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|error| error.into_error().into())
}
