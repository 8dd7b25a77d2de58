//! A log's own template (`template.md`, `0000-modele-adr.md`, `vorlage.md`, or a Markdown
//! file that is mostly placeholders): never a record, and its headings are the sections the
//! log's records of a custom layout are expected to have. Discovery finds templates by
//! name; `load::template` reads them and recognises the unnamed ones by content; this
//! module holds what a template says.

use std::path::PathBuf;

use crate::model::{Record, Style, normalize_heading};

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
    /// The template's lines of prose, as [`prompt_key`] makes them, sorted: a record that
    /// still holds one holds the template's prompt (`What is the issue that we're seeing
    /// …?`, 3leaps/sysprims), which no list of known prompts has.
    pub prompts: Vec<String>,
}

/// A line as [`LogTemplate::prompts`] holds it: trimmed, its list or quote marker aside.
pub fn prompt_key(line: &str) -> &str {
    line.trim()
        .trim_start_matches(['>', '-', '+', ' '])
        .trim_start_matches("* ")
        .trim()
}

/// The template's lines of prose outside headings, code, comments and tables, of 20
/// characters or more (shorter ones, `Accepted`, `TBD`, are records' own words too), but
/// for lines a site generator fills in.
fn prompt_lines(template: &Record) -> Vec<String> {
    let mut in_fence = false;
    let mut prompts: Vec<String> = Vec::new();
    for line in template.body().lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || trimmed.starts_with(['#', '|', '<']) || trimmed == "---" {
            continue;
        }
        let key = prompt_key(trimmed);
        // `{{ page.adr_status }} (Last updated: …)` (pmd): the site fills it in every record.
        // `- [ ] Avvist (dato: ÅÅÅÅ-MM-DD)`: a stage of a status checklist, kept unticked.
        let is_task = key.starts_with("[ ]") || key.starts_with("[x]") || key.starts_with("[X]");
        if key.chars().count() >= 20 && !key.contains("{{") && !key.contains("{%") && !is_task {
            prompts.push(key.to_string());
        }
    }
    prompts.sort_unstable();
    prompts.dedup();
    prompts
}

impl LogTemplate {
    /// What the template at `path` asks of records, from its parsed text.
    pub fn of_record(path: PathBuf, rel_path: String, template: &Record) -> LogTemplate {
        LogTemplate {
            path,
            rel_path,
            style: template.style,
            sections: expected_sections(template),
            prompts: prompt_lines(template),
        }
    }
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
    // `<!-- Required sections: Status, Date, Context, Decision -->` (onetimesecret): the
    // template says which of its parts a record needs; the others are optional.
    let declared = template.source.text.lines().find_map(|line| {
        let lower = line.to_lowercase();
        let at = lower.find("required sections:")?;
        let rest = line.get(at + "required sections:".len()..)?;
        let rest = rest.split("-->").next().unwrap_or(rest);
        let names: Vec<String> = rest
            .split(',')
            .map(|name| normalize_heading(name.trim().trim_end_matches('.')))
            .filter(|name| !name.is_empty())
            .collect();
        (!names.is_empty()).then_some(names)
    });
    if let Some(declared) = declared {
        sections.retain(|title| declared.contains(&normalize_heading(title)));
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
}
