use super::*;

fn filled(status: Option<&str>) -> Filled<'_> {
    Filled {
        number: 12,
        title: "Ereignisse über Kafka",
        date: "2026-12-06",
        status,
        front_matter_title: None,
    }
}

#[test]
fn a_german_template_is_filled_in_its_own_words() {
    let template = "# ADR-0000: Vorlage\n\nDatum: JJJJ-MM-TT\n\n## Status\n\nVorgeschlagen | Akzeptiert | Abgelehnt\n\n## Kontext\n\nText.\n\n## Referenzen\n\nLinks.\n";
    assert_eq!(
        fill(template, &filled(None)),
        "# ADR-0012: Ereignisse über Kafka\n\nDatum: 2026-12-06\n\n## Status\n\nVorgeschlagen\n\n## Kontext\n\nText.\n\n## Referenzen\n\nLinks.\n"
    );
}

/// Review I (Decentraland's `.TEMPLATE.md`): the number key takes the number, the line
/// the template says to remove is removed, and the status is the first stage the template
/// offers (its records never say `proposed`), without the comment after it.
#[test]
fn front_matter_takes_the_number_and_drops_the_line_to_remove() {
    let template = "---\nlayout: adr\nadr: 0 # replace this number for the PR or ISSUE number\ntitle: Title of the ADR\nstatus: Idea, Draft # pick one of these\n# remove the following line! it exists to render the template nicely\nslug: /adr/TEMPLATE\n---\n\n## Abstract\n\nAbstract text.\n";
    assert_eq!(
        fill(template, &filled(None)),
        "---\nlayout: adr\nadr: 12\ntitle: Ereignisse über Kafka\nstatus: Idea\n---\n\n## Abstract\n\nAbstract text.\n"
    );
}

/// Review I (Wikibase): `# 35) Use X {#adr_0035}` numbers the next title `36) … {#adr_0036}`.
#[test]
fn a_title_numbered_with_a_parenthesis_and_an_id_keeps_both() {
    let shape_of = |name: &str, text: &str| {
        let file = crate::discover::FileName::parse(name).unwrap();
        let source = crate::source::SourceFile::new(name, text.to_string());
        let record = crate::parse::parse_record(source, name.into(), file).unwrap();
        TitleShape::of(&record).map(|shape| shape.title(36, "Use Y"))
    };
    assert_eq!(
        shape_of("0035-use-x.md", "# 35) Use X {#adr_0035}\n\nText.\n").as_deref(),
        Some("36) Use Y {#adr_0036}")
    );
}

/// Review I (Wikibase): the template's status is a list of choices with commas.
#[test]
fn a_status_listed_with_commas_is_a_choice() {
    let template = "# N) Title\n\nDate: YYYY-MM-DD\n\n## Status\n\nproposed, accepted, rejected, deprecated, superseded, ...\n\n## Context\n\n...\n";
    assert_eq!(
        fill(template, &filled(None)),
        "# Ereignisse über Kafka\n\nDate: 2026-12-06\n\n## Status\n\nproposed\n\n## Context\n\n...\n"
    );
}

/// A template whose status is a draft, alone or among choices, gives a draft; `proposed`
/// only when it offers no early stage.
#[test]
fn a_draft_is_the_status_of_a_template_that_offers_no_proposal() {
    let with_status = |status: &str| {
        fill(
            &format!("---\nstatus: {status}\n---\n\n# Title\n"),
            &filled(None),
        )
    };
    assert_eq!(
        with_status("draft"),
        "---\nstatus: draft\n---\n\n# Ereignisse über Kafka\n"
    );
    assert_eq!(
        with_status("Entwurf | Akzeptiert"),
        "---\nstatus: Entwurf\n---\n\n# Ereignisse über Kafka\n"
    );
    assert_eq!(
        with_status("Akzeptiert | Vorgeschlagen | Entwurf"),
        "---\nstatus: Vorgeschlagen\n---\n\n# Ereignisse über Kafka\n"
    );
    assert_eq!(
        with_status("Accepted | Rejected"),
        "---\nstatus: proposed\n---\n\n# Ereignisse über Kafka\n"
    );
}

#[test]
fn front_matter_takes_status_and_date_and_keeps_every_other_key() {
    let template = "---\r\nstatus: draft\r\ndate: '2025-11-03'\r\nowner: 'team:architecture'\r\n---\r\n\r\n# ADR-0000: Template\r\n\r\n## Status\r\n\r\nVorgeschlagen | **Akzeptiert**\r\n";
    assert_eq!(
        fill(template, &filled(Some("accepted"))),
        "---\r\nstatus: accepted\r\ndate: 2026-12-06\r\nowner: 'team:architecture'\r\n---\r\n\r\n# ADR-0012: Ereignisse über Kafka\r\n\r\n## Status\r\n\r\naccepted\r\n"
    );
}

