//! `adr new` in a log that keeps its own template and its own title shape: the template
//! file filled in line by line (its headings, prose and front-matter keys kept as written;
//! the title, status and date set), and the H1 numbered the way the log's newest record
//! numbers its own (`# ADR-0009: Title`, `# 9. Title`, `# 0009 - Title`).
//!
//! Hand-written rather than a tera template: the file is the log's, in the log's language,
//! and often not valid tera (`{short title}` prompts) or YAML (`status: {proposed | …}`).
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::model::{Record, Status, StatusKind};
use crate::parse::heading_id::is_myst_target;
use crate::parse::status_checklist;
use crate::vocabulary::{
    Kind, Label, english_heading, fill_date_prompts, label, normalize_heading,
};
use title::{has_number_placeholder, numbered_label, title_marker};

/// The parts of a record the skeleton of a translated one keeps beside a decision's
/// sections ([`crate::model::DECISION_SECTIONS`]), by their English names.
const OTHER_PARTS: [&str; 3] = ["more information", "confirmation", "date"];

/// How many of the newest records `adr new` tries to read, for how the log is written.
const NEWEST_TRIED: usize = 8;

/// How a log writes its records, as its newest record that reads shows it.
#[derive(Debug, Default)]
pub struct Manner {
    /// The newest record that reads and has the sections most of the newest have: one
    /// whose front matter is broken says nothing of how the log is written (Ensembl's
    /// `tag:General` made `new` write MADR in a Nygard log), nor one that left out a part.
    pub newest: Option<Record>,
    /// How it numbers its title, when it does.
    pub title_shape: Option<TitleShape>,
    /// How it numbers a front-matter `title:` (`ADR 1 - Record decisions`), when it does.
    pub front_title_shape: Option<TitleShape>,
    /// Its lines end with CR LF.
    pub crlf: bool,
    /// The other newest records that read, whose statuses show the log's words for them.
    pub neighbours: Vec<Record>,
}

impl Manner {
    pub fn of(found: &crate::discover::Discovered) -> Manner {
        let mut by_age: Vec<_> = found.records.iter().collect();
        let dated_newer = crate::model::dates_are_newer(by_age.iter().map(|(_, _, file)| file));
        by_age
            .sort_by_key(|(_, _, file)| std::cmp::Reverse(crate::model::age_of(file, dated_newer)));
        // Each of the newest files read once, the way every record is read (a FIFO named
        // like a record is refused, not waited on).
        let newest_texts: Vec<_> = by_age
            .into_iter()
            .take(NEWEST_TRIED)
            .filter_map(|entry| {
                let text =
                    crate::fs::read_text_checked(&entry.0, None, crate::parse::MAX_RECORD_BYTES);
                Some((entry, text.ok()?))
            })
            .collect();
        // Most of the newest records, not the newest alone: one saved on Windows in a log
        // of LF files says nothing of the log.
        let crlf = newest_texts
            .iter()
            .filter(|(_, text)| text.contains("\r\n"))
            .count()
            * 2
            > newest_texts.len();
        let read = newest_texts
            .into_iter()
            .filter_map(|((path, rel_path, file), text)| {
                let source = crate::source::SourceFile::new(path, text);
                crate::parse::parse_record(source, rel_path.clone(), file.clone()).ok()
            });
        let mut neighbours: Vec<Record> = read.collect();
        let typical = typical_of(&neighbours);
        let newest = (!neighbours.is_empty()).then(|| neighbours.remove(typical));
        Manner {
            title_shape: newest.as_ref().and_then(TitleShape::of),
            front_title_shape: newest
                .as_ref()
                .and_then(|record| record.front_matter_title.as_ref())
                .filter(|title| crate::parse::strip_title_number(&title.value).1.is_some())
                .and_then(|title| numbered_shape(&title.value, true)),
            crlf,
            newest,
            neighbours,
        }
    }

