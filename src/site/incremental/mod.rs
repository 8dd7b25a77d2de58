//! The incremental build: the site written into a directory that `adr render` owns, doing
//! only the work the last render did not already do. Every page is replaced atomically
//! (temporary file + rename); a page whose bytes did not change is not touched; files of an
//! earlier render that this one did not make (pages of deleted records) are removed. The
//! directory's marker file ([`crate::discover::SITE_MARKER`]) marks it as ours and holds the
//! manifest: a content hash of every input and every output, so a render with nothing
//! changed stops after checking the records (by size and time against the stamps in the
//! cache, reading only those that moved). After a change the cache's record facts and page
//! keys let the build parse only the changed records and render only the pages whose inputs
//! changed. A first render is built in a hidden sibling directory and renamed into place.
//!
//! [`stamps`] hashes the inputs, [`manifest`] keeps what one render leaves for the next,
//! [`output_dir`] guards and writes the directory; this file puts them in order. How the
//! pieces fit is described for maintainers in `docs/site-internals.md`.

mod file_list;
mod manifest;
mod output_dir;
pub mod stamps;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use manifest::Unpublished;
use manifest::{
    Cache, CacheBody, CacheHeader, EncodedHeader, MANIFEST_VERSION, Manifest, Present, unpublished,
    unsafe_manifest_entry,
};
use output_dir::{
    OutputDir, Staging, clear_pending, mark_pending, prepare_out_dir, publish_root, remove_if_link,
    remove_stale, remove_temporary_files,
};
use stamps::{
    Stamps, fingerprint, nanos_since_epoch, settings_hash, watched_files, watched_unchanged,
};

use crate::config::Project;
use crate::discover::SITE_MARKER;
use crate::error::Result;
use crate::model::LoadFailure;
use crate::site::{PageCache, Site, SiteLog, SiteOptions, SitePaths};

/// What a render did, for the command to report.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing changed since the last render; nothing was written.
    UpToDate {
        /// Files the site holds.
        files: usize,
        /// Links and images the site does not publish, as the last render found them.
        unpublished: Vec<Unpublished>,
    },
    /// The site was rendered (in part or whole).
    Rendered {
        /// Records and unreadable record files, each with a page.
        records: usize,
        /// Files written.
        written: usize,
        /// Each file written (path in the site, sorted) with its size in bytes: what a
        /// change cost. Empty unless the render was asked for it.
        written_files: Vec<(String, u64)>,
        /// Files left as the last render wrote them.
        unchanged: usize,
        /// Files of the last render removed.
        removed: usize,
        /// Links and images the site does not publish.
        unpublished: Vec<Unpublished>,
        /// Record files that could not be read (their pages show the error).
        failures: Vec<LoadFailure>,
    },
}

