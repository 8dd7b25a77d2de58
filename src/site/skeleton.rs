//! Page skeletons: a built-in template rendered once for each *shape* of its context
//! (which values are present, empty or zero, how long each list is), with a marker in place
//! of every other string and number; a page of a shape seen before is that skeleton with
//! the page's own values put where the markers were, escaped where the template escaped
//! them.
//!
//! Why: at 10,000 records the record pages and index rows are 30,000 template renders, and
//! tera's lookups (each dotted path rebuilt with `str::replace`, about 2,000 instructions a
//! lookup, counted by callgrind) cost more than the Markdown of the bodies. A skeleton makes
//! the same bytes as tera for any template that only prints values and branches on their
//! presence. A template that compares, measures or filters a value could render differently
//! for two values of one shape, so the site uses skeletons only for its built-in templates,
//! whose one comparison (`page.section`) is on a value kept in the shape, and renders every
//! page with tera once a template is overridden. A test renders a log both ways and compares
//! the bytes.
//!
//! Measured against the simplest alternative, plain tera for every page (issue 15: a fast
//! path stays only if it buys 10 % of a budgeted command at 10,000 records). A first
//! `adr render -o DIR` of a 10,000-record log (`bench/gen.py DIR 10000`), release build,
//! six runs each, alternated, output on tmpfs, on a 2-core machine shared with other jobs
//! (load average 15), skeletons on vs. off (`--templates` holding an unchanged copy of
//! `layout.html.tera`, which turns them off):
//!
//! | | CPU (user + sys), mean | wall, median |
//! |---|---|---|
//! | skeletons | 1.31 s | 3.5 s |
//! | tera for every page | 1.56 s | 4.3 s |
//!
//! The skeletons save 16 % of the render's CPU and 18 % of its wall time, so they stay.
//! Measured again after the site was split into pages (six runs each, load average 8):
//! CPU 1.23 s vs. 1.44 s, wall 2.4 s vs. 2.9 s median, 15 % either way; the same as the
//! build before the split (1.31 s with skeletons).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, RwLock};

use serde_json::{Map, Number, Value};
use xxhash_rust::xxh3::Xxh3;

use crate::error::Result;

/// Shapes kept per template at most: a log whose pages all differ in shape gains nothing.
const MAX_SHAPES: usize = 4096;

/// Starts a marker; a private-use character, which no built-in template contains.
const MARKER_START: char = '\u{E000}';
/// Ends a marker: the escaping turns it into `&amp;`, which tells an escaped marker from one
/// printed raw (`| safe`).
const MARKER_END: &str = "&";
const MARKER_END_ESCAPED: &str = "&amp;";

/// The skeletons of the pages made so far, by template and shape.
pub struct Skeletons {
    enabled: bool,
    /// Fields whose values the templates compare: part of the shape, never markers; as
    /// (top-level key, field).
    kept: &'static [(&'static str, &'static str)],
    /// `None` for a shape whose rendering lost or altered a marker: those pages go to tera.
    by_shape: RwLock<HashMap<ShapeKey, Option<Arc<Skeleton>>>>,
}

/// A template's name and the hash of a context's shape.
type ShapeKey = (&'static str, u128);

/// One value of a page, in the order of its marker.
enum Leaf<'v> {
    Text(&'v str),
    Number(&'v Number),
}

struct Skeleton {
    text: String,
    parts: Vec<Part>,
}

#[derive(Debug, PartialEq)]
enum Part {
    Text(Range<usize>),
    Value { leaf: usize, escaped: bool },
}

impl Skeletons {
    /// `enabled` only for templates known to print values without comparing or filtering
    /// them, except the `kept` fields.
    pub fn new(enabled: bool, kept: &'static [(&'static str, &'static str)]) -> Skeletons {
        Skeletons {
            enabled,
            kept,
            by_shape: RwLock::new(HashMap::new()),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The page `template` makes from `context` (an object), the same bytes as
    /// `render(context)`, which renders with tera.
    pub fn render(
        &self,
        template: &'static str,
        context: Value,
        render: &dyn Fn(Value) -> Result<String>,
    ) -> Result<String> {
        if !self.enabled {
            return render(context);
        }
        let mut leaves = Vec::new();
        let shape = self.shape(&context, &mut leaves);
        let known = self
            .by_shape
            .read()
            .ok()
            .and_then(|by_shape| by_shape.get(&(template, shape)).cloned());
        let skeleton = match known {
            Some(skeleton) => skeleton,
            None => {
                let mut next = 0;
                let markered = self.markered(&context, &mut next);
                let skeleton = Skeleton::parse(render(markered)?, leaves.len()).map(Arc::new);
                if let Ok(mut by_shape) = self.by_shape.write()
                    && by_shape.len() < MAX_SHAPES
                {
                    by_shape.insert((template, shape), skeleton.clone());
                }
                skeleton
            }
        };
        match skeleton {
            Some(skeleton) => Ok(skeleton.fill(&leaves)),
            None => render(context),
        }
    }

    /// The shape of `context`, and its leaves in marker order.
    fn shape<'v>(&self, context: &'v Value, leaves: &mut Vec<Leaf<'v>>) -> u128 {
        let mut hasher = Xxh3::new();
        match context {
            Value::Object(map) => {
                hasher.update(b"{");
                for (key, value) in map {
                    hash_key(&mut hasher, key);
                    shape_of(value, &self.kept_fields(key), &mut hasher, leaves);
                }
                hasher.update(b"}");
            }
            other => shape_of(other, &[], &mut hasher, leaves),
        }
        hasher.digest128()
    }

    /// `context` with each leaf replaced by its marker, numbered as [`Skeletons::shape`]
    /// numbers them.
    fn markered(&self, context: &Value, next: &mut usize) -> Value {
        match context {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(key, value)| {
                        (key.clone(), markered(value, &self.kept_fields(key), next))
                    })
                    .collect(),
            ),
            other => markered(other, &[], next),
        }
    }

    fn kept_fields(&self, key: &str) -> Vec<&'static str> {
        self.kept
            .iter()
            .filter(|(top, _)| *top == key)
            .map(|(_, field)| *field)
            .collect()
    }
}

