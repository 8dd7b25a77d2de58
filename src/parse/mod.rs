//! From a file's bytes to a [`Record`]. Never fails on content: a record with odd metadata
//! still loads and lint reports the oddity. Only what makes a file unreadable as a record
//! (not UTF-8, too large, front matter that is not YAML) becomes a [`LoadFailure`].

#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

mod empty_field;
pub(crate) mod front_matter;
mod heading_fields;
pub(crate) mod heading_id;
pub(crate) mod legacy;
mod line_fields;
pub(crate) mod markdown;
mod metadata_table;
pub(crate) mod options;
mod relations;
mod simple_yaml;
pub(crate) mod status_checklist;
mod status_section;
pub(crate) mod style;
mod title;
mod title_status;
mod toml_front_matter;

pub(crate) use title::is_title_label;
use title::read_title;

use crate::model::title_number::own_number_stripped;
pub(crate) use crate::model::title_number::strip_title_number;

use std::path::Path;

use crate::discover::FileName;
use crate::model::{
    DateValue, FailureKind, FieldIssue, FrontMatter, FrontMatterUnread, LoadFailure, Located,
    Record, RecordRef, Section, Status, StatusOrigin,
};
use crate::source::{SourceFile, Span};
use front_matter::FrontMatterError;

pub use crate::model::is_known_front_matter_key;
pub use front_matter::MAX_FRONT_MATTER_BYTES;

/// Files larger than this are refused unread: no decision record is 8 MiB, and reading
/// one would cost every run its memory.
pub const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;

/// Reads and parses one record file.
/// How much of a record to read. Commands that show only metadata (`list`, `index`) skip
/// the body analysis; at 10,000 records that is most of the cost of a load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Depth {
    /// Everything: sections, options, links, comments.
    #[default]
    Full,
    /// Identity, title, status (and what supersedes what), date and people. The body is read
    /// only as far as needed: to the title and the end of the preamble (the first H2, where
    /// legacy metadata lines stop) when the front matter states the status and nothing
    /// mentions superseding; to the end otherwise. Option lists stay empty.
    Metadata,
}

/// Reads and parses one record file.
pub fn load_record(
    path: &Path,
    rel_path: String,
    file: FileName,
) -> Result<Record, Box<LoadFailure>> {
    load_record_at(path, rel_path, file, Depth::Full)
}

/// Reads and parses one record file to the given depth.
pub fn load_record_at(
    path: &Path,
    rel_path: String,
    file: FileName,
    depth: Depth,
) -> Result<Record, Box<LoadFailure>> {
    let failure = |kind, message: String| {
        Box::new(LoadFailure {
            path: path.to_path_buf(),
            rel_path: rel_path.clone(),
            file: file.clone(),
            kind,
            line: None,
            column: None,
            message,
            source: None,
        })
    };
    // Read the one way every user file is read (`fs::read_text_checked`): a FIFO, a device or
    // a file over the cap is refused, never waited on or read without bound. Links were
    // checked by discovery (records stay inside the log), so no `realpath` per record here.
    let text = match crate::fs::read_text_checked(path, None, MAX_RECORD_BYTES) {
        Ok(text) => text,
        Err(crate::fs::ReadError::NotRegular { kind: "directory" }) => {
            return Err(failure(
                FailureKind::Unreadable,
                "a directory is named like a record: rename it".into(),
            ));
        }
        Err(crate::fs::ReadError::TooLarge { bytes, cap }) => {
            return Err(failure(
                FailureKind::TooLarge,
                format!(
                    "{} for a record: split it or move attachments out",
                    crate::fs::size_message(bytes, cap)
                ),
            ));
        }
        Err(error @ crate::fs::ReadError::NotUtf8 { line, .. }) => {
            let mut failure = failure(FailureKind::NotUtf8, error.to_string());
            failure.line = Some(line);
            return Err(failure);
        }
        Err(error) => return Err(failure(FailureKind::Unreadable, error.to_string())),
    };
    parse_record_at(SourceFile::new(path, text), rel_path, file, depth)
}

/// Parses a record from its text.
pub fn parse_record(
    source: SourceFile,
    rel_path: String,
    file: FileName,
) -> Result<Record, Box<LoadFailure>> {
    parse_record_at(source, rel_path, file, Depth::Full)
}

