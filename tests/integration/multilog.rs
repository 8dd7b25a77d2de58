//! Several logs in one repository (`[[log]]` in `.adr.toml`) and logs numbered per folder
//! (issue 17): every command over all logs and over one (`--log NAME`), numbers per log,
//! references across logs.

use std::path::Path;

use crate::util::{
    copy_tree, corpus_root, files_of, fixtures, log_with_owned, read, replace_in, rules_of, run,
};

fn monorepo() -> tempfile::TempDir {
    copy_tree(&fixtures().join("logs/monorepo"))
}

/// (rule, path, line, message) of each finding of `adr lint --format json`.
fn findings(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String, u64, String)>) {
    let mut all = args.to_vec();
    all.extend(["lint", "--format", "json"]);
    let (code, stdout, stderr) = run(dir, &all);
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}{stderr}"));
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap().to_string(),
                finding["path"].as_str().unwrap().to_string(),
                finding["line"].as_u64().unwrap(),
                finding["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (code, found)
}

fn finding(rule: &str, path: &str, line: u64, message: &str) -> (String, String, u64, String) {
    (rule.into(), path.into(), line, message.into())
}

#[test]
fn numbers_overlap_across_logs_and_only_the_broken_cross_log_link_is_reported() {
    let dir = monorepo();
    let (code, found) = findings(dir.path(), &[]);
    assert_eq!(
        found,
        [finding(
            "link-broken",
            "services/frontend/docs/adr/0002-build-the-frontend-on-its-own.md",
            14,
            "link target `../../../backend/docs/adr/0009-cache-builds.md` does not exist"
        )]
    );
    assert_eq!(code, 1);
}

