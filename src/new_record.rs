//! A new record's file: its name in the log's naming scheme (the next number, or the date
//! for log4brains-style logs) and its creation, never overwriting. When
//! a concurrent writer takes the number first, the next one is tried. Checking what the
//! user asked for and rewriting superseded records is `commands::new`'s job.

use std::path::{Path, PathBuf};

use crate::discover::{FileName, NamingScheme};
use crate::error::{Error, Result};
use crate::model::{FrontMatterSyntax, Record};

/// Give up after this many numbers taken by concurrent writers.
const MAX_ATTEMPTS: u32 = 10_000;

/// The record file created.
#[derive(Debug)]
pub struct Created {
    pub path: PathBuf,
    /// Its name in the log directory.
    pub rel_path: String,
    /// The number it took (0 in a dated log).
    pub number: u32,
}

/// The scheme of the log's newest record; a fresh log uses `NNNN-slug.md` with
/// `default_digits`. An explicit `digits` in the config wins over the log's width.
pub fn naming_scheme(
    files: &[&FileName],
    configured_digits: Option<usize>,
    default_digits: usize,
) -> NamingScheme {
    let scheme = crate::model::dominant_scheme(files);
    match (scheme, configured_digits) {
        (Some(NamingScheme::Numbered { .. }), Some(digits)) | (None, Some(digits)) => {
            NamingScheme::Numbered { digits }
        }
        (Some(scheme), _) => scheme,
        (None, None) => NamingScheme::Numbered {
            digits: default_digits,
        },
    }
}

/// The number the next record takes: one past the highest (0 in a dated log).
/// The file names of the records a new one is numbered among: it goes at the log's top and
/// takes the next number of the top's series, so a folder numbered on its own (per folder,
/// or starting again at 1) is not counted.
pub fn top_series_files<'a>(
    found: &'a crate::discover::Discovered,
    layout: &crate::layout::Layout,
) -> Vec<&'a FileName> {
    let series = crate::layout::NumberSeries::new(
        layout,
        found.records.iter().filter_map(|(_, rel, file)| {
            Some((
                rel.as_str(),
                file.number?,
                crate::model::is_folder_record_path(rel),
            ))
        }),
    );
    let top = series.of("new.md", false);
    found
        .records
        .iter()
        .filter(|(_, rel, _)| series.of(rel, crate::model::is_folder_record_path(rel)) == top)
        .map(|(_, _, file)| file)
        .collect()
}

/// Refuses a new record at the top of a log whose records are all in folders numbered each
/// on its own (`basic/001-…`, `module-a/001-…`, VidIsWandering/uit-go-backend), none at the
/// top (`top`, the top's series, is empty): numbered 1 there, it took the number of a
/// record in each folder. The message names the folders, for `--dir`; `log_shown` is how
/// messages name the log.
pub fn check_top_of_foldered_log(
    found: &crate::discover::Discovered,
    top: &[&FileName],
    log_shown: &str,
) -> Result<()> {
    if !top.is_empty() {
        return Ok(());
    }
    let folders: std::collections::BTreeSet<&str> = found
        .records
        .iter()
        .filter_map(|(_, rel, _)| Some(rel.split_once('/')?.0))
        .collect();
    let Some(first) = folders.first() else {
        return Ok(());
    };
    let named: Vec<String> = folders
        .iter()
        .map(|folder| format!("`{folder}/`"))
        .collect();
    let place = match named.split_last() {
        Some((last, [])) => format!("its folder {last}, numbered on its own"),
        Some((last, rest)) => format!(
            "its folders {} and {last}, each numbered on its own",
            rest.join(", ")
        ),
        None => return Ok(()),
    };
    Err(Error::usage(format!(
        "the records of `{log_shown}` are in {place}, and none is at its top: a new record there would take a number they have. Say which folder it goes in: `adr new --dir {log_shown}/{first} \"Title\"`"
    )))
}

