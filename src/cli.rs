//! The command line, as clap derive types. Parsing only: `commands` turns these into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "adr",
    version,
    about = "Create, lint, index and render Architecture Decision Records",
    long_about = "Create, lint, index and render Architecture Decision Records.\n\n\
        adr reads MADR 4/3 records with YAML front matter, MADR 2 records with `* Status:` bullets \
        and adr-tools/Nygard records with a `## Status` section, from `docs/adr` or the directory \
        named by `.adr.toml`, `.adr-dir` or `--dir`.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// The ADR directory (overrides `.adr.toml`, `.adr-dir` and the defaults `docs/adr`, `docs/decisions`)
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the ADR directory and `.adr.toml`
    Init(InitArgs),
    /// Write a new record from a template
    New(NewArgs),
    /// List the records
    List(ListArgs),
    /// Change a record's status in place
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Template new records start from
    #[arg(long, value_enum, default_value_t = TemplateName::Madr)]
    pub template: TemplateName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateName {
    /// MADR 4 with front matter and every section
    Madr,
    /// MADR 4 with front matter and the required sections only
    MadrMinimal,
    /// adr-tools / Michael Nygard's layout
    Nygard,
}

impl TemplateName {
    pub fn name(self) -> &'static str {
        match self {
            TemplateName::Madr => "madr",
            TemplateName::MadrMinimal => "madr-minimal",
            TemplateName::Nygard => "nygard",
        }
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The record's title (several words are joined with spaces)
    #[arg(required = true, value_name = "TITLE")]
    pub title: Vec<String>,

    /// Initial status
    #[arg(long, value_name = "STATUS", default_value = "proposed")]
    pub status: String,

    /// The decision's date, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// A decision-maker (repeatable)
    #[arg(long = "decision-maker", value_name = "NAME")]
    pub decision_makers: Vec<String>,

    /// Mark record N as superseded by the new one (repeatable)
    #[arg(long, value_name = "N")]
    pub supersedes: Vec<String>,

    /// `madr`, `madr-minimal`, `nygard`, or a path to a template file
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,

    /// Do not open the new record in $VISUAL/$EDITOR
    #[arg(long)]
    pub no_edit: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only records with this status (`superseded` matches every `superseded by …`)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Only records with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The record: its number (`7`, `0007`, `ADR-7`), file name or slug
    #[arg(value_name = "RECORD")]
    pub record: String,

    /// The new status, e.g. `accepted` or `superseded by 9`
    #[arg(required = true, value_name = "STATUS")]
    pub status: Vec<String>,
}
