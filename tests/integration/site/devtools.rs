//! Just enough of the Chrome DevTools Protocol to drive headless Chromium: one websocket,
//! flat sessions, commands answered by id, events collected as they arrive.

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

/// The browser to drive: `CHROME` when set (a path or a command name), else the first of
/// Debian's `chromium`, `chromium-browser` and `google-chrome` that runs.
fn find_chromium() -> Option<String> {
    if let Some(chrome) = std::env::var_os("CHROME").filter(|chrome| !chrome.is_empty()) {
        let chrome = chrome.to_string_lossy().into_owned();
        let runs = Command::new(&chrome)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        assert!(
            runs,
            "CHROME={chrome} does not run (`{chrome} --version` failed)"
        );
        return Some(chrome);
    }
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
    // The skip is said on the terminal so a skipped run is never mistaken for a passing one.
    pub fn launch() -> Option<Browser> {
        let Some(program) = find_chromium() else {
            if std::env::var("ADR_SKIP_BROWSER").as_deref() == Ok("1") {
                crate::util::say_skipped(
                    "the_site_works_in_a_real_browser",
                    "ADR_SKIP_BROWSER=1 and no Chromium",
                );
                return None;
            }
            panic!(
                "the browser test needs Chromium: install it with `apt-get install -y chromium` \
                 (Debian/Ubuntu) or point CHROME at a Chromium or Chrome binary \
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
        let (socket, _) = tungstenite::client(url.as_str(), stream).expect("DevTools websocket");
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
        let target = browser.command(None, "Target.createTarget", json!({ "url": "about:blank" }));
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

    /// Runs `action`, then waits until the page has loaded again (reloaded by a script).
    pub fn reloaded_after(&mut self, action: impl FnOnce()) {
        self.loaded = false;
        action();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.loaded {
            assert!(Instant::now() < deadline, "the page did not reload");
            self.receive();
        }
        self.errors.clear();
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
