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
    ///
    /// A log where most records have no title at all (DependencyTrack/hyades opens each
    /// with a metadata table, and its site titles pages from its navigation) gets one
    /// finding for the log, not one per record.
    pub(crate) struct TitleMissing { id: "title-missing", severity: Error, fixable: false, enabled: true, record: check, log: check_log }
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
    }
    // Otherwise a record with no title and nothing meant as one: reported by `check_log`,
    // which sees whether the log writes titles at all.
}

/// Where to point at a record that has no title and nothing meant as one (see [`check`]):
/// its first line after any front matter. `None` for any other record.
pub(crate) fn untitled(record: &Record) -> Option<Span> {
    if crate::lint::rules::file_not_a_record::not_a_record(record).is_some()
        || record.title.is_some()
        || record.front_matter_title.is_some()
        || record.demoted_title().is_some()
    {
        return None;
    }
    let first_line = record.source.line_of(record.body_start());
    let mut span = record.source.line_span(first_line);
    span.start = span.start.max(record.body_start());
    let text = record.source.slice(span);
    let glued = text.strip_prefix('#').is_some_and(|rest| {
        rest.starts_with(|c: char| !c.is_whitespace() && c != '#')
    });
    let part_on_top = record.sections.iter().any(|section| {
        section.level == 1
            && section.line == first_line
            && crate::parse::style::is_section_title(&section.title)
    });
    (!glued && !part_on_top).then_some(span)
}

/// At least this many records without a title, and more than half the log, make a log that
/// does not write titles: one finding says so.
const LOG_WITHOUT_TITLES_MIN: usize = 3;

pub(crate) fn check_log(log: &LogFacts, ctx: &mut RuleContext) {
    let untitled: Vec<(&RecordFacts, Span)> = log
        .records
        .iter()
        .filter_map(|record| Some((record, record.untitled?)))
        .collect();
    if untitled.len() >= LOG_WITHOUT_TITLES_MIN && untitled.len() * 2 > log.records.len() {
        let (first, span) = untitled[0];
        let message = match untitled.len() == log.records.len() {
            true => format!("no record of this log has a title ({} records)", untitled.len()),
            false => format!(
                "{} of the log's {} records have no title",
                untitled.len(),
                log.records.len()
            ),
        };
        ctx.report(&TitleMissing::META, first.path(), Some(span), message)
            .label(match untitled.len() - 1 {
                1 => "no title here, nor in 1 other record".to_string(),
                others => format!("no title here, nor in {others} other records"),
            })
            .help("start each record with a `# Title` heading: `adr list`, the index and the site show the file name in its place (a site that titles pages from its navigation does not tell them)");
        return;
    }
    for (record, span) in untitled {
        ctx.report(&TitleMissing::META, record.path(), Some(span), "record has no title")
            .help("start the record with a `# Title` heading");
    }
}
