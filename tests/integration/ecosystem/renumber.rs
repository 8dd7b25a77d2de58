//! `adr renumber`: number collisions after a merge, resolved in a real git repository.

use crate::util::{log_with, read, run};

use super::{ecosystem_log, git, madr4_record, snapshot_tree};

const RECORD_ONE: &str = "# 1. Record architecture decisions\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe use ADRs.\n\n## Consequences\n\nSee [the index](README.md).\n";

/// Two branches each add record 0002 and merge: the later one moves to 0003, the link to it
/// follows, git sees a rename, and lint is clean again.
#[test]
fn renumber_resolves_a_collision_after_a_merge() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let log = dir.join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    std::fs::write(
        log.join("0001-record-architecture-decisions.md"),
        RECORD_ONE,
    )
    .unwrap();
    std::fs::write(
        log.join("README.md"),
        "# Decisions\n\n* [ADR-0001](0001-record-architecture-decisions.md)\n",
    )
    .unwrap();
    git(dir, &["init", "-q", "-b", "main"], "2025-01-06T09:00:00Z");
    git(dir, &["add", "."], "2025-01-06T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "first record"],
        "2025-01-06T09:00:00Z",
    );

    git(
        dir,
        &["checkout", "-q", "-b", "queue"],
        "2025-01-07T09:00:00Z",
    );
    std::fs::write(
        log.join("0002-use-a-queue.md"),
        madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts."),
    )
    .unwrap();
    git(dir, &["add", "."], "2025-01-07T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "queue"],
        "2025-01-07T09:00:00Z",
    );

    git(dir, &["checkout", "-q", "main"], "2025-01-08T09:00:00Z");
    git(
        dir,
        &["checkout", "-q", "-b", "cache"],
        "2025-01-08T09:00:00Z",
    );
    std::fs::write(
        log.join("0002-add-a-cache.md"),
        "---\nstatus: accepted\ndate: 2025-01-08\nnumber: 2\n---\n\n# 2. Add a cache\n\n## Context and Problem Statement\n\nReads are slow; see [ADR-0001](0001-record-architecture-decisions.md).\n\n## Considered Options\n\n* Add a cache\n\n## Decision Outcome\n\nChosen option: \"Add a cache\", because it fits.\n",
    )
    .unwrap();
    std::fs::write(
        log.join("README.md"),
        "# Decisions\n\n* [ADR-0001](0001-record-architecture-decisions.md)\n* [ADR-0002](0002-add-a-cache.md)\n",
    )
    .unwrap();
    let mut one = RECORD_ONE.to_string();
    one.push_str("\nCaching is [2. Add a cache](0002-add-a-cache.md#decision-outcome).\n");
    std::fs::write(log.join("0001-record-architecture-decisions.md"), one).unwrap();
    git(dir, &["add", "."], "2025-01-08T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "cache"],
        "2025-01-08T09:00:00Z",
    );

    git(dir, &["checkout", "-q", "main"], "2025-01-09T09:00:00Z");
    git(dir, &["merge", "-q", "queue"], "2025-01-09T09:00:00Z");
    git(
        dir,
        &["merge", "-q", "--no-edit", "cache"],
        "2025-01-09T10:00:00Z",
    );

    let (code, stdout, _) = run(dir, &["lint", "--format", "json"]);
    assert_eq!(code, 1, "the merge leaves a duplicate number");
    assert!(stdout.contains("\"number-duplicate\""), "{stdout}");

    let before = snapshot_tree(&log);
    let (code, stdout, stderr) = run(dir, &["renumber"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "would rename docs/adr/0002-add-a-cache.md → docs/adr/0003-add-a-cache.md (number 2 stays with 0002-use-a-queue.md, which came first by first commit)\nrun `adr renumber --write` to apply\n"
    );
    insta::assert_snapshot!("renumber_dry_run", stdout);
    assert_eq!(snapshot_tree(&log), before, "a dry run wrote files");

    let (code, _, stderr) = run(dir, &["renumber", "--write"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!log.join("0002-add-a-cache.md").exists());
    let moved = read(log.join("0003-add-a-cache.md"));
    assert!(
        moved.contains("\nnumber: 3\n") && moved.contains("\n# 3. Add a cache\n"),
        "{moved}"
    );
    assert!(
        read(log.join("0001-record-architecture-decisions.md"))
            .ends_with("Caching is [3. Add a cache](0003-add-a-cache.md#decision-outcome).\n")
    );
    assert_eq!(
        read(log.join("README.md")),
        "# Decisions\n\n* [ADR-0001](0001-record-architecture-decisions.md)\n* [ADR-0003](0003-add-a-cache.md)\n"
    );
    assert_eq!(
        read(log.join("0002-use-a-queue.md")),
        madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts.")
    );

    let (code, stdout, stderr) = run(dir, &["lint"]);
    assert_eq!(code, 0, "lint after renumber:\n{stdout}{stderr}");

    // git sees the move as a rename of the same file.
    git(dir, &["add", "-A"], "2025-01-09T11:00:00Z");
    let status = git(dir, &["status", "--porcelain"], "2025-01-09T11:00:00Z");
    assert!(
        status.contains("R  docs/adr/0002-add-a-cache.md -> docs/adr/0003-add-a-cache.md"),
        "{status}"
    );
}

/// Outside git the record modified last moves; the one modified first keeps the number.
#[test]
fn renumber_without_git_goes_by_modification_time() {
    let project = log_with(&[
        ("0001-first.md", &madr4_record("First", "2025-01-01", "A.")),
        ("0002-older.md", &madr4_record("Older", "2025-01-02", "B.")),
        // The same day as `older`: the date the records state does not tell them apart.
        ("0002-newer.md", &madr4_record("Newer", "2025-01-02", "C.")),
    ]);
    let log = project.path().join("docs/adr");
    let set_mtime = |name: &str, seconds: u64| {
        let file = std::fs::File::options()
            .write(true)
            .open(log.join(name))
            .unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
            .unwrap();
    };
    // By name `0002-newer.md` sorts first: only the times decide.
    set_mtime("0002-older.md", 1_700_000_000);
    set_mtime("0002-newer.md", 1_700_000_100);
    let (code, stdout, stderr) = run(project.path(), &["renumber", "--write"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(
        stderr,
        "renamed docs/adr/0002-newer.md → docs/adr/0003-newer.md (number 2 stays with 0002-older.md, which came first by modification time)\n"
    );
    let names: Vec<String> = snapshot_tree(&log).into_keys().collect();
    assert_eq!(names, ["0001-first.md", "0002-older.md", "0003-newer.md"]);
}

#[test]
fn renumber_with_no_collision_changes_nothing() {
    let project = ecosystem_log();
    let before = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["renumber", "--write"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "no two records share a number\n")
    );
    assert_eq!(snapshot_tree(project.path()), before);
}

#[test]
fn renumber_warns_about_references_by_number_alone() {
    let project = log_with(&[
        (
            "0001-a.md",
            "---\nstatus: superseded by ADR-0002\n---\n# A\n",
        ),
        ("0002-b.md", &madr4_record("B", "2025-01-02", "B.")),
        ("0002-c.md", &madr4_record("C", "2025-01-03", "C.")),
    ]);
    let log = project.path().join("docs/adr");
    let file = std::fs::File::options()
        .write(true)
        .open(log.join("0002-c.md"))
        .unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    let (code, _, stderr) = run(project.path(), &["renumber"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: docs/adr/0001-a.md:2: `ADR-0002` names number 2 without a link; it now means the record that kept the number: check it\n"),
        "{stderr}"
    );
}
