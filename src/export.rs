//! The whole log as data, for `adr export`: one [`ExportedRecord`] per record with every
//! fact the parser reads, as JSON (the shape documented in `docs/export.md`, versioned by
//! [`EXPORT_VERSION`]) or as CSV with the scalar columns. Reading the log and writing the
//! bytes is the command's job; this module only shapes the data.

use std::path::Path;

use serde::Serialize;

use crate::log_path::display_path;
use crate::model::{Link, LinkKind, LoadFailure, Log, Record, RecordRef, RecordSummary};
use crate::relation::RelationKinds;

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
const EXPORTED_KEYS: [&str; 4] = [
    "supersedes",
    crate::model::SUCCESSOR_KEYS[0],
    crate::model::SUCCESSOR_KEYS[1],
    crate::model::SUCCESSOR_KEYS[2],
];

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
    /// Typed relations besides supersession (`Amends [1. …](…)`), in file order.
    pub relations: Vec<ExportedRelation>,
    /// Relative to the project root, with `/`.
    pub path: String,
    /// `madr4`, `madr3`, `madr2`, `madr-bare`, `madr1`, `nygard` or `other`.
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

/// A typed relation to another record.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ExportedRelation {
    /// The kind as data: `amends`, `amended-by`, `depends-on`, or a configured name.
    pub kind: String,
    /// The name as written (`Amended by`).
    pub label: String,
    /// The record named.
    pub target: ExportedRef,
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

fn values(located: &[crate::model::Located<String>]) -> Vec<String> {
    located.iter().map(|item| item.value.clone()).collect()
}

/// One record of the export (also the MCP server's `get_record`), its references resolved
/// in `log`.
pub fn export_record(
    log: &Log,
    record: &Record,
    root: &Path,
    kinds: &RelationKinds,
) -> ExportedRecord {
    let name = log.log_name_of(record).map(str::to_string);
    export_record_with(record, name, root, kinds, |reference| {
        let resolved = log.resolve_from(record, reference);
        ExportedRef {
            text: reference.text.clone(),
            number: resolved.and_then(Record::number).or(reference.number),
            path: resolved.map(|record| display_path(record.path(), root)),
        }
    })
}

/// One record of the export with its references resolved in the metadata of the log (what
/// `adr export` holds while it writes one record at a time).
pub fn export_record_in<R: crate::model::LogEntry>(
    log: &crate::model::Log<R>,
    record: &Record,
    root: &Path,
    kinds: &RelationKinds,
) -> ExportedRecord {
    let name = log.log_name_at(&record.rel_path).map(str::to_string);
    export_record_with(record, name, root, kinds, |reference| {
        let resolved = log.resolve_from_path(&record.rel_path, reference);
        ExportedRef {
            text: reference.text.clone(),
            number: resolved
                .and_then(|entry| entry.file_name().number)
                .or(reference.number),
            path: resolved.map(|entry| display_path(&log.dir.join(entry.log_path()), root)),
        }
    })
}

fn export_record_with(
    record: &Record,
    log: Option<String>,
    root: &Path,
    kinds: &RelationKinds,
    exported_ref: impl Fn(&RecordRef) -> ExportedRef,
) -> ExportedRecord {
    let front_matter = record
        .extra_front_matter()
        .filter(|entry| !EXPORTED_KEYS.contains(&entry.key.as_str()))
        .map(|entry| (entry.key.clone(), yaml_to_json(&entry.value)))
        .collect();
    let summary = RecordSummary::of(record);
    // As `adr list` shows it: a record that states no date has its name's
    // (`20221206-x.md`, pcluster-manager).
    let date = summary.shown_date();
    ExportedRecord {
        log,
        number: summary.number,
        slug: summary.slug,
        title: summary.title,
        // The kind, in English whatever the record's language (`Akzeptiert` is `accepted`),
        // so that a filter on `status` finds every record of it; the word is `status_text`.
        status: (record.status.as_ref()).map(|status| status.kind.keyword().to_string()),
        status_text: record.status.as_ref().map(|status| status.raw.clone()),
        date,
        tags: summary.tags,
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
            .map(|reference| exported_ref(&reference.value))
            .collect(),
        superseded_by: record.superseded_by().map(&exported_ref),
        links: record.links.iter().map(exported_link).collect(),
        relations: exported_relations(record, kinds, &exported_ref),
        path: display_path(record.path(), root),
        style: record.style.name().to_string(),
        front_matter,
        text: None,
    }
}

/// The typed relations of a record that count with `kinds`, canonical names first.
fn exported_relations(
    record: &Record,
    kinds: &RelationKinds,
    exported_ref: impl Fn(&RecordRef) -> ExportedRef,
) -> Vec<ExportedRelation> {
    record
        .relations
        .iter()
        .filter(|relation| kinds.counts(relation))
        .map(|relation| {
            let name = kinds.canonical(&relation.label).unwrap_or(&relation.label);
            ExportedRelation {
                kind: crate::relation::kind_key(name),
                label: relation.label.clone(),
                target: exported_ref(&relation.target),
            }
        })
        .collect()
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

/// A file that could not be read, as the export lists it.
pub fn unreadable(failure: &LoadFailure, root: &Path) -> UnreadableFile {
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

/// The scalar columns of one record, in the order of [`CSV_COLUMNS`].
pub fn csv_row(record: &ExportedRecord) -> [String; 9] {
    [
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
    ]
}
