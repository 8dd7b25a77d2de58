//! `.adr.toml` and where the log is. The file is found by walking up from the working
//! directory; unknown keys are errors with their line. Precedence for the log directory:
//! `--dir` > `.adr.toml` `dir` > adr-tools' `.adr-dir` > phodal/adr's `.adr.json` `path` >
//! `docs/adr` > `docs/decisions` > a
//! folder real logs use (`doc/adr`, `docs/architecture/decisions`, …) holding records.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::layout::{Layout, LogPart};
use crate::log_path::normalize;

mod log4brains;
mod log_dirs;
pub use log_dirs::DEFAULT_DIRS;
use log_dirs::{default_dir_in, find_default_dir, folders_with_records, holds_records};

pub const CONFIG_FILE: &str = ".adr.toml";
pub const ADR_TOOLS_DIR_FILE: &str = ".adr-dir";
/// The config file of phodal/adr (the Node adr CLI, much used in Chinese logs):
/// `{ "path": "doc/adr/", "prefix": "ccc-jb-", "digits": 3 }`.
pub const PHODAL_CONFIG_FILE: &str = ".adr.json";
pub const DEFAULT_DIGITS: usize = 4;

/// The contents of `.adr.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The log directory, relative to the config file.
    pub dir: Option<String>,
    /// `madr`, `madr-minimal`, `madr2`, `nygard`, or a path to a template file (relative to the config file).
    pub template: Option<String>,
    /// Width of record numbers in file names (default 4).
    pub digits: Option<usize>,
    /// Statuses allowed besides proposed, accepted, rejected, deprecated and superseded.
    #[serde(default)]
    pub statuses: Vec<String>,
    /// How records are numbered: `log` (one series, the default) or `per-folder` (each
    /// sub-folder of the log numbers its own records from 1).
    pub numbering: Option<crate::layout::Numbering>,
    /// Several logs in one repository (`[[log]]` tables); `dir` is then not used.
    #[serde(default, rename = "log", skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<LogConfig>,
    #[serde(default)]
    pub lint: LintConfig,
    #[serde(default)]
    pub index: IndexConfig,
    #[serde(default)]
    pub site: SiteConfig,
    /// `[[relation]]`: typed relations besides the built-in ones (`adr link 3 implements 1`).
    #[serde(default, rename = "relation", skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationPair>,
}

/// One `[[relation]]`: a relation's name and the name the other record uses.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelationPair {
    /// As the record stating it writes it: `Implements`.
    pub name: String,
    /// As the other record writes it: `Implemented by`.
    pub reverse: String,
}

/// One `[[log]]` of a repository holding several: its name (for `--log` and
/// `name:0003` references), its directory and what may differ from the top-level settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LogConfig {
    /// The log's name: letters, digits, `-` and `_`.
    pub name: String,
    /// The log directory, relative to the config file.
    pub dir: String,
    /// The template for `adr new --log NAME` (default: the top-level `template`).
    pub template: Option<String>,
    /// Statuses allowed in this log besides the top-level ones.
    #[serde(default)]
    pub statuses: Vec<String>,
    /// Width of record numbers in this log's file names (default: the top-level `digits`).
    pub digits: Option<usize>,
    /// `log` or `per-folder` (default: the top-level `numbering`).
    pub numbering: Option<crate::layout::Numbering>,
}

