//! One decision record as parsed: its identity (from the file name), its metadata (from
//! front matter, MADR 2 bullets, a Nygard status section or a metadata table), its sections
//! and its links. Every value a diagnostic may point at carries its span and line.

use std::path::PathBuf;

use crate::discover::FileName;
use crate::model::normalize_heading;
use crate::model::status::{RecordRef, Status};
use crate::source::{SourceFile, Span};

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
    pub line: usize,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span, line: usize) -> Self {
        Self { value, span, line }
    }
}

/// The layout a record is written in, decided per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// YAML front matter with MADR 4 keys (`decision-makers`), or MADR sections under front matter.
    Madr4,
    /// YAML front matter with MADR 3's `deciders`.
    Madr3,
    /// `* Status:` / `* Deciders:` / `* Date:` bullets under the title.
    Madr2,
    /// MADR sections without any metadata.
    MadrBare,
    /// MADR 1 (2017-18): the context is the text under the title, then `## Considered
    /// Alternatives`, `## Decision Outcome` (`* Chosen Alternative: …`) and `## Pros and Cons
    /// of the Alternatives`; no metadata.
    Madr1,
    /// adr-tools / Nygard: `## Status`, `## Context`, `## Decision`, `## Consequences`.
    Nygard,
    /// None of the above (a metadata table, free prose).
    Other,
}

impl Style {
    pub fn name(self) -> &'static str {
        match self {
            Style::Madr4 => "madr4",
            Style::Madr3 => "madr3",
            Style::Madr2 => "madr2",
            Style::MadrBare => "madr-bare",
            Style::Madr1 => "madr1",
            Style::Nygard => "nygard",
            Style::Other => "other",
        }
    }

    pub fn is_madr(self) -> bool {
        matches!(
            self,
            Style::Madr4 | Style::Madr3 | Style::Madr2 | Style::MadrBare | Style::Madr1
        )
    }
}

/// A date as written. Parsing never fails on it; lint reports what is not ISO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateValue {
    /// A real date written `YYYY-MM-DD`.
    Valid(jiff::civil::Date),
    /// A real date written another way (`2017/11/22`, `18.10.2014`, `Nov 19, 2022`).
    /// `exact` when writing it as ISO loses nothing (not so for a time of day).
    Reshaped {
        date: jiff::civil::Date,
        text: String,
        exact: bool,
    },
    /// Day and month could be either way round (`10/11/2022`): the day-first reading, then
    /// the month-first one.
    Ambiguous {
        text: String,
        readings: [jiff::civil::Date; 2],
    },
    /// A date's shape with numbers that make no calendar date (`2024-02-30`, `31.02.2020`).
    Invalid(String),
    /// Not a date at all (`TBD`, `March 2024`).
    Unreadable(String),
}

impl DateValue {
    pub fn parse(text: &str) -> DateValue {
        super::date::read(text)
    }

    /// A template's date prompt left in as the date (`YYYY-MM-DD`, `[YYYY-MM-DD van wanneer
    /// deze beslissing het laatst is bijgewerkt]`, marcvanandel/fds-architecture): no date
    /// to show (lint's placeholder-left reports it).
    pub fn is_prompt(&self) -> bool {
        match self {
            DateValue::Unreadable(text) => crate::vocabulary::has_date_prompt(text),
            _ => false,
        }
    }

    /// The calendar date, when the text names exactly one.
    pub fn valid(&self) -> Option<jiff::civil::Date> {
        match self {
            DateValue::Valid(date) | DateValue::Reshaped { date, .. } => Some(*date),
            _ => None,
        }
    }

    /// The date as ISO when it is one, else the text as written.
    pub fn text(&self) -> String {
        match self {
            DateValue::Valid(date) | DateValue::Reshaped { date, .. } => date.to_string(),
            DateValue::Ambiguous { text, .. }
            | DateValue::Invalid(text)
            | DateValue::Unreadable(text) => text.clone(),
        }
    }
}

/// One top-level key of the YAML front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterEntry {
    pub key: String,
    pub value: yaml_serde::Value,
    /// The key's bytes in the file.
    pub key_span: Span,
    /// The value's bytes on the key's line (empty at the insertion point for a block value).
    pub value_span: Span,
    pub line: usize,
}

