//! Which files of a log directory are records, and what their names say: the number, the
//! slug, and the naming scheme (`0001-slug.md`, `adr-012-slug.md`, `ADR-12.md`,
//! `ODH-ADR-0001-slug.md`, log4brains' `20200925-slug.md`, folders such as
//! `2022-11-09-slug/README.md`). Files that are not records are kept with the reason
//! (templates by name in several languages, parts of folder records, hidden ones), so none
//! named like a record is dropped silently. Reads directory entries only, never file
//! contents (templates recognised by content are `model::log_template`'s job).
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

mod document_name;
mod id_folder;
mod log_names;
mod template_name;

use document_name::is_index_name;
pub use document_name::{is_archive_folder, is_index_word, is_numbered_index};
use id_folder::{folder_named_by_id, holds_record_files};
pub use log_names::parse_with_any_prefix;
use log_names::{adopt_log_prefix, adopt_unnumbered, set_annexes_apart, set_mirrors_apart};
use std::path::{Path, PathBuf};
pub use template_name::{is_template_name, mentions_template, name_qualifiers};

use crate::error::{Error, Result};

/// How a log names its records; `adr new` follows the scheme the log already uses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum NamingScheme {
    /// `0001-slug.md`: the number zero-padded to `digits`.
    Numbered { digits: usize },
    /// `001 - Title.md`, `1. Title.md`: the number (padded to `digits`), a `separator` in
    /// words (` - `, `. `) and the title as written, spaces and capitals kept.
    Worded { digits: usize, separator: String },
    /// `adr-012-slug.md`, `ADR-12.md`: a prefix, the number (padded to `digits`, 0 for
    /// unpadded), and maybe a slug.
    Prefixed {
        prefix: String,
        digits: usize,
        has_slug: bool,
    },
    /// log4brains: `20200925-slug.md` (`compact`) or `2020-09-25-slug.md`; no number. A
    /// compact date may go on with the time (`20240603162604-slug.md`, zero-logement-vacant):
    /// `time_digits` of it (4 or 6, else 0).
    Dated { compact: bool, time_digits: usize },
    /// A date, then the number: `2021-06-05_001-slug.md` (cardano-scaling/hydra),
    /// `20240105_003_slug.md`, `20240510-adr-0005-slug.md` (vmware-tanzu/secrets-manager).
    /// The date is the record's day, the number orders the log; `after_date` is what the log
    /// writes between them (`-`, `_`, `-adr-`) and `after_number` the separator after it.
    DatedNumbered {
        compact: bool,
        digits: usize,
        after_date: String,
        after_number: char,
    },
}

/// What a record's file name says about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileName {
    pub number: Option<u32>,
    pub slug: String,
    /// The date of a log4brains-style name, as `YYYY-MM-DD`.
    pub date: Option<String>,
    pub scheme: NamingScheme,
}

impl NamingScheme {
    /// The width the number is padded to (0 for a dated name, which has none).
    pub fn digits(&self) -> usize {
        match self {
            NamingScheme::Numbered { digits }
            | NamingScheme::Worded { digits, .. }
            | NamingScheme::Prefixed { digits, .. }
            | NamingScheme::DatedNumbered { digits, .. } => *digits,
            NamingScheme::Dated { .. } => 0,
        }
    }
}

impl FileName {
    /// A name that says nothing (no number, slug or date), until the real one is known.
    pub fn unparsed() -> FileName {
        FileName {
            number: None,
            slug: String::new(),
            date: None,
            scheme: NamingScheme::Numbered { digits: 0 },
        }
    }

