//! What makes `adr` a drop-in for adr-tools: its record template (`NUMBER. TITLE`,
//! `DATE`, `STATUS`, substituted the way its `sed` does), its file-name slugs, and the
//! exact shapes of `adr generate toc` and `adr generate graph`. The commands call these;
//! nothing here reads the disk.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::fmt::Write as _;

use crate::model::{Log, Record, Style};

/// adr-tools' own template (`/usr/share/adr-tools/template.md`), used in an adr-tools log
/// without a `templates/template.md` of its own.
pub const TEMPLATE: &str = include_str!("../templates/new/adr-tools.md");

/// The template a log of adr-tools keeps beside its records.
pub const LOG_TEMPLATE: &str = "templates/template.md";

/// Whether `adr new` should write as adr-tools does: the log is named by `.adr-dir`, or
/// its newest record is a Nygard one (`# 12. Title`, `Date:`, `## Status`). A record whose
/// front matter states its status is none of adr-tools' (buenhyden/hy-home.docker keeps
/// `status:` there above Nygard's sections): its log is not written as adr-tools writes,
/// with the status `Accepted` in a `## Status` section. (Front matter of a site's keys
/// alone, `title:`, is kept above adr-tools' record.)
pub fn is_adr_tools_log(named_by_adr_dir: bool, newest: Option<&Record>) -> bool {
    named_by_adr_dir
        || newest.is_some_and(|record| {
            record.style == Style::Nygard
                && record
                    .front_matter
                    .as_ref()
                    .is_none_or(|front_matter| front_matter.get("status").is_none())
        })
}

/// The template filled in as adr-tools' `sed` does it: on each line, the first `NUMBER`,
/// then the first `TITLE`, `DATE` and `STATUS`, each in the text the previous one left.
pub fn render(template: &str, number: u32, title: &str, date: &str, status: &str) -> String {
    let number = number.to_string();
    let mut out = String::with_capacity(template.len() + title.len());
    for line in template.split_inclusive('\n') {
        let mut line = line.to_string();
        for (placeholder, value) in [
            ("NUMBER", number.as_str()),
            ("TITLE", title),
            ("DATE", date),
            ("STATUS", status),
        ] {
            line = line.replacen(placeholder, value, 1);
        }
        out.push_str(&line);
    }
    out
}