/// The YAML front matter: its place in the file and every key in order, known or not.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// From the opening `---` to the end of the closing fence's line.
    pub span: Span,
    /// The YAML text between the fences.
    pub yaml_span: Span,
    pub syntax: FrontMatterSyntax,
    pub entries: Vec<FrontMatterEntry>,
}

/// The language of the front matter: YAML between `---` fences (MADR, Jekyll, log4brains)
/// or TOML between `+++` fences (Hugo, Zola).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterSyntax {
    Yaml,
    Toml,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.entries.iter().find(|entry| entry.key == key)
    }
}

/// A front-matter value that has the wrong shape (`tags: {a: 1}`); the rest still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub key: String,
    pub message: String,
    pub span: Span,
    pub line: usize,
}

/// Front matter that is not YAML (or not a mapping), on a record whose body holds its
/// metadata: where it is and what is wrong, as a [`crate::model::LoadFailure`] would say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterUnread {
    /// The front matter with its fences.
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The sections a decision record has, by their English keys ([`Section::key`]): any one of
/// them makes a Markdown file a decision, and `adr new` keeps them in a translated outline.
pub const DECISION_SECTIONS: [&str; 9] = [
    "status",
    "context",
    "decision",
    "consequences",
    "context and problem statement",
    "decision drivers",
    "considered options",
    "decision outcome",
    "pros and cons of the options",
];

/// One heading and what lies under it, up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    /// The heading's text, inline markup removed.
    pub title: String,
    pub heading_span: Span,
    /// From the heading's start to the section's end.
    pub span: Span,
    /// From after the heading to the section's end (subsections included).
    pub body_span: Span,
    pub line: usize,
    /// `normalize_heading(title)`, in English (see `vocabulary`), computed once: sections are looked up by name many times
    /// per record, and at 10,000 records normalising on every lookup was a sixth of a load.
    key: String,
}

impl Section {
    pub fn new(
        level: u8,
        title: String,
        heading_span: Span,
        span: Span,
        body_span: Span,
        line: usize,
    ) -> Section {
        let key = crate::vocabulary::heading_name(&title);
        // A heading in another language is looked up by its English name
        // (`Contexte et énoncé du problème` is `Context and Problem Statement`).
        let key = crate::vocabulary::english_heading(&key).map_or(key, String::from);
        Section {
            key,
            level,
            title,
            heading_span,
            span,
            body_span,
            line,
        }
    }

    /// The heading as [`normalize_heading`] gives it, computed once.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn is_named(&self, name: &str) -> bool {
        // Names in code ("Decision Outcome") are already normal but for ASCII case: most
        // lookups are answered by one comparison that neither scans the name first nor
        // allocates (at 99,999 records the scan and its `contains` were 6 % of lint's CPU). A
        // name equal to the key but for ASCII case normalises to it, the key being normal.
        if self.key.eq_ignore_ascii_case(name) {
            return true;
        }
        !is_plain_heading(name) && self.key == normalize_heading(name)
    }
}

/// Whether `name` is words of ASCII letters, digits and hyphens, one space apart: what
/// [`normalize_heading`] only lowercases.
fn is_plain_heading(name: &str) -> bool {
    let mut after_space = true;
    for byte in name.bytes() {
        match byte {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'-' => after_space = false,
            _ if byte.is_ascii_alphanumeric() => after_space = false,
            _ => return false,
        }
    }
    !after_space || name.is_empty()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub text: String,
    pub kind: LinkKind,
    pub span: Span,
    pub line: usize,
}

impl Link {
    /// A link into the repository rather than to the web or an anchor on the same page.
    pub fn is_relative(&self) -> bool {
        let target = self.target.trim();
        !(target.is_empty()
            || target.starts_with('#')
            || target.starts_with("//")
            || target.starts_with('/')
            || has_url_scheme(target))
    }
}

