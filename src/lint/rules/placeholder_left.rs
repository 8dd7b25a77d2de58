use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for template text left in a record.
    ///
    /// That is MADR 4's `{…}` placeholders
    /// (`{title of option 1}`, `{Describe the context …}`), MADR 2's `[…]` ones
    /// (`[option 1]`, `[short title of solved problem and solution]`), adr-tools' prompts
    /// ("The change that we're proposing or have agreed to implement."), a template's date
    /// prompt left as a date's value (`Date: YYYY-MM-DD`, `Datum: JJJJ-MM-TT`), and MADR's
    /// `<!-- This is an optional element. Feel free to remove. -->` comments once the
    /// record is no longer `proposed`.
    ///
    /// The prompts of the translated templates count too (`在这里补充上下文...`,
    /// `[Décrivez le contexte …]`, `{Beschreibe das Problem …}`): see the placeholders of each
    /// language in `docs/languages.md`. So do the lines of prose of the log's own template
    /// (`template.md`, `adr-template.md` beside the records) left as the template writes them
    /// (`What is the issue that we're seeing that is motivating this decision?`), but for the
    /// status's line, a status checklist's stages and lines a site generator fills in
    /// (`{{ page.adr_status }}`).
    ///
    /// Text in code spans and code blocks is never a placeholder. One finding is reported
    /// per record for the placeholders, with their count, the first one and the lines of the
    /// others, and one for the optional-element comments.
    ///
    /// ## Why is this bad?
    /// A record fresh from `adr new` is a form to fill in. Left-over prompts make the record
    /// look finished when it is not, and readers skim past the part that matters.
    ///
    /// ## Example
    /// ```markdown
    /// ## Considered Options
    ///
    /// * {title of option 1}
    /// * {title of option 2}
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Considered Options
    ///
    /// * PostgreSQL
    /// * SQLite
    /// ```
    pub(crate) struct PlaceholderLeft { id: "placeholder-left", severity: Warning, fixable: false, enabled: true, record: check }
}

/// MADR 2 wrote its prompts in square brackets; these are how they begin.
const BRACKET_PROMPTS: [&str; 22] = [
    "option ",
    "describe ",
    "short title",
    "list everyone",
    "yyyy-mm-dd",
    "e.g.",
    "justification",
    "description |",
    "description or",
    "driver ",
    "decision driver",
    "positive consequence",
    "negative consequence",
    "argument ",
    "example |",
    "proposed |",
    "you might want",
    "title of option",
    "ticket/issue",
    "short description",
    "consequence ",
    "list of ",
];

const OPTIONAL_ELEMENT: &str = "This is an optional element";

/// The same comment in the translated MADR templates, folded (`crate::vocabulary::fold`).
const OPTIONAL_ELEMENT_TRANSLATED: [&str; 4] = [
    "cet element est facultatif",
    "il s'agit d'un element facultatif",
    "dies ist ein optionales element",
    "este es un elemento opcional",
];

/// How many line numbers the help lists before "…".
const LISTED_LINES: usize = 10;

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let source = &record.source;
    let start = record.body_start();
    let body = record.body();
    let mut found = placeholders(body, &record.code_spans, start);
    if let Some(template) = ctx.template {
        found.extend(template_lines(record, template, &found));
        found.sort_unstable();
    }
    if let Some(first) = found.first() {
        let text = source.slice(*first);
        let message = match found.len() {
            1 => format!("template placeholder `{}` left in", shorten(text)),
            count => format!(
                "{count} template placeholders left in, the first `{}`",
                shorten(text)
            ),
        };
        let help = if found.len() == 1 {
            "replace it with the record's own text, or delete it".to_string()
        } else {
            format!(
                "replace each with the record's own text, or delete it (lines {})",
                line_list(found.iter().map(|span| source.line_of(span.start)))
            )
        };
        ctx.report(&PlaceholderLeft::META, record.path(), Some(*first), message)
            .label("template text")
            .help(help);
    }
    let is_proposed = record
        .status
        .as_ref()
        .is_some_and(|status| matches!(status.kind, StatusKind::Proposed | StatusKind::Draft));
    if is_proposed {
        return;
    }
    // "a record marked `accepted`": "a `accepted` record" reads wrong before a vowel.
    let status = record.status.as_ref().map_or_else(
        || "record without a status".to_string(),
        |status| format!("record marked `{}`", status.keyword()),
    );
    let comments: Vec<_> = record
        .comments
        .iter()
        .filter(|comment| {
            comment.value.starts_with(OPTIONAL_ELEMENT)
                || OPTIONAL_ELEMENT_TRANSLATED.iter().any(|translated| {
                    crate::vocabulary::fold(&comment.value).starts_with(translated)
                })
        })
        .collect();
    let Some(first) = comments.first() else {
        return;
    };
    let message = match comments.len() {
        1 => format!(
            "template comment `<!-- {} -->` left in a {status}",
            first.value
        ),
        count => format!(
            "{count} template comments `<!-- {} -->` left in a {status}",
            first.value
        ),
    };
    ctx.report(
        &PlaceholderLeft::META,
        record.path(),
        Some(first.span),
        message,
    )
    .help(if comments.len() == 1 {
        "delete the comment; keep or drop the optional element it marks".to_string()
    } else {
        format!(
            "delete the comments; keep or drop the optional elements they mark (lines {})",
            line_list(comments.iter().map(|comment| comment.line))
        )
    });
}

