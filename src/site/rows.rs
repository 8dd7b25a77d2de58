//! The index's rows: the log's records and unreadable files in the index's order, each row's
//! view ([`EntryView`]) made when a page needs it rather than held for the whole log.
//!
//! Held views were the largest part of a render's memory: about 940 bytes a row (a dozen
//! strings and the struct), 94 MB of a one-record re-render's 359 MB heap peak at 99,999
//! records (heaptrack, `gen.py OUT 99999`). A page made needs a few dozen rows (its window,
//! the index's first page), a shard a thousand; what every row feeds (the row hashes that
//! key the pages, the status counts) is computed from a view made and dropped.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::links::encode_path;
use super::status_colours::StatusColours;
use super::views::{
    EntryRef, EntrySource, EntryView, Neighbour, RecordRow, StatusView, TagGroup,
    failure_entry_view, failure_label, failure_status, failure_status_key, failure_title,
    page_path, record_entry_view, record_status,
};
use super::{SiteRecord, html, key_of};
use crate::layout::Layout;
use crate::model::LoadFailure;

/// A row of the index: where it comes from and its files, without its view.
pub(crate) struct Entry<'r> {
    pub(crate) source: EntrySource,
    /// The file, relative to the log, borrowed from the record (or failure).
    pub(crate) rel_path: &'r str,
    /// The page's path in the site (`page_path` of `rel_path`): the key of the page's cache
    /// entry and of its manifest entry.
    pub(crate) page: Box<str>,
}

/// The rows in order, and what their views are made from.
pub(crate) struct Rows<'r> {
    pub(crate) entries: Vec<Entry<'r>>,
    /// Tags grouped case-insensitively, each with its page's file name.
    pub(crate) tags: BTreeMap<String, TagGroup>,
    records: &'r [SiteRecord],
    /// The log directory the records' paths are in.
    pub(crate) log_dir: &'r Path,
    failures: &'r [LoadFailure],
    layout: &'r Layout,
    history: Option<&'r crate::git::History>,
    colours: &'r StatusColours,
}

