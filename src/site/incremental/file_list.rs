//! The files of a site as its manifest lists them: each path in the site with its
//! [`FileEntry`], in path order. A site of 99,999 records has 132,000 files; as a
//! `BTreeMap<String, FileEntry>` they were 21 MiB (a string each, and the tree's nodes), held
//! twice by a render into a site in use (the last render's files and this one's). Here the
//! paths are one string, with where each ends, and the entries one list beside them; a
//! list of positions gives the path order, so nothing is moved or copied to sort it.

use std::cmp::Ordering;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::stamps::FileEntry;

/// Paths with their entries, in the order they were added.
#[derive(Debug, Default)]
pub(super) struct FileListBuilder {
    /// Every path, one after the other.
    paths: String,
    /// Where each path ends in `paths`.
    ends: Vec<usize>,
    entries: Vec<FileEntry>,
}

impl FileListBuilder {
    pub(super) fn push(&mut self, path: &str, entry: FileEntry) {
        self.paths.push_str(path);
        self.ends.push(self.paths.len());
        self.entries.push(entry);
    }

    /// The list in path order; of a path added more than once, the entry added last.
    pub(super) fn finish(self) -> FileList {
        let FileListBuilder {
            paths,
            ends,
            entries,
        } = self;
        let mut list = FileList {
            paths,
            ends,
            entries,
            order: Vec::new(),
        };
        let mut order: Vec<usize> = (0..list.ends.len()).collect();
        // Of equal paths the one added last sorts first, and is the one `dedup` keeps.
        order.sort_unstable_by(|&a, &b| {
            list.path_in_slot(a)
                .cmp(list.path_in_slot(b))
                .then(b.cmp(&a))
        });
        order.dedup_by(|later, kept| list.path_in_slot(*later) == list.path_in_slot(*kept));
        list.order = order;
        list
    }
}

/// Paths with their entries, in path order, each path once.
#[derive(Debug, Default)]
pub(super) struct FileList {
    paths: String,
    ends: Vec<usize>,
    entries: Vec<FileEntry>,
    /// The slots of `ends` and `entries` in path order.
    order: Vec<usize>,
}

impl FileList {
    /// The path stored in `slot` (in the order the paths were added).
    fn path_in_slot(&self, slot: usize) -> &str {
        let start = match slot.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(slot).copied().unwrap_or(start);
        self.paths.get(start..end).unwrap_or_default()
    }

    pub(super) fn len(&self) -> usize {
        self.order.len()
    }

    /// Each path with its entry, in path order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &FileEntry)> {
        self.order
            .iter()
            .filter_map(|&slot| Some((self.path_in_slot(slot), self.entries.get(slot)?)))
    }

    /// Each path, in path order.
    pub(super) fn paths(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|&slot| self.path_in_slot(slot))
    }

    /// Where `path` is in path order.
    pub(super) fn position(&self, path: &str) -> Option<usize> {
        self.order
            .binary_search_by(|&slot| self.path_in_slot(slot).cmp(path))
            .ok()
    }

    /// The path at `position` in path order.
    pub(super) fn path_at(&self, position: usize) -> Option<&str> {
        Some(self.path_in_slot(*self.order.get(position)?))
    }

    /// The position in path order of the first path not before `path`.
    pub(super) fn first_from(&self, path: &str) -> usize {
        self.order
            .partition_point(|&slot| self.path_in_slot(slot) < path)
    }

    #[cfg(test)]
    pub(super) fn get(&self, path: &str) -> Option<&FileEntry> {
        self.entry_at(self.position(path)?)
    }

    /// The entry of the path at `position` in path order.
    pub(super) fn entry_at(&self, position: usize) -> Option<&FileEntry> {
        self.entries.get(*self.order.get(position)?)
    }

    pub(super) fn contains(&self, path: &str) -> bool {
        self.position(path).is_some()
    }

    /// The files of `written` and those of `self` whose flag in `kept` (by position in path
    /// order) is set, in path order; a path in both takes `written`'s entry. A view, not a
    /// list: the manifest is written from it, and a merged copy was another 11 MB at the
    /// end of a render into a site in use, its peak.
    pub(super) fn merged<'a>(&'a self, kept: &'a [bool], written: &'a FileList) -> Merged<'a> {
        Merged {
            previous: self,
            kept,
            written,
        }
    }
}

/// The files of a render into a site in use: see [`FileList::merged`].
pub(super) struct Merged<'a> {
    previous: &'a FileList,
    kept: &'a [bool],
    written: &'a FileList,
}

impl<'a> Merged<'a> {
    /// Each path with its entry, in path order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&'a str, &'a FileEntry)> {
        let mut kept = self
            .previous
            .iter()
            .zip(self.kept.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, kept)| **kept)
            .map(|(file, _)| file)
            .peekable();
        let mut written = self.written.iter().peekable();
        std::iter::from_fn(move || {
            let order = match (kept.peek(), written.peek()) {
                (None, None) => return None,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some((kept, _)), Some((written, _))) => kept.cmp(written),
            };
            match order {
                Ordering::Less => kept.next(),
                Ordering::Greater => written.next(),
                Ordering::Equal => {
                    kept.next();
                    written.next()
                }
            }
        })
    }

    pub(super) fn len(&self) -> usize {
        self.iter().count()
    }
}

