//! The resources: the log's index (`adr://index`, the table `adr index` writes) and one per
//! record (`adr://0007`, or `adr://<slug>` in logs without numbers), its Markdown text.
#![deny(clippy::string_slice)]

use serde_json::{Value, json};

use super::{RESOURCE_NOT_FOUND, RpcError, Server, page};
use crate::model::{Log, Record};

/// Resources per page of `resources/list`.
const PAGE_SIZE: usize = 500;
pub const INDEX_URI: &str = "adr://index";

/// `adr://0007`; with several logs, `adr://backend:0007`, as the CLI names records.
fn uri_of(log: &Log, record: &Record) -> String {
    let name = match record.number() {
        Some(number) => format!("{number:04}"),
        None => record.slug().to_string(),
    };
    match log.log_name_of(record) {
        Some(log_name) => format!("adr://{log_name}:{name}"),
        None => format!("adr://{name}"),
    }
}

/// The log could not be read (no log, a bad config): the CLI's message.
fn internal(message: String) -> RpcError {
    RpcError::new(super::INTERNAL_ERROR, message)
}

fn load(server: &Server, full: bool) -> Result<(crate::config::Project, Log), RpcError> {
    let project = server
        .project()
        .map_err(|error| internal(super::cli_message(&error)))?;
    // Every log of the project (`[[log]]`), as the CLI's commands read them.
    let depth = if full {
        crate::parse::Depth::Full
    } else {
        crate::parse::Depth::Metadata
    };
    let log = Log::load_layout(&project.log_dir, &project.layout, depth)
        .map_err(|error| internal(super::cli_message(&error)))?;
    Ok((project, log))
}

pub(super) fn list(server: &Server, cursor: Option<&str>) -> Result<Value, RpcError> {
    let (_, log) = load(server, false)?;
    let mut resources = vec![json!({
        "uri": INDEX_URI,
        "name": "index",
        "title": "Index of the decision records",
        "description": "A Markdown table of every record: number, title, status, date",
        "mimeType": "text/markdown"
    })];
    resources.extend(log.records.iter().map(|record| {
        json!({
            "uri": uri_of(&log, record),
            "name": record.rel_path,
            "title": record.display_title(),
            "mimeType": "text/markdown"
        })
    }));
    let (resources, next) = page(resources, cursor, PAGE_SIZE)?;
    let mut result = json!({ "resources": resources });
    if let (Some(next), Some(object)) = (next, result.as_object_mut()) {
        object.insert("nextCursor".into(), Value::String(next));
    }
    Ok(result)
}

pub(super) fn templates() -> Value {
    json!({
        "resourceTemplates": [{
            "uriTemplate": "adr://{number}",
            "name": "record",
            "title": "A decision record by number",
            "mimeType": "text/markdown"
        }]
    })
}

pub(super) fn read(server: &Server, uri: &str) -> Result<Value, RpcError> {
    let Some(name) = uri.strip_prefix("adr://") else {
        return Err(RpcError::new(
            RESOURCE_NOT_FOUND,
            format!("no resource `{uri}`: URIs are `adr://index` and `adr://NNNN`"),
        ));
    };
    let text = if uri == INDEX_URI {
        let project = server
            .project()
            .map_err(|error| internal(super::cli_message(&error)))?;
        let log = crate::model::LogMeta::load_meta_layout(&project.log_dir, &project.layout)
            .map_err(|error| internal(super::cli_message(&error)))?;
        crate::index::table(&log, &project.log_dir, "\n")
    } else {
        let (project, log) = load(server, true)?;
        let record = crate::commands::find_record(&project, &log, name)
            .map_err(|error| RpcError::new(RESOURCE_NOT_FOUND, super::cli_message(&error)))?;
        record.source.text.clone()
    };
    Ok(json!({
        "contents": [{ "uri": uri, "mimeType": "text/markdown", "text": text }]
    }))
}
