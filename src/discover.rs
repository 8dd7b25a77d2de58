//! Which files of a log directory are records, and what their names say: the number, the
//! slug, and the naming scheme (`0001-slug.md`, `adr-012-slug.md`, `ADR-12.md`, log4brains'
//! `20200925-slug.md`). Reads directory entries only, never file contents.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How a log names its records; `adr new` follows the scheme the log already uses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum NamingScheme {
    /// `0001-slug.md`: the number zero-padded to `digits`.
    Numbered { digits: usize },
    /// `adr-012-slug.md`, `ADR-12.md`: a prefix, the number (padded to `digits`, 0 for
    /// unpadded), and maybe a slug.
    Prefixed {
        prefix: String,
        digits: usize,
        has_slug: bool,
    },
    /// log4brains: `20200925-slug.md` (`compact`) or `2020-09-25-slug.md`; no number.
    Dated { compact: bool },
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

impl FileName {
    /// Parses a record's file name; `None` when the name follows no record scheme.
    pub fn parse(name: &str) -> Option<FileName> {
        let stem = markdown_stem(name)?;
        if let Some(file) = parse_dated(stem) {
            return Some(file);
        }
        let digits_len = stem.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len > 0 {
            let rest = &stem[digits_len..];
            let slug = rest.strip_prefix(['-', '_'])?;
            if slug.is_empty() && !rest.is_empty() {
                return None;
            }
            return Some(FileName {
                number: Some(parse_number(&stem[..digits_len])?),
                slug: slug.to_string(),
                date: None,
                scheme: NamingScheme::Numbered { digits: digits_len },
            });
        }
        parse_prefixed(stem)
    }

    /// The file name for `number` and `slug` in this scheme (not for dated names).
    pub fn format(scheme: &NamingScheme, number: u32, slug: &str, date: &str) -> String {
        match scheme {
            NamingScheme::Numbered { digits } => format!("{number:0digits$}-{slug}.md"),
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
            NamingScheme::Dated { compact } => {
                let date = if *compact {
                    date.replace('-', "")
                } else {
                    date.to_string()
                };
                format!("{date}-{slug}.md")
            }
        }
    }
}

fn markdown_stem(name: &str) -> Option<&str> {
    let dot = name.rfind('.')?;
    let (stem, extension) = name.split_at(dot);
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
    let (date, compact, rest) = if is_digits(stem.get(..8)) && stem.get(8..9) == Some("-") {
        let (year, month, day) = (stem.get(..4)?, stem.get(4..6)?, stem.get(6..8)?);
        (format!("{year}-{month}-{day}"), true, stem.get(9..)?)
    } else if is_digits(stem.get(..4))
        && stem.get(4..5) == Some("-")
        && is_digits(stem.get(5..7))
        && stem.get(7..8) == Some("-")
        && is_digits(stem.get(8..10))
        && stem.get(10..11) == Some("-")
    {
        (stem.get(..10)?.to_string(), false, stem.get(11..)?)
    } else {
        return None;
    };
    // Only a real calendar date from a plausible year makes a dated name; `00010001-x`
    // is an eight-digit number.
    let parsed: jiff::civil::Date = date.parse().ok()?;
    if !(1990..=2200).contains(&parsed.year()) || rest.is_empty() {
        return None;
    }
    Some(FileName {
        number: None,
        slug: rest.to_string(),
        date: Some(date),
        scheme: NamingScheme::Dated { compact },
    })
}

