//! Step 3 of building a record: its style (MADR 4, MADR 2, Nygard, …), decided from its
//! headings (every ATX heading, also those a metadata load did not parse), its front
//! matter and the legacy metadata forms of its preamble.

use crate::model::{FrontMatter, Record, Section, Style};
use crate::source::Span;

/// What the legacy metadata forms of the preamble said, for deciding the style.
pub(super) struct LegacyMetadata {
    pub(super) has_bullets: bool,
    pub(super) has_lines: bool,
}

/// Step 3, the style (MADR, Nygard, …) from the headings and metadata forms; and the title
/// from the front matter when the first H1 is a section (`# Context`). `later_headings` are
/// the ATX headings after `first_h2` that a metadata load did not parse.
pub(super) fn read_style(
    record: &mut Record,
    sections: &[Section],
    (first_h2, later_headings): (usize, Vec<(u8, String)>),
    front_matter: Option<&FrontMatter>,
    legacy: &LegacyMetadata,
) {
    let style_sections: Vec<Section>;
    let sections_for_style = if later_headings.is_empty() {
        sections
    } else {
        style_sections = sections
            .iter()
            .filter(|section| section.span.start < first_h2)
            .cloned()
            .chain(later_headings.into_iter().map(|(level, title)| {
                let empty = Span::empty(first_h2);
                Section::new(level, title, empty, empty, empty, 0)
            }))
            .collect();
        &style_sections
    };
    let has_status_section = sections_for_style
        .iter()
        .any(|section| section.level >= 2 && is_status_part(section, sections_for_style));
    record.style = decide_style(
        sections_for_style,
        front_matter,
        legacy.has_bullets,
        has_status_section,
        legacy.has_lines,
    );
    // `# Context` under a front-matter `title:` is a section; the title is the front matter's.
    // So is an H1 after the record's `##` sections (`# Participants` at the end, after a
    // `---`: Decentraland, 7 of 177 records titled by a late section).
    if let (Some(title), Some(front_matter_title)) = (&record.title, &record.front_matter_title)
        && (is_section_title(&title.value) || title.span.start > first_h2)
    {
        record.title = Some(front_matter_title.clone());
        record.title_number = None;
    }
}

/// MADR's own section names.
const MADR_SECTIONS: [&str; 5] = [
    "Context and Problem Statement",
    "Considered Options",
    "Decision Outcome",
    "Decision Drivers",
    "Pros and Cons of the Options",
];

/// MADR 1's sections (2017-18), which named options alternatives and had no heading for
/// the context: it is the text under the title.
const MADR1_SECTIONS: [&str; 3] = [
    "Considered Alternatives",
    "Decision Outcome",
    "Pros and Cons of the Alternatives",
];

/// Whether `section` (one of `sections`) is a record's status part: `## Status`, or a level
/// down, below the record's top heading (`#### Status` under `### ADR-002 Title`); not a
/// deep heading that names a command or a field (`###### status`, `### Item: fixed field
/// 88 (status)`, wellcomecollection's RFCs), whose text is no status.
pub(crate) fn is_status_part(section: &Section, sections: &[Section]) -> bool {
    let top = sections.iter().map(|other| other.level).min().unwrap_or(1);
    let title = section.title.trim_end().trim_end_matches([':', '：']);
    section.level <= top + 2 && !title.contains([':', '：']) && section.is_named("Status")
}

/// The sections of an adr-tools/Nygard record.
const NYGARD_SECTIONS: [&str; 4] = ["Status", "Context", "Decision", "Consequences"];

/// Headings that name a part of a record, not the decision: an H1 reading one of these is
/// a section, and the front-matter `title` is the record's title.
const SECTION_TITLES: [&str; 20] = [
    "Context",
    "Decision",
    "Status",
    "Consequences",
    "Context and Problem Statement",
    "Decision Outcome",
    "Considered Options",
    "Decision Drivers",
    "Pros and Cons of the Options",
    "Abstract",
    "Summary",
    "Background",
    "Problem",
    "Problem Statement",
    "Solution",
    "Motivation",
    "Overview",
    "Introduction",
    "Rationale",
    "Specification",
];

/// Whether an H1 names a part of a record (`# Context`) rather than the decision.
pub(crate) fn is_section_title(title: &str) -> bool {
    let key = crate::vocabulary::heading_name(title);
    // In any language the tables read (`Consequências`).
    let key = crate::vocabulary::english_heading(&key).map_or(key, crate::model::normalize_heading);
    SECTION_TITLES
        .iter()
        .any(|name| key == crate::model::normalize_heading(name))
}

