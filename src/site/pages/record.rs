//! Record pages: one per record, with its details, table of contents, body and the
//! records before and after it; and one per record file that could not be read, showing
//! the error. A record's page is kept from the last build when everything it shows and
//! everywhere its links lead are as they were.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::model::LoadFailure;
use crate::site::html::{self, Destination, LinkKind};
use crate::site::incremental::stamps::InputHasher;
use crate::site::links::{Found, Linker, Target};
use crate::site::repository::Repository;
use crate::site::rows::Rows;
use crate::site::templates::{BODY_MARKER, splice};
use crate::site::views::{
    EntryRef, EntryView, Neighbour, RecordView, details_of, error_view, root_of, toc_html,
};
use crate::site::{
    PageCache, PageLinks, PageSink, PathId, RecordPage, Site, SiteRecord, StatusClass, decision,
    highlight,
};

impl Site {
    /// The page of one record (or of a file that failed to parse). Its body goes in by
    /// [`splice`](crate::site::templates::splice), like the rows of the index page: through tera it would be copied into
    /// the context and out again, for every record.
    pub(crate) fn put_record_page(
        &self,
        sink: &dyn PageSink,
        entry: &EntryView,
        record: &mut RecordView<'_>,
    ) -> Result<()> {
        let body = std::mem::replace(&mut record.body, BODY_MARKER);
        let context = |record: &RecordView<'_>| {
            let mut context =
                self.context(&root_of(&entry.url), &entry.title, "record", &entry.url);
            context.insert("entry", entry);
            context.insert("record", record);
            context
        };
        let page = self.render_by_skeleton("record.html", context(record))?;
        let page = match splice(page, &[BODY_MARKER], &[body]) {
            Ok(page) => page,
            Err(_) => {
                record.body = body;
                self.render("record.html", &context(record))?.into_bytes()
            }
        };
        sink.put(&entry.path, page)
    }
}

/// What every record page is made from besides its record: the rows of the log, the
/// supersessions, the link resolver and the last build's pages.
pub(crate) struct RecordPages<'a> {
    pub(crate) site: &'a Site,
    /// The rows of the index, in order.
    pub(crate) rows: &'a Rows<'a>,
    /// Record index → its row.
    pub(crate) record_entry: &'a [usize],
    /// Failure index → its row.
    pub(crate) failure_entry: HashMap<usize, usize>,
    /// Record index → the records superseding it.
    pub(crate) superseded_by: &'a [BTreeSet<usize>],
    /// Record index → the records it supersedes.
    pub(crate) supersedes: &'a [BTreeSet<usize>],
    pub(crate) linker: &'a Linker<'a>,
    pub(crate) previous: &'a PageCache,
    pub(crate) sink: &'a dyn PageSink,
    /// The repository's web address and where the log is in it, for "Source" and "Edit".
    pub(crate) repository: Option<(&'a Repository, String)>,
    /// Row position → a hash of the row ([`EntryView`]), made once per build.
    pub(crate) row_hashes: &'a [u128],
    /// A hash of what every record page shows besides its record and rows: where the
    /// Source and Edit links lead.
    pub(crate) base_key: u128,
    /// Row position → whether the rows a page there shows are the last build's, when every
    /// row is where it was ([`crate::site::RowsSeen`]).
    pub(crate) unchanged_windows: Option<&'a [bool]>,
}

/// How many records before and after a record its page lists: a change to one record
/// touches at most this many pages on each side (not every page of the log).
pub(crate) const NEIGHBOURS: usize = 10;

impl<'a> RecordPages<'a> {
    fn entry_ref(&self, position: usize) -> Option<EntryRef> {
        self.rows.reference(position)
    }

    /// The rows around `position`, for the list beside a record.
    /// The Source and Edit links of the file at `rel_path`: the project's repository, else
    /// (a site made from exports) the repository the record's export names.
    fn source_links(&self, rel_path: &str) -> Option<crate::site::repository::SourceLinks> {
        match &self.repository {
            Some((repository, prefix)) => Some(repository.links(prefix, rel_path)),
            None => self.site.source_links(rel_path),
        }
    }

    fn neighbours(&self, position: usize) -> Vec<Neighbour> {
        let first = position.saturating_sub(NEIGHBOURS);
        let last = (position + NEIGHBOURS + 1).min(self.rows.len());
        (first..last)
            .filter_map(|at| self.rows.neighbour(at, at == position))
            .collect()
    }

    fn record_ref(&self, index: usize) -> Option<EntryRef> {
        self.record_entry
            .get(index)
            .and_then(|&position| self.entry_ref(position))
    }

    /// The rows of the records in `sets` at `index` (those superseding it, or those it
    /// supersedes).
    fn related(&self, sets: &[BTreeSet<usize>], index: usize) -> Vec<EntryRef> {
        sets.get(index)
            .into_iter()
            .flatten()
            .filter_map(|&other| self.record_ref(other))
            .collect()
    }

