//! The [`Log`]: every record of one ADR directory, loaded once (by `crate::load`, in
//! parallel) and read-only afterwards, plus the files that could not be read as records. Lookups by number, file
//! name and slug are indexed so log-wide checks stay linear.

use rayon::slice::ParallelSliceMut;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::discover::{self, FileName, NamingScheme};
use crate::model::{Record, RecordRef};
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FailureKind {
    /// The file could not be read (permissions, a directory named like a record).
    Unreadable,
    NotUtf8,
    TooLarge,
    /// The front matter is unclosed, not YAML, or not a mapping.
    FrontMatterSyntax,
}

/// A file named like a record that could not be read as one.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub rel_path: String,
    pub file: FileName,
    pub kind: FailureKind,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The text, when it could be read (for snippets in diagnostics).
    pub source: Option<SourceFile>,
}

/// What a [`Log`] holds one of per record: the full [`Record`], or a partial view of it
/// (lint's log-wide rules get only the facts they read). A log sorts and looks its entries
/// up by their file name and path alone.
pub trait LogEntry {
    /// What the record's file name says (number, date, slug).
    fn file_name(&self) -> &FileName;
    /// Path relative to the log directory, with `/` separators.
    fn log_path(&self) -> &str;
    /// The record's date, for an entry that keeps it.
    fn date(&self) -> Option<&crate::model::DateValue> {
        None
    }
    /// Reads the record's date, if it could be either of two days, in `order`: the one the
    /// log's other dates show ([`Log::from_parts`]).
    fn read_date_in(&mut self, _order: crate::model::DayOrMonthFirst) {}
}

impl LogEntry for Record {
    fn file_name(&self) -> &FileName {
        &self.file
    }

    fn log_path(&self) -> &str {
        &self.rel_path
    }

    fn date(&self) -> Option<&crate::model::DateValue> {
        self.date.as_ref().map(|date| &date.value)
    }

    fn read_date_in(&mut self, order: crate::model::DayOrMonthFirst) {
        if let Some(date) = &mut self.date {
            date.value.read_in(order);
        }
    }
}

/// A record known by its file only, as discovery lists it: what references resolve against
/// by number, file name and slug, without reading the file (`adr export`'s first pass).
#[derive(Debug, Clone)]
pub struct ListedFile {
    /// Path relative to the log directory, with `/` separators.
    pub rel_path: String,
    pub file: FileName,
}

impl LogEntry for ListedFile {
    fn file_name(&self) -> &FileName {
        &self.file
    }

    fn log_path(&self) -> &str {
        &self.rel_path
    }
}

/// Every record of one ADR directory (as `R`: a full [`Record`] unless a consumer keeps
/// less), the files that could not be read as records, and the lookups between them.
#[derive(Debug)]
pub struct Log<R = Record> {
    pub dir: PathBuf,
    /// Sorted by number, then date (log4brains names), then path.
    pub records: Vec<R>,
    pub failures: Vec<LoadFailure>,
    /// Markdown files in the directory that follow no record naming scheme.
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Markdown files not read as records (templates, parts of folder records), and why.
    pub skipped: Vec<discover::Skipped>,
    /// The log's own template, whose headings custom-layout records are checked against.
    pub template: Option<crate::model::LogTemplate>,
    /// The logs the records belong to, when the project has several or numbers per folder
    /// (see [`crate::layout`]); record paths are then relative to the project root.
    pub layout: crate::layout::Layout,
    lookup: RecordLookup,
}

/// Where records are in a sorted list, by number, file name and slug: what a reference
/// from one record to another is resolved with. The site keeps its own list of records
/// and resolves with the same rules.
///
/// Each index is a sorted list, not a map of owned keys: at 99,999 records the maps were
/// 29 MB of lint's peak memory (heaptrack), the lists are a third of that.
#[derive(Debug, Default)]
pub struct RecordLookup {
    /// Record numbers, sorted, beside the index of the record holding each.
    numbers: Vec<u32>,
    number_indices: Vec<usize>,
    file_names: SortedNames,
    slugs: SortedNames,
    /// Where each record is, when the project has several logs.
    several: Option<Box<SeveralLogs>>,
}