    /// The log's own word for a new record's status, when its newest record writes its
    /// status in a language other than English (`Geaccepteerd` → `Voorgesteld`), in that
    /// record's case and script: a template's prompt is English more often than the log it
    /// serves. A proposed record among the newest gives it as written.
    pub fn proposed_word(&self) -> Option<String> {
        let newest = self.newest.as_ref()?;
        let written = newest.status.as_ref()?.raw.trim();
        // As the log's proposed records write it (`已提議 (Proposed)`), when one is new.
        crate::vocabulary::language_of_status(written)?;
        let records = std::iter::once(newest).chain(&self.neighbours);
        if let Some(word) = crate::edit::log_word(records, newest, &StatusKind::Proposed) {
            return Some(word);
        }
        let word = crate::vocabulary::status_word_like(written, "proposed", &newest.source.text)?;
        Some(
            match written.chars().next().is_some_and(char::is_uppercase) {
                true => crate::casefold::capitalised(word),
                false => word.to_string(),
            },
        )
    }

    /// `text` with the log's line endings.
    pub fn line_endings(&self, text: String) -> String {
        match self.crlf {
            true => text.replace("\r\n", "\n").replace('\n', "\r\n"),
            false => text,
        }
    }
}

/// Which of the newest `records` (newest first) a new record is written like: the newest
/// that has every `##` section most of those in the newest's layout have. The newest alone
/// may lack one the rest have (bike-rental-system's 0010, without `## Opciones
/// consideradas`), and a record written like it failed lint at once. Records in another
/// layout have no say: a log that moved to MADR keeps its newest layout.
fn typical_of(records: &[Record]) -> usize {
    let Some(newest_style) = records.first().map(|record| record.style) else {
        return 0;
    };
    // A newest record in no known layout (athens' two newest are notes) is no new layout
    // when most of the newest are written in one: those say how the log is written.
    let of_style = |style: crate::model::Style| {
        records
            .iter()
            .filter(|record| record.style == style)
            .count()
    };
    let style = match records
        .iter()
        .map(|record| record.style)
        .max_by_key(|&style| of_style(style))
    {
        Some(most)
            if newest_style == crate::model::Style::Other && of_style(most) * 2 > records.len() =>
        {
            most
        }
        _ => newest_style,
    };
    let sections_of = |record: &Record| -> Vec<String> {
        record
            .sections
            .iter()
            .filter(|section| section.level == 2)
            .map(|section| section.key().to_string())
            .collect()
    };
    let all: Vec<Vec<String>> = records
        .iter()
        .map(|record| match record.style == style {
            true => sections_of(record),
            false => Vec::new(),
        })
        .collect();
    let in_layout = records
        .iter()
        .filter(|record| record.style == style)
        .count();
    let common: Vec<&String> = all
        .iter()
        .flatten()
        .filter(|key| all.iter().filter(|keys| keys.contains(key)).count() * 2 > in_layout)
        .collect();
    records
        .iter()
        .zip(&all)
        .position(|(record, keys)| {
            record.style == style && common.iter().all(|key| keys.contains(key))
        })
        .unwrap_or(0)
}

/// The log's own template when it is not one of the MADR layouts `adr new` writes itself
/// (a Nygard, custom or MADR 1 one, or a MADR one in another language): a record written
/// another way fails the lint straight away, MADR 1's shape (context under the title,
/// alternatives) is no built-in's, and the built-ins are English (CQEN's French
/// `gabarit.md`, whose front matter every record keeps).
pub fn template_file(found: &crate::discover::Discovered) -> Option<std::path::PathBuf> {
    let mut unnamed = found.unnamed_markdown.clone();
    let mut skipped = found.skipped.clone();
    crate::load::recognise_by_content(&mut unnamed, &mut skipped);
    crate::load::recognise_numbered_templates(&mut found.records.clone(), &mut skipped);
    let template = crate::load::choose_template(&skipped)?;
    let headings: Vec<&str> = template.sections.iter().map(String::as_str).collect();
    let translated = crate::vocabulary::language_of_headings(&headings)
        .is_some_and(|language| language.code != "en");
    (translated
        || matches!(
            template.style,
            crate::model::Style::Nygard | crate::model::Style::Other | crate::model::Style::Madr1
        )
        || !is_stock_madr(&template.path))
    .then_some(template.path)
}

/// Whether the MADR template at `path` is MADR's own, its prompts kept (`{title of option
/// 1}`): the built-in writes the same record with its metadata filled in. A template of the
/// log's own making (bo-tech's: a MyST label, `# NNNN Short title`, no prompts) is used.
fn is_stock_madr(path: &std::path::Path) -> bool {
    let Ok(text) = crate::fs::read_text_checked(path, None, crate::fs::MAX_TEXT_BYTES) else {
        return true;
    };
    [
        "title of option 1",
        "Describe the context and problem statement",
    ]
    .iter()
    .any(|prompt| text.contains(prompt))
}

