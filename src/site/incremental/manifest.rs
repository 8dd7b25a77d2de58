//! What one render leaves for the next: the manifest (`.adr-site`, content hashes of every
//! input and every file made, which marks the directory as ours) and the cache
//! (`.adr-site-cache`, private to the machine: record stamps, the site's facts of each
//! record and what each page was made from). Neither is trusted beyond what it can vouch
//! for: a manifest naming a path outside the site is ignored, a cache of other settings
//! is not read.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::file_list::FileList;
use super::output_dir::{
    MAX_CACHE_BYTES, MAX_COPIED_BYTES, is_safe_site_path, read_regular, remove_if_link,
};
use super::stamps::Stamps;
use crate::config::Project;
use crate::site::{self, PageCache, SiteRecord};

/// Bumped when the manifest's meaning changes, or the reading of a record does (a cached
/// record is not read again), so an old one is never trusted.
pub(super) const MANIFEST_VERSION: u32 = 20;

/// The contents of `.adr-site`: its files a [`FileList`] as read, a view of two as written
/// ([`super::file_list::Merged`]).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Manifest<Files = FileList> {
    pub(super) version: u32,
    pub(super) generator: String,
    /// Hash of everything the site is made from.
    pub(super) inputs: String,
    /// Records that could not be read at the last render (they make the exit code 1).
    pub(super) failures: usize,
    /// Site path → `hash:size` of every file the render made.
    pub(super) files: Files,
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
    pub(super) stamps: Stamps,
    /// The log's git history, with the [`crate::git::History::state`] it was read at.
    pub(super) history: Option<(crate::git::HistoryState, crate::git::History)>,
}

#[derive(Debug, Default)]
pub(super) struct CacheBody {
    pub(super) records: Vec<SiteRecord>,
    pub(super) pages: PageCache,
}

pub(super) const CACHE_FILE: &str = ".adr-site-cache";

/// The most records [`read_body`] reserves room for up front (a damaged header cannot make
/// it ask for more); a longer log grows as usual.
const MAX_RESERVED: usize = 250_000;

/// The cache as read: the header decoded, the body left in the file until it is needed.
/// The file is the header's length (8 bytes, little-endian), the header, then the body, so
/// that a render with nothing to do reads the header only (at 100,000 records the body is
/// tens of megabytes).
#[derive(Default)]
pub(super) struct Cache {
    pub(super) header: CacheHeader,
    /// The file and where its body starts.
    body_at: Option<(std::path::PathBuf, u64)>,
}

impl Cache {
    /// The cache of an earlier render with the same settings, or an empty one.
    pub(super) fn read(out_dir: &Path, settings: u128) -> Cache {
        let path = out_dir.join(CACHE_FILE);
        let Some((header, body_start)) = read_header(&path) else {
            return Cache::default();
        };
        if header.version != MANIFEST_VERSION || header.settings != settings {
            return Cache::default();
        }
        Cache {
            header,
            body_at: Some((path, body_start)),
        }
    }

    /// The records and pages, with room for `records` records (the log as discovered);
    /// empty when there are none or they cannot be decoded.
    pub(super) fn body(&self, records: usize) -> CacheBody {
        let Some((path, start)) = &self.body_at else {
            return CacheBody::default();
        };
        read_body(path, *start, records).unwrap_or_default()
    }

