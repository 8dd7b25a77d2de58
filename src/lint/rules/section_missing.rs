use crate::lint::prelude::*;
use crate::model::{StatusOrigin, normalize_heading};

mod log_wide;

pub(crate) use log_wide::LogGaps;

declare_rule! {
    /// ## What it does
    /// Checks that a record has the sections its style requires. By default a MADR record
    /// (any version, with or without metadata) needs `Context and Problem Statement`,
    /// `Considered Options` and `Decision Outcome`; an adr-tools/Nygard record needs
    /// `Status`, `Context`, `Decision` and `Consequences`. A record's style comes from its
    /// headings and metadata lines, not from its front matter. A MADR 1 record (2017-18:
    /// `## Considered Alternatives`, `* Chosen Alternative:`, no context heading) states its
    /// context in the text under its title, which answers `Context and Problem Statement`.
    ///
    /// When the log keeps its own template beside the records (`template.md`,
    /// `0000-template.md`, `adr-template.md`, `vorlage.md`, `0000-modele-adr.md`, …), records
    /// written the way the template is need the template's `##` headings, except those it
    /// marks optional (`(optional)`, `<!-- optional -->`, or a first line saying
    /// `Optional section`): records of a custom layout whatever the template, MADR records
    /// (whatever their metadata: front matter, `* Status:` bullets, none) when the template
    /// is a MADR one, and Nygard records when the template is a Nygard one (often
    /// translated) that keeps a `## Status` section as they do. A record written another
    /// way than the template, as records older than it often are (a Nygard record with a
    /// `## Status` beside a template without one), keeps its own style's sections. Records
    /// in a custom layout in a log without a template are not checked unless the config
    /// names sections for `other`.
    ///
    /// Headings match whatever their level, ignoring case, trailing punctuation and the
    /// spaces between words (`## Decision outcome:` counts as `Decision Outcome`,
    /// `## Change Log` as `Changelog`); a heading that contains the
    /// name counts (`## CI Platform Considered Options`), and so do the names real logs use
    /// for the same part (`Decision` or `Chosen Option` for `Decision Outcome`, `Context`
    /// for `Context and Problem Statement`, and back). A missing `Status` is left to
    /// `status-missing`, which reads a status wherever it is stated (front matter, a bullet,
    /// a table). Records laid out around a metadata table, and records without metadata
    /// that share only one heading with MADR, follow no known template and are checked
    /// only against `other`.
    ///
    /// A record missing several sections gets one finding that lists them all, at its title
    /// (the H1, else the front-matter `title:`).
    ///
    /// A section that more than half of the checked records lack (and at least three) is
    /// one the log does not keep, by choice or since before its template: tdr's records
    /// have no `Consequences`, CometBFT's frozen records predate the template. An error on
    /// each record would bury the findings that matter, so the log gets one error, on the
    /// first record lacking the section, naming it and the count, with the
    /// `[lint.required-sections]` line that drops it. It stays an error: either the records
    /// lack a part or the config is to say they need not have it. A record lacking another
    /// section too keeps its own finding, which names them all. The count is over the whole
    /// log even when only some files are linted, so the finding is the same either way.
    ///
    /// ## Why is this bad?
    /// These sections are what makes a record a decision record: without the context the
    /// decision cannot be judged, without the outcome there is no decision.
    ///
    /// ## Example
    /// ```markdown
    /// # 3. Use PostgreSQL
    ///
    /// ## Status
    ///
    /// Accepted
    ///
    /// ## Decision
    ///
    /// We will use PostgreSQL.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// # 3. Use PostgreSQL
    ///
    /// ## Status
    ///
    /// Accepted
    ///
    /// ## Context
    ///
    /// We need a relational database that the team knows.
    ///
    /// ## Decision
    ///
    /// We will use PostgreSQL.
    ///
    /// ## Consequences
    ///
    /// Backups need a new runbook.
    /// ```
    ///
    /// ## Options
    /// `[lint.required-sections]` sets the list per style (`madr` for every MADR flavour, or
    /// `madr4`, `madr3`, `madr2`, `madr-bare`, `madr1`, `nygard`, `other`), and
    /// `[lint.heading-aliases]` maps headings to the English ones beyond the language tables
    /// (`docs/languages.md`: French, German, Spanish, Portuguese, Chinese, Japanese, Korean
    /// and Russian headings are read as their English forms without configuration):
    ///
    /// ```toml
    /// [lint.required-sections]
    /// nygard = ["Status", "Context", "Decision"]
    ///
    /// [lint.heading-aliases]
    /// "Kontext und Problemstellung" = "Context and Problem Statement"
    /// ```
    pub(crate) struct SectionMissing { id: "section-missing", severity: Error, fixable: false, enabled: true, record: check }
}

