//! Issue 7, the ecosystem around the log, one file per area: `adr migrate` (checked on the
//! real Nygard and MADR 2 logs of tests/corpus), `adr export` and `adr schema`, `adr renumber`
//! (in a real git repository with two merged branches), completions and the man page, the
//! pre-commit hook and the CI recipes of docs/ci.md, and the git facts on the site. This file
//! holds what they share.

mod completions;
mod export;
mod migrate;
mod pre_commit;
mod recipes;
mod renumber;
mod site_git;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::util::fixtures;

/// The fixture log: adr-tools, MADR 2, MADR 3 and MADR 4 records side by side.
fn ecosystem_log() -> tempfile::TempDir {
    crate::util::copy_tree(&fixtures().join("logs/ecosystem"))
}

/// Every file under `dir`, relative path → bytes.
fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana Example")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana Example")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run git ({error}): install it with `apt-get install -y git`")
        });
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn madr4_record(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\nstatus: accepted\ndate: {date}\n---\n\n# {title}\n\n## Context and Problem Statement\n\n{body}\n\n## Considered Options\n\n* {title}\n\n## Decision Outcome\n\nChosen option: \"{title}\", because it fits.\n"
    )
}