/// Renders the log of `project` with `options` into `out_dir` (`shown_out` is how messages
/// name it), reusing what the last render there left; with `list_written`, the outcome
/// lists each file written. `warn` receives warnings as they arise: a distrusted manifest,
/// an override that overrides nothing.
pub fn render(
    project: &Project,
    (out_dir, shown_out): (&Path, &str),
    options: SiteOptions,
    list_written: bool,
    warn: &mut dyn FnMut(std::fmt::Arguments<'_>),
) -> Result<Outcome> {
    let generator = format!("adr {}", env!("CARGO_PKG_VERSION"));
    let settings = settings_hash(project, &options);
    // The log is discovered on a thread of its own while the manifest is read (at 99,999
    // records 0.13 s and 0.05 s of one core each); then, while discovery goes on, the site's
    // files are listed (the up-to-date check and the build both ask which are still there)
    // and the cache's header is read, each on a thread of its own.
    let (previous, stamped, listing) = std::thread::scope(|outer| {
        let discovered = outer.spawn(|| project.layout.discover(&project.log_dir));
        let mut previous = prepare_out_dir(project, out_dir, shown_out)?;
        if let Some(manifest) = &mut previous
            && let Some((entry, why)) = unsafe_manifest_entry(out_dir, &manifest.files)
        {
            // Sites are often committed, so a pull request can plant a link and an entry
            // leading through it: such a manifest is not trusted for anything.
            warn(format_args!(
                "warning: {shown_out}/{SITE_MARKER} lists `{entry}`, which is not a plain path inside the site ({why}): rendering everything anew"
            ));
            *manifest = Manifest::default();
        }
        let (stamped, listing) = std::thread::scope(|scope| {
            let previous_files = previous.as_ref().map(|manifest| &manifest.files);
            let listing = previous_files
                .map(|files| scope.spawn(|| Present::list(out_dir, files).into_found()));
            let cache = previous_files.map(|_| scope.spawn(|| Cache::read(out_dir, settings)));
            let cache = || {
                cache
                    .map(|cache| cache.join().unwrap_or_default())
                    .unwrap_or_default()
            };
            let found = discovered
                .join()
                .unwrap_or_else(|panicked| std::panic::resume_unwind(panicked));
            let compare = previous_files.map(|_| settings);
            let stamped = stamp(project, found, cache, options, compare);
            (
                stamped,
                listing.map(|listing| listing.join().unwrap_or_default()),
            )
        });
        Ok::<_, crate::error::Error>((previous, stamped, listing))
    })?;
    let Stamped {
        found,
        fingerprinted,
        options,
        history_state,
        mut cache,
    } = stamped?;
    if fingerprinted.is_some() {
        // Taken into the new stamps: the old ones (a stamp of every record) need not be held
        // beside the body the load decodes.
        cache.header.stamps = Stamps::default();
    }
    if let Some(previous) = &previous
        && let Some((inputs, _)) = &fingerprinted
        && previous.version == MANIFEST_VERSION
        && previous.generator == generator
        && &previous.inputs == inputs
        && previous.failures == 0
        && watched_unchanged(project, &previous.watched)
        && let Some(listing) = &listing
        && Present::with_found(&previous.files, listing.clone()).all()
    {
        return Ok(Outcome::UpToDate {
            files: previous.files.len(),
            unpublished: previous.unpublished.clone(),
        });
    }

    let site = Site::new(options.clone())?;
    for name in &site.unknown_overrides {
        warn(format_args!(
            "warning: `{name}` in the templates directory overrides nothing: the names are {}",
            crate::site::overridable_names().join(", ")
        ));
    }
    // A site is walked for what an interrupted render left only when one was: marked, or
    // made by another version (which kept no mark). The walk takes a core the load leaves
    // idle most of the time; this render's own temporary files come after, from the build.
    let interrupted = previous.as_ref().is_some_and(|manifest| {
        let unmarked = manifest.version != MANIFEST_VERSION;
        mark_pending(out_dir) || unmarked
    });
    let loaded = std::thread::scope(|scope| {
        if interrupted {
            scope.spawn(|| remove_temporary_files(out_dir));
        }
        load(project, found, cache, fingerprinted, (settings, &options))
    });
    let written = Written {
        generator,
        settings,
        history: history_state.zip(options.history),
    };
    write_site(
        project,
        (out_dir, shown_out, list_written),
        &site,
        (previous, listing),
        loaded,
        written,
    )
}

/// The log as discovered, each record stamped, and the options with the log's history.
struct Stamped {
    found: crate::discover::Discovered,
    /// The fingerprint of the inputs and each record's stamp, when there is a last render
    /// to compare with.
    fingerprinted: Option<(String, Stamps)>,
    options: SiteOptions,
    history_state: Option<crate::git::HistoryState>,
    /// The cache of the last render, its header read.
    cache: Cache,
}

/// Takes the log as `discovered` and the `cache` (both read meanwhile) and stamps the log's
/// records with the `settings` of `compare` (there is none for a first render: it has
/// nothing to compare with, and takes its fingerprint from the hashes of the load itself
/// instead of reading every record twice), and reads the log's history into `options`.
fn stamp(
    project: &Project,
    discovered: Result<crate::discover::Discovered>,
    cache: impl FnOnce() -> Cache,
    options: SiteOptions,
    compare: Option<u128>,
) -> Result<Stamped> {
    let found = discovered?;
    let mut cache = cache();
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
    let fingerprinted = compare.map(|settings| {
        let listed: Vec<(Option<&Path>, &str)> = found
            .records
            .iter()
            .map(|(path, rel, _)| (Some(path.as_path()), rel.as_str()))
            .collect();
        fingerprint(
            (&project.log_dir, &listed),
            settings,
            &options,
            &cache.header.stamps,
            None,
        )
    });
    Ok(Stamped {
        found,
        fingerprinted,
        options,
        history_state,
        cache,
    })
}

/// The log as loaded for this render, with what the last render knew.
struct Loaded {
    site_log: SiteLog,
    /// The fingerprint of every input, for the manifest.
    inputs: String,
    /// Each record's stamp, for the cache.
    stamps: Stamps,
    /// What the last render made each page from.
    known_pages: PageCache,
}

/// Loads the log: only the records whose content hash changed since the cache was written
/// are read and parsed; the others' facts come from the cache. The one place `adr render`
/// reads records.
fn load(
    project: &Project,
    found: crate::discover::Discovered,
    cache: Cache,
    fingerprinted: Option<(String, Stamps)>,
    (settings, options): (u128, &SiteOptions),
) -> Loaded {
    let load_started = nanos_since_epoch(std::time::SystemTime::now());
    let CacheBody {
        records: mut known_records,
        pages: known_pages,
    } = cache.body(found.records.len());
    let known_stamps = cache.header.stamps;
    let mut found = found;
    let current = fingerprinted.as_ref().map(|(_, stamps)| stamps);
    take_discovered(
        &project.log_dir,
        &mut known_records,
        &mut found.records,
        &found.symlinks,
        |rel| current?.get(rel)?.content.hash(),
    );
    let site_log = SiteLog::load(&project.log_dir, found, known_records).placed(&project.layout);
    let (inputs, stamps) =
        match fingerprinted {
            Some(fingerprinted) => fingerprinted,
            None => {
                // Every record discovered was loaded, or failed to load: the list is taken
                // from the log rather than kept beside it (30 MB at 99,999 records).
                let hashes: crate::site::FastMap<&str, u128> = site_log
                    .records
                    .iter()
                    .map(|record| (record.rel_path.as_str(), record.text_hash))
                    .collect();
                let listed: Vec<(Option<&Path>, &str)> =
                    site_log
                        .records
                        .iter()
                        .map(|record| (record.own_path.as_deref(), record.rel_path.as_str()))
                        .chain(site_log.failures.iter().map(|failure| {
                            (Some(failure.path.as_path()), failure.rel_path.as_str())
                        }))
                        .collect();
                fingerprint(
                    (&project.log_dir, &listed),
                    settings,
                    options,
                    &known_stamps,
                    Some((&hashes, load_started)),
                )
            }
        };
    Loaded {
        site_log,
        inputs,
        stamps,
        known_pages,
    }
}

/// Keeps of the cached records in `known` those whose file was discovered with the content
/// hash (`current_hash`) their facts were taken from, and is not one of the `symlinks` (the
/// load reads a link again to check where it leads). Each takes its file's parsed name and,
/// when it is not `log_dir` joined with its path in the log, its path (the cache keeps
/// neither), and its file is taken out of `discovered`: it is not read. A cache naming a file
/// twice was not written by a render, and nothing in it is used.
fn take_discovered(
    log_dir: &Path,
    known: &mut Vec<crate::site::SiteRecord>,
    discovered: &mut Vec<(PathBuf, String, crate::discover::FileName)>,
    symlinks: &HashSet<PathBuf>,
    current_hash: impl Fn(&str) -> Option<u128>,
) {
    let matched: Vec<Option<usize>> = {
        let position: crate::site::FastMap<&str, usize> = discovered
            .iter()
            .enumerate()
            .map(|(at, (_, rel, _))| (rel.as_str(), at))
            .collect();
        known
            .iter()
            .map(|record| {
                let at = *position.get(record.rel_path.as_str())?;
                let unchanged = current_hash(&record.rel_path) == Some(record.text_hash)
                    && !symlinks.contains(&discovered[at].0);
                unchanged.then_some(at)
            })
            .collect()
    };
    let mut taken = vec![false; discovered.len()];
    for &at in matched.iter().flatten() {
        if std::mem::replace(&mut taken[at], true) {
            known.clear();
            return;
        }
    }
    let mut matched = matched.into_iter();
    known.retain_mut(|record| {
        let Some(Some(at)) = matched.next() else {
            return false;
        };
        let (path, _, file) = &mut discovered[at];
        record.own_path = crate::site::own_path(log_dir, &record.rel_path, std::mem::take(path));
        record.file = std::mem::replace(file, crate::discover::FileName::unparsed());
        true
    });
    let mut taken = taken.into_iter();
    discovered.retain(|_| !taken.next().unwrap_or(false));
}

/// What the manifest and cache record besides the build.
struct Written {
    generator: String,
    settings: u128,
    history: Option<(crate::git::HistoryState, crate::git::History)>,
}

/// Builds the site into the output directory (or, for a first render, a staging directory
/// renamed into place at the end), removes what is stale and writes the manifest and cache.
fn write_site(
    project: &Project,
    (out_dir, shown_out, list_written): (&Path, &str, bool),
    site: &Site,
    (previous, listing): (Option<Manifest>, Option<Vec<bool>>),
    loaded: Loaded,
    written: Written,
) -> Result<Outcome> {
    let Loaded {
        site_log,
        inputs,
        stamps,
        known_pages,
    } = loaded;
    let header = EncodedHeader::new(&CacheHeader {
        version: MANIFEST_VERSION,
        settings: written.settings,
        stamps,
        history: written.history,
    });
    // A first render builds the whole site in a hidden sibling directory and renames it into
    // place at the end: one atomic step instead of a temporary file and a rename per page,
    // and an interrupted first render leaves no half site behind.
    let staging = match &previous {
        Some(_) => None,
        None => Some(Staging::create(out_dir)?),
    };
    let site_dir: PathBuf = staging.as_ref().map_or_else(
        || out_dir.to_path_buf(),
        |staging| staging.path().to_path_buf(),
    );
    let paths = SitePaths {
        log_dir: project.log_dir.clone(),
        project_root: project.root.clone(),
        publish_root: publish_root(project),
        out_dir: out_dir.to_path_buf(),
    };
    let no_files = file_list::FileList::default();
    // Each page is written by the thread that rendered it. One writer thread fed through a
    // channel measured no faster (creating files in one directory serialises in the kernel
    // either way) and held up to a channel's worth of pages, freed on another thread.
    let sink = OutputDir::new(
        site_dir.clone(),
        (staging.is_some(), shown_out, list_written),
        previous
            .as_ref()
            .map_or(&no_files, |manifest| &manifest.files),
        listing,
    );
    let mut known_pages = known_pages;
    let built = site.build(&site_log, &mut known_pages, &paths, &sink);
    let OutputDir {
        files,
        written: written_count,
        written_files,
        kept,
        ..
    } = sink;
    let mut written_files = written_files
        .and_then(|files| files.into_inner().ok())
        .unwrap_or_default();
    written_files.sort();
    let written_count = written_count.into_inner();
    drop(known_pages);
    let (report, pages) = built?;
    let body = CacheBody {
        records: site_log.records,
        pages,
    };
    let this_render = Manifest {
        version: MANIFEST_VERSION,
        generator: written.generator,
        inputs,
        failures: site_log.failures.len(),
        files: files.into_inner().unwrap_or_default().finish(),
        watched: watched_files(project, &report),
        unpublished: unpublished(project, &report.refused),
    };
    let is_kept: Vec<bool> = kept
        .into_iter()
        .map(std::sync::atomic::AtomicBool::into_inner)
        .collect();
    let removed = remove_stale(
        out_dir,
        previous.as_ref().map(|manifest| &manifest.files),
        &this_render.files,
        &is_kept,
    );
    // Neither file needs the other: the cache (0.07 s at 99,999 records) is written while
    // the manifest is merged and written.
    let (file_count, unpublished) = std::thread::scope(|scope| {
        scope.spawn(|| Cache::write(&site_dir, header.as_ref(), &body));
        finish_manifest(&site_dir, previous, this_render, &is_kept)
    })?;
    drop_in_background((body, header));
    match staging {
        Some(staging) => staging.finish(out_dir)?,
        None => clear_pending(out_dir),
    }
    let unchanged = file_count.saturating_sub(written_count);
    Ok(Outcome::Rendered {
        records: report.records + report.failures,
        written: written_count,
        written_files,
        unchanged,
        removed,
        unpublished,
        failures: site_log.failures,
    })
}

/// Writes into `site_dir` the manifest of this render, `manifest`, its files those it made
/// and those of the `previous` render it kept (`is_kept`, in their order); returns how many
/// files it lists, and the links and images the site does not publish.
fn finish_manifest(
    site_dir: &Path,
    previous: Option<Manifest>,
    manifest: Manifest,
    is_kept: &[bool],
) -> Result<(usize, Vec<Unpublished>)> {
    let Manifest {
        version,
        generator,
        inputs,
        failures,
        files,
        watched,
        unpublished,
    } = manifest;
    let previous = previous.map(|manifest| manifest.files).unwrap_or_default();
    let merged = Manifest {
        version,
        generator,
        inputs,
        failures,
        files: previous.merged(is_kept, &files),
        watched,
        unpublished,
    };
    remove_if_link(&site_dir.join(SITE_MARKER));
    // Streamed, and not flushed to disk: it lists every file (megabytes at 10,000 records),
    // and like the pages it lists it can be made again (a lost or torn manifest still marks
    // the directory as ours, and the next render starts anew).
    crate::fs::write_atomic_unsynced_with(&site_dir.join(SITE_MARKER), |out| {
        serde_json::to_writer_pretty(&mut *out, &merged)?;
        out.write_all(b"\n")
    })?;
    let file_count = merged.files.len();
    let unpublished = merged.unpublished;
    drop_in_background((previous, files));
    Ok((file_count, unpublished))
}

/// Frees `value` on a thread of its own. What a render of 99,999 records leaves (its
/// records, their cache, the manifest's 132,000 entries) is millions of allocations, 40-60
/// ms to free one by one; the command has nothing left to do but report, and a process
/// that exits meanwhile frees it all at once.
fn drop_in_background<T: Send + 'static>(value: T) {
    // Without a thread (a process at its limit) it is freed here, as the closure holding it
    // is dropped.
    let _ = std::thread::Builder::new()
        .name("adr-free".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::manifest::tests::site_record;
    use super::take_discovered;
    use crate::discover::FileName;
    use crate::site::SiteRecord;
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    fn discovered(number: usize) -> (PathBuf, String, FileName) {
        let rel = format!("{number:04}-record.md");
        let file = FileName::parse(&rel).unwrap();
        (PathBuf::from(format!("/log/{rel}")), rel, file)
    }

    /// What the cache keeps of a record: neither its path nor its parsed name.
    fn cached(number: usize) -> SiteRecord {
        SiteRecord {
            own_path: None,
            file: FileName::unparsed(),
            ..site_record(number)
        }
    }

    /// `known` and its files' content hashes, each the one its facts were taken from.
    fn unchanged(known: &[SiteRecord]) -> impl Fn(&str) -> Option<u128> + use<> {
        let hashes: std::collections::HashMap<String, u128> = known
            .iter()
            .map(|record| (record.rel_path.clone(), record.text_hash))
            .collect();
        move |rel| hashes.get(rel).copied()
    }

    /// [`take_discovered`] from the log `/log`, which has no symbolic links.
    fn take_from_log(
        known: &mut Vec<SiteRecord>,
        found: &mut Vec<(PathBuf, String, FileName)>,
        hashes: impl Fn(&str) -> Option<u128>,
    ) {
        take_discovered(Path::new("/log"), known, found, &HashSet::new(), hashes);
    }

    #[test]
    fn a_cached_record_takes_the_path_and_name_of_its_discovered_file_which_is_not_read() {
        let mut known = vec![cached(3), cached(9), cached(1)];
        let mut found = vec![discovered(1), discovered(2), discovered(3)];
        let hashes = unchanged(&known);
        take_from_log(&mut known, &mut found, hashes);
        let taken: Vec<(&str, PathBuf, Option<u32>)> = known
            .iter()
            .map(|record| {
                (
                    record.rel_path.as_str(),
                    record.path(Path::new("/log")).into_owned(),
                    record.file.number,
                )
            })
            .collect();
        assert!(
            known.iter().all(|record| record.own_path.is_none()),
            "a path that is the log's joined with the record's is not held"
        );
        assert_eq!(
            taken,
            [
                (
                    "0003-record.md",
                    PathBuf::from("/log/0003-record.md"),
                    Some(3)
                ),
                (
                    "0001-record.md",
                    PathBuf::from("/log/0001-record.md"),
                    Some(1)
                ),
            ],
            "record 9 has no file: it is dropped"
        );
        assert_eq!(
            found,
            [discovered(2)],
            "only the file with no cached record is read"
        );
    }

    #[test]
    fn a_cached_record_whose_path_is_not_the_logs_joined_with_its_own_holds_it() {
        let mut known = vec![cached(1)];
        // As discovered through `..`, or as a name that is not UTF-8 reads in `rel_path`.
        let path = PathBuf::from("/log/sub/../0001-record.md");
        let mut found = vec![(path.clone(), discovered(1).1, discovered(1).2)];
        let hashes = unchanged(&known);
        take_from_log(&mut known, &mut found, hashes);
        assert_eq!(known[0].own_path.as_deref(), Some(path.as_path()));
        assert_eq!(known[0].path(Path::new("/log")), path);
    }

    #[test]
    fn a_cache_naming_a_file_twice_is_not_used() {
        let mut known = vec![cached(1), cached(2), cached(1)];
        let mut found = vec![discovered(1), discovered(2)];
        let hashes = unchanged(&known);
        take_from_log(&mut known, &mut found, hashes);
        assert!(known.is_empty());
        assert_eq!(found, [discovered(1), discovered(2)], "every file is read");
    }

    #[test]
    fn a_cached_record_whose_file_changed_or_is_a_link_is_dropped_and_its_file_read() {
        let mut known = vec![cached(1), cached(2), cached(3)];
        let mut found = vec![discovered(1), discovered(2), discovered(3)];
        let hashes = unchanged(&known);
        let links = HashSet::from([discovered(3).0]);
        take_discovered(Path::new("/log"), &mut known, &mut found, &links, |rel| {
            hashes(rel).filter(|_| rel != "0002-record.md")
        });
        let kept: Vec<&str> = known
            .iter()
            .map(|record| record.rel_path.as_str())
            .collect();
        assert_eq!(kept, ["0001-record.md"]);
        assert_eq!(found, [discovered(2), discovered(3)]);
    }
}