/// Names (file names or slugs) of records, sorted for lookup: one string holding them all,
/// and for each its place in it and its record, in order of name and then of record.
#[derive(Debug, Default)]
struct SortedNames {
    text: String,
    /// (start, end) of the name in `text`, and the record's index.
    entries: Vec<(usize, usize, usize)>,
}

impl SortedNames {
    fn with_capacity(names: usize, bytes: usize) -> SortedNames {
        SortedNames {
            text: String::with_capacity(bytes),
            entries: Vec::with_capacity(names),
        }
    }

    fn push(&mut self, name: &str, index: usize) {
        let start = self.text.len();
        self.text.push_str(name);
        self.entries.push((start, self.text.len(), index));
    }

    fn name(&self, (start, end, _): &(usize, usize, usize)) -> &str {
        self.text.get(*start..*end).unwrap_or_default()
    }

    /// Sorts the names, and gives back what growing them left spare: a lookup lives as long
    /// as its log, and at 99,999 records the spare was 6 MB of a render's peak.
    fn sort(&mut self) {
        let mut entries = std::mem::take(&mut self.entries);
        // On every core: at 99,999 records sorting the slugs and file names was 60 ms of
        // one core in every command that resolves references.
        entries.par_sort_unstable_by(|a, b| self.name(a).cmp(self.name(b)).then(a.2.cmp(&b.2)));
        entries.shrink_to_fit();
        self.entries = entries;
        self.text.shrink_to_fit();
    }

    /// The records named `name`, in the log's order.
    fn matching(&self, name: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
        let start = self
            .entries
            .partition_point(|entry| self.name(entry) < name);
        let end = self
            .entries
            .partition_point(|entry| self.name(entry) <= name);
        self.entries
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .map(|(_, _, index)| *index)
    }
}

/// What resolving across several logs needs: each record's path and log.
#[derive(Debug)]
struct SeveralLogs {
    layout: crate::layout::Layout,
    rel_paths: Vec<String>,
    /// Each record's log, as its index in the layout.
    part_of: Vec<usize>,
    by_rel_path: HashMap<String, usize>,
}

