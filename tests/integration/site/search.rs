//! The site's search in a real browser, on the real logs of `tests/corpus`: the script's
//! ranking and excerpts are those of `adr search` (one implementation, src/search), and
//! the header's search box finds what a reader looks for.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::browser::{file_url, screenshot_dir};
use super::devtools::Browser;
use crate::util::{corpus_names, corpus_root, run};

/// Renders the corpus `name` into a fresh directory; returns it and the site.
fn corpus_site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let log = corpus_root().join(name);
    let site = dir.path().join("site");
    let (code, _, stderr) = run(
        dir.path(),
        &["render", "--dir", log.to_str().unwrap(), "--out", "site"],
    );
    assert!(code <= 1, "{name}: {stderr}");
    (dir, site)
}

/// What `adr search` finds for `query` in corpus `name`: title, excerpt and marked text.
fn cli_results(name: &str, query: &str) -> Vec<Value> {
    let log = corpus_root().join(name);
    let (_, stdout, stderr) = run(
        &corpus_root(),
        &[
            "search",
            "--dir",
            log.to_str().unwrap(),
            "--format",
            "json",
            "--limit",
            "100000",
            "--",
            query,
        ],
    );
    let output: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
    output["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let text = result["excerpt"]["text"].as_str().unwrap();
            let marked: Vec<&str> = result["excerpt"]["matches"]
                .as_array()
                .unwrap()
                .iter()
                .map(|range| {
                    let start = range[0].as_u64().unwrap() as usize;
                    let end = range[1].as_u64().unwrap() as usize;
                    text.get(start..end).unwrap()
                })
                .collect();
            json!([result["title"], text, marked])
        })
        .collect()
}

/// The same, as the page's script ranks it.
fn page_results(browser: &mut Browser, queries: &[String]) -> Value {
    let expression = format!(
        "(async () => {{ const out = {{}}; for (const query of {}) {{ const result = await ADRSearch.search(query); const hits = []; for (const hit of result.hits) {{ const found = await ADRSearch.describe(result, hit); hits.push([found.title, found.excerpt.text, found.excerpt.matches.map(([start, end]) => found.excerpt.text.slice(start, end))]); }} out[query] = hits; }} return out; }})()",
        serde_json::to_string(queries).unwrap()
    );
    browser.eval(&expression)
}

/// Queries for a log: the words of its titles (each title's first word, first two words
/// and first three letters), and the hard cases of the tokeniser.
fn queries_for(site: &Path, browser: &mut Browser) -> Vec<String> {
    browser.navigate(&file_url(&site.join("index.html")));
    let titles = browser.eval(
        "[...document.querySelectorAll('#records tbody tr')].map(row => row.cells[1].textContent.trim())",
    );
    let mut queries: Vec<String> = [
        "UTF-8",
        "C++",
        "0024",
        "a",
        "tests",
        "CLI",
        "use the",
        "路由",
        "路",
        "data base",
        "ADR-0001",
        "décision",
        "event-driven",
    ]
    .map(String::from)
    .to_vec();
    for title in titles.as_array().unwrap().iter().take(12) {
        let words: Vec<&str> = title.as_str().unwrap().split_whitespace().collect();
        if let Some(first) = words.first() {
            queries.push((*first).to_string());
            queries.push(first.chars().take(3).collect());
        }
        if words.len() >= 2 {
            queries.push(words[..2].join(" "));
        }
    }
    queries.sort();
    queries.dedup();
    queries
}

#[test]
fn the_page_ranks_every_corpus_as_adr_search_does() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let mut compared = 0;
    for name in corpus_names() {
        let (_dir, site) = corpus_site(&name);
        let queries = queries_for(&site, &mut browser);
        let found = page_results(&mut browser, &queries);
        assert_eq!(browser.errors(), Vec::<String>::new(), "{name}");
        for query in &queries {
            let page = found[query.as_str()].as_array().unwrap();
            assert_eq!(
                page,
                &cli_results(&name, query),
                "{name}: the page and `adr search` differ for {query:?}"
            );
            compared += 1;
        }
    }
    assert!(compared > 17 * 20, "{compared}");
}

/// Types `query` into the header's search box and waits for its results.
fn search_box(browser: &mut Browser, query: &str) -> Value {
    browser.eval("(() => { const input = document.getElementById('site-search-q'); input.value = ''; input.focus(); document.getElementById('site-search-results').hidden = true; document.querySelector('.site-search-status').textContent = ''; })()");
    browser.type_text(query);
    browser.eval(
        "new Promise((resolve, reject) => { const started = Date.now(); const check = () => { const panel = document.getElementById('site-search-results'); if (!panel.hidden && panel.querySelector('.site-search-status').textContent) { resolve(); } else if (Date.now() - started > 5000) { reject(new Error('no results shown')); } else { setTimeout(check, 20); } }; check(); })",
    );
    browser.eval(
        "({ status: document.querySelector('.site-search-status').textContent, hits: [...document.querySelectorAll('.site-search-hit')].map(hit => ({ number: hit.querySelector('.site-search-number').textContent, title: hit.querySelector('.site-search-title').textContent, status: hit.querySelector('.badge').textContent, marks: [...hit.querySelectorAll('mark')].map(mark => mark.textContent) })) })",
    )
}

