//! The index page, `index.html`: the log's first page of rows, with counts by status and
//! tag; and, for a log longer than a page, every row in row shards (`assets/rows/r<k>.js`,
//! [`SHARD_ROWS`] rows each) that `site.js` loads when the reader filters, sorts or pages.
//! A one-record change rewrites its shard, and the index only when the record is on the
//! first page or the counts change: never bytes in proportion to the log.

use rayon::prelude::*;

use crate::error::Result;
use crate::site::rows::Rows;
use crate::site::views::{EntryView, TagSummary, status_counts};
use crate::site::{PageSink, Site, key_of};

/// Rows an index or tag page carries itself; a log with more is paged.
pub(crate) const PAGE_ROWS: usize = 100;

/// Rows per row shard: at 10,000 records ten files of about 650 KB each.
pub(crate) const SHARD_ROWS: usize = 1000;

/// The path of row shard `shard`.
fn shard_path(shard: usize) -> String {
    format!("assets/rows/r{shard}.js")
}

impl Site {
    /// `index.html` and, for a paged log, its row shards, each unless its inputs are those
    /// of the last build; returns every path with its key.
    pub(crate) fn put_index_page(
        &self,
        sink: &dyn PageSink,
        rows: &Rows,
        row_hashes: &[u128],
        tag_summaries: &[TagSummary],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<Vec<(String, u128)>> {
        let row_count = rows.len();
        let failure_count = rows.failure_count();
        let record_count = row_count - failure_count;
        let status_counts = status_counts((0..row_count).filter_map(|at| rows.status(at)));
        let has_history = rows.has_history();
        let numbered = rows.numbered();
        let tagged = rows.tagged();
        let logs = super::logs::log_summaries(rows.log_names());
        let paged = row_count > PAGE_ROWS;
        let first_page: Vec<EntryView> = rows.views(0..row_count.min(PAGE_ROWS));
        let shard_count = if paged {
            row_count.div_ceil(SHARD_ROWS)
        } else {
            0
        };
        let key = key_of(&[
            &first_page,
            &row_count,
            &status_counts,
            &tag_summaries,
            &record_count,
            &failure_count,
            &has_history,
            &numbered,
            &tagged,
        ]);
        let key = if logs.is_empty() {
            key
        } else {
            key_of(&[&key, &logs])
        };
        let mut keys = vec![("index.html".to_string(), key)];
        let shards: Vec<(usize, &[u128])> = if paged {
            row_hashes.chunks(SHARD_ROWS).enumerate().collect()
        } else {
            Vec::new()
        };
        // A shard's key is made from its rows' hashes; its rows' views only when it is made.
        let shard_keys: Vec<(String, u128)> = shards
            .par_iter()
            .map(|&(shard, hashes)| {
                let path = shard_path(shard);
                let key = key_of(&[&hashes, &has_history, &shard]);
                if !unchanged(&path, key) {
                    let first = shard * SHARD_ROWS;
                    let chunk = rows.views(first..first + hashes.len());
                    let html = self.render_rows(&chunk, "", has_history)?;
                    sink.put(&path, shard_script(shard, &html))?;
                }
                Ok((path, key))
            })
            .collect::<Result<_>>()?;
        keys.extend(shard_keys);
        if unchanged("index.html", key) {
            return Ok(keys);
        }
        let table_rows = self.render_row_chunks(&first_page, "", has_history)?;
        let mut context = self.context("", &self.view.title, "index", "index.html");
        context.insert("status_counts", &status_counts);
        context.insert("tags", tag_summaries);
        context.insert("record_count", &record_count);
        context.insert("failure_count", &failure_count);
        context.insert("has_history", &has_history);
        context.insert("numbered", &numbered);
        context.insert("tagged", &tagged);
        context.insert("logs", &logs);
        context.insert("row_count", &row_count);
        context.insert("page_rows", &first_page.len());
        context.insert("shard_count", &shard_count);
        let table_rows: Vec<&str> = table_rows.iter().map(String::as_str).collect();
        self.put_with_rows(
            sink,
            "index.html",
            "index.html",
            context,
            "rows",
            &table_rows,
        )?;
        Ok(keys)
    }
}

/// A row shard: a script that stores the HTML of its rows as `ADR_ROWS[shard]`. A script,
/// not JSON, because browsers refuse `fetch()` from `file://`; the string is JSON-escaped,
/// and the rows were escaped by their template like any page's.
fn shard_script(shard: usize, html: &str) -> Vec<u8> {
    let literal = serde_json::to_string(html).unwrap_or_else(|_| "\"\"".to_string());
    format!("(self.ADR_ROWS = self.ADR_ROWS || {{}})[{shard}] = {literal};\n").into_bytes()
}
