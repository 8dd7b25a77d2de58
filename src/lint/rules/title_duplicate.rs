#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeMap;

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports two records with the same title, compared without regard to case,
    /// whitespace and a final period.
    ///
    /// The finding is on the later record (in log order) and names the earlier one. A
    /// record that supersedes the other (or is superseded by it), or links to it (`This ADR
    /// in part supersedes [0003](…)`), goes on from it: it may keep its title and is not
    /// reported. The number in the title (`# 3. …`) is not part of the title. Records
    /// of different series (`backend/0001-…`, `frontend/0001-…`) are not compared: each
    /// series may open with its own "Record architecture decisions".
    ///
    /// ## Why is this bad?
    /// A title copied from another record and never changed hides what the record decides:
    /// the index lists two "Networking Outline" rows, and readers open the wrong one. In
    /// real logs the copy's decision is usually about something else.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- 0003-aws-networking-outline.md -->
    /// # 3. Networking Outline
    ///
    /// <!-- 0033-ip-ranges.md -->
    /// # 33. Networking Outline
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- 0033-ip-ranges.md -->
    /// # 33. IP Ranges
    /// ```
    pub(crate) struct TitleDuplicate { id: "title-duplicate", severity: Warning, fixable: false, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    // Records grouped by a hash of (series, title) first, 16 bytes each: a map of owned
    // keys and vectors was 15 MB at 99,999 records, nearly all of them titles used once.
    // Records sharing a hash are then grouped by the keys themselves.
    let key_of = |record: &RecordFacts| {
        let title = record.title.as_ref().or(record.front_matter_title.as_deref())?;
        let key = comparable(&title.value);
        (!key.is_empty()).then(|| (series(record).to_string(), key))
    };
    let mut hashed: Vec<(u64, usize)> = log
        .records
        .iter()
        .enumerate()
        .filter_map(|(index, record)| {
            let (series, key) = key_of(record)?;
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            hasher.update(series.as_bytes());
            hasher.update(&[0]);
            hasher.update(key.as_bytes());
            Some((hasher.digest(), index))
        })
        .collect();
    hashed.sort_unstable();
    let mut by_title: BTreeMap<(String, String), Vec<&RecordFacts>> = BTreeMap::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        for (_, index) in run {
            let record = &log.records[*index];
            if let Some(key) = key_of(record) {
                by_title.entry(key).or_default().push(record);
            }
        }
    }
    for records in by_title.values().filter(|records| records.len() > 1) {
        let Some((first, later)) = records.split_first() else {
            continue;
        };
        for record in later {
            // Versions of one document under one number (`scs-0100-v1-…`, `scs-0100-v2-…`,
            // which number-duplicate accepts) keep its title.
            let same_number = record.number().is_some() && record.number() == first.number();
            if related(log, first, record) || same_number {
                continue;
            }
            let Some(title) = record.title.as_ref().or(record.front_matter_title.as_deref()) else {
                continue;
            };
            let first_span = first
                .title
                .as_ref()
                .or(first.front_matter_title.as_deref())
                .map(|title| title.span);
            ctx.report(
                &TitleDuplicate::META,
                record.path(),
                Some(title.span),
                format!(
                    "title `{}` is also the title of `{}`",
                    title.value, first.rel_path
                ),
            )
            .label("same title")
            .help("give this record a title that says what it decides")
            .secondary(first.path().clone(), first_span, "the same title here");
        }
    }
}

/// The folder a record's series lives in (`backend/` of `backend/0001-x.md`, the log of a
/// folder record `2022-11-09-x/README.md`): each series of a monorepo may start with its
/// own "Record architecture decisions".
fn series(record: &RecordFacts) -> &str {
    let mut path = record.rel_path.as_str();
    let levels = if record.is_folder_record() { 2 } else { 1 };
    for _ in 0..levels {
        path = path.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    path
}

/// Lowercase, whitespace collapsed, without a final period.
fn comparable(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

/// Whether one record supersedes the other: a new version may keep the old title.
fn related(log: &LogFacts, a: &RecordFacts, b: &RecordFacts) -> bool {
    let points_to = |from: &RecordFacts, to: &RecordFacts| {
        from.superseded_by()
            .and_then(|reference| log.resolve_from(from, reference))
            .is_some_and(|found| found.path() == to.path())
            || from.supersedes.iter().any(|reference| {
                log.resolve_from(from, &reference.value)
                    .is_some_and(|found| found.path() == to.path())
            })
    };
    // A record that links the other (`This ADR in part supersedes [0003](…)`, govuk-aws)
    // goes on from it: the title says so.
    let links_to = |from: &RecordFacts, to: &RecordFacts| {
        from.links
            .iter()
            .filter(|link| link.is_relative())
            .filter_map(|link| crate::model::RecordRef::parse(&format!("[]({})", link.target)))
            .any(|reference| {
                log.resolve_from(from, &reference)
                    .is_some_and(|found| found.path() == to.path())
            })
    };
    points_to(a, b) || points_to(b, a) || links_to(a, b) || links_to(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_case_spacing_and_final_period() {
        assert_eq!(
            comparable("  Networking   Outline. "),
            comparable("networking outline")
        );
        assert_ne!(comparable("Networking"), comparable("Networking Outline"));
    }
}
