//! What a build leaves its record pages' keys made from, so that the next build keeps a
//! page whose inputs it can tell are unchanged without resolving the page's links again.
//!
//! A shortcut past the record page's key (`site/pages/record.rs`), so it is measured and
//! checked: one record changed at 99,999 records (`gen.py`, LTO build, six alternated runs
//! each) took 0.90-0.99 s before and 0.80-0.91 s after, a tenth of the command; in a debug
//! build every page it keeps is also checked against its key, so every test that renders
//! twice (every corpus among them, `site::incremental`) holds it to the general path.

use serde::{Deserialize, Serialize};

use super::incremental::stamps::InputHasher;
use super::pages::record::NEIGHBOURS;
use super::rows::Entry;

/// The rows of a build as its record pages' keys saw them, and where each page's links
/// led. A build whose rows are the same files in the same places, with the same Source and
/// Edit links, keeps a record page whose record, rows around it and supersessions are as
/// they were without resolving its links again: each still leads where it led. At 99,999
/// records, resolving every kept page's links and hashing its key was a fifth of the CPU
/// of a one-record re-render.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RowsSeen {
    /// A hash of each row's file and page, in order: where every link to a record leads.
    places: u128,
    /// What every record page shows besides its record and rows (`Site::base_key`).
    base_key: u128,
    /// Each row's hash, in order (in frames of their own in the cache).
    #[serde(skip)]
    pub(super) hashes: Vec<u128>,
    /// Where each row's page links in [`RowsSeen::links`] start, and one past the last
    /// row's end; `u32::MAX` for a page that is not kept this way (it shows supersessions,
    /// links to a file, or is no record's page).
    link_starts: Vec<u32>,
    /// The rows the record pages link to, page after page.
    links: Vec<u32>,
}

/// What the next build is to know of where one record page's links lead.
pub(crate) enum PageLinks {
    /// Its page is to be checked by its key: it shows supersessions, or links to a file.
    Unknown,
    /// As the last build noted them for the same row.
    AsBefore,
    /// The rows they lead to.
    Rows(Vec<u32>),
}

/// [`PageLinks`] as [`NotedLinks`] holds them.
enum Noted<'l> {
    Unknown,
    AsBefore,
    Rows(&'l [u32]),
}

/// The [`PageLinks`] of the record pages of one range, in the order of their rows, a few
/// bytes a page: they are held for every page until the build ends, and as a list of enums
/// (with a list of rows each) they would be 100,000 entries of 32 bytes and as many small
/// lists at 99,999 records.
#[derive(Debug, Default)]
pub(crate) struct NotedLinks {
    /// Each page's row, and its links' place in `links` (`start..end`); `start` is
    /// [`NotedLinks::UNKNOWN`] or [`NotedLinks::AS_BEFORE`] for those.
    pages: Vec<(u32, u32, u32)>,
    links: Vec<u32>,
}

impl NotedLinks {
    const UNKNOWN: u32 = u32::MAX;
    const AS_BEFORE: u32 = u32::MAX - 1;

    /// Notes the links of the page at `position`.
    pub(crate) fn push(&mut self, position: usize, page: PageLinks) {
        let (Ok(position), Ok(start)) = (u32::try_from(position), u32::try_from(self.links.len()))
        else {
            return;
        };
        let start = match page {
            PageLinks::Unknown => Self::UNKNOWN,
            PageLinks::AsBefore => Self::AS_BEFORE,
            PageLinks::Rows(rows) if start < Self::AS_BEFORE => {
                self.links.extend(rows);
                start
            }
            PageLinks::Rows(_) => Self::UNKNOWN,
        };
        let end = u32::try_from(self.links.len()).unwrap_or(Self::UNKNOWN);
        self.pages.push((position, start, end));
    }

    /// Each page's row and what was noted of its links.
    fn pages(&self) -> impl Iterator<Item = (usize, Noted<'_>)> {
        self.pages.iter().map(|&(position, start, end)| {
            let links = match start {
                Self::UNKNOWN => Noted::Unknown,
                Self::AS_BEFORE => Noted::AsBefore,
                start => Noted::Rows(
                    self.links
                        .get(start as usize..end as usize)
                        .unwrap_or_default(),
                ),
            };
            (position as usize, links)
        })
    }
}

