//! What `adr new` writes: the new record's text from a tera template or from adr-tools'
//! template (in an adr-tools log), with the `Supersedes` and `-l` link lines adr-tools adds,
//! and the superseded records' new texts. `new` numbers, names and creates the file.

use std::path::Path;

use crate::config::Project;
use crate::discover;
use crate::error::Result;
use crate::model::{FrontMatterSyntax, Log, Record};
use crate::new_record::titled_in_front_matter;
use crate::record_template::{self, NewRecordContext, SupersededRecord, TemplateSource};

/// Everything of a new record but its number and file name, which may still change.
pub(crate) struct Draft<'a> {
    pub writer: &'a Writer,
    /// How the log writes its records: its title numbers (when the record is written the
    /// log's way) and line endings.
    pub manner: &'a crate::own_template::Manner,
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
    /// The log the superseded records are in, loaded only when there are some (or links).
    pub log: Option<&'a Log>,
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
                let status = self.status_given.map_or("Accepted".into(), |status| {
                    crate::casefold::capitalised(status.trim())
                });
                crate::adr_tools::render(text, number, self.title, self.date, &status)
            }
            Writer::Own(text) => crate::own_template::fill(
                text,
                &crate::own_template::Filled {
                    number,
                    title: self.title,
                    date: self.date,
                    status: self.status_given.or(self.manner.proposed_word().as_deref()),
                    front_matter_title: self
                        .manner
                        .front_title_shape
                        .as_ref()
                        .map(|shape| shape.title(number, self.title)),
                },
            ),
        };
        let contents = match &self.writer {
            Writer::Template(TemplateSource::Builtin(_)) => crate::new_record::made_like_the_log(
                crate::new_record::in_the_logs_keys(contents, self.manner.newest.as_ref()),
                self.manner.newest.as_ref(),
                number,
            ),
            Writer::Own(_) => crate::new_record::dated_like_the_log(
                contents,
                self.manner.newest.as_ref(),
                self.date,
            ),
            _ => contents,
        };
        let contents = match (&self.manner.title_shape, self.numbered) {
            (Some(shape), true) => {
                crate::own_template::reshape_title(&contents, shape, number, self.title)
            }
            _ => contents,
        };
        // A log whose records are titled by their front matter alone (a docs site's).
        let front_titled = self.manner.newest.as_ref().is_some_and(|record| {
            record.front_matter_title.is_some()
                && !record.sections.iter().any(|section| section.level == 1)
        });
        let syntax = (self.manner.newest.as_ref())
            .and_then(|record| record.front_matter.as_ref())
            .map_or(FrontMatterSyntax::Yaml, |front_matter| front_matter.syntax);
        let contents = match (front_titled, &self.manner.front_title_shape) {
            (false, _) => contents,
            (true, Some(shape)) if self.numbered => {
                titled_in_front_matter(&contents, &shape.title(number, self.title), syntax)
            }
            (true, _) => titled_in_front_matter(&contents, self.title, syntax),
        };
        // adr-tools adds `Supersedes` lines after rendering; `adr`'s templates write them.
        let mut lines: Vec<String> = Vec::new();
        if matches!(self.writer, Writer::AdrTools(_) | Writer::Own(_)) {
            lines.extend(self.superseded.iter().map(|old| {
                let link = crate::log_path::markdown_link(name, &old.rel_path);
                format!("Supersedes [{}]({link})", crate::relation::link_text(old))
            }));
        }
        lines.extend(self.links.iter().map(|(target, forward, _)| {
            let link = crate::log_path::markdown_link(name, &target.rel_path);
            format!("{forward} [{}]({link})", crate::relation::link_text(target))
        }));
        let contents = super::link::with_lines(path, name, contents, &lines)?;
        Ok(self.manner.line_endings(contents))
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

