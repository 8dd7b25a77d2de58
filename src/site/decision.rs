//! The decision a record page shows first, above the fold: the chosen option and why
//! (MADR's `Chosen option: "X", because …` under "Decision Outcome"), or the first
//! paragraph of a Nygard "Decision" section. Read from the body's Markdown with a line
//! scan (the site loads records at metadata depth, without their options), and the chosen
//! option marked in the rendered "Considered Options" list.

#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use serde::Serialize;

use crate::casefold::find_ignore_ascii_case;
use crate::site::escape_html;

/// The longest justification shown in the summary, in characters; the section has it all.
const MAX_REASON_CHARS: usize = 400;

/// What the top of a record page says was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct DecisionView {
    /// The chosen option, as plain text.
    pub(crate) option: Option<String>,
    /// Why, or the decision itself for a record without options: plain text.
    pub(crate) reason: Option<String>,
    /// The heading of the section it comes from ("Decision Outcome"), for the page's anchor.
    pub(crate) section: String,
}

/// One ATX heading of the body: level, text, and where its line ends.
struct Heading<'a> {
    level: usize,
    text: &'a str,
}

/// The heading a line is, if any.
fn heading_of(line: &str) -> Option<Heading<'_>> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    let rest = trimmed.get(level..)?;
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some(Heading { level, text })
}

fn is_fence(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
}

