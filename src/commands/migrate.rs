//! `adr migrate`: converts the log's older records (adr-tools/Nygard, MADR 2, MADR 3) to
//! MADR 4. A dry run by default, printing one unified diff per record on stdout; `--write`
//! replaces each file atomically. The conversion itself is `crate::migrate`.

use std::path::{Path, PathBuf};

use crate::cli::MigrateArgs;
use crate::config::Project;
use crate::error::{Error, Result, output_error};
use crate::migrate::{Outcome, migrate};
use crate::model::Record;
use crate::{ExitStatus, Output};

pub fn run(args: &MigrateArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    project.require_one_log("migrate")?;
    let log = super::load_log(project)?;
    let wanted = resolve_paths(project, &args.paths)?;
    let is_wanted = |path: &Path| {
        wanted.is_empty()
            || canonical(path).is_some_and(|path| wanted.iter().any(|want| path.starts_with(want)))
    };
    if !wanted.is_empty() {
        for want in &wanted {
            let names_a_file = log
                .records
                .iter()
                .map(Record::path)
                .chain(log.failures.iter().map(|failure| &failure.path))
                .filter_map(|path| canonical(path))
                .any(|path| path.starts_with(want));
            if !names_a_file {
                return Err(Error::usage(format!(
                    "`{}` is not a record of the log in `{}`: name record files or directories inside it",
                    project.display(want),
                    project.display(&project.log_dir)
                )));
            }
        }
    }

    let mut status = ExitStatus::Success;
    let (mut migrated, mut already, mut unsupported) = (0usize, 0usize, 0usize);
    for record in log.records.iter().filter(|record| is_wanted(record.path())) {
        let shown = project.display(record.path());
        match migrate(record) {
            Ok(Outcome::Migrated(text)) => {
                migrated += 1;
                if args.write {
                    super::rewrite(project, record.path(), &record.source.text, &text)?;
                } else {
                    let diff = crate::diff::unified(&shown, &shown, &record.source.text, &text);
                    crate::diff::write(output.out, &diff, output.color).map_err(output_error)?;
                }
            }
            Ok(Outcome::AlreadyMadr4 | Outcome::Unchanged) => already += 1,
            Ok(Outcome::Unsupported(reason)) => {
                unsupported += 1;
                super::note(
                    output,
                    format_args!("note: {shown}: left as it is: {reason}"),
                );
            }
            Err(error) => {
                status = ExitStatus::Findings;
                super::note(output, format_args!("error: {error}"));
            }
        }
    }
    for failure in log
        .failures
        .iter()
        .filter(|failure| is_wanted(&failure.path))
    {
        status = ExitStatus::Findings;
        super::note_failure(output, project, failure, " (not migrated)");
    }

    let records = |count: usize| {
        if count == 1 {
            "1 record".to_string()
        } else {
            format!("{count} records")
        }
    };
    let mut summary = if args.write {
        format!("migrated {}", records(migrated))
    } else {
        format!("would migrate {}", records(migrated))
    };
    let mut details = Vec::new();
    if already > 0 {
        details.push(format!("{} already MADR 4", records(already)));
    }
    if unsupported > 0 {
        details.push(format!("{} in another layout", records(unsupported)));
    }
    if !details.is_empty() {
        summary.push_str(&format!(" ({})", details.join(", ")));
    }
    if !args.write && migrated > 0 {
        summary.push_str("; run `adr migrate --write` to apply");
    }
    super::note(output, format_args!("{summary}"));
    Ok(status)
}

/// The paths named on the command line, made absolute and canonical.
fn resolve_paths(project: &Project, paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    paths
        .iter()
        .map(|path| {
            let absolute = project.cwd.join(path);
            absolute
                .canonicalize()
                .map_err(|source| Error::io("read", &absolute, source))
        })
        .collect()
}

fn canonical(path: &Path) -> Option<PathBuf> {
    path.canonicalize().ok()
}
