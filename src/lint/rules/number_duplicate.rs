use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that no two records share a number. Each file of a clash is reported, naming
    /// the others.
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

pub(crate) fn check(log: &Log, ctx: &mut RuleContext) {
    let mut by_number: BTreeMap<u32, Vec<NumberedFile>> = BTreeMap::new();
    for record in &log.records {
        if let Some(number) = record.number() {
            by_number.entry(number).or_default().push((
                record.path(),
                &record.rel_path,
                record.title.as_ref().map(|title| title.span),
            ));
        }
    }
    for failure in &log.failures {
        if let Some(number) = failure.file.number {
            by_number
                .entry(number)
                .or_default()
                .push((&failure.path, &failure.rel_path, None));
        }
    }
    for (number, files) in by_number.into_iter().filter(|(_, files)| files.len() > 1) {
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
                log.next_number_label()
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
