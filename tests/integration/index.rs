//! `adr index`: the table between the README markers, created when missing, spliced into an
//! existing file byte for byte, idempotent, `--check` for CI, `--file` and `index.file`,
//! superseded and unreadable records, broken markers.

use std::path::Path;

use crate::util::{copy_tree, fixtures, log_with, read, run};

const ACCEPTED: &str =
    "---\nstatus: accepted\ndate: 2025-05-11\ntags: [api]\n---\n\n# Use Kafka | for orders\n";
const PROPOSED: &str = "# 2. Try gRPC\n\nDate: 2025-06-01\n\n## Status\n\nProposed\n";

fn readme(dir: &Path) -> String {
    read(dir.join("docs/adr/README.md"))
}

#[test]
fn index_creates_the_readme_with_every_record() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    // 0005 has broken front matter: it is listed, and the exit code says so.
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    // The same failure `adr list` reports, marked as listed.
    let (_, _, list_stderr) = run(dir.path(), &["list"]);
    let failure = list_stderr
        .lines()
        .find(|line| line.starts_with("error: docs/adr/0005-cache-responses.md:"))
        .expect("list names the failure");
    assert_eq!(
        stderr,
        format!("created docs/adr/README.md (5 records)\n{failure} (listed as `parse error`)\n")
    );
    insta::assert_snapshot!("index_site_basic", readme(dir.path()));
}

/// Review I (inovex): records named without a number are not read as records; the index of
/// the one record that is said nothing of them.
#[test]
fn index_names_the_markdown_files_it_leaves_out() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("migrate-to-pnpm.md", PROPOSED),
        ("releases-in-gitlab.md", PROPOSED),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "created docs/adr/README.md (1 record)\nwarning: 2 Markdown files in the log are not named like records and not in the index (`migrate-to-pnpm.md`, …): `adr lint` says how to name them\n"
        )
    );
}

#[test]
fn a_second_run_changes_nothing() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
    ]);
    assert_eq!(run(dir.path(), &["index"]).0, 0);
    let path = dir.path().join("docs/adr/README.md");
    let first = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "docs/adr/README.md is up to date\n")
    );
    assert_eq!(std::fs::read(&path).unwrap(), first);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn the_table_escapes_pipes_and_reads_every_style() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
    ]);
    run(dir.path(), &["index"]);
    assert_eq!(
        readme(dir.path()),
        "# Architecture Decision Records\n\n<!-- adr-index:start -->\n\n\
         | Number | Title | Status | Date | Tags |\n\
         | ---: | --- | --- | --- | --- |\n\
         | [0001](0001-use-kafka.md) | Use Kafka \\| for orders | accepted | 2025-05-11 | api |\n\
         | [0002](0002-try-grpc.md) | Try gRPC | proposed | 2025-06-01 | |\n\
         \n<!-- adr-index:end -->\n"
    );
}

#[test]
fn every_byte_outside_the_markers_is_kept() {
    let before = "# Decisions\r\n\r\nWritten by hand.\r\n\r\n<!-- adr-index:start -->\r\nstale\r\n<!-- adr-index:end -->\r\n\r\nFooter with trailing spaces   \r\n";
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED), ("README.md", before)]);
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "updated docs/adr/README.md (1 record)\n")
    );
    assert_eq!(
        readme(dir.path()),
        "# Decisions\r\n\r\nWritten by hand.\r\n\r\n<!-- adr-index:start -->\r\n\r\n\
         | Number | Title | Status | Date | Tags |\r\n\
         | ---: | --- | --- | --- | --- |\r\n\
         | [0001](0001-use-kafka.md) | Use Kafka \\| for orders | accepted | 2025-05-11 | api |\r\n\
         \r\n<!-- adr-index:end -->\r\n\r\nFooter with trailing spaces   \r\n"
    );
}

#[test]
fn a_readme_without_markers_gets_the_index_at_its_end() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("README.md", "# Our decisions\n\nSee the table."),
    ]);
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "added the index markers at the end of docs/adr/README.md (1 record)\n"
        )
    );
    assert!(readme(dir.path()).starts_with(
        "# Our decisions\n\nSee the table.\n\n<!-- adr-index:start -->\n\n| Number |"
    ));
}

