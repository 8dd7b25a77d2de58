use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that a MADR record lists its decision drivers under `## Decision Drivers`.
    ///
    /// Off by default: MADR marks the section optional. Turn it on with
    /// `decision-drivers-missing = "warning"` under `[lint.rules]`.
    ///
    /// ## Why is this bad?
    /// Drivers are the forces the options were weighed against; without them a reader
    /// cannot judge later whether the decision still holds when circumstances change.
    ///
    /// ## Example
    /// ```markdown
    /// ## Context and Problem Statement
    ///
    /// We need a message queue.
    ///
    /// ## Considered Options
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Context and Problem Statement
    ///
    /// We need a message queue.
    ///
    /// ## Decision Drivers
    ///
    /// * at-least-once delivery
    /// * runs on our Kubernetes cluster
    ///
    /// ## Considered Options
    /// ```
    pub(crate) struct DecisionDriversMissing { id: "decision-drivers-missing", severity: Warning, fixable: false, enabled: false, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    if !record.style.is_madr() {
        return;
    }
    match ctx.options.section(record, "Decision Drivers") {
        Some(section) if !record.decision_drivers.is_empty() || !is_blank(record, section) => {}
        Some(section) => {
            ctx.report(
                &DecisionDriversMissing::META,
                record.path(),
                Some(section.heading_span),
                "`Decision Drivers` lists no drivers",
            )
            .help("list the forces the options were weighed against, one bullet each");
        }
        None => {
            ctx.report(
                &DecisionDriversMissing::META,
                record.path(),
                Some(record.head_span()),
                "record has no `## Decision Drivers` section",
            )
            .help("add `## Decision Drivers` with the forces the options were weighed against");
        }
    }
}

fn is_blank(record: &Record, section: &crate::model::Section) -> bool {
    record.source.slice(section.body_span).trim().is_empty()
}
