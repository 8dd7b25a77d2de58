//! The static site `adr render` builds from a loaded log: an index page with the log as a
//! table, one page per record, a page per tag, a relations page, the search index and the
//! assets. Templates are tera files embedded in the binary (overridable by file name) and
//! compiled once; pages get plain view models with links resolved and dates formatted here,
//! so templates hold only loops and conditionals. Pages are rendered in parallel and handed
//! to a [`PageSink`] as they are made: the caller decides what reaches the disk.

mod decision;
pub mod from_exports;
pub mod graph;
mod highlight;
pub mod html;
pub mod incremental;
mod links;
mod pages;
pub mod record;
pub mod repository;
mod rows;
pub(crate) mod rows_seen;
pub mod search;
mod skeleton;
mod status_colours;
mod templates;
mod views;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use html::LinkKind;
use links::{Findings, Linker};
pub use links::{Reason, Refusal};
use pages::record::RecordPages;
pub(crate) use record::own_path;
pub use record::{MetaRow, SiteLog, SiteRecord, StatusClass};
use rows::Rows;
pub use rows_seen::RowsSeen;
pub(crate) use rows_seen::{NotedLinks, PageLinks};
pub use status_colours::StatusColours;
pub use templates::{escape_html, overridable_names, read_overrides};
use views::{EntrySource, SiteView, tag_summaries};

/// What `adr render` was asked for, resolved from flags and config.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// The site's title, in every page's header and `<title>`.
    pub title: String,
    /// Where the site is published (`https://example.org/adr`), for canonical links.
    pub base_url: Option<String>,
    /// A date printed in every footer; none by default so renders are byte-identical.
    pub build_date: Option<String>,
    /// File name → contents of templates and assets replacing the built-in ones.
    pub overrides: Vec<(String, Vec<u8>)>,
    /// Git history of the log, when it is in a repository: each record's page shows when
    /// it last changed and who wrote it, and the index can sort by last change.
    pub history: Option<crate::git::History>,
    /// Site-relative folder (`payments/`) → the web address of the repository its records
    /// come from (`adr render --from`): each record's page links to its file there.
    pub sources: Vec<(String, String)>,
    /// Where the repository is on the web, for each record's "Source" and "Edit" links.
    pub repository: Option<repository::Repository>,
    /// Status keyword (lower-case) → badge colour (`#rrggbb`), from `[site.status-colours]`.
    pub status_colours: BTreeMap<String, String>,
}

/// Where things are, for resolving the links records make to files.
#[derive(Debug, Clone)]
pub struct SitePaths {
    /// The log directory.
    pub log_dir: PathBuf,
    /// The project's root, which record pages name their source file relative to.
    pub project_root: PathBuf,
    /// Nothing outside this directory is published: the directory holding `.adr.toml`,
    /// else the git work tree, else the log's parent.
    pub publish_root: PathBuf,
    /// The output directory: nothing in it is published again.
    pub out_dir: PathBuf,
}

/// Receives each file of the site as it is made.
pub trait PageSink: Sync {
    /// A generated file, at a `/`-separated path inside the site.
    fn put(&self, path: &str, contents: Vec<u8>) -> Result<()>;
    /// A generated file written piece by piece by `write`, for a file too large to hold
    /// whole; by default gathered and [`PageSink::put`].
    fn put_written(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut contents = Vec::new();
        write(&mut contents).map_err(|source| Error::io("write", Path::new(path), source))?;
        self.put(path, contents)
    }
    /// A file a record links to, copied to `path` inside the site.
    fn copy(&self, path: &str, source: &Path) -> Result<()>;
    /// Keeps the file the previous build made at `path`, if it is still there as it was
    /// made; false when the page must be made again.
    fn keep(&self, path: &str) -> bool;
}

/// What a build made, for the summary line and the manifest.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Records with a page.
    pub records: usize,
    /// Record files that could not be read, each with a page showing the error.
    pub failures: usize,
    /// Site path → the file copied there.
    pub copied: BTreeMap<String, PathBuf>,
    /// Local files records link to that do not exist (the site changes when they appear).
    pub missing: BTreeSet<PathBuf>,
    /// Local files shown inline (SVG images): the site changes when they do.
    pub inlined: BTreeSet<PathBuf>,
    /// Local files and folders linked to in the repository's web view: the site changes
    /// when one goes.
    pub in_repository: BTreeSet<PathBuf>,
    /// Links and images not published, and missing images, for the render's warnings.
    pub refused: BTreeSet<Refusal>,
}

