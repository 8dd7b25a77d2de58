//! MyST (Sphinx) syntax that reads as text in CommonMark: a target line `(adr-0011)=`
//! above a heading names it for cross-references (bo-tech's log), and printed it stood as a
//! paragraph at the top of every record page.

use std::borrow::Cow;

/// `markdown` with each target line outside code blocks blanked, byte for byte (offsets
/// into the text stay as they were).
pub(super) fn targets_blanked(markdown: Cow<'_, str>) -> Cow<'_, str> {
    if !markdown.contains(")=") {
        return markdown;
    }
    let mut in_fence = false;
    let mut blanked = String::with_capacity(markdown.len());
    let mut changed = false;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && crate::parse::heading_id::is_myst_target(trimmed) {
            changed = true;
            // A space per byte, so every later offset is where it was.
            let content = line.trim_end_matches(['\n', '\r']);
            blanked.extend(std::iter::repeat_n(' ', content.len()));
            blanked.push_str(line.get(content.len()..).unwrap_or_default());
        } else {
            blanked.push_str(line);
        }
    }
    match changed {
        true => Cow::Owned(blanked),
        false => markdown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_line_is_blanked_and_offsets_stay() {
        let text = "(adr-0011)=\n# Title\n\n```\n(kept)=\n```\nSee (a)= here.\n";
        let blanked = targets_blanked(Cow::Borrowed(text));
        assert_eq!(
            blanked,
            "           \n# Title\n\n```\n(kept)=\n```\nSee (a)= here.\n"
        );
        assert_eq!(blanked.len(), text.len());
    }
}
