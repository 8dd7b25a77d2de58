use crate::lint::links;
use crate::lint::prelude::*;
use crate::log_path::markdown_link;

declare_rule! {
    /// ## What it does
    /// Checks that supersession is recorded on both sides.
    ///
    /// When record A says it is
    /// superseded by B, B must mention A (a "supersedes" line or any link to A) and B must
    /// be in force (not `proposed`, `rejected` or `deprecated`); and when B says it
    /// supersedes A, A's status must say so rather than still being `accepted` or
    /// `proposed` (unless B supersedes only part of A: "supersedes some aspects of",
    /// "partially supersedes").
    ///
    /// ## Why is this bad?
    /// A reader who lands on B cannot find the decision it replaced, or a reader of A is not
    /// told A is no longer in force. A superseding record that was never accepted leaves no
    /// decision in force at all.
    ///
    /// ## Example
    /// `0003-use-rabbitmq.md`:
    /// ```markdown
    /// ---
    /// status: superseded by [ADR-0007](0007-use-kafka.md)
    /// ---
    /// ```
    /// and `0007-use-kafka.md`, which never mentions ADR-0003.
    ///
    /// Use instead: `0007-use-kafka.md` links back:
    /// ```markdown
    /// ## More Information
    ///
    /// This decision supersedes [ADR-0003](0003-use-rabbitmq.md): Use RabbitMQ.
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds the missing back-link to B the way `adr new --supersedes` writes it: a
    /// `Supersedes [3. Title](…)` line in an adr-tools `## Status` section, a
    /// `* Supersedes [ADR-0003](…)` bullet under MADR 2's `## Links`, otherwise a sentence
    /// in `## More Information` (the section is added at the end when missing). A record
    /// whose headings are in another language gets them in it, and the link with that
    /// language's label (`Remplace : [1. …](…)`, `Reemplaza: […](…)`, `取代：[…](…)`).
    /// Nothing else in either file changes. A superseding record that is not accepted, and a status
    /// that does not say "superseded", are reported but left for a person to change.
    pub(crate) struct SupersedeNotReciprocal { id: "supersede-not-reciprocal", severity: Warning, fixable: true, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    for old in &log.records {
        let Some(status) = &old.status else { continue };
        // `superseded by 4 and 7`: each successor must link back.
        for reference in &status.successors() {
            let Some(new) = log.resolve_from(old, reference) else {
                continue;
            };
            if std::ptr::eq(new, old) {
                continue;
            }
            // A reference whose number is not the record it resolves to (a link to a file
            // renamed since, found by its slug: athens) is named by that record's file.
            let label = match reference.number {
                Some(number) if new.file.number != Some(number) => {
                    crate::log_path::file_name(&new.rel_path).to_string()
                }
                _ => reference.label(),
            };
            if !mentions(log, new, old) {
                let fix = back_link_fix(new, old);
                ctx.report(
                    &SupersedeNotReciprocal::META,
                    old.path(),
                    Some(status.span),
                    format!(
                        "superseded by `{label}`, but `{}` does not link back to this record",
                        new.rel_path
                    ),
                )
                .help(format!(
                    "add `Supersedes [{}]({})` to `{}`",
                    link_text(new, old),
                    markdown_link(&new.rel_path, &old.rel_path),
                    new.rel_path
                ))
                .secondary(
                    new.path().clone(),
                    Some(new.head_span),
                    "the superseding record",
                )
                .fix(fix);
                continue;
            }
            if let Some(new_status) = &new.status
                && matches!(
                    new_status.kind,
                    StatusKind::Draft
                        | StatusKind::Proposed
                        | StatusKind::Rejected
                        | StatusKind::Deprecated
                )
            {
                ctx.report(
                    &SupersedeNotReciprocal::META,
                    old.path(),
                    Some(status.span),
                    format!(
                        "superseded by `{label}`, which is `{}`, not accepted",
                        new_status.keyword()
                    ),
                )
                .help(format!(
                    "accept `{}` first, or give this record back its status",
                    new.rel_path
                ))
                .secondary(
                    new.path().clone(),
                    Some(new_status.span),
                    "the superseding record's status",
                );
            }
        }
    }
    for new in &log.records {
        for reference in &new.supersedes {
            let Some(old) = log.resolve_from(new, &reference.value) else {
                continue;
            };
            if std::ptr::eq(new, old) {
                continue;
            }
            let Some(old_status) = &old.status else {
                continue;
            };
            if !matches!(old_status.kind, StatusKind::Accepted | StatusKind::Proposed) {
                continue;
            }
            if reference.is_partial {
                continue;
            }
            ctx.report(
                &SupersedeNotReciprocal::META,
                new.path(),
                Some(reference.span),
                format!(
                    "supersedes `{}`, but its status is still `{}`",
                    old.rel_path,
                    old_status.keyword()
                ),
            )
            .help(format!(
                "set the status of `{}` to `superseded by` this record (`adr status {} \"superseded by {}\"`)",
                old.rel_path,
                old.number().map_or_else(|| old.slug().to_string(), |n| n.to_string()),
                new.number().map_or_else(|| new.slug().to_string(), |n| n.to_string()),
            ))
            .secondary(old.path().clone(), Some(old_status.span), "still in force here");
        }
    }
}

/// Whether `new` names `old`: a supersedes line resolving to it, or any link to its file
/// but one saying another relation (`- Relates to […](…)`, log4brains' Links: the record
/// says how it relates to the other, and it is not "supersedes").
fn mentions(log: &LogFacts, new: &RecordFacts, old: &RecordFacts) -> bool {
    new.supersedes
        .iter()
        .filter_map(|reference| log.resolve_from(new, &reference.value))
        .any(|record| std::ptr::eq(record, old))
        || new.links.iter().any(|link| {
            !crate::relation::on_relation_line(&new.relations, link.line)
                && links::resolve(&new.path, link).is_some_and(|target| target.path == *old.path())
        })
}

fn link_text(new: &RecordFacts, old: &RecordFacts) -> String {
    match (new.style, old.number()) {
        (Style::Nygard, Some(number)) => format!("{number}. {}", old.display_title()),
        // `ADR-002` where the log names its files `ADR-002-….md` (lumehaven), not `ADR-0002`.
        (_, Some(number)) => crate::edit::log_id(Some(&old.file), number),
        (_, None) => old.slug().to_string(),
    }
}

/// Where a record takes a link back to a record it supersedes, in its own layout, as the
/// per-record pass finds it (log-wide rules get no sections): the fix is written from it.
#[derive(Debug, Clone, Copy)]
pub struct BackLinkSlot {
    /// The byte offset the text goes at.
    at: usize,
    /// Where the text it replaces ends (`at` when it replaces nothing).
    until: usize,
    /// The record's lines end in `\r\n`.
    crlf: bool,
    shape: BackLinkShape,
    /// The heading of a section the link adds, in the record's language (`Más información`).
    heading: &'static str,
    /// The record's language, when it is not English: the link is said in it (`Remplace :
    /// […](…)`).
    language: Option<&'static crate::vocabulary::Language>,
    /// The list marker of a `## Links` section's items (`-` where log4brains writes them).
    marker: char,
}

#[derive(Debug, Clone, Copy)]
enum BackLinkShape {
    /// A `Supersedes [3. Title](…)` line at the end of an adr-tools `## Status` section.
    StatusLine,
    /// A `* Supersedes [ADR-0003](…)` bullet at the end of MADR 2's `## Links`.
    LinksBullet,
    /// The bullet in a `## Links` section added at the end.
    NewLinksSection,
    /// A sentence at the end of `## More Information`.
    Sentence,
    /// The sentence in a `## More Information` section added at the end.
    NewSentenceSection,
    /// The value of a `- supersedes: -` field the record keeps empty for it (univention).
    EmptyField,
}

/// Where `record` would take a link back (see [`BackLinkSlot`]).
pub(crate) fn back_link_slot(record: &Record) -> BackLinkSlot {
    let source = &record.source;
    let end_of = |section: &crate::model::Section| {
        let body = source.slice(section.body_span);
        section.body_span.start + crate::source::content_end(body)
    };
    let end_of_text = crate::source::content_end(&source.text);
    if let Some(field) = crate::parse::legacy::empty_field(record, "supersedes") {
        return BackLinkSlot {
            at: field.start,
            until: field.end,
            crlf: source.text.contains("\r\n"),
            shape: BackLinkShape::EmptyField,
            heading: "",
            language: None,
            marker: '*',
        };
    }
    // The list marker of the last item of a `## Links` section, past the lines an item
    // goes on over (`- Plutus Core specification, …` then `  syntax)`, UPLC-CAPE).
    let marker_of = |section: &crate::model::Section| {
        let body = source.slice(section.body_span);
        let last = body
            .lines()
            .rev()
            .map(str::trim_start)
            .find(|line| line.starts_with(['-', '*', '+']));
        match last.is_some_and(|line| line.starts_with("- ")) {
            true => '-',
            false => '*',
        }
    };
    // A `## Links` list takes the bullet whatever the record's style: log4brains' MADR
    // template has one, and a sentence in a `## More Information` added below it was a
    // second place for the same links (aws-samples/pcluster-manager).
    let links = record.section("Links").filter(|section| section.level == 2);
    let (at, shape, marker) = match (record.style, record.section("Status"), links) {
        (Style::Nygard, Some(section), _) => (end_of(section), BackLinkShape::StatusLine, '*'),
        (_, _, Some(section)) => (end_of(section), BackLinkShape::LinksBullet, marker_of(section)),
        (Style::Madr2, _, None) => (end_of_text, BackLinkShape::NewLinksSection, '*'),
        _ => match record.section("More Information") {
            Some(section) => (end_of(section), BackLinkShape::Sentence, '*'),
            None => (end_of_text, BackLinkShape::NewSentenceSection, '*'),
        },
    };
    let english_heading = match shape {
        BackLinkShape::NewLinksSection => "Links",
        _ => "More Information",
    };
    let language = crate::relation::written_language(record);
    BackLinkSlot {
        at,
        until: at,
        crlf: source.text.contains("\r\n"),
        shape,
        heading: language
            .and_then(|language| language.heading(english_heading))
            .unwrap_or(english_heading),
        language,
        marker,
    }
}

/// How a record says it supersedes another, before the link: `Supersedes` in English (as
/// adr-tools writes it), else the language's own label with its colon, which the parser
/// reads back (`Remplace : [1. …](…)`, `取代：[3. …](…)`); `sentence` for the sentence MADR's
/// More Information takes in English (`This decision supersedes`).
fn supersedes_words(language: Option<&crate::vocabulary::Language>, sentence: bool) -> String {
    let label = language.and_then(|language| Some((language, *language.supersedes_labels.first()?)));
    match label {
        Some((language, word)) if ["zh", "ja", "ko"].contains(&language.code) => format!("{word}："),
        Some((language, word)) if language.code == "fr" => {
            format!("{} : ", crate::casefold::capitalised(word))
        }
        Some((_, word)) => format!("{}: ", crate::casefold::capitalised(word)),
        None if sentence => "This decision supersedes ".to_string(),
        None => "Supersedes ".to_string(),
    }
}

/// The edit adding "supersedes old" to `new`, in `new`'s own layout.
pub(crate) fn back_link_fix(new: &RecordFacts, old: &RecordFacts) -> Fix {
    let slot = new.back_link;
    let newline = if slot.crlf { "\r\n" } else { "\n" };
    let text = link_text(new, old);
    let link = format!("[{text}]({})", markdown_link(&new.rel_path, &old.rel_path));
    // A link named with the title (`[2. Use X](…)`, in a log that links records so) is not
    // followed by it again; `How do we do it?` ends its own sentence: no full stop after it.
    let sentence = || {
        let title = old.display_title();
        let tail = match (text.contains(title.as_str()), slot.language) {
            (true, _) => String::new(),
            (false, None) => format!(": {title}"),
            // After the label's own colon: `Sostituisce: [ADR-0003](…) (Modelli di dominio).`
            (false, Some(_)) => format!(" ({title})"),
        };
        let stop = if tail.ends_with(['.', '?', '!', '…', '。']) { "" } else { "." };
        let words = supersedes_words(slot.language, true);
        match slot.language {
            // `取代：[3. 行情链路](…)`: the link names the record, and a sentence of English
            // punctuation after it would not be the record's.
            Some(_) if !words.starts_with("This") && words.ends_with('：') => format!("{words}{link}"),
            _ => format!("{words}{link}{tail}{stop}"),
        }
    };
    let words = |sentence: bool| supersedes_words(slot.language, sentence);
    let new_section = |heading: &str, content: &str| {
        format!("{newline}{newline}## {heading}{newline}{newline}{content}")
    };
    let text = match slot.shape {
        BackLinkShape::StatusLine => format!("{newline}{newline}{}{link}", words(false)),
        BackLinkShape::LinksBullet => format!("{newline}{} {}{link}", slot.marker, words(false)),
        BackLinkShape::NewLinksSection => {
            new_section(slot.heading, &format!("* {}{link}", words(false)))
        }
        BackLinkShape::Sentence => format!("{newline}{newline}{}", sentence()),
        BackLinkShape::NewSentenceSection => new_section(slot.heading, &sentence()),
        BackLinkShape::EmptyField => link,
    };
    Fix {
        path: new.path().clone(),
        edits: vec![Edit::replace(Span::new(slot.at, slot.until), text)],
        description: format!("added a link back to `{}`", old.rel_path),
    }
}
