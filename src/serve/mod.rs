//! `adr serve`: the site of the log on a local HTTP server, rebuilt when the log changes
//! and reloaded in the browsers showing it. The site is built by the incremental render
//! ([`crate::site::incremental::render`]) into a private directory removed on exit, so a
//! served page is the page `adr render` writes; [`http`] answers requests from that
//! directory, adding the reload snippet ([`page`]) to the HTML it sends; [`watch`] turns
//! changes in the log into [`Signal`]s. The command (`commands::serve`) runs the loop and
//! says on the terminal what happened.

mod http;
mod page;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify_debouncer_full::notify::RecursiveMode;

use crate::error::{Error, Result};
use http::{Published, Shared};

/// The port `adr serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 4000;

/// How long the watcher waits for a burst of changes (an editor's save is often several
/// events: a temporary file, a rename, a change of permissions) to end. An editor's burst
/// takes a few milliseconds; the wait is paid on every save (at 50 ms, a save at 10,000
/// records reached the page in 305 ms, against a budget of 300). A burst longer than this
/// costs a second rebuild, which finds nothing changed and reloads nothing.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// What the serving loop is told.
#[derive(Debug)]
pub enum Signal {
    /// Something in a watched directory changed.
    Changed,
    /// The watcher failed; the text says why.
    WatchFailed(String),
    /// Ctrl-C or SIGTERM: stop.
    Stop,
}

/// A bound server and the private directory its site is built in. Nothing is answered
/// before [`Preview::start`]; dropping it (or [`Preview::stop`]) removes the directory.
pub struct Preview {
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    address: SocketAddr,
    dir: tempfile::TempDir,
}

impl Preview {
    /// Listens on `address` (port 0: any free port) and makes the private directory.
    pub fn bind(address: SocketAddr) -> Result<Preview> {
        let listener = TcpListener::bind(address).map_err(|source| bind_error(address, source))?;
        let address = listener
            .local_addr()
            .map_err(|source| bind_error(address, source))?;
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|error| Error::usage(format!("cannot serve on {address}: {error}")))?;
        let dir = tempfile::Builder::new()
            .prefix("adr-serve-")
            .tempdir()
            .map_err(|source| {
                Error::io(
                    "create a private directory for the site in",
                    std::env::temp_dir(),
                    source,
                )
            })?;
        let hosts = address.ip().is_loopback().then(|| {
            let port = address.port();
            vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ]
        });
        let shared = Arc::new(Shared {
            root: dir.path().join("site"),
            hosts,
            published: Mutex::new(Published::default()),
            changed: Condvar::new(),
        });
        Ok(Preview {
            server: Arc::new(server),
            shared,
            address,
            dir,
        })
    }

    /// The address of the index, as a browser on this machine opens it.
    pub fn url(&self) -> String {
        let ip = match self.address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.address.port()))
    }

    /// Where the site is to be built.
    pub fn site_dir(&self) -> &Path {
        &self.shared.root
    }

    /// Whether the last build failed.
    pub fn has_failed(&self) -> bool {
        self.shared
            .published
            .lock()
            .is_ok_and(|published| published.error.is_some())
    }

    /// Says that the site changed (or, with `error`, that it could not be built): pages are
    /// told to reload, and while `error` holds every page shows it.
    pub fn publish(&self, error: Option<String>) {
        if let Ok(mut published) = self.shared.published.lock() {
            // The same failure again (an editor's save can be several changes) is no news.
            if error.is_some() && published.error == error {
                return;
            }
            published.generation += 1;
            published.error = error;
        }
        self.shared.changed.notify_all();
    }

    /// Starts answering requests, each on a thread of its own.
    pub fn start(&self) -> Result<()> {
        let server = Arc::clone(&self.server);
        let shared = Arc::clone(&self.shared);
        std::thread::Builder::new()
            .name("adr-serve".to_string())
            .spawn(move || {
                for request in server.incoming_requests() {
                    let shared = Arc::clone(&shared);
                    // A request the system has no thread for is dropped, which closes it.
                    let _ =
                        std::thread::Builder::new().spawn(move || http::answer(&shared, request));
                }
            })
            .map(drop)
            .map_err(|source| Error::io("start the server's thread for", self.site_dir(), source))
    }

    /// Stops answering and removes the private directory.
    pub fn stop(self) -> Result<()> {
        self.server.unblock();
        let path = self.dir.path().to_path_buf();
        self.dir
            .close()
            .map_err(|source| Error::io("remove the private site directory", path, source))
    }
}

/// The error for a port that cannot be listened on: in use, or not this machine's address.
fn bind_error(address: SocketAddr, source: std::io::Error) -> Error {
    let port = address.port();
    let ip = address.ip();
    match source.kind() {
        std::io::ErrorKind::AddrInUse => Error::usage(format!(
            "port {port} on {ip} is in use: stop what uses it, or choose another port with `--port` (`--port 0` picks a free one)"
        )),
        std::io::ErrorKind::AddrNotAvailable => Error::usage(format!(
            "cannot listen on {ip}: it is not an address of this machine: choose another with `--bind`, or leave it out (127.0.0.1)"
        )),
        std::io::ErrorKind::PermissionDenied => Error::usage(format!(
            "port {port} needs privileges: choose one above 1023 with `--port`"
        )),
        _ => Error::usage(format!("cannot listen on {address}: {source}")),
    }
}

/// Watches `dirs` (each with everything under it) and sends [`Signal::Changed`] after each
/// burst of changes. Reading a file is no change (the render reads every record it does
/// not know). The watch lasts as long as the returned value.
pub fn watch(dirs: &[PathBuf], signals: Sender<Signal>) -> Result<impl Sized + use<>> {
    let mut debouncer = notify_debouncer_full::new_debouncer(
        DEBOUNCE,
        None,
        move |result: notify_debouncer_full::DebounceEventResult| {
            let signal = match result {
                Ok(events) if events.iter().all(|event| event.kind.is_access()) => return,
                Ok(_) => Signal::Changed,
                Err(errors) => Signal::WatchFailed(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            let _ = signals.send(signal);
        },
    )
    .map_err(|error| Error::usage(format!("cannot watch the log for changes: {error}")))?;
    for dir in dirs {
        debouncer
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|error| {
                Error::usage(format!(
                    "cannot watch {} for changes: {error}",
                    dir.display()
                ))
            })?;
    }
    Ok(debouncer)
}