/// `[lint]`: rule severities, required sections per style, localized headings.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    /// Rule id → `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Spanned<String>>,
    /// Style (`madr`, `nygard`) → the section headings a record of that style must have.
    #[serde(default)]
    pub required_sections: BTreeMap<String, Vec<String>>,
    /// A heading as the log writes it → the MADR/Nygard heading it stands for
    /// (`"Kontext und Problemstellung" = "Context and Problem Statement"`).
    #[serde(default)]
    pub heading_aliases: BTreeMap<String, String>,
    /// The URL path the log is published under (`"/adr/"`): a root-relative link starting
    /// with it (`/adr/ADR-216`) points into the log directory. Other root-relative links
    /// are looked up from the project root, as GitHub does.
    pub site_prefix: Option<String>,
    /// Every record must have a date (`date-missing` then reports each record without one,
    /// whatever the rest of the log does).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_date: bool,
    /// A file or glob, relative to this file (`"docs/adr/0007-*.md"`) → the rule ids not
    /// reported for the files it matches, as ruff's `per-file-ignores`. `adr init` writes
    /// one for each number a log already used twice before adopting `adr`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_file_ignores: BTreeMap<String, Vec<toml::Spanned<String>>>,
}

/// `[index]`: where `adr index` writes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexConfig {
    /// The Markdown file holding the index, relative to the config file
    /// (default: the log directory's README, or its `index.md` when that holds
    /// adr-log's markers).
    pub file: Option<String>,
}

/// `[site]`: defaults for `adr render`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    pub title: Option<String>,
    pub base_url: Option<String>,
    /// A directory of templates overriding the built-in ones by name.
    pub templates: Option<String>,
    /// The output directory (default `site`).
    pub out: Option<String>,
    /// The repository's web address (`https://github.com/owner/name`), for each record
    /// page's "Source" and "Edit" links; by default the `origin` remote's, when it is on
    /// GitHub, GitLab or Bitbucket.
    pub repository_url: Option<String>,
    /// The branch those links point into (default: the branch checked out).
    pub repository_branch: Option<String>,
    /// Status keyword → badge colour as `#rgb` or `#rrggbb` (`"on hold" = "#8a5cf5"`); the
    /// text colour is chosen for contrast.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub status_colours: std::collections::BTreeMap<String, String>,
}

/// Where the log directory setting came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirOrigin {
    Flag,
    ConfigFile(PathBuf),
    AdrToolsFile(PathBuf),
    /// phodal/adr's `.adr.json` and its `path`.
    PhodalConfig(PathBuf),
    /// log4brains' `.log4brains.yml` and its `adrFolder`.
    Log4brainsConfig(PathBuf),
    Default,
}

impl std::fmt::Display for DirOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DirOrigin::Flag => write!(f, "from --dir"),
            DirOrigin::ConfigFile(path) => write!(f, "`dir` in {}", path.display()),
            DirOrigin::AdrToolsFile(path) => write!(f, "named by {}", path.display()),
            DirOrigin::PhodalConfig(path) => write!(f, "`path` in {}", path.display()),
            DirOrigin::Log4brainsConfig(path) => write!(f, "`adrFolder` in {}", path.display()),
            DirOrigin::Default => write!(f, "the default"),
        }
    }
}

/// The loaded configuration and where things are.
#[derive(Debug, Clone)]
pub struct Project {
    pub cwd: PathBuf,
    /// The directory holding `.adr.toml` (or `.adr-dir`), else the directory above `docs/`,
    /// else the working directory. Config paths are relative to it.
    pub root: PathBuf,
    pub config_path: Option<PathBuf>,
    pub config_text: Option<String>,
    pub config: Config,
    /// The log directory; with several logs (`[[log]]`), the directory holding
    /// `.adr.toml`, below which [`Project::layout`] places each.
    pub log_dir: PathBuf,
    pub dir_origin: DirOrigin,
    /// The logs and how each numbers its records (see [`crate::layout`]).
    pub layout: Layout,
    /// What `adr` reads and writes through symbolic links stays inside: see
    /// [`Project::boundary`].
    boundary: PathBuf,
}

impl Project {
    /// Finds the configuration and the log directory from `cwd`. The directory must exist.
    pub fn locate(cwd: &Path, dir_flag: Option<&Path>) -> Result<Project> {
        let project = Self::locate_unchecked(cwd, dir_flag)?;
        if !project.log_dir.is_dir() {
            if project.log_dir.exists() {
                return Err(Error::LogDirNotADirectory {
                    path: PathBuf::from(project.display(&project.log_dir)),
                    origin: project.dir_origin.to_string(),
                });
            }
            return Err(Error::LogDirMissing {
                path: PathBuf::from(project.display(&project.log_dir)),
                origin: project.dir_origin.to_string(),
            });
        }
        Ok(project)
    }

