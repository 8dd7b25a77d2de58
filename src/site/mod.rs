//! The static site `adr render` builds from a loaded log: an index page with the log as a
//! table, one page per record, a page per tag, a relations page, the search index and the
//! assets. Templates are tera files embedded in the binary (overridable by file name) and
//! compiled once; pages get plain view models with links resolved and dates formatted here,
//! so templates hold only loops and conditionals. Pages are rendered in parallel and handed
//! to a [`PageSink`] as they are made: the caller decides what reaches the disk.

pub mod graph;
pub mod html;
pub mod incremental;
pub mod record;
pub mod search;
mod skeleton;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::model::LoadFailure;
use html::{Destination, LinkKind};
pub use record::{MetaRow, SiteLog, SiteRecord, StatusClass};

/// A built-in template: the name it is registered under (ending in `.html`, so tera
/// escapes its output) and the file name an override uses.
struct BuiltinTemplate {
    name: &'static str,
    file: &'static str,
    text: &'static str,
}

const TEMPLATES: [BuiltinTemplate; 9] = [
    BuiltinTemplate {
        name: "layout.html",
        file: "layout.html.tera",
        text: include_str!("../../templates/site/layout.html.tera"),
    },
    BuiltinTemplate {
        name: "macros.html",
        file: "macros.html.tera",
        text: include_str!("../../templates/site/macros.html.tera"),
    },
    BuiltinTemplate {
        name: "rows.html",
        file: "rows.html.tera",
        text: include_str!("../../templates/site/rows.html.tera"),
    },
    BuiltinTemplate {
        name: "index.html",
        file: "index.html.tera",
        text: include_str!("../../templates/site/index.html.tera"),
    },
    BuiltinTemplate {
        name: "record.html",
        file: "record.html.tera",
        text: include_str!("../../templates/site/record.html.tera"),
    },
    BuiltinTemplate {
        name: "tag.html",
        file: "tag.html.tera",
        text: include_str!("../../templates/site/tag.html.tera"),
    },
    BuiltinTemplate {
        name: "tags.html",
        file: "tags.html.tera",
        text: include_str!("../../templates/site/tags.html.tera"),
    },
    BuiltinTemplate {
        name: "relation-rows.html",
        file: "relation-rows.html.tera",
        text: include_str!("../../templates/site/relation-rows.html.tera"),
    },
    BuiltinTemplate {
        name: "relations.html",
        file: "relations.html.tera",
        text: include_str!("../../templates/site/relations.html.tera"),
    },
];

/// Rows per template render of a records table.
const ROWS_PER_CHUNK: usize = 250;

/// Static files copied into `assets/`.
const ASSETS: [(&str, &[u8]); 3] = [
    (
        "style.css",
        include_bytes!("../../templates/site/assets/style.css"),
    ),
    (
        "site.js",
        include_bytes!("../../templates/site/assets/site.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../templates/site/assets/favicon.svg"),
    ),
];

/// The names `--templates DIR` may override: template files and assets.
pub fn overridable_names() -> Vec<&'static str> {
    TEMPLATES
        .iter()
        .map(|template| template.file)
        .chain(ASSETS.iter().map(|(name, _)| *name))
        .collect()
}

/// Reads the files of a templates directory (not its subdirectories), each through
/// `fs::read_checked`: a FIFO or device there is an error, not a hang, and with `within`,
/// a link out of the project is refused.
pub fn read_overrides(dir: &Path, within: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|source| Error::io("read the templates directory", dir, source))?;
    let mut overrides = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|source| Error::io("read the templates directory", dir, source))?;
        let path = entry.path();
        if path.is_dir() {
            continue;
        }
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let bytes = crate::fs::read_checked(&path, within, crate::fs::MAX_TEXT_BYTES)
            .map_err(|error| error.into_error("read", &path))?;
        overrides.push((name.to_string(), bytes));
    }
    overrides.sort();
    Ok(overrides)
}

/// What `adr render` was asked for, resolved from flags and config.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
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
}

/// Where things are, for resolving the links records make to files.
#[derive(Debug, Clone)]
pub struct SitePaths {
    pub log_dir: PathBuf,
    pub project_root: PathBuf,
    /// Nothing outside this directory is published: the directory holding `.adr.toml`,
    /// else the git work tree, else the log's parent.
    pub publish_root: PathBuf,
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
    pub pages: usize,
    pub records: usize,
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
    /// Record page path → how that page was made.
    pub records: HashMap<String, RecordPage>,
    /// Path of every other generated page → a hash of everything it was rendered from.
    pub pages: HashMap<String, u128>,
    /// The last search index, which holds the cached record pages' words.
    #[serde(skip)]
    search_index: Vec<u8>,
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
    /// Its search words. Not kept in the cache, which has `search` instead.
    #[serde(skip)]
    words: String,
    /// Where its words stand in the search index written with it.
    search: Option<search::WordsSpan>,
}

impl PageCache {
    /// Takes `search_index`, the search index written with the cache, as where the words
    /// of the cached record pages are.
    pub fn keep_search_index(&mut self, search_index: Vec<u8>) {
        self.search_index = search_index;
    }

    /// Forgets every cached record page (their words cannot be read back).
    pub fn forget_record_pages(&mut self) {
        self.records.clear();
    }

