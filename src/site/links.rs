//! The link resolver: where each link a record makes leads on the site (another record's
//! page, a published copy of a local file, an inlined SVG, or nowhere, with why), and what
//! resolving them all found, for the render's warnings and the manifest.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::SitePaths;
use super::html::{Destination, LinkKind};
use super::repository::Repository;
use super::rows::Entry;
use super::views::page_path;

/// Resolves the relative links of records: to another record's page, or to a file the
/// site may publish. Only passive files are published: images of a known type, judged by
/// their bytes (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP) are copied; an SVG, which runs its
/// script when opened as a document, is never copied but shown inside `<img>` as a `data:`
/// URL, where it cannot. Anything else (HTML, text, an SVG linked as a document, a folder)
/// is not published; when the repository's web address is known, a link to it leads to the
/// file in the repository, as on the forge itself (GitHub shows `diagram.puml` beside the
/// record that links to it); otherwise, and for anything outside the repository, in `.git`
/// or in the output directory, the link keeps only its text and the render says so.
pub(crate) struct Linker<'l> {
    /// Log-relative Markdown path → its row in the index and its site page path, for
    /// records and failures alike.
    pages: super::FastMap<&'l str, (usize, &'l str)>,
    log_dir: PathBuf,
    publish_root: PathBuf,
    canonical_root: Option<PathBuf>,
    canonical_out: Option<PathBuf>,
    /// The repository's web view and its work tree (canonical), when its address is known.
    repository: Option<(Repository, PathBuf)>,
    found: Mutex<Findings>,
}

/// Where a link leads, as a page's key holds it ([`Linker::target`]).
#[derive(serde::Serialize)]
pub(crate) enum Target<'u> {
    /// Another record's page, and the fragment the link adds.
    Page { page: &'u str, fragment: &'u str },
    /// Anything else.
    Other(Destination),
}

/// A link's URL as [`Linker::target`] reads it, for [`Linker::file_lookup`].
struct LinkPath<'u> {
    /// `#…`, or empty.
    fragment: &'u str,
    /// The path, percent-decoded.
    decoded: String,
    /// The linking record's folder in the log.
    from_dir: &'u str,
    /// The path joined to that folder, when it stays inside the log.
    joined: Option<String>,
}

/// What resolving one link found.
pub(crate) enum Found {
    /// (from, to): one record's file linking to another's, by their rows in the index.
    Link(usize, usize),
    /// Site path → the local file copied there.
    Copy(String, PathBuf),
    /// A local file shown inline (an SVG in a `data:` URL): the page changes with it.
    Inline(PathBuf),
    /// A local file linked but missing; with the record and URL when it was an image.
    Missing(PathBuf, Option<Refusal>),
    /// A local file or folder linked to in the repository's web view: the page changes
    /// when it goes.
    InRepository(PathBuf),
    /// A link the site does not follow.
    Refused(Refusal),
}

/// A link the render warns about: the record (log-relative), the URL as written, why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Refusal {
    /// The record, relative to the log.
    pub record: String,
    /// The URL as written.
    pub url: String,
    /// Why it is not published.
    pub reason: Reason,
}

/// Why a link or image is not on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// An image whose file does not exist.
    MissingImage,
    /// A file outside the project.
    OutsideProject,
    /// A file in a hidden folder or in the output directory.
    Hidden,
    /// A folder, a special file or a file over 16 MiB.
    NotRegular,
    /// An SVG image over 1 MiB, too large to inline.
    SvgTooLarge,
    /// An SVG linked as a page rather than shown as an image.
    SvgDocument,
    /// A file that is not an image, by its content, linked while the repository's web
    /// address is unknown.
    NotImage,
    /// A file shown as an image that is not one, by its content.
    FakeImage,
}

impl Reason {
    /// What is wrong and what to do, after "`URL` ".
    pub fn message(self) -> &'static str {
        match self {
            Reason::MissingImage => {
                "is an image that does not exist, so the page shows its text: fix the path (relative to the record's folder) or add the file"
            }
            Reason::OutsideProject => {
                "is outside the project and is never published, so the page shows the link's text: move the file into the project or link to where it is hosted with a full URL"
            }
            Reason::Hidden => {
                "is in a hidden folder or the output directory and is not published, so the page shows the link's text: move the file or link to it with a full URL"
            }
            Reason::NotRegular => {
                "is a folder, a special file or over 16 MiB, and is not published, so the page shows the link's text: link to it with a full URL"
            }
            Reason::SvgTooLarge => {
                "is an SVG over 1 MiB, too large to show inside the page, so the page shows its text: shrink it or export a PNG"
            }
            Reason::SvgDocument => {
                "is an SVG, which runs its scripts when opened as a page, so it is published only as an image: write `![text](file.svg)` instead of a link, or link to it with a full URL"
            }
            Reason::NotImage => {
                "is not an image (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), and only images are published, so the page shows the link's text: set `repository-url` under `[site]` in .adr.toml (or give the repository an `origin` remote on GitHub, GitLab or Bitbucket) and the page links to the file in the repository"
            }
            Reason::FakeImage => {
                "is shown as an image but is not one (PNG, JPEG, GIF, WebP, AVIF, ICO, BMP or SVG, judged by its content), so the page shows its text: put the image itself in that file, or write a link `[text](file)` instead of `![text](file)`"
            }
        }
    }
}