/// How a log's titles carry their number: the text before the number, its width, and the
/// text between it and the title (`ADR-`, 4, `: ` for `# ADR-0009: Title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleShape {
    before: String,
    width: usize,
    after: String,
    /// What comes before and after the number in a heading id after the title (`{#adr_0035}`).
    id: Option<(String, String)>,
}

impl TitleShape {
    /// The shape of `record`'s H1 when its title carries a number; `None` otherwise.
    pub fn of(record: &Record) -> Option<TitleShape> {
        let heading = record.sections.get(record.title_section()?)?;
        let text = record.source.slice(heading.heading_span);
        let text = text.trim_start_matches(['#', ' ', '\t']).trim_end();
        let titled = crate::parse::heading_id::without_heading_id(text);
        let mut shape = numbered_shape(titled, true)?;
        // `# RFC 092: …`, the title read whole: numbered when the number is the file's.
        let number = record.title_number.or_else(|| {
            let digits = titled.get(shape.before.len()..shape.before.len() + shape.width)?;
            let number = digits.parse().ok()?;
            (is_acronym_prefix(&shape.before) && record.file.number == Some(number))
                .then_some(number)
        })?;
        let id = text.get(titled.len()..).unwrap_or_default();
        let written = format!("{number:0width$}", width = shape.width);
        shape.id = id
            .rsplit_once(written.as_str())
            .map(|(before, after)| (before.to_string(), after.to_string()));
        Some(shape)
    }

    /// `title` numbered `number` in this shape: `ADR-0010: Title`, `36) Title {#adr_0036}`.
    pub fn title(&self, number: u32, title: &str) -> String {
        let id = self
            .id
            .as_ref()
            .map_or_else(String::new, |(before, after)| {
                format!("{before}{number:0width$}{after}", width = self.width)
            });
        format!(
            "{}{number:0width$}{}{title}{id}",
            self.before,
            self.after,
            width = self.width
        )
    }
}

