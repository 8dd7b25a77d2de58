//! The search index, `assets/search-index.js`: the words of every row in the index's
//! order, for the index page's search box (see [`crate::site::search`]).

use crate::error::Result;
use crate::site::views::EntryView;
use crate::site::{PageSink, Site, search};

impl Site {
    /// `assets/search-index.js`: the words of every row, in the index's order.
    pub(crate) fn put_search_index(
        &self,
        sink: &dyn PageSink,
        rows: &[&EntryView],
        words: &[&str],
    ) -> Result<Vec<Option<search::WordsSpan>>> {
        let docs: Vec<search::SearchDoc<'_>> = rows
            .iter()
            .zip(words)
            .map(|(row, words)| search::SearchDoc {
                url: &row.url,
                words,
            })
            .collect();
        let mut spans = Vec::new();
        sink.put_written(SEARCH_INDEX, &mut |out| {
            spans = search::write_search_index(&docs, out)?;
            Ok(())
        })?;
        Ok(spans)
    }
}

/// The search index's path in the site.
pub const SEARCH_INDEX: &str = "assets/search-index.js";
