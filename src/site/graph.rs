//! The relations between records, as the records state them: `superseded by` in a status,
//! `supersedes` links and keys, and plain links from one record to another. `adr graph`
//! prints them as Mermaid, Graphviz DOT or JSON; the site draws them as an SVG laid out
//! here, so the page needs no script and no network.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::model::{LinkKind, Log, Record, RecordLookup, RecordRef};
use crate::relation::RelationKinds;

/// What an edge says, from its `from` record's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// `from` says it supersedes `to`.
    Supersedes,
    /// `from`'s status says it is superseded by `to`.
    SupersededBy,
    /// `from` links to `to`.
    Links,
    /// `from` states a typed relation to `to` (`Amends`): the label is
    /// `Relations::labels[index]`.
    Typed(u16),
}

impl EdgeKind {
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Supersedes => "supersedes",
            EdgeKind::SupersededBy => "superseded-by",
            EdgeKind::Links | EdgeKind::Typed(_) => "links",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            EdgeKind::Supersedes => "supersedes",
            EdgeKind::SupersededBy => "superseded by",
            EdgeKind::Links | EdgeKind::Typed(_) => "links to",
        }
    }
}

/// An edge between two records, by their index in `Log::records`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
}

/// Every relation of a log, sorted and without duplicates.
#[derive(Debug, Default)]
pub struct Relations {
    pub edges: BTreeSet<Edge>,
    /// The labels of typed edges as first written (`Amends`, `Clarified by`), by index.
    pub labels: Vec<String>,
}

impl Relations {
    /// Supersessions, typed relations of the built-in kinds and links, as the records
    /// state them (needs fully parsed records).
    pub fn of(log: &Log) -> Relations {
        Relations::of_kinds(log, &RelationKinds::new(&[]))
    }

    /// Supersessions, typed relations (`kinds` says which labels count outside a Status
    /// section) and links.
    pub fn of_kinds(log: &Log, kinds: &RelationKinds) -> Relations {
        let mut relations = Relations::supersessions(log);
        for (from, record) in log.records.iter().enumerate() {
            for relation in record.relations.iter().filter(|r| kinds.counts(r)) {
                if let Some(to) = log.lookup().resolve_at(from, &relation.target)
                    && to != from
                {
                    let label = kinds.canonical(&relation.label).unwrap_or(&relation.label);
                    relations.add_typed(from, to, label);
                }
            }
        }
        let lookup = log.lookup();
        let links = log.records.iter().enumerate().flat_map(|(from, record)| {
            record
                .links
                .iter()
                .filter(|link| link.kind == LinkKind::Link && link.is_relative())
                .filter_map(move |link| {
                    // A link counts when it names a record's file (as `resolve` finds a link
                    // target).
                    let path = link.target.split(['#', '?']).next().unwrap_or("");
                    let name = path.rsplit('/').next().unwrap_or(path);
                    Some((from, lookup.by_file_name(name)?))
                })
        });
        relations.add_links(links);
        relations
    }

    /// The supersessions only: `superseded by` in statuses, `supersedes` links and keys.
    pub fn supersessions(log: &Log) -> Relations {
        // `superseded by 4 and 7` names two successors.
        let successors: Vec<Vec<RecordRef>> = log
            .records
            .iter()
            .map(|record| {
                record
                    .status
                    .as_ref()
                    .map_or_else(Vec::new, |s| s.successors())
            })
            .collect();
        Relations::supersessions_of(
            log.records
                .iter()
                .zip(&successors)
                .map(|(record, successors)| {
                    (
                        successors.iter().collect::<Vec<_>>(),
                        record
                            .supersedes
                            .iter()
                            .map(|reference| &reference.value)
                            .collect::<Vec<_>>(),
                    )
                }),
            log.lookup(),
        )
    }

