//! The pre-commit hook, adopted by reference as pre-commit users do.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::repo_root;

use super::{git, madr4_record};

/// The cargo target directory this test binary was built in.
fn target_dir() -> PathBuf {
    let binary = crate::util::adr_bin();
    binary
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .expect("the adr binary sits in <target>/<profile>/")
}

/// Copies a source tree, leaving out build output (`target/`) and version control.
fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_sources(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of this repository's working tree (without `target/` and `.git/`) committed in a
/// git repository of its own: what pre-commit clones when a project names this repository.
fn hook_repository(at: &Path) -> String {
    if at.exists() {
        std::fs::remove_dir_all(at).unwrap();
    }
    std::fs::create_dir_all(at).unwrap();
    copy_sources(&repo_root(), at);
    let date = "2025-11-23T00:00:00Z";
    git(at, &["init", "-q", "-b", "main"], date);
    git(at, &["add", "-A"], date);
    git(at, &["commit", "-q", "-m", "adr hooks"], date);
    git(at, &["rev-parse", "HEAD"], date).trim().to_string()
}

fn pre_commit(project: &Path, args: &[&str]) -> (i32, String) {
    let target = target_dir();
    let output = Command::new("pre-commit")
        .current_dir(project)
        .args(args)
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // pre-commit builds the hook with `cargo install` (a release build) in a fresh clone
        // each time the sources change. A target directory of its own keeps the compiled
        // dependencies between runs without taking the tests' build lock, and an
        // unoptimised profile keeps the rebuild of `adr` itself short: this test checks the
        // hook's wiring, not its speed.
        .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run pre-commit ({error}): install it with `python3 -m pip install pre-commit` (.ci/run does)"
            )
        });
    (
        output.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// A project adopts the `adr-lint` hook by reference, as pre-commit users do: a bad record
/// fails the commit check with lint's message, a fixed one passes, and a change outside the
/// log does not run the hook at all.
///
/// pre-commit builds the crate itself (`cargo install`), which the normal test run must not
/// do on a 2-core machine: `.ci/run` runs this test on its own with `--ignored`.
#[test]
#[ignore = "builds the crate through pre-commit; .ci/run runs it with --ignored"]
fn pre_commit_hook_lints_the_log() {
    // Two test runs at once would rebuild the shared hook repository under each other.
    let lock = std::fs::File::create(target_dir().join("pre-commit-hook.lock")).unwrap();
    lock.lock().unwrap();
    let hooks = hook_repository(&target_dir().join("pre-commit-hook-repo"));
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();
    let date = "2025-11-23T00:00:00Z";
    git(dir, &["init", "-q", "-b", "main"], date);
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {hooks}\n    hooks:\n      - id: adr-lint\n",
            target_dir().join("pre-commit-hook-repo").display()
        ),
    )
    .unwrap();
    let log = dir.join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    let record = madr4_record("Use a queue", "2025-01-07", "Work arrives in bursts.");
    std::fs::write(
        log.join("0001-use-a-queue.md"),
        record.replace("status: accepted", "status: acepted"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a record\n").unwrap();
    git(dir, &["add", "-A"], date);

    let (code, output) = pre_commit(dir, &["run", "--all-files"]);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("adr lint") && output.contains("Failed"),
        "{output}"
    );
    assert!(
        output.contains("error[status-invalid]") && output.contains("`acepted`"),
        "{output}"
    );
    assert!(
        output.contains("docs/adr/0001-use-a-queue.md:2:9"),
        "{output}"
    );

    std::fs::write(log.join("0001-use-a-queue.md"), &record).unwrap();
    git(dir, &["add", "-A"], date);
    let (code, output) = pre_commit(dir, &["run", "--all-files"]);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("Passed"), "{output}");

    let (code, output) = pre_commit(dir, &["run", "--files", "notes.txt"]);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("(no files to check)Skipped"), "{output}");
}
