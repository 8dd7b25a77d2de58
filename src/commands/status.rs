//! `adr status N STATUS`: one record's status changed in place. Only the status value's
//! bytes change; the write is atomic.

use crate::cli::StatusArgs;
use crate::config::Project;
use crate::edit;
use crate::error::{Error, Result, output_error};
use crate::model::{Status, StatusKind};
use crate::{ExitStatus, Output};

pub fn run(args: &StatusArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let log = super::load_log(project)?;
    let record = super::find_record(project, &log, &args.record)?;
    let requested = requested_status(args)?;
    let (kind, reference) = Status::classify(&requested);
    let mut superseded_by = None;
    let value = match kind.clone() {
        StatusKind::Superseded => {
            let successor = successor_of(args, project, &log, &requested, reference.as_ref())?;
            if std::ptr::eq(successor, record) {
                return Err(Error::usage("a record cannot supersede itself"));
            }
            superseded_by = Some(successor);
            crate::supersede::status_value(record, &crate::supersede::Successor::of(successor))
        }
        other => {
            super::status_words::check_status_argument(
                project,
                Some(&record.rel_path),
                &other,
                &requested,
            )?;
            other.keyword().to_string()
        }
    };
    let before = record
        .status
        .as_ref()
        .map_or_else(|| "(none)".to_string(), |status| status.raw.clone());
    // Already so, in other letters or as a badge (`![Accepted](…shields.io…)`): the file
    // keeps its own way of writing it.
    let already = record.status.as_ref().is_some_and(|status| {
        status.superseded_by.is_none()
            && (status.keyword().eq_ignore_ascii_case(&value)
                || status.kind.keyword().eq_ignore_ascii_case(&value))
            && record
                .status_restated
                .as_ref()
                .is_none_or(|restated| restated.kind == status.kind)
    });
    let text = match (already, superseded_by) {
        (true, _) => record.source.text.clone(),
        (false, Some(successor)) => {
            let successor = crate::supersede::Successor::of(successor);
            crate::supersede::superseded_text(&log, record, &successor, false)?
        }
        (false, None) => {
            // As the log's other records write it (`已接受 (Accepted)`), behind their badge.
            let badge = edit::log_badge(log.records.iter(), record, &kind);
            let word = edit::log_spelling(log.records.iter(), &value)
                .or_else(|| edit::log_word(log.records.iter(), record, &kind))
                .unwrap_or(value.clone());
            let edit = edit::status_edit_with_badge(record, &word, badge.as_deref())?;
            edit::apply_status_edit(record, &edit, &word)?
        }
    };
    if text == record.source.text {
        // `adr status 85 accepted` on `status: Living` (Decentraland): say why nothing changed.
        let counts_as = match record.status.as_ref() {
            Some(status)
                if !status.keyword().eq_ignore_ascii_case(&value)
                    && !before.eq_ignore_ascii_case(&value) =>
            {
                format!(", which counts as `{value}`")
            }
            _ => String::new(),
        };
        super::note(
            output,
            format_args!(
                "{}: status is already `{before}`{counts_as}: nothing changed",
                project.display(record.path())
            ),
        );
        return Ok(ExitStatus::Success);
    }
    super::rewrite(project, record.path(), &record.source.text, &text)?;
    // In the record's words (`Deprecato`, `reemplazado por [ADR-0002](…)`), as written.
    let written = edit::reparse(record, &text)
        .ok()
        .and_then(|reread| reread.status.map(|status| status.raw))
        .unwrap_or(value);
    // A bare `deprecated` whose successor went into a key or a line of its own says whom.
    let written = match superseded_by {
        Some(successor) if Status::classify(&written).1.is_none() => {
            format!("{written} (superseded by `{}`)", successor.rel_path)
        }
        _ => written,
    };
    writeln!(
        output.out,
        "{}: {before} -> {written}",
        project.display(record.path())
    )
    .map_err(output_error)?;
    if let Some(successor) = superseded_by {
        note_not_in_force(output, successor);
    }
    // Both sides, as adr-tools writes them: the successor says what it supersedes, unless
    // it names the record already (lint would warn, and `--fix` add it, otherwise).
    if let Some(successor) = superseded_by
        && !names(&log, successor, record)
    {
        let edits = crate::lint::back_link_edits(successor, record);
        let linked = edit::apply_record_edits(successor, &edits)?;
        super::rewrite(project, successor.path(), &successor.source.text, &linked)?;
        writeln!(
            output.out,
            "{}: added that it supersedes `{}`",
            project.display(successor.path()),
            record.rel_path
        )
        .map_err(output_error)?;
    }
    Ok(ExitStatus::Success)
}

