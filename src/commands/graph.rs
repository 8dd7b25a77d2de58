//! `adr graph`: the relations between records (supersedes, superseded by, links) on
//! stdout, as Mermaid, Graphviz DOT or JSON.

use crate::cli::{GraphArgs, GraphFormat};
use crate::config::Project;
use crate::error::{Result, output_error};
use crate::site::graph::{self, Relations};
use crate::{ExitStatus, Output};

pub fn run(args: &GraphArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let log = super::load_log(project)?;
    let kinds = crate::relation::RelationKinds::new(&project.config.relations);
    let relations = Relations::of_kinds(&log, &kinds);
    let text = match args.format {
        GraphFormat::Mermaid => graph::to_mermaid(&log, &relations),
        GraphFormat::Dot => graph::to_dot(&log, &relations),
        GraphFormat::Json => {
            let mut text = serde_json::to_string_pretty(&graph::to_json(&log, &relations))
                .unwrap_or_else(|_| "{}".to_string());
            text.push('\n');
            text
        }
    };
    output
        .out
        .write_all(text.as_bytes())
        .map_err(output_error)?;
    Ok(super::note_failures(
        output,
        project,
        &log.failures,
        " (left out of the graph)",
    ))
}
