//! Every read of a user's file and every write `adr` makes goes through here.
//!
//! Reading ([`read_checked`], [`read_text_checked`]) refuses what is not a regular file
//! (a FIFO would block forever, `/dev/zero` never ends), applies a size cap before and
//! while reading, and does not follow a symbolic link out of the project.
//!
//! Replacing a file is a temporary file in the same directory, flushed to disk, then
//! renamed over the old one: an interrupted command leaves the old bytes or the new ones,
//! never a half-written file. A rewrite of text read earlier ([`replace_if_unchanged`])
//! first checks that the file still holds what was read, and writes through a symbolic
//! link to its target inside the project instead of replacing the link.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The most any file `adr` reads as text may hold (a record, `.adr.toml`, a template, the
/// index): no such file is 8 MiB, and reading a larger one would cost every run its memory.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Why [`read_checked`] did not return a file's bytes. Its `Display` is the reason alone,
/// to follow the file's path (`docs/adr/0002-x.md: is a named pipe (FIFO), …`).
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, a device, a socket or a directory: reading it could block forever or never end.
    NotRegular {
        kind: &'static str,
    },
    /// Over the cap: `bytes` is the size the file reported, `None` when it grew past the
    /// cap while it was read.
    TooLarge {
        bytes: Option<u64>,
        cap: u64,
    },
    /// A symbolic link (the file or a folder on its path) leading out of the project.
    Outside {
        target: PathBuf,
        within: PathBuf,
    },
    /// Not UTF-8 ([`read_text_checked`] only): the offset of the first bad byte, and its line.
    NotUtf8 {
        offset: usize,
        line: usize,
    },
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular { kind } => write!(
                f,
                "the file is a {kind}, not a regular file: adr reads only regular files; replace or remove it"
            ),
            ReadError::TooLarge { bytes, cap } => write!(f, "{}", size_message(*bytes, *cap)),
            ReadError::Outside { target, within } => write!(
                f,
                "is a symbolic link to `{}`, outside the project `{}`: copy the file into the project",
                target.display(),
                within.display()
            ),
            ReadError::NotUtf8 { offset, .. } => write!(
                f,
                "the file is not UTF-8 (invalid byte at offset {offset}): convert it to UTF-8"
            ),
            ReadError::Io(error) => write!(f, "cannot read the file: {error}"),
        }
    }
}

impl ReadError {
    /// True when the file does not exist (a caller may treat that as "not created yet").
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(error) if error.kind() == io::ErrorKind::NotFound)
    }

    /// The error that stops a command, naming `path` (as the user should read it): an I/O
    /// error keeps its cause (`cannot read the template `x``), a refusal says why.
    pub fn into_error(self, action: &'static str, path: &Path) -> Error {
        match self {
            ReadError::Io(source) => Error::io(action, path, source),
            ReadError::NotUtf8 { line, .. } => Error::record(path, Some(line), self.to_string()),
            other => Error::record(path, None, other.to_string()),
        }
    }
}

/// "the file is 8.6 MiB, over the 8 MiB limit": the size with one decimal, rounded up so a
/// file a byte over the limit never reads as being at it.
pub fn size_message(bytes: Option<u64>, cap: u64) -> String {
    let limit = mebibytes(cap, false);
    match bytes {
        Some(bytes) => format!(
            "the file is {} MiB, over the {limit} MiB limit",
            mebibytes(bytes, true)
        ),
        None => format!("the file grew past the {limit} MiB limit while it was read"),
    }
}

