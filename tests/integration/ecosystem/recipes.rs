//! The CI recipes of docs/ci.md, each run as written.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::util::{log_with, read, repo_root, run};

use super::{madr4_record, snapshot_tree};

/// The ```yaml blocks of a Markdown page, parsed.
fn yaml_blocks(markdown: &str) -> Vec<yaml_serde::Value> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim() == "```yaml" => current = Some(String::new()),
            Some(block) if line.trim() == "```" => {
                blocks.push(yaml_serde::from_str(block).unwrap_or_else(|error| {
                    panic!("docs/ci.md has a YAML block that does not parse: {error}\n{block}")
                }));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

fn strings_at<'v>(value: &'v yaml_serde::Value, key: &str) -> Vec<&'v str> {
    match value.get(key) {
        Some(yaml_serde::Value::String(text)) => vec![text.as_str()],
        Some(yaml_serde::Value::Sequence(items)) => {
            items.iter().filter_map(yaml_serde::Value::as_str).collect()
        }
        _ => Vec::new(),
    }
}

/// Runs one shell command line from a recipe, with this build's `adr` first in PATH.
fn run_recipe_command(project: &Path, command: &str) -> (i32, String, String) {
    let bin = project.join(".bin");
    if !bin.exists() {
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(crate::util::adr_bin(), bin.join("adr")).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(project)
        .env("PATH", path)
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A clean log with its README index, and the same log with one record in error.
fn recipe_projects() -> (tempfile::TempDir, tempfile::TempDir) {
    let records = [
        (
            "0001-use-a-queue.md",
            madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts."),
        ),
        (
            "0002-add-a-cache.md",
            madr4_record("Add a cache", "2025-01-08", "Reads are slow."),
        ),
    ];
    let files: Vec<(&str, &str)> = records
        .iter()
        .map(|(name, text)| (*name, text.as_str()))
        .collect();
    let clean = log_with(&files);
    let (code, _, stderr) = run(clean.path(), &["index"]);
    assert_eq!(code, 0, "{stderr}");
    let broken = crate::util::copy_tree(clean.path());
    std::fs::write(
        broken.path().join("docs/adr/0002-add-a-cache.md"),
        records[1].1.replace("status: accepted", "status: acepted"),
    )
    .unwrap();
    (clean, broken)
}

/// The file a `command > file` line writes.
fn redirect_target(command: &str) -> Option<&str> {
    command.split_once('>').map(|(_, file)| file.trim())
}

fn check_recipe_command(command: &str) {
    let (clean, broken) = recipe_projects();
    let base: Vec<&str> = command
        .split('>')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    match base.as_slice() {
        ["adr", "lint", "--format", "github"] => {
            let (code, stdout, _) = run_recipe_command(broken.path(), command);
            assert_eq!(code, 1, "{command}: {stdout}");
            assert!(!stdout.is_empty());
            for line in stdout.lines() {
                assert!(
                    line.starts_with("::error file=docs/adr/")
                        || line.starts_with("::warning file=docs/adr/")
                        || line.starts_with("::notice file=docs/adr/"),
                    "{command}: not a workflow command: {line}"
                );
            }
            assert!(stdout.contains(
                "::error file=docs/adr/0002-add-a-cache.md,line=2,col=9,endLine=2,endColumn=16,title=status-invalid::"
            ), "{stdout}");
            let (code, stdout, stderr) = run_recipe_command(clean.path(), command);
            assert_eq!(
                (code, stdout.as_str(), stderr.as_str()),
                (0, "", ""),
                "{command} on a clean log"
            );
        }
        ["adr", "lint", "--format", "sarif"] => {
            let file = redirect_target(command).expect("the SARIF goes to a file");
            let (code, _, stderr) = run_recipe_command(broken.path(), command);
            assert_eq!(code, 1, "{command}: {stderr}");
            let sarif: serde_json::Value =
                serde_json::from_str(&read(broken.path().join(file))).unwrap();
            assert_eq!(sarif["version"], "2.1.0");
            let run = &sarif["runs"][0];
            assert_eq!(run["tool"]["driver"]["name"], "adr");
            let result = run["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|result| result["ruleId"] == "status-invalid")
                .expect("a status-invalid result");
            assert_eq!(
                result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "docs/adr/0002-add-a-cache.md"
            );
            let (code, _, _) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command} on a clean log");
        }
        ["adr", "lint", "--format", "gitlab"] => {
            let file = redirect_target(command).expect("the report goes to a file");
            let (code, _, stderr) = run_recipe_command(broken.path(), command);
            assert_eq!(code, 1, "{command}: {stderr}");
            let report: serde_json::Value =
                serde_json::from_str(&read(broken.path().join(file))).unwrap();
            let issue = report
                .as_array()
                .unwrap()
                .iter()
                .find(|issue| issue["check_name"] == "status-invalid")
                .expect("a status-invalid issue");
            assert_eq!(issue["location"]["path"], "docs/adr/0002-add-a-cache.md");
            assert_eq!(issue["location"]["lines"]["begin"], 2);
            assert!(
                issue["fingerprint"]
                    .as_str()
                    .is_some_and(|print| !print.is_empty())
            );
            let (code, _, _) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command} on a clean log");
            assert_eq!(read(clean.path().join(file)).trim(), "[]");
        }
        ["adr", "index", "--check"] => {
            let before = snapshot_tree(clean.path());
            let (code, stdout, stderr) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command}: {stdout}{stderr}");
            std::fs::write(
                clean.path().join("docs/adr/0003-use-tls.md"),
                madr4_record("Use TLS", "2025-01-09", "Traffic crosses networks."),
            )
            .unwrap();
            let (code, _, _) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 1, "{command} passes with a stale index");
            let mut after = snapshot_tree(clean.path());
            after.remove("docs/adr/0003-use-tls.md");
            after.retain(|path, _| !path.starts_with(".bin"));
            assert_eq!(after, before, "{command} wrote files");
        }
        ["adr", "render", "--out", out] => {
            let (code, stdout, stderr) = run_recipe_command(clean.path(), command);
            assert_eq!(code, 0, "{command}: {stdout}{stderr}");
            let site = clean.path().join(out);
            assert!(
                site.join("index.html").is_file(),
                "{command} wrote no index.html"
            );
            assert!(site.join("0001-use-a-queue.html").is_file());
        }
        _ => panic!("docs/ci.md runs `{command}`, which this test does not check: add a case"),
    }
}