impl<'r> Rows<'r> {
    /// The rows of `records` and `failures`: each log's together (with several), then by
    /// number, then by path.
    pub(crate) fn new(
        (records, log_dir): (&'r [SiteRecord], &'r Path),
        failures: &'r [LoadFailure],
        layout: &'r Layout,
        history: Option<&'r crate::git::History>,
        colours: &'r StatusColours,
    ) -> Rows<'r> {
        let mut keyed: Vec<(Option<u32>, Entry<'r>)> = records
            .iter()
            .enumerate()
            .map(|(index, record)| {
                (
                    record.file.number,
                    Entry {
                        source: EntrySource::Record(index),
                        rel_path: &record.rel_path,
                        page: page_path(&record.rel_path).into_boxed_str(),
                    },
                )
            })
            .chain(failures.iter().enumerate().map(|(index, failure)| {
                (
                    failure.file.number,
                    Entry {
                        source: EntrySource::Failure(index),
                        rel_path: &failure.rel_path,
                        page: page_path(&failure.rel_path).into_boxed_str(),
                    },
                )
            }))
            .collect();
        let part = |entry: &Entry| {
            layout
                .has_several()
                .then(|| layout.part_index(entry.rel_path))
        };
        keyed.sort_by(|(a_number, a), (b_number, b)| {
            (part(a), a_number.unwrap_or(u32::MAX), &a.rel_path).cmp(&(
                part(b),
                b_number.unwrap_or(u32::MAX),
                &b.rel_path,
            ))
        });
        let entries: Vec<Entry<'r>> = keyed.into_iter().map(|(_, entry)| entry).collect();
        let tags = tag_groups(&entries, records);
        Rows {
            entries,
            tags,
            records,
            log_dir,
            failures,
            layout,
            history,
            colours,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// How many rows are files that could not be read.
    pub(crate) fn failure_count(&self) -> usize {
        self.failures.len()
    }

    /// The view of the row at `position`, as the index and every page show it.
    pub(crate) fn view(&self, position: usize) -> Option<EntryView> {
        Some(self.inputs(position)?.view())
    }

    /// What the view of the row at `position` is made from.
    fn inputs(&self, position: usize) -> Option<RowInputs<'_>> {
        let entry = self.entries.get(position)?;
        let (source, status_key) = match entry.source {
            EntrySource::Record(index) => {
                let row = RecordRow::of(self.records.get(index)?);
                let key = row.status_keyword().unwrap_or("none");
                (RowSource::Record(row), key)
            }
            EntrySource::Failure(index) => {
                let failure = self.failures.get(index)?;
                let source = RowSource::Failure {
                    label: failure_label(failure),
                    title: failure_title(failure),
                };
                (source, failure_status_key())
            }
        };
        let tag_files = match &source {
            RowSource::Record(row) => row
                .tags()
                .iter()
                .map(|tag| {
                    self.tags
                        .get(&tag.to_lowercase())
                        .map(|group| group.file.as_str())
                })
                .collect(),
            RowSource::Failure { .. } => Vec::new(),
        };
        Some(RowInputs {
            source,
            page: &entry.page,
            position,
            log: self
                .layout
                .named_log_of(entry.rel_path)
                .map(|log| log.name.as_str()),
            history: self.history_of(entry),
            status_class: self.colours.class_of(status_key),
            tag_files,
        })
    }

    /// The views of the rows at `positions`.
    pub(crate) fn views(&self, positions: impl IntoIterator<Item = usize>) -> Vec<EntryView> {
        positions
            .into_iter()
            .filter_map(|position| self.view(position))
            .collect()
    }

    /// The row's label: its number as the log writes it (`0007`), prefixed by its log's name
    /// when the site shows several.
    pub(crate) fn label(&self, position: usize) -> Option<String> {
        let entry = self.entries.get(position)?;
        let label = match entry.source {
            EntrySource::Record(index) => Cow::Borrowed(self.records.get(index)?.label.as_str()),
            EntrySource::Failure(index) => Cow::Owned(failure_label(self.failures.get(index)?)),
        };
        Some(match self.layout.named_log_of(entry.rel_path) {
            Some(log) => format!("{}:{label}", log.name),
            None => label.into_owned(),
        })
    }

    fn title(&self, position: usize) -> Option<&'r str> {
        Some(match self.entries.get(position)?.source {
            EntrySource::Record(index) => self.records.get(index)?.title.as_str(),
            EntrySource::Failure(index) => failure_title(self.failures.get(index)?),
        })
    }

    /// The row's status as a badge shows it.
    pub(crate) fn status(&self, position: usize) -> Option<StatusView> {
        let entry = self.entries.get(position)?;
        let mut status = match entry.source {
            EntrySource::Record(index) => record_status(self.records.get(index)?),
            EntrySource::Failure(_) => failure_status(),
        };
        if let Some(class) = self.colours.class_of(&status.key) {
            status.class = class.to_string().into();
        }
        Some(status)
    }

    /// A link to the row's page: its label, title and URL.
    pub(crate) fn reference(&self, position: usize) -> Option<EntryRef> {
        Some(EntryRef {
            label: self.label(position)?,
            title: self.title(position)?.to_string(),
            url: encode_path(&self.entries.get(position)?.page),
        })
    }

    /// The row as the list beside a record's page shows it.
    pub(crate) fn neighbour(&self, position: usize, current: bool) -> Option<Neighbour> {
        let EntryRef { label, title, url } = self.reference(position)?;
        let status = self.status(position)?;
        Some(Neighbour {
            label,
            title,
            url,
            status_class: status.class.into_owned(),
            status: status.text,
            current,
        })
    }

    /// Whether any record is numbered: in a log named by dates or slugs alone
    /// (`20260422-pr59-jwt-redis-auth.md`, log4brains), the number column would repeat each
    /// file's name, and the tables leave it out.
    pub(crate) fn numbered(&self) -> bool {
        self.records
            .iter()
            .any(|record| record.file.number.is_some())
    }

    /// Whether any record has a tag: the tables leave out an empty tags column.
    pub(crate) fn tagged(&self) -> bool {
        !self.tags.is_empty()
    }

