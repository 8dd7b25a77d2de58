//! The relations page: every supersession and link between records, as an SVG graph
//! and a table.

use std::collections::{BTreeSet, HashMap};

use tera::Context;

use crate::error::Result;
use crate::site::rows::Rows;
use crate::site::views::RelationRow;
use crate::site::{PageSink, Site, graph, key_of};

impl Site {
    /// `relations.html`, unless its inputs are those of the last build; returns its key.
    pub(crate) fn put_relations_page(
        &self,
        sink: &dyn PageSink,
        relations: &graph::Relations,
        record_entry: &[usize],
        rows: &Rows,
        row_hashes: &[u128],
        unchanged: &(dyn Fn(&str, u128) -> bool + Sync),
    ) -> Result<u128> {
        let key = relations_key(relations, record_entry, row_hashes);
        if unchanged(RELATIONS_PAGE, key) {
            return Ok(key);
        }
        let page = relations_page(relations, record_entry, rows);
        let mut context = self.context("", "Relations", "relations", RELATIONS_PAGE);
        context.insert("relation_count", &relations.edges.len());
        context.insert("supersession_count", &page.supersessions);
        context.insert("link_count", &page.links);
        context.insert("related_count", &page.related);
        context.insert("drawn_count", &page.drawn);
        context.insert("graph_capped", &(page.drawn < page.related));
        context.insert("record_count", &record_entry.len());
        // The graph is small (at most `MAX_GRAPH_NODES` records); the table holds every
        // relation (38 MB at 100,000 records), so its pieces are rendered as they are
        // written, never held together.
        context.insert("svg", &page.svg);
        let edges: Vec<&graph::Edge> = relations.edges.iter().collect();
        let pieces: Vec<&[&graph::Edge]> = edges.chunks(PIECE_EDGES).collect();
        let piece = |at: usize| {
            let piece = pieces.get(at).copied().unwrap_or_default();
            self.render_relation_rows(relations, record_entry, rows, piece)
        };
        self.put_with_pieces(
            sink,
            (RELATIONS_PAGE, "relations.html"),
            context,
            "relation_rows",
            (pieces.len(), &piece),
        )?;
        Ok(key)
    }

    /// One piece of the rows of the relations table (`edges`, at most [`PIECE_EDGES`]).
    pub(crate) fn render_relation_rows(
        &self,
        relations: &graph::Relations,
        record_entry: &[usize],
        rows: &Rows,
        edges: &[&graph::Edge],
    ) -> Result<String> {
        let reference = |index: usize| rows.reference(*record_entry.get(index)?);
        let row_of = |edge: &&graph::Edge| {
            Some(RelationRow {
                from: reference(edge.from)?,
                relation: match edge.kind {
                    graph::EdgeKind::Supersedes => "supersedes".to_string(),
                    graph::EdgeKind::SupersededBy => "is superseded by".to_string(),
                    graph::EdgeKind::Links => "links to".to_string(),
                    // `Amends` → `amends`, `Depended on by` → `is depended on by`.
                    kind @ graph::EdgeKind::Typed(_) => typed_phrase(relations.verb(kind)),
                },
                to: reference(edge.to)?,
            })
        };
        edges
            .chunks(self.rows_per_render())
            .map(|chunk| {
                let rows: Vec<RelationRow> = chunk.iter().filter_map(row_of).collect();
                let mut context = Context::new();
                context.insert("relations", &rows);
                context.insert("root", "");
                self.render_by_skeleton("relation-rows.html", context)
            })
            .collect::<Result<String>>()
    }
}

pub(crate) const RELATIONS_PAGE: &str = "relations.html";
/// Relations per piece of the table: enough to keep both cores busy, few enough pieces that
/// each is a string of its own (a row each would be 300,000 strings at 100,000 records).
const PIECE_EDGES: usize = 1000;
/// What the relations page shows, computed while the records are still loaded.
pub(crate) struct RelationsPage {
    svg: String,
    supersessions: usize,
    links: usize,
    related: usize,
    /// Records in the graph: the newest [`MAX_GRAPH_NODES`] of those related.
    drawn: usize,
}

/// The most records the graph draws.
const MAX_GRAPH_NODES: usize = 200;

fn relations_page(
    relations: &graph::Relations,
    record_entry: &[usize],
    rows: &Rows,
) -> RelationsPage {
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
    let edges: Vec<(usize, usize, &str)> = relations
        .edges
        .iter()
        .map(|edge| (edge.from, edge.to, edge.kind.name()))
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
