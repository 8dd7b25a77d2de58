//! `adr lint`'s engine: rules as small units in a [`registry`] (one file per rule under
//! `rules/`, its doc comment being its documentation), the settings that decide which rules
//! run at what severity, inline suppression, and [`lint`], which loads a [`Log`] and runs the
//! rules over it, keeping in memory no more of the log than the rules still need. Turning
//! diagnostics into text is `report`'s job; reading the disk is `load`'s.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

pub mod facts;
pub mod fixes;
mod links;
mod options;
pub(crate) mod prelude;
pub mod registry;
mod rules;
mod settings;
mod suppress;
mod texts;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Result;
use crate::model::{LoadFailure, Log, Record, Section, Style, normalize_heading};
use crate::source::{SourceFile, Span};
use facts::RecordFacts;
use texts::{Texts, locked};

pub use registry::{RULES, Rule, find_rule};

/// The edits that make `new` say it supersedes `old`, in `new`'s own layout, as
/// `lint --fix` writes them for supersede-not-reciprocal (`adr status A superseded by B`
/// writes both sides with them).
pub(crate) fn back_link_edits(
    new: &crate::model::Record,
    old: &crate::model::Record,
) -> Vec<crate::edit::Edit> {
    rules::supersede_not_reciprocal::back_link_fix(
        &facts::RecordFacts::of(new),
        &facts::RecordFacts::of(old),
    )
    .edits
}
pub use settings::{
    BaseFiles, LintOptions, Settings, rule_ids as settings_rule_ids,
    suggestion as settings_suggestion,
};

pub use crate::diagnostic::RuleMeta;

/// Declares a rule: the doc comment becomes rustdoc *and* the rule's `META.doc`, so
/// `adr rules`, `--explain`, SARIF and `docs/rules.md` all read the text next to the code.
/// `record:` names the check run on each record, `log:` the one run on the log's facts;
/// the rule's `RULE` is what the registry lists (`rules::rules!`), so a rule is declared in
/// one place.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis struct $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            fixable: $fixable:literal,
            enabled: $enabled:literal
            $(, record: $record:path)?
            $(, log: $log:path)? $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        $vis struct $name;

        impl $name {
            pub(crate) const META: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
                id: $id,
                severity: $crate::diagnostic::Severity::$severity,
                enabled: $enabled,
                fixable: $fixable,
                doc: concat!($($doc, "\n"),+),
            };
        }

        /// This rule as the registry lists it.
        pub(crate) const RULE: $crate::lint::Rule = $crate::lint::Rule {
            meta: &$name::META,
            record: $crate::lint::check_fn!($($record)?),
            log: $crate::lint::check_fn!($($log)?),
        };
    };
}
pub(crate) use declare_rule;

/// `Some(check)` for a named check, `None` without one.
macro_rules! check_fn {
    () => {
        None
    };
    ($check:path) => {
        Some($check)
    };
}
pub(crate) use check_fn;

/// What a rule is handed besides the model: the options, a place to report, and a cache of
/// which paths exist.
pub struct RuleContext<'a> {
    pub options: &'a LintOptions,
    /// The log's own template, when it keeps one: custom-layout records are held to its
    /// headings.
    pub template: Option<&'a crate::model::LogTemplate>,
    diagnostics: Vec<Diagnostic>,
    existing_paths: &'a Mutex<HashMap<PathBuf, bool>>,
    /// The sections the record lacks, when the log-wide pass of `section-missing` asked
    /// before the rules ran: the rule takes them rather than asking again (asking twice was
    /// a tenth of `adr lint`'s CPU at 10,000 records).
    pub(crate) missing_sections: Option<Vec<String>>,
}

impl<'a> RuleContext<'a> {
    fn new(options: &'a LintOptions, existing_paths: &'a Mutex<HashMap<PathBuf, bool>>) -> Self {
        Self {
            options,
            template: None,
            diagnostics: Vec::new(),
            existing_paths,
            missing_sections: None,
        }
    }

    /// Records a finding and returns it for `.help(…)`, `.fix(…)` and labels.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        path: &Path,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::new(rule, path.to_path_buf(), span, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Whether a file or directory exists. Rules ask here instead of touching the disk, so
    /// each path is looked up once however many records link to it.
    pub fn path_exists(&self, path: &Path) -> bool {
        if let Ok(mut cache) = self.existing_paths.lock() {
            return *cache
                .entry(path.to_path_buf())
                .or_insert_with(|| path.exists());
        }
        path.exists()
    }
}

