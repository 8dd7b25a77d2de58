//! `adr lint`: run the rules over the log, print the findings in the format asked for, and
//! exit 0 (no errors), 1 (errors, or warnings under `--deny-warnings`) or 2 (usage, config
//! or I/O). `--fix` applies the safe fixes, says what it changed, and lints again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::LintArgs;
use crate::config::Project;
use crate::diagnostic::Fix;
use crate::edit::apply_edits;
use crate::error::{Error, Result, output_error};
use crate::lint::{self, LintOptions, Outcome, Selection, Settings};
use crate::report::{Report, Sources};
use crate::{ExitStatus, Output};

/// `--fix` applies fixes, re-reads the log and looks again, at most this many times; a fix
/// never creates work for another, so two rounds are the most a real log needs.
const MAX_FIX_ROUNDS: usize = 8;

/// Lints the project; with `log` (`adr --log NAME lint`) only that log's files are
/// reported, while every log is read, so references into the others are checked.
pub fn run(
    args: &LintArgs,
    project: &Project,
    log: Option<&str>,
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    if let Some(id) = &args.explain {
        return super::rules::explain(id, output);
    }
    let mut settings = Settings::from_project(project)?;
    if !args.rules.is_empty() {
        settings = settings.only(&lint::settings_rule_ids(&args.rules)?);
    }
    let mut options = LintOptions::from_project(project, crate::clock::today())?;
    if let Some(reference) = &args.base {
        let paths = crate::git::files_at(&project.log_dir, reference).map_err(|said| {
            Error::usage(format!(
                "cannot read the log at `{reference}` with git: {said}: pass a commit, branch or tag of this repository (`--base origin/main`)"
            ))
        })?;
        options.base = Some(lint::BaseFiles {
            reference: reference.clone(),
            paths,
        });
    }
    let mut selection = Selection::of_paths(&project.cwd, &args.paths)?;
    if let Some(name) = log {
        selection = selection.within_log(project, name)?;
    }

    let mut outcome = lint::lint(&project.log_dir, &options, &settings, &selection)?;
    if args.fix {
        let mut rounds = 0;
        let mut history = FixHistory::default();
        while apply_fixes(project, &outcome, &mut history, output)? > 0 {
            // The fixed files are read again from the disk, as anything else would.
            outcome = lint::lint(&project.log_dir, &options, &settings, &selection)?;
            rounds += 1;
            if rounds == MAX_FIX_ROUNDS {
                break;
            }
        }
        for (_, line) in &history.fixed {
            super::note(output, format_args!("{line}"));
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

/// A fix as the linter proposes it again after a round: the same rule, file and change.
type FixKey = (PathBuf, &'static str, String);

/// What `--fix` wrote in this run, so that a fix proposed again after it was applied (it did
/// not take effect, e.g. a line appended inside an unclosed code fence) is undone and never
/// applied again: fixes converge, and a second `--fix` changes nothing.
#[derive(Default)]
struct FixHistory {
    round: usize,
    /// Per file, each round's text before and after, oldest first.
    writes: BTreeMap<PathBuf, Vec<(usize, String, String)>>,
    /// The round in which each fix was applied.
    applied: BTreeMap<FixKey, usize>,
    /// Fixes that did not take effect.
    refused: std::collections::BTreeSet<FixKey>,
    /// "fixed …" lines, printed once the rounds are over: an undone fix is not reported fixed.
    fixed: Vec<(FixKey, String)>,
}

/// Applies every fix that does not overlap another in the same file; returns how many files
/// changed (fixes written, or undone because they did not take effect).
fn apply_fixes(
    project: &Project,
    outcome: &Outcome,
    history: &mut FixHistory,
    output: &mut Output<'_>,
) -> Result<usize> {
    history.round += 1;
    let mut by_file: BTreeMap<&Path, Vec<(FixKey, &Fix)>> = BTreeMap::new();
    let mut changed = 0;
    for diagnostic in &outcome.diagnostics {
        let Some(fix) = &diagnostic.fix else {
            continue;
        };
        let key = (
            fix.path.clone(),
            diagnostic.rule.id,
            fix.description.clone(),
        );
        if history.refused.contains(&key) {
            continue;
        }
        if let Some(&round) = history.applied.get(&key) {
            undo_fix(project, history, &key, round, output)?;
            changed += 1;
            continue;
        }
        by_file.entry(&fix.path).or_default().push((key, fix));
    }
    if changed > 0 {
        // Files were put back: the next round computes its fixes from what is on disk.
        return Ok(changed);
    }
    for (path, fixes) in by_file {
        // The outcome holds the text of every file a fix points into.
        let Some(source) = outcome.sources.iter().find(|source| source.path == path) else {
            continue;
        };
        let (accepted, edits) = lint::fixes::compatible(fixes);
        let text = apply_edits(&source.text, &edits);
        if text == source.text {
            continue;
        }
        crate::edit::prove_outside_unchanged(path, &source.text, &text, &edits)?;
        if let Some(reason) = lint::fixes::breaks_record(path, &source.text, &text) {
            for (key, fix) in accepted {
                super::note(
                    output,
                    format_args!(
                        "not fixed {}: {} would leave the record unreadable ({reason}): fix it by hand",
                        project.display(path),
                        fix.description
                    ),
                );
                history.refused.insert(key);
            }
            continue;
        }
        super::rewrite(project, path, &source.text, &text)?;
        history.writes.entry(path.to_path_buf()).or_default().push((
            history.round,
            source.text.clone(),
            text,
        ));
        for (key, fix) in accepted {
            let line = format!("fixed {}: {}", project.display(path), fix.description);
            history.fixed.push((key.clone(), line));
            history.applied.insert(key, history.round);
        }
        changed += 1;
    }
    Ok(changed)
}

/// Puts a file back as it was before the round that applied `key`, which the linter then
/// proposed again: it did not take effect. Refuses if the file changed since it was written.
fn undo_fix(
    project: &Project,
    history: &mut FixHistory,
    key: &FixKey,
    round: usize,
    output: &mut Output<'_>,
) -> Result<()> {
    let path = &key.0;
    let writes = history.writes.entry(path.clone()).or_default();
    let Some(first_undone) = writes.iter().position(|(at, _, _)| *at == round) else {
        history.refused.insert(key.clone());
        return Ok(());
    };
    let on_disk =
        std::fs::read_to_string(path).map_err(|source| Error::io("read", path, source))?;
    if writes.last().is_none_or(|(_, _, after)| *after != on_disk) {
        return Err(Error::record(
            path,
            None,
            "the file changed while `adr lint --fix` was running: run it again",
        ));
    }
    let (_, before, after) = &writes[first_undone];
    let last_written = writes.last().map_or(after, |(_, _, last)| last);
    super::rewrite(project, path, last_written, before)?;
    writes.truncate(first_undone);
    history
        .applied
        .retain(|(applied_path, _, _), at| applied_path != path || *at < round);
    history.refused.insert(key.clone());
    history
        .fixed
        .retain(|(fixed, _)| history.applied.contains_key(fixed));
    super::note(
        output,
        format_args!(
            "not fixed {}: the `{}` fix ({}) did not take effect, so it was undone: fix it by hand",
            project.display(path),
            key.1,
            key.2
        ),
    );
    Ok(())
}

/// `adr lint --explain ID` outside any log.
pub fn run_explain(args: &LintArgs, output: &mut Output<'_>) -> Result<ExitStatus> {
    match &args.explain {
        Some(id) => super::rules::explain(id, output),
        None => Ok(ExitStatus::Success),
    }
}
