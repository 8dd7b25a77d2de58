//! Statuses as logs write them, read.
use super::*;

fn kind(raw: &str) -> StatusKind {
    Status::classify(raw).0
}

#[test]
fn classifies_written_forms() {
    assert_eq!(kind("Accepted"), StatusKind::Accepted);
    assert_eq!(kind("**accepted**"), StatusKind::Accepted);
    assert_eq!(kind("accepted."), StatusKind::Accepted);
    assert_eq!(
        kind("proposed. **This ADR did not reach consensus**"),
        StatusKind::Proposed
    );
    assert_eq!(kind("PROPOSED"), StatusKind::Proposed);
    assert_eq!(kind("on hold"), StatusKind::Other("on hold".into()));
    assert_eq!(
        kind("accepted-provisional"),
        StatusKind::Other("accepted-provisional".into())
    );
    assert_eq!(
        kind("Partly superseded"),
        StatusKind::Other("partly superseded".into())
    );
    assert_eq!(kind("acepted"), StatusKind::Other("acepted".into()));
}

proptest::proptest! {
    #[test]
    fn reading_any_status_never_panics(raw in "\\PC{0,40}", word in "(accepted|提议|Accepté|İ|~~|<a status='x'>|2018-03-12 )") {
        let _ = Status::read(&raw);
        let _ = Status::read(&format!("{word}{raw}"));
        let _ = Status::read(&format!("{raw} {word}"));
    }
}

fn read(raw: &str) -> (StatusKind, Option<String>) {
    let (kind, _, word) = Status::read(raw);
    (kind, word)
}

