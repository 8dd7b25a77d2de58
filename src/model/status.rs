//! A record's status: the built-in MADR/adr-tools values, `superseded by` with the record it
//! names, and any other value kept as written (a log's config may allow more).

use super::status_markup::{
    badge_message, badge_parts, badge_text, bracketed_text, tag_attribute, without_struck_text,
};
use crate::casefold::strip_prefix_ignore_ascii_case;
use crate::discover::FileName;
use crate::source::Span;

/// The statuses every log accepts, in the order MADR lists them.
pub const BUILTIN_STATUSES: [&str; 5] = [
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
    /// A draft not yet proposed (log4brains' `draft`, `WIP`, `Entwurf`). Only read from
    /// records through the vocabulary; commands do not write it.
    Draft,
    /// Anything else, lowercased and trimmed (`on hold`, `accepted-provisional`).
    Other(String),
}

impl StatusKind {
    pub fn keyword(&self) -> &str {
        match self {
            Self::Proposed => "proposed",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Deprecated => "deprecated",
            Self::Superseded => "superseded",
            Self::Draft => "draft",
            Self::Other(other) => other,
        }
    }

    fn from_keyword(word: &str) -> Option<Self> {
        Some(match word {
            "proposed" => Self::Proposed,
            "accepted" => Self::Accepted,
            "rejected" => Self::Rejected,
            "deprecated" => Self::Deprecated,
            "superseded" => Self::Superseded,
            _ => return None,
        })
    }
}

/// Where in the file the status was written; edits need it to rewrite the value in kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusOrigin {
    /// `status:` in YAML front matter.
    FrontMatter,
    /// MADR 2 `* Status: accepted` bullet.
    Bullet,
    /// adr-tools/Nygard `## Status` section.
    Section,
    /// A `| Status | Approved |` metadata table row.
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    /// The value as written, trimmed (quotes of a YAML value removed).
    pub raw: String,
    /// The status word as the log writes it, lowercased, when it is not the kind's own
    /// keyword (`approved`, `accepté`, `提议`): what `list`, `index` and the site show.
    pub word: Option<String>,
    /// For `superseded by X`: the record named.
    /// Boxed: few records have one, and it would double the size of every status.
    pub superseded_by: Option<Box<RecordRef>>,
    /// The value's bytes in the file (quotes included for a quoted YAML value).
    pub span: Span,
    pub line: usize,
    pub origin: StatusOrigin,
}

impl Status {
    /// Whether `--status wanted` selects this status: `accepted` finds `Approved` records,
    /// `approved` those only; `superseded` finds every superseded record, as does the status
    /// as written.
    pub fn is_selected_by(&self, wanted: &str) -> bool {
        let wanted = wanted.trim().to_lowercase();
        match &self.kind {
            StatusKind::Superseded => wanted == "superseded" || self.raw.to_lowercase() == wanted,
            kind => kind.keyword() == wanted || self.keyword() == wanted,
        }
    }

    /// The status as the log writes it (`approved`, `提议`), or the kind's keyword.
    pub fn keyword(&self) -> &str {
        self.word.as_deref().unwrap_or(self.kind.keyword())
    }

    /// Every record a superseding status names: `superseded by 4 and 7`,
    /// `superseded by [ADR-0004](…), [ADR-0007](…)`. The first is [`Status::superseded_by`].
    pub fn successors(&self) -> Vec<RecordRef> {
        let Some(first) = &self.superseded_by else {
            return Vec::new();
        };
        let parts = split_successors(&first.text);
        if parts.len() < 2 {
            return vec![(**first).clone()];
        }
        let mut successors: Vec<RecordRef> =
            parts.into_iter().filter_map(RecordRef::parse).collect();
        if successors.is_empty() {
            successors.push((**first).clone());
        }
        successors
    }