    /// Like [`Project::locate`], but the directory need not exist yet (for `adr init`).
    pub fn locate_unchecked(cwd: &Path, dir_flag: Option<&Path>) -> Result<Project> {
        // With `--dir`, the log's own project decides (its `.adr.toml`, its root), so
        // `adr --dir X lint` gives the same findings from any working directory.
        let flag_dir = dir_flag.map(|dir| normalize(&cwd.join(dir)));
        let found_config = find_upwards(flag_dir.as_deref().unwrap_or(cwd), CONFIG_FILE);
        let (config_path, config_text, config) = match found_config {
            Some(path) => {
                let shown = PathBuf::from(crate::log_path::display_path(&path, cwd));
                let within = path.parent().unwrap_or(cwd);
                let text =
                    crate::fs::read_text_checked(&path, Some(within), crate::fs::MAX_TEXT_BYTES)
                        .map_err(|error| error.into_error("read", &shown))?;
                let config = parse_config(&shown, &text)?;
                check_config_paths(&shown, &text, within)?;
                (Some(path), Some(text), config)
            }
            None => (None, None, Config::default()),
        };
        let mut config = config;
        let config_root = config_path
            .as_ref()
            .and_then(|path| path.parent())
            .map(Path::to_path_buf);

        let (log_dir, dir_origin, root) = if let (None, false, Some(root), Some(path)) = (
            &flag_dir,
            config.logs.is_empty(),
            &config_root,
            &config_path,
        ) {
            (
                root.clone(),
                DirOrigin::ConfigFile(PathBuf::from(crate::log_path::display_path(path, cwd))),
                root.clone(),
            )
        } else if let Some(dir) = flag_dir {
            let root = config_root
                .clone()
                .unwrap_or_else(|| project_root_without_config(&dir));
            (dir, DirOrigin::Flag, root)
        } else if let (Some(dir), Some(root), Some(path)) =
            (&config.dir, &config_root, &config_path)
        {
            (
                root.join(dir),
                DirOrigin::ConfigFile(PathBuf::from(crate::log_path::display_path(path, cwd))),
                root.clone(),
            )
        } else if let Some(adr_dir_file) = config_root
            .is_none()
            .then(|| find_upwards(cwd, ADR_TOOLS_DIR_FILE))
            .flatten()
        {
            let shown = PathBuf::from(crate::log_path::display_path(&adr_dir_file, cwd));
            let root = adr_dir_file
                .parent()
                .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
            let text =
                crate::fs::read_text_checked(&adr_dir_file, Some(&root), crate::fs::MAX_TEXT_BYTES)
                    .map_err(|error| error.into_error("read", &shown))?;
            (
                root.join(adr_dir_setting(&shown, &text)?),
                DirOrigin::AdrToolsFile(PathBuf::from(crate::log_path::display_path(
                    &adr_dir_file,
                    cwd,
                ))),
                root,
            )
        } else if let Some(found) = config_root.is_none().then(|| phodal_config(cwd)).flatten() {
            found
        } else if let Some((found, logs)) = config_root
            .is_none()
            .then(|| log4brains_config(cwd))
            .flatten()
        {
            config.logs = logs;
            found
        } else if let Some(root) = &config_root {
            let dir = default_dir_in(root);
            (
                dir.unwrap_or_else(|| root.join(DEFAULT_DIRS[0])),
                DirOrigin::Default,
                root.clone(),
            )
        } else {
            match find_default_dir(cwd) {
                Some((dir, root)) => (dir, DirOrigin::Default, root),
                // Run from inside a log that has no config (`cd docs/architecture/decisions`):
                // the records are right here.
                None if holds_records(cwd) => {
                    (cwd.to_path_buf(), DirOrigin::Default, cwd.to_path_buf())
                }
                None => return Err(Error::no_log(cwd, &folders_with_records(cwd))),
            }
        };
        let log_dir = normalize(&log_dir);
        let boundary = boundary_of(config_root.as_deref(), &root, &log_dir);
        let several = log_dir == root && !config.logs.is_empty();
        let mut project = Project {
            cwd: cwd.to_path_buf(),
            root,
            config_path,
            config_text,
            config,
            log_dir,
            dir_origin,
            layout: Layout::default(),
            boundary,
        };
        project.layout = if several {
            project.several_logs()?
        } else {
            Layout::single(project.config.numbering.unwrap_or_default())
        };
        Ok(project)
    }

