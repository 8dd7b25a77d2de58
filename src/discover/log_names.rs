//! What the log as a whole says about its file names, past what one name says alone: a
//! prefix of the log's own before the number (`scs-0002-x.md`), unnumbered `adr-x.md`
//! records beside `adr001-x.md`, and annexes (`adr-050-x-annex1.md`) that are parts of a
//! record. Runs on a finished walk ([`super::Discovered`]); reads no file.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use super::{
    Discovered, FileName, NamingScheme, SkipReason, Skipped, markdown_stem, read_after_prefix,
};

/// `stem` read as a prefix (any ASCII letters, digits, `-` and `_`, starting with a letter
/// and ending in `-` or `_`; or two to five capitals right before the number) a number and
/// maybe a slug: `scs-0002-v1-x` (prefix `scs-`), `ccc-jb-002-x`, `rfc-0012-x`, `dr-7-x`,
/// `DR008-x` (alphagov/forms' decision records, beside its `ADR008-x`). Alone such a name
/// says little (`use-python-3` reads the same way): [`adopt_log_prefix`] takes the prefix
/// when most of a log shares it.
pub fn parse_with_any_prefix(stem: &str) -> Option<FileName> {
    let capitals = stem.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits_at = match stem.as_bytes().get(capitals) {
        Some(b) if b.is_ascii_digit() && (2..=5).contains(&capitals) => capitals,
        _ => stem
            .char_indices()
            .find(|&(at, c)| {
                c.is_ascii_digit()
                    && at > 0
                    && stem
                        .get(..at)
                        .is_some_and(|before| before.ends_with(['-', '_']))
            })
            .map(|(at, _)| at)?,
    };
    let prefix = stem.get(..digits_at)?;
    let is_prefix_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if !prefix.bytes().all(is_prefix_char) || !prefix.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    read_after_prefix(stem, digits_at)
}

/// `stem` read with the given `prefix` before its number; `None` when no number follows it.
fn parse_with_prefix(stem: &str, prefix: &str) -> Option<FileName> {
    let rest = stem.strip_prefix(prefix)?;
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    read_after_prefix(stem, prefix.len())
}

/// An unnumbered record in a log whose other records are `adr`-prefixed
/// (`adr-always-full-keycloak-migration.md` beside `adr001-renovate.md`): the prefix and the
/// slug, no number. Only used when the log mixes both, see [`super::discover`].
fn parse_unnumbered(stem: &str) -> Option<FileName> {
    let head = stem.get(..4)?;
    if !(head.eq_ignore_ascii_case("adr-") || head.eq_ignore_ascii_case("adr_")) {
        return None;
    }
    let slug = stem.get(4..)?;
    if !slug.chars().next()?.is_alphabetic() {
        return None;
    }
    Some(FileName {
        number: None,
        slug: slug.to_string(),
        date: None,
        scheme: NamingScheme::Prefixed {
            prefix: head.to_string(),
            digits: 0,
            has_slug: true,
        },
    })
}

/// A log whose records carry a prefix of its own before the number (SovereignCloudStack's
/// `scs-0002-v1-standards-docs-org.md`, CaenCamp's `ccc-jb-002-x.md`, `rfc-0012-x.md`): when
/// one prefix is shared by two or more files and by most of the log's numbered-looking
/// files, the files with that prefix are records numbered by it, as `adr-012-x.md` is. The
/// log decides, not the name alone: `use-python-3.md` among `0001-x.md` records is a note.
pub(super) fn adopt_log_prefix(found: &mut Discovered) {
    if let Some(prefix) = shared_prefix(found, None, 2) {
        adopt_prefixed(found, &prefix, None);
    }
    // A log of component folders, each with a prefix of its own (dapr's `api/API-001-….md`,
    // `cli/CLI-001-….md`, `architecture/ARC-001-….md`): a folder's files share its prefix
    // as a log's share one. Before, only the most shared prefix was read, and the other
    // folders' records were in no command's output.
    let folders: std::collections::BTreeSet<String> = found
        .unnamed_markdown
        .iter()
        .map(|(_, rel)| folder_of(rel).to_string())
        .collect();
    let folders: Vec<String> = folders
        .into_iter()
        .filter(|folder| {
            // A record's own folder (`ADR-268-report-builder/SPEC-001-….md`) holds its parts.
            let folder_name = folder.rsplit('/').next().unwrap_or(folder);
            FileName::parse(&format!("{folder_name}.md")).is_none_or(|file| file.number.is_none())
        })
        .collect();
    let mut left = Vec::new();
    for folder in folders {
        match shared_prefix(found, Some(&folder), 2)
            .filter(|prefix| numbers_are_distinct(found, prefix, &folder))
        {
            Some(prefix) => adopt_prefixed(found, &prefix, Some(&folder)),
            None => left.push(folder),
        }
    }
    // Beside folders that number their own series, a folder of one record so named is one
    // more (`engineering/ENG-001-….md` beside `architecture/ARC-001-….md`).
    let beside_series = found.records.iter().any(|(_, rel, file)| {
        !folder_of(rel).is_empty() && matches!(file.scheme, NamingScheme::Prefixed { .. })
    });
    if beside_series {
        for folder in left {
            if let Some(prefix) = shared_prefix(found, Some(&folder), 1)
                .filter(|prefix| numbers_are_distinct(found, prefix, &folder))
            {
                adopt_prefixed(found, &prefix, Some(&folder));
            }
        }
    }
}