    /// Reads a status value from a record: the English forms [`Status::classify`] knows,
    /// then the words of every language in [`crate::vocabulary`] (`Approved`, `on hold`,
    /// `Accepté`, `Rejected in favour of ADR 111`, `remplacé par ADR-0005`,
    /// `2018-03-12 提议`, `<adr-status status='accepted'>`). Returns the kind, the
    /// successor a superseding status names, and the word as written when it is not the
    /// kind's keyword.
    pub fn read(raw: &str) -> (StatusKind, Option<RecordRef>, Option<String>) {
        let value = tag_attribute(raw, "status").unwrap_or(raw);
        if let Some((alt, url)) = badge_parts(value)
            && let (StatusKind::Other(_), _, _) = Status::read(alt)
            && let Some(message) = badge_message(url)
            && let read = Status::read(&message)
            && !matches!(read.0, StatusKind::Other(_))
        {
            return read;
        }
        let value = badge_text(value).unwrap_or(value);
        let value = bracketed_text(value).unwrap_or(value);
        let unstruck = without_struck_text(value);
        // `✅ Accepted`, `🟢 Accepted`: a badge before the word.
        let value = unstruck
            .trim_start_matches(|c: char| !c.is_alphanumeric() && !"<[{(*_`~".contains(c))
            .trim_start();
        let value = without_leading_date(value);
        let named_before_verb =
            || crate::vocabulary::successor_before_verb(value).and_then(RecordRef::parse);
        if let Some(successor) = superseded_in_parentheses(value).or_else(named_before_verb) {
            return (StatusKind::Superseded, Some(successor), None);
        }
        let (kind, reference) = Status::classify(value);
        let StatusKind::Other(lowered) = &kind else {
            return (kind, reference, None);
        };
        let folded = crate::vocabulary::fold(lowered);
        let (found, rest) = match crate::vocabulary::status_kind(&folded) {
            Some(found) => (found, ""),
            None => match crate::vocabulary::status_prefix(&folded) {
                Some((found, _, rest)) => (found, rest),
                None if says_what_it_supersedes(value) => {
                    return (StatusKind::Accepted, None, None);
                }
                None => return (kind, None, None),
            },
        };
        let matched_words = folded.len() - rest.len();
        let written = written_word(lowered, folded.get(..matched_words).unwrap_or(&folded));
        let kind = StatusKind::from(found);
        if kind == StatusKind::Superseded {
            let successor = RecordRef::parse(crate::vocabulary::strip_connector(rest));
            return (kind, successor, Some(written));
        }
        if !rest.is_empty() && !is_note(rest) {
            return (StatusKind::Other(lowered.clone()), None, None);
        }
        let word = (written != kind.keyword()).then_some(written);
        (kind, None, word)
    }

    /// Reads a status value as people write it: `Accepted`, `accepted.`, `**Accepted**`,
    /// `proposed. This did not reach consensus`, `superseded by [ADR-0002](0002-x.md)`,
    /// `Superseded by 0002`, `Superseded by [2. Title](0002-title.md)`.
    pub fn classify(raw: &str) -> (StatusKind, Option<RecordRef>) {
        let plain: String = raw.chars().filter(|c| !matches!(c, '*' | '`')).collect();
        let plain = plain.trim().trim_matches('_').trim();
        let lower = plain.to_lowercase();
        // Matched in `plain` itself: `lower` may differ in length (`K` → `k`).
        // "Superceded" is how a good share of logs spell it.
        let superseded = strip_prefix_ignore_ascii_case(plain, "superseded")
            .or_else(|| strip_prefix_ignore_ascii_case(plain, "superceded"));
        if let Some(rest) = superseded {
            let is_word_end =
                rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric() && c != '-');
            if is_word_end {
                let after = rest.trim_start();
                // `Superseded for production defaults by ADR 0223.` (aindaco1/film): the
                // successor after the words that say in what.
                let qualified_by = || {
                    let sentence = after.split(". ").next().unwrap_or(after);
                    crate::casefold::find_ignore_ascii_case(sentence, " by ")
                        .and_then(|at| after.get(at + 1..))
                };
                let after = strip_prefix_ignore_ascii_case(after, "by")
                    .or_else(|| {
                        qualified_by().and_then(|by| strip_prefix_ignore_ascii_case(by, "by"))
                    })
                    .unwrap_or(after);
                let reference = RecordRef::parse(after.trim().trim_start_matches(':').trim());
                return (StatusKind::Superseded, reference);
            }
        }
        let trimmed = lower.trim_end_matches('.').trim();
        if let Some(kind) = StatusKind::from_keyword(trimmed) {
            return (kind, None);
        }
        // "proposed. **This ADR did not reach consensus**", "Accepted (2020-01-01)".
        let word_end = lower
            .find(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '(' | '—' | '–'))
            .unwrap_or(lower.len());
        // `word_end` was found in `lower` itself.
        let (word, rest) = lower.split_at_checked(word_end).unwrap_or((&lower, ""));

        if let Some(kind) = StatusKind::from_keyword(word) {
            let rest = rest.trim_start();
            if rest.is_empty()
                || rest.starts_with(|c: char| c.is_ascii_punctuation() || matches!(c, '—' | '–'))
            {
                return (kind, None);
            }
        }
        (
            StatusKind::Other(trimmed.split_whitespace().collect::<Vec<_>>().join(" ")),
            None,
        )
    }
}

