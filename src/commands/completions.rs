//! `adr completions SHELL`: the shell completion script clap_complete derives from the
//! command line definition, so completions never fall behind the flags.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Result, output_error};
use crate::{ExitStatus, Output};

pub fn run(args: &CompletionsArgs, output: &mut Output<'_>) -> Result<ExitStatus> {
    let mut command = Cli::command();
    command.set_bin_name("adr");
    command.build();
    // clap_complete's `generate` panics when the writer fails (a closed pipe); writing to
    // memory first keeps `adr completions bash | head` quiet.
    let mut script = Vec::new();
    clap_complete::Generator::try_generate(&args.shell, &command, &mut script)
        .map_err(output_error)?;
    output.out.write_all(&script).map_err(output_error)?;
    Ok(ExitStatus::Success)
}
