//! `--format github`: one GitHub Actions workflow command per diagnostic, which GitHub
//! shows as an annotation on the pull request's diff.

use std::io::{self, Write};

use super::{Report, Reporter, Sources};
use crate::diagnostic::Severity;

pub struct Github;

impl Reporter for Github {
    fn write(&self, report: &Report, _: &Sources<'_>, out: &mut dyn Write) -> io::Result<()> {
        for entry in &report.entries {
            let diagnostic = &entry.diagnostic;
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let location = entry.location;
            let mut properties = format!(
                "file={},line={}",
                escape_property(&entry.display_path),
                location.line
            );
            if location.end_line == location.line {
                properties.push_str(&format!(",col={}", location.column));
                properties.push_str(&format!(",endLine={}", location.end_line));
                properties.push_str(&format!(",endColumn={}", location.end_column));
            } else {
                properties.push_str(&format!(",endLine={}", location.end_line));
            }
            properties.push_str(&format!(",title={}", escape_property(diagnostic.rule.id)));
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(out, "::{command} {properties}::{}", escape_data(&message))?;
        }
        Ok(())
    }
}

/// GitHub's escaping for a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping for a property value: the message's, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
