//! The words a log already writes its statuses with, so that a changed status is written
//! as its neighbours are: the badge before it (`✅ Accepted`) and the word itself
//! (`已接受 (Accepted)` where the language's table would give Simplified `通过`, `Aceptada`
//! where it would give `Aceptado`).

use crate::model::{Record, StatusKind};

/// The badge the log writes before `kind` (`❌` before `Rejected`, modernisation-platform)
/// when `record` writes its status behind a badge (`✅ Accepted`): the one most records of
/// that status carry. `None` when the log pairs no badge with it: the old badge tells the
/// old status, and goes with it.
pub fn log_badge<'r>(
    records: impl Iterator<Item = &'r Record>,
    record: &Record,
    kind: &crate::model::StatusKind,
) -> Option<String> {
    let leading_badge = |record: &Record| {
        let status = record.status.as_ref()?;
        let first = status.raw.split_whitespace().next()?;
        crate::model::is_badge(first).then(|| first.to_string())
    };
    leading_badge(record)?;
    let of_kind = records.filter(|other| {
        other
            .status
            .as_ref()
            .is_some_and(|status| status.kind == *kind)
    });
    most_frequent(of_kind.filter_map(leading_badge))
}

/// The word the log writes the status `kind` with in the language of `record`'s status
/// (`已接受 (Accepted)` for accepted, beside `已提議 (Proposed)`): the one most records of
/// that status carry as their whole status, without a note, date or link. `None` when no
/// record so writes it: the language's table then gives the word.
pub fn log_word<'r>(
    records: impl Iterator<Item = &'r Record>,
    record: &Record,
    kind: &StatusKind,
) -> Option<String> {
    let language = |raw: &str| crate::vocabulary::language_of_status(raw).map(|lang| lang.code);
    let wanted = language(&record.status.as_ref()?.raw);
    let words = records.filter_map(|other| {
        let status = other
            .status
            .as_ref()
            .filter(|status| status.kind == *kind)?;
        let word = status.raw.trim();
        let bare = status.superseded_by.is_none()
            && !word.is_empty()
            && word.chars().count() <= 40
            && !word.contains(|c: char| {
                c.is_ascii_digit() || matches!(c, '[' | ']' | '<' | '|' | '*' | '_' | '`')
            })
            && !crate::model::is_badge(word.split_whitespace().next().unwrap_or_default());
        (bare && language(word) == wanted).then_some(word)
    });
    most_frequent(words).map(str::to_string)
}

/// The way the log writes `word` as a whole status (`Accepted` for `accepted`), when some
/// record does: a word the user typed that the log already uses is kept, rather than
/// replaced by the log's more frequent synonym (`Decided`, sul-dlss-labs).
pub fn log_spelling<'r>(records: impl Iterator<Item = &'r Record>, word: &str) -> Option<String> {
    let spellings = records.filter_map(|record| {
        let status = record.status.as_ref()?;
        let raw = status.raw.trim();
        (status.superseded_by.is_none() && raw.eq_ignore_ascii_case(word)).then_some(raw)
    });
    most_frequent(spellings).map(str::to_string)
}

/// The first of the most frequent of `items`: records come in the log's order, so a tie
/// goes to the one the log writes first.
fn most_frequent<T: PartialEq>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(seen, _)| *seen == item) {
            Some((_, count)) => *count += 1,
            None => counts.push((item, 1)),
        }
    }
    let most = counts.iter().map(|(_, count)| *count).max()?;
    counts
        .into_iter()
        .find(|(_, count)| *count == most)
        .map(|(item, _)| item)
}
