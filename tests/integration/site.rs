//! `adr render`: snapshots of each page's `<main>`, byte-identical re-renders, the manifest
//! (unchanged pages untouched, stale pages removed), the output-directory marker, atomic
//! pages under interruption, template overrides, copied files, the hostile log, and a real
//! browser (headless Chromium over the DevTools protocol) opening the site from `file://`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{
    adr, copy_tree, corpus_root, files_of, fixtures, log_with, read, repo_root, run,
};

/// Renders `fixture` (a project under tests/fixtures/logs) into `<copy>/site`.
fn rendered(fixture: &str) -> (tempfile::TempDir, i32, String) {
    let dir = copy_tree(&fixtures().join("logs").join(fixture));
    let (code, stdout, stderr) = run(dir.path(), &["render"]);
    assert_eq!(stdout, "", "render prints nothing on stdout");
    (dir, code, stderr)
}

/// The `<main>` element of a page: the part a record decides (the chrome is shared).
fn main_of(page: &str) -> String {
    let start = page.find("<main").expect("a <main> element");
    let end = page.find("</main>").expect("a </main> tag") + "</main>".len();
    page[start..end].to_string()
}

#[test]
fn the_basic_log_renders_every_page_and_reports_the_unreadable_record() {
    let (dir, code, stderr) = rendered("site-basic");
    // 0005's front matter is broken: it still gets a page, and the exit code is 1.
    assert_eq!(code, 1, "{stderr}");
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(
            "rendered 5 records into site (18 files written, 0 unchanged, 0 removed): open site/index.html"
        )
    );
    // Issue #13: only images are published; the text file stays a link's text.
    assert_eq!(
        lines.next(),
        Some(
            "warning: docs/adr/0002-store-decisions-data-in-postgresql.md:43: `notes/db-notes.txt` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: link to it in the repository with a full URL"
        )
    );
    let failure = lines.next().unwrap();
    assert!(
        failure.starts_with("error: docs/adr/0005-cache-responses.md:2:")
            && failure.ends_with("(its page shows the error)"),
        "{failure}"
    );
    assert_eq!(lines.next(), None);
    let site = files_of(&dir.path().join("site"));
    let names: Vec<&str> = site.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            ".adr-site",
            ".adr-site-cache",
            "0001-use-fastapi-web-framework.html",
            "0002-store-decisions-data-in-postgresql.html",
            "0003-record-architecture-decisions.html",
            "0004-use-sqlite-for-local-development.html",
            "0005-cache-responses.html",
            "assets/favicon.svg",
            "assets/search-index.js",
            "assets/site.js",
            "assets/style.css",
            "index.html",
            "relations.html",
            "tags/api.html",
            "tags/backend.html",
            "tags/database.html",
            "tags/framework.html",
            "tags/index.html",
            "tags/performance.html",
            "tags/testing.html",
        ]
    );
    let page = |name: &str| read(dir.path().join("site").join(name));
    insta::assert_snapshot!(
        "site_seed_record_main",
        main_of(&page("0001-use-fastapi-web-framework.html"))
    );
    insta::assert_snapshot!("site_index_main", main_of(&page("index.html")));
    insta::assert_snapshot!(
        "site_superseded_record_main",
        main_of(&page("0002-store-decisions-data-in-postgresql.html"))
    );
    insta::assert_snapshot!(
        "site_superseding_record_main",
        main_of(&page("0004-use-sqlite-for-local-development.html"))
    );
    insta::assert_snapshot!(
        "site_unreadable_record_main",
        main_of(&page("0005-cache-responses.html"))
    );
    insta::assert_snapshot!("site_relations_main", main_of(&page("relations.html")));
    insta::assert_snapshot!("site_tag_main", main_of(&page("tags/database.html")));
}

