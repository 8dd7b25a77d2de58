//! The default format: rustc-style snippets drawn by annotate-snippets, then one summary
//! line. Plain when colour is off (pipes, `NO_COLOR`, tests).
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Entry, Report, Reporter, Sources};
use crate::diagnostic::Severity;
use crate::source::{SourceFile, Span};

pub struct Human {
    pub color: bool,
}

impl Reporter for Human {
    fn write(&self, report: &Report, sources: &Sources<'_>, out: &mut dyn Write) -> io::Result<()> {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        for entry in &report.entries {
            let group = group(entry, sources);
            writeln!(out, "{}\n", renderer.render(&[group]))?;
        }
        writeln!(out, "{}", report.summary())
    }
}

/// A file's text without its BOM, and a span shifted to match.
fn text_and_range(source: &SourceFile, span: Span) -> (&str, std::ops::Range<usize>) {
    let bom = source.bom_len();
    let text = source.text.get(bom..).unwrap_or(&source.text);
    let start = span.start.saturating_sub(bom).min(text.len());
    let end = span.end.saturating_sub(bom).clamp(start, text.len());
    (text, start..end)
}

fn group<'a>(entry: &'a Entry, sources: &Sources<'a>) -> Group<'a> {
    let diagnostic = &entry.diagnostic;
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule.id);
    let source = sources.get(&diagnostic.path);
    let mut group = match (source, diagnostic.span) {
        (Some(source), Some(span)) => {
            let (text, range) = text_and_range(source, span);
            let mut primary = AnnotationKind::Primary.span(range);
            if let Some(label) = &diagnostic.label {
                primary = primary.label(label.as_str());
            }
            let mut snippet = Snippet::source(text)
                .path(entry.display_path.as_str())
                .line_start(1)
                .annotation(primary);
            for label in entry
                .labels
                .iter()
                .filter(|label| label.path == diagnostic.path)
            {
                if let Some(span) = label.span {
                    let (_, range) = text_and_range(source, span);
                    snippet = snippet.annotation(
                        AnnotationKind::Context
                            .span(range)
                            .label(label.message.as_str()),
                    );
                }
            }
            title.element(snippet)
        }
        _ => {
            let mut origin = Origin::path(entry.display_path.as_str());
            if diagnostic.position.is_some() {
                origin = origin
                    .line(entry.location.line)
                    .char_column(entry.location.column);
            }
            title.element(origin)
        }
    };
    for label in entry
        .labels
        .iter()
        .filter(|label| label.path != diagnostic.path)
    {
        match (sources.get(&label.path), label.span) {
            (Some(source), Some(span)) => {
                let (text, range) = text_and_range(source, span);
                group = group.element(
                    Snippet::source(text)
                        .path(label.display_path.as_str())
                        .line_start(1)
                        .annotation(
                            AnnotationKind::Context
                                .span(range)
                                .label(label.message.as_str()),
                        ),
                );
            }
            _ => {
                group = group.element(
                    Level::NOTE.message(format!("{}: `{}`", label.message, label.display_path)),
                );
            }
        }
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}
