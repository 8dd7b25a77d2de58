//! The GitHub Action (`action.yml` and its scripts in `action/`), the release workflow and
//! `install.sh`, checked without GitHub or a network: the YAML parses with the keys GitHub
//! reads, the scripts run against fixture repositories with the built `adr` on PATH and fake
//! `GITHUB_*` variables (fake `curl` and `cargo` where they would reach the network), and
//! every script passes shellcheck.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{adr_bin, copy_tree, fixtures, read, repo_root, run};

fn yaml(path: &str) -> yaml_serde::Value {
    yaml_serde::from_str(&read(repo_root().join(path)))
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn keys(value: &yaml_serde::Value) -> BTreeSet<String> {
    value
        .as_mapping()
        .unwrap()
        .keys()
        .map(|key| key.as_str().unwrap().to_string())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|item| item.to_string()).collect()
}

#[test]
fn action_and_release_workflow_parse_with_the_keys_github_reads() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    assert_eq!(
        keys(&action["inputs"]),
        set(&[
            "args",
            "format",
            "working-directory",
            "sarif-file",
            "upload-sarif"
        ])
    );
    assert_eq!(
        action["inputs"]["format"]["default"].as_str(),
        Some("github")
    );
    assert_eq!(
        keys(&action["outputs"]),
        set(&[
            "exit-code",
            "errors",
            "warnings",
            "sarif-file",
            "install-method"
        ])
    );
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    // Every `run` step of a composite action must name its shell; the scripts it runs exist.
    for step in steps {
        if let Some(script) = step["run"].as_str() {
            assert_eq!(step["shell"].as_str(), Some("bash"), "{step:?}");
            if let Some(path) = script
                .strip_prefix("\"$GITHUB_ACTION_PATH/")
                .and_then(|rest| rest.strip_suffix('"'))
            {
                let path = repo_root().join(path);
                assert!(path.is_file(), "{} is missing", path.display());
            }
        }
    }
    let upload = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(
        upload["with"]["sarif_file"].as_str(),
        Some("${{ steps.lint.outputs.sarif-file }}")
    );
    let install = &steps[0];
    assert_eq!(
        install["env"]["ADR_ACTION_REPOSITORY"].as_str(),
        Some("${{ github.action_repository }}")
    );
    assert_eq!(
        install["env"]["ADR_ACTION_REF"].as_str(),
        Some("${{ github.action_ref }}")
    );

    let release = yaml(".github/workflows/release.yml");
    assert_eq!(release["on"]["push"]["tags"][0].as_str(), Some("v*"));
    let targets: BTreeSet<String> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        targets,
        set(&[
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-musl",
        ])
    );
    let build_step = release["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|step| step["name"].as_str() == Some("Build"))
        .expect("a Build step");
    assert_eq!(
        build_step["env"]["CARGO_PROFILE_RELEASE_STRIP"].as_str(),
        Some("symbols")
    );
    let release_steps = format!("{:?}", release["jobs"]["release"]["steps"]);
    assert!(
        release_steps.contains("sha256sum adr-* > SHA256SUMS"),
        "{release_steps}"
    );
    assert!(
        release_steps.contains("gh release upload"),
        "{release_steps}"
    );
}

/// PATH with the built `adr` (and `extra` first), then the system's tools.
fn path_with_adr(extra: Option<&Path>) -> String {
    let mut dirs: Vec<PathBuf> = extra.into_iter().map(Path::to_path_buf).collect();
    dirs.push(adr_bin().parent().unwrap().to_path_buf());
    dirs.extend([
        PathBuf::from("/usr/local/bin"),
        PathBuf::from("/usr/bin"),
        PathBuf::from("/bin"),
    ]);
    std::env::join_paths(dirs).unwrap().into_string().unwrap()
}