/// Headings that do the job of a required one under another name, as real logs write them.
const EQUIVALENT_HEADINGS: [(&str, &[&str]); 5] = [
    // `Decisions` heads a record that takes several; `Proposal` (as RFCs and KEPs write it)
    // is the decision of a record written as a proposal.
    (
        "decision outcome",
        &[
            "decision",
            "decisions",
            "chosen option",
            "outcome",
            "proposal",
        ],
    ),
    (
        "context and problem statement",
        &["context", "problem statement", "context and problem"],
    ),
    (
        "context",
        &["context and problem statement", "context and problem"],
    ),
    ("decision", &["decision outcome", "decisions", "proposal"]),
    (
        "considered options",
        &[
            "options",
            "options considered",
            "alternatives",
            "considered alternatives",
            // As logs name the part in their own words (HHS's `## Solution Options`).
            "solution options",
            "design options",
            "possible options",
            "options evaluated",
            "evaluated options",
            "options analysis",
            "alternatives evaluated",
            "evaluated alternatives",
            "alternatives rejected",
            "rejected alternatives",
        ],
    ),
];

/// MADR's own section names; a record with no metadata needs two of them to count as MADR.
const MADR_SECTIONS: [&str; 5] = [
    "context and problem statement",
    "considered options",
    "decision outcome",
    "decision drivers",
    "pros and cons of the options",
];

/// Why a record needs its sections, as its finding's help says.
#[derive(Debug, Clone)]
enum Why {
    /// The log's template (its path in the log) has them.
    Template(String),
    Nygard,
    Madr,
    Other,
}

impl Why {
    fn of(record: &Record, style: Style, ctx: &RuleContext) -> Why {
        match (style, ctx.template) {
            (_, Some(template)) if uses_template(record, style, ctx) => {
                Why::Template(template.rel_path.clone())
            }
            (Style::Nygard, _) => Why::Nygard,
            (Style::Other, _) => Why::Other,
            _ => Why::Madr,
        }
    }

    /// The reason, `it` being the sections (`it`, `them`).
    fn says(&self, it: &str) -> String {
        match self {
            Why::Template(path) => format!("the log's template `{path}` has {it}"),
            Why::Nygard => format!("an adr-tools/Nygard record needs {it}"),
            Why::Other => format!("this record needs {it}"),
            Why::Madr => format!("a MADR record needs {it}"),
        }
    }
}

/// The layout `record` is held to, or `None` when it is not checked: it holds no record at
/// all (`file-not-a-record`'s one finding), or has no layout to hold it to.
fn checked(record: &Record) -> Option<Style> {
    if crate::lint::rules::file_not_a_record::not_a_record(record).is_some() {
        return None;
    }
    checked_style(record)
}

/// The sections a record of `style` must have, and those of them it lacks.
fn missing_sections<'r>(
    record: &Record,
    style: Style,
    ctx: &'r RuleContext,
) -> (&'r [String], Vec<&'r String>) {
    let headings: Vec<String> = record
        .sections_below_title()
        .flat_map(|section| {
            let title = section.key();
            let key = ctx
                .options
                .heading_aliases
                .get(title)
                .cloned()
                .unwrap_or_else(|| title.to_string());
            // As written too: a template asking for `## Alternatives` is answered by
            // `## Alternatives considered`, whose key is MADR's `considered options`.
            let written = crate::vocabulary::heading_name(&section.title);
            let written = (written != key).then_some(written);
            std::iter::once(key).chain(written)
        })
        .collect();
    let required = expected_sections(record, style, ctx);
    let missing: Vec<&String> = required
        .iter()
        .filter(|name| !is_present(record, style, &headings, name))
        .collect();
    (required, missing)
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(style) = checked(record) else {
        return;
    };
    let missing: Vec<String> = match ctx.missing_sections.take() {
        Some(missing) => missing,
        None => {
            let (_, missing) = missing_sections(record, style, ctx);
            missing.into_iter().cloned().collect()
        }
    };
    if missing.is_empty() {
        return;
    }
    let shown = shown_names(record, &missing);
    let own = own_headings(record, expected_sections(record, style, ctx).len(), missing.len());
    let why = Why::of(record, style, ctx);
    let (message, help) = finding_texts(style, &why, (&missing, &shown), &own);
    let diagnostic = ctx
        .report(
            &SectionMissing::META,
            record.path(),
            Some(title_span(record)),
            message,
        )
        .help(help);
    // The heading is written, but inside a code block left open above it.
    if let Some((span, block)) = missing
        .iter()
        .find_map(|name| heading_in_code(record, name))
    {
        diagnostic.secondary(
            record.path().clone(),
            Some(span),
            format!(
                "this heading is inside the code block opened on line {}: close that block",
                record.source.line_of(block.start)
            ),
        );
    }
}

