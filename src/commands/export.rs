//! `adr export`: the whole log as data on stdout, JSON (`docs/export.md`) or CSV. Files
//! that could not be read are in the JSON's `unreadable` list, named on stderr, and make
//! the exit code 1.

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Project;
use crate::error::{Error, Result, output_error};
use crate::export::{export_with_kinds, to_csv};
use crate::{ExitStatus, Output};

pub fn run(args: &ExportArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let filter = crate::model::RecordFilter::new(
        args.since.as_deref(),
        args.until.as_deref(),
        args.decision_maker.as_deref(),
    )
    .map_err(Error::usage)?;
    let log = super::load_log(project)?;
    // Filtered here, before the export: references to a record left out still resolve.
    let kept: Vec<bool> = log
        .records
        .iter()
        .map(|record| filter.matches(record))
        .collect();
    let kinds = crate::relation::RelationKinds::new(&project.config.relations);
    let mut data = export_with_kinds(&log, &project.root, &kinds);
    let mut keep = kept.into_iter();
    data.records.retain(|_| keep.next().unwrap_or(true));
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
