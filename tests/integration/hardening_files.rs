//! Issue #13, files: what `adr` refuses to read (FIFOs, devices, files over the cap, links
//! out of the project), how it writes (through a symbolic link inside the project, never
//! over an edit saved while it ran), and where `.adr.toml` may point.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{adr, log_with, read, run};

const RECORD: &str = "---\nstatus: proposed\ndate: 2024-01-02\n---\n\n# Use a queue\n\n## Context and Problem Statement\n\nWe need one.\n";

/// Far above any real run: it only turns a hang into a failure.
const HANG: Duration = Duration::from_secs(20);

/// Runs `adr args...` in `dir`, killing it and failing the test if it has not ended
/// within [`HANG`]; returns (exit code, stdout, stderr).
fn run_bounded(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = adr(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > HANG {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("`adr {}` still running after {HANG:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn real(path: &Path) -> PathBuf {
    path.canonicalize().unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .unwrap()
        .file_type()
        .is_symlink()
}

// Issue #13: `list`, `lint`, `render` and `status` waited forever on a FIFO named like a
// record.
#[cfg(unix)]
#[test]
fn issue_13_fifo_named_like_a_record_is_reported_not_waited_on() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    mkfifo(&dir.path().join("docs/adr/0002-fifo.md"));
    let refusal = "the file is a named pipe (FIFO), not a regular file: adr reads only regular files; replace or remove it";

    let (code, stdout, stderr) = run_bounded(dir.path(), &["list"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "0001  proposed  2024-01-02  Use a queue\n");
    assert_eq!(stderr, format!("error: docs/adr/0002-fifo.md: {refusal}\n"));

    let (code, stdout, _) = run_bounded(dir.path(), &["lint", "--rule", "file-unreadable"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(&format!(
            "error[file-unreadable]: {refusal}\n--> docs/adr/0002-fifo.md\n"
        )),
        "{stdout}"
    );

    let (code, _, stderr) = run_bounded(dir.path(), &["render"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("error: docs/adr/0002-fifo.md: {refusal}")),
        "{stderr}"
    );

    let (code, stdout, stderr) = run_bounded(dir.path(), &["status", "1", "accepted"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout, "docs/adr/0001-queue.md: proposed -> accepted\n");
}

// Issue #13: render's change detection read a record symlinked to /dev/zero without
// bound (4 GB in 10 s).
#[cfg(unix)]
#[test]
fn issue_13_record_linked_to_dev_zero_is_refused_unread() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("docs/adr/0002-zero.md")).unwrap();
    for args in [&["list"][..], &["render"], &["lint"]] {
        let (code, _, _) = run_bounded(dir.path(), args);
        assert_eq!(code, 1, "adr {args:?}");
    }
    let (_, _, stderr) = run_bounded(dir.path(), &["list"]);
    assert_eq!(
        stderr,
        "error: docs/adr/0002-zero.md: is a symbolic link to `/dev/zero`, outside the log directory: move or copy the record into the log\n"
    );
}

// Issue #13: `template = "/dev/zero"` and `index.file = "/dev/zero"` were read without
// bound; given on the command line, a device is refused by what it is.
#[cfg(unix)]
#[test]
fn issue_13_devices_named_as_template_or_index_are_refused() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    let device = "the file is a character device, not a regular file: adr reads only regular files; replace or remove it";
    let (code, stdout, stderr) = run_bounded(
        dir.path(),
        &["new", "--no-edit", "--template", "/dev/zero", "X"],
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(stderr, format!("error: /dev/zero: {device}\n"));
    assert!(!dir.path().join("docs/adr/0002-x.md").exists());

    let (code, _, stderr) = run_bounded(dir.path(), &["index", "--file", "/dev/zero"]);
    assert_eq!(code, 2);
    assert_eq!(stderr, format!("error: /dev/zero: {device}\n"));

    // A template inside the project that is a FIFO is refused the same way.
    mkfifo(&dir.path().join("template.md"));
    std::fs::write(dir.path().join(".adr.toml"), "template = \"template.md\"\n").unwrap();
    let (code, _, stderr) = run_bounded(dir.path(), &["new", "--no-edit", "X"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!(
            "error: {}: the file is a named pipe (FIFO), not a regular file: adr reads only regular files; replace or remove it\n",
            dir.path().join("template.md").display()
        )
    );
}

// Issue #13: a 9 MB record was said to be "8 MiB, over the 8 MiB limit".
#[test]
fn issue_13_size_message_gives_the_real_size() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    std::fs::File::create(dir.path().join("docs/adr/0002-big.md"))
        .unwrap()
        .set_len(9_000_000)
        .unwrap();
    let (code, _, stderr) = run_bounded(dir.path(), &["list"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: docs/adr/0002-big.md: the file is 8.6 MiB, over the 8 MiB limit for a record: split it or move attachments out\n"
    );
}

// Issue #13: `adr index` replaced a symlinked docs/adr/README.md with a regular file.
#[cfg(unix)]
#[test]
fn issue_13_index_writes_through_a_symlinked_readme() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    std::fs::write(dir.path().join("NOTES.md"), "# Notes\n").unwrap();
    let readme = dir.path().join("docs/adr/README.md");
    std::os::unix::fs::symlink("../../NOTES.md", &readme).unwrap();
    let (code, _, stderr) = run_bounded(dir.path(), &["index"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "added the index markers at the end of docs/adr/README.md (1 record)\n"
    );
    assert!(is_symlink(&readme), "the link was replaced by a file");
    let notes = read(dir.path().join("NOTES.md"));
    assert!(notes.starts_with("# Notes\n"), "{notes}");
    // The table links from where the README is read (docs/adr/), as for any README.
    assert!(
        notes.contains("| [0001](0001-queue.md) | Use a queue | proposed |"),
        "{notes}"
    );
}

// Issue #13: a README linked to a file outside the project was read (and `--check` would
// print it) and replaced.
#[cfg(unix)]
#[test]
fn issue_13_index_refuses_a_readme_linked_out_of_the_project() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("bashrc");
    std::fs::write(&target, "export SECRET=1\n").unwrap();
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    let readme = dir.path().join("docs/adr/README.md");
    std::os::unix::fs::symlink(&target, &readme).unwrap();
    for args in [&["index"][..], &["index", "--check"]] {
        let (code, stdout, stderr) = run_bounded(dir.path(), args);
        assert_eq!((code, stdout.as_str()), (2, ""), "adr {args:?}");
        assert_eq!(
            stderr,
            format!(
                "error: docs/adr/README.md: is a symbolic link to `{}`, outside the project `{}`: copy the file into the project\n",
                real(&target).display(),
                real(dir.path()).display()
            )
        );
    }
    assert!(is_symlink(&readme));
    assert_eq!(read(&target), "export SECRET=1\n");
}

// Issue #13: `adr status` replaced a record symlinked into an archive folder with a
// regular file.
#[cfg(unix)]
#[test]
fn issue_13_status_writes_through_a_symlinked_record() {
    let dir = log_with(&[("_store/0001-queue.md", RECORD)]);
    std::fs::create_dir(dir.path().join("docs/adr/archive")).unwrap();
    let link = dir.path().join("docs/adr/archive/0001-queue.md");
    std::os::unix::fs::symlink("../_store/0001-queue.md", &link).unwrap();
    let (code, stdout, stderr) = run_bounded(dir.path(), &["status", "1", "rejected"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "docs/adr/archive/0001-queue.md: proposed -> rejected\n"
    );
    assert!(is_symlink(&link), "the link was replaced by a file");
    assert_eq!(
        read(dir.path().join("docs/adr/_store/0001-queue.md")),
        RECORD.replace("status: proposed", "status: rejected")
    );
}

/// The other writer's edit: what an editor saving the record writes.
const SAVED_LINE: &str = "\nSaved by the other writer.\n";

/// Writes `text` to `path` as editors save: a temporary file renamed over it.
fn save_as_an_editor(path: &Path, text: &str) {
    let temp = path.with_extension("md.saving");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

// Issue #13: an edit saved to the record while `adr status` ran was lost (6 runs out of 10
// in a 10,000-record log): status wrote back the text it had read at load time.
#[test]
fn issue_13_status_never_loses_an_edit_saved_while_it_runs() {
    let others: Vec<(String, String)> = (2..=400)
        .map(|number| {
            (
                format!("{number:04}-other-{number}.md"),
                RECORD.replace("Use a queue", &format!("Other {number}")),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = others
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    files.push(("0001-queue.md", RECORD));
    let dir = log_with(&files);
    let record = dir.path().join("docs/adr/0001-queue.md");
    let edited = format!("{RECORD}{SAVED_LINE}");
    let edited_and_accepted = edited.replace("status: proposed", "status: accepted");

    // How long a run takes here; the other writer saves within its first half, while the
    // log is loading, not in the last microseconds between check and rename.
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        std::fs::write(&record, RECORD).unwrap();
        let started = Instant::now();
        let (code, _, stderr) = run_bounded(dir.path(), &["status", "1", "accepted"]);
        assert_eq!(code, 0, "{stderr}");
        fastest = fastest.min(started.elapsed());
    }

    const RUNS: u32 = 24;
    let mut refused = 0;
    for run_index in 0..RUNS {
        std::fs::write(&record, RECORD).unwrap();
        let delay = fastest * run_index / (2 * RUNS);
        let writer = {
            let record = record.clone();
            let edited = edited.clone();
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                save_as_an_editor(&record, &edited);
            })
        };
        let (code, _, stderr) = run_bounded(dir.path(), &["status", "1", "accepted"]);
        writer.join().unwrap();
        let after = read(&record);
        assert!(
            after == edited || after == edited_and_accepted,
            "run {run_index} (writer after {delay:?}) lost the other writer's edit:\n{after}\nstderr: {stderr}"
        );
        if code == 2 {
            refused += 1;
            assert_eq!(
                stderr,
                "error: docs/adr/0001-queue.md changed since it was read; run the command again\n"
            );
        } else {
            assert_eq!(code, 0, "{stderr}");
        }
    }
    // Not asserted: how many runs were refused depends on the machine's timing.
    let _ = refused;
}

// Issue #13: `.adr.toml` paths led anywhere: `dir = "../other"`, `[index] file = "../x"`,
// `site.out`, `template`, `site.templates` read or wrote outside the project.
#[test]
fn issue_13_config_paths_stay_in_the_project() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    let root = real(dir.path());
    let parent = root.parent().unwrap();
    let cases = [
        (
            "dir = \"../other\"\n",
            "dir",
            "../other",
            1,
            7,
            parent.join("other"),
        ),
        (
            "[index]\nfile = \"../x.md\"\n",
            "index.file",
            "../x.md",
            2,
            8,
            parent.join("x.md"),
        ),
        (
            "[site]\ntitle = \"T\"\nout = \"/tmp\"\n",
            "site.out",
            "/tmp",
            3,
            7,
            real(Path::new("/tmp")),
        ),
        (
            "template = \"/dev/zero\"\n",
            "template",
            "/dev/zero",
            1,
            12,
            PathBuf::from("/dev/zero"),
        ),
        (
            "[site]\ntemplates = \"../../t\"\n",
            "site.templates",
            "../../t",
            2,
            13,
            parent.parent().unwrap().join("t"),
        ),
    ];
    for (config, key, value, line, column, resolved) in cases {
        std::fs::write(dir.path().join(".adr.toml"), config).unwrap();
        let (code, stdout, stderr) = run(dir.path(), &["list"]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{config}");
        assert_eq!(
            stderr,
            format!(
                "error: .adr.toml:{line}:{column}: `{key}` = \"{value}\" leads outside the project (to `{}`): paths in .adr.toml must stay inside `{}`, the directory holding it; use a path inside it, or move .adr.toml up to a directory holding both\n",
                resolved.display(),
                root.display()
            ),
            "{config}"
        );
    }
    // Absolute paths inside the project, and built-in template names, are fine.
    std::fs::write(
        dir.path().join(".adr.toml"),
        format!(
            "dir = \"{}\"\ntemplate = \"nygard\"\n[index]\nfile = \"{}\"\n",
            root.join("docs/adr").display(),
            root.join("INDEX.md").display()
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout, "0001  proposed  2024-01-02  Use a queue\n");
}

// Issue #13: a path key leading out through a symbolic link inside the project is outside
// all the same.
#[cfg(unix)]
#[test]
fn issue_13_config_paths_through_links_stay_in_the_project() {
    let outside = tempfile::tempdir().unwrap();
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("elsewhere")).unwrap();
    std::fs::write(
        dir.path().join(".adr.toml"),
        "[index]\nfile = \"elsewhere/README.md\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!(
            "error: .adr.toml:2:8: `index.file` = \"elsewhere/README.md\" leads outside the project (to `{}`): paths in .adr.toml must stay inside `{}`, the directory holding it; use a path inside it, or move .adr.toml up to a directory holding both\n",
            real(outside.path()).join("README.md").display(),
            real(dir.path()).display()
        )
    );
    assert!(!outside.path().join("README.md").exists());
}

// Issue #13: `--dir` naming a file said the directory "does not exist".
#[test]
fn issue_13_dir_naming_a_file_says_it_is_not_a_directory() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    let (code, _, stderr) = run(dir.path(), &["--dir", "docs/adr/0001-queue.md", "list"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: the ADR directory `docs/adr/0001-queue.md` (from --dir) is not a directory: name the directory holding the records, not a file\n"
    );
}

// Issue #13: a multi-line adr-tools `.adr-dir` made a garbled "does not exist" message.
#[test]
fn issue_13_adr_dir_file_is_read_as_its_first_line() {
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    std::fs::write(dir.path().join(".adr-dir"), "\n  docs/adr  \nnotes\n").unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout, "0001  proposed  2024-01-02  Use a queue\n");

    std::fs::write(dir.path().join(".adr-dir"), "\n \n").unwrap();
    let (code, _, stderr) = run(dir.path(), &["list"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: .adr-dir:1:1: the file is empty: write the log directory in it (e.g. `docs/adr`), or delete it\n"
    );
}

// Issue #13: the files of `site.templates` were read whatever they were: a FIFO there hung
// `adr render`, a link out of the project put that file's bytes into every page.
#[cfg(unix)]
#[test]
fn issue_13_site_template_files_are_checked_like_every_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret"), "SECRET").unwrap();
    let dir = log_with(&[("0001-queue.md", RECORD)]);
    std::fs::create_dir(dir.path().join("theme")).unwrap();
    std::fs::write(
        dir.path().join(".adr.toml"),
        "[site]\ntemplates = \"theme\"\n",
    )
    .unwrap();

    let link = dir.path().join("theme/layout.html.tera");
    std::os::unix::fs::symlink(outside.path().join("secret"), &link).unwrap();
    let (code, _, stderr) = run_bounded(dir.path(), &["render"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!(
            "error: {}: is a symbolic link to `{}`, outside the project `{}`: copy the file into the project\n",
            link.display(),
            real(&outside.path().join("secret")).display(),
            real(dir.path()).display()
        )
    );
    std::fs::remove_file(&link).unwrap();

    let fifo = dir.path().join("theme/style.css");
    mkfifo(&fifo);
    let (code, _, stderr) = run_bounded(dir.path(), &["render"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!(
            "error: {}: the file is a named pipe (FIFO), not a regular file: adr reads only regular files; replace or remove it\n",
            fifo.display()
        )
    );
    assert!(!dir.path().join("site").exists());
}