    /// The search words of a cached record page, read from the last search index.
    fn cached_words(&self, page: &RecordPage) -> Option<&str> {
        search::words_at(&self.search_index, page.search?)
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
    tera: Tera,
    skeletons: skeleton::Skeletons,
    assets: BTreeMap<&'static str, Cow<'static, [u8]>>,
    view: SiteView,
    history: Option<crate::git::History>,
    /// Override files whose names match nothing (probably a typo).
    pub unknown_overrides: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct SiteView {
    title: String,
    base_url: Option<String>,
    build_date: Option<String>,
    generator: String,
}

#[derive(Debug, Clone, Serialize)]
struct StatusView {
    /// What the status filter matches: the keyword (`accepted`, `on hold`).
    key: String,
    /// The badge colour: a built-in keyword, `other`, `none` or `error`.
    class: &'static str,
    text: String,
}

#[derive(Debug, Clone, Serialize)]
struct TagLink {
    name: String,
    /// Site-relative URL of the tag's page.
    url: String,
}

/// A row of the index: what every page knows about a record.
#[derive(Debug, Clone, Serialize)]
struct EntryView {
    label: String,
    title: String,
    /// Site-relative URL of the record's page, percent-encoded (a file name may hold `#`,
    /// `?`, `%`, spaces or any script).
    url: String,
    /// The page's path in the site, as a file name (what `url` encodes).
    #[serde(skip)]
    path: String,
    status: StatusView,
    date: Option<String>,
    /// `YYYY-MM-DD` when the date is a real one, for `<time datetime>`.
    iso_date: Option<String>,
    tags: Vec<TagLink>,
    /// Tag keys as a JSON array, for the filter script.
    tag_keys: String,
    /// Position in the index (and in the search index).
    doc: usize,
    /// From git: the author date of the last commit changing the record, `YYYY-MM-DD`.
    last_changed: Option<String>,
    /// The same as Unix seconds, for sorting the index.
    last_changed_at: Option<i64>,
    /// From git: who authored commits changing the record, most recent first.
    authors: Vec<String>,
}

impl EntryView {
    fn reference(&self) -> EntryRef {
        EntryRef {
            label: self.label.clone(),
            title: self.title.clone(),
            url: self.url.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
struct EntryRef {
    label: String,
    title: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct ExcerptLine {
    number: usize,
    text: String,
    is_error: bool,
}

#[derive(Debug, Clone, Serialize)]
struct ErrorView {
    message: String,
    location: Option<String>,
    excerpt: Vec<ExcerptLine>,
}

#[derive(Debug, Serialize)]
struct RecordView<'a> {
    meta: Vec<MetaRowView<'a>>,
    body: &'a str,
    toc: &'a [html::TocEntry],
    /// The items of `toc` as HTML: the built-in template writes this rather than looping
    /// over `toc`, because every field a tera loop reads costs more than rendering the whole
    /// list here (with the details rows, a third of a record page's template work, counted
    /// by callgrind).
    toc_html: String,
    superseded_by: Vec<EntryRef>,
    supersedes: Vec<EntryRef>,
    /// `superseded by X` naming no record of this log.
    superseded_note: Option<String>,
    prev: Option<EntryRef>,
    next: Option<EntryRef>,
    source_path: String,
    error: Option<ErrorView>,
}

/// A row of a record's details: its values escaped and joined (a date as `<time>`), for the
/// same reason as [`RecordView::toc_html`].
#[derive(Debug, Serialize)]
struct MetaRowView<'a> {
    name: &'a str,
    html: String,
}

#[derive(Debug, Serialize)]
struct PageView {
    /// The `<title>`.
    title: String,
    /// Which navigation item is current.
    section: &'static str,
    canonical: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct StatusCount {
    key: String,
    class: &'static str,
    text: String,
    count: usize,
}

#[derive(Debug, Clone, Serialize)]
struct TagSummary {
    key: String,
    name: String,
    /// Percent-encoded, like [`EntryView::url`].
    url: String,
    #[serde(skip)]
    path: String,
    count: usize,
}

#[derive(Debug, Serialize)]
struct RelationRow {
    from: EntryRef,
    relation: &'static str,
    to: EntryRef,
}

/// Where an entry comes from: a record or a failure, by its index in the log.
#[derive(Debug, Clone, Copy)]
enum EntrySource {
    Record(usize),
    Failure(usize),
}

struct Entry {
    source: EntrySource,
    view: EntryView,
    /// The file, relative to the log and as a path.
    rel_path: String,
    path: PathBuf,
}

struct TagGroup {
    name: String,
    file: String,
    entries: Vec<usize>,
}

impl Site {
    /// Compiles the templates, built-in ones replaced by any overrides of the same name.
    pub fn new(options: SiteOptions) -> Result<Site> {
        let mut templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|template| (template.name.to_string(), template.text.to_string()))
            .collect();
        let mut assets: BTreeMap<&'static str, Cow<'static, [u8]>> = ASSETS
            .iter()
            .map(|(name, bytes)| (*name, Cow::Borrowed(*bytes)))
            .collect();
        let mut unknown_overrides = Vec::new();
        let mut templates_overridden = false;
        for (file_name, bytes) in options.overrides {
            if let Some(position) = TEMPLATES
                .iter()
                .position(|template| template.file == file_name || template.name == file_name)
            {
                let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                    name: file_name.clone(),
                    message: "the file is not UTF-8: save it as UTF-8".to_string(),
                })?;
                if let Some(slot) = templates.get_mut(position) {
                    slot.1 = text;
                }
                templates_overridden = true;
            } else if let Some((name, _)) = ASSETS.iter().find(|(name, _)| *name == file_name) {
                assets.insert(name, Cow::Owned(bytes));
            } else {
                unknown_overrides.push(file_name);
            }
        }
        let mut tera = Tera::default();
        // tera's own escaping also turns `/` into `&#x2F;`, which makes every URL unreadable
        // in the page source; the five characters HTML needs are enough inside quoted
        // attributes and text.
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates).map_err(|error| {
            crate::record_template::template_error("the site templates", &error)
        })?;
        Ok(Site {
            tera,
            // The built-in templates compare only the page's section; an override may
            // compare or filter anything.
            skeletons: skeleton::Skeletons::new(!templates_overridden, &[("page", "section")]),
            assets,
            view: SiteView {
                title: options.title,
                base_url: options
                    .base_url
                    .map(|url| url.trim_end_matches('/').to_string()),
                build_date: options.build_date,
                generator: format!("adr {}", env!("CARGO_PKG_VERSION")),
            },
            history: options.history,
            unknown_overrides,
        })
    }

    /// Builds the whole site of `log` into `sink`. Pages whose inputs are those `previous`
    /// records, and whose files the sink still holds, are kept rather than rendered again;
    /// the returned cache describes this build for the next one.
    pub fn build(
        &self,
        site_log: &SiteLog,
        previous: &PageCache,
        paths: &SitePaths,
        sink: &dyn PageSink,
    ) -> Result<(BuildReport, PageCache)> {
        let SiteLog {
            records,
            failures,
            lookup,
        } = site_log;
        let record_count = records.len();
        let failure_count = failures.len();
        let entries = entries_of(records, failures);
        let tags = tag_groups(&entries);
        let mut entries = entries;
        if let Some(history) = &self.history {
            for entry in &mut entries {
                if let EntrySource::Record(_) = entry.source
                    && let Some(facts) = history.file(&entry.path)
                {
                    entry.view.last_changed.clone_from(&facts.changed_on);
                    entry.view.last_changed_at = facts.changed_at;
                    entry.view.authors.clone_from(&facts.authors);
                }
            }
        }
        for entry in &mut entries {
            for tag in &mut entry.view.tags {
                if let Some(group) = tags.get(&tag.name.to_lowercase()) {
                    tag.url = encode_path(&format!("tags/{}", group.file));
                }
            }
        }
        let mut record_entry = vec![0; records.len()];
        for (position, entry) in entries.iter().enumerate() {
            if let EntrySource::Record(index) = entry.source
                && let Some(slot) = record_entry.get_mut(index)
            {
                *slot = position;
            }
        }
        let mut relations = graph::Relations::supersessions_of(
            records
                .iter()
                .map(|record| (record.superseded_by(), record.supersedes.iter().collect())),
            lookup,
        );
        let mut superseded_by: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); records.len()];
        let mut supersedes: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); records.len()];
        for edge in &relations.edges {
            let (old, new) = match edge.kind {
                graph::EdgeKind::SupersededBy => (edge.from, edge.to),
                graph::EdgeKind::Supersedes => (edge.to, edge.from),
                graph::EdgeKind::Links => continue,
            };
            if let (Some(olds), Some(news)) = (supersedes.get_mut(new), superseded_by.get_mut(old))
            {
                olds.insert(old);
                news.insert(new);
            }
        }

        let linker = Linker::new(paths, &entries);
        let entry_ref = |position: usize| entries.get(position).map(|entry| entry.view.reference());
        let record_ref = |index: usize| {
            record_entry
                .get(index)
                .and_then(|&position| entry_ref(position))
        };
        let record_page = |index: usize, record: &SiteRecord| -> Result<(usize, RecordPage)> {
            let position = record_entry.get(index).copied().unwrap_or(usize::MAX);
            let Some(entry) = entries.get(position) else {
                return Err(Error::usage(format!(
                    "{} has no row in the index: this is a bug in adr",
                    record.rel_path
                )));
            };
            let related = |sets: &[BTreeSet<usize>]| -> Vec<EntryRef> {
                sets.get(index)
                    .into_iter()
                    .flatten()
                    .filter_map(|&other| record_ref(other))
                    .collect()
            };
            let mut view = RecordView {
                meta: meta_views(&record.meta, &entry.view),
                body: "",
                toc: &[],
                toc_html: String::new(),
                superseded_by: related(&superseded_by),
                supersedes: related(&supersedes),
                superseded_note: None,
                prev: position.checked_sub(1).and_then(entry_ref),
                next: entry_ref(position + 1),
                source_path: display_relative(&paths.project_root, &record.path),
                error: None,
            };
            view.superseded_note = match &record.status {
                Some(status)
                    if status.class == StatusClass::Superseded && view.superseded_by.is_empty() =>
                {
                    Some(status.raw.clone())
                }
                _ => None,
            };
            // Everything the page is made from except the body, which the text hash stands
            // for, and where its links lead, which depends on the rest of the log.
            let page_key = |urls: &[(String, LinkKind)]| -> (u128, Vec<Option<Found>>) {
                let resolved: Vec<(Destination, Option<Found>)> = urls
                    .iter()
                    .map(|(url, kind)| linker.lookup(&record.rel_path, url, *kind))
                    .collect();
                let destinations: Vec<&Destination> = resolved
                    .iter()
                    .map(|(destination, _)| destination)
                    .collect();
                let key = key_of(&[&record.text_hash, &entry.view, &view, &destinations]);
                (key, resolved.into_iter().map(|(_, found)| found).collect())
            };
            if let Some(cached) = previous.records.get(&entry.view.path) {
                let (key, found) = page_key(&cached.urls);
                if key == cached.key
                    && previous.cached_words(cached).is_some()
                    && sink.keep(&entry.view.path)
                {
                    for found in found {
                        linker.note(found);
                    }
                    return Ok((position, cached.clone()));
                }
            }
            let mut extra_words = vec![entry.view.label.as_str(), entry.view.title.as_str()];
            extra_words.extend(entry.view.tags.iter().map(|tag| tag.name.as_str()));
            let text = match record.text.take() {
                Some(text) => text,
                None => crate::fs::read_again(&record.path, record.text_hash, "adr render")?,
            };
            let urls = Mutex::new(Vec::new());
            let body = html::render_body(
                text.get(record.body_start..).unwrap_or(""),
                record.has_title,
                &extra_words,
                &|url: &str, kind: LinkKind| {
                    if let Ok(mut urls) = urls.lock() {
                        urls.push((url.to_string(), kind));
                    }
                    linker.resolve(&record.rel_path, url, kind)
                },
            );
            drop(text);
            let urls = urls.into_inner().unwrap_or_default();
            let (key, _) = page_key(&urls);
            view.body = &body.html;
            view.toc = &body.toc;
            view.toc_html = toc_html(&body.toc);
            self.put_record_page(sink, &entry.view, &mut view)?;
            Ok((
                position,
                RecordPage {
                    key,
                    urls,
                    words: body.words,
                    search: None,
                },
            ))
        };
        let failure_entry: HashMap<usize, usize> = entries
            .iter()
            .enumerate()
            .filter_map(|(position, entry)| match entry.source {
                EntrySource::Failure(index) => Some((index, position)),
                EntrySource::Record(_) => None,
            })
            .collect();
        let failure_page = |(index, failure): (usize, &LoadFailure)| -> Result<(usize, String)> {
            let position = failure_entry.get(&index).copied().unwrap_or(usize::MAX);
            let Some(entry) = entries.get(position) else {
                return Ok((usize::MAX, String::new()));
            };
            let mut view = RecordView {
                meta: Vec::new(),
                body: "",
                toc: &[],
                toc_html: String::new(),
                superseded_by: Vec::new(),
                supersedes: Vec::new(),
                superseded_note: None,
                prev: position.checked_sub(1).and_then(entry_ref),
                next: entry_ref(position + 1),
                source_path: display_relative(&paths.project_root, &failure.path),
                error: Some(error_view(failure)),
            };
            self.put_record_page(sink, &entry.view, &mut view)?;
            let words = html::words_of([
                entry.view.label.as_str(),
                entry.view.title.as_str(),
                "parse error",
            ]);
            Ok((position, words))
        };
        // A page is kept when it was made from the same inputs and is still there.
        let unchanged =
            |path: &str, key: u128| previous.pages.get(path) == Some(&key) && sink.keep(path);
        let rows: Vec<&EntryView> = entries.iter().map(|entry| &entry.view).collect();
        let tag_summaries = tag_summaries(&tags);
        // The index and the tag pages need only the rows, so they are made among the record
        // pages, on whichever core is free; what needs the record pages (the relations page
        // needs their links, the search index their words) comes after.
        let (record_pages, listings) = rayon::join(
            || {
                records
                    .par_iter()
                    .enumerate()
                    .map(|(index, record)| record_page(index, record))
                    .collect::<Result<Vec<(usize, RecordPage)>>>()
            },
            || {
                let (index_key, tag_keys) = rayon::join(
                    || self.put_index_page(sink, &rows, &tag_summaries, failures.len(), &unchanged),
                    || self.put_tag_pages(sink, &rows, &tags, &tag_summaries, &unchanged),
                );
                Ok::<_, Error>((index_key?, tag_keys?))
            },
        );
        let record_pages = record_pages?;
        let (index_key, tag_keys) = listings?;
        let failure_pages: Vec<(usize, String)> = failures
            .par_iter()
            .enumerate()
            .map(failure_page)
            .collect::<Result<_>>()?;
        let mut words: Vec<&str> = vec![""; entries.len()];
        for (position, page) in &record_pages {
            if let Some(slot) = words.get_mut(*position) {
                // A page kept from the last render has its words in the last search index.
                *slot = if page.words.is_empty() {
                    previous.cached_words(page).unwrap_or_default()
                } else {
                    &page.words
                };
            }
        }
        for (position, text) in &failure_pages {
            if let Some(slot) = words.get_mut(*position) {
                *slot = text;
            }
        }
        let Findings {
            copies,
            missing,
            inlined,
            links,
            refused,
        } = linker.finish();
        let positions: HashMap<&str, usize> = entries
            .iter()
            .filter_map(|entry| match entry.source {
                EntrySource::Record(index) => Some((entry.rel_path.as_str(), index)),
                EntrySource::Failure(_) => None,
            })
            .collect();
        for (from, to) in &links {
            if let (Some(&from), Some(&to)) =
                (positions.get(from.as_str()), positions.get(to.as_str()))
            {
                relations.add_link(from, to);
            }
        }
        drop(positions);
        // The relations page (mostly one thread's work) is made while the search index is
        // written on the other core.
        let (relations_key, spans) = rayon::join(
            || self.put_relations_page(sink, &relations, &record_entry, &entries, &unchanged),
            || self.put_search_index(sink, &rows, &words),
        );
        let relations_key = relations_key?;
        let spans = spans?;
        let mut page_keys: HashMap<String, u128> = tag_keys.into_iter().collect();
        page_keys.insert(RELATIONS_PAGE.to_string(), relations_key);
        page_keys.insert("index.html".to_string(), index_key);
        let mut generated: BTreeSet<String> = page_keys.keys().cloned().collect();
        generated.extend(rows.iter().map(|row| row.path.clone()));
        generated.insert(SEARCH_INDEX.to_string());
        for (name, bytes) in &self.assets {
            let path = format!("assets/{name}");
            sink.put(&path, bytes.to_vec())?;
            generated.insert(path);
        }

        let mut copied = BTreeMap::new();
        for (path, source) in copies {
            // A generated page wins over a linked file that happens to share its path.
            if generated.contains(&path) {
                continue;
            }
            sink.copy(&path, &source)?;
            copied.insert(path, source);
        }
        drop(words);
        drop(rows);
        let cache = PageCache {
            records: record_pages
                .into_iter()
                .filter_map(|(position, page)| {
                    let page = RecordPage {
                        words: String::new(),
                        search: spans.get(position).copied().flatten(),
                        ..page
                    };
                    Some((entries.get(position)?.view.path.clone(), page))
                })
                .collect(),
            pages: page_keys,
            search_index: Vec::new(),
        };
        Ok((
            BuildReport {
                pages: generated.len(),
                records: record_count,
                failures: failure_count,
                copied,
                missing,
                inlined,
                refused,
            },
            cache,
        ))
    }

    /// `relations.html`, unless its inputs are those of the last build; returns its key.
    fn put_relations_page(
        &self,
        sink: &dyn PageSink,
        relations: &graph::Relations,
        record_entry: &[usize],
        entries: &[Entry],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<u128> {
        let key = relations_key(relations, record_entry, entries);
        if unchanged(RELATIONS_PAGE, key) {
            return Ok(key);
        }
        let (page, relation_rows) = rayon::join(
            || relations_page(relations, record_entry, entries),
            || self.render_relation_rows(relations, record_entry, entries),
        );
        let relation_rows = relation_rows?;
        let mut context = self.context("", "Relations", "relations", RELATIONS_PAGE);
        context.insert("relation_count", &relations.edges.len());
        context.insert("supersession_count", &page.supersessions);
        context.insert("link_count", &page.links);
        context.insert("related_count", &page.related);
        context.insert("record_count", &record_entry.len());
        let page = self.render_spliced(
            "relations.html",
            context,
            &[("svg", &page.svg), ("relation_rows", &relation_rows)],
        )?;
        sink.put(RELATIONS_PAGE, page)?;
        Ok(key)
    }

    /// `assets/search-index.js`: the words of every row, in the index's order.
    fn put_search_index(
        &self,
        sink: &dyn PageSink,
        rows: &[&EntryView],
        words: &[&str],
    ) -> Result<Vec<Option<search::WordsSpan>>> {
        let docs: Vec<search::SearchDoc<'_>> = rows
            .iter()
            .zip(words)
            .map(|(row, words)| search::SearchDoc {
                url: &row.url,
                words,
            })
            .collect();
        let mut spans = Vec::new();
        sink.put_written(SEARCH_INDEX, &mut |out| {
            spans = search::write_search_index(&docs, out)?;
            Ok(())
        })?;
        Ok(spans)
    }

    /// `index.html`, the table of every record, unless its inputs are those of the last
    /// build; returns its key.
    fn put_index_page(
        &self,
        sink: &dyn PageSink,
        rows: &[&EntryView],
        tag_summaries: &[TagSummary],
        failure_count: usize,
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<u128> {
        let record_count = rows.len() - failure_count;
        let status_counts = status_counts(rows);
        let has_history = rows.iter().any(|row| row.last_changed.is_some());
        let key = key_of(&[
            &rows,
            &status_counts,
            &tag_summaries,
            &record_count,
            &failure_count,
            &has_history,
        ]);
        if unchanged("index.html", key) {
            return Ok(key);
        }
        let table_rows = self.render_rows(rows, "", has_history)?;
        let mut context = self.context("", &self.view.title, "index", "index.html");
        context.insert("status_counts", &status_counts);
        context.insert("tags", tag_summaries);
        context.insert("record_count", &record_count);
        context.insert("failure_count", &failure_count);
        context.insert("has_history", &has_history);
        let page = self.render_spliced("index.html", context, &[("rows", &table_rows)])?;
        sink.put("index.html", page)?;
        Ok(key)
    }

    /// `tags/index.html` and a page per tag, each unless its inputs are those of the last
    /// build; returns every path with its key.
    fn put_tag_pages(
        &self,
        sink: &dyn PageSink,
        rows: &[&EntryView],
        tags: &BTreeMap<String, TagGroup>,
        tag_summaries: &[TagSummary],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<Vec<(String, u128)>> {
        let mut keys = Vec::with_capacity(tags.len() + 1);
        let tags_key = key_of(&[&tag_summaries]);
        if !unchanged("tags/index.html", tags_key) {
            let mut context = self.context("../", "Tags", "tags", "tags/index.html");
            context.insert("tags", tag_summaries);
            self.put_page(sink, "tags/index.html", "tags.html", &context)?;
        }
        keys.push(("tags/index.html".to_string(), tags_key));
        // A record is on as many tag pages as it has tags, always as the same row: each
        // row is rendered once, for the pages that need rendering.
        let mut stale_tags = Vec::new();
        for (group, summary) in tags.values().zip(tag_summaries) {
            let tagged: Vec<&EntryView> = group
                .entries
                .iter()
                .filter_map(|&position| rows.get(position).copied())
                .collect();
            let page_key = key_of(&[&summary, &tagged]);
            keys.push((summary.path.clone(), page_key));
            if !unchanged(&summary.path, page_key) {
                stale_tags.push((group, summary));
            }
        }
        let needed: BTreeSet<usize> = stale_tags
            .iter()
            .flat_map(|(group, _)| group.entries.iter().copied())
            .collect();
        let tag_rows: HashMap<usize, String> = needed
            .into_par_iter()
            .filter_map(|position| Some((position, *rows.get(position)?)))
            .map(|(position, row)| Ok((position, self.render_rows(&[row], "../", false)?)))
            .collect::<Result<_>>()?;
        stale_tags
            .into_par_iter()
            .try_for_each(|(group, summary)| -> Result<()> {
                let html: String = group
                    .entries
                    .iter()
                    .filter_map(|position| tag_rows.get(position).map(String::as_str))
                    .collect();
                let mut context =
                    self.context("../", &format!("Tag: {}", group.name), "tags", &summary.url);
                context.insert("tag", &summary);
                let page = self.render_spliced("tag.html", context, &[("rows", &html)])?;
                sink.put(&summary.path, page)
            })?;
        Ok(keys)
    }

    fn context(&self, root: &str, title: &str, section: &'static str, url: &str) -> Context {
        let mut context = Context::new();
        context.insert("site", &self.view);
        context.insert("root", root);
        let title = if section == "index" {
            title.to_string()
        } else {
            format!("{title} · {}", self.view.title)
        };
        context.insert(
            "page",
            &PageView {
                title,
                section,
                canonical: self
                    .view
                    .base_url
                    .as_ref()
                    .map(|base| format!("{base}/{url}")),
            },
        );
        context
    }

    /// The rows of a records table, rendered in chunks in parallel: a template given every
    /// row of a 10,000-record log at once holds all of them as template values.
    fn render_rows(&self, entries: &[&EntryView], root: &str, history: bool) -> Result<String> {
        let chunks: Vec<String> = entries
            .par_chunks(self.rows_per_render())
            .map(|chunk| {
                let mut context = Context::new();
                context.insert("entries", chunk);
                context.insert("root", root);
                context.insert("history", &history);
                self.render_by_skeleton("rows.html", context)
            })
            .collect::<Result<_>>()?;
        Ok(chunks.concat())
    }

    /// Rows given to one template render: one with skeletons (rows come in a few shapes,
    /// and a chunk's shape is that of all its rows), else a chunk.
    fn rows_per_render(&self) -> usize {
        if self.skeletons.is_enabled() {
            1
        } else {
            ROWS_PER_CHUNK
        }
    }

    /// The rows of the relations table, rendered in chunks in parallel like the records
    /// tables: at 10,000 records the relations are as many as the records.
    fn render_relation_rows(
        &self,
        relations: &graph::Relations,
        record_entry: &[usize],
        entries: &[Entry],
    ) -> Result<String> {
        let view_of = |index: usize| view_of(record_entry, entries, index);
        let row_of = |edge: &&graph::Edge| {
            Some(RelationRow {
                from: view_of(edge.from)?.reference(),
                relation: match edge.kind {
                    graph::EdgeKind::Supersedes => "supersedes",
                    graph::EdgeKind::SupersededBy => "is superseded by",
                    graph::EdgeKind::Links => "links to",
                },
                to: view_of(edge.to)?.reference(),
            })
        };
        let edges: Vec<&graph::Edge> = relations.edges.iter().collect();
        let chunks: Vec<String> = edges
            .par_chunks(self.rows_per_render())
            .map(|chunk| {
                let rows: Vec<RelationRow> = chunk.iter().filter_map(row_of).collect();
                let mut context = Context::new();
                context.insert("relations", &rows);
                context.insert("root", "");
                self.render_by_skeleton("relation-rows.html", context)
            })
            .collect::<Result<_>>()?;
        Ok(chunks.concat())
    }

    /// The page of one record (or of a file that failed to parse). Its body goes in by
    /// [`splice`], like the rows of the index page: through tera it would be copied into
    /// the context and out again, for every record.
    fn put_record_page(
        &self,
        sink: &dyn PageSink,
        entry: &EntryView,
        record: &mut RecordView<'_>,
    ) -> Result<()> {
        let body = std::mem::replace(&mut record.body, BODY_MARKER);
        let context = |record: &RecordView<'_>| {
            let mut context =
                self.context(&root_of(&entry.url), &entry.title, "record", &entry.url);
            context.insert("entry", entry);
            context.insert("record", record);
            context
        };
        let page = self.render_by_skeleton("record.html", context(record))?;
        let page = match splice(page, &[BODY_MARKER], &[body]) {
            Ok(page) => page,
            Err(_) => {
                record.body = body;
                self.render("record.html", &context(record))?.into_bytes()
            }
        };
        sink.put(&entry.path, page)
    }

    /// Renders `template` with `parts`, large blocks already rendered (the rows of the
    /// whole log, the relations graph), each as the value of its name, spliced into the
    /// output where the template writes it unchanged: passed through tera as values, the
    /// 6 MB of rows of a 10,000-record log would be copied twice more. A template that
    /// escapes or filters a value gets them all the ordinary way.
    fn render_spliced(
        &self,
        template: &str,
        mut context: Context,
        parts: &[(&str, &str)],
    ) -> Result<Vec<u8>> {
        let markers: Vec<String> = (0..parts.len()).map(splice_marker).collect();
        for ((name, _), marker) in parts.iter().zip(&markers) {
            context.insert(*name, marker);
        }
        let page = self.render(template, &context)?;
        let htmls: Vec<&str> = parts.iter().map(|(_, html)| *html).collect();
        match splice(page, &markers, &htmls) {
            Ok(page) => Ok(page),
            Err(_) => {
                for (name, html) in parts {
                    context.insert(*name, html);
                }
                Ok(self.render(template, &context)?.into_bytes())
            }
        }
    }

    /// [`Site::render`] through the page skeletons (see [`skeleton`]).
    fn render_by_skeleton(&self, name: &'static str, context: Context) -> Result<String> {
        self.skeletons
            .render(name, context.into_json(), &|context: serde_json::Value| {
                let context = Context::from_value(context)
                    .map_err(|error| crate::record_template::template_error(name, &error))?;
                self.render(name, &context)
            })
    }

    fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|error| crate::record_template::template_error(name, &error))
    }

    fn put_page(
        &self,
        sink: &dyn PageSink,
        path: &str,
        template: &str,
        context: &Context,
    ) -> Result<()> {
        let page = self.render(template, context)?;
        sink.put(path, page.into_bytes())
    }
}

