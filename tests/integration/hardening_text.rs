//! Issue #13, text and edits: names and values in any script never crash a command, and
//! every rewrite is proven before it is written (it reads back, nothing else changes, a
//! shape that cannot be edited safely is refused and left untouched, fixes converge).

use crate::util::{log_with, read, run};

const KELVIN: char = '\u{212A}';

fn record_path(dir: &tempfile::TempDir, name: &str) -> std::path::PathBuf {
    dir.path().join("docs/adr").join(name)
}

// Issue #13: `parse_dated` sliced a file name at byte 10, inside a Chinese character, and
// every command that read the log died.
#[test]
fn issue_13_chinese_file_names_load_in_every_command() {
    let dir = log_with(&[
        (
            "0019-添加-e2e-测试.md",
            "---\nstatus: accepted\ndate: 2024-01-02\n---\n# 添加 e2e 测试\n\n见 [x](0001-测试x.md)。\n",
        ),
        (
            "0001-测试x.md",
            "---\nstatus: proposed\ndate: 2024-01-01\n---\n# 测试\n\n内容。\n",
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "0001  proposed  2024-01-01  测试\n0019  accepted  2024-01-02  添加 e2e 测试\n"
    );
    for args in [
        &["lint"][..],
        &["index", "--check"],
        &["graph"],
        &["export"],
    ] {
        let (code, _, stderr) = run(dir.path(), args);
        assert!(code == 0 || code == 1, "{args:?}: {code} {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let (code, stdout, stderr) = run(dir.path(), &["status", "19", "deprecated"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "docs/adr/0019-添加-e2e-测试.md: accepted -> deprecated\n"
    );
}

// Issue #13: an offset found in a `to_lowercase()` copy sliced the original status, and the
// Kelvin sign (three bytes, lowercased to one) panicked.
#[test]
fn issue_13_kelvin_sign_in_a_status_and_a_chosen_option() {
    let text = format!(
        "---\nstatus: superseded {KELVIN}\ndate: 2024-01-01\n---\n# T\n\n## Decision Outcome\n\nChosen option: {KELVIN}{KELVIN}, because x\n"
    );
    let dir = log_with(&[("0001-t.md", &text)]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0001  superseded  2024-01-01  T\n"),
        "{stderr}"
    );
    let (code, _, stderr) = run(dir.path(), &["lint"]);
    assert!(code <= 1 && !stderr.contains("panicked"), "{stderr}");
}

// Issue #13: a status in a metadata-table cell with markup was not found in the line, the
// span fell back to offset 0, and `adr status` wrote `acceptedd** by the team |`.
#[test]
fn issue_13_status_in_a_table_cell_with_markup_is_replaced_whole() {
    let text = "# 1. T\n\n| Key | Value |\n|---|---|\n| Status | **Proposed** by the team |\n| Date | 2024-01-01 |\n\n## Context\n\nx\n";
    let dir = log_with(&[("0001-t.md", text)]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "docs/adr/0001-t.md: Proposed by the team -> Accepted\n"
    );
    assert_eq!(
        read(record_path(&dir, "0001-t.md")),
        text.replace("**Proposed** by the team", "Accepted")
    );
}

/// Each YAML shape of `status` that one span replacement cannot change safely, with the
/// words of the refusal.
const UNEDITABLE_STATUS_SHAPES: &[(&str, &str)] = &[
    ("status: >\n  accepted\n", "a YAML block scalar"),
    ("status: |\n  accepted\n", "a YAML block scalar"),
    (
        "status:\n  accepted\n",
        "written on the lines below its key",
    ),
    ("status: &a accepted\nother: *a\n", "a YAML anchor"),
    ("base: &b proposed\nstatus: *b\n", "a YAML alias"),
    ("? status\n: accepted\n", "a complex key"),
    ("status: [accepted, proposed]\n", "not a single value"),
    ("status:\n  kind: accepted\n", "not a single value"),
    ("status: !!str accepted\n", "a tagged YAML value"),
    (
        "status: accepted\n  by the team\n",
        "a value continued on the next line",
    ),
];

// Issue #13: valid YAML shapes of `status` had the key renamed, the status lost, the front
// matter made invalid or a second `status:` inserted, with exit 0.
#[test]
fn issue_13_status_shapes_that_cannot_be_edited_are_refused_untouched() {
    for (yaml, refusal) in UNEDITABLE_STATUS_SHAPES {
        let text = format!("---\n{yaml}date: 2024-01-01\n---\n# T\n\nBody.\n");
        let dir = log_with(&[("0001-t.md", &text)]);
        let (code, stdout, stderr) = run(dir.path(), &["status", "1", "rejected"]);
        assert_eq!(code, 2, "{yaml:?}: {stdout}{stderr}");
        assert!(
            stderr.contains(refusal) && stderr.contains("0001-t.md:"),
            "{yaml:?}: {stderr}"
        );
        assert!(
            stderr.contains("write it as one line, `status: <value>`"),
            "{stderr}"
        );
        assert_eq!(read(record_path(&dir, "0001-t.md")), text, "{yaml:?}");
    }
}

// Issue #13: a null status (`status:`, `~`, `null`) got a second `status:` key inserted
// above it, which made the front matter invalid.
#[test]
fn issue_13_null_status_is_filled_in_place() {
    for (yaml, expected) in [
        ("status: ~\n", "status: rejected\n"),
        ("status: null\n", "status: rejected\n"),
        ("status:\n", "status: rejected\n"),
        ("status: # to do\n", "status: rejected # to do\n"),
    ] {
        let text = format!("---\n{yaml}date: 2024-01-01\n---\n# T\n\nBody.\n");
        let dir = log_with(&[("0001-t.md", &text)]);
        let (code, stdout, stderr) = run(dir.path(), &["status", "1", "rejected"]);
        assert_eq!(code, 0, "{yaml:?}: {stderr}");
        assert_eq!(stdout, "docs/adr/0001-t.md: (none) -> rejected\n");
        assert_eq!(
            read(record_path(&dir, "0001-t.md")),
            text.replace(yaml, expected)
        );
    }
}

// Issue #13: `adr new --supersedes` created the new record and then failed on the old one,
// leaving half the change made.
#[test]
fn issue_13_new_supersedes_refuses_before_creating_anything() {
    let old = "---\nstatus: >\n  accepted\ndate: 2024-01-01\n---\n# Old\n\nBody.\n";
    let dir = log_with(&[("0001-old.md", old)]);
    let (code, _, stderr) = run(
        dir.path(),
        &["new", "--no-edit", "--supersedes", "1", "New way"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("a YAML block scalar"), "{stderr}");
    assert_eq!(read(record_path(&dir, "0001-old.md")), old);
    assert!(!record_path(&dir, "0002-new-way.md").exists());
}

// Issue #13: with a superseding record that ends inside an unclosed code fence, every
// `lint --fix` appended eight more "This decision supersedes …" lines and exited 0.
#[test]
fn issue_13_a_fix_that_does_not_take_effect_is_undone() {
    let old = "---\nstatus: superseded by [ADR-0002](0002-b.md)\ndate: 2024-01-01\n---\n# A\n\n## Context and Problem Statement\n\nx\n";
    let new = "---\nstatus: accepted\ndate: 2024-01-01\n---\n# B\n\n## Context and Problem Statement\n\nx\n\n```\ncode\n";
    let dir = log_with(&[("0001-a.md", old), ("0002-b.md", new)]);
    for _ in 0..2 {
        let (_, _, stderr) = run(
            dir.path(),
            &["lint", "--fix", "--rule", "supersede-not-reciprocal"],
        );
        assert_eq!(
            stderr,
            "not fixed docs/adr/0002-b.md: the `supersede-not-reciprocal` fix (added a link back to `0001-a.md`) did not take effect, so it was undone: fix it by hand\n"
        );
        assert_eq!(read(record_path(&dir, "0001-a.md")), old);
        assert_eq!(read(record_path(&dir, "0002-b.md")), new);
    }
}

// Issue #13: `4294967295-x.md` + 1 wrapped to `0000000000-….md`.
#[test]
fn issue_13_the_last_number_is_an_error_not_a_wrap() {
    let dir = log_with(&[(
        "4294967295-last.md",
        "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Last\n",
    )]);
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Next"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: the log already has record number 4294967295, the largest `adr` can number: renumber the log (`adr renumber`) first\n"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path().join("docs/adr"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["4294967295-last.md"]);
}

// Issue #13: a title with a newline was accepted; its second line became body text.
#[test]
fn issue_13_titles_with_control_characters_are_refused() {
    let dir = log_with(&[]);
    for title in ["Two\nlines", "Tab\there", "Bell\u{7}"] {
        let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", title]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{title:?}");
        assert!(
            stderr.starts_with("error: the title contains a control character (")
                && stderr.ends_with(
                    "): write the title on one line, without tabs or control characters\n"
                ),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("docs/adr"))
            .unwrap()
            .count(),
        0
    );
}

// Issue #13: `adr index` must prove the new file splices to itself before writing it.
#[test]
fn issue_13_index_with_a_marker_in_a_title_reads_back() {
    let dir = log_with(&[(
        "0001-t.md",
        "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Markers <!-- adr-index:end --> in a title\n",
    )]);
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["index", "--check"]);
    assert_eq!(code, 0, "{stderr}");
}

// Issue #13: a log with names and titles in eight languages went through every command
// that reads or rewrites records, with no panic and the changes each command promises.
#[test]
fn issue_13_a_thousand_record_unicode_log_through_every_command() {
    use crate::generate::{Generator, Style};
    let (dir, generated) = Generator::new(1000)
        .style(Style::Mixed)
        .unicode(true)
        .seed(13)
        .project();
    let non_ascii = generated
        .names
        .iter()
        .filter(|name| !name.is_ascii())
        .count();
    assert!(non_ascii > 300, "{non_ascii} non-ASCII names");
    let log = dir.path().join("docs/adr");
    let ok = |args: &[&str], codes: &[i32]| {
        let (code, stdout, stderr) = run(dir.path(), args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(codes.contains(&code), "{args:?}: exit {code}: {stderr}");
        stdout
    };
    let listed = ok(&["list", "--format", "json"], &[0]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1000));
    ok(&["lint"], &[0, 1]);
    ok(&["render", "-o", "site"], &[0]);
    assert!(dir.path().join("site/index.html").exists());
    // The first record with a non-ASCII name: its status changes and nothing else does.
    let (at, name) = generated
        .names
        .iter()
        .enumerate()
        .find(|(_, name)| !name.is_ascii())
        .unwrap();
    let number = (at + 1).to_string();
    let before = read(log.join(name));
    let mut stdout = ok(&["status", &number, "deprecated"], &[0]);
    if stdout.is_empty() {
        // It was deprecated already ("status is already …" on stderr).
        stdout = ok(&["status", &number, "rejected"], &[0]);
    }
    assert!(
        stdout.starts_with(&format!("docs/adr/{name}: ")),
        "{stdout}"
    );
    let after = read(log.join(name));
    assert_ne!(before, after);
    let changed_lines = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed_lines, 1, "{before}\n---\n{after}");
    let created = ok(&["new", "--no-edit", "Über die Größe: 大規模なログ"], &[0]);
    // The log names records in their own scripts, so the new one is too.
    assert_eq!(created, "docs/adr/1001-über-die-größe-大規模なログ.md\n");
    ok(&["migrate"], &[0, 1]);
    ok(&["renumber"], &[0, 1]);
    ok(&["index"], &[0]);
    ok(&["index", "--check"], &[0]);
}

// Issue #13 (found on the Unicode log): `adr list` padded titles by characters, so every
// column after a CJK title (two terminal columns a character) was pushed right.
#[test]
fn issue_13_list_aligns_columns_after_wide_titles() {
    let dir = log_with(&[
        (
            "0001-测试.md",
            "---\nstatus: accepted\ndate: 2024-01-01\ntags: [db]\n---\n# 使用测试数据库\n",
        ),
        (
            "0002-test.md",
            "---\nstatus: proposed\ndate: 2024-01-02\ntags: [ops]\n---\n# Use a test database\n",
        ),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "0001  accepted  2024-01-01  使用测试数据库        db\n\
         0002  proposed  2024-01-02  Use a test database   ops\n"
    );
}

// Issue #13: the bounded-memory claim holds for every command that parses a whole record,
// not only render: an 8 MiB record holding a 2,000 x 2,000 table made lint, export, graph
// and status hold 500 MB (a parse node per cell) and search 600 MB (every token at once).
#[test]
fn issue_13_a_huge_table_record_stays_in_bounded_memory_in_every_command() {
    let columns = 2000;
    let row = format!("|{}\n", "x|".repeat(columns));
    let mut text = String::from(
        "---\nstatus: accepted\ndate: 2025-01-01\n---\n# Big table\n\n## Context and Problem Statement\n\n",
    );
    text.push_str(&format!("|{}\n", "h|".repeat(columns)));
    text.push_str(&format!("|{}\n", "-|".repeat(columns)));
    for at in 0..2000 {
        if at == 1500 {
            // A link deep in the table is still seen (and this one is broken).
            text.push_str(&format!(
                "|[gone](0009-gone.md)|{}\n",
                "x|".repeat(columns - 1)
            ));
        } else {
            text.push_str(&row);
        }
    }
    assert!(text.len() < 8 * 1024 * 1024, "{}", text.len());
    let dir = log_with(&[("0001-big-table.md", &text)]);
    for args in [
        &["lint", "--format", "json"][..],
        &["export"],
        &["graph"],
        &["search", "x"],
        &["status", "1", "deprecated"],
    ] {
        let (output, peak) = crate::util::run_measuring_memory(dir.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {stderr}"
        );
        if args[0] == "lint" {
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                stdout.contains("link target `0009-gone.md` does not exist"),
                "{stdout}"
            );
        }
        if let Some(kilobytes) = peak {
            assert!(kilobytes < 512 * 1024, "{args:?}: peak RSS {kilobytes} KB");
        }
    }
}

// Issue #13: fixes converge on real logs too: after one `lint --fix`, a second one changes
// no byte of any corpus.
#[test]
fn issue_13_lint_fix_converges_on_every_corpus() {
    for name in crate::util::corpus_names() {
        let project = crate::util::copy_tree(&crate::util::corpus_root().join(&name));
        let (code, _, stderr) = run(project.path(), &["--dir", ".", "lint", "--fix"]);
        assert!(matches!(code, 0 | 1), "{name}: {stderr}");
        let after_first = crate::util::files_of(project.path());
        let (code, _, stderr) = run(project.path(), &["--dir", ".", "lint", "--fix"]);
        assert!(matches!(code, 0 | 1), "{name}: {stderr}");
        assert!(
            !stderr.lines().any(|line| line.starts_with("fixed ")),
            "{name}: a second --fix still fixed: {stderr}"
        );
        assert!(
            after_first == crate::util::files_of(project.path()),
            "{name}: a second --fix changed files"
        );
    }
}

// REUSE puts its `<!-- SPDX-License-Identifier: … -->` header above the front matter
// (ethersync): the YAML was read as a heading, every status and date was lost, and the
// lint was fourteen false warnings. A status edit keeps the header.
#[test]
fn front_matter_under_a_licence_comment_is_read_and_edited_in_place() {
    let text = "<!--\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use X\n\n## Context and Problem Statement\n\nWe need X.\n\n## Considered Options\n\n* X\n* Y\n\n## Decision Outcome\n\nChosen option: \"X\", because it is there.\n";
    let dir = log_with(&[("0001-use-x.md", text)]);
    let (code, stdout, stderr) = run(dir.path(), &["lint"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n", "")
    );
    let (code, stdout, _) = run(dir.path(), &["status", "1", "deprecated"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/0001-use-x.md: accepted -> deprecated\n")
    );
    assert_eq!(
        read(record_path(&dir, "0001-use-x.md")),
        text.replace("status: accepted", "status: deprecated")
    );
}

// Front matter added on top of an adr-tools record, its `## Status` section kept
// (Brighter): `adr status` changed the front matter only, and the body went on saying
// `Proposed`. Both are rewritten, each in its own form.
#[test]
fn a_status_change_rewrites_the_status_the_body_restates() {
    let text = "---\nstatus: proposed\ndate: 2024-01-01\n---\n\n# 1. Use X\n\n## Status\n\nProposed\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
    let dir = log_with(&[("0001-use-x.md", text)]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(
        read(record_path(&dir, "0001-use-x.md")),
        text.replace("status: proposed", "status: accepted")
            .replace("\nProposed\n", "\nAccepted\n")
    );
    let (code, stdout, _) = run(dir.path(), &["lint", "--rule", "status-conflict"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n")
    );
}

// A log written with CR LF line endings (EBI BioSamples) got new records with LF only:
// a diff of the log then shows every line of them changed on the next Windows save.
#[test]
fn a_new_record_takes_the_logs_line_endings() {
    let text = "# 1. Record architecture decisions\r\n\r\nDate: 2020-01-12\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n\r\nc\r\n\r\n## Decision\r\n\r\nd\r\n\r\n## Consequences\r\n\r\ne\r\n";
    let dir = log_with(&[("0001-record-architecture-decisions.md", text)]);
    let (code, stdout, stderr) = run(dir.path(), &["new", "--no-edit", "Use", "Kafka"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/0002-use-kafka.md\n", "")
    );
    let written = read(record_path(&dir, "0002-use-kafka.md"));
    assert!(
        written.starts_with("# 2. Use Kafka\r\n\r\nDate: "),
        "{written:?}"
    );
    assert_eq!(
        written.matches('\n').count(),
        written.matches("\r\n").count(),
        "{written:?}"
    );
}

// A status written as a badge (DfE's buy-for-your-school) was replaced by a plain word
// when set to what it already said, and the command reported a change.
#[test]
fn setting_the_status_a_badge_already_shows_changes_nothing() {
    let text = "# 1. Use X\n\nDate: 2021-01-01\n\n## Status\n\n![Accepted](https://img.shields.io/badge/adr-accepted-green)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
    let dir = log_with(&[("0001-use-x.md", text)]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "docs/adr/0001-use-x.md: status is already `![Accepted](https://img.shields.io/badge/adr-accepted-green)`: nothing changed\n"
        )
    );
    assert_eq!(read(record_path(&dir, "0001-use-x.md")), text);
}

// A status in emphasis in a `## Status` section (`**Approved**`, EdgeX and CometBFT) was read
// without its closing marker, and `adr status` wrote `**Deprecated`: an emphasis left open
// that turns the rest of the record bold. Every shape a status takes keeps its emphasis
// whole; a note after it on the line (`by TSC vote on …`) goes with the old status.
#[test]
fn a_status_edit_keeps_the_statuss_emphasis_whole() {
    let nygard = |status: &str| {
        format!(
            "# 1. Use X\n\nDate: 2021-01-01\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
        )
    };
    let cases = [
        (nygard("**Approved**"), nygard("**Deprecated**")),
        (nygard("_Accepted_"), nygard("_Deprecated_")),
        (nygard("* *Proposed*"), nygard("* *Deprecated*")),
        (
            nygard("**Approved** by TSC Vote on 4/28/22"),
            nygard("**Deprecated**"),
        ),
        (
            nygard("** Approved ** via TSC vote on 2021-12-14"),
            nygard("** Deprecated **"),
        ),
        (
            "# Use X\n\n* Status: **Accepted**\n* Date: 2021-01-01\n\n## Context and Problem Statement\n\nc\n".to_string(),
            "# Use X\n\n* Status: **Deprecated**\n* Date: 2021-01-01\n\n## Context and Problem Statement\n\nc\n".to_string(),
        ),
        (
            "# Use X\n\n* Status:**Accepted**\n* Date: 2021-01-01\n\n## Context and Problem Statement\n\nc\n".to_string(),
            "# Use X\n\n* Status:**Deprecated**\n* Date: 2021-01-01\n\n## Context and Problem Statement\n\nc\n".to_string(),
        ),
        (
            "# Use X\n\n- **Status:** **Accepted**\n- **Date:** 2021-01-01\n\n## Context and Problem Statement\n\nc\n".to_string(),
            "# Use X\n\n- **Status:** **Deprecated**\n- **Date:** 2021-01-01\n\n## Context and Problem Statement\n\nc\n".to_string(),
        ),
        (
            "# Use X\n\n| Status | **Proposed** |\n|---|---|\n| Date | 2021-01-01 |\n\n## Context\n\nc\n".to_string(),
            "# Use X\n\n| Status | **Deprecated** |\n|---|---|\n| Date | 2021-01-01 |\n\n## Context\n\nc\n".to_string(),
        ),
        // A badge before the emphasis (`**Durum:** ✅ **Accepted**`, alidurmus/collective-memory)
        // tells the old status: it goes with it, and the emphasis stays.
        (
            "# Use X\n\n**Date:** 2021-01-01  \n**Status:** ✅ **Accepted**\n\n## Context\n\nc\n".to_string(),
            "# Use X\n\n**Date:** 2021-01-01  \n**Status:** **Deprecated**\n\n## Context\n\nc\n".to_string(),
        ),
        (
            "# Use X\n\n- Status: ⚠️ **Proposed** by the team\n- Date: 2021-01-01\n\n## Context\n\nc\n".to_string(),
            "# Use X\n\n- Status: **Deprecated**\n- Date: 2021-01-01\n\n## Context\n\nc\n".to_string(),
        ),
        (
            "# Use X\n\n* Status: 🟢 Accepted\n* Date: 2021-01-01\n\n## Context\n\nc\n".to_string(),
            "# Use X\n\n* Status: Deprecated\n* Date: 2021-01-01\n\n## Context\n\nc\n".to_string(),
        ),
    ];
    for (before, after) in cases {
        let dir = log_with(&[("0001-use-x.md", &before)]);
        let (code, stdout, stderr) = run(dir.path(), &["status", "1", "deprecated"]);
        assert_eq!(code, 0, "{before}\n{stderr}");
        // The message names the status as the record now writes it.
        assert!(
            stdout.ends_with(" -> Deprecated\n") || stderr.ends_with(" -> Deprecated\n"),
            "{stdout}{stderr}"
        );
        assert_eq!(read(record_path(&dir, "0001-use-x.md")), after, "{before}");
    }
}

// CometBFT's template quotes its guidance under `## Status` (`> A decision may be
// "proposed" if …`) above the list of choices: the quote was read as the status (lint
// offered to declare the sentence as one) and `adr status` replaced the quote, keeping
// the list of choices. The list is the status left unwritten: lint says so, and
// `adr status` writes the status in its place.
#[test]
fn a_quoted_guidance_is_no_status_and_the_list_of_choices_takes_the_status() {
    let text = "# ADR 001: Use X\n\n## Status\n\n> A decision may be \"proposed\" if not agreed yet, or \"accepted\" once agreed.\n\n{Deprecated|Proposed|Accepted}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n";
    let dir = log_with(&[("0001-use-x.md", text)]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with("error[status-invalid]: status `{Deprecated|Proposed|Accepted}` is the template's list of choices\n --> docs/adr/0001-use-x.md:7:1\n"),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/0001-use-x.md: {Deprecated|Proposed|Accepted} -> Accepted\n",
            ""
        )
    );
    assert_eq!(
        read(record_path(&dir, "0001-use-x.md")),
        text.replace("{Deprecated|Proposed|Accepted}", "Accepted")
    );
    // A short quote naming a status is the status.
    let quoted = "# 2. Use Y\n\n## Status\n\n> Accepted\n\n## Context\n\nc\n";
    let dir = log_with(&[("0002-use-y.md", quoted)]);
    let (code, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"status\": \"accepted\""), "{stdout}");
}

// Kuma's records name what they supersede by the URL of its file on GitHub (`Supersedes:
// https://github.com/…/blob/master/…/0001-old.md`): it was not read, lint reported the
// supersession as one-sided, and `lint --fix` appended a second `Supersedes` line.
#[test]
fn a_supersession_named_by_the_records_url_on_a_forge_is_read() {
    let old = "# Old\n\n* Status: superseded by [ADR-0002](0002-new.md)\n\n## Context and Problem Statement\n\nc\n";
    let new = "# New\n\n* Status: accepted\n\nSupersedes: https://github.com/o/r/blob/master/docs/adr/0001-old.md\n\n## Context and Problem Statement\n\nc\n";
    let linked = "# Newer\n\n* Status: accepted\n\nSupersedes [the old one](https://gitlab.com/o/r/-/blob/main/docs/adr/0001-old.md#context).\n\n## Context and Problem Statement\n\nc\n";
    for second in [new, linked] {
        let dir = log_with(&[("0001-old.md", old), ("0002-new.md", second)]);
        let (code, stdout, _) = run(
            dir.path(),
            &["lint", "--rule", "supersede-not-reciprocal", "--fix"],
        );
        assert_eq!(
            (code, stdout.as_str()),
            (0, "0 errors, 0 warnings in 2 files\n"),
            "{second}"
        );
        assert_eq!(read(record_path(&dir, "0002-new.md")), second);
        let (_, stdout, _) = run(dir.path(), &["list", "--format", "json"]);
        assert!(
            stdout.contains("\"supersedes\": [\n      1\n    ]"),
            "{stdout}"
        );
    }
}

// EvolutionHub keeps old records in `deprecated/` under the numbers of the main series:
// `adr status 2` rewrote whichever `0002` came first, and lint, taking the folder for a
// series of its own, said nothing of the clash.
#[test]
fn a_number_two_records_share_is_refused_and_reported_across_an_archive_folder() {
    let record = |title: &str| {
        format!(
            "---\nstatus: accepted\ndate: 2024-01-01\n---\n# {title}\n\n## Context and Problem Statement\n\nc\n"
        )
    };
    let dir = log_with(&[
        ("0001-a.md", &record("A")),
        ("0002-b.md", &record("B")),
        ("deprecated/0001-old-a.md", &record("Old A")),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "deprecated"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            "error: 0001 is the number of 2 records in docs/adr: name the one you mean by its file, `0001-a.md` or `deprecated/0001-old-a.md`\n"
        )
    );
    assert_eq!(read(record_path(&dir, "0001-a.md")), record("A"));
    let (code, stdout, _) = run(dir.path(), &["lint", "--rule", "number-duplicate"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with(
            "error[number-duplicate]: number 0001 is also used by `deprecated/0001-old-a.md`\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("2 errors, 0 warnings in 3 files\n"),
        "{stdout}"
    );
    let (code, _, stderr) = run(dir.path(), &["status", "0001-old-a.md", "rejected"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(read(record_path(&dir, "deprecated/0001-old-a.md")).contains("status: rejected"));
}

// kg46sp8kps-web/gestima (review L) keeps each record's full text in `archive/` under the
// record's own name and number, the record itself a summary: lint gave 76 number-duplicate
// errors and told to run `adr renumber`, which would have renamed every archived copy (and
// the numbers in their titles). A copy (same file name, or the same title with or without a
// qualifier) is the same decision; an archived record of another name and title still
// clashes.
#[test]
fn an_archive_folders_copy_of_a_record_is_no_second_record_of_its_number() {
    let record = |title: &str| {
        format!(
            "---\nstatus: accepted\ndate: 2024-01-01\n---\n# {title}\n\n## Context and Problem Statement\n\nc\n"
        )
    };
    let dir = log_with(&[
        (
            "001-soft-delete.md",
            &record("ADR-001: Soft Delete [ACCEPTED]"),
        ),
        (
            "archive/001-soft-delete.md",
            &record("ADR-001: Soft Delete Pattern"),
        ),
        (
            "011-material-hierarchy.md",
            &record("ADR-011: Material Hierarchy"),
        ),
        (
            "archive/011-materials.md",
            &record("ADR-011: Material Hierarchy (Two-Tier Model)"),
        ),
        ("012-a.md", &record("Use Kafka")),
        ("archive/012-b.md", &record("Use Kafka streams")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--rule", "number-duplicate"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with(
            "error[number-duplicate]: number 0012 is also used by `archive/012-b.md`\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("\n2 errors, 0 warnings in 6 files\n"),
        "{stdout}"
    );
    let (code, stdout, _) = run(dir.path(), &["renumber"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(
            "rename from docs/adr/archive/012-b.md\nrename to docs/adr/archive/013-b.md\n"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("archive/001") && !stdout.contains("archive/011"),
        "{stdout}"
    );
}

// Zooniverse's `## Status` reads `Discussed by @shaun.a.noordin and @srallen.`: the help
// offered to declare that sentence as one of the log's statuses.
#[test]
fn a_sentence_in_place_of_a_status_is_not_offered_as_one_to_declare() {
    let record = |title: &str, status: &str| {
        format!(
            "# {title}\n\nDate: 2020-01-01\n\n## Status\n\n{status}\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n"
        )
    };
    let dir = log_with(&[
        (
            "0001-a.md",
            &record("1. A", "Discussed by @shaun.a.noordin and @srallen."),
        ),
        ("0002-b.md", &record("2. B", "Ongoing")),
        ("0003-c.md", &record("3. C", "Ongoing")),
    ]);
    let (_, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "status-undeclared", "--color", "never"],
    );
    assert!(
        stdout.contains("  = help: write the status on a line of its own (`Accepted`, `Proposed`), and the sentence on the line after it\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`statuses = [\"ongoing\"]`"),
        "the sentence is left out of the declaration: {stdout}"
    );
}

// `adr status` wrote English into Portuguese and German records (`Proposto` → `Accepted`),
// and rewrote a body's `Akzeptiert` that already agreed with the new status (Vagalume,
// EvolutionHub). The status takes the record's own language, and a restated status that
// already says so is left as written.
#[test]
fn a_status_edit_writes_the_records_own_language() {
    let portuguese = "# 1. Usar Jekyll\n\nData: 2024-01-01\n\n## Status\n\nProposto\n\n## Contexto\n\nc\n\n## Decisão\n\nd\n\n## Consequências\n\ne\n";
    let german = "---\nstatus: proposed\ndate: 2024-01-01\n---\n# ADR-0002: Astro\n\n## Status\n\nAkzeptiert\n\n## Kontext\n\nk\n";
    let dir = log_with(&[
        ("0001-usar-jekyll.md", portuguese),
        ("0002-astro.md", german),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(record_path(&dir, "0001-usar-jekyll.md")),
        portuguese.replace("Proposto", "Aceito")
    );
    let (code, _, stderr) = run(dir.path(), &["status", "2", "accepted"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(record_path(&dir, "0002-astro.md")),
        german.replace("status: proposed", "status: accepted")
    );
}

// Review J (juliantorres92/bike-rental-system, kani3camp/mine-party): `adr status 1
// superseded by 2` wrote `**Estado:** superseded by …` into a Spanish record and an English
// `## Links` section below the successor's own `## Enlaces`; a log that links records by
// their titles got the title twice (`[2. T](…): T.`) and an English `## More Information`.
#[test]
fn a_supersession_is_written_in_the_records_language_and_layout() {
    let spanish = |title: &str| {
        format!(
            "# {title}\n\n- **Estado:** aceptado\n- **Fecha:** 2026-05-30\n\n## Contexto y problema\n\nc\n\n## Decisión\n\nd\n\n## Enlaces\n\n* Ninguno\n"
        )
    };
    let (old, new) = (
        spanish("ADR-0001 — Decisión 1"),
        spanish("ADR-0002 — Decisión 2"),
    );
    let dir = log_with(&[("0001-decision-1.md", &old), ("0002-decision-2.md", &new)]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "by", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(record_path(&dir, "0001-decision-1.md")),
        old.replace(
            "**Estado:** aceptado",
            "**Estado:** reemplazado por [ADR-0002](0002-decision-2.md)"
        )
    );
    assert_eq!(
        read(record_path(&dir, "0002-decision-2.md")),
        format!("{new}* Reemplaza: [ADR-0001](0001-decision-1.md)\n")
    );
    // Review K (kdridi/dsm.gb, emiliopalmerini/spese, tytsxai/exchange-platform): the link
    // back was said in English (`Supersedes […]`, `This decision supersedes […]`) under the
    // record's own headings; it is said with the language's label, which lint reads back.
    let french = |title: &str| {
        format!(
            "# {title}\n\n## Statut\n\nAccepté\n\n## Contexte\n\nc\n\n## Décision\n\nd\n\n## Conséquences\n\ne\n"
        )
    };
    let chinese = |title: &str| {
        format!("---\nstatus: accepted\n---\n\n# {title}\n\n## 背景\n\nc\n\n## 决策\n\nd\n")
    };
    for (old, new, written) in [
        (
            french("1. Organisation"),
            french("2. Conventions"),
            "## Statut\n\nAccepté\n\nRemplace : [1. Organisation](0001-a.md)\n",
        ),
        (
            chinese("1. 行情链路"),
            chinese("2. 资金账本"),
            "## 决策\n\nd\n\n## 更多信息\n\n取代：[1. 行情链路](0001-a.md)\n",
        ),
    ] {
        let dir = log_with(&[("0001-a.md", &old), ("0002-b.md", &new)]);
        let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "by", "2"]);
        assert_eq!(code, 0, "{stderr}");
        let successor = read(record_path(&dir, "0002-b.md"));
        assert!(successor.contains(written), "{successor}");
        let (code, stdout, _) = run(
            dir.path(),
            &[
                "lint",
                "--color",
                "never",
                "--rule",
                "supersede-not-reciprocal",
            ],
        );
        assert_eq!(
            (code, stdout.as_str()),
            (0, "0 errors, 0 warnings in 2 files\n")
        );
    }
    let japanese = |title: &str, last: &str| {
        format!(
            "# {title}\n\n- 日付: 2026-05-30\n- ステータス: Accepted\n\n## 背景\n\nc\n\n## 決定\n\nd\n\n## 結果\n\ne\n\n## {last}\n\nf\n"
        )
    };
    for (last, added) in [
        (
            "補足情報",
            "\nThis decision supersedes [2. 対戦モード](0002-mode.md).\n",
        ),
        (
            "参考",
            "\n## 補足情報\n\nThis decision supersedes [2. 対戦モード](0002-mode.md).\n",
        ),
    ] {
        let new = japanese("ランタイム", last);
        let dir = log_with(&[
            ("0002-mode.md", &japanese("対戦モード", last)),
            ("0003-runtime.md", &new),
        ]);
        let (code, _, stderr) = run(dir.path(), &["status", "2", "superseded", "by", "3"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            read(record_path(&dir, "0003-runtime.md")),
            format!("{new}{added}")
        );
    }
}

// Review J (KimYeonWook511/commerce-backend, a dated log without numbers): `adr status A
// "superseded by B"` took A by its slug but refused B unless named with `.md`, and the
// hint asked for a number the log does not have; a repeat said the status "counts as"
// itself.
#[test]
fn a_successor_is_named_as_the_record_argument_is() {
    let record = |title: &str| {
        format!(
            "# {title}\n\n- Status: accepted\n- Date: 2026-04-22\n\n## Context\n\nc\n\n## Decision\n\nd\n"
        )
    };
    let old = record("Apply an idempotency key");
    let dir = log_with(&[
        ("20260422-pr59-idempotency-key.md", old.as_str()),
        (
            "20260601-pr180-inflight-guard.md",
            &record("Block in-flight duplicates"),
        ),
    ]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "status",
            "pr59-idempotency-key",
            "superseded by pr180-inflight-guard",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "docs/adr/20260422-pr59-idempotency-key.md: accepted -> superseded by [20260601-pr180-inflight-guard](20260601-pr180-inflight-guard.md)\ndocs/adr/20260601-pr180-inflight-guard.md: added that it supersedes `20260422-pr59-idempotency-key.md`\n"
    );
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "status",
            "pr59-idempotency-key",
            "superseded by pr180-inflight-guard",
        ],
    );
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "docs/adr/20260422-pr59-idempotency-key.md: status is already `superseded by [20260601-pr180-inflight-guard](20260601-pr180-inflight-guard.md)`: nothing changed\n"
        )
    );
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "status",
            "pr59-idempotency-key",
            "superseded by nothing-like-it",
        ],
    );
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: no record `nothing-like-it` in docs/adr to supersede with: run `adr list` to see the records\n"
        )
    );
}

// Review J (f0rw4rd-dev/sb-final-project): a record written as one numbered list keeps its
// status in an item nested under `3. Статус:`, and `* Status:` may hold its value in the one
// item under it: neither was read (lint said no record states a status, `adr status`
// refused, the site showed none). Both are read, and `adr status` rewrites the nested item.
#[test]
fn a_status_in_the_item_nested_under_its_label_is_read_and_rewritten() {
    let numbered = "# ADR-01: Выбор микросервисной архитектуры\n\n1. Контекст:\n   * Монолит или микросервисы.\n2. Решение:\n   * Микросервисы.\n3. Статус:\n   * Принято.\n4. Последствия:\n   * Сложнее эксплуатация.\n";
    let bulleted = "# ADR-02: Use Y\n\n* Status:\n  * Accepted\n* Date: 2024-01-01\n\n## Context\n\nc\n\n## Decision\n\nd\n";
    let dir = log_with(&[("0001-micro.md", numbered), ("0002-use-y.md", bulleted)]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  принято   -           Выбор микросервисной архитектуры\n0002  accepted  2024-01-01  Use Y\n"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run(dir.path(), &["status", "2", "deprecated"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(record_path(&dir, "0002-use-y.md")),
        bulleted.replace("  * Accepted", "  * Deprecated")
    );
}

// LBHackney-IT/lbh-adrs writes `### **Status:** ACCEPTED` and `### **Date:** 30th March
// 2021` as headings (review J): lint said "record has no status", list showed none, and
// `adr status` refused. Another log's `## Status: Proposed` was, besides, an empty section.
#[test]
fn a_status_and_a_date_stated_by_headings_are_read_and_the_status_rewritten() {
    let bold = "# Use an API gateway\n\n### **Status:** ACCEPTED\n\n### **Date:** 30th March 2021\n\n## Context\n\nc\n\n## Decision\n\nd\n";
    let plain = "# 2. Use Kong\n\n## Status: Proposed\n\n## Context\n\nc\n\n## Decision\n\nd\n";
    let dir = log_with(&[
        ("0001-use-an-api-gateway.md", bold),
        ("0002-use-kong.md", plain),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  accepted  2021-03-30  Use an API gateway\n0002  proposed  -           Use Kong\n"
        ),
        "{stderr}"
    );
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "lint",
            "--color",
            "never",
            "--rule",
            "section-empty",
            "--rule",
            "status-missing",
        ],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (code, _, stderr) = run(dir.path(), &["status", "1", "deprecated"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["status", "2", "accepted"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(record_path(&dir, "0001-use-an-api-gateway.md")),
        bold.replace("ACCEPTED", "DEPRECATED")
    );
    assert_eq!(
        read(record_path(&dir, "0002-use-kong.md")),
        plain.replace("Proposed", "Accepted")
    );
}

// TDR's `#25. Automatic code merging` has no space after `#`, so it is no heading: the
// finding said only "start the record with a `# Title` heading".
#[test]
fn a_title_without_a_space_after_the_hash_is_named_with_its_fix() {
    let dir = log_with(&[(
        "0025-automatic-code-merge.md",
        "#25. Automatic code merging\n\n**Date:** 2020-01-01\n\n## Context\n\nc\n",
    )]);
    let (code, stdout, _) = run(
        dir.path(),
        &["lint", "--rule", "title-missing", "--color", "never"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "error[title-missing]: record has no title\n --> docs/adr/0025-automatic-code-merge.md:1:1\n  |\n1 | #25. Automatic code merging\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^ not a heading: no space after `#`\n  |\n  = help: write `# 25. Automatic code merging`: Markdown makes a heading only with a space after `#`\n\n1 error, 0 warnings in 1 file\n"
    );
}

/// Review I (wagov, 20 of 20 records): `**Status:** Accepted | **Date:** 2025-02-17 |
/// **Review:** …` on one line gave the status and no date; `adr status` rewrites only the
/// status field of such a line.
#[test]
fn fields_on_one_metadata_line_are_read_and_the_status_rewritten_in_place() {
    let text = "# ADR 001: Application Isolation\n\n**Status:** Accepted | **Date:** 2025-02-17 | **Review:** 2026-02-17\n\n## Context\n\nTenants share a cluster.\n\n## Decision\n\nIsolate them.\n";
    let dir = crate::util::log_with_owned(&[("001-isolation.md".to_string(), text.to_string())]);
    let (code, stdout, stderr) = crate::util::run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0001  accepted  2025-02-17  Application Isolation\n"),
        "{stderr}"
    );
    let (code, _, stderr) = crate::util::run(dir.path(), &["status", "1", "deprecated"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        crate::util::read(dir.path().join("docs/adr/001-isolation.md")),
        text.replace("**Status:** Accepted |", "**Status:** Deprecated |")
    );
}

/// Review I (Decentraland): `adr status 85 accepted` on `status: Living` said only "status is
/// already `Living`"; it says why nothing changed.
#[test]
fn a_status_already_meaning_the_one_asked_says_so() {
    let dir = log_with(&[(
        "0001-use-x.md",
        "---\nstatus: Approved\n---\n# Use X\n\n## Context and Problem Statement\n\nText.\n",
    )]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "",
            "docs/adr/0001-use-x.md: status is already `Approved`, which counts as `accepted`: nothing changed\n"
        )
    );
}
