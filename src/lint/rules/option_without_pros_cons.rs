use crate::lint::options::{self, OptionName};
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that every considered option has its own pros-and-cons subsection.
    ///
    /// Only records with a `## Pros and Cons of the Options` section are checked.
    ///
    /// Records without that section are not checked: MADR makes it optional. A subsection
    /// covers an option when it names it (case, quotes, a short form or most of its words),
    /// or refers to its position (`### Option 2: …`, `### [option 2] - …`). When some
    /// subsection matches no option at all, the lists are organised differently and the
    /// record is not checked.
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
    pub(crate) struct OptionWithoutProsCons { id: "option-without-pros-cons", severity: Warning, fixable: false, enabled: true }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(section) = ctx.options.section(record, "Pros and Cons of the Options") else {
        return;
    };
    let section_span = section.heading_span;
    // A section that weighs the options in prose or a table, not per-option subsections,
    // is a layout choice rather than a gap.
    if record.pros_and_cons.is_empty() {
        return;
    }
    let options: Vec<OptionName> = record
        .considered_options
        .iter()
        .map(|option| OptionName::new(&option.value))
        .collect();
    // `### Option 2: X` or `### [option 2] - X`: by position, or by the name after it.
    let subsections: Vec<(Option<usize>, OptionName)> = record
        .pros_and_cons
        .iter()
        .map(
            |subsection| match options::position_reference(&subsection.value) {
                Some((position, name)) => (Some(position), OptionName::new(&name)),
                None => (None, OptionName::new(&subsection.value)),
            },
        )
        .collect();
    let covers = |(position, name): &(Option<usize>, OptionName), index: usize| {
        *position == Some(index + 1) || name.similar(&options[index])
    };
    // When a subsection matches no option, the two lists are organised differently (options
    // grouped under sub-headings, say) and which option lacks its pros and cons is a guess.
    let every_subsection_is_an_option = subsections
        .iter()
        .all(|subsection| (0..options.len()).any(|index| covers(subsection, index)));
    if !every_subsection_is_an_option {
        return;
    }
    for (index, option) in record.considered_options.iter().enumerate() {
        if subsections
            .iter()
            .any(|subsection| covers(subsection, index))
        {
            continue;
        }
        ctx.report(
            &OptionWithoutProsCons::META,
            record.path(),
            Some(option.span),
            format!("option `{}` has no pros and cons", option.value),
        )
        .help(format!(
            "add `### {}` under `## Pros and Cons of the Options`",
            option.value
        ))
        .secondary(
            record.path().clone(),
            Some(section_span),
            "other options are weighed here",
        );
    }
}
