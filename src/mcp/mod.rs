//! A Model Context Protocol server (JSON-RPC 2.0 over newline-delimited stdio) that lets
//! coding agents read the log, and with `--allow-write` create a record or change a status.
//!
//! The protocol is the official Rust SDK's, `rmcp`: its transport reads and writes the
//! messages, its service answers `initialize` (negotiating the revision), `ping` and the
//! notifications, and calls [`Server`]'s [`ServerHandler`] methods for the rest. What is ours
//! is the tools and resources: their names, descriptions, schemas (from schemars, the version
//! rmcp uses), and their work, which is synchronous library code run on tokio's blocking
//! pool, so a long `lint` never stops the server reading.
//!
//! The log is never read before a tool or resource asks for it, and it is read again on every
//! call: `initialize` and `tools/list` answer at once whatever the size of the log, and an
//! agent that edits a record sees the change on its next call. Each tool does its work through
//! the same code as the CLI command it mirrors ([`tools`]), so messages and outputs agree.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

mod resources;
mod tools;

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use rmcp::ServerHandler;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CustomRequest, CustomResult, ErrorCode, ErrorData,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ProtocolVersion, ReadResourceRequestParams, ReadResourceResponse, ServerConfig,
};
use rmcp::service::{RequestContext, RoleServer};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::error::{Error, Result, output_error};

/// The protocol revisions this server speaks, newest first.
pub const PROTOCOL_VERSIONS: [ProtocolVersion; 4] = [
    ProtocolVersion::V_2025_11_25,
    ProtocolVersion::V_2025_06_18,
    ProtocolVersion::V_2025_03_26,
    ProtocolVersion::V_2024_11_05,
];

/// JSON-RPC error codes.
pub(crate) const INVALID_PARAMS: i32 = ErrorCode::INVALID_PARAMS.0;
pub(crate) const INTERNAL_ERROR: i32 = ErrorCode::INTERNAL_ERROR.0;
/// MCP's code for a resource that does not exist.
pub(crate) const RESOURCE_NOT_FOUND: i32 = ErrorCode::RESOURCE_NOT_FOUND.0;

/// A JSON-RPC error to answer with.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    pub code: i32,
    pub message: String,
}

impl RpcError {
    pub(crate) fn new(code: i32, message: impl Into<String>) -> RpcError {
        RpcError {
            code,
            message: message.into(),
        }
    }
}

/// The server: where the log is, and whether the write tools are offered.
#[derive(Debug, Clone)]
pub struct Server {
    cwd: PathBuf,
    dir: Option<PathBuf>,
    allow_write: bool,
}

impl Server {
    pub fn new(cwd: &Path, dir: Option<&Path>, allow_write: bool) -> Server {
        Server {
            cwd: cwd.to_path_buf(),
            dir: dir.map(Path::to_path_buf),
            allow_write,
        }
    }

    /// Answers every message read from stdin on `out` until stdin ends. Messages that are
    /// not JSON are ignored, as every official MCP SDK does; JSON that is not a JSON-RPC
    /// message gets an `Invalid request` error; nothing a client sends stops the server.
    ///
    /// `out` is the CLI's stdout, which `main` holds locked: rmcp writes each message into an
    /// in-process pipe, and this thread, the runtime's only one, copies it to `out` and
    /// flushes, so an answer leaves as soon as it is written.
    pub fn serve_stdio(self, out: &mut dyn Write) -> Result<()> {
        use tokio::io::AsyncReadExt;
        // rmcp times out its waits (a client's reply to a request of ours, ping), so timers.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|source| Error::io("start", "the MCP server's runtime", source))?;
        let (writer, mut reader) = tokio::io::duplex(64 * 1024);
        let serve = async move {
            match rmcp::serve_server(self, (tokio::io::stdin(), writer)).await {
                Ok(running) => {
                    // Ends when stdin does; a handler's panic is a bug, said on stderr.
                    if let Err(error) = running.waiting().await {
                        log(&format!("the server stopped: {error}"));
                    }
                }
                // The client left before `initialize`: there is no session to serve.
                Err(rmcp::service::ServerInitializeError::ConnectionClosed(_)) => {}
                Err(error) => log(&error.to_string()),
            }
        };
        let copy = async move {
            let mut buffer = vec![0; 64 * 1024];
            loop {
                let read = reader.read(&mut buffer).await.map_err(output_error)?;
                let Some(bytes) = buffer.get(..read).filter(|bytes| !bytes.is_empty()) else {
                    return Ok(());
                };
                out.write_all(bytes).map_err(output_error)?;
                out.flush().map_err(output_error)?;
            }
        };
        runtime.block_on(async move {
            let serving = tokio::spawn(serve);
            // The copy ends when the server drops its end of the pipe, or fails when stdout
            // is closed: then the server has no one to answer and stops too.
            let copied = copy.await;
            if copied.is_err() {
                serving.abort();
            }
            let _ = serving.await;
            copied
        })
    }

