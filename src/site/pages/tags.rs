//! The tag pages: `tags/index.html` listing every tag, and one page per tag with its
//! first [`PAGE_ROWS`] records and, when it has more, a link to all of them in the index
//! filtered by the tag: a page that listed every record would be rewritten, whole, for a
//! change to any record with the tag.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::error::Result;
use crate::site::pages::index::PAGE_ROWS;
use crate::site::rows::Rows;
use crate::site::views::{TagGroup, TagSummary};
use crate::site::{PageSink, Site, key_of};

impl Site {
    /// `tags/index.html` and a page per tag, each unless its inputs are those of the last
    /// build; returns every path with its key.
    pub(crate) fn put_tag_pages(
        &self,
        sink: &dyn PageSink,
        rows: &Rows,
        row_hashes: &[u128],
        tag_summaries: &[TagSummary],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<Vec<(String, u128)>> {
        let tags: &BTreeMap<String, TagGroup> = &rows.tags;
        let mut keys = Vec::with_capacity(tags.len() + 1);
        let tags_key = key_of(&[&tag_summaries]);
        if !unchanged("tags/index.html", tags_key) {
            let mut context = self.context("../", "Tags", "tags", "tags/index.html");
            context.insert("tags", tag_summaries);
            self.put_page(sink, "tags/index.html", "tags.html", &context)?;
        }
        keys.push(("tags/index.html".to_string(), tags_key));
        // A record is on as many tag pages as it has tags, always as the same row: each
        // row is rendered once, for the pages that need rendering.
        let numbered = rows.numbered();
        let mut stale_tags = Vec::new();
        for (group, summary) in tags.values().zip(tag_summaries) {
            let tagged: Vec<u128> = group
                .entries
                .iter()
                .take(PAGE_ROWS)
                .filter_map(|&position| row_hashes.get(position).copied())
                .collect();
            let page_key = key_of(&[&summary, &tagged, &numbered]);
            keys.push((summary.path.clone(), page_key));
            if !unchanged(&summary.path, page_key) {
                stale_tags.push((group, summary));
            }
        }
        let needed: BTreeSet<usize> = stale_tags
            .iter()
            .flat_map(|(group, _)| group.entries.iter().take(PAGE_ROWS).copied())
            .collect();
        let tag_rows: HashMap<usize, String> = needed
            .into_par_iter()
            .filter_map(|position| Some((position, rows.view(position)?)))
            .map(|(position, row)| Ok((position, self.render_rows(&[row], "../", false)?)))
            .collect::<Result<_>>()?;
        stale_tags
            .into_par_iter()
            .try_for_each(|(group, summary)| -> Result<()> {
                let html: Vec<&str> = group
                    .entries
                    .iter()
                    .take(PAGE_ROWS)
                    .filter_map(|position| tag_rows.get(position).map(String::as_str))
                    .collect();
                let mut context =
                    self.context("../", &format!("Tag: {}", group.name), "tags", &summary.url);
                context.insert("tag", &summary);
                context.insert("shown", &html.len());
                context.insert("numbered", &numbered);
                if summary.count > html.len() {
                    let key = crate::log_path::percent_encode(&summary.key, b"");
                    context.insert("all_url", &format!("../index.html?tag={key}"));
                }
                self.put_with_rows(sink, &summary.path, "tag.html", context, "rows", &html)
            })?;
        Ok(keys)
    }
}