    /// The layout of the `[[log]]` tables, each log checked: a name `--log` can take,
    /// given once, and a directory that exists inside the project. Each log's statuses are
    /// allowed in that log only, besides the project's.
    fn several_logs(&mut self) -> Result<Layout> {
        let mut parts: Vec<LogPart> = Vec::new();
        let shown = PathBuf::from(self.config_path.as_deref().map_or_else(
            || CONFIG_FILE.to_string(),
            |path| crate::log_path::display_path(path, &self.cwd),
        ));
        let config_error = |name: &str, message: String| {
            let offset = self
                .config_text
                .as_deref()
                .and_then(|text| text.find(&format!("\"{name}\"")))
                .unwrap_or(0);
            Error::Config {
                path: shown.clone(),
                line: self.config_line_of(offset),
                column: 1,
                message,
            }
        };
        if self.config.dir.is_some() {
            return Err(config_error(
                "dir",
                "`dir` and `[[log]]` are both set: move `dir` into a `[[log]]` table, or remove the `[[log]]` tables".into(),
            ));
        }
        for log in &self.config.logs {
            if !crate::layout::is_log_name(&log.name) {
                return Err(config_error(
                    &log.name,
                    format!(
                        "log name `{}` is not a name: use letters, digits, `-`, `_` and `.`",
                        log.name
                    ),
                ));
            }
            if parts.iter().any(|part| part.name == log.name) {
                return Err(config_error(
                    &log.name,
                    format!(
                        "two `[[log]]` tables are named `{}`: give each log its own name",
                        log.name
                    ),
                ));
            }
            let dir = normalize(&self.root.join(&log.dir));
            if !dir.is_dir() {
                return Err(Error::LogDirMissing {
                    path: PathBuf::from(self.display(&dir)),
                    origin: format!("`[[log]]` `{}` in {}", log.name, shown.display()),
                });
            }
            let relative = crate::log_path::relative_slash_path(&dir, &self.root);
            let prefix = match relative.as_str() {
                "" | "." => String::new(),
                relative => format!("{relative}/"),
            };
            parts.push(LogPart {
                name: log.name.clone(),
                prefix,
                numbering: log.numbering.or(self.config.numbering).unwrap_or_default(),
                statuses: log
                    .statuses
                    .iter()
                    .map(|status| status.trim().to_lowercase())
                    .collect(),
            });
        }
        Ok(Layout { parts })
    }

    /// [`Project::locate`], narrowed by `--log NAME` to that log: every command then runs
    /// as on a project with that one log.
    pub fn locate_log(cwd: &Path, dir_flag: Option<&Path>, log: Option<&str>) -> Result<Project> {
        let project = Project::locate(cwd, dir_flag)?;
        match log {
            Some(name) => project.select_log(name),
            None => Ok(project),
        }
    }

    /// Refuses a command that works on one log when the project has several and `--log`
    /// names none.
    pub fn require_one_log(&self, command: &str) -> Result<()> {
        if self.layout.has_several() {
            return Err(Error::usage(format!(
                "this project has several logs ({}): name one with `adr --log NAME {command}`",
                self.layout.names()
            )));
        }
        Ok(())
    }