/// Gives `text`'s first H1 the title in `shape`, keeping its line ending.
pub fn reshape_title(text: &str, shape: &TitleShape, number: u32, title: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = false;
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !done && !in_fence && line.starts_with("# ") {
            out.push_str("# ");
            out.push_str(&shape.title(number, title));
            out.push_str(line_ending(line));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// What a record made from a log's template is given.
pub struct Filled<'a> {
    pub number: u32,
    pub title: &'a str,
    pub date: &'a str,
    /// The status asked for, when one was; else the template's word for `proposed`.
    pub status: Option<&'a str>,
    /// What a front-matter `title:` takes, when not the title alone (`ADR 25 - Title`).
    pub front_matter_title: Option<String>,
}

/// The log's template `text` filled in: the first H1 takes the title (numbered when the
/// template numbers its own, `# ADR-0000: Vorlage`), front-matter `title:`, `status:` (or
/// `adr_status:`) and `date:` take theirs, `Date:` lines and table rows (in any language
/// the tables read) and `YYYY-MM-DD` prompts take the date, and the `Status` section's
/// first line, status line or quoted prompt takes the status, chosen from the template's
/// list of choices (`Vorgeschlagen | Akzeptiert`) when it has one. HTML comments and code
/// blocks are kept as they are.
pub fn fill(text: &str, filled: &Filled) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut lines = text.split_inclusive('\n').peekable();
    if lines.peek().is_some_and(|line| line.trim_end() == "---") {
        front_matter::fill_front_matter(&mut lines, &mut out, filled, title_prompt(text));
    }
    let mut titled = false;
    // The part a line is in: before any `##` (the preamble), `Status`, `Date`, or another.
    let mut part = Part::Preamble;
    let mut status_written = false;
    let mut date_written = false;
    let mut in_fence = false;
    let mut in_comment = false;
    let mut in_status_quote = false;
    let lines: Vec<&str> = lines.collect();
    let title_at = explained_title_at(&lines);
    let title_marker = title_marker(&lines);
    for (at, line) in lines.into_iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        // A comment's text is the template's guidance (`# 99. Believe in ghosts` as an
        // example title): kept as it is.
        let opens_comment = !in_comment && trimmed.starts_with("<!--") && !trimmed.contains("-->");
        if in_fence || in_comment || opens_comment {
            in_comment = (in_comment || opens_comment) && !trimmed.contains("-->");
            out.push_str(line);
            continue;
        }
        if is_myst_target(trimmed) && !titled {
            out.push_str(&numbered_label(line, filled.number));
            continue;
        }
        if title_at.is_some_and(|title| at < title) && !trimmed.starts_with("<!--") {
            continue;
        }
        // `ADR: タイトル` above the first heading (touka-aoi/parallel-vs-single): the title's
        // line, though no heading.
        if !titled
            && part == Part::Preamble
            && let Some(label) = titled_line_label(trimmed)
        {
            titled = true;
            out.push_str(&format!("{label} {}{}", filled.title, line_ending(line)));
            continue;
        }
        // `# Status` as the template's first H1 names a part, not the record: kept.
        if let Some(heading) = line
            .strip_prefix(title_marker)
            .filter(|heading| !titled && !crate::parse::style::is_section_title(heading))
        {
            titled = true;
            let title = match numbered_shape(heading.trim(), false) {
                Some(shape) => shape.title(filled.number, filled.title),
                None => filled.title.to_string(),
            };
            out.push_str(&format!("{title_marker}{title}{}", line_ending(line)));
            continue;
        }
        if trimmed.starts_with('#') {
            part = part_headed(trimmed);
            out.push_str(line);
            continue;
        }
        let is_text = !trimmed.is_empty() && !trimmed.starts_with("<!--");
        let ending = line_ending(line);
        match part {
            // A quoted prompt (`> Accepted or Rejected`, `>`, `> Valid statuses are …`)
            // gives way to the status as a whole.
            Part::Status if in_status_quote && trimmed.starts_with('>') => {}
            // `- **Status**: [Draft | Accepted]` among other labelled lines of the section.
            Part::Status if labelled(line, Label::Status).is_some() => {
                status_written = true;
                out.push_str(&status_in_section(line, filled));
            }
            // `- **提案日**: YYYY-MM-DD`: another part of the section, kept.
            Part::Status if is_labelled(trimmed) => out.push_str(&with_date(line, filled.date)),
            // `- [ ] Foreslått (dato: ÅÅÅÅ-MM-DD)`: a checklist of stages, the one asked
            // for (else the first) ticked and dated, the others kept as they are.
            Part::Status if status_checklist::stage_text(line).is_some() => {
                out.push_str(&stage_filled(line, filled, &mut status_written));
            }
            Part::Status if is_text && !status_written => {
                status_written = true;
                in_status_quote = trimmed.starts_with('>');
                out.push_str(&status_in_section(line, filled));
            }
            Part::Status if is_text => out.push_str(&with_date(line, filled.date)),
            Part::Date if is_text && !date_written => {
                date_written = true;
                out.push_str(&format!("{}{ending}", filled.date));
            }
            Part::Preamble => {
                if let Some(dated) = dated(line, filled.date) {
                    out.push_str(&dated);
                } else if let Some((head, value)) = labelled(line, Label::Status) {
                    let status = status_line(value, filled);
                    out.push_str(&format!("{head} {status}{}{ending}", hard_break(line)));
                } else if trimmed.starts_with('|') {
                    out.push_str(&table_row(line, filled));
                } else {
                    out.push_str(&with_date(line, filled.date));
                }
            }
            _ => out.push_str(&metadata_anywhere(
                line,
                filled,
                (&mut status_written, &mut date_written),
            )),
        }
        if !trimmed.starts_with('>') {
            in_status_quote = false;
        }
    }
    out
}

/// The template's H1 below its front matter: the prompt a front-matter key may repeat.
fn title_prompt(text: &str) -> Option<&str> {
    text.lines()
        .skip(1)
        .skip_while(|line| line.trim_end() != "---")
        .find_map(|line| line.strip_prefix("# "))
        .map(str::trim)
}

