//! The reading experience of a record page: the decision first, the details panel (known
//! fields, one Authors row, "Source" and "Edit" links, a date from git marked as such), the
//! records nearby, and status colours from config.

use std::path::Path;
use std::process::Command;

use crate::util::{log_with, read, run};

const MADR: &str = "---\nstatus: accepted\ndecision-makers: Ann Lee\nnav_order: 3\nlayout: adr\n---\n\n# Use X\n\n## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n\n* Y\n* X\n\n## Decision Outcome\n\nChosen option: \"X\", because it is *small* and [fast](https://example.org).\n";
const NYGARD: &str = "# 2. Keep a log\n\n## Status\n\nAccepted\n\n## Context\n\nWe forget.\n\n## Decision\n\nWe will keep a decision log in `docs/adr`.\n\n## Consequences\n\nMore files.\n";

/// `git` in `dir` as `author`, at a fixed date.
fn git(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.email=a@example.org",
            "-c",
            &format!("user.name={author}"),
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// A log of two records in a git repository whose `origin` is on GitHub: the first written
/// by Bob (its front matter names Ann as decision-maker), then changed by Ann.
fn log_in_git() -> tempfile::TempDir {
    let dir = log_with(&[("0001-use-x.md", MADR), ("0002-keep-a-log.md", NYGARD)]);
    let root = dir.path();
    git(
        root,
        "Bob",
        "2023-04-01T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    git(
        root,
        "Bob",
        "2023-04-01T10:00:00Z",
        &[
            "remote",
            "add",
            "origin",
            "git@github.com:acme/decisions.git",
        ],
    );
    git(root, "Bob", "2023-04-01T10:00:00Z", &["add", "."]);
    git(
        root,
        "Bob",
        "2023-04-01T10:00:00Z",
        &["commit", "-q", "-m", "first"],
    );
    std::fs::write(
        root.join("docs/adr/0001-use-x.md"),
        format!("{MADR}\nMore.\n"),
    )
    .unwrap();
    git(
        root,
        "Ann Lee",
        "2023-05-02T10:00:00Z",
        &["commit", "-q", "-a", "-m", "second"],
    );
    dir
}

#[test]
fn a_record_page_leads_with_the_decision_and_marks_the_chosen_option() {
    let dir = log_in_git();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-use-x.html"));
    let decision = "<section class=\"decision\" aria-labelledby=\"adr-decision\">\n<h2 id=\"adr-decision\" class=\"decision-heading\">Decision Outcome</h2>\n<p class=\"decision-option\"><span class=\"chosen-mark\">Chosen</span> <strong>X</strong></p>\n<p class=\"decision-reason\">because it is small and fast.</p>\n</section>\n</header>";
    assert!(page.contains(decision), "{page}");
    // The decision comes before the body: it is in the first screen.
    assert!(page.find(decision) < page.find("id=\"adr-body\""));
    assert!(page.contains("<ul>\n<li>Y</li>\n<li class=\"chosen-option\"><span class=\"chosen-mark\">Chosen</span> X</li>\n</ul>"), "{page}");
    // A Nygard record: the first paragraph of its Decision section.
    let page = read(dir.path().join("site/0002-keep-a-log.html"));
    assert!(page.contains("<h2 id=\"adr-decision\" class=\"decision-heading\">Decision</h2>\n<p class=\"decision-reason\">We will keep a decision log in docs/adr.</p>"), "{page}");
}

#[test]
fn the_details_panel_has_one_authors_row_repository_links_and_a_date_from_git() {
    let dir = log_in_git();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-use-x.html"));
    // Decision-makers and git authors in one row, each once.
    assert_eq!(page.matches("<dt>Authors</dt>").count(), 1, "{page}");
    assert!(
        page.contains("<dt>Authors</dt><dd>Ann Lee, Bob</dd>"),
        "{page}"
    );
    assert!(!page.contains("Decision-makers"), "{page}");
    // Unknown front-matter keys are folded away.
    assert!(page.contains("<details class=\"meta-more\">\n<summary>More details</summary>\n<dl>\n<div class=\"meta-row\"><dt>nav_order</dt><dd>3</dd></div>\n<div class=\"meta-row\"><dt>layout</dt><dd>adr</dd></div>\n</dl>\n</details>"), "{page}");
    assert!(page.contains("<dt>Repository</dt><dd class=\"source-links\"><a href=\"https://github.com/acme/decisions/blob/main/docs/adr/0001-use-x.md\" rel=\"noopener\">Source</a> · <a href=\"https://github.com/acme/decisions/edit/main/docs/adr/0001-use-x.md\" rel=\"noopener\">Edit</a></dd>"), "{page}");
    assert!(
        !page.contains(&dir.path().display().to_string()),
        "no local path on the page"
    );
    // No date in the record: the date of the commit that added it, marked.
    let page = read(dir.path().join("site/0002-keep-a-log.html"));
    assert!(page.contains("<dt>Date</dt><dd><time datetime=\"2023-04-01\">2023-04-01</time> <span class=\"date-origin\">(from git)</span></dd>"), "{page}");
    let index = read(dir.path().join("site/index.html"));
    assert!(
        index.contains(
            "<td class=\"col-date\"><time datetime=\"2023-04-01\">2023-04-01</time></td>"
        ),
        "{index}"
    );
}

#[test]
fn config_names_the_repository_and_colours_custom_statuses() {
    let dir = log_with(&[
        ("0001-use-x.md", "---\nstatus: on hold\n---\n\n# Use X\n"),
        ("0002-use-y.md", "---\nstatus: draft\n---\n\n# Use Y\n"),
    ]);
    std::fs::write(
        dir.path().join(".adr.toml"),
        "statuses = [\"on hold\"]\n\n[site]\nrepository-url = \"https://gitlab.example.org/team/decisions\"\nrepository-branch = \"trunk\"\n\n[site.status-colours]\n\"On Hold\" = \"#5B21B6\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-use-x.html"));
    assert!(page.contains("<a href=\"https://gitlab.example.org/team/decisions/-/edit/trunk/docs/adr/0001-use-x.md\" rel=\"noopener\">Edit</a>"), "{page}");
    assert!(
        page.contains("<span class=\"badge status-custom-on-hold\">on hold</span>"),
        "{page}"
    );
    let y = read(dir.path().join("site/0002-use-y.html"));
    assert!(
        y.contains("<span class=\"badge status-draft\">draft</span>"),
        "{y}"
    );
    let css = read(dir.path().join("site/assets/style.css"));
    assert!(css.ends_with("/* [site.status-colours] in .adr.toml */\n.status-custom-on-hold { background: #5b21b6; color: #ffffff; }\n.status-custom-on-hold::before { background: #ffffff; }\n.dot.status-custom-on-hold { fill: #5b21b6; }\n"), "{css}");

    std::fs::write(
        dir.path().join(".adr.toml"),
        "[site.status-colours]\nparked = \"red\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: `site.status-colours` gives `parked` the colour `red`: write it as #rgb or #rrggbb, e.g. \"#8a5cf5\"\n"
    );
    std::fs::write(
        dir.path().join(".adr.toml"),
        "[site]\nrepository-url = \"/srv/git/decisions\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`site.repository-url` is `/srv/git/decisions`, not an http or https URL"),
        "{stderr}"
    );
}