/// What resolving the links of every record found out.
#[derive(Default)]
pub(crate) struct Findings {
    /// Site path → the local file copied there.
    pub(crate) copies: BTreeMap<String, PathBuf>,
    /// Local files linked but missing, and shown inline.
    pub(crate) missing: BTreeSet<PathBuf>,
    /// Local files and folders linked to in the repository's web view.
    pub(crate) in_repository: BTreeSet<PathBuf>,
    pub(crate) inlined: BTreeSet<PathBuf>,
    /// (from, to): one record's file linking to another's, by their rows in the index.
    pub(crate) links: BTreeSet<(usize, usize)>,
    pub(crate) refused: BTreeSet<Refusal>,
}

/// The largest file a record may publish (an image copied, an SVG inlined).
pub(crate) const MAX_PUBLISHED_BYTES: u64 = 16 * 1024 * 1024;
pub(crate) const MAX_INLINE_SVG_BYTES: u64 = 1024 * 1024;

/// What a local file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// An image type that never runs script: copied.
    Image,
    Svg,
    Other,
}

/// The kind of a file from its first bytes (the extension is not trusted).
pub(crate) fn sniff(head: &[u8]) -> FileKind {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let is_image = starts(b"\x89PNG\r\n\x1a\n")
        || starts(b"\xff\xd8\xff")
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || (starts(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        || (head.get(4..8) == Some(b"ftyp") && matches!(head.get(8..12), Some(b"avif" | b"avis")))
        || starts(b"\x00\x00\x01\x00")
        || starts(b"BM");
    if is_image {
        return FileKind::Image;
    }
    // An SVG: XML whose first element is `<svg` (after a declaration, comments, doctype).
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if rest.starts_with("<svg") {
            return FileKind::Svg;
        }
        let skipped = if rest.starts_with("<?") {
            rest.split_once("?>").map(|(_, after)| after)
        } else if rest.starts_with("<!--") {
            rest.split_once("-->").map(|(_, after)| after)
        } else if rest.starts_with("<!") {
            rest.split_once('>').map(|(_, after)| after)
        } else {
            None
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => return FileKind::Other,
        }
    }
}

/// Reads a file a record links to, only if it is a regular file of at most `cap` bytes.
// merged into fs's checked read later
pub(crate) fn read_published(path: &Path, cap: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > cap {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(cap)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// The first bytes of a regular file, enough to tell its kind.
pub(crate) fn read_head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_PUBLISHED_BYTES {
        return None;
    }
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .ok()?
        .take(1024)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

impl<'l> Linker<'l> {
    pub(crate) fn new(
        paths: &SitePaths,
        entries: &'l [Entry],
        repository: Option<&Repository>,
    ) -> Linker<'l> {
        Linker {
            pages: entries
                .iter()
                .enumerate()
                .map(|(position, entry)| (entry.rel_path, (position, &*entry.page)))
                .collect(),
            log_dir: paths.log_dir.clone(),
            publish_root: paths.publish_root.clone(),
            canonical_root: std::fs::canonicalize(&paths.publish_root).ok(),
            canonical_out: std::fs::canonicalize(&paths.out_dir).ok(),
            repository: repository.and_then(|repository| {
                let root = std::fs::canonicalize(&repository.root).ok()?;
                Some((repository.clone(), root))
            }),
            found: Mutex::new(Findings::default()),
        }
    }

    /// Where `url` (a link's or an image's) in the record at `from` leads, and what that
    /// adds to the site.
    pub(crate) fn lookup(
        &self,
        from: &str,
        url: &str,
        kind: LinkKind,
    ) -> (Destination, Option<Found>) {
        match self.target(from, url, kind) {
            (Target::Page { page, fragment }, found) => (
                Destination::Rewrite(format!(
                    "{}{fragment}",
                    encode_path(&crate::log_path::relative_link(&page_path(from), page))
                )),
                found,
            ),
            (Target::Other(destination), found) => (destination, found),
        }
    }

    /// [`Linker::lookup`] of a URL that leads to no record (a file, or nothing), with what
    /// [`Linker::target`] made of it.
    fn file_lookup(
        &self,
        (from, url, kind): (&str, &str, LinkKind),
        LinkPath {
            fragment,
            decoded,
            from_dir,
            joined,
        }: LinkPath<'_>,
    ) -> (Destination, Option<Found>) {
        let from_page = page_path(from);
        let refused = |reason: Reason| {
            (
                Destination::Text,
                Some(Found::Refused(Refusal {
                    record: from.to_string(),
                    url: url.to_string(),
                    reason,
                })),
            )
        };
        // Resolved against the record's own directory, wherever the log is.
        let absolute = crate::log_path::normalize(&self.log_dir.join(from_dir).join(&decoded));
        let Ok(canonical) = std::fs::canonicalize(&absolute) else {
            let image = (kind == LinkKind::Image).then(|| Refusal {
                record: from.to_string(),
                url: url.to_string(),
                reason: Reason::MissingImage,
            });
            return (Destination::Missing, Some(Found::Missing(absolute, image)));
        };
        let is_output = self
            .canonical_out
            .as_ref()
            .is_some_and(|out| canonical.starts_with(out));
        // A link (not an image) to what the site does not publish leads to it in the
        // repository, where the reader of the record on the forge finds it too.
        let in_repository = |reason: Reason| match (kind, &is_output) {
            (LinkKind::Link, false) => match self.repository_view(&canonical) {
                Some(url) => (
                    Destination::Rewrite(format!("{url}{fragment}")),
                    Some(Found::InRepository(absolute.clone())),
                ),
                None => refused(reason),
            },
            _ => refused(reason),
        };
        let Some(in_project) = self
            .canonical_root
            .as_ref()
            .and_then(|root| canonical.strip_prefix(root).ok())
        else {
            return in_repository(Reason::OutsideProject);
        };
        let is_hidden = in_project
            .components()
            .any(|component| component.as_os_str().to_string_lossy().starts_with('.'));
        if is_hidden || is_output {
            return in_repository(Reason::Hidden);
        }
        let Some(head) = read_head(&canonical) else {
            return in_repository(Reason::NotRegular);
        };
        match (sniff(&head), kind) {
            (FileKind::Image, _) => {
                let destination = match &joined {
                    Some(inside) => inside.clone(),
                    None => format!(
                        "_files/{}",
                        crate::log_path::relative_path(&self.publish_root, &absolute)
                    ),
                };
                let rewritten = format!(
                    "{}{fragment}",
                    encode_path(&crate::log_path::relative_link(&from_page, &destination))
                );
                (
                    Destination::Rewrite(rewritten),
                    Some(Found::Copy(destination, canonical)),
                )
            }
            (FileKind::Svg, LinkKind::Image) => {
                match read_published(&canonical, MAX_INLINE_SVG_BYTES) {
                    Some(bytes) => (
                        Destination::Rewrite(svg_data_url(&bytes)),
                        Some(Found::Inline(canonical)),
                    ),
                    None => refused(Reason::SvgTooLarge),
                }
            }
            (FileKind::Svg, LinkKind::Link) => in_repository(Reason::SvgDocument),
            (FileKind::Other, LinkKind::Link) => in_repository(Reason::NotImage),
            (FileKind::Other, LinkKind::Image) => refused(Reason::FakeImage),
        }
    }

    /// The repository's web view of the file or folder at `canonical`, when the repository
    /// is known and holds it (outside `.git`).
    fn repository_view(&self, canonical: &Path) -> Option<String> {
        let (repository, root) = self.repository.as_ref()?;
        let inside = canonical.strip_prefix(root).ok()?;
        let mut path = String::new();
        for part in inside.components() {
            let std::path::Component::Normal(part) = part else {
                return None;
            };
            let part = part.to_str()?;
            if part == ".git" {
                return None;
            }
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(part);
        }
        let metadata = std::fs::metadata(canonical).ok()?;
        if !(metadata.is_file() || metadata.is_dir()) {
            return None;
        }
        Some(repository.view_url(&path, metadata.is_dir()))
    }

    /// What a page's key needs of where `url` in the record at `from` leads: for a link to
    /// another record its page and fragment (the URL written is a function of those and of
    /// `from`), without making the URL. Every link of every record page is looked up for
    /// its key, kept pages included; the four strings each URL took were 3 % of the CPU
    /// time of a one-record re-render of 99,999 records.
    pub(crate) fn target<'u>(
        &'u self,
        from: &str,
        url: &'u str,
        kind: LinkKind,
    ) -> (Target<'u>, Option<Found>) {
        let split = url.find(['?', '#']).unwrap_or(url.len());
        let (path, rest) = url.split_at(split);
        if path.is_empty() {
            return (Target::Other(Destination::Keep), None);
        }
        let fragment = rest.find('#').map_or("", |at| &rest[at..]);
        let decoded = crate::log_path::percent_decode(path);
        let from_dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        let joined = crate::log_path::join(from_dir, &decoded);
        if let Some(inside) = &joined
            && let Some(&(to, page)) = self.pages.get(inside.as_str())
        {
            let from = self.pages.get(from).map(|&(position, _)| position);
            return (
                Target::Page { page, fragment },
                from.map(|from| Found::Link(from, to)),
            );
        }
        let path = LinkPath {
            fragment,
            decoded,
            from_dir,
            joined,
        };
        let (destination, found) = self.file_lookup((from, url, kind), path);
        (Target::Other(destination), found)
    }

    /// Resolves `url` in the record at `from`, noting the link, copy or missing file.
    pub(crate) fn resolve(&self, from: &str, url: &str, kind: LinkKind) -> Destination {
        let (destination, found) = self.lookup(from, url, kind);
        self.note(found);
        destination
    }

    pub(crate) fn note(&self, found: Option<Found>) {
        self.note_all([found]);
    }

    /// Notes what the links of one page found, taking the lock once for the page rather
    /// than once for each link: a re-render of 99,999 records notes the links of every page
    /// it keeps, on both cores.
    pub(crate) fn note_all(&self, found: impl IntoIterator<Item = Option<Found>>) {
        let mut found = found.into_iter().flatten().peekable();
        if found.peek().is_none() {
            return;
        }
        let Ok(mut findings) = self.found.lock() else {
            return;
        };
        for found in found {
            findings.note(found);
        }
    }

    pub(crate) fn finish(self) -> Findings {
        self.found.into_inner().unwrap_or_default()
    }
}

impl Findings {
    fn note(&mut self, found: Found) {
        match found {
            Found::Link(from, to) => {
                self.links.insert((from, to));
            }
            Found::Copy(destination, source) => {
                self.copies.entry(destination).or_insert(source);
            }
            Found::Inline(source) => {
                self.inlined.insert(source);
            }
            Found::Missing(path, image) => {
                self.missing.insert(path);
                if let Some(refusal) = image {
                    self.refused.insert(refusal);
                }
            }
            Found::Refused(refusal) => {
                self.refused.insert(refusal);
            }
            Found::InRepository(path) => {
                self.in_repository.insert(path);
            }
        }
    }
}

/// An SVG as a `data:` URL: inside `<img>` it is drawn but its scripts never run, and no
/// copy of it on the site's origin can be opened as a document.
pub(crate) fn svg_data_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A relative path as a URL: every byte but the unreserved ones, `/` and a few
/// sub-delimiters is percent-encoded (UTF-8), so `#`, `?`, `%`, spaces, `:` and any script
/// in a file name reach the file.
pub(crate) fn encode_path(path: &str) -> String {
    crate::log_path::percent_encode(path, b"!$&()*+,;=@")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::views::root_of;

    #[test]
    fn files_are_judged_by_their_first_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), FileKind::Image);
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), FileKind::Image);
        assert_eq!(sniff(b"GIF89a.."), FileKind::Image);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), FileKind::Image);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif"), FileKind::Image);
        assert_eq!(sniff(b"\0\0\x01\0\x01\0"), FileKind::Image);
        assert_eq!(sniff(b"BM6\0\0\0"), FileKind::Image);
        assert_eq!(
            sniff(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- x --><!DOCTYPE svg><svg>"),
            FileKind::Svg
        );
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), FileKind::Other);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), FileKind::Other);
        assert_eq!(sniff(b"password=hunter2"), FileKind::Other);
    }

    #[test]
    fn relative_paths_stay_inside_the_log_or_say_so() {
        assert_eq!(
            crate::log_path::join("", "./0002-b.md").as_deref(),
            Some("0002-b.md")
        );
        assert_eq!(
            crate::log_path::join("sub", "../0002-b.md").as_deref(),
            Some("0002-b.md")
        );
        assert_eq!(crate::log_path::join("", "../img/x.png"), None);
        assert_eq!(crate::log_path::percent_decode("a%20b%zz"), "a b%zz");
        assert_eq!(encode_path("img/a b#1.png"), "img/a%20b%231.png");
        assert_eq!(
            encode_path("0026-100%-sure?.html"),
            "0026-100%25-sure%3F.html"
        );
        assert_eq!(encode_path("tags/größe.html"), "tags/gr%C3%B6%C3%9Fe.html");
        assert_eq!(encode_path("a:b.html"), "a%3Ab.html");
        assert_eq!(page_path("sub/0001-a.MD"), "sub/0001-a.html");
        assert_eq!(root_of("tags/x.html"), "../");
    }
}