#[test]
fn the_seed_record_page_has_the_facts_a_reader_needs() {
    let (dir, _, _) = rendered("site-basic");
    let page = read(dir.path().join("site/0001-use-fastapi-web-framework.html"));
    for expected in [
        "<html lang=\"en\">",
        "<title>Use FastAPI as the Web Framework for Our Backend Services · Architecture Decision Records</title>",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'\">",
        "<span class=\"badge status-accepted\">accepted</span>",
        "<a class=\"tag\" href=\"tags/backend.html\">backend</a>",
        "<time datetime=\"2025-05-11\">2025-05-11</time>",
        "<li class=\"toc-2\"><a href=\"#decision-outcome\">Decision Outcome</a></li>",
        "<h2 id=\"decision-outcome\">Decision Outcome <a class=\"anchor\" href=\"#decision-outcome\"",
        "<a class=\"pager-next\" rel=\"next\" href=\"0002-store-decisions-data-in-postgresql.html\">",
        "<a href=\"https://fastapi.tiangolo.com/\">FastAPI Official Documentation</a>",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
    // The title is the page's heading; the record's own H1 is not repeated in the body.
    assert_eq!(
        page.matches("Use FastAPI as the Web Framework for Our Backend Services</h1>")
            .count(),
        1
    );
}

#[test]
fn links_between_records_point_at_pages_and_linked_files_are_copied() {
    let (dir, _, _) = rendered("site-basic");
    let page = read(
        dir.path()
            .join("site/0002-store-decisions-data-in-postgresql.html"),
    );
    for expected in [
        "<a href=\"0001-use-fastapi-web-framework.html#decision-outcome\">ADR-0001</a>",
        // Issue #13: an SVG is shown only inside <img>, as a data: URL, never copied to the
        // site where it could be opened as a document; a text file is not published.
        "<img src=\"data:image/svg+xml;base64,",
        "\" alt=\"Schema of the tables\" />",
        "\nnotes.</p>",
        // An image from another origin would be loaded by every reader: it becomes a link.
        "<a href=\"https://img.shields.io/badge/build-passing-green\" title=\"image on another site, not loaded here\">build status</a>",
        "<th class=\"align-left\">Option</th><th class=\"align-center\">Cost</th><th class=\"align-right\">Team knowledge</th>",
        "<del>MongoDB</del>",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
        "<sup class=\"footnote-reference\"><a href=\"#ops\">1</a></sup>",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
    assert!(!dir.path().join("site/img/schema.svg").exists());
    assert!(!dir.path().join("site/notes/db-notes.txt").exists());
    let superseding = read(
        dir.path()
            .join("site/0004-use-sqlite-for-local-development.html"),
    );
    assert!(
        superseding.contains("<a href=\"./0001-use-fastapi-web-framework.html\">ADR-0001</a>")
            || superseding.contains("<a href=\"0001-use-fastapi-web-framework.html\">ADR-0001</a>")
    );
}

#[test]
fn supersession_shows_banners_both_ways() {
    let (dir, _, _) = rendered("site-basic");
    let old = read(
        dir.path()
            .join("site/0002-store-decisions-data-in-postgresql.html"),
    );
    assert!(old.contains(
        "<p class=\"banner banner-superseded\" role=\"note\"><strong>Superseded by <a href=\"0004-use-sqlite-for-local-development.html\">0004 Use SQLite for local development and tests</a></strong>."
    ));
    let new = read(
        dir.path()
            .join("site/0004-use-sqlite-for-local-development.html"),
    );
    assert!(new.contains(
        "<p class=\"banner banner-supersedes\" role=\"note\"><strong>Supersedes <a href=\"0002-store-decisions-data-in-postgresql.html\">0002 Store decision data in PostgreSQL</a></strong>."
    ));
}

#[test]
fn renders_are_byte_identical() {
    let (first, _, _) = rendered("site-basic");
    let (second, _, _) = rendered("site-basic");
    // Every page, asset and the manifest; only the cache of file times differs.
    let without_stamps = |dir: &Path| {
        let mut files = files_of(dir);
        assert!(files.remove(".adr-site-cache").is_some());
        files
    };
    assert_eq!(
        without_stamps(&first.path().join("site")),
        without_stamps(&second.path().join("site"))
    );
}

#[test]
fn a_render_with_nothing_changed_touches_nothing() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    std::fs::remove_file(dir.path().join("docs/adr/0005-cache-responses.md")).unwrap();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    let site = dir.path().join("site");
    let before = files_of(&site);
    let modified = mtimes(&site);
    let (code, stdout, stderr) = run(dir.path(), &["render"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "site is up to date (17 files): open site/index.html\n\
             warning: docs/adr/0002-store-decisions-data-in-postgresql.md:43: `notes/db-notes.txt` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: link to it in the repository with a full URL\n"
        )
    );
    assert_eq!(files_of(&site), before);
    assert_eq!(mtimes(&site), modified);

    // One record's text changes: its page and the search index are rewritten, nothing else.
    let path = dir
        .path()
        .join("docs/adr/0003-record-architecture-decisions.md");
    let text = read(&path).replace("We will use", "We shall use");
    std::fs::write(&path, text).unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "rendered 4 records into site (2 files written, 15 unchanged, 0 removed): open site/index.html\n\
             warning: docs/adr/0002-store-decisions-data-in-postgresql.md:43: `notes/db-notes.txt` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: link to it in the repository with a full URL\n"
        )
    );
    let after = mtimes(&site);
    assert_eq!(
        after.get("0001-use-fastapi-web-framework.html"),
        modified.get("0001-use-fastapi-web-framework.html")
    );
    assert!(read(site.join("0003-record-architecture-decisions.html")).contains("We shall use"));
}

