//! `adr render`: the static site of the log, written into a directory that `adr render`
//! owns. Every page is replaced atomically (temporary file + rename); a page whose bytes
//! did not change is not touched; files of an earlier render that this one did not make
//! (pages of deleted records) are removed. The directory's `.adr-site` file marks it as
//! ours and holds the manifest: a content hash of every input and every output, so a
//! render with nothing changed stops after checking the records (by size and time against
//! the stamps in `.adr-site-cache`, reading only those that moved). After a change the
//! cache's record facts and page keys let the build parse only the changed records and
//! render only the pages whose inputs changed. A first render is built in a hidden sibling
//! directory and renamed into place. Nothing is ever deleted outside a directory that
//! carries the marker, and nothing is deleted or written through a symbolic link inside it:
//! the manifest's paths are checked against the real tree before it is trusted.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::cli::RenderArgs;
use crate::config::Project;
use crate::error::{Error, Result};
use crate::site::{
    self, BuildReport, MARKER_FILE, PageCache, PageSink, Site, SiteLog, SiteOptions, SitePaths,
    SiteRecord,
};
use crate::{ExitStatus, Output};

const DEFAULT_TITLE: &str = "Architecture Decision Records";
const DEFAULT_OUT: &str = "site";
/// Bumped when the manifest's meaning changes, so an old one is never trusted.
const MANIFEST_VERSION: u32 = 5;

/// The contents of `.adr-site`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    generator: String,
    /// Hash of everything the site is made from.
    inputs: String,
    /// Records that could not be read at the last render (they make the exit code 1).
    failures: usize,
    /// Site path → `hash:size` of every file the render made.
    files: BTreeMap<String, String>,
    /// Project-relative path of each local file the records link to → its hash, or null
    /// when it was missing: the site changes when one of these does.
    watched: BTreeMap<String, Option<String>>,
    /// Links and images the site does not publish, warned about again by a render with
    /// nothing to do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unpublished: Vec<Unpublished>,
}

/// The contents of `.adr-site-cache`, a binary file private to this machine: each record
/// file's size, modification time and content hash when it was last read, so that an
/// unchanged file need not be read again (git's index works the same way); the site's facts
/// of each record, so that an unchanged record need not be parsed again; and what each page
/// was made from, so that a page whose inputs did not change is not rendered again. Kept
/// apart from the manifest, which holds only content hashes, so that two renders of the
/// same log leave byte-identical directories apart from this cache.
///
/// The stamps come first and are decoded on their own: a render that finds nothing changed
/// needs nothing else.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheHeader {
    version: u32,
    /// A hash of the options and templates: pages made with others are not reused.
    settings: u128,
    stamps: BTreeMap<String, RecordStamp>,
    /// The log's git history, with the [`crate::git::History::state`] it was read at.
    history: Option<(crate::git::HistoryState, crate::git::History)>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheBody {
    records: Vec<SiteRecord>,
    pages: PageCache,
}

const CACHE_FILE: &str = ".adr-site-cache";

/// The cache as read: the header decoded, the body still as bytes.
#[derive(Default)]
struct Cache {
    header: CacheHeader,
    bytes: Vec<u8>,
    body_start: usize,
}

impl Cache {
    /// The cache of an earlier render with the same settings, or an empty one.
    fn read(out_dir: &Path, settings: u128) -> Cache {
        let Ok(bytes) = read_regular(&out_dir.join(CACHE_FILE), MAX_CACHE_BYTES) else {
            return Cache::default();
        };
        match postcard::take_from_bytes::<CacheHeader>(&bytes) {
            Ok((header, rest))
                if header.version == MANIFEST_VERSION && header.settings == settings =>
            {
                let body_start = bytes.len() - rest.len();
                Cache {
                    header,
                    bytes,
                    body_start,
                }
            }
            _ => Cache::default(),
        }
    }

    /// The records and pages; empty when there are none or they cannot be decoded.
    fn body(&self) -> CacheBody {
        self.bytes
            .get(self.body_start..)
            .filter(|body| !body.is_empty())
            .and_then(|body| postcard::from_bytes(body).ok())
            .unwrap_or_default()
    }