fn meta_views<'r>(rows: &'r [MetaRow], entry: &EntryView) -> Vec<MetaRowView<'r>> {
    rows.iter()
        .map(|row| {
            let html = match (row.name.as_str(), &entry.iso_date, &entry.date) {
                ("Date", Some(iso), Some(date)) => format!(
                    "<time datetime=\"{}\">{}</time>",
                    escape_html(iso),
                    escape_html(date)
                ),
                _ => row
                    .values
                    .iter()
                    .map(|value| escape_html(&value.text))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            MetaRowView {
                name: &row.name,
                html,
            }
        })
        .collect()
}

/// The list items of a table of contents, each on its own line.
fn toc_html(toc: &[html::TocEntry]) -> String {
    let mut out = String::new();
    for item in toc {
        out.push_str(&format!(
            "\n<li class=\"toc-{}\"><a href=\"#{}\">{}</a></li>",
            item.level,
            escape_html(&item.id),
            escape_html(&item.text)
        ));
    }
    out
}

/// What stands in a template's context for the `n`th block of HTML that [`splice`] puts in
/// afterwards. `<` would be escaped by a template that does not mark the value safe.
fn splice_marker(n: usize) -> String {
    format!("\u{1}adr<spliced {n}>\u{1}")
}

/// The marker of a record page's body, its only spliced block.
const BODY_MARKER: &str = "\u{1}adr<spliced 0>\u{1}";

