use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that no two records share a number. Each file of a clash is reported, naming
    /// the others.
    ///
    /// A sub-folder whose records start at 0 or 1 numbers its own series (opendatahub-adr
    /// keeps one per component: `model-registry/ODH-ADR-MR-0001-x.md` beside the root's
    /// `ODH-ADR-0001-y.md`); numbers are compared within it. Other sub-folders (`archived/`)
    /// share the log's numbers.
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

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    // (path, rel_path, title span, number, folder)
    let mut numbered: Vec<(&PathBuf, &str, Option<Span>, u32, &str)> = Vec::new();
    for record in &log.records {
        if let Some(number) = record.number() {
            numbered.push((
                record.path(),
                &record.rel_path,
                record.title.as_ref().map(|title| title.span),
                number,
                folder_of(&record.rel_path, record.is_folder_record()),
            ));
        }
    }
    for failure in &log.failures {
        if let Some(number) = failure.file.number {
            numbered.push((
                &failure.path,
                &failure.rel_path,
                None,
                number,
                folder_of(&failure.rel_path, false),
            ));
        }
    }
    let own_series: std::collections::HashSet<&str> = numbered
        .iter()
        .filter(|(_, _, _, number, folder)| !folder.is_empty() && *number <= 1)
        .map(|(_, _, _, _, folder)| *folder)
        .collect();
    let series_of = |folder: &str| {
        own_series
            .iter()
            .filter(|series| folder == **series || folder.starts_with(&format!("{series}/")))
            .max_by_key(|series| series.len())
            .copied()
            .unwrap_or("")
    };
    let mut highest: BTreeMap<&str, u32> = BTreeMap::new();
    let mut by_number: BTreeMap<(&str, u32), Vec<NumberedFile>> = BTreeMap::new();
    for (path, rel_path, span, number, folder) in numbered {
        let series = series_of(folder);
        let top = highest.entry(series).or_insert(number);
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
                    .get(series)
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
