//! Resolving number collisions, for `adr renumber`. When two branches each add `0007-…` and
//! merge, the record that came first keeps 0007; every later one moves to the next free
//! number: its file name, the number in its H1 and front matter, and every link to it from
//! the log's Markdown files follow. "First" is the first commit that added the file when
//! the log is in git, else the file's modification time, with ties broken by name.
//! This module plans the changes; the command shows or applies them.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::discover::{FileName, SITE_MARKER};
use crate::edit::{Edit, apply_edits};
use crate::git::History;
use crate::log_path::file_name;
use crate::log_path::relative_slash_path;
use crate::model::{Link, Log, Record};
use crate::parse::strip_title_number;
use crate::source::{SourceFile, Span};

/// When a record arrived in the log, for deciding which of two records with one number
/// keeps it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Arrival {
    /// Files never committed come after every committed one.
    pub uncommitted: bool,
    /// When the file was first committed (Unix seconds), in git.
    pub committed_at: Option<i64>,
    /// Records with no date they state come after dated ones.
    pub undated: bool,
    /// The date the record states: a tie of commits (one commit added both) or of times (a
    /// fresh checkout gives every file one) is no order, and the record's own day is.
    pub date: Option<jiff::civil::Date>,
    /// The file's modification time.
    pub modified: Option<SystemTime>,
    /// The file name, the last tie-breaker.
    pub name: String,
}

impl Arrival {
    /// The arrival of each record, from git history when there is one, else from the disk.
    pub fn of_records(log: &Log, history: Option<&History>) -> HashMap<PathBuf, Arrival> {
        log.records
            .iter()
            .map(|record| {
                let committed_at =
                    history.and_then(|history| history.file(record.path())?.added_at);
                let date = record.date.as_ref().and_then(|date| date.value.valid());
                let arrival = Arrival {
                    uncommitted: history.is_some() && committed_at.is_none(),
                    committed_at,
                    undated: date.is_none(),
                    date,
                    modified: std::fs::metadata(record.path())
                        .and_then(|metadata| metadata.modified())
                        .ok(),
                    name: record.rel_path.clone(),
                };
                (record.path().clone(), arrival)
            })
            .collect()
    }

    /// What tells that `self` came before `later`: the first of the orders that differs.
    pub fn basis(&self, later: &Arrival) -> &'static str {
        if self.uncommitted != later.uncommitted || self.committed_at != later.committed_at {
            "first commit"
        } else if self.undated != later.undated || self.date != later.date {
            "the date it states"
        } else if self.modified != later.modified {
            "modification time"
        } else {
            "file name (nothing else tells them apart)"
        }
    }
}

/// One record moving to a new number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub number: u32,
    pub new_number: u32,
    pub from: PathBuf,
    pub to: PathBuf,
    /// Paths relative to the log directory, with `/`.
    pub rel_from: String,
    pub rel_to: String,
    /// The record that keeps the number.
    pub kept: String,
    /// What says the kept record came first ([`Arrival::basis`]).
    pub basis: &'static str,
}

/// A file whose text changes, and possibly its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub new_path: PathBuf,
    pub old_text: String,
    pub new_text: String,
}

/// A reference to a moved number that names no file (`superseded by ADR-0007`): after the
/// move it means the record that kept the number, which may not be what was meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousReference {
    pub path: PathBuf,
    pub line: usize,
    pub text: String,
    pub number: u32,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub moves: Vec<Move>,
    /// Sorted by current path.
    pub changes: Vec<FileChange>,
    pub ambiguous: Vec<AmbiguousReference>,
    /// Records that keep a number they share because the project accepts it.
    pub accepted: usize,
    /// Numbers shared with a folder record (`062-knowledge-graph/README.md`), and the
    /// folders holding them: a folder is renamed by hand, not by `adr renumber`.
    pub folder_clashes: Vec<FolderClash>,
}

/// A number shared with a folder record, and the paths of the records holding it.
pub type FolderClash = (u32, Vec<String>);

