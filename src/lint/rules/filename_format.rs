use crate::discover::{FileName, NamingScheme};
use crate::lint::prelude::*;
use crate::model::dominant_scheme;

declare_rule! {
    /// ## What it does
    /// Reports Markdown files in the log whose names follow no record scheme.
    ///
    /// Record names are `0001-slug.md`, `adr-001-slug.md`, `ADR-1.md` or log4brains'
    /// `20200925-slug.md`. READMEs, indexes and templates (`template.md`,
    /// `0000-template.md`, `adr-template.md`, files starting with `_` or `.`) are not records
    /// and are left alone, as are Markdown files in a sub-folder that holds no record
    /// (`design/onboarding-guide.md`: a document kept beside the log).
    ///
    /// ## Why is this bad?
    /// `adr` and other ADR tools find records by their names. A decision saved as
    /// `use-kafka.md` has no number: it is missing from the index and from `adr list`, and
    /// nothing can link to it by number.
    ///
    /// ## Example
    /// ```text
    /// docs/adr/0001-record-architecture-decisions.md
    /// docs/adr/use-kafka.md
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// docs/adr/0001-record-architecture-decisions.md
    /// docs/adr/0002-use-kafka.md
    /// ```
    pub(crate) struct FilenameFormat { id: "filename-format", severity: Error, fixable: false, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    if log.unnamed_markdown.is_empty() {
        return;
    }
    // Folders of the log that hold records; a Markdown file in a sub-folder with none
    // (`operator/design/onboarding-guide.md`, `guides/`) is a document beside the log, not
    // a misnamed record.
    let record_dirs: std::collections::HashSet<&str> = log
        .records
        .iter()
        .map(|record| record.rel_path.rsplit_once('/').map_or("", |(dir, _)| dir))
        .collect();
    for (path, rel_path) in &log.unnamed_markdown {
        let dir = rel_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        if !dir.is_empty() && !record_dirs.contains(dir) {
            continue;
        }
        let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let slug = crate::slug::slugify(stem);
        // The file's own log decides the scheme and the next number (one log: all records).
        let part = log.layout.part_of(rel_path);
        let files: Vec<&FileName> = log
            .records
            .iter()
            .filter(|record| log.layout.part_of(&record.rel_path) == part)
            .map(|record| &record.file)
            .collect();
        // Past the last number the suggestion shows the last one; `adr new` refuses that case.
        let next = files
            .iter()
            .map(|file| file.number)
            .chain(
                log.failures
                    .iter()
                    .filter(|failure| log.layout.part_of(&failure.rel_path) == part)
                    .map(|failure| failure.file.number),
            )
            .flatten()
            .max()
            .map_or(1, |number| number.saturating_add(1));
        let suggested = match dominant_scheme(&files) {
            Some(scheme @ NamingScheme::Dated { .. }) => {
                FileName::format(&scheme, 0, &slug, "2025-01-31")
                    .replace("20250131", "YYYYMMDD")
                    .replace("2025-01-31", "YYYY-MM-DD")
            }
            Some(scheme) => FileName::format(&scheme, next, &slug, ""),
            None => FileName::format(&NamingScheme::Numbered { digits: 4 }, next, &slug, ""),
        };
        ctx.report(
            &FilenameFormat::META,
            path,
            None,
            format!("`{name}` is not named like a record"),
        )
        .help(format!(
            "rename it to `{suggested}` (or move it out of the log directory if it is not a decision)"
        ));
    }
}