#[test]
fn a_record_page_lists_a_bounded_window_of_nearby_records() {
    let files: Vec<(String, String)> = (1..=30)
        .map(|n| {
            (
                format!("{n:04}-record-{n}.md"),
                format!("---\nstatus: accepted\n---\n\n# Record {n}\n"),
            )
        })
        .collect();
    let dir = crate::util::log_with_owned(&files);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0015-record-15.html"));
    let nearby = &page[page.find("<nav class=\"nearby\"").unwrap()..];
    let nearby = &nearby[..nearby.find("</nav>").unwrap()];
    // Ten before, itself, ten after: 0005 to 0025.
    assert_eq!(nearby.matches("<li").count(), 21, "{nearby}");
    assert!(
        nearby.contains("<a href=\"0005-record-5.html\">")
            && nearby.contains("<a href=\"0025-record-25.html\">")
    );
    assert!(!nearby.contains("0004-record-4.html") && !nearby.contains("0026-record-26.html"));
    assert!(nearby.contains("<li class=\"is-current\"><span aria-current=\"page\"><span class=\"nearby-label\">0015</span>"));
    assert!(nearby.contains("<a href=\"index.html\">All decisions</a>"));
}

// KimYeonWook511/commerce-backend (review J) names its records by date alone, as log4brains
// does (`20260422-pr59-jwt-redis-auth.md`), and tags none: the index's number column
// repeated each file's name in half the table's width, beside an empty tags column.
#[test]
fn the_tables_leave_out_a_number_column_no_record_fills_and_an_empty_tags_column() {
    let record = |title: &str, tags: &str| {
        format!("---\nstatus: accepted\ndate: 2026-04-22\n{tags}---\n\n# {title}\n")
    };
    let dated = log_with(&[
        ("20260422-pr59-jwt-auth.md", &record("Use JWT", "")),
        ("20260423-pr60-idempotency.md", &record("Use keys", "")),
    ]);
    let numbered = log_with(&[
        ("0001-use-jwt.md", &record("Use JWT", "tags: [auth]\n")),
        ("0002-use-keys.md", &record("Use keys", "")),
    ]);
    let table_of = |dir: &tempfile::TempDir, page: &str| {
        let (code, _, stderr) = run(dir.path(), &["render"]);
        assert_eq!(code, 0, "{stderr}");
        let page = read(dir.path().join("site").join(page));
        let at = page.find("<table class=\"records").unwrap();
        page[at..at + page[at..].find('>').unwrap() + 1].to_string()
    };
    assert_eq!(
        table_of(&dated, "index.html"),
        "<table class=\"records unnumbered untagged\" id=\"records\">"
    );
    assert_eq!(
        table_of(&numbered, "index.html"),
        "<table class=\"records\" id=\"records\">"
    );
    assert_eq!(
        table_of(&numbered, "tags/auth.html"),
        "<table class=\"records\" id=\"records\">"
    );
    let style = read(numbered.path().join("site/assets/style.css"));
    assert!(style.contains(
        "table.records.unnumbered .col-number, table.records.untagged .col-tags { display: none; }"
    ));
}