/// `bytes` in MiB: whole when exact (`8`), else with one decimal (`8.6`), rounded up when
/// `round_up` (a size over a limit) and to nearest otherwise.
fn mebibytes(bytes: u64, round_up: bool) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        return (bytes / MIB).to_string();
    }
    let tenths = if round_up {
        (u128::from(bytes) * 10).div_ceil(u128::from(MIB))
    } else {
        (u128::from(bytes) * 10 + u128::from(MIB / 2)) / u128::from(MIB)
    };
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Reads a user's file (a record, `.adr.toml`, `.adr-dir`, a template, the index) the one
/// way `adr` reads them:
/// - refuses what is not a regular file, without blocking: the file is opened with
///   `O_NONBLOCK`, so a FIFO opens at once, and its type is checked on the open handle;
/// - refuses a file over `cap` bytes by its size before reading, and reads at most
///   `cap + 1` bytes, so a file that grows (or lies about its size) is refused all the same;
/// - with `within`, resolves symbolic links (the file's and its folders') and refuses a
///   file whose real path is outside `within` (the project: [`crate::config::Project::boundary`]).
///   `None` is for callers whose walk already checked where links lead (the log's
///   discovery keeps records inside the log directory), saving a `realpath` per record.
pub fn read_checked(path: &Path, within: Option<&Path>, cap: u64) -> Result<Vec<u8>, ReadError> {
    let real_path;
    let path = match within {
        Some(within) => {
            real_path = fs::canonicalize(path).map_err(ReadError::Io)?;
            let within = fs::canonicalize(within).unwrap_or_else(|_| within.to_path_buf());
            if !real_path.starts_with(&within) {
                return Err(ReadError::Outside {
                    target: real_path,
                    within,
                });
            }
            // Opened by its real path: a link swapped after the check changes nothing.
            real_path.as_path()
        }
        None => path,
    };
    let file = open_without_blocking(path).map_err(|error| match fs::metadata(path) {
        // Opening a socket fails (ENXIO): say what it is rather than the errno.
        Ok(metadata) if !metadata.is_file() => ReadError::NotRegular {
            kind: kind_of(&metadata.file_type()),
        },
        _ => ReadError::Io(error),
    })?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            kind: kind_of(&metadata.file_type()),
        });
    }
    if metadata.len() > cap {
        return Err(ReadError::TooLarge {
            bytes: Some(metadata.len()),
            cap,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0) + 1);
    (&file)
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { bytes: None, cap });
    }
    Ok(bytes)
}

/// [`read_checked`], then UTF-8: text that is not is [`ReadError::NotUtf8`] with the line
/// of the first bad byte.
pub fn read_text_checked(
    path: &Path,
    within: Option<&Path>,
    cap: u64,
) -> Result<String, ReadError> {
    let bytes = read_checked(path, within, cap)?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let line = error
            .as_bytes()
            .get(..offset)
            .map_or(0, |valid| memchr::memchr_iter(b'\n', valid).count())
            + 1;
        ReadError::NotUtf8 { offset, line }
    })
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, forever. It
    // changes nothing for the regular files that are then read.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

/// What a file that is not a regular file is, for messages.
fn kind_of(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "character device";
        }
        if file_type.is_block_device() {
            return "block device";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// Replace (or create) `path` with `contents` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, |out| out.write_all(contents), true, None)
}

/// Rewrites `path`, which the command read as `original`, with `contents`: the one way a
/// command writes back an edit of text it read (`status`, `new --supersedes`, `lint --fix`,
/// `migrate --write`, `renumber --write`, `index`).
///
/// - Right before the atomic rename, the file on disk must still hold `original`; when
///   it does not (someone saved the record while the command ran), nothing is written and
///   the error says "`path` changed since it was read; run the command again".
/// - When `path` is a symbolic link, the write goes to the file it points to, provided
///   that is a regular file inside `within` (the project); otherwise the write is refused.
///   The link is never replaced by a regular file.
pub fn replace_if_unchanged(
    path: &Path,
    original: &[u8],
    contents: &[u8],
    within: &Path,
) -> Result<()> {
    let target = write_target(path, within)?;
    replace(
        &target,
        |out| out.write_all(contents),
        true,
        Some((path, original)),
    )
}

/// Creates `path` with `contents` for a command that found no file there (`adr index`
/// making the index): if one appeared meanwhile, nothing is written and the error is the
/// one of [`replace_if_unchanged`].
pub fn create_if_absent(path: &Path, contents: &[u8]) -> Result<()> {
    create_new(path, contents).map_err(|source| {
        if source.kind() == io::ErrorKind::AlreadyExists {
            Error::Changed {
                path: path.to_path_buf(),
            }
        } else {
            Error::io("create", path, source)
        }
    })
}

/// Where a write to `path` lands: `path` itself, or, when it is a symbolic link, the real
/// path of its target, provided that is a regular file inside `within`. A link leading out
/// of the project (or dangling, or to something not a file) is refused, so a write never
/// lands outside the project nor turns a link into a copy.
pub fn write_target(path: &Path, within: &Path) -> Result<PathBuf> {
    let is_link =
        fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    let refuse = |why: String| {
        Error::record(
            path,
            None,
            format!(
                "{why}: adr writes through a symbolic link only to a regular file inside the project `{}`; replace the link with the file",
                within.display()
            ),
        )
    };
    let target = fs::canonicalize(path).map_err(|error| {
        refuse(format!(
            "is a symbolic link that cannot be followed ({error})"
        ))
    })?;
    let within = fs::canonicalize(within).unwrap_or_else(|_| within.to_path_buf());
    if !target.starts_with(&within) {
        return Err(refuse(format!(
            "is a symbolic link to `{}`, outside the project",
            target.display()
        )));
    }
    if !fs::metadata(&target).is_ok_and(|metadata| metadata.is_file()) {
        return Err(refuse(format!(
            "is a symbolic link to `{}`, which is not a regular file",
            target.display()
        )));
    }
    Ok(target)
}

