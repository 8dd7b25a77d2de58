//! A status written in a record's own language: the word for a kind, and "superseded by".

use super::{Kind, LANGUAGES, Language, en, fold, language_written, status_prefix};

/// The word for the status `keyword` (`accepted`) in the language `old` is written in
/// (`Proposto` → `aceito`), when `old` is a status word of a language other than English;
/// `None` for an English word or any other text, which takes the keyword.
pub fn status_word_like(old: &str, keyword: &str, text: &str) -> Option<&'static str> {
    status_word_in(language_of_status(old)?, keyword, text)
}

/// The word of `language` for the status `keyword` (`accepted`), in the script of `text`
/// (the record's): [`status_word_like`] with the language known.
pub fn status_word_in(
    language: &'static Language,
    keyword: &str,
    text: &str,
) -> Option<&'static str> {
    let kind = [
        Kind::Proposed,
        Kind::Accepted,
        Kind::Rejected,
        Kind::Deprecated,
        Kind::Draft,
    ]
    .into_iter()
    .find(|kind| kind.keyword() == keyword)?;
    language.status_word_in_script(kind, text)
}

/// The language, other than English, of the status word `old` starts with (Spanish for
/// `aceptado`); `None` for an English word or none known.
pub fn language_of_status(old: &str) -> Option<&'static Language> {
    let folded = fold(old.trim().trim_matches(['*', '_']));
    let (_, word, _) = status_prefix(&folded)?;
    let in_table = |language: &Language| {
        language
            .statuses
            .iter()
            .any(|(written, _)| fold(written) == word)
    };
    if in_table(&en::TABLE) {
        return None;
    }
    LANGUAGES
        .iter()
        .copied()
        .find(|language| in_table(language))
}

/// The language a record's status is changed in: that of its status word `old`, else, for
/// a word no table has (`* Statut : mergé`, a log's own), that of its `headings` when they
/// are not English; `None` for English.
pub fn language_for_status(old: &str, headings: &[&str]) -> Option<&'static Language> {
    if let Some(language) = language_of_status(old) {
        return Some(language);
    }
    let folded = fold(old.trim().trim_matches(['*', '_']));
    if folded.is_empty() || status_prefix(&folded).is_some() {
        return None;
    }
    language_written(headings)
}

/// "Superseded by `successor`" in `language` and the script of `text`, when it names the
/// successor after a word.
pub fn superseded_by_in(
    language: &'static Language,
    successor: &str,
    text: &str,
) -> Option<String> {
    let connector = language.superseded_connectors.first()?;
    let word = language.status_word_in_script(Kind::Superseded, text)?;
    Some(format!("{word} {connector} {successor}"))
}
