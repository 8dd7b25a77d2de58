//! Adopting a log that already exists: find it in a repository, and describe what it is
//! (directory, naming scheme, record styles, statuses in use, template, language) as the
//! `.adr.toml` that `adr init` writes and the summary it prints. Reads; never writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::discover::{self, FileName, NamingScheme};
use crate::model::{BUILTIN_STATUSES, Log, StatusKind, Style};

/// Directories never searched for a log: dependencies, build output, rendered sites.
const NOT_A_LOG: [&str; 5] = ["node_modules", "target", "vendor", "dist", "build"];

/// The directory below `root` (four levels at most) holding the most files named like
/// records (ties: the shallowest, then the first by name); `None` when there is none.
pub fn find_existing_log(root: &Path) -> Option<PathBuf> {
    let walker = walkdir::WalkDir::new(root)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !(name.starts_with('.')
                    || name.starts_with('_')
                    || NOT_A_LOG.contains(&name.as_ref())
                    || entry.path().join(discover::SITE_MARKER).exists())
        });
    let mut counts: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for entry in walker.flatten() {
        let Some(name) = entry.file_name().to_str() else {
            continue;
        };
        let is_record = if entry.file_type().is_dir() {
            FileName::parse(&format!("{name}.md")).is_some()
                && ["README.md", "index.md"]
                    .iter()
                    .any(|file| entry.path().join(file).is_file())
        } else {
            !discover::is_non_record_name(name)
                && FileName::parse(name)
                    .is_some_and(|file| file.number.is_some() || file.date.is_some())
        };
        if is_record && let Some(parent) = entry.path().parent() {
            *counts.entry(parent.to_path_buf()).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by(|(a_dir, a), (b_dir, b)| {
            a.cmp(b)
                .then_with(|| b_dir.components().count().cmp(&a_dir.components().count()))
                .then_with(|| b_dir.cmp(a_dir))
        })
        .map(|(dir, _)| dir.clone())?;
    // A log with component sub-folders (opendatahub-adr: records at its top and in
    // `operator/`, `model-registry/` …) is the folder above, when that holds records too.
    let mut log = best;
    while let Some(parent) = log.parent()
        && parent.starts_with(root)
        && counts.contains_key(parent)
    {
        log = parent.to_path_buf();
    }
    Some(log)
}

/// The logs of a repository that keeps one per package: every `docs/adr` or
/// `docs/decisions` below `root` (five levels at most; dependencies, build output and hidden
/// folders skipped) holding a record, each with a name for `[[log]]`: the package folder
/// (`services/backend/docs/adr` → `backend`), `root` for the repository's own. Fewer than
/// two: none (one log needs no `[[log]]` tables).
pub fn find_package_logs(root: &Path) -> Vec<(String, PathBuf)> {
    let walker = walkdir::WalkDir::new(root)
        .max_depth(5)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.depth() == 0
                || (entry.file_type().is_dir()
                    && !(name.starts_with('.')
                        || name.starts_with('_')
                        || NOT_A_LOG.contains(&name.as_ref())
                        || entry.path().join(discover::SITE_MARKER).exists()))
        });
    let mut logs: Vec<(String, PathBuf)> = Vec::new();
    for entry in walker.flatten() {
        let path = entry.path();
        let is_log_dir = crate::config::DEFAULT_DIRS.iter().any(|dir| {
            path.ends_with(dir) && path.strip_prefix(root).is_ok_and(|rel| rel.ends_with(dir))
        });
        if !is_log_dir || logs.iter().any(|(_, log)| path.starts_with(log)) {
            continue;
        }
        let holds_records = discover::discover(path).is_ok_and(|found| !found.records.is_empty());
        if !holds_records {
            continue;
        }
        let package = path
            .parent()
            .and_then(Path::parent)
            .filter(|package| *package != root)
            .and_then(Path::file_name)
            .map_or_else(
                || "root".to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
        let mut name = crate::layout::log_name_chars(&package);
        if !crate::layout::is_log_name(&name) {
            name = format!("log{}", logs.len() + 1);
        }
        while logs.iter().any(|(taken, _)| *taken == name) {
            name.push_str("-2");
        }
        logs.push((name, path.to_path_buf()));
    }
    if logs.len() < 2 {
        logs.clear();
    }
    logs
}