impl LintOptions {
    /// The record's section a required heading names: by its own name, or through a
    /// `heading-aliases` entry of the config (`Kontext` → `Context`).
    pub fn section<'r>(&self, record: &'r Record, name: &str) -> Option<&'r Section> {
        let wanted = normalize_heading(name);
        record.sections.iter().find(|section| {
            let title = section.key();
            title == wanted
                || self
                    .heading_aliases
                    .get(title)
                    .is_some_and(|canonical| *canonical == wanted)
        })
    }

    /// The headings a record of this style must have.
    pub fn required_sections(&self, style: Style) -> &[String] {
        self.required_sections
            .get(style.name())
            .or_else(|| {
                style
                    .is_madr()
                    .then(|| self.required_sections.get("madr"))
                    .flatten()
            })
            .map_or(&[], Vec::as_slice)
    }
}

/// Which files' diagnostics to show (pre-commit passes the changed files); rules still see
/// the whole log.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Files and directories; empty = everything.
    pub paths: Vec<PathBuf>,
    /// `adr --log NAME lint`: only the files of that log (its index in the layout of the
    /// project whose log directory is given), while references into the others are checked.
    pub log: Option<(PathBuf, crate::layout::Layout, usize)>,
}

impl Selection {
    /// PATH arguments (relative to `cwd`) as absolute paths; each must exist.
    pub fn of_paths(cwd: &Path, paths: &[PathBuf]) -> Result<Selection> {
        let mut selected = Vec::with_capacity(paths.len());
        for path in paths {
            let absolute = crate::log_path::normalize(&cwd.join(path));
            if !absolute.exists() {
                return Err(crate::error::Error::usage(format!(
                    "`{}` does not exist: pass files or directories of the log",
                    path.display()
                )));
            }
            selected.push(absolute);
        }
        Ok(Selection {
            paths: selected,
            log: None,
        })
    }

    /// Narrowed to the files of the log `name` of `project` (`adr --log NAME lint`); an
    /// unknown name, or `--log` in a project of one log, is refused as other commands
    /// refuse it.
    pub fn within_log(mut self, project: &crate::config::Project, name: &str) -> Result<Selection> {
        let index = project.log_index(name)?;
        self.log = Some((project.log_dir.clone(), project.layout.clone(), index));
        Ok(self)
    }

    pub fn contains(&self, path: &Path) -> bool {
        let in_log = self.log.as_ref().is_none_or(|(dir, layout, index)| {
            layout.part_index(&crate::log_path::relative_slash_path(path, dir)) == *index
        });
        in_log
            && (self.paths.is_empty()
                || self.paths.iter().any(|selected| path.starts_with(selected)))
    }
}

/// The findings of one run.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Files of the log that were checked (records, unreadable files, misnamed Markdown).
    pub files_checked: usize,
    /// The text of every file a finding, a label or a fix points into with a span, for
    /// snippets and `--fix`; the run lets the other records' texts go.
    pub sources: Vec<SourceFile>,
}

