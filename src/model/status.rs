//! A record's status: the built-in MADR/adr-tools values, `superseded by` with the record it
//! names, and any other value kept as written (a log's config may allow more).

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
    /// For `superseded by X`: the record named.
    pub superseded_by: Option<RecordRef>,
    /// The value's bytes in the file (quotes included for a quoted YAML value).
    pub span: Span,
    pub line: usize,
    pub origin: StatusOrigin,
}

impl Status {
    pub fn keyword(&self) -> &str {
        self.kind.keyword()
    }

    /// Reads a status value as people write it: `Accepted`, `accepted.`, `**Accepted**`,
    /// `proposed. This did not reach consensus`, `superseded by [ADR-0002](0002-x.md)`,
    /// `Superseded by 0002`, `Superseded by [2. Title](0002-title.md)`.
    pub fn classify(raw: &str) -> (StatusKind, Option<RecordRef>) {
        let plain: String = raw.chars().filter(|c| !matches!(c, '*' | '`')).collect();
        let plain = plain.trim().trim_matches('_').trim();
        let lower = plain.to_lowercase();
        // Matched in `plain` itself: `lower` may differ in length (`K` → `k`).
        if let Some(rest) = strip_prefix_ignore_ascii_case(plain, "superseded") {
            let is_word_end =
                rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric() && c != '-');
            if is_word_end {
                let after = rest.trim_start();
                let after = strip_prefix_ignore_ascii_case(after, "by").unwrap_or(after);
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
        let (word, rest) = lower.split_at(word_end);
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
        reference.number = number_in_id(text);
        reference.number.map(|_| reference)
    }

    /// A label for messages: `ADR-0002`, or the slug, or the text.
    pub fn label(&self) -> String {
        match (&self.number, &self.slug) {
            (Some(number), _) => format!("ADR-{number:04}"),
            (None, Some(slug)) => slug.clone(),
            (None, None) => self.text.clone(),
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
    let open = text.find('[')?;
    let middle = open + text[open..].find("](")?;
    let end = middle + 2 + text[middle + 2..].find(')')?;
    let target = text[middle + 2..end].trim();
    let target = target.split_whitespace().next().unwrap_or(target);
    Some((&text[open + 1..middle], target.trim_matches(['<', '>'])))
}

/// The number in `ADR-0002`, `ADR 2`, `adr-012`, `0002`, `#2`, `2. Title`, `0002-slug`.
fn number_in_id(text: &str) -> Option<u32> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let rest = lower
        .strip_prefix("adr")
        .map(|rest| rest.trim_start_matches(['-', '_', ' ', '#']))
        .or_else(|| lower.strip_prefix('#'))
        .unwrap_or(&lower);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let after = &rest[digits.len()..];
    let ends_cleanly = after.is_empty() || after.starts_with(|c: char| !c.is_alphanumeric());
    if !ends_cleanly {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(raw: &str) -> StatusKind {
        Status::classify(raw).0
    }

    #[test]
    fn classifies_written_forms() {
        assert_eq!(kind("Accepted"), StatusKind::Accepted);
        assert_eq!(kind("**accepted**"), StatusKind::Accepted);
        assert_eq!(kind("accepted."), StatusKind::Accepted);
        assert_eq!(
            kind("proposed. **This ADR did not reach consensus**"),
            StatusKind::Proposed
        );
        assert_eq!(kind("PROPOSED"), StatusKind::Proposed);
        assert_eq!(kind("on hold"), StatusKind::Other("on hold".into()));
        assert_eq!(
            kind("accepted-provisional"),
            StatusKind::Other("accepted-provisional".into())
        );
        assert_eq!(
            kind("Partly superseded"),
            StatusKind::Other("partly superseded".into())
        );
        assert_eq!(kind("acepted"), StatusKind::Other("acepted".into()));
    }

    #[test]
    fn superseded_forms_name_their_record() {
        for (raw, number) in [
            ("superseded by [ADR-0002](0002-x.md)", 2),
            ("Superseded by ADR-0002", 2),
            ("superseded by 0002", 2),
            ("Superseded by [2. Title](0002-title.md)", 2),
            (
                "Superseded by [DNS Infrastructure](0015-dns-infrastructure.md)",
                15,
            ),
            ("superseded by #12", 12),
        ] {
            let (kind, reference) = Status::classify(raw);
            assert_eq!(kind, StatusKind::Superseded, "{raw}");
            assert_eq!(reference.and_then(|r| r.number), Some(number), "{raw}");
        }
        let (kind, reference) = Status::classify(
            "superseded by [20201016-use-the-adr-slug-as-its-unique-id](20201016-use-the-adr-slug-as-its-unique-id.md)",
        );
        assert_eq!(kind, StatusKind::Superseded);
        let reference = reference.unwrap();
        assert_eq!(reference.number, None);
        assert_eq!(
            reference.slug.as_deref(),
            Some("use-the-adr-slug-as-its-unique-id")
        );
        assert_eq!(
            Status::classify("superseded"),
            (StatusKind::Superseded, None)
        );
    }
}

/// The allowed status closest to a misspelt one (`acepted` → `accepted`), if any is close.
pub fn closest_status<'a>(
    value: &str,
    allowed: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let value = value.to_lowercase();
    allowed
        .into_iter()
        .map(|candidate| (edit_distance(&value, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod suggestion_tests {
    use super::*;

    #[test]
    fn suggests_the_closest_status() {
        assert_eq!(
            closest_status("acepted", BUILTIN_STATUSES),
            Some("accepted")
        );
        assert_eq!(
            closest_status("Propsed", BUILTIN_STATUSES),
            Some("proposed")
        );
        assert_eq!(closest_status("done", BUILTIN_STATUSES), None);
    }
}
