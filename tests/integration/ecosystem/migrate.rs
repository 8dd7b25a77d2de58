//! `adr migrate`: older layouts to MADR 4, checked on the fixture log and on the real
//! Nygard and MADR 2 logs of tests/corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::util::{copy_dir, corpus_root, fixtures, read, run};

use super::{ecosystem_log, snapshot_tree};

#[test]
fn migrate_dry_run_prints_one_diff_per_record_and_writes_nothing() {
    let project = ecosystem_log();
    let before = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["migrate"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "would migrate 4 records (1 record already MADR 4); run `adr migrate --write` to apply\n"
    );
    insta::assert_snapshot!("migrate_dry_run", stdout);
    assert_eq!(stdout.matches("\n+++ b/docs/adr/").count(), 4);
    assert_eq!(
        snapshot_tree(project.path()),
        before,
        "a dry run wrote files"
    );
}

#[test]
fn migrate_write_produces_exactly_the_madr4_log() {
    let project = ecosystem_log();
    let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "migrated 4 records (1 record already MADR 4)\n");
    let expected = snapshot_tree(&fixtures().join("logs/ecosystem-madr4"));
    let actual = snapshot_tree(project.path());
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert_eq!(
            String::from_utf8_lossy(&actual[path]),
            String::from_utf8_lossy(bytes),
            "{path} differs from tests/fixtures/logs/ecosystem-madr4/{path}"
        );
    }
    // The MADR 4 record was not rewritten, not even with the same bytes.
    let original = fixtures().join("logs/ecosystem/docs/adr/0004-use-cockroachdb.md");
    assert_eq!(
        read(project.path().join("docs/adr/0004-use-cockroachdb.md")),
        read(original)
    );

    // A second run finds nothing to do and changes nothing.
    let after_first = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(stderr, "migrated 0 records (5 records already MADR 4)\n");
    assert_eq!(snapshot_tree(project.path()), after_first);
}

#[test]
fn migrate_touches_only_the_records_named() {
    let project = ecosystem_log();
    let before = snapshot_tree(project.path());
    let (code, _, stderr) = run(
        project.path(),
        &["migrate", "--write", "docs/adr/0005-adopt-graphql.md"],
    );
    assert_eq!((code, stderr.as_str()), (0, "migrated 1 record\n"));
    let after = snapshot_tree(project.path());
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, ["docs/adr/0005-adopt-graphql.md"]);
}

#[test]
fn migrate_refuses_a_path_outside_the_log() {
    let project = ecosystem_log();
    std::fs::write(project.path().join("notes.md"), "# Notes\n").unwrap();
    let (code, stdout, stderr) = run(project.path(), &["migrate", "notes.md"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: `notes.md` is not a record of the log in `docs/adr`: name record files or directories inside it\n"
    );
    let (code, _, stderr) = run(project.path(), &["migrate", "missing.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: cannot read `") && stderr.contains("missing.md`\n  caused by: "),
        "{stderr}"
    );
}

#[test]
fn migrate_leaves_a_madr4_log_byte_for_byte() {
    let project = tempfile::tempdir().unwrap();
    copy_corpus("madr", project.path());
    let before = snapshot_tree(project.path());
    let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(
        stderr.starts_with("migrated 0 records (") && stderr.contains("already MADR 4"),
        "{stderr}"
    );
    assert_eq!(snapshot_tree(project.path()), before);
}

/// Copies a corpus log (without its SOURCE.txt) to `project/docs/adr`.
fn copy_corpus(name: &str, project: &Path) -> PathBuf {
    let log = project.join("docs/adr");
    copy_dir(&corpus_root().join(name), &log);
    std::fs::remove_file(log.join("SOURCE.txt")).unwrap();
    log
}

/// (path, rule) → how many diagnostics, from `adr lint --format json`.
fn lint_counts(project: &Path) -> BTreeMap<(String, String), usize> {
    let (code, stdout, stderr) = run(project, &["lint", "--format", "json"]);
    assert!(code == 0 || code == 1, "lint failed ({code}): {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut counts = BTreeMap::new();
    for diagnostic in report["diagnostics"].as_array().unwrap() {
        let key = (
            diagnostic["path"].as_str().unwrap().to_string(),
            diagnostic["rule"].as_str().unwrap().to_string(),
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// Every string in a record's front matter, lists flattened.
fn front_matter_strings(text: &str) -> Vec<String> {
    let Some(rest) = text.strip_prefix("---") else {
        return Vec::new();
    };
    let end = rest.find("\n---").expect("closing fence");
    let yaml: serde_json::Value =
        serde_json::to_value(yaml_serde::from_str::<yaml_serde::Value>(&rest[..end]).unwrap())
            .unwrap();
    fn collect(value: &serde_json::Value, into: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => into.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, into)),
            serde_json::Value::Object(map) => map.values().for_each(|item| collect(item, into)),
            other => into.push(other.to_string()),
        }
    }
    let mut strings = Vec::new();
    collect(&yaml, &mut strings);
    strings
}

/// A heading's text without its `#`s and a trailing HTML comment, lowercased.
fn heading_text(line: &str) -> String {
    let text = line.trim_start_matches('#');
    let text = text.split("<!--").next().unwrap_or(text);
    text.trim().to_lowercase()
}

fn without_list_marker(line: &str) -> &str {
    for marker in ["* ", "- ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim();
        }
    }
    line
}

const RENAMED: [(&str, &str); 3] = [
    ("context", "context and problem statement"),
    ("decision", "decision outcome"),
    ("links", "more information"),
];

/// Checks that every non-blank line of `original` survives in `migrated`: verbatim, or as a
/// renamed/re-levelled heading, or (metadata) as a front-matter value.
fn assert_every_line_kept(path: &str, original: &str, migrated: &str) {
    let kept_lines: BTreeSet<&str> = migrated.lines().map(str::trim).collect();
    let headings: BTreeSet<String> = migrated
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(heading_text)
        .collect();
    let values: Vec<String> = front_matter_strings(migrated)
        .into_iter()
        .map(|value| value.trim().to_lowercase())
        .collect();
    for (number, line) in original.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || kept_lines.contains(line) {
            continue;
        }
        if line.starts_with('#') {
            let text = heading_text(line);
            let renamed = RENAMED
                .iter()
                .find(|(old, _)| *old == text)
                .map(|(_, new)| new.to_string());
            let number_stripped = headings
                .iter()
                .any(|heading| !heading.is_empty() && text.ends_with(heading.as_str()));
            if headings.contains(&text)
                || renamed.is_some_and(|new| headings.contains(&new))
                || text == "status"
                || (line.starts_with("# ") && number_stripped)
            {
                continue;
            }
            panic!("{path}:{}: heading `{line}` is gone", number + 1);
        }
        // Metadata: `* Status: x`, `Date: x`, a nested decider, the Nygard status line.
        let content = without_list_marker(line).to_lowercase();
        let value = content
            .split_once(':')
            .map(|(_, value)| value.split("<!--").next().unwrap_or("").trim().to_string());
        // A date is moved in ISO form (`Dec 19, 2022` → `2022-12-19`).
        let same_date = |candidate: &str, value: &str| {
            let date = |text: &str| adr::model::DateValue::parse(text).valid();
            date(value).is_some() && date(candidate) == date(value)
        };
        let moved = values.iter().any(|candidate| {
            *candidate == content
                || value.as_ref().is_some_and(|value| {
                    value.is_empty() || candidate == value || same_date(candidate, value)
                })
        });
        assert!(
            moved,
            "{path}:{}: `{line}` is neither in the migrated record nor in its front matter",
            number + 1
        );
    }
}