/// `contents` with a date section where the log's records keep their date in one of its
/// own (`## Fecha` after `## Estado`, v2m-lab) and the log's template has none: lint would
/// flag the record just written. The heading is the newest record's, after the section it
/// follows there.
pub fn dated_like_the_log(contents: String, newest: Option<&Record>, date: &str) -> String {
    let Some((heading, after)) = newest.and_then(date_section_of) else {
        return contents;
    };
    let reads_a_date = crate::parse::parse_record(
        crate::source::SourceFile::new("new.md", contents.clone()),
        "new.md".to_string(),
        FileName::unparsed(),
    )
    .is_ok_and(|record| record.date.is_some());
    if reads_a_date {
        return contents;
    }
    // After the section `after`: before the next heading of its level or above.
    let marker = format!("{} ", "#".repeat(after.0));
    let mut out = String::with_capacity(contents.len() + 32);
    let mut state = 0; // 0: looking for `after`, 1: inside it, 2: written
    for line in contents.split_inclusive('\n') {
        let level = line.bytes().take_while(|&b| b == b'#').count();
        let is_heading = level > 0 && line.as_bytes().get(level) == Some(&b' ');
        if state == 1 && is_heading && level <= after.0 {
            out.push_str(&format!("{heading}\n\n{date}\n\n"));
            state = 2;
        }
        if state == 0
            && line.starts_with(&marker)
            && crate::model::normalize_heading(line.get(marker.len()..).unwrap_or_default())
                == crate::model::normalize_heading(&after.1)
        {
            state = 1;
        }
        out.push_str(line);
    }
    if state == 2 { out } else { contents }
}

/// The heading line of the section `record` keeps its date in alone, and the level and
/// title of the section before it.
fn date_section_of(record: &Record) -> Option<(String, (usize, String))> {
    let date_at = record.date.as_ref()?.span.start;
    let index = record.sections.iter().rposition(|section| {
        section.body_span.start <= date_at && date_at < section.span.end && section.level >= 2
    })?;
    let section = record.sections.get(index)?;
    if record.source.slice(section.body_span).trim().len() > 40 {
        return None;
    }
    let before = record
        .sections
        .get(..index)?
        .iter()
        .rev()
        .find(|other| other.level <= section.level)?;
    if before.level != section.level {
        return None;
    }
    let heading = record
        .source
        .slice(section.heading_span)
        .trim_end()
        .to_string();
    Some((heading, (usize::from(before.level), before.title.clone())))
}

/// `contents` titled as a docs site's records are, by a front-matter `title:` alone
/// (cameronraysmith/vanixiets' Starlight log, review K: Starlight refuses a page without
/// one): the `title` goes into the front matter (made when there is none) and the H1 goes.
/// A record whose front matter already has a title is left as it is. A log of Hugo's or
/// Zola's TOML front matter (`syntax`) gets `+++` and `title = "…"` when the record has no
/// front matter of its own.
pub fn titled_in_front_matter(contents: &str, title: &str, syntax: FrontMatterSyntax) -> String {
    let title_line = format!("title: {}\n", crate::edit::yaml_scalar(title));
    if syntax == FrontMatterSyntax::Toml && !contents.starts_with("---\n") {
        let body = without_h1(contents);
        let title = crate::edit::toml_string(title);
        return format!("+++\ntitle = {title}\n+++\n\n{body}");
    }
    let (front, body) = match contents.strip_prefix("---\n") {
        Some(rest) => match rest.split_once("\n---\n") {
            Some((yaml, body)) => (Some(yaml), body),
            None => return contents.to_string(),
        },
        None => (None, contents),
    };
    if front.is_some_and(|yaml| yaml.lines().any(|line| line.starts_with("title:"))) {
        return contents.to_string();
    }
    let body = without_h1(body);
    match front {
        Some(yaml) => format!("---\n{title_line}{yaml}\n---\n\n{body}"),
        None => format!("---\n{title_line}---\n\n{body}"),
    }
}

/// `body` without the H1 that opens it, and without the blank lines before what follows.
fn without_h1(body: &str) -> &str {
    match body.trim_start_matches('\n').strip_prefix("# ") {
        Some(after) => after
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .trim_start_matches('\n'),
        None => body.trim_start_matches('\n'),
    }
}

