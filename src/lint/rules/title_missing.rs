use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that a record has a title.
    ///
    /// A level-1 heading (`# Use PostgreSQL`) or, when there is none, a front-matter
    /// `title:`.
    ///
    /// ## Why is this bad?
    /// The title is what indexes, lists and site navigation show; without one a record is
    /// known only by its file name.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    ///
    /// ## Context and Problem Statement
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    ///
    /// # Use PostgreSQL for the order service
    ///
    /// ## Context and Problem Statement
    /// ```
    pub(crate) struct TitleMissing { id: "title-missing", severity: Error, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    // A file that holds no record at all is `file-not-a-record`'s one finding.
    if crate::lint::rules::file_not_a_record::not_a_record(record).is_some() {
        return;
    }
    if record.title.is_some() || record.front_matter_title.is_some() {
        return;
    }
    // `#25. Automatic code merging` (TDR): meant as the title, but Markdown needs a space
    // after `#` to make a heading.
    let glued = (record.source.line_of(record.body_start())..record.source.line_count())
        .map(|line| record.source.line_span(line))
        .find(|span| !record.source.slice(*span).trim().is_empty())
        .filter(|span| {
            let text = record.source.slice(*span);
            text.strip_prefix('#')
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace() && c != '#'))
        });
    if let Some(span) = glued {
        let text = record.source.slice(span).trim_end();
        let fixed = format!("# {}", text.trim_start_matches('#'));
        ctx.report(&TitleMissing::META, record.path(), Some(span), "record has no title")
            .label("not a heading: no space after `#`")
            .help(format!("write `{fixed}`: Markdown makes a heading only with a space after `#`"));
        return;
    }
    let first_line = record.source.line_of(record.body_start());
    let mut span = record.source.line_span(first_line);
    span.start = span.start.max(record.body_start());
    // `# Context and Problem Statement` on the first line (s3gw): the record's first part,
    // written a level up where its title should be.
    let part_on_top = record
        .sections
        .iter()
        .find(|section| section.level == 1)
        .filter(|h1| h1.line == first_line && crate::parse::style::is_section_title(&h1.title));
    // `## 33. User permissions` on the first line of `0033-….md` (TDR): the title, a level
    // down.
    if let Some(section) = record.demoted_title() {
        ctx.report(&TitleMissing::META, record.path(), Some(span), "record has no title")
            .label("the title, written as a `##` heading")
            .help(format!(
                "write `# {}`: a record's title is its one `#` heading",
                section.title
            ));
        return;
    }
    if let Some(h1) = part_on_top {
        ctx.report(&TitleMissing::META, record.path(), Some(span), "record has no title")
            .label(format!("`{}` is a part of the record, not its title", h1.title))
            .help(format!(
                "add a `# Title` line above `# {}` naming the decision",
                h1.title
            ));
        return;
    }
    ctx.report(
        &TitleMissing::META,
        record.path(),
        Some(span),
        "record has no title",
    )
    .help("start the record with a `# Title` heading");
}