impl RecordLookup {
    /// Indexes records given in order as (number, path relative to the log, slug).
    pub fn new<'r>(records: impl Iterator<Item = (Option<u32>, &'r str, &'r str)> + Clone) -> Self {
        // Sized first: grown a push at a time, the lists and names were reallocated and
        // copied a dozen times each (at 99,999 records 4 % of a one-record re-render's CPU).
        let (mut count, mut name_bytes, mut slug_bytes) = (0, 0, 0);
        for (_, rel_path, slug) in records.clone() {
            count += 1;
            name_bytes += crate::log_path::file_name(rel_path).len();
            slug_bytes += slug.len();
        }
        let mut numbered: Vec<(u32, usize)> = Vec::with_capacity(count);
        let mut file_names = SortedNames::with_capacity(count, name_bytes);
        let mut slugs = SortedNames::with_capacity(count, slug_bytes);
        for (index, (number, rel_path, slug)) in records.enumerate() {
            if let Some(number) = number {
                numbered.push((number, index));
            }
            file_names.push(crate::log_path::file_name(rel_path), index);
            slugs.push(slug, index);
        }
        numbered.sort_unstable();
        file_names.sort();
        slugs.sort();
        RecordLookup {
            numbers: numbered.iter().map(|(number, _)| *number).collect(),
            number_indices: numbered.into_iter().map(|(_, index)| index).collect(),
            file_names,
            slugs,
            several: None,
        }
    }

    /// The records numbered `number`, in the log's order.
    pub fn by_number(&self, number: u32) -> &[usize] {
        let start = self.numbers.partition_point(|known| *known < number);
        let end = self.numbers.partition_point(|known| *known <= number);
        self.number_indices.get(start..end).unwrap_or_default()
    }

    /// The record with this file name (the last in the log's order if several logs share
    /// it).
    pub fn by_file_name(&self, name: &str) -> Option<usize> {
        self.file_names.matching(name).last()
    }

    /// The first record, in the log's order, with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<usize> {
        self.slugs.matching(slug).next()
    }

    /// Places the records (given in the lookup's order by path) in `layout`'s logs, so
    /// that references resolve within a record's own log; nothing to do for one log.
    pub fn place<'r>(
        &mut self,
        layout: &crate::layout::Layout,
        rel_paths: impl Iterator<Item = &'r str>,
    ) {
        if !layout.has_several() {
            self.several = None;
            return;
        }
        let rel_paths: Vec<String> = rel_paths.map(str::to_string).collect();
        self.several = Some(Box::new(SeveralLogs {
            part_of: rel_paths.iter().map(|rel| layout.part_index(rel)).collect(),
            by_rel_path: rel_paths
                .iter()
                .enumerate()
                .map(|(index, rel)| (rel.clone(), index))
                .collect(),
            rel_paths,
            layout: layout.clone(),
        }));
    }

    /// The record the record at `from` (an index of this lookup) means by `reference`:
    /// see [`RecordLookup::resolve_from`].
    pub fn resolve_at(&self, from: usize, reference: &RecordRef) -> Option<usize> {
        match &self.several {
            None => self.resolve(reference),
            Some(several) => self.resolve_from(several.rel_paths.get(from)?, reference),
        }
    }

    /// The record the record at `from_rel_path` means by `reference`. With several logs a
    /// bare number or slug names a record of `from`'s own log, `backend:0003` one of the
    /// log named, and a relative link the file it leads to; with one log this is
    /// [`RecordLookup::resolve`].
    pub fn resolve_from(&self, from_rel_path: &str, reference: &RecordRef) -> Option<usize> {
        let Some(several) = &self.several else {
            return self.resolve(reference);
        };
        let part = match &reference.log {
            Some(name) => several
                .layout
                .parts
                .iter()
                .position(|part| part.name == *name)?,
            None => several.layout.part_index(from_rel_path),
        };
        let in_part = |index: &usize| several.part_of.get(*index) == Some(&part);
        if reference.log.is_none()
            && let Some(target) = &reference.target
            && !target.contains(':')
        {
            let decoded = crate::log_path::percent_decode(target);
            let joined = crate::log_path::link_target(from_rel_path, &decoded)?;
            if let Some(index) = several.by_rel_path.get(&joined) {
                return Some(*index);
            }
            let name = crate::log_path::file_name(&joined);
            return (0..several.rel_paths.len()).filter(in_part).find(|index| {
                several
                    .rel_paths
                    .get(*index)
                    .is_some_and(|rel| crate::log_path::file_name(rel) == name)
            });
        }
        if let Some(number) = reference.number {
            return self.by_number(number).iter().copied().find(in_part);
        }
        let slug = reference.slug.as_deref()?;
        self.slugs.matching(slug).find(in_part)
    }

    /// The record a reference names: by link target, then number, then slug.
    pub fn resolve(&self, reference: &RecordRef) -> Option<usize> {
        if reference.log.is_some() {
            // `backend:0003` names a record only where the project's logs are known.
            return self
                .several
                .as_ref()
                .and_then(|_| self.resolve_from("", reference));
        }
        if let Some(target) = &reference.target {
            let path = target.split(['#', '?']).next().unwrap_or(target);
            let name = crate::log_path::percent_decode(path.rsplit('/').next().unwrap_or(path));
            if let Some(index) = self.by_file_name(&name) {
                return Some(index);
            }
            // A link to a record file that is not in the log (renumbered or renamed since)
            // names first the record keeping its slug: by its number alone it named
            // whichever record holds that number now, and `lint --fix` wrote a back-link
            // into that unrelated record. A record renamed under its number keeps the number.
            if let Some(index) = reference.slug.as_ref().and_then(|slug| self.by_slug(slug)) {
                return Some(index);
            }
        }
        if let Some(number) = reference.number
            && let Some(&index) = self.by_number(number).first()
        {
            return Some(index);
        }
        self.by_slug(reference.slug.as_ref()?)
    }
}

impl<R: LogEntry> Log<R> {
    /// The Markdown files named like no record that may be records misnamed: those in a
    /// folder that holds records, or all of them while the log holds none. A file in a
    /// sub-folder without records (`guides/`, `reports/`) is a document beside the log;
    /// `adr lint` (filename-format) and `adr index` say the same of them.
    pub fn misnamed_candidates(&self) -> Vec<&(PathBuf, String)> {
        fn folder(rel: &str) -> &str {
            rel.rsplit_once('/').map_or("", |(dir, _)| dir)
        }
        let record_dirs: std::collections::HashSet<&str> = self
            .records
            .iter()
            .map(|record| folder(record.log_path()))
            .collect();
        self.unnamed_markdown
            .iter()
            .filter(|(_, rel)| {
                let dir = folder(rel);
                dir.is_empty() || record_dirs.contains(dir) || self.records.is_empty()
            })
            .collect()
    }

