//! What a site is made from, as hashes: the one input hasher ([`InputHasher`]), the one
//! way a hash is written down ([`hex`]), each record file's [`RecordStamp`] (size, time and
//! content hash, so an unchanged file need not be read again), the fingerprint of all the
//! inputs a manifest compares, and the hashes of the local files records link to.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::output_dir::{MAX_COPIED_BYTES, read_regular};
use crate::config::Project;
use crate::site::{BuildReport, FastMap, PathId, SiteOptions};

/// The one hasher of the site's inputs and pages (xxh3, 128 bits). Values go in either as
/// length-prefixed fields ([`InputHasher::field`]) or as a self-delimiting encoding
/// written to it ([`InputHasher::part`], postcard), so two inputs never run into each
/// other.
pub struct InputHasher(Xxh3);

impl InputHasher {
    /// An empty hasher.
    pub fn new() -> InputHasher {
        InputHasher(Xxh3::new())
    }

    /// Adds `bytes` after their length.
    pub fn field(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Adds `hashes` after their count, a few at a time: fed as postcard, each went in as a
    /// varint of up to 19 bytes, and the 21 row hashes of every record page's key were half
    /// of deciding that a re-render of 99,999 records keeps a page.
    pub fn hashes(&mut self, hashes: &[u128]) {
        self.0.update(&(hashes.len() as u64).to_le_bytes());
        let mut buffer = [0u8; 256];
        for chunk in hashes.chunks(buffer.len() / 16) {
            for (slot, hash) in buffer.chunks_exact_mut(16).zip(chunk) {
                slot.copy_from_slice(&hash.to_le_bytes());
            }
            self.0
                .update(buffer.get(..chunk.len() * 16).unwrap_or_default());
        }
    }

    /// Adds a serialisable value by its postcard encoding (lengths before contents).
    pub fn part<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Hashed through a buffer: fed to the hasher as written (`postcard::to_io`), a value
        // went in as dozens of updates of a few bytes each (every length and number), and
        // hashing the keys of a re-render of 99,999 records took 0.1 s of its CPU. The bytes
        // hashed are the same.
        let encoded = postcard::serialize_with_flavor(value, Buffered::new(&mut self.0)).is_ok();
        // Should a value not encode, its JSON (which every value here has) still makes the
        // hash depend on all of it.
        if !encoded {
            let _ = serde_json::to_writer(&mut *self, value);
        }
    }

    /// The hash of everything added.
    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

impl Default for InputHasher {
    fn default() -> InputHasher {
        InputHasher::new()
    }
}

/// A postcard output that hashes what is encoded, a buffer at a time.
struct Buffered<'h> {
    hasher: &'h mut Xxh3,
    buffer: [u8; 256],
    len: usize,
}

impl<'h> Buffered<'h> {
    fn new(hasher: &'h mut Xxh3) -> Buffered<'h> {
        Buffered {
            hasher,
            buffer: [0; 256],
            len: 0,
        }
    }

    fn flush(&mut self) {
        self.hasher
            .update(self.buffer.get(..self.len).unwrap_or_default());
        self.len = 0;
    }
}

impl postcard::ser_flavors::Flavor for Buffered<'_> {
    type Output = ();

    fn try_push(&mut self, byte: u8) -> postcard::Result<()> {
        if self.len == self.buffer.len() {
            self.flush();
        }
        if let Some(slot) = self.buffer.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
        Ok(())
    }

    fn try_extend(&mut self, bytes: &[u8]) -> postcard::Result<()> {
        match self.buffer.get_mut(self.len..self.len + bytes.len()) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            None => {
                self.flush();
                self.hasher.update(bytes);
            }
        }
        Ok(())
    }

    fn finalize(mut self) -> postcard::Result<()> {
        self.flush();
        Ok(())
    }
}

/// Raw bytes, for encodings that delimit themselves.
impl std::io::Write for InputHasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The hash of a file's bytes (the same as an [`InputHasher`] given the bytes raw).
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The one way a hash is written down (manifest, stamps): 32 lowercase hex digits.
pub fn hex(hash: u128) -> String {
    Hex(hash).to_string()
}

