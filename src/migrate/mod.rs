//! Rewriting a record written in an older layout (adr-tools/Nygard, MADR 2, MADR 3, MADR
//! without metadata) in MADR 4's: status, date and deciders move into front matter, headings
//! take MADR 4's names, the number leaves the H1. Everything is a span edit on the record's
//! text, so every other byte of the body (wording, wrapping, CRLF, a BOM) survives as it was.
//! The one addition: an adr-tools record gets the `## Considered Options` section MADR 4
//! requires, naming the record's own title as its one option, since adr-tools records no
//! alternatives. Choosing the records and writing them back is `commands::migrate`'s job.
//!
//! The steps: [`metadata`] moves status, date and people into front matter, [`headings`]
//! renames and re-levels sections, [`lines`] removes the lines metadata leaves behind and
//! carries a status section's other lines to "More Information".
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

mod headings;
mod lines;
mod metadata;

use std::collections::BTreeSet;

use crate::edit::{Edit, apply_edits};
use crate::error::{Error, Result};
use crate::model::{FrontMatterSyntax, Record, Status, StatusOrigin, Style};
use crate::parse::markdown::outline;
use crate::parse::parse_record;
use crate::source::SourceFile;
use headings::{rename_headings, strip_title_number};
use lines::{append_more_information, line_removals};
use metadata::{move_preamble_metadata, move_status_section, write_front_matter};

/// What migrating one record gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The record's new text, in MADR 4.
    Migrated(String),
    /// The record is already MADR 4: `migrate` never touches it.
    AlreadyMadr4,
    /// An older layout with nothing to change (a bare MADR record with MADR 4's headings).
    Unchanged,
    /// Left as it is, for the reason given: not a layout `migrate` knows (a metadata table,
    /// free prose), or metadata it cannot move.
    Unsupported(&'static str),
}

/// A value moving into the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum YamlValue {
    /// Written as one scalar, exactly as the record had it (`Rob, Johan`).
    Scalar(String),
    /// Written as a block sequence (the record had a nested list).
    List(Vec<String>),
}