/// `missing` as `record` would name them: `## Resultado de la decisión` in a Spanish record.
fn shown_names(record: &Record, missing: &[String]) -> Vec<String> {
    let written: Vec<&str> = record.sections.iter().map(|s| s.title.as_str()).collect();
    missing
        .iter()
        .map(|name| crate::vocabulary::heading_as_written(&written, name).to_string())
        .collect()
}

/// The message and help of a record's finding: it lacks `missing` (named `shown`), which
/// it needs because of `why`. One finding per record: a record missing three sections needs
/// one edit session, not three findings pointing at the same line.
fn finding_texts(
    style: Style,
    why: &Why,
    (missing, shown): (&[String], &[String]),
    own: &[String],
) -> (String, String) {
    let shown: Vec<&String> = shown.iter().collect();
    let (message, mut help) = match shown.as_slice() {
        [only] => (
            format!("section `{only}` is missing"),
            format!("add a `## {only}` heading"),
        ),
        _ => (
            format!("sections {} are missing", listed(&shown, "`", "`")),
            format!("add {} headings", listed(&shown, "`## ", "`")),
        ),
    };
    let mut reason = why.says(if missing.len() == 1 { "it" } else { "them" });
    // MADR 1 has no heading for its context: a heading would be advice against its layout.
    if let (Style::Madr1, [only]) = (style, missing)
        && english_key(only) == "context and problem statement"
    {
        help = "write the context and problem statement under the title".to_string();
        reason = "a MADR 1 record keeps it there, without a heading".to_string();
    }
    (
        message,
        format!(
            "{help} ({reason}; `[lint.required-sections]` in .adr.toml changes the list){}",
            alias_hint(own, missing)
        ),
    )
}

/// The level-2 headings of a record that has none of the `required` sections it should
/// (`missing` as many): it may name them in words adr does not know (`## Sammanhang och
/// problembeskrivning`, Swedish), which `[lint.heading-aliases]` maps. Empty otherwise.
fn own_headings(record: &Record, required: usize, missing: usize) -> Vec<String> {
    if required == 0 || missing < required {
        return Vec::new();
    }
    record
        .sections_below_title()
        .filter(|section| section.level == 2)
        .map(|section| section.title.trim().to_string())
        .filter(|title| !title.is_empty())
        .take(2)
        .collect()
}

/// The help's last words for a record written in its own headings ([`own_headings`]): how
/// to say which required section the first of them is.
fn alias_hint(own: &[String], missing: &[String]) -> String {
    match (own.first(), missing.first()) {
        (Some(heading), Some(name)) => format!(
            "; or, if `## {heading}` is the log's `{name}`, say so: `[lint.heading-aliases]` \
             `\"{}\" = \"{}\"`",
            heading.replace(['"', '\\'], ""),
            name.replace(['"', '\\'], "")
        ),
        _ => String::new(),
    }
}

/// A line of a code block that reads as the heading `name` (`## Referenzen` after a
/// ```` ```` ```` fence that a ```` ``` ```` did not close), with the block.
fn heading_in_code(record: &Record, name: &str) -> Option<(Span, Span)> {
    let wanted = normalize_heading(name);
    let wanted = crate::vocabulary::english_heading(&wanted).map_or(wanted, String::from);
    record.code_spans.iter().find_map(|block| {
        record.source.lines_in(*block).find_map(|(_, line)| {
            let text = record.source.slice(line);
            let heading = text.strip_prefix("##")?.trim_start_matches('#');
            let key = normalize_heading(heading);
            let key = crate::vocabulary::english_heading(&key).map_or(key, String::from);
            (key == wanted).then_some((line, *block))
        })
    })
}