/// Runs `action/lint.sh` as the action's step does; returns (exit code, stdout, $GITHUB_OUTPUT).
fn run_lint_step(work: &Path, inputs: &[(&str, &str)]) -> (i32, String, String) {
    let github_output = work.join("github-output");
    std::fs::write(&github_output, "").unwrap();
    let mut command = Command::new("bash");
    command
        .arg(repo_root().join("action/lint.sh"))
        .current_dir(work)
        .env_clear()
        .env("PATH", path_with_adr(None))
        .env("HOME", work)
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_ACTIONS", "true")
        .env("SOURCE_DATE_EPOCH", "1763856000");
    for (name, value) in inputs {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        read(&github_output),
    )
}

#[test]
fn action_lint_step_reports_findings_and_writes_the_sarif_file() {
    let work = tempfile::tempdir().unwrap();
    let repository = work.path().join("repository");
    crate::util::copy_dir(&fixtures().join("logs/ecosystem-madr4"), &repository);
    let (code, stdout, outputs) = run_lint_step(
        work.path(),
        &[
            ("INPUT_FORMAT", "github"),
            ("INPUT_WORKING_DIRECTORY", "repository"),
            ("INPUT_UPLOAD_SARIF", "true"),
            ("INPUT_SARIF_FILE", "adr.sarif"),
            ("INPUT_ARGS", ""),
        ],
    );
    assert_eq!(
        code, 0,
        "the step leaves failing to the action's last step: {stdout}"
    );
    let sarif = repository.join("adr.sarif");
    assert_eq!(
        outputs,
        format!(
            "exit-code=1\nerrors=1\nwarnings=0\nsarif-file={}\n",
            sarif.display()
        )
    );
    assert!(
        stdout.starts_with("::error file=docs/adr/0003-use-kafka-for-events.md,line=7,"),
        "{stdout}"
    );
    // The SARIF file is what `adr lint --format sarif` prints there.
    let (_, expected, _) = run(&repository, &["lint", "--format", "sarif"]);
    assert_eq!(read(&sarif), expected);
}

