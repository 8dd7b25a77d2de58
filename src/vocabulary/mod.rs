//! The words records are written in: for each language, the section headings, metadata
//! labels, status words and template placeholders `adr` reads as their English forms.
//!
//! One table per language, one file per table (`en.rs`, `fr.rs`, …); adding a language is
//! one file and one line in [`LANGUAGES`]. `docs/languages.md` is generated from these
//! tables (see [`languages_markdown`]) and a test keeps it current. The parser asks here;
//! nothing here knows about records.

mod cs;
mod de;
mod en;
mod es;
mod fi;
mod fold;
mod fr;
mod headings;
mod hu;
mod it;
mod ja;
mod ko;
mod nb;
mod nl;
mod pl;
mod prompts;
mod pt;
mod ru;
mod status_language;
mod tr;
mod vi;
mod zh;

pub use en::ends_negated;
pub use fold::fold;
use fold::fold_accent;
pub use headings::{heading_name, normalize_heading};
pub use prompts::{
    ADR_TOOLS_PROMPTS, DATE_PROMPTS, fill_date_prompts, has_date_prompt, is_template_prompt,
};
pub use status_language::{
    language_for_status, language_of_status, status_word_in, status_word_like, superseded_by_in,
};

use std::collections::HashMap;
use std::sync::LazyLock;

/// What a status word means, whatever the language it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Draft,
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

impl Kind {
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Draft => "draft",
            Kind::Proposed => "proposed",
            Kind::Accepted => "accepted",
            Kind::Rejected => "rejected",
            Kind::Deprecated => "deprecated",
            Kind::Superseded => "superseded",
        }
    }
}

/// A metadata label, whatever the language it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Status,
    Date,
    Deciders,
    Tags,
}

impl Label {
    /// The English label the parsers look for.
    pub fn english(self) -> &'static str {
        match self {
            Label::Status => "status",
            Label::Date => "date",
            Label::Deciders => "deciders",
            Label::Tags => "tags",
        }
    }
}

/// One language's table.
#[derive(Debug)]
pub struct Language {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// The language's English name.
    pub name: &'static str,
    /// Section headings, each with the English heading it stands for
    /// (`Contexte et énoncé du problème` → `Context and Problem Statement`).
    pub headings: &'static [(&'static str, &'static str)],
    /// Metadata labels (`statut`, `日期`).
    pub labels: &'static [(&'static str, Label)],
    /// Status words (`accepté`, `已取代`) and what they mean. For a superseding word, a
    /// record named after it (`remplacé par ADR-0005`) is the successor.
    pub statuses: &'static [(&'static str, Kind)],
    /// Month names, January first, as dates write them (`Oktober`, `novembre`, Russian's
    /// genitive `октября`); a prefix of three letters or more matches (`Nov`, `Sept`).
    /// Empty where dates are numeric (`2017年11月22日`).
    pub months: &'static [&'static str],
    /// Words a written-out date puts between day, month and year (`19 de noviembre de
    /// 2022`).
    pub date_filler: &'static [&'static str],
    /// Words between a superseding word and the record named (`par`, `durch`).
    pub superseded_connectors: &'static [&'static str],
    /// Words that follow the record that supersedes, in languages that name it before the
    /// verb (`被 [ADR-0003](…) 取代`, `ADR-0003 に置き換え`, `ADR-0003으로 대체됨`).
    pub successor_before: &'static [&'static str],
    /// Labels of a line naming the records this one supersedes (`**取代**：[ADR-0002](…)`).
    pub supersedes_labels: &'static [&'static str],
    /// Text of the language's common templates that only prompts the writer: a line (or a
    /// `{…}`/`[…]` prompt) that starts with one of these is a placeholder.
    pub placeholders: &'static [&'static str],
}