/// `a`, `a` and `b`, `a`, `b` and `c`: each name wrapped in `open` … `close`.
fn listed(names: &[&String], open: &str, close: &str) -> String {
    let wrapped: Vec<String> = names
        .iter()
        .map(|name| format!("{open}{name}{close}"))
        .collect();
    match wrapped.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Where the record says what it is: its H1, else the front-matter `title:` (a record
/// whose title lives in front matter would otherwise be reported at its opening `---`),
/// else its first heading, else its first line after any front matter.
fn title_span(record: &Record) -> Span {
    match (&record.title, &record.front_matter_title) {
        (Some(title), _) | (None, Some(title)) => title.span,
        (None, None) => match record.sections.first() {
            Some(section) => section.heading_span,
            None => {
                let source = &record.source;
                let body_start = record.body_start();
                let body = source.text.get(body_start..).unwrap_or("");
                let first_text = body_start + (body.len() - body.trim_start().len());
                let line = source.line_span(source.line_of(first_text.min(source.text.len())));
                Span::new(line.start.max(body_start), line.end.max(body_start))
            }
        },
    }
}

/// Whether `record` is held to the log's own template: a custom-layout record by any
/// template, a MADR record (any version, whatever its metadata) by a MADR template, and an
/// adr-tools/Nygard record by a Nygard template (often translated: `## Kontext`,
/// `## Entscheidung`) that keeps a `Status` section as the record does. A record written
/// another way than the template predates it (EdgeX's Nygard records, with a `## Status`,
/// beside a later template that has none), and keeps its own style's sections. The
/// config's `[lint.required-sections]` for the style wins over the template.
fn uses_template(record: &Record, style: Style, ctx: &RuleContext) -> bool {
    ctx.template.is_some_and(|template| {
        let same_layout = match style {
            Style::Other => true,
            Style::Nygard => {
                template.style == Style::Nygard
                    && template_has_status(template) == record_has_status_section(record)
            }
            _ => template.style.is_madr(),
        };
        !template.sections.is_empty() && (same_layout || shares_most_sections(record, template))
    }) && !ctx
        .options
        .configured_section_styles
        .iter()
        .any(|configured| configured == style.name() || (configured == "madr" && style.is_madr()))
}

/// Whether `record` has two of the template's sections at least, and half of them: it is
/// written from it, whatever its status lines make its style (es-cosmere's `- Estado:`
/// bullets over `## Contexto` / `## Decision (historica)`, checked against MADR's sections
/// when the log's `PLANTILLA.md` asks for Contexto, Decisión and Consecuencias).
fn shares_most_sections(record: &Record, template: &crate::model::LogTemplate) -> bool {
    let shared = template
        .sections
        .iter()
        .filter(|name| {
            let wanted = english_key(name);
            record.sections.iter().any(|section| section.key() == wanted)
        })
        .count();
    shared >= 2 && shared * 2 >= template.sections.len()
}

/// The headings a record of `style` must have: the log's template's (see
/// [`uses_template`]), else the config's or the defaults.
fn expected_sections<'c>(record: &Record, style: Style, ctx: &'c RuleContext) -> &'c [String] {
    match ctx.template {
        Some(template) if uses_template(record, style, ctx) => &template.sections,
        _ => ctx.options.required_sections(style),
    }
}

/// Whether the template asks for a `## Status` section (in any language the tables read).
fn template_has_status(template: &crate::model::LogTemplate) -> bool {
    template
        .sections
        .iter()
        .any(|name| english_key(name) == "status")
}

fn record_has_status_section(record: &Record) -> bool {
    record
        .sections_below_title()
        .any(|section| section.is_named("Status"))
}

/// A heading's normalised English name (`Kontext` → `context`).
fn english_key(name: &str) -> String {
    let key = normalize_heading(name);
    crate::vocabulary::english_heading(&key).map_or(key, String::from)
}