    /// A log of records already read (sorted here), failures and misnamed Markdown files.
    pub fn from_parts(
        dir: PathBuf,
        mut records: Vec<R>,
        failures: Vec<LoadFailure>,
        unnamed_markdown: Vec<(PathBuf, String)>,
    ) -> Log<R> {
        // The keys end in the path, so no two are equal and an unstable sort gives the one
        // order, without the scratch copy of the records a stable sort allocates.
        records.sort_unstable_by(|a, b| {
            sort_key(a.file_name(), a.log_path()).cmp(&sort_key(b.file_name(), b.log_path()))
        });
        let lookup = RecordLookup::new(records.iter().map(|record| {
            let file = record.file_name();
            (file.number, record.log_path(), file.slug.as_str())
        }));
        if let Some(order) = crate::model::ambiguous_dates_order(records.iter().filter_map(R::date))
        {
            records
                .iter_mut()
                .for_each(|record| record.read_date_in(order));
        }
        Log {
            dir,
            records,
            failures,
            unnamed_markdown,
            skipped: Vec::new(),
            template: None,
            layout: crate::layout::Layout::default(),
            lookup,
        }
    }

    /// The log placed in `layout`: with several logs the records are sorted by log (in
    /// the order of the layout), then as in one log, and references resolve within a
    /// record's own log.
    pub fn with_layout(mut self, layout: crate::layout::Layout) -> Log<R> {
        if let Some(lookup) = order_by_layout(&mut self.records, &layout) {
            self.lookup = lookup;
        }
        self.layout = layout;
        self
    }

    /// The name of the log holding `record`, when the project has several.
    pub fn log_name_of(&self, record: &R) -> Option<&str> {
        self.log_name_at(record.log_path())
    }

    /// The name of the log holding the record at `rel_path`, when the project has several.
    pub fn log_name_at(&self, rel_path: &str) -> Option<&str> {
        self.layout
            .named_log_of(rel_path)
            .map(|part| part.name.as_str())
    }

    /// Whether this log can tell if `reference` names a record: not `backend:0003` when
    /// only one of the project's logs is loaded (`--log NAME`).
    pub fn can_resolve(&self, reference: &RecordRef) -> bool {
        reference.log.is_none() || self.layout.has_several()
    }

    /// The index in [`Log::records`] of [`Log::resolve_from`]'s record.
    pub fn index_from(&self, from: &R, reference: &RecordRef) -> Option<usize> {
        self.lookup.resolve_from(from.log_path(), reference)
    }

    /// The record `from` means by `reference` (see [`RecordLookup::resolve_from`]).
    pub fn resolve_from(&self, from: &R, reference: &RecordRef) -> Option<&R> {
        self.resolve_from_path(from.log_path(), reference)
    }

    /// The record the record at `from_rel_path` means by `reference`, for a caller that
    /// holds that record in another shape (`export` streams full records against a
    /// [`crate::model::LogMeta`]).
    pub fn resolve_from_path(&self, from_rel_path: &str, reference: &RecordRef) -> Option<&R> {
        self.lookup
            .resolve_from(from_rel_path, reference)
            .and_then(|index| self.records.get(index))
    }

    /// The records with this number (more than one when numbers collide).
    pub fn by_number(&self, number: u32) -> impl Iterator<Item = &R> {
        self.lookup
            .by_number(number)
            .iter()
            .filter_map(|&index| self.records.get(index))
    }

    pub fn by_file_name(&self, name: &str) -> Option<&R> {
        self.lookup
            .by_file_name(name)
            .and_then(|index| self.records.get(index))
    }

    /// Finds the record a reference names: by link target, then number, then slug.
    pub fn resolve(&self, reference: &RecordRef) -> Option<&R> {
        self.lookup
            .resolve(reference)
            .and_then(|index| self.records.get(index))
    }

    /// The index lookups [`Log::resolve`] uses, for code that keeps records by index.
    pub fn lookup(&self) -> &RecordLookup {
        &self.lookup
    }

