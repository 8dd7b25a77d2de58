//! The text of the records [`super::lint`] has checked. Lint lets a record's text go once the
//! per-record rules have run on it, keeping a hash: at 10,000 records the text alone would
//! be most of the memory the run may use. The report (snippets, `--fix`) and suppression
//! get the texts they need read again, refused when the file no longer holds the bytes the record was
//! parsed from. Which rules run is the linter's business, not this module's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::source::SourceFile;

#[derive(Debug, Default)]
pub(crate) struct Texts {
    /// xxh3 of each record's text, to prove a second read found the same bytes.
    hashes: Mutex<HashMap<PathBuf, u128>>,
    /// Texts read again and kept, since what a rule reads is mostly what a finding shows.
    loaded: Mutex<HashMap<PathBuf, Arc<SourceFile>>>,
    /// The first text that could not be read again; the run fails with it.
    error: Mutex<Option<Error>>,
}

/// A poisoned lock only means that a rule panicked on another thread; the map is whole.
pub(super) fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Texts {
    /// Lets a record's text go, remembering which bytes it had.
    pub(crate) fn release(&self, source: SourceFile) {
        let hash = xxhash_rust::xxh3::xxh3_128(source.text.as_bytes());
        locked(&self.hashes).insert(source.path, hash);
    }

    /// A record's text, read again (once) and kept. `None` for a path that is not a record
    /// of the log, or when the file changed or cannot be read (the run then fails).
    pub(crate) fn get(&self, path: &Path) -> Option<Arc<SourceFile>> {
        if let Some(source) = locked(&self.loaded).get(path) {
            return Some(Arc::clone(source));
        }
        let source = Arc::new(self.read_again(path)?);
        locked(&self.loaded).insert(path.to_path_buf(), Arc::clone(&source));
        Some(source)
    }

    fn read_again(&self, path: &Path) -> Option<SourceFile> {
        let expected = *locked(&self.hashes).get(path)?;
        match crate::fs::read_again(path, expected, "adr lint") {
            Ok(text) => Some(SourceFile::new(path, text)),
            Err(error) => {
                self.fail(error);
                None
            }
        }
    }

    fn fail(&self, error: Error) {
        locked(&self.error).get_or_insert(error);
    }

    /// The first failure to read a text again, if any.
    pub(crate) fn take_error(&self) -> Option<Error> {
        locked(&self.error).take()
    }

    /// The texts of `paths` (paths of no record are left out), read in parallel; the
    /// others are let go.
    pub(crate) fn into_sources(self, paths: Vec<&Path>) -> Result<Vec<SourceFile>> {
        let wanted: Vec<Arc<SourceFile>> = paths
            .into_par_iter()
            .filter_map(|path| self.get(path))
            .collect();
        if let Some(error) = self.take_error() {
            return Err(error);
        }
        // Dropped first, so each wanted text has one owner left and is moved, not copied.
        drop(self);
        Ok(wanted.into_iter().map(Arc::unwrap_or_clone).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_read_again_only_while_the_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        std::fs::write(&path, "# A\n").unwrap();
        let texts = Texts::default();
        texts.release(SourceFile::new(&path, "# A\n".to_string()));

        assert_eq!(texts.get(&path).unwrap().text, "# A\n");
        assert!(
            texts
                .get(&dir.path().join("0002-not-a-record.md"))
                .is_none()
        );
        assert!(texts.take_error().is_none());

        let other = dir.path().join("0003-b.md");
        std::fs::write(&other, "# B\n").unwrap();
        texts.release(SourceFile::new(&other, "# B\n".to_string()));
        std::fs::write(&other, "# B, changed\n").unwrap();
        assert!(texts.get(&other).is_none());
        let error = texts.take_error().unwrap();
        assert!(error.to_string().contains("changed"), "{error}");
    }

    #[test]
    fn a_text_read_again_is_kept_and_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        std::fs::write(&path, "# A\n").unwrap();
        let texts = Texts::default();
        texts.release(SourceFile::new(&path, "# A\n".to_string()));

        assert_eq!(texts.get(&path).unwrap().text, "# A\n");
        // Kept: a change on the disk no longer matters to this run.
        std::fs::write(&path, "# A, changed\n").unwrap();
        let sources = texts.into_sources(vec![path.as_path()]).unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].text, "# A\n");
    }
}
