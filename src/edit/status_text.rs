//! Where a written status ends and what around it stays when `adr status` replaces it.

use super::Edit;
use crate::source::Span;

/// The edit of a status kept in a component's attribute (`<adr-status status='accepted'>`,
/// wahllokalsystem's VitePress component): only the attribute's value changes, to the
/// status's keyword (`superseded` when `successor` is named); written as text, the page's
/// component was gone. `None` when `written` is no such tag.
pub(super) fn attribute_edit(
    span: Span,
    written: &str,
    successor: Option<&str>,
    value: &str,
) -> Option<Edit> {
    let range = crate::model::tag_attribute_range(written, "status")?;
    let keyword = match successor {
        Some(_) => "superseded".to_string(),
        None => value.to_lowercase(),
    };
    Some(Edit::replace(
        Span::new(span.start + range.start, span.start + range.end),
        keyword,
    ))
}

/// The edit of a status section that keeps a dated history (`2018-03-14 提议`, phodal's
/// adr-tools fork): `value` is a new entry, dated today, after the last one at `span`;
/// rewritten, the history was lost. `None` when the status is no dated entry.
pub(super) fn dated_entry_edit(text: &str, span: Span, value: &str) -> Option<Edit> {
    if !crate::model::is_dated_entry(text.get(span.start..span.end)?) {
        return None;
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let before = text.get(..span.start).unwrap_or_default();
    let blank = before.ends_with(&format!("{newline}{newline}"));
    let separator = if blank {
        newline.repeat(2)
    } else {
        newline.to_string()
    };
    let today = crate::clock::today();
    // After the line's trailing spaces, which stay with the entry they end.
    let spaces = text
        .get(span.end..)?
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    Some(Edit::insert(
        span.end + spaces,
        format!("{separator}{today} {value}"),
    ))
}

/// What of a written status stays when another replaces it: the comment after a dash
/// (`Akzeptiert - Erweiterung um …`, ` – …`, ` — …`) when a status word alone stands before
/// it, or the
/// sentences after the first (`Accepted. Extended by ADR 0110 and ADR 0111.`, aindaco1/film:
/// `adr status 109 deprecated` wrote `Deprecated` and lost the rest). The first sentence
/// is the status and what qualifies it (`Accepted for MVP implementation`), and goes with
/// it; empty when there is nothing else.
pub(super) fn status_comment(written: &str) -> &str {
    let after_dash = [" - ", " – ", " — "]
        .iter()
        .filter_map(|dash| written.find(dash))
        .min()
        .filter(|&at| {
            let before = written.get(..at).unwrap_or_default();
            crate::vocabulary::status_kind(before.trim().trim_matches(['*', '_'])).is_some()
        });
    after_dash
        .or_else(|| note_after_word(written))
        .or_else(|| first_sentence_end(written))
        .and_then(|at| written.get(at..))
        .unwrap_or_default()
}

/// Where a note in brackets after the status word starts (`Accepted (Amended by
/// [ADR-010](…))`, lumehaven: the only mention of that relation on its side): it stays.
fn note_after_word(written: &str) -> Option<usize> {
    let word_end = written.find(char::is_whitespace)?;
    let word = written.get(..word_end)?;
    crate::vocabulary::status_kind(word.trim_matches(['*', '_']))?;
    let note = written.get(word_end..)?.trim_start().strip_prefix('(')?;
    // `已提議 (Proposed)`: the word in English is the status again, and goes with it.
    let inside = note.split(')').next().unwrap_or_default();
    crate::vocabulary::status_kind(inside.trim())
        .is_none()
        .then_some(word_end)
}

/// Where the first sentence of `text` ends (at its full stop) when another follows it: a
/// `. ` outside brackets (`Superseded by [3. Use X](…)` is one sentence).
fn first_sentence_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                let rest = text.get(at + 1..).unwrap_or_default();
                if rest.starts_with(' ') && !rest.trim().is_empty() {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// A badge before the emphasis holding the status at `span` (`✅ **Accepted**`): where the
/// badge starts, and the opening marker.
pub(super) fn badge_before_emphasis(text: &str, span: Span) -> Option<(usize, &str)> {
    let before = text.get(..span.start)?;
    let unmarked = before.trim_end_matches(['*', '_']);
    let opening = before.get(unmarked.len()..)?;
    let spaced = unmarked.trim_end_matches([' ', '\t']);
    if opening.is_empty() || spaced.len() == unmarked.len() {
        return None;
    }
    let badge_start = spaced
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == ':' || c == '：')
        .map_or(0, |(at, c)| at + c.len_utf8());
    crate::model::is_badge(spaced.get(badge_start..)?).then_some((badge_start, opening))
}

/// A status in emphasis with a note after it on its line (`**Approved** by TSC vote on
/// 4/28/22`): the span from the status to the line's end, and the closing marker. The note
/// tells how the old status came about, so it goes with it, as the whole line does when the
/// status is not emphasised; the emphasis stays whole.
pub(super) fn emphasised_with_note(text: &str, span: Span) -> Option<(Span, String)> {
    let before = text.get(..span.start)?.trim_end_matches(' ');
    let after = text.get(span.end..)?;
    let line_rest = after.split(['\n', '\r']).next().unwrap_or("");
    let spaces = line_rest.len() - line_rest.trim_start_matches(' ').len();
    let from_marker = line_rest.get(spaces..)?;
    let note = from_marker.trim_start_matches(['*', '_']);
    let marker = from_marker.get(..from_marker.len() - note.len())?;
    if marker.is_empty() || !before.ends_with(marker) || note.trim().is_empty() {
        return None;
    }
    let end = span.end + line_rest.trim_end().len();
    let closing = line_rest.get(..spaces + marker.len())?.to_string();
    Some((Span::new(span.start, end), closing))
}
