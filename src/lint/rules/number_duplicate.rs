use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::layout::NumberSeries;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that no two records share a number. Each file of a clash is reported, naming
    /// the others.
    ///
    /// A sub-folder whose records start at 0 or 1 numbers its own series (opendatahub-adr
    /// keeps one per component: `model-registry/ODH-ADR-MR-0001-x.md` beside the root's
    /// `ODH-ADR-0001-y.md`); numbers are compared within it. Other sub-folders, and folders
    /// of records by what became of them (`archived/`, `deprecated/`, `superseded/`) even
    /// when they start at 1, share the log's numbers. Files that write a version after the
    /// number (`scs-0100-v1-x.md`, `scs-0100-v2-x.md`, `scs-0100-w1-x.md`) are one
    /// document's versions and share it. With `numbering = "per-folder"` in
    /// `.adr.toml` every sub-folder is a series of its own. In a project with several logs
    /// (`[[log]]`) each log numbers its records on its own.
    ///
    /// ## Why is this bad?
    /// Two branches that each add "the next record" both pick the same number; after the
    /// merge, `ADR-0012` means two different decisions, and links and `superseded by 12`
    /// point at whichever one a tool happens to find first.
    ///
    /// ## Example
    /// ```text
    /// docs/adr/0012-use-kafka.md
    /// docs/adr/0012-use-grpc.md
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// docs/adr/0012-use-kafka.md
    /// docs/adr/0013-use-grpc.md
    /// ```
    ///
    /// ## Options
    /// `adr lint --base origin/main` also reports a record whose number another file holds
    /// on that commit (read with `git ls-tree`): the clash the merge would make, caught on
    /// the branch, with the next number free on both sides.
    ///
    /// Records that shared a number before the log adopted `adr` can be accepted by name in
    /// `[lint.per-file-ignores]` (`adr init` writes the entries); a new record taking a used
    /// number is still reported.
    pub(crate) struct NumberDuplicate { id: "number-duplicate", severity: Error, fixable: false, enabled: true, log: check }
}

/// A file holding a number: its path, its path in the log, and its title's place.
type NumberedFile<'a> = (&'a PathBuf, &'a str, Option<Span>);

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    // (path, rel_path, title span, number, folder record?)
    let mut numbered: Vec<(&PathBuf, &str, Option<Span>, u32, bool)> = Vec::new();
    for record in &log.records {
        if let Some(number) = record.number() {
            numbered.push((
                record.path(),
                &record.rel_path,
                record.title.as_ref().map(|title| title.span),
                number,
                record.is_folder_record(),
            ));
        }
    }
    for failure in &log.failures {
        if let Some(number) = failure.file.number {
            numbered.push((&failure.path, &failure.rel_path, None, number, false));
        }
    }
    let series = NumberSeries::new(
        &log.layout,
        numbered
            .iter()
            .map(|(_, rel_path, _, number, is_folder_record)| {
                (*rel_path, *number, *is_folder_record)
            }),
    );
    // Grouped by sorting compact keys, not in a map of vectors: at 99,999 records a
    // vector and a series name per number were 44 MB of lint's peak memory (heaptrack).
    let mut series_names: Vec<String> = Vec::new();
    let mut series_ids: HashMap<String, u32> = HashMap::new();
    let mut highest: Vec<u32> = Vec::new();
    let mut keyed: Vec<(u32, u32, u32)> = Vec::with_capacity(numbered.len());
    let mut files: Vec<NumberedFile> = Vec::with_capacity(numbered.len());
    for (path, rel_path, span, number, is_folder_record) in numbered {
        let series = series.of(rel_path, is_folder_record);
        let id = *series_ids.entry(series).or_insert_with_key(|series| {
            series_names.push(series.clone());
            highest.push(0);
            (series_names.len() - 1) as u32
        });
        let top = &mut highest[id as usize];
        *top = (*top).max(number);
        keyed.push((id, number, files.len() as u32));
        files.push((path, rel_path, span));
    }
    keyed.sort_unstable();
    let titles: HashMap<&str, String> = log
        .records
        .iter()
        .filter_map(|record| {
            let title = record.title.as_ref()?;
            Some((record.rel_path.as_str(), title.value.clone()))
        })
        .collect();
    let groups: Vec<Group> = keyed
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .map(|run| Group {
            series: run[0].0,
            number: run[0].1,
            files: run.iter().map(|(_, _, file)| files[*file as usize]).collect(),
        })
        .map(|group| without_archived_copies(group, &titles))
        .map(|mut group| {
            let number = group.number;
            group.files.retain(|(_, rel_path, _)| {
                !is_lettered_companion(rel_path, number, titles.get(rel_path))
            });
            group
        })
        .filter(|group| group.files.len() > 1 || ctx.options.base.is_some())
        .filter(|group| !is_one_documents_versions(group))
        .collect();
    let mut highest: HashMap<&str, u32> = series_names
        .iter()
        .map(String::as_str)
        .zip(highest)
        .collect();
    if let Some(base) = &ctx.options.base {
        let base = base.clone();
        // A file on the base is placed in the logs as a record here would be.
        let series_of_path = |rel_path: &str| series.of(rel_path, false);
        let named: Vec<(&str, &Group)> = groups
            .iter()
            .map(|group| (series_names[group.series as usize].as_str(), group))
            .collect();
        taken_on_base(&base, &named, &series_of_path, &mut highest, ctx);
    }
    report_duplicates(&groups, &series_names, &highest, ctx);
}

