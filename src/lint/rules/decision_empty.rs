#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;
use crate::model::{Section, normalize_heading};

declare_rule! {
    /// ## What it does
    /// Reports a record in which no decision is written.
    ///
    /// That is a record whose decision section (`Decision`,
    /// `Decision Outcome`, their translations in the language tables, or the heading the
    /// log's own template gives the decision) holds nothing but headings, HTML comments and
    /// template placeholders (`{…}`, `[option 1]`, `TBD`, `To be written`, `_À rédiger._`,
    /// `在这里记录结果...`); or a short record that is a bare fragment, with neither a
    /// context nor a decision section, nor two sections of text under other headings.
    ///
    /// A section that may hold the decision under another name (`Proposal`, `Solution`,
    /// `Outcome`) counts when it has content, and so does a subheading of the decision
    /// section that is not one of the template's (`### A) No prefixes` names the chosen
    /// option). A folder record whose README links to the other files of its folder holds
    /// its decision in them. A record without a decision section but
    /// with a context section is left to `section-missing`, and a `##` decision section
    /// with nothing at all under it to `section-empty`. A fragment of 150 words or
    /// more is left alone: a record whose layout `adr` cannot judge and that has real prose
    /// may well hold its decision in it. Records marked `draft` or `proposed` (in any
    /// language) are still being written and are not reported: the rule is for records
    /// that say a decision was made.
    ///
    /// ## Why is this bad?
    /// A decision record without the decision is the one thing a reader came for, missing:
    /// usually a template that was committed before it was filled in, or a stub that was
    /// never finished. Its status may still say `accepted`.
    ///
    /// ## Example
    /// ```markdown
    /// # 12. Cache invalidation
    ///
    /// ## Context
    ///
    /// Product pages are served stale after price changes.
    ///
    /// ## Decision
    ///
    /// TBD
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// # 12. Cache invalidation
    ///
    /// ## Context
    ///
    /// Product pages are served stale after price changes.
    ///
    /// ## Decision
    ///
    /// Price changes purge the product's CDN key; pages keep a 5-minute TTL.
    /// ```
    pub(crate) struct DecisionEmpty { id: "decision-empty", severity: Warning, fixable: false, enabled: true, record: check }
}

/// Headings (as `Section::key` gives them, in English) that hold the decision.
const DECISION_HEADINGS: [&str; 3] = ["decision", "decisions", "decision outcome"];

/// Headings under which logs write their decision by another name.
const OTHER_DECISION_HEADINGS: [&str; 12] = [
    "proposal",
    "proposed decision",
    "proposed solution",
    "solution",
    "chosen solution",
    "chosen option",
    "outcome",
    "resolution",
    "recommendation",
    "the decision",
    "our decision",
    "final decision",
];

/// Headings that give a record's context: a record with one is not a bare fragment.
const CONTEXT_HEADINGS: [&str; 14] = [
    "context",
    "context and problem statement",
    "problem statement",
    "problem",
    "background",
    "motivation",
    "summary",
    "abstract",
    "overview",
    "introduction",
    "issue",
    "rationale",
    "situation",
    "description",
];

/// A fragment this long may hold its decision in prose `adr` cannot place.
const FRAGMENT_MAX_WORDS: usize = 150;