#[test]
fn reads_the_words_logs_use() {
    for (raw, expected, word) in [
        ("Accepted", StatusKind::Accepted, None),
        ("Approved", StatusKind::Accepted, Some("approved")),
        ("Implemented", StatusKind::Accepted, Some("implemented")),
        (
            "Partially Implemented",
            StatusKind::Accepted,
            Some("partially implemented"),
        ),
        ("draft", StatusKind::Draft, None),
        ("Stagnant", StatusKind::Draft, Some("stagnant")),
        ("Withdrawn", StatusKind::Rejected, Some("withdrawn")),
        ("on hold", StatusKind::Proposed, Some("on hold")),
        (
            "accepted-provisional",
            StatusKind::Accepted,
            Some("accepted-provisional"),
        ),
        ("Rejected in favour of ADR 111", StatusKind::Rejected, None),
        ("Accepté", StatusKind::Accepted, Some("accepté")),
        ("proposé", StatusKind::Proposed, Some("proposé")),
        ("Aceptada", StatusKind::Accepted, Some("aceptada")),
        ("Akzeptiert", StatusKind::Accepted, Some("akzeptiert")),
        ("Vorgeschlagen", StatusKind::Proposed, Some("vorgeschlagen")),
        ("Abgelehnt", StatusKind::Rejected, Some("abgelehnt")),
        ("Aceito", StatusKind::Accepted, Some("aceito")),
        ("Принято", StatusKind::Accepted, Some("принято")),
        ("承認", StatusKind::Accepted, Some("承認")),
        ("승인", StatusKind::Accepted, Some("승인")),
        ("2018-03-12 提议", StatusKind::Proposed, Some("提议")),
        ("已取代", StatusKind::Superseded, Some("已取代")),
        ("已弃用", StatusKind::Deprecated, Some("已弃用")),
        ("完成", StatusKind::Accepted, Some("完成")),
        (
            "<adr-status status='accepted'></adr-status>",
            StatusKind::Accepted,
            None,
        ),
        ("acepted", StatusKind::Other("acepted".into()), None),
        (
            "Approved by nobody really",
            StatusKind::Accepted,
            Some("approved"),
        ),
        ("Approvedly", StatusKind::Other("approvedly".into()), None),
        ("✅ Accepted", StatusKind::Accepted, None),
        (
            "![Accepted](https://img.shields.io/badge/adr-accepted-green)",
            StatusKind::Accepted,
            None,
        ),
        (
            "[![Rejected](https://img.shields.io/badge/adr-rejected-red)](../README.md)",
            StatusKind::Rejected,
            None,
        ),
        // An alt text that says nothing: the badge's message (UK Trade's log).
        (
            "[![Generic badge](https://badgen.net/badge/ADR/approved/green/)](../README.md)",
            StatusKind::Accepted,
            Some("approved"),
        ),
        (
            "![badge](https://img.shields.io/badge/status-on--hold_now-grey)",
            StatusKind::Other("badge".into()),
            None,
        ),
        (
            "![badge](https://img.shields.io/badge/status-superseded-grey)",
            StatusKind::Superseded,
            None,
        ),
        (
            "![badge](https://img.shields.io/static/v1?label=ADR&message=proposed&color=blue)",
            StatusKind::Proposed,
            None,
        ),
        // A status in a link, or one word left in a template's brackets.
        (
            "[Migrated](https://github.com/defenseunicorns/uds-cli)",
            StatusKind::Other("migrated".into()),
            None,
        ),
        (
            "[Accepted](../README.md#statuses)",
            StatusKind::Accepted,
            None,
        ),
        ("[Aceptado]", StatusKind::Accepted, Some("aceptado")),
        (
            "[Proposed | Accepted]",
            StatusKind::Other("[proposed | accepted]".into()),
            None,
        ),
        (
            "Approved with conditions",
            StatusKind::Accepted,
            Some("approved"),
        ),
        // A misspelling, but so common that reading it otherwise loses the supersession.
        ("superceded", StatusKind::Superseded, None),
        ("Approved ✅", StatusKind::Accepted, Some("approved")),
        ("~~Proposed~~ Accepted", StatusKind::Accepted, None),
        ("2020-01-01: Accepted", StatusKind::Accepted, None),
        (
            "~~Proposed~~ ~~Accepted~~ Deprecated",
            StatusKind::Deprecated,
            None,
        ),
    ] {
        assert_eq!(read(raw), (expected, word.map(String::from)), "{raw}");
    }
    let (kind, successor, word) = Status::read("Remplacé par [ADR-0005](0005-x.md)");
    assert_eq!(kind, StatusKind::Superseded);
    assert_eq!(successor.and_then(|r| r.number), Some(5));
    assert_eq!(word.as_deref(), Some("remplacé"));
    let (_, successor, _) = Status::read("abgelöst durch ADR-7");
    assert_eq!(successor.and_then(|r| r.number), Some(7));
}

#[test]
fn a_status_saying_what_the_record_supersedes_is_accepted() {
    // vmaf: "write a new ADR with `Status: Supersedes ADR-NNNN`".
    for raw in [
        "Supersedes [ADR-0025](0025-x.md)",
        "supersedes ADR-0025",
        "Replaces: ADR-7",
    ] {
        assert_eq!(Status::read(raw).0, StatusKind::Accepted, "{raw}");
    }
    assert!(matches!(
        Status::read("supersedes nothing").0,
        StatusKind::Other(_)
    ));
}

#[test]
fn a_dated_record_named_without_a_link_is_named_by_its_slug() {
    // CQEN's front matter, `adr status … superseded by` in French (review N): read as
    // record 2023, the value written was refused as not reading back.
    let (kind, successor, _) = Status::read("remplacé par 2023-01-30-Gestion_des_acces");
    let successor = successor.unwrap();
    assert_eq!(
        (kind, successor.number, successor.slug.as_deref()),
        (StatusKind::Superseded, None, Some("gestion_des_acces"))
    );
    let (_, successor, _) = Status::read("superseded by ADR-2023");
    assert_eq!(successor.unwrap().number, Some(2023));
}

