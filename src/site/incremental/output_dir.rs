//! The output directory `adr render` owns: checking that a directory is ours (or new, or
//! empty) before anything is written, the hidden staging directory a first render is
//! built in, the [`PageSink`] that writes a page only when its bytes changed (by
//! temporary file and rename) and the removal of what an earlier render made and this one
//! did not. Nothing is ever deleted outside a directory that carries the marker, and
//! nothing is deleted or written through a symbolic link inside it.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use super::file_list::{FileList, FileListBuilder};
use super::manifest::{CACHE_FILE, Manifest, Present};
use super::stamps::{FileEntry, Hashed, InputHasher};
use crate::config::Project;
use crate::discover::SITE_MARKER;
use crate::error::{Error, Result};
use crate::site::PageSink;

/// The manifest of a 10,000-record site is about a megabyte.
pub(super) const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;
/// The cache and search index of a 10,000-record site are tens of megabytes.
pub(super) const MAX_CACHE_BYTES: u64 = 1024 * 1024 * 1024;

/// The site's own check of what it publishes stops at 16 MiB too.
pub(super) const MAX_COPIED_BYTES: u64 = 16 * 1024 * 1024;

/// The project whose files a site may publish: the directory holding `.adr.toml` (or
/// `.adr-dir`), else the git work tree holding the log, else the log's parent. Not the
/// working directory: with `--dir` naming a log elsewhere, its images are still its own.
pub(super) fn publish_root(project: &Project) -> PathBuf {
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
pub(super) fn read_regular(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
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
pub(super) fn remove_if_link(path: &Path) {
    if std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink()) {
        let _ = std::fs::remove_file(path);
    }
}

/// Checks that the output directory is ours (or new, or empty) and returns its manifest.
pub(super) fn prepare_out_dir(
    project: &Project,
    out_dir: &Path,
    shown: &str,
) -> Result<Option<Manifest>> {
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
    let marker = out_dir.join(SITE_MARKER);
    if std::fs::symlink_metadata(&marker).is_ok_and(|metadata| !metadata.is_file()) {
        return Err(Error::usage(format!(
            "`{shown}/{SITE_MARKER}` is not a regular file (a symbolic link?): adr render never reads or writes through links in its output directory; remove it and run again"
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
                    "`{shown}` is not empty and has no `{SITE_MARKER}` file, so `adr render` did not make it: \
                     choose another `--out`, or empty the directory (adr render only replaces and deletes files in a directory it made)"
                )))
            }
        }
    }
}
/// The first component of `path` (relative, inside `root`) that is a symbolic link, as
/// the path up to it; checked with `lstat` right before a delete or write.
pub(super) fn linked_component(root: &Path, path: &Path) -> Option<PathBuf> {
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
pub(super) fn is_safe_site_path(path: &str) -> bool {
    !path.is_empty()
        && path != SITE_MARKER
        && path != CACHE_FILE
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

/// The file that marks a site while a render replaces its files in place; removed once the
/// manifest is written. A render that finds it knows the last one was interrupted or failed,
/// and walks the site for the temporary files that one left: walking it every time was 90
/// ms of CPU of a one-record re-render at 99,999 records (132,000 files).
const PENDING_MARKER: &str = ".adr-site-pending";

/// Marks `out_dir` as being rendered into ([`PENDING_MARKER`]); returns whether a render
/// may have left temporary files there: the mark was there already, or could not be made.
pub(super) fn mark_pending(out_dir: &Path) -> bool {
    let path = out_dir.join(PENDING_MARKER);
    if std::fs::symlink_metadata(&path).is_ok() {
        return true;
    }
    // `create_new` makes the file or fails: it never follows a link planted in its place.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .is_err()
}

/// Removes the mark of [`mark_pending`]: the render it marked has finished.
pub(super) fn clear_pending(out_dir: &Path) {
    let path = out_dir.join(PENDING_MARKER);
    if std::fs::symlink_metadata(&path).is_ok_and(|metadata| metadata.is_file()) {
        let _ = std::fs::remove_file(path);
    }
}

/// Temporary files of an interrupted render (the rename never happened).
pub(super) fn remove_temporary_files(out_dir: &Path) {
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

/// Deletes what the previous render made and this one neither wrote (`written`) nor kept
/// (`is_kept`, for each file of `previous` in order), and directories left empty; returns
/// how many files it deleted.
pub(super) fn remove_stale(
    out_dir: &Path,
    previous: Option<&FileList>,
    written: &FileList,
    is_kept: &[bool],
) -> usize {
    let Some(previous) = previous else {
        return 0;
    };
    let mut removed = 0;
    let mut is_kept = is_kept.iter();
    for path in previous.paths() {
        let is_current = is_kept.next() == Some(&true) || written.contains(path);
        if is_current || !is_safe_site_path(path) {
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
pub(super) struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    pub(super) fn create(out_dir: &Path) -> Result<Staging> {
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
        std::fs::write(dir.path().join(SITE_MARKER), "{}\n")
            .map_err(|source| Error::io("write", dir.path().join(SITE_MARKER), source))?;
        Ok(Staging { dir })
    }

    pub(super) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Renames the finished site into place (over the empty directory, if there is one).
    pub(super) fn finish(self, out_dir: &Path) -> Result<()> {
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

/// Staging directories of first renders that were interrupted: those with our prefix that
/// carry the marker, and those with our prefix left empty.
pub(super) fn remove_abandoned_staging(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(|entry| entry.ok()) {
        let is_staging = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(STAGING_PREFIX));
        if !is_staging {
            continue;
        }
        let path = entry.path();
        if path.join(SITE_MARKER).is_file() {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            // A render killed between creating its staging directory and marking it left it
            // empty: `remove_dir` removes only an empty directory, so nobody's files go.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// The output directory as the site's [`PageSink`]: skips files whose bytes the manifest
/// says are already there, replaces the others atomically.
pub(super) struct OutputDir<'p> {
    pub(super) root: PathBuf,
    /// The output directory as messages show it.
    pub(super) shown: &'p str,
    /// A fresh staging directory: files are new, written straight.
    pub(super) direct: bool,
    pub(super) previous: &'p FileList,
    pub(super) files: Mutex<FileListBuilder>,
    pub(super) directories: Mutex<HashSet<PathBuf>>,
    /// How many files were written.
    pub(super) written: std::sync::atomic::AtomicUsize,
    /// Each file written, with its size, in the order written, when the render was asked
    /// for them (`adr render --verbose`): a first render of 99,999 records writes 132,000
    /// files, and kept every path to the end for a list nobody asked for.
    pub(super) written_files: Option<Mutex<Vec<(String, u64)>>>,
    /// The files of the last render still there, listed at the first [`PageSink::keep`].
    pub(super) present: std::sync::OnceLock<Present<'p>>,
    /// Which files of the last render (in the order of its manifest) were kept as they
    /// were: their manifest entries are moved to the new manifest at the end rather than
    /// copied here one by one (132,000 of them, two strings each, at 100,000 records). A
    /// flag each, not a list behind a lock: a re-render of 99,999 records keeps 132,000
    /// files from both cores.
    pub(super) kept: Vec<std::sync::atomic::AtomicBool>,
}

impl<'p> OutputDir<'p> {
    /// The site in `root` (`direct`: a fresh staging directory; `shown`: as messages name
    /// it; `list_written`: each file written is noted with its size), over the files of the
    /// last render, `previous`, and which of them are still there if they were `listed`
    /// already ([`Present::into_found`]).
    pub(super) fn new(
        root: PathBuf,
        (direct, shown, list_written): (bool, &'p str, bool),
        previous: &'p FileList,
        listed: Option<Vec<bool>>,
    ) -> OutputDir<'p> {
        OutputDir {
            root,
            shown,
            direct,
            previous,
            files: Mutex::new(FileListBuilder::default()),
            directories: Mutex::new(HashSet::new()),
            written: std::sync::atomic::AtomicUsize::new(0),
            written_files: list_written.then(|| Mutex::new(Vec::new())),
            present: match listed {
                Some(found) => std::sync::OnceLock::from(Present::with_found(previous, found)),
                None => std::sync::OnceLock::new(),
            },
            kept: std::iter::repeat_with(Default::default)
                .take(previous.len())
                .collect(),
        }
    }

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
        let entry = FileEntry::of(&contents);
        if self.kept_as_held(path, &target, &entry, contents.len() as u64) {
            return Ok(());
        }
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
        self.note_written(path, contents.len() as u64);
        if let Ok(mut files) = self.files.lock() {
            files.push(path, entry);
        }
        Ok(())
    }

    /// Whether the file at `target` (site path `path`) is still what the last render wrote
    /// there, `entry` of `len` bytes: then it is left as it is, and its entry in the last
    /// render's manifest is flagged as kept rather than listed again among this render's
    /// files. A render into a site in use without its cache (the first after an upgrade)
    /// makes every page and finds nearly all as they were: listed again, their 132,000
    /// paths at 99,999 records were 12 MB more, held beside the last manifest's to the end.
    fn kept_as_held(&self, path: &str, target: &Path, entry: &FileEntry, len: u64) -> bool {
        let Some(position) = self.previous.position(path) else {
            return false;
        };
        let held = self.previous.entry_at(position) == Some(entry)
            && std::fs::symlink_metadata(target)
                .is_ok_and(|metadata| metadata.is_file() && metadata.len() == len);
        if let Some(kept) = self.kept.get(position).filter(|_| held) {
            kept.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        held
    }

    fn note_written(&self, path: &str, len: u64) {
        self.written
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some(Ok(mut written)) = self.written_files.as_ref().map(Mutex::lock) {
            written.push((path.to_string(), len));
        }
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
        let target = self.target_of(path)?;
        if let Some(parent) = target.parent() {
            self.ensure_directory(parent)?;
        }
        if !self.direct {
            // Replacing a file of a site in use: streamed into a temporary file, hashed on the
            // way, and renamed over the file only when its bytes changed, which leaves an
            // identical file (and its time) alone. Gathered in memory to compare first, the
            // relations page of a 99,999-record log was 39 MB more at the peak of a re-render
            // that changed a link.
            let ((hash, len), replaced) = crate::fs::write_atomic_unsynced_if(
                &target,
                |out| {
                    let mut out = Hashed {
                        out,
                        hasher: InputHasher::new(),
                        len: 0,
                    };
                    write(&mut out)?;
                    Ok((out.hasher.finish(), out.len as u64))
                },
                |&(hash, len)| {
                    !self.kept_as_held(path, &target, &FileEntry::Made { hash, len }, len)
                },
            )?;
            if replaced {
                self.note_written(path, len);
                if let Ok(mut files) = self.files.lock() {
                    files.push(path, FileEntry::Made { hash, len });
                }
            }
            return Ok(());
        }
        // A first render: streamed into the unseen staging directory, hashed on the way
        // for the manifest.
        let failed = |source| Error::io("write", &target, source);
        let file = std::fs::File::create(&target).map_err(failed)?;
        let mut out = Hashed {
            out: std::io::BufWriter::with_capacity(64 * 1024, file),
            hasher: InputHasher::new(),
            len: 0,
        };
        write(&mut out).map_err(failed)?;
        std::io::Write::flush(&mut out.out).map_err(failed)?;
        self.note_written(path, out.len as u64);
        if let Ok(mut files) = self.files.lock() {
            files.push(
                path,
                FileEntry::Made {
                    hash: out.hasher.finish(),
                    len: out.len as u64,
                },
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
        // One search of the listed paths answers both whether the last render made the file
        // and whether it is still there, and gives the manifest's own copy of its path.
        let Some(listed) = self
            .present
            .get_or_init(|| Present::list(&self.root, self.previous))
            .listed(path)
        else {
            return false;
        };
        match self.kept.get(listed) {
            Some(kept) => {
                kept.store(true, std::sync::atomic::Ordering::Relaxed);
                true
            }
            None => false,
        }
    }
}