/// Parses a record from its text to the given depth.
pub fn parse_record_at(
    source: SourceFile,
    rel_path: String,
    file: FileName,
    depth: Depth,
) -> Result<Record, Box<LoadFailure>> {
    let failure =
        |source: SourceFile, rel_path: String, file: FileName, error: FrontMatterError| {
            Box::new(LoadFailure {
                path: source.path.clone(),
                rel_path,
                file,
                kind: error.kind,
                line: Some(error.line),
                column: Some(error.column),
                message: error.message,
                source: Some(source),
            })
        };
    let fences = match front_matter::find_fences(&source) {
        Ok(fences) => fences,
        Err(error) => return Err(failure(source, rel_path, file, error)),
    };
    let Some(fences) = fences else {
        return Ok(build_record(source, rel_path, file, None, depth));
    };
    match front_matter::parse_entries(&source, fences) {
        Ok(front_matter) => Ok(build_record(
            source,
            rel_path,
            file,
            Some(front_matter),
            depth,
        )),
        Err(error) => match body_despite_front_matter(&source, fences) {
            true => {
                let mut record =
                    build_record_from(source, rel_path, file, None, fences.span.end, depth);
                if record.status.is_none() || record.title.is_none() {
                    return Err(failure(record.source, record.rel_path, record.file, error));
                }
                record.front_matter_unread = Some(Box::new(FrontMatterUnread {
                    span: fences.span,
                    line: error.line,
                    column: error.column,
                    message: error.message,
                }));
                Ok(record)
            }
            false => Err(failure(source, rel_path, file, error)),
        },
    }
}

/// Whether a record whose front matter cannot be read may still be read from its body:
/// when the front matter holds no status (`tag:Web Client`, a glued key on an adr-tools
/// record, in Ensembl's log), the body's `## Status` is the record's whole status, so
/// reading and editing the body cannot disagree with what the front matter meant to say.
/// The caller also asks the body for a title and a status.
fn body_despite_front_matter(source: &SourceFile, fences: front_matter::Fences) -> bool {
    source.slice(fences.yaml_span).lines().all(|line| {
        let key = line.split(':').next().unwrap_or_default().trim();
        !key.eq_ignore_ascii_case("status")
            && crate::vocabulary::label(key) != Some(crate::vocabulary::Label::Status)
    })
}

fn build_record(
    source: SourceFile,
    rel_path: String,
    file: FileName,
    front_matter: Option<FrontMatter>,
    depth: Depth,
) -> Record {
    let body_start = front_matter
        .as_ref()
        .map_or(source.bom_len(), |fm| fm.span.end);
    build_record_from(source, rel_path, file, front_matter, body_start, depth)
}

/// [`build_record`] of a body that starts at `body_start`.
fn build_record_from(
    source: SourceFile,
    rel_path: String,
    file: FileName,
    front_matter: Option<FrontMatter>,
    body_start: usize,
    depth: Depth,
) -> Record {
    // A date in a section of its own (`## Fecha` under front matter with no `date:`) is
    // past the preamble: such a record is read whole.
    let title_and_preamble = depth == Depth::Metadata
        && front_matter
            .as_ref()
            .is_some_and(|fm| fm.get("status").is_some() && fm.get("date").is_some())
        && !mentions_superseding(source.text.get(body_start..).unwrap_or(""));
    let outline = markdown::outline(&source, body_start, title_and_preamble);
    let sections = sections_of(&source, &outline);
    // Where a metadata load's outline stopped, at the first `##`.
    let first_h2 = sections
        .iter()
        .find(|section| section.level == 2)
        .map_or(source.text.len(), |s| s.span.start);
    let mut record = Record::unread(source, rel_path, file);
    read_title(&mut record, &sections);
    let preamble = Span::new(body_start, preamble_end(&record, &sections));
    if let Some(front_matter) = &front_matter {
        read_front_matter(&mut record, front_matter);
    }
    let legacy = read_legacy_metadata(
        &mut record,
        &outline,
        &sections,
        preamble,
        front_matter.as_ref(),
    );
    if record.status.is_none() {
        record.status = title_status::status_in_title(&record);
        // `Soft Delete Pattern [ACCEPTED]`: the status after the title is no part of it.
        let source = &record.source;
        if let (Some(status), Some(title)) = (&record.status, &mut record.title)
            && title.span.start < status.span.start
            && status.span.end <= title.span.end
            && let Some(open) = source
                .text
                .get(title.span.start..status.span.start)
                .and_then(|before| before.rfind('['))
            && let Some(kept) = source
                .text
                .get(title.span.start..title.span.start + open)
                .map(str::trim_end)
                .filter(|kept| !kept.is_empty())
        {
            title.value = kept.to_string();
            title.span = Span::new(title.span.start, title.span.start + kept.len());
        }
    }
    // A metadata load stops at the preamble; the style still comes from every heading, so
    // `list` and `export` agree on it.
    let later_headings = if title_and_preamble {
        style::atx_headings(record.source.text.get(first_h2..).unwrap_or_default())
    } else {
        Vec::new()
    };
    style::read_style(
        &mut record,
        &sections,
        (first_h2, later_headings),
        front_matter.as_ref(),
        &legacy,
    );
    if depth == Depth::Full {
        options::read_options(&mut record, &outline, &sections);
    }
    read_relations(&mut record, &outline, front_matter.as_ref());
    record.relations = relations::read(&record.source, &sections);
    record.comments = outline
        .comments
        .into_iter()
        .map(|(text, span)| Located::new(text, span, record.source.line_of(span.start)))
        .collect();
    record.links = outline.links;
    record.code_spans = outline.code;
    record.sections = sections;
    record.front_matter = front_matter;
    record
}

