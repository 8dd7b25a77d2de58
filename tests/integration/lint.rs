//! `adr lint` and `adr rules` from the command line: every output format, exit codes,
//! `--deny-warnings`, `--fix`, inline suppression, config severities, PATH arguments,
//! `--explain`, the repository's own log, fresh records, real logs and generated ones.

use std::path::Path;

use crate::generate::{FaultKind, Generator, Style};
use crate::util::{adr, corpus_root, log_with, read, repo_root, run};

const GOOD: &str = "---
status: accepted
date: 2025-05-11
---

# Use Kafka for orders

## Context and Problem Statement

We need a message queue.

## Considered Options

* Kafka
* RabbitMQ

## Decision Outcome

Chosen option: \"Kafka\", because it keeps a replayable log.
";

/// One error, one warning, with characters every format must escape.
fn mixed_log() -> tempfile::TempDir {
    log_with(&[
        ("0001-use-kafka.md", GOOD),
        (
            "0002-use-queue.md",
            &GOOD
                .replace("# Use Kafka for orders", "# Use a queue for orders")
                .replace("status: accepted", "status: acepted")
                .replace(
                    "We need a message queue.",
                    "We need a message queue.\n\n## Consequences\n",
                ),
        ),
        (
            "0003-use-50%-more, faster: disks.md",
            &GOOD
                .replace("# Use Kafka for orders", "# Use faster disks")
                .replace("date: 2025-05-11", "date: 2030-01-01"),
        ),
    ])
}

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let (code, stdout, stderr) = run(dir, args);
    assert!(stderr.is_empty(), "{stderr}");
    (code, serde_json::from_str(&stdout).expect("JSON on stdout"))
}

#[test]
fn the_repository_log_lints_clean() {
    let (code, stdout, stderr) = run(&repo_root(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n", "")
    );
}

#[test]
fn every_format_on_one_input() {
    let project = mixed_log();
    for format in ["human", "json", "sarif", "github", "gitlab"] {
        let (code, stdout, stderr) = run(project.path(), &["lint", "--format", format]);
        assert_eq!(code, 1, "{format}: an error means exit 1");
        assert!(stderr.is_empty(), "{format}: {stderr}");
        let stdout = stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("lint_format_{format}"), stdout);
    }
}

#[test]
fn json_has_the_documented_shape() {
    let project = mixed_log();
    let (_, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(document["files"], 3);
    assert_eq!(document["errors"], 1);
    assert_eq!(document["warnings"], 2);
    let first = &document["diagnostics"][0];
    for key in [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "severity",
        "message",
        "help",
        "fixable",
    ] {
        assert!(first.get(key).is_some(), "diagnostic has `{key}`");
    }
    assert_eq!(first["path"], "docs/adr/0002-use-queue.md");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(9))
    );
    assert_eq!(first["rule"], "status-invalid");
    assert_eq!(first["message"], "unknown status `acepted`");
    assert!(
        first["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `accepted`?")
    );
}

#[test]
fn sarif_has_the_structure_code_scanning_requires() {
    let project = mixed_log();
    let (_, sarif) = json(project.path(), &["lint", "--format", "sarif"]);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "adr");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), adr::lint::RULES.len());
    for rule in rules {
        assert!(rule["id"].is_string() && rule["shortDescription"]["text"].is_string());
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .contains("## What it does")
        );
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("docs/adr/") && !uri.contains(' '), "{uri}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    assert_eq!(runs[0]["columnKind"], "unicodeCodePoints");
}