fn titles(shown: &Value) -> Vec<&str> {
    shown["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect()
}

#[test]
fn the_search_box_on_every_page_finds_what_readers_look_for() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let screenshots = screenshot_dir();
    std::fs::create_dir_all(&screenshots).unwrap();

    // A word of a title ranks that record first, from a record page: nothing loads before
    // the box is used, then only the shards the query needs.
    let (_log4brains, site) = corpus_site("log4brains");
    browser.navigate(&file_url(
        &site.join("20200924-use-markdown-architectural-decision-records.html"),
    ));
    // Every shard assigns itself to `ADR_SEARCH` by name.
    let loaded = "Object.keys(self.ADR_SEARCH).sort()";
    assert_eq!(browser.eval(loaded), json!([]));
    let shown = search_box(&mut browser, "lunr");
    assert_eq!(shown["status"], json!("1 decision matches."));
    assert_eq!(
        shown["hits"][0],
        json!({ "number": "20201103-use-lunr-for-search", "title": "Use Lunr for search", "status": "accepted", "marks": ["Lunr.js", "Lunr.js"] })
    );
    let bucket = adr::site::search::bucket_of("lunr");
    assert_eq!(
        browser.eval(loaded),
        json!([
            "0/b".to_string() + &bucket.to_string(),
            "0/d0",
            "0/lengths",
            "manifest",
            "tokenizer"
        ])
    );
    browser.screenshot(&screenshots.join("search-box.png"));

    // Whole words: CLI is not `client` (`Use Lunr for search` has only the latter).
    let shown = search_box(&mut browser, "CLI");
    assert_eq!(
        titles(&shown),
        [
            "Use the ADR number as its unique ID",
            "Distribute Log4brains as a global NPM package",
            "Multi-packages architecture in a monorepo with Yarn and Lerna"
        ]
    );

    // The keyboard: down into the results, Escape back to the box, Enter opens the best.
    browser.eval("document.getElementById('site-search-q').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))");
    assert_eq!(
        browser.eval("document.activeElement.classList.contains('site-search-hit')"),
        json!(true)
    );
    browser.eval("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))");
    assert_eq!(
        browser.eval(
            "[document.activeElement.id, document.getElementById('site-search-results').hidden]"
        ),
        json!(["site-search-q", true])
    );

    // "tests" finds the record with Tests in its title first; UTF-8 is a word.
    let (_podos, site) = corpus_site("podos");
    browser.navigate(&file_url(&site.join("index.html")));
    let shown = search_box(&mut browser, "tests");
    assert_eq!(titles(&shown)[0], "Do not use Stencil E2E Tests");
    let (_nats, site) = corpus_site("nats-architecture-and-design");
    browser.navigate(&file_url(&site.join("relations.html")));
    let shown = search_box(&mut browser, "UTF-8");
    assert_eq!(titles(&shown)[0], "Naming Rules");
    assert_eq!(shown["hits"][0]["marks"][0], json!("UTF-8"));

    // Chinese: character pairs, and one character finds the pairs it starts.
    let (_mooa, site) = corpus_site("phodal-mooa");
    browser.navigate(&file_url(&site.join("index.html")));
    for query in ["路由", "路"] {
        let shown = search_box(&mut browser, query);
        assert_eq!(
            titles(&shown),
            ["支持子 APP 路由", "支持单个应用多个路由入口"],
            "{query}"
        );
    }
    assert_eq!(browser.errors(), Vec::<String>::new());

    // On a phone and in dark mode the results stay on the screen.
    browser.set_viewport(390, 844, true);
    browser.dark_mode(true);
    browser.navigate(&file_url(&site.join("index.html")));
    search_box(&mut browser, "路由");
    assert_eq!(
        browser.eval("(() => { const box = document.getElementById('site-search-results').getBoundingClientRect(); return box.left >= 0 && box.right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth; })()"),
        json!(true)
    );
    assert_ne!(
        browser.eval(
            "getComputedStyle(document.getElementById('site-search-results')).backgroundColor"
        ),
        json!("rgb(255, 255, 255)"),
        "dark mode"
    );
    browser.screenshot(&screenshots.join("search-box-phone-dark.png"));
    browser.dark_mode(false);
    browser.set_viewport(1280, 900, false);
}