#[test]
fn check_exits_1_with_a_diff_when_stale_and_writes_nothing() {
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED)]);
    run(dir.path(), &["index"]);
    std::fs::write(dir.path().join("docs/adr/0002-try-grpc.md"), PROPOSED).unwrap();
    let before = readme(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: docs/adr/README.md is out of date: run `adr index` to update it\n"
    );
    assert_eq!(
        stdout,
        "--- a/docs/adr/README.md\n\
         +++ b/docs/adr/README.md\n\
         @@ -5,5 +5,6 @@\n \
         | Number | Title | Status | Date | Tags |\n \
         | ---: | --- | --- | --- | --- |\n \
         | [0001](0001-use-kafka.md) | Use Kafka \\| for orders | accepted | 2025-05-11 | api |\n\
         +| [0002](0002-try-grpc.md) | Try gRPC | proposed | 2025-06-01 | |\n \n \
         <!-- adr-index:end -->\n"
    );
    assert_eq!(readme(dir.path()), before, "--check wrote the file");

    run(dir.path(), &["index"]);
    let (code, stdout, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "docs/adr/README.md is up to date\n")
    );
}

#[test]
fn check_fails_when_the_index_file_does_not_exist() {
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED)]);
    let (code, stdout, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("--- a/docs/adr/README.md\n+++ b/docs/adr/README.md\n@@ -0,0 +1,9 @@\n+# Architecture Decision Records\n"), "{stdout}");
    assert_eq!(
        stderr,
        "error: docs/adr/README.md does not exist: run `adr index` to create it\n"
    );
    assert!(!dir.path().join("docs/adr/README.md").exists());
    // Without a README, a log's index.md is its index (review N: DEFRA's adr-tools list
    // there went stale beside a README `adr index` made); `--file` is named back.
    std::fs::write(dir.path().join("docs/adr/index.md"), "# Decisions\n").unwrap();
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: docs/adr/index.md is out of date: run `adr index` to update it\n"
    );
    // A config naming the README is pointed at the index.md there is.
    std::fs::write(
        dir.path().join(".adr.toml"),
        "dir = \"docs/adr\"\n[index]\nfile = \"docs/adr/README.md\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: docs/adr/README.md does not exist: run `adr index` to create it, or `adr index --check --file docs/adr/index.md` if the log's index is that file\n"
    );
    std::fs::remove_file(dir.path().join(".adr.toml")).unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["index", "--check", "--file", "docs/adr/index.md"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: docs/adr/index.md is out of date: run `adr index --file docs/adr/index.md` to update it\n"
    );
}

#[test]
fn adr_logs_list_is_replaced_between_its_markers() {
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED)]);
    let index = dir.path().join("docs/adr/index.md");
    std::fs::write(
        &index,
        "# Decisions\n\n<!-- adrlog -->\n\n* [ADR-0001](0001-use-kafka.md) - Use Kafka\n\n<!-- adrlogstop -->\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["index", "--file", "docs/adr/index.md"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "updated docs/adr/index.md (1 record)\n")
    );
    // adr-log's list stays a list, in its shape (readers and tools of adr-log expect it).
    assert_eq!(
        read(&index),
        "# Decisions\n\n<!-- adrlog -->\n\n* [ADR-0001](0001-use-kafka.md) - Use Kafka \\| for orders\n\n<!-- adrlogstop -->\n"
    );
    let (code, _, stderr) = run(
        dir.path(),
        &["index", "--check", "--file", "docs/adr/index.md"],
    );
    assert_eq!(
        (code, stderr.as_str()),
        (0, "docs/adr/index.md is up to date\n")
    );
}

#[test]
fn superseded_records_link_their_successor() {
    let dir = copy_tree(&fixtures().join("logs/site-basic"));
    std::fs::remove_file(dir.path().join("docs/adr/0005-cache-responses.md")).unwrap();
    assert_eq!(run(dir.path(), &["index"]).0, 0);
    assert!(readme(dir.path()).contains(
        "| [0002](0002-store-decisions-data-in-postgresql.md) | Store decision data in PostgreSQL | superseded by [0004](0004-use-sqlite-for-local-development.md) | 2025-05-20 | database, backend |\n"
    ));
}

