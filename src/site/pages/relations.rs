//! The relations page, `relations.html`: every supersession and link between records, as
//! an SVG graph and a table. A log longer than [`RANGE_ROWS`] rows has the table in pages
//! of its own, `relations/<k>.html`, one per [`RANGE_ROWS`] rows of the records that state
//! the relations, and `relations.html` keeps the graph, the counts and a list of those
//! pages: a one-record change that adds or drops a link rewrites that record's page of
//! relations and the overview, never a table of the whole log (39 MB at 100,000 records,
//! too big for a browser to open).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use tera::Context;

use crate::error::Result;
use crate::site::rows::Rows;
use crate::site::views::RelationRow;
use crate::site::{PageSink, Site, graph, key_of};

impl Site {
    /// `relations.html` and, for a log longer than [`RANGE_ROWS`] rows, its pages of
    /// relations, each unless its inputs are those of the last build; returns every path
    /// with its key.
    pub(crate) fn put_relations_pages(
        &self,
        sink: &dyn PageSink,
        relations: &graph::Relations,
        record_entry: &[usize],
        rows: &Rows,
        row_hashes: &[u128],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<Vec<(String, u128)>> {
        let on = Relating {
            relations,
            record_entry,
            rows,
        };
        if rows.len() <= RANGE_ROWS {
            let key = relations_key(relations, record_entry, row_hashes);
            if !unchanged(RELATIONS_PAGE, key) {
                let edges: Vec<&graph::Edge> = relations.edges.iter().collect();
                self.put_overview(sink, &on, &relations_page(&on), Ok(&edges))?;
            }
            return Ok(vec![(RELATIONS_PAGE.to_string(), key)]);
        }
        let ranges = ranges_of(&on);
        let row_hash = |index: usize| {
            record_entry
                .get(index)
                .and_then(|&entry| row_hashes.get(entry))
                .copied()
                .unwrap_or_default()
        };
        let mut keys = ranges
            .par_iter()
            .enumerate()
            .map(|(at, range)| {
                let around = (
                    at.checked_sub(1).and_then(|before| ranges.get(before)),
                    ranges.get(at + 1),
                );
                let shown: Vec<(u128, u128, Cow<'_, str>)> = range
                    .edges
                    .iter()
                    .map(|edge| {
                        let phrase = phrase(relations, edge.kind);
                        (row_hash(edge.from), row_hash(edge.to), phrase)
                    })
                    .collect();
                let key = key_of(&[
                    &range.summary,
                    &around.0.map(|range| &range.summary),
                    &around.1.map(|range| &range.summary),
                    &shown,
                    &record_entry.len(),
                ]);
                if !unchanged(&range.summary.url, key) {
                    self.put_range_page(sink, &on, range, around)?;
                }
                Ok((range.summary.url.clone(), key))
            })
            .collect::<Result<Vec<_>>>()?;
        let page = relations_page(&on);
        let summaries: Vec<&RangeSummary> = ranges.iter().map(|range| &range.summary).collect();
        let key = key_of(&[
            &page,
            &summaries,
            &record_entry.len(),
            &relations.edges.len(),
        ]);
        if !unchanged(RELATIONS_PAGE, key) {
            self.put_overview(sink, &on, &page, Err(&summaries))?;
        }
        keys.push((RELATIONS_PAGE.to_string(), key));
        Ok(keys)
    }

    /// `relations.html`: the counts, the graph and either the table of every relation (`Ok`)
    /// or the list of the pages that hold it (`Err`).
    fn put_overview(
        &self,
        sink: &dyn PageSink,
        on: &Relating<'_>,
        page: &RelationsPage,
        table: std::result::Result<&[&graph::Edge], &[&RangeSummary]>,
    ) -> Result<()> {
        let mut context = self.context("", "Relations", "relations", RELATIONS_PAGE);
        context.insert("relation_count", &on.relations.edges.len());
        context.insert("supersession_count", &page.supersessions);
        context.insert("link_count", &page.links);
        context.insert("related_count", &page.related);
        context.insert("drawn_count", &page.drawn);
        context.insert("graph_capped", &(page.drawn < page.related));
        context.insert("record_count", &on.record_entry.len());
        context.insert("svg", &page.svg);
        match table {
            Ok(edges) => {
                // The table of a log this short is small; the pieces are rendered as they are
                // written all the same, and a longer log's is in pages of its own.
                let pieces: Vec<&[&graph::Edge]> = edges.chunks(PIECE_EDGES).collect();
                let piece = |at: usize| {
                    let piece = pieces.get(at).copied().unwrap_or_default();
                    self.render_relation_rows(on, piece, "")
                };
                self.put_with_pieces(
                    sink,
                    (RELATIONS_PAGE, "relations.html"),
                    context,
                    "relation_rows",
                    (pieces.len(), &piece),
                )
            }
            Err(ranges) => {
                context.insert("ranges", ranges);
                context.insert("range_rows", &RANGE_ROWS);
                // An overriding template written before the table had pages of its own
                // still renders, with an empty table.
                context.insert("relation_rows", "");
                self.put_page(sink, RELATIONS_PAGE, "relations.html", &context)
            }
        }
    }

    /// `relations/<k>.html`: the relations stated by the records of one range of rows, with
    /// links to the ranges `around` it.
    fn put_range_page(
        &self,
        sink: &dyn PageSink,
        on: &Relating<'_>,
        range: &Range<'_>,
        around: (Option<&Range<'_>>, Option<&Range<'_>>),
    ) -> Result<()> {
        let summary = &range.summary;
        let title = format!("Relations of {} to {}", summary.first, summary.last);
        let mut context = self.context("../", &title, "relations", &summary.url);
        context.insert("range", summary);
        context.insert("previous", &around.0.map(|range| &range.summary));
        context.insert("next", &around.1.map(|range| &range.summary));
        context.insert("record_count", &on.record_entry.len());
        let html = self.render_relation_rows(on, &range.edges, "../")?;
        self.put_with_rows(
            sink,
            &summary.url,
            "relation-range.html",
            context,
            "relation_rows",
            &[&html],
        )
    }

    /// Rows of a relations table (`edges`) for a page at `root`.
    fn render_relation_rows(
        &self,
        on: &Relating<'_>,
        edges: &[&graph::Edge],
        root: &str,
    ) -> Result<String> {
        let reference = |index: usize| on.rows.reference(*on.record_entry.get(index)?);
        let row_of = |edge: &&graph::Edge| {
            Some(RelationRow {
                from: reference(edge.from)?,
                relation: phrase(on.relations, edge.kind).into_owned(),
                to: reference(edge.to)?,
            })
        };
        edges
            .chunks(self.rows_per_render())
            .map(|chunk| {
                let rows: Vec<RelationRow> = chunk.iter().filter_map(row_of).collect();
                let mut context = Context::new();
                context.insert("relations", &rows);
                context.insert("root", root);
                self.render_by_skeleton("relation-rows.html", context)
            })
            .collect::<Result<String>>()
    }
}

/// What the relations pages are made from.
#[derive(Clone, Copy)]
struct Relating<'a> {
    relations: &'a graph::Relations,
    /// Each record's row.
    record_entry: &'a [usize],
    rows: &'a Rows<'a>,
}

/// How the table says what an edge states.
fn phrase(relations: &graph::Relations, kind: graph::EdgeKind) -> Cow<'static, str> {
    match kind {
        graph::EdgeKind::Supersedes => Cow::Borrowed("supersedes"),
        graph::EdgeKind::SupersededBy => Cow::Borrowed("is superseded by"),
        graph::EdgeKind::Links => Cow::Borrowed("links to"),
        // `Amends` → `amends`, `Depended on by` → `is depended on by`.
        graph::EdgeKind::Typed(_) => Cow::Owned(typed_phrase(relations.verb(kind))),
    }
}

