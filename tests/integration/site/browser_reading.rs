//! The reading experience in headless Chromium: a record whose file name holds `#` opens
//! from the index, its Mermaid diagram is drawn as SVG, the phone shows the decision in the
//! first screen without sideways scrolling, and axe-core (vendored under
//! tests/fixtures/axe, so no network) finds no violation on the index, a record, the tags
//! and the relations pages, in light and dark mode.

use std::path::Path;

use super::devtools;
use crate::util::{fixtures, log_with, run};

const WITH_DIAGRAM: &str = "---\nstatus: accepted\ndate: 2024-03-01\ntags: [format]\n---\n\n# Use # as indicator for headings\n\n## Context and Problem Statement\n\nWe need one.\n\n## Considered Options\n\n* Hash\n* Underline\n\n## Decision Outcome\n\nChosen option: \"Hash\", because every tool reads it.\n\n```mermaid\ngraph TD\n  A[Writer] --> B{Parser}\n  B --> C[Site]\n```\n\n```rust\nfn main() { println!(\"hash\"); }\n```\n";
const OTHER: &str = "---\nstatus: proposed\n---\n\n# Keep a log\n\nSee [the indicator](0024-use-%23-as-indicator.md).\n";

fn file_url(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap();
    let encoded = adr::log_path::percent_encode(&path.to_string_lossy(), b"");
    format!("file://{encoded}")
}

/// axe-core's violations on the page open in `browser`, as `rule: targets` lines.
fn axe_violations(browser: &mut devtools::Browser) -> Vec<String> {
    let axe = std::fs::read_to_string(fixtures().join("axe/axe.min.js")).unwrap();
    browser.eval(&format!("{axe};0"));
    let found = browser.eval(
        "axe.run(document, { resultTypes: ['violations'] }).then(result => result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
    );
    serde_json::from_value(found).unwrap()
}

#[test]
fn records_open_draw_diagrams_fit_a_phone_and_pass_axe() {
    let Some(mut browser) = devtools::Browser::launch() else {
        return;
    };
    let dir = log_with(&[
        ("0024-use-#-as-indicator.md", WITH_DIAGRAM),
        ("0025-keep-a-log.md", OTHER),
    ]);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let site = dir.path().join("site");

    // The `#` in the file name: the index's link opens the record.
    browser.navigate(&file_url(&site.join("index.html")));
    let href = browser.eval("document.querySelector('#records a[href*=\"0024\"]').href");
    browser.navigate(href.as_str().unwrap());
    assert_eq!(
        browser.eval("document.getElementById('record-title').textContent"),
        serde_json::json!("Use # as indicator for headings")
    );
    // The diagram is drawn as SVG, with no console error.
    browser.wait(1500);
    assert_eq!(
        browser.eval("[document.querySelectorAll('figure.diagram svg').length, document.querySelectorAll('code.language-mermaid').length, document.querySelector('figure.diagram svg').textContent.includes('Parser')]"),
        serde_json::json!([1, 0, true])
    );
    assert_eq!(browser.errors(), Vec::<String>::new());
    // The link from the other record, through the `#`, leads to the same page.
    browser.navigate(&file_url(&site.join("0025-keep-a-log.html")));
    let href = browser.eval("document.querySelector('#adr-body a').href");
    browser.navigate(href.as_str().unwrap());
    assert_eq!(
        browser.eval("document.querySelector('.decision-option strong').textContent"),
        serde_json::json!("Hash")
    );

    // A phone: the decision is in the first screen and nothing scrolls sideways.
    browser.set_viewport(390, 844, true);
    browser.navigate(&file_url(&site.join("0024-use-#-as-indicator.html")));
    browser.wait(1000);
    assert_eq!(
        browser.eval("(() => { const box = document.querySelector('.decision').getBoundingClientRect(); return [box.top >= 0, box.bottom <= window.innerHeight, document.documentElement.scrollWidth <= window.innerWidth]; })()"),
        serde_json::json!([true, true, true])
    );
    // The relations page: the graph keeps its size (its text readable) inside a frame
    // that scrolls, and the page itself does not.
    let (basic_dir, _, _) = super::rendered("site-basic");
    let basic = basic_dir.path().join("site");
    browser.navigate(&file_url(&basic.join("relations.html")));
    assert_eq!(
        browser.eval("(() => { const svg = document.querySelector('svg.relations'); const label = svg.querySelector('.node-label'); const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; return [document.documentElement.scrollWidth <= window.innerWidth, parseFloat(getComputedStyle(label).fontSize) * scale >= 12]; })()"),
        serde_json::json!([true, true])
    );
    browser.set_viewport(1280, 900, false);

    // axe on every kind of page, light and dark.
    let pages = [
        basic.join("index.html"),
        basic.join("0001-use-fastapi-web-framework.html"),
        basic.join("0002-store-decisions-data-in-postgresql.html"),
        basic.join("tags/index.html"),
        basic.join("tags/database.html"),
        basic.join("relations.html"),
        site.join("0024-use-#-as-indicator.html"),
    ];
    for dark in [false, true] {
        browser.dark_mode(dark);
        for page in &pages {
            browser.navigate(&file_url(page));
            browser.wait(300);
            assert_eq!(
                axe_violations(&mut browser),
                Vec::<String>::new(),
                "{} ({})",
                page.display(),
                if dark { "dark" } else { "light" }
            );
        }
    }
}