    /// Writes a cache, encoded straight into the file: at 10,000 records it is tens of
    /// megabytes. One that cannot be encoded (a path that is not UTF-8) is left out, and
    /// the next render reads everything again.
    fn write(site_dir: &Path, header: &CacheHeader, body: &CacheBody) {
        let path = site_dir.join(CACHE_FILE);
        remove_if_link(&path);
        let written = crate::fs::write_atomic_unsynced_with(&path, |out| {
            postcard::to_io(header, &mut *out)
                .and_then(|out| postcard::to_io(body, out))
                .map(|_| ())
                .map_err(std::io::Error::other)
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RecordStamp {
    size: u64,
    /// Nanoseconds since the Unix epoch.
    modified: i128,
    hash: String,
    /// When the hash was taken (nanoseconds since the epoch).
    hashed_at: i128,
}

/// A file changed less than this before it was hashed may change again within the same
/// timestamp tick without its size or time showing it; such a file is always read again.
const RACY_WINDOW_NANOS: i128 = 2_000_000_000;

pub fn run(args: &RenderArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let settings = &project.config.site;
    let out_dir = crate::config::normalize(&match (&args.out, &settings.out) {
        (Some(out), _) => project.cwd.join(out),
        (None, Some(out)) => project.config_relative(out),
        (None, None) => project.root.join(DEFAULT_OUT),
    });
    let base_url = args.base_url.clone().or_else(|| settings.base_url.clone());
    if let Some(url) = &base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(Error::usage(format!(
            "the base URL `{url}` is not an http or https URL: write it in full, e.g. https://example.org/decisions"
        )));
    }
    let templates_dir = match (&args.templates, &settings.templates) {
        (Some(dir), _) => Some(project.cwd.join(dir)),
        (None, Some(dir)) => Some(project.config_relative(dir)),
        (None, None) => None,
    };
    // `site.templates` was checked to be in the project; its files must be too.
    // `--templates` names a directory of the user's own choosing.
    let overrides_within = args.templates.is_none().then(|| project.boundary());
    let options = SiteOptions {
        title: args
            .title
            .clone()
            .or_else(|| settings.title.clone())
            .unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        base_url,
        build_date: args.build_date.then(|| crate::clock::today().to_string()),
        overrides: match &templates_dir {
            Some(dir) => read_overrides(dir, overrides_within)?,
            None => Vec::new(),
        },
        history: None,
    };
    let shown_out = project.display(&out_dir);
    let mut previous = prepare_out_dir(project, &out_dir, &shown_out)?;
    if let Some(manifest) = &mut previous
        && let Some((entry, why)) = unsafe_manifest_entry(&out_dir, &manifest.files)
    {
        // Sites are often committed, so a pull request can plant a link and an entry
        // leading through it: such a manifest is not trusted for anything.
        super::note(
            output,
            format_args!(
                "warning: {shown_out}/{MARKER_FILE} lists `{entry}`, which is not a plain path inside the site ({why}): rendering everything anew"
            ),
        );
        *manifest = Manifest::default();
    }
    let generator = format!("adr {}", env!("CARGO_PKG_VERSION"));
    let settings = settings_hash(project, &options);
    let mut cache = match &previous {
        Some(_) => Cache::read(&out_dir, settings),
        None => Cache::default(),
    };
    // `git log` over the log is the slowest step of a render with nothing to do, so the
    // history is kept in the cache with what it is a function of, and asked of git again
    // only for the commits made since.
    let history_state = crate::git::History::state(&project.log_dir);
    let options = SiteOptions {
        history: match (cache.header.history.take(), &history_state) {
            (Some((known, history)), Some(state)) => {
                history.update(&project.log_dir, &known, state)
            }
            (None, Some(_)) => crate::git::History::load(&project.log_dir),
            (_, None) => None,
        },
        ..options
    };
    let found = crate::discover::discover(&project.log_dir)?;
    // A first render has nothing to compare with: its fingerprint is taken from the hashes
    // of the load itself instead of reading every record twice.
    let fingerprinted = match &previous {
        Some(_) => Some(fingerprint(
            &found.records,
            settings,
            &options,
            &cache.header.stamps,
            None,
        )),
        None => None,
    };

    if let Some(previous) = &previous
        && let Some((inputs, _)) = &fingerprinted
        && previous.version == MANIFEST_VERSION
        && previous.generator == generator
        && &previous.inputs == inputs
        && previous.failures == 0
        && watched_unchanged(project, &previous.watched)
        && outputs_present(&out_dir, &previous.files)
    {
        super::note(
            output,
            format_args!(
                "{shown_out} is up to date ({} files): open {shown_out}/index.html",
                previous.files.len()
            ),
        );
        warn_unpublished(output, project, &previous.unpublished);
        return Ok(ExitStatus::Success);
    }

    remove_temporary_files(&out_dir);
    let site = Site::new(options.clone())?;
    for name in &site.unknown_overrides {
        super::note(
            output,
            format_args!(
                "warning: `{name}` in the templates directory overrides nothing: the names are {}",
                site::overridable_names().join(", ")
            ),
        );
    }
    let load_started = nanos_since_epoch(std::time::SystemTime::now());
    let CacheBody {
        records: known_records,
        pages: mut known_pages,
    } = cache.body();
    restore_search_words(&out_dir, previous.as_ref(), &mut known_pages);
    let known_stamps = cache.header.stamps;
    drop(cache.bytes);
    // A record is parsed again unless its content hash (from its stamp) is the one its
    // cached facts were taken from.
    let current_hashes: HashMap<&str, u128> = fingerprinted
        .iter()
        .flat_map(|(_, stamps)| stamps.iter())
        .filter_map(|(rel, stamp)| {
            Some((rel.as_str(), u128::from_str_radix(&stamp.hash, 16).ok()?))
        })
        .collect();
    let reusable: HashMap<&str, &SiteRecord> = known_records
        .iter()
        .filter(|record| current_hashes.get(record.rel_path.as_str()) == Some(&record.text_hash))
        .map(|record| (record.rel_path.as_str(), record))
        .collect();
    // The load takes the list; a first render still needs it for its fingerprint.
    let listed = fingerprinted.is_none().then(|| found.records.clone());
    let site_log = SiteLog::load(&project.log_dir, found, |rel| {
        reusable.get(rel).map(|record| (*record).clone())
    });
    drop(reusable);
    drop(current_hashes);
    drop(known_records);
    let (inputs, stamps) = match fingerprinted {
        Some(fingerprinted) => fingerprinted,
        None => {
            let hashes: HashMap<String, u128> = site_log
                .records
                .iter()
                .map(|record| (record.rel_path.clone(), record.text_hash))
                .collect();
            fingerprint(
                listed.as_deref().unwrap_or_default(),
                settings,
                &options,
                &known_stamps,
                Some((&hashes, load_started)),
            )
        }
    };
    // A first render builds the whole site in a hidden sibling directory and renames it into
    // place at the end: one atomic step instead of a temporary file and a rename per page,
    // and an interrupted first render leaves no half site behind.
    let staging = match &previous {
        Some(_) => None,
        None => Some(Staging::create(&out_dir)?),
    };
    let paths = SitePaths {
        log_dir: project.log_dir.clone(),
        project_root: project.root.clone(),
        publish_root: publish_root(project),
        out_dir: out_dir.clone(),
    };
    let failures: Vec<_> = site_log.failures.clone();
    let no_files = BTreeMap::new();
    // Each page is written by the thread that rendered it. One writer thread fed through a
    // channel measured no faster (creating files in one directory serialises in the kernel
    // either way) and held up to a channel's worth of pages, freed on another thread.
    let sink = OutputDir {
        root: staging
            .as_ref()
            .map_or_else(|| out_dir.clone(), |staging| staging.path().to_path_buf()),
        direct: staging.is_some(),
        shown: &shown_out,
        previous: previous
            .as_ref()
            .map_or(&no_files, |manifest| &manifest.files),
        files: Mutex::new(BTreeMap::new()),
        directories: Mutex::new(HashSet::new()),
        written: AtomicUsize::new(0),
    };
    let built = site.build(&site_log, &known_pages, &paths, &sink);
    let OutputDir { files, written, .. } = sink;
    let written = written.into_inner();
    let built =
        built.map(|(report, pages)| (report, pages, files.into_inner().unwrap_or_default()));
    drop(known_pages);
    let (report, pages, files) = built?;
    let removed = remove_stale(
        &out_dir,
        previous.as_ref().map(|manifest| &manifest.files),
        &files,
    );
    let manifest = Manifest {
        version: MANIFEST_VERSION,
        generator,
        inputs,
        failures: failures.len(),
        files,
        watched: watched_files(project, &report),
        unpublished: unpublished(project, &report.refused),
    };
    let mut manifest_text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    manifest_text.push('\n');
    let site_dir = staging
        .as_ref()
        .map_or_else(|| out_dir.clone(), |staging| staging.path().to_path_buf());
    let header = CacheHeader {
        version: MANIFEST_VERSION,
        settings,
        stamps,
        history: history_state.zip(options.history),
    };
    let body = CacheBody {
        records: site_log.records,
        pages,
    };
    Cache::write(&site_dir, &header, &body);
    // Freeing the facts and page keys of every record takes 6 ms at 10,000 records, the
    // last thing before exit: done on the side, it overlaps the rest, and the process may
    // end before it needs doing. Without a thread (spawn failed) it is freed here.
    let _ = std::thread::Builder::new().spawn(move || drop(body));
    remove_if_link(&site_dir.join(MARKER_FILE));
    crate::fs::write_atomic(&site_dir.join(MARKER_FILE), manifest_text.as_bytes())?;
    if let Some(staging) = staging {
        staging.finish(&out_dir)?;
    }

    let plural = |count: usize| if count == 1 { "" } else { "s" };
    super::note(
        output,
        format_args!(
            "rendered {} record{} into {shown_out} ({written} file{} written, {} unchanged, {removed} removed): open {shown_out}/index.html",
            report.records + report.failures,
            plural(report.records + report.failures),
            plural(written),
            manifest.files.len().saturating_sub(written),
        ),
    );
    warn_unpublished(output, project, &manifest.unpublished);
    Ok(super::note_failures(
        output,
        project,
        &failures,
        " (its page shows the error)",
    ))
}

/// A link or image the site does not publish, as the manifest keeps it: a render with
/// nothing to do says it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Unpublished {
    /// Relative to the log.
    record: String,
    line: Option<usize>,
    url: String,
    reason: site::Reason,
}

/// Each refused link with the line where its target is written (the first line holding
/// it).
fn unpublished(project: &Project, refused: &BTreeSet<site::Refusal>) -> Vec<Unpublished> {
    let mut text = (String::new(), String::new());
    let mut found = Vec::new();
    for refusal in refused {
        if text.0 != refusal.record {
            let path = project.log_dir.join(&refusal.record);
            let bytes = read_regular(&path, MAX_COPIED_BYTES).unwrap_or_default();
            text = (
                refusal.record.clone(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
        let line = text
            .1
            .find(refusal.url.as_str())
            .and_then(|at| text.1.get(..at))
            .map(|before| before.matches('\n').count() + 1);
        found.push(Unpublished {
            record: refusal.record.clone(),
            line,
            url: refusal.url.clone(),
            reason: refusal.reason,
        });
    }
    found
}

/// One warning per link or image the site does not publish: the record, the line, the
/// target, why and what to do.
fn warn_unpublished(output: &mut Output<'_>, project: &Project, unpublished: &[Unpublished]) {
    for item in unpublished {
        let line = item.line.map(|line| format!(":{line}")).unwrap_or_default();
        super::note(
            output,
            format_args!(
                "warning: {}{line}: `{}` {}",
                printable(&project.display(&project.log_dir.join(&item.record))),
                printable(&item.url),
                item.reason.message()
            ),
        );
    }
}

/// Text from a record (or a committed manifest) for the terminal: control characters,
/// which could move the cursor or recolour the screen, shown as `\u{..}`.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The manifest of a 10,000-record site is about a megabyte.
const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;
/// The cache and search index of a 10,000-record site are tens of megabytes.
const MAX_CACHE_BYTES: u64 = 1024 * 1024 * 1024;

/// The site's own check of what it publishes stops at 16 MiB too.
const MAX_COPIED_BYTES: u64 = 16 * 1024 * 1024;

/// The project whose files a site may publish: the directory holding `.adr.toml` (or
/// `.adr-dir`), else the git work tree holding the log, else the log's parent. Not the
/// working directory: with `--dir` naming a log elsewhere, its images are still its own.
fn publish_root(project: &Project) -> PathBuf {
    if project.config_path.is_some() {
        return project.root.clone();
    }
    let log_dir = std::fs::canonicalize(&project.log_dir).unwrap_or(project.log_dir.clone());
    log_dir
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .or(log_dir.parent())
        .unwrap_or(&log_dir)
        .to_path_buf()
}

/// Reads a file of the output directory only if it is a regular file (not a link, FIFO or
/// device) of at most `cap` bytes.
// merged into fs's checked read later
fn read_regular(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::symlink_metadata(path)?;
    if !metadata.is_file() || metadata.len() > cap {
        return Err(std::io::ErrorKind::InvalidInput.into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    std::fs::File::open(path)?
        .take(cap)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Removes a symbolic link planted where adr keeps its own file (the link, never what it
/// points to), so the write that follows cannot go through it.
fn remove_if_link(path: &Path) {
    if std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink()) {
        let _ = std::fs::remove_file(path);
    }
}

/// What the manifest says of a file it lists: its xxh3 and its size.
fn manifest_entry(bytes: &[u8]) -> String {
    manifest_entry_of(xxh3_128(bytes), bytes.len())
}

/// [`manifest_entry`] from the hash and size.
fn manifest_entry_of(hash: u128, len: usize) -> String {
    format!("{hash:032x}:{len}")
}

/// A writer that hashes and counts what it passes on, for [`manifest_entry`] of a file that
/// is never held whole.
struct Hashed<W> {
    out: W,
    hasher: Xxh3,
    len: usize,
}

impl<W: std::io::Write> std::io::Write for Hashed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        self.len += written;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The cache keeps where each record's search words stand in the last search index, not
/// the words again (17 MB at 10,000 records): they are read back from that file when the
/// manifest vouches for its bytes, and otherwise every record page is rendered again.
fn restore_search_words(out_dir: &Path, previous: Option<&Manifest>, pages: &mut PageCache) {
    let vouched = previous
        .and_then(|manifest| manifest.files.get(site::SEARCH_INDEX))
        .and_then(|entry| {
            let bytes = read_regular(&out_dir.join(site::SEARCH_INDEX), MAX_CACHE_BYTES).ok()?;
            (manifest_entry(&bytes) == *entry).then_some(bytes)
        });
    match vouched {
        Some(bytes) => pages.keep_search_index(bytes),
        None => pages.forget_record_pages(),
    }
}

/// Reads the files of a templates directory (not its subdirectories), each through
/// `fs::read_checked`: a FIFO or device there is an error, not a hang, and with `within`,
/// a link out of the project is refused.
fn read_overrides(dir: &Path, within: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
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

/// Checks that the output directory is ours (or new, or empty) and returns its manifest.
fn prepare_out_dir(project: &Project, out_dir: &Path, shown: &str) -> Result<Option<Manifest>> {
    let canonical_log = std::fs::canonicalize(&project.log_dir).unwrap_or(project.log_dir.clone());
    let canonical_out = std::fs::canonicalize(out_dir).unwrap_or(out_dir.to_path_buf());
    if canonical_log.starts_with(&canonical_out) {
        return Err(Error::usage(format!(
            "the output directory `{shown}` contains the log itself: choose a directory of its own, e.g. `--out site`"
        )));
    }
    match std::fs::metadata(out_dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::io("read the output directory", out_dir, source)),
        Ok(metadata) if !metadata.is_dir() => {
            return Err(Error::usage(format!(
                "`{shown}` exists and is not a directory: choose another `--out`"
            )));
        }
        Ok(_) => {}
    }
    let marker = out_dir.join(MARKER_FILE);
    if std::fs::symlink_metadata(&marker).is_ok_and(|metadata| !metadata.is_file()) {
        return Err(Error::usage(format!(
            "`{shown}/{MARKER_FILE}` is not a regular file (a symbolic link?): adr render never reads or writes through links in its output directory; remove it and run again"
        )));
    }
    match read_regular(&marker, MAX_MANIFEST_BYTES).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|_| std::io::ErrorKind::InvalidData.into())
    }) {
        // An unreadable manifest still marks the directory as ours: render everything anew.
        Ok(text) => Ok(Some(serde_json::from_str(&text).unwrap_or_default())),
        Err(_) if marker.exists() => Ok(Some(Manifest::default())),
        Err(_) => {
            let mut entries = std::fs::read_dir(out_dir)
                .map_err(|source| Error::io("read the output directory", out_dir, source))?;
            if entries.next().is_none() {
                Ok(None)
            } else {
                Err(Error::usage(format!(
                    "`{shown}` is not empty and has no `{MARKER_FILE}` file, so `adr render` did not make it: \
                     choose another `--out`, or empty the directory (adr render only replaces and deletes files in a directory it made)"
                )))
            }
        }
    }
}

/// A hash of everything the site is made from: the generator, the options, the override
/// files and the bytes of every record in `records` (the log as discovered). Reading the
/// records is the whole cost.
fn fingerprint(
    records: &[(PathBuf, String, crate::discover::FileName)],
    settings: u128,
    options: &SiteOptions,
    known: &BTreeMap<String, RecordStamp>,
    loaded: Option<(&HashMap<String, u128>, i128)>,
) -> (String, BTreeMap<String, RecordStamp>) {
    let stamps: Vec<(String, RecordStamp)> = records
        .par_iter()
        .map(|(path, rel, _)| {
            let loaded_hash =
                loaded.and_then(|(hashes, at)| hashes.get(rel).map(|hash| (*hash, at)));
            (rel.clone(), stamp(path, known.get(rel), loaded_hash))
        })
        .collect();
    let hashes: Vec<(&String, &str)> = stamps
        .iter()
        .map(|(rel, stamp)| (rel, stamp.hash.as_str()))
        .collect();
    let mut hasher = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(&settings.to_le_bytes());
    // A commit changes what the pages show even when no record's bytes change.
    for (path, facts) in options.history.iter().flat_map(crate::git::History::files) {
        field(path.as_bytes());
        field(facts.changed_on.as_deref().unwrap_or("").as_bytes());
        field(facts.authors.join("\n").as_bytes());
    }
    for (rel, hash) in &hashes {
        field(rel.as_bytes());
        field(hash.as_bytes());
    }
    let digest = format!("{:032x}", hasher.digest128());
    (digest, stamps.into_iter().collect())
}

/// A hash of the generator, the options and the override files: what every page is made
/// with, besides the records.
fn settings_hash(project: &Project, options: &SiteOptions) -> u128 {
    let mut hasher = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(options.title.as_bytes());
    field(options.base_url.as_deref().unwrap_or("").as_bytes());
    field(options.build_date.as_deref().unwrap_or("").as_bytes());
    for (name, bytes) in &options.overrides {
        field(name.as_bytes());
        field(bytes);
    }
    field(crate::index::relative_path(&project.root, &project.log_dir).as_bytes());
    hasher.digest128()
}

/// A record file's stamp: the known one when its size and time are unchanged and it had
/// not just been modified when it was hashed; otherwise the file is read and hashed.
fn stamp(
    path: &Path,
    known: Option<&RecordStamp>,
    loaded_hash: Option<(u128, i128)>,
) -> RecordStamp {
    let now = nanos_since_epoch(std::time::SystemTime::now());
    let Ok(metadata) = std::fs::metadata(path) else {
        return RecordStamp {
            size: 0,
            modified: 0,
            hash: "unreadable".to_string(),
            hashed_at: now,
        };
    };
    let size = metadata.len();
    let modified = metadata.modified().map(nanos_since_epoch).unwrap_or(0);
    if let Some(known) = known
        && known.size == size
        && known.modified == modified
        && modified + RACY_WINDOW_NANOS < known.hashed_at
    {
        return known.clone();
    }
    // Hashed by the load that started at `loaded_at`: good when the file was last changed
    // well before that (a later change shows in its time).
    if let Some((hash, loaded_at)) = loaded_hash
        && modified + RACY_WINDOW_NANOS < loaded_at
    {
        return RecordStamp {
            size,
            modified,
            hash: format!("{hash:032x}"),
            hashed_at: loaded_at,
        };
    }
    // Read as the load reads records: a FIFO or `/dev/zero` named like one is refused,
    // never waited on or hashed without end.
    let hash = match crate::fs::read_checked(path, None, crate::parse::MAX_RECORD_BYTES) {
        Ok(bytes) => format!("{:032x}", xxh3_128(&bytes)),
        Err(crate::fs::ReadError::Io(error)) => format!("unreadable: {}", error.kind()),
        Err(error) => format!("refused: {error}"),
    };
    RecordStamp {
        size,
        modified,
        hash,
        hashed_at: now,
    }
}

fn nanos_since_epoch(time: std::time::SystemTime) -> i128 {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

fn watched_unchanged(project: &Project, watched: &BTreeMap<String, Option<String>>) -> bool {
    watched.iter().all(|(path, hash)| {
        let path = project.root.join(path);
        match hash {
            None => !path.exists(),
            Some(hash) => read_regular(&path, MAX_COPIED_BYTES)
                .is_ok_and(|bytes| &format!("{:032x}", xxh3_128(&bytes)) == hash),
        }
    })
}

fn watched_files(project: &Project, report: &BuildReport) -> BTreeMap<String, Option<String>> {
    let relative = |path: &Path| crate::index::relative_path(&project.root, path);
    report
        .copied
        .values()
        .map(|source| {
            let hash = read_regular(source, MAX_COPIED_BYTES)
                .ok()
                .map(|bytes| format!("{:032x}", xxh3_128(&bytes)));
            (relative(source), hash)
        })
        .chain(report.inlined.iter().map(|source| {
            let hash = read_regular(source, MAX_COPIED_BYTES)
                .ok()
                .map(|bytes| format!("{:032x}", xxh3_128(&bytes)));
            (relative(source), hash)
        }))
        .chain(report.missing.iter().map(|path| (relative(path), None)))
        .collect()
}

fn outputs_present(out_dir: &Path, files: &BTreeMap<String, String>) -> bool {
    files
        .par_iter()
        .all(|(path, entry)| is_present(out_dir, path, entry))
}

/// Whether the file the manifest lists at `path` (as `hash:size`) is still there, by its
/// size: the manifest is only trusted while the files it describes exist.
fn is_present(out_dir: &Path, path: &str, entry: &str) -> bool {
    let size = entry
        .rsplit_once(':')
        .and_then(|(_, size)| size.parse::<u64>().ok());
    // `symlink_metadata`: a link at a page's place is never taken for the page.
    is_safe_site_path(path)
        && std::fs::symlink_metadata(out_dir.join(path))
            .is_ok_and(|metadata| metadata.is_file() && Some(metadata.len()) == size)
}

/// The first entry of a manifest that does not name a plain place inside the site, with
/// why: `..`, an absolute path, or a path through a symbolic link in the real tree. Each
/// directory is looked at once, so the check costs one `lstat` per directory of the site.
fn unsafe_manifest_entry(
    out_dir: &Path,
    files: &BTreeMap<String, String>,
) -> Option<(String, String)> {
    let mut checked: HashSet<&str> = HashSet::new();
    for path in files.keys() {
        if !is_safe_site_path(path) {
            return Some((path.clone(), "it is absolute or has `..`".to_string()));
        }
        // Every directory on the way; the file itself is checked where it is deleted or
        // written (it is a link there only if planted, and then it is never followed).
        let mut at = 0;
        while let Some(slash) = path.get(at..).and_then(|rest| rest.find('/')) {
            let dir = path.get(..at + slash).unwrap_or(path);
            at += slash + 1;
            if !checked.insert(dir) {
                continue;
            }
            if std::fs::symlink_metadata(out_dir.join(dir))
                .is_ok_and(|metadata| metadata.file_type().is_symlink())
            {
                return Some((
                    path.clone(),
                    format!("it goes through the symbolic link `{dir}`"),
                ));
            }
        }
    }
    None
}

/// The first component of `path` (relative, inside `root`) that is a symbolic link, as
/// the path up to it; checked with `lstat` right before a delete or write.
fn linked_component(root: &Path, path: &Path) -> Option<PathBuf> {
    let mut at = root.to_path_buf();
    for component in path.components() {
        at.push(component);
        match std::fs::symlink_metadata(&at) {
            Ok(metadata) if metadata.file_type().is_symlink() => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// A `/`-separated relative path that stays inside the site and is not its marker.
fn is_safe_site_path(path: &str) -> bool {
    !path.is_empty()
        && path != MARKER_FILE
        && path != CACHE_FILE
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

/// Temporary files of an interrupted render (the rename never happened).
fn remove_temporary_files(out_dir: &Path) {
    for entry in walkdir::WalkDir::new(out_dir)
        .into_iter()
        .filter_map(|entry| entry.ok())
    {
        if entry.file_type().is_file()
            && entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with(".adr-tmp-"))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Deletes what the previous render made and this one did not, and directories left empty.
fn remove_stale(
    out_dir: &Path,
    previous: Option<&BTreeMap<String, String>>,
    current: &BTreeMap<String, String>,
) -> usize {
    let Some(previous) = previous else {
        return 0;
    };
    let mut removed = 0;
    for path in previous.keys() {
        if current.contains_key(path) || !is_safe_site_path(path) {
            continue;
        }
        // Never through a link, nor the link itself: adr makes no links, so one there was
        // put there by someone else.
        if linked_component(out_dir, Path::new(path)).is_some() {
            continue;
        }
        let target = out_dir.join(path);
        if std::fs::remove_file(&target).is_ok() {
            removed += 1;
        }
        let mut parent = target.parent();
        while let Some(dir) = parent {
            if dir == out_dir || !dir.starts_with(out_dir) || std::fs::remove_dir(dir).is_err() {
                break;
            }
            parent = dir.parent();
        }
    }
    removed
}

/// The hidden directory a first render writes into, next to the output directory.
struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    fn create(out_dir: &Path) -> Result<Staging> {
        let parent = match out_dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(parent).map_err(|source| Error::io("create", parent, source))?;
        remove_abandoned_staging(parent);
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(parent)
            .map_err(|source| Error::io("create a temporary directory in", parent, source))?;
        // Marked from the start, so an abandoned one can be recognised and removed.
        std::fs::write(dir.path().join(MARKER_FILE), "{}\n")
            .map_err(|source| Error::io("write", dir.path().join(MARKER_FILE), source))?;
        Ok(Staging { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Renames the finished site into place (over the empty directory, if there is one).
    fn finish(self, out_dir: &Path) -> Result<()> {
        let staged = self.dir.keep();
        // tempfile makes the directory private; a site is meant to be read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = 0o777 & !crate::fs::umask();
            std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(mode))
                .map_err(|source| Error::io("set permissions on", &staged, source))?;
        }
        std::fs::rename(&staged, out_dir).map_err(|source| {
            let _ = std::fs::remove_dir_all(&staged);
            Error::io("move the new site into", out_dir, source)
        })
    }
}

const STAGING_PREFIX: &str = ".adr-site-";

/// Staging directories of first renders that were interrupted. Only directories with our
/// prefix that carry the marker are removed.
fn remove_abandoned_staging(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(|entry| entry.ok()) {
        let path = entry.path();
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(STAGING_PREFIX))
            && path.join(MARKER_FILE).is_file();
        if is_ours {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// The output directory as the site's [`PageSink`]: skips files whose bytes the manifest
/// says are already there, replaces the others atomically.
struct OutputDir<'p> {
    root: PathBuf,
    /// The output directory as messages show it.
    shown: &'p str,
    /// A fresh staging directory: files are new, written straight.
    direct: bool,
    previous: &'p BTreeMap<String, String>,
    files: Mutex<BTreeMap<String, String>>,
    directories: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
}

impl OutputDir<'_> {
    /// Where the site file `path` goes, refusing a path that would leave the directory.
    fn target_of(&self, path: &str) -> Result<PathBuf> {
        if !is_safe_site_path(path) {
            return Err(Error::usage(format!(
                "refusing to write `{path}` outside the output directory"
            )));
        }
        // A fresh staging directory holds no links; an existing site may (a committed
        // site can carry one from a pull request), and nothing is written through one.
        if !self.direct
            && let Some(link) = linked_component(&self.root, Path::new(path))
        {
            let inside = link.strip_prefix(&self.root).unwrap_or(&link);
            return Err(Error::usage(format!(
                "`{}/{}` is a symbolic link: adr render never writes through links in its output directory; remove it and run again",
                self.shown,
                inside.display()
            )));
        }
        Ok(self.root.join(path))
    }

    fn store(&self, path: &str, contents: Vec<u8>) -> Result<()> {
        let target = self.target_of(path)?;
        let entry = manifest_entry(&contents);
        let unchanged = self.previous.get(path) == Some(&entry)
            && std::fs::symlink_metadata(&target).is_ok_and(|metadata| {
                metadata.is_file() && metadata.len() == contents.len() as u64
            });
        if !unchanged {
            if let Some(parent) = target.parent() {
                self.ensure_directory(parent)?;
            }
            if self.direct {
                // A new file in a directory nobody reads until it is renamed into place.
                std::fs::write(&target, &contents)
                    .map_err(|source| Error::io("write", &target, source))?;
            } else {
                crate::fs::write_atomic_unsynced(&target, &contents)?;
            }
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_string(), entry);
        }
        Ok(())
    }

    fn ensure_directory(&self, dir: &Path) -> Result<()> {
        let known = self
            .directories
            .lock()
            .is_ok_and(|directories| directories.contains(dir));
        if known {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::io("create", dir, source))?;
        if let Ok(mut directories) = self.directories.lock() {
            directories.insert(dir.to_path_buf());
        }
        Ok(())
    }
}

impl PageSink for OutputDir<'_> {
    fn put(&self, path: &str, contents: Vec<u8>) -> Result<()> {
        self.store(path, contents)
    }

    fn put_written(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        if !self.direct {
            // Replacing a file of a site in use: gathered, so that identical bytes leave
            // the file (and its mtime) alone, and written through a temporary file.
            let mut contents = Vec::new();
            write(&mut contents).map_err(|source| Error::io("write", path, source))?;
            return self.store(path, contents);
        }
        let target = self.target_of(path)?;
        if let Some(parent) = target.parent() {
            self.ensure_directory(parent)?;
        }
        // A first render: streamed into the unseen staging directory, hashed on the way
        // for the manifest.
        let failed = |source| Error::io("write", &target, source);
        let file = std::fs::File::create(&target).map_err(failed)?;
        let mut out = Hashed {
            out: std::io::BufWriter::with_capacity(64 * 1024, file),
            hasher: Xxh3::new(),
            len: 0,
        };
        write(&mut out).map_err(failed)?;
        std::io::Write::flush(&mut out.out).map_err(failed)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut files) = self.files.lock() {
            files.insert(
                path.to_string(),
                manifest_entry_of(out.hasher.digest128(), out.len),
            );
        }
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<()> {
        let bytes = read_regular(source, MAX_COPIED_BYTES)
            .map_err(|error| Error::io("read", source, error))?;
        self.store(path, bytes)
    }

    fn keep(&self, path: &str) -> bool {
        let Some(entry) = self.previous.get(path) else {
            return false;
        };
        let present = is_present(&self.root, path, entry);
        if present && let Ok(mut files) = self.files.lock() {
            files.insert(path.to_string(), entry.clone());
        }
        present
    }
}
