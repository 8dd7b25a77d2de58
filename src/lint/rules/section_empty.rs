use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `##` section headings with nothing under them.
    ///
    /// Nothing means no text, no list, no subsection. HTML comments alone do not count as content. Deeper headings are not
    /// checked: logs use runs of them as labels (`### A) no index`, `### B) …`).
    ///
    /// ## Why is this bad?
    /// An empty `## Consequences` or `## Decision Drivers` reads as "none", which is rarely
    /// what the author meant; usually the section was meant to be filled in or removed.
    ///
    /// ## Example
    /// ```markdown
    /// ## Consequences
    ///
    /// ## More Information
    ///
    /// See the benchmark in the wiki.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Consequences
    ///
    /// * Good, because deploys get faster
    ///
    /// ## More Information
    ///
    /// See the benchmark in the wiki.
    /// ```
    pub(crate) struct SectionEmpty { id: "section-empty", severity: Warning, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let source = &record.source;
    // Deeper headings are often used as labels in a run (`### A) no index`, `### B) …`);
    // the record's parts are its `##` sections.
    // `## Status: Accepted` says what it has to say on its own line.
    let states_a_field = |heading: Span| {
        let status = record.status.as_ref().map(|status| status.span);
        let date = record.date.as_ref().map(|date| date.span);
        [status, date]
            .into_iter()
            .flatten()
            .any(|field| heading.start <= field.start && field.end <= heading.end)
    };
    let demoted_title = record.demoted_title().map(|section| section.heading_span);
    for section in record.sections.iter().filter(|section| section.level == 2) {
        if states_a_field(section.heading_span) || Some(section.heading_span) == demoted_title {
            continue;
        }
        let body = section.body_span;
        let mut has_content = false;
        let mut cursor = body.start;
        for comment in &record.comments {
            if comment.span.end <= body.start || comment.span.start >= body.end {
                continue;
            }
            if !source
                .slice(Span::new(cursor, comment.span.start.max(cursor)))
                .trim()
                .is_empty()
            {
                has_content = true;
                break;
            }
            cursor = comment.span.end.min(body.end).max(cursor);
        }
        if !has_content && source.slice(Span::new(cursor, body.end)).trim().is_empty() {
            ctx.report(
                &SectionEmpty::META,
                record.path(),
                Some(section.heading_span),
                format!("section `{}` is empty", section.title),
            )
            .label("nothing under this heading")
            .help("write the section's content, or delete the heading");
        }
    }
}
