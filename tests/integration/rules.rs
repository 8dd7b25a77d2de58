//! Per-rule fixtures (ruff's `for_rule`): `tests/fixtures/rules/<rule-id>/` holds
//! `fail-<case>` and `pass-<case>` records, each linted with only that rule enabled. A case
//! is a Markdown file (placed in the log as `0001-<case>.md`) or a directory (the whole log;
//! a `.adr.toml` in it goes to the project root). Fail cases are snapshotted in the human
//! and JSON formats; pass cases must produce nothing. A meta-test keeps fixtures, the
//! registry and the rule docs in step, and `docs/rules.md` is compared with the docs
//! generated from the rules' doc comments.

use std::path::Path;

use crate::util::{copy_dir, fixtures, repo_root, run};

fn rules_dir() -> std::path::PathBuf {
    fixtures().join("rules")
}

/// A temporary project holding one fixture case.
fn project_for(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("docs/adr");
    std::fs::create_dir_all(&log).expect("mkdir");
    if case.is_dir() {
        copy_dir(case, &log);
        let config = log.join(".adr.toml");
        if config.exists() {
            std::fs::rename(&config, dir.path().join(".adr.toml")).expect("move config");
        }
    } else {
        let name = case.file_name().unwrap().to_string_lossy();
        let slug = name
            .trim_start_matches("fail-")
            .trim_start_matches("pass-")
            .to_string();
        std::fs::copy(case, log.join(format!("0001-{slug}"))).expect("copy");
    }
    dir
}

fn cases(rule: &str) -> Vec<std::path::PathBuf> {
    let mut cases: Vec<_> = std::fs::read_dir(rules_dir().join(rule))
        .expect("rule fixtures")
        .map(|entry| entry.expect("entry").path())
        .collect();
    cases.sort();
    cases
}

fn case_name(case: &Path) -> String {
    case.file_name()
        .unwrap()
        .to_string_lossy()
        .trim_end_matches(".md")
        .to_string()
}

#[test]
fn every_rule_has_fixtures_and_docs() {
    let ids: Vec<&str> = adr::lint::RULES.iter().map(|rule| rule.meta.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "the registry must stay sorted by id");
    for rule in adr::lint::RULES {
        let id = rule.meta.id;
        let names: Vec<String> = cases(id).iter().map(|case| case_name(case)).collect();
        assert!(
            names.iter().any(|name| name.starts_with("fail-")),
            "{id} has no fail-* fixture"
        );
        assert!(
            names.iter().any(|name| name.starts_with("pass-")),
            "{id} has no pass-* fixture"
        );
        let docs = rule.meta.explanation();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
        ] {
            assert!(docs.contains(section), "{id}'s docs lack `{section}`");
        }
        assert!(!rule.meta.summary().is_empty(), "{id} has no summary");
    }
    for entry in std::fs::read_dir(rules_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ids.contains(&name.as_str()),
            "fixture directory `{name}` names no rule"
        );
    }
}

#[test]
fn fixtures_lint_as_their_names_say() {
    for rule in adr::lint::RULES {
        let id = rule.meta.id;
        for case in cases(id) {
            let name = case_name(&case);
            let project = project_for(&case);
            let (json_code, json, stderr) =
                run(project.path(), &["lint", "--rule", id, "--format", "json"]);
            assert!(stderr.is_empty(), "{id}/{name}: {stderr}");
            let document: serde_json::Value = serde_json::from_str(&json).expect("json");
            let diagnostics = document["diagnostics"].as_array().unwrap();
            if name.starts_with("pass-") {
                assert_eq!(json_code, 0, "{id}/{name} exits 0:\n{json}");
                assert!(
                    diagnostics.is_empty(),
                    "{id}/{name} has no diagnostics:\n{json}"
                );
                continue;
            }
            assert!(
                diagnostics.iter().any(|d| d["rule"] == id),
                "{id}/{name} reports {id}:\n{json}"
            );
            assert!(
                diagnostics.iter().all(|d| d["rule"] == id),
                "{id}/{name} reports only {id}:\n{json}"
            );
            let is_error = diagnostics.iter().any(|d| d["severity"] == "error");
            assert_eq!(json_code, i32::from(is_error), "{id}/{name} exit code");
            let (human_code, human, _) = run(project.path(), &["lint", "--rule", id]);
            assert_eq!(
                human_code, json_code,
                "{id}/{name}: same exit code in every format"
            );
            insta::assert_snapshot!(
                format!("{id}__{name}"),
                format!(
                    "$ adr lint --rule {id}\nexit: {human_code}\n{human}\n$ adr lint --rule {id} --format json\n{json}"
                )
            );
        }
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rule_docs() {
    let path = repo_root().join("docs/rules.md");
    let generated = adr::lint::registry::rules_markdown();
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(&path, &generated).expect("write docs/rules.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: regenerate it with `SNAPSHOTS=overwrite cargo test --test integration rules::`"
    );
}