    /// Writes a cache: its `header` as encoded, then its body encoded straight into the file
    /// frame by frame (see [`Frame`]). One that cannot be encoded (a path that is not UTF-8)
    /// is left out, and the next render reads everything again.
    pub(super) fn write(site_dir: &Path, header: Option<&EncodedHeader>, body: &CacheBody) {
        let path = site_dir.join(CACHE_FILE);
        remove_if_link(&path);
        let written = header.is_some_and(|EncodedHeader(header)| {
            crate::fs::write_atomic_unsynced_with(&path, |out| {
                out.write_all(&(header.len() as u64).to_le_bytes())?;
                out.write_all(header)?;
                write_body(out, body)
            })
            .is_ok()
        });
        if !written {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A cache's header, encoded as soon as the load has stamped the records: held as their
/// stamps until the end of a render, it was 12 MB of a 99,999-record render's peak; encoded
/// it is half that. Measured first, so that its buffer is allocated once.
pub(super) struct EncodedHeader(Vec<u8>);

impl EncodedHeader {
    /// `header` encoded; none when it cannot be.
    pub(super) fn new(header: &CacheHeader) -> Option<EncodedHeader> {
        let len = postcard::experimental::serialized_size(header).ok()?;
        let mut bytes = Vec::with_capacity(len);
        postcard::to_io(header, &mut bytes).ok()?;
        Some(EncodedHeader(bytes))
    }
}

/// Writes the cache's `body` into `out`, frame by frame.
fn write_body(out: &mut dyn std::io::Write, body: &CacheBody) -> std::io::Result<()> {
    let records: Vec<FrameOut> = body
        .records
        .chunks(FRAME_ITEMS)
        .map(FrameOut::Records)
        .collect();
    write_frames(out, &records)?;
    // A batch of frames at a time from the map: listed whole first, its 100,000 entries
    // were 1.6 MB more at the peak of a first render, which ends here.
    let mut pages = body.pages.records.iter();
    loop {
        let batch: Vec<(&site::PathId, &site::RecordPage)> =
            pages.by_ref().take(FRAME_ITEMS * FRAMES_AT_ONCE).collect();
        if batch.is_empty() {
            break;
        }
        let frames: Vec<FrameOut> = batch
            .chunks(FRAME_ITEMS)
            .map(FrameOut::RecordPages)
            .collect();
        write_frames(out, &frames)?;
    }
    // Apart from the rest: in it, the 100,000 hashes of a 99,999-record log made a frame of
    // megabytes, whose growing buffer was 6 MB of a first render's peak.
    let rest: Vec<FrameOut> = body
        .pages
        .rows
        .hashes
        .chunks(FRAME_ITEMS)
        .map(FrameOut::RowHashes)
        .chain([FrameOut::Rest {
            pages: &body.pages.pages,
            search: &body.pages.search,
            rows: &body.pages.rows,
        }])
        .collect();
    write_frames(out, &rest)
}

/// Writes `frames` in order, encoded a few at a time on every core.
fn write_frames(out: &mut dyn std::io::Write, frames: &[FrameOut]) -> std::io::Result<()> {
    for batch in frames.chunks(FRAMES_AT_ONCE) {
        let encoded = batch
            .par_iter()
            .map(|frame| postcard::to_stdvec(frame).map_err(std::io::Error::other))
            .collect::<std::io::Result<Vec<Vec<u8>>>>()?;
        for frame in encoded {
            let len = u32::try_from(frame.len()).map_err(std::io::Error::other)?;
            out.write_all(&len.to_le_bytes())?;
            out.write_all(&frame)?;
        }
    }
    Ok(())
}

/// Items per frame of the cache's body.
const FRAME_ITEMS: usize = 1000;

/// Frames encoded or decoded at once: each is about half a megabyte at most. Four keep two
/// cores busy; sixteen held 8 MB of frames at the peak of a one-record re-render of 99,999
/// records (the cache body's decode) and at the end of a first render (its encode).
const FRAMES_AT_ONCE: usize = 4;

/// A piece of the cache's body. The body is a sequence of frames (each its length, 4 bytes
/// little-endian, then its encoding), the last one `Rest`, so that reading it holds one
/// frame's bytes at a time: decoded from one buffer, the body of a 99,999-record log held
/// its 86 MB of bytes beside what they decode to.
#[derive(Deserialize)]
enum Frame {
    Records(Vec<SiteRecord>),
    RecordPages(Vec<(site::PathId, site::RecordPage)>),
    RowHashes(Vec<u128>),
    Rest {
        pages: site::FastMap<String, u128>,
        search: Vec<site::search::RangeSummary>,
        rows: site::RowsSeen,
    },
}

/// [`Frame`] as written, borrowing what it holds (the same encoding).
#[derive(Serialize)]
enum FrameOut<'a> {
    Records(&'a [SiteRecord]),
    RecordPages(&'a [(&'a site::PathId, &'a site::RecordPage)]),
    RowHashes(&'a [u128]),
    Rest {
        pages: &'a site::FastMap<String, u128>,
        search: &'a [site::search::RangeSummary],
        rows: &'a site::RowsSeen,
    },
}

/// The body of the cache at `path`, from `start`, with room for `records` records; `None`
/// when it cannot be read whole.
fn read_body(path: &Path, start: u64, records: usize) -> Option<CacheBody> {
    use std::io::{BufReader, Read, Seek};
    let mut file = open_regular(path).ok()?;
    file.seek(std::io::SeekFrom::Start(start)).ok()?;
    let mut file = BufReader::new(file);
    let mut body = CacheBody {
        records: Vec::with_capacity(records.min(MAX_RESERVED)),
        ..CacheBody::default()
    };
    body.pages.records.reserve(records.min(MAX_RESERVED));
    let mut row_hashes = Vec::with_capacity(records.min(MAX_RESERVED));
    loop {
        // A few frames at a time, decoded on every core (the decoding is mostly the first
        // touch of the memory it fills), then taken in order.
        let mut batch: Vec<Vec<u8>> = Vec::with_capacity(FRAMES_AT_ONCE);
        while batch.len() < FRAMES_AT_ONCE {
            let mut len = [0u8; 4];
            match file.read_exact(&mut len) {
                Ok(()) => {}
                // The end, where a frame would start: a body without its last frame is
                // told by that frame missing below.
                Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(_) => return None,
            }
            let len = u32::from_le_bytes(len) as u64;
            if len > MAX_CACHE_BYTES {
                return None;
            }
            let mut bytes = Vec::new();
            (&mut file).take(len).read_to_end(&mut bytes).ok()?;
            if bytes.len() as u64 != len {
                return None;
            }
            batch.push(bytes);
        }
        if batch.is_empty() {
            return None;
        }
        let frames: Vec<Option<Frame>> = batch
            .par_iter()
            .map(|bytes| postcard::from_bytes(bytes).ok())
            .collect();
        drop(batch);
        for frame in frames {
            match frame? {
                Frame::Records(records) => body.records.extend(records),
                Frame::RecordPages(pages) => body.pages.records.extend(pages),
                Frame::RowHashes(hashes) => row_hashes.extend(hashes),
                Frame::Rest {
                    pages,
                    search,
                    rows,
                } => {
                    body.pages.pages = pages;
                    body.pages.search = search;
                    body.pages.rows = rows;
                    body.pages.rows.hashes = row_hashes;
                    return Some(body);
                }
            }
        }
    }
}

/// The cache file opened, if it is a regular file (never a link, FIFO or device) within
/// the size the cache may have.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let metadata = std::fs::symlink_metadata(path)?;
    if !metadata.is_file() || metadata.len() > MAX_CACHE_BYTES {
        return Err(std::io::ErrorKind::InvalidInput.into());
    }
    std::fs::File::open(path)
}

/// The cache's header and where its body starts.
fn read_header(path: &Path) -> Option<(CacheHeader, u64)> {
    use std::io::Read;
    let mut file = open_regular(path).ok()?;
    let mut len = [0u8; 8];
    file.read_exact(&mut len).ok()?;
    let len = u64::from_le_bytes(len);
    if len > MAX_CACHE_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?);
    file.take(len).read_to_end(&mut bytes).ok()?;
    let header = postcard::from_bytes(&bytes).ok()?;
    Some((header, 8 + len))
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

/// Which of the files a manifest lists are there as regular files, each directory of the
/// site read once: the manifest is trusted only while the files it describes exist. A
/// `stat` of every file (the size too) was a tenth of a one-record re-render at 10,000
/// records and would be half a second at 100,000; a directory's entries carry each name and
/// its type, so a deleted page, or a link or directory put in its place, is still seen and
/// made again. (A page edited by hand in place is not: it is replaced when what it is made
/// from changes.) Held as one flag per listed path, not as the names read.
pub(super) struct Present<'m> {
    /// The listed files, in path order (a manifest's order).
    listed: &'m FileList,
    /// Whether the `i`th of them is there.
    found: Vec<bool>,
}

impl<'m> Present<'m> {
    /// Looks for the files of `listed` in `out_dir`. A directory that is a symbolic link
    /// is not read: nothing in it counts as present.
    pub(super) fn list(out_dir: &Path, listed: &'m FileList) -> Present<'m> {
        let mut directories: BTreeSet<&str> = BTreeSet::new();
        for path in listed.paths() {
            directories.insert(path.rsplit_once('/').map_or("", |(dir, _)| dir));
        }
        let found_at: Vec<usize> = directories
            .into_par_iter()
            .flat_map_iter(|dir| found_in(out_dir, dir, listed))
            .collect();
        let mut found = vec![false; listed.len()];
        for index in found_at {
            if let Some(flag) = found.get_mut(index) {
                *flag = true;
            }
        }
        Present { listed, found }
    }

    /// What an earlier [`Present::list`] of `listed` found ([`Present::into_found`]).
    pub(super) fn with_found(listed: &'m FileList, found: Vec<bool>) -> Present<'m> {
        Present { listed, found }
    }

    /// Whether each listed path is there, in the order of the paths.
    pub(super) fn into_found(self) -> Vec<bool> {
        self.found
    }

    /// Where `path` is among the listed paths, when it is there as a regular file.
    pub(super) fn listed(&self, path: &str) -> Option<usize> {
        if !is_safe_site_path(path) {
            return None;
        }
        let index = self.listed.position(path)?;
        (self.found.get(index) == Some(&true)).then_some(index)
    }

    /// Whether every listed file is there (and every listed path is a plain one).
    pub(super) fn all(&self) -> bool {
        self.found.len() == self.listed.len()
            && self.found.iter().all(|found| *found)
            && self.listed.paths().all(is_safe_site_path)
    }
}

/// The indexes in `listed` of the regular files in the site directory `dir`.
fn found_in(out_dir: &Path, dir: &str, listed: &FileList) -> Vec<usize> {
    let at = out_dir.join(dir);
    let is_real = std::fs::symlink_metadata(&at).is_ok_and(|metadata| metadata.is_dir());
    let Some(entries) = is_real.then(|| std::fs::read_dir(&at).ok()).flatten() else {
        return Vec::new();
    };
    // Sorted first (a directory lists its entries in hash order), then walked beside the
    // listed paths, which are in the same order: a binary search of the 132,000 paths for
    // each name was 2 % of a one-record re-render's CPU at 99,999 records.
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort_unstable();
    let mut path = String::new();
    if !dir.is_empty() {
        path.push_str(dir);
        path.push('/');
    }
    let prefix = path.len();
    let mut at = listed.first_from(&path);
    let mut found = Vec::new();
    for name in &names {
        path.truncate(prefix);
        path.push_str(name);
        while listed
            .path_at(at)
            .is_some_and(|listed| listed < path.as_str())
        {
            at += 1;
        }
        if listed.path_at(at) == Some(path.as_str()) {
            found.push(at);
        }
    }
    found
}

/// The first entry of a manifest that does not name a plain place inside the site, with
/// why: `..`, an absolute path, or a path through a symbolic link in the real tree. Each
/// directory is looked at once, so the check costs one `lstat` per directory of the site.
pub(super) fn unsafe_manifest_entry(out_dir: &Path, files: &FileList) -> Option<(String, String)> {
    let mut checked: HashSet<&str> = HashSet::new();
    for path in files.paths() {
        if !is_safe_site_path(path) {
            return Some((path.to_string(), "it is absolute or has `..`".to_string()));
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
                    path.to_string(),
                    format!("it goes through the symbolic link `{dir}`"),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::stamps::FileEntry;
    use super::*;

    #[test]
    fn a_file_entry_reads_back_as_written_and_a_malformed_one_matches_no_file() {
        let entry = FileEntry::of(b"<p>page</p>");
        let hash = super::super::stamps::content_hash(b"<p>page</p>");
        assert_eq!(entry, FileEntry::Made { hash, len: 11 });
        let json = format!(
            r#"{{"version":13,"generator":"adr","inputs":"x","failures":0,"watched":{{}},"files":{{"a.html":"{hash:032x}:11","b.html":"not a hash","c.html":"{hash:032x}:eleven","d.html":"{:031x}:11"}}}}"#,
            hash >> 4
        );
        let manifest: Manifest = serde_json::from_str(&json).unwrap();
        assert_eq!(manifest.files.get("a.html"), Some(&entry));
        for malformed in ["b.html", "c.html", "d.html"] {
            assert_eq!(
                manifest.files.get(malformed),
                Some(&FileEntry::Unreadable),
                "{malformed}"
            );
        }
        let written = serde_json::to_value(&manifest.files).unwrap();
        assert_eq!(written["a.html"], format!("{hash:032x}:11"));
        assert_eq!(written["b.html"], "");
        let again: FileList = serde_json::from_value(written).unwrap();
        assert!(again.iter().eq(manifest.files.iter()));
    }

    #[test]
    fn files_are_found_where_their_names_sort_among_the_paths_of_other_folders() {
        // `-` and `.` sort before `/`, `z` after it: a folder's paths fall between the
        // names of the files beside it, and each file is still matched to its own path.
        let site = tempfile::tempdir().unwrap();
        let names = [
            "assets-x.html",
            "assets.html",
            "assetsz.html",
            "assets/b.js",
            "assets/b/c.js",
            "assets/b-c.js",
            "assets/été.html",
        ];
        std::fs::create_dir_all(site.path().join("assets/b")).unwrap();
        for name in names {
            std::fs::write(site.path().join(name), name).unwrap();
        }
        let listed: FileList = names
            .iter()
            .chain(&["assets/gone.js", "gone.html", "assets/b/gone.js"])
            .map(|path| (path.to_string(), FileEntry::Unreadable))
            .collect();
        let present = Present::list(site.path(), &listed);
        for name in names {
            assert_eq!(present.listed(name), listed.position(name), "{name}");
        }
        for gone in ["assets/gone.js", "gone.html", "assets/b/gone.js"] {
            assert!(present.listed(gone).is_none(), "{gone}");
        }
        assert_eq!(
            present.into_found().iter().filter(|found| **found).count(),
            names.len()
        );
    }

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
        let listed: FileList = [
            "a.html",
            "assets/b.js",
            "c.html",
            "gone.html",
            "linked/d.js",
        ]
        .map(|path| (path.to_string(), FileEntry::Unreadable))
        .into_iter()
        .collect();
        let present = Present::list(site.path(), &listed);
        assert_eq!(present.listed("a.html"), Some(0));
        assert_eq!(present.listed("assets/b.js"), Some(1));
        assert!(present.listed("c.html").is_none(), "a link is not the page");
        assert!(
            present.listed("gone.html").is_none(),
            "a deleted page is made again"
        );
        assert!(
            present.listed("linked/d.js").is_none(),
            "nothing is read through a link"
        );
        assert!(present.listed("../a.html").is_none());
        let files: FileList = ["a.html", "assets/b.js"]
            .map(|path| (path.to_string(), FileEntry::Unreadable))
            .into_iter()
            .collect();
        assert!(Present::list(site.path(), &files).all());
        // A listing taken earlier (while the log is discovered) answers the same.
        let again = Present::with_found(&files, Present::list(site.path(), &files).into_found());
        assert!(
            again.all() && again.listed("a.html").is_some() && again.listed("c.html").is_none()
        );
        assert!(
            !Present::with_found(&files, Vec::new()).all(),
            "a listing that failed finds nothing"
        );
        std::fs::remove_file(site.path().join("assets/b.js")).unwrap();
        assert!(!Present::list(site.path(), &files).all());
    }

    /// A record of the log at `number`, as a load makes it.
    pub(in crate::site::incremental) fn site_record(number: usize) -> SiteRecord {
        let name = format!("{number:04}-record.md");
        // Dated, one in two as written another way: every kind of field a record's facts
        // hold is encoded and decoded (a skipped `None` broke every cached record once).
        let date = match number % 2 {
            0 => "2024-01-02".to_string(),
            _ => "02.01.2024".to_string(),
        };
        let text = format!(
            "---\nstatus: accepted\ndate: {date}\ndecision-makers: [Ann]\n---\n# Record {number}\n\nBody.\n"
        );
        let file = crate::discover::FileName::parse(&name).unwrap();
        let source = crate::source::SourceFile::new(name.clone(), text);
        let record = crate::parse::parse_record(source, name, file).unwrap();
        SiteRecord::from_record(&record, Path::new(""))
    }

    #[test]
    fn a_cache_body_reads_back_across_frames_and_a_damaged_one_reads_as_none() {
        let site = tempfile::tempdir().unwrap();
        // More frames than are decoded at once: the body is read in two batches.
        let count = FRAMES_AT_ONCE * FRAME_ITEMS / 2 + 17;
        let records: Vec<SiteRecord> = (1..=count).map(site_record).collect();
        let mut pages = PageCache::default();
        for n in 0..count {
            pages.records.insert(
                site::PathId::of(&format!("{n:04}-record.html")),
                site::RecordPage {
                    key: n as u128,
                    urls: vec![(format!("{n:04}.md"), site::html::LinkKind::Link)],
                    search: None,
                    diagrams: n == 5,
                    kept: false,
                },
            );
        }
        pages.pages.insert("index.html".to_string(), 42);
        pages.rows = site::rows_seen::example(count + 3);
        let rows = format!("{:?}", pages.rows);
        let header = CacheHeader {
            version: MANIFEST_VERSION,
            settings: 7,
            stamps: Stamps::default(),
            history: None,
        };
        let header = EncodedHeader::new(&header);
        Cache::write(site.path(), header.as_ref(), &CacheBody { records, pages });

        let body = Cache::read(site.path(), 7).body(count);
        let titles: Vec<&str> = body
            .records
            .iter()
            .map(|record| record.title.as_str())
            .collect();
        let expected: Vec<String> = (1..=count).map(|n| format!("Record {n}")).collect();
        assert_eq!(titles, expected);
        // The row hashes in frames of their own, the rest of the rows in the last frame.
        assert_eq!(format!("{:?}", body.pages.rows), rows);
        // The front-matter rows are not cached: a page made again parses them.
        assert!(
            body.records
                .iter()
                .all(|record| record.meta.take().is_none())
        );
        let first = &body.records[0];
        assert_eq!(
            first
                .meta_rows(
                    Path::new(""),
                    "---\ndecision-makers: [Ann]\n---\n# Record 1\n"
                )
                .len(),
            1
        );
        assert_eq!(body.pages.records.len(), count);
        let page = &body.pages.records[&site::PathId::of("2000-record.html")];
        assert_eq!((page.key, page.urls[0].0.as_str()), (2000, "2000.md"));
        assert!(body.pages.records[&site::PathId::of("0005-record.html")].diagrams);
        assert_eq!(body.pages.pages["index.html"], 42);
        assert!(
            Cache::read(site.path(), 8).body(count).records.is_empty(),
            "a cache of other settings is not read"
        );

        // A cache cut short anywhere (an interrupted write, a full disk) is not read at all.
        let path = site.path().join(CACHE_FILE);
        let bytes = std::fs::read(&path).unwrap();
        // Where each frame ends: a cut there leaves whole frames, but not the last.
        let mut frame_ends = Vec::new();
        let header_len = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        let mut at = 8 + header_len;
        while at < bytes.len() {
            let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            at += 4 + len;
            frame_ends.push(at);
        }
        assert!(frame_ends.len() > FRAMES_AT_ONCE);
        let whole_frames = [
            frame_ends[FRAMES_AT_ONCE - 1],
            frame_ends[frame_ends.len() - 2],
        ];
        for cut in [bytes.len() - 1, bytes.len() / 2, 12, 3]
            .into_iter()
            .chain(whole_frames)
        {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let body = Cache::read(site.path(), 7).body(count);
            assert!(body.records.is_empty(), "cut at {cut}");
            assert!(body.pages.records.is_empty(), "cut at {cut}");
        }
    }
}