/// Whether a MADR 1 record states its context where MADR 1 puts it: as text between the
/// title and the first section (`<!-- … -->` comments are no text).
fn has_text_under_title(record: &Record) -> bool {
    let Some(title) = &record.title else {
        return false;
    };
    let end = record
        .sections_below_title()
        .map(|section| section.heading_span.start)
        .find(|start| *start > title.span.end)
        .unwrap_or(record.source.text.len());
    let under_title = record.source.text.get(title.span.end..end).unwrap_or("");
    let mut rest = under_title;
    let mut text = String::new();
    // Comments out, whatever they span.
    while let Some((before, after)) = rest.split_once("<!--") {
        text.push_str(before);
        rest = after.split_once("-->").map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    text.chars().any(char::is_alphanumeric)
}

/// The style whose sections are required, or `None` when the record follows no template
/// closely enough to hold it to one: a metadata-table layout, or a record without metadata
/// that shares a single heading with MADR.
fn checked_style(record: &Record) -> Option<Style> {
    if record
        .status
        .as_ref()
        .is_some_and(|status| status.origin == StatusOrigin::Table)
    {
        return Some(Style::Other);
    }
    if record.style == Style::MadrBare {
        let madr_headings = MADR_SECTIONS
            .iter()
            .filter(|name| {
                record
                    .sections
                    .iter()
                    .any(|section| section.key() == **name)
            })
            .count();
        if madr_headings < 2 {
            return Some(Style::Other);
        }
    }
    Some(record.style)
}

fn is_present(record: &Record, style: Style, headings: &[String], name: &str) -> bool {
    // A bilingual heading (`参考 (References)`, kani3camp/mine-party's template) is answered
    // by either name (`## 参考`).
    if let Some((native, translated)) = name
        .trim_end()
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once(" ("))
        .filter(|(native, translated)| !native.trim().is_empty() && !translated.is_empty())
    {
        return [name, native.trim(), translated]
            .into_iter()
            .any(|name| is_present_as_named(record, style, headings, name));
    }
    is_present_as_named(record, style, headings, name)
}

/// Whether the section `name` is present, under that one name.
fn is_present_as_named(record: &Record, style: Style, headings: &[String], name: &str) -> bool {
    // A translated template's heading (`Kontext`) is read like the records' headings, whose
    // keys are already English (`context`).
    let wanted = english_key(name);
    // Whether the record states a status, wherever it does, is `status-missing`'s question:
    // asked here too, a log that keeps no statuses had an error per record beside that
    // rule's one warning, and turning that rule off left them.
    if wanted == "status" {
        return true;
    }
    // A record dated elsewhere (`decided: 2026-08-11` in front matter, a `Date:` line) has
    // what a template's `## Date` part asks for (onetimesecret's newer records).
    if wanted == "date" && record.date.is_some() {
        return true;
    }
    // `context: We need to record…`: a part kept as a front-matter key of its name, with text.
    let in_front_matter = record.front_matter.as_ref().is_some_and(|front_matter| {
        front_matter.entries.iter().any(|entry| {
            normalize_heading(&entry.key.replace(['-', '_'], " ")) == wanted
                && entry.value.as_str().is_some_and(|text| !text.trim().is_empty())
        })
    });
    if in_front_matter {
        return true;
    }
    // MADR 1 has no context heading: the context is the paragraph under the title.
    if style == Style::Madr1
        && ["context and problem statement", "context"].contains(&wanted.as_str())
        && has_text_under_title(record)
    {
        return true;
    }
    let equivalents = EQUIVALENT_HEADINGS
        .iter()
        .find(|(heading, _)| *heading == wanted)
        .map_or(&[][..], |(_, equivalents)| *equivalents);
    // `## Decision: Option 2 - Custom error codes` names its section before the colon;
    // `## Decisions and Consequences` holds the name in the plural.
    let plural = format!("{wanted}s");
    // `## Change Log` answers `## Changelog`: spaces between words are ignored as case and
    // punctuation are.
    let unspaced = |text: &str| text.replace(' ', "");
    let wanted_unspaced = unspaced(&wanted);
    headings.iter().any(|heading| {
        let named = heading.split_once(':').map_or(heading.as_str(), |(head, _)| head.trim_end());
        [heading.as_str(), named].into_iter().any(|heading| {
            heading == wanted
                || equivalents.contains(&heading)
                || contains_words(heading, &wanted)
                || contains_words(heading, &plural)
                || unspaced(heading) == wanted_unspaced
        })
    })
}

/// `ci platform considered options` contains `considered options` as whole words.
fn contains_words(heading: &str, wanted: &str) -> bool {
    heading.match_indices(wanted).any(|(at, _)| {
        let before = heading.get(..at).and_then(|head| head.chars().next_back());
        let after = heading
            .get(at + wanted.len()..)
            .and_then(|tail| tail.chars().next());

        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