fn has_url_scheme(target: &str) -> bool {
    match target.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// Where a typed relation line was written, which decides how sure it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationOrigin {
    /// A line of a `## Status` section, where adr-tools writes every link (`adr link`,
    /// `adr new -l`): any label there is a relation.
    StatusSection,
    /// A line of `## More Information` or `## Links`: a relation only when its label is a
    /// known one (built in or `[[relation]]` in `.adr.toml`), as "See [ADR-0003](…)" is prose.
    OtherSection,
}

/// A typed link to another record, written adr-tools' way on a line of its own:
/// `Amends [1. Record decisions](0001-record-decisions.md)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The label as written (`Amends`, `Amended by`, `Depends on`).
    pub label: String,
    pub target: RecordRef,
    /// The line's text without its line break.
    pub span: Span,
    pub line: usize,
    pub origin: RelationOrigin,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub source: SourceFile,
    /// Path relative to the log directory, with `/` separators.
    pub rel_path: String,
    pub file: FileName,
    pub style: Style,
    /// The first H1, with a leading number (`1.`, `0001`, `ADR-0001:`) removed.
    pub title: Option<Located<String>>,
    /// The number written in the H1 (`# 12. Title`), which may disagree with the file's.
    pub title_number: Option<u32>,
    pub front_matter: Option<FrontMatter>,
    /// A front-matter `title:`; kept beside the H1, they may differ.
    pub front_matter_title: Option<Located<String>>,
    pub status: Option<Status>,
    /// The status the body states beside the front matter's (a `## Status` section or a
    /// `* Status:` bullet kept when front matter was added on top): status edits rewrite
    /// both, and `status-conflict` reports them when they disagree.
    pub status_restated: Option<Box<Status>>,
    /// A successor named in a field of its own (`- superseded by: [0010 …](…)`) while the
    /// status says the record is in force: `status-conflict` reports it.
    pub successor_beside_status: Option<Box<Located<RecordRef>>>,
    pub date: Option<Located<DateValue>>,
    pub tags: Vec<Located<String>>,
    pub decision_makers: Vec<Located<String>>,
    pub consulted: Vec<Located<String>>,
    pub informed: Vec<Located<String>>,
    pub field_issues: Vec<FieldIssue>,
    /// Front matter that could not be read, on a record read from its body all the same
    /// (see `parse::parse_record_at`): `front-matter-syntax` reports it.
    pub front_matter_unread: Option<Box<FrontMatterUnread>>,
    pub sections: Vec<Section>,
    pub decision_drivers: Vec<Located<String>>,
    pub considered_options: Vec<Located<String>>,
    pub chosen_option: Option<Located<String>>,
    /// The option subsections under "Pros and Cons of the Options".
    pub pros_and_cons: Vec<Located<String>>,
    pub links: Vec<Link>,
    /// Records this one says it supersedes.
    pub supersedes: Vec<Located<RecordRef>>,
    /// Typed links (`Amends`, `Clarified by`, …) other than supersession, in file order.
    pub relations: Vec<Relation>,
    /// HTML comments (`<!-- … -->`) with their place, for lint directives and placeholders.
    pub comments: Vec<Located<String>>,
    /// Code blocks and inline code spans, in file order: text inside is not prose.
    pub code_spans: Vec<Span>,
}

impl Record {
    /// A record of `source` with nothing read yet.
    pub fn unread(source: SourceFile, rel_path: String, file: FileName) -> Record {
        Record {
            rel_path,
            file,
            style: Style::Other,
            title: None,
            title_number: None,
            front_matter_title: None,
            status_restated: None,
            successor_beside_status: None,
            status: None,
            date: None,
            tags: Vec::new(),
            decision_makers: Vec::new(),
            consulted: Vec::new(),
            informed: Vec::new(),
            field_issues: Vec::new(),
            front_matter_unread: None,
            decision_drivers: Vec::new(),
            considered_options: Vec::new(),
            chosen_option: None,
            pros_and_cons: Vec::new(),
            supersedes: Vec::new(),
            relations: Vec::new(),
            comments: Vec::new(),
            code_spans: Vec::new(),
            links: Vec::new(),
            sections: Vec::new(),
            front_matter: None,
            source,
        }
    }

    pub fn path(&self) -> &PathBuf {
        &self.source.path
    }

    pub fn number(&self) -> Option<u32> {
        self.file.number
    }

