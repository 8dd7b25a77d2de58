//! The command line as users run it: trycmd cases in tests/cmd/ (exact stdout, stderr,
//! exit code, and the files each command writes), plus what trycmd cannot express.

use std::io::Read;
use std::process::Stdio;

use clap::CommandFactory;

use crate::util::{adr, log_with, read, repo_root, run};

#[test]
fn cli_definition_is_consistent() {
    adr::cli::Cli::command().debug_assert();
}

#[test]
fn cmd_cases() {
    trycmd::TestCases::new()
        .register_bin("adr", crate::util::adr_bin())
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}

/// docs/adr/0001 is the user's seed record, byte for byte: `tests/fixtures/seed/` holds the
/// user's bytes (`.ci/check-shared-copies` checks that copy against the workspace's
/// shared seed where that exists).
#[test]
fn seed_record_is_the_users_bytes() {
    let ours =
        std::fs::read(repo_root().join("docs/adr/0001-use-fastapi-web-framework.md")).unwrap();
    let theirs =
        std::fs::read(repo_root().join("tests/fixtures/seed/0001-use-fastapi-web-framework.md"))
            .unwrap();
    assert!(
        ours == theirs,
        "docs/adr/0001-use-fastapi-web-framework.md must be the seed, byte for byte"
    );
}

