//! Titles to file-name slugs: lowercase, words joined by `-`, cut at a word boundary. ASCII
//! (transliterated by `deunicode`, so `Über Café` is `uber-cafe`) unless the log already
//! names its records in other scripts (`0019-添加-e2e-测试.md`), where the letters are kept.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

/// Slugs stay short enough that `0001-` plus the slug reads well in a file listing.
pub const MAX_SLUG_LEN: usize = 60;

/// The ASCII slug of a title; empty when the title has no letters or digits. A Japanese
/// title (one with kana) keeps its script: `deunicode` reads kanji in Mandarin (`異常検知`
/// became `yi-chang-jian-zhi`, HikaruEgashira/pleno-audit), which no reader of the title
/// would recognise.
pub fn slugify(title: &str) -> String {
    if title.chars().any(is_kana) {
        return slugify_unicode(title);
    }
    let ascii = deunicode::deunicode(title).to_lowercase();
    join_words(ascii.split(|c: char| !c.is_ascii_alphanumeric()), '-')
}

/// Hiragana or katakana, which Chinese text does not use.
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}')
}

/// The slug of a title keeping letters and digits of every script (`添加-e2e-测试`), for
/// logs whose records are already named that way. At most [`MAX_SLUG_LEN`] characters.
pub fn slugify_unicode(title: &str) -> String {
    let lower = title.to_lowercase();
    join_words(lower.split(|c: char| !c.is_alphanumeric()), '-')
}

/// A title's words as a file name of a log named `001 - Title.md`
/// ([`crate::discover::NamingScheme::Worded`]): spaces and capitals kept, the characters a
/// file name cannot hold on some system (`/`, `:`, `?` …) left out, at most
/// [`MAX_SLUG_LEN`] characters.
pub fn title_words(title: &str) -> String {
    let unfit = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    };
    join_words(title.split(unfit), ' ')
}

/// Words joined by `joint`, as many as fit in [`MAX_SLUG_LEN`] characters; a first word
/// longer than that is cut at a character boundary.
fn join_words<'a>(words: impl Iterator<Item = &'a str>, joint: char) -> String {
    let mut slug = String::new();
    let mut length = 0;
    for word in words.filter(|word| !word.is_empty()) {
        let word_length = word.chars().count();
        let needed = if slug.is_empty() {
            word_length
        } else {
            word_length + 1
        };
        if length + needed > MAX_SLUG_LEN {
            if slug.is_empty() {
                slug.extend(word.chars().take(MAX_SLUG_LEN));
            }
            break;
        }
        if !slug.is_empty() {
            slug.push(joint);
        }
        slug.push_str(word);
        length += needed;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(slugify("Über Café"), "uber-cafe");
        assert_eq!(
            slugify("Use FastAPI Web Framework"),
            "use-fastapi-web-framework"
        );
        assert_eq!(slugify("  ../etc/passwd  "), "etc-passwd");
        assert_eq!(slugify("Node.js vs. Deno!"), "node-js-vs-deno");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("日本語"), "ri-ben-yu");
        assert_eq!(slugify("WebGPUによる異常検知"), "webgpuによる異常検知");
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= MAX_SLUG_LEN && !long.ends_with('-'), "{long}");
        assert_eq!(slugify(&"x".repeat(100)).len(), MAX_SLUG_LEN);
    }

    #[test]
    fn unicode_slugs_keep_every_script() {
        assert_eq!(slugify_unicode("添加 E2E 测试"), "添加-e2e-测试");
        assert_eq!(slugify_unicode("Über die Größe!"), "über-die-größe");
        assert_eq!(slugify_unicode("Use \u{212A}elvin"), "use-kelvin");
        assert_eq!(slugify_unicode("!!!"), "");
        assert_eq!(
            slugify_unicode(&"测".repeat(100)).chars().count(),
            MAX_SLUG_LEN
        );
    }
}
