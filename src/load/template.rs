//! Reading a log's own template: recognising unnamed Markdown files that are mostly
//! placeholders as templates, and parsing the chosen one into a [`LogTemplate`]. What a
//! template asks of records is `model::log_template`'s.

use std::path::{Path, PathBuf};

use crate::discover::{FileName, NamingScheme, SkipReason, Skipped};
use crate::model::{LogTemplate, is_mostly_placeholders};

/// Files larger than this are not read to see whether they are templates.
const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// The text of a regular file no larger than the cap; `None` for anything else (a FIFO
/// named like Markdown must not hang the load).
fn read_small_file(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_TEMPLATE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Moves to `skipped` the records named with a number and then a template's name
/// (`0001-adr-template.md`, polsphere's first file, review M) whose text is mostly
/// placeholders: the log's template, not record 1. Only such names are read; a record about
/// templates (`0007-use-templates.md`) is not one.
pub fn recognise_numbered_templates(
    records: &mut Vec<(PathBuf, String, FileName)>,
    skipped: &mut Vec<Skipped>,
) {
    let mut kept = Vec::with_capacity(records.len());
    for (path, rel_path, file) in std::mem::take(records) {
        let name = rel_path.rsplit('/').next().unwrap_or(&rel_path);
        let named = file.number.is_some()
            && name
                .split_once(['-', '_'])
                .is_some_and(|(_, after)| crate::discover::is_template_name(after));
        // `adr-000.md` titled `ADR-000: [Short Title]` (onetimesecret): record 0 with a
        // prompt for its title is the log's template.
        let zero = file.number == Some(0);
        // Read once, for whichever question its name asks.
        let is_template = (named || zero)
            && read_small_file(&path).is_some_and(|text| {
                named && is_mostly_placeholders(&text) || zero && has_prompt_title(&text)
            });
        match is_template {
            true => skipped.push(Skipped {
                path,
                rel_path,
                reason: SkipReason::TemplateByContent,
            }),
            false => kept.push((path, rel_path, file)),
        }
    }
    *records = kept;
}

/// Whether the title of `text` (its front matter's `title:`, else its first `# ` line) is a
/// prompt in brackets or braces, after any number before it (`ADR-000: [Short Title]`).
fn has_prompt_title(text: &str) -> bool {
    let title = text
        .lines()
        .find_map(|line| line.strip_prefix("title:"))
        .or_else(|| text.lines().find_map(|line| line.strip_prefix("# ")));
    let Some(title) = title.map(|title| title.trim().trim_matches(['"', '\''])) else {
        return false;
    };
    let prompt = title
        .rsplit_once(": ")
        .map_or(title, |(_, after)| after)
        .trim();
    (prompt.starts_with('[') && prompt.ends_with(']')
        || prompt.starts_with('{') && prompt.ends_with('}'))
        && prompt.len() > 2
}

/// Moves the unnamed Markdown files that are mostly placeholders to `skipped`, as
/// templates found by content, and those that read as no decision, as documents kept beside
/// the records (sb-final-project keeps `costs.md` and 14 more beside `adr_01.md` at its
/// root: each was a filename-format error, "rename it to `adr_04.md`"). A file too large
/// to read stays unnamed: a misnamed record is the worse thing to miss.
pub fn recognise_by_content(
    unnamed_markdown: &mut Vec<(PathBuf, String)>,
    skipped: &mut Vec<Skipped>,
) {
    let mut kept = Vec::with_capacity(unnamed_markdown.len());
    for (path, rel_path) in std::mem::take(unnamed_markdown) {
        let text = read_small_file(&path);
        let reason = match text {
            Some(text) if is_mostly_placeholders(&text) => Some(SkipReason::TemplateByContent),
            Some(text) => (!reads_as_decision(text, &rel_path)).then_some(SkipReason::Document),
            None => None,
        };
        match reason {
            Some(reason) => skipped.push(Skipped {
                path,
                rel_path,
                reason,
            }),
            None => kept.push((path, rel_path)),
        }
    }
    *unnamed_markdown = kept;
    skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
}

/// Whether `text` reads as a decision record: it states a status, or has a section a
/// decision has, in any language the vocabulary knows.
fn reads_as_decision(text: String, rel_path: &str) -> bool {
    let file = FileName {
        number: None,
        slug: String::new(),
        date: None,
        scheme: NamingScheme::Numbered { digits: 4 },
    };
    let source = crate::source::SourceFile::new(rel_path, text);
    let Ok(record) = crate::parse::parse_record(source, rel_path.to_string(), file) else {
        return true;
    };
    record.status.is_some()
        || record
            .sections
            .iter()
            .any(|section| crate::model::DECISION_SECTIONS.contains(&section.key()))
}

/// The log's template: the one found by name nearest the log's top, the plainest named
/// of several there (`adr-template.md` before `adr-decision-template.md`), else the first
/// found by content; `None` when the log keeps none (or it cannot be read).
pub fn choose(skipped: &[Skipped]) -> Option<LogTemplate> {
    let depth = |skipped: &&Skipped| skipped.rel_path.matches('/').count();
    let qualifiers = |skipped: &&Skipped| {
        crate::discover::name_qualifiers(crate::log_path::file_name(&skipped.rel_path))
    };
    let by_name = skipped
        .iter()
        .filter(|skipped| skipped.reason == SkipReason::TemplateByName)
        .min_by_key(|skipped| {
            (
                depth(skipped),
                qualifiers(skipped),
                skipped.rel_path.clone(),
            )
        });
    let chosen = by_name.or_else(|| {
        skipped
            .iter()
            .find(|skipped| skipped.reason == SkipReason::TemplateByContent)
    })?;
    let file = FileName {
        number: None,
        slug: String::new(),
        date: None,
        scheme: NamingScheme::Numbered { digits: 4 },
    };
    let record = match crate::parse::load_record_at(
        &chosen.path,
        chosen.rel_path.clone(),
        file.clone(),
        crate::parse::Depth::Full,
    ) {
        Ok(record) => record,
        // Templates' front matter is often not YAML (`status: {proposed | accepted}`):
        // their headings are what matters, so read them without it.
        Err(failure) => {
            let source = failure.source?;
            let text = without_front_matter(&source.text);
            crate::parse::parse_record(
                crate::source::SourceFile::new(source.path, text),
                chosen.rel_path.clone(),
                file,
            )
            .ok()?
        }
    };
    Some(LogTemplate::of_record(
        chosen.path.clone(),
        chosen.rel_path.clone(),
        &record,
    ))
}

/// `text` with its front matter (between the first two `---` lines) blanked out.
fn without_front_matter(text: &str) -> String {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return String::new();
    };
    if first.trim_end() != "---" {
        return text.to_string();
    }
    let mut out = String::from("\n");
    let mut closed = false;
    for line in lines {
        if closed {
            out.push_str(line);
        } else {
            closed = line.trim_end() == "---";
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_that_is_not_yaml_is_blanked_out_line_for_line() {
        let template = "---\nstatus: {proposed | accepted}\n---\n# {title}\n";
        assert_eq!(without_front_matter(template), "\n\n\n# {title}\n");
        assert_eq!(without_front_matter("# Title\n"), "# Title\n");
    }
}
