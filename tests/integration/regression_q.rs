//! Review Q: twelve more public ADR logs (log4brains, MADR 3 and 4 front matter, a log of
//! one folder per record, Spanish and Japanese logs). Lint held; what `adr new` wrote did
//! not. Each test is a shape one of them writes, and fails on the build that was reviewed.

use crate::util::{log_with, read, run};

/// What `adr new` writes for `args`, dated 2024-05-01.
fn new_record(dir: &std::path::Path, args: &[&str]) -> String {
    crate::util::new_record(dir, "2024-05-01", args).1
}

// bo-tech's own template: a MyST label, `# NNNN Short title`, a date and empty parts. `adr
// new` wrote the built-in MADR 4 instead, and with `--template` copied the file unchanged:
// no title, no number, no date.
#[test]
fn a_template_of_the_logs_own_making_is_filled_in() {
    let template = "---\ndate: {YYYY-MM-DD when the decision was last updated}\n---\n\n(adr-NNNN)=\n# NNNN Short title\n\n## Context and Problem Statement\n\n## Considered Options\n\n## Decision Outcome\n";
    let dir = log_with(&[
        ("adr-template.md", template),
        (
            "0001-stay-with-k8up.md",
            "---\ndate: 2024-05-31\n---\n\n(adr-0001)=\n# 0001 Stay with k8up\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* k8up\n\n## Decision Outcome\n\nChosen option: \"k8up\".\n",
        ),
    ]);
    let expected = |number: &str, title: &str| {
        format!(
            "---\ndate: 2024-05-01\n---\n\n(adr-{number})=\n# {number} {title}\n\n## Context and Problem Statement\n\n## Considered Options\n\n## Decision Outcome\n"
        )
    };
    assert_eq!(
        new_record(dir.path(), &["Try the tool"]),
        expected("0002", "Try the tool")
    );
    assert_eq!(
        new_record(
            dir.path(),
            &["--template", "docs/adr/adr-template.md", "Second try"]
        ),
        expected("0003", "Second try")
    );
}

// reach-your-people's MADR 3 records say `deciders:`; the new record said MADR 4's
// `decision-makers:`, with `tags`, `consulted` and `informed` none of them keeps.
#[test]
fn the_built_in_template_keeps_the_logs_front_matter_keys() {
    let dir = log_with(&[(
        "0001-use-madr.md",
        "---\nstatus: accepted\ndate: 2024-01-02\ndeciders: [ana]\n---\n\n# Use MADR\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* MADR\n\n## Decision Outcome\n\nChosen option: \"MADR\".\n",
    )]);
    let text = new_record(dir.path(), &["Try the tool"]);
    assert!(
        text.starts_with(
            "---\nstatus: proposed\ndate: 2024-05-01\ndeciders: []\n---\n\n# Try the tool\n"
        ),
        "{text}"
    );
}

// UPLC-CAPE's log4brains log numbered its first records (as `log4brains init` does) and has
// named every later one by its date: `adr new` wrote `0003-…`.
#[test]
fn a_log_gone_on_in_dated_names_gets_a_dated_name() {
    let madr2 = |title: &str| {
        format!(
            "# {title}\n\n- Status: accepted\n- Date: 2025-07-17\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\".\n"
        )
    };
    let dir = log_with(&[
        (
            "0001-record-architecture-decisions.md",
            &madr2("Record architecture decisions"),
        ),
        ("0002-use-log4brains.md", &madr2("Use Log4brains")),
        ("20251006-base-mode.md", &madr2("Base mode")),
        ("20251009-scenarios.md", &madr2("Scenarios")),
    ]);
    let (code, stdout, _) = run(
        dir.path(),
        &["new", "--no-edit", "--date", "2025-11-01", "Try the tool"],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (0, "docs/adr/20251101-try-the-tool.md\n")
    );
}

// canonical's log4brains template says `- Tags: [space and/or comma separated list of
// tags]`: a record made from it had that prompt as its one tag, in list, index and site.
#[test]
fn a_tags_prompt_is_no_tag() {
    let dir = log_with(&[(
        "20251014-async-daily.md",
        "# Async daily\n\n- Status: accepted\n- Date: 2025-10-14\n- Tags: [space and/or comma separated list of tags] <!-- optional -->\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\".\n",
    )]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "-  accepted  2025-10-14  Async daily\n")
    );
}