/// [`hex`] as it is written into a longer string (a manifest entry), without a string of
/// its own.
struct Hex(u128);

impl std::fmt::Display for Hex {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{:032x}", self.0)
    }
}

/// What the manifest says of a file a render made: its content hash and its size, written
/// `hash:size`. Held as numbers: the manifest of a 99,999-record site lists 132,000 files,
/// and as strings their entries were 132,000 allocations that every render parsed (and a
/// first render formatted) and freed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileEntry {
    Made {
        hash: u128,
        len: u64,
    },
    /// An entry that does not read as `hash:size`: it stands for no file's bytes, so the
    /// file is written again, and the rest of the manifest is still used.
    Unreadable,
}

impl FileEntry {
    /// The entry of a file holding `bytes`.
    pub(super) fn of(bytes: &[u8]) -> FileEntry {
        FileEntry::Made {
            hash: content_hash(bytes),
            len: bytes.len() as u64,
        }
    }

    /// `hash:size` read back; [`FileEntry::Unreadable`] when it is not one.
    fn parse(text: &str) -> FileEntry {
        let read = || {
            let (hash, len) = text.split_once(':')?;
            let hex_digits = hash.len() == 32 && hash.bytes().all(|byte| byte.is_ascii_hexdigit());
            let hash = u128::from_str_radix(hash, 16).ok().filter(|_| hex_digits)?;
            let len = len.parse().ok()?;
            Some(FileEntry::Made { hash, len })
        };
        read().unwrap_or(FileEntry::Unreadable)
    }
}

impl Serialize for FileEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FileEntry::Made { hash, len } => {
                serializer.collect_str(&format_args!("{}:{len}", Hex(*hash)))
            }
            FileEntry::Unreadable => serializer.serialize_str(""),
        }
    }
}

impl<'de> Deserialize<'de> for FileEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FileEntry, D::Error> {
        struct Entry;
        impl serde::de::Visitor<'_> for Entry {
            type Value = FileEntry;
            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a file's `hash:size`")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<FileEntry, E> {
                Ok(FileEntry::parse(text))
            }
        }
        deserializer.deserialize_str(Entry)
    }
}

/// A writer that hashes and counts what it passes on, for the [`FileEntry`] of a file that
/// is never held whole.
pub(super) struct Hashed<W> {
    pub(super) out: W,
    pub(super) hasher: InputHasher,
    pub(super) len: usize,
}

impl<W: std::io::Write> std::io::Write for Hashed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        if let Some(passed) = bytes.get(..written) {
            std::io::Write::write_all(&mut self.hasher, passed)?;
        }
        self.len += written;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Each record file's stamp, by the file's path in the log, known by its hash ([`PathId`]):
/// keyed by the path, the stamps of a 99,999-record log were 100,000 more strings, held
/// twice by a render that compares (the last render's stamps and this one's).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Stamps(FastMap<PathId, RecordStamp>);

impl Stamps {
    /// The stamp of the record file at `rel` (in the log, `/`-separated).
    pub(super) fn get(&self, rel: &str) -> Option<&RecordStamp> {
        self.0.get(&PathId::of(rel))
    }
}

/// A record file as it was when last hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct RecordStamp {
    size: u64,
    /// Nanoseconds since the Unix epoch.
    modified: i128,
    pub(super) content: Content,
    /// When the hash was taken (nanoseconds since the epoch).
    hashed_at: i128,
}

/// What a record file held when it was stamped. Kept as a number, not as its hex: at 99,999
/// records the strings were 99,999 more allocations to make, copy and free in every render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Content {
    /// The hash of its bytes.
    Hash(u128),
    /// Why it could not be read.
    Unread(String),
}

impl Content {
    pub(super) fn hash(&self) -> Option<u128> {
        match self {
            Content::Hash(hash) => Some(*hash),
            Content::Unread(_) => None,
        }
    }
}

/// A file changed less than this before it was hashed may change again within the same
/// timestamp tick without its size or time showing it; such a file is always read again.
const RACY_WINDOW_NANOS: i128 = 2_000_000_000;