/// Whether `path` holds exactly `expected`, read through [`read_checked`] (so a FIFO or a
/// file grown huge is "changed", never a hang). For a command that changes several files
/// together (`renumber --write`) to check them all before writing any.
pub fn still_holds(path: &Path, expected: &[u8]) -> bool {
    read_checked(path, None, expected.len() as u64).is_ok_and(|bytes| bytes == expected)
}

/// [`write_atomic`] without the flush to disk, and with default permissions rather than the
/// old file's: other processes still see the old bytes or the new ones, never a mix, and an
/// interrupted command leaves no partial file, but a power cut may lose the new bytes. For
/// regenerable output written by the thousand (`adr render` pages), where an fsync and a
/// chmod per file would cost more than the whole render.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, |out| out.write_all(contents), false, None)
}

/// [`write_atomic_unsynced`] for contents written piece by piece through a buffer, so a
/// large file (the render cache) never has to be held in memory whole.
pub fn write_atomic_unsynced_with(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    replace(
        path,
        |file| {
            let mut out = io::BufWriter::with_capacity(64 * 1024, file);
            contents(&mut out)?;
            out.flush()
        },
        false,
        None,
    )
}

/// [`write_atomic_unsynced_with`] whose rename waits for what `contents` returned:
/// `replace` decides, once the temporary file is written whole, whether it goes over
/// `path` or is removed and `path` left as it was (a site's page that came out the same
/// keeps its file and time). Returns what `contents` returned and whether `path` was
/// replaced. Streamed: a large page (the relations page of a 99,999-record log is 39 MB)
/// is never held in memory to compare it first.
pub fn write_atomic_unsynced_if<T>(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<T>,
    replace: impl FnOnce(&T) -> bool,
) -> Result<(T, bool)> {
    let parent = parent_dir(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".adr-tmp-");
    if let Some(permissions) = default_permissions() {
        builder.permissions(permissions);
    }
    let mut temp = builder
        .tempfile_in(parent)
        .map_err(|source| Error::io("create a temporary file in", parent, source))?;
    let written = {
        let mut out = io::BufWriter::with_capacity(64 * 1024, temp.as_file_mut());
        contents(&mut out).and_then(|written| out.flush().map(|()| written))
    }
    .map_err(|source| Error::io("write", temp.path(), source))?;
    if !replace(&written) {
        // The temporary file is deleted when `temp` is dropped.
        return Ok((written, false));
    }
    temp.persist(path)
        .map_err(|error| Error::io("replace", path, error.error))?;
    Ok((written, true))
}