    /// The project narrowed to the log named `name` (`--log NAME`): its directory, and its
    /// own template, digits, statuses and numbering over the top-level ones.
    pub fn select_log(mut self, name: &str) -> Result<Project> {
        let log = self.config.logs[self.log_index(name)?].clone();
        self.log_dir = normalize(&self.root.join(&log.dir));
        self.config.template = log.template.or(self.config.template.take());
        self.config.digits = log.digits.or(self.config.digits);
        self.config.statuses.extend(log.statuses);
        let numbering = log.numbering.or(self.config.numbering).unwrap_or_default();
        self.config.numbering = Some(numbering);
        self.layout = Layout::single(numbering);
        Ok(self)
    }

    /// Where the log `name` is among the `[[log]]` tables (and the layout's logs, made in
    /// their order); an unknown name, or `--log` in a project of one log, is refused.
    pub fn log_index(&self, name: &str) -> Result<usize> {
        self.config
            .logs
            .iter()
            .position(|log| log.name == name)
            .ok_or_else(|| {
                Error::usage(if self.config.logs.is_empty() {
                    format!(
                        "`--log {name}`: this project has one log; name several with `[[log]]` tables in .adr.toml (see docs/multi-log.md)"
                    )
                } else {
                    format!("no log `{name}`: the logs are {}", self.layout.names())
                })
            })
    }

    /// The layout's name for the log holding `rel_path` (relative to
    /// [`Project::log_dir`]), when the project has several logs.
    pub fn log_name_of(&self, rel_path: &str) -> Option<&str> {
        self.layout
            .named_log_of(rel_path)
            .map(|part| part.name.as_str())
    }

    /// The project as far as files go: what `adr` reads (`.adr.toml`, templates, the
    /// index) and writes through a symbolic link must really be inside it. It is the
    /// directory holding `.adr.toml`, else the root of the git work tree holding the log,
    /// else [`Project::root`] (the directory above `docs/adr`, or holding `.adr-dir`), else
    /// the log directory's parent; each only when it holds the log (`--dir` may name a log
    /// in another tree).
    pub fn boundary(&self) -> &Path {
        &self.boundary
    }

    pub fn digits(&self) -> usize {
        self.config.digits.unwrap_or(DEFAULT_DIGITS)
    }

    /// A path as the user should read it: relative to the working directory.
    pub fn display(&self, path: &Path) -> String {
        crate::log_path::display_path(path, &self.cwd)
    }

    /// The line of `needle` in the config text, for errors about a value.
    pub fn config_line_of(&self, offset: usize) -> usize {
        self.config_text.as_deref().map_or(1, |text| {
            let before = text.get(..offset.min(text.len())).unwrap_or(text);
            before.matches('\n').count() + 1
        })
    }

    /// Resolves a path written in the config file.
    pub fn config_relative(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }
}

/// The project directory for a log at `log_dir` (see [`Project::boundary`]): the first of
/// the directory holding `.adr.toml`, the git work tree, and `root` (the directory above
/// `docs/`, or holding `.adr-dir`) that holds the log, else the log directory's parent.
fn boundary_of(config_root: Option<&Path>, root: &Path, log_dir: &Path) -> PathBuf {
    let real_log = real_path_of(log_dir);
    let holds_log = |dir: &Path| real_log.starts_with(real_path_of(dir));
    if let Some(config_root) = config_root
        && holds_log(config_root)
    {
        return config_root.to_path_buf();
    }
    if let Some(work_tree) = log_dir.ancestors().find(|dir| dir.join(".git").exists()) {
        return work_tree.to_path_buf();
    }
    if holds_log(root) {
        return root.to_path_buf();
    }
    log_dir.parent().unwrap_or(log_dir).to_path_buf()
}