    /// Parses a record's file name; `None` when the name follows no record scheme.
    pub fn parse(name: &str) -> Option<FileName> {
        let stem = markdown_stem(name)?;
        if let Some(file) = parse_dated(stem) {
            return Some(file);
        }
        let digits_len = stem.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len > 0 {
            let (digits, rest) = stem.split_at_checked(digits_len)?;
            let (slug, scheme) = match rest.strip_prefix(['-', '_']) {
                Some(slug) => (slug, NamingScheme::Numbered { digits: digits_len }),
                None => {
                    let (separator, title) = numbered_in_words(rest)?;
                    let scheme = NamingScheme::Worded {
                        digits: digits_len,
                        separator,
                    };
                    (title, scheme)
                }
            };
            if slug.is_empty() && !rest.is_empty() {
                return None;
            }
            return Some(FileName {
                number: Some(parse_number(digits)?),
                slug: slug.to_string(),
                date: None,
                scheme,
            });
        }
        parse_prefixed(stem)
    }

    /// The file name for `number` and `slug` in this scheme (not for dated names).
    pub fn format(scheme: &NamingScheme, number: u32, slug: &str, date: &str) -> String {
        match scheme {
            NamingScheme::Numbered { digits } => format!("{number:0digits$}-{slug}.md"),
            NamingScheme::Worded { digits, separator } => {
                format!("{number:0digits$}{separator}{slug}.md")
            }
            NamingScheme::Prefixed {
                prefix,
                digits,
                has_slug,
            } => {
                let number = format!("{number:0digits$}");
                if *has_slug {
                    format!("{prefix}{number}-{slug}.md")
                } else {
                    format!("{prefix}{number}.md")
                }
            }
            NamingScheme::Dated {
                compact,
                time_digits,
            } => {
                let time = crate::clock::time_of_day().strftime("%H%M%S").to_string();
                let time = time.get(..*time_digits).unwrap_or_default();
                format!("{}{time}-{slug}.md", written_date(date, *compact))
            }
            NamingScheme::DatedNumbered {
                compact,
                digits,
                after_date,
                after_number,
            } => format!(
                "{}{after_date}{number:0digits$}{after_number}{slug}.md",
                written_date(date, *compact)
            ),
        }
    }
}

/// `2025-01-31` as a dated name writes it: as it is, or `20250131` when `compact`.
fn written_date(date: &str, compact: bool) -> String {
    if compact {
        date.replace('-', "")
    } else {
        date.to_string()
    }
}

/// The separator and the title after a number set off from the title in words: `001.
/// Title`, `001.Title` (as a list item's number), `001 - Title` (Ugrow's log). The
/// separator is kept as the log's scheme writes it (` - ` however many spaces were typed).
fn numbered_in_words(rest: &str) -> Option<(String, &str)> {
    if let Some(title) = rest.strip_prefix('.') {
        let spaced = title.starts_with(' ');
        let title = title.trim_start_matches(' ');
        // `1.2.md` is a version, not a record.
        return title
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
            .then(|| (if spaced { ". " } else { "." }.to_string(), title));
    }
    let after_space = rest.strip_prefix(' ')?.trim_start_matches(' ');
    let dash = after_space
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '–' | '—'))?;
    let title = after_space.get(dash.len_utf8()..)?;
    let spaced = title.starts_with(' ');
    let title = title.trim_start_matches(' ');
    (!title.is_empty()).then(|| {
        let separator = if spaced {
            format!(" {dash} ")
        } else {
            format!(" {dash}")
        };
        (separator, title)
    })
}

pub(super) fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, extension) = name.split_at_checked(name.rfind('.')?)?;

    extension.eq_ignore_ascii_case(".md").then_some(stem)
}

fn parse_number(digits: &str) -> Option<u32> {
    digits.parse().ok()
}

