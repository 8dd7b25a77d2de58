//! `adr new`: the next number, a slug from the title, the template rendered, and the file
//! created without ever overwriting. With `--supersedes`, the old records' statuses are
//! rewritten in place to point at the new one.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::NewArgs;
use crate::config::Project;
use crate::discover::{self, FileName, NamingScheme};
use crate::edit;
use crate::error::{Error, Result, output_error};
use crate::model::{DateValue, Record, Status, StatusKind, Style};
use crate::record_template::{self, NewRecordContext, SupersededRecord, TemplateSource};
use crate::{ExitStatus, Output};

/// Give up after this many numbers taken by concurrent writers.
const MAX_ATTEMPTS: u32 = 10_000;

pub fn run(args: &NewArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    super::require_one_log(project, "new")?;
    let title = args.title.join(" ").trim().to_string();
    // A newline would end the H1 and push the rest of the title into the body; other control
    // characters are invisible in every listing.
    if let Some(control) = title.chars().find(|c| c.is_control()) {
        return Err(Error::usage(format!(
            "the title contains a control character ({}): write the title on one line, without tabs or control characters",
            control.escape_debug()
        )));
    }
    let slug = crate::slug::slugify(&title);
    if slug.is_empty() {
        return Err(Error::usage(format!(
            "the title `{title}` has no letters or digits to make a file name from: use a title with words"
        )));
    }
    let date = match &args.date {
        Some(text) => DateValue::parse(text).valid().ok_or_else(|| {
            Error::usage(format!(
                "`--date {text}` is not a real date: write it as YYYY-MM-DD, e.g. 2025-05-11"
            ))
        })?,
        None => crate::clock::today(),
    };
    let status = args.status.trim().to_lowercase();
    let (kind, _) = Status::classify(&status);
    if kind == StatusKind::Superseded {
        return Err(Error::usage(
            "a new record cannot start superseded: create it, then run `adr status N \"superseded by M\"`",
        ));
    }
    super::check_status_argument(project, &kind, &args.status)?;
    let template = match (&args.template, &project.config.template) {
        (Some(setting), _) => TemplateSource::from_setting(setting, &project.cwd),
        (None, Some(setting)) => TemplateSource::from_setting(setting, &project.root),
        (None, None) => TemplateSource::Builtin("madr"),
    };

    // Serialise concurrent `adr new` runs in this directory, so each sees the others' numbers.
    let _lock = crate::fs::DirLock::acquire(&project.log_dir);
    let log = if args.supersedes.is_empty() {
        None
    } else {
        Some(super::load_log(project)?)
    };
    let superseded: Vec<&Record> = match &log {
        Some(log) => args
            .supersedes
            .iter()
            .map(|query| super::find_record(project, log, query))
            .collect::<Result<_>>()?,
        None => Vec::new(),
    };

    let found = discover::discover(&project.log_dir)?;
    // Numbered per folder, the new record at the log's top takes the top's next number.
    let per_folder = project.config.numbering == Some(crate::layout::Numbering::PerFolder);
    let files: Vec<&FileName> = found
        .records
        .iter()
        .filter(|(_, rel, _)| !per_folder || crate::layout::is_at_top(rel))
        .map(|(_, _, file)| file)
        .collect();
    // A log that names records in other scripts gets a name in the title's own script.
    let slug = if files.iter().any(|file| !file.slug.is_ascii()) {
        crate::slug::slugify_unicode(&title)
    } else {
        slug
    };
    let scheme = naming_scheme(project, &files);
    let mut number = files
        .iter()
        .filter_map(|file| file.number)
        .max()
        .map_or(Some(1), |highest| highest.checked_add(1))
        .ok_or_else(past_the_last_number)?;
    if matches!(scheme, NamingScheme::Dated { .. }) {
        number = 0;
    }
    let date_text = date.to_string();
    // Every superseded record must take its new status before the new record is created:
    // a refusal afterwards would leave half the change made.
    let planned_name = FileName::format(&scheme, number, &slug, &date_text);
    superseded_texts(&superseded, &planned_name, &title, number)?;

    let mut attempt = 0;
    let (path, rel_path) = loop {
        let mut name = FileName::format(&scheme, number, &slug, &date_text);
        if matches!(scheme, NamingScheme::Dated { .. }) && attempt > 0 {
            name = name.replace(".md", &format!("-{}.md", attempt + 1));
        }
        let path = project.log_dir.join(&name);
        let context = NewRecordContext {
            title: title.clone(),
            number: (!matches!(scheme, NamingScheme::Dated { .. })).then_some(number),
            padded_number: name
                .split(['-', '.'])
                .next()
                .unwrap_or_default()
                .to_string(),
            date: date_text.clone(),
            status: status.clone(),
            tags: args.tags.clone(),
            decision_makers: args.decision_makers.clone(),
            supersedes: superseded
                .iter()
                .map(|record| SupersededRecord {
                    number: record.number(),
                    id: record_id(record),
                    title: record.display_title(),
                    link: crate::log_path::relative_link(&name, &record.rel_path),
                })
                .collect(),
        };
        let contents = record_template::render(&template, &context)?;
        match crate::fs::create_new(&path, contents.as_bytes()) {
            Ok(()) => break (path, name),
            Err(error)
                if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < MAX_ATTEMPTS =>
            {
                attempt += 1;
                number = number.checked_add(1).ok_or_else(past_the_last_number)?;
            }
            Err(source) => return Err(Error::io("create", &path, source)),
        }
    };

    // Proven above before the record was created; computed again for its final number.
    let texts = match superseded_texts(&superseded, &rel_path, &title, number) {
        Ok(texts) => texts,
        Err(error) => {
            let _ = std::fs::remove_file(&path);
            return Err(error);
        }
    };
    for (index, (old, text)) in texts.iter().enumerate() {
        if let Err(error) = super::rewrite(project, old.path(), &old.source.text, text) {
            // Nothing points at the new record yet: take it back, so "run the command
            // again" starts from the tree as it was.
            if index == 0 {
                let _ = std::fs::remove_file(&path);
            }
            return Err(error);
        }
    }

    writeln!(output.out, "{}", project.display(&path)).map_err(output_error)?;
    if !args.no_edit && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        open_editor(&path, output);
    }
    Ok(ExitStatus::Success)
}