/// What the last render made each page from, so that a page whose inputs did not change is
/// neither rendered nor written again. Kept by `adr render` next to the site.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PageCache {
    /// Record page → how that page was made. (foldhash: SipHash over the paths of 10,000
    /// pages, in the decode and in each page's lookup, was 5 % of a re-render.)
    pub records: FastMap<PathId, RecordPage>,
    /// Path of every other generated page → a hash of everything it was rendered from.
    pub pages: FastMap<String, u128>,
    /// Each range of the search index: what it was made from and its summary.
    #[serde(default)]
    pub search: Vec<search::RangeSummary>,
    /// The rows the record pages were made with.
    #[serde(default)]
    pub rows: RowsSeen,
}

/// A map hashed with foldhash (randomly seeded, like std's, and several times faster).
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A path as the render's cache knows it (a record page in the site, a record file in the
/// log): the 128-bit hash of the path. Kept as the path, the cache of a 99,999-record site
/// held (and decoded, in every render) another copy of every page's and every record's
/// path, 100,000 strings each; a hash lookup finds the same entry. Two paths with the same
/// hash would share an entry, holding what one of them had: a page's key covers its
/// record's path, so the other page would be made again, and a stamp is trusted only for a
/// file of its size and time, so the other file would be read again unless those match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PathId(u128);

impl PathId {
    /// The path `path` (`/`-separated, inside the site or the log).
    pub fn of(path: &str) -> PathId {
        PathId(incremental::stamps::content_hash(path.as_bytes()))
    }
}

/// How a record's page was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordPage {
    /// A hash of the record's text, its row, everything else the page shows, and where
    /// each of its links led.
    key: u128,
    /// The URLs its body links to, as written, in order, each a link's or an image's:
    /// resolving them again tells whether any now leads elsewhere (a record added or
    /// removed, a file appearing).
    urls: Vec<(String, LinkKind)>,
    /// What the search index holds of the record, when its page was made by this build
    /// (taken when its range of the search index is written). Boxed: a kept page has none,
    /// and inline it was most of the size of each of the page cache's 100,000 entries.
    #[serde(skip)]
    search: Option<Box<search::SearchEntry>>,
    /// Its body has a diagram: the site needs the diagram scripts.
    diagrams: bool,
    /// The page was kept: the cache entry is moved from the last build's rather than
    /// copied (at 10,000 records copying every page's URLs was a tenth of a re-render).
    #[serde(skip)]
    kept: bool,
}

impl RecordPage {
    /// Stands for the last build's entry `cached` of a page that was kept.
    fn kept(cached: &RecordPage) -> RecordPage {
        RecordPage {
            key: cached.key,
            urls: Vec::new(),
            search: None,
            diagrams: cached.diagrams,
            kept: true,
        }
    }
}

/// A hash of values (their postcard encoding): what a page is made from.
fn key_of(parts: &[&dyn erased::Part]) -> u128 {
    let mut hasher = incremental::stamps::InputHasher::new();
    for part in parts {
        part.feed(&mut hasher);
    }
    hasher.finish()
}

/// Any serialisable value as one part of a key.
mod erased {
    use super::incremental::stamps::InputHasher;

    pub trait Part {
        fn feed(&self, hasher: &mut InputHasher);
    }

    impl<T: serde::Serialize + ?Sized> Part for T {
        fn feed(&self, hasher: &mut InputHasher) {
            hasher.part(self);
        }
    }
}

/// The compiled templates and assets; build as many sites with it as you like.
pub struct Site {
    tera: tera::Tera,
    skeletons: skeleton::Skeletons,
    assets: BTreeMap<&'static str, std::borrow::Cow<'static, [u8]>>,
    view: SiteView,
    history: Option<crate::git::History>,
    sources: Vec<(String, String)>,
    repository: Option<repository::Repository>,
    status_colours: StatusColours,
    /// Override files whose names match nothing (probably a typo).
    pub unknown_overrides: Vec<String>,
}

