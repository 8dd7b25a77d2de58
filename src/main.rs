//! The `adr` binary: parse the command line, run it, print what failed, pick the exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use adr::cli::{Cli, ColorChoice};
use adr::{ExitStatus, Output};

// Loading a log makes many small allocations across threads (strings of the model);
// mimalloc took a fifth off `adr lint` on 10,000 records compared with glibc malloc. Its
// v2 line (the `v2` feature) hands freed pages back after 10 ms where v3 waits a second:
// as fast here, and 15-20 MiB less peak memory for `adr render` and `adr list`. Without
// transparent huge pages (the `no_thp` feature: mimalloc no longer asks for them on its
// arenas), a page of memory is made resident when it is used rather than 2 MiB at a time:
// a one-record re-render of 99,999 records peaked at 287 MiB instead of 310 and was no
// slower (8 alternated runs with and without MIMALLOC_ALLOW_THP=0, the same effect set by
// the environment: fastest 1.31 s against 1.43 s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let choice = match cli.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let mut stdout = io::BufWriter::new(anstream::AutoStream::new(io::stdout().lock(), choice));
    let mut stderr = anstream::AutoStream::new(io::stderr().lock(), choice);
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let result = match std::env::current_dir() {
        Ok(cwd) => adr::run(
            cli,
            &cwd,
            &mut Output {
                out: &mut stdout,
                err: &mut stderr,
                color,
            },
        ),
        Err(source) => Err(adr::Error::io("read the working directory", ".", source)),
    };
    let flushed = stdout.flush();
    let status = match result {
        Ok(status) => status,
        Err(error) if error.is_broken_pipe() => ExitStatus::Success,
        Err(error) => {
            report(&mut stderr, &anyhow::Error::new(error));
            ExitStatus::Error
        }
    };
    match flushed {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            report(
                &mut stderr,
                &anyhow::Error::new(error).context("cannot write to stdout"),
            );
            ExitStatus::Error.into()
        }
        _ => status.into(),
    }
}

fn report(stderr: &mut impl Write, error: &anyhow::Error) {
    let red = anstyle::AnsiColor::Red.on_default().bold();
    let _ = writeln!(stderr, "{red}error{red:#}: {error}");
    for cause in error.chain().skip(1) {
        let _ = writeln!(stderr, "  caused by: {cause}");
    }
}
