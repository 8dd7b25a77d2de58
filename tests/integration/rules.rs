//! Per-rule fixtures (ruff's `for_rule`): `tests/fixtures/rules/<rule-id>/` holds
//! `fail-<case>` and `pass-<case>` records, each linted with only that rule enabled. A case
//! is a Markdown file (placed in the log as `0001-<case>.md`) or a directory (the whole log;
//! a `.adr.toml` in it goes to the project root). Fail cases are snapshotted in the human
//! and JSON formats; pass cases must produce nothing; fail cases of a fixable rule are fixed
//! and linted again. Each case is checked on its own (`insta::glob!`). A meta-test keeps fixtures, the
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

/// Runs `check` on every case matching `pattern` under tests/fixtures/rules, one case at a
/// time (`insta::glob!`: each case has its own snapshots, and `INSTA_GLOB_FILTER=status-case/*`
/// runs only some). A case that fails does not hide the others: every failing case is named
/// at the end, with what went wrong.
fn for_each_case(pattern: &str, check: impl Fn(&str, &Path)) {
    let failed = std::sync::Mutex::new(Vec::new());
    insta::glob!("../fixtures/rules", pattern, |case| {
        let id = case
            .parent()
            .and_then(Path::file_name)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // Snapshots keep the names they had before the glob: `rules__<id>__<case>`.
        let mut settings = insta::Settings::clone_current();
        settings.remove_snapshot_suffix();
        let outcome = settings
            .bind(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&id, case))));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
                .unwrap_or_default();
            let case = format!("{id}/{}", case_name(case));
            failed.lock().unwrap().push(if message.starts_with(&case) {
                message
            } else {
                format!("{case}: {message}")
            });
        }
    });
    let failed = failed.into_inner().unwrap();
    assert!(
        failed.is_empty(),
        "{} fixture(s) failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Each fixture linted with only its rule: a `pass-*` case has no diagnostics and exits 0; a
/// `fail-*` case reports its rule and nothing else, exits 1 exactly when one is an error, and
/// its human and JSON output are snapshotted.
#[test]
fn fixtures_lint_as_their_names_say() {
    for_each_case("*/*", |id, case| {
        let name = case_name(case);
        let project = project_for(case);
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
            return;
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
    });
}

/// The diagnostics of `rule` in a project, as (path, line, fixable).
fn diagnostics_of(project: &Path, rule: &str) -> Vec<(String, u64, bool)> {
    let (_, json, _) = run(project, &["lint", "--rule", rule, "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json).expect("json");
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["fixable"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Every `fail-*` fixture of a fixable rule, fixed: `lint --fix` changes the files (or, when
/// no diagnostic there has a fix, leaves them alone), the fixed diagnostics no longer fire
/// (only those the rule offers no fix for remain), and a second `--fix` changes nothing. What
/// `--fix` says and the files it changed are snapshotted.
#[test]
fn fixes_of_every_fixable_rule_round_trip() {
    let fixable: Vec<&str> = adr::lint::RULES
        .iter()
        .filter(|rule| rule.meta.fixable)
        .map(|rule| rule.meta.id)
        .collect();
    assert!(!fixable.is_empty());
    for_each_case("*/fail-*", |id, case| {
        if !fixable.contains(&id) {
            return;
        }
        let name = case_name(case);
        let project = project_for(case);
        let before = diagnostics_of(project.path(), id);
        let unfixable: Vec<_> = before.iter().filter(|d| !d.2).cloned().collect();
        let original = crate::util::files_of(project.path());
        let (code, _, stderr) = run(project.path(), &["lint", "--rule", id, "--fix"]);
        assert!(matches!(code, 0 | 1), "{id}/{name}: exit {code}: {stderr}");
        let fixed = crate::util::files_of(project.path());
        if unfixable.len() == before.len() {
            // Nothing here has a safe fix: --fix must leave every file alone.
            assert_eq!(
                original, fixed,
                "{id}/{name}: --fix changed a file it had no fix for"
            );
        } else {
            assert_ne!(original, fixed, "{id}/{name}: --fix changed nothing");
        }
        assert_eq!(
            diagnostics_of(project.path(), id),
            unfixable,
            "{id}/{name}: after --fix only the diagnostics without a fix remain"
        );
        let (_, _, again) = run(project.path(), &["lint", "--rule", id, "--fix"]);
        assert_eq!(
            crate::util::files_of(project.path()),
            fixed,
            "{id}/{name}: a second --fix changed the files again: {again}"
        );
        let changed: Vec<String> = fixed
            .iter()
            .filter(|(path, bytes)| original.get(*path) != Some(bytes))
            .map(|(path, bytes)| format!("--- {path}\n{}", String::from_utf8_lossy(bytes)))
            .collect();
        insta::assert_snapshot!(
            format!("fixed__{id}__{name}"),
            format!(
                "$ adr lint --rule {id} --fix\n{stderr}\n{}",
                changed.join("\n")
            )
        );
    });
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
