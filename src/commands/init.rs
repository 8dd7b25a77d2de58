//! `adr init`: the log directory and a `.adr.toml` naming it. Never overwrites; a second
//! run changes nothing and says so. In a repository that already keeps a log, it creates no
//! new one: it writes a `.adr.toml` describing the log it found (see [`crate::adopt`]).

use std::path::Path;

use crate::cli::InitArgs;
use crate::config::{self, CONFIG_FILE};
use crate::error::{Error, Result, output_error};
use crate::log_path::display_path;
use crate::{ExitStatus, Output};

pub fn run(
    args: &InitArgs,
    cwd: &Path,
    dir_flag: Option<&Path>,
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    let config_path = cwd.join(CONFIG_FILE);
    let existing =
        match crate::fs::read_text_checked(&config_path, Some(cwd), crate::fs::MAX_TEXT_BYTES) {
            Ok(text) => Some(config::parse_config(&config_path, &text)?),
            Err(error) if error.is_not_found() => None,
            Err(error) => return Err(error.into_error("read", &config_path)),
        };
    let package_logs = match (&existing, dir_flag) {
        (None, None) => crate::adopt::find_package_logs(cwd),
        _ => Vec::new(),
    };
    if !package_logs.is_empty() {
        let config = crate::adopt::several_logs_config(&package_logs, cwd);
        crate::fs::create_new(&config_path, config.as_bytes())
            .map_err(|source| Error::io("create", &config_path, source))?;
        writeln!(output.out, "created {CONFIG_FILE}").map_err(output_error)?;
        for (name, dir) in &package_logs {
            writeln!(output.out, "log {name}: {}", display_path(dir, cwd)).map_err(output_error)?;
        }
        super::note(output, format_args!("next: adr lint"));
        return Ok(ExitStatus::Success);
    }
    if existing.is_none()
        && let Some(log_dir) = existing_log(cwd, dir_flag)
    {
        let log = crate::model::Log::load(&log_dir)?;
        if !log.records.is_empty() {
            return adopt(&log, cwd, &config_path, output);
        }
    }
    let dir_setting = match (
        dir_flag,
        existing.as_ref().and_then(|config| config.dir.clone()),
    ) {
        (Some(flag), _) => flag.to_string_lossy().replace('\\', "/"),
        (None, Some(dir)) => dir,
        (None, None) => config::DEFAULT_DIRS[0].to_string(),
    };
    let log_dir = crate::log_path::normalize(&cwd.join(&dir_setting));
    let mut created = Vec::new();

    if !log_dir.is_dir() {
        std::fs::create_dir_all(&log_dir)
            .map_err(|source| Error::io("create the directory", &log_dir, source))?;
        created.push(format!("{}/", display_path(&log_dir, cwd)));
    }
    if existing.is_none() {
        let contents = format!(
            "# Configuration for `adr` (Architecture Decision Records).\n\
             # The directory holding the records, relative to this file.\n\
             dir = \"{}\"\n\
             # Template for `adr new`: madr, madr-minimal, madr2, nygard, or a path to your own file.\n\
             template = \"{}\"\n\
             # Width of the number in file names (0001-title.md).\n\
             digits = {}\n",
            dir_setting.trim_end_matches('/'),
            args.template.name(),
            config::DEFAULT_DIGITS
        );
        match crate::fs::create_new(&config_path, contents.as_bytes()) {
            Ok(()) => created.push(CONFIG_FILE.to_string()),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(source) => return Err(Error::io("create", &config_path, source)),
        }
    }

    if created.is_empty() {
        super::note(
            output,
            format_args!(
                "nothing to do: {}/ and {CONFIG_FILE} already exist",
                display_path(&log_dir, cwd)
            ),
        );
        return Ok(ExitStatus::Success);
    }
    for path in &created {
        writeln!(output.out, "created {path}").map_err(output_error)?;
    }
    if existing.is_some() {
        super::note(
            output,
            format_args!("{CONFIG_FILE} already exists: left unchanged"),
        );
    }
    super::note(
        output,
        format_args!("next: adr new \"Title of the first decision\""),
    );
    Ok(ExitStatus::Success)
}

/// The log `--dir` names, or the one found below the working directory.
fn existing_log(cwd: &Path, dir_flag: Option<&Path>) -> Option<std::path::PathBuf> {
    match dir_flag {
        Some(flag) => Some(crate::log_path::normalize(&cwd.join(flag))).filter(|dir| dir.is_dir()),
        None => crate::adopt::find_existing_log(cwd),
    }
}

/// Writes the `.adr.toml` describing `log` and says what lint will check.
fn adopt(
    log: &crate::model::Log,
    cwd: &Path,
    config_path: &Path,
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    let description = crate::adopt::describe(log, cwd);
    match crate::fs::create_new(config_path, description.config_text().as_bytes()) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            super::note(
                output,
                format_args!("{CONFIG_FILE} already exists: left unchanged"),
            );
            return Ok(ExitStatus::Success);
        }
        Err(source) => return Err(Error::io("create", config_path, source)),
    }
    writeln!(output.out, "created {CONFIG_FILE}").map_err(output_error)?;
    for line in description.summary() {
        writeln!(output.out, "{line}").map_err(output_error)?;
    }
    super::note(output, format_args!("next: adr lint"));
    Ok(ExitStatus::Success)
}