    /// The supersessions of records given in log order as (`superseded by`, `supersedes`),
    /// resolved with `lookup`.
    pub fn supersessions_of<'r>(
        records: impl Iterator<Item = (Vec<&'r RecordRef>, Vec<&'r RecordRef>)>,
        lookup: &RecordLookup,
    ) -> Relations {
        let mut edges = BTreeSet::new();
        for (from, (superseded_by, supersedes)) in records.enumerate() {
            for to in superseded_by
                .into_iter()
                .filter_map(|reference| lookup.resolve_at(from, reference))
                .filter(|to| *to != from)
            {
                edges.insert(Edge {
                    from,
                    to,
                    kind: EdgeKind::SupersededBy,
                });
            }
            for reference in supersedes {
                if let Some(to) = lookup.resolve_at(from, reference)
                    && to != from
                {
                    edges.insert(Edge {
                        from,
                        to,
                        kind: EdgeKind::Supersedes,
                    });
                }
            }
        }
        Relations {
            edges,
            labels: Vec::new(),
        }
    }

    /// A typed relation (`Amends`) from one record to another.
    pub fn add_typed(&mut self, from: usize, to: usize, label: &str) {
        let index = match self.labels.iter().position(|known| known == label) {
            Some(index) => index,
            None => {
                self.labels.push(label.to_string());
                self.labels.len() - 1
            }
        };
        let Ok(index) = u16::try_from(index) else {
            return; // 65,536 different labels: the rest are drawn as plain links
        };
        self.edges.insert(Edge {
            from,
            to,
            kind: EdgeKind::Typed(index),
        });
    }

    /// What an edge says, as a verb phrase: `supersedes`, `links to`, `Amends`.
    pub fn verb(&self, kind: EdgeKind) -> &str {
        match kind {
            EdgeKind::Typed(index) => self
                .labels
                .get(usize::from(index))
                .map_or("links to", String::as_str),
            other => other.verb(),
        }
    }

    /// An edge's kind as data: `supersedes`, `superseded-by`, `links`, `amends`,
    /// `depends-on`.
    pub fn kind_name(&self, kind: EdgeKind) -> String {
        match kind {
            EdgeKind::Typed(_) => crate::relation::kind_key(self.verb(kind)),
            other => other.name().to_string(),
        }
    }

    /// Links from one record to another (`(from, to)`), each unless it is the record's own
    /// supersession (`superseded by [0007](0007-x.md)` is a link too), a typed relation
    /// already, or points at itself. All at once: at 99,999 records, four lookups in the
    /// tree per link, one link at a time, were 50 ms of a one-record re-render.
    pub fn add_links(&mut self, links: impl IntoIterator<Item = (usize, usize)>) {
        // An edge already there (a supersession, a typed relation, the same link) hides a
        // link between the same two records.
        let stated: std::collections::HashSet<(usize, usize), foldhash::fast::RandomState> =
            self.edges.iter().map(|edge| (edge.from, edge.to)).collect();
        let mut edges: Vec<Edge> = std::mem::take(&mut self.edges).into_iter().collect();
        edges.extend(
            links
                .into_iter()
                .filter(|&(from, to)| from != to && !stated.contains(&(from, to)))
                .map(|(from, to)| Edge {
                    from,
                    to,
                    kind: EdgeKind::Links,
                }),
        );
        // Collected from a vector, the tree is sorted once and built in bulk.
        self.edges = edges.into_iter().collect();
    }

    /// Records at either end of some edge, in log order.
    pub fn related_records(&self) -> Vec<usize> {
        let set: BTreeSet<usize> = self
            .edges
            .iter()
            .flat_map(|edge| [edge.from, edge.to])
            .collect();
        set.into_iter().collect()
    }
}

/// How a record is named in `adr graph` output (`backend:0003 Title` with several logs).
fn node_label(log: &Log, record: &Record) -> String {
    let number = crate::index::number_label(record);
    match log.log_name_of(record) {
        Some(name) => format!("{name}:{number} {}", record.display_title()),
        None => format!("{number} {}", record.display_title()),
    }
}

fn status_of(record: &Record) -> Option<String> {
    record.status_word()
}

/// A Mermaid flowchart: one node per record, solid arrows for supersession, dotted for links.
pub fn to_mermaid(log: &Log, relations: &Relations) -> String {
    let mut out = String::from("flowchart TB\n");
    for (index, record) in log.records.iter().enumerate() {
        let _ = writeln!(
            out,
            "    n{index}[\"{}\"]",
            mermaid_text(&node_label(log, record))
        );
    }
    for edge in &relations.edges {
        let arrow = match edge.kind {
            EdgeKind::Supersedes | EdgeKind::SupersededBy => "==>",
            EdgeKind::Typed(_) => "-->",
            EdgeKind::Links => "-.->",
        };
        let _ = writeln!(
            out,
            "    n{} {arrow}|{}| n{}",
            edge.from,
            mermaid_text(relations.verb(edge.kind)),
            edge.to
        );
    }
    out
}

