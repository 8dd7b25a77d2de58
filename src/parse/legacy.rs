//! Metadata written the older ways, read into the same model as front matter: MADR 2's
//! `* Status: accepted` bullets, adr-tools/Nygard's `Date:` line and `## Status` section,
//! and what the metadata tables some logs keep ([`super::metadata_table`]) share with them.

use super::line_fields::split_list;
use crate::model::{DateValue, Located, RecordRef, Section, Status, StatusOrigin};
use crate::parse::markdown::Outline;
use crate::source::{SourceFile, Span};
use crate::vocabulary::Label;

/// What one of the older layouts says about a record.
#[derive(Debug, Default)]
pub(crate) struct LegacyMetadata {
    pub status: Option<Status>,
    pub date: Option<Located<DateValue>>,
    pub decision_makers: Vec<Located<String>>,
    pub tags: Vec<Located<String>>,
    pub consulted: Vec<Located<String>>,
    pub informed: Vec<Located<String>>,
    /// True when any labelled metadata was found.
    pub found: bool,
    /// A sentence of the preamble saying the record is superseded (`This decision has been
    /// superseded by decision: [0009 …](0009-….md)`, The National Archives' TDR log): the
    /// status when nothing else states one.
    pub superseded_sentence: Option<Status>,
    /// A successor named in a field of its own (`- superseded by: [0010 …](…)`) while the
    /// status says the record is in force (univention).
    pub successor_beside_status: Option<Located<RecordRef>>,
    /// A successor named in a line of its own where no status is (`Superseded: 2019-12-19
    /// by [ADR 14](…)` under the title, the status in a `## Status` section below:
    /// alphagov/content-publisher), for the status found elsewhere.
    pub successor_alone: Option<Located<RecordRef>>,
}

/// Labels of a line naming the record that supersedes this one, beside a bare `status:`
/// line or bullet (`superseded_by: 0007-hosts-mcp`).
pub(crate) const SUCCESSOR_LABELS: [&str; 3] = ["superseded_by", "superseded-by", "superseded by"];

impl LegacyMetadata {
    /// Gives a superseded status that names no successor the one a line of its own names;
    /// beside a status that is no supersession, the line is kept for lint to report.
    fn take_successor(&mut self, successor: Option<Located<RecordRef>>) {
        match &mut self.status {
            Some(status)
                if status.kind == crate::model::StatusKind::Superseded
                    && status.superseded_by.is_none() =>
            {
                status.superseded_by = successor.map(|successor| Box::new(successor.value));
            }
            Some(status) if status.kind != crate::model::StatusKind::Superseded => {
                self.successor_beside_status = successor;
            }
            None => self.successor_alone = successor,
            _ => {}
        }
    }
}