/// `3, 7, 12` (distinct lines, at most [`LISTED_LINES`], then `…`).
fn line_list(lines: impl Iterator<Item = usize>) -> String {
    let mut distinct: Vec<usize> = lines.collect();
    distinct.dedup();
    let mut listed: Vec<String> = distinct
        .iter()
        .take(LISTED_LINES)
        .map(ToString::to_string)
        .collect();
    if distinct.len() > LISTED_LINES {
        listed.push("…".to_string());
    }
    listed.join(", ")
}

fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_CHARS - 1).collect();
    format!("{cut}…")
}

/// Spans (file offsets) of placeholders in `body`, which starts at file offset `offset`.
/// The lines of `record` that are a line of prose of the log's own `template`, as written
/// there, outside code and on no line `found` already points at.
fn template_lines(
    record: &Record,
    template: &crate::model::LogTemplate,
    found: &[Span],
) -> Vec<Span> {
    if template.prompts.is_empty() {
        return Vec::new();
    }
    let source = &record.source;
    // The status's line is the status (`Vorgeschlagen | **Akzeptiert** | …`, the choice in
    // bold), which rules of its own read.
    let taken: std::collections::HashSet<usize> = found
        .iter()
        .map(|span| source.line_of(span.start))
        .chain(record.status.as_ref().map(|status| status.line))
        .chain(record.status_restated.as_ref().map(|status| status.line))
        .collect();
    let first = source.line_of(record.body_start());
    (first..=source.line_count())
        .filter(|line| !taken.contains(line))
        .filter_map(|line| {
            let span = source.line_span(line);
            let text = source.slice(span);
            let key = crate::model::prompt_key(text);
            let in_code = crate::source::within(&record.code_spans, span.start);
            if in_code || template.prompts.binary_search_by(|p| p.as_str().cmp(key)).is_err() {
                return None;
            }
            let start = span.start + text.find(key)?;
            Some(Span::new(start, start + key.len()))
        })
        .collect()
}

fn placeholders(body: &str, code_spans: &[Span], offset: usize) -> Vec<Span> {
    let in_code = |at: usize| crate::source::within(code_spans, at);
    let bytes = body.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(relative) = bytes.get(at..).and_then(|rest| memchr::memchr2(b'{', b'[', rest)) {
        let open = at + relative;
        at = open + 1;
        let end = match bytes[open] {
            b'{' => curly_placeholder(body, open),
            _ => bracket_placeholder(body, open),
        };
        if let Some(end) = end
            && !in_code(offset + open)
        {
            found.push(Span::new(offset + open, offset + end));
            at = end;
        }
    }
    // A template's date prompt left in (`- 日付: YYYY-MM-DD` in 4 of 4 records of
    // kani3camp/mine-party): the date is not read, and nothing said so.
    // Every prompt has `-MM-` at the same place: one vectorised search for it (in either
    // case) instead of a scan per prompt of every record's body (those scans were 13 % of
    // lint's CPU at 10,000 records).
    let middles = ["-MM-", "-mm-"]
        .into_iter()
        .flat_map(|middle| memchr::memmem::find_iter(bytes, middle.as_bytes()));
    for middle in middles {
        let Some(open) = middle.checked_sub(4) else {
            continue;
        };
        let end = open + 10;
        let is_prompt = body.get(open..end).is_some_and(|candidate| {
            crate::vocabulary::DATE_PROMPTS
                .iter()
                .any(|prompt| candidate.eq_ignore_ascii_case(prompt))
        });
        if !is_prompt {
            continue;
        }
        // The prompt as a date's value (`Date: YYYY-MM-DD`, `| Date | YYYY-MM-DD |`, a line
        // of its own), not a record saying how it writes dates.
        let head = body.get(..open).unwrap_or("").rsplit('\n').next().unwrap_or("");
        let tail = body.get(end..).unwrap_or("").split('\n').next().unwrap_or("");
        let head = head.trim().trim_end_matches(['*', '_', ' ']);
        let tail = tail.trim().trim_matches(['*', '_', ' ', '|']);
        let as_value = head.is_empty()
            || head.ends_with([':', '：', '|'])
            || head.chars().all(|c| matches!(c, '-' | '*' | '+' | ' '));
        let inside = found
            .iter()
            .any(|span: &Span| span.start <= offset + open && offset + open < span.end);
        if as_value && tail.is_empty() && !inside && !in_code(offset + open) {
            found.push(Span::new(offset + open, offset + end));
        }
    }
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if crate::vocabulary::ADR_TOOLS_PROMPTS.contains(&trimmed)
            || (crate::vocabulary::is_placeholder(trimmed)
                && memchr::memchr2(b'{', b'[', trimmed.as_bytes()).is_none())
        {
            let start = line_start + (line.len() - line.trim_start().len());
            if !in_code(offset + start) {
                found.push(Span::new(offset + start, offset + start + trimmed.len()));
            }
        }
        line_start += line.len();
    }
    found.sort_by_key(|span| span.start);
    found
}

