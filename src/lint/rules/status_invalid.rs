use crate::lint::prelude::*;
use crate::model::closest_status;

declare_rule! {
    /// ## What it does
    /// Checks that a record's status is one the log allows, and not a misspelling of one.
    ///
    /// Allowed are `proposed`, `accepted`, `rejected`, `deprecated`, `superseded` (with or
    /// without `by …`), the status words of the language tables in `docs/languages.md`
    /// (`draft`, `Approved`, `Implemented`, `on hold`, `Accepté`, `Aceptada`, `提议`,
    /// `Принято`, … each read as one of those kinds), and any listed under `statuses` in
    /// `.adr.toml`. Case, emphasis and a trailing period are ignored, and a note after the
    /// status is fine (`Accepted (2020-03-02)`, `Rejected in favour of ADR 111`).
    ///
    /// An unknown status is reported here, on its record, when it is a probable typo of an
    /// allowed one (edit distance 1–2: `acepted`, `Propsed`). Any other word is the log's own
    /// vocabulary: `status-undeclared` reports it once for the log, as a warning. The
    /// template's list of choices left in place of a status (`{proposed | rejected | …}`) is
    /// an error here too.
    ///
    /// A stray word is an error too: in a log of 100 or more records where at least 95 in
    /// 100 write a standard status (or one declared in `.adr.toml`), a word that fewer than
    /// 1 in 100 use (`approved`, `done`, `wip` beside hundreds of `accepted`) is a slip, even
    /// when the language tables know it. Smaller or mixed logs are never judged this way.
    ///
    /// MADR 4's `superseded by [ADR-0002](0002-use-x.md)` and adr-tools'
    /// `Superseded by [2. Use X](0002-use-x.md)` are valid forms.
    ///
    /// ## Why is this bad?
    /// Indexes, filters and sites group records by status. A misspelt status (`acepted`)
    /// silently drops the record out of "accepted", and a made-up one means nothing to the
    /// next reader.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: acepted
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    /// ```
    ///
    /// ## Options
    /// `statuses = ["experimental", "sunset"]` at the top of `.adr.toml` allows
    /// more.
    pub(crate) struct StatusInvalid { id: "status-invalid", severity: Error, fixable: false, enabled: true, record: check_record, log: check }
}

/// The `status` key holds a list or a mapping: a finding on its record.
pub(crate) fn check_record(record: &Record, ctx: &mut RuleContext) {
    for issue in record
        .field_issues
        .iter()
        .filter(|issue| issue.key == "status")
    {
        let allowed = allowed(ctx, &record.rel_path);
        ctx.report(
            &StatusInvalid::META,
            record.path(),
            Some(issue.span),
            "`status` is not a single value",
        )
        .help(format!(
            "write one status, e.g. `status: accepted`; allowed: {allowed}"
        ));
    }
}

/// Unknown statuses that are a probable typo of an allowed one (`acepted`), on every record
/// that has one. Any other unknown word is the log's own vocabulary: `status-undeclared`
/// reports it once for the log.
pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let strays = stray_statuses(log, ctx);
    for (word, records) in &strays {
        for record in records {
            let Some(status) = &record.status else {
                continue;
            };
            let canonical = match &status.kind {
                StatusKind::Other(_) => String::new(),
                kind => format!("write `{}`, or ", kind.keyword()),
            };
            ctx.report(
                &StatusInvalid::META,
                record.path(),
                Some(status.span),
                format!("status `{word}` is not one this log uses"),
            )
            .label("nearly every record of this log writes a standard status")
            .help(if super::status_undeclared::is_sentence(word) {
                // Declaring `implemented behind a disabled production gate` (aindaco1/film)
                // would allow a sentence as a status.
                format!(
                    "{canonical}write the status on a line of its own, and the sentence on the line after it"
                )
            } else {
                format!(
                    "{canonical}declare it with `statuses = [\"{word}\"]` in .adr.toml if the log means to use it"
                )
            });
        }
    }
    let usage: Vec<_> = unknown_statuses(log, ctx)
        .into_iter()
        .filter(|(value, _)| !strays.iter().any(|(word, _)| word == value))
        .collect();
    for (value, records) in &usage {
        if is_template_choice(value) {
            for record in records {
                let Some(status) = &record.status else {
                    continue;
                };
                let allowed = allowed(ctx, &record.rel_path);
                ctx.report(
                    &StatusInvalid::META,
                    record.path(),
                    Some(status.span),
                    format!("status `{}` is the template's list of choices", status.raw),
                )
                .label("not one status")
                .help(format!(
                    "write the one status that holds, e.g. `accepted`; allowed: {allowed}"
                ));
            }
            continue;
        }
        for record in records {
            let Some(status) = &record.status else {
                continue;
            };
            let Some(closest) = typo_of(value, &record.rel_path, ctx).map(String::from) else {
                continue;
            };
            // A word of the vocabulary outside the allowed list (`review`) says what it
            // stands for, which is in the list.
            let meaning = match ctx
                .options
                .allowed_statuses_at(&record.rel_path)
                .any(|status| status == closest)
            {
                true => None,
                false => crate::vocabulary::status_kind(&closest),
            };
            let closest = match meaning {
                Some(kind) => format!("`{closest}`, which reads as `{}`", kind.keyword()),
                None => format!("`{closest}`"),
            };
            let help = format!(
                "did you mean {closest}? allowed: {}; add more with `statuses` in .adr.toml",
                allowed(ctx, &record.rel_path)
            );
            ctx.report(
                &StatusInvalid::META,
                record.path(),
                Some(status.span),
                format!("unknown status `{}`", status.raw),
            )
            .label("not an allowed status")
            .help(help);
        }
    }
}

