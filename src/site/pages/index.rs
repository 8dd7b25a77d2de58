//! The index page, `index.html`: the log as one table, with counts by status and tag.

use crate::error::Result;
use crate::site::views::{EntryView, TagSummary, status_counts};
use crate::site::{PageSink, Site, key_of};

impl Site {
    /// `index.html`, the table of every record, unless its inputs are those of the last
    /// build; returns its key.
    pub(crate) fn put_index_page(
        &self,
        sink: &dyn PageSink,
        rows: &[&EntryView],
        tag_summaries: &[TagSummary],
        failure_count: usize,
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<u128> {
        let record_count = rows.len() - failure_count;
        let status_counts = status_counts(rows);
        let has_history = rows.iter().any(|row| row.last_changed.is_some());
        let logs = super::logs::log_summaries(rows);
        let key = key_of(&[
            &rows,
            &status_counts,
            &tag_summaries,
            &record_count,
            &failure_count,
            &has_history,
        ]);
        // One log's key stays what it was, so its cache carries over.
        let key = if logs.is_empty() {
            key
        } else {
            key_of(&[&key, &logs])
        };
        if unchanged("index.html", key) {
            return Ok(key);
        }
        let table_rows = self.render_row_chunks(rows, "", has_history)?;
        let mut context = self.context("", &self.view.title, "index", "index.html");
        context.insert("status_counts", &status_counts);
        context.insert("tags", tag_summaries);
        context.insert("record_count", &record_count);
        context.insert("failure_count", &failure_count);
        context.insert("has_history", &has_history);
        context.insert("logs", &logs);
        let table_rows: Vec<&str> = table_rows.iter().map(String::as_str).collect();
        self.put_with_rows(
            sink,
            "index.html",
            "index.html",
            context,
            "rows",
            &table_rows,
        )?;
        Ok(key)
    }
}