/// A hash of everything the site is made from: the generator, the options, the override
/// files and the bytes of every record in `records` (the log as discovered: each file's
/// path, or none when it is `log_dir` joined with its path in the log, and that path).
/// Reading the records is the whole cost.
pub(super) fn fingerprint(
    (log_dir, records): (&Path, &[(Option<&Path>, &str)]),
    settings: u128,
    options: &SiteOptions,
    known: &Stamps,
    loaded: Option<(&FastMap<&str, u128>, i128)>,
) -> (String, Stamps) {
    let directory = LogDirectory::open(log_dir);
    let stamps: Vec<(&str, RecordStamp)> = records
        .par_iter()
        .map(|&(path, rel)| {
            let loaded_hash =
                loaded.and_then(|(hashes, at)| hashes.get(rel).map(|hash| (*hash, at)));
            let in_log =
                path.is_none_or(|path| crate::log_path::joined_rest(path, log_dir) == Some(rel));
            let path = path.map_or_else(|| Cow::Owned(log_dir.join(rel)), Cow::Borrowed);
            let size_and_time = directory.size_and_time(&path, in_log.then_some(rel));
            (
                rel,
                stamp(&path, size_and_time, known.get(rel), loaded_hash),
            )
        })
        .collect();
    // In the order of their paths, whichever order the records came in: a first render
    // stamps them as it loaded them, the next as it discovers them.
    let mut contents: Vec<(&str, &Content)> = stamps
        .iter()
        .map(|(rel, stamp)| (*rel, &stamp.content))
        .collect();
    contents.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut hasher = InputHasher::new();
    let mut field = |bytes: &[u8]| hasher.field(bytes);
    field(&settings.to_le_bytes());
    // A commit changes what the pages show even when no record's bytes change.
    for (path, facts) in options.history.iter().flat_map(crate::git::History::files) {
        field(path.as_bytes());
        field(facts.changed_on.as_deref().unwrap_or("").as_bytes());
        field(facts.authors.join("\n").as_bytes());
    }
    for (rel, content) in &contents {
        field(rel.as_bytes());
        match content {
            Content::Hash(hash) => field(&hash.to_le_bytes()),
            Content::Unread(why) => {
                field(b"unread");
                field(why.as_bytes());
            }
        }
    }
    let digest = hex(hasher.finish());
    drop(contents);
    let stamps = stamps
        .into_iter()
        .map(|(rel, stamp)| (PathId::of(rel), stamp))
        .collect();
    (digest, Stamps(stamps))
}

/// A hash of the generator, the options and the override files: what every page is made
/// with, besides the records.
pub(super) fn settings_hash(project: &Project, options: &SiteOptions) -> u128 {
    settings_hash_of_build(BUILD, project, options)
}

/// The version and the hash of the sources of this build (`build.rs`): a site made by
/// another build is made again, also when the version is the same.
const BUILD: (&str, &str) = (env!("CARGO_PKG_VERSION"), env!("ADR_SOURCES"));

/// [`settings_hash`] as the build `(version, sources)` makes it.
fn settings_hash_of_build(
    (version, sources): (&str, &str),
    project: &Project,
    options: &SiteOptions,
) -> u128 {
    let mut hasher = InputHasher::new();
    let mut field = |bytes: &[u8]| hasher.field(bytes);
    field(version.as_bytes());
    field(sources.as_bytes());
    field(options.title.as_bytes());
    field(options.base_url.as_deref().unwrap_or("").as_bytes());
    field(options.build_date.as_deref().unwrap_or("").as_bytes());
    for (name, bytes) in &options.overrides {
        field(name.as_bytes());
        field(bytes);
    }
    for (status, colour) in &options.status_colours {
        field(status.as_bytes());
        field(colour.as_bytes());
    }
    if let Some(repository) = &options.repository {
        field(repository.web_url.as_bytes());
        field(repository.branch.as_bytes());
        field(repository.root.as_os_str().as_encoded_bytes());
    }
    field(crate::log_path::relative_path(&project.root, &project.log_dir).as_bytes());
    hasher.finish()
}