/// Each superseded record's text, from `log`, with its status pointing at the new record,
/// each edit proven to read back.
pub(crate) fn superseded_texts<'a>(
    (log, superseded): (Option<&Log>, &[&'a Record]),
    rel_path: &str,
    title: &str,
    number: u32,
    as_adr_tools: bool,
) -> Result<Vec<(&'a Record, String)>> {
    let successor = crate::supersede::Successor {
        rel_path,
        title: title.to_string(),
        number: Some(number).filter(|number| *number > 0),
    };
    // Records to supersede were found in the log, which is loaded only for them.
    let Some(log) = log else {
        return Ok(Vec::new());
    };
    superseded
        .iter()
        .map(|old| {
            let text = crate::supersede::superseded_text(log, old, &successor, as_adr_tools)?;
            Ok((*old, text))
        })
        .collect()
}

/// How the new record is written: a tera template, adr-tools' template text, or the log's
/// own template file filled in line by line.
pub(crate) enum Writer {
    Template(TemplateSource),
    AdrTools(String),
    Own(String),
}

/// The writer of the new record: a template named (`--template`, the config) as it is,
/// or filled in as the log's own when it is plain Markdown with no tera; without one, the
/// way the log's newest record is written ([`default_writer`]).
pub(crate) fn writer(
    project: &Project,
    found: &discover::Discovered,
    template: Option<TemplateSource>,
) -> Result<(Writer, crate::own_template::Manner)> {
    let manner = || crate::own_template::Manner::of(found);
    Ok(match template {
        None => default_writer(project, found)?,
        Some(template) => match template.plain_text()? {
            Some(text) => (Writer::Own(text), manner()),
            // With the log's line endings; its own title shape is the template's.
            None => (
                Writer::Template(template),
                crate::own_template::Manner {
                    title_shape: None,
                    ..manner()
                },
            ),
        },
    })
}

/// The writer of a log whose config names no template, and the shape of the log's
/// numbered titles (`# ADR-0009: …`) when its newest record has one: adr-tools' when the
/// log is adr-tools' (named by `.adr-dir` and not written in MADR, or its newest record is
/// a Nygard one) and keeps `templates/template.md`; else the log's own template when
/// `lint` holds records to it (a Nygard or custom one, `0000-adr-template.md`); else the
/// newest record's outline when its headings are in another language; else adr-tools'
/// template in an adr-tools log; MADR 2's when the newest record is written
/// that way (`* Status:` bullets); MADR 4's minimal one when it has none of MADR's optional
/// parts; else MADR 4's.
fn default_writer(
    project: &Project,
    found: &discover::Discovered,
) -> Result<(Writer, crate::own_template::Manner)> {
    let manner = crate::own_template::Manner::of(found);
    let newest = manner.newest.as_ref();
    // `.adr-dir` is often kept beside records written in MADR: they say how to write.
    let named_by_adr_dir = matches!(
        project.dir_origin,
        crate::config::DirOrigin::AdrToolsFile(_)
    ) && !newest.is_some_and(|record| record.style.is_madr());
    let adr_tools = crate::adr_tools::is_adr_tools_log(named_by_adr_dir, newest);
    let adr_tools_template = project.log_dir.join(crate::adr_tools::LOG_TEMPLATE);
    let writer = if adr_tools && adr_tools_template.is_file() {
        Writer::AdrTools(read_template(project, &adr_tools_template)?)
    } else if let Some(own) = crate::own_template::template_file(found) {
        Writer::Own(read_template(project, &own)?)
    } else if let Some(skeleton) = newest.and_then(crate::own_template::skeleton_of) {
        // A log written in another language: the newest record's headings, in its words.
        Writer::Own(skeleton)
    } else if adr_tools {
        Writer::AdrTools(crate::adr_tools::TEMPLATE.to_string())
    } else {
        let builtin = match newest.map(|record| record.style) {
            Some(crate::model::Style::Madr2) => "madr2",
            _ if newest.is_some_and(crate::new_record::is_minimal_madr) => "madr-minimal",
            _ => "madr",
        };
        Writer::Template(TemplateSource::Builtin(builtin))
    };
    Ok((writer, manner))
}

fn read_template(project: &Project, path: &Path) -> Result<String> {
    crate::fs::read_text_checked(path, Some(project.boundary()), crate::fs::MAX_TEXT_BYTES)
        .map_err(|error| error.into_error("read the template", path))
}
