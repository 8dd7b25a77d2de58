//! Git facts on the site: last change and authors per record, read again only when
//! the commit or `.mailmap` changed.

use std::process::Command;

use crate::util::{adr, copy_dir, read, run};

use super::{git, madr4_record};

/// A log committed by two people on two days.
fn log_with_history() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let log = dir.join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    git(dir, &["init", "-q", "-b", "main"], "2025-01-06T09:00:00Z");
    std::fs::write(
        log.join("0001-use-a-queue.md"),
        madr4_record("Use a queue", "2025-01-06", "Work arrives in bursts."),
    )
    .unwrap();
    std::fs::write(
        log.join("0002-add-a-cache.md"),
        madr4_record("Add a cache", "2025-01-06", "Reads are slow."),
    )
    .unwrap();
    git(dir, &["add", "."], "2025-01-06T09:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "two records"],
        "2025-01-06T09:00:00Z",
    );
    std::fs::write(
        log.join("0002-add-a-cache.md"),
        madr4_record(
            "Add a cache",
            "2025-01-06",
            "Reads are slow; writes are rare.",
        ),
    )
    .unwrap();
    let output = Command::new("git")
        .current_dir(dir)
        .args(["commit", "-q", "-a", "-m", "more context"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bo Example")
        .env("GIT_AUTHOR_EMAIL", "bo@example.com")
        .env("GIT_COMMITTER_NAME", "Bo Example")
        .env("GIT_COMMITTER_EMAIL", "bo@example.com")
        .env("GIT_AUTHOR_DATE", "2025-02-14T15:30:00+01:00")
        .env("GIT_COMMITTER_DATE", "2025-02-14T15:30:00+01:00")
        .output()
        .unwrap();
    assert!(output.status.success());
    repo
}

/// Each record page shows its last change and authors from `git log`; the index gets a
/// sortable "Last changed" column.
#[test]
fn site_shows_git_history() {
    let repo = log_with_history();
    let (code, _, stderr) = run(repo.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let cache = read(repo.path().join("site/0002-add-a-cache.html"));
    assert!(
        cache.contains("<div class=\"meta-row\"><dt>Last changed</dt><dd><time datetime=\"2025-02-14\">2025-02-14</time></dd></div>"),
        "{cache}"
    );
    assert!(
        cache.contains(
            "<div class=\"meta-row\"><dt>Authors</dt><dd>Bo Example, Ana Example</dd></div>"
        ),
        "{cache}"
    );
    let queue = read(repo.path().join("site/0001-use-a-queue.html"));
    assert!(
        queue.contains("<dt>Last changed</dt><dd><time datetime=\"2025-01-06\">2025-01-06</time>")
    );
    assert!(queue.contains("<dt>Authors</dt><dd>Ana Example</dd>"));
    let index = read(repo.path().join("site/index.html"));
    assert!(
        index.contains("<th scope=\"col\" class=\"col-changed\">Last changed</th>"),
        "{index}"
    );
    // Sorting reads `data-sort`: the author time in seconds (2025-02-14T14:30:00Z).
    assert!(
        index.contains("<td class=\"col-changed\" data-sort=\"1739543400\"><time datetime=\"2025-02-14\">2025-02-14</time></td>"),
        "{index}"
    );
    assert!(index.contains("<td class=\"col-changed\" data-sort=\"1736154000\">"));

    // Committing an edit changes the page even though the file's bytes do not change.
    let queue_path = repo.path().join("docs/adr/0001-use-a-queue.md");
    std::fs::write(
        &queue_path,
        madr4_record(
            "Use a queue",
            "2025-01-06",
            "Work arrives in bursts at night.",
        ),
    )
    .unwrap();
    let (code, _, _) = run(repo.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0);
    assert!(
        read(repo.path().join("site/0001-use-a-queue.html")).contains("datetime=\"2025-01-06\"")
    );
    git(
        repo.path(),
        &["commit", "-q", "-a", "-m", "night"],
        "2025-03-01T12:00:00Z",
    );
    let (code, _, stderr) = run(repo.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("up to date"), "{stderr}");
    assert!(
        read(repo.path().join("site/0001-use-a-queue.html"))
            .contains("<dt>Last changed</dt><dd><time datetime=\"2025-03-01\">")
    );
}

/// `git log` over a large log takes seconds (10,000 records, a thousand commits: 9 s), so a
/// render asks git for the history again only when the commit checked out, or `.mailmap`,
/// changed since the last one; an edit not yet committed changes no history.
#[test]
fn git_history_is_read_again_only_when_the_commit_or_mailmap_changed() {
    let repo = log_with_history();
    let wrapper = tempfile::tempdir().unwrap();
    let calls = wrapper.path().join("calls");
    let real_git = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real_git = String::from_utf8(real_git.stdout).unwrap();
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
        calls.display(),
        real_git.trim()
    );
    let fake_git = wrapper.path().join("git");
    std::fs::write(&fake_git, script).unwrap();
    let mut permissions = std::fs::metadata(&fake_git).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&fake_git, permissions).unwrap();
    let path = format!(
        "{}:{}",
        wrapper.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let render = || {
        let output = adr(repo.path())
            .args(["render", "--out", "site"])
            .env("PATH", &path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stderr).unwrap()
    };
    // The git log calls so far, and whether the last one read only a range of commits.
    let logs = || {
        let calls = std::fs::read_to_string(&calls).unwrap_or_default();
        let logs: Vec<&str> = calls
            .lines()
            .filter(|line| line.contains(" log "))
            .collect();
        (
            logs.len(),
            logs.last().is_some_and(|line| line.contains("..")),
        )
    };
    // What a render with no cache makes of the same repository.
    let matches_a_full_render = || {
        let full = adr(repo.path())
            .args(["render", "--out", "full"])
            .output()
            .unwrap();
        assert_eq!(full.status.code(), Some(0));
        let site = crate::util::files_of(&repo.path().join("site"));
        let full = crate::util::files_of(&repo.path().join("full"));
        std::fs::remove_dir_all(repo.path().join("full")).unwrap();
        site.iter()
            .filter(|(name, _)| !name.starts_with(".adr-site"))
            .all(|(name, bytes)| full.get(name) == Some(bytes))
    };
    let page = || read(repo.path().join("site/0001-use-a-queue.html"));

    render();
    assert_eq!(logs(), (1, false));
    assert!(render().contains("is up to date"));
    assert_eq!(logs(), (1, false), "nothing changed: no git log");

    let queue = repo.path().join("docs/adr/0001-use-a-queue.md");
    std::fs::write(
        &queue,
        madr4_record("Use a queue", "2025-01-06", "Work arrives at night."),
    )
    .unwrap();
    assert!(render().starts_with("rendered 2 records"));
    assert_eq!(
        logs(),
        (1, false),
        "an edit not committed changes no history"
    );
    assert!(page().contains("Work arrives at night."));

    git(
        repo.path(),
        &["commit", "-q", "-a", "-m", "night"],
        "2025-03-01T12:00:00Z",
    );
    render();
    assert_eq!(logs(), (2, true), "a commit on top: git log of that commit");
    assert!(page().contains("<dt>Last changed</dt><dd><time datetime=\"2025-03-01\">"));
    assert!(matches_a_full_render());

    // Amended: the commit read before is gone from the history, so all of it is read.
    git(
        repo.path(),
        &[
            "commit",
            "-q",
            "--amend",
            "--reset-author",
            "-m",
            "at night",
        ],
        "2025-03-02T12:00:00Z",
    );
    render();
    assert_eq!(
        logs(),
        (3, false),
        "history rewritten: git log of everything"
    );
    assert!(page().contains("<dt>Last changed</dt><dd><time datetime=\"2025-03-02\">"));
    assert!(matches_a_full_render());

    std::fs::write(
        repo.path().join(".mailmap"),
        "Ana Q. Example <ana@example.com>\n",
    )
    .unwrap();
    render();
    assert_eq!(logs(), (4, false), "a new .mailmap: git log of everything");
    assert!(
        page().contains("<dt>Authors</dt><dd>Ana Q. Example</dd>"),
        "{}",
        page()
    );
}

/// Outside git, and where git is not installed, the site is the same minus those facts, and
/// nothing is said about it.
#[test]
fn site_without_git_has_no_history_and_no_error() {
    let repo = log_with_history();
    let plain = tempfile::tempdir().unwrap();
    copy_dir(&repo.path().join("docs"), &plain.path().join("docs"));

    let (code, stdout, stderr) = run(plain.path(), &["render", "--out", "site"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(
        stderr.starts_with("rendered 2 records into site (")
            && stderr.ends_with("open site/index.html\n")
            && stderr.lines().count() == 1,
        "{stderr}"
    );
    let index = read(plain.path().join("site/index.html"));
    assert!(!index.contains("col-changed"), "{index}");
    assert!(!read(plain.path().join("site/0002-add-a-cache.html")).contains("Last changed"));

    // git missing from PATH, inside the repository: the same pages, no message.
    let output = adr(repo.path())
        .args(["render", "--out", "site"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), stderr);
    for page in [
        "index.html",
        "0001-use-a-queue.html",
        "0002-add-a-cache.html",
    ] {
        assert_eq!(
            read(repo.path().join("site").join(page)),
            read(plain.path().join("site").join(page)),
            "{page} differs without git"
        );
    }
}
