//! A list of the records kept by hand in a file without index markers (adr-tools'
//! `generate toc`, a README written so): which runs of the file list records, by link, by
//! page address or by number, and which records they leave out or link by a stale name.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::path::Path;

use super::{has_markers, link_to, ordered_rows};
use crate::model::{LogMeta, RecordMeta};

/// A list of the records kept by hand in a file without index markers (adr-tools'
/// `generate toc`, or written so): where it is, and the records it does not link.
#[derive(Debug, PartialEq, Eq)]
pub struct HandList {
    /// The first and last lines (1-based) of each run of items or rows that lists records
    /// (a table's from its header): where markers would go.
    pub lines: Vec<(usize, usize)>,
    /// The links (relative to the file) of the records it leaves out, in the index's order.
    pub missing: Vec<String>,
    /// Its links to no file that name a record by its number (`0002-adr-format.md` for
    /// `0002-adr-format-with-madr.md`, renamed since), each with the record's link.
    pub stale: Vec<(String, String)>,
}

/// The records' list `existing` keeps by hand, when it has no index markers and its list
/// items or table rows link half of the log's records at least (`* [1. Use
/// X](0001-use-x.md)`, adr-tools' `generate toc`).
pub fn hand_list(existing: &str, log: &LogMeta, index_dir: &Path) -> Option<HandList> {
    if has_markers(existing) {
        return None;
    }
    let normal = |target: &str| {
        let target = target.split(['#', '?']).next().unwrap_or(target);
        crate::log_path::percent_decode(target.trim_start_matches("./"))
    };
    let records: Vec<&RecordMeta> = ordered_rows(log)
        .into_iter()
        .filter_map(|row| row.ok())
        .collect();
    let links: Vec<String> = records
        .iter()
        .map(|record| link_to(index_dir, record.path()))
        .collect();
    let wanted: std::collections::HashSet<String> = links.iter().map(|link| normal(link)).collect();
    // A record by the number of its file, when no other record has it.
    let mut by_number: std::collections::HashMap<u32, Option<&String>> =
        std::collections::HashMap::new();
    for (record, link) in records.iter().zip(&links) {
        if let Some(number) = record.number() {
            by_number
                .entry(number)
                .and_modify(|one| *one = None)
                .or_insert(Some(link));
        }
    }
    let renamed = |target: &str| {
        let (dir, name) = target.rsplit_once('/').unwrap_or(("", target));
        let number = crate::discover::FileName::parse(name)?.number?;
        let link = (*by_number.get(&number)?)?;
        let same_dir = link.rsplit_once('/').map_or("", |(dir, _)| dir) == dir;
        (same_dir && !index_dir.join(target).exists()).then(|| link.clone())
    };
    // What a link names: a record's page on the forge (`https://github.com/o/r/blob/main/
    // adr_01.md`, f0rw4rd-dev/sb-final-project's README) as well as its path, and a link
    // left as it was when its record was renamed (evencycu's adr-tools `generate toc`).
    let listed_by = |target: &str| {
        let on_forge = crate::log_path::forge_file_path(target).map(normal);
        let on_forge = on_forge.and_then(|path| {
            let ends = path
                .match_indices('/')
                .filter_map(|(at, _)| path.get(at + 1..));
            std::iter::once(path.as_str())
                .chain(ends)
                .find(|end| wanted.contains(*end))
                .map(str::to_string)
        });
        let normalised = on_forge.unwrap_or_else(|| normal(target));
        if wanted.contains(&normalised) {
            return Some((normalised, None));
        }
        // A docs site's page address (`0017-slug/`, vanixiets' hand-kept `index.md`).
        if let Some(file) = crate::log_path::page_address_file(&normalised)
            && wanted.contains(&file)
        {
            return Some((file, None));
        }
        let link = renamed(&normalised)?;
        Some((normal(&link), Some((target.to_string(), link))))
    };
    // An item that names a record by its number without a link (`- 0001 Modularny monolit`,
    // Nikovsky/Harcerski-System-Stopni's README).
    let named_by = |number: u32| Some(normal((*by_number.get(&number)?)?));
    let listed = list_blocks(existing, &listed_by, &named_by);
    let ListedBlocks {
        lines,
        linked,
        stale,
    } = listed;
    (!linked.is_empty() && linked.len() * 2 >= wanted.len()).then(|| HandList {
        lines,
        missing: links
            .into_iter()
            .filter(|link| !linked.contains(&normal(link)))
            .collect(),
        stale,
    })
}