/// One past the highest number of the files at the top of `log_dir` that are named like
/// records but are not read as Markdown records: without an extension
/// (`0016-handle-concurrent-git-operations`, gitenboite) or in another format
/// (`0004-x.adoc`, dagos). A new record does not take their numbers. 0 when there is none.
pub fn past_unread_numbered_files(log_dir: &Path) -> u32 {
    let Ok(entries) = std::fs::read_dir(log_dir) else {
        return 0;
    };
    entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            if !entry.file_type().ok()?.is_file() {
                return None;
            }
            let name = entry.file_name().into_string().ok()?;
            // Text formats records are written in, or none; not an image (`2024-arch.png`).
            let stem = match name.rsplit_once('.') {
                Some((stem, "adoc" | "asciidoc" | "rst" | "txt" | "org" | "mdx")) => stem,
                Some(_) => return None,
                None => name.as_str(),
            };
            FileName::parse(&format!("{stem}.md"))?.number
        })
        .max()
        .and_then(|highest| highest.checked_add(1))
        .unwrap_or(0)
}

/// The number a new record of the log at `log_dir` takes: one past the highest of its
/// records' `files`, and of the files named like records that are not read (see
/// [`past_unread_numbered_files`]); 0 for a log that names records by date.
pub fn next_number(files: &[&FileName], scheme: &NamingScheme, log_dir: &Path) -> Result<u32> {
    if matches!(scheme, NamingScheme::Dated { .. }) {
        return Ok(0);
    }
    let next = files
        .iter()
        .filter_map(|file| file.number)
        .max()
        .map_or(Some(1), |highest| highest.checked_add(1))
        .ok_or_else(past_the_last_number)?;
    Ok(next.max(past_unread_numbered_files(log_dir)))
}

/// Creates the record in `log_dir` as `number` (or the next free one), its text made by
/// `contents` from the file name, the path and the number it gets.
pub fn create(
    log_dir: &Path,
    (scheme, folder_file): (&NamingScheme, Option<&str>),
    mut number: u32,
    slug: &str,
    date: &str,
    contents: impl Fn(&str, &Path, u32) -> Result<String>,
) -> Result<Created> {
    let is_dated = matches!(scheme, NamingScheme::Dated { .. });
    let mut attempt = 0;
    loop {
        let mut name = FileName::format(scheme, number, slug, date);
        if is_dated && attempt > 0 {
            name = name.replace(".md", &format!("-{}.md", attempt + 1));
        }
        // A log of one folder per record (`0001-x/README.md`): a new folder, its file named
        // as the log's. The folder is created new, as the file is: none is overwritten.
        if let Some(file) = folder_file {
            let folder = log_dir.join(name.trim_end_matches(".md"));
            match std::fs::create_dir(&folder) {
                Ok(()) => name = format!("{}/{file}", name.trim_end_matches(".md")),
                Err(error)
                    if error.kind() == std::io::ErrorKind::AlreadyExists
                        && attempt < MAX_ATTEMPTS =>
                {
                    attempt += 1;
                    number = number.checked_add(1).ok_or_else(past_the_last_number)?;
                    continue;
                }
                Err(source) => return Err(Error::io("create", &folder, source)),
            }
        }
        let path = log_dir.join(&name);
        let text = match contents(&name, &path, number) {
            Ok(text) => text,
            Err(error) => {
                remove_new_folder(folder_file, &path);
                return Err(error);
            }
        };
        match crate::fs::create_new(&path, text.as_bytes()) {
            Ok(()) => {
                return Ok(Created {
                    path,
                    rel_path: name,
                    number,
                });
            }
            Err(error)
                if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < MAX_ATTEMPTS =>
            {
                attempt += 1;
                number = number.checked_add(1).ok_or_else(past_the_last_number)?;
            }
            Err(source) => {
                remove_new_folder(folder_file, &path);
                return Err(Error::io("create", &path, source));
            }
        }
    }
}

/// The folder just made for a record whose file could not be written, when it is one.
fn remove_new_folder(folder_file: Option<&str>, path: &Path) {
    if folder_file.is_some()
        && let Some(folder) = path.parent()
    {
        // Only an empty folder goes: `remove_dir` refuses any other.
        let _ = std::fs::remove_dir(folder);
    }
}

/// The file name inside a record's folder, when the log's newest record is a folder
/// (`0001-use-decision-records/README.md`, pg_otel): `adr new` writes the new one so.
pub fn folder_file_of(newest: Option<&Record>) -> Option<String> {
    let record = newest?;
    crate::model::is_folder_record_path(&record.rel_path)
        .then(|| crate::log_path::file_name(&record.rel_path).to_string())
}

