//! `adr generate toc|graph`: adr-tools' two reports, byte for byte in its shapes, so
//! scripts that publish an adr-tools log keep working (`adr_tools` builds the text).

use crate::cli::{GenerateArgs, GenerateReport};
use crate::config::Project;
use crate::error::{Result, output_error};
use crate::{ExitStatus, Output};

pub fn run(args: &GenerateArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let log = super::load_log(project)?;
    let text = match &args.report {
        GenerateReport::Toc(toc) => {
            // Files named on the command line are the user's choice (as `--template`).
            let read = |path: &std::path::PathBuf| -> Result<String> {
                let path = project.cwd.join(path);
                crate::fs::read_text_checked(&path, None, crate::fs::MAX_TEXT_BYTES)
                    .map_err(|error| error.into_error("read", &path))
            };
            let intro = toc.intro.as_ref().map(read).transpose()?;
            let outro = toc.outro.as_ref().map(read).transpose()?;
            crate::adr_tools::toc(&log, intro.as_deref(), outro.as_deref(), &toc.prefix)
        }
        GenerateReport::Graph(graph) => {
            crate::adr_tools::graph(&log, &graph.prefix, &graph.extension)
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
        " (left out)",
    ))
}
