//! Which file of a log keeps its index, when neither `--file` nor the config names one.

use std::path::{Path, PathBuf};

/// The file in `log_dir` that keeps its index: a README or `index.md` (in any case:
/// `readme.md`) that holds index markers (adr-log keeps its list in `index.md`), else the
/// README there is, else `index.md`, else an index named like record 0 (`ADR-000-索引.md`),
/// else one named so in another language or as the log's folder, else a new `README.md`.
/// A second README beside `readme.md` would be one file on macOS and Windows and two on
/// Linux.
pub fn log_index_file(log_dir: &Path) -> PathBuf {
    // The first file of the log directory by path whose name `wanted` takes.
    let first = |wanted: &dyn Fn(&str) -> bool| {
        std::fs::read_dir(log_dir)
            .ok()?
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(wanted)
            })
            .min()
    };
    let named = |wanted: &str| first(&|name: &str| name.eq_ignore_ascii_case(wanted));
    let readme = named("README.md");
    // The log's index under a name numbered 0 (`ADR-000-索引.md`), when it has no README.
    let numbered_index = || {
        first(&|name: &str| {
            name.strip_suffix(".md")
                .is_some_and(crate::discover::is_numbered_index)
        })
    };
    let with_markers = [readme.clone(), named("index.md")]
        .into_iter()
        .flatten()
        .find(|path| {
            std::fs::read_to_string(path).is_ok_and(|text| crate::index::has_markers(&text))
        });
    // An index named in the log's language (`INDICE.md`, cosmere) or as the log's folder
    // (dapr's `decision_records/decision_records.md`).
    let other_index = || {
        let folder = log_dir
            .file_name()
            .and_then(|name| name.to_str())
            .map(|name| format!("{name}.md"));
        first(&|name: &str| {
            name.strip_suffix(".md")
                .is_some_and(crate::discover::is_index_word)
                || folder
                    .as_deref()
                    .is_some_and(|folder| name.eq_ignore_ascii_case(folder))
        })
    };
    // Without a README, `index.md` is the log's index however it is kept (adr-tools'
    // `generate toc` written there, DEFRA; a docs site's page): a README beside it was a
    // second index, and the first went stale.
    with_markers
        .or(readme)
        .or_else(|| named("index.md"))
        .or_else(numbered_index)
        .or_else(other_index)
        .unwrap_or_else(|| log_dir.join("README.md"))
}