/// The site after an incremental render equals a full render of the same log, file for
/// file (the manifest included), after each kind of change a log goes through: the cache
/// reuses pages and record facts only where nothing they were made from changed.
#[test]
fn an_incremental_render_equals_a_full_render_after_every_kind_of_change() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let log = dir.path().join("docs/adr");
    assert_eq!(run(dir.path(), &["render"]).0, 1, "0005 does not parse");
    let edit = |name: &str, from: &str, to: &str| {
        let path = log.join(name);
        let text = read(&path);
        assert!(text.contains(from), "{name} holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let new_record = "0006-add-a-read-replica.md";
    // What changed, and the change.
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step<'_>> = vec![
        (
            "a body edit",
            Box::new(|| {
                edit(
                    "0003-record-architecture-decisions.md",
                    "We will use",
                    "We shall use",
                )
            }),
        ),
        (
            "the search index is damaged and a record edited",
            Box::new(|| {
                // The cache keeps only where each record's words stand in this file: the
                // words at those places are not to be trusted once it changed.
                let index = dir.path().join("site/assets/search-index.js");
                let damaged = read(&index).replace('e', "o");
                std::fs::write(&index, damaged).unwrap();
                edit(
                    "0003-record-architecture-decisions.md",
                    "We shall use",
                    "We will use",
                )
            }),
        ),
        (
            "a new title",
            Box::new(|| {
                edit(
                    "0004-use-sqlite-for-local-development.md",
                    "# Use SQLite for local development and tests",
                    "# Use SQLite for local development",
                )
            }),
        ),
        (
            "a new tag",
            Box::new(|| {
                edit(
                    "0004-use-sqlite-for-local-development.md",
                    "tags: [database, testing]",
                    "tags: [database, testing, local]",
                )
            }),
        ),
        (
            "a new record linking to another",
            Box::new(|| {
                std::fs::write(
                log.join(new_record),
                "---\nstatus: proposed\ndate: 2025-07-01\ntags: [database]\n---\n\n# Add a read replica\n\n## Context and Problem Statement\n\nSee [the SQLite decision](0004-use-sqlite-for-local-development.md) and [the plan](../plans/replica.md).\n",
            )
            .unwrap();
            }),
        ),
        (
            "the linked file appears",
            Box::new(|| {
                std::fs::create_dir_all(dir.path().join("docs/plans")).unwrap();
                std::fs::write(dir.path().join("docs/plans/replica.md"), "# Plan\n").unwrap();
            }),
        ),
        (
            "a supersession",
            Box::new(|| {
                edit(
                    new_record,
                    "status: proposed",
                    "status: superseded by [ADR-0001](0001-use-fastapi-web-framework.md)",
                )
            }),
        ),
        (
            "the unreadable record is fixed",
            Box::new(|| {
                std::fs::write(log.join("0005-cache-responses.md"), "---\nstatus: accepted\n---\n\n# Cache responses\n\nSee [ADR-0006](0006-add-a-read-replica.md).\n").unwrap();
            }),
        ),
        (
            "a linked record is deleted",
            Box::new(|| {
                std::fs::remove_file(log.join("0004-use-sqlite-for-local-development.md")).unwrap()
            }),
        ),
        (
            "a record is renamed",
            Box::new(|| {
                std::fs::rename(log.join(new_record), log.join("0007-add-a-read-replica.md"))
                    .unwrap();
            }),
        ),
        (
            "a record stops parsing",
            Box::new(|| {
                edit(
                    "0001-use-fastapi-web-framework.md",
                    "---\n",
                    "---\nstatus: [unclosed\n",
                )
            }),
        ),
    ];
    let without_cache = |site: &Path| {
        let mut files = files_of(site);
        assert!(files.remove(".adr-site-cache").is_some());
        files
    };
    for (number, (change, apply)) in steps.iter().enumerate() {
        apply();
        let (code, _, stderr) = run(dir.path(), &["render"]);
        assert!(code <= 1, "after {change}: {stderr}");
        assert!(stderr.starts_with("rendered "), "after {change}: {stderr}");
        let full = format!("full-{number}");
        let (full_code, _, _) = run(dir.path(), &["render", "--out", &full]);
        assert_eq!(code, full_code, "after {change}");
        let incremental = without_cache(&dir.path().join("site"));
        let complete = without_cache(&dir.path().join(&full));
        assert_eq!(
            incremental.keys().collect::<Vec<_>>(),
            complete.keys().collect::<Vec<_>>(),
            "the same files after {change}"
        );
        for (name, bytes) in &incremental {
            assert!(
                complete.get(name) == Some(bytes),
                "{name} differs from a full render after {change}"
            );
        }
    }
}

fn mtimes(dir: &Path) -> BTreeMap<String, std::time::SystemTime> {
    files_of(dir)
        .keys()
        .map(|name| {
            let modified = std::fs::metadata(dir.join(name))
                .unwrap()
                .modified()
                .unwrap();
            (name.clone(), modified)
        })
        .collect()
}

#[test]
fn pages_of_removed_records_are_deleted() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    run(dir.path(), &["render"]);
    std::fs::write(dir.path().join("site/CNAME"), "decisions.example.org\n").unwrap();
    std::fs::remove_file(
        dir.path()
            .join("docs/adr/0003-record-architecture-decisions.md"),
    )
    .unwrap();
    std::fs::remove_file(
        dir.path()
            .join("docs/adr/0004-use-sqlite-for-local-development.md"),
    )
    .unwrap();
    let (_, _, stderr) = run(dir.path(), &["render"]);
    assert!(
        stderr.starts_with("rendered 3 records into site ("),
        "{stderr}"
    );
    assert!(stderr.contains(", 3 removed)"), "{stderr}");
    let site = dir.path().join("site");
    assert!(
        !site
            .join("0003-record-architecture-decisions.html")
            .exists()
    );
    assert!(
        !site
            .join("0004-use-sqlite-for-local-development.html")
            .exists()
    );
    assert!(
        !site.join("tags/testing.html").exists(),
        "a tag nobody uses any more"
    );
    // A file the render did not make is never deleted.
    assert_eq!(read(site.join("CNAME")), "decisions.example.org\n");
}

