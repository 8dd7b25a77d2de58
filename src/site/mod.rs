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
pub mod search;
mod skeleton;
mod status_colours;
mod templates;
mod views;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use html::LinkKind;
use links::{Findings, Linker};
pub use links::{Reason, Refusal};
use pages::record::RecordPages;
use pages::relations::RELATIONS_PAGE;
pub use record::{MetaRow, SiteLog, SiteRecord, StatusClass};
pub use status_colours::StatusColours;
pub use templates::{escape_html, overridable_names, read_overrides};
use views::{EntrySource, EntryView, SiteView, TagGroup, entries_of, tag_groups, tag_summaries};

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
    /// Files the site holds (pages, the search index, assets).
    pub pages: usize,
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
    /// Links and images not published, and missing images, for the render's warnings.
    pub refused: BTreeSet<Refusal>,
}

/// What the last render made each page from, so that a page whose inputs did not change is
/// neither rendered nor written again. Kept by `adr render` next to the site.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PageCache {
    /// Record page path → how that page was made. (foldhash: SipHash over the paths of
    /// 10,000 pages, in the decode and in each page's lookup, was 5 % of a re-render.)
    pub records: FastMap<String, RecordPage>,
    /// Path of every other generated page → a hash of everything it was rendered from.
    pub pages: FastMap<String, u128>,
    /// Each range of the search index: what it was made from and its summary.
    #[serde(default)]
    pub search: Vec<search::RangeSummary>,
}

