use crate::lint::prelude::*;
use crate::model::FailureKind;

declare_rule! {
    /// ## What it does
    /// Checks that a record's YAML front matter can be read.
    ///
    /// The `---` block must be closed, its YAML must parse into a mapping of keys to values
    /// with no key twice, and the keys `adr` reads as lists (`tags`, `decision-makers`,
    /// `consulted`, `informed`) must hold names.
    ///
    /// The diagnostic points at the line the YAML parser stopped on, in the record's own
    /// line numbers.
    ///
    /// ## Why is this bad?
    /// A record whose front matter does not parse loses its status, date and tags in every
    /// tool that reads it: it disappears from indexes and filtered lists, or stops a site
    /// build. (`adr` reads a record whose front matter holds no status from its body, when
    /// the body states the title and the status as an adr-tools record does; other tools
    /// do not.)
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: accepted
    /// tags: [backend, api
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// tags: [backend, api]
    /// ---
    /// ```
    pub(crate) struct FrontMatterSyntax { id: "front-matter-syntax", severity: Error, fixable: false, enabled: true, record: check_record, log: check_failures }
}

/// Front matter read from the body all the same, and keys with a value of the wrong shape
/// (`status` and `date` have rules of their own).
pub(crate) fn check_record(record: &Record, ctx: &mut RuleContext) {
    if let Some(unread) = &record.front_matter_unread {
        let unread = Unread {
            path: record.path(),
            source: Some(&record.source),
            message: &unread.message,
            line: Some(unread.line),
            column: Some(unread.column),
        };
        report_unread(&unread, ctx);
    }
    for issue in &record.field_issues {
        if issue.key == "status" || issue.key == "date" {
            continue;
        }
        ctx.report(
            &FrontMatterSyntax::META,
            record.path(),
            Some(issue.span),
            issue.message.clone(),
        )
        .help(format!(
            "write `{}` as a list of names, e.g. `{}: [alice, bob]`",
            issue.key, issue.key
        ));
    }
}

/// Files whose front matter could not be read at all.
pub(crate) fn check_failures(log: &LogFacts, ctx: &mut RuleContext) {
    for failure in &log.failures {
        if failure.kind != FailureKind::FrontMatterSyntax {
            continue;
        }
        let unread = Unread {
            path: &failure.path,
            source: failure.source.as_ref(),
            message: &failure.message,
            line: failure.line,
            column: failure.column,
        };
        report_unread(&unread, ctx);
    }
}

/// Front matter that could not be read, where it is and what the parser said: from a file
/// that failed to load, or from a record read from its body all the same.
struct Unread<'a> {
    path: &'a std::path::Path,
    source: Option<&'a crate::source::SourceFile>,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
}

fn report_unread(unread: &Unread<'_>, ctx: &mut RuleContext) {
    let (message, help) = split_message(unread.message);
    let span = unread_span(unread);
    let diagnostic = ctx.report(&FrontMatterSyntax::META, unread.path, span, message);
    if let Some(help) = help {
        diagnostic.help(help);
    } else {
        diagnostic.help("fix the YAML between the `---` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`");
    }
    if span.is_none()
        && let Some(line) = unread.line
    {
        diagnostic.position(line, unread.column.unwrap_or(1));
    }
}

/// The parser's messages read "what is wrong: what to do"; diagnostics keep the two apart.
fn split_message(message: &str) -> (String, Option<String>) {
    if message.starts_with("front matter is not valid YAML") {
        return (message.to_string(), None);
    }
    match message.split_once(": ") {
        Some((what, todo)) => (what.to_string(), Some(todo.to_string())),
        None => (message.to_string(), None),
    }
}

/// Where to point: for a duplicate key its second occurrence, else the parser's position.
fn unread_span(unread: &Unread<'_>) -> Option<Span> {
    let source = unread.source?;
    if let Some(key) = duplicate_key(unread.message)
        && let Some(span) = second_occurrence(source, key)
    {
        return Some(span);
    }
    let line = unread.line?;
    let line_span = source.line_span(line);
    let line_text = source.slice(line_span);
    let column = unread.column.unwrap_or(1).max(1);
    let offset = line_text
        .char_indices()
        .nth(column - 1)
        .map_or(line_text.len(), |(at, _)| at);
    let start = line_span.start + offset;
    let end = if start < line_span.end {
        line_span.end
    } else {
        start
    };
    Some(Span::new(start, end))
}

fn duplicate_key(message: &str) -> Option<&str> {
    let rest = message.split("duplicate entry with key \"").nth(1)?;
    rest.split('"').next()
}

fn second_occurrence(source: &crate::source::SourceFile, key: &str) -> Option<Span> {
    let mut seen = false;
    for line in 2..=source.line_count() {
        let span = source.line_span(line);
        let text = source.slice(span);
        if text.trim_end() == "---" {
            break;
        }
        let is_key = text
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'));
        if is_key {
            if seen {
                return Some(Span::new(span.start, span.start + key.len()));
            }
            seen = true;
        }
    }
    None
}