/// `path` with its symbolic links resolved as far as it exists; the rest (not created
/// yet) is appended as written. Lexical `..` are removed first.
fn real_path_of(path: &Path) -> PathBuf {
    let path = normalize(path);
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |real, part| real.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// The log phodal/adr's `.adr.json` (the nearest above `cwd`) names: the log directory,
/// where the setting came from, and the project's root (the file's folder).
fn phodal_config(cwd: &Path) -> Option<(PathBuf, DirOrigin, PathBuf)> {
    let file = find_upwards(cwd, PHODAL_CONFIG_FILE)?;
    let dir = phodal_log_dir(&file)?;
    let root = file.parent()?.to_path_buf();
    let shown = PathBuf::from(crate::log_path::display_path(&file, cwd));
    Some((root.join(dir), DirOrigin::PhodalConfig(shown), root))
}

/// The log a `.log4brains.yml` above `cwd` names (its `adrFolder`) and, for a project with
/// packages, its logs: then the log directory is the project's root, which holds them all.
fn log4brains_config(cwd: &Path) -> Option<((PathBuf, DirOrigin, PathBuf), Vec<LogConfig>)> {
    let file = find_upwards(cwd, log4brains::LOG4BRAINS_FILE)?;
    let (folder, logs) = log4brains::logs(&file)?;
    let root = file.parent()?.to_path_buf();
    let shown = PathBuf::from(crate::log_path::display_path(&file, cwd));
    let dir = match logs.is_empty() {
        true => root.join(folder),
        false => root.clone(),
    };
    Some(((dir, DirOrigin::Log4brainsConfig(shown), root), logs))
}

/// The log directory phodal/adr's `.adr.json` names in `path` (CaenCamp: `doc/adr/`),
/// relative to the file's folder; `None` for a file that is not such a config (it may be
/// another tool's), which leaves the log to be found as without it.
fn phodal_log_dir(file: &Path) -> Option<PathBuf> {
    let root = file.parent()?;
    let text = crate::fs::read_text_checked(file, Some(root), crate::fs::MAX_TEXT_BYTES).ok()?;
    let config: serde_json::Value = serde_json::from_str(&text).ok()?;
    let path = config.get("path")?.as_str()?.trim();
    let relative = Path::new(path);
    let safe = !path.is_empty()
        && relative.components().all(|part| {
            matches!(
                part,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    safe.then(|| relative.to_path_buf())
}

/// The log directory an adr-tools `.adr-dir` names: its first non-empty line, trimmed.
/// adr-tools writes the path and a newline; a file with nothing in it is an error.
fn adr_dir_setting<'t>(shown: &Path, text: &'t str) -> Result<&'t str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.lines().map(str::trim).find(|line| !line.is_empty()) {
        Some(dir) => Ok(dir),
        None => Err(Error::Config {
            path: shown.to_path_buf(),
            line: 1,
            column: 1,
            message:
                "the file is empty: write the log directory in it (e.g. `docs/adr`), or delete it"
                    .into(),
        }),
    }
}

/// The keys of `.adr.toml` that hold paths, with where their values are.
#[derive(Deserialize, Default)]
struct PathKeys {
    dir: Option<toml::Spanned<String>>,
    template: Option<toml::Spanned<String>>,
    #[serde(default)]
    index: IndexPathKeys,
    #[serde(default)]
    site: SitePathKeys,
    #[serde(default, rename = "log")]
    logs: Vec<LogPathKeys>,
}

#[derive(Deserialize, Default)]
struct LogPathKeys {
    dir: Option<toml::Spanned<String>>,
    template: Option<toml::Spanned<String>>,
}

#[derive(Deserialize, Default)]
struct IndexPathKeys {
    file: Option<toml::Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct SitePathKeys {
    out: Option<toml::Spanned<String>>,
    templates: Option<toml::Spanned<String>>,
}

/// Every path in `.adr.toml` must lead inside `root`, the directory holding it (after
/// `..` and symbolic links): a config committed to a repository must not make `adr` read
/// or write elsewhere on the machine. Absolute paths inside the project are fine.
fn check_config_paths(shown: &Path, text: &str, root: &Path) -> Result<()> {
    let Ok(keys) = toml::from_str::<PathKeys>(text) else {
        return Ok(()); // `parse_config` has already reported a malformed file
    };
    let template = keys.template.filter(|template| {
        !crate::record_template::BUILTIN
            .iter()
            .any(|(name, _)| name == template.get_ref())
    });
    let real_root = real_path_of(root);
    let is_builtin = |template: &toml::Spanned<String>| {
        crate::record_template::BUILTIN
            .iter()
            .any(|(name, _)| name == template.get_ref())
    };
    let log_paths = keys.logs.into_iter().flat_map(|log| {
        [
            ("log.dir", log.dir),
            (
                "log.template",
                log.template.filter(|template| !is_builtin(template)),
            ),
        ]
    });
    for (key, value) in [
        ("dir", keys.dir),
        ("template", template),
        ("index.file", keys.index.file),
        ("site.out", keys.site.out),
        ("site.templates", keys.site.templates),
    ]
    .into_iter()
    .chain(log_paths)
    {
        let Some(value) = value else { continue };
        let resolved = real_path_of(&root.join(value.get_ref()));
        if resolved.starts_with(&real_root) {
            continue;
        }
        let (line, column) = line_col(text, value.span().start);
        return Err(Error::Config {
            path: shown.to_path_buf(),
            line,
            column,
            message: format!(
                "`{key}` = \"{}\" leads outside the project (to `{}`): paths in .adr.toml must stay inside `{}`, the directory holding it; use a path inside it, or move .adr.toml up to a directory holding both",
                value.get_ref(),
                resolved.display(),
                real_root.display()
            ),
        });
    }
    Ok(())
}

/// Parses `.adr.toml`; errors carry the line and column of the offending key or value.
pub fn parse_config(path: &Path, text: &str) -> Result<Config> {
    let config: Config = toml::from_str(text).map_err(|error| {
        let (line, column) = error
            .span()
            .map_or((1, 1), |span| line_col(text, span.start));
        Error::Config {
            path: path.to_path_buf(),
            line,
            column,
            message: config_message(&error),
        }
    })?;
    if let Some(digits) = config.digits
        && !(1..=9).contains(&digits)
    {
        let offset = text.find("digits").unwrap_or(0);
        let (line, column) = line_col(text, offset);
        return Err(Error::Config {
            path: path.to_path_buf(),
            line,
            column,
            message: format!("`digits` must be between 1 and 9, not {digits}"),
        });
    }
    Ok(config)
}

fn config_message(error: &toml::de::Error) -> String {
    let message = error.message().trim().to_string();
    if message.starts_with("unknown field") {
        format!("{message}: remove the key or fix its spelling")
    } else {
        message
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);

    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |line| line.chars().count())
        + 1;
    (line, column)
}

/// The root of a log's project when no `.adr.toml` names it: the git work tree holding
/// the log, else the log directory itself. Not the log's parent: a log copied out of its
/// repository (a vendored or downloaded log) links to `../ciso-guide/x.md` and
/// `../img/x.png` that exist only in that repository, and reporting them broken would be
/// wrong (18 false errors on elastisys-compliantkubernetes alone).
fn project_root_without_config(log_dir: &Path) -> PathBuf {
    log_dir
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(log_dir)
        .to_path_buf()
}

fn find_upwards(start: &Path, name: &str) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_their_line() {
        let error =
            parse_config(Path::new(".adr.toml"), "dir = \"docs/adr\"\ndri = 1\n").unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with(".adr.toml:2:1: unknown field `dri`"),
            "{text}"
        );
    }

    #[test]
    fn digits_are_bounded() {
        let error = parse_config(Path::new(".adr.toml"), "digits = 0\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            ".adr.toml:1:1: `digits` must be between 1 and 9, not 0"
        );
    }
}