impl HandList {
    /// Where the list is, as a message says it: `line 4`, `lines 3-6`, `lines 3-4 and 8-10`.
    pub fn lines_shown(&self) -> String {
        let spans: Vec<String> = self
            .lines
            .iter()
            .map(|&(first, last)| match first == last {
                true => format!("{first}"),
                false => format!("{first}-{last}"),
            })
            .collect();
        match spans.as_slice() {
            [one] if !one.contains('-') => format!("line {one}"),
            [one] => format!("lines {one}"),
            [rest @ .., last] => format!("lines {} and {last}", rest.join(", ")),
            [] => String::new(),
        }
    }

    /// The list's first line (1-based), where a message points.
    pub fn first_line(&self) -> usize {
        self.lines.first().map_or(1, |&(first, _)| first)
    }

    /// What is wrong with the list and what to do (`the list of records kept by hand here
    /// (lines 3-6) leaves out `0005-x.md`: list it there`); `None` when it links every
    /// record.
    pub fn problem(&self) -> Option<String> {
        let first_five = |items: Vec<String>| {
            let more = match items.len() {
                count if count > 5 => format!(" and {} more", count - 5),
                _ => String::new(),
            };
            let shown: Vec<String> = items.into_iter().take(5).collect();
            format!("{}{more}", shown.join(", "))
        };
        let mut wrong = Vec::new();
        let mut mend = Vec::new();
        if !self.missing.is_empty() {
            let them = if self.missing.len() == 1 {
                "it"
            } else {
                "them"
            };
            let missing = self
                .missing
                .iter()
                .map(|link| format!("`{link}`"))
                .collect();
            wrong.push(format!("leaves out {}", first_five(missing)));
            mend.push(format!("list {them} there"));
        }
        if !self.stale.is_empty() {
            let stale = self
                .stale
                .iter()
                .map(|(written, record)| format!("`{written}` (the record is `{record}`)"))
                .collect();
            wrong.push(format!(
                "links files that are not there: {}",
                first_five(stale)
            ));
            mend.push("mend the links".to_string());
        }
        (!wrong.is_empty()).then(|| {
            format!(
                "the list of records kept by hand here ({}) {}: {}",
                self.lines_shown(),
                wrong.join(", and "),
                mend.join(" and ")
            )
        })
    }
}

/// What a link in a list names: a record, by its normal link, and when the link went stale,
/// the link as written with the record's.
type Listed = (String, Option<(String, String)>);

/// The runs of `existing` that list records, `listed_by` telling what each link names: a
/// record (its normal link) and, when the link went stale, the link as written with the
/// record's; `named_by`, the record (its normal link) an item without a link names by its
/// number.
fn list_blocks(
    existing: &str,
    listed_by: &dyn Fn(&str) -> Option<Listed>,
    named_by: &dyn Fn(u32) -> Option<String>,
) -> ListedBlocks {
    let mut listed = ListedBlocks::default();
    let mut block = Block::default();
    for (index, line) in existing.lines().enumerate() {
        let item = line.trim_start();
        if item.is_empty() {
            // A loose list goes on after a blank line; a table ends there.
            if block.is_table {
                listed.close(std::mem::take(&mut block));
            }
            continue;
        }
        // A list item or a table row: prose that names a record (`start with [the
        // first](0001-….md)`) is no list.
        let is_row = item.starts_with('|');
        let is_item = is_row
            || item.starts_with(['*', '-', '+'])
            || item.split_once(['.', ')']).is_some_and(|(number, _)| {
                !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
            });
        // A nested list is a run of its own (`2. ADRs` over the records' items).
        let indent = line.len() - item.len();
        let nested = block.first.is_some() && indent != block.indent;
        if !is_item || is_row != block.is_table || nested {
            listed.close(std::mem::take(&mut block));
            if !is_item {
                continue;
            }
        }
        block.is_table = is_row;
        block.indent = indent;
        block.first.get_or_insert(index + 1);
        block.last = index + 1;
        if is_row && item.trim_matches(['|', '-', ':', ' ']).is_empty() {
            // The row above a table's delimiter row is its header, no record's row.
            if block.items == 1 && block.records.is_empty() {
                block.items = 0;
            }
            continue;
        }
        block.items += 1;
        let mut rest = line;
        let mut lists_one = false;
        while let Some((_, target)) = crate::model::first_markdown_link(rest) {
            let before = block.records.len();
            match listed_by(target) {
                Some((record, None)) => block.records.push(record),
                Some((record, Some(stale))) => {
                    block.stale.push(stale);
                    block.records.push(record);
                }
                None => {}
            }
            lists_one |= block.records.len() > before;
            rest = rest.split_once("](").map_or("", |(_, after)| after);
        }
        if crate::model::first_markdown_link(line).is_none() {
            // An item naming a file names that file: `0001-xxx.md`, a README's example of
            // the log's naming (zh-hile), names no record.
            let record_of = |name: &str| match listed_by(name) {
                Some((record, None)) => Some(record),
                _ => None,
            };
            let record = match file_named(item) {
                Some(name) => record_of(name),
                // `` | `0037-aws-test-resource-cleanup` | … `` (Brighter): a record's file
                // without `.md` names it, also where another record has its number.
                None => stems_named(item)
                    .find_map(|stem| record_of(&format!("{stem}.md")))
                    .or_else(|| number_named(item).and_then(named_by)),
            };
            if let Some(record) = record {
                block.records.push(record);
                lists_one = true;
            }
        }
        block.listing += usize::from(lists_one);
    }
    listed.close(block);
    listed
}