/// The body lines of the first section named one of `names` (in order of preference),
/// up to the next heading of any level, and that section's heading.
fn section<'a>(markdown: &'a str, names: &[&str]) -> Option<(&'a str, Vec<&'a str>)> {
    for name in names {
        let mut in_fence = false;
        let mut found: Option<(&str, Vec<&str>)> = None;
        for line in markdown.lines() {
            if is_fence(line) {
                in_fence = !in_fence;
            }
            let heading = if in_fence { None } else { heading_of(line) };
            match (&mut found, heading) {
                (Some(_), Some(_)) => break,
                (Some((_, lines)), None) => lines.push(line),
                (None, Some(heading))
                    if heading.level >= 2 && heading.text.eq_ignore_ascii_case(name) =>
                {
                    found = Some((heading.text, Vec::new()));
                }
                (None, _) => {}
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The decision of a record from its body.
pub(crate) fn decision_of(markdown: &str) -> Option<DecisionView> {
    let (heading, lines) = section(markdown, &["Decision Outcome", "Decision"])?;
    let paragraphs = paragraphs(&lines);
    for paragraph in &paragraphs {
        if let Some(found) = find_ignore_ascii_case(paragraph, "chosen option") {
            let after_label = paragraph.get(found + "chosen option".len()..).unwrap_or("");
            let after_label = after_label.strip_prefix(['s', 'S']).unwrap_or(after_label);
            let line = after_label.lines().next().unwrap_or("");
            let Some((_, value)) = crate::parse::options::option_value(line) else {
                continue;
            };
            let option = plain_text(value);
            if option.is_empty() {
                continue;
            }
            // Where the value ends in `after_label`: it is a slice of that very string.
            let end = (value.as_ptr() as usize).saturating_sub(after_label.as_ptr() as usize)
                + value.len();
            let rest = after_label.get(end..).unwrap_or("");
            let rest =
                skip_link_target(rest.trim_start_matches(['"', '”', '\'', '`', '*', '_', ']']));
            let reason =
                plain_text(rest.trim_start_matches([',', '.', ';', ':', ' ', '\n', '—', '–']));
            return Some(DecisionView {
                option: Some(option),
                reason: (!reason.is_empty()).then(|| shortened(&reason)),
                section: heading.to_string(),
            });
        }
    }
    // A template's prompt left in (adr-tools' "The change that we're proposing …", review J)
    // is no decision to show.
    let mut texts = paragraphs
        .iter()
        .map(|paragraph| (paragraph, plain_text(paragraph)))
        .skip_while(|(_, text)| text.is_empty() || crate::vocabulary::is_template_prompt(text));
    let (written, mut first) = texts.next()?;
    // `_Therefore_` over the list that says what (mithril), `We decided:`: a lead-in, which
    // the box showed alone; the text after it goes with it.
    let emphasised_word = written.starts_with(['_', '*'])
        && written.ends_with(['_', '*'])
        && !first.contains(char::is_whitespace);
    if (emphasised_word || first.ends_with(':'))
        && let Some((_, next)) = texts.find(|(_, text)| !text.is_empty())
    {
        first = format!("{}: {next}", first.trim_end_matches([',', ':']));
    }
    Some(DecisionView {
        option: None,
        reason: Some(shortened(&first)),
        section: heading.to_string(),
    })
}

/// The paragraphs of a section's lines outside code blocks, as text.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_fence = false;
    for line in lines {
        if is_fence(line) {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.trim().is_empty() || line.trim_start().starts_with("<!--") {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line.trim());
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// `(url)` right after a link's text, skipped.
fn skip_link_target(text: &str) -> &str {
    match text.strip_prefix('(').and_then(|rest| rest.split_once(')')) {
        Some((_, after)) => after,
        None => text,
    }
}

/// Markdown inline text as plain text: emphasis, code and link syntax dropped, raw HTML
/// left out, breaks as spaces.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(pulldown_cmark::TagEnd::Paragraph | pulldown_cmark::TagEnd::Item) => {
                text.push(' ');
            }
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ")
}

fn shortened(text: &str) -> String {
    if text.chars().count() <= MAX_REASON_CHARS {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MAX_REASON_CHARS).collect();
    if let Some((head, _)) = short.rsplit_once(' ') {
        short = head.to_string();
    }
    short.push('…');
    short
}

/// Letters and digits only, lower-cased: how an option and a list item are compared.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The rendered body with the chosen option's item of the "Considered Options" list marked
/// (a class and a visible "chosen" label). `html` is the sanitised body: only fixed markup
/// is added, at tag boundaries found in it.
pub(crate) fn mark_chosen_option(
    html: &str,
    toc: &[crate::site::html::TocEntry],
    option: &str,
) -> Option<String> {
    let wanted = comparable(option);
    if wanted.is_empty() {
        return None;
    }
    let heading = toc
        .iter()
        .find(|entry| entry.text.trim().eq_ignore_ascii_case("Considered Options"))?;
    let anchor = format!("id=\"{}\"", escape_html(&heading.id));
    let section_start = html.find(&anchor)?;
    let after = html.get(section_start..)?;
    let section_end = after
        .get(1..)
        .and_then(|rest| rest.find("<h"))
        .map_or(after.len(), |at| at + 1);
    let section = after.get(..section_end)?;
    let mut offset = 0;
    while let Some(found) = section.get(offset..).and_then(|rest| rest.find("<li>")) {
        let item_start = offset + found;
        let content_start = item_start + "<li>".len();
        let item_end = section
            .get(content_start..)?
            .find("</li>")
            .map_or(section.len(), |at| content_start + at);
        let content = section.get(content_start..item_end)?;
        let text = comparable(&strip_tags(content));
        if !text.is_empty() && (text == wanted || text.starts_with(&wanted) && wanted.len() >= 3) {
            let at = section_start + item_start;
            let mut marked = String::with_capacity(html.len() + 80);
            marked.push_str(html.get(..at)?);
            marked
                .push_str("<li class=\"chosen-option\"><span class=\"chosen-mark\">Chosen</span> ");
            marked.push_str(html.get(at + "<li>".len()..)?);
            return Some(marked);
        }
        offset = item_end;
    }
    None
}

/// Text between tags, entities left as written (both sides compare letters only).
fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review Z1 (input-output-hk/mithril): the Decision box read "Therefore".
    #[test]
    fn a_lead_in_goes_with_the_text_after_it() {
        let record = "# 2. T\n\n## Decision\n\n_Therefore_\n\n* Release from the main branch\n";
        assert_eq!(
            decision_of(record).and_then(|decision| decision.reason),
            Some("Therefore: Release from the main branch".to_string())
        );
    }

    /// Review J (evencycu/go-project-template): the Decision box showed adr-tools' prompt.
    #[test]
    fn a_template_prompt_is_no_decision_to_show() {
        let prompt = "# 3. T\n\n## Decision\n\nThe change that we're proposing or have agreed to implement.\n";
        assert_eq!(decision_of(prompt), None);
        let written = format!("{prompt}\nWe write records in lightweight ADR.\n");
        assert_eq!(
            decision_of(&written).and_then(|decision| decision.reason),
            Some("We write records in lightweight ADR.".to_string())
        );
    }
}
