//! `adr new`: the next number, a slug from the title, the template rendered, and the file
//! created without ever overwriting. With `--supersedes`, the old records' statuses are
//! rewritten in place to point at the new one; with `-l`, the linked records get the
//! reverse link.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::new_contents::{self, Draft, Writer};
use crate::cli::NewArgs;
use crate::config::Project;
use crate::discover::{self, FileName, NamingScheme};
use crate::error::{Error, Result, output_error};
use crate::model::{DateValue, Record, Status, StatusKind};
use crate::new_record::{self, Created};
use crate::record_template::TemplateSource;
use crate::{ExitStatus, Output};

pub fn run(args: &NewArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    project.require_one_log("new")?;
    let Inputs {
        title,
        slug,
        date,
        status,
        template,
    } = Inputs::of(args, project)?;

    // Serialise concurrent `adr new` runs in this directory, so each sees the others' numbers.
    let _lock = crate::fs::DirLock::acquire(&project.log_dir);
    let log = if args.supersedes.is_empty() && args.links.is_empty() {
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
    for old in &superseded {
        new_record::refuse_second_successor(old)?;
    }
    let links = match &log {
        Some(log) => super::link::link_specs(project, log, &args.links)?,
        None => Vec::new(),
    };

    let found = discover::discover(&project.log_dir)?;
    let (writer, manner) = new_contents::writer(project, &found, template)?;
    let slug = match &writer {
        Writer::AdrTools(_) => crate::adr_tools::slug(&title).unwrap_or(slug),
        Writer::Template(_) | Writer::Own(_) => slug,
    };
    let files = new_record::top_series_files(&found, &project.layout);
    new_record::check_top_of_foldered_log(&found, &files, &project.display(&project.log_dir))?;
    // A log that names records in other scripts gets a name in the title's own script.
    let slug = if files.iter().any(|file| !file.slug.is_ascii()) {
        crate::slug::slugify_unicode(&title)
    } else {
        slug
    };
    let scheme = new_record::naming_scheme(&files, project.config.digits, project.digits());
    // `004 - Use Redis.md` in a log of `001 - Title.md` names: the title's own words.
    let slug = match &scheme {
        NamingScheme::Worded { .. } if !crate::slug::title_words(&title).is_empty() => {
            crate::slug::title_words(&title)
        }
        _ => slug,
    };
    let number = new_record::next_number(&files, &scheme, &project.log_dir)?;
    let date = date.to_string();
    // Every superseded record must take its new status before the new record is created:
    // a refusal afterwards would leave half the change made.
    let planned_name = FileName::format(&scheme, number, &slug, &date);
    let as_adr_tools = matches!(writer, Writer::AdrTools(_));
    new_contents::superseded_texts(
        (log.as_ref(), &superseded),
        &planned_name,
        &title,
        number,
        as_adr_tools,
    )?;
    let draft = Draft {
        writer: &writer,
        manner: &manner,
        title: &title,
        date: &date,
        status: &status,
        status_given: args.status.as_deref(),
        numbered: !matches!(scheme, NamingScheme::Dated { .. }),
        tags: &args.tags,
        decision_makers: &args.decision_makers,
        superseded: &superseded,
        log: log.as_ref(),
        links: &links,
    };
    let folder_file = new_record::folder_file_of(manner.newest.as_ref());
    let created = new_record::create(
        &project.log_dir,
        (&scheme, folder_file.as_deref()),
        number,
        &slug,
        &date,
        |name, path, number| draft.contents(name, path, number),
    )?;
    point_others_at_new(project, &draft, &created, as_adr_tools)?;

    writeln!(output.out, "{}", project.display(&created.path)).map_err(output_error)?;
    if !args.no_edit && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        open_editor(&created.path, output);
    }
    Ok(ExitStatus::Success)
}

/// What `adr new` was asked for, checked before anything is read or written.
struct Inputs {
    title: String,
    slug: String,
    date: jiff::civil::Date,
    /// Lowercased, `proposed` when not given.
    status: String,
    /// The template named by `--template` or the config; `None` lets the log decide.
    template: Option<TemplateSource>,
}

impl Inputs {
    fn of(args: &NewArgs, project: &Project) -> Result<Inputs> {
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
        let status = args
            .status
            .as_deref()
            .unwrap_or("proposed")
            .trim()
            .to_lowercase();
        let (kind, _) = Status::classify(&status);
        if kind == StatusKind::Superseded {
            return Err(Error::usage(
                "a new record cannot start superseded: create it, then run `adr status N \"superseded by M\"`",
            ));
        }
        super::status_words::check_status_argument(project, None, &kind, &status)?;
        let template = match (&args.template, &project.config.template) {
            (Some(setting), _) => Some(TemplateSource::from_setting(setting, &project.cwd)),
            (None, Some(setting)) => Some(TemplateSource::from_setting(setting, &project.root)),
            (None, None) => None,
        };
        Ok(Inputs {
            title,
            slug,
            date,
            status,
            template,
        })
    }
}

/// Rewrites each superseded record's status to point at the new record, and gives each
/// `-l` target its reverse link; on a refusal before the first rewrite, the new record is
/// taken back.
fn point_others_at_new(
    project: &Project,
    draft: &Draft<'_>,
    created: &Created,
    as_adr_tools: bool,
) -> Result<()> {
    let Created {
        path,
        rel_path,
        number,
    } = created;
    // Proven before the record was created; computed again for its final number.
    let texts = new_contents::superseded_texts(
        (draft.log, draft.superseded),
        rel_path,
        draft.title,
        *number,
        as_adr_tools,
    )
    .and_then(|texts| super::link::reverse_texts(path, rel_path, draft.links, texts));
    let texts = match texts {
        Ok(texts) => texts,
        Err(error) => {
            let _ = std::fs::remove_file(path);
            return Err(error);
        }
    };
    for (index, (old, text)) in texts.iter().enumerate() {
        if let Err(error) = super::rewrite(project, old.path(), &old.source.text, text) {
            // Nothing points at the new record yet: take it back, so "run the command
            // again" starts from the tree as it was.
            if index == 0 {
                let _ = std::fs::remove_file(path);
            }
            return Err(error);
        }
    }
    Ok(())
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
