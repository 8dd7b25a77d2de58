#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that the record number written in the title is the file's number.
    ///
    /// The title's number is the one before `. `, `: `, ` - ` at its start, or after
    /// `ADR`: `# 41. …`, `# ADR-41: …`, `# ADR 41 - …`. Only a clear record-number prefix counts: a number followed by `. `, `: `, ` - `
    /// or after `ADR`. A title that starts with a year or a version (`# 2024 roadmap`,
    /// `# 3.0 migration`) has no record number, and neither has a record whose file name
    /// carries none (log4brains' dated names, dated folders). A four-digit number from
    /// 1900 to 2100 without `ADR` before it is taken for a year when the file's number is
    /// small. A number followed by a space alone (`# 29 Kubernetes …`) counts in a log
    /// where three titles or more start so, most of them with their own record's number.
    /// A template's placeholder left where the number goes (`# n. Title`, `# NNNN. Title`)
    /// is reported too.
    ///
    /// ## Why is this bad?
    /// The record was copied from another and its title not updated, or the file was
    /// renumbered and its title not: readers who cite "ADR 41" from the title land on a
    /// different record than the index, links and `adr list` mean.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- 0042-in-progress-audit-deletion.md -->
    /// # 41. In-Progress Audit Deletion Workflow
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- 0042-in-progress-audit-deletion.md -->
    /// # 42. In-Progress Audit Deletion Workflow
    /// ```
    pub(crate) struct TitleNumberMismatch { id: "title-number-mismatch", severity: Error, fixable: false, enabled: true, record: check, log: check_log }
}

/// The years a title may start with (`# 2024: …`) when it is no record number.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    if let Some(file_number) = record.number() {
        placeholder_check(record, file_number, ctx);
    }
    let (Some(file_number), Some(title_number)) = (record.number(), record.title_number) else {
        return;
    };
    if file_number == title_number {
        return;
    }
    let Some(h1) = record.sections.iter().find(|section| section.level == 1) else {
        return;
    };
    let heading = record.source.slice(h1.heading_span);
    let text = heading.trim_start_matches(['#', ' ', '\t']);
    let says_adr = text
        .get(..3)
        .is_some_and(|head| head.eq_ignore_ascii_case("adr"));
    if !says_adr && YEARS.contains(&title_number) && file_number < 1000 {
        return; // `# 2024: platform roadmap` in record 12
    }
    // Point at the number as written (`41`, `0041`).
    let span = heading
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(start, _)| {
            let digits = heading.get(start..).map_or(0, |rest| {
                rest.bytes().take_while(u8::is_ascii_digit).count()
            });
            Span::new(
                h1.heading_span.start + start,
                h1.heading_span.start + start + digits,
            )
        })
        .unwrap_or(h1.heading_span);
    let file_name = record
        .rel_path
        .rsplit('/')
        .next()
        .unwrap_or(&record.rel_path);
    ctx.report(
        &TitleNumberMismatch::META,
        record.path(),
        Some(span),
        format!("the title says record {title_number}, but the file `{file_name}` is record {file_number}"),
    )
    .label(format!("not {file_number}"))
    .help(format!(
        "write {file_number} in the title (the number links, the index and `adr list` use); \
         if the title's number is the right one, rename the file instead"
    ));
}

/// `# n. Django Templates` (cisagov/manage.get.gov 0010): the template's placeholder where
/// the record's number goes, left in. Lists showed `n. Django Templates`, and no rule spoke.
fn placeholder_check(record: &Record, file_number: u32, ctx: &mut RuleContext) {
    let Some(h1) = record.sections.iter().find(|section| section.level == 1) else {
        return;
    };
    let Some((placeholder, _)) = crate::model::title_number::placeholder_number(&h1.title) else {
        return;
    };
    let heading = record.source.slice(h1.heading_span);
    let span = heading
        .find(placeholder)
        .map(|at| Span::new(h1.heading_span.start + at, h1.heading_span.start + at + placeholder.len()))
        .unwrap_or(h1.heading_span);
    ctx.report(
        &TitleNumberMismatch::META,
        record.path(),
        Some(span),
        format!("the title's number is the template's placeholder `{placeholder}`"),
    )
    .label(format!("not {file_number}"))
    .help(format!("write {file_number} in the title, the file's number"));
}

/// In a log whose titles start with their record's number and a space (`# 29 Kubernetes
/// security config auditing`, ministryofjustice/cloud-platform), a title that starts with
/// another number so: 030's title was 029's, copied, and no rule said so, since such a
/// number alone (`# 3 pillars of observability`) is part of the title. Three titles or more
/// written so, most of them with their own number, make it the log's way.
pub(crate) fn check_log(log: &LogFacts, ctx: &mut RuleContext) {
    let numbered: Vec<(&RecordFacts, u32, u32)> = log
        .records
        .iter()
        .filter_map(|record| Some((record, record.bare_title_number?, record.number()?)))
        .collect();
    let own = numbered
        .iter()
        .filter(|(_, title, file)| title == file)
        .count();
    if own < 3 || own * 2 <= numbered.len() {
        return;
    }
    for (record, title_number, file_number) in numbered {
        if title_number == file_number || YEARS.contains(&title_number) {
            continue;
        }
        let Some(title) = &record.title else {
            continue;
        };
        let digits = title_number.to_string().len();
        let span = Span::new(title.span.start, title.span.start + digits);
        let file_name = crate::log_path::file_name(&record.rel_path);
        ctx.report(
            &TitleNumberMismatch::META,
            record.path(),
            Some(span),
            format!("the title says record {title_number}, but the file `{file_name}` is record {file_number}"),
        )
        .label(format!("not {file_number}: the log's titles start with their own number"))
        .help(format!(
            "write {file_number} in the title (another record's title copied?); if the title's number is the right one, rename the file instead"
        ));
    }
}
