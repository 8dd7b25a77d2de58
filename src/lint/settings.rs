//! From `.adr.toml`'s `[lint]` table and the command line to what the linter needs: the
//! severity of each rule (or off), and the options rules read (allowed statuses, required
//! sections per style, heading aliases, today). Mistakes in the config are errors that
//! name the file and line, before any record is read.

use std::collections::{BTreeMap, HashMap};

use crate::config::Project;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::lint::registry::{REDIRECTS, find_rule};
use crate::lint::{RULES, RuleMeta};
use crate::model::{BUILTIN_STATUSES, closest_status, normalize_heading};

/// Which rules run, and how severe their findings are.
#[derive(Debug, Clone)]
pub struct Settings {
    severities: HashMap<&'static str, Option<Severity>>,
}

impl Settings {
    /// The rules' defaults.
    pub fn defaults() -> Settings {
        Settings {
            severities: RULES
                .iter()
                .map(|rule| {
                    (
                        rule.meta.id,
                        rule.meta.enabled.then_some(rule.meta.severity),
                    )
                })
                .collect(),
        }
    }

    /// Only `ids` run (`--rule`), each at its configured or default severity.
    pub fn only(mut self, ids: &[&'static str]) -> Settings {
        for rule in RULES {
            let configured = self.severities.get(rule.meta.id).copied().flatten();
            let severity = ids
                .contains(&rule.meta.id)
                .then(|| configured.unwrap_or(rule.meta.severity));
            self.severities.insert(rule.meta.id, severity);
        }
        self
    }

    /// The severity a rule runs at; `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severities.get(rule.id).copied().flatten()
    }

    /// The project's `[lint] rules` applied over the defaults.
    pub fn from_project(project: &Project) -> Result<Settings> {
        let mut settings = Settings::defaults();
        for (id, value) in &project.config.lint.rules {
            let at = value.span().start;
            let Some(rule) = resolve_id(id) else {
                return Err(config_error(
                    project,
                    at,
                    format!(
                        "unknown lint rule `{id}` in [lint.rules]{}: run `adr rules` to list them",
                        suggestion(id)
                    ),
                ));
            };
            let severity = match value.get_ref().trim().to_lowercase().as_str() {
                "error" => Some(Severity::Error),
                "warning" | "warn" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    return Err(config_error(
                        project,
                        at,
                        format!(
                            "`{other}` is not a severity for `{id}`: use `error`, `warning`, `info` or `off`"
                        ),
                    ));
                }
            };
            settings.severities.insert(rule.id, severity);
        }
        Ok(settings)
    }
}

/// Everything rules read besides the log.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// Lowercase statuses a record may have (`superseded` stands for every `superseded by`).
    pub allowed_statuses: Vec<String>,
    /// Style name (`madr`, `madr4`, …, `nygard`, `other`) → required headings.
    pub required_sections: BTreeMap<String, Vec<String>>,
    /// The styles whose sections the config names (they win over the log's template).
    pub configured_section_styles: Vec<String>,
    /// Normalised heading as the log writes it → normalised heading it stands for.
    pub heading_aliases: HashMap<String, String>,
    pub today: jiff::civil::Date,
    /// The repository the log belongs to; links leaving it cannot be checked.
    pub root: Option<std::path::PathBuf>,
    /// `[lint] site-prefix`: the URL path root-relative links into the log start with.
    pub site_prefix: Option<String>,
    /// `[lint] require-date`: every record must have a date.
    pub require_date: bool,
    /// The logs of the project (several, or one numbered per folder); empty for one log.
    pub layout: crate::layout::Layout,
    /// The typed relations' names and reverses: built in, and `[[relation]]`.
    pub relation_kinds: crate::relation::RelationKinds,
    /// `adr lint --base REF`: the log's files on another branch, whose numbers are taken.
    pub base: Option<BaseFiles>,
    /// `[lint.per-file-ignores]`: rules not reported for the files a pattern matches.
    pub file_ignores: Vec<FileIgnore>,
}

/// One entry of `[lint.per-file-ignores]`.
#[derive(Debug, Clone)]
pub struct FileIgnore {
    /// Matched against a file's path relative to the project root, with `/`.
    pub pattern: glob::Pattern,
    pub rules: Vec<&'static str>,
}

impl LintOptions {
    /// Whether `[lint.per-file-ignores]` turns `rule` off for `path`.
    pub fn ignores(&self, rule: &str, path: &std::path::Path) -> bool {
        if self.file_ignores.is_empty() {
            return false;
        }
        let Some(root) = &self.root else { return false };
        let relative = crate::log_path::relative_slash_path(path, root);
        self.file_ignores
            .iter()
            .any(|ignore| ignore.rules.contains(&rule) && ignore.pattern.matches(&relative))
    }
}

/// The log's files in another commit (`adr lint --base origin/main`).
#[derive(Debug, Clone)]
pub struct BaseFiles {
    /// The reference as given.
    pub reference: String,
    /// Paths relative to the log directory, with `/`.
    pub paths: Vec<String>,
}

/// Style keys `required-sections` accepts.
const STYLE_KEYS: [&str; 8] = [
    "madr",
    "madr4",
    "madr3",
    "madr2",
    "madr-bare",
    "madr1",
    "nygard",
    "other",
];