/// `page` with each of `markers` replaced by the `html` of the same position; the page
/// back when the template wrote a marker other than once or changed it (escaped or
/// filtered it).
fn splice(
    page: String,
    markers: &[impl AsRef<str>],
    htmls: &[&str],
) -> std::result::Result<Vec<u8>, String> {
    let mut found = Vec::with_capacity(markers.len());
    for (marker, html) in markers.iter().zip(htmls) {
        match page
            .match_indices(marker.as_ref())
            .map(|(at, _)| at)
            .collect::<Vec<_>>()[..]
        {
            [at] => found.push((at, marker.as_ref().len(), *html)),
            _ => return Err(page),
        }
    }
    found.sort_unstable_by_key(|(at, _, _)| *at);
    let size = page.len() + found.iter().map(|(_, _, html)| html.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut copied = 0;
    for (at, len, html) in found {
        out.extend_from_slice(&page.as_bytes()[copied..at]);
        out.extend_from_slice(html.as_bytes());
        copied = at + len;
    }
    out.extend_from_slice(&page.as_bytes()[copied..]);
    Ok(out)
}

const RELATIONS_PAGE: &str = "relations.html";
/// The search index's path in the site.
pub const SEARCH_INDEX: &str = "assets/search-index.js";

fn tag_summaries(tags: &BTreeMap<String, TagGroup>) -> Vec<TagSummary> {
    tags.iter()
        .map(|(key, group)| TagSummary {
            key: key.clone(),
            name: group.name.clone(),
            url: encode_path(&format!("tags/{}", group.file)),
            path: format!("tags/{}", group.file),
            count: group.entries.len(),
        })
        .collect()
}

/// What the relations page shows, computed while the records are still loaded.
struct RelationsPage {
    svg: String,
    supersessions: usize,
    links: usize,
    related: usize,
}

fn relations_page(
    relations: &graph::Relations,
    record_entry: &[usize],
    entries: &[Entry],
) -> RelationsPage {
    let view_of = |index: usize| view_of(record_entry, entries, index);
    let related = relations.related_records();
    let row_of: HashMap<usize, usize> = related
        .iter()
        .enumerate()
        .map(|(row, &record)| (record, row))
        .collect();
    let nodes: Vec<graph::SvgNode<'_>> = related
        .iter()
        .filter_map(|&index| {
            let view = view_of(index)?;
            Some(graph::SvgNode {
                label: view.label.clone(),
                title: view.title.clone(),
                url: view.url.clone(),
                status_class: view.status.class,
            })
        })
        .collect();
    // One arc per supersession, from the new record to the old one, however many sides
    // state it; links after it, drawn beneath.
    let mut arcs: BTreeSet<(bool, usize, usize)> = BTreeSet::new();
    for edge in &relations.edges {
        let (Some(&from), Some(&to)) = (row_of.get(&edge.from), row_of.get(&edge.to)) else {
            continue;
        };
        arcs.insert(match edge.kind {
            graph::EdgeKind::Supersedes => (true, from, to),
            graph::EdgeKind::SupersededBy => (true, to, from),
            graph::EdgeKind::Links => (false, from, to),
        });
    }
    let arcs: Vec<(usize, usize, graph::EdgeKind)> = arcs
        .into_iter()
        .map(|(is_supersession, from, to)| {
            let kind = if is_supersession {
                graph::EdgeKind::Supersedes
            } else {
                graph::EdgeKind::Links
            };
            (from, to, kind)
        })
        .collect();
    // A supersession stated on both sides is one supersession.
    let supersessions = relations
        .edges
        .iter()
        .filter(|edge| edge.kind != graph::EdgeKind::Links)
        .map(|edge| (edge.from.min(edge.to), edge.from.max(edge.to)))
        .collect::<BTreeSet<_>>()
        .len();
    let links = relations
        .edges
        .iter()
        .filter(|edge| edge.kind == graph::EdgeKind::Links)
        .count();
    RelationsPage {
        svg: if nodes.is_empty() {
            String::new()
        } else {
            graph::to_svg(&nodes, &arcs)
        },
        supersessions,
        links,
        related: nodes.len(),
    }
}

/// The row of the record at `index` of the log (`record_entry` maps records to rows).
fn view_of<'e>(
    record_entry: &[usize],
    entries: &'e [Entry],
    index: usize,
) -> Option<&'e EntryView> {
    record_entry
        .get(index)
        .and_then(|&position| entries.get(position))
        .map(|entry| &entry.view)
}

