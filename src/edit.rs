//! Changes to existing records as byte-span replacements, never a YAML or Markdown
//! round-trip: key order, comments, quoting, CRLF and a BOM survive every edit.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::error::{Error, Result};
use crate::model::{FrontMatterSyntax, Record, Status, StatusOrigin, Style};
use crate::source::{SourceFile, Span};

mod front_matter_value;
mod log_words;
mod status_text;

use front_matter_value::{check_one_line_status, front_matter_scalar, null_value_edit};
pub use front_matter_value::{front_matter_value_edit, toml_string, yaml_scalar};
pub use log_words::{log_badge, log_spelling, log_word};
use status_text::{badge_before_emphasis, emphasised_with_note, status_comment};

/// Replace `span` with `replacement` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::empty(at),
            replacement: text.into(),
        }
    }
}

/// Applies non-overlapping edits. Overlapping ones after the first are skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut cursor = 0;
    for edit in sorted {
        // A span outside the text or inside a character is skipped like an overlap; the
        // proof that follows every rewrite then refuses the result.
        let Some(kept) = text
            .get(cursor..edit.span.start)
            .filter(|_| text.is_char_boundary(edit.span.end) && edit.span.start <= edit.span.end)
        else {
            continue;
        };
        out.push_str(kept);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(text.get(cursor..).unwrap_or_default());
    out
}

/// The edit that sets a record's status to `value` (`accepted`, or a full
/// `superseded by [ADR-0009](0009-x.md)`), written the way the record writes it. A status
/// written in a shape that one span replacement cannot change safely (a YAML block scalar,
/// anchor, alias, tag, complex key, list or map, or a value continued on the next line) is
/// refused with a message saying so, and the record is left as it is.
pub fn status_edit(record: &Record, value: &str) -> Result<Edit> {
    status_edit_with_badge(record, value, None)
}

/// [`status_edit`], the new status written behind `badge` when there is one.
pub fn status_edit_with_badge(record: &Record, value: &str, badge: Option<&str>) -> Result<Edit> {
    if let Some(edit) = checklist_edit(record, value) {
        return edit;
    }
    let Some(status) = &record.status else {
        return no_status_edit(record, value);
    };
    if status.origin == StatusOrigin::FrontMatter {
        check_one_line_status(record)?;
    }
    let written = record.source.slice(status.span);
    if let Some(edit) =
        status_text::attribute_edit(status.span, written, successor_named(value), value)
    {
        return Ok(edit);
    }
    // `Proposto` becomes `Aceito`, not `Accepted`: the record's own language, also for a
    // successor (`reemplazado por [ADR-0002](…)`).
    let headings: Vec<&str> = record.sections.iter().map(|s| s.title.as_str()).collect();
    // `2020-03-25 accepted`: a dated line of the status's history (CaenCamp, whose French
    // records keep English statuses) is in the language of its word.
    let language = crate::vocabulary::language_for_status(
        crate::model::without_leading_date(&status.raw),
        &headings,
    );
    let successor_in_language =
        successor_named(value)
            .zip(language)
            .and_then(|(successor, language)| {
                crate::vocabulary::superseded_by_in(language, successor, &record.source.text)
            });
    let value = match (&successor_in_language, language) {
        (Some(translated), _) => translated.as_str(),
        (None, Some(language)) => {
            crate::vocabulary::status_word_in(language, value, &record.source.text).unwrap_or(value)
        }
        (None, None) => value,
    };
    // `ACCEPTED` becomes `DEPRECATED` (LBHackney-IT/lbh-adrs writes every status so), but a
    // successor's link keeps its title as written.
    let shouting = written.chars().filter(|c| c.is_uppercase()).count() > 1
        && !written.chars().any(char::is_lowercase);
    let value = if shouting && !value.contains('[') {
        value.to_uppercase()
    } else if written
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
        || record.style == Style::Nygard && status.origin == StatusOrigin::Section
    {
        crate::casefold::capitalised(value)
    } else {
        value.to_string()
    };
    if status.origin == StatusOrigin::Section
        && let Some(edit) = status_text::dated_entry_edit(&record.source.text, status.span, &value)
    {
        return Ok(edit);
    }
    let replacement = match status.origin {
        StatusOrigin::FrontMatter => {
            // YAML is not Markdown: `superseded by ADR-0012`, as MADR's template writes it,
            // not a link that every page showing the front matter prints as written.
            front_matter_scalar(record, written, &without_link_markup(&value))
        }
        // `Akzeptiert - Erweiterung um Dashboard-Anforderungen` (cap-fiori-timetracking, whose
        // template asks for `{Status} – kurzer Statuskommentar`): the comment after the
        // status word is the author's, and stays.
        StatusOrigin::Bullet | StatusOrigin::Section | StatusOrigin::Table => {
            let badged = match badge {
                Some(badge) => format!("{badge} {value}"),
                None => value,
            };
            badged + status_comment(written)
        }
    };
    // `✅ **Accepted**`: the badge tells the old status, and goes with it.
    let (start, replacement) = match badge_before_emphasis(&record.source.text, status.span) {
        Some((badge_start, opening)) => (badge_start, format!("{opening}{replacement}")),
        None => (status.span.start, replacement),
    };
    if status.origin != StatusOrigin::Table
        && let Some((span, closing)) = emphasised_with_note(&record.source.text, status.span)
    {
        return Ok(Edit::replace(
            Span::new(start, span.end),
            replacement + &closing,
        ));
    }
    Ok(Edit::replace(
        Span::new(start, status.span.end),
        replacement,
    ))
}

