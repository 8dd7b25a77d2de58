//! Titles to file-name slugs: ASCII (transliterated by `deunicode`, so `Über Café` is
//! `uber-cafe`), lowercase, words joined by `-`, cut at a word boundary.
#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

/// Slugs stay short enough that `0001-` plus the slug reads well in a file listing.
pub const MAX_SLUG_LEN: usize = 60;

/// The slug of a title; empty when the title has no letters or digits.
pub fn slugify(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_lowercase();
    let mut words = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty());
    let mut slug = String::new();
    for word in words.by_ref() {
        let needed = if slug.is_empty() {
            word.len()
        } else {
            word.len() + 1
        };
        if slug.len() + needed > MAX_SLUG_LEN {
            if slug.is_empty() {
                // deunicode's output is ASCII, but a cut inside a character must not panic.
                let cut = (0..=MAX_SLUG_LEN)
                    .rev()
                    .find(|&at| word.is_char_boundary(at))
                    .unwrap_or(0);
                slug.push_str(word.get(..cut).unwrap_or_default());
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
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
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= MAX_SLUG_LEN && !long.ends_with('-'), "{long}");
        assert_eq!(slugify(&"x".repeat(100)).len(), MAX_SLUG_LEN);
    }
}
