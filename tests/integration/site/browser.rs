//! A real browser (headless Chromium, driven over the DevTools protocol by `devtools`)
//! opens the rendered site from `file://`: search, filters, sorting, banners, a phone and a
//! dark screen, and the hostile log firing no dialog.

use std::path::{Path, PathBuf};

use super::rendered;

use super::devtools;

/// Where the browser test keeps its screenshots.
pub(super) fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::util::repo_root().join("target"));
    target.join("site-screenshots")
}

#[test]
fn the_site_works_in_a_real_browser() {
    let Some(mut browser) = devtools::Browser::launch() else {
        return;
    };
    let screenshots = screenshot_dir();
    std::fs::create_dir_all(&screenshots).unwrap();

    let (basic, _, _) = rendered("site-basic");
    let site = basic.path().join("site");
    let index_url = file_url(&site.join("index.html"));

    browser.navigate(&index_url);
    assert_eq!(
        browser.errors(),
        Vec::<String>::new(),
        "console errors on the index"
    );
    let rows = browser.eval(
        "[...document.querySelectorAll('#records tbody tr')].map(row => row.cells[0].textContent)",
    );
    assert_eq!(
        rows,
        serde_json::json!(["0001", "0002", "0003", "0004", "0005"])
    );
    assert_eq!(
        browser.eval("document.getElementById('filters').hidden"),
        serde_json::json!(false)
    );
    browser.screenshot(&screenshots.join("index.png"));

    // Choosing a tag hides the records without it.
    browser.eval("(() => { const select = document.getElementById('filter-tag'); select.value = 'testing'; select.dispatchEvent(new Event('change')); })()");
    assert_eq!(browser.visible_rows(), ["0004"]);
    browser.eval("(() => { const select = document.getElementById('filter-tag'); select.value = 'database'; select.dispatchEvent(new Event('change')); })()");
    assert_eq!(browser.visible_rows(), ["0002", "0004"]);
    browser.eval("(() => { const select = document.getElementById('filter-tag'); select.value = ''; select.dispatchEvent(new Event('change')); })()");

    // Typing a word of the seed record's body finds it, and only it.
    browser.eval("document.getElementById('filter-q').focus()");
    browser.type_text("Pydantic");
    browser.wait(400);
    assert_eq!(browser.visible_rows(), ["0001"]);
    assert_eq!(
        browser.eval("document.getElementById('result-count').textContent"),
        serde_json::json!("Showing 1 of 5 decisions")
    );
    browser.screenshot(&screenshots.join("index-search.png"));

    // The status filter and a link from the URL.
    browser.navigate(&format!("{index_url}?status=superseded"));
    assert_eq!(browser.visible_rows(), ["0002"]);

    // Sorting by date, newest first.
    browser.navigate(&index_url);
    browser
        .eval("document.querySelectorAll('#records thead th')[3].querySelector('button').click()");
    browser
        .eval("document.querySelectorAll('#records thead th')[3].querySelector('button').click()");
    assert_eq!(
        browser.visible_rows(),
        ["0004", "0002", "0001", "0003", "0005"]
    );

    let record_url = file_url(&site.join("0001-use-fastapi-web-framework.html"));
    browser.navigate(&record_url);
    assert_eq!(
        browser.errors(),
        Vec::<String>::new(),
        "console errors on the record page"
    );
    assert_eq!(
        browser.eval("(() => { const badge = document.querySelector('.record-kicker .badge'); const box = badge.getBoundingClientRect(); return [badge.textContent, box.width > 0 && box.height > 0, getComputedStyle(badge).backgroundColor !== 'rgba(0, 0, 0, 0)']; })()"),
        serde_json::json!(["accepted", true, true])
    );
    browser.screenshot(&screenshots.join("record.png"));

    let superseded_url = file_url(&site.join("0002-store-decisions-data-in-postgresql.html"));
    browser.navigate(&superseded_url);
    assert_eq!(
        browser.errors(),
        Vec::<String>::new(),
        "console errors on the superseded record"
    );
    assert_eq!(
        browser.eval("document.querySelector('.banner-superseded').textContent.trim()"),
        serde_json::json!(
            "Superseded by 0004 Use SQLite for local development and tests. This decision is no longer in force."
        )
    );
    assert_eq!(
        browser.eval("document.querySelector('.record-body img').naturalWidth"),
        serde_json::json!(240),
        "the copied image loads"
    );
    browser.navigate(&file_url(&site.join("relations.html")));
    assert_eq!(
        browser.errors(),
        Vec::<String>::new(),
        "console errors on the relations page"
    );
    browser.screenshot(&screenshots.join("relations.png"));

    browser.set_viewport(390, 844, true);
    browser.navigate(&index_url);
    browser.screenshot(&screenshots.join("index-phone.png"));
    browser.navigate(&record_url);
    browser.screenshot(&screenshots.join("record-phone.png"));
    assert_eq!(
        browser.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        serde_json::json!(true),
        "the record page scrolls sideways on a phone"
    );
    browser.set_viewport(1280, 900, false);
    browser.dark_mode(true);
    browser.navigate(&index_url);
    browser.screenshot(&screenshots.join("index-dark.png"));
    browser.navigate(&record_url);
    browser.screenshot(&screenshots.join("record-dark.png"));
    browser.dark_mode(false);

    // The hostile log: no page fires a dialog, and search still works.
    let (hostile, _, _) = rendered("site-hostile");
    let hostile_site = hostile.path().join("site");
    for page in [
        "index.html",
        "0001-hostile-markup-everywhere.html",
        "0002-validate-input-with-pydantic.html",
        "relations.html",
        "tags/index.html",
    ] {
        browser.navigate(&file_url(&hostile_site.join(page)));
        browser.eval("(() => { for (const element of document.querySelectorAll('*')) { for (const type of ['mouseover', 'click', 'toggle', 'load', 'error']) { element.dispatchEvent(new Event(type)); } } })()");
        browser.wait(300);
        assert_eq!(
            browser.dialogs(),
            Vec::<String>::new(),
            "{page} opened a dialog"
        );
    }
    browser.screenshot(&screenshots.join("hostile-record.png"));
    browser.navigate(&format!(
        "{}?q=pydantic",
        file_url(&hostile_site.join("index.html"))
    ));
    assert_eq!(browser.visible_rows(), ["0002"]);
    assert_eq!(browser.dialogs(), Vec::<String>::new());
}

pub(super) fn file_url(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap();
    format!("file://{}", path.display())
}