/// Loads the log in `dir` and runs every enabled rule over it. Per-record rules run on each
/// record as soon as it is parsed (in parallel, inside the load); the record is then turned
/// into the [`RecordFacts`] log-wide rules read, so the whole log's model is never in memory
/// at once. Log-wide
/// rules run once, over indexed lookups. Severity and suppression are applied here, not in
/// rules.
pub fn lint(
    dir: &Path,
    options: &LintOptions,
    settings: &Settings,
    selection: &Selection,
) -> Result<Outcome> {
    let existing_paths = Mutex::new(HashMap::new());
    let texts = Texts::default();
    let active: Vec<(&Rule, Severity)> = RULES
        .iter()
        .filter_map(|rule| {
            settings
                .severity(rule.meta)
                .map(|severity| (rule, severity))
        })
        .collect();

    let record_findings = Mutex::new(HashMap::new());
    let record_directives = Mutex::new(HashMap::new());
    let section_gaps = rules::section_missing::LogGaps::new(&active);
    let mut found = options.layout.discover(dir)?;
    crate::load::recognise_by_content(&mut found.unnamed_markdown, &mut found.skipped);
    crate::load::recognise_numbered_templates(&mut found.records, &mut found.skipped);
    let template = crate::load::choose_template(&found.skipped);
    let log = Log::load_discovered(dir, found, crate::parse::Depth::Full, |record| {
        let mut ctx = RuleContext::new(options, &existing_paths);
        ctx.template = template.as_ref();
        section_gaps.add(&record, &mut ctx);
        if selection.contains(record.path()) {
            for (rule, _) in &active {
                if let Some(check) = rule.record {
                    check(&record, &mut ctx);
                }
            }
        }
        let directives = suppress::Directives::of(&record);
        if !directives.is_empty() {
            locked(&record_directives).insert(record.path().clone(), directives);
        }
        let facts = RecordFacts::of(&record);
        texts.release(record.source);
        if !ctx.diagnostics.is_empty() {
            locked(&record_findings).insert(facts.path.clone(), ctx.diagnostics);
        }
        facts
    })
    .with_layout(options.layout.clone());

    // In log order, each record's findings in rule order, then the log-wide ones: the
    // report's sort is stable, so this order settles ties.
    let mut record_findings = record_findings
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut diagnostics: Vec<Diagnostic> = log
        .records
        .iter()
        .filter_map(|record| record_findings.remove(record.path()))
        .flatten()
        .collect();
    section_gaps.collapse(log.records.iter().map(RecordFacts::path), &mut diagnostics);
    // The log-wide rules read the log and write only their own findings, so they run side
    // by side: one after another they were the last tenth of `adr lint` at 99,999 records,
    // on one core while the other idled. Collected in rule order, as before.
    let log_findings: Vec<Vec<Diagnostic>> = active
        .par_iter()
        .filter_map(|(rule, _)| rule.log)
        .map(|check| {
            let mut ctx = RuleContext::new(options, &existing_paths);
            ctx.template = log.template.as_ref();
            check(&log, &mut ctx);
            ctx.diagnostics
        })
        .collect();
    diagnostics.extend(log_findings.into_iter().flatten());

    let severities: HashMap<&str, Severity> = active
        .iter()
        .map(|(rule, severity)| (rule.meta.id, *severity))
        .collect();
    let record_directives = record_directives
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    diagnostics.retain_mut(|diagnostic| {
        let Some(severity) = severities.get(diagnostic.rule.id) else {
            return false;
        };
        diagnostic.severity = *severity;
        if !selection.contains(&diagnostic.path)
            || options.ignores(diagnostic.rule.id, &diagnostic.path)
        {
            return false;
        }
        let Some(directives) = record_directives.get(diagnostic.path.as_path()) else {
            return true;
        };
        let line = match diagnostic.span {
            Some(span) => match texts.get(&diagnostic.path) {
                Some(source) => Some(source.line_of(span.start)),
                // The text could not be read again: the run fails below.
                None => return true,
            },
            None => None,
        };
        !directives.suppresses(diagnostic.rule.id, line)
    });

    let files_checked = files_checked(&log, selection);
    // The records go before the texts the report needs are read again.
    let Log { failures, .. } = log;
    let sources = sources_of(&diagnostics, failures, texts)?;
    Ok(Outcome {
        diagnostics,
        files_checked,
        sources,
    })
}

/// How many of the log's files (records, files that failed to load, other Markdown) the
/// selection holds.
fn files_checked(log: &Log<RecordFacts>, selection: &Selection) -> usize {
    log.records
        .iter()
        .map(RecordFacts::path)
        .chain(log.failures.iter().map(|failure| &failure.path))
        .chain(log.unnamed_markdown.iter().map(|(path, _)| path))
        .filter(|path| selection.contains(path))
        .count()
}

/// The texts of the files the findings point into with a span, or fix: failures carry
/// theirs; records' texts are read again.
fn sources_of(
    diagnostics: &[Diagnostic],
    failures: Vec<LoadFailure>,
    texts: Texts,
) -> Result<Vec<SourceFile>> {
    let mut paths: BTreeSet<&Path> = BTreeSet::new();
    for diagnostic in diagnostics {
        if diagnostic.span.is_some() {
            paths.insert(&diagnostic.path);
        }
        for label in &diagnostic.labels {
            if label.span.is_some() {
                paths.insert(&label.path);
            }
        }
        if let Some(fix) = &diagnostic.fix {
            paths.insert(&fix.path);
        }
    }
    let mut sources: Vec<SourceFile> = failures
        .into_iter()
        .filter_map(|failure| failure.source)
        .filter(|source| paths.remove(source.path.as_path()))
        .collect();
    sources.extend(texts.into_sources(paths.into_iter().collect())?);
    Ok(sources)
}