#[test]
fn action_lint_step_passes_args_and_refuses_unknown_formats() {
    let repository = copy_tree(&fixtures().join("logs/ecosystem-madr4"));
    let (code, stdout, outputs) = run_lint_step(
        repository.path(),
        &[
            ("INPUT_FORMAT", "json"),
            ("INPUT_ARGS", "--rule status-missing docs/adr"),
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(outputs, "exit-code=0\nerrors=0\nwarnings=0\nsarif-file=\n");
    let (_, expected, _) = run(
        repository.path(),
        &[
            "lint",
            "--format",
            "json",
            "--rule",
            "status-missing",
            "docs/adr",
        ],
    );
    assert_eq!(stdout, expected);
    assert!(
        !repository.path().join("adr.sarif").exists(),
        "no SARIF unless asked"
    );

    let (code, stdout, outputs) = run_lint_step(repository.path(), &[("INPUT_FORMAT", "xml")]);
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "::error title=adr action::format `xml` is not one of human, github, sarif, json\n"
    );
    assert_eq!(outputs, "exit-code=2\n");
}

/// A directory of fake tools: `curl` fails as on a 404 (or copies from `release`), `cargo`
/// logs its arguments and "installs" a copy of the built adr.
fn fake_tools(dir: &Path, release: Option<&Path>) -> PathBuf {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let curl = match release {
        None => "#!/bin/sh\necho 'curl: (22) The requested URL returned error: 404' >&2\nexit 22\n"
            .to_string(),
        Some(release) => format!(
            "#!/bin/sh\n# fake curl: -o FILE URL -> copies release/<last part of URL>\nwhile [ $# -gt 0 ]; do case \"$1\" in -o) out=\"$2\"; shift 2;; -*) shift;; *) url=\"$1\"; shift;; esac; done\necho \"$url\" >> \"{log}\"\ncp \"{release}/${{url##*/}}\" \"$out\" 2>/dev/null || exit 22\n",
            log = dir.join("curl.log").display(),
            release = release.display()
        ),
    };
    let cargo = format!(
        "#!/bin/sh\necho \"$*\" >> \"{log}\"\nroot=\"$4\"\nmkdir -p \"$root/bin\" && cp \"{adr}\" \"$root/bin/adr\"\n",
        log = dir.join("cargo.log").display(),
        adr = adr_bin().display()
    );
    for (name, text) in [("curl", curl), ("cargo", cargo)] {
        std::fs::write(bin.join(name), text).unwrap();
        make_executable(&bin.join(name));
    }
    bin
}

fn make_executable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn run_install_step(
    work: &Path,
    action_path: &Path,
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let fake = fake_tools(work, None);
    let runner_temp = work.join("runner-temp");
    std::fs::create_dir_all(&runner_temp).unwrap();
    for file in ["github-output", "github-path"] {
        std::fs::write(work.join(file), "").unwrap();
    }
    let mut command = Command::new("bash");
    command
        .arg(repo_root().join("action/install-adr.sh"))
        .current_dir(work)
        .env_clear()
        .env(
            "PATH",
            std::env::join_paths([fake.as_path(), Path::new("/usr/bin"), Path::new("/bin")])
                .unwrap(),
        )
        .env("HOME", work)
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_ACTION_PATH", action_path)
        .env("GITHUB_OUTPUT", work.join("github-output"))
        .env("GITHUB_PATH", work.join("github-path"));
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    (
        output.status.code().unwrap_or(-1),
        read(work.join("github-output")),
        read(work.join("github-path")),
    )
}

#[test]
fn action_install_builds_with_cargo_at_the_actions_commit_when_no_release_exists() {
    let work = tempfile::tempdir().unwrap();
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let (_, outputs, path) = run_install_step(
        work.path(),
        &repo_root(),
        &[
            ("ADR_ACTION_REPOSITORY", "someone/adr"),
            ("ADR_ACTION_REF", commit),
        ],
    );
    let root = work.path().join("runner-temp/adr-action");
    assert_eq!(outputs, "method=cargo\n");
    assert_eq!(path, format!("{}\n", root.join("bin").display()));
    assert_eq!(
        read(work.path().join("cargo.log")),
        format!(
            "install --locked --root {} --git https://github.com/someone/adr --rev {commit} adr\n",
            root.display()
        )
    );
}

#[test]
fn action_install_reads_repository_and_tag_from_the_action_path_when_the_context_is_empty() {
    // actions/runner#2473: in composite actions github.action_ref can be empty.
    let work = tempfile::tempdir().unwrap();
    let action_path = work.path().join("_actions/someone/adr/v1.2.3");
    std::fs::create_dir_all(&action_path).unwrap();
    std::fs::copy(
        repo_root().join("install.sh"),
        action_path.join("install.sh"),
    )
    .unwrap();
    let (_, outputs, _) = run_install_step(
        work.path(),
        &action_path,
        &[("ADR_ACTION_REPOSITORY", ""), ("ADR_ACTION_REF", "")],
    );
    assert_eq!(outputs, "method=cargo\n");
    let root = work.path().join("runner-temp/adr-action");
    assert_eq!(
        read(work.path().join("cargo.log")),
        format!(
            "install --locked --root {} --git https://github.com/someone/adr --tag v1.2.3 adr\n",
            root.display()
        )
    );
}

#[test]
fn action_install_builds_the_checkout_when_used_as_a_local_action() {
    // `uses: ./` in adr's own repository: no action repository or ref, the action path is
    // the checkout.
    let work = tempfile::tempdir().unwrap();
    let (_, outputs, _) = run_install_step(
        work.path(),
        &repo_root(),
        &[("ADR_ACTION_REPOSITORY", ""), ("ADR_ACTION_REF", "")],
    );
    assert_eq!(outputs, "method=cargo\n");
    let root = work.path().join("runner-temp/adr-action");
    assert_eq!(
        read(work.path().join("cargo.log")),
        format!(
            "install --locked --root {} --path {} adr\n",
            root.display(),
            repo_root().display()
        )
    );
}

/// The release archive name install.sh picks on this machine.
fn release_target() -> String {
    format!("{}-unknown-linux-musl", std::env::consts::ARCH)
}

#[cfg(target_os = "linux")]
#[test]
fn installer_installs_the_release_archive_only_when_its_checksum_matches() {
    let work = tempfile::tempdir().unwrap();
    let release = work.path().join("release");
    let stage = work.path().join("stage");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(adr_bin(), stage.join("adr")).unwrap();
    let archive = format!("adr-{}.tar.gz", release_target());
    let status = Command::new("tar")
        .args([
            "-czf",
            release.join(&archive).to_str().unwrap(),
            "-C",
            stage.to_str().unwrap(),
            "adr",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let sums = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&release)
        .output()
        .unwrap();
    std::fs::write(release.join("SHA256SUMS"), &sums.stdout).unwrap();
    let fake = fake_tools(work.path(), Some(&release));

    let install = |dir: &str| {
        Command::new("sh")
            .arg(repo_root().join("install.sh"))
            .env_clear()
            .env(
                "PATH",
                std::env::join_paths([fake.as_path(), Path::new("/usr/bin"), Path::new("/bin")])
                    .unwrap(),
            )
            .env("HOME", work.path())
            .env("ADR_REPO", "someone/adr")
            .env("ADR_VERSION", "v1.2.3")
            .env("ADR_INSTALL_DIR", work.path().join(dir))
            .output()
            .unwrap()
    };
    let output = install("bin");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        std::fs::read(work.path().join("bin/adr")).unwrap(),
        std::fs::read(adr_bin()).unwrap()
    );
    assert!(
        stderr.contains(&format!("installed adr {} to", env!("CARGO_PKG_VERSION"))),
        "{stderr}"
    );
    assert_eq!(
        read(work.path().join("curl.log")),
        format!(
            "https://github.com/someone/adr/releases/download/v1.2.3/{archive}\nhttps://github.com/someone/adr/releases/download/v1.2.3/SHA256SUMS\n"
        )
    );

    // A tampered archive is refused and nothing is installed.
    std::fs::write(
        release.join("SHA256SUMS"),
        format!("{}  {archive}\n", "0".repeat(64)),
    )
    .unwrap();
    let output = install("bin2");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains(&format!("checksum mismatch for {archive}")),
        "{stderr}"
    );
    assert!(!work.path().join("bin2/adr").exists());
}