impl Site {
    /// Compiles the templates, built-in ones replaced by any overrides of the same name.
    pub fn new(options: SiteOptions) -> Result<Site> {
        let mut compiled = templates::compile(options.overrides)?;
        let status_colours = StatusColours::new(&options.status_colours);
        if let Some(style) = compiled.assets.get_mut("style.css") {
            style
                .to_mut()
                .extend_from_slice(status_colours.css().as_bytes());
        }
        Ok(Site {
            tera: compiled.tera,
            skeletons: compiled.skeletons,
            assets: compiled.assets,
            view: SiteView {
                title: options.title,
                base_url: options
                    .base_url
                    .map(|url| url.trim_end_matches('/').to_string()),
                build_date: options.build_date,
                generator: format!("adr {}", env!("CARGO_PKG_VERSION")),
            },
            history: options.history,
            sources: options.sources,
            repository: options.repository,
            status_colours,
            unknown_overrides: compiled.unknown_overrides,
        })
    }

    /// Builds the whole site of `log` into `sink`. Pages whose inputs are those `previous`
    /// records, and whose files the sink still holds, are kept rather than rendered again;
    /// the returned cache describes this build for the next one.
    pub fn build(
        &self,
        site_log: &SiteLog,
        previous: &mut PageCache,
        paths: &SitePaths,
        sink: &dyn PageSink,
    ) -> Result<(BuildReport, PageCache)> {
        let SiteLog {
            log_dir,
            records,
            failures,
            lookup,
            layout,
        } = site_log;
        let rows = Rows::new(
            (records, log_dir),
            failures,
            layout,
            self.history.as_ref(),
            &self.status_colours,
        );
        let entries = &rows.entries;
        let record_entry = record_positions(entries, records.len());
        let (mut relations, superseded_by, supersedes) = supersessions(records, lookup);
        add_typed_relations(&mut relations, records, lookup);
        let linker = Linker::new(paths, entries, self.repository.as_ref());
        let base_key = self.base_key(paths);
        let rows_seen = RowsSeen::new(entries, base_key, rows.hashes());
        let unchanged_windows = rows_seen.unchanged_windows(&previous.rows);
        // The windows were all the last build's hashes were kept for.
        previous.rows.hashes = Vec::new();
        let known: &PageCache = previous;
        let row_hashes = &rows_seen.hashes;
        let record_pages = RecordPages {
            site: self,
            rows: &rows,
            record_entry: &record_entry,
            failure_entry: failure_positions(entries),
            superseded_by: &superseded_by,
            supersedes: &supersedes,
            linker: &linker,
            previous: known,
            sink,
            repository: self.repository_of(paths),
            row_hashes,
            base_key,
            unchanged_windows: unchanged_windows.as_deref(),
        };
        // A page is kept when it was made from the same inputs and is still there.
        let unchanged =
            |path: &str, key: u128| known.pages.get(path) == Some(&key) && sink.keep(path);
        let tag_summaries = tag_summaries(&rows.tags);
        // The index and the tag pages need only the rows, so they are made among the record
        // pages, on whichever core is free; what needs the record pages (the relations page
        // needs their links, the search index their words) comes after.
        let documents = pages::search::documents(entries);
        let search_ranges = pages::search::SearchRanges {
            records,
            rows: &rows,
            row_hashes,
            previous: known,
            sink,
        };
        let (made, listings) = rayon::join(
            || {
                all_record_pages(
                    (&record_pages, &search_ranges),
                    &documents,
                    entries,
                    known.records.is_empty(),
                )
            },
            || {
                let (index_key, tag_keys) = rayon::join(
                    || self.put_index_page(sink, &rows, row_hashes, &tag_summaries, &unchanged),
                    || self.put_tag_pages(sink, &rows, row_hashes, &tag_summaries, &unchanged),
                );
                Ok::<_, Error>((index_key?, tag_keys?))
            },
        );
        let made = made?;
        let (index_keys, tag_keys) = listings?;
        let log_keys = self.put_log_pages(sink, &rows, row_hashes, &unchanged)?;
        record_pages.failure_pages(failures)?;
        drop(record_pages);
        let findings = linker.finish();
        let links_as_before = known.rows.links_as_before(&made.noted_links);
        add_links(&mut relations, entries, &findings.links, links_as_before);
        let relations_keys = self.put_relations_pages(
            sink,
            &relations,
            &record_entry,
            &rows,
            row_hashes,
            &unchanged,
        );
        let (search_files, tokenizer_key) =
            pages::search::put_search_manifest(sink, &made.ranges, entries, &unchanged)?;
        let mut page_keys: FastMap<String, u128> = tag_keys.into_iter().chain(log_keys).collect();
        page_keys.insert(search::SEARCH_TOKENIZER.to_string(), tokenizer_key);
        page_keys.extend(relations_keys?);
        page_keys.extend(index_keys);
        let rows_seen = rows_seen.with_links(&known.rows, &made.noted_links);
        drop(made.noted_links);
        let cache = page_cache(
            (made.pages, made.count),
            (made.ranges, rows_seen),
            entries,
            page_keys,
            previous,
        );
        let generated = Generated::new(&cache, entries, search_files, &self.assets, made.diagrams);
        let mut report = self.put_assets_and_copies(sink, &generated, findings)?;
        report.records = records.len();
        report.failures = failures.len();
        Ok((report, cache))
    }

