//! Whole lines out and in: the lines metadata leaves behind go (with one blank line of a
//! run, so no double blank line is left), and a status section's other lines (`Supersedes
//! [3. …](…)`) are carried to "More Information".
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeSet;

use crate::edit::{Edit, apply_edits};
use crate::model::Record;
use crate::source::{SourceFile, Span};

/// Deletes whole lines; a run of deleted lines between two blank lines takes one of them
/// along, so no double blank line is left where metadata was.
pub(super) fn line_removals(source: &SourceFile, lines: &BTreeSet<usize>) -> Vec<Edit> {
    let is_blank = |line: usize| source.slice(source.line_span(line)).trim().is_empty();
    let line_count = source.line_count();
    let mut all = lines.clone();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == line => *last = line,
            _ => runs.push((line, line)),
        }
    }
    for &(first, last) in &runs {
        let before_blank = first == 1 || (is_blank(first - 1) && !all.contains(&(first - 1)));
        if last >= line_count {
            // The run ends the file: the blank line before it would now end it instead.
            if first > 1 && is_blank(first - 1) {
                all.insert(first - 1);
            }
        } else if before_blank && is_blank(last + 1) {
            all.insert(last + 1);
        }
    }
    let mut edits = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for &line in &all {
        run = match run {
            Some((first, last)) if last + 1 == line => Some((first, line)),
            Some((first, last)) => {
                edits.push(remove_lines(source, first, last));
                Some((line, line))
            }
            None => Some((line, line)),
        };
    }
    if let Some((first, last)) = run {
        edits.push(remove_lines(source, first, last));
    }
    edits
}

fn remove_lines(source: &SourceFile, first: usize, last: usize) -> Edit {
    let start = source.line_start(first);
    let end = source.line_start(last + 1);
    Edit::replace(Span::new(start, end), "")
}

/// Appends the lines kept from a status section to "More Information", creating the section
/// at the end of the record when there is none.
pub(super) fn append_more_information(
    record: &Record,
    carried: &[String],
    newline: &str,
) -> String {
    let text = &record.source.text;
    let block = carried.join(newline);
    let section = record
        .sections
        .iter()
        .find(|section| section.level == 2 && section.is_named("More Information"));
    let edit = match section {
        Some(section) => {
            // Before any subsection, after the section's own last line.
            let own_end = record
                .sections
                .iter()
                .find(|inner| {
                    inner.span.start > section.span.start && inner.span.start < section.span.end
                })
                .map_or(section.span.end, |inner| inner.span.start);
            let own = text.get(section.span.start..own_end).unwrap_or("");
            let at = section.span.start + crate::source::content_end(own);
            Edit::insert(at, format!("{newline}{newline}{block}"))
        }
        None => {
            let at = crate::source::content_end(text);
            Edit::insert(
                at,
                format!("{newline}{newline}## More Information{newline}{newline}{block}"),
            )
        }
    };
    let mut migrated = apply_edits(text, &[edit]);
    if text.ends_with('\n') && !migrated.ends_with('\n') {
        migrated.push_str(newline);
    }
    migrated
}
