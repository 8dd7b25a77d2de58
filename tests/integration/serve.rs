//! `adr serve`: the served pages are `adr render`'s plus the reload snippet, an edit sends a
//! reload event and the page then has the new text, a broken record or a failed build
//! keeps the server up, a port in use and `--bind` are said, Ctrl-C exits cleanly and
//! removes the private site, and a real browser reloads an open page after an edit.
//! HTTP is spoken over plain TCP: one request per connection, `Connection: close`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::util::{adr, copy_tree, files_of, fixtures, run};

/// How long anything here may take before the test fails (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `adr serve`, killed when dropped.
struct Served {
    child: Child,
    /// The index's address, as printed.
    url: String,
    /// `host:port`.
    address: String,
    stderr: Arc<Mutex<String>>,
    /// The TMPDIR it was given: its private site is made there.
    tmp: tempfile::TempDir,
}

impl Served {
    /// Starts `adr serve --port 0 ARGS` in `dir` and waits for the address it prints.
    fn start(dir: &Path, args: &[&str]) -> Served {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = adr(dir)
            .args(["serve", "--port", "0"])
            .args(args)
            .env("TMPDIR", tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start adr serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let collected = Arc::clone(&stderr);
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(read) = err.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                collected
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..read]));
            }
        });
        let (lines, received) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let line = received.recv_timeout(PATIENCE).unwrap_or_else(|_| {
            panic!(
                "adr serve printed no address; stderr: {}",
                stderr.lock().unwrap()
            )
        });
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        assert!(
            line.starts_with("serving ") && line.ends_with(&format!(" at {url} (Ctrl-C stops)")),
            "{line}"
        );
        let address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        Served {
            child,
            url,
            address,
            stderr,
            tmp,
        }
    }

    fn get(&self, path: &str) -> Reply {
        request(&self.address, "GET", path, &[])
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr has the line `expected` (it is written before the reload event,
    /// but read by another thread of the test).
    fn assert_said(&self, expected: &str) {
        let deadline = std::time::Instant::now() + PATIENCE;
        while !self.stderr().lines().any(|line| line == expected) {
            assert!(
                std::time::Instant::now() < deadline,
                "no line {expected:?} in:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the event stream as a page of build `since` does; each `reload` event's data
    /// arrives on the receiver.
    fn events(&self, since: &str) -> Receiver<String> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET /__adr/reload?since={since} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.address
        )
        .unwrap();
        let (events, received) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reloading = false;
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if line == "event: reload" {
                    reloading = true;
                } else if let Some(data) = line.strip_prefix("data: ")
                    && reloading
                {
                    reloading = false;
                    if events.send(data.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        received
    }

    /// Sends SIGINT and waits for the exit code.
    fn interrupt(mut self) -> (i32, String, tempfile::TempDir) {
        let killed = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let code = wait_with_timeout(&mut self.child);
        // The stderr reader ends with the process.
        std::thread::sleep(Duration::from_millis(100));
        let stderr = self.stderr();
        let tmp = tempfile::tempdir().unwrap();
        let tmp = std::mem::replace(&mut self.tmp, tmp);
        (code, stderr, tmp)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_with_timeout(child: &mut Child) -> i32 {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "adr serve did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Replaces `path` as editors save: the new text written in `project` (outside what is
/// watched), then renamed
/// over the file (a watcher never sees it half written).
fn save(project: &Path, path: &Path, text: &str) {
    let temporary = project.join(".saving");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

/// An HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request on a connection of its own.
fn request(address: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(name, _)| *name == "Host") {
        head.push_str(&format!("Host: {address}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    let body = bytes[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.to_string(), value.trim().to_string())
        })
        .collect();
    let reply = Reply {
        status,
        headers,
        body,
    };
    if method != "HEAD"
        && let Some(length) = reply.header("Content-Length")
    {
        assert_eq!(reply.body.len(), length.parse::<usize>().unwrap());
    }
    reply
}

/// A rendered page as `adr serve` sends it: `connect-src 'self'` added to its policy and
/// the reload snippet of build `generation` before `</body>`; nothing else changed.
fn as_served(rendered: &[u8], generation: u64) -> String {
    let page = String::from_utf8(rendered.to_vec()).unwrap();
    let start = "http-equiv=\"Content-Security-Policy\" content=\"";
    let policy_at = page.find(start).expect("a policy") + start.len();
    let policy_end = policy_at + page[policy_at..].find('"').unwrap();
    let body_end = page.rfind("</body>").expect("</body>");
    format!(
        "{}; connect-src 'self'{}<script src=\"/__adr/reload.js?since={generation}\"></script>{}",
        &page[..policy_end],
        &page[policy_end..body_end],
        &page[body_end..]
    )
}

/// Percent-encodes a site path as a browser sends it (everything but unreserved and `/`).
fn encoded(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Every file `adr render` writes for `fixture` is served with the same bytes, HTML pages
/// but for the reload snippet and the policy's `connect-src`.
fn assert_served_like_rendered(fixture: &str) {
    let dir = copy_tree(&fixtures().join("logs").join(fixture));
    let rendered_dir = tempfile::tempdir().unwrap();
    let out = rendered_dir.path().join("site");
    run(dir.path(), &["render", "--out", out.to_str().unwrap()]);
    let served = Served::start(dir.path(), &[]);
    let files = files_of(&out);
    assert!(files.len() > 5, "{fixture}: {:?}", files.keys());
    for (path, bytes) in &files {
        let reply = served.get(&format!("/{}", encoded(path)));
        if path.starts_with(".adr-site") {
            assert_eq!(reply.status, 404, "{path} is adr's own file");
            continue;
        }
        assert_eq!(reply.status, 200, "{fixture}: {path}");
        if path.ends_with(".html") {
            assert_eq!(
                reply.header("Content-Type"),
                Some("text/html; charset=utf-8")
            );
            assert_eq!(reply.text(), as_served(bytes, 1), "{fixture}: {path}");
        } else {
            assert_eq!(&reply.body, bytes, "{fixture}: {path}");
        }
    }
}

#[test]
fn served_pages_are_the_rendered_pages_plus_the_reload_snippet() {
    assert_served_like_rendered("site-basic");
    // File names in other scripts, requested percent-encoded.
    assert_served_like_rendered("languages");
}

#[test]
fn the_server_answers_like_a_static_file_server() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let served = Served::start(dir.path(), &[]);
    let index = served.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(served.get("/index.html").body, index.body);
    assert_eq!(
        served.get("/assets/style.css").header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        served.get("/assets/favicon.svg").header("Content-Type"),
        Some("image/svg+xml")
    );
    let script = served.get("/__adr/reload.js?since=1");
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script.text().contains("new EventSource"),
        "{}",
        script.text()
    );
    let tags = served.get("/tags");
    assert_eq!(
        (tags.status, tags.header("Location")),
        (301, Some("/tags/"))
    );
    assert_eq!(
        served.get("/tags/").body,
        served.get("/tags/index.html").body
    );
    for refused in [
        "/missing.html",
        "/.adr-site",
        "/.adr-site-cache",
        "/../docs/adr/0001-use-fastapi-web-framework.md",
        "/..%2f..%2fdocs%2fadr%2f0001-use-fastapi-web-framework.md",
        "/tags/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let reply = served.get(refused);
        assert_eq!(reply.status, 404, "{refused}");
        assert!(reply.text().contains("<h1>Not found</h1>"), "{refused}");
    }
    let head = request(&served.address, "HEAD", "/index.html", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("Content-Length"),
        Some(index.body.len().to_string().as_str())
    );
    assert!(head.body.is_empty());
    let etag = index.header("ETag").unwrap();
    let again = request(&served.address, "GET", "/", &[("If-None-Match", etag)]);
    assert_eq!((again.status, again.body.len()), (304, 0));
    let post = request(&served.address, "POST", "/", &[("Content-Length", "0")]);
    assert_eq!(
        (post.status, post.header("Allow")),
        (405, Some("GET, HEAD"))
    );
    // A page elsewhere cannot read the log through a name it points at this machine.
    let rebound = request(
        &served.address,
        "GET",
        "/",
        &[("Host", "attacker.example:80")],
    );
    assert_eq!(rebound.status, 403);
}

#[test]
fn an_edit_sends_a_reload_and_the_page_has_the_new_text() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let served = Served::start(dir.path(), &[]);
    let page = "/0001-use-fastapi-web-framework.html";
    assert!(served.get(page).text().contains("/__adr/reload.js?since=1"));
    let events = served.events("1");
    let record = dir
        .path()
        .join("docs/adr/0001-use-fastapi-web-framework.md");
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(!served.get(page).text().contains("Use Starlette"));
    save(
        dir.path(),
        &record,
        &text.replace("Use FastAPI", "Use Starlette"),
    );
    assert_eq!(events.recv_timeout(PATIENCE).unwrap(), "2");
    let served_page = served.get(page).text();
    assert!(served_page.contains("Use Starlette"), "{served_page}");
    assert!(served_page.contains("/__adr/reload.js?since=2"));

    // A record that stops parsing: its page shows the error, the others are still served.
    let broken = dir
        .path()
        .join("docs/adr/0003-record-architecture-decisions.md");
    let text = std::fs::read_to_string(&broken).unwrap();
    save(
        dir.path(),
        &broken,
        &format!("---\nstatus: [accepted\n---\n{text}"),
    );
    assert_eq!(events.recv_timeout(PATIENCE).unwrap(), "3");
    let broken_page = served.get("/0003-record-architecture-decisions.html");
    assert_eq!(broken_page.status, 200);
    assert!(
        broken_page
            .text()
            .contains("<h2>This file could not be read as a record</h2>"),
        "{}",
        broken_page.text()
    );
    assert_eq!(served.get(page).status, 200);
    served.assert_said("error: docs/adr/0003-record-architecture-decisions.md:3: front matter is not valid YAML: did not find expected ',' or ']' (its page shows the error)");
}

#[test]
fn a_failed_build_is_shown_on_every_page_until_the_next_build() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let templates = dir.path().join("theme");
    std::fs::create_dir(&templates).unwrap();
    let served = Served::start(dir.path(), &["--templates", "theme"]);
    let events = served.events("1");
    save(dir.path(), &templates.join("layout.html.tera"), "{% if %}");
    assert_eq!(events.recv_timeout(PATIENCE).unwrap(), "2");
    let failed = served.get("/0001-use-fastapi-web-framework.html");
    assert_eq!(failed.status, 500);
    assert!(
        failed
            .text()
            .contains("<h1>The site could not be built</h1>")
            && failed.text().contains("layout.html"),
        "{}",
        failed.text()
    );
    served.assert_said(
        "error: the site could not be built: template `the site templates`: Failed to parse 'layout.html':  --> 1:7",
    );
    std::fs::remove_file(templates.join("layout.html.tera")).unwrap();
    assert_eq!(events.recv_timeout(PATIENCE).unwrap(), "3");
    assert_eq!(
        served.get("/0001-use-fastapi-web-framework.html").status,
        200
    );
}

#[test]
fn a_port_in_use_is_named_with_what_to_do() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, stdout, stderr) = run(dir.path(), &["serve", "--port", &port]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            format!("error: port {port} on 127.0.0.1 is in use: stop what uses it, or choose another port with `--port` (`--port 0` picks a free one)\n").as_str()
        )
    );
}

#[test]
fn another_address_than_this_machines_is_warned_about() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let served = Served::start(dir.path(), &["--bind", "0.0.0.0"]);
    assert!(
        served.url.starts_with("http://127.0.0.1:"),
        "{}",
        served.url
    );
    assert_eq!(
        served.stderr().lines().next(),
        Some(
            "warning: serving on 0.0.0.0: every machine that can reach this one can read the log; leave out `--bind` to serve this machine only"
        )
    );
    // Any host name is answered then: the network is meant to reach it.
    let reply = request(
        &served.address,
        "GET",
        "/",
        &[("Host", "decisions.internal:4000")],
    );
    assert_eq!(reply.status, 200);
}

#[test]
fn ctrl_c_exits_cleanly_and_removes_the_private_site() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let served = Served::start(dir.path(), &[]);
    let private: Vec<String> = std::fs::read_dir(served.tmp.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(private.len(), 1, "{private:?}");
    assert!(private[0].starts_with("adr-serve-"), "{private:?}");
    let (code, stderr, tmp) = served.interrupt();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().last(), Some("stopped"), "{stderr}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    // The log is as it was: serving writes nothing beside it.
    assert_eq!(
        files_of(dir.path()),
        files_of(&fixtures().join("logs/site-basic"))
    );
}

#[test]
fn an_open_page_reloads_in_a_real_browser_after_an_edit() {
    let Some(mut browser) = crate::site::devtools::Browser::launch() else {
        return;
    };
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let served = Served::start(dir.path(), &[]);
    let page = format!("{}0001-use-fastapi-web-framework.html", served.url);
    browser.navigate(&page);
    assert_eq!(
        browser.errors(),
        Vec::<String>::new(),
        "console errors (a refused script or event stream?)"
    );
    let title = browser.eval("document.querySelector('h1').textContent");
    let title = title.as_str().unwrap().to_string();
    assert!(title.contains("Use FastAPI"), "{title}");
    let record = dir
        .path()
        .join("docs/adr/0001-use-fastapi-web-framework.md");
    let text = std::fs::read_to_string(&record).unwrap();
    browser.reloaded_after(|| {
        save(
            dir.path(),
            &record,
            &text.replace("Use FastAPI", "Use Starlette"),
        );
    });
    assert_eq!(
        browser.eval("document.querySelector('h1').textContent"),
        serde_json::json!(title.replace("Use FastAPI", "Use Starlette"))
    );
    assert_eq!(browser.errors(), Vec::<String>::new());
}
