//! Unified diffs of the changes a command would make, for the dry runs of `adr migrate` and
//! `adr renumber`: what `git diff` would show after `--write`, so it can be reviewed or
//! piped to `patch -p1`. Producing the new text is the caller's job.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::io::{self, Write};

/// The unified diff from `old` to `new`, with `a/` and `b/` headers as git writes them;
/// empty when the texts are equal.
pub fn unified(old_path: &str, new_path: &str, old: &str, new: &str) -> String {
    if old == new && old_path == new_path {
        return String::new();
    }
    let diff = similar::TextDiff::from_lines(old, new);
    let mut text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{old_path}"), &format!("b/{new_path}"))
        .to_string();
    if old == new {
        // A pure rename: git's header says so; there is no hunk to show.
        text = format!("rename from {old_path}\nrename to {new_path}\n");
    } else if old_path != new_path {
        text = format!("rename from {old_path}\nrename to {new_path}\n{text}");
    }
    text
}

/// Writes a diff, colouring removed lines red and added lines green when `color` is set.
pub fn write(out: &mut dyn Write, diff: &str, color: bool) -> io::Result<()> {
    if !color {
        return out.write_all(diff.as_bytes());
    }
    let red = anstyle::AnsiColor::Red.on_default();
    let green = anstyle::AnsiColor::Green.on_default();
    let cyan = anstyle::AnsiColor::Cyan.on_default();
    let bold = anstyle::Style::new().bold();
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("+++") || line.starts_with("---") {
            bold
        } else if line.starts_with('+') {
            green
        } else if line.starts_with('-') {
            red
        } else if line.starts_with("@@") {
            cyan
        } else {
            anstyle::Style::new()
        };
        let content = line.trim_end_matches('\n');
        let ending = line.get(content.len()..).unwrap_or_default();
        write!(out, "{style}{content}{style:#}{ending}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_have_git_headers() {
        assert_eq!(
            unified("docs/adr/1.md", "docs/adr/1.md", "a\nb\n", "a\nc\n"),
            "--- a/docs/adr/1.md\n+++ b/docs/adr/1.md\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        );
        assert_eq!(unified("x.md", "x.md", "same\n", "same\n"), "");
        assert_eq!(
            unified("0007-a.md", "0008-a.md", "same\n", "same\n"),
            "rename from 0007-a.md\nrename to 0008-a.md\n"
        );
    }
}