#[test]
fn ci_recipes_work() {
    let doc = read(repo_root().join("docs/ci.md"));
    let blocks = yaml_blocks(&doc);
    let github = blocks
        .iter()
        .find(|block| block.get("jobs").is_some())
        .expect("a GitHub Actions workflow in docs/ci.md");
    let gitlab = blocks
        .iter()
        .find(|block| block.get("stages").is_some())
        .expect("a GitLab CI file in docs/ci.md");

    let mut commands: Vec<String> = Vec::new();
    let jobs = github["jobs"].as_mapping().unwrap();
    let mut github_steps = Vec::new();
    for job in jobs.values() {
        for step in job["steps"].as_sequence().unwrap() {
            github_steps.push(step);
            commands.extend(strings_at(step, "run").into_iter().map(String::from));
        }
    }
    let gitlab_jobs: Vec<&yaml_serde::Value> = gitlab
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), Some("stages" | "default" | "variables")))
        .map(|(_, job)| job)
        .collect();
    for job in &gitlab_jobs {
        commands.extend(strings_at(job, "script").into_iter().map(String::from));
    }
    let adr_commands: BTreeSet<&str> = commands
        .iter()
        .map(String::as_str)
        .filter(|command| command.starts_with("adr "))
        .collect();
    assert_eq!(
        adr_commands,
        BTreeSet::from([
            "adr index --check",
            "adr lint --format github",
            "adr lint --format gitlab > gl-code-quality-report.json",
            "adr lint --format sarif > adr.sarif",
            "adr render --out _site",
            "adr render --out public",
        ])
    );
    for command in &adr_commands {
        check_recipe_command(command);
    }

    // The steps that pick up what adr wrote name the same files.
    let uses = |name: &str| {
        github_steps
            .iter()
            .find(|step| {
                strings_at(step, "uses")
                    .iter()
                    .any(|uses| uses.starts_with(name))
            })
            .unwrap_or_else(|| panic!("no `{name}` step"))
    };
    assert_eq!(
        uses("github/codeql-action/upload-sarif")["with"]["sarif_file"],
        "adr.sarif"
    );
    assert_eq!(
        uses("actions/upload-pages-artifact")["with"]["path"],
        "_site"
    );
    let pages = gitlab_jobs
        .iter()
        .find(|job| strings_at(job, "script").contains(&"adr render --out public"))
        .unwrap();
    assert_eq!(strings_at(&pages["artifacts"], "paths"), ["public"]);
    let lint = gitlab_jobs
        .iter()
        .find(|job| {
            strings_at(job, "script")
                .iter()
                .any(|line| line.contains("--format gitlab"))
        })
        .unwrap();
    assert_eq!(
        lint["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    // Both pipelines install adr before running it.
    assert!(
        commands
            .iter()
            .any(|command| command == "cargo install --locked adr")
    );
    assert_eq!(
        strings_at(&gitlab["default"], "before_script"),
        ["cargo install --locked adr"]
    );
}