/// Every language `adr` reads, English first.
pub static LANGUAGES: &[&Language] = &[
    &en::TABLE,
    &fr::TABLE,
    &de::TABLE,
    &es::TABLE,
    &pt::TABLE,
    &it::TABLE,
    &nl::TABLE,
    &nb::TABLE,
    &fi::TABLE,
    &cs::TABLE,
    &hu::TABLE,
    &pl::TABLE,
    &tr::TABLE,
    &vi::TABLE,
    &zh::TABLE,
    &ja::TABLE,
    &ko::TABLE,
    &ru::TABLE,
];

struct Lookups {
    headings: HashMap<String, String>,
    /// The English headings the tables map to, by themselves: a bilingual heading
    /// (`背景 / Context`, `ステータス (Status)`) names one of them.
    english_headings: HashMap<String, String>,
    labels: HashMap<String, Label>,
    statuses: HashMap<String, Kind>,
    /// Status words, longest first: the prefix search wants `partially implemented` before
    /// `partially`.
    status_words: Vec<(String, Kind)>,
    connectors: Vec<String>,
    placeholders: Vec<String>,
    /// The first four characters of each placeholder, folded, and the longest one's length
    /// in characters: `is_placeholder` runs on every line of every record and must reject
    /// fast.
    placeholder_starts: Vec<[char; 4]>,
    longest_placeholder: usize,
    months: Vec<(String, i8)>,
    date_filler: Vec<String>,
}

static LOOKUPS: LazyLock<Lookups> = LazyLock::new(|| {
    let mut lookups = Lookups {
        headings: HashMap::new(),
        english_headings: HashMap::new(),
        labels: HashMap::new(),
        statuses: HashMap::new(),
        status_words: Vec::new(),
        connectors: Vec::new(),
        placeholders: Vec::new(),
        placeholder_starts: Vec::new(),
        longest_placeholder: 0,
        months: Vec::new(),
        date_filler: Vec::new(),
    };
    for language in LANGUAGES {
        for (heading, english) in language.headings {
            lookups
                .headings
                .entry(fold(&normalize_heading(heading)))
                .or_insert_with(|| normalize_heading(english));
            lookups
                .english_headings
                .entry(normalize_heading(english))
                .or_insert_with(|| normalize_heading(english));
        }
        for (label, meaning) in language.labels {
            lookups.labels.entry(fold(label)).or_insert(*meaning);
        }
        for (word, kind) in language.statuses {
            lookups.statuses.entry(fold(word)).or_insert(*kind);
        }
        lookups
            .connectors
            .extend(language.superseded_connectors.iter().map(|word| fold(word)));
        lookups
            .placeholders
            .extend(language.placeholders.iter().map(|text| fold(text)));
        for (number, month) in (1..).zip(language.months.iter()) {
            lookups.months.push((fold(month), number));
        }
        lookups
            .date_filler
            .extend(language.date_filler.iter().map(|word| fold(word)));
    }
    lookups.placeholder_starts = lookups
        .placeholders
        .iter()
        .map(|placeholder| first_four(placeholder))
        .collect();
    lookups.placeholder_starts.sort_unstable();
    lookups.placeholder_starts.dedup();
    lookups.longest_placeholder = lookups
        .placeholders
        .iter()
        .map(|placeholder| placeholder.chars().count())
        .max()
        .unwrap_or(0);
    lookups.status_words = lookups
        .statuses
        .iter()
        .map(|(word, kind)| (word.clone(), *kind))
        .collect();
    lookups
        .status_words
        .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    lookups
        .connectors
        .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    lookups.connectors.dedup();
    lookups
});