#[test]
fn render_never_writes_into_a_directory_it_did_not_make() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    std::fs::write(dir.path().join("notes.txt"), "mine\n").unwrap();
    let before = files_of(dir.path());
    for out in [".", "docs"] {
        let (code, stdout, stderr) = run(dir.path(), &["render", "--out", out]);
        assert_eq!((code, stdout.as_str()), (2, ""), "--out {out}: {stderr}");
        assert_eq!(files_of(dir.path()), before, "--out {out} changed the tree");
    }
    let (_, _, stderr) = run(dir.path(), &["render", "--out", "."]);
    assert_eq!(
        stderr,
        "error: the output directory `.` contains the log itself: choose a directory of its own, e.g. `--out site`\n"
    );
    std::fs::create_dir_all(dir.path().join("public")).unwrap();
    std::fs::write(dir.path().join("public/keep.html"), "mine\n").unwrap();
    let (code, _, stderr) = run(dir.path(), &["render", "--out", "public"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: `public` is not empty and has no `.adr-site` file, so `adr render` did not make it: choose another `--out`, or empty the directory (adr render only replaces and deletes files in a directory it made)\n"
    );
    assert_eq!(read(dir.path().join("public/keep.html")), "mine\n");
}

#[test]
fn an_interrupted_render_leaves_whole_pages_and_the_next_one_completes_the_site() {
    let record = |number: usize, version: &str| {
        format!(
            "---\nstatus: accepted\ndate: 2025-01-01\ntags: [t{}]\n---\n\n# Decision {number}\n\nVersion {version}. {}",
            number % 7,
            "Some words about the decision and its consequences. ".repeat(40)
        )
    };
    let dir = log_with(&[]);
    let log = dir.path().join("docs/adr");
    let write_all = |version: &str| {
        for number in 1..=400 {
            std::fs::write(
                log.join(format!("{number:04}-decision-{number}.md")),
                record(number, version),
            )
            .unwrap();
        }
    };
    let site = dir.path().join("site");
    let assert_whole = |when: &str| {
        if !site.exists() {
            return; // A first render builds the site aside and moves it in at the end.
        }
        for (name, bytes) in files_of(&site) {
            if name.ends_with(".html") {
                assert!(
                    bytes.ends_with(b"</html>\n"),
                    "{name} is partial after a kill {when}"
                );
            }
        }
    };
    write_all("one");
    for delay in [30, 150] {
        let mut child = adr(dir.path()).arg("render").spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert_whole(&format!("at {delay} ms into a first render"));
    }
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    // Every page changes; kill the re-render while it replaces them one by one.
    for (version, delay) in [("two", 60), ("three", 250)] {
        write_all(version);
        let mut child = adr(dir.path()).arg("render").spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert_whole(&format!("at {delay} ms into a re-render"));
    }
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let files = files_of(&site);
    assert!(
        files.keys().all(|name| !name.contains(".adr-tmp-")),
        "temporary files left"
    );
    let pages: Vec<&String> = files
        .keys()
        .filter(|name| name.starts_with('0') && name.ends_with(".html"))
        .collect();
    assert_eq!(pages.len(), 400);
    assert!(
        pages
            .iter()
            .all(|name| read(site.join(name)).contains("Version three."))
    );
    let parent_entries: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        parent_entries
            .iter()
            .all(|name| !name.starts_with(".adr-site-")),
        "abandoned staging directories: {parent_entries:?}"
    );
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(
        (code, stderr.starts_with("site is up to date")),
        (0, true),
        "{stderr}"
    );
}

#[test]
fn title_base_url_and_build_date_are_options() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let (_, _, stderr) = run(
        dir.path(),
        &[
            "render",
            "--out",
            "public",
            "--title",
            "Payments <Decisions>",
            "--base-url",
            "https://example.org/adr/",
            "--build-date",
        ],
    );
    assert!(
        stderr.starts_with("rendered 5 records into public ("),
        "{stderr}"
    );
    let index = read(dir.path().join("public/index.html"));
    assert!(index.contains("<title>Payments &lt;Decisions&gt;</title>"));
    assert!(index.contains("<link rel=\"canonical\" href=\"https://example.org/adr/index.html\">"));
    assert!(index.contains("on <time datetime=\"2025-11-23\">2025-11-23</time>"));
    let (code, _, stderr) = run(dir.path(), &["render", "--base-url", "javascript:alert(1)"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: the base URL `javascript:alert(1)` is not an http or https URL: write it in full, e.g. https://example.org/decisions\n"
    );
}

