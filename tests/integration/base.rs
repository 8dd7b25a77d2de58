//! `adr lint --base REF` (issue 17): a number taken on the branch this one merges into is
//! reported before the merge, with the next number free on both sides.

use std::path::Path;

use crate::util::{git, run};

fn record(dir: &Path, name: &str, title: &str) {
    let path = dir.join("docs/adr").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        path,
        format!("# {title}\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n"),
    )
    .unwrap();
}

/// main: 0001, 0002-use-grpc, 0003-use-redis; branch `feature` (from the first commit):
/// 0001, 0002-use-kafka.
fn two_branches() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    record(root, "0001-record-decisions.md", "1. Record decisions");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["branch", "feature"]);
    record(root, "0002-use-grpc.md", "2. Use gRPC");
    record(root, "0003-use-redis.md", "3. Use Redis");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "grpc and redis"]);
    git(root, &["checkout", "-q", "feature"]);
    record(root, "0002-use-kafka.md", "2. Use Kafka");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "kafka"]);
    dir
}

#[test]
fn lint_base_reports_a_number_taken_on_the_base_branch() {
    let dir = two_branches();
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--rule", "number-duplicate"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let (code, stdout, stderr) = run(
        dir.path(),
        &["lint", "--rule", "number-duplicate", "--base", "main"],
    );
    assert_eq!((code, stderr.as_str()), (1, ""));
    insta::assert_snapshot!("lint_base_main", stdout);
    // The record main has too is not reported, nor is anything on main itself.
    assert!(!stdout.contains("0001-record-decisions.md"), "{stdout}");
    git(dir.path(), &["checkout", "-q", "main"]);
    let (code, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "number-duplicate", "--base", "feature"],
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("number 0002 is already taken on `feature` by `0002-use-kafka.md`"),
        "{stdout}"
    );
}

#[test]
fn lint_base_with_an_unknown_reference_is_a_usage_error() {
    let dir = two_branches();
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--base", "origin/nope"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error: cannot read the log at `origin/nope` with git: fatal: "),
        "{stderr}"
    );
    assert!(
        stderr
            .ends_with("pass a commit, branch or tag of this repository (`--base origin/main`)\n"),
        "{stderr}"
    );
    let (code, _, stderr) = run(dir.path(), &["lint", "--base=--output=x"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`--output=x` is not a git reference"),
        "{stderr}"
    );
}