#[test]
fn comments_tables_labelled_and_quoted_status_lines_are_filled_as_the_log_means_them() {
    for (template, filled_in) in [
        // The example title in the guidance comment is the template's, not the title.
        (
            "<!--\n   # 99. Believe in ghosts\n-->\n\n# 0. Template\n\nDate: <!-- today -->\n",
            "<!--\n   # 99. Believe in ghosts\n-->\n\n# 12. Ereignisse über Kafka\n\nDate: 2026-12-06\n",
        ),
        (
            "# T\n\n| | |\n| --- | --- |\n| Date | insert data |\n| Status | Approved |\n",
            "# Ereignisse über Kafka\n\n| | |\n| --- | --- |\n| Date | 2026-12-06 |\n| Status | proposed |\n",
        ),
        (
            "# T\n\n## Status\n- **提案日**: YYYY-MM-DD\n- **状態**: [Draft | Proposed | Accepted]\n",
            "# Ereignisse über Kafka\n\n## Status\n- **提案日**: 2026-12-06\n- **状態**: Proposed\n",
        ),
        (
            "# T\n\n## Status\n\n> Accepted or Rejected\n>\n> Valid: Proposed, Accepted\n\n## Context\n\n> facts\n",
            "# Ereignisse über Kafka\n\n## Status\n\nproposed\n\n## Context\n\n> facts\n",
        ),
        (
            "# T\n\n## Status\n\n<adr-status status='accepted'></adr-status>\n",
            "# Ereignisse über Kafka\n\n## Status\n\n<adr-status status='proposed'></adr-status>\n",
        ),
        (
            "---\ntitle: ADR NNN - Template\nadr_status: \"\"\n---\n\n## Status\n\n{{ page.adr_status }}\n",
            "---\ntitle: Ereignisse über Kafka\nadr_status: proposed\n---\n\n## Status\n\n{{ page.adr_status }}\n",
        ),
    ] {
        assert_eq!(fill(template, &filled(None)), filled_in, "{template:?}");
    }
}

#[test]
fn an_unnumbered_template_title_stays_unnumbered() {
    let template = "# Titel der Entscheidung\n\n## Kontext\n\n```\n# not a title\n```\n";
    assert_eq!(
        fill(template, &filled(None)),
        "# Ereignisse über Kafka\n\n## Kontext\n\n```\n# not a title\n```\n"
    );
}

#[test]
fn a_title_is_reshaped_to_the_logs_numbering() {
    let shape = TitleShape {
        before: "ADR-".into(),
        width: 4,
        after: "：".into(),
        id: None,
    };
    assert_eq!(
        reshape_title(
            "# 12. 使用 Kafka\r\n\r\n## 背景\r\n",
            &shape,
            12,
            "使用 Kafka"
        ),
        "# ADR-0012：使用 Kafka\r\n\r\n## 背景\r\n"
    );
}

/// Review I (inovex): the template's explanation above its title, and the rule under it, are
/// not copied into the record; a comment above the title is.
#[test]
fn text_above_the_title_is_the_templates_and_is_left_out() {
    let template = "<!-- markdownlint-disable -->\nAn architectural decision record (ADR) is a document.\n\nThis template is based on [MADR](https://adr.github.io).\n\n---\n\n# Title\n\n- Status: proposed\n\n## Context\n\nText.\n";
    assert_eq!(
        fill(template, &filled(None)),
        "<!-- markdownlint-disable -->\n# Ereignisse über Kafka\n\n- Status: proposed\n\n## Context\n\nText.\n"
    );
    // Text under a heading that comes first is the record's, title or not.
    let sections_first = "## Context\n\nText.\n\n# Title\n";
    assert_eq!(
        fill(sections_first, &filled(None)),
        "## Context\n\nText.\n\n# Ereignisse über Kafka\n"
    );
}

/// Review K (tytsxai/exchange-platform's `ADR-模板.md`): the template's own dates, its
/// "template" tag and its summary of itself are not the new record's; a layout naming a
/// template is the site's, kept.
#[test]
fn the_templates_own_dates_tags_and_summary_are_not_kept() {
    let template = "---\ntitle: ADR-模板\ntags:\n  - ADR\n  - 模板\nsummary: >\n  架构决策记录模板：用于记录关键选择。\ncreated: 2025-12-21\nupdated: '2025-12-21'\nlayout: adr-template\nkeywords: [ADR, template]\nowner: me\n---\n\n# ADR-模板\n\n## 背景\n\n- 问题是什么：\n";
    assert_eq!(
        fill(template, &filled(None)),
        "---\ntitle: Ereignisse über Kafka\ntags:\n  - ADR\nsummary: \"\"\ncreated: 2026-12-06\nupdated: '2026-12-06'\nlayout: adr-template\nkeywords: [ADR]\nowner: me\n---\n\n# Ereignisse über Kafka\n\n## 背景\n\n- 问题是什么：\n"
    );
}

/// Review K (alidurmus/collective-memory): a date and a status filled in on lines that end
/// in Markdown's line break keep it, or the lines run together into one paragraph.
#[test]
fn a_filled_line_keeps_its_line_break() {
    let template = "# ADR-XXX: [Karar Başlığı]\n\n**Tarih:** 12 Temmuz 2025  \n**Durum:** [Proposed/Accepted/Rejected]  \n**Karar Veren:** [Team Lead]\n";
    assert_eq!(
        fill(template, &filled(None)),
        "# Ereignisse über Kafka\n\n**Tarih:** 2026-12-06  \n**Durum:** Proposed  \n**Karar Veren:** [Team Lead]\n"
    );
}
