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
    let in_code = |span: Span| crate::source::within(&record.code_spans, span.start);
    let lines = source.line_count();
    // Asked of every record lint reads (where a back-link would go): only the lines with a
    // colon are looked at, found by `memchr` rather than line by line.
    let bytes = source.text.as_bytes();
    let mut labelled: Vec<usize> = memchr::memchr_iter(b':', bytes)
        .chain(memchr::memmem::find_iter(bytes, "：".as_bytes()))
        .map(|at| source.line_of(at))
        .collect();
    labelled.sort_unstable();
    labelled.dedup();
    labelled.into_iter().find_map(|line| {
        let line_span = source.line_span(line);
        // A line with more than a word after its colon holds a value: passed over unread.
        let (_, after) = source.slice(line_span).split_once([':', '：'])?;
        if after.trim_matches(['*', '_', ' ', '\t', '\r']).len() > MAX_NONE_BYTES
            || in_code(line_span)
        {
            return None;
        }
        let (_, value, span) = labelled_value(source, line_span, &[label])?;
        if !value.is_empty() {
            return says_none(&value).then_some(span);
        }
        // `**替代（Supersedes）**：` with its value in the list item under it: `- 无`.
        let next = (line + 1..lines)
            .map(|below| source.line_span(below))
            .filter(|span| !in_code(*span))
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

/// The longest of the words [`says_none`] knows, in bytes, with room to spare.
const MAX_NONE_BYTES: usize = 24;

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
