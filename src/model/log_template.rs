//! A log's own template (`template.md`, `0000-modele-adr.md`, `vorlage.md`, or a Markdown
//! file that is mostly placeholders): never a record, and its headings are the sections the
//! log's records of a custom layout are expected to have. Discovery finds templates by
//! name; this module reads them and recognises the unnamed ones by content.

use std::path::{Path, PathBuf};

use crate::discover::{FileName, NamingScheme, SkipReason, Skipped};
use crate::model::{Record, Style, normalize_heading};

/// Files larger than this are not read to see whether they are templates.
const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// The template a log keeps beside its records.
#[derive(Debug, Clone)]
pub struct LogTemplate {
    pub path: PathBuf,
    /// Relative to the log, with `/`.
    pub rel_path: String,
    /// The layout the template follows (MADR, Nygard, or custom).
    pub style: Style,
    /// The headings a record made from it must keep, as the template writes them:
    /// every H2 below the title but those marked optional.
    pub sections: Vec<String>,
}

/// The text of a regular file no larger than the cap; `None` for anything else (a FIFO
/// named like Markdown must not hang the load).
fn read_small_file(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_TEMPLATE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Whether `text` reads as a template: at least two headings, and at least half of its
/// prose lines (two or more) are prompts: `{…}`, `[…]` without a link, `<…>` with words,
/// `…`, `TODO`, `TBD`, `xxx`.
pub fn is_mostly_placeholders(text: &str) -> bool {
    let mut headings = 0;
    let mut prose = 0;
    let mut prompts = 0;
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.is_empty() || line == "---" || line.starts_with("<!--") {
            continue;
        }
        if line.starts_with('#') {
            headings += 1;
            continue;
        }
        if line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        prose += 1;
        if is_prompt_line(line) {
            prompts += 1;
        }
    }
    headings >= 2 && prompts >= 2 && prompts * 2 >= prose
}

fn is_prompt_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    if lower.contains("...")
        || line.contains('…')
        || line.contains("TODO")
        || line.contains("TBD")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|word| {
            word.len() >= 3 && (word.chars().all(|c| c == 'x') || word.chars().all(|c| c == 'n'))
        })
    {
        return true;
    }
    let enclosed = |open: char, close: char| {
        line.split(open).skip(1).any(|after| {
            after.split_once(close).is_some_and(|(inside, rest)| {
                inside.chars().any(char::is_alphabetic)
                    && !(open == '[' && rest.starts_with('('))
                    && (open != '<' || inside.contains(' '))
            })
        })
    };
    enclosed('{', '}') || enclosed('[', ']') || enclosed('<', '>')
}

/// Moves the unnamed Markdown files that are mostly placeholders to `skipped`, as
/// templates found by content.
pub fn recognise_by_content(
    unnamed_markdown: &mut Vec<(PathBuf, String)>,
    skipped: &mut Vec<Skipped>,
) {
    let mut kept = Vec::with_capacity(unnamed_markdown.len());
    for (path, rel_path) in std::mem::take(unnamed_markdown) {
        if read_small_file(&path).is_some_and(|text| is_mostly_placeholders(&text)) {
            skipped.push(Skipped {
                path,
                rel_path,
                reason: SkipReason::TemplateByContent,
            });
        } else {
            kept.push((path, rel_path));
        }
    }
    *unnamed_markdown = kept;
    skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
}

/// The log's template: the first found by name nearest the log's top, else the first
/// found by content; `None` when the log keeps none (or it cannot be read).
pub fn choose(skipped: &[Skipped]) -> Option<LogTemplate> {
    let depth = |skipped: &&Skipped| skipped.rel_path.matches('/').count();
    let by_name = skipped
        .iter()
        .filter(|skipped| skipped.reason == SkipReason::TemplateByName)
        .min_by_key(|skipped| (depth(skipped), skipped.rel_path.clone()));
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
    Some(LogTemplate {
        path: chosen.path.clone(),
        rel_path: chosen.rel_path.clone(),
        style: record.style,
        sections: expected_sections(&record),
    })
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

/// Every H2 of the template (and H1 other than the title), but those marked optional (`(optional)` in the heading,
/// `<!-- optional -->` on it or in a comment on the line above, as MADR 4 writes it, or a
/// first line saying so: `Optional section. …`).
fn expected_sections(template: &Record) -> Vec<String> {
    // The H1 that is the title; a `# Abstract` under a front-matter `title:` is a section.
    let title_start = template.title.as_ref().map(|title| title.span.start);
    let is_title = |section: &crate::model::Section| {
        title_start.is_some_and(|start| {
            section.heading_span.start <= start && start <= section.heading_span.end
        })
    };
    let mut sections: Vec<String> = Vec::new();
    for section in &template.sections {
        if is_title(section) || section.level > 2 {
            continue;
        }
        // The first line of prose under the heading (`Optional section. Talk about…`).
        let line_after = template
            .source
            .slice(section.body_span)
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .unwrap_or("");
        let marked_optional = |text: &str| {
            let lower = text.to_lowercase();
            [
                "optional",
                "optionnel",
                "opcional",
                "facultatif",
                "可选",
                "任意",
            ]
            .iter()
            .any(|word| lower.contains(word))
        };
        let heading_line = template.source.slice(section.heading_span);
        // MADR 4 marks an optional section in a comment on the line above its heading.
        let line_before = template
            .source
            .text
            .get(..section.heading_span.start)
            .unwrap_or("")
            .lines()
            .rev()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .filter(|line| line.starts_with("<!--"))
            .unwrap_or("");
        if marked_optional(&section.title)
            || marked_optional(heading_line)
            || marked_optional(line_after)
            || marked_optional(line_before)
        {
            continue;
        }
        let title = section
            .title
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_string();
        if title.is_empty()
            || title.contains(['{', '['])
            || sections
                .iter()
                .any(|known| normalize_heading(known) == normalize_heading(&title))
        {
            continue;
        }
        sections.push(title);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_mostly_placeholders() {
        let template = "# {short title}\n\n## Context\n\n{Describe the context}\n\n## Decision\n\n[decision]\n";
        assert!(is_mostly_placeholders(template));
        let record = "# Use Postgres\n\n## Context\n\nWe need a database.\n\n## Decision\n\nWe use Postgres, see [docs](x.md).\n";
        assert!(!is_mostly_placeholders(record));
    }

    #[test]
    fn front_matter_that_is_not_yaml_is_blanked_out_line_for_line() {
        let template = "---\nstatus: {proposed | accepted}\n---\n# {title}\n";
        assert_eq!(without_front_matter(template), "\n\n\n# {title}\n");
        assert_eq!(without_front_matter("# Title\n"), "# Title\n");
    }
}