    /// Whether any row shows a date of git's.
    pub(crate) fn has_history(&self) -> bool {
        self.has_history_among(0..self.entries.len())
    }

    /// What git knows of the record of `entry`; nothing of an unreadable file.
    fn history_of(&self, entry: &Entry) -> Option<&crate::git::FileHistory> {
        let history = self.history?;
        let EntrySource::Record(index) = entry.source else {
            return None;
        };
        history.file(&self.records.get(index)?.path(self.log_dir))
    }

    /// Whether any of the rows at `positions` shows a date of git's.
    pub(crate) fn has_history_among(&self, positions: impl IntoIterator<Item = usize>) -> bool {
        if self.history.is_none() {
            return false;
        }
        positions.into_iter().any(|position| {
            self.entries.get(position).is_some_and(|entry| {
                self.history_of(entry)
                    .is_some_and(|facts| facts.changed_on.is_some())
            })
        })
    }

    /// Each row's log name, when the site shows several logs.
    pub(crate) fn log_names(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.entries.iter().map(|entry| {
            self.layout
                .named_log_of(entry.rel_path)
                .map(|log| log.name.as_str())
        })
    }

    /// A hash of each row's view, in order: what the keys of the pages showing rows are made
    /// from. The hash is of what the view is made from ([`RowInputs`]), not of the view:
    /// making a view for each of the log's rows was a tenth of a one-record re-render's CPU
    /// at 99,999 records.
    pub(crate) fn hashes(&self) -> Vec<u128> {
        use rayon::prelude::*;
        (0..self.entries.len())
            .into_par_iter()
            .map(|position| key_of(&[&self.inputs(position)]))
            .collect()
    }
}

/// What a row's view is made from, borrowed from the rows: [`RowInputs::view`] reads
/// nothing else, so two rows with equal inputs show the same.
#[derive(serde::Serialize)]
struct RowInputs<'r> {
    source: RowSource<'r>,
    page: &'r str,
    position: usize,
    /// The row's log, when the site shows several.
    log: Option<&'r str>,
    history: Option<&'r crate::git::FileHistory>,
    /// The class the site's status colours give the row's status.
    status_class: Option<&'r str>,
    /// The file of each tag's page, in the order of the tags.
    tag_files: Vec<Option<&'r str>>,
}

#[derive(serde::Serialize)]
enum RowSource<'r> {
    Record(RecordRow<'r>),
    /// A file that could not be read.
    Failure {
        label: String,
        title: &'r str,
    },
}

impl RowInputs<'_> {
    fn view(&self) -> EntryView {
        let mut view = match &self.source {
            RowSource::Record(row) => record_entry_view(row, self.page),
            RowSource::Failure { label, title } => failure_entry_view(label, title, self.page),
        };
        view.doc = self.position;
        if let Some(log) = self.log {
            view.label = format!("{log}:{}", view.label);
            view.log = Some(log.to_string());
        }
        if let Some(facts) = self.history {
            view.last_changed.clone_from(&facts.changed_on);
            if view.date.is_none()
                && let Some(added) = facts
                    .added_at
                    .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            {
                let iso = added
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .date()
                    .to_string();
                view.date = Some(iso.clone());
                view.iso_date = Some(iso);
                view.date_from_git = true;
            }
            view.last_changed_at = facts.changed_at;
            view.authors.clone_from(&facts.authors);
        }
        if let Some(class) = self.status_class {
            view.status.class = class.to_string().into();
        }
        for (tag, file) in view.tags.iter_mut().zip(&self.tag_files) {
            tag.url = file
                .map(|file| encode_path(&format!("tags/{file}")))
                .unwrap_or_default();
        }
        view
    }
}

