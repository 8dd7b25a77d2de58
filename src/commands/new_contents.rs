//! What `adr new` writes: the new record's text from a tera template or from adr-tools'
//! template (in an adr-tools log), with the `Supersedes` and `-l` link lines adr-tools adds,
//! and the superseded records' new texts. `new` numbers, names and creates the file.

use std::path::Path;

use crate::config::Project;
use crate::discover;
use crate::edit;
use crate::error::{Error, Result};
use crate::model::{Record, StatusKind};
use crate::record_template::{self, NewRecordContext, SupersededRecord, TemplateSource};

/// Everything of a new record but its number and file name, which may still change.
pub(crate) struct Draft<'a> {
    pub writer: &'a Writer,
    pub title: &'a str,
    pub date: &'a str,
    /// Lowercased, `proposed` when not given.
    pub status: &'a str,
    /// As given on the command line, if it was.
    pub status_given: Option<&'a str>,
    /// False for log4brains' dated names, which have no number.
    pub numbered: bool,
    pub tags: &'a [String],
    pub decision_makers: &'a [String],
    pub superseded: &'a [&'a Record],
    /// `-l` links: target, the new record's name for it, the target's name back.
    pub links: &'a [(&'a Record, String, String)],
}

impl Draft<'_> {
    /// The text of the record named `name` (at `path`) with this number.
    pub(crate) fn contents(&self, name: &str, path: &Path, number: u32) -> Result<String> {
        let contents = match self.writer {
            Writer::Template(template) => {
                record_template::render(template, &self.context(name, number))?
            }
            Writer::AdrTools(text) => {
                // adr-tools writes `Accepted` unless told otherwise.
                let status = self.status_given.map_or("Accepted".into(), capitalize);
                crate::adr_tools::render(text, number, self.title, self.date, &status)
            }
        };
        // adr-tools adds `Supersedes` lines after rendering; `adr`'s templates write them.
        let mut lines: Vec<String> = Vec::new();
        if matches!(self.writer, Writer::AdrTools(_)) {
            lines.extend(self.superseded.iter().map(|old| {
                let link = crate::log_path::markdown_link(name, &old.rel_path);
                format!("Supersedes [{}]({link})", crate::relation::link_text(old))
            }));
        }
        lines.extend(self.links.iter().map(|(target, forward, _)| {
            let link = crate::log_path::markdown_link(name, &target.rel_path);
            format!("{forward} [{}]({link})", crate::relation::link_text(target))
        }));
        super::link::with_lines(path, name, contents, &lines)
    }

    fn context(&self, name: &str, number: u32) -> NewRecordContext {
        NewRecordContext {
            title: self.title.to_string(),
            number: self.numbered.then_some(number),
            padded_number: name
                .split(['-', '.'])
                .next()
                .unwrap_or_default()
                .to_string(),
            date: self.date.to_string(),
            status: self.status.to_string(),
            tags: self.tags.to_vec(),
            decision_makers: self.decision_makers.to_vec(),
            supersedes: self
                .superseded
                .iter()
                .map(|record| SupersededRecord {
                    number: record.number(),
                    id: crate::new_record::record_id(record),
                    title: record.display_title(),
                    link: crate::log_path::markdown_link(name, &record.rel_path),
                })
                .collect(),
        }
    }
}

/// Refuses to supersede a record whose status already names its successor: rewriting the
/// status would drop that record from it without a word, and leave the log with two records
/// claiming to replace one.
pub(crate) fn refuse_second_successor(old: &Record) -> Result<()> {
    let Some(successor) = old.superseded_by() else {
        return Ok(());
    };
    let number = old
        .number()
        .map_or_else(|| old.rel_path.clone(), |n| n.to_string());
    Err(Error::usage(format!(
        "`{}` is already superseded by {}: supersede that record instead (`adr new --supersedes {}`), or first change the status of `{}` with `adr status {number} …`",
        old.rel_path,
        successor.label(),
        successor
            .number
            .map_or_else(|| successor.label(), |n| n.to_string()),
        old.rel_path,
    )))
}

/// Each superseded record's text with its status pointing at the new record, each edit
/// proven to read back.
pub(crate) fn superseded_texts<'a>(
    superseded: &[&'a Record],
    rel_path: &str,
    title: &str,
    number: u32,
    as_adr_tools: bool,
) -> Result<Vec<(&'a Record, String)>> {
    superseded
        .iter()
        .map(|old| {
            let value = edit::superseded_status(old, rel_path, title, number);
            // adr-tools moves the status to the end of the section, after other links.
            if as_adr_tools && let Some(edits) = crate::adr_tools::supersede_edits(old, &value) {
                let text = edit::apply_record_edits(old, &edits)?;
                let reparsed = edit::reparse(old, &text)?;
                if reparsed
                    .status
                    .as_ref()
                    .is_some_and(|status| status.kind == StatusKind::Superseded)
                {
                    return Ok((*old, text));
                }
            }
            let edit = edit::status_edit(old, &value)?;
            Ok((*old, edit::apply_status_edit(old, &edit, &value)?))
        })
        .collect()
}

/// How the new record is written: a tera template, or adr-tools' template text.
pub(crate) enum Writer {
    Template(TemplateSource),
    AdrTools(String),
}

/// The writer of a log whose config names no template: adr-tools' when the log is
/// adr-tools' (named by `.adr-dir`, or its newest record is a Nygard one), with the log's
/// own `templates/template.md` else adr-tools' template; MADR 2's when the newest record
/// is written that way (`* Status:` bullets); else MADR 4's.
pub(crate) fn default_writer(project: &Project, found: &discover::Discovered) -> Result<Writer> {
    let newest = found
        .records
        .iter()
        .max_by_key(|(_, _, file)| (file.number, file.date.clone()))
        .and_then(|(path, rel_path, file)| {
            crate::parse::load_record(path, rel_path.clone(), file.clone()).ok()
        });
    if let Some(writer) = adr_tools_writer(project, newest.as_ref())? {
        return Ok(writer);
    }
    let builtin = match newest.map(|record| record.style) {
        Some(crate::model::Style::Madr2) => "madr2",
        _ => "madr",
    };
    Ok(Writer::Template(TemplateSource::Builtin(builtin)))
}

/// adr-tools' writer when the log is adr-tools' (named by `.adr-dir`, or its `newest` record
/// is a Nygard one): the log's own `templates/template.md`, else adr-tools' template.
fn adr_tools_writer(project: &Project, newest: Option<&Record>) -> Result<Option<Writer>> {
    let named_by_adr_dir = matches!(
        project.dir_origin,
        crate::config::DirOrigin::AdrToolsFile(_)
    );
    if !crate::adr_tools::is_adr_tools_log(named_by_adr_dir, newest) {
        return Ok(None);
    }
    let own = project.log_dir.join(crate::adr_tools::LOG_TEMPLATE);
    if !own.is_file() {
        return Ok(Some(Writer::AdrTools(
            crate::adr_tools::TEMPLATE.to_string(),
        )));
    }
    let text =
        crate::fs::read_text_checked(&own, Some(project.boundary()), crate::fs::MAX_TEXT_BYTES)
            .map_err(|error| error.into_error("read the template", &own))?;
    Ok(Some(Writer::AdrTools(text)))
}

fn capitalize(value: &str) -> String {
    let mut chars = value.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
