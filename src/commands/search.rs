//! `adr search QUERY`: the records ranked by [`crate::search`], as lines for people (number,
//! status, title, then a one-line excerpt with the matches highlighted on a terminal) or as
//! JSON (docs/search.md). Exit 0 when something matched, 1 when nothing did, as grep does.

use serde::Serialize;

use crate::cli::{SearchArgs, SearchFormat};
use crate::config::Project;
use crate::error::{Result, output_error};
use crate::search::{Excerpt, Found};
use crate::{ExitStatus, Output};

/// The version of the JSON shape; new fields may come within a version.
pub const SEARCH_VERSION: u32 = 1;

/// `adr search --format json`, also the MCP `search` tool's result.
#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SearchOutput {
    pub version: u32,
    pub query: String,
    /// How many records matched, before `--limit`.
    pub total: usize,
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SearchResult {
    /// The log the record is in, when the project has several (`[[log]]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
    pub number: Option<u32>,
    pub title: String,
    pub status: Option<String>,
    /// Relative to the working directory, with `/`.
    pub path: String,
    /// BM25F score, rounded to 3 decimals; only the order is meant to be compared.
    pub score: f64,
    pub excerpt: ExcerptOutput,
}

#[derive(Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ExcerptOutput {
    pub text: String,
    /// `[start, end)` byte offsets into `text` of each match, sorted.
    pub matches: Vec<[usize; 2]>,
}

impl From<Excerpt> for ExcerptOutput {
    fn from(excerpt: Excerpt) -> ExcerptOutput {
        ExcerptOutput {
            text: excerpt.text,
            matches: excerpt
                .matches
                .into_iter()
                .map(|range| [range.start, range.end])
                .collect(),
        }
    }
}

/// The search results of `query` in the project's log, at most `limit` from `offset`.
pub fn search(
    project: &Project,
    query: &str,
    offset: usize,
    limit: usize,
) -> Result<(SearchOutput, Vec<crate::model::LoadFailure>)> {
    let log = super::load_log(project)?;
    let (total, found) = crate::search::search_log(&log, query, offset, limit);
    let output = SearchOutput {
        version: SEARCH_VERSION,
        query: query.to_string(),
        total,
        results: found
            .into_iter()
            .map(
                |Found {
                     record,
                     score,
                     excerpt,
                 }| SearchResult {
                    log: log.log_name_of(record).map(str::to_string),
                    number: record.number(),
                    title: record.display_title(),
                    status: record.status_word(),
                    path: project.display(record.path()),
                    score: (score * 1000.0).round() / 1000.0,
                    excerpt: excerpt.into(),
                },
            )
            .collect(),
    };
    Ok((output, log.failures))
}

pub fn run(args: &SearchArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let query = args.query.join(" ");
    let (found, failures) = search(project, &query, 0, args.limit)?;
    match args.format {
        SearchFormat::Json => {
            let mut text = serde_json::to_string_pretty(&found).unwrap_or_default();
            text.push('\n');
            output
                .out
                .write_all(text.as_bytes())
                .map_err(output_error)?;
        }
        SearchFormat::Human => write_human(&found, output)?,
    }
    for failure in &failures {
        super::note_failure(output, project, failure, " (not searched)");
    }
    if found.total == 0 {
        if args.format == SearchFormat::Human {
            super::note(output, format_args!("no record matches `{query}`"));
        }
        return Ok(ExitStatus::Findings);
    }
    Ok(ExitStatus::Success)
}

fn write_human(found: &SearchOutput, output: &mut Output<'_>) -> Result<()> {
    let number_style = anstyle::Style::new().bold();
    let status_style = anstyle::Style::new().dimmed();
    let mark = anstyle::AnsiColor::Red.on_default().bold();
    for result in &found.results {
        let number = result
            .number
            .map_or_else(|| "-".to_string(), |number| format!("{number:04}"));
        // With several logs a number is named with its log, as `adr list` names it.
        let number = match &result.log {
            Some(log) => format!("{log}:{number}"),
            None => number,
        };
        let status = result
            .status
            .as_deref()
            .map(|status| format!("  {status_style}({status}){status_style:#}"))
            .unwrap_or_default();
        writeln!(
            output.out,
            "{number_style}{number}{number_style:#}  {}{status}",
            result.title
        )
        .map_err(output_error)?;
        let mut line = String::from("    ");
        let text = &result.excerpt.text;
        let mut at = 0;
        for &[start, end] in &result.excerpt.matches {
            let (Some(before), Some(matched)) = (text.get(at..start), text.get(start..end)) else {
                continue;
            };
            line.push_str(before);
            line.push_str(&format!("{mark}{matched}{mark:#}"));
            at = end;
        }
        line.push_str(text.get(at..).unwrap_or(""));
        writeln!(output.out, "{line}").map_err(output_error)?;
    }
    Ok(())
}