/// The `.adr.toml` `adr init` writes for a repository keeping several logs.
pub fn several_logs_config(logs: &[(String, PathBuf)], root: &Path) -> String {
    let mut text = String::from(
        "# Configuration for `adr` (Architecture Decision Records), written by `adr init`\n\
         # from the logs it found: one per package. `adr --log NAME ...` works on one of them.\n",
    );
    for (name, dir) in logs {
        text.push_str(&format!(
            "\n[[log]]\nname = {}\ndir = {}\n",
            toml_string(name),
            toml_string(&crate::log_path::relative_path(root, dir))
        ));
    }
    text
}

/// What a log is, as `adr init` writes it down.
#[derive(Debug, Clone)]
pub struct LogDescription {
    /// The log directory relative to the config file, with `/`.
    pub dir: String,
    pub records: usize,
    /// Naming schemes as examples (`0001-slug.md`) with their record counts, most used first.
    pub naming: Vec<(String, usize)>,
    /// The width of numbers, when the log pads them.
    pub digits: Option<usize>,
    /// Record styles (`madr4`, `nygard`, `other`) with counts, most used first.
    pub styles: Vec<(&'static str, usize)>,
    /// Statuses in use that are not built in, most used first.
    pub statuses: Vec<String>,
    /// The log's template, relative to the config file, and its expected sections.
    pub template: Option<(String, Vec<String>)>,
    /// The layout of the log's template.
    pub template_style: Option<Style>,
    /// Whether `adr new` can render the log's template (tera syntax).
    pub template_renders: bool,
    /// `en`, `de`, `fr`, `es`, `pt`, `zh`, `ja`, `ko` or `ru`, from the headings.
    pub language: &'static str,
    /// Sub-folders each number their own records from 1 (one per component, as in
    /// opendatahub-adr): `numbering = "per-folder"`.
    pub per_folder: bool,
    /// Records that already share their number with another (relative to the config file,
    /// sorted): history lint is told to accept, through `[lint.per-file-ignores]`.
    pub shared_numbers: Vec<String>,
}

fn by_count<K: Ord + Clone>(counts: BTreeMap<K, usize>) -> Vec<(K, usize)> {
    let mut sorted: Vec<(K, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
}

/// Describes `log`, whose config will live in `root`.
pub fn describe(log: &Log, root: &Path) -> LogDescription {
    let relative = |path: &Path| crate::log_path::relative_path(root, path);
    let mut naming = BTreeMap::new();
    let mut styles = BTreeMap::new();
    let mut statuses = BTreeMap::new();
    let mut digits = BTreeMap::new();
    for record in &log.records {
        let folder =
            record.rel_path.ends_with("/README.md") || record.rel_path.ends_with("/index.md");
        *naming
            .entry(naming_example(&record.file, folder))
            .or_insert(0) += 1;
        let width = record.file.scheme.digits();
        if width > 0 {
            *digits.entry(width).or_insert(0) += 1;
        }
        *styles.entry(record.style.name()).or_insert(0) += 1;
        if let Some(status) = &record.status
            && let StatusKind::Other(word) = &status.kind
            && is_status_word(word)
            && crate::model::closest_status(word, BUILTIN_STATUSES).is_none()
        {
            *statuses.entry(word.clone()).or_insert(0) += 1;
        }
    }
    let template = log
        .template
        .as_ref()
        .map(|template| (relative(&template.path), template.sections.clone()));
    let template_renders = log
        .template
        .as_ref()
        .is_some_and(|template| renders(&template.path));
    let per_folder = numbers_per_folder(log);
    let dir = match relative(&log.dir) {
        here if here.is_empty() => ".".to_string(),
        dir => dir,
    };
    LogDescription {
        dir,
        records: log.records.len(),
        naming: by_count(naming),
        digits: by_count(digits).first().map(|(width, _)| *width),
        styles: by_count(styles),
        statuses: by_count(statuses)
            .into_iter()
            .map(|(word, _)| word)
            .collect(),
        template,
        template_style: log.template.as_ref().map(|template| template.style),
        template_renders,
        language: language_of(log),
        per_folder,
        shared_numbers: shared_numbers(log, per_folder)
            .into_iter()
            .map(relative)
            .collect(),
    }
}

/// The records whose number another record of the same series also has (see
/// [`crate::layout::NumberSeries`], with the numbering `adr init` writes), in path order.
fn shared_numbers(log: &Log, per_folder: bool) -> Vec<&Path> {
    let layout = crate::layout::Layout::single(if per_folder {
        crate::layout::Numbering::PerFolder
    } else {
        crate::layout::Numbering::Log
    });
    let numbered = || {
        log.records.iter().filter_map(|record| {
            Some((
                record.rel_path.as_str(),
                record.number()?,
                record.is_folder_record(),
                record.path().as_path(),
            ))
        })
    };
    let series = crate::layout::NumberSeries::new(
        &layout,
        numbered().map(|(rel_path, number, folder, _)| (rel_path, number, folder)),
    );
    let mut by_number: BTreeMap<(String, u32), Vec<&Path>> = BTreeMap::new();
    for (rel_path, number, is_folder_record, path) in numbered() {
        by_number
            .entry((series.of(rel_path, is_folder_record), number))
            .or_default()
            .push(path);
    }
    let mut shared: Vec<&Path> = by_number
        .into_values()
        .filter(|paths| paths.len() > 1)
        .flatten()
        .collect();
    shared.sort();
    shared
}

/// Whether two or more sub-folders of the log each start their numbers at 0 or 1: the
/// log numbers per folder. One such folder is not enough (`archived/` keeps a log's first
/// records).
fn numbers_per_folder(log: &Log) -> bool {
    let mut lowest: BTreeMap<&str, u32> = BTreeMap::new();
    for record in &log.records {
        let Some(number) = record.number() else {
            continue;
        };
        let folder = crate::layout::numbering_folder(&record.rel_path, record.is_folder_record());
        if folder.is_empty() {
            continue;
        }
        let low = lowest.entry(folder).or_insert(number);
        *low = (*low).min(number);
    }
    lowest.values().filter(|number| **number <= 1).count() >= 2
}

/// A status worth allowing in the config: a word or two, not markup or a sentence.
fn is_status_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().count() <= 30
        && !word.contains(['<', '>', '|', '[', ']', '(', ')', '"', '\''])
        && word.split_whitespace().count() <= 3
}

/// `0001-slug.md`, `ADR-012-slug.md`, `2022-11-09-slug/README.md`: the scheme as an example.
fn naming_example(file: &FileName, folder: bool) -> String {
    let stem = match &file.scheme {
        NamingScheme::Numbered { digits } => {
            format!("{}-slug", "0".repeat((*digits).max(1) - 1) + "1")
        }
        NamingScheme::Worded { digits, separator } => {
            format!("{}{separator}Title", "0".repeat((*digits).max(1) - 1) + "1")
        }
        NamingScheme::Prefixed {
            prefix,
            digits,
            has_slug,
        } => {
            let number = if file.number.is_none() {
                String::new()
            } else if *digits > 0 {
                "0".repeat(digits - 1) + "1"
            } else {
                "1".to_string()
            };
            match (number.is_empty(), has_slug) {
                (true, _) => format!("{prefix}slug"),
                (false, true) => format!("{prefix}{number}-slug"),
                (false, false) => format!("{prefix}{number}"),
            }
        }
        NamingScheme::Dated {
            compact: true,
            time_digits,
        } => format!("YYYYMMDD{}-slug", "H".repeat(*time_digits)),
        NamingScheme::Dated { compact: false, .. } => "YYYY-MM-DD-slug".to_string(),
        NamingScheme::DatedNumbered {
            compact,
            digits,
            after_date,
            after_number,
        } => {
            let date = if *compact { "YYYYMMDD" } else { "YYYY-MM-DD" };
            let number = "0".repeat((*digits).max(1) - 1) + "1";
            format!("{date}{after_date}{number}{after_number}slug")
        }
    };
    if folder {
        format!("{stem}/README.md")
    } else {
        format!("{stem}.md")
    }
}

/// Whether `adr new` can make records from the template file: it fills in the title
/// (`{{ title }}`) and tera can render it. A plain copy-me template (`# {short title}`) would
/// give every new record the placeholder for a title.
fn renders(path: &Path) -> bool {
    let fills_title = std::fs::read_to_string(path)
        .is_ok_and(|text| text.contains("{{ title") || text.contains("{{title"));
    if !fills_title {
        return false;
    }
    let context = crate::record_template::NewRecordContext {
        title: "Title".to_string(),
        number: Some(1),
        padded_number: "0001".to_string(),
        date: "2025-01-01".to_string(),
        status: "proposed".to_string(),
        tags: Vec::new(),
        decision_makers: Vec::new(),
        supersedes: Vec::new(),
    };
    crate::record_template::render(
        &crate::record_template::TemplateSource::File(path.to_path_buf()),
        &context,
    )
    .is_ok()
}

/// Words of section headings that give a log's language away.
const LANGUAGE_WORDS: [(&str, &[&str]); 5] = [
    (
        "de",
        &[
            "kontext",
            "entscheidung",
            "konsequenzen",
            "problemstellung",
            "optionen",
            "entscheidungstreiber",
        ],
    ),
    (
        "fr",
        &[
            "contexte",
            "décision",
            "conséquences",
            "statut",
            "considérées",
            "énoncé",
        ],
    ),
    (
        "es",
        &[
            "contexto",
            "decisión",
            "consecuencias",
            "estado",
            "opciones",
            "considerados",
        ],
    ),
    (
        "pt",
        &["contexto", "decisão", "consequências", "opções", "situação"],
    ),
    (
        "en",
        &[
            "context",
            "decision",
            "consequences",
            "status",
            "options",
            "outcome",
            "drivers",
        ],
    ),
];

/// The language most of the log's headings are in.
fn language_of(log: &Log) -> &'static str {
    let mut votes: BTreeMap<&'static str, usize> = BTreeMap::new();
    for record in &log.records {
        for section in &record.sections {
            let title = section.title.to_lowercase();
            let script = title.chars().find_map(|c| match c {
                '\u{3040}'..='\u{30ff}' => Some("ja"),
                '\u{ac00}'..='\u{d7af}' => Some("ko"),
                '\u{0400}'..='\u{04ff}' => Some("ru"),
                '\u{4e00}'..='\u{9fff}' => Some("zh"),
                _ => None,
            });
            if let Some(script) = script {
                *votes.entry(script).or_default() += 1;
                continue;
            }
            for (language, words) in LANGUAGE_WORDS {
                if title
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| words.contains(&word))
                {
                    *votes.entry(language).or_default() += 1;
                }
            }
        }
    }
    by_count(votes)
        .first()
        .map_or("en", |(language, _)| language)
}

