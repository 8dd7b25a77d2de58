//! `adr rules`: every lint rule with its default severity, whether `--fix` repairs it and
//! its one-line summary; `adr rules ID` and `adr lint --explain ID` print a rule's
//! documentation, which is the doc comment in the rule's source.

use crate::cli::RulesArgs;
use crate::error::{Error, Result, output_error};
use crate::lint::{RULES, find_rule, settings_suggestion};
use crate::{ExitStatus, Output};

pub fn run(args: &RulesArgs, output: &mut Output<'_>) -> Result<ExitStatus> {
    if let Some(id) = &args.rule {
        return explain(id, output);
    }
    let id_width = RULES
        .iter()
        .map(|rule| rule.meta.id.len())
        .max()
        .unwrap_or(0);
    let severity_width = RULES
        .iter()
        .map(|rule| rule.meta.default_severity_label().len())
        .max()
        .unwrap_or(0)
        .max("DEFAULT".len());
    let mut text = format!(
        "{:id_width$}  {:severity_width$}  {:3}  SUMMARY\n",
        "RULE", "DEFAULT", "FIX"
    );
    for rule in RULES {
        text.push_str(&format!(
            "{:id_width$}  {:severity_width$}  {:3}  {}\n",
            rule.meta.id,
            rule.meta.default_severity_label(),
            if rule.meta.fixable { "yes" } else { "" },
            rule.meta.summary()
        ));
    }
    output
        .out
        .write_all(text.as_bytes())
        .map_err(output_error)?;
    Ok(ExitStatus::Success)
}

/// Prints one rule's documentation.
pub(crate) fn explain(id: &str, output: &mut Output<'_>) -> Result<ExitStatus> {
    let Some(rule) = find_rule(id.trim()) else {
        return Err(Error::usage(format!(
            "unknown lint rule `{id}`{}: run `adr rules` to list them",
            settings_suggestion(id)
        )));
    };
    let meta = rule.meta;
    let text = format!(
        "# {}\n\nDefault severity: {}. Fixable: {}.\n\n{}",
        meta.id,
        meta.default_severity_label(),
        if meta.fixable { "yes" } else { "no" },
        meta.explanation()
    );
    output
        .out
        .write_all(text.as_bytes())
        .map_err(output_error)?;
    Ok(ExitStatus::Success)
}