impl Serialize for Merged<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // No length given: JSON needs none, and counting is another pass over the merge
        // (132,000 files at 99,999 records).
        let mut map = serializer.serialize_map(None)?;
        for (path, entry) in self.iter() {
            map.serialize_entry(path, entry)?;
        }
        map.end()
    }
}

impl Serialize for FileList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (path, entry) in self.iter() {
            map.serialize_entry(path, entry)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FileList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FileList, D::Error> {
        struct Files;
        impl<'de> Visitor<'de> for Files {
            type Value = FileList;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a map of site paths to `hash:size`")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<FileList, M::Error> {
                let mut files = FileListBuilder::default();
                while let Some((path, entry)) =
                    map.next_entry::<std::borrow::Cow<'de, str>, FileEntry>()?
                {
                    files.push(&path, entry);
                }
                Ok(files.finish())
            }
        }
        deserializer.deserialize_map(Files)
    }
}

#[cfg(test)]
impl FromIterator<(String, FileEntry)> for FileList {
    fn from_iter<I: IntoIterator<Item = (String, FileEntry)>>(files: I) -> FileList {
        let mut list = FileListBuilder::default();
        for (path, entry) in files {
            list.push(&path, entry);
        }
        list.finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::{FileList, FileListBuilder};
    use crate::site::incremental::stamps::FileEntry;

    fn entry(n: u64) -> FileEntry {
        FileEntry::Made {
            hash: u128::from(n),
            len: n,
        }
    }

    /// What a `BTreeMap` of the same pushes holds: the list's model.
    fn as_map(list: &FileList) -> Vec<(String, FileEntry)> {
        list.iter()
            .map(|(path, entry)| (path.to_string(), *entry))
            .collect()
    }

    #[test]
    fn paths_come_back_in_order_once_each_with_the_last_entry_pushed() {
        let mut files = FileListBuilder::default();
        for (path, n) in [("b.html", 1), ("a/é.html", 2), ("a.html", 3), ("b.html", 4)] {
            files.push(path, entry(n));
        }
        let files = files.finish();
        assert_eq!(
            files.paths().collect::<Vec<_>>(),
            ["a.html", "a/é.html", "b.html"]
        );
        assert_eq!(files.get("b.html"), Some(&entry(4)));
        assert_eq!(files.position("a/é.html"), Some(1));
        assert_eq!(files.get("c.html"), None);
        assert!(!files.contains(""));
    }

    #[test]
    fn the_manifest_form_is_a_map_in_path_order_and_reads_back() {
        let files: FileList = [("z.html", 1), ("assets/x.js", 2)]
            .into_iter()
            .map(|(path, n)| (path.to_string(), entry(n)))
            .collect();
        let json = serde_json::to_string(&files).unwrap();
        assert_eq!(
            json,
            r#"{"assets/x.js":"00000000000000000000000000000002:2","z.html":"00000000000000000000000000000001:1"}"#
        );
        let again: FileList = serde_json::from_str(&json).unwrap();
        assert_eq!(as_map(&again), as_map(&files));
        // A manifest edited by hand may list a path twice: the last entry counts, as it did
        // when the map was a `BTreeMap`.
        let twice: FileList =
            serde_json::from_str(r#"{"a.html":"x","a.html":"00000000000000000000000000000001:1"}"#)
                .unwrap();
        assert_eq!(as_map(&twice), [("a.html".to_string(), entry(1))]);
    }

    proptest! {
        /// Against a `BTreeMap`: pushes in any order, and the kept files of a last render
        /// merged with this render's, as `BTreeMap::retain` and `append` did.
        #[test]
        fn a_file_list_is_the_map_of_its_pushes(
            previous in proptest::collection::vec(("[ab/]{0,4}", 0u64..9), 0..24),
            written in proptest::collection::vec(("[ab/]{0,4}", 0u64..9), 0..24),
            kept in proptest::collection::vec(any::<bool>(), 0..24),
        ) {
            let model = |pushes: &[(String, u64)]| -> BTreeMap<String, FileEntry> {
                pushes.iter().map(|(path, n)| (path.clone(), entry(*n))).collect()
            };
            let list = |pushes: &[(String, u64)]| -> FileList {
                pushes.iter().map(|(path, n)| (path.clone(), entry(*n))).collect()
            };
            let (previous_model, written_model) = (model(&previous), model(&written));
            let (previous_list, written_list) = (list(&previous), list(&written));
            prop_assert_eq!(as_map(&previous_list), previous_model.clone().into_iter().collect::<Vec<_>>());
            for (path, entry) in &previous_model {
                prop_assert_eq!(previous_list.get(path), Some(entry));
            }

            let mut flags = kept.iter().chain(std::iter::repeat(&false));
            let mut merged_model = previous_model;
            merged_model.retain(|_, _| *flags.next().unwrap_or(&false));
            merged_model.append(&mut written_model.clone());
            let merged = previous_list.merged(&kept, &written_list);
            let merged: Vec<(String, FileEntry)> =
                merged.iter().map(|(path, entry)| (path.to_string(), *entry)).collect();
            prop_assert_eq!(merged, merged_model.into_iter().collect::<Vec<_>>());
        }
    }
}