/// `{words …}` on one line; not `{{ liquid }}`, `${shell}`, `%{format}`, a value to fill in
/// after `=` (`AUTH_URL={auth url for the environment}`, documenting a setting), a brace
/// glued to a name (`Func{Message, Type}`, a C# generic in a doc comment) or `{single}`
/// words other than MADR's own `{title}` and `{force}`.
fn curly_placeholder(body: &str, open: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    if open > 0
        && (matches!(bytes[open - 1], b'{' | b'$' | b'%' | b'\\' | b'#' | b'_' | b'=')
            || bytes[open - 1].is_ascii_alphanumeric())
    {
        return None;
    }
    let rest = body.get(open + 1..)?;
    let close = rest.find(['}', '{', '\n'])?;
    if rest.as_bytes()[close] != b'}' {
        return None;
    }
    let content = rest.get(..close)?;
    // `Title: "{NUMBER}. {Decision in active voice}"` (mcj-coder): a format quoted in prose
    // to explain it, not a prompt left to fill.
    // MADR's own `"{title of option 1}"` is quoted alone, and is a prompt.
    let line_start = body.get(..open)?.rfind('\n').map_or(0, |at| at + 1);
    let before = body.get(line_start..open)?;
    let after = rest.get(close + 1..)?;
    let after = after.split('\n').next().unwrap_or_default();
    let quoted_with_more = |open_quote: char, close_quote: char| {
        let Some(opened) = before.rfind(open_quote) else {
            return false;
        };
        let inside_before = before.get(opened + open_quote.len_utf8()..).unwrap_or_default();
        let Some(closed) = after.find(close_quote) else {
            return false;
        };
        let inside_after = after.get(..closed).unwrap_or_default();
        let opens = open_quote != close_quote || before.matches(open_quote).count() % 2 == 1;
        opens && !(inside_before.trim().is_empty() && inside_after.trim().is_empty())
    };
    if quoted_with_more('"', '"') || quoted_with_more('“', '”') {
        return None;
    }
    // `{描述上下文和问题陈述…}`: a translated template's prompt, in any script.
    if crate::vocabulary::is_placeholder(content) && rest.as_bytes().get(close + 1) != Some(&b'}') {
        return Some(open + 1 + close + 1);
    }
    if !content.starts_with(|c: char| c.is_ascii_alphabetic()) || content.len() < 3 {
        return None;
    }
    if rest.as_bytes().get(close + 1) == Some(&b'}') {
        return None;
    }
    // MADR's prompts are words (`{title of option 1}`); `{P, X, A}` is set notation, and
    // `{CUDA, SYCL, HIP}`, `{pass 1, pass 2}` a list of names (vmaf), where a prompt's items
    // are phrases (`{Decision driver 1, e.g., a force, facing concern, …}`).
    let is_name_list = content.contains(", ")
        && content
            .split(',')
            .all(|item| (1..=2).contains(&item.split_whitespace().count()) && !item.contains("e.g"));
    if is_name_list {
        return None;
    }
    let has_word = content
        .split(|c: char| !c.is_alphabetic())
        .any(|word| word.chars().count() >= 4);
    let is_prompt = (content.contains(' ') && has_word) || matches!(content, "title" | "force");
    is_prompt.then_some(open + 1 + close + 1)
}

