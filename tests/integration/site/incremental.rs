//! Re-renders: byte-identical output, nothing touched when nothing changed, an incremental
//! render equal to a full one after every kind of change, stale pages removed, the
//! output-directory marker, and whole pages when a render is killed mid-way.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{adr, copy_tree, files_of, fixtures, log_with, read, run};

use super::rendered;

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
    let (dir, site) = rendered_without_0005();
    let before = files_of(&site);
    let modified = mtimes(&site);
    let (code, stdout, stderr) = run(dir.path(), &["render"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "site is up to date (85 files): open site/index.html\n\
             warning: docs/adr/0002-store-decisions-data-in-postgresql.md:43: `notes/db-notes.txt` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: set `repository-url` under `[site]` in .adr.toml (or give the repository an `origin` remote on GitHub, GitLab or Bitbucket) and the page links to the file in the repository\n"
        )
    );
    assert_eq!(files_of(&site), before);
    assert_eq!(mtimes(&site), modified);

    // One record's text changes: its page, its search shard and the buckets of the words
    // that changed ("will" gone, "shall" new) are rewritten, nothing else.
    will_to_shall(dir.path());
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "rendered 4 records into site (4 files written, 81 unchanged, 0 removed): open site/index.html\n\
             warning: docs/adr/0002-store-decisions-data-in-postgresql.md:43: `notes/db-notes.txt` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: set `repository-url` under `[site]` in .adr.toml (or give the repository an `origin` remote on GitHub, GitLab or Bitbucket) and the page links to the file in the repository\n"
        )
    );
    assert_eq!(rewritten_since(&site, &modified), will_to_shall_rewrites());
    let after = mtimes(&site);
    assert_eq!(
        after.get("0001-use-fastapi-web-framework.html"),
        modified.get("0001-use-fastapi-web-framework.html")
    );
    assert!(read(site.join("0003-record-architecture-decisions.html")).contains("We shall use"));
}