/// The value after `Label:` on a line, with its span; emphasis around the label tolerated
/// (`**Status:** accepted`), a trailing HTML comment left out.
pub(crate) fn labelled_value(
    source: &SourceFile,
    line_span: Span,
    labels: &[&str],
) -> Option<(String, String, Span)> {
    let line = source.slice(line_span);
    let stripped = line.trim_start();
    let mut offset = line.len() - stripped.len();
    let mut rest = stripped;
    // `> Date: 2025-08-03`: some templates quote their metadata lines.
    for marker in ["* ", "- ", "+ ", "> "] {
        if let Some(after) = rest.strip_prefix(marker) {
            offset += marker.len();
            rest = after;
            break;
        }
    }
    // `3. Статус:`: a record written as one numbered list (f0rw4rd-dev/sb-final-project).
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(after) = rest.get(digits..).and_then(|after| {
            after
                .strip_prefix(". ")
                .or_else(|| after.strip_prefix(") "))
        })
    {
        offset += rest.len() - after.len();
        rest = after;
    }
    let unemphasised = rest.trim_start_matches(['*', '_']);
    // The emphasis opened around the label (`**Status:** x`) closes after the colon at the
    // latest: only that much is taken off the value, whose own emphasis is kept.
    let label_emphasis = rest.len() - unemphasised.len();
    offset += label_emphasis;
    rest = unemphasised;
    // `Date: …`, `日期：…` (a full-width colon), or `- Date 2023-09-26` with none.
    let (label_end, mut value_start) =
        match rest.char_indices().find(|(_, c)| matches!(c, ':' | '：')) {
            Some((colon, c)) => (colon, colon + c.len_utf8()),
            None => {
                let (word, _) = rest.split_once(' ')?;
                let is_date_label = crate::vocabulary::label(word.trim_end_matches(['*', '_']))
                    == Some(Label::Date);
                let value = rest.get(word.len()..)?.trim_start();
                if !is_date_label || !value.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                (word.len(), word.len())
            }
        };
    let label = rest
        .get(..label_end)?
        .trim()
        .trim_end_matches(['*', '_'])
        .trim()
        .to_lowercase();
    // `Decider(s):`, `Date(s):` (sul-dlss-labs' template): the label either way.
    let label = match label.strip_suffix("(s)") {
        Some(stem) if labels.contains(&stem) => stem.to_string(),
        Some(stem) => format!("{stem}s"),
        None => label,
    };
    // A label in another language (`statut`, `日期`) reads as its English one. A translated
    // date label needs a digit after it: `Data: …` may be an English sentence.
    let translated = crate::vocabulary::label(&label);
    // `**被替代（Superseded By）**：`: a label in the log's words with the English one in
    // brackets after it (Zss.BilliardHall) reads as the English one.
    let bracketed = |candidate: &str| {
        crate::vocabulary::bracketed_halves(&label).is_some_and(|(_, inside)| inside == candidate)
    };
    let canonical = match labels
        .iter()
        .find(|candidate| **candidate == label || bracketed(candidate))
    {
        Some(canonical) => *canonical,
        None => {
            let english = translated?.english();
            let has_digit = rest
                .get(value_start..)
                .is_some_and(|value| value.contains(|c: char| c.is_ascii_digit()));
            if translated == Some(Label::Date) && !has_digit {
                return None;
            }
            labels.iter().find(|candidate| **candidate == english)?
        }
    };
    let after = rest.get(value_start..)?;
    let label_closed = rest
        .get(..label_end)
        .is_some_and(|label| label.trim_end().ends_with(['*', '_']));
    let closing = match label_closed {
        true => 0,
        false => after.len() - after.trim_start_matches(['*', '_']).len(),
    };
    let value = after.get(closing.min(label_emphasis)..)?;
    value_start += after.len() - value.len();
    let value = value.split_once("<!--").map_or(value, |(before, _)| before);
    let leading = value.len() - value.trim_start().len();
    let value = value.trim();
    let start = line_span.start + offset + value_start + leading;
    // `Status: **Accepted**`: the value is what the emphasis holds (an edit keeps it).
    let span = emphasis_inner(source, Span::new(start, start + value.len()));
    Some((
        (*canonical).to_string(),
        source.slice(span).to_string(),
        span,
    ))
}

pub(crate) use super::empty_field::empty_field;

/// Labels MADR 2 writes as `* Label: value` bullets under the title.
pub(crate) const BULLET_LABELS: [&str; 11] = [
    "status",
    SUCCESSOR_LABELS[0],
    SUCCESSOR_LABELS[1],
    SUCCESSOR_LABELS[2],
    "deciders",
    "decision-makers",
    "decision makers",
    "date",
    "tags",
    "consulted",
    "informed",
];

/// MADR 2: bullets between the title and the first `##` heading.
pub(crate) fn madr2_bullets(
    source: &SourceFile,
    outline: &Outline,
    region: Span,
) -> LegacyMetadata {
    let mut metadata = LegacyMetadata::default();
    let mut successor = None;
    for (index, item) in outline.items.iter().enumerate() {
        if item.depth != 1 || item.span.start < region.start || item.span.start >= region.end {
            continue;
        }
        let line = source.line_of(item.span.start);
        let line_span = source.line_span(line);
        // `- Date 2023-09-26` without a colon is a date line, not a MADR 2 bullet:
        // `preamble_lines` reads it.
        if !source.slice(line_span).contains([':', '：']) {
            continue;
        }
        let Some((label, value, span)) = labelled_value(source, line_span, &BULLET_LABELS) else {
            continue;
        };
        metadata.found = true;
        // `* Status:` with its value in the one item nested under it (`  * Accepted`).
        let nested = crate::parse::markdown::nested_items(source, outline, index);
        let (value, span, line) = match nested.as_slice() {
            [only] if value.is_empty() && label == "status" => {
                (only.value.clone(), only.span, only.line)
            }
            [_, ..] if value.is_empty() && label == "date" => {
                latest_nested_date(&nested).unwrap_or((value, span, line))
            }
            _ => (value, span, line),
        };
        match label.as_str() {
            "status" => {
                metadata.status = Some(status_from(value, span, line, StatusOrigin::Bullet))
            }
            "date" => metadata.date = Some(Located::new(DateValue::parse(&value), span, line)),
            "tags" => metadata.tags = split_list(source, &value, span),
            "consulted" => metadata.consulted = split_list(source, &value, span),
            "informed" => metadata.informed = split_list(source, &value, span),
            label if SUCCESSOR_LABELS.contains(&label) => {
                successor = RecordRef::parse(&value).map(|named| Located::new(named, span, line))
            }
            _ => {
                metadata.decision_makers = if value.is_empty() {
                    crate::parse::markdown::nested_items(source, outline, index)
                } else {
                    split_list(source, &value, span)
                }
            }
        }
    }
    metadata.take_successor(successor);
    metadata
}