impl From<crate::vocabulary::Kind> for StatusKind {
    fn from(kind: crate::vocabulary::Kind) -> Self {
        use crate::vocabulary::Kind;
        match kind {
            Kind::Draft => Self::Draft,
            Kind::Proposed => Self::Proposed,
            Kind::Accepted => Self::Accepted,
            Kind::Rejected => Self::Rejected,
            Kind::Deprecated => Self::Deprecated,
            Kind::Superseded => Self::Superseded,
        }
    }
}

/// Whether a written status is an entry of a dated history (`2018-03-12 提议`).
pub fn is_dated_entry(text: &str) -> bool {
    without_leading_date(text) != text.trim()
}

/// `2018-03-12 提议` → `提议`: adr-tools' Chinese fork dates each status line.
pub fn without_leading_date(text: &str) -> &str {
    let text = text.trim();
    let Some((head, rest)) = text.split_once(char::is_whitespace) else {
        return text;
    };
    // `2018-03-12 提议`, `2020-01-01: Accepted`.
    let head = head.trim_end_matches([':', ',']);
    let is_date = head.len() >= 8
        && head.starts_with(|c: char| c.is_ascii_digit())
        && head
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
    if is_date && !rest.trim().is_empty() {
        rest.trim()
    } else {
        text
    }
}

/// What may follow a status word and still leave it the status: a note in brackets or
/// after punctuation, a date, or `in favour of …`, `since …`, `on …`, `by …`.
fn is_note(rest: &str) -> bool {
    let rest = rest.trim_start();
    // `Accepted ✅`: only symbols after the word.
    if !rest.contains(char::is_alphanumeric) {
        return true;
    }
    if rest.starts_with(|c: char| {
        c.is_ascii_punctuation()
            || c.is_ascii_digit()
            || matches!(c, '—' | '–' | '（' | '，' | '。' | '：')
    }) {
        return true;
    }
    // `Accepted Not Implemented`, `DRAFT Not Implemented` (cosmos-sdk's convention),
    // `已接受 部分实现`: how far the decision is built, after its status.
    const BUILT: &[&str] = &[
        "not",
        "partially",
        "partly",
        "fully",
        "yet",
        "and",
        "but",
        "implemented",
        "unimplemented",
        "未实现",
        "部分实现",
        "已实现",
        "实现",
    ];
    if rest
        .split_whitespace()
        .all(|word| BUILT.contains(&word.trim_end_matches(['.', ','])))
        && (rest.contains("implemented") || rest.contains("实现"))
    {
        return true;
    }
    [
        "in favour of ",
        "in favor of ",
        "since ",
        "on ",
        "as of ",
        "by ",
        "until ",
        "for ",
        "with ",
        "in ",
    ]
    .iter()
    .any(|note| rest.starts_with(note))
}

/// The first words of `lowered` that `matched` (their folded form) covers: the status word
/// with its accents as written (`accepté`, not `accepte`). Counted in words, then in
/// characters for the last one, so no offset from the folded copy is used on `lowered`.
fn written_word(lowered: &str, matched: &str) -> String {
    let matched_words: Vec<&str> = matched.split_whitespace().collect();
    let Some(last) = matched_words.last() else {
        return lowered.to_string();
    };
    let mut words: Vec<String> = lowered
        .split_whitespace()
        .take(matched_words.len())
        .map(String::from)
        .collect();
    if let Some(word) = words.last_mut() {
        *word = word.chars().take(last.chars().count()).collect();
    }
    words.join(" ")
}

