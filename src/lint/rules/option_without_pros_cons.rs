#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use crate::lint::options::{self, OptionName};
use crate::lint::prelude::*;
use crate::model::{Located, Section};

declare_rule! {
    /// ## What it does
    /// Checks that every considered option has its own pros-and-cons subsection.
    ///
    /// Only records with a `## Pros and Cons of the Options` section are checked.
    ///
    /// Records without that section are not checked: MADR makes it optional. A subsection
    /// covers an option when it names it (case, quotes, a short form, or half the words of
    /// the longer name),
    /// or refers to its position (`### Option 2: …`, `### [option 2] - …`; when the options
    /// carry their own numbers, as in a list of `Option 0 - …` to `Option 3 - …`, the number
    /// is the option's label). An id such as `0003-1` is not a position. When some
    /// subsection matches no option at all, the lists are organised differently and the
    /// record is not checked.
    ///
    /// Each subsection covers at most one option, the one it names best: one word in common
    /// is not enough (`### Dual license with MIT and CC0` does not cover `No license`).
    /// Only real options count: not an item that combines others by position (`Combined 1
    /// and 3`), not the bulleted sub-points of a numbered option indented too little to
    /// nest. When an option's pros and cons are under a heading at another level
    /// (`#### RabbitMQ` where the others are `###`) or outside the section, the finding
    /// points there and says so. The chosen option needs no subsection when Decision
    /// Outcome weighs it (a `Consequences` subsection, `Good, because …` lines, or a list of
    /// reasons): that is where MADR puts the chosen option's good and bad sides.
    ///
    /// ## Why is this bad?
    /// Once a record weighs options, one left out looks like it was never evaluated, and the
    /// comparison the reader relies on is incomplete.
    ///
    /// ## Example
    /// ```markdown
    /// ## Considered Options
    ///
    /// * Kafka
    /// * RabbitMQ
    ///
    /// ## Pros and Cons of the Options
    ///
    /// ### Kafka
    ///
    /// * Good, because it keeps a replayable log
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Pros and Cons of the Options
    ///
    /// ### Kafka
    ///
    /// * Good, because it keeps a replayable log
    ///
    /// ### RabbitMQ
    ///
    /// * Good, because the team already runs it
    /// ```
    pub(crate) struct OptionWithoutProsCons { id: "option-without-pros-cons", severity: Warning, fixable: false, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(section) = ctx.options.section(record, "Pros and Cons of the Options") else {
        return;
    };
    // A section that weighs the options in prose or a table, not per-option subsections,
    // is a layout choice rather than a gap.
    if record.pros_and_cons.is_empty() {
        return;
    }
    let considered = options::real_options(record);
    let options: Vec<OptionName> = considered
        .iter()
        .map(|option| OptionName::new(&option.value))
        .collect();
    // `### Option 1 - …` means the option labelled 1 when the options carry their own
    // numbers (a list that starts at 0), else the first one.
    let labels = options::option_labels(&considered);
    let place = |index: usize| match &labels {
        Some(labels) => labels.get(index).copied().flatten(),
        None => Some(index + 1),
    };
    let headings = option_headings(record);
    // When a heading names no option at all, the two lists are organised differently
    // (options grouped under sub-headings, say) and which option lacks its pros and cons
    // is a guess.
    let every_heading_is_an_option = headings.iter().all(|heading| {
        (0..options.len()).any(|index| heading.relates_to(place(index), &options[index]))
    });
    if !every_heading_is_an_option {
        return;
    }
    let places: Vec<Option<usize>> = (0..options.len()).map(place).collect();
    let covered_by = assign(&headings, &options, &places);
    let chosen = chosen_index(record, &options);
    // `### Table per Tenant and Schema per Tenant` (hyperledger/identus): a heading that
    // weighs two options together covers each it names.
    let joint: Vec<OptionName> = record
        .pros_and_cons
        .iter()
        .flat_map(|subsection| {
            let parts: Vec<&str> = subsection
                .value
                .split(" and ")
                .flat_map(|part| part.split(" & "))
                .flat_map(|part| part.split(" / "))
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .collect();
            if parts.len() > 1 { parts } else { Vec::new() }
        })
        .map(OptionName::new)
        .collect();
    for (index, option) in considered.iter().enumerate() {
        if covered_by[index].is_some()
            || joint
                .iter()
                .any(|part| part.same_or_short_form(&options[index]))
        {
            continue;
        }
        // The chosen option's good and bad sides are often its consequences, written under
        // Decision Outcome; that is where a reader looks for them.
        let is_chosen = match chosen {
            Some(chosen) => chosen == index,
            None => outcome_names(record, &option.value),
        };
        if is_chosen && outcome_weighs(record) {
            continue;
        }
        // A heading left over that could be this option's: which one it is is a guess.
        let is_ambiguous = headings.iter().enumerate().any(|(at, heading)| {
            !covered_by.contains(&Some(at)) && heading.relates_to(place(index), &options[index])
        });
        if is_ambiguous {
            continue;
        }
        if let Some(elsewhere) = heading_elsewhere(record, section, &options[index]) {
            report_misplaced(ctx, record, section, option, elsewhere);
            continue;
        }
        ctx.report(
            &OptionWithoutProsCons::META,
            record.path(),
            Some(option.span),
            format!("option `{}` has no pros and cons", option.value),
        )
        // The section as the record names it (`## Avantages et Inconvénients des Options`).
        .help(format!(
            "add `### {}` under `## {}`",
            option.value,
            section.title.trim()
        ))
        .secondary(
            record.path().clone(),
            Some(section.heading_span),
            "other options are weighed here",
        );
    }
}

/// The subsections of "Pros and Cons of the Options": `### Option 2: X` or
/// `### [option 2] - X` by position, or by the name after it.
fn option_headings(record: &Record) -> Vec<Heading> {
    record
        .pros_and_cons
        .iter()
        .map(
            |subsection| match options::position_reference(&subsection.value) {
                Some((position, name)) => Heading {
                    position: Some(position),
                    name: OptionName::new(&name),
                },
                None => Heading {
                    position: None,
                    name: OptionName::new(&subsection.value),
                },
            },
        )
        .collect()
}

/// An option weighed under a heading outside the section, or at the wrong level in it.
fn report_misplaced(
    ctx: &mut RuleContext,
    record: &Record,
    section: &Section,
    option: &Located<String>,
    elsewhere: &Section,
) {
    let wanted_level = "#".repeat(usize::from(section.level) + 1);
    let (message, help) = if elsewhere.level == section.level + 1 {
        (
            format!(
                "the pros and cons of option `{}` are outside `{}`",
                option.value, section.title
            ),
            format!(
                "move `{wanted_level} {}` under `{} {}`",
                elsewhere.title,
                "#".repeat(usize::from(section.level)),
                section.title
            ),
        )
    } else {
        (
            format!(
                "the pros and cons of option `{}` are under a level-{} heading, where the other options have level {}",
                option.value,
                elsewhere.level,
                section.level + 1
            ),
            format!(
                "make it `{wanted_level} {}`, directly under `{} {}`",
                elsewhere.title,
                "#".repeat(usize::from(section.level)),
                section.title
            ),
        )
    };
    ctx.report(
        &OptionWithoutProsCons::META,
        record.path(),
        Some(elsewhere.heading_span),
        message,
    )
    .label("at the wrong level")
    .help(help)
    .secondary(record.path().clone(), Some(option.span), "the option");
}

/// The option `Chosen option: "…"` names, by position or best name.
fn chosen_index(record: &Record, options: &[OptionName]) -> Option<usize> {
    let chosen = record.chosen_option.as_ref()?;
    if let Some((position, remainder)) = options::position_reference(&chosen.value)
        && remainder.is_empty()
    {
        return (position >= 1 && position <= options.len()).then(|| position - 1);
    }
    let chosen = OptionName::new(&chosen.value);
    options
        .iter()
        .enumerate()
        .filter_map(|(index, option)| chosen.match_score(option).map(|score| (score, index)))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, index)| index)
}