/// The English heading a heading stands for, normalised as [`normalize_heading`] does:
/// `Contexte et énoncé du problème` → `context and problem statement`. `None` when the
/// heading is in no table (English headings are not in the tables: they are themselves).
pub fn english_heading(normalized: &str) -> Option<&'static str> {
    let lookups: &'static Lookups = &LOOKUPS;
    // `normalize_heading` has lowercased the text: ASCII needs no more folding, and most
    // headings are ASCII.
    let found = if normalized.is_ascii() {
        lookups.headings.get(normalized)
    } else {
        lookups.headings.get(&fold(normalized))
    };
    if let Some(english) = found {
        return Some(english);
    }
    // `결정 Decision`, `상태 Status` (zusome/cufit-api-server): the heading in another
    // script, then in English.
    if let Some(english) = english_after_other_script(normalized) {
        return Some(english);
    }
    if !normalized.contains(" / ") && !normalized.ends_with([')', '）', '】']) {
        return None;
    }
    // Bilingual headings: `背景 / Context`, `決定 / Decision`, `ステータス (Status)`,
    // `Contexte (Context)`; and a qualifier in full-width brackets, `决策（建议默认）`
    // ("decision (the suggested default)", tytsxai/exchange-platform). One half in a
    // table, or English, names the section.
    let bracketed = bracketed_halves(normalized);
    let halves: Vec<&str> = if let Some((left, right)) = normalized.split_once(" / ") {
        vec![left, right]
    } else if let Some((left, right)) = bracketed {
        vec![left, right]
    } else {
        return None;
    };
    halves.into_iter().map(str::trim).find_map(|half| {
        let half = fold(half);
        lookups
            .headings
            .get(&half)
            .or_else(|| lookups.english_headings.get(&half))
            .map(String::as_str)
    })
}

/// A text ending in brackets, taken apart: what comes before them and what they hold
/// (`Contexte (Context)`, `被替代（Superseded By）`, `决策【建议默认】`).
pub fn bracketed_halves(text: &str) -> Option<(&str, &str)> {
    [('(', ')'), ('（', '）'), ('【', '】')]
        .into_iter()
        .find_map(|(open, close)| text.strip_suffix(close)?.rsplit_once(open))
}

/// The English heading of a heading written in a script without Latin letters and then in
/// English (`결정 decision`): the English half, when the tables know it.
fn english_after_other_script(normalized: &str) -> Option<&'static str> {
    let (at, _) = normalized.char_indices().find(|&(at, c)| {
        c == ' '
            && normalized.get(at + 1..).is_some_and(|rest| {
                rest.starts_with(|c: char| c.is_ascii_alphabetic()) && rest.is_ascii()
            })
    })?;
    let (other, english) = (normalized.get(..at)?, normalized.get(at + 1..)?);
    if !other
        .chars()
        .all(|c| c == ' ' || c.is_alphabetic() && !c.is_ascii())
    {
        return None;
    }
    LOOKUPS.english_headings.get(english).map(String::as_str)
}

/// The label a metadata label stands for (`statut` → status, `日期` → date).
pub fn label(text: &str) -> Option<Label> {
    LOOKUPS.labels.get(&fold(text)).copied()
}

/// Every status word of every table, folded (`approved`, `accepté`, `提议`).
pub fn status_words() -> impl Iterator<Item = &'static str> {
    LOOKUPS.status_words.iter().map(|(word, _)| word.as_str())
}

/// The language most of the headings `like` are in (Portuguese for `Contexto`, `Decisão`,
/// where `Contexto` alone could be Spanish); `None` when none is a table's heading.
pub fn language_of_headings(like: &[&str]) -> Option<&'static Language> {
    // As matched: `## 1. 背景` is `背景` (GoyacJ/octopus numbers every part).
    let folded: Vec<String> = like
        .iter()
        .map(|heading| fold(&heading_name(heading)))
        .collect();
    let shared = |language: &Language| {
        language
            .headings
            .iter()
            .filter(|(heading, _)| folded.contains(&fold(&normalize_heading(heading))))
            .count()
    };
    // The first language of the most shared headings (`max_by_key` would take the last).
    let most = LANGUAGES.iter().map(|language| shared(language)).max()?;
    LANGUAGES
        .iter()
        .copied()
        .find(|language| most > 0 && shared(language) == most)
}

/// The MADR section `english` (`Decision Outcome`) as a record whose headings are `written`
/// would name it (`Resultado de la decisión` in a Spanish record): as it is when the
/// record's language has no heading for it.
pub fn heading_as_written<'a>(written: &[&str], english: &'a str) -> &'a str {
    match language_written(written).and_then(|language| language.heading(english)) {
        Some(heading) => heading,
        None => english,
    }
}

