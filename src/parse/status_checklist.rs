//! A status kept as a checklist of the stages a decision goes through, each ticked and dated
//! as it is reached (Arbeidstilsynet/design):
//!
//! ```markdown
//! ## Status
//!
//! - [x] Foreslått (dato: 2025-06-02)
//! - [x] Akseptert (dato: 2025-06-10)
//! - [ ] Avvist (dato: ÅÅÅÅ-MM-DD)
//! ```
//!
//! The status is the last stage ticked; none ticked is no status. A status change ticks the
//! stage it names and fills its date prompt: the stages before it are the record's history
//! and stay as they are.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::source::{SourceFile, Span};

/// One stage of a checklist status.
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    /// Its line (1-based).
    pub(crate) line: usize,
    /// The box's mark (` ` or `x`), one byte.
    pub(crate) mark: Span,
    pub(crate) ticked: bool,
    /// The stage's text after the box (`Akseptert (dato: 2025-06-10)`), trimmed.
    pub(crate) text: Span,
}

/// The stages of a status section whose body (`body`) is a checklist: two items or more,
/// and nothing else but blank lines and comments.
pub(crate) fn stages(source: &SourceFile, body: Span) -> Option<Vec<Stage>> {
    let mut stages = Vec::new();
    for (line, span) in source.lines_in(body) {
        let text = source.slice(span);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with("<!--") {
            continue;
        }
        stages.push(stage(text, span.start, line)?);
    }
    (stages.len() >= 2).then_some(stages)
}

/// A task-list item (`- [x] Akseptert`) at `start` of the text, on `line`.
fn stage(text: &str, start: usize, line: usize) -> Option<Stage> {
    let indent = text.len() - text.trim_start().len();
    let rest = text.get(indent..)?;
    let after_marker = rest.strip_prefix(['-', '*', '+'])?;
    let spaces = after_marker.len() - after_marker.trim_start().len();
    if spaces == 0 {
        return None;
    }
    let boxed = after_marker.get(spaces..)?;
    let mark = boxed.strip_prefix('[')?.chars().next()?;
    if !matches!(mark, ' ' | 'x' | 'X') || boxed.get(2..3) != Some("]") {
        return None;
    }
    let mark_at = start + indent + 1 + spaces + 1;
    let after_box = boxed.get(3..)?;
    let stage_text = after_box.trim();
    if stage_text.is_empty() {
        return None;
    }
    let text_at = mark_at + 2 + (after_box.len() - after_box.trim_start().len());
    Some(Stage {
        line,
        mark: Span::new(mark_at, mark_at + 1),
        ticked: mark != ' ',
        text: Span::new(text_at, text_at + stage_text.len()),
    })
}

/// The stage a status is: the last one ticked.
pub(crate) fn current(stages: &[Stage]) -> Option<&Stage> {
    stages.iter().rev().find(|stage| stage.ticked)
}

/// The stage's text ticked and dated: its date prompt (`ÅÅÅÅ-MM-DD`) filled with `date`.
pub(crate) fn ticked_text(source: &SourceFile, stage: &Stage, date: &str) -> String {
    crate::vocabulary::fill_date_prompts(source.slice(stage.text), date)
}

/// The text of the stage a template's `line` is (`Foreslått (dato: ÅÅÅÅ-MM-DD)`), when
/// it is one.
pub(crate) fn stage_text(line: &str) -> Option<&str> {
    let stage = stage(line, 0, 0)?;
    line.get(stage.text.start..stage.text.end)
}

/// A template's stage `line` ticked, its date prompt filled with `date`.
pub(crate) fn ticked_line(line: &str, date: &str) -> Option<String> {
    let stage = stage(line, 0, 0)?;
    let before = line.get(..stage.mark.start)?;
    let after = line.get(stage.mark.end..)?;
    Some(crate::vocabulary::fill_date_prompts(
        &format!("{before}x{after}"),
        date,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Vec<(bool, String)>> {
        let source = SourceFile::new("x.md", text.to_string());
        let body = Span::new(0, text.len());
        stages(&source, body).map(|stages| {
            stages
                .iter()
                .map(|stage| (stage.ticked, source.slice(stage.text).to_string()))
                .collect()
        })
    }

    #[test]
    fn a_checklist_is_its_stages_and_nothing_else() {
        assert_eq!(
            read("\n- [x] Foreslått (dato: 2025-06-02)\n- [X] Akseptert\n  * [ ] Avvist _lenke_\n"),
            Some(vec![
                (true, "Foreslått (dato: 2025-06-02)".to_string()),
                (true, "Akseptert".to_string()),
                (false, "Avvist _lenke_".to_string()),
            ])
        );
        // One item, a line of prose, or a box without text is no checklist.
        assert_eq!(read("- [x] Accepted\n"), None);
        assert_eq!(read("- [x] Accepted\nSee below.\n"), None);
        assert_eq!(read("- [x] Accepted\n- [ ]\n"), None);
        assert_eq!(read("- [x] Accepted\n-[ ] Rejected\n"), None);
    }

    #[test]
    fn a_templates_stage_is_ticked_and_dated() {
        assert_eq!(
            ticked_line("- [ ] Foreslått (dato: ÅÅÅÅ-MM-DD)\n", "2026-12-07").as_deref(),
            Some("- [x] Foreslått (dato: 2026-12-07)\n")
        );
        assert_eq!(stage_text("* [ ] Proposed\r\n"), Some("Proposed"));
        assert_eq!(ticked_line("Proposed\n", "2026-12-07"), None);
    }
}