/// The date of `* Date(s):` from the items under it (`  * Proposed: 2023-05-16`,
/// `  * Accepted: 2023-06-01`; sul-dlss-labs): the last that holds a date, as the record
/// was last decided, with its span alone.
fn latest_nested_date(nested: &[Located<String>]) -> Option<(String, Span, usize)> {
    nested.iter().rev().find_map(|item| {
        let date = match item.value.rsplit_once([':', '：']) {
            Some((_, date)) => date.trim(),
            None => item.value.trim(),
        };
        DateValue::parse(date).valid()?;
        let offset = item.value.rfind(date)?;
        let start = item.span.start + offset;
        Some((
            date.to_string(),
            Span::new(start, start + date.len()),
            item.line,
        ))
    })
}

pub(crate) fn status_from(raw: String, span: Span, line: usize, origin: StatusOrigin) -> Status {
    let (kind, superseded_by, word) = Status::read(&raw);
    Status {
        kind,
        raw,
        word,
        superseded_by: superseded_by.map(Box::new),
        span,
        line,
        origin,
    }
}

/// adr-tools: `Date:` (and `Deciders:`, `Tags:`, `Status:`) lines under the title.
/// Lines in `code` (the outline's code blocks and spans) are code, not metadata: `tags:
/// string;` in a TypeScript block of an untitled record became its tags, and `migrate`
/// cut that line out of the block to move it to front matter.
pub(crate) fn preamble_lines(source: &SourceFile, region: Span, code: &[Span]) -> LegacyMetadata {
    let mut metadata = LegacyMetadata::default();
    let mut successor = None;
    let first = source.line_of(region.start);
    let last = source.last_line_of(region);
    for line in first..=last {
        let line_span = source.line_span(line);
        if line_span.start < region.start
            || line_span.start >= region.end
            || crate::source::within(code, line_span.start)
        {
            continue;
        }
        let labels = ["date", "deciders", "tags", "status", "superseded"];
        let labels = [&labels[..], &SUCCESSOR_LABELS[..]].concat();
        let mut labelled = false;
        for field in super::line_fields::fields_of_line(source, line_span) {
            let Some((label, value, span)) = labelled_value(source, field, &labels) else {
                continue;
            };
            labelled = true;
            metadata.found = true;
            match label.as_str() {
                // `Status: Aceptada`, `**Status:** Accepted` on a line of its own.
                "status" if metadata.status.is_none() && !value.is_empty() => {
                    metadata.status = Some(status_from(value, span, line, StatusOrigin::Bullet))
                }
                "date" if metadata.date.is_none() => {
                    metadata.date = Some(Located::new(DateValue::parse(&value), span, line))
                }
                "deciders" => metadata.decision_makers = split_list(source, &value, span),
                "tags" => metadata.tags = split_list(source, &value, span),
                label if SUCCESSOR_LABELS.contains(&label) => {
                    successor =
                        RecordRef::parse(&value).map(|named| Located::new(named, span, line))
                }
                // `Superseded: 2019-12-19 by [ADR 14](…)`: the day, then the successor.
                "superseded" => {
                    successor = value
                        .split_once(" by ")
                        .and_then(|(_, named)| RecordRef::parse(named))
                        .map(|named| Located::new(named, span, line))
                        .or(successor)
                }
                _ => {}
            }
        }
        if !labelled {
            if metadata.superseded_sentence.is_none() {
                metadata.superseded_sentence = superseded_sentence(source, line_span, line);
            }
            if metadata.date.is_none() {
                metadata.date = bare_date(source, line_span, line);
            }
        }
    }
    metadata.take_successor(successor);
    metadata
}

