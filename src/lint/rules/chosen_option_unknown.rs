use crate::lint::options::{self, OptionName};
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that the option named in `Chosen option: "…"` is one of the record's
    /// Considered Options.
    ///
    /// Names match the way people write them: case, quotes and emphasis are ignored, and so
    /// are a trailing parenthetical, an `e.g.` clause, a Markdown link around the name and a
    /// description after a dash (`Flask + extensions (e.g., Flask-RESTful)` matches
    /// `Flask + Extensions`). A short form of an option counts (`Calendar Versioning` for
    /// `Calendar Versioning with YYYY.M.Patch`, `Rely on upstream` for `Rely on whatever
    /// mechanism is proposed by upstream`), and so do references by position (`option 2`,
    /// `3 - Enforce TTL`, `(D) Distribute …`) and several options at once (`1 & 3`,
    /// `Combined 1 and 3`). Positions count the list's options only, not the bulleted
    /// sub-points of a numbered option that Markdown reads as items of their own because
    /// they are indented too little. The rule fires when the chosen option shares no
    /// telling word with any considered one.
    ///
    /// ## Why is this bad?
    /// A decision that picks something it never considered usually means the options list
    /// was edited after the outcome (or the other way round), and readers can no longer tell
    /// what was weighed against what.
    ///
    /// ## Example
    /// ```markdown
    /// ## Considered Options
    ///
    /// * PostgreSQL
    /// * MySQL
    ///
    /// ## Decision Outcome
    ///
    /// Chosen option: "SQLite", because it needs no server.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Considered Options
    ///
    /// * PostgreSQL
    /// * MySQL
    /// * SQLite
    ///
    /// ## Decision Outcome
    ///
    /// Chosen option: "SQLite", because it needs no server.
    /// ```
    pub(crate) struct ChosenOptionUnknown { id: "chosen-option-unknown", severity: Error, fixable: false, enabled: true, record: check }
}

/// What a chosen option says when none is chosen yet, as `vocabulary::fold` writes it.
const UNDECIDED: [&str; 8] = [
    "not yet decided",
    "not decided yet",
    "not decided",
    "undecided",
    "none yet",
    "none",
    "pending",
    "open",
];

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(chosen) = &record.chosen_option else {
        return;
    };
    let real_options = options::real_options(record);
    // Without a list there is nothing to compare against; `section-missing` says so.
    if real_options.is_empty() {
        return;
    }
    let options: Vec<&str> = real_options
        .iter()
        .map(|option| option.value.as_str())
        .collect();
    if names_a_considered_option(&chosen.value, &options) {
        return;
    }
    // `Chosen option: Not yet decided`: no choice made yet, which is not a choice from
    // outside the list.
    let folded = crate::vocabulary::fold(options::plain(&chosen.value).trim());
    if UNDECIDED.contains(&folded.as_str())
        || super::decision_empty::UNWRITTEN.contains(&folded.as_str())
    {
        return;
    }
    let listed = real_options
        .iter()
        .map(|option| format!("`{}`", option.value))
        .collect::<Vec<_>>()
        .join(", ");
    let first = real_options[0];
    ctx.report(
        &ChosenOptionUnknown::META,
        record.path(),
        Some(chosen.span),
        format!(
            "chosen option `{}` is not among the considered options",
            chosen.value
        ),
    )
    .label("not a considered option")
    .help(format!(
        "name one of {listed}, or add `{}` to Considered Options",
        chosen.value
    ))
    .secondary(
        record.path().clone(),
        Some(first.span),
        "options are listed here",
    );
}

/// Whether `chosen` names one (or, `A & B`, several) of `options`.
fn names_a_considered_option(chosen: &str, options: &[&str]) -> bool {
    let plain = options::plain(chosen);
    if matches_one(&plain, options) {
        return true;
    }
    // `Combined 1 and 3`: options named by their place in the list.
    if let Some(positions) = options::combined_positions(&plain) {
        return positions
            .iter()
            .all(|position| *position >= 1 && *position <= options.len());
    }
    let parts: Vec<&str> = plain
        .split(['&', ','])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    parts.len() > 1 && parts.iter().all(|part| matches_one(part, options))
}

fn matches_one(chosen: &str, options: &[&str]) -> bool {
    if chosen.starts_with("all ") || chosen == "all" || chosen == "both" {
        return true;
    }
    if let Some((position, _)) = options::position_reference(chosen) {
        return position >= 1 && position <= options.len();
    }
    // `Chosen option: **A**` for options labelled `A.`, `(A)`, `B)`; a letter past the list
    // may still be an option's name (`X` of `X` and `Y`).
    let mut letters = chosen.chars();
    if let (Some(letter), None) = (letters.next(), letters.next())
        && letter.is_ascii_lowercase()
        && usize::from(letter as u8 - b'a') < options.len()
    {
        return true;
    }
    let chosen = OptionName::new(chosen);
    // Sharing one telling word is enough (`use Probe for uptime` names
    // `Prometheus Operator Probe`): the rule is for a choice from outside the list.
    options.iter().any(|option| {
        let option = OptionName::new(option);
        option.same_or_short_form(&chosen) || option.shares_a_word(&chosen)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_options_match_as_people_write_them() {
        let options = [
            "Semantic Versioning with Major.Minor.Patch",
            "Calendar Versioning with YYYY.M.Patch",
        ];
        assert!(names_a_considered_option("Calendar Versioning", &options));
        assert!(names_a_considered_option("2", &options));
        assert!(names_a_considered_option("option 1", &options));
        assert!(names_a_considered_option("1 & 2", &options));
        assert!(!names_a_considered_option("3", &options));
        assert!(!names_a_considered_option("Avro", &options));
        assert!(names_a_considered_option("Combined 1 and 2", &options));
        assert!(names_a_considered_option(
            "a combination of options 1 & 2",
            &options
        ));
        assert!(!names_a_considered_option("Combined 1 and 3", &options));
        assert!(names_a_considered_option("**B**", &options));
        let lettered = ["**(A) Do Nothing**", "(B) Use Carthage"];
        assert!(names_a_considered_option(
            "(B) Use Carthage to build",
            &lettered
        ));
        assert!(names_a_considered_option(
            "Rely on upstream",
            &[
                "Install CRDs as part of the bootstrap step",
                "Rely on whatever mechanism is proposed by upstream Helm Charts."
            ]
        ));
        assert!(names_a_considered_option(
            "Include in section 'More Information'",
            &["Include in section \"More Information\""]
        ));
    }
}
