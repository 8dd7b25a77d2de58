//! `adr`: Architecture Decision Records, created, linted, indexed and rendered.
//!
//! Data flows one way: [`config::Project::locate`] finds the log, [`model::Log::load`] (in [`load`])
//! discovers and parses every record once, and a command reads the loaded log.

pub mod adopt;
pub mod adr_tools;
pub mod anchors;
pub mod casefold;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod edit;
pub mod error;
pub mod export;
pub mod fs;
pub mod git;
pub mod index;
pub mod layout;
pub mod lint;
pub mod load;
pub mod log_path;
pub mod mcp;
pub mod mentions;
pub mod migrate;
pub mod model;
pub mod new_record;
pub mod own_template;
pub mod parse;
pub mod record_template;
pub mod relation;
pub mod renumber;
pub mod report;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod supersede;
pub mod vocabulary;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub use error::{Error, Result};

/// How a command ended, mapped to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing to report.
    Success,
    /// 1: the command worked and found problems (lint errors, a stale index, unreadable records).
    Findings,
    /// 2: usage, configuration or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Findings => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Where a command writes. stdout carries the command's result only; messages go to stderr.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether styling codes are wanted (they are stripped anyway when not).
    pub color: bool,
}

/// Runs one parsed command line from `cwd`.
pub fn run(cli: cli::Cli, cwd: &Path, output: &mut Output<'_>) -> Result<ExitStatus> {
    commands::run(cli, cwd, output)
}
