//! What one render leaves for the next: the manifest (`.adr-site`, content hashes of every
//! input and every file made, which marks the directory as ours) and the cache
//! (`.adr-site-cache`, private to the machine: record stamps, the site's facts of each
//! record and what each page was made from). Neither is trusted beyond what it can vouch
//! for: a manifest naming a path outside the site is ignored, a cache of other settings
//! is not read.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::output_dir::{
    MAX_CACHE_BYTES, MAX_COPIED_BYTES, is_safe_site_path, read_regular, remove_if_link,
};
use super::stamps::RecordStamp;
use crate::config::Project;
use crate::site::{self, PageCache, SiteRecord};

/// Bumped when the manifest's meaning changes, so an old one is never trusted.
pub(super) const MANIFEST_VERSION: u32 = 9;

/// The contents of `.adr-site`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) version: u32,
    pub(super) generator: String,
    /// Hash of everything the site is made from.
    pub(super) inputs: String,
    /// Records that could not be read at the last render (they make the exit code 1).
    pub(super) failures: usize,
    /// Site path → `hash:size` of every file the render made.
    pub(super) files: BTreeMap<String, String>,
    /// Project-relative path of each local file the records link to → its hash, or null
    /// when it was missing: the site changes when one of these does.
    pub(super) watched: BTreeMap<String, Option<String>>,
    /// Links and images the site does not publish, warned about again by a render with
    /// nothing to do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) unpublished: Vec<Unpublished>,
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
pub(super) struct CacheHeader {
    pub(super) version: u32,
    /// A hash of the options and templates: pages made with others are not reused.
    pub(super) settings: u128,
    pub(super) stamps: BTreeMap<String, RecordStamp>,
    /// The log's git history, with the [`crate::git::History::state`] it was read at.
    pub(super) history: Option<(crate::git::HistoryState, crate::git::History)>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct CacheBody {
    pub(super) records: Vec<SiteRecord>,
    pub(super) pages: PageCache,
}

pub(super) const CACHE_FILE: &str = ".adr-site-cache";

/// The cache as read: the header decoded, the body still as bytes.
#[derive(Default)]
pub(super) struct Cache {
    pub(super) header: CacheHeader,
    pub(super) bytes: Vec<u8>,
    pub(super) body_start: usize,
}

impl Cache {
    /// The cache of an earlier render with the same settings, or an empty one.
    pub(super) fn read(out_dir: &Path, settings: u128) -> Cache {
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
    pub(super) fn body(&self) -> CacheBody {
        self.bytes
            .get(self.body_start..)
            .filter(|body| !body.is_empty())
            .and_then(|body| postcard::from_bytes(body).ok())
            .unwrap_or_default()
    }

    /// Writes a cache, encoded straight into the file: at 10,000 records it is tens of
    /// megabytes. One that cannot be encoded (a path that is not UTF-8) is left out, and
    /// the next render reads everything again.
    pub(super) fn write(site_dir: &Path, header: &CacheHeader, body: &CacheBody) {
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

/// A link or image the site does not publish, as the manifest keeps it: a render with
/// nothing to do says it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unpublished {
    /// Relative to the log.
    pub record: String,
    /// The first line holding the link's target, when found.
    pub line: Option<usize>,
    /// The target as written.
    pub url: String,
    /// Why it is not published.
    pub reason: site::Reason,
}

/// Each refused link with the line where its target is written (the first line holding
/// it).
pub(super) fn unpublished(
    project: &Project,
    refused: &BTreeSet<site::Refusal>,
) -> Vec<Unpublished> {
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

/// Whether every file the manifest lists is still there.
pub(super) fn outputs_present(out_dir: &Path, files: &BTreeMap<String, String>) -> bool {
    let present = Present::list(out_dir, files.keys());
    files.keys().all(|path| present.contains(path))
}

/// The regular files of the directories a manifest lists files in, each directory read once:
/// the manifest is trusted only while the files it describes exist. A `stat` of every file
/// (the size too) was a tenth of a one-record re-render at 10,000 records and would be half
/// a second at 100,000; a directory's entries carry each name and its type, so a deleted
/// page, or a link or directory put in its place, is still seen and made again. (A page
/// edited by hand in place is not: it is replaced when what it is made from changes.)
pub(super) struct Present {
    /// Directory (`""` for the site's root) → names of the regular files in it.
    directories: HashMap<String, HashSet<String, FastState>>,
}

type FastState = foldhash::fast::RandomState;

impl Present {
    /// Lists the directories of `paths` in `out_dir`. A directory that is a symbolic link
    /// is not read: nothing in it counts as present.
    pub(super) fn list<'p>(out_dir: &Path, paths: impl Iterator<Item = &'p String>) -> Present {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for path in paths {
            names.insert(path.rsplit_once('/').map_or("", |(dir, _)| dir));
        }
        let directories = names
            .into_par_iter()
            .map(|dir| {
                let at = out_dir.join(dir);
                let mut files = HashSet::default();
                let is_real =
                    std::fs::symlink_metadata(&at).is_ok_and(|metadata| metadata.is_dir());
                if is_real && let Ok(entries) = std::fs::read_dir(&at) {
                    for entry in entries.filter_map(|entry| entry.ok()) {
                        if entry.file_type().is_ok_and(|kind| kind.is_file())
                            && let Ok(name) = entry.file_name().into_string()
                        {
                            files.insert(name);
                        }
                    }
                }
                (dir.to_string(), files)
            })
            .collect();
        Present { directories }
    }

    /// Whether the site file `path` is there, as a regular file.
    pub(super) fn contains(&self, path: &str) -> bool {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        is_safe_site_path(path)
            && self
                .directories
                .get(dir)
                .is_some_and(|names| names.contains(name))
    }
}

/// The first entry of a manifest that does not name a plain place inside the site, with
/// why: `..`, an absolute path, or a path through a symbolic link in the real tree. Each
/// directory is looked at once, so the check costs one `lstat` per directory of the site.
pub(super) fn unsafe_manifest_entry(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_file_is_present_only_as_a_regular_file_inside_the_site() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("assets")).unwrap();
        std::fs::write(site.path().join("a.html"), "a").unwrap();
        std::fs::write(site.path().join("assets/b.js"), "b").unwrap();
        std::fs::write(outside.path().join("c.html"), "c").unwrap();
        std::fs::write(outside.path().join("d.js"), "d").unwrap();
        // A link where a page was, and a linked directory where a folder of files was.
        std::os::unix::fs::symlink(outside.path().join("c.html"), site.path().join("c.html"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("linked")).unwrap();
        let listed: Vec<String> = [
            "a.html",
            "assets/b.js",
            "c.html",
            "gone.html",
            "linked/d.js",
        ]
        .map(str::to_string)
        .to_vec();
        let present = Present::list(site.path(), listed.iter());
        assert!(present.contains("a.html"));
        assert!(present.contains("assets/b.js"));
        assert!(!present.contains("c.html"), "a link is not the page");
        assert!(
            !present.contains("gone.html"),
            "a deleted page is made again"
        );
        assert!(
            !present.contains("linked/d.js"),
            "nothing is read through a link"
        );
        assert!(!present.contains("../a.html"));
        let files: BTreeMap<String, String> = listed
            .iter()
            .take(2)
            .map(|path| (path.clone(), String::new()))
            .collect();
        assert!(outputs_present(site.path(), &files));
        std::fs::remove_file(site.path().join("assets/b.js")).unwrap();
        assert!(!outputs_present(site.path(), &files));
    }
}