/// Plans the renumbering of every collision in the log.
pub fn plan(
    log: &Log,
    arrivals: &HashMap<PathBuf, Arrival>,
    accepted: &dyn Fn(&Path) -> bool,
) -> crate::error::Result<Plan> {
    let (moves, accepted, folder_clashes) = planned_moves(log, arrivals, accepted);
    if moves.is_empty() {
        return Ok(Plan {
            accepted,
            folder_clashes,
            ..Plan::default()
        });
    }
    let changes = file_changes(log, &moves)?;
    let ambiguous = ambiguous_references(log, &moves);
    Ok(Plan {
        moves,
        changes,
        ambiguous,
        accepted,
        folder_clashes,
    })
}

/// Each record but the first to arrive with a colliding number takes the next free one of
/// its series: numbers collide only within a series (a log, or a folder of a log numbered
/// per folder, as `number-duplicate` compares them), and the next free number is one past
/// the series' highest.
///
/// Records whose shared number the project accepts (`accepted`: `[lint.per-file-ignores]`
/// turns `number-duplicate` off for them) keep it; only the others move. A folder record
/// keeps its number too: its folder would need renaming, not its README. Each number it
/// shares (wellcomecollection's `rfcs/062-content-api-all-search/` and
/// `rfcs/062-knowledge-graph/`) is returned with the paths holding it, for the user.
fn planned_moves(
    log: &Log,
    arrivals: &HashMap<PathBuf, Arrival>,
    accepted: &dyn Fn(&Path) -> bool,
) -> (Vec<Move>, usize, Vec<FolderClash>) {
    let series = crate::layout::NumberSeries::new(
        &log.layout,
        log.records.iter().filter_map(|record| {
            Some((
                record.rel_path.as_str(),
                record.number()?,
                record.is_folder_record(),
            ))
        }),
    );
    let mut highest: HashMap<String, u32> = HashMap::new();
    let mut by_number: BTreeMap<(String, u32), Vec<&Record>> = BTreeMap::new();
    for record in &log.records {
        let Some(number) = record.number() else {
            continue;
        };
        let key = series.of(&record.rel_path, record.is_folder_record());
        let top = highest.entry(key.clone()).or_insert(number);
        *top = (*top).max(number);
        by_number.entry((key, number)).or_default().push(record);
    }
    for failure in &log.failures {
        if let Some(number) = failure.file.number {
            let top = highest
                .entry(series.of(&failure.rel_path, false))
                .or_insert(number);
            *top = (*top).max(number);
        }
    }
    let mut moves = Vec::new();
    let mut accepted_count = 0;
    let mut folder_clashes = Vec::new();
    for ((key, number), mut records) in by_number {
        if records.len() > 1 && records.iter().any(|record| record.is_folder_record()) {
            let paths = records
                .iter()
                .map(|record| record.rel_path.clone())
                .collect();
            folder_clashes.push((number, paths));
        }
        records.retain(|record| !record.is_folder_record());
        let titled: Vec<(&str, &str)> = records
            .iter()
            .filter_map(|record| {
                Some((
                    record.rel_path.as_str(),
                    record.title.as_ref()?.value.as_str(),
                ))
            })
            .collect();
        records.retain(|record| {
            !record.title.as_ref().is_some_and(|title| {
                crate::layout::is_archived_copy(&record.rel_path, &title.value, &titled)
            })
        });
        if records.len() < 2 {
            continue;
        }
        records.sort_by(|a, b| arrivals.get(a.path()).cmp(&arrivals.get(b.path())));
        let (staying, moving): (Vec<&Record>, Vec<&Record>) =
            records.iter().partition(|record| accepted(record.path()));
        accepted_count += staying.len();
        let (kept, moving) = match (staying.first(), moving.split_first()) {
            (Some(first), _) => (*first, &moving[..]),
            (None, Some((first, rest))) => (*first, rest),
            (None, None) => continue,
        };
        let kept_arrival = arrivals.get(kept.path());
        let kept = kept.rel_path.clone();
        let next_free = highest.entry(key).or_insert(number);
        for record in moving {
            // No number is left past u32::MAX: the record keeps its own (lint reports it).
            let Some(taken) = next_free.checked_add(1) else {
                continue;
            };
            *next_free = taken;
            let next_free = taken;
            let name = FileName::format(
                &record.file.scheme,
                next_free,
                record.slug(),
                record.file.date.as_deref().unwrap_or(""),
            );
            let to = record.path().with_file_name(&name);
            let rel_to = match record.rel_path.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{name}"),
                None => name.clone(),
            };
            moves.push(Move {
                number,
                new_number: next_free,
                from: record.path().clone(),
                to,
                rel_from: record.rel_path.clone(),
                rel_to,
                kept: kept.clone(),
                basis: kept_arrival
                    .zip(arrivals.get(record.path()))
                    .map_or("file name", |(kept, moved)| kept.basis(moved)),
            });
        }
    }
    (moves, accepted_count, folder_clashes)
}