/// The language other than English a record whose headings are `written` is written in:
/// the one most of them are in, when more are its than English ones.
pub fn language_written(written: &[&str]) -> Option<&'static Language> {
    let language = language_of_headings(written).filter(|language| language.code != "en")?;
    // Compared without folding accents: an English `## Decision` is no French `Décision`.
    let normal: Vec<String> = written
        .iter()
        .map(|heading| heading_name(heading))
        .collect();
    let is_written = |heading: &str| normal.contains(&normalize_heading(heading));
    let in_language = language
        .headings
        .iter()
        .filter(|(heading, _)| is_written(heading))
        .count();
    let english_names: std::collections::BTreeSet<&str> = LANGUAGES
        .iter()
        .flat_map(|language| language.headings.iter().map(|(_, meaning)| *meaning))
        .collect();
    let in_english = english_names.iter().filter(|name| is_written(name)).count();
    (in_language > in_english).then_some(language)
}

impl Language {
    /// The language's heading for the English section `english` (`Consequências`).
    pub fn heading(&self, english: &str) -> Option<&'static str> {
        self.headings
            .iter()
            .find(|(_, meaning)| meaning.eq_ignore_ascii_case(english))
            .map(|(heading, _)| *heading)
    }

    /// The language's first word for `kind` (`proposto`).
    pub fn status_word(&self, kind: Kind) -> Option<&'static str> {
        self.statuses
            .iter()
            .find(|(_, word_kind)| *word_kind == kind)
            .map(|(word, _)| *word)
    }

    /// [`Language::status_word`] in the script `text` is written in: Traditional Chinese
    /// `已提議` in a record written so, where the table's first word is Simplified `提议`.
    pub fn status_word_in_script(&self, kind: Kind, text: &str) -> Option<&'static str> {
        let first = self.status_word(kind)?;
        if self.code != "zh" || !zh::is_traditional(text) {
            return Some(first);
        }
        Some(
            self.statuses
                .iter()
                .filter(|(word, word_kind)| *word_kind == kind && zh::is_traditional(word))
                .map(|(word, _)| *word)
                .next()
                .unwrap_or(first),
        )
    }

    /// The language's first label of `meaning` (`日期`).
    pub fn label(&self, meaning: Label) -> Option<&'static str> {
        self.labels
            .iter()
            .find(|(_, label)| *label == meaning)
            .map(|(label, _)| *label)
    }
}

/// The kind a whole status value names (`Accepté`, `on hold`, `已取代`).
pub fn status_kind(text: &str) -> Option<Kind> {
    LOOKUPS.statuses.get(&fold(text)).copied()
}

/// The longest status word `folded` (a [`fold`]ed value) starts with, ending at a word
/// boundary, with what follows it: `rejected in favour of adr 111` → (Rejected,
/// `rejected`, ` in favour of adr 111`).
pub fn status_prefix(folded: &str) -> Option<(Kind, &str, &str)> {
    LOOKUPS.status_words.iter().find_map(|(word, kind)| {
        let rest = folded.strip_prefix(word.as_str())?;
        let ends_word = rest.is_empty()
            || rest.starts_with(|c: char| !c.is_alphanumeric())
            || word.chars().next_back().is_some_and(is_cjk);
        ends_word.then_some((*kind, word.as_str(), rest))
    })
}

/// The month a word names in any table's language (`Nov`, `Oktober`, `noviembre`,
/// `октября`): the whole name, or a prefix of three letters or more (`Sept.`).
pub fn month(word: &str) -> Option<i8> {
    let folded = fold(word);
    if folded.chars().count() < 3 {
        return None;
    }
    let lookups: &Lookups = &LOOKUPS;
    let mut found = lookups
        .months
        .iter()
        .filter(|(name, _)| name.starts_with(folded.as_str()))
        .map(|(_, number)| *number);
    let first = found.next()?;
    // `ma` could be March or May: an abbreviation must name one month.
    found.all(|number| number == first).then_some(first)
}