    /// The repository's web address and where the log is in it, when it is known.
    fn repository_of(&self, paths: &SitePaths) -> Option<(&repository::Repository, String)> {
        let repository = self.repository.as_ref()?;
        Some((repository, repository.log_prefix(&paths.log_dir)?))
    }

    /// A hash of what every record page shows besides its record and the rows: where its
    /// Source and Edit links lead.
    fn base_key(&self, paths: &SitePaths) -> u128 {
        key_of(&[
            &self.sources,
            &self
                .repository
                .as_ref()
                .map(|repository| (&repository.web_url, &repository.branch, &repository.root)),
            &paths.log_dir,
            &paths.project_root,
        ])
    }

    /// The record's file in its repository, for a site made from exports: the repository's
    /// address, its default branch (`HEAD`) and the path the export gave.
    fn source_links(&self, rel_path: &str) -> Option<repository::SourceLinks> {
        self.sources.iter().find_map(|(folder, url)| {
            let path = rel_path.strip_prefix(folder.as_str())?;
            Some(repository::Repository::of_web_url(url).links("", path))
        })
    }

    /// The assets, then the local files records link to but for those at the path of a
    /// file the build generated; the report of the whole build.
    fn put_assets_and_copies(
        &self,
        sink: &dyn PageSink,
        generated: &Generated<'_>,
        findings: Findings,
    ) -> Result<BuildReport> {
        for (name, bytes) in &self.assets {
            sink.put(&format!("assets/{name}"), bytes.to_vec())?;
        }
        if generated.diagrams {
            put_diagram_assets(sink)?;
        }
        let Findings {
            copies,
            missing,
            in_repository,
            inlined,
            links: _,
            refused,
        } = findings;
        let mut copied = BTreeMap::new();
        for (path, source) in copies {
            if generated.contains(&path) {
                continue;
            }
            sink.copy(&path, &source)?;
            copied.insert(path, source);
        }
        Ok(BuildReport {
            records: 0,
            failures: 0,
            copied,
            missing,
            inlined,
            in_repository,
            refused,
        })
    }
}

/// The files a build made: a file a record links to is not copied over one of them.
struct Generated<'a> {
    cache: &'a PageCache,
    failure_pages: Vec<&'a str>,
    search_files: BTreeSet<String>,
    assets: &'a BTreeMap<&'static str, std::borrow::Cow<'static, [u8]>>,
    /// The diagram scripts were published.
    diagrams: bool,
}

impl<'a> Generated<'a> {
    fn new(
        cache: &'a PageCache,
        entries: &'a [rows::Entry],
        search_files: BTreeSet<String>,
        assets: &'a BTreeMap<&'static str, std::borrow::Cow<'static, [u8]>>,
        diagrams: bool,
    ) -> Generated<'a> {
        let failure_pages = entries
            .iter()
            .filter(|entry| matches!(entry.source, EntrySource::Failure(_)))
            .map(|entry| &*entry.page)
            .collect();
        Generated {
            cache,
            failure_pages,
            search_files,
            assets,
            diagrams,
        }
    }

    fn contains(&self, path: &str) -> bool {
        self.cache.pages.contains_key(path)
            || self.cache.records.contains_key(&PathId::of(path))
            || self.failure_pages.contains(&path)
            || self.search_files.contains(path)
            || path.strip_prefix("assets/").is_some_and(|name| {
                self.assets.contains_key(name)
                    || (self.diagrams
                        && templates::DIAGRAM_ASSETS
                            .iter()
                            .any(|(asset, _)| *asset == name))
            })
    }
}