fn parse_dated(stem: &str) -> Option<FileName> {
    // Every offset below is checked with `str::get`: a name's bytes past the date can be
    // any script (`2024-01-02-添加.md`), and slicing inside a character would panic.
    let is_digits =
        |part: Option<&str>| part.is_some_and(|part| part.bytes().all(|b| b.is_ascii_digit()));
    // The date ends at `-` or `_` (`2023-03-27_private_properties`, eclipse-edc).
    let is_separator = |part: Option<&str>| matches!(part, Some("-" | "_"));
    // A time after the date (`20240516132303-use-madr`, zero-logement-vacant; `HHMM` or
    // `HHMMSS`): a timestamped name is a dated one, the time only orders a day's records.
    let time_digits = [(6, "%H%M%S"), (4, "%H%M")]
        .into_iter()
        .find(|&(len, format)| {
            is_digits(stem.get(..8 + len))
                && is_separator(stem.get(8 + len..9 + len))
                && stem
                    .get(8..8 + len)
                    .and_then(|time| jiff::civil::Time::strptime(format, time).ok())
                    .is_some()
        })
        .map(|(len, _)| len);
    let (date, compact, after_date, rest) = if let Some(len) = time_digits {
        let (year, month, day) = (stem.get(..4)?, stem.get(4..6)?, stem.get(6..8)?);
        (
            format!("{year}-{month}-{day}"),
            true,
            stem.get(8 + len..9 + len)?,
            stem.get(9 + len..)?,
        )
    } else if is_digits(stem.get(..8)) && is_separator(stem.get(8..9)) {
        let (year, month, day) = (stem.get(..4)?, stem.get(4..6)?, stem.get(6..8)?);
        (
            format!("{year}-{month}-{day}"),
            true,
            stem.get(8..9)?,
            stem.get(9..)?,
        )
    } else if is_digits(stem.get(..4))
        && stem.get(4..5) == Some("-")
        && is_digits(stem.get(5..7))
        && stem.get(7..8) == Some("-")
        && is_digits(stem.get(8..10))
        && is_separator(stem.get(10..11))
    {
        (
            stem.get(..10)?.to_string(),
            false,
            stem.get(10..11)?,
            stem.get(11..)?,
        )
    } else {
        return None;
    };
    // Only a real calendar date from a plausible year makes a dated name; `00010001-x`
    // is an eight-digit number.
    let parsed: jiff::civil::Date = date.parse().ok()?;
    if !(1990..=2200).contains(&parsed.year()) || rest.is_empty() {
        return None;
    }
    if let Some(file) = parse_number_after_date(&date, compact, after_date, rest) {
        return Some(file);
    }
    Some(FileName {
        number: None,
        slug: rest.to_string(),
        date: Some(date),
        scheme: NamingScheme::Dated {
            compact,
            time_digits: time_digits.unwrap_or(0),
        },
    })
}

/// The number after a date (`2021-06-05_001-slug`, `20240105_003_slug`,
/// `2021-06-05-001-slug`): digits, a separator, a slug. The number is read when the date ends
/// in `_` or the number is zero-padded: log4brains' `2020-09-25-3-tier-architecture` is a
/// slug that starts with a number.
fn parse_number_after_date(
    date: &str,
    compact: bool,
    after_date: &str,
    rest: &str,
) -> Option<FileName> {
    // `20240510-adr-0005-slug`: a label names the number.
    let label_len = rest
        .split_once(['-', '_'])
        .filter(|(label, tail)| {
            is_record_prefix(label) && tail.bytes().next().is_some_and(|b| b.is_ascii_digit())
        })
        .map_or(0, |(label, _)| label.len() + 1);
    let (label, rest) = rest.split_at_checked(label_len)?;
    let digits_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, after_digits) = rest.split_at_checked(digits_len)?;
    let after_number = after_digits
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '_'))?;
    let slug = after_digits.get(after_number.len_utf8()..)?;
    let padded = digits.len() > 1 && digits.starts_with('0');
    if digits.is_empty() || slug.is_empty() || !(after_date == "_" || padded) {
        return None;
    }
    Some(FileName {
        number: Some(parse_number(digits)?),
        slug: slug.to_string(),
        date: Some(date.to_string()),
        scheme: NamingScheme::DatedNumbered {
            compact,
            digits: if padded { digits.len() } else { 0 },
            after_date: format!("{after_date}{label}"),
            after_number,
        },
    })
}