    pub fn slug(&self) -> &str {
        &self.file.slug
    }

    /// The index in `sections` of the H1 the record's title is read from; none when the
    /// title is the front matter's (a `# Decision` H1 under a front-matter `title:` is a
    /// section like any `##`) or the record has none.
    pub fn title_section(&self) -> Option<usize> {
        let start = self.title.as_ref()?.span.start;
        self.sections.iter().position(|section| {
            section.heading_span.start <= start && start <= section.heading_span.end
        })
    }

    /// Every section but the one [`Record::title_section`] names.
    pub fn sections_below_title(&self) -> impl Iterator<Item = &Section> {
        let title = self.title_section();
        self.sections
            .iter()
            .enumerate()
            .filter(move |(index, _)| Some(*index) != title)
            .map(|(_, section)| section)
    }

    /// Whether the record is a folder (`2022-11-09-x/README.md`, `0007-x/index.md`): its
    /// number and slug are the folder's, its text the README or index inside.
    pub fn is_folder_record(&self) -> bool {
        is_folder_record_path(&self.rel_path)
    }

    /// Whether the supersession this record names at `span` is a partial one ("partially
    /// supersedes", "supersedes some aspects of"): the record it names stays in force.
    pub fn supersedes_in_part(&self, span: Span) -> bool {
        let line_start = self.source.line_start(self.source.line_of(span.start));
        let before = self
            .source
            .text
            .get(line_start..span.start)
            .unwrap_or("")
            .to_lowercase();
        if ["partial", "aspects", "part of", "parts of", "in part"]
            .iter()
            .any(|qualifier| before.contains(qualifier))
        {
            return true;
        }
        // "These changes supersede the previous size limitations specified in [ADR-45]"
        // (Decentraland): what is superseded is a part the sentence names, not the record,
        // which a few words at most ("supersedes the decision [ADR-45]") would be.
        let after_verb = ["supersede", "supercede"]
            .iter()
            .filter_map(|verb| before.rfind(verb).map(|at| (at, verb.len())))
            .max()
            .and_then(|(at, len)| before.get(at + len..));
        after_verb.is_some_and(|rest| {
            rest.trim_start_matches(|c: char| c.is_alphabetic())
                .split_whitespace()
                .count()
                > 3
        })
    }

    /// The title to show: the H1, else the front-matter title, else a title written a level
    /// down ([`Record::demoted_title`]), else the slug.
    pub fn display_title(&self) -> String {
        match (&self.title, &self.front_matter_title) {
            (Some(title), _) => title.value.clone(),
            (None, Some(title)) => {
                crate::model::title_number::front_matter_title_shown(&title.value, self.file.number)
            }
            (None, None) => match self.demoted_title() {
                Some(section) => crate::model::title_number::strip_title_number(&section.title).0,
                None => self.file.slug.replace('-', " "),
            },
        }
    }

    /// A record without a title whose first line is a `##` heading numbered as its file
    /// (`## 33. User permissions` in `0033-….md`, nationalarchives/tdr): its title, a level
    /// down. Shown as the title, and no empty section (lint's title-missing says to raise it).
    pub fn demoted_title(&self) -> Option<&Section> {
        if self.title.is_some() || self.front_matter_title.is_some() {
            return None;
        }
        let first = self.sections.first()?;
        let first_line = self.source.line_of(self.body_start());
        let (_, number) = crate::model::title_number::strip_title_number(&first.title);
        (first.level == 2
            && first.line == first_line
            && number.is_some()
            && number == self.file.number)
            .then_some(first)
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The status as the log writes it (`accepted`, `approved`, `提议`), for listings and
    /// exports; `None` when the record states none.
    pub fn status_word(&self) -> Option<String> {
        self.status
            .as_ref()
            .map(|status| status.keyword().to_string())
    }

    /// The first section with this name (case and trailing punctuation ignored).
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.is_named(name))
    }

    /// Keys of the front matter that `adr` does not interpret, in file order.
    pub fn extra_front_matter(&self) -> impl Iterator<Item = &FrontMatterEntry> {
        self.front_matter
            .iter()
            .flat_map(|front_matter| front_matter.entries.iter())
            .filter(|entry| !is_known_front_matter_key(&entry.key))
    }

    /// A span to point at when the problem is the record as a whole: its title, else line 1.
    pub fn head_span(&self) -> Span {
        match &self.title {
            Some(title) => title.span,
            None => self.source.line_span(1),
        }
    }

    /// The record's text without front matter.
    pub fn body(&self) -> &str {
        self.source.text.get(self.body_start()..).unwrap_or("")
    }

    pub fn body_start(&self) -> usize {
        // Front matter that could not be read is no part of the body either (Ensembl's
        // `tag:Web Client` was shown on the site as a heading).
        match (&self.front_matter, &self.front_matter_unread) {
            (Some(front_matter), _) => front_matter.span.end,
            (None, Some(unread)) => unread.span.end,
            (None, None) => self.source.bom_len(),
        }
    }

    /// The record this one is superseded by, as written in its status.
    pub fn superseded_by(&self) -> Option<&RecordRef> {
        self.status
            .as_ref()
            .and_then(|status| status.superseded_by.as_deref())
    }
}

