//! `adr graph`: the relations of a log as Mermaid, DOT (checked by Graphviz itself) and JSON.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{copy_tree, fixtures, log_with, run};

fn basic_without_failure() -> tempfile::TempDir {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    std::fs::remove_file(dir.path().join("docs/adr/0005-cache-responses.md")).unwrap();
    dir
}

#[test]
fn graph_prints_every_format() {
    let dir = basic_without_failure();
    for format in ["mermaid", "dot", "json"] {
        let (code, stdout, stderr) = run(dir.path(), &["graph", "--format", format]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{format}");
        insta::assert_snapshot!(format!("graph_{format}"), stdout);
    }
    let (_, default, _) = run(dir.path(), &["graph"]);
    assert!(
        default.starts_with("flowchart TB\n"),
        "mermaid is the default"
    );
}

#[test]
fn graph_json_has_nodes_and_edges() {
    let dir = basic_without_failure();
    let (_, stdout, _) = run(dir.path(), &["graph", "--format", "json"]);
    let graph: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        graph["nodes"][1],
        serde_json::json!({
            "number": 2,
            "title": "Store decision data in PostgreSQL",
            "status": "superseded",
            "path": "0002-store-decisions-data-in-postgresql.md",
        })
    );
    assert_eq!(
        graph["edges"],
        serde_json::json!([
            { "from": 2, "to": 1, "kind": "links" },
            { "from": 2, "to": 4, "kind": "superseded-by" },
            { "from": 4, "to": 1, "kind": "links" },
            { "from": 4, "to": 2, "kind": "supersedes" },
        ])
    );
}

#[test]
fn graphviz_draws_the_dot_output() {
    let dir = log_with(&[
        (
            "0001-quote-\"and\\backslash.md",
            "---\nstatus: accepted\n---\n\n# Title with \"quotes\", a \\N backslash & more\n",
        ),
        (
            "0002-next.md",
            "---\nstatus: accepted\n---\n\n# Next\n\nSupersedes [1](0001-quote-%22and%5Cbackslash.md) and links [back](0001-quote-\"and\\backslash.md).\n",
        ),
    ]);
    let (code, dot, stderr) = run(dir.path(), &["graph", "--format", "dot"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let Some(svg) = graphviz_svg(&dot) else {
        return;
    };
    assert!(svg.contains("<svg"), "{svg}");
    assert!(
        svg.contains(">0001 Title with &quot;quotes&quot;, a \\N backslash &amp; more</text>"),
        "{svg}"
    );
    assert!(
        svg.contains("xlink:href=\"0001-quote-%22and%5Cbackslash.md\""),
        "{svg}"
    );

    let dir = basic_without_failure();
    let (_, dot, _) = run(dir.path(), &["graph", "--format", "dot"]);
    let svg = graphviz_svg(&dot).unwrap();
    assert_eq!(svg.matches("class=\"node\"").count(), 4);
    assert_eq!(svg.matches("class=\"edge\"").count(), 4);
}

/// `dot -Tsvg` of `source`; fails when Graphviz rejects it or is missing (CI installs it).
fn graphviz_svg(source: &str) -> Option<String> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) if std::env::var("ADR_SKIP_GRAPHVIZ").as_deref() == Ok("1") => return None,
        Err(error) => panic!(
            "this test needs Graphviz's `dot` ({error}): install it with `apt-get install -y graphviz` \
             (or set ADR_SKIP_GRAPHVIZ=1 to skip it locally; CI never does)"
        ),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "dot rejected:\n{source}\n{stderr}"
    );
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn a_log_without_relations_prints_nodes_only() {
    let dir = log_with(&[("0001-a.md", "---\nstatus: proposed\n---\n\n# A\n")]);
    let (code, stdout, _) = run(dir.path(), &["graph"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "flowchart TB\n    n0[\"0001 A\"]\n")
    );
}