#[test]
fn a_record_template_gets_the_body_however_it_writes_it() {
    let (dir, custom) = site_basic_with_templates_dir();
    let page = |template: &str| {
        std::fs::write(custom.join("record.html.tera"), template).unwrap();
        // The fixture's 0005 is broken on purpose, hence exit 1.
        let (code, _, stderr) = run(dir.path(), &["render"]);
        assert_eq!(code, 1, "{stderr}");
        read(
            dir.path()
                .join("public/0001-use-fastapi-web-framework.html"),
        )
    };
    let heading = "<h2 id=\"context-and-problem-statement\">Context and Problem Statement";
    // The built-in way: marked safe, written once.
    let once = page("<main>{{ record.body | safe }}</main>");
    assert!(once.starts_with(&format!("<main>{heading}")), "{once}");
    assert!(once.ends_with("</main>"), "{once}");
    // Twice, and escaped: each as the template says.
    let twice = page("{{ record.body | safe }}|{{ record.body | safe }}");
    let (first, second) = twice.split_once('|').unwrap();
    assert_eq!(first, second);
    assert!(first.starts_with(heading), "{first}");
    let escaped = page("{{ record.body }}");
    assert!(
        escaped.starts_with("&lt;h2 id=&quot;context-and-problem-statement&quot;&gt;"),
        "{escaped}"
    );
    assert!(!escaped.contains('\u{1}'));
}

/// Pages made from skeletons (the built-in templates) are the bytes tera makes: the same
/// templates given as overrides turn skeletons off, and every page must come out the same.
#[test]
fn pages_made_from_skeletons_are_the_pages_tera_makes() {
    let templates = tempfile::tempdir().unwrap();
    for name in ["layout", "macros", "rows", "record", "relation-rows"] {
        let file = format!("{name}.html.tera");
        std::fs::copy(
            repo_root().join("templates/site").join(&file),
            templates.path().join(&file),
        )
        .unwrap();
    }
    // (project, log directory)
    let mut logs: Vec<(PathBuf, &str)> = ["site-basic", "site-hostile", "ecosystem-madr4"]
        .iter()
        .map(|name| (fixtures().join("logs").join(name), "docs/adr"))
        .collect();
    logs.push((repo_root(), "docs/adr"));
    let mut corpora: Vec<PathBuf> = std::fs::read_dir(corpus_root())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    corpora.sort();
    assert_eq!(corpora.len(), 13);
    logs.extend(corpora.into_iter().map(|corpus| (corpus, ".")));
    for (log, log_dir) in logs {
        let out = tempfile::tempdir().unwrap();
        let site = |name: &str, extra: &[&str]| {
            let target = out.path().join(name);
            let mut args = vec![
                "--dir",
                log_dir,
                "render",
                "--out",
                target.to_str().unwrap(),
            ];
            args.extend(extra);
            let output = adr(&log).args(&args).output().unwrap();
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{}: {}",
                log.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            let mut files = files_of(&target);
            files.retain(|path, _| !path.starts_with(".adr-site"));
            files
        };
        let by_skeleton = site("skeleton", &[]);
        let by_tera = site("tera", &["--templates", templates.path().to_str().unwrap()]);
        assert!(by_skeleton.len() > 3, "{}", log.display());
        assert_eq!(
            by_skeleton.keys().collect::<Vec<_>>(),
            by_tera.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &by_skeleton {
            assert!(by_tera[path] == *bytes, "{}: {path} differs", log.display());
        }
    }
}

#[test]
fn templates_and_assets_are_overridden_by_name() {
    let (dir, custom) = site_basic_with_templates_dir();
    std::fs::write(
        custom.join("tag.html.tera"),
        "{% extends \"layout.html\" %}{% block main %}<h1>Custom tag page: {{ tag.name }}</h1>{% endblock main %}",
    )
    .unwrap();
    std::fs::write(custom.join("style.css"), "body { color: black; }\n").unwrap();
    std::fs::write(custom.join("recrd.html.tera"), "typo").unwrap();
    let (_, _, stderr) = run(dir.path(), &["render"]);
    assert!(
        stderr.starts_with("warning: `recrd.html.tera` in the templates directory overrides nothing: the names are layout.html.tera, macros.html.tera, rows.html.tera, index.html.tera, record.html.tera, tag.html.tera, tags.html.tera, relation-rows.html.tera, relations.html.tera, style.css, site.js, favicon.svg\n"),
        "{stderr}"
    );
    assert!(
        read(dir.path().join("public/tags/database.html"))
            .contains("<h1>Custom tag page: database</h1>")
    );
    assert_eq!(
        read(dir.path().join("public/assets/style.css")),
        "body { color: black; }\n"
    );
    // Overrides are still tera templates registered as `.html`: output is escaped.
    std::fs::write(
        custom.join("tag.html.tera"),
        "{% extends \"layout.html\" %}{% block main %}{{ tag.name }}{% endblock main %}",
    )
    .unwrap();
    std::fs::write(
        dir.path()
            .join("docs/adr/0003-record-architecture-decisions.md"),
        "---\nstatus: accepted\ntags: [\"<script>alert(1)</script>\"]\n---\n\n# Tagged\n",
    )
    .unwrap();
    run(dir.path(), &["render"]);
    let tag_page = std::fs::read_dir(dir.path().join("public/tags"))
        .unwrap()
        .map(|entry| read(entry.unwrap().path()))
        .find(|page| page.contains("alert(1)"))
        .unwrap();
    assert!(tag_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!tag_page.contains("<script>alert"));

    std::fs::write(custom.join("record.html.tera"), "{% if %}").unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: template `the site templates`: "),
        "{stderr}"
    );
}

