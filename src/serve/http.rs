//! The answers of `adr serve`'s HTTP server: files of the site (percent-decoded paths that
//! cannot leave it, hidden files such as the manifest refused), HTML pages with the reload
//! snippet, the reload script, the event stream that tells pages to reload, and its own
//! pages for a missing file or a failed build. Every request gets its own thread: the event
//! streams stay open as long as their pages do.

#![deny(clippy::string_slice)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::page;

/// How often an idle event stream sends a comment, so a closed page's thread finds out.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What every request thread shares: where the site is, and the last build.
pub(super) struct Shared {
    /// The site's directory.
    pub(super) root: PathBuf,
    /// The `Host` headers answered (DNS rebinding: a web page elsewhere must not read the
    /// log through a name it points at 127.0.0.1); `None` answers any.
    pub(super) hosts: Option<Vec<String>>,
    pub(super) published: Mutex<Published>,
    pub(super) changed: Condvar,
}

/// The last build: its number (counting those that changed the site) and why it failed.
#[derive(Debug, Clone, Default)]
pub(super) struct Published {
    pub(super) generation: u64,
    pub(super) error: Option<String>,
}

impl Shared {
    fn published(&self) -> Published {
        self.published
            .lock()
            .map(|published| published.clone())
            .unwrap_or_default()
    }

    /// The generation after `since`, or the current one when `timeout` passed first.
    fn wait_past(&self, since: u64, timeout: Duration) -> u64 {
        let Ok(published) = self.published.lock() else {
            return since;
        };
        match self
            .changed
            .wait_timeout_while(published, timeout, |published| {
                published.generation == since
            }) {
            Ok((published, _)) => published.generation,
            Err(_) => since,
        }
    }
}

/// Answers one request.
pub(super) fn answer(shared: &Shared, request: Request) {
    let host = header_value(&request, "Host");
    if let (Some(hosts), Some(host)) = (&shared.hosts, &host)
        && !hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(host))
    {
        let text = format!("adr serve answers requests for {} only", hosts.join(", "));
        return send(
            request,
            403,
            "text/plain; charset=utf-8",
            text.into_bytes(),
            None,
        );
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with_header(
            text_response(405, "only GET and HEAD are answered"),
            "Allow",
            "GET, HEAD",
        );
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    match path {
        page::EVENTS_PATH => events(shared, request, query),
        page::SCRIPT_PATH => send(
            request,
            200,
            "text/javascript; charset=utf-8",
            page::SCRIPT.as_bytes().to_vec(),
            None,
        ),
        _ => file(shared, request, path),
    }
}

/// A file of the site; the build's error instead while the last build failed.
fn file(shared: &Shared, request: Request, path: &str) {
    let published = shared.published();
    if let Some(error) = &published.error {
        let body = page::notice_page("The site could not be built", error, published.generation);
        return send(request, 500, "text/html; charset=utf-8", body, None);
    }
    let (status, content_type, body) = match resolve(&shared.root, path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let content_type = content_type(&file);
                let body = if content_type.starts_with("text/html") {
                    page::served_html(&bytes, published.generation)
                } else {
                    bytes
                };
                (200, content_type, body)
            }
            // Removed between the look and the read: a rebuild is under way.
            Err(_) => not_found(path, published.generation),
        },
        Resolved::Directory => {
            let response = with_header(Response::empty(301), "Location", &format!("{path}/"));
            let _ = request.respond(response);
            return;
        }
        Resolved::Missing => not_found(path, published.generation),
    };
    let tag = format!(
        "\"{}\"",
        crate::site::incremental::stamps::hex(crate::site::incremental::stamps::content_hash(
            &body
        ))
    );
    if status == 200 && header_value(&request, "If-None-Match").as_deref() == Some(tag.as_str()) {
        let response = with_header(Response::empty(304), "ETag", &tag);
        let _ = request.respond(response);
        return;
    }
    send(
        request,
        status,
        content_type,
        body,
        (status == 200).then_some(tag),
    );
}

fn not_found(path: &str, generation: u64) -> (u16, &'static str, Vec<u8>) {
    let text = format!(
        "{} is not a page of this site.",
        crate::log_path::percent_decode(path)
    );
    (
        404,
        "text/html; charset=utf-8",
        page::notice_page("Not found", &text, generation),
    )
}

/// What a request path names in the site.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    /// A directory named without its final `/`.
    Directory,
    Missing,
}