/// Writes a temporary file beside `path` and renames it over `path`. With `expected`
/// (the path the user named, and the bytes the command read), the rename happens only if
/// `path` still holds those bytes, checked after everything else is done, so the window in
/// which another writer's save could be lost is a read and a rename.
fn replace(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    sync: bool,
    expected: Option<(&Path, &[u8])>,
) -> Result<()> {
    let parent = parent_dir(path);
    if sync {
        remove_abandoned_temporaries(parent);
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".adr-tmp-");
    if !sync && let Some(permissions) = default_permissions() {
        // Created with the final mode: generated files need no chmod afterwards.
        builder.permissions(permissions);
    }
    let mut temp = builder
        .tempfile_in(parent)
        .map_err(|source| Error::io("create a temporary file in", parent, source))?;
    contents(temp.as_file_mut())
        .and_then(|()| {
            if sync {
                temp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(|source| Error::io("write", temp.path(), source))?;
    if sync {
        // tempfile creates files 0600; without this a README silently becomes private.
        let permissions = match fs::metadata(path) {
            Ok(metadata) => Some(metadata.permissions()),
            Err(_) => default_permissions(),
        };
        if let Some(permissions) = permissions {
            fs::set_permissions(temp.path(), permissions)
                .map_err(|source| Error::io("set permissions on", temp.path(), source))?;
        }
    }
    if let Some((named, original)) = expected
        && !still_holds(path, original)
    {
        // The temporary file is deleted when `temp` is dropped.
        return Err(Error::Changed {
            path: named.to_path_buf(),
        });
    }
    temp.persist(path)
        .map_err(|error| Error::io("replace", path, error.error))?;
    Ok(())
}

/// A temporary file this old was left by a command that was killed before its rename; one
/// still being written is milliseconds old.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Deletes the temporary files that killed commands left in `dir` (a SIGKILL or a power cut
/// between write and rename), once per directory per process: they are hidden, and every
/// reader skips them, but nothing else would ever remove them.
fn remove_abandoned_temporaries(dir: &Path) {
    static SWEPT: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<PathBuf>>> =
        std::sync::OnceLock::new();
    let first_time = SWEPT
        .get_or_init(Default::default)
        .lock()
        .is_ok_and(|mut swept| swept.insert(dir.to_path_buf()));
    if !first_time {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let is_temporary = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(".adr-tmp-"));
        if !is_temporary {
            continue;
        }
        let abandoned = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|metadata| metadata.modified().ok())
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > ABANDONED_AFTER);
        if abandoned {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Reads a file again that a command read before and let go of (to keep memory flat), with
/// the xxh3 of the bytes it had then: the same text, or an error saying the file changed
/// while `command` ran.
pub fn read_again(path: &Path, expected_hash: u128, command: &str) -> Result<String> {
    // The record was read (and its links checked) by the load; this is the same file.
    let text = read_text_checked(path, None, MAX_TEXT_BYTES)
        .map_err(|error| error.into_error("read", path))?;
    if xxhash_rust::xxh3::xxh3_128(text.as_bytes()) != expected_hash {
        return Err(Error::record(
            path,
            None,
            format!("the file changed while `{command}` was running: run `{command}` again"),
        ));
    }
    Ok(text)
}

/// Write only when the bytes differ, so unchanged files keep their mtime.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
    if still_holds(path, contents) {
        return Ok(false);
    }
    write_atomic(path, contents).map(|()| true)
}

/// Create `path` with `contents`, failing with `AlreadyExists` if anything is there.
/// The content is complete before the name appears, so readers never see a partial record.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let parent = parent_dir(path);
    remove_abandoned_temporaries(parent);
    let mut temp = tempfile::Builder::new()
        .prefix(".adr-tmp-")
        .tempfile_in(parent)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    if let Some(permissions) = default_permissions() {
        fs::set_permissions(temp.path(), permissions)?;
    }
    temp.persist_noclobber(path).map_err(|error| error.error)?;
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // 0666 less the process umask, as `File::create` would give.
    Some(fs::Permissions::from_mode(0o666 & !current_umask()))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

/// The process umask (read once), for files and directories made other than by `File::create`.
#[cfg(unix)]
pub fn umask() -> u32 {
    current_umask()
}

#[cfg(unix)]
fn current_umask() -> u32 {
    // Read once: `adr render` creates thousands of files.
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        // std cannot read the umask without changing it; /proc has it on Linux. Elsewhere 022.
        fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find_map(|line| line.strip_prefix("Umask:"))
                    .and_then(|value| u32::from_str_radix(value.trim(), 8).ok())
            })
            .unwrap_or(0o022)
    })
}

/// Hold an exclusive advisory lock on a directory for the life of the guard, so that
/// concurrent `adr new` runs pick distinct numbers. Where directories cannot be locked
/// (not Unix), the guard is empty and `create_new` alone guards against clobbering.
pub struct DirLock {
    _file: Option<fs::File>,
}

impl DirLock {
    pub fn acquire(dir: &Path) -> DirLock {
        let file = fs::File::open(dir).ok().filter(|file| file.lock().is_ok());
        DirLock { _file: file }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        create_new(&path, b"first").unwrap();
        let error = create_new(&path, b"second").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("README.md");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        assert!(!write_if_changed(&path, b"new").unwrap());
    }

    // Issue #13: a 9 MB record was said to be "8 MiB, over the 8 MiB limit".
    #[test]
    fn issue_13_size_message_gives_the_real_size() {
        assert_eq!(
            size_message(Some(9_000_000), MAX_TEXT_BYTES),
            "the file is 8.6 MiB, over the 8 MiB limit"
        );
        assert_eq!(
            size_message(Some(MAX_TEXT_BYTES + 1), MAX_TEXT_BYTES),
            "the file is 8.1 MiB, over the 8 MiB limit"
        );
        assert_eq!(
            size_message(Some(100 * 1024 * 1024), MAX_TEXT_BYTES),
            "the file is 100 MiB, over the 8 MiB limit"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        fs::File::create(&path).unwrap().set_len(9_000_000).unwrap();
        let error = read_checked(&path, None, MAX_TEXT_BYTES).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file is 8.6 MiB, over the 8 MiB limit"
        );
    }