fn hash_key(hasher: &mut Xxh3, key: &str) {
    hasher.update(&(key.len() as u64).to_le_bytes());
    hasher.update(key.as_bytes());
}

/// Whether a value is a leaf: a string or number that the template could print. Empty
/// strings and zeros stay in the shape, because tera takes them for false.
fn is_leaf(value: &Value) -> bool {
    match value {
        Value::String(text) => !text.is_empty(),
        Value::Number(number) => number.as_f64() != Some(0.0),
        _ => false,
    }
}

fn shape_of<'v>(value: &'v Value, kept: &[&str], hasher: &mut Xxh3, leaves: &mut Vec<Leaf<'v>>) {
    match value {
        Value::String(text) if is_leaf(value) => {
            hasher.update(b"s");
            leaves.push(Leaf::Text(text));
        }
        Value::Number(number) if is_leaf(value) => {
            hasher.update(b"n");
            leaves.push(Leaf::Number(number));
        }
        Value::String(_) => {
            hasher.update(b"e");
        }
        Value::Number(_) => {
            hasher.update(b"0");
        }
        Value::Null => hasher.update(b"z"),
        Value::Bool(true) => hasher.update(b"t"),
        Value::Bool(false) => hasher.update(b"f"),
        Value::Array(items) => {
            hasher.update(b"[");
            hasher.update(&(items.len() as u64).to_le_bytes());
            for item in items {
                shape_of(item, &[], hasher, leaves);
            }
        }
        Value::Object(map) => {
            hasher.update(b"{");
            for (key, value) in map {
                hash_key(hasher, key);
                match value {
                    Value::String(text) if kept.contains(&key.as_str()) => {
                        hasher.update(b"k");
                        hash_key(hasher, text);
                    }
                    _ => shape_of(value, &[], hasher, leaves),
                }
            }
            hasher.update(b"}");
        }
    }
}

fn markered(value: &Value, kept: &[&str], next: &mut usize) -> Value {
    match value {
        Value::String(_) | Value::Number(_) if is_leaf(value) => {
            let marker = format!("{MARKER_START}{next}{MARKER_END}");
            *next += 1;
            Value::String(marker)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|item| markered(item, &[], next)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = match value {
                        Value::String(_) if kept.contains(&key.as_str()) => value.clone(),
                        _ => markered(value, &[], next),
                    };
                    (key.clone(), value)
                })
                .collect::<Map<String, Value>>(),
        ),
        other => other.clone(),
    }
}