/// A line under the title that is a date and nothing else (`June 19, 2018`, `7 April
/// 2020`, `*2021-03-04*`, Zooniverse): the record's date, as a reader takes it.
fn bare_date(source: &SourceFile, line_span: Span, line: usize) -> Option<Located<DateValue>> {
    let span = emphasis_inner(
        source,
        crate::parse::markdown::trimmed_span(&source.text, line_span),
    );
    let text = source.slice(span);
    if text.is_empty() || text.len() > 40 || !text.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match DateValue::parse(text) {
        value
        @ (DateValue::Valid(_) | DateValue::Reshaped { .. } | DateValue::Ambiguous { .. }) => {
            Some(Located::new(value, span, line))
        }
        _ => None,
    }
}

/// The status a sentence of the line at `line_span` states, from its "superseded by"
/// (or "superceded by") to the line's end, when a link follows it: `This decision has been
/// superseded by decision: [0009 …](0009-….md)`.
fn superseded_sentence(source: &SourceFile, line_span: Span, line: usize) -> Option<Status> {
    let text = source.slice(line_span);
    let find = |spelling| crate::casefold::find_ignore_ascii_case(text, spelling);
    let at = match (find("superseded by"), find("superceded by")) {
        (Some(one), Some(other)) => one.min(other),
        (one, other) => one.or(other)?,
    };
    let sentence = text.get(at..)?.trim_end();
    // `This decision has not been superseded by [ADR 9](…)`.
    if !sentence.contains("](") || crate::vocabulary::ends_negated(text.get(..at)?) {
        return None;
    }
    let start = line_span.start + at;
    let status = status_from(
        sentence.to_string(),
        Span::new(start, start + sentence.len()),
        line,
        StatusOrigin::Section,
    );
    (status.kind == crate::model::StatusKind::Superseded && status.superseded_by.is_some())
        .then_some(status)
}

/// What a Nygard `## Status` section says: the status, and the records it supersedes.
/// The date a `## Date` section (`## 日付`, any language's date label) states on its first
/// line of text, as adr-tools-like logs that give the date a section of its own write it;
/// `None` when that line is not a date at all.
pub(crate) fn date_section(
    source: &SourceFile,
    sections: &[Section],
) -> Option<Located<DateValue>> {
    let section = sections.iter().find(|section| {
        section.level >= 2
            && crate::vocabulary::label(section.title.trim())
                == Some(crate::vocabulary::Label::Date)
    })?;
    for (line, span) in source.lines_in(section.body_span) {
        let text = source.slice(span);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with("<!--") {
            continue;
        }
        let value = DateValue::parse(trimmed);
        if matches!(value, DateValue::Unreadable(_)) {
            return None;
        }
        let start = span.start + (text.len() - text.trim_start().len());
        return Some(Located::new(
            value,
            Span::new(start, start + trimmed.len()),
            line,
        ));
    }
    None
}

/// A line without its list marker (`* `, `- `, `+ `): a `*` not followed by a space is
/// emphasis (`**Accepted**`), not a marker.
pub(super) fn without_list_marker(line: &str) -> &str {
    let mut rest = line;
    while let Some(after) = rest
        .strip_prefix(['*', '-', '+'])
        .filter(|after| after.is_empty() || after.starts_with([' ', '\t']))
    {
        rest = after.trim_start();
    }
    rest
}

/// `span` narrowed to the text its leading emphasis holds (`**Accepted**`, `_Proposed_`,
/// `**Approved** by TSC vote` → the status word), trimmed; `span` itself when it does not
/// open with emphasis closed on the same line.
pub(crate) fn emphasis_inner(source: &SourceFile, span: Span) -> Span {
    let whole = source.slice(span);
    // `✅ **Accepted**`: a badge before the emphasis (an edit drops it with the old status).
    let text = match whole.split_once(char::is_whitespace) {
        Some((badge, rest)) if crate::model::is_badge(badge) => rest.trim_start(),
        _ => whole,
    };
    let text_start = span.start + (whole.len() - text.len());
    for marker in ["**", "__", "*", "_"] {
        let Some(rest) = text.strip_prefix(marker) else {
            continue;
        };
        let Some(inner) = rest.find(marker).and_then(|close| rest.get(..close)) else {
            return span;
        };
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            return span;
        }
        let start = text_start + marker.len() + (inner.len() - inner.trim_start().len());
        return Span::new(start, start + trimmed.len());
    }
    span
}

