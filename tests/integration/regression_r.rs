//! Review R: ten more public ADR logs (adr-tools, MADR 3 and 4, Jekyll front matter,
//! German, French and Chinese logs). Each test is a shape one of them writes, and fails on
//! the build that was reviewed.

use crate::util::{log_with, new_record, read, run};

fn nygard(n: u32, title: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
    )
}

// onetimesecret's newer records date themselves `decided: 2026-08-11`; lint quoted the key
// as "not read as its date", and list showed the records undated.
#[test]
fn a_decided_key_is_the_records_date() {
    let dir = log_with(&[(
        "0001-new-style.md",
        "---\nstatus: accepted\ndecided: 2024-08-11\n---\n\n# New style\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n",
    )]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0001  accepted  2024-08-11  New style\n")
    );
}

// hop3 names its README `000-readme.md`, to sort first: it was record 0000, with findings.
// math-postech keeps a Chinese summary of each record under `summary/`, named as the record:
// they were second records 0001 and 0002, and `adr status 1` refused as ambiguous.
#[test]
fn a_numbered_readme_and_a_folder_of_namesakes_are_no_records() {
    let dir = log_with(&[
        (
            "000-readme.md",
            "# Architecture Decision Records\n\nHow we write them.\n",
        ),
        ("0001-course-directory.md", &nygard(1, "Course directory")),
        ("0002-course-layout.md", &nygard(2, "Course layout")),
        ("summary/README.md", "# 摘要\n"),
        (
            "summary/0001-course-directory.md",
            "我们的网站原来只发学术活动信息。\n",
        ),
        ("summary/0002-course-layout.md", "课程页面的布局。\n"),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  accepted  2024-01-01  Course directory\n0002  accepted  2024-01-02  Course layout\n"
        )
    );
    let (code, _, stderr) = run(dir.path(), &["status", "1", "deprecated"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

// alithya's MADR template fills its people keys with samples under the prompt
// (`deciders: Anakin Skywalker  # {list everyone …}`): the new record named them. TFG's
// Jekyll template says `nav_order: 0 # replace with a numeric order`: new records sorted
// first in the site's sidebar.
#[test]
fn a_templates_samples_and_order_are_the_records_own() {
    let dir = log_with(&[
        (
            "adr-template.md",
            "---\nstatus: {proposed | accepted}\ndate: {YYYY-MM-DD}\nnav_order: 0 # replace with a numeric order (e.g. 1)\ndeciders: Anakin Skywalker  # {list everyone involved in the decision}\ninformed:  Kylo Ren  # {list everyone who is kept up-to-date}\n---\n\n# {short title}\n\n## Contexte\n\n## Décision\n",
        ),
        (
            "0001-use-thing.md",
            "---\nstatus: accepted\ndate: 2024-01-01\nnav_order: 1\n---\n\n# Use thing\n\n## Contexte\n\nc\n\n## Décision\n\nd\n",
        ),
    ]);
    let (_, text) = new_record(dir.path(), "2024-05-01", &["Essai"]);
    assert!(
        text.starts_with("---\nstatus: proposed\ndate: 2024-05-01\nnav_order: 2\ndeciders: []\ninformed: []\n---\n"),
        "{text}"
    );
}

// onetimesecret gives headings explicit ids (`### Restrict_to is an access control {#restrict-to}`)
// and links to them: lint called the link broken, and the site showed `{#restrict-to}` in
// the heading, under another id.
#[test]
fn a_headings_explicit_id_is_its_anchor() {
    let dir = log_with(&[
        (
            "0034-access.md",
            "---\nstatus: accepted\ndate: 2024-01-01\n---\n\n# Access\n\n## Context and Problem Statement\n\nc\n\n### Restrict_to is an access control {#restrict-to}\n\nx\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\".\n",
        ),
        (
            "0038-display.md",
            "---\nstatus: accepted\ndate: 2024-01-02\n---\n\n# Display\n\n## Context and Problem Statement\n\nSee [access](0034-access.md#restrict-to).\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\".\n",
        ),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
    let (code, _, _) = run(dir.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0);
    let page = read(dir.path().join("site/0034-access.html"));
    assert!(
        page.contains("<h3 id=\"restrict-to\">Restrict_to is an access control <a class=\"anchor\" href=\"#restrict-to\""),
        "{page}"
    );
}

// onetimesecret's template is `adr-000.md`, titled `ADR-000: [Short Title]`, with
// `<!-- Required sections: Status, Date, Context, Decision -->`: it was record 0000, and
// `adr new` wrote adr-tools' layout instead (`Date:` line, `Accepted`, a `Consequences`
// part the log does not keep).
#[test]
fn record_zero_with_a_prompt_for_a_title_is_the_template() {
    let record = |n: u32, title: &str| {
        format!(
            "---\nid: 00{n}\nstatus: accepted\ntitle: \"ADR-00{n}: {title}\"\n---\n\n## Status\nAccepted\n\n## Date\n2024-01-1{n}\n\n## Context\nc\n\n## Decision\nd\n"
        )
    };
    let dir = log_with(&[
        (
            "adr-000.md",
            "---\nid: 000\nstatus: proposed\ntitle: \"ADR-000: [Short Title]\"\n---\n\n<!-- Required sections: Status, Date, Context, Decision -->\n\n## Status\nProposed\n\n## Date\nYYYY-MM-DD\n\n## Context\nWhat is the issue we're facing?\n\n## Decision\nWhat are we going to do?\n\n## Trade-offs\n- **We lose**: …\n",
        ),
        ("adr-001-rack-apps.md", &record(1, "Rack apps")),
        ("adr-002-sessions.md", &record(2, "Sessions")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["lint", "--color", "never"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("0 errors, 0 warnings, 1 info in 2 files\n"),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &["new", "--no-edit", "--date", "2024-05-01", "Try the tool"],
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/adr-003-try-the-tool.md\n", "")
    );
    assert_eq!(
        read(dir.path().join("docs/adr/adr-003-try-the-tool.md")),
        "---\nid: 003\nstatus: proposed\ntitle: \"ADR-003: Try the tool\"\n---\n\n<!-- Required sections: Status, Date, Context, Decision -->\n\n## Status\nProposed\n\n## Date\n2024-05-01\n\n## Context\nWhat is the issue we're facing?\n\n## Decision\nWhat are we going to do?\n\n## Trade-offs\n- **We lose**: …\n"
    );
}