    /// The one record at an address `adr list` prints for a series folder's record
    /// (`3rd-party-technical-review/0004`, guardian/dotcom-rendering), or named by its
    /// timestamp, which is no number (`20240603162604`, zero-logement-vacant).
    pub fn find_by_address(&self, query: &str) -> Option<&R> {
        if query.len() >= 8 && query.bytes().all(|b| b.is_ascii_digit()) {
            return the_only(self.records.iter().filter(move |record| {
                let name = record.log_path().rsplit('/').next().unwrap_or_default();
                record.file_name().number.is_none()
                    && name
                        .strip_prefix(query)
                        .is_some_and(|rest| rest.starts_with(['-', '_']))
            }));
        }
        let (folder, digits) = query.rsplit_once('/')?;
        let number = digits.parse::<u32>().ok()?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        the_only(self.records.iter().filter(move |record| {
            record.file_name().number == Some(number)
                && record
                    .log_path()
                    .rsplit_once('/')
                    .is_some_and(|(dir, _)| dir == folder)
        }))
    }

    /// Finds a record by what a user types: `7`, `0007`, `ADR-7`, a file name or a slug.
    pub fn find(&self, query: &str) -> Option<&R> {
        let query = query.trim();
        if let Some(record) = self
            .by_file_name(query)
            .or_else(|| self.by_file_name(&format!("{query}.md")))
        {
            return Some(record);
        }
        if let Some(reference) = RecordRef::parse(query)
            && let Some(record) = self.resolve(&reference)
        {
            return Some(record);
        }
        self.lookup
            .by_slug(query)
            .and_then(|index| self.records.get(index))
    }

    /// The highest record number in use, counting files that failed to parse.
    pub fn highest_number(&self) -> Option<u32> {
        self.records
            .iter()
            .map(LogEntry::file_name)
            .chain(self.failures.iter().map(|failure| &failure.file))
            .filter_map(|file| file.number)
            .max()
    }

    /// The number a new record takes, as text for messages: `1` in an empty log, or
    /// a note that none is left when the highest is `u32::MAX` (never a wrap to 0).
    pub fn next_number_label(&self) -> String {
        match self.highest_number() {
            None => "1".to_string(),
            Some(highest) => highest.checked_add(1).map_or_else(
                || "none is left: renumber the log".to_string(),
                |next| next.to_string(),
            ),
        }
    }

    pub fn len(&self) -> usize {
        self.records.len() + self.failures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Sorts `records` by log (in the order of `layout`), then as in one log, and gives their
/// lookup placed in `layout`; `None` (and the records untouched) when it has one log.
pub(crate) fn order_by_layout<R: LogEntry>(
    records: &mut [R],
    layout: &crate::layout::Layout,
) -> Option<RecordLookup> {
    if !layout.has_several() {
        return None;
    }
    records.sort_by_cached_key(|record| {
        let (number, unnumbered, date, path) = sort_key(record.file_name(), record.log_path());
        (
            layout.part_index(record.log_path()),
            number,
            unnumbered,
            date.map(str::to_string),
            path.to_string(),
        )
    });
    let mut lookup = RecordLookup::new(records.iter().map(|record| {
        let file = record.file_name();
        (file.number, record.log_path(), file.slug.as_str())
    }));
    lookup.place(layout, records.iter().map(LogEntry::log_path));
    Some(lookup)
}

/// The order of a log: by number, then date (log4brains names), then path.
pub fn sort_key<'a>(
    file: &'a FileName,
    rel_path: &'a str,
) -> (u32, bool, Option<&'a str>, &'a str) {
    (
        file.number.unwrap_or(u32::MAX),
        file.number.is_none(),
        file.date.as_deref(),
        rel_path,
    )
}

/// Whether a log's dated names are newer than its numbered ones: it went on in dated names
/// after numbered ones (log4brains' `init` numbers the first two records and names every
/// later one by its date: IntersectMBO's UPLC-CAPE log), at least as many dated as numbered.
pub fn dates_are_newer<'f>(files: impl Iterator<Item = &'f FileName>) -> bool {
    let (mut dated, mut numbered) = (0usize, 0usize);
    for file in files {
        match (file.number, &file.date) {
            (None, Some(_)) => dated += 1,
            (Some(_), _) => numbered += 1,
            _ => {}
        }
    }
    dated >= 2 && dated >= numbered
}

