//! The tools: each one's input and output types (their JSON Schemas come from schemars),
//! and its work, done through the code of the CLI command it mirrors: `list_records` runs
//! `adr list --format json`, `lint` runs `adr lint --format json`, `create_record` runs
//! `adr new`, `set_status` runs `adr status`. A command's error is the tool's error, with
//! the message the CLI prints.
#![deny(clippy::string_slice)]

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::{Value, json};

use super::{INVALID_PARAMS, RpcError, Server, page};
use crate::cli::{Command, LintArgs, ListArgs, ListFormat, NewArgs, StatusArgs};
use crate::commands::search::SearchOutput;
use crate::export::ExportedRecord;
use crate::model::Log;
use crate::site::graph::Relations;

/// Page sizes when the caller gives no `limit`, and the most it may ask for.
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 1000;
const DEFAULT_SEARCH_LIMIT: usize = 20;
/// Lines shown per record by `mentions`.
const MAX_MENTION_LINES: usize = 5;

struct Tool {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    writes: bool,
    input: fn() -> Value,
    output: fn() -> Value,
}

fn schema<T: JsonSchema>() -> Value {
    let mut value =
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or(json!({"type": "object"}));
    if let Some(object) = value.as_object_mut() {
        object.remove("$schema");
    }
    value
}

const TOOLS: &[Tool] = &[
    Tool {
        name: "list_records",
        title: "List records",
        description: "The records sorted by number: number, title, status, date, tags, path and supersession, as `adr list --format json` gives them. Filter by `status` (`superseded` matches every `superseded by …`) and `tag`. Paged: pass `next_cursor` back as `cursor`.",
        writes: false,
        input: schema::<ListRecordsInput>,
        output: schema::<ListRecordsOutput>,
    },
    Tool {
        name: "get_record",
        title: "Get a record",
        description: "One record: its metadata (the `adr export` shape), its sections (level, title, line), its relations to other records, and its full Markdown text. `record` is a number (`7`, `0007`, `ADR-7`), a file name or a slug.",
        writes: false,
        input: schema::<RecordInput>,
        output: schema::<GetRecordOutput>,
    },
    Tool {
        name: "search",
        title: "Search records",
        description: "Full-text search over titles, headings and text, best match first (title over headings over body, whole words over prefixes), each result with a one-line excerpt and the byte ranges of the matches in it. The same ranking as `adr search`.",
        writes: false,
        input: schema::<SearchInput>,
        output: schema::<SearchPage>,
    },
    Tool {
        name: "relations",
        title: "Relations of a record",
        description: "The records a record supersedes, is superseded by, and links to (`outgoing`), and the records that state such a relation to it (`incoming`).",
        writes: false,
        input: schema::<RecordInput>,
        output: schema::<RelationsOutput>,
    },
    Tool {
        name: "lint",
        title: "Lint the log",
        description: "Checks the whole log, or one record (`record`), and returns the diagnostics as `adr lint --format json` does: path, line, column, rule, severity, message, help. Log-wide rules (duplicate numbers, broken links) still read every record.",
        writes: false,
        input: schema::<LintInput>,
        output: schema::<LintOutput>,
    },
    Tool {
        name: "mentions",
        title: "Decisions mentioning a path or term",
        description: "The records whose text contains `term` (case-insensitive, as written: a path such as `src/db/`, a crate, a service name), with up to five matching lines each. Use it before changing code to find the decisions that concern it.",
        writes: false,
        input: schema::<MentionsInput>,
        output: schema::<MentionsOutput>,
    },
    Tool {
        name: "create_record",
        title: "Create a record",
        description: "Writes a new record from the log's template, exactly as `adr new --no-edit` does (next number, slug from the title, never overwrites; `supersedes` also marks the old records superseded). Returns the new file's path and the lint result of the new record.",
        writes: true,
        input: schema::<CreateRecordInput>,
        output: schema::<CreateRecordOutput>,
    },
    Tool {
        name: "set_status",
        title: "Change a record's status",
        description: "Changes one record's status in place, exactly as `adr status` does: only the status value's bytes change. `status` is e.g. `accepted` or `superseded by 9`.",
        writes: true,
        input: schema::<SetStatusInput>,
        output: schema::<SetStatusOutput>,
    },
];

