//! Every rule, by stable id. Adding a rule is one file in `rules/` and one line here (the
//! table stays sorted by id). Ids are forever: a renamed rule keeps its old id in
//! [`REDIRECTS`], so configs that name it keep working.

use crate::lint::facts::LogFacts;
use crate::lint::rules::*;
use crate::lint::{RuleContext, RuleMeta};
use crate::model::Record;

/// A rule that looks at one record at a time (run in parallel).
pub type RecordCheck = fn(&Record, &mut RuleContext<'_>);
/// A rule that compares records or looks at the log as a whole (run once). It is handed
/// each record's [`RecordFacts`](crate::lint::facts::RecordFacts) only: what comparing
/// records needs, filled while the record was parsed.
pub type LogCheck = fn(&LogFacts, &mut RuleContext<'_>);

#[derive(Debug)]
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub record: Option<RecordCheck>,
    pub log: Option<LogCheck>,
}

const fn per_record(meta: &'static RuleMeta, check: RecordCheck) -> Rule {
    Rule {
        meta,
        record: Some(check),
        log: None,
    }
}

const fn per_log(meta: &'static RuleMeta, check: LogCheck) -> Rule {
    Rule {
        meta,
        record: None,
        log: Some(check),
    }
}

/// Every rule, sorted by id.
pub static RULES: &[Rule] = &[
    per_record(
        &chosen_option_unknown::ChosenOptionUnknown::META,
        chosen_option_unknown::check,
    ),
    per_record(&date_format::DateFormat::META, date_format::check),
    per_record(&date_future::DateFuture::META, date_future::check),
    per_record(&date_invalid::DateInvalid::META, date_invalid::check),
    per_log(&date_missing::DateMissing::META, date_missing::check),
    per_record(
        &date_unreadable::DateUnreadable::META,
        date_unreadable::check,
    ),
    per_record(
        &decision_drivers_missing::DecisionDriversMissing::META,
        decision_drivers_missing::check,
    ),
    per_record(&decision_empty::DecisionEmpty::META, decision_empty::check),
    per_record(
        &file_not_a_record::FileNotARecord::META,
        file_not_a_record::check,
    ),
    per_log(&file_skipped::FileSkipped::META, file_skipped::check),
    per_log(
        &file_unreadable::FileUnreadable::META,
        file_unreadable::check,
    ),
    per_log(
        &filename_format::FilenameFormat::META,
        filename_format::check,
    ),
    per_record(
        &front_matter_delimiter::FrontMatterDelimiter::META,
        front_matter_delimiter::check,
    ),
    Rule {
        meta: &front_matter_syntax::FrontMatterSyntax::META,
        record: Some(front_matter_syntax::check_record),
        log: Some(front_matter_syntax::check_failures),
    },
    per_log(&link_broken::LinkBroken::META, link_broken::check),
    per_log(
        &link_root_relative::LinkRootRelative::META,
        link_root_relative::check,
    ),
    per_log(
        &number_duplicate::NumberDuplicate::META,
        number_duplicate::check,
    ),
    per_log(&number_gap::NumberGap::META, number_gap::check),
    per_record(
        &option_without_pros_cons::OptionWithoutProsCons::META,
        option_without_pros_cons::check,
    ),
    per_record(
        &placeholder_left::PlaceholderLeft::META,
        placeholder_left::check,
    ),
    per_log(
        &relation_not_reciprocal::RelationNotReciprocal::META,
        relation_not_reciprocal::check,
    ),
    per_record(&section_empty::SectionEmpty::META, section_empty::check),
    per_record(
        &section_missing::SectionMissing::META,
        section_missing::check,
    ),
    per_record(&status_case::StatusCase::META, status_case::check),
    Rule {
        meta: &status_invalid::StatusInvalid::META,
        record: Some(status_invalid::check_record),
        log: Some(status_invalid::check),
    },
    per_log(&status_missing::StatusMissing::META, status_missing::check),
    per_log(
        &status_undeclared::StatusUndeclared::META,
        status_undeclared::check,
    ),
    per_log(
        &supersede_conflict::SupersedeConflict::META,
        supersede_conflict::check,
    ),
    per_log(
        &supersede_not_reciprocal::SupersedeNotReciprocal::META,
        supersede_not_reciprocal::check,
    ),
    per_log(
        &supersede_target_missing::SupersedeTargetMissing::META,
        supersede_target_missing::check,
    ),
    per_log(
        &superseded_without_successor::SupersededWithoutSuccessor::META,
        superseded_without_successor::check,
    ),
    per_log(
        &title_duplicate::TitleDuplicate::META,
        title_duplicate::check,
    ),
    per_record(
        &title_duplicate_h1::TitleDuplicateH1::META,
        title_duplicate_h1::check,
    ),
    per_record(&title_missing::TitleMissing::META, title_missing::check),
    per_record(
        &title_number_mismatch::TitleNumberMismatch::META,
        title_number_mismatch::check,
    ),
];

/// Old id → current id, for rules that were renamed.
pub static REDIRECTS: &[(&str, &str)] = &[];

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.meta.id == id)
}