/// Each superseded record's text with its status pointing at the new record, each edit
/// proven to read back.
fn superseded_texts<'a>(
    superseded: &[&'a Record],
    rel_path: &str,
    title: &str,
    number: u32,
) -> Result<Vec<(&'a Record, String)>> {
    superseded
        .iter()
        .map(|old| {
            let value = superseded_status(old, rel_path, title, number);
            let edit = edit::status_edit(old, &value)?;
            Ok((*old, edit::apply_status_edit(old, &edit, &value)?))
        })
        .collect()
}

fn past_the_last_number() -> Error {
    Error::usage(format!(
        "the log already has record number {}, the largest `adr` can number: renumber the log (`adr renumber`) first",
        u32::MAX
    ))
}

/// The scheme of the log's newest record; a fresh log uses `NNNN-slug.md` with the
/// configured width. An explicit `digits` in the config wins over the log's width.
fn naming_scheme(project: &Project, files: &[&FileName]) -> NamingScheme {
    let scheme = crate::model::dominant_scheme(files);
    match (scheme, project.config.digits) {
        (Some(NamingScheme::Numbered { .. }), Some(digits)) | (None, Some(digits)) => {
            NamingScheme::Numbered { digits }
        }
        (Some(scheme), _) => scheme,
        (None, None) => NamingScheme::Numbered {
            digits: project.digits(),
        },
    }
}

/// `ADR-0007` for numbered records, the slug for log4brains-style ones.
pub(crate) fn record_id(record: &Record) -> String {
    match record.number() {
        Some(number) => crate::model::adr_id(number),
        None => record.slug().to_string(),
    }
}

/// The status text saying `old` is superseded by the record at `new_rel_path`, in the form
/// `old`'s style uses: MADR's `superseded by [ADR-0009](0009-x.md)`, adr-tools'
/// `Superseded by [9. Title](0009-x.md)`.
pub(crate) fn superseded_status(
    old: &Record,
    new_rel_path: &str,
    new_title: &str,
    new_number: u32,
) -> String {
    let link = crate::log_path::relative_link(&old.rel_path, new_rel_path);
    let file = FileName::parse(new_rel_path.rsplit('/').next().unwrap_or(new_rel_path));
    let number = file
        .as_ref()
        .and_then(|file| file.number)
        .or(Some(new_number).filter(|n| *n > 0));
    match (old.style, number) {
        (Style::Nygard, Some(number)) => format!("Superseded by [{number}. {new_title}]({link})"),
        (_, Some(number)) => format!("superseded by [{}]({link})", crate::model::adr_id(number)),
        (_, None) => {
            let stem = new_rel_path
                .rsplit('/')
                .next()
                .unwrap_or(new_rel_path)
                .trim_end_matches(".md");
            format!("superseded by [{stem}]({link})")
        }
    }
}

fn open_editor(path: &Path, output: &mut Output<'_>) {
    let Some(editor) = std::env::var_os("VISUAL")
        .or_else(|| std::env::var_os("EDITOR"))
        .filter(|e| !e.is_empty())
    else {
        return;
    };
    // The editor setting may carry arguments (`code --wait`), so let the shell split it.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("$ADR_EDITOR \"$1\"")
        .arg("sh")
        .arg(PathBuf::from(path))
        .env("ADR_EDITOR", &editor)
        .status();
    if let Err(error) = status {
        super::note(
            output,
            format_args!(
                "warning: could not start the editor {}: {error}",
                editor.to_string_lossy()
            ),
        );
    }
}