/// `adr-012-slug`, `ADR-12`, `adr001-slug`, and organisation prefixes around `ADR`:
/// `ODH-ADR-0001-slug`, `ODH-ADR-Operator-0011-slug` (opendatahub-adr). The prefix is one to
/// four ASCII words, one of them `adr`, so a slug ending in a number (`use-python-3`) is not
/// taken for a prefix.
fn parse_prefixed(stem: &str) -> Option<FileName> {
    let digits_at = stem.find(|c: char| c.is_ascii_digit())?;
    let prefix = stem.get(..digits_at)?;
    if !is_record_prefix(prefix) {
        return None;
    }
    read_after_prefix(stem, digits_at)
}

/// The number at `digits_at` in `stem` and the slug after it, the text before it the prefix.
pub(super) fn read_after_prefix(stem: &str, digits_at: usize) -> Option<FileName> {
    let prefix = stem.get(..digits_at)?;
    let after_prefix = stem.get(digits_at..)?;
    let digits_len = after_prefix.bytes().take_while(u8::is_ascii_digit).count();
    let number = parse_number(after_prefix.get(..digits_len)?)?;
    let rest = after_prefix.get(digits_len..)?;
    let (slug, has_slug) = match rest {
        "" => (format!("{}{}", prefix.to_lowercase(), number), false),
        // `ARC-001:example.md`: a colon where the dash goes (not on Windows, but in logs).
        _ => (rest.strip_prefix(['-', '_', ':'])?.to_string(), true),
    };
    if has_slug && slug.is_empty() {
        return None;
    }
    let padded = after_prefix.starts_with('0');
    Some(FileName {
        number: Some(number),
        slug,
        date: None,
        scheme: NamingScheme::Prefixed {
            prefix: prefix.to_string(),
            digits: if padded { digits_len } else { 0 },
            has_slug,
        },
    })
}

/// `adr`, `adr-`, `ADR_`, `ODH-ADR-`, `ODH-ADR-Operator-`: ASCII words ending in a separator
/// (or `adr` glued to the number), one of them `adr`.
fn is_record_prefix(prefix: &str) -> bool {
    if prefix.eq_ignore_ascii_case("adr") {
        return true;
    }
    let Some(words) = prefix.strip_suffix(['-', '_']) else {
        return false;
    };
    // `nr.-001-verwendung-….md`: a GitBook log numbering its pages "Nr. 1", "Nr. 2".
    if ["nr", "nr.", "no.", "nº", "num"]
        .iter()
        .any(|word| words.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let words: Vec<&str> = words.split(['-', '_']).collect();
    words.len() <= 4
        && words.iter().all(|word| {
            !word.is_empty() && word.len() <= 12 && word.bytes().all(|b| b.is_ascii_alphabetic())
        })
        && words.iter().any(|word| word.eq_ignore_ascii_case("adr"))
}

/// Markdown files in a log that are not records: the index, READMEs, templates, and hidden
/// or `_`-prefixed files.
pub fn is_non_record_name(name: &str) -> bool {
    if name.starts_with('.') || name.starts_with('_') {
        return true;
    }
    let Some(stem) = markdown_stem(name) else {
        return true;
    };
    is_index_name(stem) || is_template_name(name)
}

/// Why a Markdown file in the log is not read as a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Named like a template (`template.md`, `0000-modele-adr.md`); its headings are the
    /// log's expected sections.
    TemplateByName,
    /// Not named like a record, and its text is mostly placeholders.
    TemplateByContent,
    /// Another Markdown file in a record's folder (`2022-11-09-x/renaming.md`).
    RecordPart { record: String },
    /// Named like a record, but its name or a folder above starts with `_` or `.`
    /// (`_drafts/0005-x.md`, `.0005-x.md`): hidden on purpose, and said so.
    Hidden,
    /// A Markdown file whose name is not UTF-8.
    NameNotUtf8,
    /// A record's name with `-annex1` or `-appendix-a` after it
    /// (`adr-050-sign-mode-textual-annex1.md`, Cosmos SDK): a part of that record, not
    /// another record with its number.
    Annex { record: String },
    /// Not named like a record, and it reads as no decision: no status and none of the
    /// sections a decision has (`costs.md`, `glossary.md` beside the records).
    Document,
    /// In a folder of examples (`examples/002-adopt-supabase.md`): a model to write records
    /// by, kept beside the log, not one of its decisions.
    Example,
}