#[test]
fn github_commands_escape_what_github_requires() {
    let project = mixed_log();
    let (_, stdout, _) = run(project.path(), &["lint", "--format", "github"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines.iter().any(|line| line.starts_with("::error file=docs/adr/0002-use-queue.md,line=2,col=9,endLine=2,endColumn=16,title=status-invalid::unknown status `acepted`%0Ahelp: ")));
    assert!(
        lines.iter().any(|line| line.starts_with(
            "::warning file=docs/adr/0003-use-50%25-more%2C faster%3A disks.md,line=3,"
        )),
        "{stdout}"
    );
}

#[test]
fn gitlab_fingerprints_are_stable_and_unique() {
    let project = mixed_log();
    let (_, first) = json(project.path(), &["lint", "--format", "gitlab"]);
    let (_, second) = json(project.path(), &["lint", "--format", "gitlab"]);
    assert_eq!(first, second);
    let issues = first.as_array().unwrap();
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len());
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn exit_codes_and_deny_warnings() {
    let warnings_only = log_with(&[(
        "0001-use-kafka.md",
        &GOOD.replace("date: 2025-05-11", "date: 2030-01-01"),
    )]);
    let (code, stdout, _) = run(warnings_only.path(), &["lint"]);
    assert_eq!(code, 0, "warnings alone pass:\n{stdout}");
    assert!(stdout.ends_with("0 errors, 1 warning in 1 file\n"));
    let (code, _, _) = run(warnings_only.path(), &["lint", "--deny-warnings"]);
    assert_eq!(code, 1);
    let (code, _, stderr) = run(warnings_only.path(), &["lint", "--rule", "no-such-rule"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: unknown lint rule `no-such-rule`: run `adr rules` to list them\n"
    );
    let (code, _, stderr) = run(warnings_only.path(), &["lint", "--rule", "status-invalide"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `status-invalid`?"),
        "{stderr}"
    );
    let (code, _, stderr) = run(warnings_only.path(), &["lint", "docs/adr/0009-missing.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`docs/adr/0009-missing.md` does not exist"),
        "{stderr}"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(empty.path(), &["lint"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn config_sets_severities_and_names_bad_lines() {
    let project = log_with(&[
        (
            "0001-use-kafka.md",
            &GOOD.replace("status: accepted", "status: acepted"),
        ),
        (
            "0004-use-rabbitmq.md",
            &GOOD.replace("# Use Kafka for orders", "# Use RabbitMQ for orders"),
        ),
    ]);
    let config = project.path().join(".adr.toml");
    std::fs::write(
        &config,
        "[lint.rules]\nstatus-invalid = \"warning\"\nnumber-gap = \"info\"\n",
    )
    .unwrap();
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(code, 0, "a lowered rule no longer fails the run");
    let found: Vec<(&str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [("status-invalid", "warning"), ("number-gap", "info")]
    );

    std::fs::write(&config, "[lint.rules]\nstatus-invalid = \"off\"\n").unwrap();
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(
        (code, document["diagnostics"].as_array().unwrap().len()),
        (0, 0)
    );

    std::fs::write(
        &config,
        "dir = \"docs/adr\"\n\n[lint.rules]\nstatus-invalide = \"error\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(project.path(), &["lint"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: .adr.toml:4:19: unknown lint rule `status-invalide` in [lint.rules] (did you mean `status-invalid`?): run `adr rules` to list them\n"
    );
    std::fs::write(&config, "[lint.rules]\nsection-empty = \"loud\"\n").unwrap();
    let (code, _, stderr) = run(project.path(), &["lint"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: .adr.toml:2:17: `loud` is not a severity"),
        "{stderr}"
    );
}

#[test]
fn per_file_ignores_turn_rules_off_for_the_files_they_match_only() {
    let project = log_with(&[
        (
            "0001-one.md",
            &GOOD.replace("status: accepted", "status: acepted"),
        ),
        (
            "0002-two.md",
            &GOOD.replace("status: accepted", "status: acepted"),
        ),
    ]);
    let rules = |project: &std::path::Path| -> Vec<(String, String)> {
        let (_, document) = json(project, &["lint", "--format", "json"]);
        document["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["path"].as_str().unwrap().to_string(),
                )
            })
            .filter(|(rule, _)| rule != "title-duplicate")
            .collect()
    };
    let before = rules(project.path());
    assert!(
        before.contains(&("status-invalid".into(), "docs/adr/0001-one.md".into()))
            && before.contains(&("status-invalid".into(), "docs/adr/0002-two.md".into())),
        "{before:?}"
    );
    let config = project.path().join(".adr.toml");
    std::fs::write(
        &config,
        "[lint.per-file-ignores]\n\"docs/adr/0001-*.md\" = [\"status-invalid\"]\n",
    )
    .unwrap();
    let after = rules(project.path());
    let mut expected = before.clone();
    expected.retain(|(rule, path)| !(rule == "status-invalid" && path == "docs/adr/0001-one.md"));
    assert_eq!(after, expected);

    std::fs::write(
        &config,
        "[lint.per-file-ignores]\n\"docs/adr/*.md\" = [\"status-invalide\"]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(project.path(), &["lint"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: .adr.toml:2:20: unknown lint rule `status-invalide` in [lint.per-file-ignores] (did you mean `status-invalid`?): run `adr rules` to list them\n"
        )
    );
    std::fs::write(
        &config,
        "[lint.per-file-ignores]\n\"docs/adr/[.md\" = [\"status-invalid\"]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(project.path(), &["lint"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: .adr.toml:2:2: `docs/adr/[.md` in [lint.per-file-ignores] is not a glob"
        ),
        "{stderr}"
    );
}

#[test]
fn inline_suppression() {
    let project = log_with(&[
        (
            "0001-next-line.md",
            &GOOD.replace("status: acepted", "").replace(
                "## Considered Options",
                "<!-- adr-lint-disable-next-line section-empty -->\n## Consequences\n\n## Considered Options",
            ),
        ),
        (
            "0002-block.md",
            &GOOD.replace("# Use Kafka for orders", "# Block").replace(
                "## Considered Options",
                "<!-- adr-lint-disable section-empty -->\n## Consequences\n\n<!-- adr-lint-enable section-empty -->\n## More Information\n\n## Considered Options",
            ),
        ),
        (
            "0003-front-matter.md",
            &GOOD
                .replace("# Use Kafka for orders", "# Front matter")
                .replace("status: accepted", "status: acepted\nlint-ignore: [status-invalid]"),
        ),
    ]);
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    let found: Vec<(&str, &str, u64)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("docs/adr/0002-block.md", "section-empty", 16)],
        "only the re-enabled heading is reported"
    );
    assert_eq!(code, 0);
}

#[test]
fn paths_limit_the_report_but_not_the_context() {
    let project = log_with(&[
        (
            "0001-use-kafka.md",
            &GOOD.replace("status: accepted", "status: acepted"),
        ),
        (
            "0002-use-rabbitmq.md",
            &GOOD.replace("# Use Kafka for orders", "# Use RabbitMQ for orders"),
        ),
        (
            "0002-use-grpc.md",
            &format!(
                "{}\nSee [ADR-0001](0001-use-kafka.md#decision-outcome).\n",
                GOOD.replace("# Use Kafka for orders", "# Use gRPC for orders")
            ),
        ),
    ]);
    let (code, document) = json(
        project.path(),
        &["lint", "--format", "json", "docs/adr/0002-use-grpc.md"],
    );
    let found: Vec<(&str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [("docs/adr/0002-use-grpc.md", "number-duplicate")],
        "the clash is seen through the whole log"
    );
    assert_eq!((code, document["files"].as_u64()), (1, Some(1)));
    let (_, document) = json(project.path(), &["lint", "--format", "json", "docs/adr"]);
    assert_eq!(document["files"], 3);
    assert_eq!(document["errors"], 3);
    let (_, document) = json(
        &project.path().join("docs"),
        &["lint", "--format", "json", "adr/0001-use-kafka.md"],
    );
    assert_eq!(
        document["diagnostics"][0]["path"], "adr/0001-use-kafka.md",
        "paths are relative to the working directory"
    );
}

#[test]
fn fix_applies_safe_fixes_and_lints_again() {
    let old = GOOD
        .replace(
            "---\nstatus: accepted",
            "---  \nstatus: \"superseded by [ADR-0002](0002-use-rabbitmq.md)\"",
        )
        .replace("# Use Kafka for orders", "# Use Kafka");
    let new = GOOD
        .replace("status: accepted", "status: Accepted")
        .replace("\n", "\r\n");
    let project = log_with(&[("0001-use-kafka.md", &old), ("0002-use-rabbitmq.md", &new)]);
    std::fs::write(
        project.path().join(".adr.toml"),
        "[lint.rules]\nstatus-case = \"warning\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(project.path(), &["lint", "--fix"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "0 errors, 0 warnings in 2 files\n");
    assert_eq!(
        stderr,
        "fixed docs/adr/0001-use-kafka.md: removed trailing whitespace after the opening `---`\n\
         fixed docs/adr/0002-use-rabbitmq.md: status `Accepted` → `accepted`\n\
         fixed docs/adr/0002-use-rabbitmq.md: added a link back to `0001-use-kafka.md`\n"
    );
    let log = project.path().join("docs/adr");
    assert_eq!(
        read(log.join("0001-use-kafka.md")),
        old.replacen("---  \n", "---\n", 1)
    );
    let expected = format!(
        "{}\r\n\r\n## More Information\r\n\r\nThis decision supersedes [ADR-0001](0001-use-kafka.md): Use Kafka.",
        new.replace("status: Accepted", "status: accepted")
            .trim_end()
    ) + "\r\n";
    assert_eq!(
        read(log.join("0002-use-rabbitmq.md")),
        expected.trim_end_matches("\r\n").to_string() + "\r\n"
    );
    let (code, stdout, stderr) = run(project.path(), &["lint", "--fix"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n", ""),
        "a second --fix changes nothing"
    );
}

#[test]
fn explain_and_rules_print_the_rule_docs() {
    let anywhere = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(anywhere.path(), &["lint", "--explain", "status-invalid"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("lint_explain_status_invalid", stdout);
    let (code, from_rules, _) = run(anywhere.path(), &["rules", "status-invalid"]);
    assert_eq!((code, from_rules), (0, stdout));
    let (code, stdout, _) = run(anywhere.path(), &["rules"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("rules_list", stdout);
    let (code, _, stderr) = run(anywhere.path(), &["lint", "--explain", "nope"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: unknown lint rule `nope`: run `adr rules` to list them\n"
        )
    );
}

#[test]
fn fresh_records_from_every_template_have_no_errors() {
    let project = tempfile::tempdir().unwrap();
    assert_eq!(run(project.path(), &["init"]).0, 0);
    for template in ["madr", "madr-minimal", "madr2", "nygard"] {
        let (code, _, stderr) = run(
            project.path(),
            &["new", "--no-edit", "--template", template, "Use", template],
        );
        assert_eq!(code, 0, "{stderr}");
    }
    let (code, document) = json(project.path(), &["lint", "--format", "json"]);
    assert_eq!(
        (code, document["errors"].as_u64()),
        (0, Some(0)),
        "{document}"
    );
    let rules: std::collections::BTreeSet<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["placeholder-left"]);
}

#[test]
fn human_output_is_rustc_style() {
    let project = log_with(&[(
        "0003-queue.md",
        &GOOD.replace("status: accepted", "status: acepted"),
    )]);
    let (code, stdout, _) = run(project.path(), &["lint"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "error[status-invalid]: unknown status `acepted`
 --> docs/adr/0003-queue.md:2:9
  |
2 | status: acepted
  |         ^^^^^^^ not an allowed status
  |
  = help: did you mean `accepted`? allowed: proposed, accepted, rejected, deprecated, superseded by …; add more with `statuses` in .adr.toml

1 error, 0 warnings in 1 file
"
    );
}

/// Every real log: no panic, exit 0 or 1, every file accounted for, findings snapshotted.
#[test]
fn real_logs_lint_without_surprises() {
    let names = crate::util::corpus_names();
    assert_eq!(names.len(), 17, "{names:?}");
    for name in names {
        let dir = corpus_root().join(&name);
        let output = adr(&dir)
            .args(["--dir", ".", "lint", "--format", "json"])
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}");
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        // Every Markdown file is checked, named as skipped by `list --verbose` (templates,
        // parts of folder records), or an index/README that is not a folder record's text.
        let markdown: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
            .collect();
        let is_folder_record = |entry: &walkdir::DirEntry| {
            entry.depth() > 1
                && entry
                    .path()
                    .parent()
                    .and_then(|parent| parent.file_name())
                    .and_then(|folder| {
                        adr::discover::FileName::parse(&format!("{}.md", folder.to_string_lossy()))
                    })
                    .is_some()
        };
        let listed = adr(&dir)
            .args(["--dir", ".", "list", "--verbose"])
            .output()
            .unwrap();
        let skipped_paths: Vec<String> = String::from_utf8_lossy(&listed.stderr)
            .lines()
            .filter_map(|line| line.strip_prefix("skipped "))
            // A misnamed file is listed here and also checked (it is in `files`).
            .filter(|rest| !rest.ends_with("(`adr lint` reports it)"))
            .filter_map(|rest| rest.split_once(": ").map(|(path, _)| path.to_string()))
            .collect();
        let skipped = skipped_paths.len();
        let is_skipped = |entry: &walkdir::DirEntry| {
            let relative = entry
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            skipped_paths
                .iter()
                .any(|path| path.trim_start_matches("./") == relative)
        };
        let plain_non_records = markdown
            .iter()
            .filter(|entry| {
                adr::discover::is_non_record_name(&entry.file_name().to_string_lossy())
                    && !is_folder_record(entry)
                    && !is_skipped(entry)
            })
            .count();
        assert_eq!(
            document["files"]
                .as_u64()
                .map(|files| files as usize + skipped + plain_non_records),
            Some(markdown.len()),
            "{name}: every file accounted for ({skipped} skipped, {plain_non_records} indexes)"
        );
        let summary: Vec<String> = document["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} {}",
                    d["path"].as_str().unwrap(),
                    d["line"],
                    d["rule"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect();
        insta::assert_snapshot!(format!("lint_corpus_{name}"), summary.join("\n"));
    }
}

/// Generated logs (the tests' own generator, `generate.rs`): no finding on clean logs of any
/// style, nor with file names and titles in other scripts; every injected fault found with
/// the matching rule, and no error anywhere else.
#[test]
fn generated_logs_clean_and_faults_found() {
    for (style, unicode) in [
        (Style::Madr4, false),
        (Style::Madr2, false),
        (Style::Nygard, false),
        (Style::Mixed, false),
        (Style::Mixed, true),
    ] {
        let (project, _) = Generator::new(300).style(style).unicode(unicode).project();
        // Generated dates run to 2025-12-31: lint on a day after that.
        let output = adr(project.path())
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .args(["lint", "--format", "json"])
            .output()
            .unwrap();
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            (output.status.code(), &document["diagnostics"]),
            (Some(0), &serde_json::json!([])),
            "{style:?}, unicode {unicode}"
        );
        assert_eq!(document["files"], 300, "{style:?}, unicode {unicode}");
    }
    // The density of bench/README.md's recall log (50 faults in 1,000 records): a stray
    // status word is a slip only where nearly every record writes a standard one.
    let (project, generated) = Generator::new(1000)
        .style(Style::Mixed)
        .faults(50)
        .project();
    assert_eq!(generated.faults.len(), 50);
    let output = adr(project.path())
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors: Vec<(String, String, u64)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut faulty_files = std::collections::BTreeSet::new();
    for fault in &generated.faults {
        let rule = fault.kind.rule();
        let files: Vec<&str> = [Some(fault.file.as_str()), fault.duplicate_of.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        faulty_files.extend(files.iter().map(|file| file.to_string()));
        assert!(
            errors
                .iter()
                .any(|(path, found, _)| found == rule && files.contains(&path.as_str())),
            "{fault:?} is reported as {rule}"
        );
        // Faults whose line the linter knows exactly are reported on it.
        if matches!(
            fault.kind,
            FaultKind::UnknownStatus | FaultKind::ChosenOptionNotInList | FaultKind::BrokenLink
        ) {
            assert!(
                errors.iter().any(|(path, found, line)| found == rule
                    && *path == fault.file
                    && *line == fault.line as u64),
                "{fault:?} is reported on its line: {errors:?}"
            );
        }
    }
    assert!(
        errors
            .iter()
            .all(|(path, _, _)| faulty_files.contains(path)),
        "no false positive"
    );
}

#[test]
fn without_a_template_named_a_new_record_is_written_like_the_newest_one() {
    const MADR2: &str = "# Use Kafka\n\n* Status: accepted\n* Date: 2024-01-02\n\n## Context and Problem Statement\n\nOrders.\n\n## Considered Options\n\n* Kafka\n* RabbitMQ\n\n## Decision Outcome\n\nChosen option: \"Kafka\", because it replays.\n";
    const MADR4: &str = "---\nstatus: accepted\ndate: 2024-01-03\n---\n\n# Use gRPC\n\n## Context and Problem Statement\n\nCalls.\n\n## Considered Options\n\n* gRPC\n* REST\n\n## Decision Outcome\n\nChosen option: \"gRPC\", because it streams.\n";
    let bullets = crate::util::log_with(&[("0001-use-kafka.md", MADR2)]);
    let (code, stdout, stderr) = run(
        bullets.path(),
        &["new", "--no-edit", "--date", "2025-02-03", "Try NATS"],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/0002-try-nats.md\n"),
        "{stderr}"
    );
    let written = crate::util::read(bullets.path().join("docs/adr/0002-try-nats.md"));
    assert!(
        written.starts_with("# Try NATS\n\n* Status: proposed\n* Date: 2025-02-03\n\n## Context and Problem Statement\n"),
        "{written}"
    );
    let (_, document) = json(bullets.path(), &["lint", "--format", "json"]);
    let rules = crate::util::rules_of(&document);
    assert_eq!(rules, ["placeholder-left"], "{document}");
    // The newest record decides: front matter once the log has moved to MADR 4.
    let moved = crate::util::log_with(&[("0001-use-kafka.md", MADR2), ("0002-use-grpc.md", MADR4)]);
    assert_eq!(run(moved.path(), &["new", "--no-edit", "Try NATS"]).0, 0);
    let written = crate::util::read(moved.path().join("docs/adr/0003-try-nats.md"));
    assert!(written.starts_with("---\nstatus: proposed\n"), "{written}");
}
