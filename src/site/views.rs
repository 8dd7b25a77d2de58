//! The view models pages are rendered from: plain serialisable values with links
//! resolved and dates formatted here, so templates hold only loops and conditionals. The
//! rows in index order, whose views these are, are [`super::rows::Rows`].

use std::collections::BTreeMap;

use serde::Serialize;

use super::links::encode_path;
use super::{MetaRow, SiteRecord, escape_html, html};
use crate::model::LoadFailure;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) base_url: Option<String>,
    pub(crate) build_date: Option<String>,
    pub(crate) generator: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    /// What the status filter matches: the keyword (`accepted`, `on hold`).
    pub(crate) key: String,
    /// The badge colour: a built-in keyword, `other`, `none`, `error`, or `custom-…` for a
    /// status coloured by `[site.status-colours]`.
    pub(crate) class: std::borrow::Cow<'static, str>,
    pub(crate) text: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagLink {
    pub(crate) name: String,
    /// Site-relative URL of the tag's page.
    pub(crate) url: String,
}

/// A row of the index: what every page knows about a record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryView {
    pub(crate) label: String,
    pub(crate) title: String,
    /// Site-relative URL of the record's page, percent-encoded (a file name may hold `#`,
    /// `?`, `%`, spaces or any script).
    pub(crate) url: String,
    /// The page's path in the site, as a file name (what `url` encodes).
    #[serde(skip)]
    pub(crate) path: String,
    pub(crate) status: StatusView,
    pub(crate) date: Option<String>,
    /// `YYYY-MM-DD` when the date is a real one, for `<time datetime>`.
    pub(crate) iso_date: Option<String>,
    /// The record has no date: `date` is that of the commit that added it.
    pub(crate) date_from_git: bool,
    pub(crate) tags: Vec<TagLink>,
    /// Tag keys as a JSON array, for the filter script.
    pub(crate) tag_keys: String,
    /// Position in the index (and in the search index).
    pub(crate) doc: usize,
    /// From git: the author date of the last commit changing the record, `YYYY-MM-DD`.
    pub(crate) last_changed: Option<String>,
    /// The same as Unix seconds, for sorting the index.
    pub(crate) last_changed_at: Option<i64>,
    /// From git: who authored commits changing the record, most recent first.
    pub(crate) authors: Vec<String>,
    /// The record's log, when the site shows several (one log's rows stay as they were).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) log: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryRef {
    pub(crate) label: String,
    pub(crate) title: String,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ExcerptLine {
    pub(crate) number: usize,
    pub(crate) text: String,
    pub(crate) is_error: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ErrorView {
    pub(crate) message: String,
    pub(crate) location: Option<String>,
    pub(crate) excerpt: Vec<ExcerptLine>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RecordView<'a> {
    /// What was decided, shown first.
    pub(crate) decision: Option<super::decision::DecisionView>,
    /// The known details (date, consulted, informed).
    pub(crate) meta: Vec<MetaRowView<'a>>,
    /// Decision-makers and git authors, each once.
    pub(crate) authors: Vec<String>,
    /// Other front-matter keys, behind a "more" toggle.
    pub(crate) more: Vec<MetaRowView<'a>>,
    pub(crate) body: &'a str,
    pub(crate) toc: &'a [html::TocEntry],
    /// The items of `toc` as HTML: the built-in template writes this rather than looping
    /// over `toc`, because every field a tera loop reads costs more than rendering the whole
    /// list here (with the details rows, a third of a record page's template work, counted
    /// by callgrind).
    pub(crate) toc_html: String,
    pub(crate) superseded_by: Vec<EntryRef>,
    pub(crate) supersedes: Vec<EntryRef>,
    /// `superseded by X` naming no record of this log.
    pub(crate) superseded_note: Option<String>,
    pub(crate) prev: Option<EntryRef>,
    pub(crate) next: Option<EntryRef>,
    /// The records around this one in the log, itself included.
    pub(crate) neighbours: Vec<Neighbour>,
    /// The record's file in the repository's web view and editor, when its address is known.
    pub(crate) source: Option<super::repository::SourceLinks>,
    pub(crate) error: Option<ErrorView>,
    /// The body has a ```mermaid block: the page loads the diagram scripts.
    pub(crate) diagrams: bool,
}

/// A record in the list beside a record's page.
#[derive(Debug, Serialize)]
pub(crate) struct Neighbour {
    pub(crate) label: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) status_class: String,
    pub(crate) status: String,
    pub(crate) current: bool,
}

