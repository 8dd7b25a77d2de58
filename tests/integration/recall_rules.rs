//! The rules that find what readers of real logs find (issue #20): a title number that
//! disagrees with the file's, a copied title, a missing date, a record with no decision, and
//! a supersede link whose successor another record names. Each rule's fixtures are in
//! `tests/fixtures/rules/<id>/` (run by `rules.rs`); here are the precision guard on the
//! shared corpora (every finding judged true by reading the file) and the configuration key.

use crate::util::{corpus_names, corpus_root, log_with, run};

/// The rules issue #20 added or changed.
const RULES: [&str; 5] = [
    "date-missing",
    "decision-empty",
    "supersede-target-missing",
    "title-duplicate",
    "title-number-mismatch",
];

/// `corpus/path:line:column rule` for each finding of the issue's rules on every corpus,
/// linted with no configuration.
fn findings_on_the_corpora() -> Vec<String> {
    let mut findings = Vec::new();
    for name in corpus_names() {
        let dir = corpus_root().join(&name);
        let (code, json, stderr) = run(
            &corpus_root(),
            &["--dir", dir.to_str().unwrap(), "lint", "--format", "json"],
        );
        assert!(code == 0 || code == 1, "{name}: exit {code}: {stderr}");
        let document: serde_json::Value = serde_json::from_str(&json).expect("json");
        for diagnostic in document["diagnostics"].as_array().unwrap() {
            let rule = diagnostic["rule"].as_str().unwrap();
            if !RULES.contains(&rule) {
                continue;
            }
            let path = diagnostic["path"].as_str().unwrap();
            let file = path
                .rsplit_once(&format!("{name}/"))
                .map_or(path, |(_, file)| file);
            findings.push(format!(
                "{name}/{file}:{}:{} {rule}",
                diagnostic["line"], diagnostic["column"]
            ));
        }
    }
    findings
}

// Issue #20: real logs have copied titles and numbers, undated records and records without
// a decision that lint did not report; each finding below was read in its file and judged
// a true defect (docs/lint-on-real-logs.md). A new finding here is a new false positive
// until someone reads it.
#[test]
fn issue_20_findings_on_the_shared_corpora_are_the_judged_ones() {
    let mut expected = vec![
        // MADR's stock record 0000 kept no date; every other record of the log has one.
        "dfe-find-a-tuition-partner/0000-use-markdown-any-decision-records.md:1:3 date-missing",
        "elastisys-compliantkubernetes/0000-use-markdown-architectural-decision-records.md:1:3 date-missing",
        "mozilla-application-services/0000-use-markdown-architectural-decision-records.md:1:3 date-missing",
        // Follow-up records that kept their predecessor's title word for word.
        "eclipse-edc-connector/2022-09-23-extract-metamodel-and-autodoc/README.md:1:3 title-duplicate",
        "eclipse-edc-connector/2026-01-30-dynamic-dcp-scopes/README.md:1:3 title-duplicate",
        "govuk-aws/0031-security-group-naming.md:1:7 title-duplicate",
        // `# 3. …` in records 33 and 35, copied from record 3.
        "govuk-aws/0033-ip-ranges.md:1:3 title-number-mismatch",
        "govuk-aws/0035-bouncer-load-balancer-on-port-80-and-443.md:1:3 title-number-mismatch",
    ];
    // phodal-mooa: records marked done (`完成`) or approved whose `## 决策` still holds the
    // template's `在这里补充上决策信息...` (the ones still `提议`, proposed, are left alone).
    let mooa = [
        ("0001-基本的-angular-应用替换.md", 17),
        ("0002-重构项目目录.md", 17),
        ("0003-使用自定义创建-element-方法.md", 17),
        ("0006-创建调试用命令行.md", 17),
        ("0007-base-path-支持问题.md", 17),
        ("0009-考虑-loading-动画.md", 17),
        ("0010-清空-parentelement-dom-下的所有-children.md", 17),
        ("0011-支持组件之间跳转.md", 17),
        ("0013-修复-app-修改-host-url-带来的问题.md", 17),
        ("0015-支持在-cli-中使用中文.md", 17),
        ("0018-支持-iframe-与-angular-应用切换使用.md", 17),
        ("0019-支持在配置文件中使用-link-和配置根据链接来区别.md", 17),
        ("0023-支持-zone.min.js-可配置来兼容应用.md", 15),
    ];
    let mooa: Vec<String> = mooa
        .iter()
        .map(|(file, line)| format!("phodal-mooa/{file}:{line}:1 decision-empty"))
        .collect();
    expected.extend(mooa.iter().map(String::as_str));
    expected.sort_unstable();
    let mut found = findings_on_the_corpora();
    found.sort();
    assert_eq!(found, expected);
}

// Issue #20: `.adr.toml` can require a date on every record, whatever the rest of the log
// does; without the key a log that mostly goes undated is left alone.
#[test]
fn issue_20_require_date_reports_every_undated_record() {
    let record = |n: u32| {
        format!(
            "# {n}. Decision {n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n\
             ## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n"
        )
    };
    let (one, two) = (record(1), record(2));
    let files = [
        ("0001-decision-1.md", one.as_str()),
        ("0002-decision-2.md", two.as_str()),
    ];
    let project = log_with(&files);
    let lint = ["lint", "--rule", "date-missing", "--format", "json"];
    let (code, json, _) = run(project.path(), &lint);
    assert_eq!(code, 0);
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        document["diagnostics"],
        serde_json::json!([]),
        "no key, no finding"
    );

    std::fs::write(
        project.path().join(".adr.toml"),
        "[lint]\nrequire-date = true\n",
    )
    .unwrap();
    // A warning: the exit code stays 0 (only errors fail a run).
    let (code, json, stderr) = run(project.path(), &lint);
    assert_eq!(code, 0, "{stderr}");
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paths: Vec<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["docs/adr/0001-decision-1.md", "docs/adr/0002-decision-2.md"]
    );
    assert!(
        document["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`.adr.toml` requires a date"),
        "{json}"
    );

    // A value of the wrong type is a configuration error naming the file: exit 2.
    std::fs::write(
        project.path().join(".adr.toml"),
        "[lint]\nrequire-date = \"yes\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(project.path(), &lint);
    assert_eq!(code, 2);
    assert!(stderr.contains(".adr.toml"), "{stderr}");
}

// Issue #20: each new rule is documented where a maintainer looks (`adr rules ID`), with the
// threshold `date-missing` applies.
#[test]
fn issue_20_new_rules_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    for id in [
        "date-missing",
        "decision-empty",
        "title-duplicate",
        "title-number-mismatch",
    ] {
        let (code, text, stderr) = run(dir.path(), &["rules", id]);
        assert_eq!(code, 0, "{id}: {stderr}");
        assert!(text.contains("## What it does"), "{id}: {text}");
    }
    let (_, text, _) = run(dir.path(), &["rules", "date-missing"]);
    assert!(
        text.contains("at least 80 %") && text.contains("require-date"),
        "{text}"
    );
}
