use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::layout::Numbering;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that no two records share a number. Each file of a clash is reported, naming
    /// the others.
    ///
    /// A sub-folder whose records start at 0 or 1 numbers its own series (opendatahub-adr
    /// keeps one per component: `model-registry/ODH-ADR-MR-0001-x.md` beside the root's
    /// `ODH-ADR-0001-y.md`); numbers are compared within it. Other sub-folders (`archived/`)
    /// share the log's numbers. With `numbering = "per-folder"` in `.adr.toml` every
    /// sub-folder is a series of its own. In a project with several logs (`[[log]]`) each
    /// log numbers its records on its own.
    ///
    /// ## Why is this bad?
    /// Two branches that each add "the next record" both pick the same number; after the
    /// merge, `ADR-0012` means two different decisions, and links and `superseded by 12`
    /// point at whichever one a tool happens to find first.
    ///
    /// ## Example
    /// ```text
    /// docs/adr/0012-use-kafka.md
    /// docs/adr/0012-use-grpc.md
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// docs/adr/0012-use-kafka.md
    /// docs/adr/0013-use-grpc.md
    /// ```
    pub(crate) struct NumberDuplicate { id: "number-duplicate", severity: Error, fixable: false, enabled: true }
}

/// A file holding a number: its path, its path in the log, and its title's place.
type NumberedFile<'a> = (&'a PathBuf, &'a str, Option<Span>);

/// The folder of a record in the log (`model-registry`), empty at the top; a folder record
/// (`0007-x/index.md`) counts as being where its folder is.
fn folder_of(rel_path: &str, is_folder_record: bool) -> &str {
    let folder = rel_path.rsplit_once('/').map_or("", |(folder, _)| folder);
    if is_folder_record {
        folder.rsplit_once('/').map_or("", |(parent, _)| parent)
    } else {
        folder
    }
}

pub(crate) fn check(log: &Log, ctx: &mut RuleContext) {
    // (path, rel_path, title span, number, folder record?)
    let mut numbered: Vec<(&PathBuf, &str, Option<Span>, u32, bool)> = Vec::new();
    for record in &log.records {
        if let Some(number) = record.number() {
            numbered.push((
                record.path(),
                &record.rel_path,
                record.title.as_ref().map(|title| title.span),
                number,
                record.is_folder_record(),
            ));
        }
    }
    for failure in &log.failures {
        if let Some(number) = failure.file.number {
            numbered.push((&failure.path, &failure.rel_path, None, number, false));
        }
    }
    // Each log of the project numbers on its own: (its directory, its numbering, the
    // record's folder inside it).
    let placed: Vec<(&str, Numbering, &str)> = numbered
        .iter()
        .map(|(_, rel_path, _, _, is_folder_record)| {
            let (prefix, numbering) = log
                .layout
                .part_of(rel_path)
                .map_or(("", Numbering::Log), |part| {
                    (part.prefix.as_str(), part.numbering)
                });
            let inside = rel_path.strip_prefix(prefix).unwrap_or(rel_path);
            (prefix, numbering, folder_of(inside, *is_folder_record))
        })
        .collect();
    let own_series: std::collections::HashSet<(&str, &str)> = numbered
        .iter()
        .zip(&placed)
        .filter(|((_, _, _, number, _), (_, _, folder))| !folder.is_empty() && *number <= 1)
        .map(|(_, (prefix, _, folder))| (*prefix, *folder))
        .collect();
    let series_of = |prefix: &'_ str, numbering: Numbering, folder: &'_ str| -> String {
        let within = match numbering {
            Numbering::PerFolder => folder.split('/').next().unwrap_or(""),
            Numbering::Log => own_series
                .iter()
                .filter(|(series_prefix, series)| {
                    *series_prefix == prefix
                        && (folder == *series || folder.starts_with(&format!("{series}/")))
                })
                .map(|(_, series)| *series)
                .max_by_key(|series| series.len())
                .unwrap_or(""),
        };
        format!("{prefix}\u{0}{within}")
    };
    let mut highest: BTreeMap<String, u32> = BTreeMap::new();
    let mut by_number: BTreeMap<(String, u32), Vec<NumberedFile>> = BTreeMap::new();
    for ((path, rel_path, span, number, _), (prefix, numbering, folder)) in
        numbered.into_iter().zip(placed)
    {
        let series = series_of(prefix, numbering, folder);
        let top = highest.entry(series.clone()).or_insert(number);
        *top = (*top).max(number);
        by_number
            .entry((series, number))
            .or_default()
            .push((path, rel_path, span));
    }
    for ((series, number), files) in by_number.into_iter().filter(|(_, files)| files.len() > 1) {
        for (index, (path, _, _)) in files.iter().enumerate() {
            let others: Vec<_> = files
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, file)| file)
                .collect();
            let names = others
                .iter()
                .map(|(_, rel_path, _)| format!("`{rel_path}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let diagnostic = ctx.report(
                &NumberDuplicate::META,
                path,
                None,
                format!("number {number:04} is also used by {names}"),
            );
            diagnostic.help(format!(
                "give one of them the next free number ({}) and update links to it",
                highest
                    .get(&series)
                    .map_or(Some(1), |highest| highest.checked_add(1))
                    .map_or_else(
                        || "none is left: renumber the log".to_string(),
                        |next| next.to_string()
                    )
            ));
            for (other_path, _, other_span) in others {
                diagnostic.secondary(
                    (*other_path).clone(),
                    *other_span,
                    format!("number {number:04} is also used here"),
                );
            }
        }
    }
}
