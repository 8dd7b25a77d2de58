//! `adr show RECORD`: one record, found as `adr status` finds it (number, file name or
//! slug): its facts, with the records it names resolved in the log, over its Markdown as
//! written; or, with `--format json`, the record as `adr export --with-text` writes it.

use crate::cli::{ShowArgs, ShowFormat};
use crate::config::Project;
use crate::error::{Error, Result, output_error};
use crate::export::{ExportedRecord, ExportedRef};
use crate::{ExitStatus, Output};

pub fn run(args: &ShowArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let log = super::load_log(project)?;
    let record = super::find_record(project, &log, &args.record)?;
    let kinds = crate::relation::RelationKinds::new(&project.config.relations);
    let mut exported = crate::export::export_record(&log, record, &project.root, &kinds);
    let out = &mut *output.out;
    match args.format {
        ShowFormat::Json => {
            exported.text = Some(record.source.text.clone());
            serde_json::to_writer_pretty(&mut *out, &exported).map_err(|error| {
                Error::usage(format!("cannot write the record as JSON: {error}"))
            })?;
            writeln!(out).map_err(output_error)?;
        }
        ShowFormat::Human => {
            let facts = facts_of(&exported);
            let width = facts.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
            writeln!(out, "{}", project.display(record.path())).map_err(output_error)?;
            for (name, value) in &facts {
                writeln!(out, "  {name:<width$}  {value}").map_err(output_error)?;
            }
            writeln!(out).map_err(output_error)?;
            out.write_all(record.source.text.as_bytes())
                .map_err(output_error)?;
            if !record.source.text.ends_with('\n') {
                writeln!(out).map_err(output_error)?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// The facts a reader looks for before the text, those the record has.
fn facts_of(record: &ExportedRecord) -> Vec<(String, String)> {
    let named = |reference: &ExportedRef| {
        reference
            .path
            .clone()
            .unwrap_or_else(|| format!("{} (no such record)", reference.text))
    };
    let mut facts: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, value: Option<String>| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            facts.push((format!("{name}:"), value));
        }
    };
    add("number", record.number.map(|number| number.to_string()));
    add("title", Some(record.title.clone()));
    add(
        "status",
        record.status_text.clone().or(record.status.clone()),
    );
    add("date", record.date.clone());
    add("tags", Some(record.tags.join(", ")));
    add("decision-makers", Some(record.decision_makers.join(", ")));
    add("superseded by", record.superseded_by.as_ref().map(named));
    for reference in &record.supersedes {
        add("supersedes", Some(named(reference)));
    }
    for relation in &record.relations {
        add(
            &relation.label.to_lowercase(),
            Some(named(&relation.target)),
        );
    }
    facts
}
