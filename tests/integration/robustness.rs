//! Hostile inputs: each gives an error for that file and leaves the others loaded.
//! (How long they take and how much memory they use is measured in bench/run.sh.)

use std::time::{Duration, Instant};

use crate::util::{log_with, run};

const GOOD: &str = "---\nstatus: accepted\ndate: 2024-01-02\n---\n\n# A good record\n\n## Context and Problem Statement\n\nFine.\n";

/// A bound far above any real run: it only turns a hang into a failure.
const HANG: Duration = Duration::from_secs(20);

fn hostile_log() -> tempfile::TempDir {
    let deep_yaml = format!(
        "---\nstatus: {}{}\n---\n\n# Deep YAML\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let deep_body = format!(
        "---\nstatus: accepted\n---\n\n# Deep body\n\n{}x\n\n{}y\n",
        ">".repeat(10_000),
        "* ".repeat(5_000)
    );
    let long_line = format!(
        "---\nstatus: accepted\n---\n\n# One long line\n\n{}\n",
        "word ".repeat(210_000)
    );
    let links = format!(
        "---\nstatus: accepted\n---\n\n# Nested brackets\n\n{}x{}\n",
        "[".repeat(50_000),
        "](a)".repeat(50_000)
    );
    let dir = log_with(&[
        ("0001-good.md", GOOD),
        ("0003-deep-yaml.md", &deep_yaml),
        ("0004-deep-body.md", &deep_body),
        ("0005-long-line.md", &long_line),
        ("0006-nested-brackets.md", &links),
        ("0099-also-good.md", GOOD),
    ]);
    let log = dir.path().join("docs/adr");
    let huge = std::fs::File::create(log.join("0002-huge.md")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    let binary: Vec<u8> = (0..4096u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(log.join("0007-binary.md"), binary).unwrap();
    std::fs::create_dir(log.join("0008-a-directory.md")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("0009-loop.md", log.join("0009-loop.md")).unwrap();
        let outside = dir.path().join("outside.md");
        std::fs::write(&outside, GOOD).unwrap();
        std::os::unix::fs::symlink(&outside, log.join("0010-outside.md")).unwrap();
        std::os::unix::fs::symlink("0001-good.md", log.join("0011-inside.md")).unwrap();
    }
    dir
}

#[test]
fn hostile_files_fail_alone() {
    let dir = hostile_log();
    let started = Instant::now();
    let (code, stdout, stderr) = run(dir.path(), &["list", "--format", "json"]);
    assert!(started.elapsed() < HANG);
    assert_eq!(code, 1, "{stderr}");
    let listed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let numbers: Vec<_> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 4, 5, 6, 11, 99]);
    let expected = [
        "error: docs/adr/0002-huge.md: the file is 100 MiB, over the 8 MiB limit for a record: split it or move attachments out",
        "error: docs/adr/0003-deep-yaml.md:2: front matter is not valid YAML: recursion limit exceeded",
        "error: docs/adr/0007-binary.md:1: the file is not UTF-8",
        "error: docs/adr/0008-a-directory.md: a directory is named like a record: rename it",
        "error: docs/adr/0009-loop.md: is a symbolic link that cannot be followed",
        "error: docs/adr/0010-outside.md: is a symbolic link to `",
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, start) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(start),
            "{line}\n  does not start with\n{start}"
        );
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file_fails_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = log_with(&[("0001-good.md", GOOD), ("0002-secret.md", GOOD)]);
    let secret = dir.path().join("docs/adr/0002-secret.md");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = crate::util::adr(dir.path());
    // Root reads everything; drop to `nobody` so the permission bits mean something.
    if is_root() {
        for path in [
            dir.path().to_path_buf(),
            dir.path().join("docs"),
            dir.path().join("docs/adr"),
        ] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(
            dir.path().join("docs/adr/0001-good.md"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        let program = command.get_program().to_owned();
        let mut wrapped = std::process::Command::new("setpriv");
        wrapped
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
            .arg(program)
            .current_dir(dir.path())
            .env("NO_COLOR", "1");
        command = wrapped;
    }
    let output = command
        .args(["list"])
        .output()
        .expect("run adr (setpriv from util-linux when root)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "0001  accepted  2024-01-02  A good record\n"
    );
    assert_eq!(
        stderr,
        "error: docs/adr/0002-secret.md: cannot read the file: Permission denied (os error 13)\n"
    );
}

#[cfg(unix)]
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}