/// What a section holds when nothing is decided yet, in the supported languages, as
/// `vocabulary::fold` writes them.
pub(crate) const UNWRITTEN: [&str; 44] = [
    // English
    "tbd",
    "tba",
    "tbc",
    "todo",
    "to do",
    "to be written",
    "to be decided",
    "to be determined",
    "to be defined",
    "to be completed",
    "to be added",
    "to be filled in",
    "to be done",
    "wip",
    "work in progress",
    "coming soon",
    // French
    "a rediger",
    "a completer",
    "a definir",
    "a determiner",
    "a venir",
    "a faire",
    "en cours de redaction",
    // German
    "offen",
    "folgt",
    "noch offen",
    "wird noch erganzt",
    "noch zu entscheiden",
    // Spanish and Portuguese
    "por definir",
    "por escribir",
    "por completar",
    "por decidir",
    "pendiente",
    "a preencher",
    // Chinese, Japanese, Korean
    "待定",
    "待补充",
    "待完善",
    "待决定",
    "未定",
    "記入予定",
    "미정",
    // Russian
    "будет дополнено",
    "не определено",
    "в работе",
];

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    if super::file_not_a_record::not_a_record(record).is_some() {
        return; // `file-not-a-record` says what the file holds instead
    }
    // A draft or a proposal is still being written: `placeholder-left` already says what
    // is left of the template, and a fresh `adr new` record gets one kind of warning.
    if record
        .status
        .as_ref()
        .is_some_and(|status| matches!(status.kind, StatusKind::Draft | StatusKind::Proposed))
    {
        return;
    }
    let template_headings: Vec<String> = ctx
        .template
        .map(|template| {
            template
                .sections
                .iter()
                .map(|heading| english_key(heading))
                .filter(|key| names_the_decision(key))
                .collect()
        })
        .unwrap_or_default();
    let sections: Vec<&Section> = record.sections_below_title().collect();
    let decisions: Vec<&Section> = sections
        .iter()
        .copied()
        .filter(|section| {
            DECISION_HEADINGS.contains(&section.key())
                || template_headings.iter().any(|key| key == section.key())
        })
        .collect();
    let others = sections
        .iter()
        .copied()
        .filter(|section| OTHER_DECISION_HEADINGS.contains(&section.key()));

    if let Some(first) = decisions.first() {
        let mut holders = decisions.iter().copied().chain(others);
        if holders.any(|section| has_content(record, section)) {
            return;
        }
        let what = match first_prompt(record, first) {
            Some(prompt) => format!("holds only the placeholder `{prompt}`"),
            // `section-empty` reports an empty `##` section; one finding is enough.
            None if first.level == 2 => return,
            None => "is empty".to_string(),
        };
        ctx.report(
            &DecisionEmpty::META,
            record.path(),
            Some(first.heading_span),
            format!("no decision written: section `{}` {what}", first.title),
        )
        .label("no decision here")
        .help("write what was decided and why; until then mark the record `draft`");
        return;
    }
    let has_context = sections
        .iter()
        .any(|section| CONTEXT_HEADINGS.contains(&section.key()));
    // Two parts with text under headings adr does not know (`## Kontekst og
    // problembeskrivelse`, `## Besluttning`, svv-kos/driftsportal) are a record in a
    // vocabulary it lacks, not a fragment: saying it has no context would be false, and
    // `section-missing` names the headings it expected.
    let parts = sections
        .iter()
        .filter(|section| section.level == 2 && has_content(record, section))
        .count();
    if has_context
        || parts >= 2
        || prose_words(record) >= FRAGMENT_MAX_WORDS
        || links_to_parts(record)
    {
        return;
    }
    ctx.report(
        &DecisionEmpty::META,
        record.path(),
        Some(record.head_span()),
        "no decision written: the record has neither a context nor a decision section",
    )
    .label("a fragment")
    .help(
        "add `## Context` (why a decision is needed) and `## Decision` (what was decided); \
         until then mark the record `draft`",
    );
}

/// A folder record whose README links to the other files of its folder: the decision is
/// in those parts (`- [Renaming](renaming.md)`).
fn links_to_parts(record: &Record) -> bool {
    record.is_folder_record()
        && record.links.iter().any(|link| {
            let target = link.target.trim().trim_start_matches("./");
            link.is_relative()
                && !target.contains('/')
                && target.to_ascii_lowercase().ends_with(".md")
        })
}

/// The heading as `Section::key` gives it: normalised, in English.
fn english_key(heading: &str) -> String {
    let key = normalize_heading(heading);
    crate::vocabulary::english_heading(&key).map_or(key, String::from)
}

/// A template heading that names the decision: `Decision`, `Decision Outcome`,
/// `Décision prise`, not `Decision Drivers` or `Decision Makers`.
fn names_the_decision(key: &str) -> bool {
    DECISION_HEADINGS.contains(&key)
        || (key.contains("decision")
            && !["driver", "maker", "criteri", "context", "record", "log"]
                .iter()
                .any(|other| key.contains(other)))
}

/// Subheadings of the template's decision section: under them, the decision's
/// consequences, not the decision.
const TEMPLATE_SUBHEADINGS: [&str; 7] = [
    "consequences",
    "positive consequences",
    "negative consequences",
    "confirmation",
    "more information",
    "pros and cons of the options",
    "implications",
];

/// Whether the section holds anything but comments, placeholders and the template's own
/// subheadings. A subheading of its own (`### A) No prefixes`) names the decision.
fn has_content(record: &Record, section: &Section) -> bool {
    let without_comments = strip_comments(record, section);
    without_comments.lines().any(|line| {
        let line = line.trim();
        if let Some(heading) = line.strip_prefix('#') {
            let key = english_key(heading.trim_start_matches('#'));
            return !key.is_empty() && !TEMPLATE_SUBHEADINGS.contains(&key.as_str());
        }
        !(line.is_empty()
            || line.starts_with("```")
            || line.starts_with("~~~")
            || line
                .chars()
                .all(|c| matches!(c, '-' | '*' | '_' | '|' | ':' | ' ' | '>'))
            || is_placeholder_line(line))
    })
}

/// The first placeholder line of the section, for the message.
fn first_prompt(record: &Record, section: &Section) -> Option<String> {
    let without_comments = strip_comments(record, section);
    without_comments
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#') && is_placeholder_line(line))
        .map(|line| {
            let short: String = line.chars().take(60).collect();
            if short.len() < line.len() {
                format!("{short}…")
            } else {
                short
            }
        })
}