pub(crate) const RELATIONS_PAGE: &str = "relations.html";

/// Rows per page of relations: a page holds the relations its [`RANGE_ROWS`] records state
/// (372 KB in the generated 10,000-record log, at 1.35 relations a record), and a log this
/// short has none.
pub(crate) const RANGE_ROWS: usize = 1000;

/// A page of relations: those stated by the records of a range of rows, in the order of
/// [`graph::Relations::edges`].
struct Range<'a> {
    summary: RangeSummary,
    edges: Vec<&'a graph::Edge>,
}

/// A page of relations as the overview lists it.
#[derive(serde::Serialize)]
struct RangeSummary {
    /// Its path in the site, which is its URL from the root.
    url: String,
    /// The labels of the range's first and last rows.
    first: String,
    last: String,
    /// Relations on the page.
    count: usize,
}

/// The relations grouped by the range of rows of the record that states each: the ranges
/// with a relation, in order.
fn ranges_of<'a>(on: &Relating<'a>) -> Vec<Range<'a>> {
    let mut grouped: Vec<Vec<&graph::Edge>> = vec![Vec::new(); on.rows.len().div_ceil(RANGE_ROWS)];
    for edge in &on.relations.edges {
        if let Some(group) = on
            .record_entry
            .get(edge.from)
            .and_then(|entry| grouped.get_mut(entry / RANGE_ROWS))
        {
            group.push(edge);
        }
    }
    let label = |position: usize| {
        on.rows
            .label(position)
            .unwrap_or_else(|| format!("row {}", position + 1))
    };
    grouped
        .into_iter()
        .enumerate()
        .filter(|(_, edges)| !edges.is_empty())
        .map(|(at, edges)| {
            let first = at * RANGE_ROWS;
            let last = (first + RANGE_ROWS).min(on.rows.len()) - 1;
            Range {
                summary: RangeSummary {
                    url: format!("relations/{}.html", at + 1),
                    first: label(first),
                    last: label(last),
                    count: edges.len(),
                },
                edges,
            }
        })
        .collect()
}