/// The refusal when the log already holds record `u32::MAX`.
pub fn past_the_last_number() -> Error {
    Error::usage(format!(
        "the log already has record number {}, the largest `adr` can number: renumber the log (`adr renumber`) first",
        u32::MAX
    ))
}

/// `ADR-0007` for numbered records, the slug for log4brains-style ones.
pub fn record_id(record: &Record) -> String {
    match record.number() {
        Some(number) => crate::model::adr_id(number),
        None => record.slug().to_string(),
    }
}

/// A built-in template's front matter with the people and tag keys the log's newest
/// record keeps: MADR 3's `deciders` for MADR 4's `decision-makers`, and the empty
/// `tags`, `consulted` and `informed` left out where that record has none of them (a
/// log whose records state a date and a status only).
pub fn in_the_logs_keys(contents: String, newest: Option<&crate::model::Record>) -> String {
    let Some(keys) = newest
        .and_then(|record| record.front_matter.as_ref())
        .map(|front_matter| {
            front_matter
                .entries
                .iter()
                .map(|entry| entry.key.as_str())
                .collect::<Vec<&str>>()
        })
    else {
        return contents;
    };
    let Some(body_at) = contents
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n"))
        .map(|end| end + "---\n".len() + 1)
    else {
        return contents;
    };
    let (front, body) = contents.split_at(body_at);
    let mut out = String::with_capacity(contents.len());
    for line in front.split_inclusive('\n') {
        let key = line.split_once(':').map(|(key, _)| key).unwrap_or_default();
        let empty = line.trim_end().ends_with(": []");
        match key {
            "decision-makers" if keys.contains(&"deciders") && !keys.contains(&key) => {
                out.push_str(&line.replacen("decision-makers", "deciders", 1));
            }
            "tags" | "decision-makers" | "consulted" | "informed"
                if empty
                    && !keys.contains(&key)
                    && !(key == "decision-makers" && keys.contains(&"deciders")) => {}
            _ => out.push_str(line),
        }
    }
    out.push_str(body);
    out
}

/// A built-in template's record made as the log's `newest` record is in what every record
/// of a docs site carries (bitwarden/contributing-docs, Docusaurus): a front-matter key
/// holding the record's own number (`adr: "0033"`) given the new number in that form, a
/// status written capitalised (`status: Accepted`) so too, and a component line right
/// under the title (`<AdrTable frontMatter={frontMatter}></AdrTable>`, which shows the
/// front matter on the page) kept there.
pub fn made_like_the_log(contents: String, newest: Option<&Record>, number: u32) -> String {
    let Some(newest) = newest else {
        return contents;
    };
    let contents = match number_key(newest) {
        Some((key, quote, width)) => match contents.strip_prefix("---\n") {
            Some(rest) => format!("---\n{key}: {quote}{number:0width$}{quote}\n{rest}"),
            None => contents,
        },
        None => contents,
    };
    let capitalised = newest.status.as_ref().is_some_and(|status| {
        status.origin == crate::model::StatusOrigin::FrontMatter
            && status.raw.starts_with(char::is_uppercase)
    });
    let contents = match contents.find("\nstatus: ") {
        Some(at) if capitalised => {
            let value_at = at + "\nstatus: ".len();
            match contents.get(value_at..value_at + 1) {
                Some(first) if first.chars().all(|c| c.is_ascii_lowercase()) => format!(
                    "{}{}{}",
                    contents.get(..value_at).unwrap_or_default(),
                    first.to_ascii_uppercase(),
                    contents.get(value_at + 1..).unwrap_or_default()
                ),
                _ => contents,
            }
        }
        _ => contents,
    };
    match component_under_title(newest) {
        Some(line) => with_line_under_title(contents, line),
        None => contents,
    }
}

/// The front-matter key of `record` holding its own number (`adr: "0033"`), with the quote
/// and the width it is written with.
fn number_key(record: &Record) -> Option<(&str, &'static str, usize)> {
    let number = record.number()?;
    let front_matter = record.front_matter.as_ref()?;
    front_matter.entries.iter().find_map(|entry| {
        let written = record.source.slice(entry.value_span);
        let quote = ["\"", "'"]
            .into_iter()
            .find(|quote| written.starts_with(quote) && written.ends_with(quote))
            .unwrap_or("");
        let digits = written
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))?;
        let is_own = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.parse::<u32>().ok() == Some(number)
            && !crate::model::is_known_front_matter_key(&entry.key);
        (is_own && entry.key != "title").then_some((entry.key.as_str(), quote, digits.len()))
    })
}

