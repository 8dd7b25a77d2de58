//! What lint's log-wide rules may read of a record: [`RecordFacts`], filled from the full
//! [`Record`] during the per-record pass, while its text and model are still at hand. The
//! rest of the model and the text are let go there, so at 10,000 records the log-wide
//! rules hold a few hundred bytes per record, and since they get nothing else, they can
//! neither read a field that was never filled nor go back to disk for one.

use std::path::PathBuf;

use crate::discover::FileName;
use crate::lint::rules::{date_missing, file_not_a_record, supersede_not_reciprocal};
use crate::model::{DateValue, Link, Located, Log, LogEntry, Record, RecordRef, Status, Style};
use crate::source::Span;

pub use date_missing::UnreadDate;
pub use supersede_not_reciprocal::BackLinkSlot;

/// The log as log-wide rules see it: each record as its [`RecordFacts`].
pub type LogFacts = Log<RecordFacts>;

/// The facts of one record that log-wide rules compare across the log.
#[derive(Debug)]
pub struct RecordFacts {
    pub path: PathBuf,
    /// Path relative to the log directory, with `/` separators.
    pub rel_path: String,
    pub file: FileName,
    pub style: Style,
    /// The first H1, its leading number removed.
    pub title: Option<Located<String>>,
    /// A front-matter `title:`.
    /// Boxed, as [`RecordFacts::unread_date`]: most records have none.
    pub front_matter_title: Option<Box<Located<String>>>,
    pub status: Option<Status>,
    pub date: Option<Located<DateValue>>,
    /// What to point at for the record as a whole: its title, else its first line.
    pub head_span: Span,
    /// Links into the repository (relative or root-relative): the others never point at
    /// another record.
    pub links: Vec<Link>,
    /// The records this one says it supersedes.
    pub supersedes: Vec<Supersession>,
    /// The `#fragment`s a link into this record may name.
    pub anchors: Anchors,
    /// Whether the file holds no record at all (`file-not-a-record`'s finding).
    pub holds_no_record: bool,
    /// Where `title-missing` points at a record with no title and nothing meant as one.
    pub untitled: Option<Span>,
    pub has_front_matter: bool,
    /// Whether a `status:` key has a value of the wrong shape (`status-invalid`'s finding).
    pub has_status_field_issue: bool,
    /// For a record without a date: a `Label: <date>` line the parsers did not read.
    /// Boxed: few records have one, and every record's facts would hold its size.
    pub unread_date: Option<Box<UnreadDate>>,
    /// Where a link back to a record this one supersedes goes.
    pub back_link: BackLinkSlot,
    /// Typed relation lines (`Amends [1. …](…)`).
    pub relations: Vec<crate::model::Relation>,
    /// Where a reverse relation line goes (`adr link`'s place).
    pub relation_slot: crate::relation::LineSlot,
    /// The number of an H1 written `29 Kubernetes …` (digits, then a space), whatever it
    /// is: the log's other titles tell whether such a number is the record's.
    pub bare_title_number: Option<u32>,
    /// How another record's relation line names this one ([`crate::relation::link_text`]),
    /// kept only where it is not what [`RecordFacts::link_text`] makes from the number and
    /// title (a heading written another way): 9 MB at 99,999 records otherwise.
    written_link_text: Option<Box<str>>,
}

/// One "supersedes" claim.
#[derive(Debug)]
pub struct Supersession {
    /// The record named.
    pub value: RecordRef,
    /// Where it is named.
    pub span: Span,
    /// "supersedes some aspects of", "partially supersedes": the old record stays in force.
    pub is_partial: bool,
}

/// What a link's `#fragment` into a record is looked up among: the page's headings (made
/// into anchors only when asked) and its HTML anchors as hashes (at 10,000 records their
/// text would be megabytes the run never prints; two sharing a 64-bit hash would let one
/// broken `#fragment` pass, a chance of about one in 10^18 per lookup).
#[derive(Debug, Default)]
pub struct Anchors {
    /// The headings the page gives ids to, and its title heading: turned into anchors
    /// ([`crate::anchors::anchors_of`]) only when a link names a fragment of this record,
    /// which few records ever are. Making every record's anchors up front was 5 % of a
    /// lint's instructions (callgrind, 1,000 records).
    /// One string, the headings joined by NUL (which CommonMark turns into U+FFFD, so no
    /// heading holds one): a string each cost more than the headings' text.
    page_headings: Box<str>,
    title_heading: Option<Box<str>>,
    /// Values of `id="…"` and `name="…"` attributes in the text, sorted.
    html: Box<[u64]>,
}

impl Anchors {
    fn of(record: &Record) -> Anchors {
        Anchors {
            page_headings: crate::anchors::page_headings(record)
                .collect::<Vec<_>>()
                .join("\0")
                .into_boxed_str(),
            title_heading: crate::anchors::title_heading(record).map(Box::from),
            html: sorted_hashes(html_anchors(&record.source.text).iter()),
        }
    }

    /// Whether a link's `#fragment` names a heading (ASCII or not, case aside) or an HTML
    /// anchor (exactly) of the record.
    pub fn contains(&self, fragment: &str) -> bool {
        self.html.binary_search(&hash(fragment)).is_ok()
            || crate::anchors::anchors_of(
                self.page_headings
                    .split('\0')
                    .filter(|_| !self.page_headings.is_empty()),
                self.title_heading.as_deref(),
            )
            .contains(&fragment.to_lowercase())
    }
}

/// The number of `record`'s H1 when it is written `29 Kubernetes …`: up to four digits and
/// a space, then a word.
fn bare_title_number(record: &Record) -> Option<u32> {
    let h1 = record.sections.iter().find(|section| section.level == 1)?;
    let digits = h1.title.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = h1.title.split_at_checked(digits)?;
    let word_follows = rest
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(char::is_alphabetic));
    ((1..=4).contains(&digits) && word_follows)
        .then(|| number.parse().ok())
        .flatten()
}

