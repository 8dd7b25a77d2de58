//! `adr lint`: run the rules over the log, print the findings in the format asked for, and
//! exit 0 (no errors), 1 (errors, or warnings under `--deny-warnings`) or 2 (usage, config
//! or I/O). `--fix` applies the safe fixes, says what it changed, and lints again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::LintArgs;
use crate::config::{Project, normalize};
use crate::diagnostic::Fix;
use crate::edit::{Edit, apply_edits};
use crate::error::{Error, Result, output_error};
use crate::lint::{self, LintOptions, Outcome, Selection, Settings};
use crate::report::{Report, Sources};
use crate::{ExitStatus, Output};

/// `--fix` applies fixes, re-reads the log and looks again, at most this many times; a fix
/// never creates work for another, so two rounds are the most a real log needs.
const MAX_FIX_ROUNDS: usize = 8;

pub fn run(args: &LintArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    if let Some(id) = &args.explain {
        return super::rules::explain(id, output);
    }
    let mut settings = Settings::from_project(project)?;
    if !args.rules.is_empty() {
        settings = settings.only(&lint::settings_rule_ids(&args.rules)?);
    }
    let options = LintOptions::from_project(project, crate::clock::today())?;
    let selection = selection(project, &args.paths)?;

    let mut outcome = lint::lint(&project.log_dir, &options, &settings, &selection)?;
    if args.fix {
        let mut rounds = 0;
        while apply_fixes(project, &outcome, output)? > 0 {
            // The fixed files are read again from the disk, as anything else would.
            outcome = lint::lint(&project.log_dir, &options, &settings, &selection)?;
            rounds += 1;
            if rounds == MAX_FIX_ROUNDS {
                break;
            }
        }
    }
    let sources = Sources::new(&outcome.sources);
    let report = Report::new(
        outcome.diagnostics,
        &sources,
        outcome.files_checked,
        |path| project.display(path),
    );
    args.format
        .reporter(output.color)
        .write(&report, &sources, output.out)
        .map_err(output_error)?;
    let fails = report.errors > 0 || (args.deny_warnings && report.warnings > 0);
    Ok(if fails {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

/// PATH arguments as absolute paths; each must exist.
fn selection(project: &Project, paths: &[PathBuf]) -> Result<Selection> {
    let mut selected = Vec::with_capacity(paths.len());
    for path in paths {
        let absolute = normalize(&project.cwd.join(path));
        if !absolute.exists() {
            return Err(Error::usage(format!(
                "`{}` does not exist: pass files or directories of the log",
                path.display()
            )));
        }
        selected.push(absolute);
    }
    Ok(Selection { paths: selected })
}

/// Applies every fix that does not overlap another in the same file; returns how many.
fn apply_fixes(project: &Project, outcome: &Outcome, output: &mut Output<'_>) -> Result<usize> {
    let mut by_file: BTreeMap<&Path, Vec<&Fix>> = BTreeMap::new();
    for diagnostic in &outcome.diagnostics {
        if let Some(fix) = &diagnostic.fix {
            by_file.entry(&fix.path).or_default().push(fix);
        }
    }
    let mut applied = 0;
    for (path, fixes) in by_file {
        // The outcome holds the text of every file a fix points into.
        let Some(source) = outcome.sources.iter().find(|source| source.path == path) else {
            continue;
        };
        let mut accepted: Vec<&Fix> = Vec::new();
        let mut edits: Vec<Edit> = Vec::new();
        for fix in fixes {
            // Fixes that touch the same bytes, or insert at the same place, wait for the next
            // round, when they are computed again from the new text.
            let clashes = fix.edits.iter().any(|edit| {
                edits.iter().any(|taken| {
                    edit.span.start <= taken.span.end && taken.span.start <= edit.span.end
                })
            });
            if clashes
                || accepted
                    .iter()
                    .any(|taken| taken.description == fix.description)
            {
                continue;
            }
            edits.extend(fix.edits.iter().cloned());
            accepted.push(fix);
        }
        let text = apply_edits(&source.text, &edits);
        if text == source.text {
            continue;
        }
        super::rewrite(project, path, &source.text, &text)?;
        for fix in accepted {
            super::note(
                output,
                format_args!("fixed {}: {}", project.display(path), fix.description),
            );
            applied += 1;
        }
    }
    Ok(applied)
}

/// `adr lint --explain ID` outside any log.
pub fn run_explain(args: &LintArgs, output: &mut Output<'_>) -> Result<ExitStatus> {
    match &args.explain {
        Some(id) => super::rules::explain(id, output),
        None => Ok(ExitStatus::Success),
    }
}