#[test]
fn the_file_flag_and_config_choose_where_the_index_goes() {
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED)]);
    let (code, _, stderr) = run(dir.path(), &["index", "--file", "DECISIONS.md"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "created DECISIONS.md (1 record)\n")
    );
    assert!(
        read(dir.path().join("DECISIONS.md")).contains("| [0001](docs/adr/0001-use-kafka.md) |")
    );
    assert!(!dir.path().join("docs/adr/README.md").exists());

    std::fs::create_dir_all(dir.path().join("docs/other")).unwrap();
    std::fs::write(
        dir.path().join(".adr.toml"),
        "[index]\nfile = \"docs/other/index.md\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "created docs/other/index.md (1 record)\n")
    );
    assert!(
        read(dir.path().join("docs/other/index.md"))
            .contains("| [0001](../adr/0001-use-kafka.md) |")
    );
}

#[test]
fn broken_markers_are_an_error_naming_file_and_line() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("README.md", "# Log\n\n<!-- adr-index:start -->\n| old |\n"),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("docs/adr/README.md:3: `<!-- adr-index:start -->` has no `<!-- adr-index:end -->` after it: add the end marker on a line of its own, or remove the start marker"),
        "{stderr}"
    );
    assert_eq!(
        readme(dir.path()),
        "# Log\n\n<!-- adr-index:start -->\n| old |\n",
        "the file was changed"
    );
}

#[cfg(unix)]
#[test]
fn the_index_keeps_the_readme_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED), ("README.md", "# Log\n")]);
    let path = dir.path().join("docs/adr/README.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(run(dir.path(), &["index"]).0, 0);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn links_to_records_with_a_hash_percent_or_space_in_their_name_lead_to_them() {
    let dir = log_with(&[
        ("0001-use-#-as-indicator.md", ACCEPTED),
        ("0002-reach-100%.md", PROPOSED),
        ("0003-my decision.md", PROPOSED),
    ]);
    assert_eq!(run(dir.path(), &["index"]).0, 0);
    let readme = readme(dir.path());
    for link in [
        "](0001-use-%23-as-indicator.md)",
        "](0002-reach-100%25.md)",
        "](<0003-my decision.md>)",
    ] {
        assert!(readme.contains(link), "{link} in:\n{readme}");
    }
    // Each link names its record for lint too.
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--rule", "link-broken"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        !format!("{stdout}{stderr}").contains("link-broken"),
        "{stdout}{stderr}"
    );
}

// Without `--file`, the index goes where the log keeps one: adr-log's `index.md`, or a
// README named in lower case. `adr index` wrote a second README beside either (one file on
// macOS and Windows, two on Linux), and left adr-log's list stale.
#[test]
fn the_index_goes_to_the_file_the_log_keeps_it_in() {
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED)]);
    let log = dir.path().join("docs/adr");
    std::fs::write(
        log.join("index.md"),
        "# Decisions\n\n<!-- adrlog -->\n\n* [ADR-0001](0001-use-kafka.md) - Use Kafka\n\n<!-- adrlogstop -->\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "updated docs/adr/index.md (1 record)\n")
    );
    assert!(!log.join("README.md").exists());

    std::fs::remove_file(log.join("index.md")).unwrap();
    std::fs::write(log.join("readme.md"), "# Decisions\n").unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "added the index markers at the end of docs/adr/readme.md (1 record)\n"
        )
    );
    let names: Vec<String> = std::fs::read_dir(&log)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.eq_ignore_ascii_case("readme.md"))
        .collect();
    assert_eq!(names, ["readme.md"]);
    assert!(read(log.join("readme.md")).contains("<!-- adr-index:start -->"));
}

// MyMove's adr-log list writes titles in Markdown (``Use `data-testid` ``, a link): they
// were written again as plain text, and `--check` called the current list out of date.
#[test]
fn an_adr_log_line_with_the_title_in_markdown_is_kept_as_written() {
    let testid =
        "---\nstatus: accepted\n---\n# Use `data-testid` for [tests](https://example.org)\n";
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-use-testid.md", testid),
    ]);
    let written = "# Decisions\n\n<!-- adrlog -->\n\n- [ADR-0001](0001-use-kafka.md) - _Use Kafka \\| for orders_\n- [ADR-0002](0002-use-testid.md) - Use `data-testid` for [tests](https://example.org)\n\n<!-- adrlogstop -->\n";
    std::fs::write(dir.path().join("docs/adr/README.md"), written).unwrap();
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "docs/adr/README.md is up to date\n")
    );
    // A title that changed is written anew, the other line kept.
    std::fs::write(
        dir.path().join("docs/adr/0001-use-kafka.md"),
        ACCEPTED.replace("# Use Kafka | for orders", "# Use Kafka"),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        readme(dir.path()),
        written.replace(
            "- [ADR-0001](0001-use-kafka.md) - _Use Kafka \\| for orders_",
            "- [ADR-0001](0001-use-kafka.md) - Use Kafka"
        )
    );
}

