use crate::lint::prelude::*;
use crate::lint::rules::status_invalid::{
    is_template_choice, stray_statuses, typo_of, unknown_statuses,
};

declare_rule! {
    /// ## What it does
    /// Reports once for the log each status word its records use that `adr` does not know.
    ///
    /// The finding lists the records using the word and gives the `statuses = [...]` line
    /// that declares all of the log's words in `.adr.toml`.
    ///
    /// `adr` knows MADR's statuses and the words of its language tables
    /// (`docs/languages.md`). A log with its own vocabulary (`Experimental`, `Sunset`) is not
    /// wrong once per record: it has one thing to declare. A probable typo (`acepted`) is
    /// not vocabulary and stays a `status-invalid` error on its record.
    ///
    /// ## Why is this bad?
    /// Undeclared, such a word is indistinguishable from a misspelling: filters, colours and
    /// other tools do not know what it means. Declared, `adr` allows it and `adr new` and
    /// `adr status` accept it.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- 0004-use-kafka.md and 0007-use-grpc.md -->
    /// ## Status
    ///
    /// Experimental
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// # .adr.toml
    /// statuses = ["experimental"]
    /// ```
    ///
    /// ## Options
    /// `statuses` at the top of `.adr.toml`.
    pub(crate) struct StatusUndeclared { id: "status-undeclared", severity: Warning, fixable: false, enabled: true, log: check }
}

/// How many records a finding names in its message before "and N more".
const NAMED_RECORDS: usize = 8;

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let strays = stray_statuses(log, ctx);
    let usage: Vec<_> = unknown_statuses(log, ctx)
        .into_iter()
        .filter(|(value, _)| !strays.iter().any(|(word, _)| word == value))
        .collect();
    let first_path = |records: &[&RecordFacts]| {
        records
            .first()
            .map(|record| record.rel_path.clone())
            .unwrap_or_default()
    };
    let vocabulary: Vec<(&String, &Vec<&RecordFacts>)> = usage
        .iter()
        .filter(|(value, records)| {
            typo_of(value, &first_path(records), ctx).is_none() && !is_template_choice(value)
        })
        .map(|(value, records)| (value, records))
        .collect();
    if vocabulary.is_empty() {
        return;
    }
    // With several logs, a status goes in the `[[log]]` table of the log using it.
    let log_of = |rel_path: &str| log.layout.named_log_of(rel_path);
    let declaration = |rel_path: &str| {
        let part = log_of(rel_path);
        let mut declared: Vec<String> = ctx
            .options
            .allowed_statuses_at(rel_path)
            .filter(|status| !crate::model::BUILTIN_STATUSES.contains(status))
            .map(String::from)
            .collect();
        declared.extend(
            vocabulary
                .iter()
                .filter(|(value, records)| {
                    log_of(&first_path(records)) == part
                        && names_a_record(value).is_none()
                        && !is_sentence(value)
                })
                .map(|(value, _)| (*value).clone()),
        );
        let line = format!(
            "statuses = [{}]",
            declared
                .iter()
                .map(|status| format!("{status:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        match part {
            Some(part) => format!("in the `[[log]]` table of `{}` in .adr.toml: `{line}`", part.name),
            None => format!("in .adr.toml: `{line}`"),
        }
    };
    for &(value, records) in &vocabulary {
        let Some(first) = records.first() else {
            continue;
        };
        let mut names: Vec<String> = records
            .iter()
            .take(NAMED_RECORDS)
            .map(|record| format!("`{}`", record.rel_path))
            .collect();
        if records.len() > NAMED_RECORDS {
            names.push(format!("and {} more", records.len() - NAMED_RECORDS));
        }
        let diagnostic = ctx.report(
            &StatusUndeclared::META,
            first.path(),
            first.status.as_ref().map(|status| status.span),
            match records.len() {
                1 => format!("status `{value}` is not declared"),
                count => format!(
                    "status `{value}` is used by {count} records but not declared: {}",
                    names.join(", ")
                ),
            },
        );
        let which = if records.len() == 1 {
            "it"
        } else {
            "these records"
        };
        if let Some((word, named)) = names_a_record(value) {
            // Declaring `отменено (0005)` would allow a status that one record can use.
            diagnostic.label("the log's own status").help(format!(
                "`{named}` names a record: if it replaced this one, write `superseded by {named}`; else write the status alone (`{word}`) and the record elsewhere"
            ));
            continue;
        }
        if is_sentence(value) {
            // Declaring `discussed by @shaun and @srallen` would allow a sentence as a status.
            diagnostic.label("a sentence, not a status").help(
                "write the status on a line of its own (`Accepted`, `Proposed`), and the sentence on the line after it"
                    .to_string(),
            );
            continue;
        }
        let declaration = declaration(&first.rel_path);
        diagnostic.label("the log's own status").help(format!(
            "declare the log's statuses {declaration}, or change {which} to a known status"
        ));
    }
}

/// A status that names a record in parentheses after its word (`отменено (0005)`,
/// `replaced (ADR-12)`): the word and the reference.
/// Whether a status value reads as a sentence, not a word a log could declare: more than
/// four words, or naming people (`discussed by @shaun.a.noordin and @srallen`).
pub(crate) fn is_sentence(value: &str) -> bool {
    value.split_whitespace().count() > 4 || value.contains('@')
}

fn names_a_record(value: &str) -> Option<(&str, &str)> {
    let inner = value.trim_end().strip_suffix(')')?;
    let (word, named) = inner.rsplit_once('(')?;
    let (word, named) = (word.trim(), named.trim());
    let reference = crate::model::RecordRef::parse(named)?;
    (!word.is_empty() && reference.number.is_some()).then_some((word, named))
}
