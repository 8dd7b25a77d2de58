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

    /// With several logs (`[[log]]` in .adr.toml): work on the log of this name only
    #[arg(long, global = true, value_name = "NAME")]
    pub log: Option<String>,

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
    /// Print one record: its facts (status, date, relations resolved) and its Markdown
    Show(ShowArgs),
    /// Change a record's status in place
    Status(StatusArgs),
    /// Link two records with a typed relation, written in both (`adr link 3 amends 1`)
    Link(LinkArgs),
    /// Check the log: metadata, sections, numbers, links and supersession
    Lint(LintArgs),
    /// List the lint rules, or show one rule's documentation
    Rules(RulesArgs),
    /// Convert adr-tools/Nygard, MADR 2 and MADR 3 records to MADR 4 (dry run unless --write)
    Migrate(MigrateArgs),
    /// Print the whole log as data: JSON (one object per record) or CSV
    Export(ExportArgs),
    /// Write the table of all records between the index markers of the log's README
    Index(IndexArgs),
    /// Build a static HTML site of the log: index, one page per record, tags, relations
    Render(RenderArgs),
    /// Preview the site on this machine, rebuilt and reloaded in the browser as the log changes
    Serve(ServeArgs),
    /// Print the relations between records (supersedes, superseded by, links)
    Graph(GraphArgs),
    /// adr-tools' reports, in its exact shapes: `toc` (Markdown) and `graph` (Graphviz)
    Generate(GenerateArgs),
    /// Search the records' titles, headings and text, best match first
    Search(SearchArgs),
    /// Serve the log to coding agents: a Model Context Protocol server on stdin/stdout
    Mcp(McpArgs),
    /// Give records that share a number (after a merge) the next free numbers, fixing links
    Renumber(RenumberArgs),
    /// Print the JSON Schema of the front matter, for editors' YAML language servers
    Schema,
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    Man(ManArgs),
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
    /// MADR 2: `* Status:` and `* Date:` bullets under the title, no front matter
    Madr2,
    /// adr-tools / Michael Nygard's layout
    Nygard,
}

impl TemplateName {
    pub fn name(self) -> &'static str {
        match self {
            TemplateName::Madr => "madr",
            TemplateName::MadrMinimal => "madr-minimal",
            TemplateName::Madr2 => "madr2",
            TemplateName::Nygard => "nygard",
        }
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The record's title (several words are joined with spaces)
    #[arg(required = true, value_name = "TITLE")]
    pub title: Vec<String>,

    /// Initial status (default: `proposed`; `Accepted` in a log of adr-tools, as it writes)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

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
    #[arg(long, short = 's', value_name = "N")]
    pub supersedes: Vec<String>,

    /// Link the new record to TARGET, adr-tools' way: `-l "5:Amends:Amended by"` writes
    /// `Amends [5. …](…)` in the new record and `Amended by […](…)` in record 5 (repeatable)
    #[arg(long = "link", short = 'l', value_name = "TARGET:LINK:REVERSE-LINK")]
    pub links: Vec<String>,

    /// `madr`, `madr-minimal`, `madr2`, `nygard`, or a path to a template file
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

    /// Only records dated on or after this day (YYYY-MM-DD); undated records are left out
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,

    /// Only records dated on or before this day (YYYY-MM-DD); undated records are left out
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,

    /// Only records with this decision-maker (case ignored; `Bo` matches `Bo (platform team)`)
    #[arg(long, value_name = "NAME")]
    pub decision_maker: Option<String>,

    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Also name, on stderr, the Markdown files that are not read as records, and why
    /// (templates, parts of folder records, files not named like records)
    #[arg(long, short = 'v')]
    pub verbose: bool,
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
    #[arg(required_unless_present = "by", value_name = "STATUS")]
    pub status: Vec<String>,

    /// The record that supersedes it: `adr status 7 --by 9` is `adr status 7 superseded by 9`
    #[arg(long, value_name = "RECORD")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record: its number (`7`, `0007`, `ADR-7`), file name or slug
    #[arg(value_name = "RECORD")]
    pub record: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Human)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The record's facts, then its Markdown as written
    Human,
    /// The record as `adr export --with-text` writes it (docs/export.md)
    Json,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// `SOURCE RELATION... TARGET` (`3 amends 1`, `3 depends on 1`), or adr-tools' shape
    /// `SOURCE LINK TARGET REVERSE-LINK` (`3 Amends 1 "Amended by"`). Built-in relations:
    /// amends, clarifies, extends, depends on, relates to; more with `[[relation]]` in
    /// .adr.toml
    #[arg(required = true, num_args = 3.., value_name = "ARG")]
    pub args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The layout to convert to
    #[arg(long, value_enum, default_value_t = MigrateTarget::Madr4)]
    pub to: MigrateTarget,

    /// Apply the changes (without it: print a unified diff per record, change nothing)
    #[arg(long)]
    pub write: bool,

    /// Records or directories to migrate (default: the whole log)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateTarget {
    /// MADR 4: YAML front matter, MADR 4 section names, no number in the title
    Madr4,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// `json`: every field, the shape documented in docs/export.md; `csv`: the scalar columns
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,

    /// Add each record's Markdown (`text`), as `adr render --from` needs (JSON only)
    #[arg(long)]
    pub with_text: bool,

    /// The repository's web address (https://github.com/org/repo), which a site made with
    /// `adr render --from` links each record back to (JSON only)
    #[arg(long, value_name = "URL")]
    pub repository: Option<String>,

    /// Only records dated on or after this day (YYYY-MM-DD); undated records are left out
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,

    /// Only records dated on or before this day (YYYY-MM-DD); undated records are left out
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,

    /// Only records with this decision-maker (case ignored; `Bo` matches `Bo (platform team)`)
    #[arg(long, value_name = "NAME")]
    pub decision_maker: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command to print the page of (`adr-COMMAND(1)`) instead of `adr(1)`
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories to report on (default: the whole log); log-wide rules still
    /// read every record
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = crate::report::Format::Human)]
    pub format: crate::report::Format,

    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Apply the safe fixes, print what changed, then lint again
    #[arg(long)]
    pub fix: bool,

    /// Run only this rule (repeatable)
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,

    /// Print a rule's documentation and exit
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,

    /// Also report records whose number another file holds in git commit REF (e.g.
    /// `origin/main`): numbers taken on the branch this one will merge into
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Show this rule's documentation instead of the list
    #[arg(value_name = "ID")]
    pub rule: Option<String>,
}