    // Issue #13: a FIFO named like a record made every command wait forever.
    #[cfg(unix)]
    #[test]
    fn issue_13_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0002-fifo.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        let error = read_checked(&path, None, MAX_TEXT_BYTES).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file is a named pipe (FIFO), not a regular file: adr reads only regular files; replace or remove it"
        );
    }

    // Issue #13: `/dev/zero` (as a record's link target, `template` or `index.file`) was
    // read without bound.
    #[cfg(unix)]
    #[test]
    fn issue_13_devices_are_refused_unread() {
        let error = read_checked(Path::new("/dev/zero"), None, MAX_TEXT_BYTES).unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::NotRegular {
                    kind: "character device"
                }
            ),
            "{error}"
        );
        let dir = tempfile::tempdir().unwrap();
        let error = read_checked(dir.path(), None, MAX_TEXT_BYTES).unwrap_err();
        assert!(matches!(error, ReadError::NotRegular { kind: "directory" }));
    }

    #[test]
    fn reads_stop_at_the_cap_even_when_the_size_lies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        fs::write(&path, "12345").unwrap();
        assert_eq!(read_checked(&path, None, 5).unwrap(), b"12345");
        assert!(matches!(
            read_checked(&path, None, 4),
            Err(ReadError::TooLarge {
                bytes: Some(5),
                cap: 4
            })
        ));
        let error = read_text_checked(&path, None, 5).map(|_| ());
        assert!(error.is_ok());
        fs::write(&path, b"ok\n\xff").unwrap();
        assert!(matches!(
            read_text_checked(&path, None, 5),
            Err(ReadError::NotUtf8 { offset: 3, line: 2 })
        ));
    }

    // Issue #13: a symbolic link could make adr read any file on the machine.
    #[cfg(unix)]
    #[test]
    fn issue_13_reads_do_not_follow_links_out_of_the_project() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        fs::write(&secret, "secret").unwrap();
        let project = tempfile::tempdir().unwrap();
        let inside = project.path().join("notes.md");
        fs::write(&inside, "notes").unwrap();
        std::os::unix::fs::symlink(&secret, project.path().join("out.md")).unwrap();
        std::os::unix::fs::symlink("notes.md", project.path().join("in.md")).unwrap();
        let error = read_checked(
            &project.path().join("out.md"),
            Some(project.path()),
            MAX_TEXT_BYTES,
        )
        .unwrap_err();
        assert!(matches!(error, ReadError::Outside { .. }), "{error}");
        assert_eq!(
            read_checked(&project.path().join("in.md"), Some(project.path()), 100).unwrap(),
            b"notes"
        );
    }

    // Issue #13: an edit saved while `adr status` (and every other rewrite) ran was lost.
    #[test]
    fn issue_13_replace_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        fs::write(&path, "status: proposed\n").unwrap();
        let original = fs::read(&path).unwrap();
        // Someone saves the record between the command's read and its write.
        fs::write(&path, "status: proposed\nsaved by someone\n").unwrap();
        let error =
            replace_if_unchanged(&path, &original, b"status: accepted\n", dir.path()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{} changed since it was read; run the command again",
                path.display()
            )
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "status: proposed\nsaved by someone\n"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temporary file is removed");

        let original = fs::read(&path).unwrap();
        replace_if_unchanged(&path, &original, b"status: accepted\n", dir.path()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "status: accepted\n");
    }

    // Issue #13: `adr index` and `adr status` replaced a symlinked file with a regular one.
    #[cfg(unix)]
    #[test]
    fn issue_13_replace_writes_through_a_link_inside_the_project() {
        let project = tempfile::tempdir().unwrap();
        fs::create_dir(project.path().join("docs")).unwrap();
        let target = project.path().join("NOTES.md");
        fs::write(&target, "old").unwrap();
        let link = project.path().join("docs/README.md");
        std::os::unix::fs::symlink("../NOTES.md", &link).unwrap();
        replace_if_unchanged(&link, b"old", b"new", project.path()).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn issue_13_replace_refuses_a_link_out_of_the_project() {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("bashrc");
        fs::write(&target, "old").unwrap();
        let project = tempfile::tempdir().unwrap();
        let link = project.path().join("README.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let error = replace_if_unchanged(&link, b"old", b"new", project.path()).unwrap_err();
        assert!(error.to_string().contains("outside the project"), "{error}");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
    }
}