/// `group` without the copies an archive folder keeps of its records
/// ([`crate::layout::is_archived_copy`]).
fn without_archived_copies<'a>(mut group: Group<'a>, titles: &HashMap<&str, String>) -> Group<'a> {
    let titled: Vec<(&str, &str)> = group
        .files
        .iter()
        .filter_map(|(_, rel_path, _)| Some((*rel_path, titles.get(rel_path)?.as_str())))
        .collect();
    group.files.retain(|(_, rel_path, _)| {
        !titles
            .get(rel_path)
            .is_some_and(|title| crate::layout::is_archived_copy(rel_path, title, &titled))
    });
    group
}

/// Whether the record at `rel_path`, titled `title`, is a companion of record `number`
/// named by a letter after it, in its file name and its title (`ADR-007-A-guardian….md`,
/// `# ADR-007-A：Guardian …`; `adr-907-a-checklist.md`, `# ADR-907-A 对齐清单`,
/// Zss.BilliardHall): a record of its own, not a second record `number`. A title that only
/// starts with the letter as a word (`0007-a-new-approach.md`, `# A new approach`) is not.
fn is_lettered_companion(rel_path: &str, number: u32, title: Option<&String>) -> bool {
    let Some(after_number) = after_number(rel_path) else {
        return false;
    };
    let suffix = after_number.strip_prefix('-').unwrap_or(after_number);
    let mut chars = suffix.chars();
    let (Some(letter), Some('-' | '.' | '_')) = (chars.next(), chars.next()) else {
        return false;
    };
    if !letter.is_ascii_alphabetic() {
        return false;
    }
    let letter = letter.to_ascii_uppercase();
    let Some(title) = title else {
        return false;
    };
    let starts_so = title.strip_prefix(letter).is_some_and(|rest| {
        rest.starts_with(['：', ':', '.', '-', ')', '_', '—', '–'])
    });
    let numbered_so = [
        format!("{number}-{letter}"),
        format!("{number:03}-{letter}"),
        format!("{number:04}-{letter}"),
    ]
    .iter()
    .any(|written| {
            title.match_indices(written.as_str()).any(|(at, _)| {
                let before_ok = title
                    .get(..at)
                    .and_then(|before| before.chars().next_back())
                    .is_none_or(|c| !c.is_ascii_digit());
                let after = title.get(at + written.len()..).unwrap_or("");
                before_ok && !after.starts_with(|c: char| c.is_alphanumeric())
            })
        });
    starts_so || numbered_so
}

/// What the file name of `rel_path` writes after its first number (`-A-guardian.md` of
/// `ADR-007-A-guardian.md`); `None` for a name without one.
fn after_number(rel_path: &str) -> Option<&str> {
    let name = crate::log_path::file_name(rel_path);
    let digits_at = name.find(|c: char| c.is_ascii_digit())?;
    Some(
        name.get(digits_at..)?
            .trim_start_matches(|c: char| c.is_ascii_digit()),
    )
}

/// Whether every file of a number writes a version or a supplement after it
/// (`scs-0100-v1-flavor-naming.md`, `scs-0100-v2-…`, `scs-0100-w1-…-implementation.md`,
/// Sovereign Cloud Stack's standards): one document's versions share its number.
fn is_one_documents_versions(group: &Group) -> bool {
    group.files.len() > 1
        && group.files.iter().all(|(_, rel_path, _)| {
            let Some(tag) = after_number(rel_path).and_then(|rest| rest.strip_prefix(['-', '_']))
            else {
                return false;
            };
            let Some(version) = tag.strip_prefix(['v', 'V', 'w', 'W']) else {
                return false;
            };
            let digits = version.len() - version.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            digits > 0 && version.get(digits..).is_some_and(|rest| rest.starts_with(['-', '_', '.']))
        })
}

/// What to do about a folder record (`062-knowledge-graph/README.md`) holding a number
/// another record holds.
const FOLDER_HELP: &str = "rename the folder of the later record to a free number (`git mv`) and fix the links to it: `adr renumber` does not rename folders";