/// Where the preamble (the lines between the title and the first part, where MADR 2 keeps
/// its bullets) ends: at the first heading a level below the title (`##` under `#`, `####`
/// under a `###` title), but for one that repeats the title (`# Front-end Tooling` then
/// `## Front-end Tooling` over the bullets, a GitBook page of HHS's grants log).
fn preamble_end(record: &Record, sections: &[Section]) -> usize {
    let title = record.title.as_ref();
    let title_level = title
        .and_then(|title| sections.iter().find(|section| section.line == title.line))
        .map_or(1, |section| section.level);
    let repeats_title = |section: &Section| {
        title.is_some_and(|title| {
            crate::model::normalize_heading(&section.title)
                == crate::model::normalize_heading(&title.value)
        })
    };
    sections
        .iter()
        .filter(|section| {
            section.level > 1
                && section.level <= title_level + 1
                && title.is_none_or(|title| section.line != title.line)
        })
        .find(|section| !repeats_title(section))
        .map_or(record.source.text.len(), |section| section.span.start)
}

/// Step 2, metadata the front matter did not state: from MADR 2 bullets, a metadata
/// table, `Status: …` lines in the preamble, a `## Status` section, or a heading that
/// states it (`## Status: Accepted`), in that order.
fn read_legacy_metadata(
    record: &mut Record,
    outline: &markdown::Outline,
    sections: &[Section],
    preamble: Span,
    front_matter: Option<&FrontMatter>,
) -> style::LegacyMetadata {
    let source = &record.source;
    let bullets = legacy::madr2_bullets(source, outline, preamble);
    let table = metadata_table::metadata_table(source, outline, preamble);
    let lines = legacy::preamble_lines(source, preamble, &outline.code);
    let headings = heading_fields::read(source, sections);
    // `# Status` as an H1 that is not the title (touka-aoi/parallel-vs-single writes its
    // parts as H1s under an H1 title) is the status section too.
    let status_section = sections.iter().find(|section| {
        style::is_status_part(section, sections)
            && (section.level >= 2
                || record
                    .title
                    .as_ref()
                    .is_none_or(|title| title.line != section.line))
    });

    let from_front_matter = record
        .status
        .as_ref()
        .is_some_and(|status| status.origin == crate::model::StatusOrigin::FrontMatter);
    if record.status.is_none() || from_front_matter {
        let legacy_status = bullets
            .status
            .clone()
            .or_else(|| table.status.clone())
            .or_else(|| lines.status.clone())
            .or_else(|| {
                status_section.and_then(|section| {
                    status_section::status_section(source, section, |key| {
                        front_matter?
                            .get(key)
                            .and_then(|entry| front_matter::scalar_text(&entry.value))
                    })
                })
            })
            .or_else(|| headings.status.clone())
            .or_else(|| lines.superseded_sentence.clone());
        match from_front_matter {
            // A sentence under `## Status` beside the front matter's status is prose (Decentraland:
            // "Stores can be deployed on all environments."): a restated status is a few words.
            true => {
                record.status_restated = legacy_status
                    .filter(|status| {
                        !matches!(status.kind, crate::model::StatusKind::Other(_))
                            || status.raw.split_whitespace().count() <= 3
                    })
                    .map(Box::new)
            }
            false => record.status = legacy_status,
        }
    }
    if let Some(status) = &mut record.status
        && status.kind == crate::model::StatusKind::Superseded
        && status.superseded_by.is_none()
        && let Some(successor) = &lines.successor_alone
    {
        status.superseded_by = Some(Box::new(successor.value.clone()));
    }
    if record.date.is_none() {
        record.date = bullets
            .date
            .clone()
            .or_else(|| table.date.clone())
            .or_else(|| lines.date.clone())
            .or_else(|| legacy::date_section(source, sections))
            .or_else(|| headings.date.clone());
    }
    for (field, legacy_values) in [
        (
            &mut record.decision_makers,
            [
                &bullets.decision_makers,
                &table.decision_makers,
                &lines.decision_makers,
            ],
        ),
        (&mut record.tags, [&bullets.tags, &table.tags, &lines.tags]),
        (
            &mut record.consulted,
            [&bullets.consulted, &table.consulted, &Vec::new()],
        ),
        (
            &mut record.informed,
            [&bullets.informed, &table.informed, &Vec::new()],
        ),
    ] {
        if field.is_empty()
            && let Some(values) = legacy_values.into_iter().find(|values| !values.is_empty())
        {
            field.clone_from(values);
        }
    }
    record.successor_beside_status = (bullets.successor_beside_status)
        .or(lines.successor_beside_status)
        .map(Box::new);
    style::LegacyMetadata {
        has_bullets: bullets.found,
        has_lines: lines.found,
    }
}