/// A map hashed with foldhash (randomly seeded, like std's, and several times faster).
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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
    /// (taken when its range of the search index is written).
    #[serde(skip)]
    search: Option<search::SearchEntry>,
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
            records,
            failures,
            lookup,
            layout,
        } = site_log;
        let (entries, tags) = self.rows(records, failures, layout);
        let record_entry = record_positions(&entries, records.len());
        let (mut relations, superseded_by, supersedes) = supersessions(records, lookup);
        for (from, record) in records.iter().enumerate() {
            for (label, reference) in &record.relations {
                if let Some(to) = lookup.resolve_at(from, reference).filter(|to| *to != from) {
                    relations.add_typed(from, to, label);
                }
            }
        }
        let linker = Linker::new(paths, &entries);
        let known: &PageCache = previous;
        let row_hashes = row_hashes(&entries);
        let record_pages = RecordPages {
            site: self,
            entries: &entries,
            record_entry: &record_entry,
            failure_entry: failure_positions(&entries),
            superseded_by: &superseded_by,
            supersedes: &supersedes,
            linker: &linker,
            previous: known,
            sink,
            repository: self
                .repository
                .as_ref()
                .and_then(|repository| Some((repository, repository.log_prefix(&paths.log_dir)?))),
            row_hashes: &row_hashes,
            base_key: self.base_key(paths),
        };
        // A page is kept when it was made from the same inputs and is still there.
        let unchanged =
            |path: &str, key: u128| known.pages.get(path) == Some(&key) && sink.keep(path);
        let rows: Vec<&EntryView> = entries.iter().map(|entry| &entry.view).collect();
        let tag_summaries = tag_summaries(&tags);
        // The index and the tag pages need only the rows, so they are made among the record
        // pages, on whichever core is free; what needs the record pages (the relations page
        // needs their links, the search index their words) comes after.
        let documents = pages::search::documents(&entries);
        let search_ranges = pages::search::SearchRanges {
            records,
            entries: &entries,
            previous: known,
            sink,
        };
        let (made, listings) = rayon::join(
            || {
                // Range by range, so that a range's search entries are freed once it is
                // written rather than held for the whole log.
                documents
                    .par_chunks(search::RANGE_DOCS)
                    .enumerate()
                    .map(|(range, docs)| {
                        let mut made = docs
                            .par_iter()
                            .filter_map(|&(_, index)| Some((index, records.get(index)?)))
                            .map(|(index, record)| record_pages.record_page(index, record))
                            .collect::<Result<Vec<(usize, RecordPage)>>>()?;
                        let summary = search_ranges.put_range(range, docs, &mut made)?;
                        Ok((made, summary))
                    })
                    .collect::<Result<Vec<_>>>()
            },
            || {
                let (index_key, tag_keys) = rayon::join(
                    || self.put_index_page(sink, &rows, &tag_summaries, failures.len(), &unchanged),
                    || self.put_tag_pages(sink, &rows, &tags, &tag_summaries, &unchanged),
                );
                Ok::<_, Error>((index_key?, tag_keys?))
            },
        );
        let (made, ranges): (Vec<Vec<(usize, RecordPage)>>, Vec<search::RangeSummary>) =
            made?.into_iter().unzip();
        let made: Vec<(usize, RecordPage)> = made.into_iter().flatten().collect();
        let diagrams = made.iter().any(|(_, page)| page.diagrams);
        let (index_keys, tag_keys) = listings?;
        let log_keys = self.put_log_pages(sink, &rows, &unchanged)?;
        failures
            .par_iter()
            .enumerate()
            .try_for_each(|failure| record_pages.failure_page(failure))?;
        drop(record_pages);
        let findings = linker.finish();
        add_links(&mut relations, &entries, &findings.links);
        let relations_key =
            self.put_relations_page(sink, &relations, &record_entry, &entries, &unchanged);
        let (search_files, tokenizer_key) =
            pages::search::put_search_manifest(sink, &ranges, &entries, &unchanged)?;
        let mut page_keys: FastMap<String, u128> = tag_keys.into_iter().chain(log_keys).collect();
        page_keys.insert(search::SEARCH_TOKENIZER.to_string(), tokenizer_key);
        page_keys.insert(RELATIONS_PAGE.to_string(), relations_key?);
        page_keys.extend(index_keys);
        let mut generated: BTreeSet<String> = page_keys.keys().cloned().collect();
        generated.extend(rows.iter().map(|row| row.path.clone()));
        generated.extend(search_files);
        drop(rows);
        let cache = page_cache(made, ranges, &entries, page_keys, previous);
        if diagrams {
            put_diagram_assets(sink, &mut generated)?;
        }
        let mut report = self.put_assets_and_copies(sink, generated, findings)?;
        report.records = records.len();
        report.failures = failures.len();
        Ok((report, cache))
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

    /// The rows of the index in order, with each record's git facts and tag links, and the
    /// tags grouped.
    fn rows<'r>(
        &self,
        records: &'r [SiteRecord],
        failures: &'r [crate::model::LoadFailure],
        layout: &crate::layout::Layout,
    ) -> (Vec<views::Entry<'r>>, BTreeMap<String, TagGroup>) {
        let mut entries = entries_of(records, failures, layout);
        let tags = tag_groups(&entries);
        if let Some(history) = &self.history {
            for entry in &mut entries {
                if let EntrySource::Record(_) = entry.source
                    && let Some(facts) = history.file(entry.path)
                {
                    entry.view.last_changed.clone_from(&facts.changed_on);
                    if entry.view.date.is_none()
                        && let Some(added) = facts
                            .added_at
                            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
                    {
                        let iso = added
                            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                            .date()
                            .to_string();
                        entry.view.date = Some(iso.clone());
                        entry.view.iso_date = Some(iso);
                        entry.view.date_from_git = true;
                    }
                    entry.view.last_changed_at = facts.changed_at;
                    entry.view.authors.clone_from(&facts.authors);
                }
            }
        }
        for entry in &mut entries {
            if let Some(class) = self.status_colours.class_of(&entry.view.status.key) {
                entry.view.status.class = class.to_string().into();
            }
            for tag in &mut entry.view.tags {
                if let Some(group) = tags.get(&tag.name.to_lowercase()) {
                    tag.url = links::encode_path(&format!("tags/{}", group.file));
                }
            }
        }
        (entries, tags)
    }

    /// The assets, then the local files records link to (a generated page wins over a
    /// linked file that happens to share its path); the report of the whole build.
    fn put_assets_and_copies(
        &self,
        sink: &dyn PageSink,
        mut generated: BTreeSet<String>,
        findings: Findings,
    ) -> Result<BuildReport> {
        for (name, bytes) in &self.assets {
            let path = format!("assets/{name}");
            sink.put(&path, bytes.to_vec())?;
            generated.insert(path);
        }
        let Findings {
            copies,
            missing,
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
            pages: generated.len(),
            records: 0,
            failures: 0,
            copied,
            missing,
            inlined,
            refused,
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

/// Adds to `relations` the links between records that resolving their bodies found.
fn add_links(
    relations: &mut graph::Relations,
    entries: &[views::Entry],
    links: &BTreeSet<(String, String)>,
) {
    let positions: HashMap<&str, usize> = entries
        .iter()
        .filter_map(|entry| match entry.source {
            EntrySource::Record(index) => Some((entry.rel_path, index)),
            EntrySource::Failure(_) => None,
        })
        .collect();
    for (from, to) in links {
        if let (Some(&from), Some(&to)) = (positions.get(from.as_str()), positions.get(to.as_str()))
        {
            relations.add_link(from, to);
        }
    }
}

/// What this build made each page from, for the next one; the entries of kept pages are
/// moved from the last build's.
fn page_cache(
    made: Vec<(usize, RecordPage)>,
    search: Vec<search::RangeSummary>,
    entries: &[views::Entry],
    pages: FastMap<String, u128>,
    previous: &mut PageCache,
) -> PageCache {
    let mut records = FastMap::with_capacity_and_hasher(made.len(), Default::default());
    records.extend(made.into_iter().filter_map(|(position, page)| {
        let path = &entries.get(position)?.view.path;
        let page = match page.kept {
            true => previous.records.remove(path)?,
            false => page,
        };
        Some((path.clone(), page))
    }));
    PageCache {
        records,
        pages,
        search,
    }
}

/// A hash of each row of the index, in order: what record pages' keys are made from.
fn row_hashes(entries: &[views::Entry]) -> Vec<u128> {
    entries
        .par_iter()
        .map(|entry| key_of(&[&entry.view]))
        .collect()
}

/// Each unreadable file's position among the index's rows, by its index among the failures.
fn failure_positions(entries: &[views::Entry]) -> HashMap<usize, usize> {
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
fn record_positions(entries: &[views::Entry], records: usize) -> Vec<usize> {
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
fn put_diagram_assets(sink: &dyn PageSink, generated: &mut BTreeSet<String>) -> Result<()> {
    for (name, bytes) in templates::DIAGRAM_ASSETS {
        let path = format!("assets/{name}");
        sink.put(&path, bytes.to_vec())?;
        generated.insert(path);
    }
    Ok(())
}