// v2m-lab's Spanish records keep `status:` in front matter and the date in `## Fecha`: no
// record had a date, and nothing said so. `## Date` in the same place was read.
#[test]
fn a_date_section_under_front_matter_without_a_date_is_read() {
    let dir = log_with(&[(
        "001-uno.md",
        "---\ntitle: 'ADR-001: Uno'\nstatus: accepted\n---\n# ADR-001: Uno\n\n## Estado\n\nAceptada\n\n## Fecha\n\n2025-01-15\n\n## Contexto\n\nc\n\n## Decisión\n\nd\n\n## Consecuencias\n\nq\n",
    )]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0001  accepted  2025-01-15  Uno\n")
    );
}

// pg_otel keeps one folder per record (`0001-use-decision-records/README.md`) and its
// template as `adr-template/README.md`: `adr new` wrote a flat `0002-try-the-tool.md`.
#[test]
fn a_log_of_one_folder_per_record_gets_a_new_folder() {
    let dir = log_with(&[
        (
            "0001-use-decision-records/README.md",
            "---\nstatus: accepted\ndate: 2022-12-01\n---\n\n# Use Decision Records\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* MADR\n\n## Decision Outcome\n\nChosen option: \"MADR\".\n",
        ),
        (
            "adr-template/README.md",
            "---\nstatus: {proposed | accepted}\ndate: {YYYY-MM-DD}\n---\n\n# {short title}\n\n## Context and Problem Statement\n\n## Considered Options\n\n## Decision Outcome\n",
        ),
    ]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &["new", "--no-edit", "--date", "2024-05-01", "Try the tool"],
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "docs/adr/0002-try-the-tool/README.md\n", "")
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0002-try-the-tool/README.md")),
        "---\nstatus: proposed\ndate: 2024-05-01\n---\n\n# Try the tool\n\n## Context and Problem Statement\n\n## Considered Options\n\n## Decision Outcome\n"
    );
    let (_, stdout, _) = run(dir.path(), &["list", "--verbose"]);
    assert_eq!(
        stdout,
        "0001  accepted  2022-12-01  Use Decision Records\n0002  proposed  2024-05-01  Try the tool\n"
    );
}

// bo-tech's Sphinx site labels each title with a MyST target, `(adr-0011)=`: every record
// page of ours began with a paragraph of it.
#[test]
fn a_myst_target_is_no_text_on_the_site() {
    let dir = log_with(&[(
        "0011-volsync.md",
        "---\nstatus: accepted\ndate: 2024-05-31\n---\n\n(adr-0011)=\n# 0011 VolSync for backup\n\n## Context and Problem Statement\n\nSee `(kept)=` in code.\n\n## Considered Options\n\n* VolSync\n\n## Decision Outcome\n\nChosen option: \"VolSync\".\n",
    )]);
    let (code, _, _) = run(dir.path(), &["render", "--out", "site"]);
    assert_eq!(code, 0);
    let page = read(dir.path().join("site/0011-volsync.html"));
    assert!(!page.contains("(adr-0011)="), "{page}");
    assert!(page.contains("<code>(kept)=</code>"), "{page}");
}

// v2m-lab's Spanish records keep `status: accepted` in front matter and `Aceptada` under
// `## Estado`. Superseding one wrote `status: Superseded by 3. Try the tool` and English
// `Superseded by […]` under `## Estado`, where `deprecated` had written `Obsoleto`.
#[test]
fn a_supersession_is_written_in_each_places_own_form() {
    let record = |n: u32, title: &str| {
        format!(
            "---\ntitle: 'ADR-00{n}: {title}'\nstatus: accepted\nlanguage: es\n---\n# ADR-00{n}: {title}\n\n## Estado\n\nAceptada\n\n## Fecha\n\n2025-01-15\n\n## Contexto\n\nc\n\n## Decisión\n\nd\n\n## Consecuencias\n\nq\n"
        )
    };
    let dir = log_with(&[
        ("001-fastapi.md", &record(1, "FastAPI")),
        ("003-orchestrator.md", &record(3, "Orchestrator")),
    ]);
    let (code, _, stderr) = run(dir.path(), &["status", "1", "superseded", "by", "3"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        read(dir.path().join("docs/adr/001-fastapi.md")),
        record(1, "FastAPI")
            .replace("status: accepted", "status: superseded by ADR-003")
            .replace("Aceptada", "Reemplazado por [ADR-003](003-orchestrator.md)")
    );
}
