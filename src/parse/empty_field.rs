//! A record's field kept empty for a relation (`- supersedes: -`, `**替代（Supersedes）**：` over
//! `- 无`): where `adr status` and `lint --fix` write the link.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use super::legacy::labelled_value;
use crate::source::Span;

/// The value of a metadata line of `record` labelled `label` (`supersedes`, `superseded
/// by`) that says nothing yet (`- supersedes: -`, `* **Superseded by:**`, `Supersedes:
/// none`, or `**替代（Supersedes）**：` over a list item `- 无`), outside code: its span,
/// for a link to take its place (univention keeps both fields in every record, before
/// its sections; Zss.BilliardHall in a Relationships section).
pub(crate) fn empty_field(record: &crate::model::Record, label: &str) -> Option<Span> {
    let source = &record.source;
    let in_code = |at: usize| {
        record
            .code_spans
            .iter()
            .any(|code| code.start <= at && at < code.end)
    };
    let lines: Vec<(usize, Span)> = source
        .lines_in(Span::new(0, source.text.len()))
        .filter(|(_, span)| !in_code(span.start))
        .collect();
    lines.iter().enumerate().find_map(|(at, &(_, line_span))| {
        let (_, value, span) = labelled_value(source, line_span, &[label])?;
        if !value.is_empty() {
            return says_none(&value).then_some(span);
        }
        // `**替代（Supersedes）**：` with its value in the list item under it: `- 无`.
        let next = lines
            .get(at + 1..)?
            .iter()
            .map(|&(_, span)| span)
            .find(|span| !source.slice(*span).trim().is_empty());
        let Some(next) = next else {
            return Some(span);
        };
        let item = source.slice(next);
        let content = item.trim_start().strip_prefix(['-', '*', '+']);
        match content {
            Some(content) if content.starts_with(' ') => {
                let value = content.trim();
                let start = next.start
                    + (item.len() - item.trim_start().len())
                    + (item.trim_start().len() - content.len())
                    + (content.len() - content.trim_start().len());
                says_none(value).then(|| Span::new(start, start + value.len()))
            }
            _ => Some(span),
        }
    })
}

/// Whether a field's value says there is none: `-`, `none`, `n/a`, `无` ….
fn says_none(value: &str) -> bool {
    let value = value.trim_end_matches(['.', '。']).trim();
    [
        "", "-", "—", "none", "n/a", "nothing", "无", "暂无", "無", "なし", "없음", "keine",
        "aucun", "aucune", "ninguno", "ninguna", "nenhum", "nenhuma", "нет",
    ]
    .iter()
    .any(|empty| value.eq_ignore_ascii_case(empty))
}
