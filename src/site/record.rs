//! What the site knows of a record: the few facts its pages show, taken from the parse
//! once. It is all plain data, so the render cache can keep it for records that have not
//! changed since the last render and skip reading them at all. The full [`Record`] (its
//! sections, options and text) is far larger and never needed here: a page's body is read
//! again when that page is rendered.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::discover::FileName;
use crate::model::{LoadFailure, Record, RecordLookup, RecordRef, StatusKind};

/// The site's view of one record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SiteRecord {
    /// The file, relative to the log directory, `/`-separated.
    pub rel_path: String,
    /// The file's path when it is not the log directory joined with `rel_path` (a name that
    /// is not UTF-8, which `rel_path` holds lossily); see [`SiteRecord::path`]. Held for
    /// every record, the paths were 13 MB of a 99,999-record render's peak. Not cached.
    #[serde(skip, default)]
    pub own_path: Option<Box<Path>>,
    /// What the file's name says: not cached. A render takes it from the file it discovered
    /// for a cached record; decoded from the cache, names and paths were 15 MB of a
    /// 99,999-record render's peak, held beside the same values discovered.
    #[serde(skip, default = "FileName::unparsed")]
    pub file: FileName,
    /// The number as the log writes it (`0007`), or the file's stem.
    pub label: String,
    pub title: String,
    /// The title is read from the body's first H1, which the page drops (its header shows
    /// the title instead); a front-matter title leaves a `# Decision` H1 in the body.
    pub has_title: bool,
    pub status: Option<SiteStatus>,
    pub date: Option<SiteDate>,
    pub tags: Vec<String>,
    /// Front-matter facts besides status and tags, as this load parsed them, until the
    /// record's page takes them; none for facts from the render cache, which does not keep
    /// them: only the record's own page shows them, and a page made again parses them from
    /// the text it reads anyway ([`SiteRecord::meta_rows`]). Kept in the cache they were a
    /// quarter of its strings, 24 MB decoded by every render of a 99,999-record log; held
    /// after their page was made, 25 MiB of a first render's peak at 99,999 records.
    #[serde(skip)]
    pub meta: Kept<MetaRows>,
    pub supersedes: Vec<RecordRef>,
    /// Typed relations (`Amends`, …) as (label, record named): those of a Status section
    /// and those of the built-in kinds elsewhere.
    #[serde(default)]
    pub relations: Vec<(String, RecordRef)>,
    /// Byte offset of the body (after the front matter, or after a BOM).
    pub body_start: usize,
    /// xxh3 of the file's bytes: a page is rendered from exactly the text that was parsed.
    pub text_hash: u128,
    /// The file's text as the load read it, until its page takes it; never cached.
    #[serde(skip)]
    pub text: LoadedText,
    /// Parsed by this render rather than taken from its cache: what the last render knew
    /// of the record (its page among it) may be of another text.
    #[serde(skip)]
    pub parsed_now: bool,
}

/// What the load kept of a record for its page alone, which takes it when it is made: the
/// value is held until then and not after. A clone starts empty (its page reads the file
/// again).
#[derive(Debug)]
pub struct Kept<T>(Mutex<Option<T>>);

impl<T> Kept<T> {
    fn keep(value: T) -> Kept<T> {
        Kept(Mutex::new(Some(value)))
    }

    /// The value, once; `None` after that, or when this load kept none.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok().and_then(|mut value| value.take())
    }
}

impl<T> Default for Kept<T> {
    fn default() -> Kept<T> {
        Kept(Mutex::new(None))
    }
}

impl<T> Clone for Kept<T> {
    fn clone(&self) -> Self {
        Kept::default()
    }
}

/// A record's text, kept from the load for its page: reading each record a second time for
/// its page cost 10,000 more opens and reads in a first render of 10,000 records. The texts
/// are freed page by page, as the pages' own allocations grow.
pub type LoadedText = Kept<String>;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SiteStatus {
    pub class: StatusClass,
    /// The keyword (`accepted`, `on hold`).
    pub keyword: String,
    /// The status as written.
    pub raw: String,
    /// Boxed: few records have one, and inline it was a hundred bytes of every record.
    pub superseded_by: Option<Box<RecordRef>>,
}