impl LogDescription {
    /// The `.adr.toml` for this log.
    pub fn config_text(&self) -> String {
        let mut text = String::new();
        text.push_str(
            "# Configuration for `adr` (Architecture Decision Records), written by `adr init`\n",
        );
        text.push_str(
            "# from the log it found. The directory holding the records, relative to this file.\n",
        );
        text.push_str(&format!("dir = {}\n", toml_string(&self.dir)));
        let template = match &self.template {
            Some((path, _)) if self.template_renders => path.clone(),
            _ if self.main_style() == Some("nygard") => "nygard".to_string(),
            _ if self.main_style() == Some("madr2") => "madr2".to_string(),
            _ => "madr".to_string(),
        };
        text.push_str(
            "# Template for `adr new`: madr, madr-minimal, madr2, nygard, or a path to your own file.\n",
        );
        text.push_str(&format!("template = {}\n", toml_string(&template)));
        if let Some(digits) = self.digits {
            text.push_str("# Width of the number in file names.\n");
            text.push_str(&format!("digits = {digits}\n"));
        }
        if self.per_folder {
            text.push_str("# Each sub-folder numbers its own records from 1.\n");
            text.push_str("numbering = \"per-folder\"\n");
        }
        // Seam: the statuses in use go to the config's `statuses` list, which lint accepts
        // besides the built-in ones; a per-language vocabulary may later map them to kinds.
        text.push_str("# Statuses the records use besides proposed, accepted, rejected, deprecated, superseded.\n");
        let statuses: Vec<String> = self
            .statuses
            .iter()
            .map(|status| toml_string(status))
            .collect();
        text.push_str(&format!("statuses = [{}]\n", statuses.join(", ")));
        if !self.shared_numbers.is_empty() {
            text.push_str(
                "\n# These records already share their number with another record: renaming\n\
                 # them would break the links to them, so lint accepts them as they are. A\n\
                 # record that takes a used number from now on is still reported.\n\
                 [lint.per-file-ignores]\n",
            );
            for path in &self.shared_numbers {
                let pattern = glob::Pattern::escape(path);
                text.push_str(&format!(
                    "{} = [\"number-duplicate\"]\n",
                    toml_string(&pattern)
                ));
            }
        }
        text.push_str(
            "\n# What `adr init` found (for reference; `adr` reads the records themselves):\n",
        );
        text.push_str(&format!("# records: {}\n", self.records));
        text.push_str(&format!("# naming: {}\n", self.naming_text()));
        text.push_str(&format!("# record style: {}\n", counted(&self.styles)));
        match &self.template {
            Some((path, sections)) if sections.is_empty() => {
                text.push_str(&format!("# template: {path}\n"));
            }
            Some((path, sections)) => {
                text.push_str(&format!(
                    "# template: {path} (sections: {})\n",
                    sections.join(", ")
                ));
            }
            None => text.push_str("# template: none found in the log\n"),
        }
        text.push_str(&format!("# language: {}\n", self.language));
        text
    }

