//! Heading anchors: `link-broken` and the site compute them with one function
//! (`adr::anchors`), and every anchor lint accepts is an id on the rendered page.

use std::collections::BTreeSet;

use adr::model::Log;

use crate::util::{adr, corpus_names, corpus_root};

/// The page of a record: its path in the log with `.html` for `.md` (as the site names it).
fn page_of(rel_path: &str) -> String {
    match rel_path.rsplit_once('.') {
        Some((stem, extension)) if extension.eq_ignore_ascii_case("md") => format!("{stem}.html"),
        _ => format!("{rel_path}.html"),
    }
}

/// Every `id="…"` on a page.
fn ids_on(page: &str) -> BTreeSet<String> {
    page.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(id, _)| id.to_string())
        .collect()
}

// Issue #15: lint and the site computed heading anchors separately, with different
// whitespace rules, so lint could pass a `#anchor` the site does not produce.
#[test]
fn issue_15_every_anchor_lint_accepts_is_on_the_rendered_page_of_every_corpus() {
    let corpora = corpus_names();
    assert_eq!(corpora.len(), 17, "{corpora:?}");
    let mut checked = 0;
    let mut missing = Vec::new();
    for corpus in corpora {
        let dir = corpus_root().join(&corpus);
        let out = tempfile::tempdir().unwrap();
        let output = adr(&dir)
            .args(["--dir", ".", "render", "--out"])
            .arg(out.path())
            .output()
            .unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{corpus}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let log = Log::load(&dir).unwrap();
        for record in &log.records {
            let page = std::fs::read_to_string(out.path().join(page_of(&record.rel_path)))
                .unwrap_or_else(|error| panic!("{corpus}/{}: {error}", record.rel_path));
            let ids = ids_on(&page);
            // The title's anchor (also accepted) names no id: the page shows the title at
            // its top, where a link with an unknown fragment lands.
            for anchor in adr::anchors::page_anchors(record) {
                checked += 1;
                if !ids.contains(&anchor) {
                    missing.push(format!("{corpus}/{}#{anchor}", record.rel_path));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not on the page: {missing:#?}");
    assert!(checked > 1000, "only {checked} anchors checked");
}