impl SkipReason {
    /// Why, in words, for `adr list --verbose` and lint.
    pub fn describe(&self) -> String {
        match self {
            SkipReason::TemplateByName => "named like a template".to_string(),
            SkipReason::TemplateByContent => "mostly placeholders: read as a template".to_string(),
            SkipReason::RecordPart { record } => format!("part of the record `{record}`"),
            SkipReason::Hidden => {
                "named like a record, but hidden (a leading `_` or `.`)".to_string()
            }
            SkipReason::NameNotUtf8 => "its name is not UTF-8".to_string(),
            SkipReason::Annex { record } => format!("an annex of the record `{record}`"),
            SkipReason::Document => {
                "a document beside the records: no status and no decision section".to_string()
            }
            SkipReason::Example => "in a folder of examples".to_string(),
        }
    }
}

/// A Markdown file the walk found and did not take for a record.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub rel_path: String,
    pub reason: SkipReason,
}

impl Skipped {
    /// The walked `entry` of the log at `dir`, skipped for `reason`.
    fn of(entry: &walkdir::DirEntry, dir: &Path, reason: SkipReason) -> Skipped {
        let path = entry.path().to_path_buf();
        let rel_path = crate::log_path::relative_slash_path(&path, dir);
        Skipped {
            path,
            rel_path,
            reason,
        }
    }
}

/// What a directory walk found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Record files: absolute path, path relative to the log with `/`, parsed name. A
    /// record that is a folder (`2022-11-09-x/README.md`) is its README or index file, with
    /// the folder's name parsed.
    pub records: Vec<(PathBuf, String, FileName)>,
    /// Markdown files that follow no record scheme and are not READMEs or templates.
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Markdown files not read as records, and why: templates, parts of folder records,
    /// hidden record-like files.
    pub skipped: Vec<Skipped>,
    /// Which of the record paths are symbolic links (the log checks where they lead).
    pub symlinks: std::collections::HashSet<PathBuf>,
}

/// The marker `adr render` leaves in a site it built; such directories are never records.
pub const SITE_MARKER: &str = ".adr-site";

/// The file that holds a folder record's text (`2022-11-09-api-refactoring/README.md`,
/// `0007-x/index.md`), if the folder has one.
fn folder_record_file(dir: &Path) -> Option<PathBuf> {
    let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().to_str()?.to_string();
            let stem = markdown_stem(&name)?.to_lowercase();
            (matches!(stem.as_str(), "readme" | "index") && entry.path().is_file())
                .then(|| (stem, entry.path()))
        })
        .collect();
    // `README.md` before `index.md` when a folder has both.
    names.sort();
    names.into_iter().next_back().map(|(_, path)| path)
}

/// The one record file right in the folder `dir`, named `number` (its digits as written),
/// that has that number: `0028/0028-remote-rag-ingest.md`.
fn numbered_folder_record(dir: &Path, number: &str) -> Option<(PathBuf, FileName)> {
    let number: u32 = number.parse().ok()?;
    let mut records = std::fs::read_dir(dir).ok()?.filter_map(|entry| {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        markdown_stem(&name)?;
        let file = FileName::parse(&name)?;
        (file.number == Some(number) && !file.slug.is_empty() && entry.path().is_file())
            .then(|| (entry.path(), file))
    });
    let first = records.next()?;
    records.next().is_none().then_some(first)
}