impl Skeleton {
    /// The skeleton in `text`, rendered from a context of `leaves` markers; `None` if a
    /// marker is there in any other form than as written, raw or escaped (the template
    /// filtered or cut it), or a marker stands for no leaf.
    fn parse(text: String, leaves: usize) -> Option<Skeleton> {
        let mut parts = Vec::new();
        let mut copied = 0;
        let mut rest_at = 0;
        while let Some(found) = text[rest_at..].find(MARKER_START) {
            let start = rest_at + found;
            let digits_at = start + MARKER_START.len_utf8();
            let digits = text[digits_at..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let leaf: usize = text.get(digits_at..digits_at + digits)?.parse().ok()?;
            if leaf >= leaves {
                return None;
            }
            let after = &text[digits_at + digits..];
            let (escaped, end_len) = if after.starts_with(MARKER_END_ESCAPED) {
                (true, MARKER_END_ESCAPED.len())
            } else if after.starts_with(MARKER_END) {
                (false, MARKER_END.len())
            } else {
                return None;
            };
            if copied < start {
                parts.push(Part::Text(copied..start));
            }
            parts.push(Part::Value { leaf, escaped });
            copied = digits_at + digits + end_len;
            rest_at = copied;
        }
        if copied < text.len() {
            parts.push(Part::Text(copied..text.len()));
        }
        Some(Skeleton { text, parts })
    }

    fn fill(&self, leaves: &[Leaf<'_>]) -> String {
        let mut out = String::with_capacity(self.text.len() * 2);
        for part in &self.parts {
            match part {
                Part::Text(range) => out.push_str(self.text.get(range.clone()).unwrap_or("")),
                Part::Value { leaf, escaped } => match leaves.get(*leaf) {
                    Some(Leaf::Text(text)) if *escaped => super::graph::escape_into(&mut out, text),
                    Some(Leaf::Text(text)) => out.push_str(text),
                    // As tera prints numbers; digits, signs and points need no escaping.
                    Some(Leaf::Number(number)) => {
                        use std::fmt::Write;
                        let _ = if let Some(integer) = number.as_i64() {
                            write!(out, "{integer}")
                        } else if let Some(integer) = number.as_u64() {
                            write!(out, "{integer}")
                        } else {
                            write!(out, "{}", number.as_f64().unwrap_or(0.0))
                        };
                    }
                    None => {}
                },
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tera_with(template: &str) -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(super::super::escape_html);
        tera.add_raw_template("page.html", template).unwrap();
        tera
    }

    fn both_ways(template: &str, contexts: &[Value]) -> Vec<(String, String)> {
        let tera = tera_with(template);
        let render = |context: Value| -> Result<String> {
            Ok(tera
                .render("page.html", &tera::Context::from_value(context).unwrap())
                .unwrap())
        };
        let skeletons = Skeletons::new(true, &[("page", "section")]);
        contexts
            .iter()
            .map(|context| {
                (
                    skeletons
                        .render("page.html", context.clone(), &render)
                        .unwrap(),
                    render(context.clone()).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn pages_of_one_shape_are_filled_from_one_skeleton_with_their_own_values() {
        let template = "<a href=\"{{ root }}{{ e.url }}\">{{ e.title }}</a>{% if e.tags %}<ul>{% for t in e.tags %}<li>{{ t }}{% if not loop.last %},{% endif %}</li>{% endfor %}</ul>{% endif %}{{ e.html | safe }} #{{ e.doc }}{% if page.section == \"index\" %} here{% endif %}";
        let contexts = [
            json!({"root": "", "page": {"section": "index"}, "e": {"url": "a.html", "title": "A <b> & \"c\"", "tags": ["x", "y"], "html": "<i>raw</i>", "doc": 0}}),
            json!({"root": "../", "page": {"section": "record"}, "e": {"url": "b.html", "title": "B's", "tags": ["z", "w"], "html": "<p>", "doc": 7}}),
            json!({"root": "../", "page": {"section": "record"}, "e": {"url": "c.html", "title": "C", "tags": [], "html": "", "doc": 12}}),
            json!({"root": "../", "page": {"section": "index"}, "e": {"url": "d.html", "title": "D", "tags": ["q", "r"], "html": "<b>", "doc": -3}}),
        ];
        for (skeleton, tera) in both_ways(template, &contexts) {
            assert_eq!(skeleton, tera);
        }
        let skeletons = Skeletons::new(true, &[("page", "section")]);
        let tera = tera_with(template);
        let renders = std::sync::atomic::AtomicUsize::new(0);
        let render = |context: Value| -> Result<String> {
            renders.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(tera
                .render("page.html", &tera::Context::from_value(context).unwrap())
                .unwrap())
        };
        for context in &contexts[1..2] {
            skeletons
                .render("page.html", context.clone(), &render)
                .unwrap();
        }
        let other = json!({"root": "../../", "page": {"section": "record"}, "e": {"url": "e.html", "title": "E", "tags": ["1", "2"], "html": "<hr>", "doc": 9}});
        assert_eq!(
            skeletons
                .render("page.html", other.clone(), &render)
                .unwrap(),
            render(other).unwrap()
        );
        // One render for the shape, then the direct render of the check above.
        assert_eq!(renders.load(std::sync::atomic::Ordering::Relaxed), 2);
    }

    #[test]
    fn a_template_that_cuts_a_marker_gets_its_pages_from_tera() {
        let template = "{{ title | truncate(length=2) }}";
        let contexts = [json!({"title": "Long title"}), json!({"title": "Other"})];
        for (skeleton, tera) in both_ways(template, &contexts) {
            assert_eq!(skeleton, tera);
        }
    }

    #[test]
    fn skeletons_tell_escaped_markers_from_raw_ones() {
        let text = format!("a{MARKER_START}1&amp;b{MARKER_START}0&c");
        let skeleton = Skeleton::parse(text, 2).unwrap();
        assert_eq!(
            skeleton.parts,
            vec![
                Part::Text(0..1),
                Part::Value {
                    leaf: 1,
                    escaped: true
                },
                Part::Text(10..11),
                Part::Value {
                    leaf: 0,
                    escaped: false
                },
                Part::Text(16..17),
            ]
        );
        assert!(Skeleton::parse(format!("{MARKER_START}2&"), 2).is_none());
        assert!(Skeleton::parse(format!("{MARKER_START}1"), 2).is_none());
        assert!(Skeleton::parse(format!("{MARKER_START}x&"), 2).is_none());
    }
}
