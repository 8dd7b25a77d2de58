//! One module per command. Each resolves its arguments against the project's config, does
//! its work through the library, and writes its result; none parses records itself.

mod completions;
mod export;
mod generate;
mod graph;
mod index;
mod init;
mod json_rows;
mod link;
mod lint;
mod list;
mod list_table;
mod man;
mod mcp;
mod migrate;
mod new;
mod new_contents;
mod render;
mod renumber;
mod rules;
mod schema;
pub mod search;
mod serve;
mod show;
mod status;
mod status_words;

use std::path::Path;

use crate::cli::{Cli, Command};
use crate::config::Project;
use crate::error::{Error, Result};
use crate::model::{Log, Record};
use crate::{ExitStatus, Output};

pub fn run(cli: Cli, cwd: &Path, output: &mut Output<'_>) -> Result<ExitStatus> {
    let dir = cli.dir.as_deref();
    let locate = |cwd: &Path, dir: Option<&Path>| Project::locate_log(cwd, dir, cli.log.as_deref());
    match cli.command {
        Command::Init(args) => init::run(&args, cwd, dir, output),
        Command::New(args) => new::run(&args, &locate(cwd, dir)?, output),
        Command::List(args) => list::run(&args, &locate(cwd, dir)?, output),
        Command::Lint(args) => match &args.explain {
            // `--explain` needs no log, so it works anywhere.
            Some(_) if args.paths.is_empty() => lint::run_explain(&args, output),
            _ => lint::run(
                &args,
                &Project::locate(cwd, dir)?,
                cli.log.as_deref(),
                output,
            ),
        },
        Command::Rules(args) => rules::run(&args, output),
        Command::Status(args) => status::run(&args, &locate(cwd, dir)?, output),
        Command::Show(args) => show::run(&args, &locate(cwd, dir)?, output),
        Command::Link(args) => link::run(&args, &locate(cwd, dir)?, output),
        Command::Migrate(args) => migrate::run(&args, &locate(cwd, dir)?, output),
        Command::Export(args) => export::run(&args, &locate(cwd, dir)?, output),
        Command::Index(args) => index::run(&args, &locate(cwd, dir)?, output),
        Command::Render(args) if !args.from.is_empty() => render::run_from(&args, cwd, output),
        Command::Render(args) => render::run(&args, &locate(cwd, dir)?, output),
        Command::Serve(args) => serve::run(&args, &locate(cwd, dir)?, output),
        Command::Graph(args) => graph::run(&args, &locate(cwd, dir)?, output),
        Command::Generate(args) => generate::run(&args, &locate(cwd, dir)?, output),
        Command::Renumber(args) => renumber::run(&args, &locate(cwd, dir)?, output),
        Command::Search(args) => search::run(&args, &locate(cwd, dir)?, output),
        Command::Mcp(args) => mcp::run(&args, cwd, dir, output),
        Command::Schema => schema::run(output),
        Command::Completions(args) => completions::run(&args, output),
        Command::Man(args) => man::run(&args, output),
    }
}

/// Loads the log of a project (all of its logs, when it has several).
pub(crate) fn load_log(project: &Project) -> Result<Log> {
    Log::load_layout(&project.log_dir, &project.layout, crate::parse::Depth::Full)
}

/// The record a user named (`7`, `0007`, `ADR-7`, a file name or a slug). A number whose
/// file failed to parse says why it cannot be changed.
pub fn find_record<'a>(project: &Project, log: &'a Log, query: &str) -> Result<&'a Record> {
    if let Some(record) = log.find_by_address(query) {
        return Ok(record);
    }
    // With several logs a bare number may be in more than one: say which to name.
    if let Some(reference) = crate::model::RecordRef::parse(query)
        && let (Some(number), None, None) = (reference.number, &reference.log, &reference.target)
    {
        let logs: Vec<&str> = log
            .by_number(number)
            .filter_map(|record| log.log_name_of(record))
            .collect();
        if logs.len() > 1 {
            return Err(Error::usage(format!(
                "{number:04} is a record of several logs: name one as {}",
                logs.iter()
                    .map(|name| format!("`{name}:{number:04}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        // Two records of one log with the number (`0002-…` and `deprecated/0002-…`): a
        // command would change whichever came first, so the user names the file.
        let files: Vec<&str> = log
            .by_number(number)
            .map(|record| record.rel_path.as_str())
            .collect();
        if logs.len() <= 1 && files.len() > 1 {
            return Err(Error::usage(format!(
                "{number:04} is the number of {} records in {}: name the one you mean by its file, {}",
                files.len(),
                project.display(&project.log_dir),
                files
                    .iter()
                    .map(|file| format!("`{file}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )));
        }
    }
    if let Some(record) = log.find(query) {
        return Ok(record);
    }
    if let Some(failure) = log.failures.iter().find(|failure| {
        crate::model::RecordRef::parse(query).and_then(|reference| reference.number)
            == failure.file.number
            && failure.file.number.is_some()
    }) {
        return Err(Error::record(
            project.display(&failure.path),
            failure.line,
            format!("cannot read this record: {}", failure.message),
        ));
    }
    Err(Error::usage(format!(
        "no record `{query}` in {}: run `adr list` to see the records",
        project.display(&project.log_dir)
    )))
}

/// Names a file that could not be read as a record on stderr: path, line, reason, and
/// `suffix` (what the command did with it).
pub(crate) fn note_failure(
    output: &mut Output<'_>,
    project: &Project,
    failure: &crate::model::LoadFailure,
    suffix: &str,
) {
    let location = failure
        .line
        .map(|line| format!(":{line}"))
        .unwrap_or_default();
    note(
        output,
        format_args!(
            "error: {}{location}: {}{suffix}",
            project.display(&failure.path),
            failure.message
        ),
    );
}

/// Names every file that could not be read as a record; `Findings` when there was any.
pub(crate) fn note_failures(
    output: &mut Output<'_>,
    project: &Project,
    failures: &[crate::model::LoadFailure],
    suffix: &str,
) -> ExitStatus {
    for failure in failures {
        note_failure(output, project, failure, suffix);
    }
    if failures.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Findings
    }
}

/// Writes back `contents` over `path`, which the command read as `original`: through
/// [`crate::fs::replace_if_unchanged`] (refused when the file changed meanwhile, written
/// through a symbolic link inside the project), with the path in any error as the user
/// reads it.
pub(crate) fn rewrite(
    project: &Project,
    path: &Path,
    original: &str,
    contents: &str,
) -> Result<()> {
    crate::fs::replace_if_unchanged(
        path,
        original.as_bytes(),
        contents.as_bytes(),
        project.boundary(),
    )
    .map_err(|error| shown_paths(project, error))
}

/// `error` with the path it names relative to the working directory.
fn shown_paths(project: &Project, error: Error) -> Error {
    let shown = |path: &Path| std::path::PathBuf::from(project.display(path));
    match error {
        Error::Changed { path } => Error::Changed { path: shown(&path) },
        Error::Record {
            path,
            line,
            message,
        } => Error::Record {
            path: shown(&path),
            line,
            message,
        },
        Error::Io {
            action,
            path,
            source,
        } => Error::Io {
            action,
            path: shown(&path),
            source,
        },
        other => other,
    }
}

/// Writes one line of the error stream, ignoring a closed stderr.
pub(crate) fn note(output: &mut Output<'_>, message: std::fmt::Arguments<'_>) {
    let _ = writeln!(output.err, "{message}");
}
