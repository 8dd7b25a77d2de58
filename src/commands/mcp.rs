//! `adr mcp`: serve the log over the Model Context Protocol on stdin/stdout. The server is
//! [`crate::mcp::Server`]; this file only wires it to the process's streams.

use std::path::Path;

use crate::cli::McpArgs;
use crate::error::Result;
use crate::{ExitStatus, Output};

pub fn run(
    args: &McpArgs,
    cwd: &Path,
    dir: Option<&Path>,
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    // Locate the log now, so a wrong directory fails before a client connects; the records
    // themselves are read on the first call that needs them.
    crate::config::Project::locate(cwd, dir)?;
    let server = crate::mcp::Server::new(cwd, dir, args.allow_write);
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        super::note(
            output,
            format_args!(
                "adr mcp: an MCP server for coding agents, reading JSON-RPC on stdin; register it \
                 in your agent's MCP config (see the README) instead of running it here. Ctrl-D ends it."
            ),
        );
    }
    server.serve_stdio(output.out)?;
    Ok(ExitStatus::Success)
}