// A README that lists the records by hand, without markers (adr-tools' `generate toc`,
// Zooniverse, a Chinese log), got a table appended under its list: every record twice.
#[test]
fn a_list_kept_by_hand_is_the_index_and_gets_no_second_one() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
    ]);
    let written =
        "# 决策\n\n* [1. 使用 Kafka](0001-use-kafka.md)\n* [2. 试用 gRPC](0002-try-grpc.md)\n";
    std::fs::write(dir.path().join("docs/adr/README.md"), written).unwrap();
    let up_to_date = "docs/adr/README.md is up to date: its list (lines 3-4) names every record. It is kept by hand: to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n";
    for args in [&["index", "--check"][..], &["index"][..]] {
        let (code, stdout, stderr) = run(dir.path(), args);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "", up_to_date)
        );
    }
    assert_eq!(readme(dir.path()), written);
    std::fs::write(
        dir.path().join("docs/adr/0003-use-redis.md"),
        PROPOSED.replace("2. Try gRPC", "3. Use Redis"),
    )
    .unwrap();
    let message = "docs/adr/README.md:3: the list of records kept by hand here (lines 3-4) leaves out `0003-use-redis.md`: list it there, or, to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n";
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!((code, stderr), (1, format!("error: {message}")));
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!((code, stderr), (2, format!("error: {message}")));
    assert_eq!(readme(dir.path()), written);
    // Prose naming a record is no list: the index goes at the end, between markers.
    let dir = log_with(&[("0001-use-kafka.md", ACCEPTED)]);
    let prose = "# Decisions\n\nStart with [the first one](0001-use-kafka.md).\n";
    std::fs::write(dir.path().join("docs/adr/README.md"), prose).unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "added the index markers at the end of docs/adr/README.md (1 record)\n"
        )
    );
    assert!(readme(dir.path()).starts_with(prose));
    // A README's example of the log's naming names no record (review N, zh-hile: "the list
    // … leaves out 0003 and 0004"); a file named in code, as it is, does.
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
    ]);
    let examples = "# ADR\n\n建议命名：\n\n- `0001-xxx.md`\n- `0002-xxx.md`\n";
    std::fs::write(dir.path().join("docs/adr/README.md"), examples).unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "added the index markers at the end of docs/adr/README.md (2 records)\n"
        )
    );
    assert!(readme(dir.path()).starts_with(examples));
    let named = "# ADR\n\n- `0001-use-kafka.md`\n- `0002-try-grpc.md`\n";
    std::fs::write(dir.path().join("docs/adr/README.md"), named).unwrap();
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!((code, stderr), (0, up_to_date.to_string()));
}

