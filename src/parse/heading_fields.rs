//! Metadata written as headings of their own: `## Status: Accepted`, `### **Status:**
//! ACCEPTED` and `### **Date:** 30th March 2021` (LBHackney-IT/lbh-adrs, whose records all
//! write them so): the label and its value on the heading's line, read as a `Status:` line
//! under the title is. A heading that is only a label (`## Status`) is a section, read
//! elsewhere.

use super::legacy::{LegacyMetadata, is_choice_list, labelled_value, status_from};
use crate::model::{DateValue, Located, Section, StatusOrigin};
use crate::source::{SourceFile, Span};

/// The status and date stated by the first headings labelled so, of level 2 or lower, or H1s
/// after the first (`# ADR SessionEndpoint の Close 設計` then `# Status: accepted`,
/// touka-aoi/parallel-vs-single).
pub(crate) fn read(source: &SourceFile, sections: &[Section]) -> LegacyMetadata {
    let mut metadata = LegacyMetadata::default();
    let first_h1 = sections.iter().position(|section| section.level == 1);
    let below_title = sections
        .iter()
        .enumerate()
        .filter(|&(at, section)| section.level >= 2 || Some(at) != first_h1)
        .map(|(_, section)| section);
    for section in below_title {
        if metadata.status.is_some() && metadata.date.is_some() {
            break;
        }
        let line = source.line_of(section.heading_span.start);
        let line_span = source.line_span(line);
        let text = source.slice(line_span);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let after_indent = text.get(indent..).unwrap_or("");
        let marker = after_indent.len() - after_indent.trim_start_matches('#').len();
        if marker == 0 {
            // A setext heading (`Status: Accepted` underlined): a line of text, read as one.
            continue;
        }
        let heading = Span::new(line_span.start + indent + marker, line_span.end);
        let Some((label, value, span)) = labelled_value(source, heading, &["status", "date"])
        else {
            continue;
        };
        // `### **Status:** DRAFT | PROPOSED | ACCEPTED`: the template's choices, no status.
        if value.is_empty() || is_choice_list(&value) {
            continue;
        }
        match label.as_str() {
            "status" if metadata.status.is_none() => {
                metadata.status = Some(status_from(value, span, line, StatusOrigin::Bullet));
                metadata.found = true;
            }
            "date" if metadata.date.is_none() => {
                metadata.date = Some(Located::new(DateValue::parse(&value), span, line));
                metadata.found = true;
            }
            _ => {}
        }
    }
    metadata
}

#[cfg(test)]
mod tests {
    use crate::discover::FileName;
    use crate::model::{StatusKind, StatusOrigin};
    use crate::source::SourceFile;

    /// The status (as written) and date (ISO) of a record whose lines under its title are
    /// `lines`.
    fn read(lines: &str) -> (Option<String>, Option<String>) {
        let text = format!(
            "# 1. Use a gateway\n\n{lines}\n\n## Context\n\nWe need one.\n\n## Decision\n\nWe use one.\n"
        );
        let rel = "0001-use-a-gateway.md".to_string();
        let file = FileName::parse(&rel).unwrap();
        let record =
            crate::parse::parse_record(SourceFile::new(rel.clone(), text.clone()), rel, file)
                .unwrap();
        if let Some(status) = &record.status {
            // Where `adr status` writes.
            assert_eq!(record.source.slice(status.span), status.raw, "{lines}");
        }
        (
            record.status.map(|status| status.raw),
            record
                .date
                .and_then(|date| date.value.valid())
                .map(|date| date.to_string()),
        )
    }

    #[test]
    fn a_heading_stating_the_status_or_the_date_is_read() {
        let accepted = Some("Accepted".to_string());
        assert_eq!(read("## Status: Accepted"), (accepted.clone(), None));
        assert_eq!(read("### Status: Accepted"), (accepted.clone(), None));
        assert_eq!(read("## **Status**: Accepted"), (accepted, None));
        assert_eq!(
            read("### **Status:** ACCEPTED\n\n### **Date:** 30th March 2021"),
            (Some("ACCEPTED".to_string()), Some("2021-03-30".to_string()))
        );
    }

    #[test]
    fn a_heading_naming_no_field_or_a_choice_of_statuses_states_none() {
        assert_eq!(read("### Status quo\n\nNothing changes."), (None, None));
        assert_eq!(
            read("### **Status:** DRAFT | PROPOSED | ACCEPTED | REFUSED"),
            (None, None)
        );
        // A heading that is only its label is a section: its text is the status.
        assert_eq!(
            read("## Status:\n\nProposed"),
            (Some("Proposed".to_string()), None)
        );
    }

    #[test]
    fn a_status_heading_reads_as_its_status_word() {
        let text = "# 1. X\n\n### **Status:** ACCEPTED\n\n## Context\n\nC.\n";
        let rel = "0001-x.md".to_string();
        let file = FileName::parse(&rel).unwrap();
        let record =
            crate::parse::parse_record(SourceFile::new(rel.clone(), text.to_string()), rel, file)
                .unwrap();
        let status = record.status.unwrap();
        assert_eq!(
            (status.kind, status.origin),
            (StatusKind::Accepted, StatusOrigin::Bullet)
        );
    }
}
