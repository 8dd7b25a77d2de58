//! A template's front matter filled in: the title, status and date take the new record's,
//! the template's own dates, tags and summary of itself are left out.

use super::{Filled, line_ending, status_line, with_date};

/// The front matter of a template, from its opening `---` (next in `lines`) to its closing
/// one, filled into `out`: see [`super::fill`].
pub(super) fn fill_front_matter<'t>(
    lines: &mut std::iter::Peekable<std::str::SplitInclusive<'t, char>>,
    out: &mut String,
    filled: &Filled,
    title_prompt: Option<&str>,
) {
    out.push_str(lines.next().unwrap_or_default());
    // A key whose value is the H1's prompt (`subtitle: {Titre de la décision}` under `title:
    // Décision (MADR)`, CQEN's `gabarit.md`) is the one that holds the title: `title:` is
    // then the template's constant, as every record keeps it.
    let prompt_key = |line: &'t str| key_of_prompt(line, title_prompt);
    let titled_elsewhere = lines
        .clone()
        .take_while(|line| line.trim_end() != "---")
        .filter_map(prompt_key)
        .any(|key| key != "title");
    let mut drop_next = false;
    while let Some(line) = lines.next() {
        // A key's value continued on the lines below it (`tags:` and its items, `summary: >`
        // and its text).
        let mut continued: Vec<&str> = Vec::new();
        if line.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            while let Some(next) = lines.next_if(|next| next.starts_with([' ', '\t'])) {
                continued.push(next);
            }
        }
        if let Some(kept) = own_values_dropped(line, &continued, filled.date) {
            out.push_str(&kept);
            continue;
        }
        let key = line.split_once(':').map(|(key, _)| key.trim());
        // `statut:`, `décideurs:` (zero-logement-vacant's French MADR template): read as
        // the keys they translate.
        let english =
            key.map(|key| crate::vocabulary::label(key).map_or(key, |label| label.english()));
        let ending = line_ending(line);
        let value = line.split_once(':').map_or("", |(_, value)| value);
        let value = value
            .split_once(" #")
            .map_or(value, |(value, _)| value)
            .trim();
        // `# remove the following line! …` above `slug: /adr/TEMPLATE` (Decentraland):
        // the template says which of its lines are its own, not the record's.
        if std::mem::take(&mut drop_next) && line.trim_end() != "---" {
            continue;
        }
        if is_remove_next_line_note(line) {
            drop_next = true;
            continue;
        }
        match key {
            // `adr: 0 # replace this number …`: the record's number.
            Some(key)
                if [
                    "adr",
                    "number",
                    "adr_number",
                    "adr-number",
                    "nav_order",
                    "id",
                ]
                .contains(&key)
                    && !value.is_empty()
                    && value.bytes().all(|b| b.is_ascii_digit()) =>
            {
                // As wide as the template writes it: `id: 000` gives `id: 003`.
                let width = value.len();
                out.push_str(&format!("{key}: {:0width$}{ending}", filled.number));
            }
            Some(key) if english == Some("status") || key.ends_with("_status") => {
                let value = line.split_once(':').map_or("", |(_, value)| value);
                // A YAML comment (`Idea, Draft # pick one of these`) is no choice.
                let value = value.split_once(" #").map_or(value, |(value, _)| value);
                let word = status_line(value, filled);
                out.push_str(&format!("{key}: {}{ending}", word.trim()));
            }
            Some(key) if english == Some("date") => {
                out.push_str(&format!("{key}: {}{ending}", filled.date))
            }
            Some(key) if titled_elsewhere && prompt_key(line) == Some(key) => {
                out.push_str(&format!(
                    "{key}: {}{ending}",
                    crate::edit::yaml_scalar(&numbered_title(value, filled.title, filled.number))
                ));
            }
            Some("title") if titled_elsewhere => out.push_str(line),
            Some("title") => out.push_str(&format!(
                "title: {}{ending}",
                crate::edit::yaml_scalar(
                    filled.front_matter_title.as_deref().unwrap_or(filled.title)
                )
            )),
            Some(key)
                if let Some(kept) = sample_replaced((key, english), line, value, filled.number) =>
            {
                out.push_str(&kept);
            }
            _ => out.push_str(&with_date(line, filled.date)),
        }
        for next in &continued {
            out.push_str(next);
        }
        if line.trim_end() == "---" {
            break;
        }
    }
}