/// The records `text` names, when it names several (`4 and 7`, `[ADR-0004](a.md), 9`);
/// empty when it names one or none.
pub fn several_records(text: &str) -> Vec<RecordRef> {
    let parts = split_successors(text);
    if parts.len() < 2 {
        return Vec::new();
    }
    parts.into_iter().filter_map(RecordRef::parse).collect()
}

/// `4 and 7`, `[ADR-0004](a.md), [ADR-0007](b.md) & 9` → one piece per record named.
/// Commas and the joining words are looked for outside link brackets only, so a title
/// with a comma in a link text stays whole.
fn split_successors(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut at = 0;
    while let Some(rest) = text.get(at..) {
        let Some(c) = rest.chars().next() else { break };
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            _ => {}
        }
        let joiner = if depth == 0 {
            [",", ";", " and ", " & ", " und ", " et ", " y ", " e "]
                .iter()
                .find(|joiner| rest.starts_with(**joiner))
                .map(|joiner| joiner.len())
        } else {
            None
        };
        match joiner {
            Some(len) => {
                parts.push(text.get(start..at).unwrap_or_default());
                at += len;
                start = at;
            }
            None => at += c.len_utf8(),
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts.retain(|part| !part.trim().is_empty());
    parts
}

/// The id a record goes by in links and messages: `ADR-0042` (four digits at least).
pub fn adr_id(number: u32) -> String {
    format!("ADR-{number:04}")
}

/// A reference from one record to another, as written: a link, an `ADR-0002` id, a number,
/// or (log4brains) a slug. The log resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct RecordRef {
    /// The reference as written.
    pub text: String,
    /// The link target, when the reference is a Markdown link.
    pub target: Option<String>,
    pub number: Option<u32>,
    pub slug: Option<String>,
    /// The log a reference names (`backend:0003`), in a project with several.
    pub log: Option<String>,
}

impl RecordRef {
    /// Parses `[ADR-0002](0002-x.md)`, `[2. Title](0002-title.md)`, `ADR-0002`, `ADR 2`,
    /// `0002`, `#2`, `0002-x.md` or `20201016-slug.md`. Returns `None` when nothing in the
    /// text identifies a record.
    pub fn parse(text: &str) -> Option<RecordRef> {
        let text = text.trim().trim_end_matches(['.', ',', ';']).trim();
        if text.is_empty() {
            return None;
        }
        let mut reference = RecordRef {
            text: text.to_string(),
            ..RecordRef::default()
        };
        if let Some((link_text, target)) = first_markdown_link(text) {
            reference.target = Some(target.to_string());
            match file_name_of_target(target) {
                Some(file) => {
                    reference.number = file.number;
                    reference.slug = Some(file.slug);
                }
                None => reference.number = number_in_id(link_text),
            }
            return Some(reference);
        }
        if text.ends_with(".md")
            && let Some(file) = file_name_of_target(text)
        {
            reference.target = Some(text.to_string());
            reference.number = file.number;
            reference.slug = Some(file.slug);
            return Some(reference);
        }
        if let Some((log, id)) = text.split_once(':')
            && crate::layout::is_log_name(log)
            && let Some(number) = number_in_id(id)
        {
            reference.log = Some(log.to_string());
            reference.number = Some(number);
            return Some(reference);
        }
        // A dated record named by its file's stem (`remplacé par 2023-01-30-Gestion_des_acces`,
        // as a front-matter status names it without a link): its slug, not a number 2023.
        if !text.contains(char::is_whitespace)
            && let Some(file) = FileName::parse(&format!("{text}.md"))
            && file.date.is_some()
            && file.number.is_none()
        {
            reference.slug = Some(file.slug);
            return Some(reference);
        }
        reference.number = number_in_id(text);
        reference.number.map(|_| reference)
    }

    /// A label for messages: `ADR-0002`, or the slug, or the text.
    pub fn label(&self) -> String {
        match (&self.log, &self.number, &self.slug) {
            // As written across logs: `backend:0003`.
            (Some(log), Some(number), _) => format!("{log}:{number:04}"),
            (_, Some(number), _) => adr_id(*number),
            (_, None, Some(slug)) => slug.clone(),
            (_, None, None) => self.text.clone(),
        }
    }
}