/// A hash of what the relations page shows: the edges and the rows of the records on them.
fn relations_key(relations: &graph::Relations, record_entry: &[usize], entries: &[Entry]) -> u128 {
    let edges: Vec<(usize, usize, &str)> = relations
        .edges
        .iter()
        .map(|edge| (edge.from, edge.to, edge.kind.name()))
        .collect();
    let nodes: Vec<Option<&EntryView>> = relations
        .related_records()
        .into_iter()
        .map(|index| view_of(record_entry, entries, index))
        .collect();
    key_of(&[&edges, &nodes, &record_entry.len()])
}

/// HTML escaping for template output: text and double-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    graph::escape(text)
}

/// `../` once per directory level of a site path.
fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn display_relative(root: &Path, path: &Path) -> String {
    crate::index::relative_path(root, path)
}

/// The page of a record or failure: its path in the log with `.html` for `.md`.
fn page_path(rel_path: &str) -> String {
    match rel_path.rsplit_once('.') {
        Some((stem, extension)) if extension.eq_ignore_ascii_case("md") => format!("{stem}.html"),
        _ => format!("{rel_path}.html"),
    }
}

fn entries_of(records: &[SiteRecord], failures: &[LoadFailure]) -> Vec<Entry> {
    let mut entries: Vec<(Option<u32>, Entry)> = records
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let entry = Entry {
                view: record_entry_view(record),
                source: EntrySource::Record(index),
                rel_path: record.rel_path.clone(),
                path: record.path.clone(),
            };
            (record.file.number, entry)
        })
        .chain(failures.iter().enumerate().map(|(index, failure)| {
            let entry = Entry {
                view: failure_entry_view(failure),
                source: EntrySource::Failure(index),
                rel_path: failure.rel_path.clone(),
                path: failure.path.clone(),
            };
            (failure.file.number, entry)
        }))
        .collect();
    entries.sort_by(|(a_number, a), (b_number, b)| {
        (a_number.unwrap_or(u32::MAX), &a.rel_path)
            .cmp(&(b_number.unwrap_or(u32::MAX), &b.rel_path))
    });
    entries
        .into_iter()
        .enumerate()
        .map(|(position, (_, mut entry))| {
            entry.view.doc = position;
            entry
        })
        .collect()
}

