//! `adr export`: the whole log as data on stdout, JSON (`docs/export.md`) or CSV. Files
//! that could not be read are in the JSON's `unreadable` list, named on stderr, and make
//! the exit code 1.

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Project;
use crate::error::{Error, Result, output_error};
use crate::export::{export, to_csv};
use crate::{ExitStatus, Output};

pub fn run(args: &ExportArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let log = super::load_log(project)?;
    let mut data = export(&log, &project.root);
    if args.with_text {
        for (exported, record) in data.records.iter_mut().zip(&log.records) {
            exported.text = Some(record.source.text.clone());
        }
    }
    data.repository = args
        .repository
        .as_ref()
        .map(|url| url.trim_end_matches('/').to_string());
    let bytes = match args.format {
        ExportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&data).map_err(|error| {
                Error::usage(format!("cannot write the export as JSON: {error}"))
            })?;
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::Csv => to_csv(&data)
            .map_err(|error| Error::usage(format!("cannot write the export as CSV: {error}")))?,
    };
    output.out.write_all(&bytes).map_err(output_error)?;
    Ok(super::note_failures(output, project, &log.failures, ""))
}
