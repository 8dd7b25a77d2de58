//! A status written in the title: before a colon (`# Accepted: ThorVG`) or bracketed after
//! it, when nothing else states one.

use crate::model::Status;
use crate::source::Span;

/// The status a title opens with when nothing else states one (`# Accepted: ThorVG`, 235
/// records of V-Sekai's log): a known status word before a colon. An edit of the status
/// rewrites that word.
pub(super) fn status_in_title(record: &crate::model::Record) -> Option<Status> {
    let title = record.title.as_ref()?;
    if let Some(status) = status_bracketed_after_title(record) {
        return Some(status);
    }
    let (word, _) = title.value.split_once([':', '：'])?;
    let word = word.trim();
    // `# RFC 001: Matcher architecture` (wellcomecollection): an id before the title, not
    // the status `RFC`.
    let is_id = word.split_whitespace().count() == 2
        && word
            .split_whitespace()
            .last()
            .is_some_and(|last| last.bytes().any(|b| b.is_ascii_digit()));
    if word.is_empty() || word.split_whitespace().count() > 2 || is_id {
        return None;
    }
    let (kind, _, written) = Status::read(word);
    if matches!(kind, crate::model::StatusKind::Other(_)) {
        return None;
    }
    // The title's span holds its text as read, so the word is at its start.
    let start = title.span.start + (title.value.len() - title.value.trim_start().len());
    let span = Span::new(start, start + word.len());
    (record.source.slice(span) == word).then(|| Status {
        kind,
        raw: word.to_string(),
        word: written,
        superseded_by: None,
        span,
        line: title.line,
        origin: crate::model::StatusOrigin::Section,
    })
}

/// A status in brackets after the title (`# ADR-001: Soft Delete Pattern [ACCEPTED]`,
/// `[SUPERSEDED BY ADR-030]`, kg46sp8kps-web/gestima): the bracket's text, when it reads
/// as a status.
fn status_bracketed_after_title(record: &crate::model::Record) -> Option<Status> {
    let title = record.title.as_ref()?;
    let text = record.source.slice(title.span);
    let open = text.trim_end().strip_suffix(']')?.rfind('[')?;
    let inner = text.get(open + 1..text.trim_end().len() - 1)?;
    let word = inner.trim();
    if word.is_empty() || text.get(..open)?.trim().is_empty() {
        return None;
    }
    let (kind, superseded_by, written) = Status::read(word);
    if matches!(kind, crate::model::StatusKind::Other(_)) {
        return None;
    }
    let start = title.span.start + open + 1 + (inner.len() - inner.trim_start().len());
    Some(Status {
        kind,
        raw: word.to_string(),
        word: written,
        superseded_by: superseded_by.map(Box::new),
        span: Span::new(start, start + word.len()),
        line: title.line,
        origin: crate::model::StatusOrigin::Section,
    })
}