/// The section's body with its HTML comments removed.
fn strip_comments(record: &Record, section: &Section) -> String {
    let body = section.body_span;
    let source = &record.source;
    let mut text = String::new();
    let mut cursor = body.start;
    for comment in &record.comments {
        if comment.span.end <= body.start || comment.span.start >= body.end {
            continue;
        }
        text.push_str(source.slice(Span::new(cursor, comment.span.start.max(cursor))));
        cursor = comment.span.end.min(body.end).max(cursor);
    }
    text.push_str(source.slice(Span::new(cursor, body.end)));
    text
}

/// A line that is template text or says the decision is still to come.
fn is_placeholder_line(line: &str) -> bool {
    let bare = line
        .trim_start_matches(['-', '*', '+', '>', ' '])
        .trim_matches(['*', '_', ' ', '"', '“', '”']);
    if bare.is_empty() {
        return true;
    }
    if crate::vocabulary::is_placeholder(bare) {
        return true;
    }
    let folded = crate::vocabulary::fold(bare.trim_end_matches(['.', '!', '…', '。']));
    if UNWRITTEN.contains(&folded.as_str()) {
        return true;
    }
    // `{decision}`: a prompt of one word, alone on its line (not `{ "a": 1 }`).
    if let Some(inside) = bare
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        && !inside.is_empty()
        && inside
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '_'))
    {
        return true;
    }
    only_prompts(bare)
}

/// Whether the line, its prompts (`{title of option 1}`, `[justification …]`) taken out,
/// has at most a few words left (`Chosen option: "{…}", because {…}`), or nothing but
/// dots (`...`).
fn only_prompts(line: &str) -> bool {
    let mut rest = String::new();
    let mut prompts = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let close = match c {
            '{' => '}',
            '[' => ']',
            _ => {
                rest.push(c);
                continue;
            }
        };
        let Some(after) = line.get(at + c.len_utf8()..) else {
            rest.push(c);
            continue;
        };
        let Some((inside, tail)) = enclosed(after, c, close) else {
            rest.push(c);
            continue;
        };
        let is_prompt = match c {
            // MADR's prompts are words (`{title of option 1}`); not `{ "a": 1 }` or `{x}`.
            '{' => {
                inside.trim_start().starts_with(char::is_alphabetic)
                    && !inside.contains(['"', '=', ';'])
                    && inside
                        .split(|c: char| !c.is_alphabetic())
                        .any(|word| word.chars().count() >= 4)
                    && (inside.contains(' ') || crate::vocabulary::is_placeholder(inside))
            }
            _ => {
                let lower = inside.trim().to_lowercase();
                !tail.starts_with(['(', '['])
                    && (["option", "justification", "e.g.", "describe", "consequence"]
                        .iter()
                        .any(|prompt| lower.starts_with(prompt))
                        || crate::vocabulary::is_placeholder(inside))
            }
        };
        if !is_prompt {
            rest.push(c);
            continue;
        }
        prompts += 1;
        let skip_to = at + c.len_utf8() + inside.len() + close.len_utf8();
        while chars.peek().is_some_and(|(next, _)| *next < skip_to) {
            chars.next();
        }
    }
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .count();
    words == 0 || (prompts > 0 && words <= 4)
}

/// The text up to the bracket that closes one already opened (nested pairs skipped:
/// `{… resolves force {force} | …}`), and what follows it.
fn enclosed(after: &str, open: char, close: char) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (at, c) in after.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some((after.get(..at)?, after.get(at + c.len_utf8()..)?));
            }
            depth -= 1;
        }
    }
    None
}

/// How many words the record's body has outside headings (a CJK character is half a
/// word): how much prose a fragment holds.
fn prose_words(record: &Record) -> usize {
    let mut words = 0;
    let mut cjk = 0;
    for line in record.body().lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        for word in line.split_whitespace() {
            let letters = word
                .chars()
                .filter(|c| crate::vocabulary::is_cjk(*c))
                .count();
            if letters > 0 {
                cjk += letters;
            } else if word.chars().any(char::is_alphanumeric) {
                words += 1;
            }
        }
    }
    words + cjk / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_lines() {
        for line in [
            "TBD",
            "_À rédiger._",
            "To be written.",
            "在这里记录结果...",
            "...",
            "Chosen option: \"{title of option 1}\", because {justification}",
            "Chosen option: \"[option 1]\", because [justification. e.g., only option]",
            "* {decision}",
            "Chosen option: \"{title of option 1}\", because {justification. e.g., only option, \
             which meets k.o. criterion decision driver | which resolves force {force} | … | \
             comes out best (see below)}.",
        ] {
            assert!(is_placeholder_line(line), "{line}");
        }
        for line in [
            "We use [Kafka] for this, because it keeps order per key.",
            "Chosen option: \"Kafka\", because it keeps order per key.",
            "Use `{ \"a\": 1 }` as the body.",
            "Offen für Erweiterungen, geschlossen für Änderungen.",
            "See [ADR-3](0003-x.md).",
        ] {
            assert!(!is_placeholder_line(line), "{line}");
        }
    }
}
