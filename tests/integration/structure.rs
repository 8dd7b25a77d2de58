//! How `adr` reads a log it has never seen: which files are records (templates in several
//! languages, folder records, slugs with `xxx`), each record's style from its structure,
//! the log's own template as its expected sections, results that do not depend on the
//! working directory, and `adr init` adopting an existing log; and how the code itself is
//! shaped (file and function sizes, thin commands), so a newcomer finds one place per
//! concern (issue 15).

use std::path::Path;

use crate::util::{adr, copy_dir, copy_tree, files_of, fixtures, log_with, read, run};

/// `adr --dir <log> lint --format json` run in `cwd`: exit code and each finding as
/// (file name, line, rule, message), in report order.
fn findings(cwd: &Path, log: &Path) -> (i32, Vec<(String, u64, String, String)>) {
    let output = adr(cwd)
        .args(["--dir", log.to_str().unwrap(), "lint", "--format", "json"])
        .output()
        .expect("run adr");
    let document: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("lint prints JSON");
    let found = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            let path = diagnostic["path"].as_str().unwrap();
            (
                path.rsplit('/').next().unwrap().to_string(),
                diagnostic["line"].as_u64().unwrap(),
                diagnostic["rule"].as_str().unwrap().to_string(),
                diagnostic["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (output.status.code().unwrap(), found)
}

/// A new project whose `docs/adr` is a copy of the log `tests/fixtures/logs/<fixture>`,
/// and that log's path.
fn project_with(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let project = tempfile::tempdir().unwrap();
    let log = project.path().join("docs/adr");
    copy_dir(&fixtures().join("logs").join(fixture), &log);
    (project, log)
}

/// The findings of `found` from `rule`.
fn of_rule(
    found: Vec<(String, u64, String, String)>,
    rule: &str,
) -> Vec<(String, u64, String, String)> {
    found
        .into_iter()
        .filter(|(_, _, id, _)| id == rule)
        .collect()
}

fn finding(file: &str, line: u64, rule: &str, message: &str) -> (String, u64, String, String) {
    (file.into(), line, rule.into(), message.into())
}

/// `adr list --format json` in `project`: (number, title, path) per record.
fn listed(project: &Path, args: &[&str]) -> Vec<(Option<u64>, String, String)> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(project, &all);
    assert_eq!(code, 0, "{stderr}");
    let records: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|record| {
            (
                record["number"].as_u64(),
                record["title"].as_str().unwrap().to_string(),
                record["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// Issue #13: a slug part of three or more x or n was taken for a template placeholder, so
// every command ignored the record and `adr new` reused its number.
#[test]
fn issue_13_a_slug_with_xxx_is_a_record() {
    let record = |title: &str| {
        format!(
            "---\nstatus: accepted\ndate: 2025-05-11\n---\n\n# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\", because it works.\n"
        )
    };
    let project = log_with(&[
        ("0001-use-kafka.md", &record("Use Kafka")),
        ("0002-support-xxx-tokens.md", &record("Support xxx tokens")),
        ("0003-nnn-prefixed-ids.md", &record("Use nnn-prefixed ids")),
    ]);
    assert_eq!(
        listed(project.path(), &[]),
        vec![
            (
                Some(1),
                "Use Kafka".into(),
                "docs/adr/0001-use-kafka.md".into()
            ),
            (
                Some(2),
                "Support xxx tokens".into(),
                "docs/adr/0002-support-xxx-tokens.md".into()
            ),
            (
                Some(3),
                "Use nnn-prefixed ids".into(),
                "docs/adr/0003-nnn-prefixed-ids.md".into()
            ),
        ]
    );
    let (code, stdout, stderr) = run(project.path(), &["new", "--no-edit", "Next one"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert!(
        project.path().join("docs/adr/0004-next-one.md").is_file(),
        "adr new takes the number after 0003: {stdout}"
    );
}

/// Templates named in French, German, Spanish, Portuguese and Chinese, hidden, with a
/// placeholder number or an `XXX-` prefix are never linted as records; the one named like
/// a record is named by lint (info) and every one by `adr list --verbose`.
#[test]
fn templates_in_several_languages_are_not_linted_as_records() {
    let (project, log) = project_with("templates-i18n");
    let (code, found) = findings(project.path(), &log);
    assert_eq!(
        (code, found),
        (
            0,
            vec![finding(
                "0000-modele-adr.md",
                1,
                "file-skipped",
                "`0000-modele-adr.md` is named like a template, so it is not read as a record"
            )]
        )
    );
    let (code, stdout, stderr) = run(project.path(), &["list", "--verbose"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "0001  accepted  2025-05-11  Use Kafka for orders\n\
         0002  accepted  2025-05-12  Support xxx tokens in order ids\n"
    );
    assert_eq!(
        stderr,
        "skipped docs/adr/.TEMPLATE.md: named like a template; read as the log's template\n\
         skipped docs/adr/0000-modele-adr.md: named like a template\n\
         skipped docs/adr/XXX-0000-template.md: named like a template\n\
         skipped docs/adr/adr-NNN.md: named like a template\n\
         skipped docs/adr/modelo.md: named like a template\n\
         skipped docs/adr/plantilla.md: named like a template\n\
         skipped docs/adr/vorlage.md: named like a template\n\
         skipped docs/adr/模板.md: named like a template\n"
    );
}

/// A log whose records have YAML front matter but a layout of their own (Abstract /
/// Motivation / Specification) is held to its template's headings, not to MADR's; a
/// section-name H1 under a front-matter `title:` yields to that title.
#[test]
fn custom_layout_records_follow_the_logs_template() {
    let (project, log) = project_with("custom-template");
    assert_eq!(
        findings(project.path(), &log),
        (
            1,
            vec![finding(
                "0002-drop-xml-configuration.md",
                2,
                "section-missing",
                "section `Specification` is missing"
            )]
        )
    );
    let titles: Vec<String> = listed(project.path(), &[])
        .into_iter()
        .map(|(_, title, _)| title)
        .collect();
    assert_eq!(
        titles,
        [
            "Adopt structured logging",
            "Drop XML configuration",
            "Keep the monolith"
        ]
    );
    let (_, json, _) = run(project.path(), &["export", "--format", "json"]);
    let exported: serde_json::Value = serde_json::from_str(&json).unwrap();
    let styles: Vec<&str> = exported["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["style"].as_str().unwrap())
        .collect();
    assert_eq!(styles, ["other", "other", "nygard"]);
}

/// The template's optional sections (`(optional)`) are not required, and the config's
/// `[lint.required-sections]` for `other` wins over the template.
#[test]
fn the_config_wins_over_the_logs_template() {
    let (project, log) = project_with("custom-template");
    std::fs::write(
        project.path().join(".adr.toml"),
        "[lint.required-sections]\nother = [\"Motivation\"]\n",
    )
    .unwrap();
    assert_eq!(findings(project.path(), &log), (0, vec![]));
}

/// A MADR 1 log (2017-18: context under the title, `## Considered Alternatives`,
/// `* Chosen Alternative:`; transcom/mymove in review G) is not told that
/// `Context and Problem Statement` is missing, and `adr new` writes its `template.md`,
/// not MADR 4. Without a template, a MADR 1 record with nothing under its title still
/// lacks its context.
#[test]
fn a_madr1_log_is_read_as_madr1_and_new_writes_its_template() {
    let (project, log) = project_with("madr1");
    let (code, found) = findings(project.path(), &log);
    assert_eq!(
        (code, found),
        (
            0,
            vec![finding(
                "0001-serve-the-api-over-http2.md",
                1,
                "status-missing",
                "no record of this log states a status (2 records)"
            )]
        )
    );
    let (code, stdout, stderr) = run(project.path(), &["new", "--no-edit", "Cache sessions"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/0003-cache-sessions.md\n"),
        "{stderr}"
    );
    assert_eq!(
        read(log.join("0003-cache-sessions.md")),
        read(log.join("template.md")).replacen(
            "# *[short title of solved problem and solution]*",
            "# Cache sessions",
            1
        )
    );

    std::fs::remove_file(log.join("template.md")).unwrap();
    std::fs::remove_file(log.join("0003-cache-sessions.md")).unwrap();
    std::fs::write(
        log.join("0003-pick-a-queue.md"),
        "# Pick a queue\n\n## Considered Alternatives\n\n* A table\n* A broker\n\n\
         ## Decision Outcome\n\n* Chosen Alternative: A broker\n",
    )
    .unwrap();
    let (code, found) = findings(project.path(), &log);
    assert_eq!(code, 1);
    assert_eq!(
        of_rule(found, "section-missing"),
        [finding(
            "0003-pick-a-queue.md",
            1,
            "section-missing",
            "section `Context and Problem Statement` is missing"
        )]
    );
}

/// Kuma: records with MADR 2's `* Status:` bullets and the log's own `000-template.md`
/// (Context and Problem Statement / Design / Security implications / Decision) are held
/// to the template's sections, not told MADR's `Considered Options` is missing.
#[test]
fn madr2_records_follow_the_logs_own_template() {
    let (project, log) = project_with("madr2-own-template");
    let (code, found) = findings(project.path(), &log);
    assert_eq!(
        (code, found),
        (
            1,
            vec![
                finding(
                    "000-template.md",
                    1,
                    "file-skipped",
                    "`000-template.md` is named like a template, so it is not read as a record"
                ),
                finding(
                    "002-sign-the-images.md",
                    1,
                    "section-missing",
                    "section `Security implications` is missing"
                ),
            ]
        )
    );
}

/// EdgeX: plain Nygard records (with `## Status`) written before the log's template, which
/// has no Status section, keep Nygard's sections; records made from the template are held
/// to it, and `## Change Log` answers its `## Changelog`.
#[test]
fn nygard_records_older_than_the_template_keep_nygards_sections() {
    let (project, log) = project_with("template-after-nygard");
    let (code, found) = findings(project.path(), &log);
    assert_eq!(code, 1);
    assert_eq!(
        of_rule(found, "section-missing"),
        [finding(
            "0003-cache-device-profiles.md",
            1,
            "section-missing",
            "sections `Changelog` and `Proposed Design` are missing"
        )]
    );
}

/// A section most of a log's records lack (tdr: 36 of 39 without `Consequences`) is one
/// finding naming the section and the count, on the first record lacking it, instead of
/// an error per record; a record lacking another section too keeps its own finding for
/// that one, and the setting the help names drops the section.
#[test]
fn a_section_most_records_lack_is_one_log_wide_finding() {
    let (project, log) = project_with("nygard-without-consequences");
    assert_eq!(
        findings(project.path(), &log),
        (
            1,
            vec![
                finding(
                    "0002-use-terraform.md",
                    1,
                    "section-missing",
                    "section `Consequences` is missing in 3 of the log's 4 records"
                ),
                finding(
                    "0004-pin-providers.md",
                    1,
                    "section-missing",
                    "section `Context` is missing"
                ),
            ]
        )
    );
    std::fs::write(
        project.path().join(".adr.toml"),
        "[lint.required-sections]\nnygard = [\"Status\", \"Context\", \"Decision\"]\n",
    )
    .unwrap();
    assert_eq!(
        findings(project.path(), &log),
        (
            1,
            vec![finding(
                "0004-pin-providers.md",
                1,
                "section-missing",
                "section `Context` is missing"
            )]
        )
    );
}

/// `2022-11-09-api-refactoring/README.md` (dated folders, `_` after the date too) and
/// `0001-use-kafka/index.md` are records titled by their H1; other Markdown files in the
/// folder are parts of the record.
#[test]
fn folder_records_are_records() {
    let project = copy_tree(&fixtures().join("logs/folder-records-dated"));
    assert_eq!(
        listed(project.path(), &["--dir", "."]),
        vec![
            (
                None,
                "API refactoring".into(),
                "2022-11-09-api-refactoring/README.md".into()
            ),
            (
                None,
                "Private properties".into(),
                "2023-03-27_private_properties/README.md".into()
            ),
            (
                None,
                "Use OpenTelemetry".into(),
                "2024-01-15-use-opentelemetry/README.md".into()
            ),
        ]
    );
    let (code, stdout, stderr) = run(project.path(), &["--dir", ".", "list", "--verbose"]);
    assert_eq!(code, 0);
    // No date in the text: the folder's name gives it.
    assert_eq!(
        stdout,
        "-  -  2022-11-09  API refactoring\n\
         -  -  2023-03-27  Private properties\n\
         -  -  2024-01-15  Use OpenTelemetry\n"
    );
    assert_eq!(
        stderr,
        "skipped 2022-11-09-api-refactoring/documentation.md: part of the record `2022-11-09-api-refactoring/README.md`\n\
         skipped 2022-11-09-api-refactoring/renaming.md: part of the record `2022-11-09-api-refactoring/README.md`\n"
    );
    // No record is in a known layout and the log keeps no template: only the status.
    let (code, found) = findings(project.path(), project.path());
    assert_eq!(code, 0);
    assert_eq!(
        found,
        // One finding for the log (issue 14, item 9): none of its records states a status.
        [finding(
            "README.md",
            1,
            "status-missing",
            "no record of this log states a status (3 records)"
        )]
    );

    let project = copy_tree(&fixtures().join("logs/folder-records-numbered"));
    assert_eq!(
        listed(project.path(), &["--dir", "."]),
        vec![
            (
                Some(1),
                "Use Kafka for orders".into(),
                "0001-use-kafka/index.md".into()
            ),
            (
                Some(2),
                "Split the order service".into(),
                "0002-split-the-order-service/index.md".into()
            ),
        ]
    );
    assert_eq!(findings(project.path(), project.path()), (0, vec![]));
    let (code, stdout, _) = run(project.path(), &["--dir", ".", "new", "--no-edit", "Third"]);
    assert_eq!(code, 0, "{stdout}");
    // Written as the log's records are: a folder of its own (review Q, pg_otel).
    assert_eq!(stdout, "0003-third/index.md\n");
    assert!(project.path().join("0003-third/index.md").is_file());
}

/// `adr --dir X lint` gives the same findings from the project, from inside the log and
/// from an unrelated directory: links are resolved against the log and checked against
/// the project root (here the git work tree), and `?raw=true` is not part of the path.
#[test]
fn lint_findings_do_not_depend_on_the_working_directory() {
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir(project.path().join(".git")).unwrap();
    std::fs::write(project.path().join("README.md"), "# Orders\n").unwrap();
    let log = project.path().join("docs/adr");
    std::fs::create_dir_all(&log).unwrap();
    std::fs::write(log.join("0001-queue.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(
        log.join("0001-use-kafka.md"),
        "---\nstatus: accepted\ndate: 2025-05-11\n---\n\n# Use Kafka\n\n\
         ## Context and Problem Statement\n\nSee the [README](../../README.md) and\n\
         ![queue](0001-queue.png?raw=true \"Queue\").\n\n\
         ## Considered Options\n\n* Kafka\n\n## Decision Outcome\n\n\
         Chosen option: \"Kafka\", because [the notes](notes/missing.md) say so.\n",
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let expected = (
        1,
        vec![finding(
            "0001-use-kafka.md",
            19,
            "link-broken",
            "link target `notes/missing.md` does not exist",
        )],
    );
    for cwd in [project.path(), log.as_path(), elsewhere.path()] {
        assert_eq!(findings(cwd, &log), expected, "from {}", cwd.display());
    }
}

/// `adr init` where a log already exists writes a `.adr.toml` describing it (see
/// tests/cmd/init-adopts-existing-log.toml for the exact file), creates no new log, and
/// with that file lint accepts the log's own status words.
#[test]
fn adr_init_adopts_an_existing_log() {
    let project =
        copy_tree(&crate::util::repo_root().join("tests/cmd/init-adopts-existing-log.in"));
    let (code, found) = findings(
        project.path(),
        &project.path().join("docs/architecture/decisions"),
    );
    // `Pending` is in the language tables (read as proposed), so even without the config
    // the log lints clean; init still records the words in use.
    let rules: Vec<(String, String)> = found
        .into_iter()
        .map(|(file, _, rule, _)| (file, rule))
        .collect();
    assert_eq!((code, rules), (0, vec![]));
    let (code, _, stderr) = run(project.path(), &["init"]);
    assert_eq!((code, stderr.as_str()), (0, "next: adr lint\n"));
    assert!(!project.path().join("docs/adr").exists(), "no new log");
    let (code, stdout, _) = run(project.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
}

/// Without `.adr.toml` or a git work tree, the project is the log itself: a log copied out
/// of its repository links to files only the repository has, and those are not reported;
/// broken links inside the log still are, from any working directory.
#[test]
fn a_log_without_its_repository_checks_only_its_own_links() {
    let project = tempfile::tempdir().unwrap();
    let log = project.path().join("decisions");
    std::fs::create_dir_all(&log).unwrap();
    std::fs::write(
        log.join("0001-use-kafka.md"),
        "---\nstatus: accepted\ndate: 2025-05-11\n---\n\n# Use Kafka\n\n\
         ## Context and Problem Statement\n\nSee the [guide](../ciso-guide/cryptography.md).\n\n\
         ## Considered Options\n\n* Kafka\n\n## Decision Outcome\n\n\
         Chosen option: \"Kafka\", because [ADR-2](0002-use-avro.md) says so.\n",
    )
    .unwrap();
    let expected = (
        1,
        vec![finding(
            "0001-use-kafka.md",
            18,
            "link-broken",
            "link target `0002-use-avro.md` does not exist",
        )],
    );
    let elsewhere = tempfile::tempdir().unwrap();
    for cwd in [project.path(), log.as_path(), elsewhere.path()] {
        assert_eq!(findings(cwd, &log), expected, "from {}", cwd.display());
    }
}

/// Every `.rs` file under `dir`, sorted, with its text.
fn rust_sources(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let name = path
                    .strip_prefix(crate::util::repo_root())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// An exception to a size limit is a comment `// size-exception: <why>` (on the first
/// lines of a file for the file, on a line just above a function or its attributes for the
/// function); a marker without a reason is no exception.
fn has_size_exception(lines: &[&str]) -> bool {
    lines.iter().any(|line| {
        line.trim()
            .strip_prefix("// size-exception:")
            .is_some_and(|why| !why.trim().is_empty())
    })
}

/// The functions of a file longer than `limit` lines, as (line, length, name). rustfmt
/// closes a body with `}` at the indentation of its `fn`, which is where it is taken to end;
/// a signature ending in `;` has no body.
fn long_functions(text: &str, limit: usize) -> Vec<(usize, usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let mut rest = code;
        for qualifier in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        let Some(signature) = rest.strip_prefix("fn ") else {
            continue;
        };
        let name: String = signature
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = (at..lines.len()).find(|&index| {
            let end = lines[index].trim_end();
            end.ends_with('{') || end.ends_with(';')
        }) else {
            continue;
        };
        if lines[open].trim_end().ends_with(';') {
            continue;
        }
        let closing = format!("{indent}}}");
        let Some(close) = (open + 1..lines.len()).find(|&index| lines[index] == closing) else {
            continue;
        };
        let length = close - at + 1;
        let above = lines[..at]
            .iter()
            .rev()
            .take_while(|line| {
                let line = line.trim_start();
                line.starts_with("//") || line.starts_with("#[")
            })
            .copied()
            .collect::<Vec<_>>();
        if length > limit && !has_size_exception(&above) {
            long.push((at + 1, length, name));
        }
    }
    long
}

#[test]
fn the_size_scan_finds_long_functions_and_honours_exceptions() {
    let body = "    let x = 1;\n".repeat(5);
    let text = format!(
        "fn short() {{\n    1\n}}\n\nimpl A {{\n    pub(crate) fn long(\n        a: u8,\n    ) -> u8 {{\n{body}    }}\n\n    fn declared(&self);\n}}\n\n// size-exception: a table\nfn excused() {{\n{body}}}\n\n// size-exception:\nfn unexcused() {{\n{body}}}\n"
    );
    assert_eq!(
        long_functions(&text, 5),
        [(6, 9, "long".to_string()), (29, 7, "unexcused".to_string())]
    );
}

/// Issue 15: no source file over 800 lines, no function over 120 lines (exceptions say
/// why), and each command file under 250 lines: the library does the work.
#[test]
fn no_source_file_or_function_is_too_long_and_commands_are_thin() {
    let mut problems = Vec::new();
    for (name, text) in rust_sources(&crate::util::repo_root().join("src")) {
        let lines: Vec<&str> = text.lines().collect();
        let file_limit = if name.starts_with("src/commands/") {
            250
        } else {
            800
        };
        if lines.len() > file_limit && !has_size_exception(&lines[..lines.len().min(20)]) {
            problems.push(format!(
                "{name}: {} lines (limit {file_limit})",
                lines.len()
            ));
        }
        for (line, length, function) in long_functions(&text, 120) {
            problems.push(format!(
                "{name}:{line}: fn {function} is {length} lines (limit 120)"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "split these, or mark a table with `// size-exception: <why>`:\n{}",
        problems.join("\n")
    );
}

/// The top-level modules of the crate each file of `src/` uses (`crate::x` paths and
/// `use crate::{x, …}` groups), comments and test modules left out: module → modules.
fn module_imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut imports: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for (name, text) in rust_sources(&crate::util::repo_root().join("src")) {
        let relative = name.trim_start_matches("src/");
        let module = relative
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let code: String = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap()
            .lines()
            .map(|line| line.split("//").next().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let used = imports.entry(module.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut item = String::new();
                let mut items = Vec::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                        _ if depth == 0 => item.push(c),
                        _ => {}
                    }
                }
                items.push(item);
                used.extend(
                    items
                        .iter()
                        .map(|item| item.trim().split("::").next().unwrap().to_string())
                        .filter(|first| first.starts_with(|c: char| c.is_ascii_lowercase())),
                );
            } else {
                let first: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if first.starts_with(|c: char| c.is_ascii_lowercase()) {
                    used.insert(first);
                }
            }
        }
        used.remove(&module);
    }
    imports
}

/// Issue 15: the model is data; loading, parsing, linting and rendering read or fill it.
#[test]
fn the_model_imports_neither_parser_nor_consumers() {
    let imports = module_imports();
    let model = &imports["model"];
    for forbidden in [
        "parse", "load", "lint", "site", "commands", "index", "export",
    ] {
        assert!(
            !model.contains(forbidden),
            "model imports {forbidden}: {model:?}"
        );
    }
}

/// Issue 15: no cycle among the crate's top-level modules, so each can be read (and
/// tested) with only what it builds on. The one pair left: `mcp` is a second front end
/// beside `commands` and calls the record lookup and search that live in `commands`.
#[test]
fn top_level_modules_form_no_cycle() {
    let imports = module_imports();
    let allowed =
        |from: &str, to: &str| matches!((from, to), ("commands", "mcp") | ("mcp", "commands"));
    // Each module's reach, by search: a module that reaches itself is on a cycle.
    let mut cycles = Vec::new();
    for start in imports.keys() {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((module, path)) = stack.pop() {
            for next in imports.get(&module).into_iter().flatten() {
                if allowed(&module, next) {
                    continue;
                }
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(next.clone());
                    cycles.push(cycle.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

/// A Markdown file whose name is not UTF-8 (Latin-1 from an older system) is not read as a
/// record, and lint and `adr list --verbose` say so instead of leaving it out without a word.
/// A folder so named is walked: its record is read, and read again by a later render (by its
/// own path, not by the log's joined with its path in the log, which reads `\u{FFFD}`).
#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_named_by_lint_and_a_folder_so_named_still_renders() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let fixture = fixtures().join("rules/file-skipped/fail-hidden-records/0001-use-kafka.md");
    let record = read(&fixture);
    // A link to it, written as a browser would (`%E9`), leads to it: no `link-broken`.
    let linking = record.clone() + "\nSee [the other one](0002-caf%E9.md).\n";
    let project = log_with(&[("0001-use-kafka.md", &linking)]);
    let log = project.path().join("docs/adr");
    std::fs::write(log.join(OsStr::from_bytes(b"0002-caf\xe9.md")), &record).unwrap();
    let folder = log.join(OsStr::from_bytes(b"\xe4lter"));
    std::fs::create_dir(&folder).unwrap();
    let kept = folder.join("0003-keep-kafka.md");
    std::fs::write(&kept, record.replace("Use Kafka", "Keep Kafka")).unwrap();
    let (code, found) = findings(project.path(), &log);
    assert_eq!(
        (code, found),
        (
            0,
            vec![finding(
                "0002-caf\u{FFFD}.md",
                1,
                "file-skipped",
                "the name of `0002-caf\u{FFFD}.md` is not UTF-8 (each `\u{FFFD}` stands for a byte that is not), so it is not read as a record"
            )]
        )
    );
    let (code, stdout, stderr) = run(project.path(), &["list", "--verbose"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "0001  accepted  2025-05-11  Use Kafka for orders\n\
         0003  accepted  2025-05-11  Keep Kafka for orders\n"
    );
    assert_eq!(
        stderr,
        "skipped docs/adr/0002-caf\u{FFFD}.md: its name is not UTF-8\n"
    );
    let (code, _, stderr) = run(project.path(), &["render", "-o", "site"]);
    assert_eq!(code, 0, "{stderr}");
    // The page's folder is named as the record's path in the log reads.
    let page = project
        .path()
        .join("site/\u{FFFD}lter/0003-keep-kafka.html");
    assert!(
        read(&page).contains("Keep Kafka for orders"),
        "{:?}",
        files_of(&project.path().join("site")).into_keys()
    );
    // The other record of its range of the search index changes: that range is made again,
    // from the text of this one, read again by its own path.
    std::fs::write(
        log.join("0001-use-kafka.md"),
        record.clone() + "\nEdited later.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(project.path(), &["render", "-o", "site"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        read(project.path().join("site/0001-use-kafka.html")).contains("Edited later."),
        "the edited record's page is made again"
    );
    assert!(
        read(project.path().join("site/assets/search/0/d0.js")).contains("Keep Kafka for orders"),
        "the range still holds the record in the folder"
    );
}

/// The render cache is postcard, which is not self-describing: a field skipped one way
/// only (`skip_serializing_if`) misaligns the decoding of everything after it, and every
/// cached record is read as none. The site's output stays right, so only this catches it: a
/// `None` date skipped so made every re-render of 10,000 records parse all of them.
#[test]
fn the_render_caches_types_skip_no_field_one_way_only() {
    let cached = [
        "src/site/record.rs",
        "src/site/rows_seen.rs",
        "src/site/search.rs",
        "src/site/mod.rs",
        "src/site/incremental/stamps.rs",
        "src/git.rs",
    ];
    let mut one_way = Vec::new();
    for file in cached {
        let text = crate::util::read(crate::util::repo_root().join(file));
        for (number, line) in text.lines().enumerate() {
            if line.contains("#[serde(")
                && ["skip_serializing", "skip_deserializing"]
                    .iter()
                    .any(|attribute| line.contains(attribute))
            {
                one_way.push(format!("{file}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(one_way.is_empty(), "{one_way:#?}");
}