/// The file `path` (as requested: percent-encoded, `/`-separated) names under `root`. A
/// `..` or `.` segment, a hidden name (the site's manifest and cache), a backslash or NUL
/// is refused; a path ending in `/` names the directory's `index.html`.
fn resolve(root: &Path, path: &str) -> Resolved {
    let decoded = crate::log_path::percent_decode(path);
    let mut relative = PathBuf::new();
    for segment in decoded.split('/').filter(|segment| !segment.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '\0']) {
            return Resolved::Missing;
        }
        relative.push(segment);
    }
    let names_directory = decoded.ends_with('/') || relative.as_os_str().is_empty();
    if names_directory {
        relative.push("index.html");
    }
    let full = root.join(relative);
    match std::fs::symlink_metadata(&full) {
        Ok(metadata) if metadata.is_file() => Resolved::File(full),
        Ok(metadata) if metadata.is_dir() && !names_directory => Resolved::Directory,
        _ => Resolved::Missing,
    }
}

/// The media type of a site file, by its extension (the site names its files itself).
fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|extension| extension.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// The event stream: a `reload` event each time the site changes. `since` (the build the
/// page came from, or the last event the browser saw) makes a rebuild finished before the
/// stream opened count too.
fn events(shared: &Shared, request: Request, query: &str) {
    let current = shared.published().generation;
    let since = header_value(&request, "Last-Event-ID")
        .or_else(|| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("since="))
                .map(str::to_string)
        })
        .and_then(|value| value.trim().parse::<u64>().ok())
        .unwrap_or(current);
    if request.method() == &Method::Head {
        return send(request, 200, "text/event-stream", Vec::new(), None);
    }
    let mut writer = request.into_writer();
    // Written by hand: tiny_http would buffer a streamed body in chunks of 8 KiB.
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 500\n\n";
    let mut since = since;
    let mut message = head.to_string();
    loop {
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return; // the page was closed
        }
        let generation = shared.wait_past(since, KEEP_ALIVE);
        message = if generation == since {
            ": keep-alive\n\n".to_string()
        } else {
            since = generation;
            format!("id: {generation}\nevent: reload\ndata: {generation}\n\n")
        };
    }
}

/// `response` with the header `name: value` (every one here is ASCII without line breaks,
/// so none is ever left out).
fn with_header<R: std::io::Read>(
    mut response: Response<R>,
    name: &str,
    value: &str,
) -> Response<R> {
    if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        response.add_header(header);
    }
    response
}

fn header_value(request: &Request, name: &'static str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|header| header.field.equiv(name))
        .map(|header| header.value.as_str().to_string())
}

fn text_response(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_header(
        Response::from_data(text.as_bytes().to_vec()).with_status_code(status),
        "Content-Type",
        "text/plain; charset=utf-8",
    )
}

/// Sends `body` whole, with its length (never chunked) and `etag` when given.
fn send(request: Request, status: u16, content_type: &str, body: Vec<u8>, etag: Option<String>) {
    let mut response = Response::from_data(body)
        .with_status_code(status)
        .with_chunked_threshold(usize::MAX);
    response = with_header(response, "Content-Type", content_type);
    response = with_header(response, "Cache-Control", "no-cache");
    response = with_header(response, "X-Content-Type-Options", "nosniff");
    if let Some(etag) = etag {
        response = with_header(response, "ETag", &etag);
    }
    // A client that went away is no error of the server's.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = tempfile::tempdir().unwrap_or_else(|_| std::process::abort());
        let root = dir.path();
        let _ = std::fs::create_dir_all(root.join("tags"));
        let _ = std::fs::write(root.join("index.html"), "i");
        let _ = std::fs::write(root.join("tags/index.html"), "t");
        let _ = std::fs::write(root.join("0001 a#b.html"), "r");
        let _ = std::fs::write(root.join(".adr-site"), "{}");
        assert_eq!(resolve(root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(root, "/tags/"),
            Resolved::File(root.join("tags/index.html"))
        );
        assert_eq!(resolve(root, "/tags"), Resolved::Directory);
        assert_eq!(
            resolve(root, "/0001%20a%23b.html"),
            Resolved::File(root.join("0001 a#b.html"))
        );
        for refused in [
            "/.adr-site",
            "/../index.html",
            "/tags/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/a%5c..%5cindex.html",
            "/missing.html",
        ] {
            assert_eq!(resolve(root, refused), Resolved::Missing, "{refused}");
        }
    }
}