#[test]
fn a_status_may_name_several_successors() {
    let numbers = |raw: &str| {
        let (kind, superseded_by, word) = Status::read(raw);
        let status = Status {
            kind,
            raw: raw.to_string(),
            word,
            superseded_by: superseded_by.map(Box::new),
            span: Span::empty(0),
            line: 1,
            origin: StatusOrigin::FrontMatter,
        };
        status
            .successors()
            .iter()
            .map(|reference| reference.number)
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers("superseded by 4 and 7"), [Some(4), Some(7)]);
    assert_eq!(
        numbers("Superseded by [4. A, b](0004-a-b.md), [7. C](0007-c.md)"),
        [Some(4), Some(7)]
    );
    assert_eq!(
        numbers("superseded by ADR-0004 & ADR-0009"),
        [Some(4), Some(9)]
    );
    assert_eq!(numbers("superseded by [ADR-0004](0004-x.md)"), [Some(4)]);
    assert_eq!(numbers("accepted"), Vec::<Option<u32>>::new());
}

#[test]
fn a_supersession_in_parentheses_after_another_word_is_read() {
    for (raw, number) in [
        ("Deprecated (Superseded by [ADR-0011](0011-x.md))", 11),
        ("廃止 (Superseded by [ADR-0011](./0011-x.md))", 11),
        ("Rejected (superseded by ADR-0004)", 4),
        // The successor before the verb: "deprecated: replaced by ADR-0003".
        (
            "⛔ 已废弃 —— 被 [ADR-0003](0003-x.md) 取代（2026-07-30）",
            3,
        ),
        ("被 ADR-0003 替代", 3),
        ("廃止（ADR-0005 に置換）", 5),
        ("ADR-0007으로 대체됨", 7),
    ] {
        let (kind, successor, _) = Status::read(raw);
        assert_eq!(kind, StatusKind::Superseded, "{raw}");
        assert_eq!(successor.and_then(|r| r.number), Some(number), "{raw}");
    }
    // Without a record before or after it, the word stands.
    for raw in ["已取代", "被取代", "已取代，见 [ADR-0001](0001-a.md)"] {
        assert_eq!(Status::read(raw).0, StatusKind::Superseded, "{raw}");
    }
    assert_eq!(
        Status::read("已取代，见 [ADR-0001](0001-a.md)")
            .1
            .unwrap()
            .number,
        Some(1)
    );
    assert_eq!(
        Status::read("Accepted (superseded by nothing)").0,
        StatusKind::Accepted
    );
}

#[test]
fn superseded_forms_name_their_record() {
    for (raw, number) in [
        ("superseded by [ADR-0002](0002-x.md)", 2),
        ("Superseded by ADR-0002", 2),
        ("superseded by 0002", 2),
        ("Superseded by [2. Title](0002-title.md)", 2),
        (
            "Superseded by [DNS Infrastructure](0015-dns-infrastructure.md)",
            15,
        ),
        ("superseded by #12", 12),
        ("Superceded by [2. New](0002-new.md)", 2),
    ] {
        let (kind, reference) = Status::classify(raw);
        assert_eq!(kind, StatusKind::Superseded, "{raw}");
        assert_eq!(reference.and_then(|r| r.number), Some(number), "{raw}");
    }
    let (kind, reference) = Status::classify(
        "superseded by [20201016-use-the-adr-slug-as-its-unique-id](20201016-use-the-adr-slug-as-its-unique-id.md)",
    );
    assert_eq!(kind, StatusKind::Superseded);
    let reference = reference.unwrap();
    assert_eq!(reference.number, None);
    assert_eq!(
        reference.slug.as_deref(),
        Some("use-the-adr-slug-as-its-unique-id")
    );
    assert_eq!(
        Status::classify("superseded"),
        (StatusKind::Superseded, None)
    );
    // Lowercasing `İ` adds a byte: no offset of the lowercased copy is used on the text.
    for raw in [
        "superseded by İ",
        "Superseded by İİİ ADR-0002",
        "superseded İ",
    ] {
        assert_eq!(Status::classify(raw).0, StatusKind::Superseded, "{raw}");
    }
}