/// Step 5, relations: what the record supersedes (links and front matter) and, for a
/// superseded record, what supersedes it.
fn read_relations(
    record: &mut Record,
    outline: &markdown::Outline,
    front_matter: Option<&FrontMatter>,
) {
    let mut supersedes = legacy::supersede_links(&record.source, &outline.links);
    if let Some(front_matter) = front_matter {
        supersedes.extend(front_matter_refs(
            &record.source,
            front_matter,
            "supersedes",
        ));
    }
    record.supersedes = relations::each_once(supersedes);
    // A deprecated record may name its successor too (`status: deprecated` with
    // `supersededBy: 0004-…`).
    if let (Some(status), Some(front_matter)) = (&mut record.status, front_matter)
        && status.superseded_by.is_none()
        && matches!(
            status.kind,
            crate::model::StatusKind::Superseded | crate::model::StatusKind::Deprecated
        )
    {
        status.superseded_by = crate::model::SUCCESSOR_KEYS
            .iter()
            .find_map(|key| {
                front_matter_refs(&record.source, front_matter, key)
                    .into_iter()
                    .next()
            })
            .map(|located| Box::new(located.value));
    }
}

/// Reads the known keys into typed fields. Returns whether any MADR metadata key was present.
fn read_front_matter(record: &mut Record, front_matter: &FrontMatter) -> bool {
    let mut has_metadata = false;
    let source = &record.source;
    for entry in &front_matter.entries {
        let span = if entry.value_span.is_empty() {
            entry.key_span
        } else {
            entry.value_span
        };
        let issue = |message: String| FieldIssue {
            key: entry.key.clone(),
            message,
            span,
            line: entry.line,
        };
        match front_matter::english_key(front_matter, entry) {
            "status" => {
                has_metadata = true;
                match front_matter::scalar_text(&entry.value) {
                    Some(raw) => {
                        let (kind, superseded_by, word) = Status::read(&raw);
                        record.status = Some(Status {
                            kind,
                            raw,
                            word,
                            superseded_by: superseded_by.map(Box::new),
                            span,
                            line: entry.line,
                            origin: StatusOrigin::FrontMatter,
                        });
                    }
                    None if entry.value.is_null() => {}
                    None => record.field_issues.push(issue(
                        "`status` must be a single value such as `accepted`".into(),
                    )),
                }
            }
            "date" => {
                has_metadata = true;
                match front_matter::scalar_text(&entry.value) {
                    Some(text) => {
                        record.date = Some(Located::new(DateValue::parse(&text), span, entry.line))
                    }
                    None if entry.value.is_null() => {}
                    None => record.field_issues.push(issue(
                        "`date` must be a single date such as `2025-05-11`".into(),
                    )),
                }
            }
            // `decided: 2026-08-11` (onetimesecret): the day of the decision under a name of
            // its own; a `date:` key, before or after it, wins.
            "decided" | "decision-date" | "decision_date" if record.date.is_none() => {
                if let Some(text) = front_matter::scalar_text(&entry.value) {
                    record.date = Some(Located::new(DateValue::parse(&text), span, entry.line));
                }
            }
            "title" => {
                // `title: |` keeps the line break after the title (Hydra): a title is one line.
                if let Some(text) = front_matter::scalar_text(&entry.value) {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    record.front_matter_title = Some(Located::new(text, span, entry.line));
                }
            }
            "tags" | "decision-makers" | "deciders" | "consulted" | "informed" => {
                has_metadata = true;
                match string_list(&entry.value) {
                    Ok(values) => {
                        let spans = front_matter::item_spans(
                            source,
                            entry,
                            front_matter.yaml_span,
                            &values,
                        );
                        let located: Vec<_> = values
                            .into_iter()
                            .zip(spans)
                            .map(|(value, span)| {
                                Located::new(value, span, source.line_of(span.start))
                            })
                            .collect();
                        match entry.key.as_str() {
                            "tags" => record.tags = located,
                            "consulted" => record.consulted = located,
                            "informed" => record.informed = located,
                            _ => {
                                if record.decision_makers.is_empty()
                                    || entry.key == "decision-makers"
                                {
                                    record.decision_makers = located;
                                }
                            }
                        }
                    }
                    Err(message) => record
                        .field_issues
                        .push(issue(format!("`{}` {message}", entry.key))),
                }
            }
            _ => {}
        }
    }
    has_metadata
}

