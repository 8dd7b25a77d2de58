//! `adr render`: snapshots of each page's `<main>`, the seed record's page, links and copied
//! files, supersession banners, template overrides, the hostile log and the empty log.
//! `incremental` covers re-renders (byte-identical output, the manifest, the marker, pages
//! under interruption), `scale` the paged index and a one-record change's cost at thousands
//! of records, `browser` opens the site in headless Chromium (driven through the
//! DevTools client in `devtools`).

mod browser;
mod browser_reading;
pub(crate) mod devtools;
mod from_exports;
mod incremental;
mod links;
mod reading;
mod scale;
mod search;

use std::path::PathBuf;

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
            "rendered 5 records into site (86 files written, 0 unchanged, 0 removed): open site/index.html"
        )
    );
    // Issue #13: only images are published; the text file stays a link's text.
    assert_eq!(
        lines.next(),
        Some(
            "warning: docs/adr/0002-store-decisions-data-in-postgresql.md:43: `notes/db-notes.txt` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: set `repository-url` under `[site]` in .adr.toml (or give the repository an `origin` remote on GitHub, GitLab or Bitbucket) and the page links to the file in the repository"
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
    // The search index's shards are the subject of `search::`; here, only that they exist.
    let names: Vec<&str> = site
        .keys()
        .map(String::as_str)
        .filter(|name| !name.starts_with("assets/search/"))
        .collect();
    assert_eq!(
        site.keys()
            .filter(|name| name.starts_with("assets/search/"))
            .count(),
        // manifest, tokenizer, lengths, 64 buckets, one file for the 4 records that parse
        2 + 1 + 64 + 1
    );
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
            "assets/search.js",
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
        "<input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"done\"/>",
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
    let corpora = crate::util::corpus_names();
    assert_eq!(corpora.len(), 17, "{corpora:?}");
    logs.extend(
        corpora
            .into_iter()
            .map(|corpus| (corpus_root().join(corpus), ".")),
    );
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
        stderr.starts_with("warning: `recrd.html.tera` in the templates directory overrides nothing: the names are layout.html.tera, macros.html.tera, rows.html.tera, index.html.tera, record.html.tera, tag.html.tera, tags.html.tera, relation-rows.html.tera, relations.html.tera, relation-range.html.tera, style.css, site.js, search.js, favicon.svg\n"),
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
                // Only the index's filter form and the header's search, which submit nowhere.
                assert!(
                    attributes.iter().any(|(attribute, value)| attribute == "id"
                        && (value == "filters" || value == "site-search"))
                        && !attributes
                            .iter()
                            .any(|(attribute, _)| attribute == "action"),
                    "{name}: <form {attributes:?}>"
                );
            }
            if tag == "script" {
                let src = attributes.iter().find(|(attribute, _)| attribute == "src");
                assert!(
                    src.is_some_and(|(_, value)| value.ends_with("assets/search.js")
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
