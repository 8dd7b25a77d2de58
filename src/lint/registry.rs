//! Every rule, by stable id. Adding a rule is one file in `rules/` and its name in the
//! `rules!` list of `rules/mod.rs` (sorted by id); `declare_rule!` in the file says what
//! it checks. Ids are forever: a renamed rule keeps its old id in
//! [`REDIRECTS`], so configs that name it keep working.

use crate::lint::facts::LogFacts;
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

pub use crate::lint::rules::RULES;

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
                "rule `{id}` ({stem}.rs) is missing from RULES"
            );
            assert!(
                modules.contains(&format!("    {stem},\n")),
                "the `rules!` list of rules/mod.rs does not name `{stem}`"
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