fn parse_prefixed(stem: &str) -> Option<FileName> {
    let prefix_len = stem
        .get(..3)
        .filter(|head| head.eq_ignore_ascii_case("adr"))
        .map(|_| 3)?;
    let mut at = prefix_len;
    let bytes = stem.as_bytes();
    if matches!(bytes.get(at), Some(b'-' | b'_')) {
        at += 1;
    }
    let digits_len = stem[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits_len == 0 {
        return None;
    }
    let prefix = stem[..at].to_string();
    let number = parse_number(&stem[at..at + digits_len])?;
    let rest = &stem[at + digits_len..];
    let (slug, has_slug) = match rest {
        "" => (format!("{}{}", prefix.to_lowercase(), number), false),
        _ => (rest.strip_prefix(['-', '_'])?.to_string(), true),
    };
    let padded = stem[at..].starts_with('0');
    Some(FileName {
        number: Some(number),
        slug,
        date: None,
        scheme: NamingScheme::Prefixed {
            prefix,
            digits: if padded { digits_len } else { 0 },
            has_slug,
        },
    })
}

/// Markdown files in a log that are not records: the index, READMEs and templates.
pub fn is_non_record_name(name: &str) -> bool {
    if name.starts_with('.') || name.starts_with('_') {
        return true;
    }
    let Some(stem) = markdown_stem(name) else {
        return true;
    };
    let stem = stem.to_lowercase();
    matches!(stem.as_str(), "readme" | "index" | "summary" | "changelog" | "toc" | "contributing")
        || stem == "template"
        || stem.starts_with("template-")
        || stem.ends_with("-template")
        || stem.ends_with("_template")
        // Placeholder numbers in template names: `adr-NNN.md`, `XXXX-title.md`.
        || stem.split(['-', '_']).any(|part| part.len() >= 3 && (part.chars().all(|c| c == 'n') || part.chars().all(|c| c == 'x')))
}

/// What a directory walk found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Record files: absolute path, path relative to the log with `/`, parsed name.
    pub records: Vec<(PathBuf, String, FileName)>,
    /// Markdown files that follow no record scheme and are not READMEs or templates.
    pub unnamed_markdown: Vec<(PathBuf, String)>,
    /// Which of the record paths are symbolic links (the log checks where they lead).
    pub symlinks: std::collections::HashSet<PathBuf>,
}

/// The marker `adr render` leaves in a site it built; such directories are never records.
pub const SITE_MARKER: &str = ".adr-site";

/// Walks `dir` (sub-folders too; hidden and `_` folders and rendered sites skipped) in
/// sorted order.
pub fn discover(dir: &Path) -> Result<Discovered> {
    let mut found = Discovered::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !(is_hidden(entry.file_name()) || entry.path().join(SITE_MARKER).exists())
        });
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
            continue;
        };
        if entry.file_type().is_dir() {
            // A directory named like a record is reported (it is never a readable record);
            // records inside it still load.
            if entry.depth() > 0
                && !is_non_record_name(name)
                && let Some(file) = FileName::parse(name)
            {
                let path = entry.path().to_path_buf();
                let rel = relative_slash_path(&path, dir);
                found.records.push((path, rel, file));
            }
            continue;
        }
        if entry.path_is_symlink() {
            found.symlinks.insert(entry.path().to_path_buf());
        }
        if markdown_stem(name).is_none() || is_non_record_name(name) {
            continue;
        }
        let path = entry.path().to_path_buf();
        let rel = relative_slash_path(&path, dir);
        match FileName::parse(name) {
            Some(file) => found.records.push((path, rel, file)),
            None => found.unnamed_markdown.push((path, rel)),
        }
    }
    // Sorted once here, by path: walkdir's own sorting re-parses each entry's file name
    // on every comparison, which cost more than the rest of discovery at 10,000 records.
    found.records.sort_unstable_by(|a, b| a.1.cmp(&b.1));
    found
        .unnamed_markdown
        .sort_unstable_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_') || name == "node_modules"
}