/// `列表：提议/通过/完成/已弃用/已取代`, `proposed | accepted | rejected`: the template's
/// list of the statuses to choose from, not a status.
/// Whether a line is a bold label and its value (`**提案日**: 2025-10-28`, `**Owner:** x`).
pub(super) fn is_bold_label(content: &str) -> bool {
    content.strip_prefix("**").is_some_and(|rest| {
        rest.split_once("**").is_some_and(|(label, after)| {
            !label.is_empty()
                && (label.ends_with([':', '：']) || after.trim_start().starts_with([':', '：']))
        })
    })
}

/// The one choice of a list of choices in bold (`**` or `__`), with its offset in
/// `content`: the status a template's list was marked with.
pub(super) fn the_bold_choice(content: &str) -> Option<(usize, &str)> {
    let mut chosen = None;
    let mut at = 0;
    for part in content.split(['/', '|']) {
        let trimmed = part.trim();
        let inner = ["**", "__"]
            .iter()
            .find_map(|marker| trimmed.strip_prefix(marker)?.strip_suffix(marker));
        if let Some(inner) = inner.filter(|inner| !inner.trim().is_empty()) {
            if chosen.is_some() {
                return None;
            }
            let offset = at + part.find(inner)?;
            chosen = Some((offset, inner));
        }
        at += part.len() + 1;
    }
    chosen
}

pub(crate) fn is_choice_list(content: &str) -> bool {
    let parts: Vec<&str> = content.split(['/', '|']).collect();
    parts.len() >= 3
        && parts
            .iter()
            .filter(|part| {
                !matches!(
                    Status::read(part.trim().trim_matches(['[', ']', '{', '}'])).0,
                    crate::model::StatusKind::Other(_)
                )
            })
            .count()
            >= 3
}

pub(super) fn starts_with_date(content: &str) -> bool {
    let head: String = content.chars().take_while(|c| !c.is_whitespace()).collect();
    let head = head.trim_end_matches([':', ',']);
    head.len() >= 8
        && head.starts_with(|c: char| c.is_ascii_digit())
        && head
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
}

/// Jekyll sites write `{{ page.adr_status }}` in the body; its value is in the front matter.
pub(super) fn substitute_liquid_page_values(
    text: &str,
    front_matter_value: &impl Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, opened)) = rest.split_once("{{") {
        let Some((expression, after)) = opened.split_once("}}") else {
            break;
        };
        out.push_str(before);
        match expression
            .trim()
            .strip_prefix("page.")
            .and_then(front_matter_value)
        {
            Some(value) => out.push_str(&value),
            None => {
                out.push_str("{{");
                out.push_str(expression);
                out.push_str("}}");
            }
        }
        rest = after;
    }

    out.push_str(rest);
    out.trim().to_string()
}

/// Whether the line `line` is an item of a list right under a line labelled "supersedes" in
/// any language (`**Supersedes:**`, `**替代（Supersedes）**：`), blank lines and other items
/// between.
fn listed_under_supersedes_label(source: &SourceFile, line: usize) -> bool {
    (0..line)
        .rev()
        .map(|above| source.slice(source.line_span(above)).trim())
        .find(|text| {
            let is_item = ["- ", "* ", "+ "]
                .iter()
                .any(|marker| text.starts_with(marker));
            !text.is_empty() && !is_item
        })
        .is_some_and(crate::vocabulary::is_supersedes_label)
}