    /// The naming schemes, the four most used and how many more.
    fn naming_text(&self) -> String {
        const SHOWN: usize = 4;
        let shown = counted(&self.naming[..self.naming.len().min(SHOWN)]);
        match self.naming.len().saturating_sub(SHOWN) {
            0 => shown,
            more => format!("{shown} and {more} more"),
        }
    }

    fn main_style(&self) -> Option<&'static str> {
        self.styles.first().map(|(style, _)| *style)
    }

    /// What `adr lint` will check, one line each, for people.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "found {} records in {}: named {}; style {}; language {}",
            self.records,
            self.dir,
            self.naming_text(),
            counted(&self.styles),
            self.language
        )];
        lines.push("adr lint will check:".to_string());
        let mut statuses: Vec<String> = BUILTIN_STATUSES
            .iter()
            .map(|status| status.to_string())
            .collect();
        statuses.extend(self.statuses.iter().cloned());
        lines.push(format!("  statuses: {}", statuses.join(", ")));
        let mut by_sections: Vec<(String, Vec<&str>)> = Vec::new();
        for (style, _) in &self.styles {
            let sections = match (*style, &self.template) {
                ("other", Some((path, sections))) if !sections.is_empty() => {
                    format!("the sections of {path}: {}", sections.join(", "))
                }
                ("other", _) => "no sections (a custom layout and no template)".to_string(),
                ("nygard", Some((path, sections)))
                    if !sections.is_empty() && self.template_style == Some(Style::Nygard) =>
                {
                    format!("the sections of {path}: {}", sections.join(", "))
                }
                ("nygard", _) => "Status, Context, Decision, Consequences".to_string(),
                _ => "Context and Problem Statement, Considered Options, Decision Outcome"
                    .to_string(),
            };
            match by_sections.iter_mut().find(|(known, _)| *known == sections) {
                Some((_, styles)) => styles.push(style),
                None => by_sections.push((sections, vec![style])),
            }
        }
        for (sections, styles) in by_sections {
            lines.push(format!("  {} records: {sections}", styles.join(", ")));
        }
        lines.push("  file names, numbers, dates, links and supersede chains".to_string());
        if !self.shared_numbers.is_empty() {
            lines.push(format!(
                "  but not the {} records that already share a number ([lint.per-file-ignores])",
                self.shared_numbers.len()
            ));
        }
        lines
    }
}