/// A list of names: a YAML sequence of scalars, or one string of comma-separated names.
fn string_list(value: &yaml_serde::Value) -> Result<Vec<String>, String> {
    match value {
        // `informed: {}`: an empty map, as some templates write an empty list (Microsoft's
        // semantic-kernel), says no one, like `informed:` or `informed: []`.
        yaml_serde::Value::Null => Ok(Vec::new()),
        yaml_serde::Value::Mapping(map) if map.is_empty() => Ok(Vec::new()),
        yaml_serde::Value::Sequence(items) => items
            .iter()
            .filter(|item| !item.is_null())
            .map(|item| {
                front_matter::scalar_text(item)
                    .ok_or_else(|| "must be a list of names, not nested values".to_string())
            })
            .collect(),
        other => match front_matter::scalar_text(other) {
            Some(text) => Ok(text
                .split(',')
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .map(String::from)
                .collect()),
            None => Err("must be a list such as `[backend, api]`".into()),
        },
    }
}

fn front_matter_refs(
    source: &SourceFile,
    front_matter: &FrontMatter,
    key: &str,
) -> Vec<Located<RecordRef>> {
    let Some(entry) = front_matter.get(key) else {
        return Vec::new();
    };
    let Ok(values) = string_list(&entry.value) else {
        return Vec::new();
    };
    let spans = front_matter::item_spans(source, entry, front_matter.yaml_span, &values);
    values
        .iter()
        .zip(spans)
        .filter_map(|(value, span)| {
            Some(Located::new(
                RecordRef::parse(value)?,
                span,
                source.line_of(span.start),
            ))
        })
        .collect()
}

fn sections_of(source: &SourceFile, outline: &markdown::Outline) -> Vec<Section> {
    let headings = &outline.headings;
    headings
        .iter()
        .enumerate()
        .map(|(index, heading)| {
            let end = headings[index + 1..]
                .iter()
                .find(|next| next.level <= heading.level)
                .map_or(source.text.len(), |next| next.span.start);
            let heading_line_end = source.line_span(source.last_line_of(heading.span)).end;
            let body_start = (heading_line_end + 1)
                .min(end)
                .max(heading.span.end.min(end));
            Section::new(
                heading.level,
                heading.text.clone(),
                heading.span,
                Span::new(heading.span.start, end),
                Span::new(body_start, end),
                source.line_of(heading.span.start),
            )
        })
        .collect()
}

/// Whether the text says "supersedes"/"superseded" (or "supercedes") in any case (SIMD
/// search, no copy).
fn mentions_superseding(text: &str) -> bool {
    // Two passes over the body, as for one spelling: each `uper` is checked for either.
    let bytes = text.as_bytes();
    let spelt_after = |needle: &[u8], endings: [&[u8]; 2]| {
        memchr::memmem::find_iter(bytes, needle).any(|at| {
            let rest = bytes.get(at + needle.len()..).unwrap_or_default();
            endings.iter().any(|ending| rest.starts_with(ending))
        })
    };
    spelt_after(b"uper", [b"sed", b"ced"]) || spelt_after(b"UPER", [b"SED", b"CED"])
}