/// The first render after an upgrade finds the site's cache unreadable and makes every page
/// again: the pages that came out as they were are left alone (and listed in the manifest as
/// the last render's), the changed ones replaced, those of a removed record deleted, and the
/// site is the same as a full render's.
#[test]
fn a_render_without_its_cache_rewrites_only_what_changed() {
    let (dir, site) = rendered_without_0005();
    let modified = mtimes(&site);
    let lose_cache = || std::fs::remove_file(site.join(".adr-site-cache")).unwrap();

    lose_cache();
    will_to_shall(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["render"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.lines().next()),
        (
            0,
            "",
            Some(
                "rendered 4 records into site (4 files written, 81 unchanged, 0 removed): open site/index.html"
            )
        )
    );
    assert_eq!(rewritten_since(&site, &modified), will_to_shall_rewrites());
    crate::util::assert_matches_a_full_render(dir.path(), "a render without its cache");

    lose_cache();
    std::fs::remove_file(
        dir.path()
            .join("docs/adr/0004-use-sqlite-for-local-development.md"),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !site
            .join("0004-use-sqlite-for-local-development.html")
            .exists()
    );
    crate::util::assert_matches_a_full_render(
        dir.path(),
        "a render without its cache, a record removed",
    );
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
            "a search shard is damaged and a record edited",
            Box::new(|| {
                // A shard is kept only when it is still the bytes the manifest lists.
                let index = dir.path().join("site/assets/search/0/b0.js");
                std::fs::write(&index, "damaged").unwrap();
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
    for (number, (change, apply)) in steps.iter().enumerate() {
        apply();
        let (code, _, stderr) = run(dir.path(), &["render"]);
        assert!(code <= 1, "after {change}: {stderr}");
        assert!(stderr.starts_with("rendered "), "after {change}: {stderr}");
        let full = format!("full-{number}");
        let (full_code, _, _) = run(dir.path(), &["render", "--out", &full]);
        assert_eq!(code, full_code, "after {change}");
        assert!(dir.path().join("site/.adr-site-cache").is_file());
        crate::util::assert_same_site(&dir.path().join("site"), &dir.path().join(full), change);
    }
}

/// The files of `site` (but its manifest and cache) whose time is not the one in `before`.
fn rewritten_since(site: &Path, before: &BTreeMap<String, std::time::SystemTime>) -> Vec<String> {
    mtimes(site)
        .into_iter()
        .filter(|(name, time)| before.get(name) != Some(time) && !name.starts_with(".adr-site"))
        .map(|(name, _)| name)
        .collect()
}

/// `site-basic` without record 0005, rendered into its `site`.
fn rendered_without_0005() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    std::fs::remove_file(dir.path().join("docs/adr/0005-cache-responses.md")).unwrap();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    let site = dir.path().join("site");
    (dir, site)
}

/// Edits record 0003 of `site-basic` in `dir`: "We will use" becomes "We shall use".
fn will_to_shall(dir: &Path) {
    let path = dir.join("docs/adr/0003-record-architecture-decisions.md");
    std::fs::write(&path, read(&path).replace("We will use", "We shall use")).unwrap();
}

/// What [`will_to_shall`] rewrites: the record's page, its search shard and the buckets of
/// the words that changed, in path order.
fn will_to_shall_rewrites() -> Vec<String> {
    let bucket = |word| format!("assets/search/0/b{}.js", adr::site::search::bucket_of(word));
    let mut expected = vec![
        "0003-record-architecture-decisions.html".to_string(),
        "assets/search/0/d0.js".to_string(),
        bucket("will"),
        bucket("shall"),
    ];
    expected.sort();
    expected.dedup();
    expected
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

/// A render replacing pages in place marks the site until its manifest is written; only a
/// render finding that mark (left by one killed or failed mid-way) walks the site for the
/// temporary files left behind.
#[test]
fn only_a_site_marked_as_interrupted_is_walked_for_temporary_files() {
    let (dir, site) = rendered_without_0005();
    let pending = site.join(".adr-site-pending");
    assert!(!pending.exists(), "a finished render leaves no mark");
    let stray = ["assets/.adr-tmp-stray", "tags/.adr-tmp-stray"].map(|name| site.join(name));
    for path in &stray {
        std::fs::write(path, "half a page").unwrap();
    }
    will_to_shall(dir.path());
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    assert!(
        stray.iter().all(|path| path.exists()),
        "walked without a mark"
    );
    assert!(!pending.exists());

    std::fs::write(&pending, "").unwrap();
    let path = dir
        .path()
        .join("docs/adr/0003-record-architecture-decisions.md");
    std::fs::write(&path, read(&path).replace("We shall use", "We will use")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    for path in &stray {
        assert!(!path.exists(), "{} left", path.display());
    }
    assert!(
        !pending.exists(),
        "the mark outlived the render that cleared it"
    );
    assert!(
        !files_of(&site)
            .keys()
            .any(|name| name.contains(".adr-tmp-"))
    );
}

/// A typed relation whose verb changes (`Amends` to `Clarifies`) changes the relations
/// table, though the records' rows do not.
#[test]
fn a_typed_relation_that_changes_its_verb_is_shown_anew() {
    let dir = log_with(&[
        (
            "0001-first.md",
            "# 1. First\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
        ),
        (
            "0002-second.md",
            "# 2. Second\n\n## Status\n\nAccepted\n\nAmends [1. First](0001-first.md)\n\n## Context\n\ny\n",
        ),
    ]);
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    let relations = || read(dir.path().join("site/relations.html"));
    assert!(relations().contains("<td>amends</td>"));
    let second = dir.path().join("docs/adr/0002-second.md");
    std::fs::write(&second, read(&second).replace("Amends", "Clarifies")).unwrap();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    assert!(
        relations().contains("<td>clarifies</td>"),
        "{}",
        relations()
    );
    crate::util::assert_matches_a_full_render(dir.path(), "a relation's verb changed");
}

/// A render killed between creating its staging directory and marking it leaves an empty
/// directory: the next first render removes it, and leaves one that holds anything.
#[test]
fn an_empty_staging_directory_is_removed_and_a_full_unmarked_one_kept() {
    let dir = log_with(&[("0001-first.md", "# 1. First\n\nBody.\n")]);
    let empty = dir.path().join(".adr-site-killed");
    let kept = dir.path().join(".adr-site-someone-elses");
    std::fs::create_dir(&empty).unwrap();
    std::fs::create_dir(&kept).unwrap();
    std::fs::write(kept.join("notes.txt"), "mine").unwrap();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    assert!(!empty.exists());
    assert_eq!(read(kept.join("notes.txt")), "mine");
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
    // The two pages; the tag page only 0004 had. (The records' search texts share one
    // file with the others', which is rewritten.)
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
    let render = || {
        let mut command = adr(dir.path());
        command.arg("render");
        command
    };
    let staging_dirs = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|entry| {
                entry
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".adr-site-")
            })
            .count()
    };
    // How long a first render and a re-render of every page take here, so the kills can be
    // aimed inside them whatever the machine.
    write_all("one");
    let first_render = crate::util::duration_of(1, || {
        let _ = std::fs::remove_dir_all(&site);
        render()
    });
    let measured = std::cell::Cell::new(0);
    let re_render = crate::util::duration_of(2, || {
        measured.set(measured.get() + 1);
        write_all(&format!("m{}", measured.get()));
        render()
    });
    std::fs::remove_dir_all(&site).unwrap();

    // A first render killed mid-way: no site yet (it is moved in only at the end), and the
    // work it had done is the staging directory beside it.
    write_all("one");
    let (mut landed, mut staged) = (0, false);
    for percent in [20, 60, 40, 80, 50, 70, 90, 30, 85, 65] {
        let when = format!("{percent} % into a first render");
        if !crate::util::killed_after(render(), first_render.mul_f64(f64::from(percent) / 100.0)) {
            std::fs::remove_dir_all(&site).unwrap(); // it finished first: start again
            continue;
        }
        landed += 1;
        assert!(!site.exists(), "a site after a kill {when}");
        assert_whole(&when);
        // (The next render removes an abandoned staging directory before it stages its own.)
        staged |= staging_dirs() > 0;
        if landed >= 2 && staged {
            break;
        }
    }
    assert!(
        landed >= 2 && staged,
        "{landed} kills landed in a first render, staged work seen: {staged} ({first_render:?} uninterrupted)"
    );
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    assert_eq!(
        staging_dirs(),
        0,
        "the completed render removes abandoned staging"
    );

    // Every page changes; kill the re-render while it replaces them one by one, until a kill
    // has left new pages beside old ones (the render was mid-way through replacing them).
    let mut caught_mid_way = 0;
    let mut landed = 0;
    for (attempt, percent) in [50, 35, 65, 25, 75, 45, 55, 30, 70, 40]
        .into_iter()
        .enumerate()
    {
        let version = format!("v{attempt}");
        write_all(&version);
        let when = format!("{percent} % into a re-render to {version}");
        if !crate::util::killed_after(render(), re_render.mul_f64(f64::from(percent) / 100.0)) {
            continue; // the render finished first: this attempt proves nothing
        }
        landed += 1;
        assert_whole(&when);
        let replaced = files_of(&site)
            .iter()
            .filter(|(name, bytes)| {
                name.starts_with('0')
                    && String::from_utf8_lossy(bytes).contains(&format!("Version {version}."))
            })
            .count();
        if 0 < replaced && replaced < 400 {
            caught_mid_way += 1;
            if caught_mid_way == 2 {
                break;
            }
        }
    }
    assert!(
        caught_mid_way > 0,
        "no kill landed while the re-render was replacing pages ({landed} landed; {re_render:?} uninterrupted)"
    );
    write_all("three");
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

/// Issue 19: a one-record change rewrites a bounded part of the search index, whatever the
/// log's size: that record's shard, buckets of its range and the small manifest.
#[test]
fn a_one_record_edit_rewrites_a_bounded_set_of_search_files() {
    use crate::generate::Generator;
    use adr::site::search::{BUCKETS, RANGE_DOCS};
    let mut rewritten_bytes = Vec::new();
    for records in [300, 1200] {
        let (dir, generated) = Generator::new(records).seed(19).project();
        assert_eq!(run(dir.path(), &["render"]).0, 0);
        let site = dir.path().join("site");
        let before = mtimes(&site);
        // A record in the middle of the log gains words no other record has.
        let position = records / 2;
        let path = dir.path().join("docs/adr").join(&generated.names[position]);
        let text = read(&path) + "\nZebra quartz xylophone.\n";
        std::fs::write(&path, text).unwrap();
        let (code, _, stderr) = run(dir.path(), &["render"]);
        assert_eq!(code, 0, "{stderr}");
        let after = mtimes(&site);
        let search: Vec<&String> = after
            .iter()
            .filter(|(name, time)| {
                name.starts_with("assets/search/") && before.get(*name) != Some(time)
            })
            .map(|(name, _)| name)
            .collect();
        let range = format!("assets/search/{}/", position / RANGE_DOCS);
        assert!(
            search.iter().all(
                |name| name.starts_with(&range) || name.as_str() == "assets/search/manifest.js"
            ),
            "{records} records: {search:?}"
        );
        assert!(search.contains(&&format!(
            "{range}d{}.js",
            position % RANGE_DOCS / adr::site::search::DOCS_PER_FILE
        )));
        assert!(search.contains(&&format!("{range}lengths.js")));
        assert!(search.len() <= 3 + BUCKETS as usize, "{search:?}");
        let bytes: usize = search
            .iter()
            .map(|name| std::fs::metadata(site.join(name)).unwrap().len() as usize)
            .sum();
        rewritten_bytes.push(bytes);
    }
    // Four times the records, about the same bytes rewritten (the ranges differ a little).
    assert!(
        rewritten_bytes[1] < rewritten_bytes[0] * 2,
        "{rewritten_bytes:?}"
    );
}

/// A record page whose rows, text and supersessions are as the last render saw them is
/// kept without resolving its links again (`RowsSeen` in `src/site/mod.rs`); in a debug
/// build each such page is also checked by its key. These changes each move what that
/// shortcut depends on, in a log long enough that most pages are far from the change; after
/// each, the site is the bytes of a full render (the relations page among them, made from
/// the links of pages kept this way).
#[test]
fn pages_kept_as_last_built_match_a_full_render_after_changes_around_them() {
    let (dir, generated) = crate::generate::Generator::new(60).seed(19).project();
    let log = dir.path().join("docs/adr");
    let name = |n: usize| generated.names[n - 1].clone();
    let append = |n: usize, text: &str| {
        let path = log.join(name(n));
        std::fs::write(&path, format!("{}{text}", read(&path))).unwrap();
    };
    let replace = |n: usize, from: &str, to: &str| {
        let path = log.join(name(n));
        let text = read(&path);
        assert!(text.contains(from), "record {n} holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let title_of = |n: usize| {
        let text = read(log.join(name(n)));
        let title = text.lines().find(|line| line.starts_with("# ")).unwrap();
        title.to_string()
    };
    let supersedes_5 = format!("\nThis decision supersedes [ADR-5]({}).\n", name(5));
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step<'_>> = vec![
        ("a body edit", Box::new(|| append(30, "\nOne more line.\n"))),
        (
            "a new title, which changes the rows around it",
            Box::new(|| {
                let title = title_of(20);
                replace(20, &title, "# A title of its own");
            }),
        ),
        (
            "a record before all others, which moves every row",
            Box::new(|| {
                let text = format!(
                    "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# Start here\n\nRead [the fortieth]({}) first.\n",
                    name(40)
                );
                std::fs::write(log.join("0000-start-here.md"), text).unwrap();
            }),
        ),
        (
            "a body edit after the rows moved",
            Box::new(|| append(50, "\nAnother line.\n")),
        ),
        (
            "a new link to a record",
            Box::new(|| append(45, &format!("\nCompare [the tenth]({}).\n", name(10)))),
        ),
        (
            "a supersession that record 5 does not state",
            Box::new(|| append(55, &supersedes_5)),
        ),
        (
            "the supersession withdrawn",
            Box::new(|| replace(55, &supersedes_5, "\n")),
        ),
        (
            "a link to a file that is not there",
            Box::new(|| append(35, "\nSee [the plan](../plans/plan.md).\n")),
        ),
        (
            "the file appears",
            Box::new(|| {
                std::fs::create_dir_all(dir.path().join("docs/plans")).unwrap();
                std::fs::write(dir.path().join("docs/plans/plan.md"), "# Plan\n").unwrap();
            }),
        ),
    ];
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    for (number, (change, apply)) in steps.iter().enumerate() {
        apply();
        let (code, _, stderr) = run(dir.path(), &["render"]);
        assert_eq!(code, 0, "after {change}: {stderr}");
        let full = format!("full-{number}");
        assert_eq!(run(dir.path(), &["render", "--out", &full]).0, 0);
        crate::util::assert_same_site(&dir.path().join("site"), &dir.path().join(full), change);
    }
}

/// Every real log of `tests/corpus`, rendered, one record edited and rendered again: the
/// site is the bytes of a full render. Most pages are kept as last built there (links
/// unresolved), and the debug build checks each by its key.
#[test]
fn every_corpus_rerenders_after_an_edit_to_the_bytes_of_a_full_render() {
    for name in crate::util::corpus_names() {
        let dir = copy_tree(&crate::util::corpus_root().join(&name));
        let render = |out: &str| {
            let (code, _, stderr) = run(dir.path(), &["render", "--dir", ".", "--out", out]);
            assert!(code <= 1, "{name}: {stderr}");
            code
        };
        render("site");
        let (_, listed, _) = run(dir.path(), &["list", "--dir", ".", "--format", "json"]);
        let listed: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
        let records: Vec<std::path::PathBuf> = listed
            .iter()
            .map(|record| dir.path().join(record["path"].as_str().unwrap()))
            .collect();
        let edited = &records[records.len() / 2];
        std::fs::write(edited, format!("{}\nOne more line.\n", read(edited))).unwrap();
        let code = render("site");
        assert_eq!(render("full"), code, "{name}");
        let after = format!("{name}: editing {}", edited.display());
        crate::util::assert_same_site(&dir.path().join("site"), &dir.path().join("full"), &after);
    }
}
