//! `adr renumber`: resolves number collisions left by merging branches (`crate::renumber`
//! plans them). A dry run by default, printing each rename and a unified diff per changed
//! file; `--write` renames the later records and rewrites the links to them.

use crate::cli::RenumberArgs;
use crate::config::Project;
use crate::error::{Error, Result, output_error};
use crate::git::History;
use crate::renumber::{Arrival, plan};
use crate::{ExitStatus, Output};

pub fn run(args: &RenumberArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    project.require_one_log("renumber")?;
    let log = super::load_log(project)?;
    let history = History::load(&project.log_dir);
    let arrivals = Arrival::of_records(&log, history.as_ref());
    // Records `[lint.per-file-ignores]` lets share a number (what `adr init` writes for a log
    // that had them already) keep it, as lint accepts them.
    let options = crate::lint::LintOptions::from_project(project, crate::clock::today())?;
    let accepted = |path: &std::path::Path| options.ignores("number-duplicate", path);
    let mut plan = plan(&log, &arrivals, &accepted)?;
    let mut rewritten = Vec::new();
    if !args.also.is_empty() {
        let files = crate::mentions::matched_files(&project.root, &project.log_dir, &args.also)?;
        let mentions = crate::mentions::rewrite_mentions(
            &files,
            project.boundary(),
            &project.log_dir,
            &plan.moves,
        )?;
        plan.changes.extend(mentions.changes);
        plan.ambiguous.extend(mentions.ambiguous);
        rewritten = mentions.rewritten;
    }
    note_folder_clashes(&plan.folder_clashes, output);
    if plan.moves.is_empty() {
        match plan.accepted {
            _ if !plan.folder_clashes.is_empty() => {}
            0 => super::note(output, format_args!("no two records share a number")),
            accepted => super::note(
                output,
                format_args!(
                    "nothing to renumber: the {accepted} records that share a number are accepted by [lint.per-file-ignores]"
                ),
            ),
        }
        return Ok(ExitStatus::Success);
    }
    if plan.accepted > 0 {
        super::note(
            output,
            format_args!(
                "{} records keep the number they share, as [lint.per-file-ignores] accepts",
                plan.accepted
            ),
        );
    }
    for each in &plan.moves {
        if each.to.exists() {
            return Err(Error::usage(format!(
                "cannot move `{}` to `{}`: a file with that name exists; rename it first",
                project.display(&each.from),
                project.display(&each.to)
            )));
        }
    }
    for each in &plan.moves {
        super::note(
            output,
            format_args!(
                "{} {} → {} (number {} stays with {}, which came first by {})",
                if args.write {
                    "renamed"
                } else {
                    "would rename"
                },
                project.display(&each.from),
                project.display(&each.to),
                each.number,
                each.kept,
                each.basis,
            ),
        );
    }
    if args.write {
        apply(project, &plan)?;
    } else {
        for change in &plan.changes {
            let diff = crate::diff::unified(
                &project.display(&change.path),
                &project.display(&change.new_path),
                &change.old_text,
                &change.new_text,
            );
            crate::diff::write(output.out, &diff, output.color).map_err(output_error)?;
        }
    }
    for mention in &rewritten {
        super::note(
            output,
            format_args!(
                "{}:{}: `{}` → `{}`: {}",
                project.display(&mention.path),
                mention.line,
                mention.from,
                mention.to,
                mention.because
            ),
        );
    }
    for reference in &plan.ambiguous {
        super::note(
            output,
            format_args!(
                "warning: {}:{}: `{}` names number {} without a link; it now means the record that kept the number: check it",
                project.display(&reference.path),
                reference.line,
                reference.text,
                reference.number
            ),
        );
    }
    if !args.write {
        super::note(output, format_args!("run `adr renumber --write` to apply"));
    }
    Ok(ExitStatus::Success)
}

/// Applies the plan: the renames and the edits of the files linking to the moved records.
fn apply(project: &Project, plan: &crate::renumber::Plan) -> Result<()> {
    // Renames and link edits hang together: check every file before touching any, so a
    // record saved meanwhile stops the whole run, not half of it.
    if let Some(change) = plan
        .changes
        .iter()
        .find(|change| !crate::fs::still_holds(&change.path, change.old_text.as_bytes()))
    {
        return Err(Error::Changed {
            path: std::path::PathBuf::from(project.display(&change.path)),
        });
    }
    for change in &plan.changes {
        if change.new_text != change.old_text {
            super::rewrite(project, &change.path, &change.old_text, &change.new_text)?;
        }
        if change.new_path != change.path {
            // A plain rename keeps the file's identity; git sees it as `git mv` would.
            std::fs::rename(&change.path, &change.new_path)
                .map_err(|source| Error::io("rename", &change.path, source))?;
        }
    }
    Ok(())
}

/// Folders that share a number, which `adr renumber` leaves for the user to rename.
fn note_folder_clashes(clashes: &[(u32, Vec<String>)], output: &mut Output<'_>) {
    for (number, paths) in clashes {
        let named: Vec<String> = paths.iter().map(|path| format!("`{path}`")).collect();
        super::note(
            output,
            format_args!(
                "{} share the number {number:04}: `adr renumber` does not rename folders; rename all but the first to a free number by hand (`git mv`) and fix the links to them",
                named.join(" and ")
            ),
        );
    }
}