#[cfg(test)]
mod tests {
    use super::options::option_value;
    use super::*;

    #[test]
    fn chosen_option_forms() {
        for (line, expected) in [
            (": \"FastAPI\", because it is fast.", "FastAPI"),
            (": FastAPI, because it is fast.", "FastAPI"),
            (": **Option B** — migrate the rest", "Option B"),
            (":** \"Redis\" because", "Redis"),
            ("**: [MADR](https://adr.github.io/madr/) 2.1.2", "MADR"),
            (": **\"Plain JUnit5\"**, because", "Plain JUnit5"),
            (": “Kafka”, because", "Kafka"),
            (": `serde`", "serde"),
            (
                ": **Option 4 — Create case at `Offer(Report)` receipt",
                "Option 4",
            ),
        ] {
            assert_eq!(
                option_value(line).map(|(_, value)| value.trim()),
                Some(expected),
                "{line}"
            );
        }
    }

    #[test]
    fn title_numbers_are_not_part_of_the_title() {
        assert_eq!(
            strip_title_number("1. Record architecture decisions"),
            ("Record architecture decisions".into(), Some(1))
        );
        assert_eq!(
            strip_title_number("0001 Use FastAPI"),
            ("Use FastAPI".into(), Some(1))
        );
        assert_eq!(
            strip_title_number("0001-Использование ADR"),
            ("Использование ADR".into(), Some(1))
        );
        assert_eq!(strip_title_number("2024-05 roadmap").1, None);
        assert_eq!(
            strip_title_number("ADR-0002：使用 PostgreSQL"),
            ("使用 PostgreSQL".into(), Some(2))
        );
        assert_eq!(
            strip_title_number("ADR-0023: Use X"),
            ("Use X".into(), Some(23))
        );
        assert_eq!(
            strip_title_number("ADR 12 - Use Y"),
            ("Use Y".into(), Some(12))
        );
        assert_eq!(
            strip_title_number("[Superseded by ADR-0019] Push Metrics"),
            ("Push Metrics".into(), None)
        );
        assert_eq!(
            strip_title_number("2024 roadmap"),
            ("2024 roadmap".into(), None)
        );
        assert_eq!(
            strip_title_number("3.5 upgrade"),
            ("3.5 upgrade".into(), None)
        );
        assert_eq!(
            strip_title_number("Architecture Decision Record: Use ADRs"),
            ("Use ADRs".into(), None)
        );
        assert_eq!(
            strip_title_number("Architecture Decision Record 1: Establish a format"),
            ("Establish a format".into(), Some(1))
        );
        assert_eq!(
            strip_title_number("Architecture Decision Record keeping"),
            ("Architecture Decision Record keeping".into(), None)
        );
        assert_eq!(
            own_number_stripped("23 Logging", Some(23)),
            Some(("Logging".into(), Some(23)))
        );
        assert_eq!(own_number_stripped("2024 roadmap", Some(5)), None);
        assert_eq!(own_number_stripped("23", Some(23)), None);
        assert_eq!(
            strip_title_number("Architecture Decision Record 1"),
            ("Architecture Decision Record 1".into(), None)
        );
        assert_eq!(own_number_stripped("23rd of May", Some(23)), None);
    }

    // Issue #13: text in any script is sliced only where that same text was searched.
    #[test]
    fn issue_13_titles_and_options_in_any_script_never_split_a_char() {
        assert_eq!(
            strip_title_number("[Superseded İ] İstanbul"),
            ("İstanbul".into(), None)
        );
        assert_eq!(
            strip_title_number("[Superseded by 2] 7. Ünïcödé"),
            ("Ünïcödé".into(), Some(7))
        );
        assert_eq!(
            strip_title_number("ADR-0007: 日本語"),
            ("日本語".into(), Some(7))
        );
        assert_eq!(strip_title_number("ADRİ"), ("ADRİ".into(), None));
        for line in [": **“", ": “Kafka", ": [İ](x", ": **İ", "İ", ": __"] {
            let _ = option_value(line);
        }
        assert_eq!(
            option_value(": **Ünïcödé**, because").map(|(_, value)| value),
            Some("Ünïcödé")
        );
    }
}
