//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SAST dashboards read
//! it. `driver.rules` comes from the registry (every rule, so results can refer to them by
//! index); columns are Unicode code points, as `adr` counts them.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Report, Reporter, Sources};
use crate::diagnostic::Severity;
use crate::lint::RULES;

pub struct Sarif;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Reporter for Sarif {
    fn write(&self, report: &Report, _: &Sources<'_>, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|rule| {
                let explanation = rule.meta.explanation();
                json!({
                    "id": rule.meta.id,
                    "name": rule.meta.id,
                    "shortDescription": { "text": rule.meta.summary() },
                    "fullDescription": { "text": rule.meta.summary() },
                    "help": { "text": explanation, "markdown": explanation },
                    "defaultConfiguration": {
                        "level": level(rule.meta.severity),
                        "enabled": rule.meta.enabled,
                    },
                    "properties": { "fixable": rule.meta.fixable },
                })
            })
            .collect();
        let results: Vec<Value> = report
            .entries
            .iter()
            .map(|entry| {
                let diagnostic = &entry.diagnostic;
                let location = entry.location;
                let mut text = diagnostic.message.clone();
                if let Some(help) = &diagnostic.help {
                    text.push_str(&format!("\nhelp: {help}"));
                }
                let mut result = json!({
                    "ruleId": diagnostic.rule.id,
                    "ruleIndex": RULES.iter().position(|rule| rule.meta.id == diagnostic.rule.id),
                    "level": level(diagnostic.severity),
                    "message": { "text": text },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&entry.display_path) },
                            "region": {
                                "startLine": location.line,
                                "startColumn": location.column,
                                "endLine": location.end_line,
                                "endColumn": location.end_column,
                            },
                        },
                    }],
                });
                if !entry.labels.is_empty() {
                    result["relatedLocations"] = entry
                        .labels
                        .iter()
                        .enumerate()
                        .map(|(index, label)| {
                            json!({
                                "id": index,
                                "message": { "text": label.message },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri(&label.display_path) },
                                    "region": {
                                        "startLine": label.location.line,
                                        "startColumn": label.location.column,
                                    },
                                },
                            })
                        })
                        .collect();
                }
                result
            })
            .collect();
        let document = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "adr",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "https://github.com/adr/madr",
                        "rules": rules,
                    },
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// A relative path as a URI reference: `/` kept, everything outside RFC 3986's unreserved
/// characters percent-encoded.
fn uri(path: &str) -> String {
    crate::log_path::percent_encode(path, b"")
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            super::uri("docs/adr/0001 a é.md"),
            "docs/adr/0001%20a%20%C3%A9.md"
        );
    }
}