/// A line of no part that holds metadata: `* statut : "{proposé | rejeté | …}"` and `*
/// date : {AAAA-MM-JJ, …}` under `# Ce sont des éléments de métadonnées optionnels`, a
/// comment written as an H1 (ansforge), filled when no status or date was yet.
fn metadata_anywhere(line: &str, filled: &Filled, written: (&mut bool, &mut bool)) -> String {
    let (status_written, date_written) = written;
    if !*status_written && labelled(line, Label::Status).is_some() {
        *status_written = true;
        return status_in_section(line, filled);
    }
    if !*date_written && let Some(dated) = dated(line, filled.date) {
        *date_written = true;
        return dated;
    }
    with_date(line, filled.date)
}

/// The part of the template a `heading` line begins.
fn part_headed(heading: &str) -> Part {
    let name = normalize_heading(heading.trim_start_matches('#'));
    match english_heading(&name).unwrap_or(&name) {
        "status" => Part::Status,
        "date" => Part::Date,
        _ if label(&name) == Some(Label::Date) => Part::Date,
        _ => Part::Other,
    }
}

/// A line of the `Status` section with the status in it: a labelled status line
/// (`- **状態**: [Draft | Accepted]`) keeps its label, a date line (`- **Date**: …`) takes
/// the date, any other line is the status.
fn status_in_section(line: &str, filled: &Filled) -> String {
    let ending = line_ending(line);
    if let Some(dated) = dated(line, filled.date) {
        return dated;
    }
    if let Some((head, value)) = labelled(line, Label::Status) {
        return format!("{head} {}{ending}", status_line(value, filled));
    }
    let content = line.trim().trim_start_matches('>').trim();
    format!("{}{ending}", status_line(content, filled))
}

/// Whether a line is a label and its value (`- **提案日**: YYYY-MM-DD`, `Owner: …`).
fn is_labelled(line: &str) -> bool {
    let content = line.trim_start_matches(['-', '*', '+', '>', ' ']);
    let Some((label, value)) = content.split_once([':', '：']) else {
        return false;
    };
    let label = label.trim_matches(['*', '_', ' ']);
    !label.is_empty()
        && label.chars().count() <= 24
        && !label.contains(['|', '[', '('])
        && !value.trim_start().starts_with("//")
}

/// A template's table row (`| Date | insert data |`, `| Status | Approved |`) with the
/// date or status in the cell after its label.
fn table_row(line: &str, filled: &Filled) -> String {
    let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
    let (Some(name), Some(_)) = (cells.first(), cells.get(1)) else {
        return line.to_string();
    };
    let name = name.trim().trim_matches(['*', '_']);
    let value = match label(name) {
        Some(Label::Date) => filled.date.to_string(),
        Some(Label::Status) => status_line(cells[1], filled),
        _ => return line.to_string(),
    };
    let mut row = format!("| {} | {value} |", cells[0].trim());
    for cell in cells.iter().skip(2) {
        row.push_str(&format!(" {} |", cell.trim()));
    }
    format!("{row}{}", line_ending(line))
}

/// The label of a template's title line that is no heading (`ADR:` of `ADR: タイトル`,
/// `Title:` of `Title: <title>`), with its colon.
fn titled_line_label(line: &str) -> Option<&str> {
    let (label, rest) = line.split_once([':', '：'])?;
    let label_end = label.len() + line.get(label.len()..)?.chars().next()?.len_utf8();
    (crate::parse::is_title_label(label) && !rest.trim().is_empty())
        .then(|| line.get(..label_end))
        .flatten()
}

/// A template's stage line (`- [ ] Foreslått (dato: ÅÅÅÅ-MM-DD)`): ticked and dated when
/// it is the status asked for (else the first stage) and none is yet (`status_written`).
fn stage_filled(line: &str, filled: &Filled, status_written: &mut bool) -> String {
    let is_asked = |stage: &str| {
        filled
            .status
            .is_none_or(|asked| Status::read(stage).0 == Status::read(asked).0)
    };
    match status_checklist::stage_text(line).filter(|stage| !*status_written && is_asked(stage)) {
        Some(_) => {
            *status_written = true;
            status_checklist::ticked_line(line, filled.date).unwrap_or_else(|| line.to_string())
        }
        None => line.to_string(),
    }
}

/// Where in the template a line is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Preamble,
    Status,
    Date,
    Other,
}