/// A copy of the `site-basic` log configured to render into `public/` with templates from
/// its (empty) `custom/` directory, which is returned.
fn site_basic_with_templates_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let custom = dir.path().join("custom");
    std::fs::create_dir_all(&custom).unwrap();
    std::fs::write(
        dir.path().join(".adr.toml"),
        "[site]\ntemplates = \"custom\"\nout = \"public\"\n",
    )
    .unwrap();
    (dir, custom)
}

/// A tag, its attributes, from a page whose text and attribute values are escaped: every
/// `<` in the output opens a real tag.
fn tags_of(page: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let bytes = page.as_bytes();
    let mut at = 0;
    while let Some(offset) = page[at..].find('<') {
        at += offset + 1;
        if page[at..].starts_with('!') || page[at..].starts_with('/') {
            continue;
        }
        let name_end = page[at..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .map_or(page.len(), |end| at + end);
        let name = page[at..name_end].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut cursor = name_end;
        loop {
            while cursor < bytes.len() && (bytes[cursor] as char).is_ascii_whitespace() {
                cursor += 1;
            }
            if cursor >= bytes.len() || bytes[cursor] == b'>' || page[cursor..].starts_with("/>") {
                break;
            }
            let attribute_end = page[cursor..]
                .find(|c: char| c == '=' || c == '>' || c.is_ascii_whitespace() || c == '/')
                .map_or(page.len(), |end| cursor + end);
            let attribute = page[cursor..attribute_end].to_ascii_lowercase();
            cursor = attribute_end;
            let mut value = String::new();
            if page[cursor..].starts_with('=') {
                cursor += 1;
                let quote = bytes[cursor];
                if quote == b'"' || quote == b'\'' {
                    let end = page[cursor + 1..].find(quote as char).unwrap() + cursor + 1;
                    value = page[cursor + 1..end].to_string();
                    cursor = end + 1;
                } else {
                    let end = page[cursor..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(page.len(), |end| cursor + end);
                    value = page[cursor..end].to_string();
                    cursor = end;
                }
            } else if attribute.is_empty() {
                cursor += 1;
                continue;
            }
            attributes.push((attribute, value));
        }
        tags.push((name, attributes));
    }
    tags
}

#[test]
fn the_hostile_log_renders_nothing_executable() {
    let (dir, code, stderr) = rendered("site-hostile");
    assert_eq!(code, 0, "{stderr}");
    let site = dir.path().join("site");
    let pages: Vec<(String, String)> = files_of(&site)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(pages.len() >= 5);
    for (name, page) in &pages {
        for (tag, attributes) in tags_of(page) {
            assert!(
                ![
                    "iframe", "object", "embed", "style", "base", "frame", "frameset", "applet",
                    "math"
                ]
                .contains(&tag.as_str()),
                "{name}: <{tag}>"
            );
            if tag == "form" {
                // Only the index's own filter form, which submits nowhere.
                assert!(
                    attributes
                        .iter()
                        .any(|(attribute, value)| attribute == "id" && value == "filters")
                        && !attributes
                            .iter()
                            .any(|(attribute, _)| attribute == "action"),
                    "{name}: <form {attributes:?}>"
                );
            }
            if tag == "script" {
                let src = attributes.iter().find(|(attribute, _)| attribute == "src");
                assert!(
                    src.is_some_and(|(_, value)| value.ends_with("assets/search-index.js")
                        || value.ends_with("assets/site.js")),
                    "{name}: a script that is not the site's own: {attributes:?}"
                );
            }
            if tag == "meta" {
                assert!(
                    !attributes
                        .iter()
                        .any(|(attribute, value)| attribute == "http-equiv"
                            && value.eq_ignore_ascii_case("refresh")),
                    "{name}: a meta refresh"
                );
            }
            if tag == "link" {
                let href = attributes
                    .iter()
                    .find(|(attribute, _)| attribute == "href")
                    .map(|(_, value)| value.as_str())
                    .unwrap_or("");
                let rel = attributes
                    .iter()
                    .find(|(attribute, _)| attribute == "rel")
                    .map(|(_, value)| value.as_str())
                    .unwrap_or("");
                assert!(
                    rel == "canonical" || !href.contains(':'),
                    "{name}: <link href={href}>"
                );
            }
            for (attribute, value) in &attributes {
                assert!(
                    !attribute.starts_with("on"),
                    "{name}: <{tag} {attribute}={value}>"
                );
                assert!(
                    attribute != "style" && attribute != "formaction" && attribute != "srcdoc",
                    "{name}: <{tag} {attribute}>"
                );
                let lowered = value.to_ascii_lowercase().replace(['\t', '\n', ' '], "");
                // An SVG image is shown as a data: URL inside <img>, where it runs nothing.
                let is_svg_image = tag == "img"
                    && attribute == "src"
                    && value.starts_with("data:image/svg+xml;base64,");
                assert!(
                    !lowered.contains("javascript:")
                        && (is_svg_image || !lowered.starts_with("data:"))
                        && !lowered.contains("vbscript:"),
                    "{name}: <{tag} {attribute}={value}>"
                );
                if attribute == "src" && !is_svg_image {
                    assert!(
                        !value.contains(':') && !value.starts_with("//"),
                        "{name}: <{tag} src={value}> loads from another origin"
                    );
                }
            }
        }
        let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
        assert!(!title[7..].contains('<'), "{name}: markup in the title");
    }
    // The hostile values are still there, as text.
    let record = read(site.join("0001-hostile-markup-everywhere.html"));
    assert!(
        record.contains("&lt;/dd&gt;&lt;script&gt;alert(&#39;decision-maker&#39;)&lt;/script&gt;")
    );
    assert!(record.contains("<img src=\"data:image/svg+xml;base64,"));
    assert!(record.contains("\" alt=\"diagram with a script\""));
    assert!(!site.join("evil.svg").exists());
}

#[test]
fn an_empty_log_renders_a_site_that_says_so() {
    let dir = log_with(&[]);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let index = read(dir.path().join("site/index.html"));
    assert!(index.contains("<p class=\"lede\">0 decisions.</p>"));
    assert!(
        index.contains("No decisions recorded yet: create one with <code>adr new TITLE</code>.")
    );
}

/// Where the browser test keeps its screenshots.
fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::util::repo_root().join("target"));
    target.join("site-screenshots")
}

