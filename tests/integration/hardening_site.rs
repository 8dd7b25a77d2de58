//! Issue #13, the site part: `adr render` never deletes or writes through a symbolic link
//! in its output directory, publishes only passive files, never lets raw HTML swallow the
//! rest of a record, renders a huge table in bounded memory, and percent-encodes every
//! internal URL it writes.

use std::path::Path;

use crate::util::{read, run};

const RECORD: &str = "---\nstatus: accepted\ndate: 2025-01-01\n---\n# Use a thing\n\nWe use it.\n";

/// Adds `entries` (site path → `hash:size`) to the manifest of the site in `site`.
fn plant_manifest_entries(site: &Path, entries: &[(&str, &str)]) {
    let marker = site.join(".adr-site");
    let mut manifest: serde_json::Value = serde_json::from_str(&read(&marker)).unwrap();
    let files = manifest["files"].as_object_mut().unwrap();
    for (path, entry) in entries {
        files.insert((*path).to_string(), serde_json::Value::from(*entry));
    }
    std::fs::write(&marker, serde_json::to_string_pretty(&manifest).unwrap()).unwrap();
}

// Issue #13: a symbolic link committed into the site plus a manifest entry through it made
// `adr render` delete a file outside the site (a pull request can plant both).
#[test]
fn issue_13_render_never_deletes_through_a_link_in_the_site() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "alias ll='ls -l'\n").unwrap();
    let project = home.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr")).unwrap();
    std::fs::write(project.join("docs/adr/0001-use-a-thing.md"), RECORD).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let site = project.join("site");
    std::os::unix::fs::symlink("../..", site.join("up")).unwrap();
    plant_manifest_entries(
        &site,
        &[
            ("up/.bashrc", "00000000000000000000000000000000:16"),
            ("up/project/docs/adr/0001-use-a-thing.md", "0:1"),
        ],
    );
    // A change, so the render is not skipped as up to date.
    std::fs::write(
        project.join("docs/adr/0001-use-a-thing.md"),
        RECORD.replace("We use it.", "We use it daily."),
    )
    .unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(home.path().join(".bashrc")).unwrap(),
        b"alias ll='ls -l'\n"
    );
    assert_eq!(
        read(project.join("docs/adr/0001-use-a-thing.md")),
        RECORD.replace("We use it.", "We use it daily.")
    );
    assert!(
        stderr.contains(
            "warning: site/.adr-site lists `up/.bashrc`, which is not a plain path inside the site \
             (it goes through the symbolic link `up`): rendering everything anew"
        ),
        "{stderr}"
    );
    assert!(read(site.join("0001-use-a-thing.html")).contains("We use it daily."));
    // The link itself is left alone: it is not adr's to remove.
    assert!(
        site.join("up")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

// Issue #13: a manifest entry with `..` or an absolute path is never followed either.
#[test]
fn issue_13_render_ignores_a_manifest_with_entries_leaving_the_site() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("keep.txt"), "keep").unwrap();
    let project = home.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr")).unwrap();
    std::fs::write(project.join("docs/adr/0001-use-a-thing.md"), RECORD).unwrap();
    assert_eq!(run(&project, &["render"]).0, 0);
    let outside = home.path().join("keep.txt");
    let absolute = outside.to_str().unwrap();
    plant_manifest_entries(
        &project.join("site"),
        &[("../../keep.txt", "0:4"), (absolute, "0:4")],
    );
    std::fs::write(project.join("docs/adr/0002-b.md"), RECORD).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&outside), "keep");
    assert!(
        stderr.contains("warning: site/.adr-site lists `"),
        "{stderr}"
    );
}