/// Tags grouped case-insensitively (the first spelling, in the index's order, names the
/// group), each with a file name of its own.
fn tag_groups(entries: &[Entry], records: &[SiteRecord]) -> BTreeMap<String, TagGroup> {
    let mut groups: BTreeMap<String, TagGroup> = BTreeMap::new();
    for (position, entry) in entries.iter().enumerate() {
        let EntrySource::Record(index) = entry.source else {
            continue;
        };
        for tag in records
            .get(index)
            .map(|record| record.tags.as_slice())
            .unwrap_or_default()
        {
            let key = tag.to_lowercase();
            let group = groups.entry(key).or_insert_with(|| TagGroup {
                name: tag.clone(),
                file: String::new(),
                entries: Vec::new(),
            });
            if group.entries.last() != Some(&position) {
                group.entries.push(position);
            }
        }
    }
    let mut taken = BTreeSet::from(["index".to_string()]);
    for (key, group) in &mut groups {
        let base = html::slug(key);
        let mut file = base.clone();
        let mut counter = 1;
        while taken.contains(&file) {
            counter += 1;
            file = format!("{base}-{counter}");
        }
        taken.insert(file.clone());
        group.file = format!("{file}.html");
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, front: &str) -> SiteRecord {
        let text = format!("---\n{front}\n---\n# Use things\n\nBody.\n");
        let file = crate::discover::FileName::parse(name).unwrap();
        let source = crate::source::SourceFile::new(name.to_string(), text);
        let record = crate::parse::parse_record(source, name.to_string(), file).unwrap();
        SiteRecord::from_record(&record, Path::new(""))
    }

    fn hashes_and_views(records: &[SiteRecord], colours: &StatusColours) -> Vec<(u128, String)> {
        let layout = Layout::default();
        let rows = Rows::new((records, Path::new("")), &[], &layout, None, colours);
        let views = (0..rows.len()).map(|at| format!("{:?}", rows.view(at).unwrap()));
        rows.hashes().into_iter().zip(views).collect()
    }

    /// The row hashes are of what the views are made from: each must change exactly when a
    /// view does, or a page showing the row is kept stale (or made for nothing).
    #[test]
    fn a_row_hash_changes_exactly_when_its_view_does() {
        let base = || {
            vec![
                record("0001-a.md", "status: accepted\ntags: [Cache]"),
                record("0002-b.md", "status: proposed\ndate: 2024-05-01"),
                record("0003-c.md", "status: on hold\ntags: [cache, api]"),
            ]
        };
        let plain = StatusColours::default();
        let coloured = StatusColours::new(
            &[("On Hold".to_string(), "#8a5cf5".to_string())]
                .into_iter()
                .collect(),
        );
        let before = hashes_and_views(&base(), &plain);
        type Change = Box<dyn Fn(&mut Vec<SiteRecord>)>;
        let changes: Vec<(&str, Change, &StatusColours)> = vec![
            ("nothing", Box::new(|_| {}), &plain),
            ("body only", Box::new(|r| r[0].text_hash ^= 1), &plain),
            ("title", Box::new(|r| r[1].title.push('!')), &plain),
            ("label", Box::new(|r| r[1].label = "02".into()), &plain),
            (
                "status",
                Box::new(|r| r[0] = record("0001-a.md", "status: rejected\ntags: [Cache]")),
                &plain,
            ),
            (
                "date",
                Box::new(|r| r[1] = record("0002-b.md", "status: proposed\ndate: 2024-05-02")),
                &plain,
            ),
            (
                "a tag added",
                Box::new(|r| {
                    r[1] = record(
                        "0002-b.md",
                        "status: proposed\ndate: 2024-05-01\ntags: [api]",
                    )
                }),
                &plain,
            ),
            ("a status colour", Box::new(|_| {}), &coloured),
            (
                "a file moved",
                Box::new(|r| r[2] = record("0003-d.md", "status: on hold\ntags: [cache, api]")),
                &plain,
            ),
        ];
        for (what, change, colours) in changes {
            let mut records = base();
            change(&mut records);
            let after = hashes_and_views(&records, colours);
            for (at, ((hash_before, view_before), (hash_after, view_after))) in
                before.iter().zip(&after).enumerate()
            {
                assert_eq!(
                    hash_before == hash_after,
                    view_before == view_after,
                    "{what}: row {at}\n{view_before}\n{view_after}"
                );
            }
            // The test means something only where a view changed: every change but the
            // first two shows in some row.
            let shown = before != after;
            assert_eq!(shown, !["nothing", "body only"].contains(&what), "{what}");
        }
    }
}