/// Whether Decision Outcome's first paragraph names the option (`We chose Kubespray, …`,
/// `The MIT license was chosen`): the chosen option of a record without `Chosen option:`.
fn outcome_names(record: &Record, option: &str) -> bool {
    let Some(outcome) = record.section("Decision Outcome") else {
        return false;
    };
    let body = record.source.slice(outcome.body_span);
    let first_paragraph = body.trim_start().split("\n\n").next().unwrap_or_default();
    let name = options::plain(&crate::model::option_key(option));
    let paragraph = options::plain(first_paragraph);
    !name.is_empty()
        && paragraph.match_indices(name.as_str()).any(|(at, _)| {
            let before = paragraph
                .get(..at)
                .and_then(|text| text.chars().next_back());
            let after = paragraph
                .get(at + name.len()..)
                .and_then(|text| text.chars().next());
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
}

/// Whether Decision Outcome weighs the choice: `Good, because …` lines, a list of reasons
/// (`The MIT license was chosen, for the following reasons:` and bullets), or a
/// `Consequences` / `Positive Consequences` / `Pros and Cons` subsection.
fn outcome_weighs(record: &Record) -> bool {
    let Some(outcome) = record.section("Decision Outcome") else {
        return false;
    };
    let has_consequences = record.sections.iter().any(|section| {
        section.level > outcome.level
            && section.span.start > outcome.span.start
            && section.span.start < outcome.span.end
            && (section.key().contains("consequences") || section.key().contains("pros and cons"))
    });
    let body = record.source.slice(outcome.body_span);
    let lists_reasons = body.to_lowercase().contains("reason")
        && body.lines().any(|line| {
            let item = line.trim_start();
            item.starts_with("* ") || item.starts_with("- ") || item.starts_with("+ ")
        });
    has_consequences || lists_reasons || weighs(body)
}

/// A heading under `Pros and Cons of the Options`, read as a reference to an option.
struct Heading {
    /// `### Option 2: X`: the place it names.
    position: Option<usize>,
    name: OptionName,
}

impl Heading {
    /// How well the heading names the option at `place` (its position, or its own label),
    /// if it names it at all.
    fn score(&self, place: Option<usize>, option: &OptionName) -> Option<f64> {
        if self.position.is_some() && self.position == place {
            return Some(4.0);
        }
        self.name.match_score(option)
    }

    /// Whether the heading could be about the option (loosely: a word in common will do).
    fn relates_to(&self, place: Option<usize>, option: &OptionName) -> bool {
        (self.position.is_some() && self.position == place) || self.name.similar(option)
    }
}

/// Which heading covers each option: each heading covers at most one, the best match
/// first (`### MIT` covers `MIT`, not `Dual license with MIT and CC0`; `### Dual license
/// with MIT and CC0` covers that option, not `No license`).
fn assign(
    headings: &[Heading],
    options: &[OptionName],
    places: &[Option<usize>],
) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = headings
        .iter()
        .enumerate()
        .flat_map(|(at, heading)| {
            options
                .iter()
                .enumerate()
                .filter_map(move |(index, option)| {
                    let place = places.get(index).copied().flatten();
                    heading.score(place, option).map(|score| (score, at, index))
                })
        })
        .collect();
    // Best score first; ties in document order, so the result does not depend on the sort.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut covered_by = vec![None; options.len()];
    let mut used = vec![false; headings.len()];
    for (_, at, index) in pairs {
        if used[at] || covered_by[index].is_some() {
            continue;
        }
        used[at] = true;
        covered_by[index] = Some(at);
    }
    covered_by
}

/// A heading elsewhere in the record that names the option and weighs it (`Good, because`,
/// `Pros`, `Advantages`…): pros and cons written at the wrong level or outside the section.
fn heading_elsewhere<'r>(
    record: &'r Record,
    pros_and_cons: &crate::model::Section,
    option: &OptionName,
) -> Option<&'r crate::model::Section> {
    // The heading naming the option best, the first of equals: `## Use google-java-format`
    // for that option, not `## Use palantir-java-format` before it, which shares words.
    let mut best: Option<(f64, &crate::model::Section)> = None;
    for candidate in &record.sections {
        let elsewhere = candidate.level > 1
            && candidate.span.start != pros_and_cons.span.start
            && !(candidate.level == pros_and_cons.level + 1
                && candidate.span.start > pros_and_cons.span.start
                && candidate.span.start < pros_and_cons.span.end);
        let Some(score) = OptionName::new(&candidate.title)
            .match_score(option)
            .filter(|_| elsewhere && weighs(record.source.slice(candidate.body_span)))
        else {
            continue;
        };
        if best.is_none_or(|(known, _)| score > known) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, section)| section)
}

/// Whether the text argues for or against something: a list item or heading starting with
/// `Good`, `Bad`, `Pro`, `Con`, `Advantage`…
fn weighs(text: &str) -> bool {
    const WORDS: [&str; 12] = [
        "good",
        "bad",
        "neutral",
        "pro",
        "pros",
        "con",
        "cons",
        "advantage",
        "advantages",
        "disadvantage",
        "disadvantages",
        "drawbacks",
    ];
    text.lines().any(|line| {
        let line = line.trim_start_matches([' ', '\t', '#', '*', '-', '+', '_']);
        let first: String = line
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        WORDS.contains(&first.as_str())
    })
}
