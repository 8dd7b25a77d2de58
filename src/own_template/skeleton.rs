//! The newest record of a log as a template, for `adr new` in a log that keeps no template
//! file but writes its records in a shape of its own.

use super::*;

/// The language of a skeleton of `record` (headings `written`, `translated` not English):
/// theirs when two or more are not English, English when the status is a line under the
/// title; `None` otherwise (adr-tools' and MADR's templates say the same).
fn skeleton_language(
    record: &Record,
    written: &[&str],
    translated: usize,
) -> Option<&'static crate::vocabulary::Language> {
    let language = crate::vocabulary::language_of_headings(written)?;
    if translated >= 2 {
        return Some(language);
    }
    // `- **Status:** Accepted` (1cai-public), `status: accepted` (AILSS), not `## Status`;
    // English (its headings read as French too: `Context`, `Decision`).
    let status_under_title = record.style == crate::model::Style::Nygard
        && record.section("Status").is_none()
        && record
            .status
            .as_ref()
            .is_some_and(|status| status.origin == crate::model::StatusOrigin::Bullet);
    status_under_title.then_some(*crate::vocabulary::LANGUAGES.first()?)
}

/// The outline of `record` as a template, for `adr new` in a log written in another
/// language that keeps no template file: its `##` headings that name a known part
/// (`## Contexto`, `## Статус`, `## Дата создания`) as written, its own `Data:` and status
/// lines, and its language's word for `proposed`. `None` for a record whose front matter
/// states its status (the built-in MADR template writes that), or whose headings are
/// English and status a `## Status` section (adr-tools' and MADR's templates say the same;
/// see [`skeleton_language`]). Front matter that holds only a
/// site generator's keys (Jekyll's `parent`, `nav_order`) is not copied: its values are the
/// newest record's.
pub fn skeleton_of(record: &Record) -> Option<String> {
    let front_matter = record.front_matter.as_ref();
    front_matter
        .is_none_or(|front_matter| front_matter.get("status").is_none())
        .then_some(())?;
    let parts: Vec<_> = record
        .sections
        .iter()
        .filter(|section| {
            let name = crate::vocabulary::heading_name(&section.title);
            section.level == 2
                && ((crate::model::DECISION_SECTIONS.contains(&section.key())
                    || OTHER_PARTS.contains(&section.key()))
                    || label(&name) == Some(Label::Date))
        })
        .collect();
    // Two parts in other words at least: one English log's `## Validation` is French too.
    let translated = parts
        .iter()
        .filter(|section| crate::vocabulary::heading_name(&section.title) != section.key())
        .count();
    let written: Vec<&str> = parts.iter().map(|part| part.title.as_str()).collect();
    let language = skeleton_language(record, &written, translated)?;
    let upper = record
        .status
        .as_ref()
        .is_none_or(|status| status.raw.trim_start().starts_with(char::is_uppercase));
    let proposed = language.status_word(Kind::Proposed).map_or_else(
        || "Proposed".to_string(),
        |word| match upper {
            true => crate::casefold::capitalised(word),
            false => word.to_string(),
        },
    );
    let source = &record.source;
    let first_part = parts
        .first()
        .map_or(source.text.len(), |part| part.span.start);
    let mut text = String::from("# TITLE\n\n");
    // The preamble's labelled lines (`- **Estado:** aceptado`, `- **Decisores:** …`,
    // `Data: …`) in their order and grouping: the status takes `proposed`, the date `DATE`,
    // any other label is left for the author to fill in.
    let title_line = record.title.as_ref().map_or(0, |title| title.line);
    let status_line = record.status.as_ref().map(|status| status.line);
    let mut preamble = String::new();
    let mut dated_preamble = false;
    for line in title_line + 1..source.line_count() {
        let span = source.line_span(line);
        if span.start >= first_part {
            break;
        }
        let written = source.slice(span).trim_end();
        if written.trim().is_empty() {
            if !preamble.is_empty() && !preamble.ends_with("\n\n") {
                preamble.push('\n');
            }
        } else if let Some(dated) = dated(written, "DATE") {
            dated_preamble = true;
            preamble.push_str(&format!("{dated}\n"));
        } else if let Some(status) = record.status.as_ref().filter(|_| status_line == Some(line)) {
            let line_start = span.start;
            let before = written.get(..status.span.start.saturating_sub(line_start));
            let after = written.get(status.span.end.saturating_sub(line_start)..);
            if let (Some(before), Some(after)) = (before, after) {
                preamble.push_str(&format!("{before}{proposed}{after}\n"));
            }
        } else if let Some(head) = labelled_head(written) {
            preamble.push_str(&format!("{head}\n"));
        }
    }
    // A record that gives no date still gets one, under the language's label.
    if !dated_preamble
        && record.date.is_none()
        && let Some(label) = language.label(Label::Date)
    {
        text.push_str(&format!(
            "{}: DATE\n\n",
            crate::casefold::capitalised(label)
        ));
    }
    if !preamble.trim().is_empty() {
        text.push_str(preamble.trim_end());
        text.push_str("\n\n");
    }
    // The parts an adr-tools record needs and the newest one left out, in its language;
    // and a status section when the record states none (`adr new` gives every record one).
    let mut missing = Vec::new();
    let status_part = language
        .heading("Status")
        .filter(|_| record.status.is_none())
        .map(|heading| (heading, "status"));
    if record.style == crate::model::Style::Nygard {
        for english in ["Context", "Decision", "Consequences"] {
            let present = parts.iter().any(|part| part.is_named(english));
            if let Some(heading) = language.heading(english)
                && !present
            {
                missing.push((heading, ""));
            }
        }
    }
    let titles = status_part
        .into_iter()
        .chain(parts.iter().map(|part| (part.title.as_str(), part.key())))
        .chain(missing);
    for (title, key) in titles {
        text.push_str(&format!("## {title}\n\n"));
        match key {
            "status" => text.push_str(&format!("{proposed}\n\n")),
            key if key == "date" || label(&normalize_heading(title)) == Some(Label::Date) => {
                text.push_str("DATE\n\n")
            }
            _ => {}
        }
    }
    Some(text)
}