#[test]
fn the_site_works_in_a_real_browser() {
    let Some(mut browser) = browser::Browser::launch() else {
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

fn file_url(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap();
    format!("file://{}", path.display())
}

/// Just enough of the Chrome DevTools Protocol to drive headless Chromium: one websocket,
/// flat sessions, commands answered by id, events collected as they arrive.
mod browser {
    use std::io::{BufRead, BufReader};
    use std::net::TcpStream;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use base64::Engine;
    use serde_json::{Value, json};
    use tungstenite::{Message, WebSocket};

    pub struct Browser {
        child: Child,
        socket: WebSocket<TcpStream>,
        session: String,
        next_id: u64,
        errors: Vec<String>,
        dialogs: Vec<String>,
        loaded: bool,
        _profile: tempfile::TempDir,
    }

    fn find_chromium() -> Option<String> {
        ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|name| {
                Command::new(name)
                    .arg("--version")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|status| status.success())
            })
            .map(String::from)
    }

    impl Browser {
        /// Starts Chromium, or returns `None` when `ADR_SKIP_BROWSER=1` and it is missing.
        // The skip is said on stderr so a skipped run is never mistaken for a passing one.
        #[allow(clippy::print_stderr)]
        pub fn launch() -> Option<Browser> {
            let Some(program) = find_chromium() else {
                if std::env::var("ADR_SKIP_BROWSER").as_deref() == Ok("1") {
                    eprintln!("skipping the browser test: ADR_SKIP_BROWSER=1 and no Chromium");
                    return None;
                }
                panic!(
                    "the browser test needs Chromium: install it with `apt-get install -y chromium` \
                     (or set ADR_SKIP_BROWSER=1 to skip it locally; CI never does)"
                );
            };
            let profile = tempfile::tempdir().unwrap();
            let mut child = Command::new(program)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--hide-scrollbars",
                    "--mute-audio",
                    "--remote-debugging-port=0",
                ])
                .arg(format!("--user-data-dir={}", profile.path().display()))
                .arg("about:blank")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start Chromium");
            let stderr = child.stderr.take().unwrap();
            let (sender, receiver) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Some(at) = line.find("ws://") {
                        let _ = sender.send(line[at..].trim().to_string());
                    }
                }
            });
            let url = receiver
                .recv_timeout(Duration::from_secs(60))
                .expect("Chromium printed its DevTools address");
            let address = url
                .trim_start_matches("ws://")
                .split('/')
                .next()
                .unwrap()
                .to_string();
            let stream = TcpStream::connect(&address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            let (socket, _) =
                tungstenite::client(url.as_str(), stream).expect("DevTools websocket");
            let mut browser = Browser {
                child,
                socket,
                session: String::new(),
                next_id: 0,
                errors: Vec::new(),
                dialogs: Vec::new(),
                loaded: false,
                _profile: profile,
            };
            let target =
                browser.command(None, "Target.createTarget", json!({ "url": "about:blank" }));
            let target_id = target["targetId"].as_str().unwrap().to_string();
            let attached = browser.command(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target_id, "flatten": true }),
            );
            browser.session = attached["sessionId"].as_str().unwrap().to_string();
            for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
                browser.call(domain, json!({}));
            }
            browser.set_viewport(1280, 900, false);
            Some(browser)
        }

        fn command(&mut self, session: Option<String>, method: &str, params: Value) -> Value {
            self.next_id += 1;
            let id = self.next_id;
            let mut message = json!({ "id": id, "method": method, "params": params });
            if let Some(session) = session {
                message["sessionId"] = json!(session);
            }
            self.socket
                .send(Message::text(message.to_string()))
                .expect("send to Chromium");
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                assert!(
                    Instant::now() < deadline,
                    "Chromium did not answer {method}"
                );
                let reply = self.receive().expect("a message from Chromium");
                if reply["id"].as_u64() == Some(id) {
                    assert!(reply.get("error").is_none(), "{method} failed: {reply}");
                    return reply["result"].clone();
                }
            }
        }

        fn call(&mut self, method: &str, params: Value) -> Value {
            let session = self.session.clone();
            self.command(Some(session), method, params)
        }

        /// The next message, with events recorded on the way.
        fn receive(&mut self) -> Option<Value> {
            let message = match self.socket.read() {
                Ok(Message::Text(text)) => serde_json::from_str::<Value>(text.as_str()).ok()?,
                Ok(_) => return Some(Value::Null),
                Err(tungstenite::Error::Io(error))
                    if matches!(
                        error.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return None;
                }
                Err(error) => panic!("DevTools connection failed: {error}"),
            };
            match message["method"].as_str() {
                Some("Page.loadEventFired") => self.loaded = true,
                Some("Page.javascriptDialogOpening") => {
                    self.dialogs.push(
                        message["params"]["message"]
                            .as_str()
                            .unwrap_or("")
                            .to_string(),
                    );
                    // Answer it, or the page stays blocked.
                    self.next_id += 1;
                    let answer = json!({
                        "id": self.next_id,
                        "sessionId": self.session,
                        "method": "Page.handleJavaScriptDialog",
                        "params": { "accept": true },
                    });
                    let _ = self.socket.send(Message::text(answer.to_string()));
                }
                Some("Runtime.exceptionThrown") => self.errors.push(format!(
                    "exception: {}",
                    message["params"]["exceptionDetails"]["exception"]["description"]
                        .as_str()
                        .or(message["params"]["exceptionDetails"]["text"].as_str())
                        .unwrap_or("?")
                )),
                Some("Runtime.consoleAPICalled")
                    if matches!(
                        message["params"]["type"].as_str(),
                        Some("error" | "assert" | "warning")
                    ) =>
                {
                    self.errors
                        .push(format!("console: {}", message["params"]["args"]));
                }
                Some("Log.entryAdded")
                    if matches!(
                        message["params"]["entry"]["level"].as_str(),
                        Some("error" | "warning")
                    ) =>
                {
                    self.errors.push(format!(
                        "log: {} {}",
                        message["params"]["entry"]["text"].as_str().unwrap_or(""),
                        message["params"]["entry"]["url"].as_str().unwrap_or("")
                    ));
                }
                _ => {}
            }
            Some(message)
        }

        pub fn navigate(&mut self, url: &str) {
            self.errors.clear();
            self.loaded = false;
            self.call("Page.navigate", json!({ "url": url }));
            let deadline = Instant::now() + Duration::from_secs(30);
            while !self.loaded {
                assert!(Instant::now() < deadline, "{url} did not load");
                self.receive();
            }
            // Deferred scripts have run by the load event; give timers a moment too.
            self.wait(100);
        }

        /// Reads events for `millis` milliseconds.
        pub fn wait(&mut self, millis: u64) {
            let expression = format!("new Promise(resolve => setTimeout(resolve, {millis}))");
            self.call(
                "Runtime.evaluate",
                json!({ "expression": expression, "awaitPromise": true }),
            );
        }

        pub fn eval(&mut self, expression: &str) -> Value {
            let result = self.call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
            );
            assert!(
                result.get("exceptionDetails").is_none(),
                "{expression} threw: {}",
                result["exceptionDetails"]
            );
            result["result"]["value"].clone()
        }

        pub fn type_text(&mut self, text: &str) {
            self.call("Input.insertText", json!({ "text": text }));
        }

        pub fn visible_rows(&mut self) -> Vec<String> {
            let rows = self.eval(
                "[...document.querySelectorAll('#records tbody tr')].filter(row => !row.hidden).map(row => row.cells[0].textContent)",
            );
            serde_json::from_value(rows).unwrap()
        }

        pub fn errors(&mut self) -> Vec<String> {
            self.wait(50);
            self.errors.clone()
        }

        pub fn dialogs(&mut self) -> Vec<String> {
            self.wait(50);
            self.dialogs.clone()
        }

        pub fn set_viewport(&mut self, width: u32, height: u32, mobile: bool) {
            self.call(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
            );
        }

        pub fn dark_mode(&mut self, dark: bool) {
            self.call(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }] }),
            );
        }

        pub fn screenshot(&mut self, path: &Path) {
            let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(shot["data"].as_str().unwrap())
                .unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }

    impl Drop for Browser {
        fn drop(&mut self) {
            let _ = self.socket.close(None);
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