/// `RFC ` of `RFC 092: …` (wellcomecollection): two to five capitals and a space, before a
/// number.
fn is_acronym_prefix(before: &str) -> bool {
    before.strip_suffix(' ').is_some_and(|word| {
        (2..=5).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
    })
}

/// The shape of a numbered title (`ADR-0000: Vorlage`, `12. Title`; `NNNN. Titel` has no
/// digits), a space in what comes before the number allowed (`ADR 12: Title`) only when
/// the title is known to be numbered, or after an acronym (`RFC 092: Title`).
fn numbered_shape(heading: &str, space_before: bool) -> Option<TitleShape> {
    let digits_at = heading.find(|c: char| c.is_ascii_digit())?;
    let (before, rest) = heading.split_at_checked(digits_at)?;
    let width = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(width..)?;
    // The separator ends where the title text starts.
    let separator_len = after.len()
        - after
            .trim_start_matches([':', '：', '.', ')', '-', '–', '—', '|', ' '])
            .len();
    let separator = after.get(..separator_len)?;
    // `ADR-`, `ADR `, and when the title is known to be numbered, longer ones
    // (`Architecture Decision Record 17: …`).
    let acronym = is_acronym_prefix(before) && !separator.trim().is_empty();
    let is_prefix =
        (space_before || acronym || (before.chars().count() <= 8 && !before.contains(' ')))
            && separator_len > 0;
    is_prefix.then(|| TitleShape {
        before: before.to_string(),
        width,
        after: separator.to_string(),
        id: None,
    })
}

/// The status a template's status text (`Vorgeschlagen | **Akzeptiert** | Abgelehnt`,
/// `[Draft | Accepted]`, `<adr-status status='proposed'></adr-status>`, `Pending`)
/// becomes: a Liquid value (`{{ page.adr_status }}`) as it is, else the one asked for,
/// else the template's own when it is a proposal, else its choice that is one, else
/// `proposed`. A status tag keeps its markup.
fn status_line(text: &str, filled: &Filled) -> String {
    let text = text.trim();
    let tag_value = [("status='", '\''), ("status=\"", '"')]
        .iter()
        .find_map(|(attribute, quote)| Some((text.split_once(attribute)?, *quote)));
    if let Some(((before, after), quote)) = tag_value {
        let rest = after.split_once(quote).map_or("", |(_, rest)| rest);
        let word = filled.status.unwrap_or("proposed");
        return format!("{before}status={quote}{word}{quote}{rest}");
    }
    // `{{ page.adr_status }}`: the site fills it in from the front matter.
    if text.starts_with("{{") {
        return text.to_string();
    }
    if let Some(status) = filled.status {
        return status.to_string();
    }
    // `proposed, accepted, rejected, deprecated, superseded, ...` (Wikibase) is a list of
    // choices too: written whole, the new record's status was the list.
    let is_choice = text.contains(['|', ',', '/']);
    let is_new = |word: &str| {
        matches!(
            Status::read(word).0,
            StatusKind::Proposed | StatusKind::Draft
        )
    };
    if !is_choice && !text.is_empty() && is_new(text) {
        return text.to_string();
    }
    let choices: Vec<&str> = text
        .split(['|', '/', ','])
        .map(|choice| {
            choice
                .trim()
                .trim_matches(['*', '_', '{', '}', '[', ']', ' ', '"'])
        })
        .filter(|choice| !choice.is_empty())
        .collect();
    // A proposal first; else the first stage the template offers (`Idea, Draft # pick one
    // of these`, Decentraland, whose records never say `proposed`).
    let kind_of = |kind: StatusKind| {
        choices
            .iter()
            .find(move |choice| Status::read(choice).0 == kind)
    };
    kind_of(StatusKind::Proposed)
        .or_else(|| kind_of(StatusKind::Draft))
        .map_or_else(|| "proposed".to_string(), |choice| choice.to_string())
}

