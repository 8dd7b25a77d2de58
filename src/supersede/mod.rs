//! A record marked superseded in the shape its log already uses. `adr status N "superseded
//! by M"` and `adr new --supersedes N` both come here, so that a log's way of naming a
//! successor is kept by either: a front-matter key beside a bare status
//! ([`successor_key`]), a line of its own under the status ([`successor_line`]),
//! adr-tools' `Superseded by` line at the end of the Status section, or the status itself
//! naming the successor (`superseded by [ADR-0009](0009-x.md)`), behind the log's badge.

pub mod successor_key;
pub mod successor_line;

use crate::edit;
use crate::error::Result;
use crate::model::{Log, Record, StatusKind};

/// The record that supersedes: written already (`adr status`) or about to be (`adr new`).
#[derive(Debug, Clone)]
pub struct Successor<'a> {
    /// Its path in the log.
    pub rel_path: &'a str,
    pub title: String,
    pub number: Option<u32>,
}

impl<'a> Successor<'a> {
    /// A record of the log as a successor.
    pub fn of(record: &'a Record) -> Successor<'a> {
        Successor {
            rel_path: &record.rel_path,
            title: record.display_title(),
            number: record.number(),
        }
    }

    /// Its file's name.
    pub fn file_name(&self) -> &'a str {
        crate::log_path::file_name(self.rel_path)
    }
}

/// The text of `old`, from `log`, superseded by `successor`, proven to read back;
/// `as_adr_tools` when the log's records are written from adr-tools' template, whose `adr
/// new -s` moves the status to the end of the Status section.
pub fn superseded_text(
    log: &Log,
    old: &Record,
    successor: &Successor<'_>,
    as_adr_tools: bool,
) -> Result<String> {
    let value = status_value(old, successor);
    if as_adr_tools && let Some(edits) = crate::adr_tools::supersede_edits(old, &value) {
        let text = edit::apply_record_edits(old, &edits)?;
        let reparsed = edit::reparse(old, &text)?;
        if reparsed
            .status
            .as_ref()
            .is_some_and(|status| status.kind == StatusKind::Superseded)
        {
            return Ok(text);
        }
    }
    if let Some(text) = successor_key::superseded_text(log, old, successor, &value) {
        return text;
    }
    if let Some(shape) = successor_line::shape_of(log.records.iter())
        && let Some(text) = successor_line::superseded_text(old, successor, &shape)
    {
        return text;
    }
    let badge = edit::log_badge(log.records.iter(), old, &StatusKind::Superseded);
    let edit = edit::status_edit_with_badge(old, &value, badge.as_deref())?;
    edit::apply_status_edit(old, &edit, &value)
}

/// The status naming `successor`, in the form `old`'s style uses.
pub fn status_value(old: &Record, successor: &Successor<'_>) -> String {
    edit::superseded_status(
        old,
        successor.rel_path,
        &successor.title,
        successor.number.unwrap_or(0),
    )
}
