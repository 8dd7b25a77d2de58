//! `adr render`: the static site of the log. This file turns the arguments and
//! `[site]` config into [`SiteOptions`] and reports what [`incremental::render`] did; the
//! site module does the work.

use std::path::{Path, PathBuf};

use crate::cli::RenderArgs;
use crate::config::Project;
use crate::error::{Error, Result};
use crate::site::incremental::{self, Outcome, Unpublished};
use crate::site::{self, SiteOptions};
use crate::{ExitStatus, Output};

const DEFAULT_TITLE: &str = "Architecture Decision Records";
const DEFAULT_OUT: &str = "site";

/// Renders the site and says what was written, or that nothing needed to be.
pub fn run(args: &RenderArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    render(args, project, &[], output)
}

/// `adr render --from A.json --from B.json`: the exports written out as a project of one
/// log per repository in a temporary directory, rendered as such into `--out` (default
/// `site` in the working directory).
pub fn run_from(args: &RenderArgs, cwd: &Path, output: &mut Output<'_>) -> Result<ExitStatus> {
    let staged = site::from_exports::stage(&args.from, cwd)?;
    let mut project = Project::locate(staged.dir.path(), None)?;
    let out = cwd.join(args.out.as_deref().unwrap_or(Path::new(DEFAULT_OUT)));
    project.config.site.out = Some(out.to_string_lossy().into_owned());
    project.cwd = cwd.to_path_buf();
    let args = RenderArgs {
        out: None,
        base_url: args.base_url.clone(),
        title: args.title.clone(),
        templates: args.templates.clone(),
        build_date: args.build_date,
        from: Vec::new(),
        verbose: args.verbose,
    };
    render(&args, &project, &staged.sources, output)
}

fn render(
    args: &RenderArgs,
    project: &Project,
    sources: &[(String, String)],
    output: &mut Output<'_>,
) -> Result<ExitStatus> {
    let settings = &project.config.site;
    let out_dir = crate::log_path::normalize(&match (&args.out, &settings.out) {
        (Some(out), _) => project.cwd.join(out),
        (None, Some(out)) => project.config_relative(out),
        (None, None) => project.root.join(DEFAULT_OUT),
    });
    let options = site_options(
        project,
        args.title.as_deref(),
        args.base_url.clone(),
        args.templates.as_deref(),
    )?;
    let options = SiteOptions {
        build_date: args.build_date.then(|| crate::clock::today().to_string()),
        sources: sources.to_vec(),
        ..options
    };
    let shown_out = project.display(&out_dir);
    let outcome = incremental::render(
        project,
        (&out_dir, &shown_out),
        options,
        args.verbose,
        &mut |warning| super::note(output, warning),
    )?;
    match outcome {
        Outcome::UpToDate { files, unpublished } => {
            super::note(
                output,
                format_args!(
                    "{shown_out} is up to date ({files} files): open {shown_out}/index.html"
                ),
            );
            warn_unpublished(output, project, &unpublished);
            Ok(ExitStatus::Success)
        }
        Outcome::Rendered {
            records,
            written,
            written_files,
            unchanged,
            removed,
            unpublished,
            failures,
        } => {
            let plural = |count: usize| if count == 1 { "" } else { "s" };
            super::note(
                output,
                format_args!(
                    "rendered {records} record{} into {shown_out} ({written} file{} written, {unchanged} unchanged, {removed} removed): open {shown_out}/index.html",
                    plural(records),
                    plural(written),
                ),
            );
            if args.verbose {
                report_written(output, &written_files);
            }
            warn_unpublished(output, project, &unpublished);
            Ok(super::note_failures(
                output,
                project,
                &failures,
                " (its page shows the error)",
            ))
        }
    }
}

/// Each file written with its size, then the total: what `--verbose` adds.
fn report_written(output: &mut Output<'_>, written_files: &[(String, u64)]) {
    for (path, len) in written_files {
        super::note(output, format_args!("  wrote {path} ({len} bytes)"));
    }
    let total: u64 = written_files.iter().map(|(_, len)| len).sum();
    super::note(
        output,
        format_args!("{total} bytes written in {} files", written_files.len()),
    );
}

/// The site's options from the flags `title`, `base_url` and `templates` and the `[site]`
/// config (`adr render` and `adr serve`); no build date. The override files are read now.
pub(super) fn site_options(
    project: &Project,
    title: Option<&str>,
    base_url: Option<String>,
    templates: Option<&Path>,
) -> Result<SiteOptions> {
    let settings = &project.config.site;
    let base_url = base_url.or_else(|| settings.base_url.clone());
    if let Some(url) = &base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(Error::usage(format!(
            "the base URL `{url}` is not an http or https URL: write it in full, e.g. https://example.org/decisions"
        )));
    }
    // `site.templates` was checked to be in the project; its files must be too.
    // `--templates` names a directory of the user's own choosing.
    let overrides_within = templates.is_none().then(|| project.boundary());
    Ok(SiteOptions {
        title: title
            .map(str::to_string)
            .or_else(|| settings.title.clone())
            .unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        base_url,
        build_date: None,
        overrides: match templates_dir(project, templates) {
            Some(dir) => site::read_overrides(&dir, overrides_within)?,
            None => Vec::new(),
        },
        history: None,
        repository: site::repository::Repository::of_project(project)?,
        status_colours: site::StatusColours::parse(&settings.status_colours)?,
        sources: Vec::new(),
    })
}

/// The directory of template overrides: `templates` (a flag, relative to the working
/// directory), else `site.templates`.
pub(super) fn templates_dir(project: &Project, templates: Option<&Path>) -> Option<PathBuf> {
    match (templates, &project.config.site.templates) {
        (Some(dir), _) => Some(project.cwd.join(dir)),
        (None, Some(dir)) => Some(project.config_relative(dir)),
        (None, None) => None,
    }
}

/// One warning per link or image the site does not publish: the record, the line, the
/// target, why and what to do.
pub(super) fn warn_unpublished(
    output: &mut Output<'_>,
    project: &Project,
    unpublished: &[Unpublished],
) {
    for item in unpublished {
        let line = item.line.map(|line| format!(":{line}")).unwrap_or_default();
        super::note(
            output,
            format_args!(
                "warning: {}{line}: `{}` {}",
                printable(&project.display(&project.log_dir.join(&item.record))),
                printable(&item.url),
                item.reason.message()
            ),
        );
    }
}

/// Text from a record (or a committed manifest) for the terminal: control characters,
/// which could move the cursor or recolour the screen, shown as `\u{..}`.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