/// The edit giving a status to a record that states none: a `status` key added to (or
/// filled in) its front matter; an error when it has no front matter to hold one.
fn no_status_edit(record: &Record, value: &str) -> Result<Edit> {
    match &record.front_matter {
        Some(front_matter) => match front_matter.get("status") {
            // `status:`, `status: ~`, `status: null`: the value goes where the null is.
            Some(entry) => null_value_edit(record, entry, value),
            None => {
                let newline = if record.source.text.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                let line = match front_matter.syntax {
                    FrontMatterSyntax::Yaml => format!("status: {}", yaml_scalar(value)),
                    FrontMatterSyntax::Toml => format!("status = {}", toml_string(value)),
                };
                Ok(Edit::insert(
                    front_matter.yaml_span.start,
                    format!("{line}{newline}"),
                ))
            }
        },
        None => {
            // In the record's language: `## Statut` in a French log, as `adr new` writes it.
            let headings: Vec<&str> = record.sections.iter().map(|s| s.title.as_str()).collect();
            let language = crate::vocabulary::language_written(&headings);
            let heading = language
                .and_then(|language| language.heading("Status"))
                .unwrap_or("Status");
            let label = language
                .and_then(|language| language.label(crate::vocabulary::Label::Status))
                .map_or_else(|| "Status".to_string(), crate::casefold::capitalised);
            Err(Error::record(
                record.path(),
                record.title.as_ref().map(|title| title.line),
                format!(
                    "the record states no status to change: add a `status:` front-matter key, a `* {label}:` bullet or a `## {heading}` section first"
                ),
            ))
        }
    }
}

/// A status kept as a checklist of stages ([`crate::parse::status_checklist`]): the stage
/// `value` names ticked and dated today, the successor's link in place of the stage's
/// emphasised prompt (`_lenke til ADR som erstatter denne_`) or after it. An error when no
/// stage names `value`, or a later stage is ticked; `None` when the status is no checklist.
fn checklist_edit(record: &Record, value: &str) -> Option<Result<Edit>> {
    use crate::parse::status_checklist::{stages, ticked_text};
    let section = record.section("status")?;
    let stages = stages(&record.source, section.body_span)?;
    let source = &record.source;
    let wanted = read_kind(value).0;
    let named = |stage: &&crate::parse::status_checklist::Stage| {
        read_kind(source.slice(stage.text)).0 == wanted
    };
    let Some(at) = stages.iter().position(|stage| named(&stage)) else {
        let names: Vec<String> = stages
            .iter()
            .map(|stage| {
                let text = source.slice(stage.text);
                let word = text.split(['(', '_', '*']).next().unwrap_or(text).trim();
                format!("`{word}`")
            })
            .collect();
        return Some(Err(Error::record(
            record.path(),
            Some(section.line),
            format!(
                "the status is a checklist of stages ({}), and none of them is `{value}`: tick the stage that holds by hand, or add one for it",
                names.join(", ")
            ),
        )));
    };
    if let Some(later) = stages.iter().skip(at + 1).find(|stage| stage.ticked) {
        return Some(Err(Error::record(
            record.path(),
            Some(later.line),
            format!(
                "a later stage of the status checklist, `{}`, is ticked: untick it by hand first",
                source.slice(later.text)
            ),
        )));
    }
    let stage = stages.get(at)?;
    let today = crate::clock::today().to_string();
    let mut text = ticked_text(source, stage, &today);
    if let Some(successor) = successor_named(value) {
        let prompt_at = text.find(['_', '*']).filter(|&at| {
            let closing = text.get(at..at + 1).unwrap_or("_");
            text.trim_end().ends_with(closing)
        });
        match prompt_at {
            Some(at) => text.replace_range(at.., successor),
            None => {
                text.push(' ');
                text.push_str(successor);
            }
        }
    }
    Some(Ok(Edit::replace(
        Span::new(stage.mark.start, stage.text.end),
        format!("x] {text}"),
    )))
}

