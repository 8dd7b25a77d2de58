//! Issues 16 and 19 at a few thousand generated records: the paged index and its row
//! shards (in files and in Chromium), what a one-record change costs, read from the
//! render's own report (`adr render --verbose`), and that the incremental result is a full
//! render's, byte for byte.

use std::collections::BTreeMap;
use std::path::Path;

use crate::generate::Generator;
use crate::util::{files_of, read, run};

/// Bytes a one-record body edit may write, whatever the log's size: the record's page and
/// its range of the search index (at most 250 records' counts) and the search manifest.
/// Measured: 52,711 bytes at 1,500 records, 55,789 at 4,000.
const BODY_EDIT_BOUND: u64 = 64_000;

/// Bytes a one-record edit that adds a link may write, whatever the log's size: besides a
/// body edit's, the relations page and the page of relations of the record's 1,000 rows.
/// Measured: 491,340 bytes at 1,500 records, 522,893 at 4,000 (the relations table of a
/// 4,000-record log alone is 1.5 MB).
const LINK_EDIT_BOUND: u64 = 1_000_000;

/// Each file `adr render --verbose` says it wrote, with its size; and the total it reports.
fn written(stderr: &str) -> (BTreeMap<String, u64>, u64) {
    let files: BTreeMap<String, u64> = stderr
        .lines()
        .filter_map(|line| {
            let (path, size) = line.strip_prefix("  wrote ")?.rsplit_once(" (")?;
            Some((
                path.to_string(),
                size.strip_suffix(" bytes)")?.parse().ok()?,
            ))
        })
        .collect();
    let total = stderr
        .lines()
        .find_map(|line| line.split_once(" bytes written in ")?.0.parse().ok())
        .expect("a total");
    assert_eq!(files.values().sum::<u64>(), total, "{stderr}");
    (files, total)
}

/// The site's files but the cache, which holds timings.
fn site_files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files_of(site);
    assert!(files.remove(".adr-site-cache").is_some());
    files
}

fn edit(path: &Path, change: impl Fn(&str) -> String) {
    let text = read(path);
    let changed = change(&text);
    assert_ne!(changed, text);
    std::fs::write(path, changed).unwrap();
}