/// `docs/rules.md`: every rule's documentation, generated from the doc comments.
pub fn rules_markdown() -> String {
    let mut text = String::from(
        "# Lint rules\n\n\
         <!-- Generated from the rules' doc comments (src/lint/rules/); regenerate with \
         `SNAPSHOTS=overwrite cargo test --test integration rules::`. -->\n\n\
         `adr lint` runs these rules. Set a rule's severity in `.adr.toml`:\n\n\
         ```toml\n[lint.rules]\nnumber-gap = \"info\"        # turn on an off-by-default rule\n\
         section-empty = \"off\"\n```\n\n\
         | rule | default | fixable | what it checks |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        text.push_str(&format!(
            "| [`{id}`](#{id}) | {severity} | {fixable} | {summary} |\n",
            id = rule.meta.id,
            severity = rule.meta.default_severity_label(),
            fixable = if rule.meta.fixable { "yes" } else { "" },
            summary = rule.meta.summary().replace('|', "\\|"),
        ));
    }
    for rule in RULES {
        text.push_str(&format!(
            "\n## {}\n\nDefault: {}{}.\n\n",
            rule.meta.id,
            rule.meta.default_severity_label(),
            if rule.meta.fixable {
                ", fixable with `adr lint --fix`"
            } else {
                ""
            }
        ));
        // Shift the rule's own headings one level down under the rule's heading.
        let mut in_code = false;
        for line in rule.meta.explanation().lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if !in_code && line.starts_with("## ") {
                text.push('#');
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// `declare_rule!` does not register its rule: a registering macro needs a crate that
/// collects statics at link time (`linkme`) or before `main` (`inventory`), which trade a
/// `const` table that reads top to bottom for platform-specific linker tricks. The table
/// above stays the one list, and this test proves it misses no rule file.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_registered_under_its_file_name() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/rules");
        let modules = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
                continue;
            };
            if stem == "mod" || path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let declared = text.matches("declare_rule!").count();
            assert_eq!(declared, 1, "{stem}.rs declares {declared} rules");
            let id = stem.replace('_', "-");
            assert!(
                text.contains(&format!("id: \"{id}\"")),
                "{stem}.rs does not declare the id `{id}`"
            );
            assert!(
                RULES.iter().any(|rule| rule.meta.id == id),
                "rule `{id}` ({stem}.rs) is missing from registry::RULES"
            );
            assert!(
                modules.contains(&format!("mod {stem};")),
                "rules/mod.rs does not declare `{stem}`"
            );
            files.push(id);
        }
        assert_eq!(files.len(), RULES.len(), "a registered rule has no file");
    }

    #[test]
    fn the_table_is_sorted_by_id() {
        let ids: Vec<_> = RULES.iter().map(|rule| rule.meta.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
    }
}
