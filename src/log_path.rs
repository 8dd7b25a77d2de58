//! Paths as `/`-separated strings relative to a directory (the log, the project, the
//! working directory), the way records link to each other and the way `adr` prints paths:
//! a walked file's path under the log, the way from one directory or record to another,
//! joining a link onto the linking file's folder, a record's page, percent-coding, and the
//! path in its repository of a file a forge's URL shows.
//! Every log-relative or `/`-separated path is computed here, once (issue 15): lint, the
//! site, index, renumber and the reports all share these, so a path means the same thing
//! to each.

use std::path::{Path, PathBuf};

/// The last part of a `/`-separated path relative to the log: `0007-b.md` of
/// `sub/0007-b.md`. Records are looked up, named and renamed by it.
pub fn file_name(rel_path: &str) -> &str {
    rel_path.rsplit('/').next().unwrap_or(rel_path)
}

/// Removes `.` and `..` components without touching the disk (the path may not exist yet).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `dir` + `path`, both `/`-separated and relative to the log; `None` when the result
/// leaves the log directory.
pub fn join(dir: &str, path: &str) -> Option<String> {
    // Built in one string rather than a list of parts joined: every link of every record
    // page is joined to its record's folder each render.
    let mut joined = String::with_capacity(dir.len() + path.len() + 1);
    let push = |joined: &mut String, part: &str| {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str(part);
    };
    for part in dir.split('/').filter(|part| !part.is_empty()) {
        push(&mut joined, part);
    }
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if joined.is_empty() {
                    return None;
                }
                joined.truncate(joined.rfind('/').unwrap_or(0));
            }
            other => push(&mut joined, other),
        }
    }
    Some(joined)
}

/// The log-relative path a relative link target (`../0007-b.md#why`) points at, from the
/// file at `from` (log-relative); `None` for an empty path or one leaving the log.
pub fn link_target(from: &str, target: &str) -> Option<String> {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    if path.is_empty() {
        return None;
    }
    let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    join(dir, path)
}

/// The link from `from` (a record's path relative to the log) to `to`.
pub fn relative_link(from: &str, to: &str) -> String {
    let from_parts: Vec<&str> = from.split('/').collect();
    let from_dir = from_parts.split_last().map_or(&[][..], |(_, dir)| dir);
    let to_parts: Vec<&str> = to.split('/').collect();
    climb(from_dir, &to_parts)
}

/// [`relative_link`] as a Markdown link destination ([`markdown_destination`]): what `adr`
/// writes into a record or an index (`Supersedes [ADR-0007](0007-use-c%23.md)`).
pub fn markdown_link(from: &str, to: &str) -> String {
    markdown_destination(&relative_link(from, to))
}

/// `target`, a path, as a Markdown link destination that leads to it on GitHub, in editors
/// and in browsers: `%`, `#` and `?` percent-encoded (raw, they start an escape, a fragment
/// and a query: `0024-use-#-as-indicator.md` led to `0024-use-`), `<` and `>` too, and the
/// whole wrapped in `<…>` when it holds a space or a parenthesis, which end a bare
/// destination. Other characters, any script's letters included, are kept as written.
pub fn markdown_destination(target: &str) -> String {
    let mut escaped = String::with_capacity(target.len());
    for c in target.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '#' => escaped.push_str("%23"),
            '?' => escaped.push_str("%3F"),
            '<' => escaped.push_str("%3C"),
            '>' => escaped.push_str("%3E"),
            _ => escaped.push(c),
        }
    }
    if escaped.contains([' ', '(', ')']) {
        format!("<{escaped}>")
    } else {
        escaped
    }
}

/// The way from directory `from_dir` to `to`, both absolute or both relative to the same
/// directory (`.` and `..` resolved first), as a `/`-separated relative path.
pub fn relative_path(from_dir: &Path, to: &Path) -> String {
    let parts = |path: &Path| -> Vec<String> {
        normalize(path)
            .components()
            .map(|component| component.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let (from, to) = (parts(from_dir), parts(to));
    climb(&as_strs(&from), &as_strs(&to))
}

/// What follows `base` and one `/` in `path`, byte for byte, when both are UTF-8 and `/`
/// separates paths: the relative path of a walked file without parsing either path.
pub fn joined_rest<'p>(path: &'p Path, base: &Path) -> Option<&'p str> {
    let rest = path
        .to_str()?
        .strip_prefix(base.to_str()?)?
        .strip_prefix(std::path::MAIN_SEPARATOR)?;
    (!rest.is_empty() && std::path::MAIN_SEPARATOR == '/').then_some(rest)
}