/// Whether a word only joins the parts of a written-out date (`de`, `den`).
pub fn is_date_filler(word: &str) -> bool {
    LOOKUPS.date_filler.contains(&fold(word))
}

/// Removes a connector (`by`, `par`, `durch`, `por`) at the start of `text`.
pub fn strip_connector(text: &str) -> &str {
    let trimmed = text.trim_start();
    for connector in &LOOKUPS.connectors {
        if let Some(head) = trimmed.get(..connector.len())
            && fold(head) == *connector
            && let Some(rest) = trimmed.get(connector.len()..)
            && (rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
        {
            return rest.trim_start_matches([' ', ':', '：']).trim_start();
        }
    }
    trimmed
}

/// The record a status names before a superseding verb: `[ADR-0003](…)` in `已废弃 —— 被
/// [ADR-0003](…) 取代` ("deprecated: replaced by ADR-0003"), `ADR-0003` in `廃止（ADR-0003
/// に置換）`. None when no record comes before the verb (`已取代`, `被取代`).
pub fn successor_before_verb(value: &str) -> Option<&str> {
    let (at, _) = LANGUAGES
        .iter()
        .flat_map(|language| language.successor_before)
        .filter_map(|verb| value.find(verb).map(|at| (at, verb)))
        .min()?;
    let before = value.get(..at)?.trim_end();
    // Chinese marks the passive with 被 (or 由) before the record.
    let named = before
        .rsplit_once(['被', '由'])
        .map_or(before, |(_, after)| after)
        .trim();
    let named = match named.rfind('[') {
        Some(open) if named.ends_with(')') => named.get(open..)?,
        _ => named
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '（' | '(' | '—' | '，' | ','))
            .next()?,
    };
    (!named.is_empty()).then_some(named)
}

/// Whether the text before a link is a label saying the record supersedes it: `- **取代**：`,
/// `* Remplace :`, `Supersedes:`.
pub fn is_supersedes_label(before: &str) -> bool {
    let Some(label) = before
        .trim()
        .trim_start_matches(['-', '*', '+', ' '])
        .trim_end_matches(['*', '_', ' '])
        .strip_suffix([':', '：'])
    else {
        return false;
    };
    let label = fold(label.trim_matches(['*', '_', ' ']));
    let is_label = |label: &str| {
        LANGUAGES
            .iter()
            .flat_map(|language| language.supersedes_labels)
            .any(|word| fold(word) == label)
    };
    // `替代（Supersedes）`: the log's word with the English one in brackets.
    let bracketed = bracketed_halves(&label)
        .is_some_and(|(word, english)| is_label(word.trim()) || is_label(english.trim()));
    is_label(&label) || bracketed
}

/// Whether a line (or the inside of a `{…}`/`[…]` prompt) is text of a known translated
/// template: it starts with one of the tables' placeholders.
pub fn is_placeholder(text: &str) -> bool {
    let lookups: &Lookups = &LOOKUPS;
    let text = text
        .trim()
        .trim_start_matches(['*', '_', '-', ' ', '{', '[']);
    if text.is_empty()
        || lookups
            .placeholder_starts
            .binary_search(&first_four(text))
            .is_err()
    {
        return false;
    }
    let head: String = text.chars().take(lookups.longest_placeholder + 8).collect();
    let folded = fold(&head);
    // `facteur 1` is a prompt; `facteur 15 à 70 selon la colonne` (zero-logement-vacant) is
    // prose: a numbered prompt's number ends where the text's does.
    lookups.placeholders.iter().any(|placeholder| {
        folded.starts_with(placeholder.as_str())
            && !(placeholder.ends_with(|c: char| c.is_ascii_digit())
                && folded
                    .get(placeholder.len()..)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit())))
    })
}

/// The first four characters of `text` as [`fold`] makes them (padded with NUL), without
/// allocating.
fn first_four(text: &str) -> [char; 4] {
    let mut out = ['\0'; 4];
    let folded = text.chars().map(|c| {
        if c.is_whitespace() {
            ' '
        } else {
            fold_accent(c.to_lowercase().next().unwrap_or(c))
        }
    });
    for (slot, c) in out.iter_mut().zip(folded) {
        *slot = c;
    }
    out
}