/// How recent a record is by its file name, for newest-first orders: by number, then date,
/// dated names first where [`dates_are_newer`].
pub fn age_of(file: &FileName, dates_are_newer: bool) -> (bool, Option<u32>, Option<String>) {
    (
        dates_are_newer && file.date.is_some(),
        file.number,
        file.date.clone(),
    )
}

/// The naming scheme of the most recent record, which `adr new` follows.
pub fn dominant_scheme(files: &[&FileName]) -> Option<NamingScheme> {
    // The scheme most of the newest five records are named in, the newest's on a tie: a log
    // that changed its naming goes on in the new one, and one record named apart from the
    // rest (`ADR-11-…` after `ADR-0010-…`, review N's ecto log) is no new naming.
    let mut newest: Vec<&&FileName> = files.iter().collect();
    let dated_newer = dates_are_newer(files.iter().copied());
    newest.sort_by_key(|file| std::cmp::Reverse(age_of(file, dated_newer)));
    newest.truncate(5);
    let count = |scheme: &NamingScheme| newest.iter().filter(|file| &file.scheme == scheme).count();
    let latest = newest.first()?;
    let most = newest
        .iter()
        .map(|file| &file.scheme)
        .max_by_key(|scheme| (count(scheme), std::ptr::eq(*scheme, &latest.scheme)))?;
    Some(most.clone())
}

/// The one item of `found`; `None` for none or more.
fn the_only<'a, R>(mut found: impl Iterator<Item = &'a R>) -> Option<&'a R> {
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordRef;

    fn lookup() -> RecordLookup {
        RecordLookup::new(
            [
                (Some(14), "0014-compliance.md", "compliance"),
                (Some(16), "0016-file-uploads.md", "file-uploads"),
                (
                    Some(25),
                    "0025-compliance-documentation.md",
                    "compliance-documentation",
                ),
                (Some(24), "0024-use-#-as-indicator.md", "use-#-as-indicator"),
            ]
            .into_iter(),
        )
    }

    fn resolved(text: &str) -> Option<usize> {
        lookup().resolve(&RecordRef::parse(text).unwrap())
    }

    #[test]
    fn a_new_record_is_named_as_most_of_the_newest_are() {
        let parsed = |names: &[&str]| -> Vec<FileName> {
            names
                .iter()
                .map(|name| FileName::parse(name).unwrap())
                .collect()
        };
        let scheme = |files: &[FileName]| dominant_scheme(&files.iter().collect::<Vec<_>>());
        // ecto: one record named apart from the rest is no new naming.
        let ecto = parsed(&[
            "ADR-0008-a.md",
            "ADR-0009-b.md",
            "ADR-0010-c.md",
            "ADR-11-d.md",
        ]);
        assert_eq!(scheme(&ecto), Some(ecto[0].scheme.clone()));
        // A log that changed its naming goes on in the new one.
        let changed = parsed(&["ADR-0008-a.md", "0009-b.md", "0010-c.md", "0011-d.md"]);
        assert_eq!(scheme(&changed), Some(changed[3].scheme.clone()));
        let tie = parsed(&["ADR-0010-c.md", "0011-d.md"]);
        assert_eq!(scheme(&tie), Some(tie[1].scheme.clone()));
    }

    #[test]
    fn a_link_to_a_record_file_gone_names_the_record_with_its_slug_before_its_number() {
        // 0016 was renumbered 0025; 0016 is now another decision.
        assert_eq!(
            resolved(
                "[ADR 16](https://github.com/o/r/blob/main/docs/0016-compliance-documentation.md)"
            ),
            Some(2)
        );
        // Renamed under its number (`ADR045-use-forms-api.md` is now `…-remove-forms-api`).
        assert_eq!(resolved("[ADR 16](0016-uploads-of-files.md)"), Some(1));
        assert_eq!(resolved("[ADR 16](0016-file-uploads.md)"), Some(1));
        // Without a file name to go by, the number still names the record.
        assert_eq!(resolved("ADR-0016"), Some(1));
        assert_eq!(resolved("[ADR 16](https://example.com/issues/16)"), Some(1));
    }

    #[test]
    fn a_link_written_with_percent_escapes_names_its_file() {
        assert_eq!(
            resolved("[ADR-0024](0024-use-%23-as-indicator.md)"),
            Some(3)
        );
    }
}
