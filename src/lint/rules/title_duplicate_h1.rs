#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a second level-1 heading that follows a thematic break (`---`, `***`) after
    /// the record's title.
    ///
    /// That shape is two records pasted into one file, or front matter that lost its
    /// opening fence and left its closing `---` above the title. Several H1s without a
    /// break between them are a layout some logs use on purpose, and are not reported.
    ///
    /// ## Why is this bad?
    /// Every tool takes the first H1 as the record's title and the rest as its body: the
    /// second decision is invisible in indexes and sites, and its sections are checked as
    /// the first one's.
    ///
    /// ## Example
    /// ```markdown
    /// # Use Kafka for orders
    ///
    /// We will use Kafka.
    ///
    /// ---
    ///
    /// # Use SQS for notifications
    /// ```
    ///
    /// Use instead: one record per file, each with its own number
    /// (`0007-use-kafka-for-orders.md`, `0008-use-sqs-for-notifications.md`).
    pub(crate) struct TitleDuplicateH1 { id: "title-duplicate-h1", severity: Warning, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(first) = record.sections.iter().find(|section| section.level == 1) else {
        return;
    };
    // A record titled by its front matter writes its sections as H1s (Decentraland's
    // `# Abstract` … `---` `# Conclusion`): one after a break is one more section.
    let titled_by_front_matter = record.front_matter_title.is_some()
        && record.title.as_ref().is_none_or(|title| {
            title.span.start < first.heading_span.start || title.span.start >= first.heading_span.end
        });
    if titled_by_front_matter {
        return;
    }
    let mut after = first.heading_span.end;
    let sections = &record.sections;
    for (at, second) in sections
        .iter()
        .enumerate()
        .filter(|(_, section)| section.level == 1)
        .skip(1)
    {
        // A pasted record has sections of its own; an H1 with a line or two under it and no
        // heading below (`# ADR 终极一句话定义`, "the ADR in one sentence", closing every record
        // of Zss.BilliardHall) sums the record up.
        let has_sections = sections
            .get(at + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|section| section.level > 1)
            .next()
            .is_some();
        if !has_sections {
            after = second.heading_span.end;
            continue;
        }
        if let Some(break_line) = thematic_break_between(record, after, second.heading_span.start) {
            let source = &record.source;
            ctx.report(
                &TitleDuplicateH1::META,
                record.path(),
                Some(second.heading_span),
                format!(
                    "a second title `{}` follows a `---` break: two records in one file?",
                    second.title
                ),
            )
            .label("second level-1 heading")
            .help(
                "move the second decision to a record of its own (`adr new`), or, if the `---` \
                 closed front matter, put the front matter at the very top of the file",
            )
            .secondary(
                record.path().clone(),
                Some(source.line_span(break_line)),
                "the break before it",
            )
            .secondary(
                record.path().clone(),
                Some(first.heading_span),
                "the first title",
            );
            return; // one finding per record: the rest of the file is the same mistake
        }
        after = second.heading_span.end;
    }
}

/// The line of a thematic break (`---`, `***`, `___`, spaced or not) between two offsets,
/// outside code blocks and not the underline of a setext heading.
fn thematic_break_between(record: &Record, start: usize, end: usize) -> Option<usize> {
    let source = &record.source;
    let first_line = source.line_of(start) + 1;
    let last_line = source.line_of(end);
    // The break nearest the heading: the one that set it apart.
    (first_line..last_line).rev().find(|line| {
        let span = source.line_span(*line);
        crate::parse::markdown::is_thematic_break(source.slice(span))
            && !crate::source::within(&record.code_spans, span.start)
            && !record.sections.iter().any(|section| {
                section.heading_span.start <= span.start && span.start < section.heading_span.end
            })
    })
}