/// The log's directory, opened once, so that each record's size and time are asked of it
/// by the record's name: a `stat` by the whole path looks up every folder on the way again.
/// Over the 99,999 files of `gen.py`'s log, on one core, 0.29-0.32 s by path against
/// 0.16-0.19 s by name (a probe timing both calls in turn, three rounds).
struct LogDirectory {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fd: Option<rustix::fd::OwnedFd>,
}

impl LogDirectory {
    fn open(log_dir: &Path) -> LogDirectory {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            LogDirectory {
                fd: rustix::fs::open(log_dir, flags, Mode::empty()).ok(),
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let _ = log_dir;
            LogDirectory {}
        }
    }

    /// The size and modification time (nanoseconds since the epoch) of the file at `path`,
    /// following a symbolic link as `fs::metadata` does; asked by `rel`, its name in the log,
    /// when `path` is the log's directory joined with it.
    fn size_and_time(&self, path: &Path, rel: Option<&str>) -> Option<(u64, i128)> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let (Some(fd), Some(rel)) = (&self.fd, rel) {
            let stat = rustix::fs::statat(fd, rel, rustix::fs::AtFlags::empty()).ok()?;
            // The nanoseconds are never negative: a time before 1970 is its whole seconds
            // (negative) plus them, which is what `SystemTime` makes of it too.
            let modified =
                i128::from(stat.st_mtime) * 1_000_000_000 + i128::from(stat.st_mtime_nsec);
            return Some((u64::try_from(stat.st_size).ok()?, modified));
        }
        let _ = rel;
        let metadata = std::fs::metadata(path).ok()?;
        Some((
            metadata.len(),
            metadata.modified().map(nanos_since_epoch).unwrap_or(0),
        ))
    }
}

/// A record file's stamp, given its `size_and_time` (none when it could not be asked): the
/// known one when its size and time are unchanged and it had not just been modified when it
/// was hashed; otherwise the file is read and hashed.
fn stamp(
    path: &Path,
    size_and_time: Option<(u64, i128)>,
    known: Option<&RecordStamp>,
    loaded_hash: Option<(u128, i128)>,
) -> RecordStamp {
    let now = nanos_since_epoch(std::time::SystemTime::now());
    let Some((size, modified)) = size_and_time else {
        return RecordStamp {
            size: 0,
            modified: 0,
            content: Content::Unread("unreadable".to_string()),
            hashed_at: now,
        };
    };
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
            content: Content::Hash(hash),
            hashed_at: loaded_at,
        };
    }
    // Read as the load reads records: a FIFO or `/dev/zero` named like one is refused,
    // never waited on or hashed without end.
    let content = match crate::fs::read_checked(path, None, crate::parse::MAX_RECORD_BYTES) {
        Ok(bytes) => Content::Hash(content_hash(&bytes)),
        Err(crate::fs::ReadError::Io(error)) => {
            Content::Unread(format!("unreadable: {}", error.kind()))
        }
        Err(error) => Content::Unread(format!("refused: {error}")),
    };
    RecordStamp {
        size,
        modified,
        content,
        hashed_at: now,
    }
}