impl LintOptions {
    pub fn defaults(today: jiff::civil::Date) -> LintOptions {
        let mut required_sections = BTreeMap::new();
        required_sections.insert(
            "madr".to_string(),
            vec![
                "Context and Problem Statement".to_string(),
                "Considered Options".to_string(),
                "Decision Outcome".to_string(),
            ],
        );
        required_sections.insert(
            "nygard".to_string(),
            ["Status", "Context", "Decision", "Consequences"]
                .map(String::from)
                .to_vec(),
        );
        LintOptions {
            allowed_statuses: BUILTIN_STATUSES.map(String::from).to_vec(),
            required_sections,
            configured_section_styles: Vec::new(),
            heading_aliases: HashMap::new(),
            today,
            root: None,
            site_prefix: None,
            require_date: false,
            layout: crate::layout::Layout::default(),
            relation_kinds: crate::relation::RelationKinds::new(&[]),
            base: None,
            file_ignores: Vec::new(),
        }
    }

    pub fn from_project(project: &Project, today: jiff::civil::Date) -> Result<LintOptions> {
        let mut options = LintOptions::defaults(today);
        options.root = Some(crate::log_path::normalize(&project.root));
        let config = &project.config;
        for status in &config.statuses {
            let status = status.trim().to_lowercase();
            if !options.allowed_statuses.contains(&status) {
                options.allowed_statuses.push(status);
            }
        }
        for (style, sections) in &config.lint.required_sections {
            if !STYLE_KEYS.contains(&style.as_str()) {
                let at = project
                    .config_text
                    .as_deref()
                    .and_then(|text| text.find(style.as_str()))
                    .unwrap_or(0);
                return Err(config_error(
                    project,
                    at,
                    format!(
                        "`{style}` in [lint.required-sections] is not a record style: use one of {}",
                        STYLE_KEYS.join(", ")
                    ),
                ));
            }
            options
                .required_sections
                .insert(style.clone(), sections.clone());
            options.configured_section_styles.push(style.clone());
        }
        options.heading_aliases = config
            .lint
            .heading_aliases
            .iter()
            .map(|(written, canonical)| (normalize_heading(written), normalize_heading(canonical)))
            .collect();
        options.site_prefix = config.lint.site_prefix.clone();
        options.require_date = config.lint.require_date;
        options.layout = project.layout.clone();
        options.relation_kinds = crate::relation::RelationKinds::new(&config.relations);
        options.file_ignores = file_ignores(project)?;
        Ok(options)
    }

    /// The statuses a record at `rel_path` may have: the project's, then its own log's.
    pub fn allowed_statuses_at<'a>(&'a self, rel_path: &str) -> impl Iterator<Item = &'a str> {
        let own_log = self
            .layout
            .named_log_of(rel_path)
            .map_or(&[][..], |part| part.statuses.as_slice());
        self.allowed_statuses
            .iter()
            .chain(own_log)
            .map(String::as_str)
    }

    /// Whether a record at `rel_path` may have the status `keyword`.
    pub fn is_allowed_status_at(&self, rel_path: &str, keyword: &str) -> bool {
        self.allowed_statuses_at(rel_path)
            .any(|status| status == keyword)
    }
}

/// `[lint.per-file-ignores]`, each pattern and rule id checked: a mistake names the line.
fn file_ignores(project: &Project) -> Result<Vec<FileIgnore>> {
    let mut ignores = Vec::new();
    for (pattern, ids) in &project.config.lint.per_file_ignores {
        let key_at = project
            .config_text
            .as_deref()
            .and_then(|text| text.find(pattern.as_str()))
            .unwrap_or(0);
        let compiled = glob::Pattern::new(pattern).map_err(|error| {
            config_error(
                project,
                key_at,
                format!(
                    "`{pattern}` in [lint.per-file-ignores] is not a glob ({}): write a path relative to the config file, e.g. `\"docs/adr/0007-*.md\"`",
                    error.msg
                ),
            )
        })?;
        let mut rules = Vec::new();
        for id in ids {
            let Some(rule) = resolve_id(id.get_ref().trim()) else {
                return Err(config_error(
                    project,
                    id.span().start,
                    format!(
                        "unknown lint rule `{}` in [lint.per-file-ignores]{}: run `adr rules` to list them",
                        id.get_ref(),
                        suggestion(id.get_ref())
                    ),
                ));
            };
            rules.push(rule.id);
        }
        ignores.push(FileIgnore {
            pattern: compiled,
            rules,
        });
    }
    Ok(ignores)
}

/// A rule by id, following `REDIRECTS` for renamed rules.
fn resolve_id(id: &str) -> Option<&'static RuleMeta> {
    find_rule(id).map(|rule| rule.meta).or_else(|| {
        REDIRECTS
            .iter()
            .find(|(old, _)| *old == id)
            .and_then(|(_, new)| find_rule(new))
            .map(|rule| rule.meta)
    })
}

/// Ids given with `--rule`, checked: an unknown one is a usage error with a suggestion.
pub fn rule_ids(ids: &[String]) -> Result<Vec<&'static str>> {
    ids.iter()
        .map(|id| {
            resolve_id(id.trim()).map(|rule| rule.id).ok_or_else(|| {
                Error::usage(format!(
                    "unknown lint rule `{id}`{}: run `adr rules` to list them",
                    suggestion(id)
                ))
            })
        })
        .collect()
}

/// `: did you mean `x`?` for a misspelt rule id, or nothing.
pub fn suggestion(id: &str) -> String {
    closest_status(id, RULES.iter().map(|rule| rule.meta.id))
        .map(|closest| format!(" (did you mean `{closest}`?)"))
        .unwrap_or_default()
}

fn config_error(project: &Project, offset: usize, message: String) -> Error {
    let text = project.config_text.as_deref().unwrap_or("");
    let offset = offset.min(text.len());
    let line = project.config_line_of(offset);
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;

    Error::Config {
        path: project
            .config_path
            .as_ref()
            .map(|path| std::path::PathBuf::from(project.display(path)))
            .unwrap_or_default(),
        line,
        column,
        message,
    }
}
