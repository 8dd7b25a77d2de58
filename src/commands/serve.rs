//! `adr serve`: the site of the log on this machine, rebuilt when a record (or a template
//! override) changes and reloaded in the browser. This file runs the loop (build, serve,
//! wait for a change or Ctrl-C) and says on the terminal what each build did;
//! [`crate::serve`] holds the server and the watcher, the incremental render the build.

use std::net::SocketAddr;
use std::sync::mpsc;
use std::time::Instant;

use super::render::{site_options, templates_dir, warn_unpublished};
use crate::cli::ServeArgs;
use crate::config::Project;
use crate::error::{Error, Result};
use crate::serve::{Preview, Signal, watch};
use crate::site::incremental::{self, Outcome};
use crate::{ExitStatus, Output};

/// Serves the site until Ctrl-C (or SIGTERM), then removes the private copy.
pub fn run(args: &ServeArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let preview = Preview::bind(SocketAddr::new(args.bind, args.port))?;
    if !args.bind.is_loopback() {
        super::note(
            output,
            format_args!(
                "warning: serving on {}: every machine that can reach this one can read the log; leave out `--bind` to serve this machine only",
                args.bind
            ),
        );
    }
    let (sender, signals) = mpsc::channel();
    let stop = sender.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    })
    .map_err(|error| Error::usage(format!("cannot handle Ctrl-C: {error}")))?;
    let mut watched = vec![project.log_dir.clone()];
    watched.extend(templates_dir(project, args.templates.as_deref()));
    // Watching starts before the first build, so a change made during it is not missed.
    let _watcher = watch(&watched, sender)?;
    build(args, project, &preview, output, "built the site");
    preview.start()?;
    let url = preview.url();
    let _ = writeln!(
        output.out,
        "serving {} at {url} (Ctrl-C stops)",
        project.display(&project.log_dir)
    );
    let _ = output.out.flush();
    if args.open
        && let Err(error) = opener::open_browser(&url)
    {
        super::note(
            output,
            format_args!("warning: cannot open a browser ({error}): open {url} yourself"),
        );
    }
    while let Ok(signal) = signals.recv() {
        let mut stopping = false;
        let mut changed = false;
        // Everything that arrived meanwhile is one rebuild.
        for signal in std::iter::once(signal).chain(signals.try_iter()) {
            match signal {
                Signal::Stop => stopping = true,
                Signal::Changed => changed = true,
                Signal::WatchFailed(why) => super::note(
                    output,
                    format_args!("warning: watching the log: {why} (changes may be missed)"),
                ),
            }
        }
        if stopping {
            break;
        }
        if changed {
            build(args, project, &preview, output, "rebuilt");
        }
    }
    preview.stop()?;
    super::note(output, format_args!("stopped"));
    Ok(ExitStatus::Success)
}

/// Builds the site into the preview's directory and says what that did; a failed build is
/// said on the terminal and shown on every page until the next one succeeds.
fn build(
    args: &ServeArgs,
    project: &Project,
    preview: &Preview,
    output: &mut Output<'_>,
    what: &str,
) {
    let started = Instant::now();
    let built = site_options(
        project,
        args.title.as_deref(),
        None,
        args.templates.as_deref(),
    )
    .and_then(|options| {
        incremental::render(
            project,
            (preview.site_dir(), "the served site"),
            options,
            false,
            &mut |warning| super::note(output, warning),
        )
    });
    let took = started.elapsed().as_millis();
    match built {
        Ok(Outcome::UpToDate { .. }) => {
            if preview.has_failed() {
                preview.publish(None);
            }
        }
        Ok(Outcome::Rendered {
            records,
            written,
            removed,
            unpublished,
            failures,
            ..
        }) => {
            super::note(
                output,
                format_args!(
                    "{what} in {took} ms: {records} record{}, {written} file{} written, {removed} removed",
                    plural(records),
                    plural(written)
                ),
            );
            warn_unpublished(output, project, &unpublished);
            super::note_failures(output, project, &failures, " (its page shows the error)");
            if written > 0 || removed > 0 || preview.has_failed() {
                preview.publish(None);
            }
        }
        Err(error) => {
            let text = error_text(&error);
            super::note(
                output,
                format_args!("error: the site could not be built: {text}"),
            );
            preview.publish(Some(text));
        }
    }
}

/// An error with its causes, one per line after the first.
fn error_text(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