/// Mermaid reads `"` as the end of a label and `#…;` as an entity; its own entity codes
/// are the escape.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Graphviz digraph; `dot -Tsvg` draws it.
pub fn to_dot(log: &Log, relations: &Relations) -> String {
    let mut out = String::from(
        "digraph adr {\n    rankdir=TB;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for (index, record) in log.records.iter().enumerate() {
        let status = status_of(record)
            .map(|status| format!("\\n({})", dot_text(&status)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    n{index} [label=\"{}{status}\", URL=\"{}\"];",
            dot_text(&node_label(log, record)),
            url_path(&record.rel_path)
        );
    }
    for edge in &relations.edges {
        let style = match edge.kind {
            EdgeKind::Supersedes | EdgeKind::SupersededBy => "bold",
            EdgeKind::Typed(_) => "solid",
            EdgeKind::Links => "dashed",
        };
        let _ = writeln!(
            out,
            "    n{} -> n{} [label=\"{}\", style={style}];",
            edge.from,
            edge.to,
            dot_text(relations.verb(edge.kind))
        );
    }
    out.push_str("}\n");
    out
}

/// A path as a URL path: Graphviz copies `URL` into its SVG unescaped, so anything that
/// could end the attribute is percent-encoded here.
fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Text inside a DOT double-quoted string: quotes and backslashes escaped (a backslash
/// would otherwise start an escape such as `\N`), line breaks as spaces.
fn dot_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `{"nodes": [...], "edges": [...]}`. A record is named by its number, or by its file
/// name without `.md` in a log whose records have none.
pub fn to_json(log: &Log, relations: &Relations) -> serde_json::Value {
    let id = |record: &Record| match record.number() {
        Some(number) => serde_json::Value::from(number),
        None => serde_json::Value::from(
            record
                .rel_path
                .rsplit('/')
                .next()
                .unwrap_or(&record.rel_path)
                .trim_end_matches(".md"),
        ),
    };
    let nodes: Vec<serde_json::Value> = log
        .records
        .iter()
        .map(|record| {
            serde_json::json!({
                "number": id(record),
                "title": record.display_title(),
                "status": status_of(record),
                "path": record.rel_path,
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = relations
        .edges
        .iter()
        .filter_map(|edge| {
            let from = log.records.get(edge.from)?;
            let to = log.records.get(edge.to)?;
            Some(serde_json::json!({
                "from": id(from),
                "to": id(to),
                "kind": relations.kind_name(edge.kind),
            }))
        })
        .collect();
    serde_json::json!({ "nodes": nodes, "edges": edges })
}

/// One row of the drawing: a record taking part in some relation.
pub struct SvgNode<'a> {
    pub label: String,
    pub title: String,
    /// The page's URL, relative to the page the SVG is on.
    pub url: String,
    /// The status class (`accepted`, `superseded`, …) for the dot's colour.
    pub status_class: &'a str,
}

const ROW_HEIGHT: usize = 30;
const TOP: usize = 16;
/// Where the dots stand when the longest arc needs the whole margin.
const MAX_DOT_X: usize = 220;
const WIDTH: usize = 900;
const MAX_TITLE_CHARS: usize = 80;

/// An arc diagram: one row per related record in log order, arcs on the left joining the
/// rows, supersession solid and links dashed. Rows never move and arcs never cross text,
/// so a log of any size stays readable without a layout solver or a script.
pub fn to_svg(nodes: &[SvgNode<'_>], edges: &[(usize, usize, EdgeKind)]) -> String {
    let height = TOP * 2 + nodes.len().max(1) * ROW_HEIGHT;
    let mut out = String::with_capacity(nodes.len() * 220 + edges.len() * 120 + 1024);
    // `group`, not `img`: the rows are links, and an image cannot hold interactive content
    // (axe's `nested-interactive`).
    let _ = write!(
        out,
        "<svg class=\"relations\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"group\" aria-labelledby=\"relations-title\">\
<title id=\"relations-title\">Relations between {} decisions: supersession as solid arcs, links as dashed arcs</title>\
<defs><marker id=\"arrow-supersede\" class=\"arrow-supersede\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>\
<marker id=\"arrow-link\" class=\"arrow-link\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>",
        nodes.len()
    );
    let row_y = |row: usize| TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2;
    // The margin is as wide as the widest arc needs, so a small log's rows start near the left.
    let widest = edges
        .iter()
        .map(|&(from, to, _)| arc_bulge(from.abs_diff(to)))
        .fold(0.0, f64::max);
    let dot_x = ((widest + 28.0) as usize).clamp(48, MAX_DOT_X);
    out.push_str("<g class=\"arcs\">");
    // Links first, so supersession arcs are drawn over them.
    let ordered = edges
        .iter()
        .filter(|edge| edge.2 == EdgeKind::Links)
        .chain(edges.iter().filter(|edge| edge.2 != EdgeKind::Links));
    for &(from, to, kind) in ordered {
        let (y1, y2) = (row_y(from), row_y(to));
        let distance = from.abs_diff(to);
        // Wider arcs for longer spans, so nested arcs stay apart; capped to the margin.
        let bulge = arc_bulge(distance);
        let control_x = dot_x as f64 - bulge * 1.33;
        let class = match kind {
            EdgeKind::Supersedes | EdgeKind::SupersededBy => "arc arc-supersede",
            EdgeKind::Links | EdgeKind::Typed(_) => "arc arc-link",
        };
        let marker = match kind {
            EdgeKind::Supersedes | EdgeKind::SupersededBy => "arrow-supersede",
            EdgeKind::Links | EdgeKind::Typed(_) => "arrow-link",
        };
        let _ = write!(
            out,
            "<path class=\"{class}\" marker-end=\"url(#{marker})\" d=\"M{x},{y1} C{control_x:.1},{y1} {control_x:.1},{y2} {x},{y2}\"/>",
            x = dot_x - 9,
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for (row, node) in nodes.iter().enumerate() {
        let y = row_y(row);
        let title: String = if node.title.chars().count() > MAX_TITLE_CHARS {
            let cut: String = node.title.chars().take(MAX_TITLE_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            node.title.clone()
        };
        let _ = write!(
            out,
            "<a href=\"{url}\"><circle class=\"dot status-{status}\" cx=\"{dot_x}\" cy=\"{y}\" r=\"7\"/>\
<text class=\"node-label\" x=\"{tx}\" y=\"{ty}\"><tspan class=\"node-number\">{label}</tspan> {title}</text></a>",
            url = escape(&node.url),
            status = escape(node.status_class),
            tx = dot_x + 16,
            ty = y + 5,
            label = escape(&node.label),
            title = escape(&title),
        );
    }
    out.push_str("</g></svg>");
    out
}

/// How far left of the dots an arc between rows `distance` apart reaches: longer spans
/// reach further, so nested arcs stay apart.
fn arc_bulge(distance: usize) -> f64 {
    (20.0 + 18.0 * (distance as f64).sqrt()).min((MAX_DOT_X - 40) as f64)
}

/// Escapes text for HTML and SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    // Every value of every page passes through here: copy the runs between special
    // characters whole rather than pushing character by character.
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The special characters are ASCII, so `at` is a character boundary.
        out.push_str(text.get(run_start..at).unwrap_or(""));
        out.push_str(entity);
        run_start = at + 1;
    }
    out.push_str(text.get(run_start..).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn escaping_replaces_exactly_the_five_characters(text in "[a-zé<>&\"' ]{0,40}") {
            let naive: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape(&text), naive);
        }
    }

    #[test]
    fn a_link_is_added_unless_it_points_at_itself_or_another_relation_joins_the_same_records() {
        let mut relations = Relations::default();
        relations.edges.insert(Edge {
            from: 0,
            to: 1,
            kind: EdgeKind::SupersededBy,
        });
        relations.edges.insert(Edge {
            from: 1,
            to: 0,
            kind: EdgeKind::Supersedes,
        });
        relations.add_typed(2, 3, "Amends");
        relations.add_links([
            (0, 1),
            (1, 0),
            (2, 3),
            (3, 3),
            (3, 2),
            (4, 0),
            (3, 2),
            (0, 4),
        ]);
        let edges: Vec<(usize, usize, EdgeKind)> = relations
            .edges
            .iter()
            .map(|edge| (edge.from, edge.to, edge.kind))
            .collect();
        assert_eq!(
            edges,
            [
                (0, 1, EdgeKind::SupersededBy),
                (0, 4, EdgeKind::Links),
                (1, 0, EdgeKind::Supersedes),
                (2, 3, EdgeKind::Typed(0)),
                (3, 2, EdgeKind::Links),
                (4, 0, EdgeKind::Links),
            ]
        );
    }

    #[test]
    fn labels_are_escaped_for_each_format() {
        assert_eq!(
            mermaid_text("Use \"X\" #1 <b>"),
            "Use #quot;X#quot; #35;1 #lt;b#gt;"
        );
        assert_eq!(dot_text("a \"b\" \\N"), "a \\\"b\\\" \\\\N");
        assert_eq!(escape("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }
}