/// A row of a record's details: its values escaped and joined (a date as `<time>`), for the
/// same reason as [`RecordView::toc_html`].
#[derive(Debug, Serialize)]
pub(crate) struct MetaRowView<'a> {
    pub(crate) name: &'a str,
    pub(crate) html: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct PageView {
    /// The `<title>`.
    pub(crate) title: String,
    /// Which navigation item is current.
    pub(crate) section: &'static str,
    pub(crate) canonical: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusCount {
    pub(crate) key: String,
    pub(crate) class: std::borrow::Cow<'static, str>,
    pub(crate) text: String,
    pub(crate) count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagSummary {
    pub(crate) key: String,
    pub(crate) name: String,
    /// Percent-encoded, like [`EntryView::url`].
    pub(crate) url: String,
    #[serde(skip)]
    pub(crate) path: String,
    pub(crate) count: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct RelationRow {
    pub(crate) from: EntryRef,
    pub(crate) relation: String,
    pub(crate) to: EntryRef,
}

/// Where an entry comes from: a record or a failure, by its index in the log.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EntrySource {
    Record(usize),
    Failure(usize),
}

pub(crate) struct TagGroup {
    pub(crate) name: String,
    pub(crate) file: String,
    pub(crate) entries: Vec<usize>,
}

/// The rows a record's details panel shows: the known fields (date, consulted,
/// informed), everyone who wrote it (front-matter decision-makers, then git authors, each
/// once), and the other front-matter keys, which the page folds away.
pub(crate) struct Details<'r> {
    pub(crate) known: Vec<MetaRowView<'r>>,
    pub(crate) authors: Vec<String>,
    pub(crate) more: Vec<MetaRowView<'r>>,
}

/// Names of the rows [`super::record::SiteRecord::meta`] makes from known fields.
const KNOWN_ROWS: [&str; 3] = ["Date", "Consulted", "Informed"];
const AUTHOR_ROW: &str = "Decision-makers";

pub(crate) fn details_of<'r>(rows: &'r [MetaRow], entry: &EntryView) -> Details<'r> {
    let mut details = Details {
        known: Vec::new(),
        authors: Vec::new(),
        more: Vec::new(),
    };
    let add_author = |authors: &mut Vec<String>, name: &str| {
        let name = name.trim();
        if !name.is_empty()
            && !authors
                .iter()
                .any(|known| known.to_lowercase() == name.to_lowercase())
        {
            authors.push(name.to_string());
        }
    };
    for row in rows {
        if row.name == AUTHOR_ROW {
            for value in &row.values {
                add_author(&mut details.authors, &value.text);
            }
            continue;
        }
        let html = match (row.name.as_str(), &entry.iso_date) {
            ("Date", Some(iso)) => date_html(iso, false),
            _ => row
                .values
                .iter()
                .map(|value| escape_html(&value.text))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let view = MetaRowView {
            name: &row.name,
            html,
        };
        if KNOWN_ROWS.contains(&row.name.as_str()) {
            details.known.push(view);
        } else {
            details.more.push(view);
        }
    }
    if entry.date_from_git
        && let Some(iso) = &entry.iso_date
    {
        details.known.insert(
            0,
            MetaRowView {
                name: "Date",
                html: date_html(iso, true),
            },
        );
    }
    for author in &entry.authors {
        add_author(&mut details.authors, author);
    }
    details
}

/// A date as `<time>`, marked when it comes from git rather than the record.
fn date_html(iso: &str, from_git: bool) -> String {
    let iso = escape_html(iso);
    if from_git {
        format!(
            "<time datetime=\"{iso}\">{iso}</time> <span class=\"date-origin\">(from git)</span>"
        )
    } else {
        format!("<time datetime=\"{iso}\">{iso}</time>")
    }
}

/// The list items of a table of contents, each on its own line.
pub(crate) fn toc_html(toc: &[html::TocEntry]) -> String {
    let mut out = String::new();
    for item in toc {
        out.push_str(&format!(
            "\n<li class=\"toc-{}\"><a href=\"#{}\">{}</a></li>",
            item.level,
            escape_html(&item.id),
            escape_html(&item.text)
        ));
    }
    out
}
pub(crate) fn tag_summaries(tags: &BTreeMap<String, TagGroup>) -> Vec<TagSummary> {
    tags.iter()
        .map(|(key, group)| TagSummary {
            key: key.clone(),
            name: group.name.clone(),
            url: encode_path(&format!("tags/{}", group.file)),
            path: format!("tags/{}", group.file),
            count: group.entries.len(),
        })
        .collect()
}

/// `../` once per directory level of a site path.
pub(crate) fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

pub(crate) use crate::log_path::page_path;

/// The status a record's row shows (a record without one says so).
pub(crate) fn record_status(record: &SiteRecord) -> StatusView {
    status_view(RecordRow::status_of(record))
}

/// The status view of a record whose status is `status` (keyword and class name).
fn status_view(status: Option<(&str, &str)>) -> StatusView {
    match status {
        None => StatusView {
            key: "none".to_string(),
            class: "none".into(),
            text: "no status".to_string(),
        },
        Some((keyword, class)) => StatusView {
            key: keyword.to_string(),
            class: class.to_string().into(),
            text: keyword.to_string(),
        },
    }
}

/// What of a record its row shows, borrowed from it: the row's view is made from this
/// alone, so a hash of it stands for the view's.
#[derive(Serialize)]
pub(crate) struct RecordRow<'r> {
    label: &'r str,
    title: &'r str,
    /// The keyword and the name of its class.
    status: Option<(&'r str, &'static str)>,
    date: Option<&'r super::record::SiteDate>,
    tags: &'r [String],
}

