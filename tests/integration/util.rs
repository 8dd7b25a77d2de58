//! Shared test helpers: running the built `adr` binary in a directory, copying fixtures.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `adr` binary cargo built for this test run (never a system `adr`, e.g. adr-tools').
pub fn adr_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_adr"))
}

/// `adr` with a fixed clock and no colour, run in `dir`.
pub fn adr(dir: &Path) -> Command {
    let mut command = Command::new(adr_bin());
    command
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1763856000") // 2025-11-23
        .env("NO_COLOR", "1")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// Runs `adr args...` in `dir` and returns (exit code, stdout, stderr).
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output: Output = adr(dir).args(args).output().expect("run adr");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Starts one `adr new --no-edit TITLE` per title at the same moment and waits for all;
/// returns each run's output, in the order of the titles.
pub fn run_new_concurrently(dir: &Path, titles: &[String]) -> Vec<Output> {
    let children: Vec<_> = titles
        .iter()
        .map(|title| {
            adr(dir)
                .args(["new", "--no-edit", title])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn adr new")
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().expect("wait for adr new"))
        .collect()
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures")
}

/// `tests/corpus`: the real public ADR logs the tests read, copied into the repository (each
/// with its SOURCE.txt and licence) so that `cargo test` needs nothing beside a clone.
pub fn corpus_root() -> PathBuf {
    repo_root().join("tests/corpus")
}

/// The names of the corpora in `tests/corpus`, sorted.
pub fn corpus_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_root())
        .expect("tests/corpus")
        .map(|entry| entry.expect("entry"))
        .filter(|entry| entry.file_type().expect("type").is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Copies a directory tree into a fresh temporary directory and returns it.
pub fn copy_tree(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(from, dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// [`log_with`] for generated files (names and texts made by `format!`).
pub fn log_with_owned(files: &[(String, String)]) -> tempfile::TempDir {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    log_with(&borrowed)
}

/// A temporary project with `docs/adr/` holding the given files.
pub fn log_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("docs/adr");
    std::fs::create_dir_all(&log).expect("mkdir");
    for (name, text) in files {
        let path = log.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }
    dir
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|error| panic!("read {}: {error}", path.as_ref().display()))
}

/// `adr new --no-edit --date DATE ARGS…` in `dir`: asserts that it succeeded with nothing on
/// stderr, and returns the path it printed and the text written there.
pub fn new_record(dir: &Path, date: &str, args: &[&str]) -> (String, String) {
    let mut all = vec!["new", "--no-edit", "--date", date];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(dir, &all);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let path = stdout.trim_end_matches('\n').to_string();
    let text = read(dir.join(&path));
    (path, text)
}

/// Asserts that the site in `incremental` holds the files of the site in `full`, byte for
/// byte, its manifest among them; only the render's cache may differ. `after` says what
/// came before.
pub fn assert_same_site(incremental: &Path, full: &Path, after: &str) {
    let site = |dir: &Path| {
        let mut files = files_of(dir);
        files.remove(".adr-site-cache");
        files
    };
    let (incremental, full) = (site(incremental), site(full));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>(),
        "the same files after {after}"
    );
    for (path, bytes) in &incremental {
        assert!(
            full.get(path) == Some(bytes),
            "{path} differs from a full render after {after}"
        );
    }
}

/// Renders the project in `dir` anew into `full` and asserts that its `site` holds the
/// same files, byte for byte ([`assert_same_site`]). `after` says what came before.
pub fn assert_matches_a_full_render(dir: &Path, after: &str) {
    let (code, _, stderr) = crate::util::run(dir, &["render", "--out", "full"]);
    assert_eq!(code, 0, "{stderr}");
    assert_same_site(&dir.join("site"), &dir.join("full"), after);
}

/// Every file under `dir` with its bytes, by `/`-separated relative path.
pub fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            let key = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(key, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// How long `command` takes to run to the end (the median of `runs` runs), so that a test
/// that kills it can aim its kill inside the work on this machine, however fast it is.
pub fn duration_of(runs: usize, mut command: impl FnMut() -> Command) -> std::time::Duration {
    let mut times: Vec<std::time::Duration> = (0..runs.max(1))
        .map(|_| {
            let mut command = command();
            let started = std::time::Instant::now();
            let status = command
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run adr");
            assert!(status.success(), "the uninterrupted run fails: {status}");
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Starts `command`, waits `delay`, and kills it with SIGKILL. Returns whether the kill
/// landed mid-work: the process was still running when killed, and it died of the signal
/// (not of finishing first), so whatever it leaves is what a kill at that point leaves.
pub fn killed_after(mut command: Command, delay: std::time::Duration) -> bool {
    use std::os::unix::process::ExitStatusExt;
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn adr");
    std::thread::sleep(delay);
    let running = child.try_wait().expect("poll adr").is_none();
    let _ = child.kill();
    let status = child.wait().expect("wait for adr");
    const SIGKILL: i32 = 9;
    running && status.signal() == Some(SIGKILL)
}

/// Says on the terminal that a test skipped its check, even under the test harness's
/// output capture (which hides `eprintln!` of passing tests): a skip must never pass for a
/// check that ran.
pub fn say_skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// Runs `adr args...` in `dir` under GNU time where `/usr/bin/time` exists, and returns the
/// output (time's report removed from stderr) with the peak resident memory in KiB, when
/// that could be read.
pub fn run_measuring_memory(dir: &Path, args: &[&str]) -> (Output, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut command = Command::new(time);
        command.args(["-f", "peak-rss-kb %M"]).arg(adr_bin());
        command
    } else {
        Command::new(adr_bin())
    };
    let mut output = command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run adr");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let peak = stderr
        .lines()
        .find_map(|line| line.strip_prefix("peak-rss-kb "))
        .and_then(|kb| kb.trim().parse::<u64>().ok());
    let kept: Vec<&str> = stderr
        .lines()
        .filter(|line| !line.starts_with("peak-rss-kb "))
        .collect();
    output.stderr = if kept.is_empty() {
        Vec::new()
    } else {
        format!("{}\n", kept.join("\n")).into_bytes()
    };
    (output, peak)
}

/// Runs git in `dir` as a test user, apart from the machine's configuration; fails the test
/// when git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git is installed");
    assert!(status.success(), "git {args:?}");
}

/// Replaces `from` with `to` in the file at `path`; `from` must be there, so a fixture that
/// changes cannot turn the edit into nothing.
pub fn replace_in(path: impl AsRef<Path>, from: &str, to: &str) {
    let text = read(&path);
    assert!(
        text.contains(from),
        "`{from}` is not in {}",
        path.as_ref().display()
    );
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// The rule of each diagnostic of a `lint --format json` document, in order.
/// The message of each finding of a `lint --format json` document, in order.
pub fn messages_of(document: &serde_json::Value) -> Vec<&str> {
    document["diagnostics"]
        .as_array()
        .map(|diagnostics| {
            diagnostics
                .iter()
                .filter_map(|diagnostic| diagnostic["message"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

pub fn helps_of(document: &serde_json::Value) -> Vec<&str> {
    document["diagnostics"]
        .as_array()
        .map(|diagnostics| {
            diagnostics
                .iter()
                .filter_map(|diagnostic| diagnostic["help"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

pub fn rules_of(document: &serde_json::Value) -> Vec<&str> {
    document["diagnostics"]
        .as_array()
        .map(|diagnostics| {
            diagnostics
                .iter()
                .filter_map(|diagnostic| diagnostic["rule"].as_str())
                .collect()
        })
        .unwrap_or_default()
}