#[test]
fn a_log_s_own_statuses_are_allowed_in_that_log_only() {
    let dir = monorepo();
    let config = dir.path().join(".adr.toml");
    replace_in(
        &config,
        "statuses = [\"draft\"]",
        "statuses = [\"draft\", \"parked\"]",
    );
    replace_in(
        dir.path()
            .join("services/backend/docs/adr/0001-store-orders-in-postgresql.md"),
        "status: accepted",
        "status: parked",
    );
    replace_in(
        dir.path()
            .join("services/frontend/docs/adr/0001-render-on-the-client.md"),
        "\nAccepted\n",
        "\nParked\n",
    );

    let (code, stdout, _) = run(dir.path(), &["lint"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "warning[status-undeclared]: status `parked` is not declared\n --> services/frontend/docs/adr/0001-render-on-the-client.md:7:1\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "= help: declare the log's statuses in the `[[log]]` table of `frontend` in .adr.toml: `statuses = [\"parked\"]`, or change it to a known status\n"
        ),
        "{stdout}"
    );
    let (_, found) = findings(dir.path(), &[]);
    let statuses: Vec<&str> = found
        .iter()
        .filter(|(rule, ..)| rule.starts_with("status-"))
        .map(|(_, path, ..)| path.as_str())
        .collect();
    assert_eq!(
        statuses,
        ["services/frontend/docs/adr/0001-render-on-the-client.md"]
    );

    // `adr status` holds a record to its own log's words, as lint does.
    let (code, _, stderr) = run(dir.path(), &["status", "frontend:2", "parked"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: unknown status `parked`"),
        "{stderr}"
    );
    let (code, _, stderr) = run(dir.path(), &["status", "backend:2", "parked"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_number_used_twice_in_one_log_is_a_duplicate_of_that_log_only() {
    let dir = monorepo();
    let backend = dir.path().join("services/backend/docs/adr");
    std::fs::copy(
        backend.join("0002-serve-an-http-api.md"),
        backend.join("0002-serve-a-grpc-api.md"),
    )
    .unwrap();
    let (code, found) = findings(dir.path(), &[]);
    let duplicates: Vec<_> = found
        .iter()
        .filter(|(rule, ..)| rule == "number-duplicate")
        .cloned()
        .collect();
    assert_eq!(
        duplicates,
        [
            finding(
                "number-duplicate",
                "services/backend/docs/adr/0002-serve-a-grpc-api.md",
                1,
                "number 0002 is also used by `services/backend/docs/adr/0002-serve-an-http-api.md`"
            ),
            finding(
                "number-duplicate",
                "services/backend/docs/adr/0002-serve-an-http-api.md",
                1,
                "number 0002 is also used by `services/backend/docs/adr/0002-serve-a-grpc-api.md`"
            ),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn a_reference_to_a_missing_record_of_another_log_is_reported() {
    let dir = monorepo();
    let platform = dir
        .path()
        .join("docs/adr/0002-build-with-one-ci-pipeline.md");
    replace_in(
        &platform,
        "superseded by frontend:0002",
        "superseded by frontend:0003",
    );
    let (code, found) = findings(dir.path(), &[]);
    assert_eq!(
        found.first(),
        Some(&finding(
            "supersede-target-missing",
            "docs/adr/0002-build-with-one-ci-pipeline.md",
            2,
            "superseded by `frontend:0003`, which is not a record of this log"
        ))
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(code, 1);

    // Linting the platform's log alone still reads the others: the reference into
    // frontend's log is checked, and only the platform's files are reported.
    let (code, alone) = findings(dir.path(), &["--log", "platform"]);
    let platform_findings: Vec<_> = found
        .iter()
        .filter(|(_, path, ..)| path.starts_with("docs/adr/"))
        .cloned()
        .collect();
    assert_eq!(alone, platform_findings);
    assert_eq!(alone.len(), 1);
    assert_eq!(code, 1);
}

#[test]
fn lint_of_one_log_checks_that_log() {
    let dir = monorepo();
    let (code, found) = findings(dir.path(), &["--log", "backend"]);
    assert_eq!(found, []);
    assert_eq!(code, 0);
}

#[test]
fn search_names_each_record_by_its_log() {
    let dir = monorepo();
    let (code, stdout, stderr) = run(dir.path(), &["search", "postgresql"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with("backend:0001  Store orders in PostgreSQL  (accepted)\n"),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &["search", "--format", "json", "postgresql"]);
    let found: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(found["results"][0]["log"], "backend", "{found:#}");
    assert_eq!(found["results"][0]["number"], 1, "{found:#}");
}

#[test]
fn list_names_each_record_by_its_log() {
    let dir = monorepo();
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        stdout,
        "\
platform:0001  accepted    2025-03-01  Use one repository for all services
platform:0002  superseded  2025-03-08  Build with one CI pipeline
 backend:0001  accepted    2025-04-02  Store orders in PostgreSQL
 backend:0002  draft       2025-04-10  Serve an HTTP API
frontend:0001  accepted    2025-04-05  Render on the client
frontend:0002  accepted    2025-05-01  Build the frontend on its own
"
    );
    assert_eq!((code, stderr.as_str()), (0, ""));

    let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let logs: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["log"].as_str().unwrap())
        .collect();
    assert_eq!(
        logs,
        [
            "platform", "platform", "backend", "backend", "frontend", "frontend"
        ]
    );
}

#[test]
fn one_log_is_listed_and_exported_as_a_project_with_one_log() {
    let dir = monorepo();
    let (code, stdout, _) = run(dir.path(), &["--log", "frontend", "list"]);
    assert_eq!(
        stdout,
        "\
0001  accepted  2025-04-05  Render on the client
0002  accepted  2025-05-01  Build the frontend on its own
"
    );
    assert_eq!(code, 0);
    for command in [&["list", "--format", "json"][..], &["export"]] {
        let mut args = vec!["--log", "frontend"];
        args.extend(command);
        let (_, stdout, _) = run(dir.path(), &args);
        assert!(!stdout.contains("\"log\""), "{stdout}");
    }
}

#[test]
fn export_names_the_log_and_resolves_references_across_logs() {
    let dir = monorepo();
    let (code, stdout, _) = run(dir.path(), &["export"]);
    assert_eq!(code, 0);
    let export: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let records = export["records"].as_array().unwrap();
    let platform = &records[1];
    assert_eq!(platform["log"], "platform");
    assert_eq!(
        platform["superseded_by"],
        serde_json::json!({
            "text": "frontend:0002",
            "number": 2,
            "path": "services/frontend/docs/adr/0002-build-the-frontend-on-its-own.md"
        })
    );
    let frontend = &records[5];
    assert_eq!(frontend["log"], "frontend");
    assert_eq!(
        frontend["supersedes"][0]["path"],
        "docs/adr/0002-build-with-one-ci-pipeline.md"
    );
}

#[test]
fn new_numbers_within_the_named_log_with_its_template() {
    let dir = monorepo();
    let before = files_of(dir.path());
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "--log",
            "frontend",
            "new",
            "--no-edit",
            "Use server-sent events",
        ],
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "services/frontend/docs/adr/0003-use-server-sent-events.md\n",
            ""
        )
    );
    let mut after = files_of(dir.path());
    let created = after
        .remove("services/frontend/docs/adr/0003-use-server-sent-events.md")
        .unwrap();
    assert_eq!(after, before, "only the new record is written");
    assert!(
        String::from_utf8(created).unwrap().starts_with(
            "# 3. Use server-sent events\n\nDate: 2025-11-23\n\n## Status\n\nProposed\n"
        ),
        "frontend's template is nygard"
    );
}

#[test]
fn new_without_a_log_names_the_logs() {
    let dir = monorepo();
    let before = files_of(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Anything"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: this project has several logs (`platform`, `backend`, `frontend`): name one with `adr --log NAME new`\n"
    );
    assert_eq!(files_of(dir.path()), before);
}

#[test]
fn an_unknown_log_is_a_usage_error() {
    let dir = monorepo();
    let (code, _, stderr) = run(dir.path(), &["--log", "mobile", "list"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: no log `mobile`: the logs are `platform`, `backend`, `frontend`\n"
    );
}

#[test]
fn index_writes_one_table_per_log() {
    let dir = monorepo();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "created docs/adr/README.md (2 records)\n\
         created services/backend/docs/adr/README.md (2 records)\n\
         created services/frontend/docs/adr/README.md (2 records)\n"
    );
    let backend = read(dir.path().join("services/backend/docs/adr/README.md"));
    assert!(
        backend.contains(
            "| [0002](0002-serve-an-http-api.md) | Serve an HTTP API | draft | 2025-04-10 | |\n"
        ),
        "{backend}"
    );
    assert!(!backend.contains("Render on the client"), "{backend}");
    let (code, _, _) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 0, "a second run changes nothing");
}

#[test]
fn log_tables_are_checked() {
    for (config, message) in [
        (
            "[[log]]\nname = \"a\"\ndir = \"docs/adr\"\n[[log]]\nname = \"a\"\ndir = \"docs/adr\"\n",
            "error: .adr.toml:2:1: two `[[log]]` tables are named `a`: give each log its own name\n",
        ),
        (
            "[[log]]\nname = \"a b\"\ndir = \"docs/adr\"\n",
            "error: .adr.toml:2:1: log name `a b` is not a name: use letters, digits, `-`, `_` and `.`\n",
        ),
        (
            "dir = \"docs/adr\"\n[[log]]\nname = \"a\"\ndir = \"docs/adr\"\n",
            "error: .adr.toml:1:1: `dir` and `[[log]]` are both set: move `dir` into a `[[log]]` table, or remove the `[[log]]` tables\n",
        ),
        (
            "[[log]]\nname = \"a\"\ndir = \"docs/none\"\n",
            "error: the ADR directory `docs/none` (`[[log]]` `a` in .adr.toml) does not exist: create it with `adr init` or fix `[[log]]` `a` in .adr.toml\n",
        ),
    ] {
        let dir = monorepo();
        std::fs::write(dir.path().join(".adr.toml"), config).unwrap();
        let (code, _, stderr) = run(dir.path(), &["list"]);
        assert_eq!((code, stderr.as_str()), (2, message), "{config}");
    }
}

/// opendatahub-adr keeps one folder per component, each numbered from 1: `adr init` writes
/// `numbering = "per-folder"`, and then no record is misnamed and the only duplicate
/// numbers are the four real ones inside `operator/` (0007, 0009, 0011, 0012 twice each).
#[test]
fn opendatahub_numbers_per_folder_with_the_setting_init_writes() {
    let dir = copy_tree(&corpus_root().join("opendatahub-adr"));
    let (code, stdout, stderr) = run(dir.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "  but not the 8 records that already share a number ([lint.per-file-ignores])\n"
        ),
        "{stdout}"
    );
    let config = read(dir.path().join(".adr.toml"));
    assert!(
        config.contains(
            "digits = 4\n# Each sub-folder numbers its own records from 1.\nnumbering = \"per-folder\"\n"
        ),
        "{config}"
    );
    // operator/ used 0007, 0009, 0011 and 0012 twice before adopting adr: init accepts
    // those eight records by name, so the log lints without a number-duplicate.
    let names = |number: &str, a: &str, b: &str| {
        [a, b].map(|slug| format!("operator/ODH-ADR-Operator-{number}-{slug}.md"))
    };
    let shared: Vec<String> = [
        names("0007", "auth-crd", "components-version-mapping"),
        names("0009", "connection-api", "observability-tracing-strategy"),
        names(
            "0011",
            "Perses-dashboard-guidelines",
            "observability-metrics-autoscaling",
        ),
        names(
            "0012",
            "gateway-api-authentication-architecture",
            "module-onboarding",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    let table: String = shared
        .iter()
        .map(|path| format!("\"{path}\" = [\"number-duplicate\"]\n"))
        .collect();
    assert!(
        config.contains(&format!(
            "# record that takes a used number from now on is still reported.\n[lint.per-file-ignores]\n{table}\n"
        )),
        "{config}"
    );
    let (_, found) = findings(dir.path(), &[]);
    let count = |rule: &str| found.iter().filter(|(id, ..)| id == rule).count();
    assert_eq!(count("filename-format"), 0);
    assert_eq!(count("number-duplicate"), 0);

    // A record that takes a used number now is still reported, and only it.
    std::fs::copy(
        dir.path().join(&shared[0]),
        dir.path()
            .join("operator/ODH-ADR-Operator-0007-new-decision.md"),
    )
    .unwrap();
    let (_, found) = findings(dir.path(), &[]);
    let duplicates: Vec<(&str, &str)> = found
        .iter()
        .filter(|(rule, ..)| rule == "number-duplicate")
        .map(|(_, path, _, message)| (path.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        duplicates,
        [(
            "operator/ODH-ADR-Operator-0007-new-decision.md",
            "number 0007 is also used by `operator/ODH-ADR-Operator-0007-auth-crd.md`, `operator/ODH-ADR-Operator-0007-components-version-mapping.md`"
        )]
    );

    // Without the table, the eight are what number-duplicate finds.
    std::fs::remove_file(
        dir.path()
            .join("operator/ODH-ADR-Operator-0007-new-decision.md"),
    )
    .unwrap();
    let without = config.replace(&format!("[lint.per-file-ignores]\n{table}"), "");
    std::fs::write(dir.path().join(".adr.toml"), without).unwrap();
    let (_, found) = findings(dir.path(), &[]);
    let mut flagged: Vec<&str> = found
        .iter()
        .filter(|(rule, ..)| rule == "number-duplicate")
        .map(|(_, path, ..)| path.as_str())
        .collect();
    flagged.sort_unstable();
    assert_eq!(flagged, shared);
}

/// Numbered per folder, a record made at the log's top takes the top's next number, not
/// the next after every folder's.
#[test]
fn renumber_moves_only_a_folder_s_own_duplicates_to_that_folder_s_next_numbers() {
    // Each component folder numbers from 1: `automl/ODH-ADR-0001-automl.md` beside the
    // root's `ODH-ADR-0001-…` is no collision. Only operator/'s four pairs are, and each
    // moves to operator's next free number (its highest is 0014).
    let moves_of = |stderr: &str| -> Vec<(String, String)> {
        let mut moves: Vec<(String, String)> = stderr
            .lines()
            .filter_map(|line| line.strip_prefix("would rename "))
            .map(|line| {
                let (from, rest) = line.split_once(" → ").unwrap();
                let to = rest.split(" (number ").next().unwrap();
                (from.to_string(), to.to_string())
            })
            .collect();
        moves.sort_by(|a, b| a.1.cmp(&b.1));
        moves
    };
    let dir = copy_tree(&corpus_root().join("opendatahub-adr"));
    let (code, _, stderr) = run(dir.path(), &["renumber"]);
    assert_eq!(code, 0, "{stderr}");
    let moves = moves_of(&stderr);
    let targets: Vec<&str> = moves
        .iter()
        .map(|(_, to)| to.split('-').nth(3).unwrap())
        .collect();
    assert_eq!(targets, ["0015", "0016", "0017", "0018"], "{stderr}");
    for (from, to) in &moves {
        assert!(from.starts_with("operator/ODH-ADR-Operator-00"), "{from}");
        assert!(to.starts_with("operator/ODH-ADR-Operator-00"), "{to}");
        let number = |name: &str| name.split('-').nth(3).unwrap().to_string();
        assert!(["0007", "0009", "0011", "0012"].contains(&number(from).as_str()));
    }

    // After `adr init`, which accepts those pairs, renumber leaves them as lint does, and
    // moves only a record that takes a used number afterwards.
    assert_eq!(run(dir.path(), &["init"]).0, 0);
    let (code, _, stderr) = run(dir.path(), &["renumber"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "nothing to renumber: the 8 records that share a number are accepted by [lint.per-file-ignores]\n"
        )
    );
    std::fs::copy(
        dir.path()
            .join("operator/ODH-ADR-Operator-0007-auth-crd.md"),
        dir.path()
            .join("operator/ODH-ADR-Operator-0007-new-decision.md"),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["renumber"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with(
            "8 records keep the number they share, as [lint.per-file-ignores] accepts\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        moves_of(&stderr),
        [(
            "operator/ODH-ADR-Operator-0007-new-decision.md".to_string(),
            "operator/ODH-ADR-Operator-0015-new-decision.md".to_string()
        )]
    );
}

#[test]
fn new_numbers_the_top_folder_of_a_log_numbered_per_folder() {
    // With the setting, and without it, where the component folders that start again at 1
    // are series of their own: the top's next number, in the top's naming, either way
    // (before, without the setting, operator's `ODH-ADR-Operator-0015-…` at the top).
    for config in [Some("dir = \".\"\nnumbering = \"per-folder\"\n"), None] {
        let dir = copy_tree(&corpus_root().join("opendatahub-adr"));
        if let Some(config) = config {
            std::fs::write(dir.path().join(".adr.toml"), config).unwrap();
        }
        let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Share one CI"]);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "ODH-ADR-0008-share-one-ci.md\n", "")
        );
    }
}

/// The `<main>` of a rendered page.
fn main_of(page: &str) -> &str {
    let start = page.find("<main").expect("a <main>");
    let end = page.find("</main>").expect("a </main>");
    &page[start..end]
}

#[test]
fn one_site_has_a_section_per_log_and_relations_across_logs() {
    let dir = monorepo();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let pages: Vec<String> = files_of(&dir.path().join("site"))
        .into_keys()
        .filter(|path| path.ends_with(".html"))
        .collect();
    assert_eq!(
        pages,
        [
            "docs/adr/0001-use-one-repository.html",
            "docs/adr/0002-build-with-one-ci-pipeline.html",
            "index.html",
            "logs/backend.html",
            "logs/frontend.html",
            "logs/platform.html",
            "relations.html",
            "services/backend/docs/adr/0001-store-orders-in-postgresql.html",
            "services/backend/docs/adr/0002-serve-an-http-api.html",
            "services/frontend/docs/adr/0001-render-on-the-client.html",
            "services/frontend/docs/adr/0002-build-the-frontend-on-its-own.html",
            "tags/index.html",
        ]
    );
    let index = read(dir.path().join("site/index.html"));
    assert!(
        main_of(&index).contains(
            "<nav class=\"logs\" aria-label=\"Logs\">\n<ul>\n\
             <li><a href=\"logs/platform.html\">platform</a> <span class=\"count\">2</span></li>\n\
             <li><a href=\"logs/backend.html\">backend</a> <span class=\"count\">2</span></li>\n\
             <li><a href=\"logs/frontend.html\">frontend</a> <span class=\"count\">2</span></li>\n\
             </ul>\n</nav>"
        ),
        "{index}"
    );
    let main = main_of(&index);
    let numbers: Vec<&str> = main
        .match_indices("<td class=\"col-number\"")
        .map(|(at, _)| {
            let cell = &main[at..];
            let start = cell.find('>').unwrap() + 1;
            &cell[start..cell.find("</td>").unwrap()]
        })
        .collect();
    assert_eq!(
        numbers,
        [
            "platform:0001",
            "platform:0002",
            "backend:0001",
            "backend:0002",
            "frontend:0001",
            "frontend:0002"
        ]
    );

    let backend = read(dir.path().join("site/logs/backend.html"));
    let backend = main_of(&backend);
    assert!(backend.contains("<h1>backend</h1>"), "{backend}");
    assert!(backend.contains(
        "<a href=\"../services/backend/docs/adr/0002-serve-an-http-api.html\">Serve an HTTP API</a>"
    ));
    assert!(!backend.contains("Render on the client"), "{backend}");

    // frontend:0002 supersedes platform:0002, across logs: the relations page shows it
    // once, from each side, and never as a record superseding itself.
    let relations = read(dir.path().join("site/relations.html"));
    let relations = main_of(&relations);
    assert!(
        relations.contains("frontend:0002") && relations.contains("platform:0002"),
        "{relations}"
    );
    let superseded = read(
        dir.path()
            .join("site/docs/adr/0002-build-with-one-ci-pipeline.html"),
    );
    assert!(
        superseded.contains("services/frontend/docs/adr/0002-build-the-frontend-on-its-own.html"),
        "the superseded record links to its successor in another log"
    );
}

#[test]
fn a_site_of_one_log_has_no_log_section() {
    let dir = monorepo();
    let (code, _, stderr) = run(dir.path(), &["--log", "backend", "render"]);
    assert_eq!(code, 0, "{stderr}");
    let site = files_of(&dir.path().join("site"));
    assert!(
        site.keys().all(|path| !path.starts_with("logs/")),
        "{:?}",
        site.keys()
    );
    let index = String::from_utf8(site["index.html"].clone()).unwrap();
    assert!(!index.contains("class=\"logs\""));
    assert!(index.contains(">0001</td>"), "{index}");
}

#[test]
fn graph_names_each_node_by_its_log_and_joins_logs() {
    let dir = monorepo();
    let (code, stdout, _) = run(dir.path(), &["graph"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(
            "flowchart TB\n    n0[\"platform:0001 Use one repository for all services\"]\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("    n5[\"frontend:0002 Build the frontend on its own\"]\n"));
    assert!(stdout.contains("    n5 ==>|supersedes| n1\n"), "{stdout}");
}

#[test]
fn status_names_a_record_of_one_log() {
    let dir = monorepo();
    let before = files_of(dir.path());
    let (code, _, stderr) = run(dir.path(), &["status", "2", "accepted"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: 0002 is a record of several logs: name one as `platform:0002`, `backend:0002`, `frontend:0002`\n"
        )
    );
    assert_eq!(files_of(dir.path()), before);
    let (code, stdout, stderr) = run(dir.path(), &["status", "backend:2", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "services/backend/docs/adr/0002-serve-an-http-api.md: draft -> accepted\n",
            ""
        )
    );
}

/// A repository with a `docs/adr` per package and no `.adr.toml`: `adr init` names each.
#[test]
fn init_finds_a_log_per_package() {
    let dir = monorepo();
    std::fs::remove_file(dir.path().join(".adr.toml")).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["init"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "created .adr.toml\n\
             log root: docs/adr\n\
             log backend: services/backend/docs/adr\n\
             log frontend: services/frontend/docs/adr\n",
            "next: adr lint\n"
        )
    );
    assert_eq!(
        read(dir.path().join(".adr.toml")),
        "# Configuration for `adr` (Architecture Decision Records), written by `adr init`\n\
         # from the logs it found: one per package. `adr --log NAME ...` works on one of them.\n\
         \n[[log]]\nname = \"root\"\ndir = \"docs/adr\"\n\
         \n[[log]]\nname = \"backend\"\ndir = \"services/backend/docs/adr\"\n\
         \n[[log]]\nname = \"frontend\"\ndir = \"services/frontend/docs/adr\"\n"
    );
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("    root:0001  accepted"), "{stdout}");
    let (code, _, stderr) = run(dir.path(), &["init"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("already exist"), "{stderr}");
}

// Review K: WayneGoosen/adr is a log4brains project whose `.log4brains.yml` names a package
// `blog` with a log of its own: every command read the project's log only, and the
// package's record was in no list, lint or site, without a word.
#[test]
fn a_log4brains_projects_packages_are_logs_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let record = |title: &str| {
        format!(
            "# {title}\n\n- Status: accepted\n- Date: 2024-04-09\n\n## Context and Problem Statement\n\nc\n\n## Decision Outcome\n\nd\n"
        )
    };
    write(
        ".log4brains.yml",
        "project:\n  name: Decisions\n  adrFolder: ./docs/adr\n  packages:\n    - name: blog\n      path: ./packages/blog\n      adrFolder: ./packages/blog/docs/adr\n",
    );
    write(
        "docs/adr/20240409-use-log4brains.md",
        &record("Use Log4brains"),
    );
    write(
        "packages/blog/docs/adr/20240421-deploy-with-astro.md",
        &record("Deploy the blog with Astro"),
    );
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "global:-  accepted  2024-04-09  Use Log4brains\n  blog:-  accepted  2024-04-09  Deploy the blog with Astro\n"
        ),
        "{stderr}"
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "--log",
            "blog",
            "new",
            "--no-edit",
            "--date",
            "2024-05-01",
            "Cache pages",
        ],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (0, "packages/blog/docs/adr/20240501-cache-pages.md\n"),
        "{stderr}"
    );
}

// Review L: marcvanandel/fds-architecture keeps every record in its log4brains packages, and
// the project's own log holds only log4brains' README: `adr index` appended "No decisions
// recorded yet" to that README. A log with no record beside logs with records gets no index
// (unless it has one already), and says so.
#[test]
fn an_empty_log_beside_logs_with_records_gets_no_index() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        ".log4brains.yml",
        "project:\n  name: FDS\n  adrFolder: ./docs/adr\n  packages:\n    - name: principles\n      path: ./packages/principles\n      adrFolder: ./packages/principles/adr\n",
    );
    let readme = "# Architecture knowledge base\n\nWelcome to log4brains.\n";
    write("docs/adr/README.md", readme);
    write(
        "packages/principles/adr/20230915-p01-data.md",
        "# P01: Data\n\n- Status: accepted\n- Date: 2023-09-15\n\n## Context and Problem Statement\n\nc\n\n## Decision Outcome\n\nd\n",
    );
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "docs/adr: no records, so no index\ncreated packages/principles/adr/README.md (1 record)\n"
        )
    );
    assert_eq!(read(dir.path().join("docs/adr/README.md")), readme);
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "docs/adr: no records, so no index\npackages/principles/adr/README.md is up to date\n"
        )
    );
}