impl<'r> RecordRow<'r> {
    pub(crate) fn of(record: &'r SiteRecord) -> RecordRow<'r> {
        RecordRow {
            label: &record.label,
            title: &record.title,
            status: RecordRow::status_of(record),
            date: record.date.as_ref(),
            tags: &record.tags,
        }
    }

    fn status_of(record: &SiteRecord) -> Option<(&str, &'static str)> {
        let status = record.status.as_ref()?;
        Some((status.keyword.as_str(), status.class.name()))
    }

    /// The record's tags, as written.
    pub(crate) fn tags(&self) -> &'r [String] {
        self.tags
    }

    /// The keyword of the record's status, if it has one.
    pub(crate) fn status_keyword(&self) -> Option<&'r str> {
        self.status.map(|(keyword, _)| keyword)
    }
}

/// The view of a record's row, its page being at `page` in the site.
pub(crate) fn record_entry_view(record: &RecordRow<'_>, page: &str) -> EntryView {
    let status = status_view(record.status);
    let tag_keys: Vec<String> = record.tags.iter().map(|tag| tag.to_lowercase()).collect();
    EntryView {
        label: record.label.to_string(),
        title: record.title.to_string(),
        url: encode_path(page),
        path: page.to_string(),
        status,
        // Dates in one format: a real date as `YYYY-MM-DD`, whatever way it was written.
        date: record
            .date
            .map(|date| date.iso.clone().unwrap_or_else(|| date.text.clone())),
        iso_date: record.date.and_then(|date| date.iso.clone()),
        date_from_git: false,
        tags: record
            .tags
            .iter()
            .map(|tag| TagLink {
                name: tag.clone(),
                url: String::new(),
            })
            .collect(),
        tag_keys: serde_json::to_string(&tag_keys).unwrap_or_else(|_| "[]".to_string()),
        doc: 0,
        last_changed: None,
        last_changed_at: None,
        authors: Vec::new(),
        log: None,
    }
}

/// The file name of a record file that could not be read: its row's title.
pub(crate) fn failure_title(failure: &LoadFailure) -> &str {
    failure
        .rel_path
        .rsplit('/')
        .next()
        .unwrap_or(&failure.rel_path)
}

/// The label of a record file that could not be read: its number as its name writes it,
/// else its name.
pub(crate) fn failure_label(failure: &LoadFailure) -> String {
    match failure.file.number {
        Some(number) => {
            let digits = failure.file.scheme.digits();
            format!("{number:0digits$}")
        }
        None => failure_title(failure).trim_end_matches(".md").to_string(),
    }
}

/// The status a row of a file that could not be read shows.
pub(crate) fn failure_status() -> StatusView {
    StatusView {
        key: failure_status_key().to_string(),
        class: "error".into(),
        text: "parse error".to_string(),
    }
}

/// The status key of a row of a file that could not be read.
pub(crate) fn failure_status_key() -> &'static str {
    "parse error"
}

/// The view of the row of a record file that could not be read (its [`failure_label`] and
/// [`failure_title`]), its page being at `page`.
pub(crate) fn failure_entry_view(label: &str, title: &str, page: &str) -> EntryView {
    EntryView {
        label: label.to_string(),
        title: title.to_string(),
        url: encode_path(page),
        path: page.to_string(),
        status: failure_status(),
        date: None,
        iso_date: None,
        date_from_git: false,
        tags: Vec::new(),
        tag_keys: "[]".to_string(),
        doc: 0,
        last_changed: None,
        last_changed_at: None,
        authors: Vec::new(),
        log: None,
    }
}

pub(crate) fn error_view(failure: &LoadFailure) -> ErrorView {
    let location = match (failure.line, failure.column) {
        (Some(line), Some(column)) => Some(format!("line {line}, column {column}")),
        (Some(line), None) => Some(format!("line {line}")),
        _ => None,
    };
    let excerpt = match (&failure.source, failure.line) {
        (Some(source), Some(line)) => {
            let first = line.saturating_sub(2).max(1);
            let last = (line + 2).min(source.line_count());
            (first..=last)
                .map(|number| ExcerptLine {
                    number,
                    text: source.slice(source.line_span(number)).to_string(),
                    is_error: number == line,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    ErrorView {
        message: failure.message.clone(),
        location,
        excerpt,
    }
}

pub(crate) fn status_counts(statuses: impl Iterator<Item = StatusView>) -> Vec<StatusCount> {
    let mut counts: BTreeMap<(usize, String), StatusCount> = BTreeMap::new();
    for status in statuses {
        let order = match status.class.as_ref() {
            "draft" => 0,
            "proposed" => 1,
            "accepted" => 2,
            "rejected" => 3,
            "deprecated" => 4,
            "superseded" => 5,
            "none" => 7,
            "error" => 8,
            _ => 6,
        };
        counts
            .entry((order, status.key.clone()))
            .or_insert_with(|| StatusCount {
                key: status.key,
                class: status.class,
                text: status.text,
                count: 0,
            })
            .count += 1;
    }
    counts.into_values().collect()
}
