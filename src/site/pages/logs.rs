//! A section per log, when the site shows several (`[[log]]` in `.adr.toml`): the list of
//! logs on the index, and `logs/NAME.html`, the index of one log's records. A site of one
//! log has neither.

use serde::Serialize;

use crate::error::Result;
use crate::site::rows::Rows;
use crate::site::views::{EntryView, status_counts};
use crate::site::{PageSink, Site, key_of};

/// One log as the index lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogSummary {
    pub(crate) name: String,
    /// Site-relative URL of the log's index (log names need no encoding).
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// The logs of the rows, in their order (rows are sorted by log); empty for one log.
pub(crate) fn log_summaries<'a>(names: impl Iterator<Item = Option<&'a str>>) -> Vec<LogSummary> {
    let mut logs: Vec<LogSummary> = Vec::new();
    for name in names.flatten() {
        match logs.last_mut() {
            Some(last) if last.name == name => last.count += 1,
            _ => logs.push(LogSummary {
                name: name.to_string(),
                url: format!("logs/{name}.html"),
                count: 1,
            }),
        }
    }
    logs
}

impl Site {
    /// `logs/NAME.html` for each log, each unless its inputs are those of the last build;
    /// returns every path with its key.
    pub(crate) fn put_log_pages(
        &self,
        sink: &dyn PageSink,
        rows: &Rows,
        row_hashes: &[u128],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<Vec<(String, u128)>> {
        let logs = log_summaries(rows.log_names());
        let mut keys = Vec::with_capacity(logs.len());
        for log in &logs {
            let positions: Vec<usize> = rows
                .log_names()
                .enumerate()
                .filter(|(_, name)| *name == Some(log.name.as_str()))
                .map(|(position, _)| position)
                .collect();
            let counts = status_counts(positions.iter().filter_map(|&at| rows.status(at)));
            let failure_count = counts
                .iter()
                .filter(|count| count.key == "parse error")
                .map(|count| count.count)
                .sum::<usize>();
            let record_count = positions.len() - failure_count;
            let has_history = rows.has_history_among(positions.iter().copied());
            let hashes: Vec<u128> = positions
                .iter()
                .filter_map(|&at| row_hashes.get(at).copied())
                .collect();
            let (numbered, tagged) = (rows.numbered(), rows.tagged());
            let key = key_of(&[&logs, &hashes, &counts, &has_history, &numbered, &tagged]);
            keys.push((log.url.clone(), key));
            if unchanged(&log.url, key) {
                continue;
            }
            let log_rows: Vec<EntryView> = rows.views(positions.iter().copied());
            let table_rows = self.render_rows(&log_rows, "../", has_history)?;
            let mut context = self.context("../", &log.name, "logs", &log.url);
            context.insert("heading", &log.name);
            context.insert("logs", &logs);
            context.insert("status_counts", &counts);
            context.insert("tags", &Vec::<()>::new());
            context.insert("record_count", &record_count);
            context.insert("failure_count", &failure_count);
            context.insert("has_history", &has_history);
            context.insert("numbered", &numbered);
            context.insert("tagged", &tagged);
            let page = self.render_spliced("index.html", context, &[("rows", &table_rows)])?;
            sink.put(&log.url, page)?;
        }
        Ok(keys)
    }
}