#[test]
fn diagram_scripts_are_published_and_loaded_only_where_a_record_has_a_diagram() {
    let diagram = "---\nstatus: accepted\n---\n\n# Use X\n\n```mermaid\ngraph TD\n  A --> B\n```\n";
    let plain = "---\nstatus: accepted\n---\n\n# Use Y\n\n```rust\nfn main() {}\n```\n";
    let dir = log_with(&[("0001-use-y.md", plain)]);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let assets = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("site/assets"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        assets(dir.path()),
        ["favicon.svg", "search", "search.js", "site.js", "style.css"]
    );
    let page = read(dir.path().join("site/0001-use-y.html"));
    assert!(
        !page.contains("mermaid") && page.contains("style-src 'self';"),
        "{page}"
    );

    std::fs::write(dir.path().join("docs/adr/0002-use-x.md"), diagram).unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        assets(dir.path()),
        [
            "diagrams.js",
            "favicon.svg",
            "mermaid-LICENSE.txt",
            "mermaid.min.js",
            "search",
            "search.js",
            "site.js",
            "style.css"
        ]
    );
    assert!(read(dir.path().join("site/assets/mermaid-LICENSE.txt")).contains("MIT"));
    let page = read(dir.path().join("site/0002-use-x.html"));
    assert!(page.contains("<script src=\"assets/mermaid.min.js\" defer></script>\n<script src=\"assets/diagrams.js\" defer></script>"), "{page}");
    // Mermaid styles its SVG inline: allowed there, and scripts stay same-origin.
    assert!(
        page.contains("script-src 'self'; style-src 'self' 'unsafe-inline';"),
        "{page}"
    );
    let page = read(dir.path().join("site/0001-use-y.html"));
    assert!(
        !page.contains("mermaid") && page.contains("style-src 'self';"),
        "{page}"
    );

    // The diagram gone, the scripts go too.
    std::fs::remove_file(dir.path().join("docs/adr/0002-use-x.md")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        assets(dir.path()),
        ["favicon.svg", "search", "search.js", "site.js", "style.css"]
    );
}

#[test]
fn the_relations_graph_of_a_large_log_draws_the_newest_records_and_says_so() {
    let files: Vec<(String, String)> = (1..=205)
        .map(|n| {
            let link = if n > 1 {
                format!("See [before]({:04}-r.md).\n", n - 1)
            } else {
                String::new()
            };
            (
                format!("{n:04}-r.md"),
                format!("---\nstatus: accepted\n---\n\n# Record {n}\n\n{link}"),
            )
        })
        .collect();
    let dir = crate::util::log_with_owned(&files);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/relations.html"));
    assert!(page.contains("<p class=\"graph-note\" role=\"note\">The graph shows the 200 newest of the 205 related decisions; the table below lists every relation.</p>"), "{page}");
    let svg = &page[page.find("<svg class=\"relations\"").unwrap()
        ..page
            .find("</svg></figure>")
            .or_else(|| page.find("</svg>\n</figure>"))
            .unwrap()];
    assert_eq!(svg.matches("<a href=").count(), 200);
    assert!(
        !svg.contains("0005-r.html") && svg.contains("0006-r.html") && svg.contains("0205-r.html")
    );
    // The table keeps every relation.
    assert_eq!(page.matches("<td>links to</td>").count(), 204);
}

// A record whose title is its front matter's writes its sections as H1s (`# Decision`);
// the page dropped the first of them as if it were the title, and lint called the record
// a fragment with no decision (gatsby-theme-adr logs).
#[test]
fn an_h1_section_under_a_front_matter_title_is_kept_on_the_page() {
    let record = read(
        crate::util::fixtures()
            .join("rules/decision-empty/pass-h1-sections-under-front-matter-title.md"),
    );
    let dir = log_with(&[("0001-keep-patches-inline.md", &record)]);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-keep-patches-inline.html"));
    assert!(
        page.contains(">Keep patch configuration in composer.json</h1>"),
        "{page}"
    );
    for heading in ["decision", "consequences"] {
        assert!(
            page.contains(&format!("<h1 id=\"{heading}\">")),
            "{heading}: {page}"
        );
    }
}