/// The tools offered: the read-only ones, and the write tools under `--allow-write`.
pub(super) fn list(allow_write: bool) -> Vec<Value> {
    TOOLS
        .iter()
        .filter(|tool| allow_write || !tool.writes)
        .map(|tool| {
            json!({
                "name": tool.name,
                "title": tool.title,
                "description": tool.description,
                "inputSchema": (tool.input)(),
                "outputSchema": (tool.output)(),
                "annotations": {
                    "title": tool.title,
                    "readOnlyHint": !tool.writes,
                    "destructiveHint": false,
                    "idempotentHint": !tool.writes || tool.name == "set_status",
                    "openWorldHint": false
                }
            })
        })
        .collect()
}

/// Runs a tool. Bad arguments and unknown tools are JSON-RPC errors; a failure of the work
/// itself (no such record, a refused edit) is a result with `isError`, its text the CLI's
/// message, so the agent reads it.
pub(super) fn call(server: &Server, name: &str, arguments: Value) -> Result<Value, RpcError> {
    let Some(tool) = TOOLS.iter().find(|tool| tool.name == name) else {
        return Err(RpcError::new(INVALID_PARAMS, format!("no tool `{name}`")));
    };
    if tool.writes && !server.allow_write {
        return Err(RpcError::new(
            INVALID_PARAMS,
            format!(
                "`{name}` writes to the log: start the server with `adr mcp --allow-write` to allow it"
            ),
        ));
    }
    let outcome = match name {
        "list_records" => run(arguments, |input| list_records(server, input))?,
        "get_record" => run(arguments, |input| get_record(server, input))?,
        "search" => run(arguments, |input| search(server, input))?,
        "relations" => run(arguments, |input| relations(server, input))?,
        "lint" => run(arguments, |input| lint(server, input))?,
        "mentions" => run(arguments, |input| mentions(server, input))?,
        "create_record" => run(arguments, |input| create_record(server, input))?,
        "set_status" => run(arguments, |input| set_status(server, input))?,
        _ => return Err(RpcError::new(INVALID_PARAMS, format!("no tool `{name}`"))),
    };
    Ok(match outcome {
        Ok(structured) => json!({
            "content": [{
                "type": "text",
                "text": serde_json::to_string_pretty(&structured).unwrap_or_default()
            }],
            "structuredContent": structured,
            "isError": false
        }),
        Err(message) => json!({
            "content": [{ "type": "text", "text": message }],
            "isError": true
        }),
    })
}

/// The work's result, or the CLI's error message.
type Outcome = Result<Value, String>;

fn run<I: DeserializeOwned, O: Serialize>(
    arguments: Value,
    work: impl FnOnce(I) -> Result<Result<O, String>, RpcError>,
) -> Result<Outcome, RpcError> {
    let input: I = serde_json::from_value(arguments)
        .map_err(|error| RpcError::new(INVALID_PARAMS, format!("invalid arguments: {error}")))?;
    Ok(work(input)?.map(|output| serde_json::to_value(output).unwrap_or(Value::Null)))
}

fn limit(requested: Option<usize>, default: usize) -> usize {
    requested.unwrap_or(default).clamp(1, MAX_LIMIT)
}

// --- list_records ---------------------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListRecordsInput {
    /// Only records with this status (`superseded` matches every `superseded by …`).
    pub status: Option<String>,
    /// Only records with this tag (case-insensitive).
    pub tag: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Records per page (default 100, at most 1000).
    pub limit: Option<usize>,
}

