//! A `## Status` section's status: the line that states it among the template's
//! guidance, choice lists, relation lines and dated history entries.

use super::legacy::{
    emphasis_inner, is_bold_label, is_choice_list, labelled_value, starts_with_date, status_from,
    substitute_liquid_page_values, the_bold_choice, without_list_marker,
};
use crate::model::{Section, Status, StatusOrigin};
use crate::source::{SourceFile, Span};
use crate::vocabulary::Label;

pub(crate) fn status_section(
    source: &SourceFile,
    section: &Section,
    front_matter_value: impl Fn(&str) -> Option<String>,
) -> Option<Status> {
    // `- [x] Foreslått (dato: …)`, `- [x] Akseptert (dato: …)`: the last stage ticked.
    if let Some(stages) = crate::parse::status_checklist::stages(source, section.body_span) {
        let stage = crate::parse::status_checklist::current(&stages)?;
        let raw = source.slice(stage.text).to_string();
        return Some(status_from(
            raw,
            stage.text,
            stage.line,
            StatusOrigin::Section,
        ));
    }
    let mut first_status: Option<Status> = None;
    let mut first_is_dated = false;
    // The template's list of choices (`{Deprecated|Proposed|Accepted}`) left where the status
    // goes: the status when the section states no other, so that lint says what it is and a
    // status edit writes in its place.
    let mut choices: Option<Status> = None;
    for (line, span) in source.lines_in(section.body_span) {
        let text = source.slice(span);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("<!--") {
            continue;
        }
        // A section of labelled lines (`- **提案日**: 2025-10-28`, `- **状態**: Accepted`):
        // the status is the line labelled so, and the others are not statuses.
        if let Some((label, value, value_span)) =
            labelled_value(source, span, &["status", "date", "deciders", "tags"])
        {
            // `> 상태: 제안됨(Proposed)|승인됨(Accepted)|…`: a template's hint, not the status.
            if label == "status" && !value.is_empty() && !is_choice_list(&value) {
                let raw = substitute_liquid_page_values(&value, &front_matter_value);
                return Some(status_from(raw, value_span, line, StatusOrigin::Section));
            }
            continue;
        }
        let content = without_list_marker(trimmed);
        if is_bold_label(content) || is_quoted_guidance(content) {
            continue;
        }
        // `> Accepted`: the status is the quote's text.
        let content = content.trim_start_matches(['>', ' ']);
        let start =
            span.start + (text.len() - text.trim_start().len()) + (trimmed.len() - content.len());
        // `**Accepted**`: the status is what the emphasis holds, so that a status edit
        // keeps the emphasis whole (it wrote `**Rejected`, cutting the closing `**`).
        let content_span = emphasis_inner(source, Span::new(start, start + content.len()));
        // `**Superseded by` / `[ADR-0021](…)**` (katana: read from its first line, an edit
        // kept `**` on neither end), and `Accepted **Date:** 2026-02-08` (lumehaven: the
        // status ends where a field starts, which an edit keeps).
        let content_span = emphasis_over_lines(source, content_span, section.body_span)
            .unwrap_or_else(|| before_field(source, content_span));
        let content = source.slice(content_span);
        let lower = content.to_lowercase();
        if lower.starts_with("superseded by") || lower.starts_with("superceded by") {
            return Some(status_from(
                content.split_whitespace().collect::<Vec<_>>().join(" "),
                content_span,
                line,
                StatusOrigin::Section,
            ));
        }
        let is_relation = [
            "supersedes",
            "amends",
            "amended by",
            "clarifies",
            "clarified by",
            "relates to",
            "related to",
            "extends",
            "extended by",
            "depends on",
            "depended on by",
        ]
        .iter()
        .any(|relation| lower.starts_with(relation));
        if is_choice_list(content) {
            // `Vorgeschlagen | **Akzeptiert** | Abgelehnt` (EvolutionHub): the choice in bold.
            if let Some((at, chosen)) = the_bold_choice(content) {
                let start = content_span.start + at;
                return Some(status_from(
                    chosen.to_string(),
                    Span::new(start, start + chosen.len()),
                    line,
                    StatusOrigin::Section,
                ));
            }
            choices = choices.or_else(|| {
                Some(status_from(
                    content.to_string(),
                    content_span,
                    line,
                    StatusOrigin::Section,
                ))
            });
            continue;
        }
        if is_relation {
            continue;
        }
        // adr-tools' Chinese fork adds a dated line per change (`2018-03-12 提议`, then
        // `2018-03-20 完成`): the last one is the status now.
        let is_dated = starts_with_date(content);
        match &first_status {
            Some(_) if !(is_dated && first_is_dated) => continue,
            None => first_is_dated = is_dated,
            Some(_) => {}
        }
        let raw = substitute_liquid_page_values(content, &front_matter_value);
        first_status = Some(status_from(raw, content_span, line, StatusOrigin::Section));
    }
    first_status.or(choices)
}

