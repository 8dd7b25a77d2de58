//! `list` and `export` filters (issue 17): `--since`, `--until`, `--decision-maker`.

use crate::util::{log_with, run};

fn dated_log() -> tempfile::TempDir {
    log_with(&[
        (
            "0001-a.md",
            "---\nstatus: accepted\ndate: 2024-01-10\ndecision-makers: [Ana Lima]\n---\n# A\n",
        ),
        (
            "0002-b.md",
            "---\nstatus: accepted\ndate: 2024-06-01\ndecision-makers: [\"Bo (platform team)\", Ana Lima]\n---\n# B\n",
        ),
        (
            "0003-c.md",
            "# 3. C\n\nDate: 2025-02-03\n\nDeciders: Bo\n\n## Status\n\nAccepted\n",
        ),
        (
            "0004-d.md",
            "---\nstatus: proposed\n---\n# D without a date\n",
        ),
    ])
}

fn numbers(stdout: &str) -> Vec<u64> {
    let value: serde_json::Value = serde_json::from_str(stdout).unwrap();
    let records = value
        .get("records")
        .unwrap_or(&value)
        .as_array()
        .unwrap()
        .clone();
    records
        .iter()
        .map(|record| record["number"].as_u64().unwrap())
        .collect()
}

#[test]
fn list_and_export_filter_by_date_range_and_decision_maker() {
    let dir = dated_log();
    for (args, expected) in [
        (vec!["--since", "2024-06-01"], vec![2, 3]),
        (vec!["--until", "2024-06-01"], vec![1, 2]),
        (
            vec!["--since", "2024-02-01", "--until", "2024-12-31"],
            vec![2],
        ),
        (vec!["--decision-maker", "ana lima"], vec![1, 2]),
        (vec!["--decision-maker", "Bo"], vec![2, 3]),
        (
            vec!["--decision-maker", "Bo", "--since", "2025-01-01"],
            vec![3],
        ),
        (vec![], vec![1, 2, 3, 4]),
    ] {
        let mut list = vec!["list", "--format", "json"];
        list.extend(&args);
        let (code, stdout, stderr) = run(dir.path(), &list);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(numbers(&stdout), expected, "list {args:?}");
        let mut export = vec!["export"];
        export.extend(&args);
        let (code, stdout, _) = run(dir.path(), &export);
        assert_eq!(code, 0);
        assert_eq!(numbers(&stdout), expected, "export {args:?}");
    }
    let (code, stdout, _) = run(dir.path(), &["list", "--since", "2025-01-01"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("0003  accepted"), "{stdout}");
}

#[test]
fn a_filter_date_that_is_not_iso_is_a_usage_error() {
    let dir = dated_log();
    for command in ["list", "export"] {
        let (code, stdout, stderr) = run(dir.path(), &[command, "--since", "June 2024"]);
        assert_eq!((code, stdout.as_str()), (2, ""));
        assert_eq!(
            stderr,
            "error: `--since June 2024` is not a date: write it as YYYY-MM-DD, e.g. 2025-05-11\n"
        );
    }
}