/// Where the template's title (`# …`) is when text that is no comment stands above it, before
/// any other heading (inovex: "An architectural decision record (ADR) is a document …",
/// then `---`): the template explaining itself, which a record does not repeat. Comments
/// above the title (`<!-- markdownlint-disable -->`) are kept.
fn explained_title_at(lines: &[&str]) -> Option<usize> {
    let mut in_comment = false;
    let mut explained = false;
    for (at, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if in_comment || trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            return None;
        }
        if trimmed.starts_with('#') {
            let names_a_part = line
                .strip_prefix("# ")
                .is_some_and(crate::parse::style::is_section_title);
            return (explained && line.starts_with("# ") && !names_a_part).then_some(at);
        }
        // A title line that is no heading (`ADR: タイトル`) is no explanation.
        if titled_line_label(trimmed).is_some() {
            return None;
        }
        // `(adr-NNNN)=`: a MyST label for the title, no explanation either.
        if is_myst_target(trimmed) {
            continue;
        }
        explained |= !trimmed.is_empty() && !crate::parse::markdown::is_thematic_break(line);
    }
    None
}

/// A labelled line's label without its value (`- **Decisores:**` of `- **Decisores:** Ana`),
/// when the line is one.
fn labelled_head(line: &str) -> Option<String> {
    if !is_labelled(line.trim()) {
        return None;
    }
    let colon = line.find([':', '：'])?;
    let separator = line.get(colon..)?.chars().next()?;
    let emphasis = label_emphasis_after_colon(line, colon + separator.len_utf8());
    Some(
        line.get(..colon + separator.len_utf8() + emphasis)?
            .to_string(),
    )
}

/// `line` with a date prompt (`YYYY-MM-DD`, `JJJJ-MM-TT`) in it replaced by `date`.
fn with_date(line: &str, date: &str) -> String {
    fill_date_prompts(line, date)
}

/// A `Date: …` line (`Datum:`, `日期：`, with emphasis or a list marker) with `date` as
/// its value; `None` for any other line.
fn dated(line: &str, date: &str) -> Option<String> {
    let (head, _) = labelled(line, Label::Date)?;
    Some(format!(
        "{head} {date}{}{}",
        hard_break(line),
        line_ending(line)
    ))
}

/// The two spaces or more ending `line` before its line ending: Markdown's line break
/// (`**Tarih:** 12 Temmuz 2025  ` over `**Durum:** …`), kept when the value is replaced.
fn hard_break(line: &str) -> &str {
    let text = line.trim_end_matches(['\n', '\r']);
    let spaces = text.len() - text.trim_end_matches(' ').len();
    match spaces >= 2 {
        true => text.get(text.len() - spaces..).unwrap_or(""),
        false => "",
    }
}

/// A line labelled `wanted` (`Status: …`, `* **Statut** : …`): the label with its colon,
/// and the value.
fn labelled(line: &str, wanted: Label) -> Option<(&str, &str)> {
    let colon = line.find([':', '：'])?;
    let head = line.get(..colon)?;
    let name = head.trim().trim_matches(['*', '_', '-', '>', ' ']);
    if label(name) != Some(wanted) {
        return None;
    }
    let separator = line.get(colon..)?.chars().next()?;
    // The emphasis around the label closes after the colon (`- **Fecha:** …`): it is the
    // label's, not the value's.
    let emphasis = label_emphasis_after_colon(line, colon + separator.len_utf8());
    let head = line.get(..colon + separator.len_utf8() + emphasis)?;
    let value = line.get(head.len()..)?.trim();
    Some((head, value))
}

/// How many emphasis markers after a label's colon (ending at `value_at`) close the
/// emphasis opened before the label (`- **Fecha:** …`): none when the label opened none
/// or closed it before the colon (`**Status**: …`), so a value's own (`Status:**x**`) stays.
fn label_emphasis_after_colon(line: &str, value_at: usize) -> usize {
    let (Some(head), Some(after)) = (line.get(..value_at), line.get(value_at..)) else {
        return 0;
    };
    let label = head
        .trim_start()
        .trim_start_matches(['-', '+', '>', ' '])
        .trim_start_matches("* ")
        .trim_end_matches([':', '：']);
    let opened = label.len() - label.trim_start_matches(['*', '_']).len();
    let closed = label.len() - label.trim_end_matches(['*', '_']).len();
    let after_markers = after.len() - after.trim_start_matches(['*', '_']).len();
    opened.saturating_sub(closed).min(after_markers)
}

fn line_ending(line: &str) -> &'static str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

mod front_matter;
mod skeleton;
pub use skeleton::skeleton_of;
#[cfg(test)]
mod tests;
mod title;