#[test]
fn a_one_record_edit_writes_bounded_bytes_whatever_the_log_size() {
    let mut body_bytes = Vec::new();
    let mut link_bytes = Vec::new();
    for records in [1500, 4000] {
        let (dir, generated) = Generator::new(records).seed(16).project();
        assert_eq!(run(dir.path(), &["render"]).0, 0);
        let position = records / 2 + 7;
        let path = dir.path().join("docs/adr").join(&generated.names[position]);

        edit(&path, |text| format!("{text}\nZebra quartz xylophone.\n"));
        let (code, _, stderr) = run(dir.path(), &["render", "--verbose"]);
        assert_eq!(code, 0, "{stderr}");
        let (files, total) = written(&stderr);
        let pages: Vec<&String> = files
            .keys()
            .filter(|path| path.ends_with(".html"))
            .collect();
        assert_eq!(pages.len(), 1, "only the record's page: {files:?}");
        assert!(
            files
                .keys()
                .all(|path| path.ends_with(".html") || path.starts_with("assets/search/")),
            "{records} records, a body edit: {files:?}"
        );
        assert!(
            total <= BODY_EDIT_BOUND,
            "{records} records: {total} bytes {files:?}"
        );
        body_bytes.push(total);

        // A title edit also rewrites the record's row shard, and no other.
        edit(&path, |text| text.replacen("# ", "# Renamed ", 1));
        let (code, _, stderr) = run(dir.path(), &["render", "--verbose"]);
        assert_eq!(code, 0, "{stderr}");
        let (files, _) = written(&stderr);
        let shards: Vec<&String> = files
            .keys()
            .filter(|path| path.starts_with("assets/rows/"))
            .collect();
        assert_eq!(
            shards,
            [&format!("assets/rows/r{}.js", position / 1000)],
            "{files:?}"
        );
        assert!(!files.contains_key("index.html"), "{files:?}");
        // Its row is in the list beside the records around it: their pages, and no other
        // record's, are made again (each page's key is taken from the rows of its window).
        let window: Vec<String> = generated.names[position - 10..=position + 10]
            .iter()
            .map(|name| name.replace(".md", ".html"))
            .collect();
        let record_pages: Vec<&String> = files
            .keys()
            .filter(|path| path.ends_with(".html") && !path.contains('/'))
            .filter(|path| !["index.html", "relations.html", "tags.html"].contains(&path.as_str()))
            .collect();
        assert_eq!(record_pages, window.iter().collect::<Vec<_>>(), "{files:?}");

        // A new link: the record's page, the relations page (its counts) and the page of
        // relations that holds the record's; never a table of the whole log.
        let target = records / 4;
        edit(&path, |text| {
            format!(
                "{text}\nSee [the other one]({}).\n",
                generated.names[target]
            )
        });
        let (code, _, stderr) = run(dir.path(), &["render", "--verbose"]);
        assert_eq!(code, 0, "{stderr}");
        let (files, total) = written(&stderr);
        let pages: Vec<&str> = files
            .keys()
            .map(String::as_str)
            .filter(|path| !path.starts_with("assets/search/"))
            .collect();
        let relations_page = format!("relations/{}.html", position / 1000 + 1);
        let mut expected = vec!["relations.html", relations_page.as_str(), &window[10]];
        expected.sort_unstable();
        assert_eq!(pages, expected, "{records} records, a new link");
        assert!(
            total <= LINK_EDIT_BOUND,
            "{records} records: {total} bytes {files:?}"
        );
        link_bytes.push(total);

        let (code, _, stderr) = run(dir.path(), &["render", "--out", "full"]);
        assert_eq!(code, 0, "{stderr}");
        let incremental = site_files(&dir.path().join("site"));
        let complete = site_files(&dir.path().join("full"));
        assert_eq!(
            incremental.keys().collect::<Vec<_>>(),
            complete.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &incremental {
            assert!(
                complete.get(name) == Some(bytes),
                "{name} differs from a full render"
            );
        }
    }
    eprintln!("body edit bytes: {body_bytes:?}, link bytes: {link_bytes:?}");
}

/// The index of a log longer than a page carries its first page and the counts; every row
/// is in a row shard, once; every relation is on a page of relations, once.
#[test]
fn a_long_log_has_a_light_index_and_every_row_in_a_shard() {
    let (dir, generated) = Generator::new(2500).seed(16).project();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    let site = dir.path().join("site");
    let index = read(site.join("index.html"));
    assert_eq!(index.matches("<tr data-doc=").count(), 100);
    assert!(index.contains("data-rows=\"2500\" data-shards=\"3\" data-page-rows=\"100\""));
    assert!(
        index.contains("The first 100 of 2500."),
        "the note for readers without JavaScript"
    );
    let mut docs = Vec::new();
    for shard in 0..3 {
        let script = read(site.join(format!("assets/rows/r{shard}.js")));
        let prefix = format!("(self.ADR_ROWS = self.ADR_ROWS || {{}})[{shard}] = \"");
        assert!(script.starts_with(&prefix), "{}", &script[..80]);
        docs.extend(
            script
                .split("<tr data-doc=\\\"")
                .skip(1)
                .map(|rest| rest.split('\\').next().unwrap().parse::<usize>().unwrap()),
        );
    }
    assert_eq!(docs, (0..2500).collect::<Vec<_>>());
    assert!(!site.join("assets/rows/r3.js").exists());

    // A tag page lists its first 100 records, and links to the rest in the filtered index.
    let mut long_tags = 0;
    for entry in std::fs::read_dir(site.join("tags")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "index.html" {
            continue;
        }
        let page = read(&path);
        let rows = page.matches("<tr data-doc=").count();
        let link = page.contains("<a href=\"../index.html?tag=");
        assert!(rows <= 100, "{}", path.display());
        assert_eq!(
            link,
            rows == 100 && page.contains("The first 100 of "),
            "{}",
            path.display()
        );
        long_tags += usize::from(link);
    }
    assert!(long_tags > 0);

    // The relations table is in pages, one per 1,000 rows, by the record that states the
    // relation; the relations page lists them with their counts, and every relation `adr
    // graph` finds is on one of them, once, beside the records of its range.
    let (code, graph, stderr) = run(dir.path(), &["graph", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let graph: serde_json::Value = serde_json::from_str(&graph).unwrap();
    let overview = read(site.join("relations.html"));
    assert!(
        !overview.contains("<td>links to</td>"),
        "no table of every relation"
    );
    let mut on_pages = 0;
    for page_number in 1..=3 {
        let url = format!("relations/{page_number}.html");
        let page = read(site.join(&url));
        let range = &generated.names[(page_number - 1) * 1000..(page_number * 1000).min(2500)];
        let froms: Vec<&str> = page
            .split("<tr><td><a href=\"../")
            .skip(1)
            .map(|row| row.split(".html").next().unwrap())
            .collect();
        for from in &froms {
            assert!(range.contains(&format!("{from}.md")), "{url}: {from}");
        }
        let listed = overview
            .split(&format!("<a href=\"{url}\">"))
            .nth(1)
            .and_then(|rest| rest.split("</tr>").next())
            .unwrap_or_else(|| panic!("{url} is listed"));
        assert!(
            listed.ends_with(&format!("</a></td><td>{}</td>", froms.len())),
            "{listed}"
        );
        assert_eq!(
            page.contains("rel=\"prev\" href=\"../relations/"),
            page_number > 1
        );
        assert_eq!(
            page.contains("rel=\"next\" href=\"../relations/"),
            page_number < 3
        );
        on_pages += froms.len();
    }
    assert_eq!(on_pages, graph["edges"].as_array().unwrap().len());
    assert!(!site.join("relations/4.html").exists());
}

/// In Chromium, from `file://`: the index of 2,500 records pages, sorts and filters across
/// every shard, not only the rows it carries.
#[test]
fn a_long_index_pages_sorts_and_filters_across_shards_in_a_browser() {
    let Some(mut browser) = super::devtools::Browser::launch() else {
        return;
    };
    let (dir, _) = Generator::new(2500).seed(16).project();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    let site = dir.path().join("site");
    let index_url = super::browser::file_url(&site.join("index.html"));
    let docs = "[...document.querySelectorAll('#records tbody tr')].map(row => Number(row.getAttribute('data-doc')))";
    let pager = "document.querySelector('.table-pager-status').textContent";
    let click = |browser: &mut super::devtools::Browser, selector: &str| {
        browser.eval(&format!("document.querySelector({selector:?}).click()"));
        browser.wait(1500);
    };

    browser.navigate(&index_url);
    assert_eq!(browser.errors(), Vec::<String>::new());
    assert_eq!(
        browser.eval(docs),
        serde_json::json!((0..100).collect::<Vec<_>>())
    );
    assert_eq!(browser.eval(pager), "Page 1 of 25");
    assert_eq!(
        browser.eval("document.getElementById('paged-note').hidden"),
        true
    );
    assert_eq!(
        browser.eval("document.getElementById('result-count').textContent"),
        "2500 decisions"
    );

    click(&mut browser, "[data-to=last]");
    assert_eq!(
        browser.eval(docs),
        serde_json::json!((2400..2500).collect::<Vec<_>>())
    );
    assert_eq!(browser.eval(pager), "Page 25 of 25");
    assert_eq!(
        browser.eval("document.querySelector('[data-to=next]').disabled"),
        true
    );
    click(&mut browser, "[data-to=previous]");
    assert_eq!(
        browser.eval(docs),
        serde_json::json!((2300..2400).collect::<Vec<_>>())
    );

    // Newest first: the number column, descending (a second click), from the last record.
    click(&mut browser, "th.col-number button");
    click(&mut browser, "th.col-number button");
    assert_eq!(
        browser.eval(docs),
        serde_json::json!((2400..2500).rev().collect::<Vec<_>>())
    );
    assert_eq!(browser.eval(pager), "Page 1 of 25");

    // A status filter counts and pages the matches among all 2,500 rows, still newest first.
    let status: String = serde_json::from_value(
        browser.eval("document.querySelector('#filter-status option:nth-child(2)').value"),
    )
    .unwrap();
    let expected = (0..3)
        .map(|shard| {
            read(site.join(format!("assets/rows/r{shard}.js")))
                .matches(&format!("data-status=\\\"{status}\\\""))
                .count()
        })
        .sum::<usize>();
    assert!(expected > 100, "{status}: {expected}");
    browser.eval(&format!("(() => {{ const select = document.getElementById('filter-status'); select.value = {status:?}; select.dispatchEvent(new Event('change')); }})()"));
    browser.wait(500);
    assert_eq!(
        browser.eval("document.getElementById('result-count').textContent"),
        format!("Showing {expected} of 2500 decisions")
    );
    assert_eq!(
        browser.eval(pager),
        format!("Page 1 of {}", expected.div_ceil(100))
    );
    let shown: Vec<usize> = serde_json::from_value(browser.eval(docs)).unwrap();
    assert_eq!(shown.len(), 100);
    assert!(shown.windows(2).all(|pair| pair[0] > pair[1]), "{shown:?}");
    assert_eq!(
        browser.eval(&format!("[...document.querySelectorAll('#records tbody tr')].every(row => row.getAttribute('data-status') === {status:?})")),
        true
    );

    // A tag page's link to all of its records opens the index filtered by the tag.
    let tag: String = serde_json::from_value(
        browser.eval("document.querySelector('#filter-tag option:nth-child(2)').value"),
    )
    .unwrap();
    browser.navigate(&format!("{index_url}?tag={tag}"));
    browser.wait(1500);
    assert_eq!(
        browser.eval(&format!("[...document.querySelectorAll('#records tbody tr')].every(row => JSON.parse(row.getAttribute('data-tags')).includes({tag:?}))")),
        true
    );
    let count: String =
        serde_json::from_value(browser.eval("document.getElementById('result-count').textContent"))
            .unwrap();
    assert!(
        count.starts_with("Showing ") && count.ends_with(" of 2500 decisions"),
        "{count}"
    );
    assert_eq!(browser.errors(), Vec::<String>::new());
}