/// The files whose text or name the moves change: the moved records, and every record or
/// other Markdown file of the log linking to one, sorted by path.
fn file_changes(log: &Log, moves: &[Move]) -> crate::error::Result<Vec<FileChange>> {
    let mut changes = Vec::new();
    let moved: HashMap<&str, &Move> = moves
        .iter()
        .map(|each| (each.rel_from.as_str(), each))
        .collect();
    for record in &log.records {
        let own_move = moved.get(record.rel_path.as_str()).copied();
        let mut edits = link_edits(&record.source, &record.rel_path, &record.links, &moved);
        edits.extend(front_matter_link_edits(record, &moved));
        if let Some(each) = own_move {
            edits.extend(number_edits(record, each));
        }
        let new_text = crate::edit::apply_record_edits(record, &edits)?;
        let new_path = own_move.map_or_else(|| record.path().clone(), |each| each.to.clone());
        if new_text != record.source.text || new_path != *record.path() {
            changes.push(FileChange {
                path: record.path().clone(),
                new_path,
                old_text: record.source.text.clone(),
                new_text,
            });
        }
    }
    for (path, rel_path) in other_markdown(log) {
        // The walk keeps regular files only (no links); a file over the cap is left alone.
        let Ok(text) = crate::fs::read_text_checked(&path, None, crate::fs::MAX_TEXT_BYTES) else {
            continue;
        };
        let source = SourceFile::new(&path, text);
        let links = crate::parse::markdown::outline(&source, source.bom_len(), false).links;
        let edits = link_edits(&source, &rel_path, &links, &moved);
        if edits.is_empty() {
            continue;
        }
        let new_text = apply_edits(&source.text, &edits);
        crate::edit::prove_outside_unchanged(&path, &source.text, &new_text, &edits)?;
        changes.push(FileChange {
            path: path.clone(),
            new_path: path,
            old_text: source.text,
            new_text,
        });
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(changes)
}

/// References to a moved number that name no file (see [`AmbiguousReference`]).
fn ambiguous_references(log: &Log, moves: &[Move]) -> Vec<AmbiguousReference> {
    let moved_numbers: Vec<u32> = moves.iter().map(|each| each.number).collect();
    log.records
        .iter()
        .flat_map(|record| {
            let status_ref = record
                .status
                .as_ref()
                .and_then(|status| Some((status.superseded_by.as_deref()?, status.line)));
            record
                .supersedes
                .iter()
                .map(|located| (&located.value, located.line))
                .chain(status_ref)
                .filter(|(reference, _)| reference.target.is_none())
                .filter_map(|(reference, line)| {
                    let number = reference.number?;
                    moved_numbers.contains(&number).then(|| AmbiguousReference {
                        path: record.path().clone(),
                        line,
                        text: reference.text.clone(),
                        number,
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Markdown files in the log that are not records (the README index, notes), which may
/// link to a moved record too.
fn other_markdown(log: &Log) -> Vec<(PathBuf, String)> {
    let records: Vec<&Path> = log
        .records
        .iter()
        .map(|record| record.path().as_path())
        .chain(log.failures.iter().map(|failure| failure.path.as_path()))
        .collect();
    walkdir::WalkDir::new(&log.dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !(entry.file_name().to_string_lossy().starts_with(['.', '_'])
                    || entry.path().join(SITE_MARKER).exists())
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| {
            entry
                .path()
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("md"))
        })
        .filter(|entry| !records.contains(&entry.path()))
        .map(|entry| {
            let path = entry.path().to_path_buf();
            let rel = relative_slash_path(&path, &log.dir);
            (path, rel)
        })
        .collect()
}

/// Rewrites links (inline and reference definitions) whose target is a moved record: the
/// file name in the target, and an id at the start of the link text (`ADR-0007`, `7. Title`).
fn link_edits(
    source: &SourceFile,
    from_rel: &str,
    links: &[Link],
    moved: &HashMap<&str, &Move>,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    for link in links.iter().filter(|link| link.is_relative()) {
        let Some(each) = crate::log_path::link_target(from_rel, &link.target)
            .and_then(|resolved| moved.get(resolved.as_str()).copied())
        else {
            continue;
        };
        let written = source.slice(link.span);
        let old_name = file_name(&each.rel_from);
        let new_name = file_name(&each.rel_to);
        let Some(target_at) = written.rfind(old_name) else {
            // A reference-style link: its definition line is rewritten below.
            continue;
        };
        let target_start = link.span.start + target_at;
        edits.push(Edit::replace(
            Span::new(target_start, target_start + old_name.len()),
            new_name,
        ));
        if let Some(text_edit) = link_text_edit(source, link.span, each) {
            edits.push(text_edit);
        }
    }
    edits.extend(reference_definition_edits(source, from_rel, moved));
    edits
}

/// `[7. Use Kafka](…)` / `[ADR-0007](…)`: the number at the start of the link text.
fn link_text_edit(source: &SourceFile, link_span: Span, each: &Move) -> Option<Edit> {
    let written = source.slice(link_span);
    let text = written.strip_prefix('[')?;
    let (start, len) = leading_id_digits(text, each.number)?;
    let digits = text.get(start..start + len)?;
    let at = link_span.start + 1 + start;
    Some(Edit::replace(
        Span::new(at, at + len),
        same_width(digits, each.new_number),
    ))
}

/// The byte range of the number `number` when `text` starts with an id for it: `ADR-0007`,
/// `ADR 7`, `adr_007`, `#7`, `0007`, `7. Title`. Offsets are counted in `text` itself (the
/// prefix test is ASCII-case-insensitive without a lowercased copy).
fn leading_id_digits(text: &str, number: u32) -> Option<(usize, usize)> {
    let mut at = 0;
    if text
        .get(..3)
        .is_some_and(|head| head.eq_ignore_ascii_case("adr"))
    {
        at = 3;
        at += text
            .get(at..)?
            .bytes()
            .take_while(|byte| matches!(byte, b'-' | b'_' | b' ' | b'#'))
            .count();
    } else if text.starts_with('#') {
        at = 1;
    }
    let len = text
        .get(at..)?
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if len == 0 || len > 9 {
        return None;
    }
    let value: u32 = text.get(at..at + len)?.parse().ok()?;
    let after = text.get(at + len..)?.chars().next();
    let ends = after.is_none_or(|c| !c.is_alphanumeric());
    (value == number && ends).then_some((at, len))
}

/// `new` written as wide as `digits` was (`0007` → `0009`, `7` → `9`).
fn same_width(digits: &str, new: u32) -> String {
    if digits.starts_with('0') {
        format!("{new:0width$}", width = digits.len())
    } else {
        new.to_string()
    }
}

/// `[label]: 0007-b.md` lines outside code.
fn reference_definition_edits(
    source: &SourceFile,
    from_rel: &str,
    moved: &HashMap<&str, &Move>,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut in_fence = false;
    for line in 1..=source.line_count() {
        let span = source.line_span(line);
        let text = source.slice(span);
        let trimmed = text.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !trimmed.starts_with('[') {
            continue;
        }
        let Some((before_colon, after)) = trimmed.split_once("]:") else {
            continue;
        };
        let close = before_colon.len();
        let target = after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(['<', '>']);
        let Some(each) = crate::log_path::link_target(from_rel, target)
            .and_then(|resolved| moved.get(resolved.as_str()).copied())
        else {
            continue;
        };
        let old_name = file_name(&each.rel_from);
        let offset = text.len() - trimmed.len() + close + 2;
        if let Some(at) = text.get(offset..).and_then(|rest| rest.find(old_name)) {
            let start = span.start + offset + at;
            edits.push(Edit::replace(
                Span::new(start, start + old_name.len()),
                file_name(&each.rel_to),
            ));
        }
    }
    edits
}

/// Links written inside front-matter values (`status: "superseded by [ADR-0007](0007-b.md)"`,
/// `supersedes: [0007-b.md]`), which Markdown parsing does not see.
fn front_matter_link_edits(record: &Record, moved: &HashMap<&str, &Move>) -> Vec<Edit> {
    let Some(front_matter) = &record.front_matter else {
        return Vec::new();
    };
    let source = &record.source;
    let yaml = source.slice(front_matter.yaml_span);
    let mut edits = Vec::new();
    for each in moved.values() {
        let Some(target_rel) = relative_target(&record.rel_path, &each.rel_from) else {
            continue;
        };
        let mut search_from = 0;
        while let Some(found) = yaml
            .get(search_from..)
            .and_then(|rest| rest.find(&target_rel))
        {
            let at = search_from + found;
            search_from = at + target_rel.len();
            let head = yaml.get(..at).unwrap_or_default();
            let before = head.chars().next_back();
            let after = yaml
                .get(at + target_rel.len()..)
                .and_then(|tail| tail.chars().next());
            let is_path_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
            if before.is_some_and(is_path_char) || after.is_some_and(is_path_char) {
                continue;
            }
            let start = front_matter.yaml_span.start + at;
            let new_target = relative_target(&record.rel_path, &each.rel_to).unwrap_or_default();
            edits.push(Edit::replace(
                Span::new(start, start + target_rel.len()),
                new_target,
            ));
            // `[ADR-0007](0007-b.md)`: the id in the link text before it.
            if let Some(before_link) = head.strip_suffix("](")
                && let Some(open) = before_link.rfind('[')
                && let Some(text) = before_link.get(open + 1..)
                && let Some((digits_at, len)) = leading_id_digits(text, each.number)
                && let Some(digits) = text.get(digits_at..digits_at + len)
            {
                let digits_start = front_matter.yaml_span.start + open + 1 + digits_at;
                edits.push(Edit::replace(
                    Span::new(digits_start, digits_start + len),
                    same_width(digits, each.new_number),
                ));
            }
        }
    }
    edits
}

fn relative_target(from_rel: &str, to_rel: &str) -> Option<String> {
    let link = crate::log_path::markdown_link(from_rel, to_rel);
    (!link.is_empty()).then_some(link)
}

/// The moved record's own number: in its H1 (`# 7. Title`), its front-matter `title`
/// (`0007 Title`) and a front-matter `number:` key.
fn number_edits(record: &Record, each: &Move) -> Vec<Edit> {
    let source = &record.source;
    let mut edits = Vec::new();
    if record.title_number == Some(each.number)
        && let Some(h1) = record.sections.iter().find(|section| section.level == 1)
        && let Some(edit) = title_number_edit(source, h1.heading_span, each)
    {
        edits.push(edit);
    }
    if let Some(title) = &record.front_matter_title
        && strip_title_number(&title.value).1 == Some(each.number)
        && let Some(edit) = title_number_edit(source, title.span, each)
    {
        edits.push(edit);
    }
    if let Some(entry) = record
        .front_matter
        .as_ref()
        .and_then(|front_matter| front_matter.get("number"))
    {
        let written = source.slice(entry.value_span);
        let digits = written.trim_matches(['"', '\'']);
        if digits.parse::<u32>().ok() == Some(each.number) {
            let at = entry.value_span.start + written.find(digits).unwrap_or(0);
            edits.push(Edit::replace(
                Span::new(at, at + digits.len()),
                same_width(digits, each.new_number),
            ));
        }
    }
    edits
}

/// Replaces the first run of digits equal to the old number in a title's text.
fn title_number_edit(source: &SourceFile, span: Span, each: &Move) -> Option<Edit> {
    let text = source.slice(span);
    let mut at = 0;
    while at < text.len() {
        let skip = text
            .get(at..)?
            .bytes()
            .take_while(|byte| !byte.is_ascii_digit())
            .count();
        at += skip;
        let len = text
            .get(at..)?
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if len == 0 {
            return None;
        }
        let digits = text.get(at..at + len)?;

        if digits.parse::<u32>().ok() == Some(each.number) {
            let start = span.start + at;
            return Some(Edit::replace(
                Span::new(start, start + len),
                same_width(digits, each.new_number),
            ));
        }
        at += len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_at_the_start_of_link_text() {
        assert_eq!(leading_id_digits("ADR-0007](x)", 7), Some((4, 4)));
        assert_eq!(leading_id_digits("7. Use Kafka", 7), Some((0, 1)));
        assert_eq!(leading_id_digits("adr 7", 7), Some((4, 1)));
        assert_eq!(leading_id_digits("#7", 7), Some((1, 1)));
        assert_eq!(leading_id_digits("70 things", 7), None);
        assert_eq!(leading_id_digits("Use Kafka", 7), None);
        assert_eq!(same_width("0007", 12), "0012");
        assert_eq!(same_width("7", 12), "12");
    }

    fn log_of(files: &[(&str, &str)]) -> Log {
        let records = files
            .iter()
            .map(|(name, text)| {
                let file = FileName::parse(name).unwrap();
                crate::parse::parse_record(
                    SourceFile::new(format!("/log/{name}"), text.to_string()),
                    name.to_string(),
                    file,
                )
                .unwrap()
            })
            .collect();
        Log::from_parts(PathBuf::from("/log"), records, Vec::new(), Vec::new())
    }

    fn arrival(name: &str, committed_at: Option<i64>) -> (PathBuf, Arrival) {
        (
            PathBuf::from(format!("/log/{name}")),
            Arrival {
                uncommitted: false,
                committed_at,
                undated: true,
                date: None,
                modified: None,
                name: name.to_string(),
            },
        )
    }

    #[test]
    fn the_first_arrival_keeps_the_number_and_ties_go_by_name() {
        let log = log_of(&[
            (
                "0001-a.md",
                "# 1. A\n\nSee [2. C](0002-c.md) and [ADR-0002](0002-b.md).\n",
            ),
            ("0002-b.md", "# 2. B\n"),
            ("0002-c.md", "# 2. C\n"),
            ("0002-d.md", "# 2. D\n"),
        ]);
        let arrivals: HashMap<PathBuf, Arrival> = [
            arrival("0001-a.md", Some(1)),
            arrival("0002-b.md", Some(50)),
            arrival("0002-c.md", Some(50)),
            arrival("0002-d.md", Some(10)),
        ]
        .into_iter()
        .collect();
        let plan = plan(&log, &arrivals, &|_| false).unwrap();
        let moves: Vec<(&str, &str, &str)> = plan
            .moves
            .iter()
            .map(|each| {
                (
                    each.rel_from.as_str(),
                    each.rel_to.as_str(),
                    each.kept.as_str(),
                )
            })
            .collect();
        assert_eq!(
            moves,
            [
                ("0002-b.md", "0003-b.md", "0002-d.md"),
                ("0002-c.md", "0004-c.md", "0002-d.md"),
            ]
        );
        let first = plan
            .changes
            .iter()
            .find(|change| change.path.ends_with("0001-a.md"))
            .unwrap();
        assert_eq!(
            first.new_text,
            "# 1. A\n\nSee [4. C](0004-c.md) and [ADR-0003](0003-b.md).\n"
        );
        let moved = plan
            .changes
            .iter()
            .find(|change| change.path.ends_with("0002-c.md"))
            .unwrap();
        assert_eq!(moved.new_path, PathBuf::from("/log/0004-c.md"));
        assert_eq!(moved.new_text, "# 4. C\n");
    }
}