fn counted<K: std::fmt::Display>(items: &[(K, usize)]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items
        .iter()
        .map(|(item, count)| format!("{item} ({count})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, rel: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "# x\n").unwrap();
    }

    #[test]
    fn finds_the_folder_with_the_most_records_and_its_component_parent() {
        let root = tempfile::tempdir().unwrap();
        touch(root.path(), "README.md");
        touch(root.path(), "docs/notes/0001-not-a-log.md");
        touch(root.path(), "adrs/ODH-ADR-0001-a.md");
        touch(root.path(), "adrs/operator/ODH-ADR-Operator-0001-b.md");
        touch(root.path(), "adrs/operator/ODH-ADR-Operator-0002-c.md");
        touch(root.path(), "adrs/operator/ODH-ADR-Operator-0003-d.md");
        touch(root.path(), "node_modules/pkg/0001-x.md");
        touch(root.path(), "node_modules/pkg/0002-x.md");
        touch(root.path(), "node_modules/pkg/0003-x.md");
        touch(root.path(), "node_modules/pkg/0004-x.md");
        assert_eq!(
            find_existing_log(root.path()),
            Some(root.path().join("adrs"))
        );
        let empty = tempfile::tempdir().unwrap();
        touch(empty.path(), "README.md");
        assert_eq!(find_existing_log(empty.path()), None);
    }

    #[test]
    fn naming_examples_and_status_words() {
        let example = |name: &str, folder| naming_example(&FileName::parse(name).unwrap(), folder);
        assert_eq!(example("0007-x.md", false), "0001-slug.md");
        assert_eq!(example("ADR-12.md", false), "ADR-1.md");
        assert_eq!(example("adr-012-x.md", false), "adr-001-slug.md");
        assert_eq!(
            example("2022-11-09-x.md", true),
            "YYYY-MM-DD-slug/README.md"
        );
        assert!(is_status_word("partially implemented"));
        assert!(!is_status_word(
            "<adr-status status='accepted'></adr-status>"
        ));
        assert!(!is_status_word("refinement completed. tp in 3.4 and more"));
    }
}
