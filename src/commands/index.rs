//! `adr index`: rewrite the table between the index markers of the log's README (or
//! `--file`, or `index.file`), creating the file when there is none. `--check` writes
//! nothing and prints the diff a run would make, exiting 1 when there is one.

use std::path::{Path, PathBuf};

use crate::cli::IndexArgs;
use crate::config::Project;
use crate::error::{Error, Result, output_error};
use crate::{ExitStatus, Output, index};

/// The largest index file `adr index` reads back: its table is about 170 bytes a record,
/// 16 MiB at 99,999 records (issue 19), over the 8 MiB any other text file may be.
const MAX_INDEX_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(args: &IndexArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    // Several logs, one index each (in each log's README), unless one file is named.
    if project.layout.has_several() && args.file.is_none() && project.config.index.file.is_none() {
        let mut status = ExitStatus::Success;
        for part in &project.layout.parts {
            let one = project.clone().select_log(&part.name)?;
            if index::goes_without_index(&one.layout, &one.log_dir, &index_file(args, &one))? {
                let shown = one.display(&one.log_dir);
                super::note(output, format_args!("{shown}: no records, so no index"));
                continue;
            }
            if run(args, &one, output)? != ExitStatus::Success {
                status = ExitStatus::Findings;
            }
        }
        return Ok(status);
    }
    let path = index_file(args, project);
    let shown = project.display(&path);
    let log = crate::model::LogMeta::load_meta_layout(&project.log_dir, &project.layout)?;
    // `--file` names a file of the user's choosing; the README or `index.file` must really
    // be in the project (a symlinked README leading to `/etc/passwd` would be printed by
    // `--check`).
    let within = args.file.is_none().then(|| project.boundary());
    let existing = match crate::fs::read_text_checked(&path, within, MAX_INDEX_BYTES) {
        Ok(text) => Some(text),
        Err(error) if error.is_not_found() => None,
        Err(error) => return Err(error.into_error("read the index file", Path::new(&shown))),
    };
    let newline = existing.as_deref().map_or("\n", index::newline_of);
    let index_dir = path.parent().unwrap_or(Path::new("."));
    // A list kept by hand (adr-tools' `generate toc`) is the file's index: a table added at
    // the end would list every record twice.
    if let Some(list) = existing
        .as_deref()
        .and_then(|text| index::hand_list(text, &log, index_dir))
    {
        return hand_kept(args, &shown, &list, output);
    }
    // A file that keeps adr-log's list between adr-log's markers gets that list back.
    let table = match existing.as_deref().and_then(index::adr_log_bullet) {
        Some(bullet) => index::adr_log_list(
            &log,
            index_dir,
            newline,
            bullet,
            existing.as_deref().unwrap_or(""),
        ),
        None => index::table(&log, index_dir, newline),
    };
    let (expected, appended) = match &existing {
        Some(text) => {
            let spliced = index::splice(text, &table)
                .map_err(|error| Error::record(&path, Some(error.line), error.message))?;
            // Proven before it is written: the result splices to itself, so the markers
            // still read as one pair around this table and a second run changes nothing.
            let again = index::splice(&spliced.text, &table).map(|again| again.text);
            if again.as_deref() != Ok(spliced.text.as_str()) {
                return Err(Error::record(
                    &path,
                    None,
                    "the new index would not read back between its markers, so the file was left as it is: please report this",
                ));
            }
            (spliced.text, spliced.appended)
        }
        None => (index::new_document(&table, newline), false),
    };
    let current = existing.as_deref() == Some(expected.as_str());

    if args.check {
        report_check(
            args,
            project,
            (&shown, existing.as_deref()),
            &expected,
            output,
        )?;
    } else if current {
        super::note(output, format_args!("{shown} is up to date"));
    } else {
        match &existing {
            Some(text) => super::rewrite(project, &path, text, &expected)?,
            None => crate::fs::create_if_absent(&path, expected.as_bytes())?,
        }
        let records = log.len();
        let plural = if records == 1 { "" } else { "s" };
        let how = match (&existing, appended) {
            (None, _) => "created",
            (Some(_), true) => "added the index markers at the end of",
            (Some(_), false) => "updated",
        };
        super::note(
            output,
            format_args!("{how} {shown} ({records} record{plural})"),
        );
    }

    if let Some(warning) = index::unnamed_files_warning(&log.misnamed_candidates()) {
        super::note(output, format_args!("{warning}"));
    }
    let failures =
        super::note_failures(output, project, &log.failures, " (listed as `parse error`)");
    let is_stale = args.check && !current;
    Ok(if is_stale {
        ExitStatus::Findings
    } else {
        failures
    })
}

/// What `--check` says: up to date, or the diff a run would make and the command that
/// makes it (`shown` is the file as messages name it, `existing` its text when it exists).
fn report_check(
    args: &IndexArgs,
    project: &Project,
    (shown, existing): (&str, Option<&str>),
    expected: &str,
    output: &mut Output<'_>,
) -> Result<()> {
    if existing == Some(expected) {
        super::note(output, format_args!("{shown} is up to date"));
    } else {
        let diff = crate::diff::unified(shown, shown, existing.unwrap_or(""), expected);
        crate::diff::write(output.out, &diff, output.color).map_err(output_error)?;
        // The command that mends it is the one that was run, `--file` and all.
        let command = match &args.file {
            Some(file) => format!("adr index --file {}", file.display()),
            None => "adr index".to_string(),
        };
        let message = match existing {
            Some(_) => format!("{shown} is out of date: run `{command}` to update it"),
            None => {
                // A log that keeps its index in `index.md` (MADR's adr-log, mkdocs).
                let other = project.log_dir.join("index.md");
                let hint = if args.file.is_none() && other.is_file() {
                    format!(
                        ", or `adr index --check --file {}` if the log's index is that file",
                        project.display(&other)
                    )
                } else {
                    String::new()
                };
                format!("{shown} does not exist: run `{command}` to create it{hint}")
            }
        };
        super::note(output, format_args!("error: {message}"));
    }
    Ok(())
}

/// What `adr index` says of a file that lists the records by hand, without index markers:
/// up to date when it names every record; else which it leaves out and the two ways to
/// mend it (an error, exit 1 with `--check`; nothing is written).
fn hand_kept(
    args: &IndexArgs,
    shown: &str,
    list: &index::HandList,
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    let lines = list.lines_shown();
    let first = list.first_line();
    let markers = format!(
        "to let `adr index` keep the list, put `{}` and `{}` around it",
        index::START_MARKER,
        index::END_MARKER
    );
    let Some(problem) = list.problem() else {
        super::note(
            output,
            format_args!(
                "{shown} is up to date: its list ({lines}) names every record. It is kept by hand: {markers}"
            ),
        );
        return Ok(ExitStatus::Success);
    };
    let message = format!("{problem}, or, {markers}");
    if args.check {
        super::note(output, format_args!("error: {shown}:{first}: {message}"));
        return Ok(ExitStatus::Findings);
    }
    Err(Error::record(Path::new(shown), Some(first), message))
}

/// `--file` (relative to the working directory) > `index.file` (relative to the config
/// file) > the log directory's own index file ([`index::log_index_file`]).
fn index_file(args: &IndexArgs, project: &Project) -> PathBuf {
    let path = match (&args.file, &project.config.index.file) {
        (Some(file), _) => project.cwd.join(file),
        (None, Some(file)) => project.config_relative(file),
        (None, None) => index::log_index_file(&project.log_dir),
    };
    crate::log_path::normalize(&path)
}
