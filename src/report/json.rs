//! `--format json`: one document for scripts, with the shape the lint issue fixed.

use std::io::{self, Write};

use serde::Serialize;

use super::{Report, Reporter, Sources};

pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    files: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    fixable: bool,
}

impl Reporter for Json {
    fn write(&self, report: &Report, _: &Sources<'_>, out: &mut dyn Write) -> io::Result<()> {
        let document = Document {
            diagnostics: report
                .entries
                .iter()
                .map(|entry| JsonDiagnostic {
                    path: &entry.display_path,
                    line: entry.location.line,
                    column: entry.location.column,
                    end_line: entry.location.end_line,
                    end_column: entry.location.end_column,
                    rule: entry.diagnostic.rule.id,
                    severity: entry.diagnostic.severity.name(),
                    message: &entry.diagnostic.message,
                    help: entry.diagnostic.help.as_deref(),
                    fixable: entry.diagnostic.is_fixable(),
                })
                .collect(),
            files: report.files,
            errors: report.errors,
            warnings: report.warnings,
        };
        serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
        writeln!(out)
    }
}