/// adr-tools' slug: every run of characters other than ASCII letters and digits becomes one
/// `-`, lowercased, with none at either end (`tr -Ccs '[:alnum:]' -`). `None` for a title
/// outside ASCII, where `tr` would cut characters apart: `adr`'s own slug is used then.
/// At most [`crate::slug::MAX_SLUG_LEN`] characters.
pub fn slug(title: &str) -> Option<String> {
    if !title.is_ascii() {
        return None;
    }
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_matches('-').to_string();
    // Cut at a word's end as `adr`'s own slug is: adr-tools has no limit, and a long title
    // made a name the file system refused (`File name too long`).
    if slug.len() > crate::slug::MAX_SLUG_LEN {
        let cut = slug
            .get(..=crate::slug::MAX_SLUG_LEN)
            .and_then(|head| head.rfind('-'))
            .filter(|&at| at > 0)
            .unwrap_or(crate::slug::MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    (!slug.is_empty()).then_some(slug)
}

/// The records adr-tools lists (`adr list`): files `NNNN-….md` directly in the log, in
/// the order of their names; and the numbered records of other names (`adr-001-….md`,
/// `ccc-jb-001-….md`), which adr-tools would leave out of its reports, to write an empty
/// table of contents over a whole log.
fn listed(log: &Log) -> Vec<&Record> {
    let mut records: Vec<&Record> = log
        .records
        .iter()
        .filter(|record| {
            !record.rel_path.contains('/')
                && (record.rel_path.starts_with(|c: char| c.is_ascii_digit())
                    || record.file.number.is_some())
        })
        .collect();
    records.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    records
}

/// The first line without its first two characters (`head -1 | cut -c 3-`), when it is
/// the title (`# 1. Record architecture decisions`); else (front matter first) the title
/// as read, numbered as adr-tools numbers its titles.
fn title_line(record: &Record) -> String {
    let first = record
        .source
        .text
        .split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    if first.starts_with("# ") || record.title.is_none() {
        return first.chars().skip(2).collect();
    }
    let title = record.display_title();
    match record.file.number {
        Some(number) => format!("{number}. {title}"),
        None => title,
    }
}

/// `adr generate toc`: a heading, the intro, one bullet per record, the outro.
pub fn toc(log: &Log, intro: Option<&str>, outro: Option<&str>, link_prefix: &str) -> String {
    let mut out = String::from("# Architecture Decision Records\n\n");
    if let Some(intro) = intro.filter(|text| !text.is_empty()) {
        out.push_str(intro);
        out.push('\n');
    }
    for record in listed(log) {
        let _ = writeln!(
            out,
            "* [{}]({})",
            title_line(record),
            crate::log_path::markdown_destination(&format!("{link_prefix}{}", record.rel_path))
        );
    }
    if let Some(outro) = outro.filter(|text| !text.is_empty()) {
        out.push('\n');
        out.push_str(outro);
    }
    out
}

/// `adr generate graph`: Graphviz with a node per record, a dotted edge from each number
/// to the next, and the links of each Status section except those ending in " by".
pub fn graph(log: &Log, link_prefix: &str, link_extension: &str) -> String {
    let records = listed(log);
    let mut out = String::from("digraph {\n  node [shape=plaintext];\n  subgraph {\n");
    for record in &records {
        let number = number_of(record);
        let stem = record.rel_path.trim_end_matches(".md");
        let _ = writeln!(
            out,
            "    _{number} [label=\"{}\"; URL=\"{link_prefix}{stem}{link_extension}\"];",
            title_line(record)
        );
        if number > 1 {
            let _ = writeln!(
                out,
                "    _{} -> _{number} [style=\"dotted\", weight=1];",
                number - 1
            );
        }
    }
    out.push_str("  }\n");
    for record in &records {
        let number = number_of(record);
        for (target, label) in status_links(&record.source.text) {
            if !label.ends_with(" by") {
                let _ = writeln!(
                    out,
                    "  _{number} -> _{target} [label=\"{label}\", weight=0]"
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

/// The number as adr-tools reads it from the file name: up to the first `-`, zeros gone.
fn number_of(record: &Record) -> u64 {
    let head = record.rel_path.split('-').next().unwrap_or_default();
    head.trim_start_matches('0')
        .parse()
        .ok()
        // `adr-001-….md`: the number its name holds after the prefix.
        .or(record.file.number.map(u64::from))
        .unwrap_or(0)
}

/// adr-tools' `_adr_links`: the lines of the `## Status` section (up to the next line
/// starting with `#`) shaped `LABEL [text](0*N…)`, as (N, LABEL).
fn status_links(text: &str) -> Vec<(u64, String)> {
    let mut links = Vec::new();
    let mut in_status = false;
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.starts_with("## Status") {
            in_status = true;
            continue;
        }
        if !in_status {
            continue;
        }
        if line.starts_with('#') {
            break;
        }
        if let Some(link) = status_link(line) {
            links.push(link);
        }
    }
    links
}

/// `^(.+) \[.*\]\(0*([1-9][0-9]*).*\)` with sed's greedy matching: the label is everything
/// before the last ` [` that such a link follows.
fn status_link(line: &str) -> Option<(u64, String)> {
    let mut search_end = line.len();
    while let Some(at) = line.get(..search_end)?.rfind(" [") {
        let (label, rest) = (line.get(..at)?, line.get(at + 1..)?);
        if !label.is_empty()
            && let Some(number) = link_number(rest)
        {
            return Some((number, label.to_string()));
        }
        search_end = at;
    }
    None
}

/// The number of `[text](0*N…)` (the last `](` followed by digits), when the text ends
/// in `)`.
fn link_number(rest: &str) -> Option<u64> {
    if !rest.ends_with(')') {
        return None;
    }
    let mut candidates: Vec<&str> = rest
        .match_indices("](")
        .filter_map(|(at, _)| rest.get(at + 2..))
        .collect();
    candidates.reverse();
    candidates.into_iter().find_map(|target| {
        let digits: String = target
            .trim_start_matches('0')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok().filter(|number| *number > 0)
    })
}

/// The edits adr-tools makes to a record `adr new -s` supersedes: `Superseded by […](…)`
/// added at the end of its Status section and the line `Accepted` taken out, with the
/// blank lines after it (`_adr_add_link`, then `_adr_remove_status Accepted`). `None` when
/// the status line is not exactly `Accepted`: adr-tools would then leave the old status
/// above the new line, and `adr` replaces the status instead.
pub fn supersede_edits(old: &Record, superseded_line: &str) -> Option<Vec<crate::edit::Edit>> {
    let status = old.status.as_ref()?;
    if status.origin != crate::model::StatusOrigin::Section {
        return None;
    }
    let text = &old.source.text;
    let line_span = old.source.line_span(status.line);
    let line = text.get(line_span.start..line_span.end)?;
    if line.trim_end_matches(['\r', '\n']) != "Accepted" {
        return None;
    }
    // The line and the blank lines after it.
    let mut end = line_span.end;
    while let Some(rest) = text.get(end..) {
        let next = rest.find('\n').map_or(rest.len(), |at| at + 1);
        if next == 0 || !rest.get(..next)?.trim().is_empty() {
            break;
        }
        end += next;
    }
    let end = end.max(line_span.end);
    let removal = crate::edit::Edit::replace(crate::source::Span::new(line_span.start, end), "");
    let insertion = crate::relation::insertion(old, superseded_line);
    // The insertion goes before the next heading, after the removed span.
    (insertion.span.start >= end).then(|| vec![removal, insertion])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_sed() {
        assert_eq!(
            render(
                "# NUMBER. TITLE\n\nDate: DATE\n\nSTATUS STATUS\n",
                12,
                "Use DATE types",
                "2024-01-02",
                "Accepted"
            ),
            "# 12. Use 2024-01-02 types\n\nDate: 2024-01-02\n\nAccepted STATUS\n"
        );
    }

    #[test]
    fn slugs_like_tr() {
        assert_eq!(
            slug("Use PostgreSQL 16 (or later)!").as_deref(),
            Some("use-postgresql-16-or-later")
        );
        assert_eq!(slug("Don't panic").as_deref(), Some("don-t-panic"));
        assert_eq!(slug("Über"), None);
    }

    #[test]
    fn reads_status_links_greedily() {
        assert_eq!(
            // sed's `(.+)` is greedy: it stops at the last ` [` a link follows.
            status_link("Amends [1. Record [x] decisions](0001-record.md)"),
            Some((1, "Amends [1. Record".to_string()))
        );
        assert_eq!(
            status_link("Superseded by [12. Y](0012-y.md)"),
            Some((12, "Superseded by".to_string()))
        );
        assert_eq!(status_link("Accepted"), None);
    }
}