/// `text` with each Markdown link (`[ADR-0012](0012-linter.md)`) replaced by its text.
fn without_link_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, opened)) = rest.split_once('[') {
        let Some((label, target)) = opened
            .split_once("](")
            .and_then(|(label, after)| Some((label, after.split_once(')')?)))
            .filter(|(label, _)| !label.contains(['[', ']']))
        else {
            out.push_str(before);
            out.push('[');
            rest = opened;
            continue;
        };
        out.push_str(before);
        out.push_str(label);
        rest = target.1;
    }
    out.push_str(rest);
    out
}

/// How a status naming its successor starts (`superseded by [ADR-0011](…)`).
const SUPERSEDED_BY: &str = "superseded by ";

/// What a status value written `superseded by X` names as the successor (`X`, trimmed),
/// when it names one.
pub fn successor_named(value: &str) -> Option<&str> {
    crate::casefold::strip_prefix_ignore_ascii_case(value, SUPERSEDED_BY)
        .map(str::trim)
        .filter(|successor| !successor.is_empty())
}

/// `edit` applied to the record's text, with the status the body restates beside the front
/// matter's (a `## Status` section kept under added front matter) rewritten to `value` too,
/// and an empty `superseded by:` field given the successor, and proven: the result parses
/// as a record, its status (and the restated one) reads back as `value`, and no byte outside
/// the edited spans changed. A failed proof is an error naming the file; nothing is written.
pub fn apply_status_edit(record: &Record, edit: &Edit, value: &str) -> Result<String> {
    apply_status_edits(record, vec![edit.clone()], value, value)
}

/// [`apply_status_edit`] of `edits`, the first the status's, with the status written as
/// `written` meaning `value`: a bare `deprecated` whose successor another edit puts in a
/// front-matter key. The restated status and an empty successor field take `value`.
pub fn apply_status_edits(
    record: &Record,
    mut edits: Vec<Edit>,
    written: &str,
    value: &str,
) -> Result<String> {
    let outside = |edits: &[Edit], span: Span| {
        edits
            .iter()
            .all(|edit| span.end <= edit.span.start || edit.span.end <= span.start)
    };
    // `superseded by [ADR-0011](…)` also goes into an empty `- superseded by: -` field the
    // record keeps for it (univention): left `-`, the record said two things.
    if let Some(link) = successor_named(value)
        && let Some(field) = crate::parse::legacy::empty_field(record, "superseded by")
        && outside(&edits, field)
    {
        edits.push(Edit::replace(field, link));
    }
    let wanted = read_kind(value);
    // A restated status that already says so (`Akzeptiert` under `status: accepted`) is
    // left as its author wrote it.
    if let Some(restated) = &record.status_restated
        && !restated.span.is_empty()
        && !same_meaning(&read_kind(&restated.raw), &wanted)
        && outside(&edits, restated.span)
    {
        // `Aceptada` under `status: accepted` becomes `Reemplazado por [ADR-0003](…)`, in the
        // section's language, as `Obsoleto` does (v2m-lab).
        let successor_in_language = successor_named(value)
            .zip(crate::vocabulary::language_for_status(&restated.raw, &[]))
            .and_then(|(successor, language)| {
                crate::vocabulary::superseded_by_in(language, successor, &record.source.text)
            });
        let word = successor_in_language.as_deref().unwrap_or_else(|| {
            crate::vocabulary::status_word_like(&restated.raw, value, &record.source.text)
                .unwrap_or(value)
        });
        edits.push(Edit::replace(
            restated.span,
            cased_like(word, &restated.raw),
        ));
    }
    let text = apply_edits(&record.source.text, &edits);
    prove_outside_unchanged(record.path(), &record.source.text, &text, &edits)?;
    let reparsed = reparse(record, &text)?;
    let read_back = reparsed
        .status
        .as_ref()
        .map(|status| read_kind(&status.raw));
    let restated_back = reparsed
        .status_restated
        .as_ref()
        .map(|status| read_kind(&status.raw));
    let restated_agrees = restated_back.is_none_or(|restated| same_meaning(&restated, &wanted));
    // A status kept in a component's attribute (`<adr-status status='superseded'>`) names
    // no successor: the successor's `Supersedes` line does.
    let in_attribute = record.status.as_ref().is_some_and(|status| {
        crate::model::tag_attribute_range(record.source.slice(status.span), "status").is_some()
    });
    let status_wanted = read_kind(written);
    let reads_back = read_back.is_some_and(|read| match in_attribute {
        true => read.0 == status_wanted.0,
        false => same_meaning(&read, &status_wanted),
    });
    if !reads_back || !restated_agrees {
        return Err(Error::record(
            record.path(),
            record.status.as_ref().map(|status| status.line),
            format!(
                "changing the status would not read back as `{written}` (it would read as `{}`), so the file was left as it is: change it by hand",
                reparsed
                    .status
                    .as_ref()
                    .map_or("no status", |status| status.raw.as_str())
            ),
        ));
    }
    Ok(text)
}