    /// Runs `work` on tokio's blocking pool (the tools are synchronous library calls) and
    /// turns its error into rmcp's, logging it on stderr as the CLI would print it.
    async fn blocking<T: DeserializeOwned + Send + 'static>(
        &self,
        method: &'static str,
        work: impl FnOnce(&Server) -> std::result::Result<Value, RpcError> + Send + 'static,
    ) -> std::result::Result<T, ErrorData> {
        let server = self.clone();
        let result = tokio::task::spawn_blocking(move || work(&server))
            .await
            .unwrap_or_else(|error| {
                Err(RpcError::new(
                    INTERNAL_ERROR,
                    format!("internal error: {error}"),
                ))
            })
            .and_then(|value| {
                serde_json::from_value(value).map_err(|error| {
                    RpcError::new(INTERNAL_ERROR, format!("internal error: {error}"))
                })
            });
        result.map_err(|error| {
            log(&format!("{method}: {}", error.message));
            ErrorData::new(ErrorCode(error.code), error.message, None)
        })
    }

    /// The project, located again for each call (the config may have changed).
    pub(crate) fn project(&self) -> Result<crate::config::Project> {
        crate::config::Project::locate(&self.cwd, self.dir.as_deref())
    }

    /// Runs one `adr` command line as the CLI would, capturing what it writes.
    pub(crate) fn run_cli(
        &self,
        command: crate::cli::Command,
    ) -> std::result::Result<Captured, String> {
        let cli = crate::cli::Cli {
            dir: self.dir.clone(),
            log: None,
            color: crate::cli::ColorChoice::Never,
            command,
        };
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        let status = crate::commands::run(
            cli,
            &self.cwd,
            &mut crate::Output {
                out: &mut stdout,
                err: &mut stderr,
                color: false,
            },
        )
        .map_err(|error| cli_message(&error))?;
        Ok(Captured {
            status,
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        })
    }
}

/// What a command wrote, and how it ended.
pub(crate) struct Captured {
    pub(crate) status: crate::ExitStatus,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// An error as `adr` prints it on stderr: `error: …` and one `caused by:` line per cause.
pub(crate) fn cli_message(error: &Error) -> String {
    let mut message = format!("error: {error}");
    let mut cause = std::error::Error::source(error);
    while let Some(source) = cause {
        message.push_str(&format!("\n  caused by: {source}"));
        cause = source.source();
    }
    message
}

/// A page of `items` from `cursor` (an offset written as a string), and the next cursor.
pub(crate) fn page<T>(
    items: Vec<T>,
    cursor: Option<&str>,
    limit: usize,
) -> std::result::Result<(Vec<T>, Option<String>), RpcError> {
    let offset = match cursor {
        None => 0,
        Some(cursor) => cursor.parse::<usize>().map_err(|_| {
            RpcError::new(
                INVALID_PARAMS,
                format!("`{cursor}` is not a cursor this server gave"),
            )
        })?,
    };
    let total = items.len();
    let end = offset.saturating_add(limit.max(1)).min(total);
    let next = (end < total).then(|| end.to_string());
    Ok((
        items
            .into_iter()
            .skip(offset)
            .take(end.saturating_sub(offset))
            .collect(),
        next,
    ))
}

/// A line on stderr, where an MCP client shows a server's log.
fn log(message: &str) {
    let _ = writeln!(std::io::stderr(), "adr mcp: {message}");
}

/// `value` as one of rmcp's types; our JSON is built to their shapes, so a failure is a bug.
fn typed<T: DeserializeOwned>(value: Value) -> std::result::Result<T, ErrorData> {
    serde_json::from_value(value)
        .map_err(|error| ErrorData::internal_error(format!("internal error: {error}"), None))
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        let mode = if self.allow_write {
            "It may also create records (create_record) and change a record's status (set_status)."
        } else {
            "It is read-only: it never changes a file."
        };
        // rmcp's capability builder writes `{}` for each; ours say what is not offered.
        let info = typed::<ServerConfig>(json!({
            "protocolVersion": PROTOCOL_VERSIONS[0],
            "capabilities": {
                "tools": { "listChanged": false },
                "resources": { "listChanged": false, "subscribe": false }
            },
            "serverInfo": {
                "name": "adr",
                "title": "Architecture Decision Records",
                "version": env!("CARGO_PKG_VERSION")
            },
            "instructions": format!(
                "This server reads the project's Architecture Decision Records (ADRs). Before \
                 changing code, search the decisions that concern it (`search`, `mentions`) and \
                 respect the accepted ones; `get_record` gives a record's full text. {mode}"
            )
        }));
        info.unwrap_or_default()
    }

    fn supported_protocol_versions(&self) -> Cow<'static, [ProtocolVersion]> {
        Cow::Borrowed(&PROTOCOL_VERSIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListToolsResult, ErrorData> {
        typed(json!({ "tools": tools::list(self.allow_write) }))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, ErrorData> {
        let name = request.name.into_owned();
        let arguments = Value::Object(request.arguments.unwrap_or_default());
        self.blocking("tools/call", move |server| {
            tools::call(server, &name, arguments)
        })
        .await
        .map(CallToolResponse::Complete)
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListResourcesResult, ErrorData> {
        let cursor = request.and_then(|request| request.cursor);
        self.blocking("resources/list", move |server| {
            resources::list(server, cursor.as_deref())
        })
        .await
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListResourceTemplatesResult, ErrorData> {
        typed(resources::templates())
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ReadResourceResponse, ErrorData> {
        let uri = request.uri;
        self.blocking("resources/read", move |server| {
            resources::read(server, &uri)
        })
        .await
        .map(ReadResourceResponse::Complete)
    }

    async fn on_custom_request(
        &self,
        request: CustomRequest,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<CustomResult, ErrorData> {
        Err(ErrorData::new(
            ErrorCode::METHOD_NOT_FOUND,
            format!("no method `{}`", request.method),
            None,
        ))
    }
}