/// Whether the files of `folder` named `<prefix><number>…` each have a number of their own:
/// a folder of `SPEC-214-01-….md`, `SPEC-214-02-….md` (specifications of record 214,
/// YorgosPag/NestorApp) is no series of records.
fn numbers_are_distinct(found: &Discovered, prefix: &str, folder: &str) -> bool {
    let mut seen = std::collections::HashSet::new();
    found
        .unnamed_markdown
        .iter()
        .filter(|(_, rel)| folder_of(rel) == folder)
        .filter_map(|(_, rel)| {
            let stem = markdown_stem(crate::log_path::file_name(rel))?;
            parse_with_prefix(stem, prefix)?.number
        })
        .all(|number| seen.insert(number))
}

/// The folder a log-relative path is in (`""` at the top).
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The prefix shared by `fewest` files or more of `found` not yet read (in `folder`, when
/// one is given) and by most of its numbered-looking files; of two as shared, the first by
/// name, so the walk decides nothing.
fn shared_prefix(found: &Discovered, folder: Option<&str>, fewest: usize) -> Option<String> {
    let within = |rel: &str| folder.is_none_or(|folder| folder_of(rel) == folder);
    let mut files_by_prefix: std::collections::BTreeMap<String, usize> = Default::default();
    for (_, rel) in found.unnamed_markdown.iter().filter(|(_, rel)| within(rel)) {
        let name = crate::log_path::file_name(rel);
        if let Some(NamingScheme::Prefixed { prefix, .. }) = markdown_stem(name)
            .and_then(parse_with_any_prefix)
            .map(|file| file.scheme)
        {
            *files_by_prefix.entry(prefix).or_default() += 1;
        }
    }
    let numbered = found
        .records
        .iter()
        .filter(|(_, rel, file)| file.number.is_some() && within(rel))
        .count();
    let candidates: usize = files_by_prefix.values().sum();
    let (prefix, count) = files_by_prefix
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    (count >= fewest && count * 2 > numbered + candidates).then_some(prefix)
}

/// Takes the files of `found` named `<prefix><number>…` for records (in `folder` only, when
/// one is given).
fn adopt_prefixed(found: &mut Discovered, prefix: &str, folder: Option<&str>) {
    let unnamed = std::mem::take(&mut found.unnamed_markdown);
    for (path, rel) in unnamed {
        let name = crate::log_path::file_name(&rel);
        let in_folder = folder.is_none_or(|folder| folder_of(&rel) == folder);
        match markdown_stem(name)
            .filter(|_| in_folder)
            .and_then(|stem| parse_with_prefix(stem, prefix))
        {
            Some(file) => found.records.push((path, rel, file)),
            None => found.unnamed_markdown.push((path, rel)),
        }
    }
}

/// Records whose name is another record's with `-annex<N>` or `-appendix-<x>` after it, in
/// the same folder and with the same number, are parts of that record. The records named
/// like annexes are found first: a log with none (most, and every generated one) builds no
/// map of its stems (that map and a search per marker in every name took half of
/// discovery at 99,999 records, 105 of 215 ms).
pub(super) fn set_annexes_apart(found: &mut Discovered) {
    let named_like_annexes: Vec<(usize, &str, &str)> = found
        .records
        .iter()
        .enumerate()
        .filter_map(|(at, (_, rel, _))| {
            let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            Some((at, folder, markdown_stem(name).and_then(annexed_stem)?))
        })
        .collect();
    let leading = annexes_by_leading_word(found);
    if named_like_annexes.is_empty() && leading.is_empty() {
        return;
    }
    let record_stems: std::collections::HashMap<(&str, &str), (&str, Option<u32>)> = found
        .records
        .iter()
        .filter_map(|(_, rel, file)| {
            let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            Some(((folder, markdown_stem(name)?), (rel.as_str(), file.number)))
        })
        .collect();
    let annexes: Vec<(usize, String)> = named_like_annexes
        .into_iter()
        .filter_map(|(at, folder, base)| {
            let (record, number) = record_stems.get(&(folder, base))?;
            (*number == found.records[at].2.number).then(|| (at, (*record).to_string()))
        })
        .chain(leading)
        .collect();
    drop(record_stems);
    let mut annexes = annexes;
    annexes.sort_by_key(|(at, _)| *at);
    annexes.dedup_by_key(|(at, _)| *at);
    for (at, record) in annexes.into_iter().rev() {
        let (path, rel_path, _) = found.records.remove(at);
        found.skipped.push(Skipped {
            path,
            rel_path,
            reason: SkipReason::Annex { record },
        });
    }
}

/// Words that begin the slug of a record's annex (`ADR-003-ADDENDUM-dual-approach.md`
/// beside `ADR-003-auth.md`), or of a document beside the records (`ADR-APPENDIX-what-is-
/// adr.md`), in the languages logs are written in.
const ANNEX_WORDS: &[&str] = &[
    "addendum",
    "annex",
    "annexe",
    "appendix",
    "anhang",
    "nachtrag",
    "anexo",
    "apéndice",
    "allegato",
    "appendice",
    "bijlage",
    "aneks",
    "附录",
    "付録",
    "부록",
];

/// Whether an unnumbered name's words all name a document about the records
/// (`adr-relationships.md`, a matrix of the records beside them in factory-x's log;
/// `adr-overview.md`, `adr-index.md`), not a record waiting for its number.
fn is_about_the_log(slug: &str) -> bool {
    const WORDS: [&str; 14] = [
        "relationships",
        "relationship",
        "relations",
        "matrix",
        "overview",
        "index",
        "summary",
        "catalog",
        "catalogue",
        "glossary",
        "guide",
        "map",
        "graph",
        "toc",
    ];
    let mut words = slug
        .split(['-', '_', '.', ' '])
        .filter(|word| !word.is_empty());
    words.clone().next().is_some()
        && words.all(|word| WORDS.iter().any(|about| about.eq_ignore_ascii_case(word)))
}

/// Whether `slug` begins with a word of [`ANNEX_WORDS`].
pub(super) fn starts_with_annex_word(slug: &str) -> bool {
    let first = slug.split(['-', '_', '.', ' ']).next().unwrap_or(slug);
    // An ASCII word lowercases to ASCII, never to one of the other words: most slugs are
    // told apart without lowercasing a copy of them once per word.
    let ascii = first.is_ascii();
    ANNEX_WORDS.iter().any(|word| {
        if word.is_ascii() {
            word.eq_ignore_ascii_case(first)
        } else {
            !ascii && first.to_lowercase() == *word
        }
    })
}

/// The records whose slug begins with an annex word (`ADR-003-ADDENDUM-…`) and whose number
/// another record of their folder has: each with the path of that record. Such a name is
/// rare; the log is searched only when one is there.
fn annexes_by_leading_word(found: &Discovered) -> Vec<(usize, String)> {
    let named: Vec<usize> = (0..found.records.len())
        .filter(|&at| {
            let (_, _, file) = &found.records[at];
            file.number.is_some() && starts_with_annex_word(&file.slug)
        })
        .collect();
    let folder_of = |rel: &str| {
        rel.rsplit_once('/')
            .map_or("", |(folder, _)| folder)
            .to_string()
    };
    named
        .into_iter()
        .filter_map(|at| {
            let (_, rel, file) = &found.records[at];
            let (_, record, _) = found.records.iter().find(|(_, other, other_file)| {
                other != rel
                    && other_file.number == file.number
                    && folder_of(other) == folder_of(rel)
                    && !starts_with_annex_word(&other_file.slug)
            })?;
            Some((at, record.clone()))
        })
        .collect()
}

/// A sub-folder whose every file is named as a record of the folder above it
/// (math-postech's `summary/0001-course-directory-structure.md`, a summary of each record in
/// another language) holds parts of those records, not records of its own: each is set
/// apart as an annex of its namesake. An archive folder's copies are records still
/// (`layout::is_archived_copy` says when one is the same decision).
pub(super) fn set_mirrors_apart(found: &mut Discovered) {
    let mut by_folder: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (at, (_, rel, _)) in found.records.iter().enumerate() {
        let folder = folder_of(rel);
        // Most logs have no sub-folder: nothing is kept of the records at the top.
        if !folder.is_empty() {
            by_folder.entry(folder).or_default().push(at);
        }
    }
    if by_folder.is_empty() {
        return;
    }
    let paths: std::collections::HashSet<&str> = found
        .records
        .iter()
        .map(|(_, rel, _)| rel.as_str())
        .collect();
    let named = |folder: &str, name: &str| {
        let rel = match folder {
            "" => name.to_string(),
            _ => format!("{folder}/{name}"),
        };
        paths.contains(rel.as_str()).then_some(rel)
    };
    let mut mirrors: Vec<(usize, String)> = Vec::new();
    for (folder, records) in &by_folder {
        if super::is_archive_folder(folder) {
            continue;
        }
        let parent = folder_of(folder);
        let namesakes: Option<Vec<(usize, String)>> = records
            .iter()
            .map(|&at| {
                let name = crate::log_path::file_name(&found.records[at].1);
                Some((at, named(parent, name)?))
            })
            .collect();
        mirrors.extend(namesakes.unwrap_or_default());
    }
    drop(paths);
    drop(by_folder);
    mirrors.sort_by_key(|(at, _)| *at);
    for (at, record) in mirrors.into_iter().rev() {
        let (path, rel_path, _) = found.records.remove(at);
        found.skipped.push(Skipped {
            path,
            rel_path,
            reason: SkipReason::Annex { record },
        });
    }
}

/// `x-annex1` → `x`, `x-annex-2` → `x`, `x-appendix-a` → `x`: the stem an annex belongs to.
fn annexed_stem(stem: &str) -> Option<&str> {
    /// What may follow a marker: a separator and a label of up to 3 characters.
    const LABEL_BYTES: usize = 4;
    let tail = stem.as_bytes();
    let tail = &tail[tail.len().saturating_sub("-appendix".len() + LABEL_BYTES)..];
    // Most names end in no `-a`: told apart without a substring search per marker.
    if !tail
        .windows(2)
        .any(|pair| pair[0] == b'-' && pair[1].eq_ignore_ascii_case(&b'a'))
    {
        return None;
    }
    [
        "-annex",
        "-Annex",
        "-ANNEX",
        "-appendix",
        "-Appendix",
        "-APPENDIX",
    ]
    .iter()
    .find_map(|marker| {
        // Only the stem's end can hold the marker and its label (ASCII): searched there, not
        // through the whole name.
        let mut from = stem.len().saturating_sub(marker.len() + LABEL_BYTES);
        while !stem.is_char_boundary(from) {
            from += 1;
        }
        let (head, label) = stem.get(from..)?.rsplit_once(marker)?;
        let base = stem.get(..from + head.len())?;
        let label = label.strip_prefix(['-', '_']).unwrap_or(label);
        let is_label = label.len() <= 3 && label.bytes().all(|b| b.is_ascii_alphanumeric());
        (!base.is_empty() && is_label).then_some(base)
    })
}

/// In a log whose records are `adr`-prefixed (`adr001-renovate.md`), files named
/// `adr-<slug>.md` are records without a number, not stray notes.
pub(super) fn adopt_unnumbered(found: &mut Discovered) {
    let has_adr_prefixed = found.records.iter().any(|(_, _, file)| {
        matches!(&file.scheme, NamingScheme::Prefixed { prefix, .. } if prefix.to_lowercase().starts_with("adr"))
    });
    if !has_adr_prefixed {
        return;
    }
    let unnamed = std::mem::take(&mut found.unnamed_markdown);
    for (path, rel) in unnamed {
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        // `ADR-APPENDIX-what-is-adr.md`: a document about the records, not one of them.
        match markdown_stem(name)
            .and_then(parse_unnumbered)
            .filter(|file| !starts_with_annex_word(&file.slug))
        {
            Some(file) if is_about_the_log(&file.slug) => found.skipped.push(Skipped {
                path,
                rel_path: rel,
                reason: SkipReason::Document,
            }),
            Some(file) => found.records.push((path, rel, file)),
            None => found.unnamed_markdown.push((path, rel)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamped_name_is_a_dated_one() {
        let read = |name: &str| {
            crate::discover::FileName::parse(name)
                .map(|file| (file.date, file.number, file.slug, file.scheme))
        };
        let dated = |date: &str, slug: &str, time_digits: usize| {
            Some((
                Some(date.to_string()),
                None,
                slug.to_string(),
                crate::discover::NamingScheme::Dated {
                    compact: true,
                    time_digits,
                },
            ))
        };
        assert_eq!(
            read("20240516132303-use-madr.md"),
            dated("2024-05-16", "use-madr", 6)
        );
        assert_eq!(
            read("202405161323_attribution-des-métriques.md"),
            dated("2024-05-16", "attribution-des-métriques", 4)
        );
        // Not a time of day: not a timestamp.
        assert_eq!(read("20240516256000-x.md").and_then(|file| file.0), None);
    }

    #[test]
    fn names_an_annex_the_record_it_belongs_to() {
        assert_eq!(
            annexed_stem("adr-050-sign-mode-annex1"),
            Some("adr-050-sign-mode")
        );
        assert_eq!(annexed_stem("adr-050-x-annex-2"), Some("adr-050-x"));
        assert_eq!(annexed_stem("0051-fees-appendix-a"), Some("0051-fees"));
        assert_eq!(annexed_stem("0051-fees-Appendix_B"), Some("0051-fees"));
        assert_eq!(annexed_stem("0007-annex-the-north"), None);
        assert_eq!(annexed_stem("0008-appendix-handling"), None);
    }

    /// The search of the whole stem that [`annexed_stem`] narrowed to its end.
    fn annexed_stem_searching_everywhere(stem: &str) -> Option<&str> {
        [
            "-annex",
            "-Annex",
            "-ANNEX",
            "-appendix",
            "-Appendix",
            "-APPENDIX",
        ]
        .iter()
        .find_map(|marker| {
            let (base, label) = stem.rsplit_once(marker)?;
            let label = label.strip_prefix(['-', '_']).unwrap_or(label);
            let is_label = label.len() <= 3 && label.bytes().all(|b| b.is_ascii_alphanumeric());
            (!base.is_empty() && is_label).then_some(base)
        })
    }

    proptest::proptest! {
        #[test]
        fn an_annex_is_found_at_the_stems_end_as_anywhere_in_it(
            stem in "(0001|变更|-|_|annex|Annex|APPENDIX|appendix|ä|é|a|1|B|xyz){0,8}"
        ) {
            proptest::prop_assert_eq!(annexed_stem(&stem), annexed_stem_searching_everywhere(&stem));
        }
    }

    #[test]
    fn an_annex_after_a_name_in_another_script_is_found() {
        assert_eq!(annexed_stem("0051-变更-annex-1"), Some("0051-变更"));
        assert_eq!(annexed_stem("变-annexé"), None);
        assert_eq!(annexed_stem("-annex1"), None);
    }

    #[test]
    fn reads_a_number_after_any_prefix_when_asked() {
        let read = |stem: &str| {
            parse_with_any_prefix(stem).map(|file| match file.scheme {
                NamingScheme::Prefixed { prefix, digits, .. } => {
                    (prefix, file.number, digits, file.slug)
                }
                other => panic!("{other:?}"),
            })
        };
        let expect = |prefix: &str, number, digits, slug: &str| {
            Some((prefix.to_string(), Some(number), digits, slug.to_string()))
        };
        assert_eq!(
            read("scs-0002-v1-standards"),
            expect("scs-", 2, 4, "v1-standards")
        );
        assert_eq!(read("ccc-jb-002-x"), expect("ccc-jb-", 2, 3, "x"));
        assert_eq!(read("PROJ-ADR-001-x"), expect("PROJ-ADR-", 1, 3, "x"));
        assert_eq!(read("dr-7-x"), expect("dr-", 7, 0, "x"));
        assert_eq!(read("k8s-0001-x"), expect("k8s-", 1, 4, "x"));
        // No separator before the digits, or none after them: no number.
        assert_eq!(read("api-v2-design"), None);
        assert_eq!(read("0001-x"), None);
        assert_eq!(read("添加-0001-x"), None);
        assert_eq!(read("rfc-12x"), None);
    }
}