/// The ATX headings of `text` (`## Context`), outside fenced code, with their level and
/// text: what a metadata load needs of the body it does not parse to decide the style.
/// Setext headings, and headings inside lists or quotes, are left out, as a record's
/// sections never are those.
pub(super) fn atx_headings(text: &str) -> Vec<(u8, String)> {
    let mut headings = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim_start_matches(' ');
        if indent > 3 {
            continue;
        }
        let fence_char = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        if let Some(c) = fence_char {
            let run = trimmed.chars().take_while(|&x| x == c).count();
            if run >= 3 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((open, length))
                        if open == c
                            && run >= length
                            && trimmed.trim_end().chars().all(|x| x == c) =>
                    {
                        fence = None;
                    }
                    Some(_) => {}
                }
                continue;
            }
        }
        if fence.is_some() {
            continue;
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if !(1..=6).contains(&hashes) {
            continue;
        }
        let rest = trimmed.get(hashes..).unwrap_or_default();
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            continue;
        }
        let text = rest.trim().trim_end_matches('#').trim_end();
        headings.push((hashes as u8, collapse_inline(text)));
    }
    headings
}

/// Heading text without the inline markup a parse would drop (`**`, `` ` ``, `_`).
fn collapse_inline(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '*' | '`'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The record's layout, from its structure: the headings it has and the metadata lines it
/// writes, not whether it has front matter (a record with YAML front matter laid out as
/// Abstract / Context / Decision / Consequences is not MADR). A layout that is neither
/// MADR nor Nygard is [`Style::Other`], a custom one.
fn decide_style(
    sections: &[Section],
    front_matter: Option<&FrontMatter>,
    has_bullets: bool,
    has_status_section: bool,
    has_metadata_lines: bool,
) -> Style {
    let count = |names: &[&str], max_level: u8| {
        names
            .iter()
            .filter(|name| {
                sections
                    .iter()
                    .any(|section| section.level <= max_level && section.is_named(name))
            })
            .count()
    };
    let madr_headings = count(&MADR_SECTIONS, 6);
    let nygard_headings = count(&NYGARD_SECTIONS, 2);
    // `* Status:` bullets are MADR 2's, unless the sections are adr-tools' own (Context,
    // Decision, Consequences) and none is MADR's: a Nygard record with its status in a bullet.
    // Two of the three are enough: Trendyol's records that lack `## Consequences` were read
    // as MADR 2 and asked for `Considered Options`, which no record of that log has.
    if has_bullets {
        let nygard_parts = count(&NYGARD_SECTIONS[1..], 2);
        return if madr_headings == 0 && nygard_parts >= 2 {
            Style::Nygard
        } else {
            Style::Madr2
        };
    }
    let has_madr_keys = front_matter.is_some_and(|front_matter| {
        ["decision-makers", "deciders", "consulted", "informed"]
            .iter()
            .any(|key| front_matter.get(key).is_some())
    });
    // MADR 1 writes alternatives where later versions write options, and no context
    // heading; a record naming options, or a context, is a later MADR's. Headings as
    // written: the vocabulary reads `Considered Alternatives` as `Considered Options`.
    let written = |names: &[&str]| {
        names
            .iter()
            .filter(|name| {
                let name = crate::model::normalize_heading(name);
                sections.iter().any(|section| {
                    section.level <= 2 && crate::model::normalize_heading(&section.title) == name
                })
            })
            .count()
    };
    let names_options = written(&["Considered Options", "Context and Problem Statement"]) > 0
        || count(&["Context and Problem Statement"], 6) > 0;
    let names_alternatives = written(&[
        "Considered Alternatives",
        "Pros and Cons of the Alternatives",
    ]) > 0;
    if names_alternatives
        && !names_options
        && written(&MADR1_SECTIONS) >= 2
        && !has_madr_keys
        && !has_status_section
    {
        return Style::Madr1;
    }
    let is_madr = madr_headings >= 2
        || (madr_headings == 1 && nygard_headings < 2)
        || (has_madr_keys && nygard_headings < 2);
    if is_madr {
        return match front_matter {
            Some(front_matter)
                if front_matter.get("deciders").is_some()
                    && front_matter.get("decision-makers").is_none() =>
            {
                Style::Madr3
            }
            Some(_) => Style::Madr4,
            None => Style::MadrBare,
        };
    }
    if nygard_headings >= 2 || has_status_section || (nygard_headings == 1 && has_metadata_lines) {
        return Style::Nygard;
    }
    // No section to go by: front matter is MADR 4's metadata, the default layout.
    if front_matter.is_some() && !sections.iter().any(|section| section.level >= 2) {
        return Style::Madr4;
    }
    Style::Other
}
