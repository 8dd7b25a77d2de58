//! File names read as records: every scheme, and what is not one.
use super::*;

fn number(name: &str) -> Option<u32> {
    FileName::parse(name).and_then(|file| file.number)
}

#[test]
fn reads_every_naming_scheme() {
    assert_eq!(number("0001-use-fastapi.md"), Some(1));
    assert_eq!(number("00011-remote-access.md"), Some(11));
    assert_eq!(number("12345-wide.md"), Some(12345));
    assert_eq!(number("adr-012-slug.md"), Some(12));
    assert_eq!(number("ADR-12-slug.md"), Some(12));
    assert_eq!(number("ADR-12.md"), Some(12));
    assert_eq!(number("adr-1.md"), Some(1));
    assert_eq!(FileName::parse("ADR-12.md").unwrap().slug, "adr-12");
    let dated = FileName::parse("20200925-use-prettier.md").unwrap();
    assert_eq!(
        (dated.number, dated.date.as_deref(), dated.slug.as_str()),
        (None, Some("2020-09-25"), "use-prettier")
    );
    let dashed = FileName::parse("2020-09-25-use-prettier.md").unwrap();
    assert_eq!(
        dashed.scheme,
        NamingScheme::Dated {
            compact: false,
            time_digits: 0
        }
    );
    assert_eq!(FileName::parse("notes.md"), None);
    assert_eq!(FileName::parse("0001-x.txt"), None);
    assert_eq!(FileName::parse("adrx.md"), None);
    assert_eq!(number("ODH-ADR-0007-gitops.md"), Some(7));
    assert_eq!(number("ODH-ADR-Operator-0011-perses.md"), Some(11));
    assert_eq!(number("adr001-renovate-ignore-lombok.md"), Some(1));
    assert_eq!(number("use-python-3.md"), None);
    let listed = FileName::parse("001. Enregistrement des décisions.md").unwrap();
    assert_eq!(
        (listed.number, listed.slug.as_str()),
        (Some(1), "Enregistrement des décisions")
    );
    assert_eq!(number("012.Écrire.md"), Some(12));
    assert_eq!(
        number("nr.-002-auswahl-der-softwarearchitektur.md"),
        Some(2)
    );
    assert_eq!(number("Nr-3-x.md"), Some(3));
    assert_eq!(FileName::parse("no-3-x.md"), None);
    assert_eq!(FileName::parse("1.2-notes.md"), None);
    assert_eq!(FileName::parse("3. .md"), None);
    let underscored = FileName::parse("2023-03-27_private_properties.md").unwrap();
    assert_eq!(underscored.date.as_deref(), Some("2023-03-27"));
}

#[test]
fn reads_the_number_after_a_date() {
    let read = |name: &str| {
        let file = FileName::parse(name).unwrap();
        (file.date, file.number, file.slug)
    };
    let expect =
        |date: &str, number, slug: &str| (Some(date.to_string()), number, slug.to_string());
    assert_eq!(
        read("2021-06-05_001-record-decisions.md"),
        expect("2021-06-05", Some(1), "record-decisions")
    );
    assert_eq!(
        read("20240105_003_use-nats.md"),
        expect("2024-01-05", Some(3), "use-nats")
    );
    assert_eq!(
        read("2021-06-05-012-x.md"),
        expect("2021-06-05", Some(12), "x")
    );
    // An unpadded number after a dash is the start of a log4brains slug.
    assert_eq!(
        read("2020-09-25-3-tier-architecture.md"),
        expect("2020-09-25", None, "3-tier-architecture")
    );
    assert_eq!(read("2023-03-27_2fa.md"), expect("2023-03-27", None, "2fa"));
    let scheme = FileName::parse("2021-06-05_001-x.md").unwrap().scheme;
    assert_eq!(
        FileName::format(&scheme, 35, "use-nats", "2025-11-23"),
        "2025-11-23_035-use-nats.md"
    );
    let compact = FileName::parse("20240105_003_x.md").unwrap().scheme;
    assert_eq!(
        FileName::format(&compact, 4, "y", "2025-11-23"),
        "20251123_004_y.md"
    );
}

// Issue #13: a name whose ninth or eleventh byte falls inside a character panicked.
#[test]
fn names_in_any_script_never_panic() {
    assert_eq!(number("0019-添加-e2e-测试.md"), Some(19));
    assert_eq!(
        FileName::parse("0019-添加-e2e-测试.md").unwrap().slug,
        "添加-e2e-测试"
    );
    for name in [
        "2024010添加.md",
        "2024-01-0添加.md",
        "20240102添加.md",
        "2024-01-02添.md",
        "添加.md",
        "ä.md",
    ] {
        let _ = FileName::parse(name);
    }
    let dated = FileName::parse("2024-01-02-添加.md").unwrap();
    assert_eq!(
        (dated.date.as_deref(), dated.slug.as_str()),
        (Some("2024-01-02"), "添加")
    );
}

