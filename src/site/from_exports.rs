//! `adr render --from`: the exports of several repositories (`adr export --with-text`)
//! written out as one project, a log per repository, in a temporary directory, so that the
//! site is built by the same code as any other. This module only checks and writes the
//! files; it trusts nothing in an export: a path must stay inside its repository's folder
//! and a repository address must be http or https.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The part of `adr export`'s JSON a site needs (docs/export.md).
#[derive(Deserialize)]
struct ExportInput {
    version: u32,
    repository: Option<String>,
    records: Vec<RecordInput>,
}

#[derive(Deserialize)]
struct RecordInput {
    path: String,
    text: Option<String>,
    /// The record's log, when its repository has several.
    log: Option<String>,
}

/// The exports written out as a project.
pub struct Staged {
    /// Holds `.adr.toml` (a `[[log]]` per export) and a folder per export; removed when
    /// dropped.
    pub dir: tempfile::TempDir,
    /// Each export's folder (`payments/`) with its repository's address, when it has one.
    pub sources: Vec<(String, String)>,
}

/// Writes the records of each export (paths relative to `cwd`) into a new temporary
/// project, one log per export, named after its repository (else its file name).
pub fn stage(exports: &[PathBuf], cwd: &Path) -> Result<Staged> {
    let dir = tempfile::tempdir().map_err(|source| {
        Error::io(
            "create a temporary directory",
            Path::new("render --from"),
            source,
        )
    })?;
    let mut names: Vec<String> = Vec::new();
    let mut sources = Vec::new();
    let mut config = String::new();
    for export_path in exports {
        let shown = export_path.display().to_string();
        let export = read_export(&cwd.join(export_path), &shown)?;
        let name = unique_name(&log_name_of(&export, export_path), &names);
        for record in &export.records {
            let Some(text) = &record.text else {
                return Err(Error::usage(format!(
                    "{shown}: record `{}` has no `text`: export with `adr export --with-text`",
                    record.path
                )));
            };
            let relative = safe_relative(&record.path).ok_or_else(|| {
                Error::usage(format!(
                    "{shown}: record path `{}` is not a plain relative path: it must stay inside its repository",
                    record.path
                ))
            })?;
            let target = dir.path().join(&name).join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|source| Error::io("create the directory", parent, source))?;
            }
            crate::fs::create_new(&target, text.as_bytes()).map_err(|source| {
                Error::usage(format!(
                    "{shown}: cannot write record `{}` ({source}): is it listed twice?",
                    record.path
                ))
            })?;
        }
        if let Some(url) = &export.repository {
            sources.push((format!("{name}/"), url.trim_end_matches('/').to_string()));
        }
        std::fs::create_dir_all(dir.path().join(&name))
            .map_err(|source| Error::io("create the directory", Path::new(&name), source))?;
        for (log, folder) in logs_of(&export.records) {
            // A repository of several logs keeps them apart: `shop.backend`.
            let log_name = unique_name(&format!("{name}.{log}"), &names);
            // The folder comes from the export: written as a TOML string, escaped.
            let log_dir = toml::Value::String(format!("{name}/{folder}"));
            config.push_str(&format!(
                "[[log]]\nname = \"{log_name}\"\ndir = {log_dir}\n\n"
            ));
            names.push(log_name);
        }
        if !export.records.iter().any(|record| record.log.is_some()) {
            config.push_str(&format!("[[log]]\nname = \"{name}\"\ndir = \"{name}\"\n\n"));
        }
        names.push(name);
    }
    let config_path = dir.path().join(crate::config::CONFIG_FILE);
    std::fs::write(&config_path, config)
        .map_err(|source| Error::io("write", &config_path, source))?;
    Ok(Staged { dir, sources })
}

fn read_export(path: &Path, shown: &str) -> Result<ExportInput> {
    let text = crate::fs::read_text_checked(path, None, crate::fs::MAX_TEXT_BYTES * 64)
        .map_err(|error| error.into_error("read", Path::new(shown)))?;
    let export: ExportInput = serde_json::from_str(&text).map_err(|error| {
        Error::usage(format!(
            "{shown}:{}:{}: not the JSON of `adr export`: {error}",
            error.line(),
            error.column()
        ))
    })?;
    if export.version != crate::export::EXPORT_VERSION {
        return Err(Error::usage(format!(
            "{shown}: export version {} is not {}: export again with this adr",
            export.version,
            crate::export::EXPORT_VERSION
        )));
    }
    if let Some(url) = &export.repository
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(Error::usage(format!(
            "{shown}: repository `{url}` is not an http or https address"
        )));
    }
    Ok(export)
}

/// The log's name: the repository's last path segment, else the export file's stem; any
/// character a log name cannot hold becomes `-`.
fn log_name_of(export: &ExportInput, path: &Path) -> String {
    let from_url = export
        .repository
        .as_deref()
        .and_then(|url| url.trim_end_matches('/').rsplit('/').next())
        .map(|segment| segment.trim_end_matches(".git").to_string());
    let from_file = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned());
    let raw = from_url
        .filter(|name| !name.is_empty())
        .or(from_file)
        .unwrap_or_default();
    let name = crate::layout::log_name_chars(&raw);
    let name = name.trim_start_matches(['-', '_', '.']).to_string();
    if name.is_empty() {
        "log".to_string()
    } else {
        name
    }
}

/// The logs of an export from a repository with several, each with the folder all its
/// records share, in the export's order.
fn logs_of(records: &[RecordInput]) -> Vec<(String, String)> {
    let mut logs: Vec<(String, String)> = Vec::new();
    for record in records {
        let Some(log) = record
            .log
            .as_deref()
            .filter(|log| crate::layout::is_log_name(log))
        else {
            continue;
        };
        let folder = record
            .path
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder);
        match logs.iter_mut().find(|(name, _)| name == log) {
            Some((_, shared)) => {
                let holds = |shared: &str| {
                    shared.is_empty()
                        || folder == shared
                        || folder.starts_with(&format!("{shared}/"))
                };
                while !holds(shared) {
                    let parent = shared.rsplit_once('/').map_or("", |(parent, _)| parent);
                    *shared = parent.to_string();
                }
            }
            None => logs.push((log.to_string(), folder.to_string())),
        }
    }
    logs
}

/// `name`, or `name-2`, `name-3` … when an earlier export took it.
fn unique_name(name: &str, taken: &[String]) -> String {
    let mut candidate = name.to_string();
    let mut suffix = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}-{suffix}");
        suffix += 1;
    }
    candidate
}

/// `path` when it is relative and has only plain components (no `..`, root or prefix).
fn safe_relative(path: &str) -> Option<PathBuf> {
    let path = Path::new(path);
    let plain = path
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    (plain && path.components().next().is_some()).then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert!(safe_relative("docs/adr/0001-x.md").is_some());
        assert!(safe_relative("../x.md").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("docs/../../x.md").is_none());
        assert!(safe_relative("").is_none());
    }

    #[test]
    fn names_come_from_the_repository() {
        let export = ExportInput {
            version: 1,
            repository: Some("https://github.com/acme/payments.git/".into()),
            records: Vec::new(),
        };
        assert_eq!(log_name_of(&export, Path::new("a.json")), "payments");
        let export = ExportInput {
            repository: None,
            ..export
        };
        assert_eq!(
            log_name_of(&export, Path::new("dir/our web.json")),
            "our-web"
        );
        assert_eq!(unique_name("a", &["a".into(), "a-2".into()]), "a-3");
    }
}