    /// The key of the record page at `position`: a hash of everything the page shows,
    /// taken from hashes made once per build rather than from the page's view, so that
    /// deciding a page is unchanged costs a few hashes (at 10,000 records, building every
    /// page's view to hash it was a fifth of a one-record re-render). The record's text hash
    /// stands for its body, details and status; the row hashes of the window around it for
    /// its own row, the list beside it and its previous and next; the rows of the records
    /// it supersedes or is superseded by for those links; the destinations for where its
    /// links lead.
    fn page_key(
        &self,
        index: usize,
        position: usize,
        record: &SiteRecord,
        resolved: &[(Target<'_>, Option<Found>)],
    ) -> u128 {
        let first = position.saturating_sub(NEIGHBOURS);
        let last = (position + NEIGHBOURS + 1).min(self.rows.len());
        let window = self.row_hashes.get(first..last).unwrap_or_default();
        let related = |sets: &[BTreeSet<usize>]| -> Vec<u128> {
            sets.get(index)
                .into_iter()
                .flatten()
                .filter_map(|&other| {
                    let at = *self.record_entry.get(other)?;
                    self.row_hashes.get(at).copied()
                })
                .collect()
        };
        let destinations: Vec<&Target<'_>> = resolved
            .iter()
            .map(|(destination, _)| destination)
            .collect();
        let mut hasher = InputHasher::new();
        hasher.hashes(&[self.base_key, record.text_hash]);
        hasher.field(record.rel_path.as_bytes());
        hasher.field(&((position - first) as u64).to_le_bytes());
        hasher.hashes(window);
        hasher.hashes(&related(self.superseded_by));
        hasher.hashes(&related(self.supersedes));
        hasher.part(&destinations);
        hasher.finish()
    }

    /// Whether the record at `index` has records it supersedes or is superseded by.
    fn has_related(&self, index: usize) -> bool {
        [self.superseded_by, self.supersedes]
            .iter()
            .any(|sets| sets.get(index).is_some_and(|set| !set.is_empty()))
    }

    /// The rows the links of the page at `position` led to in the last build, when the page
    /// it left is made from what the page would be made from now, without resolving its
    /// links: every row is where it was and those the page shows are unchanged
    /// ([`RecordPages::unchanged_windows`]), its record was not read again (its text is the
    /// one the page was made from), it shows no supersessions (then or now) and its links
    /// led only to records' pages or within itself. Each input of
    /// [`RecordPages::page_key`] is then the last build's.
    fn as_last_built(
        &self,
        index: usize,
        position: usize,
        record: &SiteRecord,
    ) -> Option<&'a [u32]> {
        let unchanged = self.unchanged_windows?.get(position) == Some(&true)
            && !record.parsed_now
            && !self.has_related(index);
        unchanged.then_some(())?;
        self.previous.rows.links_of(position)
    }

    /// What the next build keeps of the page at `position`, whose links lead to `resolved`:
    /// the rows they lead to, when each leads to a record's page or within the page and
    /// the page shows no supersessions.
    fn links_to_note(
        &self,
        index: usize,
        position: usize,
        resolved: &[(Target<'_>, Option<Found>)],
    ) -> PageLinks {
        if self.has_related(index) {
            return PageLinks::Unknown;
        }
        page_links(position, resolved).map_or(PageLinks::Unknown, PageLinks::Rows)
    }

    /// The page of the record at `index` of the log, kept or made; returns its row and how
    /// it was made.
    pub(crate) fn record_page(
        &self,
        index: usize,
        record: &SiteRecord,
    ) -> Result<(usize, RecordPage, PageLinks)> {
        let position = self.record_entry.get(index).copied().unwrap_or(usize::MAX);
        let no_row = || {
            Error::usage(format!(
                "{} has no row in the index: this is a bug in adr",
                record.rel_path
            ))
        };
        let entry = self.rows.entries.get(position).ok_or_else(no_row)?;
        let linker = self.linker;
        if let Some(cached) = self.previous.records.get(&PathId::of(&entry.page)) {
            if let Some(links) = self.as_last_built(index, position, record)
                && self.sink.keep(&entry.page)
            {
                // The shortcut stands for resolving the links and comparing the key, and
                // every test that renders twice holds it to them.
                debug_assert_eq!(
                    (
                        self.page_key(
                            index,
                            position,
                            record,
                            &targets(linker, record, &cached.urls)
                        ),
                        page_links(position, &targets(linker, record, &cached.urls)).as_deref(),
                    ),
                    (cached.key, Some(links)),
                    "{} kept as last built",
                    record.rel_path
                );
                // Its links are noted from the last build's, with those of every page so kept.
                return Ok((position, RecordPage::kept(cached), PageLinks::AsBefore));
            }
            let resolved = targets(linker, record, &cached.urls);
            if self.page_key(index, position, record, &resolved) == cached.key
                && self.sink.keep(&entry.page)
            {
                let links = self.links_to_note(index, position, &resolved);
                linker.note_all(resolved.into_iter().map(|(_, found)| found));
                return Ok((position, RecordPage::kept(cached), links));
            }
        }
        let entry = self.rows.view(position).ok_or_else(no_row)?;
        let text = record.take_text(self.rows.log_dir)?;
        let meta = record.meta_rows(self.rows.log_dir, &text);
        let details = details_of(&meta, &entry);
        let mut view = RecordView {
            decision: None,
            meta: details.known,
            authors: details.authors,
            more: details.more,
            body: "",
            toc: &[],
            toc_html: String::new(),
            superseded_by: self.related(self.superseded_by, index),
            supersedes: self.related(self.supersedes, index),
            superseded_note: None,
            prev: position.checked_sub(1).and_then(|at| self.entry_ref(at)),
            next: self.entry_ref(position + 1),
            neighbours: self.neighbours(position),
            source: self.source_links(&record.rel_path),
            error: None,
            diagrams: false,
        };
        view.superseded_note = match &record.status {
            Some(status)
                if status.class == StatusClass::Superseded && view.superseded_by.is_empty() =>
            {
                Some(status.raw.clone())
            }
            _ => None,
        };
        let markdown = text.get(record.body_start..).unwrap_or("");
        // Not part of the page's key: the text hash stands for it.
        let decision = decision::decision_of(markdown);
        let urls = Mutex::new(Vec::new());
        let mut body =
            html::render_body(markdown, record.has_title, &|url: &str, kind: LinkKind| {
                if let Ok(mut urls) = urls.lock() {
                    urls.push((url.to_string(), kind));
                }
                linker.resolve(&record.rel_path, url, kind)
            });
        let search = crate::site::pages::search::entry_of_text(record, &text);
        drop(text);
        let urls = urls.into_inner().unwrap_or_default();
        let resolved = targets(linker, record, &urls);
        let key = self.page_key(index, position, record, &resolved);
        let links = self.links_to_note(index, position, &resolved);
        drop(resolved);
        finish_body(&mut body, decision.as_ref());
        view.decision = decision;
        view.diagrams = html::has_diagram(&body.html);
        view.body = &body.html;
        view.toc = &body.toc;
        view.toc_html = toc_html(&body.toc);
        self.site.put_record_page(self.sink, &entry, &mut view)?;
        Ok((
            position,
            RecordPage {
                key,
                urls,
                search: Some(Box::new(search)),
                diagrams: view.diagrams,
                kept: false,
            },
            links,
        ))
    }

    /// The pages of the record files that could not be read.
    pub(crate) fn failure_pages(&self, failures: &[LoadFailure]) -> Result<()> {
        use rayon::prelude::*;
        failures
            .par_iter()
            .enumerate()
            .try_for_each(|failure| self.failure_page(failure))
    }

    /// The page of the record file at `index` of the failures, showing its error.
    pub(crate) fn failure_page(&self, (index, failure): (usize, &LoadFailure)) -> Result<()> {
        let position = self
            .failure_entry
            .get(&index)
            .copied()
            .unwrap_or(usize::MAX);
        let Some(entry) = self.rows.view(position) else {
            return Ok(());
        };
        let mut view = RecordView {
            decision: None,
            meta: Vec::new(),
            authors: Vec::new(),
            more: Vec::new(),
            body: "",
            toc: &[],
            toc_html: String::new(),
            superseded_by: Vec::new(),
            supersedes: Vec::new(),
            superseded_note: None,
            prev: position.checked_sub(1).and_then(|at| self.entry_ref(at)),
            next: self.entry_ref(position + 1),
            neighbours: self.neighbours(position),
            source: self.source_links(&failure.rel_path),
            error: Some(error_view(failure)),
            diagrams: false,
        };
        self.site.put_record_page(self.sink, &entry, &mut view)
    }
}

/// What the page adds to a record's sanitised HTML: the chosen option marked, code
/// highlighted, task checkboxes labelled, in-page fragments matched to their headings.
fn finish_body(body: &mut html::Body, decision: Option<&decision::DecisionView>) {
    if let Some(option) = decision.and_then(|decision| decision.option.as_deref())
        && let Some(marked) = decision::mark_chosen_option(&body.html, &body.toc, option)
    {
        body.html = marked;
    }
    if let Some(highlighted) = highlight::highlight_code_blocks(&body.html) {
        body.html = highlighted;
    }
    if let Some(labelled) = html::label_task_checkboxes(&body.html) {
        body.html = labelled;
    }
    if let Some(matched) = html::match_fragment_case(&body.html) {
        body.html = matched;
    }
}

/// The rows the links `resolved` from the page at `position` lead to, when each leads to a
/// record's page or within the page ([`RecordPage::page_links`]).
fn page_links(position: usize, resolved: &[(Target<'_>, Option<Found>)]) -> Option<Vec<u32>> {
    resolved
        .iter()
        .filter_map(|link| match link {
            (Target::Page { .. }, Some(Found::Link(from, to))) if *from == position => {
                Some(u32::try_from(*to).ok())
            }
            (Target::Other(Destination::Keep), None) => None,
            _ => Some(None),
        })
        .collect()
}

/// Where each of `urls` in `record` leads, as its page's key holds it.
fn targets<'u>(
    linker: &'u Linker<'_>,
    record: &SiteRecord,
    urls: &'u [(String, LinkKind)],
) -> Vec<(Target<'u>, Option<Found>)> {
    urls.iter()
        .map(|(url, kind)| linker.target(&record.rel_path, url, *kind))
        .collect()
}