/// What a status value means, in any language the vocabulary knows, with the record it
/// names as its successor: by number, slug and log, not by spelling (a status in another
/// language is read folded: `reemplazado por [adr-0002](…)`).
type StatusMeaning = (
    crate::model::StatusKind,
    Option<(Option<u32>, Option<String>, Option<String>)>,
);

/// Whether two statuses mean the same: a successor named without its slug (`superseded by
/// ADR-0002`, as front matter writes it) is the one named with it, in the same log.
fn same_meaning(read: &StatusMeaning, wanted: &StatusMeaning) -> bool {
    match (read, wanted) {
        (
            (kind, Some((number, slug, log))),
            (wanted_kind, Some((wanted_number, wanted_slug, wanted_log))),
        ) => {
            kind == wanted_kind
                && number == wanted_number
                && log == wanted_log
                && (slug.is_none() || wanted_slug.is_none() || slug == wanted_slug)
        }
        _ => read == wanted,
    }
}

fn read_kind(value: &str) -> StatusMeaning {
    let (kind, successor, _) = Status::read(value);
    let successor = successor.map(|successor| {
        let slug = successor.slug.map(|slug| crate::vocabulary::fold(&slug));
        (successor.number, slug, successor.log)
    });
    (kind, successor)
}

/// `value` with its first letter in the case of `like`'s (`Accepted` where the body wrote
/// `Proposed`).
fn cased_like(value: &str, like: &str) -> String {
    match like.trim_start().starts_with(char::is_uppercase) {
        true => crate::casefold::capitalised(value),
        false => value.to_string(),
    }
}

/// `edits` applied to a record's text and proven: nothing outside the edited spans changed
/// and the result still reads as a record.
pub fn apply_record_edits(record: &Record, edits: &[Edit]) -> Result<String> {
    let text = apply_edits(&record.source.text, edits);
    if text != record.source.text {
        prove_outside_unchanged(record.path(), &record.source.text, &text, edits)?;
        reparse(record, &text)?;
    }
    Ok(text)
}

/// The record parsed again from `text`, or an error saying the edit would break it.
pub fn reparse(record: &Record, text: &str) -> Result<Record> {
    let source = SourceFile::new(record.path(), text.to_string());
    crate::parse::parse_record(source, record.rel_path.clone(), record.file.clone()).map_err(
        |failure| {
            Error::record(
                record.path(),
                failure.line,
                format!(
                    "the edit would leave the record unreadable ({}), so the file was left as it is: change it by hand",
                    failure.message
                ),
            )
        },
    )
}