/// One record as `adr list --format json` gives it.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct ListedRecord {
    pub number: Option<u32>,
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub path: String,
    /// Numbers (or slugs, in logs without numbers) of the records this one supersedes.
    pub supersedes: Vec<Value>,
    pub superseded_by: Option<Value>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ListRecordsOutput {
    pub records: Vec<ListedRecord>,
    /// Records matching the filters, on every page.
    pub total: usize,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

type Work<O> = Result<Result<O, String>, RpcError>;

fn list_records(server: &Server, input: ListRecordsInput) -> Work<ListRecordsOutput> {
    let captured = match server.run_cli(Command::List(ListArgs {
        status: input.status,
        tag: input.tag,
        since: None,
        until: None,
        decision_maker: None,
        format: ListFormat::Json,
        verbose: false,
    })) {
        Ok(captured) => captured,
        Err(message) => return Ok(Err(message)),
    };
    let records: Vec<ListedRecord> = serde_json::from_str(&captured.stdout).map_err(|error| {
        RpcError::new(super::INTERNAL_ERROR, format!("internal error: {error}"))
    })?;
    let total = records.len();
    let (records, next_cursor) = page(
        records,
        input.cursor.as_deref(),
        limit(input.limit, DEFAULT_LIMIT),
    )?;
    Ok(Ok(ListRecordsOutput {
        records,
        total,
        next_cursor,
    }))
}

// --- get_record and relations ------------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordInput {
    /// A number (`7`, `0007`, `ADR-7`), a file name or a slug.
    pub record: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SectionOutput {
    pub level: u8,
    pub title: String,
    pub line: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GetRecordOutput {
    /// The record as `adr export` gives it (docs/export.md).
    pub record: ExportedRecord,
    pub sections: Vec<SectionOutput>,
    pub relations: RelationsOutput,
    /// The file's text as it is on disk.
    pub text: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RelatedRecord {
    /// `supersedes`, `superseded-by` or `links`, from the `outgoing` record's side.
    pub kind: String,
    pub number: Option<u32>,
    pub title: String,
    pub status: Option<String>,
    pub path: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RelationsOutput {
    pub number: Option<u32>,
    /// What this record says of others.
    pub outgoing: Vec<RelatedRecord>,
    /// What other records say of this one (`kind` as they state it).
    pub incoming: Vec<RelatedRecord>,
}

/// The full log and the project, or the CLI's error message.
fn load(server: &Server) -> Result<(crate::config::Project, Log), String> {
    let project = server
        .project()
        .map_err(|error| super::cli_message(&error))?;
    let log = crate::commands::load_log(&project).map_err(|error| super::cli_message(&error))?;
    Ok((project, log))
}

fn find_index(project: &crate::config::Project, log: &Log, query: &str) -> Result<usize, String> {
    let record = crate::commands::find_record(project, log, query)
        .map_err(|error| super::cli_message(&error))?;
    log.records
        .iter()
        .position(|candidate| std::ptr::eq(candidate, record))
        .ok_or_else(|| format!("error: no record `{query}`"))
}

fn relations_of(project: &crate::config::Project, log: &Log, index: usize) -> RelationsOutput {
    let relations = Relations::of(log);
    let related = |other: usize, kind: &str| {
        log.records.get(other).map(|record| RelatedRecord {
            kind: kind.to_string(),
            number: record.number(),
            title: record.display_title(),
            status: record.status_word(),
            path: project.display(record.path()),
        })
    };
    RelationsOutput {
        number: log
            .records
            .get(index)
            .and_then(crate::model::Record::number),
        outgoing: relations
            .edges
            .iter()
            .filter(|edge| edge.from == index && edge.to != index)
            .filter_map(|edge| related(edge.to, edge.kind.name()))
            .collect(),
        incoming: relations
            .edges
            .iter()
            .filter(|edge| edge.to == index && edge.from != index)
            .filter_map(|edge| related(edge.from, edge.kind.name()))
            .collect(),
    }
}

fn get_record(server: &Server, input: RecordInput) -> Work<GetRecordOutput> {
    let (project, log) = match load(server) {
        Ok(loaded) => loaded,
        Err(message) => return Ok(Err(message)),
    };
    let index = match find_index(&project, &log, &input.record) {
        Ok(index) => index,
        Err(message) => return Ok(Err(message)),
    };
    let Some(record) = log.records.get(index) else {
        return Ok(Err(format!("error: no record `{}`", input.record)));
    };
    Ok(Ok(GetRecordOutput {
        record: crate::export::export_record(
            &log,
            record,
            &project.cwd,
            &crate::relation::RelationKinds::new(&project.config.relations),
        ),
        sections: record
            .sections
            .iter()
            .map(|section| SectionOutput {
                level: section.level,
                title: section.title.clone(),
                line: section.line,
            })
            .collect(),
        relations: relations_of(&project, &log, index),
        text: record.source.text.clone(),
    }))
}

fn relations(server: &Server, input: RecordInput) -> Work<RelationsOutput> {
    let (project, log) = match load(server) {
        Ok(loaded) => loaded,
        Err(message) => return Ok(Err(message)),
    };
    Ok(find_index(&project, &log, &input.record).map(|index| relations_of(&project, &log, index)))
}

// --- search -----------------------------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchInput {
    /// Words to look for.
    pub query: String,
    /// Results per page (default 20, at most 1000).
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn search(server: &Server, input: SearchInput) -> Work<SearchPage> {
    let project = match server.project() {
        Ok(project) => project,
        Err(error) => return Ok(Err(super::cli_message(&error))),
    };
    let offset = match input.cursor.as_deref() {
        None => 0,
        Some(cursor) => cursor.parse::<usize>().map_err(|_| {
            RpcError::new(
                INVALID_PARAMS,
                format!("`{cursor}` is not a cursor this server gave"),
            )
        })?,
    };
    let limit = limit(input.limit, DEFAULT_SEARCH_LIMIT);
    match crate::commands::search::search(&project, &input.query, offset, limit) {
        Ok((found, _)) => {
            let end = offset + found.results.len();
            Ok(Ok(SearchPage {
                next_cursor: (end < found.total).then(|| end.to_string()),
                search: found,
            }))
        }
        Err(error) => Ok(Err(super::cli_message(&error))),
    }
}

/// `adr search --format json`'s document, and the cursor of the next page.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchPage {
    #[serde(flatten)]
    pub search: SearchOutput,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

// --- lint -------------------------------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintInput {
    /// Report on this record only (a number, file name or slug); default: the whole log.
    pub record: Option<String>,
}

/// `adr lint --format json`'s document.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct LintOutput {
    pub diagnostics: Vec<LintDiagnostic>,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct LintDiagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub message: String,
    pub help: Option<String>,
    pub fixable: bool,
}

/// Runs `adr lint --format json [PATH]` and reads its document.
fn lint_paths(server: &Server, paths: Vec<PathBuf>) -> Work<LintOutput> {
    let captured = match server.run_cli(Command::Lint(LintArgs {
        paths,
        format: crate::report::Format::Json,
        deny_warnings: false,
        fix: false,
        rules: Vec::new(),
        explain: None,
        base: None,
    })) {
        Ok(captured) => captured,
        Err(message) => return Ok(Err(message)),
    };
    let _ = captured.status; // 1 means findings, which the document holds
    serde_json::from_str(&captured.stdout)
        .map(Ok)
        .map_err(|error| RpcError::new(super::INTERNAL_ERROR, format!("internal error: {error}")))
}

fn lint(server: &Server, input: LintInput) -> Work<LintOutput> {
    let paths = match &input.record {
        None => Vec::new(),
        Some(query) => {
            let project = match server.project() {
                Ok(project) => project,
                Err(error) => return Ok(Err(super::cli_message(&error))),
            };
            let log = match Log::load_layout(
                &project.log_dir,
                &project.layout,
                crate::parse::Depth::Metadata,
            ) {
                Ok(log) => log,
                Err(error) => return Ok(Err(super::cli_message(&error))),
            };
            match crate::commands::find_record(&project, &log, query) {
                Ok(record) => vec![record.path().clone()],
                Err(error) => return Ok(Err(super::cli_message(&error))),
            }
        }
    };
    lint_paths(server, paths)
}

// --- mentions ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MentionsInput {
    /// A path (`src/db/`), a file, a crate, a service: any text, matched case-insensitively.
    pub term: String,
    /// Records per page (default 100, at most 1000).
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MentionLine {
    pub line: usize,
    /// The line, trimmed.
    pub text: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Mention {
    pub number: Option<u32>,
    pub title: String,
    pub status: Option<String>,
    pub path: String,
    /// Lines holding the term, at most five.
    pub lines: Vec<MentionLine>,
    /// How many lines hold it in all.
    pub count: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MentionsOutput {
    pub records: Vec<Mention>,
    pub total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Whether `line` holds `term`, case-insensitively. Only a yes or no: no offset from a
/// lowercased copy is ever used on the original.
fn mentions_term(line: &str, term: &str, folded_term: &str) -> bool {
    if term.is_ascii() {
        crate::casefold::find_ignore_ascii_case(line, term).is_some()
    } else {
        line.to_lowercase().contains(folded_term)
    }
}

fn mentions(server: &Server, input: MentionsInput) -> Work<MentionsOutput> {
    let term = input.term.trim();
    if term.is_empty() {
        return Err(RpcError::new(
            INVALID_PARAMS,
            "`term` is empty: give a path or a word",
        ));
    }
    let (project, log) = match load(server) {
        Ok(loaded) => loaded,
        Err(message) => return Ok(Err(message)),
    };
    let folded = term.to_lowercase();
    let found: Vec<Mention> = log
        .records
        .iter()
        .filter_map(|record| {
            let lines: Vec<MentionLine> = record
                .source
                .text
                .lines()
                .enumerate()
                .filter(|(_, line)| mentions_term(line, term, &folded))
                .map(|(index, line)| MentionLine {
                    line: index + 1,
                    text: line.trim().to_string(),
                })
                .collect();
            (!lines.is_empty()).then(|| Mention {
                number: record.number(),
                title: record.display_title(),
                status: record.status_word(),
                path: project.display(record.path()),
                count: lines.len(),
                lines: lines.into_iter().take(MAX_MENTION_LINES).collect(),
            })
        })
        .collect();
    let total = found.len();
    let (records, next_cursor) = page(
        found,
        input.cursor.as_deref(),
        limit(input.limit, DEFAULT_LIMIT),
    )?;
    Ok(Ok(MentionsOutput {
        records,
        total,
        next_cursor,
    }))
}

// --- create_record and set_status ---------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRecordInput {
    pub title: String,
    /// Initial status (default `proposed`).
    pub status: Option<String>,
    /// YYYY-MM-DD (default: today).
    pub date: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub decision_makers: Vec<String>,
    /// Records the new one supersedes; their statuses become `superseded by` it.
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// `madr`, `madr-minimal`, `madr2`, `nygard`, or a template file (default: the project's).
    pub template: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CreateRecordOutput {
    /// The new record, relative to the server's working directory.
    pub path: String,
    /// `adr lint --format json` on the new record.
    pub lint: LintOutput,
}

fn create_record(server: &Server, input: CreateRecordInput) -> Work<CreateRecordOutput> {
    let captured = match server.run_cli(Command::New(NewArgs {
        title: vec![input.title],
        status: Some(input.status.unwrap_or_else(|| "proposed".to_string())),
        date: input.date,
        tags: input.tags,
        decision_makers: input.decision_makers,
        supersedes: input.supersedes,
        links: Vec::new(),
        template: input.template,
        no_edit: true,
    })) {
        Ok(captured) => captured,
        Err(message) => return Ok(Err(message)),
    };
    let path = captured.stdout.trim_end().to_string();
    let lint = match lint_paths(server, vec![PathBuf::from(&path)])? {
        Ok(lint) => lint,
        Err(message) => return Ok(Err(message)),
    };
    Ok(Ok(CreateRecordOutput { path, lint }))
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetStatusInput {
    /// A number (`7`, `0007`, `ADR-7`), a file name or a slug.
    pub record: String,
    /// The new status, e.g. `accepted` or `superseded by 9`.
    pub status: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SetStatusOutput {
    /// False when the record already had this status (nothing was written).
    pub changed: bool,
    /// What `adr status` printed: `path: old -> new`, or `path: status is already …`.
    pub message: String,
}

fn set_status(server: &Server, input: SetStatusInput) -> Work<SetStatusOutput> {
    let captured = match server.run_cli(Command::Status(StatusArgs {
        record: input.record,
        status: vec![input.status],
        by: None,
    })) {
        Ok(captured) => captured,
        Err(message) => return Ok(Err(message)),
    };
    let changed = !captured.stdout.trim().is_empty();
    let message = if changed {
        captured.stdout
    } else {
        captured.stderr
    };
    Ok(Ok(SetStatusOutput {
        changed,
        message: message.trim_end().to_string(),
    }))
}