/// Each file of a number held twice in one series, naming the others, with the next free
/// number of the series.
fn report_duplicates(
    groups: &[Group],
    series_names: &[String],
    highest: &HashMap<&str, u32>,
    ctx: &mut RuleContext,
) {
    for group in groups.iter().filter(|group| group.files.len() > 1) {
        let (number, files) = (group.number, &group.files);
        let series = series_names[group.series as usize].as_str();
        for (index, (path, own_rel, _)) in files.iter().enumerate() {
            let others: Vec<_> = files
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, file)| file)
                .collect();
            let names = others
                .iter()
                .map(|(_, rel_path, _)| format!("`{rel_path}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let diagnostic = ctx.report(
                &NumberDuplicate::META,
                path,
                None,
                format!("number {number:04} is also used by {names}"),
            );
            // A folder record is renamed by hand: `adr renumber` moves files, not folders.
            // Every other pair is told the same number; `adr renumber` gives each its own.
            let help = if crate::model::is_folder_record_path(own_rel) {
                FOLDER_HELP.to_string()
            } else {
                let from = highest
                    .get(series)
                    .map_or(Some(1), |highest| highest.checked_add(1))
                    .map_or_else(String::new, |next| format!(" (from {next})"));
                format!(
                    "run `adr renumber` to give the later records the next free numbers{from} and fix the links to them (it shows the changes before `--write`)"
                )
            };
            diagnostic.help(help);
            for (other_path, _, other_span) in others {
                diagnostic.secondary(
                    (*other_path).clone(),
                    *other_span,
                    format!("number {number:04} is also used here"),
                );
            }
        }
    }
}

/// The files of one series holding one number, in the log's order.
struct Group<'a> {
    series: u32,
    number: u32,
    files: Vec<NumberedFile<'a>>,
}

/// `--base REF`: each record whose number a file of another name holds on REF (and not
/// here, where the clash is reported as above), with the next number free on both sides.
fn taken_on_base(
    base: &crate::lint::BaseFiles,
    groups: &[(&str, &Group)],
    series_of: &dyn Fn(&str) -> String,
    highest: &mut HashMap<&str, u32>,
    ctx: &mut RuleContext,
) {
    let here: std::collections::HashSet<&str> = groups
        .iter()
        .flat_map(|(_, group)| &group.files)
        .map(|(_, rel_path, _)| *rel_path)
        .collect();
    let mut base_highest: HashMap<String, u32> = HashMap::new();
    let mut on_base: BTreeMap<(String, u32), Vec<&str>> = BTreeMap::new();
    for path in &base.paths {
        let name = crate::log_path::file_name(path);
        let Some(number) = crate::discover::FileName::parse(name).and_then(|file| file.number)
        else {
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        let series = series_of(path);
        let top = base_highest.entry(series.clone()).or_insert(number);
        *top = (*top).max(number);
        on_base.entry((series, number)).or_default().push(path);
    }
    for (series, group) in groups {
        let (number, files) = (&group.number, &group.files);
        let Some(theirs) = on_base.get(&((*series).to_string(), *number)) else {
            continue;
        };
        let theirs: Vec<&&str> = theirs
            .iter()
            .filter(|path| !here.contains(**path))
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let next = highest
            .get(series)
            .copied()
            .max(base_highest.get(*series).copied())
            .and_then(|highest| highest.checked_add(1))
            .map_or_else(|| "none is left".to_string(), |next| format!("{next:04}"));
        for (path, rel_path, _) in files {
            if base.paths.iter().any(|on| on == rel_path) {
                continue; // the base has this very file: the clash is the other record's
            }
            let names = theirs
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ");
            ctx.report(
                &NumberDuplicate::META,
                path,
                None,
                format!(
                    "number {number:04} is already taken on `{}` by {names}",
                    base.reference
                ),
            )
            .help(format!(
                "give this record the next number free here and on `{}`, {next}, before merging (rename the file and its title, and update links to it)",
                base.reference
            ));
        }
    }
    // The next free number a duplicate here is told of is free on the base too.
    for (series, top) in highest.iter_mut() {
        if let Some(theirs) = base_highest.get(*series) {
            *top = (*top).max(*theirs);
        }
    }
}

#[cfg(test)]
mod lettered_tests {
    use super::is_lettered_companion;

    #[test]
    fn a_letter_after_the_number_in_name_and_title_is_a_companion() {
        let titled = |title: &str| Some(title.to_string());
        assert!(is_lettered_companion(
            "derived/ADR-007-A-guardian.md",
            7,
            titled("A：Guardian 决策失败").as_ref()
        ));
        assert!(is_lettered_companion(
            "adr-907-a-checklist.md",
            907,
            titled("ADR-907-A 对齐清单").as_ref()
        ));
        assert!(!is_lettered_companion(
            "0007-a-new-approach.md",
            7,
            titled("A new approach").as_ref()
        ));
        assert!(!is_lettered_companion("0007-use-kafka.md", 7, titled("Use Kafka").as_ref()));
        assert!(!is_lettered_companion("ADR-007-A-x.md", 7, None));
    }
}
