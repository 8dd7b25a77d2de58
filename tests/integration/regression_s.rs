//! Review S: ten more public ADR logs (English, Spanish, Portuguese, French, Chinese,
//! German and Japanese). Each test is a shape one of them writes, and fails on the build
//! that was reviewed.

use crate::util::{log_with, new_record, read, run};

// cap-fiori-timetracking's template asks for `{Entwurf/Akzeptiert/Verworfen} – kurzer
// Statuskommentar`, and every record keeps a comment after the word: `adr status` replaced
// the whole line, and the comment was lost.
#[test]
fn a_comment_after_the_status_word_stays() {
    let record = |status: &str| {
        format!(
            "# 1. Clean-Architecture-Layer\n\nDatum: 2024-01-02\n\n## Status\n\n{status}\n\n## Kontext\n\nk\n\n## Entscheidung\n\ne\n\n## Konsequenzen\n\nq\n"
        )
    };
    let dir = log_with(&[(
        "0001-clean-architecture.md",
        &record("Akzeptiert - Erweiterung um Dashboard-Anforderungen"),
    )]);
    let (code, stdout, stderr) = run(dir.path(), &["status", "1", "deprecated"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "docs/adr/0001-clean-architecture.md: Akzeptiert - Erweiterung um Dashboard-Anforderungen -> Veraltet - Erweiterung um Dashboard-Anforderungen\n",
            ""
        )
    );
    assert_eq!(
        read(dir.path().join("docs/adr/0001-clean-architecture.md")),
        record("Veraltet - Erweiterung um Dashboard-Anforderungen")
    );
}

// solodev's template says `id: ADR-XXX` and `supersedes: ADR-XXX (如适用)` ("if
// applicable"): the new record kept both, and lint said nothing.
#[test]
fn a_templates_id_and_relation_placeholders_are_filled_or_left_empty() {
    let dir = log_with(&[
        (
            "ADR-000-template.md",
            "---\nid: ADR-XXX\ntitle: {标题}\nstatus: proposed\ndate: YYYY-MM-DD\nsupersedes: ADR-XXX (如适用)\n---\n\n# ADR-XXX: {标题}\n\n## 背景\n\n{描述背景}\n\n## 决策\n\n{描述决策}\n",
        ),
        (
            "ADR-001-use-rust.md",
            "---\nid: ADR-001\ntitle: 使用 Rust\nstatus: accepted\ndate: 2024-01-01\n---\n\n# ADR-001: 使用 Rust\n\n## 背景\n\nc\n\n## 决策\n\nd\n",
        ),
    ]);
    let (_, text) = new_record(dir.path(), "2024-05-01", &["Try the tool"]);
    assert!(text.starts_with("---\nid: ADR-002\n"), "{text}");
    assert!(text.contains("\nsupersedes:\n---\n"), "{text}");
}

// rag-japan numbers its files `001-…` and writes `ADR-001`: superseding wrote `ADR-0002`.
// stockhub writes its tags as code (`` `api`, `rest` ``): list, export and the site kept
// the backticks.
#[test]
fn ids_take_the_logs_width_and_tags_lose_their_backticks() {
    let madr2 = |n: u32, title: &str, tags: &str| {
        format!(
            "# {title}\n\n* Status: accepted\n* Date: 2024-01-0{n}\n* Tags: {tags}\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen option: \"A\".\n"
        )
    };
    let dir = log_with(&[
        ("001-phase1.md", &madr2(1, "Phase 1", "`api`, `rest`")),
        ("002-phase2.md", &madr2(2, "Phase 2", "rag")),
    ]);
    let (code, stdout, _) = run(dir.path(), &["list"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0001  accepted  2024-01-01  Phase 1               api, rest\n0002  accepted  2024-01-02  Phase 2               rag\n"
        )
    );
    let (code, stdout, _) = run(dir.path(), &["status", "1", "superseded", "by", "2"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.starts_with(
            "docs/adr/001-phase1.md: accepted -> superseded by [ADR-002](002-phase2.md)\n"
        ),
        "{stdout}"
    );
}

// devkit writes MADR's minimal records (no front matter, five parts): `adr new` wrote the
// full MADR 4, with every optional part.
#[test]
fn a_log_of_minimal_madr_records_gets_a_minimal_one() {
    let dir = log_with(&[(
        "0001-use-madr.md",
        "# Use MADR\n\n## Context and Problem Statement\n\nc\n\n## Considered Options\n\n* MADR\n\n## Decision Outcome\n\nChosen option: \"MADR\".\n\n### Consequences\n\n* Good, because it is short\n",
    )]);
    let (_, text) = new_record(dir.path(), "2024-05-01", &["Try the tool"]);
    let headings: Vec<&str> = text.lines().filter(|line| line.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Try the tool",
            "## Context and Problem Statement",
            "## Considered Options",
            "## Decision Outcome",
            "### Consequences"
        ]
    );
}