/// The Nygard and MADR 2 logs of the shared corpus, migrated: every record parses as MADR 4
/// (a record without any metadata stays as it was, which MADR 4 allows), lint finds nothing
/// the original did not have, and no line of any body is lost.
#[test]
fn migrate_converts_the_corpus_nygard_and_madr2_logs() {
    for name in [
        "govuk-aws",
        "arachne-architecture",
        "mozilla-application-services",
        "elastisys-compliantkubernetes",
        "island-is-handbook",
    ] {
        let project = tempfile::tempdir().unwrap();
        let log_dir = copy_corpus(name, project.path());
        let original = adr::model::Log::load(&log_dir).unwrap();
        let lint_before = lint_counts(project.path());

        let (code, stdout, stderr) = run(project.path(), &["migrate", "--write"]);
        assert_eq!((code, stdout.as_str()), (0, ""), "{name}: {stderr}");

        let migrated = adr::model::Log::load(&log_dir).unwrap();
        assert_eq!(migrated.records.len(), original.records.len(), "{name}");
        assert!(
            migrated.failures.is_empty(),
            "{name}: {:?}",
            migrated.failures
        );
        for (before, after) in original.records.iter().zip(&migrated.records) {
            let path = format!("{name}/{}", after.rel_path);
            let unchanged = before.source.text == after.source.text;
            let is_bare_and_untouched = after.style == adr::model::Style::MadrBare
                && unchanged
                && before.status.is_none()
                && before.date.is_none()
                && before.decision_makers.is_empty();
            assert!(
                after.style == adr::model::Style::Madr4 || is_bare_and_untouched,
                "{path} parses as {:?} after migration",
                after.style
            );
            // The facts the parser read survive the move into front matter.
            assert_eq!(
                after.status.as_ref().map(|s| s.kind.clone()),
                before.status.as_ref().map(|s| s.kind.clone()),
                "{path}"
            );
            assert_eq!(
                after.date.as_ref().map(|d| d.value.text()),
                before.date.as_ref().map(|d| d.value.text()),
                "{path}"
            );
            assert_eq!(after.display_title(), before.display_title(), "{path}");
            assert_eq!(
                after.superseded_by().and_then(|r| r.number),
                before.superseded_by().and_then(|r| r.number),
                "{path}"
            );
            assert_every_line_kept(&path, &before.source.text, &after.source.text);
            // Line endings are the file's own.
            if before.source.text.contains("\r\n") {
                assert_eq!(
                    after.source.text.matches('\n').count(),
                    after.source.text.matches("\r\n").count(),
                    "{path} mixes line endings after migration"
                );
            }
        }

        let lint_after = lint_counts(project.path());
        let new: Vec<_> = lint_after
            .iter()
            .filter(|(key, count)| lint_before.get(*key).copied().unwrap_or(0) < **count)
            .collect();
        assert!(new.is_empty(), "{name}: lint finds new problems: {new:?}");

        let after_first = snapshot_tree(project.path());
        let (code, _, stderr) = run(project.path(), &["migrate", "--write"]);
        assert!(
            code == 0 && stderr.starts_with("migrated 0 records"),
            "{name}: second run: {stderr}"
        );
        assert_eq!(snapshot_tree(project.path()), after_first, "{name}");
    }
}
