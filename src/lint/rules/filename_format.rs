use std::collections::BTreeSet;

use crate::discover::{FileName, NamingScheme};
use crate::lint::prelude::*;
use crate::model::dominant_scheme;

declare_rule! {
    /// ## What it does
    /// Reports Markdown files in the log whose names follow no record scheme.
    ///
    /// Record names are `0001-slug.md`, `adr-001-slug.md`, `ADR-1.md`, a prefix of the
    /// log's own before the number when most of its files share it (`scs-0001-slug.md`,
    /// `rfc-0012-slug.md`), or log4brains' `20200925-slug.md`. Each file is offered a
    /// number no other record or file has: the one its name carries when that is free.
    /// READMEs, indexes, documents named in capitals without a number (`PROCESS.md`) and
    /// templates (`template.md`, `0000-template.md`, `adr-template.md`, files starting with
    /// `_` or `.`) are not records and are left alone, as are Markdown files in a
    /// sub-folder that holds no record while the log holds some (`design/onboarding-guide.md`:
    /// a document kept beside the log) and files that read as no decision, stating no status and having
    /// none of a decision's sections (`costs.md` beside `adr_01.md`; `adr list --verbose`
    /// lists them).
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
    // A Markdown file in a sub-folder without records (`operator/design/onboarding-guide.md`,
    // `guides/`) is a document beside the log, not a misnamed record; a log that holds no
    // record yet keeps its decisions where it does (LBHackney's `Accepted/`, `Proposed/`
    // folders of unnumbered names): said, not left silent.
    let candidates = log.misnamed_candidates();
    if candidates.is_empty() {
        return;
    }
    // The numbers each log part has given or this rule has offered: every file is offered a
    // number of its own (104 files once were all told `0001-…`, SovereignCloudStack).
    let mut taken_by_part: std::collections::HashMap<Option<&str>, BTreeSet<u32>> =
        std::collections::HashMap::new();
    for (path, rel_path) in candidates {
        let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        // The file's own log decides the scheme and the next number (one log: all records).
        let part = log.layout.part_of(rel_path);
        let files: Vec<&FileName> = log
            .records
            .iter()
            .filter(|record| log.layout.part_of(&record.rel_path) == part)
            .map(|record| &record.file)
            .collect();
        let taken = taken_by_part
            .entry(part.map(|part| part.name.as_str()))
            .or_insert_with(|| {
                files
                    .iter()
                    .map(|file| file.number)
                    .chain(
                        log.failures
                            .iter()
                            .filter(|failure| log.layout.part_of(&failure.rel_path) == part)
                            .map(|failure| failure.file.number),
                    )
                    .flatten()
                    .collect()
            });
        // A name that already carries a number after some prefix (`scs-0002-v1-x.md` in a
        // log of `0001-x.md`) keeps it when no other record has it.
        // Taken, it gets a free one like any other file, and the prefix and old number go.
        let carried = crate::discover::parse_with_any_prefix(stem)
            .filter(|file| matches!(file.scheme, NamingScheme::Prefixed { has_slug: true, .. }))
            .and_then(|file| Some((file.number?, file.slug)))
            .or_else(|| leading_number(stem));
        let (number, slug, keeps_number) = match &carried {
            Some((number, slug)) if !taken.contains(number) => {
                (*number, crate::slug::slugify(slug), true)
            }
            // Past the last number the suggestion shows the last one; `adr new` refuses
            // that case.
            _ => {
                let mut next = taken.last().map_or(1, |last| last.saturating_add(1));
                while taken.contains(&next) && next < u32::MAX {
                    next += 1;
                }
                let slug = carried.as_ref().map_or(stem, |(_, slug)| slug.as_str());
                (next, crate::slug::slugify(slug), false)
            }
        };
        taken.insert(number);
        let scheme = dominant_scheme(&files);
        // `rfc-process-notes.md` in an `rfc-0001-x.md` log: `rfc-0003-process-notes.md`.
        let slug = match &scheme {
            Some(NamingScheme::Prefixed { prefix, .. }) if carried.is_none() => {
                crate::slug::slugify(stem.strip_prefix(prefix.as_str()).unwrap_or(stem))
            }
            // `004 Cache.md` in a log of `001 - Title.md`: `004 - Cache.md`.
            Some(NamingScheme::Worded { .. }) => {
                let words = carried.as_ref().map_or(stem, |(_, words)| words.as_str());
                Some(crate::slug::title_words(words))
                    .filter(|words| !words.is_empty())
                    .unwrap_or(slug)
            }
            _ => slug,
        };
        let keeps_number = keeps_number && !matches!(scheme, Some(NamingScheme::Dated { .. }));
        let suggested = match scheme {
            Some(scheme @ (NamingScheme::Dated { .. } | NamingScheme::DatedNumbered { .. })) => {
                FileName::format(&scheme, number, &slug, "2025-01-31")
                    .replace("20250131", "YYYYMMDD")
                    .replace("2025-01-31", "YYYY-MM-DD")
            }
            Some(scheme) => FileName::format(&scheme, number, &slug, ""),
            None => FileName::format(&NamingScheme::Numbered { digits: 4 }, number, &slug, ""),
        };
        let keeping = if keeps_number {
            ", keeping its number"
        } else {
            ""
        };
        ctx.report(
            &FilenameFormat::META,
            path,
            None,
            format!("`{name}` is not named like a record"),
        )
        .help(format!(
            "rename it to `{suggested}`{keeping} (or move it out of the log directory if it is not a decision)"
        ));
    }
}

/// The number a name starts with and the words after it (`001 Monolith`, `7_-_Use X`):
/// the suggestion keeps them rather than putting a second number in front.
fn leading_number(stem: &str) -> Option<(u32, String)> {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    let number = stem.get(..digits)?.parse().ok()?;
    let words = stem
        .get(digits..)?
        .trim_start_matches([' ', '-', '_', '.', '–', '—', ')']);
    (!words.is_empty()).then(|| (number, words.to_string()))
}