/// Walks `dir` (sub-folders too; hidden and `_` folders and rendered sites skipped) in
/// sorted order.
pub fn discover(dir: &Path) -> Result<Discovered> {
    let mut found = Discovered::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| {
            // `_` folders are walked, only to name the record-like files they hide.
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !((is_hidden(entry.file_name()) && !is_underscored(entry.file_name()))
                    || entry.path().join(SITE_MARKER).exists())
        });
    // The folder record being walked (walkdir is depth first: once left, never re-entered),
    // with the record's file and its path relative to the log.
    let mut record_folder: Option<(PathBuf, PathBuf, String)> = None;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) if error.depth() == 0 => {
                let source = error
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk failed"));
                return Err(Error::io("read the directory", dir, source));
            }
            // An unreadable sub-folder is skipped; the files that can be read still load.
            Err(_) => continue,
        };
        let Some(name) = entry.file_name().to_str() else {
            note_not_utf8(&mut found, &entry, dir);
            continue;
        };
        if let Some((folder, record_file, record_rel)) = &record_folder {
            if entry.path().starts_with(folder) {
                if !entry.file_type().is_dir()
                    && entry.path() != record_file
                    && markdown_stem(name).is_some()
                {
                    let reason = SkipReason::RecordPart {
                        record: record_rel.clone(),
                    };
                    found.skipped.push(Skipped::of(&entry, dir, reason));
                }
                continue;
            }
            record_folder = None;
        }
        // A file right in the log (depth 1) has no folder to hide it.
        let hidden = name.starts_with(['.', '_'])
            || in_folder_named(&entry, dir, |folder| folder.starts_with('_'));
        if hidden {
            note_hidden(&mut found, &entry, name, dir);
            continue;
        }
        if !entry.file_type().is_dir() && markdown_stem(name).is_some() && in_examples(&entry, dir)
        {
            found
                .skipped
                .push(Skipped::of(&entry, dir, SkipReason::Example));
            continue;
        }
        if entry.file_type().is_dir() {
            if let Some(folder) = enter_folder(&mut found, &entry, name, dir) {
                record_folder = Some(folder);
            }
            continue;
        }
        if entry.path_is_symlink() {
            found.symlinks.insert(entry.path().to_path_buf());
        }
        let Some(stem) = markdown_stem(name) else {
            continue;
        };
        if is_template_name(name) {
            found
                .skipped
                .push(Skipped::of(&entry, dir, SkipReason::TemplateByName));
            continue;
        }
        // Hidden names and templates were set apart above: of `is_non_record_name`, this is left.
        if is_index_name(stem) {
            continue;
        }
        let path = entry.path().to_path_buf();
        let rel = crate::log_path::relative_slash_path(&path, dir);
        match FileName::parse(name) {
            Some(file) => found.records.push((path, rel, file)),
            None => found.unnamed_markdown.push((path, rel)),
        }
    }
    adopt_log_prefix(&mut found);
    adopt_unnumbered(&mut found);
    set_annexes_apart(&mut found);
    set_mirrors_apart(&mut found);
    // Sorted once here, by path: walkdir's own sorting re-parses each entry's file name
    // on every comparison, which cost more than the rest of discovery at 10,000 records.
    found.records.sort_unstable_by(|a, b| a.1.cmp(&b.1));
    found
        .unnamed_markdown
        .sort_unstable_by(|a, b| a.1.cmp(&b.1));
    found.skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(found)
}

/// A hidden Markdown file is skipped, but kept by name when a template or named like a record.
fn note_hidden(found: &mut Discovered, entry: &walkdir::DirEntry, name: &str, dir: &Path) {
    if entry.file_type().is_dir() || markdown_stem(name).is_none() {
        return;
    }
    let reason = if is_template_name(name) {
        Some(SkipReason::TemplateByName)
    } else {
        FileName::parse(name.trim_start_matches(['.', '_'])).map(|_| SkipReason::Hidden)
    };
    if let Some(reason) = reason {
        found.skipped.push(Skipped::of(entry, dir, reason));
    }
}

/// A Markdown file whose name is not UTF-8 (Latin-1 from an old system) is not read as a
/// record: its number, slug and links are text. It is noted, so that lint says why the
/// record is missing instead of leaving it out without a word. (A folder so named is still
/// walked: the records inside have UTF-8 names.)
fn note_not_utf8(found: &mut Discovered, entry: &walkdir::DirEntry, dir: &Path) {
    let name = entry.file_name().to_string_lossy();
    if entry.file_type().is_dir() || markdown_stem(&name).is_none() || name.starts_with('.') {
        return;
    }
    found
        .skipped
        .push(Skipped::of(entry, dir, SkipReason::NameNotUtf8));
}