fn file_name_of_target(target: &str) -> Option<FileName> {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    let name = path.rsplit('/').next().unwrap_or(path);
    FileName::parse(name)
}

/// The first `[text](target)` in `text`.
pub(crate) fn first_markdown_link(text: &str) -> Option<(&str, &str)> {
    let (_, opened) = text.split_once('[')?;
    let (link_text, after) = opened.split_once("](")?;
    let (target, _) = after.split_once(')')?;
    let target = target.trim();
    let target = target.split_whitespace().next().unwrap_or(target);
    Some((link_text, target.trim_matches(['<', '>'])))
}

/// The number in `ADR-0002`, `ADR 2`, `adr-012`, `0002`, `#2`, `2. Title`, `0002-slug`, and
/// in an id of two to five capitals of a log's own and two digits or more (`DR008`,
/// `RFC-12`, alphagov/forms; not `EC2`).
fn number_in_id(text: &str) -> Option<u32> {
    let text = text.trim();
    let capitals = text.bytes().take_while(u8::is_ascii_uppercase).count();
    if (2..=5).contains(&capitals)
        && let Some(rest) = text.get(capitals..)
        && let Some(rest) = Some(rest.strip_prefix('-').unwrap_or(rest))
        && rest.bytes().take_while(u8::is_ascii_digit).count() >= 2
        && let Some(number) = leading_number(rest)
    {
        return Some(number);
    }
    let lower = text.to_lowercase();
    let rest = lower
        .strip_prefix("adr")
        .map(|rest| rest.trim_start_matches(['-', '_', ' ', '#']))
        .or_else(|| lower.strip_prefix('#'))
        .unwrap_or(&lower);
    leading_number(rest)
}

/// The number `text` starts with, when it ends there (`12`, `12. Title`, `12-slug`).
fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let after = text.get(digits.len()..).unwrap_or_default();
    let ends_cleanly = after.is_empty() || after.starts_with(|c: char| !c.is_alphanumeric());
    if !ends_cleanly {
        return None;
    }
    digits.parse().ok()
}

/// The record a status names in parentheses after another word: `Deprecated (Superseded by
/// [ADR-0011](…))`, `廃止 (Superseded by ADR-0011)`. Such a record is superseded, and the
/// reference is its successor; read as a note, the supersession was lost.
/// `Supersedes [ADR-0025](…)` as a status (vmaf documents it: "write a new ADR with `Status:
/// Supersedes ADR-NNNN`"): the record is in force and replaces that one, which the
/// supersession links read. A status word is read before this is asked (`remplacé par …`
/// folds like `remplace`).
fn says_what_it_supersedes(value: &str) -> bool {
    value
        .split_once([' ', ':', '：'])
        .is_some_and(|(label, rest)| {
            crate::vocabulary::is_supersedes_label(&format!("{label}:"))
                && RecordRef::parse(rest.trim_start_matches([':', ' '])).is_some()
        })
}

fn superseded_in_parentheses(value: &str) -> Option<RecordRef> {
    const OPEN: &[u8] = b"(superseded by ";
    const MISSPELT: &[u8] = b"(superceded by ";
    // An ASCII pattern found in the text's own bytes starts on a character boundary.
    let at = value.as_bytes().windows(OPEN.len()).position(|window| {
        window.eq_ignore_ascii_case(OPEN) || window.eq_ignore_ascii_case(MISSPELT)
    })?;
    let before = value.get(..at)?.trim();
    if before.is_empty() {
        return None;
    }
    let inside = value.get(at + OPEN.len()..)?;
    // The reference ends where its parenthesis closes, after any link's own parentheses.
    let mut depth = 1usize;
    let end = inside.char_indices().find_map(|(offset, c)| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        (depth == 0).then_some(offset)
    })?;
    RecordRef::parse(inside.get(..end)?)
}

/// Whether `word` is a badge put before a status (`✅`, `🟢`, `⚠️`): symbols only, none a
/// letter, digit, bracket or emphasis marker.
pub fn is_badge(word: &str) -> bool {
    !word.is_empty()
        && word.chars().count() <= 4
        && word
            .chars()
            .all(|c| !c.is_alphanumeric() && !c.is_ascii() && !"（【「『《".contains(c))
}

#[cfg(test)]
mod tests;