/// `path` relative to `base`, with `/` separators; `path` itself when not below `base`.
/// This is how a walked file of the log is named (`sub/0007-b.md`).
pub fn relative_slash_path(path: &Path, base: &Path) -> String {
    // Fast path for walked paths, which are `base` joined with more: a string prefix test
    // instead of component parsing, which dominated `adr new` in a 10,000-record log.
    if let Some(rest) = joined_rest(path, base) {
        return rest.to_string();
    }
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative
        .components()
        .map(|component| match component {
            // Joined with `/`, the root is the empty part before the first one.
            std::path::Component::RootDir => "".into(),
            other => other.as_os_str().to_string_lossy(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` as a user in `cwd` would type it: relative (with `..` when needed), `/` separators;
/// absolute when the two share nothing but the root (a row of `..` reads worse).
pub fn display_path(path: &Path, cwd: &Path) -> String {
    if path.is_relative() || cwd.is_relative() {
        return relative_slash_path(path, Path::new(""));
    }
    let parts = |path: &Path| -> Vec<String> {
        path.components()
            .map(|component| component.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let (path_parts, cwd_parts) = (parts(path), parts(cwd));
    let common = shared(&path_parts, &cwd_parts);
    if common <= 1 {
        return path.to_string_lossy().replace('\\', "/");
    }
    let shown = climb(&as_strs(&cwd_parts), &as_strs(&path_parts));
    if shown.is_empty() {
        ".".to_string()
    } else {
        shown
    }
}

/// The page of a record or failure on the site: its path in the log with `.html` for `.md`.
pub fn page_path(rel_path: &str) -> String {
    match rel_path.rsplit_once('.') {
        Some((stem, extension)) if extension.eq_ignore_ascii_case("md") => format!("{stem}.html"),
        _ => format!("{rel_path}.html"),
    }
}

/// `..` once per part of `from_dir` that `to` does not share, then the rest of `to`.
fn climb(from_dir: &[&str], to: &[&str]) -> String {
    let common = shared(from_dir, to);
    let mut parts: Vec<&str> = std::iter::repeat_n("..", from_dir.len() - common).collect();
    parts.extend(&to[common..]);
    parts.join("/")
}

/// How many leading parts two paths share.
fn shared<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().zip(b).take_while(|(a, b)| a == b).count()
}

fn as_strs(parts: &[String]) -> Vec<&str> {
    parts.iter().map(String::as_str).collect()
}

/// `path` with every byte but RFC 3986's unreserved characters, `/` and those in
/// `also_keep` percent-encoded (UTF-8): `a b#1.png` → `a%20b%231.png`.
pub fn percent_encode(path: &str, also_keep: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || also_keep.contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `%20` → ` `; malformed escapes are kept as written.
/// `text` percent-decoded as a path: like [`percent_decode`], but where the decoded bytes
/// are not UTF-8 (`0001-caf%E9.md`, a Latin-1 name) they name the file byte for byte, as a
/// web server on the same disk reads them.
pub fn percent_decode_path(text: &str) -> PathBuf {
    match String::from_utf8(percent_decode_bytes(text)) {
        Ok(decoded) => PathBuf::from(decoded),
        #[cfg(unix)]
        Err(not_utf8) => {
            use std::os::unix::ffi::OsStringExt;
            PathBuf::from(std::ffi::OsString::from_vec(not_utf8.into_bytes()))
        }
        #[cfg(not(unix))]
        Err(_) => PathBuf::from(text),
    }
}

pub fn percent_decode(text: &str) -> String {
    String::from_utf8(percent_decode_bytes(text)).unwrap_or_else(|_| text.to_string())
}

fn percent_decode_bytes(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%'
            && let Some(hex) = text.get(at + 1..at + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            at += 3;
            continue;
        }
        out.push(bytes[at]);
        at += 1;
    }
    out
}

/// The path in its repository of the Markdown file a forge's `url` shows (`docs/adr/0036-x.md`
/// of `https://github.com/o/r/blob/main/docs/adr/0036-x.md`), without query or fragment. A
/// branch named with a slash leaves part of it in front: compare by the path's end.
pub(crate) fn forge_file_path(url: &str) -> Option<&str> {
    if !is_forge_file_url(url) {
        return None;
    }
    let url = url.trim();
    let path = url.split(['#', '?']).next()?;
    let (_, after) = path
        .split_once("/blob/")
        .or_else(|| path.split_once("/src/"))?;
    after.split_once('/').map(|(_, file)| file)
}

/// The Markdown file a docs site's page address stands for: `0017-slug.md` for the
/// `0017-slug/` Starlight, Docusaurus or MkDocs make of it (cameronraysmith/vanixiets links
/// its records so), and for `0017-slug.html`; none for any other path, and for an address
/// with a scheme.
pub(crate) fn page_address_file(path: &str) -> Option<String> {
    if path.contains("://") || path.starts_with("mailto:") {
        return None;
    }
    let page = path
        .strip_suffix('/')
        .or_else(|| path.strip_suffix(".html"))
        .or_else(|| path.strip_suffix(".htm"))?;
    let name = page.rsplit('/').next().unwrap_or(page);
    (!name.is_empty() && name != "." && name != "..").then(|| format!("{page}.md"))
}

/// Whether `url` is a file's page on a forge (`https://github.com/o/r/blob/main/…/x.md`,
/// GitLab's `/-/blob/`, Bitbucket's `/src/`) of a Markdown file.
pub(crate) fn is_forge_file_url(url: &str) -> bool {
    let url = url.trim();
    let path = url.split(['#', '?']).next().unwrap_or(url);
    (url.starts_with("https://") || url.starts_with("http://"))
        && (path.contains("/blob/") || path.contains("/src/"))
        && path.to_lowercase().ends_with(".md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_address_stands_for_its_markdown_file() {
        assert_eq!(
            page_address_file("0017-slug/").as_deref(),
            Some("0017-slug.md")
        );
        assert_eq!(
            page_address_file("../adrs/0017-slug.html").as_deref(),
            Some("../adrs/0017-slug.md")
        );
        for none in ["0017-slug.md", "https://x.org/a/", "../", "./", "0017-slug"] {
            assert_eq!(page_address_file(none), None, "{none}");
        }
    }

    #[test]
    fn relative_links() {
        assert_eq!(relative_link("0001-a.md", "0002-b.md"), "0002-b.md");
        assert_eq!(
            relative_link("archived/0001-a.md", "0002-b.md"),
            "../0002-b.md"
        );
        assert_eq!(
            relative_link("0001-a.md", "archived/0002-b.md"),
            "archived/0002-b.md"
        );
    }

    #[test]
    fn markdown_links_escape_what_ends_or_splits_a_destination() {
        assert_eq!(markdown_link("0001-a.md", "0002-b.md"), "0002-b.md");
        assert_eq!(
            markdown_link("0001-a.md", "0024-use-#-as-indicator.md"),
            "0024-use-%23-as-indicator.md"
        );
        assert_eq!(
            markdown_destination("0003-why?-100%.md"),
            "0003-why%3F-100%25.md"
        );
        assert_eq!(markdown_destination("my file (v2).md"), "<my file (v2).md>");
        assert_eq!(markdown_destination("a<b>.md"), "a%3Cb%3E.md");
        assert_eq!(markdown_destination("0005-数据库.md"), "0005-数据库.md");
        // What is written reads back as the file it names.
        let written = markdown_destination("0024-use-#-100%.md");
        assert_eq!(percent_decode(&written), "0024-use-#-100%.md");
    }

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(
            relative_path(Path::new("/r/docs/adr"), Path::new("/r/docs/adr/0001-a.md")),
            "0001-a.md"
        );
        assert_eq!(
            relative_path(Path::new("/r"), Path::new("/r/docs/adr/0001-a.md")),
            "docs/adr/0001-a.md"
        );
        assert_eq!(
            relative_path(
                Path::new("/r/docs/other"),
                Path::new("/r/docs/adr/0001-a.md")
            ),
            "../adr/0001-a.md"
        );
        // `..` in either path is resolved before the climb.
        assert_eq!(
            relative_path(
                Path::new("/r/docs/adr/../other"),
                Path::new("/r/docs/adr/./sub/../0001-a.md")
            ),
            "../adr/0001-a.md"
        );
        assert_eq!(
            relative_path(
                Path::new("/r/文档/决策"),
                Path::new("/r/文档/ürsprung/0001-ä.md")
            ),
            "../ürsprung/0001-ä.md"
        );
    }

    #[test]
    fn relative_links_between_unicode_folders() {
        assert_eq!(
            relative_link("决策/0001-使用.md", "归档/0002-größe.md"),
            "../归档/0002-größe.md"
        );
        assert_eq!(
            relative_link("a/b/0001-x.md", "a/0002-y.md"),
            "../0002-y.md"
        );
        assert_eq!(relative_link("", "0002-y.md"), "0002-y.md");
    }

    #[test]
    fn walked_paths_are_named_under_their_base() {
        assert_eq!(
            relative_slash_path(Path::new("/log/sub/0007-b.md"), Path::new("/log")),
            "sub/0007-b.md"
        );
        assert_eq!(
            relative_slash_path(Path::new("/log/决策/0007-ü.md"), Path::new("/log")),
            "决策/0007-ü.md"
        );
        assert_eq!(
            relative_slash_path(Path::new("/elsewhere/x.md"), Path::new("/log")),
            "/elsewhere/x.md"
        );
        assert_eq!(
            relative_slash_path(Path::new("docs/adr/x.md"), Path::new("")),
            "docs/adr/x.md"
        );
    }

    #[test]
    fn display_paths_are_relative() {
        assert_eq!(
            display_path(Path::new("/a/b/docs/adr/x.md"), Path::new("/a/b")),
            "docs/adr/x.md"
        );
        assert_eq!(
            display_path(Path::new("/a/b/docs/x.md"), Path::new("/a/b/src")),
            "../docs/x.md"
        );
        assert_eq!(display_path(Path::new("/a/b"), Path::new("/a/b")), ".");
        assert_eq!(
            display_path(Path::new("/a/日本/x.md"), Path::new("/a/b/c")),
            "../../日本/x.md"
        );
        // Nothing shared but the root: the absolute path.
        assert_eq!(
            display_path(Path::new("/x/y.md"), Path::new("/a")),
            "/x/y.md"
        );
        assert_eq!(display_path(Path::new("x/y.md"), Path::new("/a")), "x/y.md");
    }

    #[test]
    fn pages_replace_the_markdown_extension() {
        assert_eq!(page_path("sub/0001-a.MD"), "sub/0001-a.html");
        assert_eq!(page_path("0001-größe.md"), "0001-größe.html");
        assert_eq!(page_path("0001-a.markdown"), "0001-a.markdown.html");
        assert_eq!(page_path("README"), "README.html");
    }

    #[test]
    fn joins_stay_inside_the_log() {
        assert_eq!(join("", "./0002-b.md").as_deref(), Some("0002-b.md"));
        assert_eq!(join("sub", "../0002-b.md").as_deref(), Some("0002-b.md"));
        assert_eq!(join("", "../img/x.png"), None);
        assert_eq!(join("a//b/", "x").as_deref(), Some("a/b/x"));
        assert_eq!(join("a/b", "..\\c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(join("a/b", "../../c").as_deref(), Some("c"));
        assert_eq!(join("a", "../.."), None);
        assert_eq!(join("a", "..").as_deref(), Some(""));
    }

    #[test]
    #[cfg(unix)]
    fn a_percent_encoded_name_that_is_not_utf8_names_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(percent_decode_path("a%20b.md"), PathBuf::from("a b.md"));
        assert_eq!(
            percent_decode_path("caf%E9.md").as_os_str().as_bytes(),
            b"caf\xe9.md"
        );
        assert_eq!(percent_decode("caf%E9.md"), "caf%E9.md");
        assert_eq!(
            link_target("old/0001-a.md", "../0007-b.md#why").as_deref(),
            Some("0007-b.md")
        );
        assert_eq!(link_target("0001-a.md", "#only-an-anchor"), None);
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }

    #[test]
    fn link_targets_resolve_from_the_linking_file() {
        assert_eq!(
            link_target("0001-a.md", "0007-b.md#why").as_deref(),
            Some("0007-b.md")
        );
        assert_eq!(
            link_target("old/0001-a.md", "../0007-b.md").as_deref(),
            Some("0007-b.md")
        );
        assert_eq!(
            link_target("0001-a.md", "./sub/0007-b.md").as_deref(),
            Some("sub/0007-b.md")
        );
        assert_eq!(link_target("0001-a.md", "../../x.md"), None);
    }
}
