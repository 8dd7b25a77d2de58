//! Names of the Markdown files that describe a log rather than decide anything: its
//! README and index (`README.md`, `index.md`, `ADR-000-索引.md`) and documents named in
//! capitals (`PROCESS.md`).

/// The log's index or README under a record's name numbered 0 (`ADR-000-索引.md`,
/// tytsxai/exchange-platform; `0000-index.md`, `000-readme.md`): about the records, not one.
pub fn is_numbered_index(stem: &str) -> bool {
    // Without a copy of the name: this runs for every file of the log.
    let rest = match stem.get(..4) {
        Some(prefix)
            if prefix.eq_ignore_ascii_case("adr-") || prefix.eq_ignore_ascii_case("adr_") =>
        {
            stem.get(4..).unwrap_or_default()
        }
        _ => stem,
    };
    let zeros = rest.len() - rest.trim_start_matches('0').len();
    let Some(word) = rest
        .get(zeros..)
        .and_then(|rest| rest.strip_prefix(['-', '_']))
    else {
        return false;
    };
    // `000-readme.md` (abilian/hop3): the log's README, numbered to sort first.
    zeros > 0 && (is_index_word(word) || word.eq_ignore_ascii_case("readme"))
}

/// Words an index of the records is named by, in the languages logs are written in
/// (`ADR-000-索引.md`, cosmere's `INDICE.md`), lower case.
const INDEX_WORDS: [&str; 14] = [
    "index",
    "indice",
    "índice",
    "inhalt",
    "inhaltsverzeichnis",
    "inhoud",
    "sommaire",
    "toc",
    "索引",
    "目录",
    "目錄",
    "目次",
    "목차",
    "оглавление",
];

/// Whether `word` (in any case) names an index of the records.
pub fn is_index_word(word: &str) -> bool {
    INDEX_WORDS.contains(&word.to_lowercase().as_str())
}

/// `README`, `index` (also numbered 0: [`is_numbered_index`]) and the other files that
/// describe a log rather than decide anything.
/// A name in capitals without a number (`PROCESS.md` beside Cosmos SDK's records,
/// `CODE_OF_CONDUCT.md`, `TEMPLATE.md`) is the repository's convention for such documents.
pub(super) fn is_index_name(stem: &str) -> bool {
    if is_numbered_index(stem) {
        return true;
    }
    let is_capitals = stem.bytes().filter(u8::is_ascii_uppercase).count() >= 3
        && stem
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'_' || b == b'-');
    let stem = stem.to_lowercase();
    is_capitals
        || matches!(
            stem.as_str(),
            "readme" | "index" | "summary" | "changelog" | "toc" | "contributing"
        )
}

/// A folder that holds the log's records by what became of them (`deprecated/`,
/// `superseded/`, `archive/`): its records keep the log's numbers, so one of them starting
/// at 1 starts no series of its own (EvolutionHub's `deprecated/0001-…` beside `0001-…`).
pub fn is_archive_folder(folder: &str) -> bool {
    let name = folder.rsplit('/').next().unwrap_or(folder).to_lowercase();
    matches!(
        name.as_str(),
        "archive"
            | "archived"
            | "deprecated"
            | "superseded"
            | "obsolete"
            | "old"
            | "rejected"
            | "retired"
            | "legacy"
            | "historical"
            | "history"
    )
}