#[test]
fn formats_in_the_log_scheme() {
    assert_eq!(
        FileName::format(&NamingScheme::Numbered { digits: 4 }, 7, "x", ""),
        "0007-x.md"
    );
    assert_eq!(
        FileName::format(&NamingScheme::Numbered { digits: 4 }, 12345, "x", ""),
        "12345-x.md"
    );
    let prefixed = NamingScheme::Prefixed {
        prefix: "adr-".into(),
        digits: 3,
        has_slug: true,
    };
    assert_eq!(FileName::format(&prefixed, 18, "y", ""), "adr-018-y.md");
    let bare = NamingScheme::Prefixed {
        prefix: "ADR-".into(),
        digits: 0,
        has_slug: false,
    };
    assert_eq!(FileName::format(&bare, 55, "y", ""), "ADR-55.md");
    assert_eq!(
        FileName::format(
            &NamingScheme::Dated {
                compact: true,
                time_digits: 0
            },
            0,
            "z",
            "2026-11-23"
        ),
        "20261123-z.md"
    );
}

#[test]
fn templates_and_readmes_are_not_records() {
    for name in [
        "README.md",
        "index.md",
        "template.md",
        "0000-template.md",
        "adr-template.md",
        "_adr-template.md",
        ".draft.md",
        "adr-NNN.md",
        ".TEMPLATE.md",
        "XXX-0000-template.md",
        "XXXX-title.md",
        "0000-modele-adr.md",
        "vorlage.md",
        "plantilla.md",
        "modelo.md",
        "模板.md",
        "ODH-ADR-0000-template.md",
        "adr-template-bare.md",
        "0000-ladr-template.md",
        "ADRXXX-architecture-decision-record-template.md",
        "ADR000-template.md",
        // The log's index under a name numbered 0 (tytsxai/exchange-platform).
        "ADR-000-索引.md",
        "0000-index.md",
        // Documents of the log in capitals (Cosmos SDK's process beside its records).
        "PROCESS.md",
        "CODE_OF_CONDUCT.md",
        "DECISION-LOG.md",
    ] {
        assert!(is_non_record_name(name), "{name}");
    }
    // Capitals with a number, or too short to be a word, may still be records.
    for name in ["ADR-12.md", "AB.md", "0001-index.md"] {
        assert!(!is_non_record_name(name), "{name}");
    }
    for name in [
        "0000-use-markdown-architectural-decision-records.md",
        "0001-x.md",
        // Issue #13: a slug part of three or more x or n hid the record.
        "0002-support-xxx-tokens.md",
        "0003-nnn-naming.md",
        "0004-use-a-template-engine.md",
        "0007-template.md",
        "adr-014-project-templates.md",
        "ADR012-choose-a-template.md",
        "0000-use-a-template-engine.md",
        "adrian-template.md",
    ] {
        assert!(!is_non_record_name(name), "{name}");
    }
}

#[test]
fn a_number_set_off_in_words_names_a_record_in_that_scheme() {
    let worded = |digits: usize, separator: &str| NamingScheme::Worded {
        digits,
        separator: separator.to_string(),
    };
    for (name, number, slug, scheme) in [
        ("001 - Monolith.md", 1, "Monolith", worded(3, " - ")),
        (
            "002 -  Object Paradigm.md",
            2,
            "Object Paradigm",
            worded(3, " - "),
        ),
        ("12 – Café.md", 12, "Café", worded(2, " – ")),
        (
            "003 -2FA for admins.md",
            3,
            "2FA for admins",
            worded(3, " -"),
        ),
        ("7. Use Rust.md", 7, "Use Rust", worded(1, ". ")),
        ("7.Use Rust.md", 7, "Use Rust", worded(1, ".")),
    ] {
        let file = FileName::parse(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(
            (file.number, file.slug.as_str(), &file.scheme),
            (Some(number), slug, &scheme),
            "{name}"
        );
        // The name made for a record of that number and slug is the name read.
        let normalised = name.replace(" -  ", " - ");
        assert_eq!(FileName::format(&scheme, number, slug, ""), normalised);
    }
    for name in [
        "1.2.md",
        "001 - .md",
        "001 Monolith.md",
        "001 -.md",
        "001 .md",
    ] {
        assert_eq!(FileName::parse(name), None, "{name}");
    }
}
