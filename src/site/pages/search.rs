//! The search index's files (see [`crate::site::search`]): each range of records written
//! after its record pages, or kept when what it is made from did not change; then the
//! manifest and the tokeniser's tables.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::error::Result;
use crate::search::Document;
use crate::site::rows::{Entry, Rows};
use crate::site::search::{
    self, RangeSummary, SEARCH_MANIFEST, SEARCH_TOKENIZER, SearchDoc, SearchEntry,
};
use crate::site::views::{EntrySource, Neighbour};
use crate::site::{PageCache, PageSink, RecordPage, SiteRecord, key_of};

/// What the ranges of the search index are made from.
pub(crate) struct SearchRanges<'a> {
    pub(crate) records: &'a [SiteRecord],
    pub(crate) rows: &'a Rows<'a>,
    /// Row position → a hash of the row.
    pub(crate) row_hashes: &'a [u128],
    pub(crate) previous: &'a PageCache,
    pub(crate) sink: &'a dyn PageSink,
}

/// The documents of the search index, in the index's order: each record's row and its
/// index in the log. Files that could not be read have a row but no document.
pub(crate) fn documents(entries: &[Entry]) -> Vec<(usize, usize)> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(position, entry)| match entry.source {
            EntrySource::Record(index) => Some((position, index)),
            EntrySource::Failure(_) => None,
        })
        .collect()
}

impl SearchRanges<'_> {
    /// Writes range `range`, whose documents are `docs` and whose pages are `pages` (in the
    /// same order; a page made now carries its record's [`SearchEntry`], taken here), or
    /// keeps it when it is made from what the last render's was and its files are there.
    /// A record whose page was kept is read again, when its range must be written.
    pub(crate) fn put_range(
        &self,
        range: usize,
        docs: &[(usize, usize)],
        pages: &mut [(usize, RecordPage)],
    ) -> Result<RangeSummary> {
        // What a range is made from: each record's text and number, and its row (which holds
        // what a result shows), so a range is kept without making its results.
        let parts: Vec<(u128, Option<u32>, u128)> = docs
            .iter()
            .filter_map(|&(position, index)| {
                let record = self.records.get(index)?;
                let row = self.row_hashes.get(position)?;
                Some((record.text_hash, record.file.number, *row))
            })
            .collect();
        let key = key_of(&[&search::SEARCH_VERSION, &parts]);
        let fresh: Vec<Option<SearchEntry>> = pages
            .iter_mut()
            .map(|(_, page)| page.search.take().map(|entry| *entry))
            .collect();
        if let Some(previous) = self.previous.search.get(range)
            && previous.key == key
            && search::range_files(range, parts.len())
                .iter()
                .all(|path| self.sink.keep(path))
        {
            return Ok(*previous);
        }
        let briefs: Vec<(Neighbour, &SiteRecord)> = docs
            .iter()
            .filter_map(|&(position, index)| {
                Some((
                    self.rows.neighbour(position, false)?,
                    self.records.get(index)?,
                ))
            })
            .collect();
        let shown: Vec<(SearchDoc<'_>, &SiteRecord)> = briefs
            .iter()
            .map(|(brief, record)| {
                let doc = SearchDoc {
                    url: &brief.url,
                    label: &brief.label,
                    title: &brief.title,
                    status: &brief.status,
                    status_class: &brief.status_class,
                };
                (doc, *record)
            })
            .collect();
        let with_entries: Vec<(SearchDoc<'_>, SearchEntry)> = shown
            .par_iter()
            .zip(fresh.into_par_iter())
            .map(|((doc, record), fresh)| {
                let entry = match fresh {
                    Some(entry) => entry,
                    None => entry_of(record, self.rows.log_dir)?,
                };
                Ok((*doc, entry))
            })
            .collect::<Result<_>>()?;
        let (files, summary) = search::range_shards(range, &with_entries, key);
        drop(with_entries);
        for (path, bytes) in files {
            self.sink.put(&path, bytes)?;
        }
        Ok(summary)
    }
}

/// The search entry of a record in the log at `log_dir`, from its text (read again when the
/// load did not keep it).
pub(crate) fn entry_of(record: &SiteRecord, log_dir: &Path) -> Result<SearchEntry> {
    Ok(entry_of_text(record, &record.take_text(log_dir)?))
}

/// The search entry of a record whose text is `text`.
pub(crate) fn entry_of_text(record: &SiteRecord, text: &str) -> SearchEntry {
    let document = Document::from_parts(
        record.file.number,
        record.title.clone(),
        text.get(record.body_start..).unwrap_or(""),
    );
    SearchEntry::of(&document)
}

/// Writes the manifest and the tokeniser's tables; returns every file of the search index
/// and the tables' key.
pub(crate) fn put_search_manifest(
    sink: &dyn PageSink,
    ranges: &[RangeSummary],
    entries: &[Entry],
    unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
) -> Result<(BTreeSet<String>, u128)> {
    let failures: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| matches!(entry.source, EntrySource::Failure(_)))
        .map(|(position, _)| position)
        .collect();
    sink.put(SEARCH_MANIFEST, search::manifest(ranges, &failures))?;
    // The tables depend on the program only, and take a walk over every code point to
    // make (5 % of a one-record re-render at 10,000 records): kept while they are there.
    let tokenizer_key = key_of(&[&SEARCH_TOKENIZER, &search::SEARCH_VERSION]);
    if !unchanged(SEARCH_TOKENIZER, tokenizer_key) {
        sink.put(SEARCH_TOKENIZER, search::tokenizer_tables().to_vec())?;
    }
    let mut files: BTreeSet<String> = [SEARCH_MANIFEST, SEARCH_TOKENIZER]
        .into_iter()
        .map(str::to_string)
        .collect();
    for (range, summary) in ranges.iter().enumerate() {
        files.extend(search::range_files(range, summary.docs as usize));
    }
    Ok((files, tokenizer_key))
}