/// The colour of a status badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusClass {
    Proposed,
    Draft,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
    Other,
}

impl StatusClass {
    pub fn name(self) -> &'static str {
        match self {
            StatusClass::Proposed => "proposed",
            StatusClass::Draft => "draft",
            StatusClass::Accepted => "accepted",
            StatusClass::Rejected => "rejected",
            StatusClass::Deprecated => "deprecated",
            StatusClass::Superseded => "superseded",
            StatusClass::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SiteDate {
    /// As shown: ISO when the record's date is a real date written another way
    /// (`26/03/2018`), else as written (`05/02/2018`, which could be either of two days).
    pub text: String,
    /// `YYYY-MM-DD` when it is a real date, for `<time datetime>`.
    pub iso: Option<String>,
    /// As written, when that is not `text`: what shows the order of the log's dates. (Always
    /// encoded: the render cache is postcard, which cannot tell a skipped field; skipping a
    /// `None` here made every cached record unreadable, and a one-record re-render of 10,000
    /// records parse them all: 1.5-2.2 s instead of 0.12 s.)
    pub written: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaValue {
    pub text: String,
}

/// A record's [`MetaRow`]s held as one string (their JSON): only the record's own page reads
/// them, when it is made, and as values they were a few dozen allocations per record (about
/// 60 MB at 100,000 records) that every render decoded from its cache and held throughout.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MetaRows(Box<str>);

impl MetaRows {
    /// Rows held compactly.
    pub fn new(rows: &[MetaRow]) -> MetaRows {
        if rows.is_empty() {
            return MetaRows::default();
        }
        // Strings only: the encoding cannot fail.
        MetaRows(serde_json::to_string(rows).unwrap_or_default().into())
    }

    /// The rows again.
    pub fn rows(&self) -> Vec<MetaRow> {
        if self.0.is_empty() {
            return Vec::new();
        }
        serde_json::from_str(&self.0).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaRow {
    pub name: String,
    pub values: Vec<MetaValue>,
}

impl SiteRecord {
    /// The site's facts of a parsed record (metadata depth is enough).
    pub fn from_record(record: &Record, log_dir: &Path) -> SiteRecord {
        let text = &record.source.text;
        let body_start = record.body_start();
        let summary = crate::model::RecordSummary::of(record);
        // A partial supersession ("Partially supersedes [004 …]", cloudoperators) leaves the
        // other record in force: the site shows it as an amendment, never as "no longer in
        // force".
        let (in_part, whole): (Vec<_>, Vec<_>) = record
            .supersedes
            .iter()
            .partition(|reference| record.supersedes_in_part(reference.span));
        SiteRecord {
            rel_path: record.rel_path.clone(),
            own_path: own_path(log_dir, &record.rel_path, record.path().clone()),
            file: record.file.clone(),
            label: crate::index::number_label(record),
            title: summary.title,
            has_title: record.title_section().is_some(),
            status: record.status.as_ref().map(|status| SiteStatus {
                class: match status.kind {
                    StatusKind::Proposed => StatusClass::Proposed,
                    StatusKind::Draft => StatusClass::Draft,
                    StatusKind::Accepted => StatusClass::Accepted,
                    StatusKind::Rejected => StatusClass::Rejected,
                    StatusKind::Deprecated => StatusClass::Deprecated,
                    StatusKind::Superseded => StatusClass::Superseded,
                    StatusKind::Other(_) => StatusClass::Other,
                },
                keyword: status.keyword().to_string(),
                raw: status.raw.clone(),
                superseded_by: status.superseded_by.clone(),
            }),
            date: summary.date.map(|text| SiteDate {
                written: match record.date.as_ref().map(|date| &date.value) {
                    Some(crate::model::DateValue::Reshaped { text: written, .. })
                        if *written != text =>
                    {
                        Some(written.clone())
                    }
                    _ => None,
                },
                text,
                iso: summary.iso_date,
            }),
            tags: summary.tags,
            meta: Kept::keep(MetaRows::new(&meta_rows(record))),
            parsed_now: true,
            supersedes: whole
                .into_iter()
                .map(|reference| reference.value.clone())
                .collect(),
            relations: {
                let kinds = crate::relation::RelationKinds::new(&[]);
                record
                    .relations
                    .iter()
                    .filter(|relation| kinds.counts(relation))
                    .map(|relation| {
                        let label = kinds.canonical(&relation.label).unwrap_or(&relation.label);
                        (label.to_string(), relation.target.clone())
                    })
                    .chain(
                        in_part
                            .into_iter()
                            .map(|reference| ("Amends".to_string(), reference.value.clone())),
                    )
                    .collect()
            },
            body_start,
            text_hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
            text: LoadedText::default(),
        }
    }

    /// The record's file, in the log at `log_dir`.
    pub fn path(&self, log_dir: &Path) -> Cow<'_, Path> {
        match &self.own_path {
            Some(path) => Cow::Borrowed(path),
            None => Cow::Owned(log_dir.join(&self.rel_path)),
        }
    }

    /// The record's text: the one its load kept, once, else its file (in the log at
    /// `log_dir`) read again and checked to be the text its facts were taken from.
    pub fn take_text(&self, log_dir: &Path) -> crate::error::Result<String> {
        match self.text.take() {
            Some(text) => Ok(text),
            None => crate::fs::read_again(&self.path(log_dir), self.text_hash, "adr render"),
        }
    }

    /// The record's front-matter rows, its file (in the log at `log_dir`) holding `text`:
    /// those this load kept, once, else parsed again from `text` (to the metadata depth the
    /// load parses to).
    pub fn meta_rows(&self, log_dir: &Path, text: &str) -> Vec<MetaRow> {
        if let Some(meta) = self.meta.take() {
            return meta.rows();
        }
        let source =
            crate::source::SourceFile::new(self.path(log_dir).into_owned(), text.to_string());
        crate::parse::parse_record_at(
            source,
            self.rel_path.clone(),
            self.file.clone(),
            crate::parse::Depth::Metadata,
        )
        .map(|record| meta_rows(&record))
        .unwrap_or_default()
    }

    /// The `superseded by` reference of the status, if any.
    pub fn superseded_by(&self) -> Option<&RecordRef> {
        self.status
            .as_ref()
            .and_then(|status| status.superseded_by.as_deref())
    }
}

/// `path`, the file of a record at `rel` in the log at `log_dir`, when it is not `log_dir`
/// joined with `rel` (see [`SiteRecord::own_path`]).
pub(crate) fn own_path(log_dir: &Path, rel: &str, path: PathBuf) -> Option<Box<Path>> {
    // The discovered path is the log's joined with more, byte for byte, so a byte comparison
    // answers almost every time; parsing both paths into components for each of 99,999
    // records was 2.5 % of a one-record re-render.
    let joined = crate::log_path::joined_rest(&path, log_dir) == Some(rel)
        || path
            .strip_prefix(log_dir)
            .is_ok_and(|rest| rest == Path::new(rel));
    (!joined).then(|| path.into_boxed_path())
}

/// How much record text a load keeps for the pages (the rest are read again by their
/// pages): all of a log of two or three thousand records, a bounded part of a larger one.
/// At 32 MiB a first render of 99,999 records peaked while its pages were made, the kept
/// texts not yet freed: 264 MiB against 255 at 16 (the end of the render, which then peaks,
/// holds no text).
const KEPT_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// The records of a log as the site sees them, in log order, and the files that could not
/// be read.
pub struct SiteLog {
    /// The log directory the records' paths are in ([`SiteRecord::path`]).
    pub log_dir: PathBuf,
    pub records: Vec<SiteRecord>,
    pub failures: Vec<LoadFailure>,
    pub lookup: RecordLookup,
    /// The project's logs, when it has several: the site then has a section per log.
    pub layout: crate::layout::Layout,
}

impl SiteLog {
    /// Reads the records `found` in `log_dir` to the parser's metadata depth, keeping only
    /// the site's facts of each, beside `known`: the facts of records not read again (the
    /// render cache's, for files whose content hash is unchanged), which `found` must not
    /// list. Taking them whole, rather than one at a time as each file comes up, keeps one
    /// list of records: a second, and a slot for each record to be taken from, were 94 MB at
    /// 99,999 records.
    pub fn load(
        log_dir: &Path,
        found: crate::discover::Discovered,
        known: Vec<SiteRecord>,
    ) -> SiteLog {
        SiteLog::load_keeping(log_dir, found, known, KEPT_TEXT_BYTES)
    }

    /// [`SiteLog::load`] keeping at most about `budget` bytes of record text.
    fn load_keeping(
        log_dir: &Path,
        found: crate::discover::Discovered,
        known: Vec<SiteRecord>,
        budget: usize,
    ) -> SiteLog {
        let kept = std::sync::atomic::AtomicUsize::new(0);
        let files =
            crate::load::read_discovered(log_dir, found, crate::parse::Depth::Metadata, |record| {
                let site_record = SiteRecord::from_record(&record, log_dir);
                let len = record.source.text.len();
                let total = kept.fetch_add(len, std::sync::atomic::Ordering::Relaxed) + len;
                // Beyond the budget a page reads its file again: a log of 99,999 records
                // is 790 MB of text, which no render should hold at once.
                let text = if total <= budget {
                    LoadedText::keep(record.source.text)
                } else {
                    LoadedText::default()
                };
                SiteRecord {
                    text,
                    ..site_record
                }
            });
        // Extended, not chained into a new list: the cache's list was sized for the whole log.
        let mut records = if known.is_empty() {
            files.records
        } else {
            let mut records = known;
            records.extend(files.records);
            records
        };
        records.sort_unstable_by(|a, b| {
            crate::model::sort_key(&a.file, &a.rel_path)
                .cmp(&crate::model::sort_key(&b.file, &b.rel_path))
        });
        read_ambiguous_dates(&mut records);
        let lookup = RecordLookup::new(records.iter().map(|record| {
            (
                record.file.number,
                record.rel_path.as_str(),
                record.file.slug.as_str(),
            )
        }));
        SiteLog {
            log_dir: log_dir.to_path_buf(),
            records,
            failures: files.failures,
            lookup,
            layout: crate::layout::Layout::default(),
        }
    }

    /// The log placed in `layout`: with several logs the records are sorted by log, then
    /// as in one log, and references resolve within a record's own log.
    pub fn placed(mut self, layout: &crate::layout::Layout) -> SiteLog {
        if !layout.has_several() {
            return self;
        }
        self.records.sort_by_cached_key(|record| {
            let (number, unnumbered, date, path) =
                crate::model::sort_key(&record.file, &record.rel_path);
            let part = layout.part_index(&record.rel_path);
            (
                part,
                number,
                unnumbered,
                date.map(str::to_string),
                path.to_string(),
            )
        });
        self.lookup = RecordLookup::new(self.records.iter().map(|record| {
            (
                record.file.number,
                record.rel_path.as_str(),
                record.file.slug.as_str(),
            )
        }));
        self.lookup.place(
            layout,
            self.records.iter().map(|record| record.rel_path.as_str()),
        );
        self.layout = layout.clone();
        self
    }
}

/// Each date that could be either of two days (`05/02/2018`) given the day the log's other
/// dates show, as [`crate::model::Log`] reads it for `list` and `export`. Read from the
/// text each render, cached records included: a record added since can settle (or unsettle)
/// the order, and a render with a cache makes what one without makes.
fn read_ambiguous_dates(records: &mut [SiteRecord]) {
    use crate::model::DateValue;
    // Most dates are ISO, and their text is their `iso`: only the others are read again.
    let written: Vec<(usize, bool, DateValue)> = records
        .iter()
        .enumerate()
        .filter_map(|(at, record)| {
            let date = record.date.as_ref()?;
            let written = date.written.as_deref().unwrap_or(&date.text);
            let value =
                (date.iso.as_deref() != Some(written)).then(|| DateValue::parse(written))?;
            Some((at, matches!(value, DateValue::Ambiguous { .. }), value))
        })
        .collect();
    // With no order shown, a date read in one by an earlier render (its facts cached) is
    // ambiguous again, as a render from nothing reads it.
    let order = crate::model::ambiguous_dates_order(written.iter().map(|(_, _, date)| date));
    for (at, _, mut date) in written.into_iter().filter(|(_, ambiguous, _)| *ambiguous) {
        if let Some(order) = order {
            date.read_in(order);
        }
        if let Some(shown) = records.get_mut(at).and_then(|record| record.date.as_mut()) {
            shown.iso = date.valid().map(|date| date.to_string());
        }
    }
}

/// Front-matter facts besides status and tags, which the page shows on their own.
fn meta_rows(record: &Record) -> Vec<MetaRow> {
    let mut rows = Vec::new();
    if let Some(date) = record.date.as_ref().filter(|date| !date.value.is_prompt()) {
        rows.push(MetaRow {
            name: "Date".to_string(),
            values: vec![MetaValue {
                text: date.value.text(),
            }],
        });
    }
    for (name, people) in [
        ("Decision-makers", &record.decision_makers),
        ("Consulted", &record.consulted),
        ("Informed", &record.informed),
    ] {
        if !people.is_empty() {
            rows.push(MetaRow {
                name: name.to_string(),
                values: people
                    .iter()
                    .map(|person| MetaValue {
                        text: person.value.clone(),
                    })
                    .collect(),
            });
        }
    }
    for entry in record.extra_front_matter() {
        let values: Vec<MetaValue> = match &entry.value {
            yaml_serde::Value::Null => continue,
            yaml_serde::Value::Sequence(items) => items
                .iter()
                .map(|item| MetaValue {
                    text: yaml_text(item),
                })
                .collect(),
            other => vec![MetaValue {
                text: yaml_text(other),
            }],
        };
        if values.is_empty() {
            continue;
        }
        rows.push(MetaRow {
            name: entry.key.clone(),
            values,
        });
    }
    rows
}

fn yaml_text(value: &yaml_serde::Value) -> String {
    crate::parse::front_matter::scalar_text(value)
        .unwrap_or_else(|| serde_json::to_string(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log of one record, `0001-use-a-thing.md` holding `text`, as a render loads it.
    fn loaded(text: &str) -> (tempfile::TempDir, SiteLog) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("0001-use-a-thing.md"), text).unwrap();
        let found = crate::discover::discover(dir.path()).unwrap();
        let log = SiteLog::load(dir.path(), found, Vec::new());
        (dir, log)
    }

    #[test]
    fn a_loaded_record_keeps_its_text_for_its_page_once() {
        let text = "---\nstatus: accepted\n---\n\n# Use a thing\n\n## Context and Problem Statement\n\nWhy.\n";
        let (dir, log) = loaded(text);
        let record = &log.records[0];
        assert!(
            record.own_path.is_none(),
            "its path is the log's joined with its own"
        );
        assert_eq!(
            record.path(dir.path()),
            dir.path().join("0001-use-a-thing.md")
        );
        // A copy (the render cache's) has no text: its page reads the file.
        assert!(record.clone().text.take().is_none());
        assert_eq!(record.text.take().as_deref(), Some(text));
        assert_eq!(record.text.take(), None);
    }

    #[test]
    fn a_loaded_record_gives_its_front_matter_rows_to_its_page_once_then_parses_them_again() {
        let text = "---\nstatus: accepted\ndecision-makers:\n  - Ana\n  - Bo\nreviewed-by: Cy\n---\n\n# Use a thing\n";
        let (dir, log) = loaded(text);
        let record = &log.records[0];
        let names = |rows: &[MetaRow]| -> Vec<(String, usize)> {
            rows.iter()
                .map(|row| (row.name.clone(), row.values.len()))
                .collect()
        };
        let kept = record.meta_rows(dir.path(), text);
        assert!(record.meta.take().is_none(), "the page took them");
        assert_eq!(
            names(&kept),
            [
                ("Decision-makers".to_string(), 2),
                ("reviewed-by".to_string(), 1)
            ]
        );
        let again = record.meta_rows(dir.path(), text);
        assert_eq!(names(&again), names(&kept));
        assert_eq!(
            serde_json::to_string(&again).unwrap(),
            serde_json::to_string(&kept).unwrap()
        );
    }

    #[test]
    fn a_load_over_the_text_budget_leaves_the_text_to_the_page() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("0001-a.md"), "# A\n").unwrap();
        let found = crate::discover::discover(dir.path()).unwrap();
        let log = SiteLog::load_keeping(dir.path(), found, Vec::new(), 1);
        assert_eq!(log.records[0].title, "A");
        assert_eq!(log.records[0].text.take(), None);
    }
}