/// A directory named like a record is one when it holds a README or index (`2022-11-09-x/`
/// `README.md`), else it is reported and records inside still load. Returns the one entered.
fn enter_folder(
    found: &mut Discovered,
    entry: &walkdir::DirEntry,
    name: &str,
    dir: &Path,
) -> Option<(PathBuf, PathBuf, String)> {
    let is_md = markdown_stem(name).is_some();
    let folder_name = format!("{name}{}", if is_md { "" } else { ".md" });
    // `adr-template/README.md` beside `0001-x/README.md` records (pg_otel): the template of
    // a log of one folder per record.
    if entry.depth() > 0
        && !is_md
        && is_template_name(&folder_name)
        && let Some(file) = folder_record_file(entry.path())
    {
        found.skipped.push(Skipped {
            rel_path: crate::log_path::relative_slash_path(&file, dir),
            path: file,
            reason: SkipReason::TemplateByName,
        });
        return None;
    }
    if entry.depth() == 0 || is_non_record_name(&folder_name) {
        return None;
    }
    // `0028/` holding `0028-remote-rag-ingest.md` with its README, notes and `amendments/`
    // (kwojtasinski-repo/ECommerceApp): the folder of that record; all else in it is part
    // of it (the amendments, numbered `0028-001-…`, were six more records numbered 28).
    if name.bytes().all(|b| b.is_ascii_digit())
        && let Some((record_file, file)) = numbered_folder_record(entry.path(), name)
    {
        let folder = entry.path().to_path_buf();
        let rel = crate::log_path::relative_slash_path(&record_file, dir);
        found.records.push((record_file.clone(), rel.clone(), file));
        return Some((folder, record_file, rel));
    }
    let file = FileName::parse(&folder_name)
        .or_else(|| folder_named_by_id(name).filter(|_| !holds_record_files(entry.path())))?;
    let folder = entry.path().to_path_buf();
    match folder_record_file(&folder) {
        Some(record_file) => {
            let rel = crate::log_path::relative_slash_path(&record_file, dir);
            found.records.push((record_file.clone(), rel.clone(), file));
            Some((folder, record_file, rel))
        }
        // `0001-x.md/`: named like a record file, read (and reported) as one.
        None if is_md => {
            let rel = crate::log_path::relative_slash_path(&folder, dir);
            found.records.push((folder, rel, file));
            None
        }
        // `0001-images/`: a folder of a record's files.
        None => None,
    }
}

/// Whether `entry` is in a folder of examples below the log `dir` (`examples/`,
/// `exemplos/`, `Beispiele/`).
fn in_examples(entry: &walkdir::DirEntry, dir: &Path) -> bool {
    const EXAMPLE_FOLDERS: &[&str] = &[
        "example",
        "examples",
        "sample",
        "samples",
        "exemple",
        "exemples",
        "exemplo",
        "exemplos",
        "ejemplo",
        "ejemplos",
        "esempio",
        "esempi",
        "beispiel",
        "beispiele",
        "voorbeeld",
        "voorbeelden",
        "przyklady",
        "例",
        "示例",
        "例子",
        "サンプル",
        "예시",
    ];
    in_folder_named(entry, dir, |folder| {
        EXAMPLE_FOLDERS.contains(&folder.to_lowercase().as_str())
    })
}

/// Whether a folder between the log `dir` and `entry` has a name `named` says yes to.
fn in_folder_named(entry: &walkdir::DirEntry, dir: &Path, named: impl Fn(&str) -> bool) -> bool {
    entry.depth() > 1
        && entry
            .path()
            .strip_prefix(dir)
            .ok()
            .and_then(Path::parent)
            .is_some_and(|parent| {
                parent
                    .components()
                    .any(|part| named(&part.as_os_str().to_string_lossy()))
            })
}

fn is_underscored(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('_')
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_') || name == "node_modules"
}

#[cfg(test)]
mod tests;