#[test]
fn a_folder_with_a_record_0_among_the_logs_numbers_is_no_series_of_its_own() {
    // Review N, zh-billiard: `governance/` holds `ADR-0000` and 900-990, `technical/` 301-360.
    // Taken for a folder starting its own count at 0, `governance/` was left out of the
    // log's numbers: `adr new` wrote a second 907, and lint saw no clash.
    let record = |title: &str| {
        format!(
            "# {title}\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n"
        )
    };
    let dir = log_with_owned(&[
        (
            "governance/ADR-0000-architecture-tests.md".into(),
            record("Architecture tests"),
        ),
        (
            "governance/ADR-900-adr-process.md".into(),
            record("ADR process"),
        ),
        (
            "governance/ADR-907-test-governance.md".into(),
            record("Test governance"),
        ),
        (
            "governance/ADR-990-docs-roadmap.md".into(),
            record("Docs roadmap"),
        ),
        (
            "technical/ADR-301-integration-tests.md".into(),
            record("Integration tests"),
        ),
        (
            "technical/ADR-360-cicd-pipeline.md".into(),
            record("CI/CD pipeline"),
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Try the tool"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/ADR-991-try-the-tool.md\n", "")
    );
    std::fs::remove_file(dir.path().join("docs/adr/ADR-991-try-the-tool.md")).unwrap();
    std::fs::write(
        dir.path().join("docs/adr/ADR-907-second.md"),
        record("Second"),
    )
    .unwrap();
    let (code, stdout, _) = run(dir.path(), &["lint", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (code, rules_of(&document)),
        (1, vec!["number-duplicate"; 2])
    );
}
