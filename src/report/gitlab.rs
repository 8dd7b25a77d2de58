//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), which GitLab
//! shows in merge requests. Fingerprints are stable across runs: they hash the rule, the
//! file and the message (and a counter for repeats), not the line, which moves.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Report, Reporter, Sources};
use crate::diagnostic::Severity;

pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'a str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

impl Reporter for Gitlab {
    fn write(&self, report: &Report, _: &Sources<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
        let issues: Vec<Issue> = report
            .entries
            .iter()
            .map(|entry| {
                let diagnostic = &entry.diagnostic;
                let repeat = seen
                    .entry((
                        entry.display_path.clone(),
                        diagnostic.rule.id,
                        diagnostic.message.as_str(),
                    ))
                    .or_insert(0);
                let fingerprint = fingerprint(&[
                    diagnostic.rule.id,
                    &entry.display_path,
                    &diagnostic.message,
                    &repeat.to_string(),
                ]);
                *repeat += 1;
                let description = match &diagnostic.help {
                    Some(help) => format!("{} (help: {help})", diagnostic.message),
                    None => diagnostic.message.clone(),
                };
                Issue {
                    description,
                    check_name: diagnostic.rule.id,
                    fingerprint,
                    severity: match diagnostic.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                        Severity::Info => "info",
                    },
                    location: IssueLocation {
                        path: &entry.display_path,
                        lines: Lines {
                            begin: entry.location.line,
                            end: entry.location.end_line,
                        },
                    },
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// 128-bit FNV-1a, hex: stable across runs, platforms and Rust versions (unlike std's
/// `DefaultHasher`), which GitLab needs to match issues between pipelines.
fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_fixed_values() {
        assert_eq!(fingerprint(&[]), "6c62272e07bb014262b821756295c58d");
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab"]));
    }
}