#[derive(Debug, Args)]
pub struct RenumberArgs {
    /// Apply the changes (without it: print the renames and a unified diff, change nothing)
    #[arg(long)]
    pub write: bool,

    /// Also rewrite the moved records' file names in these files outside the log (a glob
    /// relative to the project root, e.g. 'src/**/*.rs'; repeatable); a bare id such as
    /// `ADR-0042` there is rewritten when git blame or the file's links tell which record it
    /// means, else listed for you to check
    #[arg(long, value_name = "GLOB")]
    pub also: Vec<String>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Write nothing; print the diff and exit 1 when the index is out of date (for CI)
    #[arg(long)]
    pub check: bool,

    /// The Markdown file holding the index (default: `index.file` in .adr.toml, else the log directory's README, or its index.md when that holds adr-log's markers)
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Where to write the site (default: `site.out` in .adr.toml, else `site`)
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// The URL the site is published at, for canonical links (default: `site.base-url`)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// The site's title (default: `site.title`, else "Architecture Decision Records")
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// A directory of templates and assets replacing the built-in ones by file name
    /// (default: `site.templates`)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Print today's date (or SOURCE_DATE_EPOCH's) in every page's footer
    #[arg(long)]
    pub build_date: bool,

    /// Build one site from these `adr export --with-text` files (one per repository)
    /// instead of the log; repeat for each
    #[arg(long = "from", value_name = "EXPORT.json")]
    pub from: Vec<PathBuf>,

    /// Also list, on stderr, each file written with its size, and the bytes written in all
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on; 0 picks a free one
    #[arg(long, short = 'p', value_name = "PORT", default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,

    /// The address to listen on: any other than 127.0.0.1 (this machine only) lets the
    /// network read the log
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,

    /// The site's title (default: `site.title`, else "Architecture Decision Records")
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// A directory of templates and assets replacing the built-in ones by file name
    /// (default: `site.templates`); watched like the log
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart, for Markdown that renders Mermaid
    Mermaid,
    /// Graphviz DOT, for `dot -Tsvg`
    Dot,
    /// `nodes` (number, title, status, path) and `edges` (from, to, kind)
    Json,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub report: GenerateReport,
}

#[derive(Debug, Subcommand)]
pub enum GenerateReport {
    /// A Markdown list of the records, as adr-tools' `adr generate toc` prints it
    Toc(TocArgs),
    /// The records and their Status-section links as Graphviz, as adr-tools'
    /// `adr generate graph` prints it
    Graph(AdrToolsGraphArgs),
}

#[derive(Debug, Args)]
pub struct TocArgs {
    /// A Markdown file printed before the list
    #[arg(short = 'i', value_name = "INTRO")]
    pub intro: Option<PathBuf>,

    /// A Markdown file printed after the list
    #[arg(short = 'o', value_name = "OUTRO")]
    pub outro: Option<PathBuf>,

    /// Put LINK_PREFIX before each record's file name
    #[arg(short = 'p', value_name = "LINK_PREFIX", default_value = "")]
    pub prefix: String,
}

#[derive(Debug, Args)]
pub struct AdrToolsGraphArgs {
    /// Put LINK_PREFIX before each record's link
    #[arg(short = 'p', value_name = "LINK_PREFIX", default_value = "")]
    pub prefix: String,

    /// The extension of the documents the nodes link to
    #[arg(short = 'e', value_name = "LINK-EXTENSION", default_value = ".html")]
    pub extension: String,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for (several words: records matching more of them rank higher)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Human)]
    pub format: SearchFormat,

    /// Show at most N results
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// Number, title, status and a one-line excerpt per record
    Human,
    /// The shape documented in docs/search.md
    Json,
}

#[derive(Debug, Args)]
pub struct McpArgs {
    /// Offer the two write tools too: `create_record` (as `adr new`) and `set_status` (as
    /// `adr status`); without it the server only reads
    #[arg(long)]
    pub allow_write: bool,
}