/// A template's key whose value is a sample or a placeholder, as the new record is to have
/// it; `None` for any other key.
fn sample_replaced(
    (key, english): (&str, Option<&str>),
    line: &str,
    value: &str,
    number: u32,
) -> Option<String> {
    let ending = line_ending(line);
    let under_prompt = line
        .split_once(" #")
        .is_some_and(|(_, comment)| comment.trim_start().starts_with('{'));
    // `deciders: Anakin Skywalker  # {list everyone involved …}` (alithya): a sample under
    // the template's prompt, none of the record's people.
    let people = [
        "deciders",
        "decision-makers",
        "consulted",
        "informed",
        "authors",
    ];
    let is_people = people.contains(&key) || english.is_some_and(|key| people.contains(&key));
    // `décideurs: {liste de toutes les personnes …}`: a prompt for the people, none of them.
    let prompt_value = value.trim().starts_with('{') && value.trim().ends_with('}');
    if is_people && (under_prompt || prompt_value) {
        return Some(format!("{key}: []{ending}"));
    }
    // `informés: {liste de toutes les personnes …}`: any other key's prompt, left empty.
    if prompt_value && value.trim().contains(' ') {
        return Some(format!("{key}:{ending}"));
    }
    if !super::has_number_placeholder(value) {
        return None;
    }
    // `supersedes: ADR-XXX (如适用)` (solodev): a relation the template offers, which a new
    // record has not yet; `id: ADR-XXX`: the record's id, numbered in the placeholder's place.
    let relations = [
        "supersedes",
        "superseded-by",
        "superseded_by",
        "related",
        "amends",
    ];
    match relations.contains(&key) {
        true => Some(format!("{key}:{ending}")),
        false => Some(super::numbered_label(line, number)),
    }
}

/// The title a key whose template value is `value` holds: `ADR-XXX: Título corto` gives
/// `ADR-005: {title}` (v2m-lab), the number in the placeholder's place and width.
fn numbered_title(value: &str, title: &str, number: u32) -> String {
    let unquoted = value.trim().trim_matches(['"', '\'']);
    match unquoted.split_once(": ") {
        Some((prefix, _)) if super::has_number_placeholder(prefix) => {
            format!("{}: {title}", super::numbered_label(prefix, number))
        }
        _ => title.to_string(),
    }
}

/// The key of a front-matter `line` whose value is `prompt`, the template's H1.
fn key_of_prompt<'l>(line: &'l str, prompt: Option<&str>) -> Option<&'l str> {
    let (key, value) = line.split_once(':')?;
    let value = value.trim().trim_matches(['"', '\'']);
    (prompt == Some(value) && !value.is_empty()).then(|| key.trim())
}

/// A front-matter key of a template whose value is the template's own, as the record made
/// from it is to have it (tytsxai/exchange-platform's `ADR-模板.md`, review K): a date
/// (`created: 2025-12-21`, `updated:`) is `date`, today; tags lose those naming a template
/// (`- 模板`); any other value in prose that speaks of the template (`summary:
/// 架构决策记录模板：…`) is left empty. `line` is the key's line and `continued` the lines its value goes on
/// over; `None` for a key kept as the template has it.
fn own_values_dropped(line: &str, continued: &[&str], date: &str) -> Option<String> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let ending = line_ending(line);
    let value = value.trim();
    let unquoted = value.trim_matches(['"', '\'']);
    if ["title", "status", "date"].contains(&key) || key.ends_with("_status") {
        return None;
    }
    if continued.is_empty()
        && unquoted.len() == 10
        && crate::model::DateValue::parse(unquoted).valid().is_some()
    {
        let quote = value.get(..value.len() - value.trim_start_matches(['"', '\'']).len())?;
        return Some(format!("{key}: {quote}{date}{quote}{ending}"));
    }
    if ["tags", "tag", "keywords"].contains(&key) {
        if let Some(inline) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let kept: Vec<&str> = inline
                .split(',')
                .map(str::trim)
                .filter(|tag| !crate::discover::mentions_template(tag))
                .collect();
            return (kept.len() < inline.split(',').count())
                .then(|| format!("{key}: [{}]{ending}", kept.join(", ")));
        }
        let items: Vec<&&str> = continued
            .iter()
            .filter(|item| !crate::discover::mentions_template(item))
            .collect();
        if items.len() == continued.len() {
            return None;
        }
        let mut kept = format!("{}{ending}", line.trim_end());
        kept.extend(items.into_iter().copied());
        return Some(kept);
    }
    let text = std::iter::once(value)
        .chain(continued.iter().copied())
        .collect::<String>();
    // Prose, not a name (`layout: adr-template` is the site's layout, kept).
    let prose = text.trim().contains(char::is_whitespace) || !text.is_ascii();
    (prose && crate::discover::mentions_template(&text)).then(|| format!("{key}: \"\"{ending}"))
}

/// A YAML comment telling the template's user to remove the line after it.
fn is_remove_next_line_note(line: &str) -> bool {
    let Some(comment) = line.trim_start().strip_prefix('#') else {
        return false;
    };
    let comment = comment.to_lowercase();
    (comment.contains("remove") || comment.contains("delete"))
        && (comment.contains("following line") || comment.contains("next line"))
}
