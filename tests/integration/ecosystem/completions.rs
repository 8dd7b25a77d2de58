//! Shell completions and the man page.

use std::process::Command;

use crate::util::run;

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _adr"),
        ("zsh", "#compdef adr"),
        ("fish", "complete -c adr"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[adr]"),
    ] {
        let (code, stdout, stderr) = run(dir.path(), &["completions", shell]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{shell}");
        assert!(stdout.contains(marker), "{shell}: no `{marker}`");
        for command in ["migrate", "export", "renumber", "completions"] {
            assert!(stdout.contains(command), "{shell} completes no `{command}`");
        }
    }
    let (code, _, stderr) = run(dir.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
}

/// bash loads the script and then completes `adr mi` to `migrate`.
#[test]
fn bash_completion_completes_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let (_, script, _) = run(dir.path(), &["completions", "bash"]);
    let script_path = dir.path().join("adr.bash");
    std::fs::write(&script_path, script).unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(adr mi); COMP_CWORD=1; COMP_LINE='adr mi'; COMP_POINT=6; _adr adr mi adr; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script_path.display()
        ))
        .output()
        .expect("bash is needed for this test: apt-get install -y bash");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "migrate\n");
}

#[test]
fn man_page_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["man"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.contains(".TH adr 1"), "{stdout}");
    assert!(stdout.contains(".SH SUBCOMMANDS"));
    for command in [
        "init",
        "new",
        "lint",
        "migrate",
        "export",
        "schema",
        "renumber",
        "completions",
        "man",
    ] {
        assert!(
            stdout.contains(&format!("adr\\-{command}(1)")),
            "no `{command}` in adr(1)"
        );
    }
    let (code, stdout, _) = run(dir.path(), &["man", "migrate"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(".TH adr-migrate 1"), "{stdout}");
    assert!(stdout.contains("\\-\\-write"));
    let (code, stdout, stderr) = run(dir.path(), &["man", "nope"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error: `nope` is not an adr command: use one of init, new,"),
        "{stderr}"
    );
}