/// A quoted line of a Status section that is not a status: the template's guidance
/// (`> A decision may be "proposed" if …`, CometBFT's) or an empty quote line. A short
/// quote naming a status (`> Accepted`) is the status.
fn is_quoted_guidance(content: &str) -> bool {
    let Some(quoted) = content.strip_prefix('>') else {
        return false;
    };
    let quoted = quoted.trim_start_matches(['>', ' ']).trim();
    quoted.split_whitespace().count() > 4
        || matches!(Status::read(quoted).0, crate::model::StatusKind::Other(_))
            && !quoted.to_lowercase().starts_with("superseded")
}

/// The span of a status whose emphasis opens on its first line and closes on a later line
/// of the same paragraph (`**Superseded by` / `[ADR-0021](…)**`): inside the markers, over
/// the lines. `None` when the emphasis is not so.
fn emphasis_over_lines(source: &SourceFile, span: Span, section: Span) -> Option<Span> {
    let text = source.slice(span);
    let marker = ["**", "__"]
        .into_iter()
        .find(|marker| text.starts_with(marker))?;
    if text.get(marker.len()..)?.contains(marker) {
        return None;
    }
    let after = source.text.get(span.end..section.end)?;
    let mut offset = span.end;
    for (index, line) in after.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if index == 0 {
            // The rest of the status's own line.
            continue;
        }
        if line.trim().is_empty() {
            return None;
        }
        if let Some(at) = line.find(marker) {
            return Some(Span::new(span.start + marker.len(), start + at));
        }
    }
    None
}

/// `span` cut before a labelled field that follows the status word on its line
/// (`Accepted **Date:** 2026-02-08`, `Proposed Date: …`): a single word, in emphasis or
/// not, then a colon. `span` itself when none follows a status word.
fn before_field(source: &SourceFile, span: Span) -> Span {
    let text = source.slice(span);
    let Some(word_end) = text.find(char::is_whitespace) else {
        return span;
    };
    let word = text.get(..word_end).unwrap_or_default();
    if crate::vocabulary::status_kind(word.trim_matches(['*', '_'])).is_none() {
        return span;
    }
    let rest = text.get(word_end..).unwrap_or_default();
    let field = rest.trim_start().trim_start_matches(['*', '_']);
    // A label of metadata only: `Superseded by: [ADR-5](…)` is one status, not `Superseded`
    // and a field `by`.
    let is_field = field.split_once(':').is_some_and(|(label, _)| {
        let label = label.trim_end_matches(['*', '_']);
        crate::vocabulary::label(label).is_some_and(|label| label != Label::Status)
            || [
                "authors",
                "author",
                "owner",
                "owners",
                "updated",
                "last updated",
            ]
            .iter()
            .any(|known| known.eq_ignore_ascii_case(label))
    });
    match is_field {
        true => Span::new(span.start, span.start + word_end),
        false => span,
    }
}