// Issue #13: pages were written through a symbolic link to a directory outside the site.
#[test]
fn issue_13_render_never_writes_through_a_link_in_the_site() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = home.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let project = home.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr/team")).unwrap();
    std::fs::write(project.join("docs/adr/0001-use-a-thing.md"), RECORD).unwrap();
    assert_eq!(run(&project, &["render"]).0, 0);
    let site = project.join("site");
    std::os::unix::fs::symlink(&elsewhere, site.join("team")).unwrap();
    // A page that is a link to a file outside: it must not be kept or written through.
    std::fs::write(home.path().join("page.html"), "outside").unwrap();
    std::fs::remove_file(site.join("0001-use-a-thing.html")).unwrap();
    std::os::unix::fs::symlink(
        home.path().join("page.html"),
        site.join("0001-use-a-thing.html"),
    )
    .unwrap();
    std::fs::write(project.join("docs/adr/team/0002-b.md"), RECORD).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is a symbolic link: adr render never writes through links in its output directory; remove it and run again"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert_eq!(read(home.path().join("page.html")), "outside");
}

/// A 1 x 1 PNG.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 13]);
    bytes.extend_from_slice(b"IHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde");
    bytes.extend_from_slice(b"\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef");
    bytes.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    bytes
}

/// A project in a fresh directory (`<tmp>/project`, with `.adr.toml`) whose record 0001
/// has `body`, plus `files` (project-relative) and a file `outside.html` next to the
/// project; rendered. Returns (tmp, project, exit code, stderr, the record's page).
fn publish(
    body: &str,
    files: &[(&str, &[u8])],
) -> (tempfile::TempDir, std::path::PathBuf, i32, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr")).unwrap();
    std::fs::write(project.join(".adr.toml"), "").unwrap();
    std::fs::write(tmp.path().join("outside.html"), "<script>alert(1)</script>").unwrap();
    std::fs::write(tmp.path().join("outside.png"), png()).unwrap();
    for (path, bytes) in files {
        let path = project.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    std::fs::write(
        project.join("docs/adr/0001-a.md"),
        format!("---\nstatus: accepted\n---\n# A\n\n{body}\n"),
    )
    .unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    let page = std::fs::read_to_string(project.join("site/0001-a.html")).unwrap_or_default();
    (tmp, project, code, stderr, page)
}

/// Every file of the site besides its marker, cache, assets and generated pages.
fn published(project: &Path) -> Vec<String> {
    crate::util::files_of(&project.join("site"))
        .into_keys()
        .filter(|path| {
            !path.starts_with(".adr-site")
                && !path.starts_with("assets/")
                && !path.starts_with("tags/")
                && !path.ends_with(".html")
        })
        .collect()
}

// Issue #13: a linked HTML file was copied verbatim and ran script on the site's origin.
#[test]
fn issue_13_safe_to_publish_a_linked_html_file_is_not_copied() {
    let (_tmp, project, code, stderr, page) = publish(
        "See [the diagram](diagram.html).",
        &[("docs/adr/diagram.html", b"<script>alert(1)</script>")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(published(&project), Vec::<String>::new());
    assert!(!project.join("site/diagram.html").exists());
    assert!(page.contains("<p>See the diagram.</p>"), "{page}");
    let warning = "warning: docs/adr/0001-a.md:6: `diagram.html` is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: set `repository-url` under `[site]` in .adr.toml (or give the repository an `origin` remote on GitHub, GitLab or Bitbucket) and the page links to the file in the repository";
    assert!(stderr.contains(warning), "{stderr}");
    // A render with nothing to do says it again (CI runs see it every time).
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        format!("site is up to date (76 files): open site/index.html\n{warning}\n")
    );
}

// Issue #13: an SVG with a script was copied, and opened directly it ran the script.
#[test]
fn issue_13_safe_to_publish_an_svg_with_a_script_is_only_shown_inside_img() {
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>";
    let (_tmp, project, code, stderr, page) = publish(
        "![chart](chart.svg) and [the chart](chart.svg)",
        &[("docs/adr/chart.svg", svg)],
    );
    assert_eq!(code, 0, "{stderr}");
    // No copy on the site's origin that a browser could open as a document.
    assert_eq!(published(&project), Vec::<String>::new());
    use base64::Engine as _;
    let data = base64::engine::general_purpose::STANDARD.encode(svg);
    assert!(
        page.contains(&format!(
            "<p><img src=\"data:image/svg+xml;base64,{data}\" alt=\"chart\" /> and the chart</p>"
        )),
        "{page}"
    );
    assert!(page.contains("img-src 'self' data:;"));
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:6: `chart.svg` is an SVG, which runs its scripts when opened as a page, so it is published only as an image"),
        "{stderr}"
    );
}

// Issue #13: a link to `_files/secret.txt` published the file.
#[test]
fn issue_13_safe_to_publish_a_text_file_is_not_copied() {
    let (_tmp, project, code, stderr, page) = publish(
        "Keys in [the notes](_files/secret.txt) and [more](../../notes/x.txt).",
        &[
            ("docs/adr/_files/secret.txt", b"password=hunter2"),
            ("notes/x.txt", b"private"),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(published(&project), Vec::<String>::new());
    assert!(
        page.contains("<p>Keys in the notes and more.</p>"),
        "{page}"
    );
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:6: `_files/secret.txt` is not an image"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:6: `../../notes/x.txt` is not an image"),
        "{stderr}"
    );
}

// Issue #13: a file named `.png` was copied whatever it held.
#[test]
fn issue_13_safe_to_publish_an_image_with_the_wrong_extension_is_judged_by_content() {
    let (_tmp, project, code, stderr, page) = publish(
        "![fake](img/fake.png) ![real](img/real.jpg)",
        &[
            (
                "docs/adr/img/fake.png",
                b"<html><script>alert(1)</script></html>",
            ),
            // A PNG named .jpg is still a passive image: published.
            ("docs/adr/img/real.jpg", &png()),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(published(&project), ["img/real.jpg"]);
    assert_eq!(
        std::fs::read(project.join("site/img/real.jpg")).unwrap(),
        png()
    );
    assert!(
        page.contains("<p>fake <img src=\"img/real.jpg\" alt=\"real\" /></p>"),
        "{page}"
    );
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:6: `img/fake.png` is shown as an image but is not one (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), so the page shows its text: put the image itself in that file, or write a link `[text](file)` instead of `![text](file)`\n"),
        "{stderr}"
    );
}

// Issue #13: a real image is still published, and a missing one is reported.
#[test]
fn issue_13_safe_to_publish_a_real_png_is_copied_and_a_missing_one_reported() {
    let (_tmp, project, code, stderr, page) = publish(
        "![chart](img/chart.png)\n\n![gone](img/gone.png)",
        &[("docs/adr/img/chart.png", &png())],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(published(&project), ["img/chart.png"]);
    assert_eq!(
        std::fs::read(project.join("site/img/chart.png")).unwrap(),
        png()
    );
    assert!(
        page.contains("<p><img src=\"img/chart.png\" alt=\"chart\" /></p>\n<p>gone</p>"),
        "{page}"
    );
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:8: `img/gone.png` is an image that does not exist, so the page shows its text: fix the path (relative to the record's folder) or add the file"),
        "{stderr}"
    );
}

// Issue #13: a link leaving the project (`../../../x`) published a file from outside it.
#[test]
fn issue_13_safe_to_publish_nothing_outside_the_project_is_copied() {
    let (_tmp, project, code, stderr, page) = publish(
        "![outside](../../../outside.png) and [page](../../../outside.html)",
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(published(&project), Vec::<String>::new());
    assert!(page.contains("<p>outside and page</p>"), "{page}");
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:6: `../../../outside.png` is outside the project and is never published"),
        "{stderr}"
    );
}

// Issue #13: with `--dir` naming a log outside the working directory, images vanished
// (alt text, exit 0, no warning).
#[test]
fn issue_13_images_of_a_log_elsewhere_are_published() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("elsewhere/log");
    std::fs::create_dir_all(log.join("img")).unwrap();
    std::fs::write(log.join("img/a.png"), png()).unwrap();
    std::fs::write(
        log.join("0001-a.md"),
        "---\nstatus: accepted\n---\n# A\n\n![diagram](img/a.png)\n",
    )
    .unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let (code, _, stderr) = run(&work, &["--dir", "../elsewhere/log", "render", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read(work.join("out/img/a.png")).unwrap(), png());
    assert!(
        read(work.join("out/0001-a.html")).contains("<img src=\"img/a.png\" alt=\"diagram\" />")
    );
}

/// The record's part of a page: its body, from the `adr-body` element to the end of `<main>`.
fn record_body(page: &str) -> &str {
    let start = page.find("id=\"adr-body\"").expect("a body");
    let end = page.find("</main>").expect("a </main>");
    &page[start..end]
}

/// Whether `html` has a `<script` tag or an `on…=` attribute in any tag.
fn runs_script(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("<script")
        || lower.split('<').skip(1).any(|tag| {
            let tag = tag.split('>').next().unwrap_or("");
            tag.split(|c: char| c.is_ascii_whitespace() || c == '/')
                .skip(1)
                .any(|attribute| attribute.starts_with("on") && attribute.contains('='))
        })
}

// Issue #13: prose mentioning `<title>`, `<textarea>`, `<xmp>`, `<noscript>`, `<style>` or
// `<script>` (and the other elements whose content the HTML parser takes as raw text) made
// the rest of the record render as escaped source or vanish: the Decision Outcome went
// missing.
#[test]
fn issue_13_raw_html_in_prose_never_swallows_the_rest_of_the_record() {
    let elements = [
        "title",
        "textarea",
        "xmp",
        "noscript",
        "style",
        "script",
        "iframe",
        "noembed",
        "noframes",
        "plaintext",
        "template",
        "select",
        "pre",
    ];
    let mut files: Vec<(String, String)> = Vec::new();
    for (n, element) in elements.iter().enumerate() {
        // In a paragraph, at the start of a line (an HTML block), and with an attribute.
        for (m, prose) in [
            format!("Prose mentioning <{element}> in a sentence."),
            format!("<{element}>\nstarts a line, never closed."),
            format!("Also <{element} onload=\"alert(1)\"> with an attribute."),
        ]
        .iter()
        .enumerate()
        {
            files.push((
                format!("{:04}-{element}-{m}.md", n * 3 + m + 1),
                format!(
                    "---\nstatus: accepted\n---\n# Mentions {element}\n\n{prose}\n\n## Decision Outcome\n\nChosen option: keep the text of {element}, because it matters.\n"
                ),
            ));
        }
    }
    let dir = crate::util::log_with_owned(&files);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    for (name, _) in &files {
        let element = name.split('-').nth(1).unwrap();
        let page = read(dir.path().join("site").join(name.replace(".md", ".html")));
        let body = record_body(&page);
        assert!(
            body.contains("<h2 id=\"decision-outcome\">Decision Outcome"),
            "{name}: the heading is gone:\n{body}"
        );
        assert!(
            body.contains(&format!(
                "<p>Chosen option: keep the text of {element}, because it matters.</p>"
            )),
            "{name}: the text is gone:\n{body}"
        );
        assert!(!runs_script(body), "{name}: a script could run:\n{body}");
    }
}

/// Review I (univention): `<x@example.org>` is an e-mail autolink. The render took the address
/// for a file of the log, and showed it as text with a warning of a link it does not publish.
#[test]
fn an_email_autolink_is_a_mailto_link_on_the_page() {
    let dir = crate::util::log_with_owned(&[(
        "0001-use-helm.md".to_string(),
        "---\nstatus: accepted\n---\n# Use Helm\n\nWrite to <team@example.org> with questions.\n"
            .to_string(),
    )]);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let page = read(dir.path().join("site/0001-use-helm.html"));
    assert!(
        record_body(&page).contains(
            "<p>Write to <a href=\"mailto:team@example.org\">team@example.org</a> with questions.</p>"
        ),
        "{page}"
    );
}

/// `%41` → `A`, bytes decoded as UTF-8.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%'
            && let Some(byte) = text
                .get(at + 1..at + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

// Issue #13: links to records named with `#`, `?`, `%`, spaces or non-ASCII letters (from
// the index, previous/next, tags and other records) did not open the record.
#[test]
fn issue_13_every_internal_url_is_percent_encoded() {
    let names = [
        "0024-use-#-as-indicator.md",
        "0025-why?.md",
        "0026-100%-sure.md",
        "0027-with space.md",
        "0028-café-über.md",
        "0029-日本語-テスト.md",
        "0030-a:b&c.md",
    ];
    let files: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let next = names[(n + 1) % names.len()];
            let link = next
                .replace('%', "%25")
                .replace('#', "%23")
                .replace('?', "%3F")
                .replace(' ', "%20");
            (
                (*name).to_string(),
                format!(
                    "---\nstatus: accepted\ntags: [Größe, \"two words\", \"c#\"]\n---\n# Record {n}\n\nSee [the next one]({link}#context).\n"
                ),
            )
        })
        .collect();
    let dir = crate::util::log_with_owned(&files);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let site = dir.path().join("site");
    let mut checked = 0;
    for (path, bytes) in crate::util::files_of(&site) {
        if !path.ends_with(".html") {
            continue;
        }
        let page = String::from_utf8(bytes).unwrap();
        let page_dir = Path::new(&path).parent().unwrap().to_path_buf();
        for attribute in ["href=\"", "src=\""] {
            for piece in page.split(attribute).skip(1) {
                let url = piece.split('"').next().unwrap().replace("&amp;", "&");
                if url.starts_with('#')
                    || url.contains(':')
                        && !url.starts_with('.')
                        && url.split('/').next().unwrap().contains(':')
                {
                    continue;
                }
                let without_fragment = url.split(['#', '?']).next().unwrap();
                if without_fragment.is_empty() {
                    continue;
                }
                let target = site.join(&page_dir).join(percent_decoded(without_fragment));
                assert!(
                    target.is_file(),
                    "{path}: {url} leads to no file ({})",
                    target.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
    // The search index's URLs too (`"u":"…"` in each record's shard).
    let mut urls = 0;
    for (name, _) in crate::util::files_of(&site) {
        if !(name.starts_with("assets/search/") && name.contains("/d")) {
            continue;
        }
        let shard = read(site.join(&name));
        for piece in shard.split("\"u\":\"").skip(1) {
            let url = piece.split('"').next().unwrap();
            assert!(site.join(percent_decoded(url)).is_file(), "{name}: {url}");
            urls += 1;
        }
    }
    assert!(urls >= 7, "{urls}");
}

// Issue #13: one 8 MiB record holding a 2,000 x 2,000 table took 2.3 GB to render (every
// event collected twice, a string per cell, and pulldown-cmark's tree of the whole table).
#[test]
fn issue_13_a_record_with_a_2000_by_2000_table_renders_in_bounded_memory() {
    let columns = 2000;
    let row = format!("|{}\n", "x|".repeat(columns));
    let mut text = String::from("---\nstatus: accepted\ndate: 2025-01-01\n---\n# Big table\n\n");
    text.push_str(&format!("|{}\n", "h|".repeat(columns)));
    text.push_str(&format!("|{}\n", "-|".repeat(columns)));
    for _ in 0..2000 {
        text.push_str(&row);
    }
    // Raw HTML anywhere sends the body through ammonia, whose DOM of the whole page took
    // 1.6 GB: it sees only the pieces holding raw HTML.
    text.push_str("\n## Decision Outcome\n\nThe table ends <b>here</b>.\n");
    assert!(text.len() < 8 * 1024 * 1024, "{}", text.len());
    let dir = crate::util::log_with(&[("0001-big-table.md", &text)]);
    let (output, peak) = crate::util::run_measuring_memory(dir.path(), &["render"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let page = read(dir.path().join("site/0001-big-table.html"));
    let body = record_body(&page);
    assert_eq!(body.matches("<table>").count(), 1);
    assert_eq!(body.matches("<tr>").count(), 2001);
    assert_eq!(body.matches("<th>h</th>").count(), 2000);
    assert_eq!(body.matches("<td>x</td>").count(), 2000 * 2000);
    assert!(body.contains("</tbody></table>\n<h2 id=\"decision-outcome\">Decision Outcome"));
    assert!(body.contains("<p>The table ends <b>here</b>.</p>"));
    // The peak resident memory the child reached, when /usr/bin/time can tell.
    if let Some(kilobytes) = peak {
        assert!(kilobytes < 512 * 1024, "peak RSS {kilobytes} KB");
    }
}

// A render takes the facts of a record whose bytes did not change from its cache. A record
// that is a symbolic link is still read, and where it leads checked, every time: pointed
// outside the log at a file with the same bytes, it is refused as on a first render.
#[test]
fn a_linked_record_pointed_outside_the_log_is_refused_though_its_bytes_did_not_change() {
    let root = tempfile::tempdir().unwrap();
    let project = root.path().join("project");
    let log = project.join("docs/adr");
    std::fs::create_dir_all(log.join(".shared")).unwrap();
    std::fs::write(log.join("0001-use-a-thing.md"), RECORD).unwrap();
    let linked = "---\nstatus: accepted\n---\n# Linked\n\nShared text.\n";
    std::fs::write(log.join(".shared/linked.md"), linked).unwrap();
    std::fs::write(root.path().join("linked.md"), linked).unwrap();
    std::os::unix::fs::symlink(".shared/linked.md", log.join("0002-linked.md")).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(log.join("0002-linked.md")).unwrap();
    std::os::unix::fs::symlink(root.path().join("linked.md"), log.join("0002-linked.md")).unwrap();
    // Another record changes, so the render is not skipped as up to date.
    std::fs::write(
        log.join("0001-use-a-thing.md"),
        RECORD.replace("We use it.", "We do."),
    )
    .unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    let outside = std::fs::canonicalize(root.path().join("linked.md")).unwrap();
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "rendered 2 records into site (13 files written, 64 unchanged, 0 removed): open site/index.html",
            format!(
                "error: docs/adr/0002-linked.md: is a symbolic link to `{}`, outside the log directory: move or copy the record into the log (its page shows the error)",
                outside.display()
            )
            .as_str(),
        ]
    );
}

/// A record linking images at the paths of pages and assets the site makes (a record's page,
/// the page of a file that could not be read, a built-in asset): the site's own file is
/// published there, the image is not copied over it, and other images are.
#[test]
fn an_image_at_the_path_of_a_generated_page_or_asset_does_not_replace_it() {
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>";
    let (_tmp, project, code, stderr, _) = publish(
        "![b](0002-b.html) ![c](0003-c.html) ![f](assets/favicon.svg) ![x](img/x.png)",
        &[
            ("docs/adr/0002-b.md", b"---\nstatus: accepted\n---\n# B\n"),
            ("docs/adr/0003-c.md", b"---\nstatus: [unclosed\n---\n# C\n"),
            ("docs/adr/0002-b.html", &png()),
            ("docs/adr/0003-c.html", &png()),
            ("docs/adr/assets/favicon.svg", svg),
            ("docs/adr/img/x.png", &png()),
        ],
    );
    assert_eq!(
        code, 1,
        "the unreadable record makes the exit code 1: {stderr}"
    );
    let site = project.join("site");
    for page in ["0002-b.html", "0003-c.html"] {
        assert!(
            read(site.join(page)).starts_with("<!DOCTYPE html>"),
            "{page} is the site's page"
        );
    }
    assert_ne!(std::fs::read(site.join("assets/favicon.svg")).unwrap(), svg);
    assert_eq!(std::fs::read(site.join("img/x.png")).unwrap(), png());
}

// Seen on real logs: records link to `.puml` diagrams, source files and folders beside them.
// The site publishes none of them, and the links kept only their text; with the repository's
// address known they lead to the file in the repository, as on the forge. An image that is
// not one, anything in `.git` and the site itself are still not linked.
#[test]
fn links_to_files_the_site_does_not_publish_lead_to_the_repository() {
    let (_tmp, project, code, stderr, page) = publish(
        "See [the diagram](diagram.puml), [the code](../../src/), [main](../../src/main.rs#L3), \
         [CI](../../.github/workflows/ci.yml), [config](../../.git/config) and ![fake](fake.png).",
        &[
            (
                ".adr.toml",
                b"[site]\nrepository-url = \"https://gitlab.example.org/team/app\"\nrepository-branch = \"trunk\"\n",
            ),
            ("docs/adr/diagram.puml", b"@startuml\n@enduml\n"),
            ("src/main.rs", b"fn main() {}\n"),
            (".github/workflows/ci.yml", b"on: push\n"),
            (".git/config", b"[core]\n"),
            ("docs/adr/fake.png", b"<html></html>"),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let base = "https://gitlab.example.org/team/app/-";
    assert!(
        page.contains(&format!(
            "<p>See <a href=\"{base}/blob/trunk/docs/adr/diagram.puml\">the diagram</a>, \
             <a href=\"{base}/tree/trunk/src\">the code</a>, \
             <a href=\"{base}/blob/trunk/src/main.rs#L3\">main</a>, \
             <a href=\"{base}/blob/trunk/.github/workflows/ci.yml\">CI</a>, config and fake.</p>"
        )),
        "{page}"
    );
    assert_eq!(published(&project), Vec::<String>::new());
    assert_eq!(
        stderr,
        "rendered 1 record into site (76 files written, 0 unchanged, 0 removed): open site/index.html\n\
         warning: docs/adr/0001-a.md:6: `../../.git/config` is in a hidden folder or the output directory and is not published, so the page shows the link's text: move the file or link to it with a full URL\n\
         warning: docs/adr/0001-a.md:6: `fake.png` is shown as an image but is not one (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), so the page shows its text: put the image itself in that file, or write a link `[text](file)` instead of `![text](file)`\n"
    );
    // The page says the file is there: when it goes, the site is not up to date and the
    // link keeps only its text.
    std::fs::remove_file(project.join("docs/adr/diagram.puml")).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("rendered 1 record"), "{stderr}");
    let page = read(project.join("site/0001-a.html"));
    assert!(page.contains("<p>See the diagram, <a href="), "{page}");
}

/// Review I (cloudoperators, Decentraland): "Partially supersedes [004 …]" leaves 004 in force;
/// its page said "This decision is no longer in force".
#[test]
fn a_partially_superseded_record_is_not_shown_as_out_of_force() {
    let dir = crate::util::log_with_owned(&[
        (
            "0001-resource-states.md".to_string(),
            "# Resource states\n\n- Status: accepted\n- Date: 2023-12-18\n\n## Context and Problem Statement\n\nStates.\n".to_string(),
        ),
        (
            "0002-controller-lifecycle.md".to_string(),
            "# Controller lifecycle\n\n- Status: accepted\n- Date: 2024-10-18\n\n## Context and Problem Statement\n\nPartially supersedes [0001 Resource states](0001-resource-states.md).\n".to_string(),
        ),
    ]);
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let page = read(dir.path().join("site/0001-resource-states.html"));
    assert!(!page.contains("no longer in force"), "{page}");
    assert!(!page.contains("Superseded by"), "{page}");
}