/// The Markdown file an item names without a link (`` - `0001-use-x.md` ``).
fn file_named(item: &str) -> Option<&str> {
    item.split(|c: char| c.is_whitespace() || matches!(c, '`' | '|' | '*'))
        .find(|word| {
            word.len() > 3
                && word
                    .get(word.len() - 3..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(".md"))
        })
}

/// The words of an item that may be a record's file name without `.md`: each opens with a
/// digit and goes on with more than digits (`0037-aws-test-resource-cleanup`).
fn stems_named(item: &str) -> impl Iterator<Item = &str> {
    item.split(|c: char| c.is_whitespace() || matches!(c, '`' | '|' | '*'))
        .filter(|word| {
            word.starts_with(|c: char| c.is_ascii_digit())
                && word.contains(['-', '_'])
                && !word.contains(['/', '\\'])
        })
}

/// The record number an item or row without a link opens with, written as a record's
/// (`- 0001 Title`, `| ADR-12 | Title |`, `* ADR 7: Title`): zero-padded or after `ADR`, so
/// that `- 2 weeks` names no record. An ordered list's own number is not one.
fn number_named(item: &str) -> Option<u32> {
    let text = item.trim_start_matches(['|', '*', '-', '+', ' ', '\t']);
    let ordinal = text.bytes().take_while(u8::is_ascii_digit).count();
    let text = match text.get(ordinal..) {
        Some(rest) if ordinal > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) => {
            rest.get(2..)?.trim_start()
        }
        _ => text,
    };
    let text = text.trim_start_matches(['[', '*', '_', '`']);
    let after_adr = ["ADR-", "ADR ", "ADR_", "adr-", "adr "]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix));
    let digits_of = |text: &str| text.bytes().take_while(u8::is_ascii_digit).count();
    let (text, padded) = match after_adr {
        Some(rest) => (rest, true),
        None => (text, text.starts_with('0') && digits_of(text) >= 2),
    };
    let digits = digits_of(text);
    let ends_there = text.get(digits..).is_some_and(|rest| {
        rest.is_empty() || rest.starts_with([' ', ':', '-', '.', ')', '|', ']', '*', '_', '`'])
    });
    (padded && digits > 0 && ends_there).then(|| text.get(..digits)?.parse().ok())?
}

/// A run of list items or table rows, as [`hand_list`] reads it.
#[derive(Default)]
struct Block {
    /// Its first and last lines (1-based): a table's from its header.
    first: Option<usize>,
    last: usize,
    is_table: bool,
    /// How far its items are indented.
    indent: usize,
    /// Its items (a table's rows below its header).
    items: usize,
    /// Its items that link a record.
    listing: usize,
    /// The records it links, by their normal links.
    records: Vec<String>,
    /// Its links to renamed records.
    stale: Vec<(String, String)>,
}

/// The runs of a file that list records: more than half their items link one. A list of
/// decisions deferred, one of whose items says where one was settled, lists none.
#[derive(Default)]
struct ListedBlocks {
    lines: Vec<(usize, usize)>,
    linked: std::collections::HashSet<String>,
    stale: Vec<(String, String)>,
}

impl ListedBlocks {
    fn close(&mut self, block: Block) {
        let Some(first) = block.first else {
            return;
        };
        if block.listing * 2 <= block.items {
            return;
        }
        self.lines.push((first, block.last));
        self.linked.extend(block.records);
        self.stale.extend(block.stale);
    }
}
