//! Code blocks highlighted at build time: each `<pre><code class="language-X">` of a
//! rendered body whose language syntect knows becomes spans with classes (`hl-keyword`,
//! `hl-string` …) that the stylesheet colours for light and dark mode. No script, no inline
//! style. It runs on the sanitised body: the block's text is taken back from its escaped
//! form and handed to syntect, which escapes it again; the only markup added is `<span
//! class="…">` with class names from syntect's built-in grammars, never from the record.

#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const OPEN: &str = "<pre><code class=\"language-";
const CLOSE: &str = "</code></pre>";
/// Blocks longer than this stay plain: highlighting is for reading, not for data dumps.
const MAX_BLOCK_BYTES: usize = 64 * 1024;

/// The grammars, loaded on the first block that needs them.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `html` with every code block of a known language highlighted; `None` when nothing
/// changed (no such block).
pub(crate) fn highlight_code_blocks(html: &str) -> Option<String> {
    if !html.contains(OPEN) {
        return None;
    }
    let mut out = String::with_capacity(html.len() + html.len() / 2);
    let mut rest = html;
    let mut changed = false;
    while let Some(start) = rest.find(OPEN) {
        let (before, block) = rest.split_at_checked(start)?;
        out.push_str(before);
        let after_open = block.get(OPEN.len()..)?;
        let Some((language, after_language)) = after_open.split_once("\">") else {
            out.push_str(block);
            return Some(out);
        };
        let Some(end) = after_language.find(CLOSE) else {
            out.push_str(block);
            return Some(out);
        };
        let code = after_language.get(..end)?;
        let highlighted = highlighted(language, code);
        out.push_str(OPEN);
        out.push_str(language);
        out.push_str("\">");
        match highlighted {
            Some(spans) => {
                changed = true;
                out.push_str(&spans);
            }
            None => out.push_str(code),
        }
        out.push_str(CLOSE);
        rest = after_language.get(end + CLOSE.len()..)?;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The escaped text of a block of `language` as highlighted HTML, or `None` when the
/// language is unknown (or a diagram, drawn instead).
fn highlighted(language: &str, escaped: &str) -> Option<String> {
    if language == "mermaid" || escaped.len() > MAX_BLOCK_BYTES || language.is_empty() {
        return None;
    }
    let token = unescape(language);
    let syntaxes = syntaxes();
    let syntax = syntaxes
        .find_syntax_by_token(&token)
        .or_else(|| syntaxes.find_syntax_by_token(&token.to_ascii_lowercase()))?;
    let code = unescape(escaped);
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(&code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The text pulldown-cmark escaped (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`).
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_and_text_stays_escaped() {
        let html = "<p>x</p>\n<pre><code class=\"language-rust\">// &lt;script&gt;alert(1)&lt;/script&gt;\nfn main() { let s = &quot;a&amp;b&quot;; }\n</code></pre>\n<pre><code class=\"language-nosuchlang\">&lt;b&gt;\n</code></pre>\n";
        let out = highlight_code_blocks(html).unwrap();
        assert!(
            out.starts_with(
                "<p>x</p>\n<pre><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"
            ),
            "{out}"
        );
        assert!(
            out.contains("<span class=\"hl-comment hl-line hl-double-slash hl-rust\">"),
            "{out}"
        );
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>"),
            "{out}"
        );
        assert!(out.contains("a&amp;b"), "{out}");
        // An unknown language is left as it was.
        assert!(
            out.ends_with("<pre><code class=\"language-nosuchlang\">&lt;b&gt;\n</code></pre>\n"),
            "{out}"
        );
        assert_eq!(
            highlight_code_blocks("<pre><code>plain\n</code></pre>"),
            None
        );
        assert_eq!(
            highlight_code_blocks("<pre><code class=\"language-mermaid\">graph TD\n</code></pre>"),
            None
        );
    }
}