/// `[option 1]` and MADR 2's other bracketed prompts; links and task boxes are not.
fn bracket_placeholder(body: &str, open: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    if open > 0 && matches!(bytes[open - 1], b'!' | b']' | b'\\') {
        return None;
    }
    let rest = body.get(open + 1..)?;
    let close = rest.find([']', '\n', '['])?;
    if rest.as_bytes()[close] != b']' {
        return None;
    }
    if matches!(rest.as_bytes().get(close + 1), Some(b'(' | b'[' | b':')) {
        return None;
    }
    let content = rest.get(..close)?.trim_start().to_lowercase();
    if is_option_label(&content, rest.get(close + 1..)?) {
        return None;
    }
    let is_prompt = BRACKET_PROMPTS
        .iter()
        .any(|prompt| content.starts_with(prompt))
        || crate::vocabulary::is_placeholder(&content)
        || is_heading_prompt(body, open, rest.get(..close)?, rest.get(close + 1..)?);
    is_prompt.then_some(open + 1 + close + 1)
}

/// A heading that is a bracket of words in lower case and nothing else (`# [titre du
/// problème résolu et de sa solution]`, pass-emploi's template title, left in a record):
/// the template's prompt, in any language. The same log brackets its real titles, which
/// are capitalised (`# [Gestion des Dates]`).
fn is_heading_prompt(body: &str, open: usize, content: &str, after: &str) -> bool {
    if !content.trim_start().starts_with(char::is_lowercase) {
        return false;
    }
    let line_start = body.get(..open).map_or(0, |before| before.rfind('\n').map_or(0, |at| at + 1));
    let before = body.get(line_start..open).unwrap_or("");
    let is_heading = before.trim_end().starts_with('#')
        && before.trim_end().trim_start_matches('#').is_empty();
    let alone = after.split('\n').next().unwrap_or("").trim().is_empty();
    is_heading && alone && content.split_whitespace().count() >= 3
}

/// `### [option 1] - Expose the UI via Ingress`: the record numbers its options with the
/// template's brackets and names each after them; the bracket is a label, not a prompt.
fn is_option_label(content: &str, after: &str) -> bool {
    let is_numbered = content
        .strip_prefix("option ")
        .is_some_and(|number| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()));
    let line = after.split('\n').next().unwrap_or("");
    let named = line
        .trim_start()
        .strip_prefix(['-', '–', '—', ':'])
        .is_some_and(|name| name.trim().chars().filter(|c| c.is_alphabetic()).count() >= 3);
    is_numbered && named
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice spans the code under test returned for this same text
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        placeholders(text, &[], 0)
            .into_iter()
            .map(|span| &text[span.range()])
            .collect()
    }

    #[test]
    fn a_heading_of_a_lower_case_bracket_is_a_prompt_and_a_bracketed_title_is_not() {
        let prompt = "# [titre du problème résolu et de sa solution]\n";
        assert_eq!(found(prompt), ["[titre du problème résolu et de sa solution]"]);
        assert!(found("# [Gestion des Dates]\n").is_empty());
        assert!(found("# [draft] Use Kafka for orders\n").is_empty());
        assert!(found("Text [see the notes below] here.\n").is_empty());
    }

    #[test]
    fn finds_template_prompts_only() {
        assert_eq!(found("* {title of option 1}\n"), ["{title of option 1}"]);
        assert_eq!(
            found("Chosen option: \"[option 1]\", because"),
            ["[option 1]"]
        );
        assert_eq!(
            found("{{ page.adr_status }} and ${HOME} and {id} and {P, X, A} and Func{Message, Type} and AUTH_URL={auth url for intg}"),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("### [option 1] - Expose Jaeger UI via Ingress\n### [option 2]: Do not\n"),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("### [option 1]\n### [option 2] -\n"),
            ["[option 1]", "[option 2]"]
        );
        assert_eq!(
            found("see [option 1](x.md) and [x] done"),
            Vec::<&str>::new()
        );
        // A format quoted to explain it is no prompt; MADR's quoted prompt alone is.
        assert_eq!(
            found("- Title: \"{NUMBER}. {Decision in active voice}\"\nChosen option: \"{title of option 1}\", because"),
            ["{title of option 1}"]
        );
        assert_eq!(
            found("because {justification. e.g., force {force} | …}"),
            ["{force}"]
        );
        assert_eq!(
            found("* {选项 1 的标题}\n{描述上下文和问题陈述，例如}\n"),
            ["{选项 1 的标题}", "{描述上下文和问题陈述，例如}"]
        );
        assert_eq!(
            found("The change that we're proposing or have agreed to implement.\n"),
            ["The change that we're proposing or have agreed to implement."]
        );
    }
}