/// Says now, not only at the next lint (supersede-not-reciprocal warns until it is), that
/// the `successor` just named is not in force.
fn note_not_in_force(output: &mut Output<'_>, successor: &crate::model::Record) {
    let Some(status) = successor.status.as_ref().filter(|status| {
        matches!(
            status.kind,
            StatusKind::Draft
                | StatusKind::Proposed
                | StatusKind::Rejected
                | StatusKind::Deprecated
        )
    }) else {
        return;
    };
    super::note(
        output,
        format_args!(
            "note: `{}` is `{}`, not accepted: accept it too (`adr status {} accepted`), or lint warns that this record is superseded by a decision not in force",
            successor.rel_path,
            status.keyword(),
            successor
                .number()
                .map_or_else(|| successor.slug().to_string(), |number| number.to_string()),
        ),
    );
}

/// The status asked for: the words given, or `superseded by` the record `--by` names (with
/// no words, or the one word `superseded`).
fn requested_status(args: &StatusArgs) -> Result<String> {
    let words = args.status.join(" ").trim().to_string();
    match &args.by {
        None => Ok(words),
        Some(by) if words.is_empty() || words.eq_ignore_ascii_case("superseded") => {
            Ok(format!("superseded by {}", by.trim()))
        }
        Some(by) => Err(Error::usage(format!(
            "`--by {by}` names the record that supersedes this one, which `{words}` does not say: run `adr status {} --by {by}`",
            args.record
        ))),
    }
}

/// Whether `new` names `old`: a supersedes reference resolving to it, or a link to its file.
fn names(log: &crate::model::Log, new: &crate::model::Record, old: &crate::model::Record) -> bool {
    let old_name = crate::log_path::file_name(&old.rel_path);
    new.supersedes
        .iter()
        .filter_map(|reference| log.resolve(&reference.value))
        .any(|record| std::ptr::eq(record, old))
        || new.links.iter().any(|link| {
            let target = link.target.split(['#', '?']).next().unwrap_or(&link.target);
            link.is_relative()
                && !crate::relation::on_relation_line(&new.relations, link.line)
                && crate::log_path::percent_decode(target).rsplit('/').next() == Some(old_name)
        })
}

/// The record `requested` (`superseded by B`) names as the successor: by the reference a
/// status can hold (`4`, `[ADR-0004](…)`), else as the record argument is named (a dated
/// log's slug `pr180-order-guard`, which no status reference reads; review J).
fn successor_of<'l>(
    args: &StatusArgs,
    project: &Project,
    log: &'l crate::model::Log,
    requested: &str,
    reference: Option<&crate::model::RecordRef>,
) -> Result<&'l crate::model::Record> {
    let named = edit::successor_named(requested);
    let Some(named) = named.or(reference.map(|reference| reference.text.as_str())) else {
        return Err(Error::usage(format!(
            "say which record supersedes it: `adr status {} \"superseded by N\"`, N being its number or its file's name",
            args.record
        )));
    };
    // `superseded by 11 and 16`: the status would name the first only, and the second
    // would get no link back (podos); one successor is written at a time.
    if crate::model::several_records(named).len() > 1 {
        return Err(Error::usage(format!(
            "`{named}` names several records: `adr status` writes one successor; give the first (`adr status {} \"superseded by N\"`), then add the others to the status line and their `Supersedes` lines by hand",
            args.record
        )));
    }
    let successor = reference
        .and_then(|reference| log.resolve(reference))
        .or_else(|| super::find_record(project, log, named).ok());
    successor.ok_or_else(|| {
        Error::usage(format!(
            "no record `{named}` in {} to supersede with: run `adr list` to see the records",
            project.display(&project.log_dir)
        ))
    })
}
