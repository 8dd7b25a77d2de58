//! `adr man [COMMAND]`: the roff manual page clap_mangen derives from the command line
//! definition: `adr(1)`, or `adr-COMMAND(1)` for one subcommand.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result, output_error};
use crate::{ExitStatus, Output};

pub fn run(args: &ManArgs, output: &mut Output<'_>) -> Result<ExitStatus> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let Some(subcommand) = command.find_subcommand(name) else {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .filter(|name| *name != "help")
                    .collect();
                return Err(Error::usage(format!(
                    "`{name}` is not an adr command: use one of {}",
                    names.join(", ")
                )));
            };
            let subcommand = subcommand
                .clone()
                .display_name(format!("adr-{}", subcommand.get_name()))
                .bin_name(format!("adr {}", subcommand.get_name()));
            clap_mangen::Man::new(subcommand).source(format!("adr {}", env!("CARGO_PKG_VERSION")))
        }
    };
    let mut roff = Vec::new();
    page.render(&mut roff).map_err(output_error)?;
    output.out.write_all(&roff).map_err(output_error)?;
    Ok(ExitStatus::Success)
}