/// The line right under `record`'s H1 when it is a component (`<AdrTable …></AdrTable>`,
/// `<Status />`): a capitalised tag, alone on its line.
fn component_under_title(record: &Record) -> Option<&str> {
    let h1 = record.sections.iter().find(|section| section.level == 1)?;
    let line = record
        .source
        .slice(h1.body_span)
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())?;
    let tag = line.strip_prefix('<')?;
    (tag.starts_with(|c: char| c.is_ascii_uppercase()) && line.ends_with('>')).then_some(line)
}

/// `contents` with `line` after its H1, a blank line either side.
fn with_line_under_title(contents: String, line: &str) -> String {
    let title_end = contents.match_indices("\n# ").next().and_then(|(at, _)| {
        contents
            .get(at + 1..)?
            .find('\n')
            .map(|end| at + 1 + end + 1)
    });
    match title_end {
        Some(at) => format!(
            "{}\n{line}\n{}",
            contents.get(..at).unwrap_or_default(),
            contents.get(at..).unwrap_or_default()
        ),
        None => contents,
    }
}

/// Whether `record` is written from MADR's minimal template: a MADR record with none of the
/// full template's optional parts and no people or tags (devkit's log), so `adr new` writes
/// the next one so too.
pub fn is_minimal_madr(record: &Record) -> bool {
    let optional = [
        "Decision Drivers",
        "Pros and Cons of the Options",
        "More Information",
    ];
    let people = [
        "tags",
        "deciders",
        "decision-makers",
        "consulted",
        "informed",
    ];
    record.style.is_madr()
        && !optional.iter().any(|part| record.section(part).is_some())
        && !record
            .front_matter
            .as_ref()
            .is_some_and(|front_matter| people.iter().any(|key| front_matter.get(key).is_some()))
}

/// Refuses to supersede a record whose status already names its successor: rewriting the
/// status would drop that record from it without a word, and leave the log with two records
/// claiming to replace one.
pub fn refuse_second_successor(old: &crate::model::Record) -> crate::error::Result<()> {
    let Some(successor) = old.superseded_by() else {
        return Ok(());
    };
    let number = old
        .number()
        .map_or_else(|| old.rel_path.clone(), |n| n.to_string());
    Err(crate::error::Error::usage(format!(
        "`{}` is already superseded by {}: supersede that record instead (`adr new --supersedes {}`), or first change the status of `{}` with `adr status {number} …`",
        old.rel_path,
        successor.label(),
        successor
            .number
            .map_or_else(|| successor.label(), |n| n.to_string()),
        old.rel_path,
    )))
}

#[cfg(test)]
mod tests {
    use super::titled_in_front_matter;
    use crate::model::FrontMatterSyntax;

    #[test]
    fn a_record_of_a_log_titled_in_front_matter_is_titled_so() {
        assert_eq!(
            titled_in_front_matter(
                "# Try it\n\n* Status: proposed\n",
                "ADR-0019: Try it",
                FrontMatterSyntax::Yaml
            ),
            "---\ntitle: \"ADR-0019: Try it\"\n---\n\n* Status: proposed\n"
        );
        assert_eq!(
            titled_in_front_matter(
                "---\nstatus: proposed\n---\n\n# Try it\n\n## Context\n",
                "Try it",
                FrontMatterSyntax::Yaml
            ),
            "---\ntitle: Try it\nstatus: proposed\n---\n\n## Context\n"
        );
        let titled = "---\ntitle: Kept\n---\n\n# Try it\n";
        assert_eq!(
            titled_in_front_matter(titled, "Try it", FrontMatterSyntax::Yaml),
            titled
        );
        assert_eq!(
            titled_in_front_matter(
                "# Try it\n\n- Status: proposed\n",
                "ADR-0006: \"Try\" it",
                FrontMatterSyntax::Toml
            ),
            "+++\ntitle = \"ADR-0006: \\\"Try\\\" it\"\n+++\n\n- Status: proposed\n"
        );
    }
}
