//! The title of a log's own template: the heading that holds it, and the MyST label above
//! it.

/// How the template's title heading begins: `# `, or a level down when the template has no
/// H1 and opens with a heading above all its others (`### ADR-002 TITLE` over `#### Status`,
/// the log of a guidebook's chapter), as `crate::parse` reads a record's title.
pub(super) fn title_marker(lines: &[&str]) -> &'static str {
    const MARKERS: [&str; 6] = ["# ", "## ", "### ", "#### ", "##### ", "###### "];
    let mut in_fence = false;
    let mut levels = Vec::new();
    let mut first_text = None;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || trimmed.is_empty() {
            continue;
        }
        let level = MARKERS.iter().rposition(|marker| line.starts_with(marker));
        first_text.get_or_insert(level);
        levels.extend(level);
    }
    let Some(Some(first)) = first_text else {
        return MARKERS[0];
    };
    let below = levels.iter().skip(1).all(|&level| level > first);
    if first > 0 && below && levels.len() > 1 && !levels.contains(&0) {
        MARKERS[first]
    } else {
        MARKERS[0]
    }
}

/// A MyST label with the template's placeholder for the number (`NNNN`, `XXXX`) replaced by
/// `number`, as wide: `(adr-NNNN)=` → `(adr-0012)=`.
pub(super) fn numbered_label(line: &str, number: u32) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['N', 'X']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        // `N` and `X` are one byte each: the run's bytes are its characters.
        let run = from
            .bytes()
            .take_while(|b| matches!(b, b'N' | b'X'))
            .count();
        let (placeholder, after) = from.split_at(run);
        let bounded =
            !before.ends_with(char::is_alphanumeric) && !after.starts_with(char::is_alphanumeric);
        match run >= 3 && bounded {
            true => out.push_str(&format!("{number:0run$}")),
            false => out.push_str(placeholder),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether `value` holds a placeholder for a record's number: a run of three `X` or `N` or
/// more, as a word of its own (`ADR-XXX`, `NNNN`), as [`numbered_label`] fills it.
pub(super) fn has_number_placeholder(value: &str) -> bool {
    numbered_label(value, 0) != value
}