/// Records named on a line after "supersedes" (`This decision supersedes [ADR-0012](…)`) or
/// a label meaning it in another language (`- **取代**：[ADR-0002](…)`): by a relative link,
/// a link to its page on the site the log is published as (`[ADR 1](/adr/1)`), or by the
/// URL of the record's file on a forge (`Supersedes:
/// https://github.com/o/r/blob/main/docs/adr/0036-x.md`, Kuma), linked or bare.
pub(crate) fn supersede_links(
    source: &SourceFile,
    links: &[crate::model::Link],
) -> Vec<Located<RecordRef>> {
    let after_supersedes = |line: usize, at: usize| {
        let before = source
            .text
            .get(source.line_start(line)..at)
            .unwrap_or("")
            .to_lowercase();
        // `**替代（Supersedes）**：` over the list of the records it names, one an item.
        if before
            .trim()
            .trim_start_matches(['-', '*', '+'])
            .trim()
            .is_empty()
            && listed_under_supersedes_label(source, line)
        {
            return true;
        }
        // `**Supersedes:** nothing. Builds on [ADR 0002](…)` (hu-strumsight, review M): the
        // line says the record supersedes none, and the link is another sentence's.
        let said_after = before
            .rfind("supersede")
            .or_else(|| before.rfind("supercede"))
            .or_else(|| before.rfind("replaces"))
            .and_then(|at| before.get(at..))
            .unwrap_or("");
        if said_after
            .split(|c: char| !c.is_alphanumeric() && c != '/')
            .any(|word| matches!(word, "nothing" | "none" | "n/a" | "no"))
            || said_after.contains(". ")
        {
            return false;
        }
        let verb_at = ["supersede", "supercede", "replaces"]
            .iter()
            .filter_map(|verb| before.rfind(verb))
            .max();
        if verb_at
            .is_some_and(|at| crate::vocabulary::ends_negated(before.get(..at).unwrap_or_default()))
        {
            return false;
        }
        // `Supersedes the "option 3" portion of [ADR 0016](…)` (DEFRA, review N), `partially
        // supersedes`: the record amends that one, which stands.
        let partly = ["portion", "part of", "parts of", "section", "aspect"]
            .iter()
            .any(|part| said_after.contains(part))
            || ["partially", "partly", "in part"]
                .iter()
                .any(|part| before.contains(part));
        if partly {
            return false;
        }
        before.contains("supersedes")
            || before.contains("supercedes")
            // `We supersede [ADR 17](/adr/17)` (Hydra); not `superseded`.
            || before
                .split(|c: char| !c.is_alphabetic())
                .any(|word| word == "supersede" || word == "supercede")
            || before
                .trim_start_matches(['*', '-', ' '])
                .starts_with("replaces")
            || crate::vocabulary::is_supersedes_label(&before)
    };
    let mut found: Vec<Located<RecordRef>> = links
        .iter()
        .filter(|link| {
            let target = link.target.trim();
            // `[ADR 1](/adr/1)`: a page of the site the log is published as (Hydra).
            let site_path = target.starts_with('/') && !target.starts_with("//");
            link.is_relative() || site_path || crate::log_path::is_forge_file_url(target)
        })
        .filter(|link| after_supersedes(link.line, link.span.start))
        .filter_map(|link| {
            let reference = RecordRef::parse(source.slice(link.span))?;
            Some(Located::new(reference, link.span, link.line))
        })
        .collect();
    // A bare URL is no link to the Markdown parser, though GitHub shows it as one.
    let may_have_bare = source.text.contains("http")
        && (source.text.contains("upersedes") || source.text.contains("upercedes"));
    if may_have_bare {
        for (line, span) in source.lines_in(Span::new(0, source.text.len())) {
            let text = source.slice(span);
            let mut from = 0;
            while let Some(at) = text.get(from..).and_then(|rest| rest.find("http")) {
                let start = from + at;
                let rest = text.get(start..).unwrap_or("");
                let len = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, ')' | '<' | '>' | ']' | '"'))
                    .unwrap_or(rest.len());
                from = start + len.max(1);
                let url = rest
                    .get(..len)
                    .unwrap_or("")
                    .trim_end_matches(['.', ',', ';']);
                let in_link = text
                    .get(..start)
                    .is_some_and(|before| before.ends_with("]("));
                let at = span.start + start;
                if in_link
                    || !crate::log_path::is_forge_file_url(url)
                    || !after_supersedes(line, at)
                {
                    continue;
                }
                if let Some(reference) = RecordRef::parse(url) {
                    found.push(Located::new(reference, Span::new(at, at + url.len()), line));
                }
            }
        }
    }
    found
}