#[test]
fn repository_log_lists_the_seed() {
    let (code, stdout, stderr) = run(&repo_root(), &["list", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &records[0];
    assert_eq!(first["number"], 1);
    assert_eq!(first["status"], "accepted");
    assert_eq!(first["date"], "2025-05-11");
    assert_eq!(
        first["tags"],
        serde_json::json!(["backend", "api", "framework", "performance"])
    );
    assert_eq!(
        first["title"],
        "Use FastAPI as the Web Framework for Our Backend Services"
    );
}

/// The repository's own log is docs/adr: the copied corpora in tests/corpus are never taken
/// for it, from the root or from inside a corpus (the walk up finds the root's docs/adr).
#[test]
fn the_repository_log_is_docs_adr_never_the_test_corpora() {
    let expected = serde_json::json!(["docs/adr/0001-use-fastapi-web-framework.md"]);
    for cwd in [
        repo_root(),
        repo_root().join("tests/corpus"),
        repo_root().join("tests/corpus/madr"),
    ] {
        let (code, stdout, stderr) = run(&cwd, &["list", "--format", "json"]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{}", cwd.display());
        let records: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let paths: Vec<String> = records
            .as_array()
            .unwrap()
            .iter()
            .map(|record| {
                // Shown relative to the working directory: resolve it to the repository.
                let shown = record["path"].as_str().unwrap();
                let absolute = std::fs::canonicalize(cwd.join(shown)).unwrap();
                absolute
                    .strip_prefix(std::fs::canonicalize(repo_root()).unwrap())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(serde_json::json!(paths), expected, "{}", cwd.display());
    }
}

#[test]
fn init_creates_the_directory_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(dir.path(), &["init"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "created docs/adr/\ncreated .adr.toml\n");
    assert!(dir.path().join("docs/adr").is_dir());
    std::fs::write(dir.path().join(".adr.toml"), "dir = \"docs/adr\"\n# mine\n").unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["init", "--template", "nygard"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(
        stderr,
        "nothing to do: docs/adr/ and .adr.toml already exist\n"
    );
    assert_eq!(
        read(dir.path().join(".adr.toml")),
        "dir = \"docs/adr\"\n# mine\n"
    );
}

#[test]
fn closed_stdout_pipe_exits_quietly() {
    let files: Vec<(String, String)> = (1..=2000)
        .map(|n| {
            (
                format!("{n:04}-decision-{n}.md"),
                format!("---\nstatus: accepted\n---\n\n# Decision {n}\n"),
            )
        })
        .collect();
    let dir = crate::util::log_with_owned(&files);
    let mut child = adr(dir.path())
        .args(["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `adr list | head -c 16`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(stderr, "", "no panic text on a closed pipe");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn sixteen_concurrent_new_processes_get_sixteen_numbers() {
    let dir = log_with(&[("0001-first.md", "---\nstatus: accepted\n---\n\n# First\n")]);
    let titles: Vec<String> = (0..16)
        .map(|n| format!("Concurrent decision {n}"))
        .collect();
    let outputs = crate::util::run_new_concurrently(dir.path(), &titles);
    let mut printed = Vec::new();
    for output in outputs {
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        printed.push(String::from_utf8(output.stdout).unwrap().trim().to_string());
    }
    let mut numbers: Vec<u32> = printed
        .iter()
        .map(|path| path.trim_start_matches("docs/adr/")[..4].parse().unwrap())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (2..=17).collect::<Vec<_>>());
    for path in &printed {
        let text = read(dir.path().join(path));
        let number: u32 = path.trim_start_matches("docs/adr/")[..4].parse().unwrap();
        let slug_number = path.trim_end_matches(".md").rsplit('-').next().unwrap();
        assert!(
            text.contains(&format!("# Concurrent decision {slug_number}\n")),
            "{path}: {text}"
        );
        assert!(number >= 2);
    }
    let entries = std::fs::read_dir(dir.path().join("docs/adr"))
        .unwrap()
        .count();
    assert_eq!(entries, 17, "no temporary files left behind");
}

#[test]
fn ci_runs_exactly_the_readme_test_command() {
    let readme = read(repo_root().join("README.md"));
    let section = readme
        .split("Run the tests:")
        .nth(1)
        .expect("README has a 'Run the tests:' command");
    let command = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split('\n').next())
        .unwrap();
    let ci = read(repo_root().join(".ci/run"));
    let last_line = ci
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap();
    assert_eq!(
        last_line, command,
        ".ci/run must end with the README's test command"
    );
}

/// A fake editor that records the file it was asked to open.
fn fake_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let editor = dir.join("fake-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/opened.txt\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    editor
}

#[test]
fn new_opens_the_editor_only_on_a_terminal() {
    let dir = log_with(&[("0001-first.md", "---\nstatus: accepted\n---\n\n# First\n")]);
    let editor = fake_editor(dir.path());
    // Piped: no editor, even with $EDITOR set.
    let output = adr(dir.path())
        .args(["new", "Piped"])
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!dir.path().join("opened.txt").exists());

    // On a terminal (util-linux `script` gives the command a pseudo-terminal): opened once,
    // with the new file, `--no-edit` respected, and $VISUAL preferred over $EDITOR.
    let bin = crate::util::adr_bin();
    let run_in_tty = |args: &str, env: &[(&str, &std::path::Path)]| {
        let mut command = std::process::Command::new("script");
        command
            .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1763856000")
            .env_remove("EDITOR")
            .env_remove("VISUAL");
        for (key, value) in env {
            command.env(key, value);
        }
        let status = command
            .status()
            .expect("util-linux `script` is needed for this test");
        assert!(status.success());
    };
    run_in_tty("new --no-edit 'Not opened'", &[("EDITOR", &editor)]);
    assert!(!dir.path().join("opened.txt").exists());
    run_in_tty(
        "new 'Opened in the editor'",
        &[
            ("VISUAL", &editor),
            ("EDITOR", std::path::Path::new("/bin/false")),
        ],
    );
    let opened = read(dir.path().join("opened.txt"));
    assert_eq!(
        opened.trim_end(),
        dir.path()
            .join("docs/adr/0004-opened-in-the-editor.md")
            .display()
            .to_string()
    );
}

#[test]
fn a_log_in_a_folder_real_logs_use_is_found_without_a_config_when_it_holds_records() {
    const NYGARD: &str = "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a log.\n\n## Decision\n\nWe keep one.\n\n## Consequences\n\nReviews read it.\n";
    for folder in [
        "doc/adr",
        "docs/architecture/decisions",
        "architecture-decision-record",
    ] {
        let project = tempfile::tempdir().unwrap();
        let log = project.path().join(folder);
        std::fs::create_dir_all(&log).unwrap();
        std::fs::write(log.join("0001-record-architecture-decisions.md"), NYGARD).unwrap();
        let (code, stdout, stderr) = run(project.path(), &["list", "--format", "json"]);
        assert_eq!(code, 0, "{folder}: {stderr}");
        assert!(
            stdout.contains(&format!("{folder}/0001-record-architecture-decisions.md")),
            "{folder}: {stdout}"
        );
    }
    // A folder of that name without records (a package called `adr`) is not a log.
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(project.path().join("adr")).unwrap();
    std::fs::write(project.path().join("adr/notes.md"), "# Notes\n").unwrap();
    let (code, _, stderr) = run(project.path(), &["list"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no ADR log found"), "{stderr}");
}

// ctekinay/aion-ainstein (review K) keeps `adr-template.md` for its decisions beside
// `adr-decision-template.md` for their approval records: `adr new` took the second (the
// first by name) and wrote an approval record's skeleton.
#[test]
fn new_takes_the_plainest_named_of_two_templates() {
    let record = "# 1. Use X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n";
    let decision = "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nProposed\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n";
    let approval = "# NUMBER. TITLE\n\n## Approval\n\n| Decision | Accepted |\n";
    let dir = log_with(&[
        ("0001-use-x.md", record),
        ("adr-template.md", decision),
        ("adr-decision-template.md", approval),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Use Y"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/0002-use-y.md\n"),
        "{stderr}"
    );
    let written = read(dir.path().join("docs/adr/0002-use-y.md"));
    assert!(
        written.contains("## Consequences") && !written.contains("## Approval"),
        "{written}"
    );
}

// VidIsWandering/uit-go-backend (review K) keeps its records in `basic/` and `module-a/`,
// each numbered from 001, and none at the log's top: `adr new` wrote
// `docs/adr/0001-try-the-tool.md`, a third record 1. It says which folders there are.
#[test]
fn new_at_the_top_of_a_log_kept_in_folders_numbered_on_their_own_is_refused() {
    let record = |title: &str| format!("# ADR 001: {title}\n\n## Context\n\nc\n");
    let dir = log_with(&[
        ("basic/001-basic-one.md", &record("Basic one")),
        ("basic/002-basic-two.md", &record("Basic two")),
        ("module-a/001-module-one.md", &record("Module one")),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Try the tool"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            "error: the records of `docs/adr` are in its folders `basic/` and `module-a/`, each numbered on its own, and none is at its top: a new record there would take a number they have. Say which folder it goes in: `adr new --dir docs/adr/basic \"Title\"`\n"
        )
    );
    assert!(!dir.path().join("docs/adr/0001-try-the-tool.md").exists());
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "new",
            "--no-edit",
            "--dir",
            "docs/adr/basic",
            "Try the tool",
        ],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/basic/003-try-the-tool.md\n"),
        "{stderr}"
    );
}

// cameronraysmith/vanixiets (review K) keeps its log in a Starlight docs site: every record
// is titled by `title: "ADR-00NN: …"` in its front matter and has no H1, and Starlight
// refuses a page without that title. `adr new` wrote `# Try the tool` and no front matter.
#[test]
fn new_in_a_log_titled_by_front_matter_titles_the_record_so() {
    let record = |number: u32, title: &str| {
        format!(
            "---\ntitle: \"ADR-{number:04}: {title}\"\n---\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
        )
    };
    let dir = log_with(&[
        ("0001-use-nix.md", &record(1, "Use Nix")),
        ("0002-use-flake-parts.md", &record(2, "Use flake-parts")),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Try the tool"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/0003-try-the-tool.md\n"),
        "{stderr}"
    );
    let written = read(dir.path().join("docs/adr/0003-try-the-tool.md"));
    assert!(
        written.starts_with("---\ntitle: \"ADR-0003: Try the tool\"\n")
            && !written.contains("\n# "),
        "{written}"
    );
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.lines().last(),
        Some("0003  accepted  2025-11-23  Try the tool"),
        "the title without its number, as the log's others: {stdout}"
    );
}
