//! A Model Context Protocol server (spec 2025-06-18, JSON-RPC 2.0 over newline-delimited
//! stdio) that lets coding agents read the log, and with `--allow-write` create a record or
//! change a status.
//!
//! Hand-written on serde_json rather than on the `rmcp` SDK: the server needs six methods
//! (`initialize`, `ping`, `tools/list`, `tools/call`, `resources/list`, `resources/read`, plus
//! `resources/templates/list`), all synchronous, and `rmcp` would bring tokio and an async
//! runtime into a binary that has none, for a loop of forty lines.
//!
//! The log is never read before a tool or resource asks for it, and it is read again on every
//! call: `initialize` and `tools/list` answer at once whatever the size of the log, and an
//! agent that edits a record sees the change on its next call. Each tool does its work through
//! the same code as the CLI command it mirrors ([`tools`]), so messages and outputs agree.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

mod resources;
mod tools;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::error::{Error, Result, output_error};

/// The protocol revisions this server speaks, newest first.
pub const PROTOCOL_VERSIONS: [&str; 4] = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

/// JSON-RPC error codes.
pub(crate) const PARSE_ERROR: i64 = -32700;
pub(crate) const INVALID_REQUEST: i64 = -32600;
pub(crate) const METHOD_NOT_FOUND: i64 = -32601;
pub(crate) const INVALID_PARAMS: i64 = -32602;
pub(crate) const INTERNAL_ERROR: i64 = -32603;
/// MCP's code for a resource that does not exist.
pub(crate) const RESOURCE_NOT_FOUND: i64 = -32002;

/// A JSON-RPC error to answer with.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
}

impl RpcError {
    pub(crate) fn new(code: i64, message: impl Into<String>) -> RpcError {
        RpcError {
            code,
            message: message.into(),
        }
    }
}

/// The server: where the log is, and whether the write tools are offered.
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

    /// Answers every message read from `input` on `output` until `input` ends. Malformed
    /// messages get a JSON-RPC error; nothing a client sends stops the server.
    pub fn serve(
        &self,
        input: impl BufRead,
        output: &mut dyn Write,
        log: &mut dyn Write,
    ) -> Result<()> {
        // Lines as bytes: a line that is not UTF-8 gets a parse error, not the end of the
        // session.
        for line in input.split(b'\n') {
            let line = line.map_err(|source| Error::io("read", "stdin", source))?;
            let line = String::from_utf8_lossy(&line);
            if line.trim().is_empty() {
                continue;
            }
            if let Some(response) = self.handle_line(&line, log) {
                let mut text = serde_json::to_string(&response).unwrap_or_default();
                text.push('\n');
                output.write_all(text.as_bytes()).map_err(output_error)?;
                output.flush().map_err(output_error)?;
            }
        }
        Ok(())
    }

    /// The answer to one line, or `None` for a notification.
    pub fn handle_line(&self, line: &str, log: &mut dyn Write) -> Option<Value> {
        let message: Value = match serde_json::from_str(line) {
            Ok(message) => message,
            Err(error) => {
                return Some(error_response(
                    &Value::Null,
                    &RpcError::new(PARSE_ERROR, format!("not JSON: {error}")),
                ));
            }
        };
        if message.is_array() {
            // JSON-RPC batches were removed from MCP in 2025-06-18.
            return Some(error_response(
                &Value::Null,
                &RpcError::new(
                    INVALID_REQUEST,
                    "batches are not supported: send one request per line",
                ),
            ));
        }
        let id = message.get("id").cloned();
        let Some(method) = message.get("method").and_then(Value::as_str) else {
            // A response from the client (we send no requests) or garbage.
            return id.map(|id| {
                error_response(
                    &id,
                    &RpcError::new(INVALID_REQUEST, "a request needs a `method`"),
                )
            });
        };
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        let result = self.handle(method, &params);
        let id = id?; // notifications (`notifications/initialized`, …) get no answer
        Some(match result {
            Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
            Err(error) => {
                let _ = writeln!(log, "adr mcp: {method}: {}", error.message);
                error_response(&id, &error)
            }
        })
    }

    fn handle(&self, method: &str, params: &Value) -> std::result::Result<Value, RpcError> {
        match method {
            "initialize" => Ok(self.initialize(params)),
            "ping" => Ok(json!({})),
            "tools/list" => Ok(json!({ "tools": tools::list(self.allow_write) })),
            "tools/call" => {
                let name = params
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| RpcError::new(INVALID_PARAMS, "`tools/call` needs a `name`"))?;
                let arguments = match params.get("arguments") {
                    None | Some(Value::Null) => json!({}),
                    Some(arguments) => arguments.clone(),
                };
                tools::call(self, name, arguments)
            }
            "resources/list" => resources::list(self, params),
            "resources/templates/list" => Ok(resources::templates()),
            "resources/read" => resources::read(self, params),
            method if method.starts_with("notifications/") => Ok(Value::Null),
            method => Err(RpcError::new(
                METHOD_NOT_FOUND,
                format!("no method `{method}`"),
            )),
        }
    }

    fn initialize(&self, params: &Value) -> Value {
        let requested = params.get("protocolVersion").and_then(Value::as_str);
        let version = requested
            .filter(|requested| PROTOCOL_VERSIONS.contains(requested))
            .unwrap_or(PROTOCOL_VERSIONS[0]);
        let mode = if self.allow_write {
            "It may also create records (create_record) and change a record's status (set_status)."
        } else {
            "It is read-only: it never changes a file."
        };
        json!({
            "protocolVersion": version,
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

fn error_response(id: &Value, error: &RpcError) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": error.code, "message": error.message }
    })
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