/// Checks that `after` is `before` with exactly `edits` applied: every byte outside the
/// edited spans is the same, in the same order.
pub fn prove_outside_unchanged(
    path: &std::path::Path,
    before: &str,
    after: &str,
    edits: &[Edit],
) -> Result<()> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut before_at = 0;
    let mut after_at = 0;
    let mut same = true;
    for edit in sorted {
        let kept = before.get(before_at..edit.span.start);
        let kept_len = edit.span.start.saturating_sub(before_at);
        same &= kept.is_some() && kept == after.get(after_at..after_at + kept_len);
        same &= after.get(after_at + kept_len..after_at + kept_len + edit.replacement.len())
            == Some(edit.replacement.as_str());
        after_at += kept_len + edit.replacement.len();
        before_at = edit.span.end;
    }
    same &= before.get(before_at..) == after.get(after_at..);
    if same {
        Ok(())
    } else {
        Err(Error::record(
            path,
            None,
            "an edit would change bytes outside the value it sets, so the file was left as it is: please report this",
        ))
    }
}

/// The status text saying `old` is superseded by the record at `new_rel_path`, in the form
/// `old`'s style uses: MADR's `superseded by [ADR-0009](0009-x.md)`, adr-tools'
/// `Superseded by [9. Title](0009-x.md)`.
pub fn superseded_status(
    old: &Record,
    new_rel_path: &str,
    new_title: &str,
    new_number: u32,
) -> String {
    let link = crate::log_path::markdown_link(&old.rel_path, new_rel_path);
    let file =
        crate::discover::FileName::parse(new_rel_path.rsplit('/').next().unwrap_or(new_rel_path));
    let number = file
        .as_ref()
        .and_then(|file| file.number)
        .or(Some(new_number).filter(|n| *n > 0));
    // A status in front matter takes MADR's form whatever the body's style: YAML shows the
    // link's text alone, and `superseded by ADR-0003` is what MADR's template writes there.
    let in_front_matter = old
        .status
        .as_ref()
        .is_some_and(|status| status.origin == crate::model::StatusOrigin::FrontMatter);
    match (old.style, number) {
        (Style::Nygard, Some(number)) if !in_front_matter => {
            format!("Superseded by [{number}. {new_title}]({link})")
        }
        (_, Some(number)) => format!("superseded by [{}]({link})", log_id(file.as_ref(), number)),
        (_, None) => {
            let stem = new_rel_path
                .rsplit('/')
                .next()
                .unwrap_or(new_rel_path)
                .trim_end_matches(".md");
            format!("superseded by [{stem}]({link})")
        }
    }
}

/// How the log names record `number`: `ADR-001` where its files are `ADR-001-….md` or
/// `001-….md`, else `ADR-0001`.
pub(crate) fn log_id(file: Option<&crate::discover::FileName>, number: u32) -> String {
    match file.map(|file| &file.scheme) {
        Some(crate::discover::NamingScheme::Prefixed { prefix, digits, .. })
            if *digits > 0 && prefix.eq_ignore_ascii_case("adr-") =>
        {
            format!("ADR-{number:0digits$}", digits = *digits)
        }
        // `002-phase2.md`: three digits, as the log's ids (`ADR-002`) are.
        Some(crate::discover::NamingScheme::Numbered { digits: 3 }) => format!("ADR-{number:03}"),
        _ => crate::model::adr_id(number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_quote_only_when_needed() {
        assert_eq!(yaml_scalar("accepted"), "accepted");
        assert_eq!(
            yaml_scalar("superseded by [ADR-0002](0002-x.md)"),
            "\"superseded by [ADR-0002](0002-x.md)\""
        );
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("2025-05-11"), "2025-05-11");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("O'Brien"), "\"O'Brien\"");
        // Numbers in other bases read back as numbers (proptest: a tag `0o0` came back `0`).
        for number in ["0o0", "0o17", "0x1F", "0b101", "1_000"] {
            let written = yaml_scalar(number);
            let read: yaml_serde::Mapping =
                yaml_serde::from_str(&format!("value: {written}\n")).unwrap();
            assert_eq!(
                read.get("value").and_then(|v| v.as_str()),
                Some(number),
                "{written}"
            );
        }
    }

    #[test]
    fn edits_apply_in_order() {
        let text = "abcdef";
        let edits = [
            Edit::replace(Span::new(4, 5), "E"),
            Edit::insert(0, ">"),
            Edit::replace(Span::new(1, 3), ""),
        ];
        assert_eq!(apply_edits(text, &edits), ">adEf");
    }
}