/// The supersessions between records as graph edges, and for each record the records
/// superseding it and those it supersedes.
fn supersessions(
    records: &[SiteRecord],
    lookup: &crate::model::RecordLookup,
) -> (graph::Relations, Vec<BTreeSet<usize>>, Vec<BTreeSet<usize>>) {
    let relations = graph::Relations::supersessions_of(
        records.iter().map(|record| {
            (
                record.superseded_by().into_iter().collect(),
                record.supersedes.iter().collect(),
            )
        }),
        lookup,
    );
    let mut superseded_by: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); records.len()];
    let mut supersedes: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); records.len()];
    for edge in &relations.edges {
        let (old, new) = match edge.kind {
            graph::EdgeKind::SupersededBy => (edge.from, edge.to),
            graph::EdgeKind::Supersedes => (edge.to, edge.from),
            graph::EdgeKind::Links | graph::EdgeKind::Typed(_) => continue,
        };
        if let (Some(olds), Some(news)) = (supersedes.get_mut(new), superseded_by.get_mut(old)) {
            olds.insert(old);
            news.insert(new);
        }
    }
    (relations, superseded_by, supersedes)
}

/// Adds to `relations` the typed relations (`Amends`, …) records state of each other.
fn add_typed_relations(
    relations: &mut graph::Relations,
    records: &[SiteRecord],
    lookup: &crate::model::RecordLookup,
) {
    for (from, record) in records.iter().enumerate() {
        for (label, reference) in &record.relations {
            if let Some(to) = lookup.resolve_at(from, reference).filter(|to| *to != from) {
                relations.add_typed(from, to, label);
            }
        }
    }
}

/// Adds to `relations` the links between records, as (from row, to row): those resolving
/// the pages' links `noted`, and those of the pages kept as last built, `as_before` (a link
/// to or from an unreadable file is none). In order, each once, as the set they were.
fn add_links(
    relations: &mut graph::Relations,
    entries: &[rows::Entry],
    noted: &BTreeSet<(usize, usize)>,
    as_before: Vec<(usize, usize)>,
) {
    let record = |position: usize| match entries.get(position)?.source {
        EntrySource::Record(index) => Some(index),
        EntrySource::Failure(_) => None,
    };
    let mut links = as_before;
    links.extend(noted);
    relations.add_links(
        links
            .into_iter()
            .filter_map(|(from, to)| Some((record(from)?, record(to)?))),
    );
}

/// The record pages of one range of the search index (its `docs`, numbered `range`), kept or
/// made, with what the next build is to know of their links, and the range written.
fn range_pages(
    record_pages: &RecordPages<'_>,
    search_ranges: &pages::search::SearchRanges<'_>,
    (range, docs): (usize, &[(usize, usize)]),
    (entries, made_pages): (&[rows::Entry], &Mutex<FastMap<PathId, RecordPage>>),
) -> Result<RangePages> {
    let pages = docs
        .par_iter()
        .filter_map(|&(_, index)| Some((index, search_ranges.records.get(index)?)))
        .map(|(index, record)| record_pages.record_page(index, record))
        .collect::<Result<Vec<_>>>()?;
    let mut noted = NotedLinks::default();
    let mut made = Vec::with_capacity(pages.len());
    for (position, page, links) in pages {
        noted.push(position, links);
        made.push((position, page));
    }
    let summary = search_ranges.put_range(range, docs, &mut made)?;
    let made_range = MadeRange {
        pages: made.len(),
        diagrams: made.iter().any(|(_, page)| page.diagrams),
    };
    // A kept page's entry is the last build's, moved into the next cache by `page_cache`.
    let mut made_pages = made_pages.lock().unwrap_or_else(PoisonError::into_inner);
    for (position, page) in made {
        if let Some(entry) = entries.get(position).filter(|_| !page.kept) {
            made_pages.insert(PathId::of(&entry.page), page);
        }
    }
    Ok((made_range, noted, summary))
}