impl RowsSeen {
    pub(super) fn new(entries: &[Entry], base_key: u128, hashes: Vec<u128>) -> RowsSeen {
        let mut hasher = InputHasher::new();
        for entry in entries {
            hasher.field(entry.rel_path.as_bytes());
            hasher.field(entry.page.as_bytes());
        }
        RowsSeen {
            places: hasher.finish(),
            base_key,
            hashes,
            link_starts: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Notes the links of each row's page (`noted`, in the order of their rows; those
    /// `AsBefore` as the `previous` build noted them); a row not given is no record's page.
    pub(super) fn with_links(mut self, previous: &RowsSeen, noted: &[NotedLinks]) -> RowsSeen {
        let mut page_links = noted.iter().flat_map(NotedLinks::pages).peekable();
        let mut starts = Vec::with_capacity(self.hashes.len() + 1);
        let mut links = Vec::new();
        for position in 0..self.hashes.len() {
            let row = page_links.next_if(|(at, _)| *at == position);
            let row = match &row {
                None | Some((_, Noted::Unknown)) => None,
                Some((_, Noted::AsBefore)) => previous.links_of(position),
                Some((_, Noted::Rows(rows))) => Some(*rows),
            };
            match row {
                Some(row) => {
                    starts.push(u32::try_from(links.len()).unwrap_or(u32::MAX));
                    links.extend_from_slice(row);
                }
                None => starts.push(u32::MAX),
            }
        }
        starts.push(u32::try_from(links.len()).unwrap_or(u32::MAX));
        self.link_starts = starts;
        self.links = links;
        self
    }

    /// The rows the page at `position` linked to, when it can be kept without resolving
    /// its links again.
    pub(crate) fn links_of(&self, position: usize) -> Option<&[u32]> {
        let start = *self
            .link_starts
            .get(position)
            .filter(|&&start| start != u32::MAX)?;
        let end = self
            .link_starts
            .get(position + 1..)?
            .iter()
            .find(|&&end| end != u32::MAX)
            .copied()?;
        self.links.get(start as usize..end as usize)
    }

    /// The links, as (from row, to row), of the pages in `noted` kept as last built: they
    /// noted none, and lead where the last build (`self`) noted.
    pub(super) fn links_as_before(&self, noted: &[NotedLinks]) -> Vec<(usize, usize)> {
        noted
            .iter()
            .flat_map(NotedLinks::pages)
            .filter(|(_, links)| matches!(links, Noted::AsBefore))
            .flat_map(|(position, _)| {
                let to = self.links_of(position).unwrap_or_default();
                to.iter().map(move |&to| (position, to as usize))
            })
            .collect()
    }

    /// For each row, whether the rows a record page there shows (its own and its
    /// neighbours') are those `previous` saw in the same places; none when some row moved,
    /// came or went, or the Source and Edit links changed.
    pub(super) fn unchanged_windows(&self, previous: &RowsSeen) -> Option<Vec<bool>> {
        let same_places = self.places == previous.places
            && self.base_key == previous.base_key
            && self.hashes.len() == previous.hashes.len()
            && previous.link_starts.len() == previous.hashes.len() + 1;
        if !same_places {
            return None;
        }
        let mut unchanged = vec![true; self.hashes.len()];
        for (position, _) in self
            .hashes
            .iter()
            .zip(&previous.hashes)
            .enumerate()
            .filter(|(_, (now, before))| now != before)
        {
            let first = position.saturating_sub(NEIGHBOURS);
            let last = (position + NEIGHBOURS + 1).min(unchanged.len());
            for flag in unchanged.get_mut(first..last).unwrap_or_default() {
                *flag = false;
            }
        }
        Some(unchanged)
    }
}

/// A `RowsSeen` of `rows` rows, each page linking to the next but every third (unknown),
/// for tests elsewhere.
#[cfg(test)]
pub(crate) fn example(rows: usize) -> RowsSeen {
    let mut noted = NotedLinks::default();
    for row in 0..rows {
        let links = match row % 3 {
            2 => PageLinks::Unknown,
            _ => PageLinks::Rows(vec![u32::try_from(row + 1).unwrap_or(0)]),
        };
        noted.push(row, links);
    }
    let seen = RowsSeen {
        places: 1,
        base_key: 2,
        hashes: (0..rows as u128).map(|row| row << 100 | row).collect(),
        link_starts: Vec::new(),
        links: Vec::new(),
    };
    seen.with_links(&RowsSeen::default(), &[noted])
}

#[cfg(test)]
mod tests {
    use super::{NotedLinks, PageLinks, RowsSeen};

    fn noted(pages: Vec<(usize, PageLinks)>) -> Vec<NotedLinks> {
        let mut noted = NotedLinks::default();
        for (position, links) in pages {
            noted.push(position, links);
        }
        vec![noted]
    }

    fn seen(hashes: &[u128]) -> RowsSeen {
        RowsSeen {
            places: 7,
            base_key: 9,
            hashes: hashes.to_vec(),
            link_starts: Vec::new(),
            links: Vec::new(),
        }
    }

    #[test]
    fn each_rows_links_read_back_as_noted_and_as_before() {
        let before = seen(&[0; 6]).with_links(
            &RowsSeen::default(),
            &noted(vec![
                (0, PageLinks::Rows(vec![4, 2])),
                (2, PageLinks::Rows(vec![])),
                (3, PageLinks::Unknown),
                (4, PageLinks::Rows(vec![1])),
            ]),
        );
        let read = |seen: &RowsSeen| -> Vec<Option<Vec<u32>>> {
            (0..7)
                .map(|row| seen.links_of(row).map(<[u32]>::to_vec))
                .collect()
        };
        assert_eq!(
            read(&before),
            [
                Some(vec![4, 2]),
                None,
                Some(vec![]),
                None,
                Some(vec![1]),
                None,
                None
            ],
            "row 1 was not given, 5 is no record's page, 6 is past the end"
        );
        let now_noted = noted(vec![
            (0, PageLinks::AsBefore),
            (2, PageLinks::Rows(vec![3])),
            (4, PageLinks::AsBefore),
            (5, PageLinks::AsBefore),
        ]);
        let now = seen(&[0; 6]).with_links(&before, &now_noted);
        assert_eq!(
            read(&now),
            [
                Some(vec![4, 2]),
                None,
                Some(vec![3]),
                None,
                Some(vec![1]),
                None,
                None
            ],
            "as before, row 5 still has none"
        );
        assert_eq!(
            before.links_as_before(&now_noted),
            [(0, 4), (0, 2), (4, 1)],
            "the links of the pages kept as before, as noted before"
        );
    }

    #[test]
    fn a_changed_row_changes_the_windows_that_show_it_and_a_moved_one_all() {
        let rows = 30;
        let before = seen(&vec![1; rows]).with_links(&RowsSeen::default(), &[]);
        let mut hashes = vec![1; rows];
        hashes[15] = 2;
        let windows = seen(&hashes).unchanged_windows(&before).unwrap();
        let changed: Vec<usize> = (0..rows).filter(|&row| !windows[row]).collect();
        assert_eq!(changed, (5..=25).collect::<Vec<_>>());
        hashes[15] = 1;
        hashes[0] = 3;
        let windows = seen(&hashes).unchanged_windows(&before).unwrap();
        assert_eq!(windows.iter().filter(|unchanged| !**unchanged).count(), 11);
        let moved = RowsSeen {
            places: 8,
            ..seen(&vec![1; rows])
        };
        assert!(moved.unchanged_windows(&before).is_none());
        let other_links = RowsSeen {
            base_key: 10,
            ..seen(&vec![1; rows])
        };
        assert!(other_links.unchanged_windows(&before).is_none());
        assert!(
            seen(&vec![1; rows + 1])
                .unchanged_windows(&before)
                .is_none()
        );
        assert!(
            seen(&vec![1; rows])
                .unchanged_windows(&seen(&vec![1; rows]))
                .is_none(),
            "a last build that noted no links is not trusted"
        );
    }
}
