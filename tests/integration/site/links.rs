//! A link checker over the sites of the 17 real logs: every internal `href` and `src` leads
//! to a file of the site, and every `#fragment` to an element of that page with that id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::{adr, corpus_names, corpus_root, files_of};

/// `%23` → `#` (the site's URLs are percent-encoded UTF-8).
fn decoded(text: &str) -> String {
    adr::log_path::percent_decode(text)
}

fn unescaped(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The values of `attribute="…"` in `page`.
fn values<'p>(page: &'p str, attribute: &'p str) -> impl Iterator<Item = String> + 'p {
    page.split(attribute)
        .skip(1)
        .filter_map(|piece| piece.split('"').next())
        .map(unescaped)
}

/// `site/dir/../a.html` → `a.html`, `None` when it climbs out of the site.
fn normalised(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Dead links of the site in `site`, as `page: url (why)`.
fn dead_links(site: &Path) -> (usize, Vec<String>) {
    let files = files_of(site);
    let pages: BTreeMap<&str, String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.as_str(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, page)| (*path, values(page, " id=\"").collect()))
        .collect();
    let mut checked = 0;
    let mut dead = Vec::new();
    for (path, page) in &pages {
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        for url in values(page, " href=\"").chain(values(page, " src=\"")) {
            let scheme = url.split(['/', '?', '#']).next().unwrap_or("");
            if scheme.contains(':') {
                continue; // https:, mailto:, data:
            }
            checked += 1;
            let (target, fragment) = match url.split_once('#') {
                Some((target, fragment)) => (target, Some(fragment)),
                None => (url.as_str(), None),
            };
            let target = target.split('?').next().unwrap_or("");
            let file = if target.is_empty() {
                Some(path.to_string())
            } else {
                normalised(&format!("{dir}/{}", decoded(target)))
            };
            let Some(file) = file.filter(|file| files.contains_key(file)) else {
                dead.push(format!("{path}: {url} (no such file)"));
                continue;
            };
            if let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty())
                && let Some(known) = ids.get(file.as_str())
                && !known.contains(&decoded(fragment))
            {
                dead.push(format!(
                    "{path}: {url} (no id `{}` in {file})",
                    decoded(fragment)
                ));
            }
        }
    }
    (checked, dead)
}

#[test]
fn no_corpus_site_has_a_dead_internal_link_or_anchor() {
    let corpora = corpus_names();
    assert_eq!(corpora.len(), 17, "{corpora:?}");
    let mut report = Vec::new();
    let mut checked = 0;
    for corpus in corpora {
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let output = adr(&corpus_root().join(&corpus))
            .args(["--dir", ".", "render", "--out", site.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{corpus}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let (count, dead) = dead_links(&site);
        checked += count;
        report.extend(dead.into_iter().map(|line| format!("{corpus}/{line}")));
    }
    assert!(checked > 10_000, "{checked} links checked");
    assert!(
        report.is_empty(),
        "{} dead links:\n{}",
        report.len(),
        report.join("\n")
    );
}