fn hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

fn sorted_hashes<'a>(texts: impl Iterator<Item = &'a String>) -> Box<[u64]> {
    let mut hashes: Vec<u64> = texts.map(|text| hash(text)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.into_boxed_slice()
}

/// The values of `id="x"`, `name="x"`, `id='x'` and `name='x'` anywhere in the text (code
/// included, as a browser would not care either), each up to its closing quote.
fn html_anchors(text: &str) -> Vec<String> {
    let mut anchors = Vec::new();
    // Most records have no HTML anchor: one vectorised pass for each name rules that out
    // before the four exact searches.
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"id=").is_none()
        && memchr::memmem::find(bytes, b"name=").is_none()
    {
        return anchors;
    }
    for attribute in ["id=\"", "name=\"", "id='", "name='"] {
        let quote = if attribute.ends_with('\'') { '\'' } else { '"' };
        for (at, _) in text.match_indices(attribute) {
            let value = text.get(at + attribute.len()..).unwrap_or("");
            if let Some((value, _)) = value.split_once(quote) {
                anchors.push(value.to_string());
            }
        }
    }
    anchors
}

impl RecordFacts {
    /// The facts of a record, read while its text and model are at hand.
    pub(crate) fn of(record: &Record) -> RecordFacts {
        let is_undated = record.date.is_none() && record.file.date.is_none();
        let has_title = record.title.is_some() || record.front_matter_title.is_some();
        let mut facts = RecordFacts {
            path: record.path().clone(),
            rel_path: record.rel_path.clone(),
            file: record.file.clone(),
            style: record.style,
            title: record.title.clone(),
            front_matter_title: record.front_matter_title.clone().map(Box::new),
            status: record.status.clone(),
            date: record.date.clone(),
            head_span: record.head_span(),
            links: record
                .links
                .iter()
                .filter(|link| {
                    link.is_relative() || super::links::root_relative_path(link).is_some()
                })
                .cloned()
                .collect(),
            supersedes: record
                .supersedes
                .iter()
                .map(|reference| Supersession {
                    value: reference.value.clone(),
                    span: reference.span,
                    is_partial: record.supersedes_in_part(reference.span),
                })
                .collect(),
            anchors: Anchors::of(record),
            holds_no_record: file_not_a_record::not_a_record(record).is_some(),
            untitled: super::rules::title_missing::untitled(record),
            has_front_matter: record.front_matter.is_some(),
            has_status_field_issue: record
                .field_issues
                .iter()
                .any(|issue| issue.key == "status"),
            unread_date: (is_undated && has_title)
                .then(|| date_missing::date_under_unknown_label(&record.source))
                .flatten()
                .map(Box::new),
            back_link: supersede_not_reciprocal::back_link_slot(record),
            relations: record.relations.clone(),
            relation_slot: crate::relation::LineSlot::of(record),
            bare_title_number: bare_title_number(record),
            written_link_text: None,
        };
        let written = crate::relation::link_text(record);
        if written != facts.link_text() {
            facts.written_link_text = Some(written.into_boxed_str());
        }
        facts
    }

    /// How another record's relation line names this one: what
    /// [`crate::relation::link_text`] made of the record.
    pub fn link_text(&self) -> String {
        if let Some(written) = &self.written_link_text {
            return written.to_string();
        }
        match self.number() {
            Some(number) => format!("{number}. {}", self.display_title()),
            None => self.display_title(),
        }
    }

    pub fn path(&self) -> &PathBuf {
        &self.path
    }

    pub fn number(&self) -> Option<u32> {
        self.file.number
    }

    pub fn slug(&self) -> &str {
        &self.file.slug
    }

    /// The record this one is superseded by, as written in its status.
    pub fn superseded_by(&self) -> Option<&RecordRef> {
        self.status
            .as_ref()
            .and_then(|status| status.superseded_by.as_deref())
    }

    /// The title to show: the H1, else the front-matter title, else the slug.
    pub fn display_title(&self) -> String {
        match (&self.title, &self.front_matter_title) {
            (Some(title), _) => title.value.clone(),
            (None, Some(title)) => {
                crate::model::title_number::front_matter_title_shown(&title.value, self.file.number)
            }
            (None, None) => self.file.slug.replace('-', " "),
        }
    }

    /// Whether the record is a folder (`2022-11-09-x/README.md`): see
    /// [`Record::is_folder_record`].
    pub fn is_folder_record(&self) -> bool {
        crate::model::is_folder_record_path(&self.rel_path)
    }
}

impl LogEntry for RecordFacts {
    fn file_name(&self) -> &FileName {
        &self.file
    }

    fn log_path(&self) -> &str {
        &self.rel_path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_anchors_are_the_attribute_values_up_to_their_quote() {
        let text = "<a id=\"über\"></a> <span name='x y'>\n<a id=\"unclosed";
        let mut anchors = html_anchors(text);
        anchors.sort();
        assert_eq!(anchors, ["x y", "über"]);
    }

    #[test]
    fn heading_anchors_ignore_the_fragment_case_html_anchors_do_not() {
        let anchors = Anchors {
            page_headings: Box::from("Straße und Weg\0Decision Outcome"),
            title_heading: Some(Box::from("Use X")),
            html: sorted_hashes(["Top".to_string()].iter()),
        };
        assert!(anchors.contains("Straße-Und-Weg"));
        assert!(anchors.contains("decision-outcome"));
        assert!(anchors.contains("use-x"));
        assert!(anchors.contains("Top"));
        assert!(!anchors.contains("top"));
        assert!(!anchors.contains("straße"));
    }
}