/// Every shell script of the repository: `*.sh` at the root and in `action/`, `bench/` and
/// `scripts/`, and the CI scripts in `.ci/` (which have no extension). Found, not listed,
/// so a new script cannot be left out.
fn shell_scripts() -> Vec<String> {
    let mut scripts = Vec::new();
    for dir in ["", "action", "bench", "scripts", ".ci"] {
        let Ok(entries) = std::fs::read_dir(repo_root().join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let is_script = path.extension().is_some_and(|extension| extension == "sh")
                || (dir == ".ci" && path.is_file());
            if is_script {
                let relative = path.strip_prefix(repo_root()).unwrap();
                scripts.push(relative.to_str().unwrap().to_string());
            }
        }
    }
    scripts.sort();
    scripts
}

#[test]
fn shell_scripts_pass_shellcheck() {
    let scripts = shell_scripts();
    for expected in [
        "install.sh",
        "action/lint.sh",
        ".ci/run",
        "scripts/release-check.sh",
    ] {
        assert!(
            scripts.iter().any(|script| script == expected),
            "{scripts:?}"
        );
    }
    let output = Command::new("shellcheck")
        .args(&scripts)
        .current_dir(repo_root())
        .output()
        .unwrap_or_else(|error| {
            panic!("shellcheck: {error}: install it with `apt-get install -y shellcheck`")
        });
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