/// Relations per piece of the table: enough to keep both cores busy, few enough pieces that
/// each is a string of its own (a row each would be 300,000 strings at 100,000 records).
const PIECE_EDGES: usize = 1000;
/// What the relations page shows besides the table.
#[derive(serde::Serialize)]
struct RelationsPage {
    svg: String,
    supersessions: usize,
    links: usize,
    related: usize,
    /// Records in the graph: the newest [`MAX_GRAPH_NODES`] of those related.
    drawn: usize,
}

/// The most records the graph draws.
const MAX_GRAPH_NODES: usize = 200;

fn relations_page(on: &Relating<'_>) -> RelationsPage {
    let Relating {
        relations,
        record_entry,
        rows,
    } = *on;
    let all_related = relations.related_records();
    // At thousands of related records the graph is a grey band tens of thousands of pixels
    // tall: it shows the newest ones, and the table below every relation.
    let related = all_related
        .get(all_related.len().saturating_sub(MAX_GRAPH_NODES)..)
        .unwrap_or_default();
    let row_of: HashMap<usize, usize> = related
        .iter()
        .enumerate()
        .map(|(row, &record)| (record, row))
        .collect();
    let briefs: Vec<crate::site::views::Neighbour> = related
        .iter()
        .filter_map(|&index| rows.neighbour(*record_entry.get(index)?, false))
        .collect();
    let nodes: Vec<graph::SvgNode<'_>> = briefs
        .iter()
        .map(|brief| graph::SvgNode {
            label: brief.label.clone(),
            title: brief.title.clone(),
            url: brief.url.clone(),
            status_class: &brief.status_class,
        })
        .collect();
    // One arc per supersession, from the new record to the old one, however many sides
    // state it; links after it, drawn beneath.
    let mut arcs: BTreeSet<(bool, usize, usize)> = BTreeSet::new();
    for edge in &relations.edges {
        let (Some(&from), Some(&to)) = (row_of.get(&edge.from), row_of.get(&edge.to)) else {
            continue;
        };
        arcs.insert(match edge.kind {
            graph::EdgeKind::Supersedes => (true, from, to),
            graph::EdgeKind::SupersededBy => (true, to, from),
            graph::EdgeKind::Links | graph::EdgeKind::Typed(_) => (false, from, to),
        });
    }
    let arcs: Vec<(usize, usize, graph::EdgeKind)> = arcs
        .into_iter()
        .map(|(is_supersession, from, to)| {
            let kind = if is_supersession {
                graph::EdgeKind::Supersedes
            } else {
                graph::EdgeKind::Links
            };
            (from, to, kind)
        })
        .collect();
    // A supersession stated on both sides is one supersession.
    let supersessions = relations
        .edges
        .iter()
        .filter(|edge| {
            matches!(
                edge.kind,
                graph::EdgeKind::Supersedes | graph::EdgeKind::SupersededBy
            )
        })
        .map(|edge| (edge.from.min(edge.to), edge.from.max(edge.to)))
        .collect::<BTreeSet<_>>()
        .len();
    let links = relations
        .edges
        .iter()
        .filter(|edge| {
            matches!(
                edge.kind,
                graph::EdgeKind::Links | graph::EdgeKind::Typed(_)
            )
        })
        .count();
    RelationsPage {
        svg: if nodes.is_empty() {
            String::new()
        } else {
            graph::to_svg(&nodes, &arcs)
        },
        supersessions,
        links,
        related: all_related.len(),
        drawn: nodes.len(),
    }
}

/// A hash of what the relations page shows: the edges and the rows of the records on them.
fn relations_key(
    relations: &graph::Relations,
    record_entry: &[usize],
    row_hashes: &[u128],
) -> u128 {
    // Each edge as its row says it: `kind.name()` calls every typed relation `links`, and
    // a record that changed `Amends` to `Clarifies` kept the table saying `amends`.
    let edges: Vec<(usize, usize, Cow<'_, str>)> = relations
        .edges
        .iter()
        .map(|edge| (edge.from, edge.to, phrase(relations, edge.kind)))
        .collect();
    let nodes: Vec<Option<u128>> = relations
        .related_records()
        .into_iter()
        .map(|index| row_hashes.get(*record_entry.get(index)?).copied())
        .collect();
    key_of(&[&edges, &nodes, &record_entry.len()])
}

/// A typed relation as the relations table says it: `Amends` → `amends`, `Amended by` →
/// `is amended by`.
fn typed_phrase(label: &str) -> String {
    let lower = label.to_lowercase();
    if lower.ends_with(" by") && !lower.starts_with("is ") {
        format!("is {lower}")
    } else {
        lower
    }
}
