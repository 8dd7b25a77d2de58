//! Every write `adr` makes goes through here. Replacing a file is a temporary file in the
//! same directory, flushed to disk, then renamed over the old one: an interrupted command
//! leaves the old bytes or the new ones, never a half-written file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Replace (or create) `path` with `contents` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, |out| out.write_all(contents), true)
}

/// [`write_atomic`] without the flush to disk, and with default permissions rather than the
/// old file's: other processes still see the old bytes or the new ones, never a mix, and an
/// interrupted command leaves no partial file, but a power cut may lose the new bytes. For
/// regenerable output written by the thousand (`adr render` pages), where an fsync and a
/// chmod per file would cost more than the whole render.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, |out| out.write_all(contents), false)
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
    )
}

fn replace(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    sync: bool,
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
    let text = fs::read_to_string(path).map_err(|source| Error::io("read", path, source))?;
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
    match fs::read(path) {
        Ok(existing) if existing == contents => Ok(false),
        _ => write_atomic(path, contents).map(|()| true),
    }
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
}