/// Chinese, Japanese and Korean letters: words are not separated by spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// `docs/languages.md`: every table, generated.
pub fn languages_markdown() -> String {
    let mut text = String::from(
        "# Languages\n\n\
         <!-- Generated from the tables in src/vocabulary/; regenerate with \
         `SNAPSHOTS=overwrite cargo test --test integration vocabulary::`. -->\n\n\
         `adr` reads records written in these languages as it reads English ones: a section \
         heading, a metadata label (`* statut : proposé`, `日期: 2017/11/22`) or a status word in \
         a table below counts as its English form, and a line starting with one of a table's \
         placeholders is template text (`placeholder-left`). Case and Latin accents are ignored \
         (`Accepté`, `accepte`).\n\n\
         A status word maps to one of six kinds: draft, proposed, accepted, rejected, deprecated, \
         superseded. `adr list`, `adr index` and the site show the word as the log writes it; \
         lint, filters and colours use its kind. A word in no table is allowed by `statuses = \
         [...]` in `.adr.toml`; headings by `[lint.heading-aliases]`.\n\n\
         A bilingual heading (`背景 / Context`, `ステータス (Status)`) counts when either half \
         does. Dates are read in the numeric shapes logs use (`2017/11/22`, `18.10.2014` day \
         first, `2017年11月22日`, `10/11/2022` which is ambiguous) and with the month names \
         below (`18. Oktober 2014`, `19 de noviembre de 2022`); `date-format` gives their ISO \
         form and `date-unreadable` reports a date line that is no date.\n\n\
         To add a language or a word: edit or add `src/vocabulary/<code>.rs` (one table per \
         language, listed in `LANGUAGES` in `src/vocabulary/mod.rs`), then regenerate this file.\n",
    );
    for language in LANGUAGES {
        text.push_str(&format!("\n## {} (`{}`)\n\n", language.name, language.code));
        if !language.headings.is_empty() {
            text.push_str("| heading | reads as |\n|---|---|\n");
            for (heading, english) in language.headings {
                text.push_str(&format!("| {heading} | {english} |\n"));
            }
            text.push('\n');
        }
        if !language.labels.is_empty() {
            text.push_str("| label | reads as |\n|---|---|\n");
            for (label, meaning) in language.labels {
                text.push_str(&format!("| {label} | {} |\n", meaning.english()));
            }
            text.push('\n');
        }
        text.push_str("| status | kind |\n|---|---|\n");
        for (word, kind) in language.statuses {
            text.push_str(&format!("| {word} | {} |\n", kind.keyword()));
        }
        if !language.months.is_empty() {
            text.push_str(&format!("\nMonths: {}.\n", language.months.join(", ")));
        }
        for (words, wrap, sentence) in [
            (
                language.superseded_connectors,
                "",
                "A superseding word may be followed by {} and the record that supersedes.",
            ),
            (
                language.successor_before,
                "",
                "The record that supersedes may come before {}.",
            ),
            (
                language.supersedes_labels,
                ":",
                "A line labelled {} names the records this one supersedes.",
            ),
        ] {
            if !words.is_empty() {
                let listed: Vec<String> =
                    words.iter().map(|word| format!("`{word}{wrap}`")).collect();
                text.push('\n');
                text.push_str(&sentence.replace("{}", &listed.join(", ")));
                text.push('\n');
            }
        }
        if !language.placeholders.is_empty() {
            text.push_str("\nPlaceholders (template text):\n\n");
            for placeholder in language.placeholders {
                text.push_str(&format!("- `{placeholder}`\n"));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_prompt_is_not_the_start_of_a_larger_number() {
        assert!(is_placeholder("facteur 1"));
        assert!(is_placeholder("- facteur 2, par exemple"));
        assert!(!is_placeholder(
            "facteur 15 à 70 selon la colonne. Les chiffres déjà communiqués"
        ));
    }

    #[test]
    fn every_table_entry_is_found_again() {
        for language in LANGUAGES {
            for (word, kind) in language.statuses {
                assert_eq!(status_kind(word), Some(*kind), "{} {word}", language.code);
            }
            for (label_text, meaning) in language.labels {
                assert_eq!(
                    label(label_text),
                    Some(*meaning),
                    "{} {label_text}",
                    language.code
                );
            }
            for (heading, english) in language.headings {
                assert_eq!(
                    english_heading(&normalize_heading(heading)),
                    Some(normalize_heading(english).as_str()),
                    "{} {heading}",
                    language.code
                );
            }
        }
    }

    #[test]
    fn prefixes_end_at_a_word() {
        let (kind, word, rest) = status_prefix("rejected in favour of adr 111").unwrap();
        assert_eq!(
            (kind, word, rest),
            (Kind::Rejected, "rejected", " in favour of adr 111")
        );
        assert!(status_prefix("acceptedly").is_none());
        assert_eq!(
            status_prefix("已取代").map(|found| found.0),
            Some(Kind::Superseded)
        );
        assert_eq!(strip_connector("par ADR-5"), "ADR-5");
        assert_eq!(strip_connector("byte"), "byte");
    }

    #[test]
    fn a_headings_number_is_no_part_of_its_name() {
        for (heading, name) in [
            ("1. Context", "context"),
            ("2.1 Considered Options", "considered options"),
            ("3) Decision", "decision"),
            ("10. **Consequences**", "consequences"),
            // A number that is the heading's name, or part of it, stays.
            ("2024 Goals", "2024 goals"),
            ("1.", "1"),
            ("Option 2. Keep it", "option 2. keep it"),
            // Emoji and symbols that decorate a heading are no part of its name either.
            ("🎯 Contexto", "contexto"),
            ("📊 CONSEQUÊNCIAS", "consequências"),
            ("✅ 2. Decision ✅", "decision"),
            ("1. ⚖️ Considered Options", "considered options"),
            ("（Context）", "（context）"),
            ("🎯", "🎯"),
            ("🛠️ **Implementation Plan**", "implementation plan"),
        ] {
            assert_eq!(heading_name(heading), name, "{heading}");
        }
        for (heading, name) in [
            ("🛠️ Implementation Plan", "implementation plan"),
            ("Decision ✅.", "decision"),
            ("🎯.", "🎯"),
        ] {
            assert_eq!(normalize_heading(heading), name, "{heading}");
            assert_eq!(heading_name(heading), name, "{heading}");
        }
    }

    #[test]
    fn months_in_every_table_language() {
        for (word, number) in [
            ("Nov", 11),
            ("november", 11),
            ("Sept", 9),
            ("Oktober", 10),
            ("März", 3),
            ("marzo", 3),
            ("janvier", 1),
            ("août", 8),
            ("octubre", 10),
            ("октября", 10),
        ] {
            assert_eq!(month(word), Some(number), "{word}");
        }
        assert_eq!(month("ma"), None);
        assert_eq!(month("Mar"), Some(3));
        assert_eq!(month("TBD"), None);
    }

    #[test]
    fn bilingual_headings_name_their_section() {
        for (heading, english) in [
            ("背景 / Context", "context"),
            ("決定 / Decision", "decision"),
            ("ステータス (Status)", "status"),
            ("背景 (Context)", "context"),
            ("Kontext / Background", "context"),
            ("比較した選択肢 (Options Considered)", "considered options"),
            ("결정 Decision", "decision"),
            ("배경 Context", "context"),
        ] {
            assert_eq!(
                english_heading(&normalize_heading(heading)),
                Some(english),
                "{heading}"
            );
        }
        assert_eq!(english_heading("pros / cons"), None);
        assert_eq!(english_heading("notes (draft)"), None);
    }

    #[test]
    fn folding_ignores_case_and_accents_only() {
        assert_eq!(fold(" Accepté. "), "accepte");
        assert_eq!(fold("ПРИНЯТО"), "принято");
        assert_eq!(fold("İ"), "i\u{307}");
    }
}
