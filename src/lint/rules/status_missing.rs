#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that every record states a status.
    ///
    /// Any of the places `adr` reads one counts: front matter `status:`, a MADR 2
    /// `* Status:` bullet, an adr-tools `## Status` section or a metadata table.
    ///
    /// A warning, not an error: MADR 4 makes the status optional. A log written that way
    /// gets one finding, not one per record: when more than half of its records (and at
    /// least two) state no status, the finding is on the first of them and counts the rest.
    ///
    /// ## Why is this bad?
    /// Without a status nobody can tell whether the decision is in force, and the index
    /// shows a blank.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// date: 2025-05-11
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: proposed
    /// date: 2025-05-11
    /// ---
    /// ```
    pub(crate) struct StatusMissing { id: "status-missing", severity: Warning, fixable: false, enabled: true, log: check }
}

/// At least this many records without a status, and more than half the log, make the log
/// one that does not write statuses.
const LOG_WITHOUT_STATUSES_MIN: usize = 2;

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let without: Vec<&RecordFacts> = log
        .records
        .iter()
        .filter(|record| record.status.is_none())
        // A file that holds no record at all is `file-not-a-record`'s one finding.
        .filter(|record| !record.holds_no_record)
        .collect();
    if without.len() >= LOG_WITHOUT_STATUSES_MIN && without.len() * 2 > log.records.len() {
        report_log(log, &without, ctx);
        return;
    }
    for record in &log.records {
        let is_blank = record
            .status
            .as_ref()
            .is_some_and(|status| status.raw.trim().is_empty());
        if record.status.is_some() && !is_blank {
            continue;
        }
        check_record(record, ctx);
    }
}

/// Most of the log states no status: MADR 4 makes it optional, and the log is written that
/// way. One finding says so, on the first record without one, instead of one per record.
fn report_log(log: &LogFacts, without: &[&RecordFacts], ctx: &mut RuleContext) {
    let Some(first) = without.first() else {
        return;
    };
    let span = first.head_span;
    let others = without.len() - 1;
    let message = if without.len() == log.records.len() {
        format!(
            "no record of this log states a status ({} records)",
            without.len()
        )
    } else {
        format!(
            "{} of the log's {} records state no status",
            without.len(),
            log.records.len()
        )
    };
    // A log that keeps its metadata in front matter keeps its status there too
    // (tytsxai/exchange-platform: `title`, `tags`, `created`, and no status).
    let help = match first.style {
        _ if first.has_front_matter => "give each record a status (front matter `status: accepted`)",
        Style::Nygard => "give each record a `## Status` section saying `Proposed` or `Accepted`",
        Style::Madr2 => "give each record a `* Status: accepted` bullet under the title",
        _ => "give each record a status (front matter `status: accepted`)",
    };
    ctx.report(&StatusMissing::META, first.path(), Some(span), message)
        .label(match others {
            0 => "no status here".to_string(),
            1 => "no status here, nor in 1 other record".to_string(),
            _ => format!("no status here, nor in {others} other records"),
        })
        .help(format!(
            "{help}, or, if the log does not track statuses, turn the rule off: `status-missing = \"off\"` under `[lint.rules]` in .adr.toml"
        ));
}

fn check_record(record: &RecordFacts, ctx: &mut RuleContext) {
    // A file that holds no record at all is `file-not-a-record`'s one finding.
    if record.holds_no_record {
        return;
    }
    let is_blank = record
        .status
        .as_ref()
        .is_some_and(|status| status.raw.trim().is_empty());
    if record.status.is_some() && !is_blank {
        return;
    }
    // A `status:` key whose value is not a single word is `status-invalid`'s finding.
    if record.has_status_field_issue {
        return;
    }
    let (span, message) = match &record.status {
        Some(status) => (status.span, "the record's status is empty"),
        None => (record.head_span, "record has no status"),
    };
    let help = match record.style {
        Style::Nygard => "add a `## Status` section saying `Proposed` or `Accepted`",
        Style::Madr2 => "add a `* Status: proposed` bullet under the title",
        _ if record.has_front_matter => "add `status: proposed` to the front matter",
        _ => "add front matter with `status: proposed`, or a `## Status` section",
    };
    ctx.report(&StatusMissing::META, record.path(), Some(span), message)
        .help(help);
}