fn record_entry_view(record: &SiteRecord) -> EntryView {
    let status = match &record.status {
        None => StatusView {
            key: "none".to_string(),
            class: "none",
            text: "no status".to_string(),
        },
        Some(status) => StatusView {
            key: status.keyword.clone(),
            class: status.class.name(),
            text: status.keyword.clone(),
        },
    };
    let tag_keys: Vec<String> = record.tags.iter().map(|tag| tag.to_lowercase()).collect();
    EntryView {
        label: record.label.clone(),
        title: record.title.clone(),
        url: encode_path(&page_path(&record.rel_path)),
        path: page_path(&record.rel_path),
        status,
        date: record.date.as_ref().map(|date| date.text.clone()),
        iso_date: record.date.as_ref().and_then(|date| date.iso.clone()),
        tags: record
            .tags
            .iter()
            .map(|tag| TagLink {
                name: tag.clone(),
                url: String::new(),
            })
            .collect(),
        tag_keys: serde_json::to_string(&tag_keys).unwrap_or_else(|_| "[]".to_string()),
        doc: 0,
        last_changed: None,
        last_changed_at: None,
        authors: Vec::new(),
    }
}

fn failure_entry_view(failure: &LoadFailure) -> EntryView {
    let name = failure
        .rel_path
        .rsplit('/')
        .next()
        .unwrap_or(&failure.rel_path);
    let label = match failure.file.number {
        Some(number) => {
            let digits = match &failure.file.scheme {
                crate::discover::NamingScheme::Numbered { digits }
                | crate::discover::NamingScheme::Prefixed { digits, .. } => *digits,
                crate::discover::NamingScheme::Dated { .. } => 0,
            };
            format!("{number:0digits$}")
        }
        None => name.trim_end_matches(".md").to_string(),
    };
    EntryView {
        label,
        title: name.to_string(),
        url: encode_path(&page_path(&failure.rel_path)),
        path: page_path(&failure.rel_path),
        status: StatusView {
            key: "parse error".to_string(),
            class: "error",
            text: "parse error".to_string(),
        },
        date: None,
        iso_date: None,
        tags: Vec::new(),
        tag_keys: "[]".to_string(),
        doc: 0,
        last_changed: None,
        last_changed_at: None,
        authors: Vec::new(),
    }
}

