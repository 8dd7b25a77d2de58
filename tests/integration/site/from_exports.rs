//! `adr render --from`: the exports of two repositories merged into one site, opened in
//! headless Chromium: both repositories' records are listed, the search finds each, and
//! every record links back to its file in its repository (issue 17).

use std::path::Path;

use super::devtools;
use crate::util::{copy_tree, fixtures, run};

/// `adr export --with-text --repository URL` of the fixture log `fixture`, into `to`.
fn export(fixture: &str, url: &str, to: &Path) {
    let log = copy_tree(&fixtures().join("logs").join(fixture));
    let (_, stdout, stderr) = run(log.path(), &["export", "--with-text", "--repository", url]);
    assert!(
        stdout.starts_with("{\n  \"version\": 1,\n  \"repository\": "),
        "{stderr}"
    );
    std::fs::write(to, stdout).unwrap();
}

/// Two repositories' exports rendered into `<dir>/site`.
fn merged_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    export(
        "site-basic",
        "https://github.com/acme/payments",
        &dir.path().join("payments.json"),
    );
    export(
        "monorepo",
        "https://github.com/acme/shop/",
        &dir.path().join("shop.json"),
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &["render", "--from", "payments.json", "--from", "shop.json"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("rendered 10 records into site ("),
        "{stderr}"
    );
    dir
}

#[test]
fn render_from_exports_links_each_record_to_its_repository() {
    let dir = merged_site();
    let page = std::fs::read_to_string(
        dir.path()
            .join("site/shop/services/backend/docs/adr/0001-store-orders-in-postgresql.html"),
    )
    .unwrap();
    assert!(
        page.contains("<a href=\"https://github.com/acme/shop/blob/HEAD/services/backend/docs/adr/0001-store-orders-in-postgresql.md\" rel=\"noopener\">Source</a> · <a href=\"https://github.com/acme/shop/edit/HEAD/services/backend/docs/adr/0001-store-orders-in-postgresql.md\" rel=\"noopener\">Edit</a>"),
        "{page}"
    );
    let index = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(
        index
            .contains("<a href=\"logs/payments.html\">payments</a> <span class=\"count\">4</span>")
    );
    assert!(index.contains(
        "<a href=\"logs/shop.backend.html\">shop.backend</a> <span class=\"count\">2</span>"
    ));
}

#[test]
fn render_from_refuses_an_export_without_text() {
    let dir = tempfile::tempdir().unwrap();
    let log = copy_tree(&fixtures().join("logs/monorepo"));
    let (_, stdout, _) = run(log.path(), &["export"]);
    std::fs::write(dir.path().join("a.json"), stdout).unwrap();
    let (code, _, stderr) = run(dir.path(), &["render", "--from", "a.json"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: a.json: record `docs/adr/0001-use-one-repository.md` has no `text`: export with `adr export --with-text`\n"
    );
    assert!(!dir.path().join("site").exists());
}

#[test]
fn render_from_refuses_a_path_leaving_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        r#"{"version": 1, "records": [{"path": "../../etc/x.md", "text": "x"}]}"#,
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["render", "--from", "a.json"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: a.json: record path `../../etc/x.md` is not a plain relative path: it must stay inside its repository\n"
    );
}

#[test]
fn two_repositories_in_one_site_are_listed_and_searchable_in_a_browser() {
    let Some(mut browser) = devtools::Browser::launch() else {
        return;
    };
    let dir = merged_site();
    let index = std::fs::canonicalize(dir.path().join("site/index.html")).unwrap();
    let index_url = format!("file://{}", index.display());
    browser.navigate(&index_url);
    assert_eq!(browser.errors(), Vec::<String>::new());
    assert_eq!(
        browser.visible_rows(),
        [
            "payments:0001",
            "payments:0002",
            "payments:0003",
            "payments:0004",
            "shop.platform:0001",
            "shop.platform:0002",
            "shop.backend:0001",
            "shop.backend:0002",
            "shop.frontend:0001",
            "shop.frontend:0002",
        ]
    );
    // A word only the first repository has, then one only the second has.
    browser.eval("document.getElementById('filter-q').focus()");
    browser.type_text("Pydantic");
    browser.wait(400);
    assert_eq!(browser.visible_rows(), ["payments:0001"]);
    browser.navigate(&format!("{index_url}?q=relational"));
    browser.wait(400);
    assert_eq!(browser.visible_rows(), ["shop.backend:0001"]);
    assert_eq!(
        browser.eval(
            "[...document.querySelectorAll('#records tbody tr')].filter(row => !row.hidden).map(row => row.querySelector('a').getAttribute('href'))"
        ),
        serde_json::json!(["shop/services/backend/docs/adr/0001-store-orders-in-postgresql.html"])
    );
}