#[derive(Debug, Default)]
struct Plan {
    /// Front-matter keys to add, in the order found.
    keys: Vec<(&'static str, YamlValue)>,
    /// 1-based lines to delete (metadata bullets and lines, the Nygard status section).
    removed_lines: BTreeSet<usize>,
    /// Lines of a Nygard status section besides the status (`Supersedes [3. …](…)`), kept
    /// verbatim under "More Information".
    carried: Vec<String>,
    edits: Vec<Edit>,
}

impl Plan {
    fn has_key(&self, key: &str) -> bool {
        self.keys.iter().any(|(existing, _)| *existing == key)
    }
}

/// Migrates one record to MADR 4.
pub fn migrate(record: &Record) -> Result<Outcome> {
    match record.style {
        Style::Madr4 => return Ok(Outcome::AlreadyMadr4),
        Style::Other => {
            return Ok(Outcome::Unsupported(
                "not an adr-tools/Nygard, MADR 2 or MADR 3 record",
            ));
        }
        Style::Nygard | Style::Madr2 | Style::Madr3 | Style::MadrBare | Style::Madr1 => {}
    }
    // Hugo's and Zola's TOML front matter is the site generator's: MADR 4's YAML keys
    // cannot join it, and a second block would not be read.
    if record
        .front_matter
        .as_ref()
        .is_some_and(|front_matter| front_matter.syntax == FrontMatterSyntax::Toml)
    {
        return Ok(Outcome::Unsupported(
            "its front matter is TOML (`+++`, for Hugo or Zola), which MADR 4's YAML keys cannot join",
        ));
    }
    let source = &record.source;
    // A status section holding a template (Jekyll's `{{ page.adr_status }}`) is a page
    // layout, not a value that could move into front matter.
    if let Some(status) = &record.status
        && status.origin == StatusOrigin::Section
        && source.slice(status.span).contains("{{")
    {
        return Ok(Outcome::Unsupported(
            "its status section is a template (`{{ … }}`), not a value front matter can hold",
        ));
    }
    let newline = if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut plan = Plan::default();
    let body_outline = outline(source, record.body_start(), false);
    move_preamble_metadata(record, &body_outline, &mut plan);
    move_status_section(record, &mut plan);
    rename_headings(record, newline, &mut plan);
    strip_title_number(record, &mut plan);
    write_front_matter(record, newline, &mut plan);

    let mut edits = std::mem::take(&mut plan.edits);
    edits.extend(line_removals(source, &plan.removed_lines));
    let text = apply_edits(&source.text, &edits);
    let text = if plan.carried.is_empty() {
        text
    } else {
        let reparsed = reparse(record, text)?;
        append_more_information(&reparsed, &plan.carried, newline)
    };
    if text == source.text {
        return Ok(Outcome::Unchanged);
    }
    let migrated = reparse(record, text.clone())?;
    if let Some(what) = lost_in_migration(record, &migrated) {
        return Err(Error::record(
            record.path(),
            None,
            format!(
                "migrating this record would change its {what}; it was left as it is: please report this"
            ),
        ));
    }
    Ok(Outcome::Migrated(text))
}

/// Parses migrated text as the same file, to build on it or to prove it still reads.
fn reparse(record: &Record, text: String) -> Result<Record> {
    parse_record(
        SourceFile::new(record.path().clone(), text),
        record.rel_path.clone(),
        record.file.clone(),
    )
    .map_err(|failure| {
        Error::record(
            record.path(),
            failure.line,
            format!(
                "migrating this record would make it unreadable ({}); it was left as it is: please report this",
                failure.message
            ),
        )
    })
}

/// What a migration would change that it must only move: the status, the date and the
/// title read back the same from the new text. (People are not compared: a nested
/// `* Deciders:` list, read as one value before, becomes the list it meant.)
fn lost_in_migration(before: &Record, after: &Record) -> Option<&'static str> {
    let status = |record: &Record| {
        record
            .status
            .as_ref()
            .map(|status| Status::classify(&status.raw))
    };
    if status(before) != status(after) {
        Some("status")
    } else if before.date.as_ref().map(|date| date.value.text())
        != after.date.as_ref().map(|date| date.value.text())
    {
        Some("date")
    } else if before.display_title() != after.display_title() {
        Some("title")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::metadata::status_value;
    use super::*;
    use crate::discover::FileName;

    fn record(name: &str, text: &str) -> Record {
        let file = FileName::parse(name).unwrap();
        parse_record(
            SourceFile::new(name, text.to_string()),
            name.to_string(),
            file,
        )
        .unwrap()
    }

    fn migrated(name: &str, text: &str) -> String {
        match migrate(&record(name, text)).unwrap() {
            Outcome::Migrated(text) => text,
            other => panic!("not migrated: {other:?}"),
        }
    }

    #[test]
    fn nygard_record_becomes_madr4() {
        let text = "# 2. Use Kafka\n\nDate: 2017-06-30\n\n## Status\n\nAccepted\n\nSupersedes [1. Use RabbitMQ](0001-use-rabbitmq.md)\n\n## Context\n\nWe need a log.\n\n## Decision\n\nWe use Kafka.\n\n## Consequences\n\nOps learn Kafka.\n";
        assert_eq!(
            migrated("0002-use-kafka.md", text),
            "---\nstatus: accepted\ndate: 2017-06-30\n---\n\n# Use Kafka\n\n## Context and Problem Statement\n\nWe need a log.\n\n## Considered Options\n\n* Use Kafka\n\n## Decision Outcome\n\nWe use Kafka.\n\n### Consequences\n\nOps learn Kafka.\n\n## More Information\n\nSupersedes [1. Use RabbitMQ](0001-use-rabbitmq.md)\n"
        );
    }

    #[test]
    fn madr2_bullets_move_and_consequences_nest() {
        let text = "# Use X\n\n* Status: Superseded by [ADR-0005](0005-y.md)\n* Deciders: Rob, Johan (a.k.a., PM)\n* Date: 2020-11-19\n\nTechnical Story: #12\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"X\".\n\n### Positive Consequences\n\n* fast\n\n### Negative Consequences\n\n* new\n\n## Links\n\n* [ADR-0001](0001-a.md)\n";
        assert_eq!(
            migrated("0004-use-x.md", text),
            "---\nstatus: \"superseded by [ADR-0005](0005-y.md)\"\ndate: 2020-11-19\ndecision-makers: \"Rob, Johan (a.k.a., PM)\"\n---\n\n# Use X\n\nTechnical Story: #12\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"X\".\n\n### Consequences\n\n#### Positive Consequences\n\n* fast\n\n#### Negative Consequences\n\n* new\n\n## More Information\n\n* [ADR-0001](0001-a.md)\n"
        );
    }

    #[test]
    fn nested_deciders_become_a_list_and_existing_front_matter_grows() {
        let text = "---\ntags:\n  - ops\n---\n# Rapid releases\r\n\r\n* Status: proposed\r\n* Deciders:\r\n  * Sync team: bendk\r\n    * Release: jlorenzo\r\n* Feedback deadline: May 15\r\n\r\n## Context and Problem Statement\r\n\r\nWhy.\r\n";
        assert_eq!(
            migrated("0006-rapid.md", text),
            "---\nstatus: proposed\r\ndecision-makers:\r\n  - \"Sync team: bendk\"\r\n  - \"Release: jlorenzo\"\r\ntags:\n  - ops\n---\n# Rapid releases\r\n\r\n* Feedback deadline: May 15\r\n\r\n## Context and Problem Statement\r\n\r\nWhy.\r\n"
        );
    }

    #[test]
    fn madr3_deciders_key_is_renamed() {
        let text = "---\nstatus: accepted\ndeciders: adh\n---\n# Model\n\n## Context and Problem Statement\n\nWhy.\n";
        assert_eq!(
            migrated("0002-model.md", text),
            "---\nstatus: accepted\ndecision-makers: adh\n---\n# Model\n\n## Context and Problem Statement\n\nWhy.\n"
        );
    }

    #[test]
    fn madr4_and_unknown_layouts_are_left_alone() {
        let madr4 =
            "---\nstatus: accepted\n---\n# 0001 Use X\n\n## Context and Problem Statement\n";
        assert_eq!(
            migrate(&record("0001-x.md", madr4)).unwrap(),
            Outcome::AlreadyMadr4
        );
        let jekyll = "---\nadr_status: Accepted\n---\n# Title\n\n## Status\n\n{{ page.adr_status }}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n";
        assert_eq!(
            migrate(&record("adr-1.md", jekyll)).unwrap(),
            Outcome::Unsupported(
                "its status section is a template (`{{ … }}`), not a value front matter can hold"
            )
        );
        let prose = "# Notes\n\nSome prose.\n";
        assert_eq!(
            migrate(&record("0001-x.md", prose)).unwrap(),
            Outcome::Unsupported("not an adr-tools/Nygard, MADR 2 or MADR 3 record")
        );
        let bare = "# Use X\n\n## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n";
        assert_eq!(
            migrate(&record("0001-x.md", bare)).unwrap(),
            Outcome::Unchanged
        );
    }

    #[test]
    fn status_values_take_madr4_form() {
        assert_eq!(status_value("Accepted"), "accepted");
        assert_eq!(status_value("**Accepted**"), "accepted");
        assert_eq!(
            status_value("Superseded by [DNS](0015-dns.md)"),
            "superseded by [DNS](0015-dns.md)"
        );
        assert_eq!(status_value("Partly superseded"), "Partly superseded");
        assert_eq!(
            status_value("proposed. **No consensus**"),
            "proposed. **No consensus**"
        );
    }
}