// Review J. A project README listing the records by their pages on GitHub, in a list nested
// under another (f0rw4rd-dev/sb-final-project), got a table appended: every record twice.
// An adr-tools table of contents whose links went stale when records were renamed
// (evencycu/go-project-template) got one too, once fewer than half its links led anywhere.
// And a table's span started below its header and ran on into a list of decisions deferred
// (juliantorres92/bike-rental-system): markers put where it said broke the file.
#[test]
fn a_list_kept_by_hand_is_read_through_forge_links_renamed_records_and_table_headers() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
    ]);
    let readme_path = dir.path().join("docs/adr/README.md");
    let on_github = "# Проект\n\n1. [Цели](https://github.com/acme/sport/blob/main/goals.md)\n2. Список ADR\n    1. [Kafka](https://github.com/acme/sport/blob/main/docs/adr/0001-use-kafka.md)\n    2. [gRPC](https://github.com/acme/sport/blob/main/docs/adr/0002-try-grpc.md)\n3. [Стоимость](https://github.com/acme/sport/blob/main/costs.md)\n";
    std::fs::write(&readme_path, on_github).unwrap();
    let up_to_date = |lines: &str| {
        format!(
            "docs/adr/README.md is up to date: its list ({lines}) names every record. It is kept by hand: to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n"
        )
    };
    let (code, stdout, stderr) = run(dir.path(), &["index"]);
    assert_eq!(
        (code, stdout.as_str(), stderr),
        (0, "", up_to_date("lines 5-6"))
    );
    assert_eq!(readme(dir.path()), on_github);

    let renamed =
        "# Decisions\n\n* [1. Use Kafka](0001-use-kafka.md)\n* [2. Try gRPC](0002-grpc.md)\n";
    std::fs::write(&readme_path, renamed).unwrap();
    let message = "docs/adr/README.md:3: the list of records kept by hand here (lines 3-4) links files that are not there: `0002-grpc.md` (the record is `0002-try-grpc.md`): mend the links, or, to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n";
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!((code, stderr), (1, format!("error: {message}")));
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!((code, stderr), (2, format!("error: {message}")));
    assert_eq!(readme(dir.path()), renamed);

    let table = "# ADR\n\n## Índice\n\n| ADR | Título |\n|---|---|\n| [0001](0001-use-kafka.md) | Kafka |\n| [0002](0002-try-grpc.md) | gRPC |\n\n## Diferidas\n\n- ~~Enums~~: resuelto en [ADR-0002](0002-try-grpc.md).\n- Despliegue: más adelante.\n";
    std::fs::write(&readme_path, table).unwrap();
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!((code, stderr), (0, up_to_date("lines 5-8")));
}

// Review K. Nikovsky/Harcerski-System-Stopni's README names its records by number without
// links (`- 0001 Modularny monolit`), and cameronraysmith/vanixiets' `index.md` links them
// by their Starlight page addresses (`0017-slug/`): `adr index` appended a table to each,
// every record twice.
#[test]
fn a_list_kept_by_hand_names_records_by_number_or_by_page_address() {
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
    ]);
    let readme_path = dir.path().join("docs/adr/README.md");
    let up_to_date = "docs/adr/README.md is up to date: its list (lines 5-6) names every record. It is kept by hand: to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n";
    for list in [
        "# ADR\n\nKażda decyzja ma ADR.\n\n- 0001 Use Kafka\n- 0002 Try gRPC\n",
        "# ADRs\n\nBy theme:\n\n- [ADR-0001: Use Kafka](0001-use-kafka/)\n- [ADR-0002: Try gRPC](./0002-try-grpc/)\n",
    ] {
        std::fs::write(&readme_path, list).unwrap();
        let (code, stdout, stderr) = run(dir.path(), &["index"]);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "", up_to_date)
        );
        assert_eq!(readme(dir.path()), list);
    }
    // A list of other things that start with numbers names no record.
    let plans = "# Plans\n\n- 1 week sprints\n- 2 reviews a month\n";
    std::fs::write(&readme_path, plans).unwrap();
    let (code, _, _) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 1, "the README lists no record: it is out of date");
}

// Review K: tytsxai/exchange-platform keeps its index as `ADR-000-索引.md` (索引: index),
// beside `ADR-001-…`. It was read as record 0 (linted, listed, put in a new README's
// table), and `adr index` created a README instead of reading the list it keeps.
#[test]
fn an_index_named_like_record_zero_is_the_logs_index_and_no_record() {
    let index =
        "# ADR 索引\n\n- [ADR-001 Kafka](0001-use-kafka.md)\n- [ADR-002 gRPC](0002-try-grpc.md)\n";
    let dir = log_with(&[
        ("0001-use-kafka.md", ACCEPTED),
        ("0002-try-grpc.md", PROPOSED),
        ("ADR-000-索引.md", index),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    assert_eq!(code, 0);
    let listed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let numbers: Vec<u64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2]);
    let (code, stdout, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "docs/adr/ADR-000-索引.md is up to date: its list (lines 3-4) names every record. It is kept by hand: to let `adr index` keep the list, put `<!-- adr-index:start -->` and `<!-- adr-index:end -->` around it\n"
        )
    );
    assert!(!dir.path().join("docs/adr/README.md").exists());
}
