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
    let Some((why, span)) = why_untitled(record) else {
        return;
    };
    let (label, help) = match why {
        Untitled::Glued => {
            let text = record.source.slice(span).trim_end();
            let fixed = format!("# {}", text.trim_start_matches('#'));
            (
                "not a heading: no space after `#`".to_string(),
                format!("write `{fixed}`: Markdown makes a heading only with a space after `#`"),
            )
        }
        Untitled::Demoted(title) => (
            "the title, written as a `##` heading".to_string(),
            format!("write `# {title}`: a record's title is its one `#` heading"),
        ),
        Untitled::PartOnTop(part) => (
            format!("`{part}` is a part of the record, not its title"),
            format!("add a `# Title` line above `# {part}` naming the decision"),
        ),
        // A record with no title and nothing meant as one: reported by `check_log`, which
        // sees whether the log writes titles at all.
        Untitled::Plain => return,
    };
    ctx.report(&TitleMissing::META, record.path(), Some(span), "record has no title")
        .label(label)
        .help(help);
}

/// Why a record has no title: what it wrote in the title's place, if anything.
enum Untitled<'r> {
    /// `#25. Automatic code merging` (TDR): meant as the title, but Markdown needs a space
    /// after `#` to make a heading.
    Glued,
    /// `## 33. User permissions` on the first line of `0033-….md` (TDR): the title, a level
    /// down.
    Demoted(&'r str),
    /// `# Context and Problem Statement` on the first line (s3gw): the record's first part,
    /// written a level up where its title should be.
    PartOnTop(&'r str),
    /// Nothing meant as a title.
    Plain,
}

/// Why `record` has no title, and where to point: the glued heading's line, else its first
/// line after any front matter. `None` for a record with a title, and for a file that
/// holds no record (`file-not-a-record`'s one finding).
fn why_untitled(record: &Record) -> Option<(Untitled<'_>, Span)> {
    if crate::lint::rules::file_not_a_record::not_a_record(record).is_some()
        || record.title.is_some()
        || record.front_matter_title.is_some()
    {
        return None;
    }
    let source = &record.source;
    let first_line = source.line_of(record.body_start());
    let glued = (first_line..source.line_count())
        .map(|line| source.line_span(line))
        .find(|span| !source.slice(*span).trim().is_empty())
        .filter(|span| {
            source
                .slice(*span)
                .strip_prefix('#')
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace() && c != '#'))
        });
    if let Some(span) = glued {
        return Some((Untitled::Glued, span));
    }
    let mut span = source.line_span(first_line);
    span.start = span.start.max(record.body_start());
    if let Some(section) = record.demoted_title() {
        return Some((Untitled::Demoted(&section.title), span));
    }
    let part_on_top = record
        .sections
        .iter()
        .find(|section| section.level == 1)
        .filter(|h1| h1.line == first_line && crate::parse::style::is_section_title(&h1.title));
    match part_on_top {
        Some(h1) => Some((Untitled::PartOnTop(&h1.title), span)),
        None => Some((Untitled::Plain, span)),
    }
}

/// Where `check_log` points at a record with no title and nothing meant as one.
pub(crate) fn untitled(record: &Record) -> Option<Span> {
    match why_untitled(record)? {
        (Untitled::Plain, span) => Some(span),
        _ => None,
    }
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