/// Whether a record at this log-relative path is a folder record (its file a `README.md`
/// or `index.md` inside a folder).
pub fn is_folder_record_path(rel_path: &str) -> bool {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    rel_path.contains('/')
        && (name.eq_ignore_ascii_case("README.md") || name.eq_ignore_ascii_case("index.md"))
}

/// Front-matter keys naming the record that supersedes this one, as logs spell them.
pub const SUCCESSOR_KEYS: [&str; 3] = ["superseded-by", "superseded_by", "supersededBy"];

/// Front-matter keys the model reads into typed fields; all others are kept as extras.
const KNOWN_KEYS: [&str; 8] = [
    "status",
    "date",
    "title",
    "tags",
    "decision-makers",
    "deciders",
    "consulted",
    "informed",
];

/// Front-matter keys the model reads into typed fields; all others are kept as extras.
pub fn is_known_front_matter_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::{Section, normalize_heading};
    use crate::source::Span;

    fn section(title: &str) -> Section {
        Section::new(
            2,
            title.to_string(),
            Span::default(),
            Span::default(),
            Span::default(),
            1,
        )
    }

    /// What `is_named` answered before its shortcut: plain names compared but for ASCII
    /// case, any other normalised first.
    fn is_named_in_full(section: &Section, name: &str) -> bool {
        let is_plain = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
            && !name.contains("  ")
            && !name.starts_with(' ')
            && !name.ends_with(' ');
        if is_plain {
            section.key().eq_ignore_ascii_case(name)
        } else {
            section.key() == normalize_heading(name)
        }
    }

    #[test]
    fn a_section_is_named_as_its_heading_reads_in_any_case_or_language() {
        let outcome = section("**Decision** outcome:");
        assert!(outcome.is_named("Decision Outcome"));
        assert!(outcome.is_named("decision  outcome"));
        assert!(!outcome.is_named("Decision"));
        let context = section("Contexte et énoncé du problème");
        assert!(context.is_named("Context and Problem Statement"));
        assert!(!context.is_named("Contexte et énoncé du problème"));
        assert!(section("Ärger").is_named("ÄRGER"));
        assert!(
            !section("Status-").is_named("Status-"),
            "the key has lost its hyphen"
        );
    }

    /// The shortcut's premise: a key, being lowercased, lowercases to itself, so a name
    /// equal to it but for ASCII case normalises to it.
    #[test]
    fn every_lowercased_character_lowercases_to_itself() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            for lower in c.to_lowercase() {
                assert!(
                    lower.to_lowercase().eq([lower]),
                    "{c:?} lowercases to {lower:?}, which lowercases again"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn is_named_answers_as_normalising_both(
            title in "[ -~ÉéİıΣσς背景]{0,24}",
            name in "[ -~ÉéİıΣσς背景]{0,24}",
        ) {
            let section = section(&title);
            proptest::prop_assert_eq!(section.is_named(&name), is_named_in_full(&section, &name));
            let same = section.key().to_ascii_uppercase();
            proptest::prop_assert_eq!(section.is_named(&same), is_named_in_full(&section, &same));
        }
    }
}