/// `path` relative to `base`, with `/` separators; `path` itself when not below `base`.
pub fn relative_slash_path(path: &Path, base: &Path) -> String {
    // Fast path for walked paths, which are `base` joined with more: a string prefix test
    // instead of component parsing, which dominated `adr new` in a 10,000-record log.
    if let (Some(full), Some(prefix)) = (path.to_str(), base.to_str())
        && let Some(rest) = full.strip_prefix(prefix)
        && let Some(rest) = rest.strip_prefix(std::path::MAIN_SEPARATOR)
        && !rest.is_empty()
        && std::path::MAIN_SEPARATOR == '/'
    {
        return rest.to_string();
    }
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` as a user in `cwd` would type it: relative (with `..` when needed), `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let path_components: Vec<_> = path.components().collect();
    let cwd_components: Vec<_> = cwd.components().collect();
    if path.is_relative() || cwd.is_relative() {
        return relative_slash_path(path, Path::new(""));
    }
    let common = path_components
        .iter()
        .zip(&cwd_components)
        .take_while(|(a, b)| a == b)
        .count();
    // Nothing in common but the root: an absolute path reads better than a row of `..`.
    if common <= 1 {
        return path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), cwd_components.len() - common).collect();
    parts.extend(
        path_components[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(name: &str) -> Option<u32> {
        FileName::parse(name).and_then(|file| file.number)
    }

    #[test]
    fn reads_every_naming_scheme() {
        assert_eq!(number("0001-use-fastapi.md"), Some(1));
        assert_eq!(number("00011-remote-access.md"), Some(11));
        assert_eq!(number("12345-wide.md"), Some(12345));
        assert_eq!(number("adr-012-slug.md"), Some(12));
        assert_eq!(number("ADR-12-slug.md"), Some(12));
        assert_eq!(number("ADR-12.md"), Some(12));
        assert_eq!(number("adr-1.md"), Some(1));
        assert_eq!(FileName::parse("ADR-12.md").unwrap().slug, "adr-12");
        let dated = FileName::parse("20200925-use-prettier.md").unwrap();
        assert_eq!(
            (dated.number, dated.date.as_deref(), dated.slug.as_str()),
            (None, Some("2020-09-25"), "use-prettier")
        );
        let dashed = FileName::parse("2020-09-25-use-prettier.md").unwrap();
        assert_eq!(dashed.scheme, NamingScheme::Dated { compact: false });
        assert_eq!(FileName::parse("notes.md"), None);
        assert_eq!(FileName::parse("0001-x.txt"), None);
        assert_eq!(FileName::parse("adrx.md"), None);
    }

    // Issue #13: a name whose ninth or eleventh byte falls inside a character panicked.
    #[test]
    fn names_in_any_script_never_panic() {
        assert_eq!(number("0019-添加-e2e-测试.md"), Some(19));
        assert_eq!(
            FileName::parse("0019-添加-e2e-测试.md").unwrap().slug,
            "添加-e2e-测试"
        );
        for name in [
            "2024010添加.md",
            "2024-01-0添加.md",
            "20240102添加.md",
            "2024-01-02添.md",
            "添加.md",
            "ä.md",
        ] {
            let _ = FileName::parse(name);
        }
        let dated = FileName::parse("2024-01-02-添加.md").unwrap();
        assert_eq!(
            (dated.date.as_deref(), dated.slug.as_str()),
            (Some("2024-01-02"), "添加")
        );
    }

    #[test]
    fn formats_in_the_log_scheme() {
        assert_eq!(
            FileName::format(&NamingScheme::Numbered { digits: 4 }, 7, "x", ""),
            "0007-x.md"
        );
        assert_eq!(
            FileName::format(&NamingScheme::Numbered { digits: 4 }, 12345, "x", ""),
            "12345-x.md"
        );
        let prefixed = NamingScheme::Prefixed {
            prefix: "adr-".into(),
            digits: 3,
            has_slug: true,
        };
        assert_eq!(FileName::format(&prefixed, 18, "y", ""), "adr-018-y.md");
        let bare = NamingScheme::Prefixed {
            prefix: "ADR-".into(),
            digits: 0,
            has_slug: false,
        };
        assert_eq!(FileName::format(&bare, 55, "y", ""), "ADR-55.md");
        assert_eq!(
            FileName::format(&NamingScheme::Dated { compact: true }, 0, "z", "2026-11-23"),
            "20261123-z.md"
        );
    }

    #[test]
    fn templates_and_readmes_are_not_records() {
        for name in [
            "README.md",
            "index.md",
            "template.md",
            "0000-template.md",
            "adr-template.md",
            "_adr-template.md",
            ".draft.md",
            "adr-NNN.md",
        ] {
            assert!(is_non_record_name(name), "{name}");
        }
        for name in [
            "0000-use-markdown-architectural-decision-records.md",
            "0001-x.md",
        ] {
            assert!(!is_non_record_name(name), "{name}");
        }
    }

    #[test]
    fn display_paths_are_relative() {
        assert_eq!(
            display_path(Path::new("/a/b/docs/adr/x.md"), Path::new("/a/b")),
            "docs/adr/x.md"
        );
        assert_eq!(
            display_path(Path::new("/a/b/docs/x.md"), Path::new("/a/b/src")),
            "../docs/x.md"
        );
    }
}