pub(super) fn nanos_since_epoch(time: std::time::SystemTime) -> i128 {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

pub(super) fn watched_unchanged(
    project: &Project,
    watched: &BTreeMap<String, Option<String>>,
) -> bool {
    watched.iter().all(|(path, hash)| {
        let path = project.root.join(path);
        match hash.as_deref() {
            None => !path.exists(),
            Some(PRESENT) => path.exists(),
            Some(hash) => read_regular(&path, MAX_COPIED_BYTES)
                .is_ok_and(|bytes| hex(content_hash(&bytes)) == hash),
        }
    })
}

/// What the manifest's `watched` holds for a file or folder linked in the repository: the
/// page shows only that it is there, not what it holds.
const PRESENT: &str = "present";

pub(super) fn watched_files(
    project: &Project,
    report: &BuildReport,
) -> BTreeMap<String, Option<String>> {
    let relative = |path: &Path| crate::log_path::relative_path(&project.root, path);
    report
        .copied
        .values()
        .map(|source| {
            let hash = read_regular(source, MAX_COPIED_BYTES)
                .ok()
                .map(|bytes| hex(content_hash(&bytes)));
            (relative(source), hash)
        })
        .chain(report.inlined.iter().map(|source| {
            let hash = read_regular(source, MAX_COPIED_BYTES)
                .ok()
                .map(|bytes| hex(content_hash(&bytes)));
            (relative(source), hash)
        }))
        .chain(report.missing.iter().map(|path| (relative(path), None)))
        .chain(
            report
                .in_repository
                .iter()
                .map(|path| (relative(path), Some(PRESENT.to_string()))),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::InputHasher;

    /// Two builds of one version make different settings: a site one made is made again by
    /// the other (the sources' hash is `build.rs`'s).
    #[test]
    fn the_settings_name_the_build_and_its_sources() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("docs/adr")).unwrap();
        let project = crate::config::Project::locate(dir.path(), None).unwrap();
        let options = crate::site::SiteOptions::default();
        let of = |build| super::settings_hash_of_build(build, &project, &options);
        assert_eq!(of(("0.1.0", "a")), of(("0.1.0", "a")));
        assert_ne!(of(("0.1.0", "a")), of(("0.1.0", "b")));
        assert_ne!(of(("0.1.0", "a")), of(("0.1.1", "a")));
        assert_eq!(super::settings_hash(&project, &options), of(super::BUILD));
        let sources = super::BUILD.1;
        assert!(
            sources.len() == 16 && sources.bytes().all(|byte| byte.is_ascii_hexdigit()),
            "{sources}"
        );
    }

    /// A record's size and time asked of the log's directory by its name are what
    /// `fs::metadata` gives by its whole path: in a folder, through a link, with a time before
    /// 1970, and none for a file that is not there.
    #[test]
    fn size_and_time_by_name_are_those_by_path() {
        let log = tempfile::tempdir().unwrap();
        let log_dir = log.path();
        std::fs::create_dir(log_dir.join("sub")).unwrap();
        std::fs::write(log_dir.join("0001-a.md"), "# A\n").unwrap();
        std::fs::write(log_dir.join("sub/0002-b.md"), "# B, a longer one\n").unwrap();
        let old = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(log_dir.join("0003-old.md"))
            .unwrap();
        let before_1970 = std::time::UNIX_EPOCH - std::time::Duration::from_millis(1_500);
        old.set_modified(before_1970).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("0001-a.md", log_dir.join("0004-link.md")).unwrap();
        let directory = super::LogDirectory::open(log_dir);
        for rel in [
            "0001-a.md",
            "sub/0002-b.md",
            "0003-old.md",
            "0004-link.md",
            "0005-gone.md",
        ] {
            let path = log_dir.join(rel);
            let by_path = directory.size_and_time(&path, None);
            assert_eq!(directory.size_and_time(&path, Some(rel)), by_path, "{rel}");
            let expected = std::fs::metadata(&path)
                .ok()
                .map(|metadata| (metadata.len(), metadata.modified().unwrap()));
            assert_eq!(
                by_path.map(|(size, _)| size),
                expected.map(|(size, _)| size),
                "{rel}"
            );
        }
        let old_time = directory.size_and_time(&log_dir.join("0003-old.md"), Some("0003-old.md"));
        assert_eq!(old_time, Some((0, -1_500_000_000)));
    }

    /// A value is hashed as its postcard encoding, whatever its size against the buffer:
    /// small values, one whose strings cross the buffer's end, and one far larger.
    #[test]
    fn a_part_hashes_its_encoding() {
        fn check<T: serde::Serialize>(value: &T) {
            let mut hasher = InputHasher::new();
            hasher.part(value);
            let encoded = postcard::to_stdvec(value).unwrap();
            let mut raw = InputHasher::new();
            std::io::Write::write_all(&mut raw, &encoded).unwrap();
            assert_eq!(hasher.finish(), raw.finish(), "{} bytes", encoded.len());
        }
        let long = "x".repeat(300);
        check(&7u128);
        check(&(vec![u128::MAX; 21], "0001-a.md", 3usize));
        check(&("a".repeat(200), long.clone(), vec![long; 40]));
    }
}
