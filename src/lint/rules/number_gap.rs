use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports numbers skipped in the sequence of records (`0004` followed by `0007`).
    ///
    /// Off by default, and only a hint when on: a gap is often deliberate (a record was
    /// withdrawn before merging, or lives in another repository). Turn it on with
    /// `number-gap = "info"` under `[lint.rules]`.
    ///
    /// ## Why is this bad?
    /// A gap can mean a record was deleted instead of being marked `rejected` or
    /// `deprecated`, and the history of the decision is lost with it.
    ///
    /// ## Example
    /// ```text
    /// docs/adr/0004-use-kafka.md
    /// docs/adr/0007-use-grpc.md
    /// ```
    ///
    /// Use instead: keep withdrawn records with `status: rejected`, so the numbers run on:
    /// ```text
    /// docs/adr/0004-use-kafka.md
    /// docs/adr/0005-use-rabbitmq.md
    /// docs/adr/0006-use-nats.md
    /// docs/adr/0007-use-grpc.md
    /// ```
    pub(crate) struct NumberGap { id: "number-gap", severity: Info, fixable: false, enabled: false }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let mut numbered: Vec<(u32, &std::path::PathBuf)> = log
        .records
        .iter()
        .filter_map(|record| record.number().map(|number| (number, record.path())))
        .chain(
            log.failures
                .iter()
                .filter_map(|failure| failure.file.number.map(|number| (number, &failure.path))),
        )
        .collect();
    numbered.sort();
    numbered.dedup_by_key(|(number, _)| *number);
    for pair in numbered.windows(2) {
        let [(before, _), (after, path)] = pair else {
            continue;
        };
        if *after <= before + 1 {
            continue;
        }
        let missing = if *after == before + 2 {
            format!("number {:04} is", before + 1)
        } else {
            format!("numbers {:04} to {:04} are", before + 1, after - 1)
        };
        ctx.report(
            &NumberGap::META,
            path,
            None,
            format!("{missing} missing before this record"),
        )
        .help("if a record was deleted, restore it with status `rejected` or `deprecated`");
    }
}