fn error_view(failure: &LoadFailure) -> ErrorView {
    let location = match (failure.line, failure.column) {
        (Some(line), Some(column)) => Some(format!("line {line}, column {column}")),
        (Some(line), None) => Some(format!("line {line}")),
        _ => None,
    };
    let excerpt = match (&failure.source, failure.line) {
        (Some(source), Some(line)) => {
            let first = line.saturating_sub(2).max(1);
            let last = (line + 2).min(source.line_count());
            (first..=last)
                .map(|number| ExcerptLine {
                    number,
                    text: source.slice(source.line_span(number)).to_string(),
                    is_error: number == line,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    ErrorView {
        message: failure.message.clone(),
        location,
        excerpt,
    }
}

/// Tags grouped case-insensitively (the first spelling names the group), each with a
/// file name of its own.
fn tag_groups(entries: &[Entry]) -> BTreeMap<String, TagGroup> {
    let mut groups: BTreeMap<String, TagGroup> = BTreeMap::new();
    for (position, entry) in entries.iter().enumerate() {
        for tag in &entry.view.tags {
            let key = tag.name.to_lowercase();
            let group = groups.entry(key).or_insert_with(|| TagGroup {
                name: tag.name.clone(),
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

fn status_counts(rows: &[&EntryView]) -> Vec<StatusCount> {
    let mut counts: BTreeMap<(usize, String), StatusCount> = BTreeMap::new();
    for row in rows {
        let order = match row.status.class {
            "proposed" => 0,
            "accepted" => 1,
            "rejected" => 2,
            "deprecated" => 3,
            "superseded" => 4,
            "other" => 5,
            "none" => 6,
            _ => 7,
        };
        counts
            .entry((order, row.status.key.clone()))
            .or_insert_with(|| StatusCount {
                key: row.status.key.clone(),
                class: row.status.class,
                text: row.status.text.clone(),
                count: 0,
            })
            .count += 1;
    }
    counts.into_values().collect()
}

/// Resolves the relative links of records: to another record's page, or to a file the
/// site may publish. Only passive files are published: images of a known type, judged by
/// their bytes (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP) are copied; an SVG, which runs its
/// script when opened as a document, is never copied but shown inside `<img>` as a `data:`
/// URL, where it cannot. Anything else (HTML, text, an SVG linked as a document), anything
/// outside the project, in a hidden directory or in the output directory, is not
/// published: the link keeps only its text and the render says so.
struct Linker<'l> {
    /// Log-relative Markdown path → site page path, for records and failures alike.
    pages: HashMap<&'l str, &'l str>,
    log_dir: PathBuf,
    publish_root: PathBuf,
    canonical_root: Option<PathBuf>,
    canonical_out: Option<PathBuf>,
    found: Mutex<Findings>,
}

/// What resolving one link found.
enum Found {
    /// (from, to): one record's file linking to another's, both relative to the log.
    Link(String, String),
    /// Site path → the local file copied there.
    Copy(String, PathBuf),
    /// A local file shown inline (an SVG in a `data:` URL): the page changes with it.
    Inline(PathBuf),
    /// A local file linked but missing; with the record and URL when it was an image.
    Missing(PathBuf, Option<Refusal>),
    /// A link the site does not follow.
    Refused(Refusal),
}

/// A link the render warns about: the record (log-relative), the URL as written, why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Refusal {
    pub record: String,
    pub url: String,
    pub reason: Reason,
}

/// Why a link or image is not on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    MissingImage,
    OutsideProject,
    Hidden,
    NotRegular,
    SvgTooLarge,
    SvgDocument,
    NotImage,
}

impl Reason {
    /// What is wrong and what to do, after "`URL` ".
    pub fn message(self) -> &'static str {
        match self {
            Reason::MissingImage => {
                "is an image that does not exist, so the page shows its text: fix the path (relative to the record's folder) or add the file"
            }
            Reason::OutsideProject => {
                "is outside the project and is never published, so the page shows the link's text: move the file into the project or link to where it is hosted with a full URL"
            }
            Reason::Hidden => {
                "is in a hidden folder or the output directory and is not published, so the page shows the link's text: move the file or link to it with a full URL"
            }
            Reason::NotRegular => {
                "is a folder, a special file or over 16 MiB, and is not published, so the page shows the link's text: link to it with a full URL"
            }
            Reason::SvgTooLarge => {
                "is an SVG over 1 MiB, too large to show inside the page, so the page shows its text: shrink it or export a PNG"
            }
            Reason::SvgDocument => {
                "is an SVG, which runs its scripts when opened as a page, so it is published only as an image: write `![text](file.svg)` instead of a link, or link to it with a full URL"
            }
            Reason::NotImage => {
                "is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: link to it in the repository with a full URL"
            }
        }
    }
}

/// What resolving the links of every record found out.
#[derive(Default)]
struct Findings {
    /// Site path → the local file copied there.
    copies: BTreeMap<String, PathBuf>,
    /// Local files linked but missing, and shown inline.
    missing: BTreeSet<PathBuf>,
    inlined: BTreeSet<PathBuf>,
    /// (from, to): one record's file linking to another's, both relative to the log.
    links: BTreeSet<(String, String)>,
    refused: BTreeSet<Refusal>,
}

/// The largest file a record may publish (an image copied, an SVG inlined).
const MAX_PUBLISHED_BYTES: u64 = 16 * 1024 * 1024;
const MAX_INLINE_SVG_BYTES: u64 = 1024 * 1024;

/// What a local file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    /// An image type that never runs script: copied.
    Image,
    Svg,
    Other,
}

/// The kind of a file from its first bytes (the extension is not trusted).
fn sniff(head: &[u8]) -> FileKind {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let is_image = starts(b"\x89PNG\r\n\x1a\n")
        || starts(b"\xff\xd8\xff")
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || (starts(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        || (head.get(4..8) == Some(b"ftyp") && matches!(head.get(8..12), Some(b"avif" | b"avis")))
        || starts(b"\x00\x00\x01\x00")
        || starts(b"BM");
    if is_image {
        return FileKind::Image;
    }
    // An SVG: XML whose first element is `<svg` (after a declaration, comments, doctype).
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if rest.starts_with("<svg") {
            return FileKind::Svg;
        }
        let skipped = if rest.starts_with("<?") {
            rest.split_once("?>").map(|(_, after)| after)
        } else if rest.starts_with("<!--") {
            rest.split_once("-->").map(|(_, after)| after)
        } else if rest.starts_with("<!") {
            rest.split_once('>').map(|(_, after)| after)
        } else {
            None
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => return FileKind::Other,
        }
    }
}

/// Reads a file a record links to, only if it is a regular file of at most `cap` bytes.
// merged into fs's checked read later
fn read_published(path: &Path, cap: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > cap {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(cap)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// The first bytes of a regular file, enough to tell its kind.
fn read_head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_PUBLISHED_BYTES {
        return None;
    }
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .ok()?
        .take(1024)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

impl<'l> Linker<'l> {
    fn new(paths: &SitePaths, entries: &'l [Entry]) -> Linker<'l> {
        Linker {
            pages: entries
                .iter()
                .map(|entry| (entry.rel_path.as_str(), entry.view.path.as_str()))
                .collect(),
            log_dir: paths.log_dir.clone(),
            publish_root: paths.publish_root.clone(),
            canonical_root: std::fs::canonicalize(&paths.publish_root).ok(),
            canonical_out: std::fs::canonicalize(&paths.out_dir).ok(),
            found: Mutex::new(Findings::default()),
        }
    }

    /// Where `url` (a link's or an image's) in the record at `from` leads, and what that
    /// adds to the site.
    fn lookup(&self, from: &str, url: &str, kind: LinkKind) -> (Destination, Option<Found>) {
        let split = url.find(['?', '#']).unwrap_or(url.len());
        let (path, rest) = url.split_at(split);
        let fragment = rest.find('#').map_or("", |at| &rest[at..]);
        if path.is_empty() {
            return (Destination::Keep, None);
        }
        let decoded = crate::log_path::percent_decode(path);
        let from_dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        let joined = crate::log_path::join(from_dir, &decoded);
        let from_page = page_path(from);
        if let Some(inside) = &joined
            && let Some(page) = self.pages.get(inside.as_str())
        {
            return (
                Destination::Rewrite(format!(
                    "{}{fragment}",
                    encode_path(&crate::log_path::relative_link(&from_page, page))
                )),
                Some(Found::Link(from.to_string(), inside.clone())),
            );
        }
        let refused = |reason: Reason| {
            (
                Destination::Text,
                Some(Found::Refused(Refusal {
                    record: from.to_string(),
                    url: url.to_string(),
                    reason,
                })),
            )
        };
        // Resolved against the record's own directory, wherever the log is.
        let absolute = crate::config::normalize(&self.log_dir.join(from_dir).join(&decoded));
        let Ok(canonical) = std::fs::canonicalize(&absolute) else {
            let image = (kind == LinkKind::Image).then(|| Refusal {
                record: from.to_string(),
                url: url.to_string(),
                reason: Reason::MissingImage,
            });
            return (Destination::Missing, Some(Found::Missing(absolute, image)));
        };
        let Some(in_project) = self
            .canonical_root
            .as_ref()
            .and_then(|root| canonical.strip_prefix(root).ok())
        else {
            return refused(Reason::OutsideProject);
        };
        let is_hidden = in_project
            .components()
            .any(|component| component.as_os_str().to_string_lossy().starts_with('.'));
        let is_output = self
            .canonical_out
            .as_ref()
            .is_some_and(|out| canonical.starts_with(out));
        if is_hidden || is_output {
            return refused(Reason::Hidden);
        }
        let Some(head) = read_head(&canonical) else {
            return refused(Reason::NotRegular);
        };
        match (sniff(&head), kind) {
            (FileKind::Image, _) => {
                let destination = match &joined {
                    Some(inside) => inside.clone(),
                    None => format!(
                        "_files/{}",
                        crate::index::relative_path(&self.publish_root, &absolute)
                    ),
                };
                let rewritten = format!(
                    "{}{fragment}",
                    encode_path(&crate::log_path::relative_link(&from_page, &destination))
                );
                (
                    Destination::Rewrite(rewritten),
                    Some(Found::Copy(destination, canonical)),
                )
            }
            (FileKind::Svg, LinkKind::Image) => {
                match read_published(&canonical, MAX_INLINE_SVG_BYTES) {
                    Some(bytes) => (
                        Destination::Rewrite(svg_data_url(&bytes)),
                        Some(Found::Inline(canonical)),
                    ),
                    None => refused(Reason::SvgTooLarge),
                }
            }
            (FileKind::Svg, LinkKind::Link) => refused(Reason::SvgDocument),
            (FileKind::Other, _) => refused(Reason::NotImage),
        }
    }

    /// Resolves `url` in the record at `from`, noting the link, copy or missing file.
    fn resolve(&self, from: &str, url: &str, kind: LinkKind) -> Destination {
        let (destination, found) = self.lookup(from, url, kind);
        self.note(found);
        destination
    }

    fn note(&self, found: Option<Found>) {
        let (Some(found), Ok(mut findings)) = (found, self.found.lock()) else {
            return;
        };
        match found {
            Found::Link(from, to) => {
                findings.links.insert((from, to));
            }
            Found::Copy(destination, source) => {
                findings.copies.entry(destination).or_insert(source);
            }
            Found::Inline(source) => {
                findings.inlined.insert(source);
            }
            Found::Missing(path, image) => {
                findings.missing.insert(path);
                if let Some(refusal) = image {
                    findings.refused.insert(refusal);
                }
            }
            Found::Refused(refusal) => {
                findings.refused.insert(refusal);
            }
        }
    }

    fn finish(self) -> Findings {
        self.found.into_inner().unwrap_or_default()
    }
}

/// An SVG as a `data:` URL: inside `<img>` it is drawn but its scripts never run, and no
/// copy of it on the site's origin can be opened as a document.
fn svg_data_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A relative path as a URL: every byte but the unreserved ones, `/` and a few
/// sub-delimiters is percent-encoded (UTF-8), so `#`, `?`, `%`, spaces, `:` and any script
/// in a file name reach the file.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spliced_blocks_replace_their_markers_wherever_the_template_put_them() {
        let markers = [splice_marker(0), splice_marker(1)];
        let page = format!("<b>{}</b><i>{}</i>", markers[1], markers[0]);
        assert_eq!(
            splice(page, &markers, &["zero", "one"]).unwrap(),
            b"<b>one</b><i>zero</i>"
        );
    }

    #[test]
    fn a_marker_written_twice_or_not_at_all_means_rendering_the_ordinary_way() {
        let markers = [splice_marker(0)];
        let twice = format!("{0}{0}", markers[0]);
        assert_eq!(splice(twice.clone(), &markers, &["x"]), Err(twice));
        let escaped = "&#1;adr&lt;spliced 0&gt;&#1;".to_string();
        assert_eq!(splice(escaped.clone(), &markers, &["x"]), Err(escaped));
    }

    #[test]
    fn files_are_judged_by_their_first_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), FileKind::Image);
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), FileKind::Image);
        assert_eq!(sniff(b"GIF89a.."), FileKind::Image);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), FileKind::Image);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif"), FileKind::Image);
        assert_eq!(sniff(b"\0\0\x01\0\x01\0"), FileKind::Image);
        assert_eq!(sniff(b"BM6\0\0\0"), FileKind::Image);
        assert_eq!(
            sniff(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- x --><!DOCTYPE svg><svg>"),
            FileKind::Svg
        );
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), FileKind::Other);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), FileKind::Other);
        assert_eq!(sniff(b"password=hunter2"), FileKind::Other);
    }

    #[test]
    fn relative_paths_stay_inside_the_log_or_say_so() {
        assert_eq!(
            crate::log_path::join("", "./0002-b.md").as_deref(),
            Some("0002-b.md")
        );
        assert_eq!(
            crate::log_path::join("sub", "../0002-b.md").as_deref(),
            Some("0002-b.md")
        );
        assert_eq!(crate::log_path::join("", "../img/x.png"), None);
        assert_eq!(crate::log_path::percent_decode("a%20b%zz"), "a b%zz");
        assert_eq!(encode_path("img/a b#1.png"), "img/a%20b%231.png");
        assert_eq!(
            encode_path("0026-100%-sure?.html"),
            "0026-100%25-sure%3F.html"
        );
        assert_eq!(encode_path("tags/größe.html"), "tags/gr%C3%B6%C3%9Fe.html");
        assert_eq!(encode_path("a:b.html"), "a%3Ab.html");
        assert_eq!(page_path("sub/0001-a.MD"), "sub/0001-a.html");
        assert_eq!(root_of("tags/x.html"), "../");
    }
}