/// A log needs this many records with a status before a rare word counts as a stray.
const STRAY_MIN_RECORDS: usize = 100;

/// Status words (known to the vocabulary or not) that a large log uses in fewer than 1 in
/// 100 of its records, where at least 95 in 100 write a standard status or one declared
/// in `.adr.toml`: in a log that consistent, a lone `approved`, `done` or `wip` is a slip,
/// not the log's vocabulary. Each with its records, in order of first use.
pub(crate) fn stray_statuses<'a>(
    log: &'a LogFacts,
    ctx: &RuleContext,
) -> Vec<(String, Vec<&'a RecordFacts>)> {
    let with_status: Vec<(&RecordFacts, &str)> = log
        .records
        .iter()
        .filter_map(|record| {
            let status = record.status.as_ref()?;
            Some((record, status.keyword()))
        })
        .collect();
    let total = with_status.len();
    let is_standard = |record: &RecordFacts, word: &str| {
        record.status.as_ref().is_some_and(|status| {
            status.word.is_none() && !matches!(status.kind, StatusKind::Other(_))
        }) || ctx.options.is_allowed_status_at(&record.rel_path, word)
    };
    let standard = with_status
        .iter()
        .filter(|(record, word)| is_standard(record, word))
        .count();
    if total < STRAY_MIN_RECORDS || standard * 100 < total * 95 {
        return Vec::new();
    }
    let mut usage: Vec<(String, Vec<&RecordFacts>)> = Vec::new();
    for (record, word) in &with_status {
        if is_standard(record, word) || word.is_empty() {
            continue;
        }
        match usage.iter_mut().find(|(known, _)| known == word) {
            Some((_, records)) => records.push(record),
            None => usage.push(((*word).to_string(), vec![*record])),
        }
    }
    usage.retain(|(_, records)| records.len() * 100 < total);
    usage
}

/// Statuses no table knows and no config allows, each with the records using it, in
/// order of first use.
pub(crate) fn unknown_statuses<'a>(
    log: &'a LogFacts,
    ctx: &RuleContext,
) -> Vec<(String, Vec<&'a RecordFacts>)> {
    let mut usage: Vec<(String, Vec<&RecordFacts>)> = Vec::new();
    for record in &log.records {
        let Some(status) = &record.status else {
            continue;
        };
        let StatusKind::Other(value) = &status.kind else {
            continue;
        };
        if value.is_empty() || ctx.options.is_allowed_status_at(&record.rel_path, value) {
            continue;
        }
        match usage.iter_mut().find(|(known, _)| known == value) {
            Some((_, records)) => records.push(record),
            None => usage.push((value.clone(), vec![record])),
        }
    }
    usage
}

/// `{proposed | rejected | accepted | …}`, `[draft | proposed]`: the template's prompt left
/// in place of a status.
pub(crate) fn is_template_choice(value: &str) -> bool {
    value.starts_with(['{', '[']) || value.contains(" | ")
}

/// The status allowed at `rel_path` that `value` is probably a misspelling of (`acepted`
/// → `accepted`).
pub(crate) fn typo_of<'a>(value: &str, rel_path: &str, ctx: &'a RuleContext) -> Option<&'a str> {
    closest_status(value, ctx.options.allowed_statuses_at(rel_path))
    // A misspelt word of the vocabulary (`aproved` → `approved`); short words are left out,
    // where one letter apart is another word.
    .or_else(|| {
        closest_status(
            value,
            crate::vocabulary::status_words().filter(|word| word.chars().count() >= 6),
        )
    })
}

fn allowed(ctx: &RuleContext, rel_path: &str) -> String {
    ctx.options
        .allowed_statuses_at(rel_path)
        .map(|status| {
            if status == "superseded" {
                "superseded by …".to_string()
            } else {
                status.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