/// The record pages, made range by range, and what the build needs of them.
struct RecordPagesMade {
    /// The next cache's entries of the pages made (not of those kept).
    pages: FastMap<PathId, RecordPage>,
    /// Pages made or kept.
    count: usize,
    /// One of them has a diagram.
    diagrams: bool,
    noted_links: Vec<NotedLinks>,
    ranges: Vec<search::RangeSummary>,
}

/// Makes the record pages of `documents` range by range, so that a range's search entries
/// are freed once it is written rather than held for the whole log. Their entries go into
/// the next cache's map as each range is done: gathered in a list first, the 100,000
/// entries of a first render were held twice while the map was filled at the end, where
/// its peak is. With every page to make (`fresh`) the map is sized once: grown by
/// doubling, its table was copied at each step, the old beside the new.
fn all_record_pages(
    (record_pages, search_ranges): (&RecordPages<'_>, &pages::search::SearchRanges<'_>),
    documents: &[(usize, usize)],
    entries: &[rows::Entry],
    fresh: bool,
) -> Result<RecordPagesMade> {
    let mut made_pages = FastMap::default();
    if fresh {
        made_pages.reserve(documents.len());
    }
    let made_pages = Mutex::new(made_pages);
    let ranges = documents
        .par_chunks(search::RANGE_DOCS)
        .enumerate()
        .map(|range| range_pages(record_pages, search_ranges, range, (entries, &made_pages)))
        .collect::<Result<Vec<_>>>()?;
    let mut made = RecordPagesMade {
        pages: made_pages
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner),
        count: 0,
        diagrams: false,
        noted_links: Vec::with_capacity(ranges.len()),
        ranges: Vec::with_capacity(ranges.len()),
    };
    for (range, links, summary) in ranges {
        made.count += range.pages;
        made.diagrams |= range.diagrams;
        made.noted_links.push(links);
        made.ranges.push(summary);
    }
    Ok(made)
}

/// What the build needs to know of a range's record pages once their entries are in the
/// next cache's map.
struct MadeRange {
    /// Pages made or kept.
    pages: usize,
    /// One of them has a diagram.
    diagrams: bool,
}

/// The pages of a range ([`range_pages`]), the links they noted, and the range's summary.
type RangePages = (MadeRange, NotedLinks, search::RangeSummary);

/// What this build made each page from, for the next one: the last build's entries, those of
/// pages made again replaced and those of records gone removed (rebuilt, the map's 100,000
/// paths were copied and hashed again by every render of a 99,999-record log).
fn page_cache(
    (made, pages_now): (FastMap<PathId, RecordPage>, usize),
    (search, rows): (Vec<search::RangeSummary>, RowsSeen),
    entries: &[rows::Entry],
    pages: FastMap<String, u128>,
    previous: &mut PageCache,
) -> PageCache {
    let mut records = std::mem::take(&mut previous.records);
    if records.is_empty() {
        records = made;
    } else {
        records.extend(made);
    }
    // Every page made or kept has its entry now: more entries are those of records gone.
    if records.len() != pages_now {
        let current: std::collections::HashSet<PathId, foldhash::fast::RandomState> = entries
            .iter()
            .filter(|entry| matches!(entry.source, EntrySource::Record(_)))
            .map(|entry| PathId::of(&entry.page))
            .collect();
        records.retain(|page, _| current.contains(page));
    }
    PageCache {
        records,
        pages,
        search,
        rows,
    }
}

/// Each unreadable file's position among the index's rows, by its index among the failures.
fn failure_positions(entries: &[rows::Entry]) -> HashMap<usize, usize> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(position, entry)| match entry.source {
            EntrySource::Failure(index) => Some((index, position)),
            EntrySource::Record(_) => None,
        })
        .collect()
}

/// Each record's position among the index's rows.
fn record_positions(entries: &[rows::Entry], records: usize) -> Vec<usize> {
    let mut record_entry = vec![0; records];
    for (position, entry) in entries.iter().enumerate() {
        if let EntrySource::Record(index) = entry.source
            && let Some(slot) = record_entry.get_mut(index)
        {
            *slot = position;
        }
    }
    record_entry
}

/// The diagram scripts, published only when some page has a diagram.
fn put_diagram_assets(sink: &dyn PageSink) -> Result<()> {
    for (name, bytes) in templates::DIAGRAM_ASSETS {
        sink.put(&format!("assets/{name}"), bytes.to_vec())?;
    }
    Ok(())
}
