//! The search index: for each row of the index page, the distinct words of its record's
//! number, title, status, tags and body. Shipped as `assets/search-index.js`, a script that
//! assigns a global, because browsers refuse `fetch` of a JSON file from `file://`; the
//! index page's own script filters the table with it.

use serde::{Deserialize, Serialize};

/// One searchable record, in the order of the index table's rows.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// The record's page, relative to the site root (`u` in the index).
    pub url: &'a str,
    /// Distinct lowercase words, space-separated (`w` in the index).
    pub words: &'a str,
}

/// The bytes of `assets/search-index.js`: `{"version":1,"docs":[{"u":…,"w":…},…]}` assigned
/// to `window.ADR_SEARCH_INDEX`. At 10,000 records this is the largest file of the site, so
/// it is written into one buffer sized up front.
///
/// With it, for each doc, where its words stand in the file (byte offset and length) when
/// JSON left them as they are, as it does for words of letters and digits: the render cache
/// keeps these spans instead of a second copy of every word, and [`words_at`] reads them
/// back.
pub fn search_index_js(docs: &[SearchDoc<'_>]) -> (Vec<u8>, Vec<Option<WordsSpan>>) {
    let size: usize = docs
        .iter()
        .map(|doc| doc.url.len() + doc.words.len() + 16)
        .sum();
    let mut out = Vec::with_capacity(size + 64);
    let mut spans = Vec::with_capacity(docs.len());
    out.extend_from_slice(b"window.ADR_SEARCH_INDEX = {\"version\":1,\"docs\":[");
    for (position, doc) in docs.iter().enumerate() {
        if position > 0 {
            out.push(b',');
        }
        // Serialising a string into a Vec cannot fail.
        out.extend_from_slice(b"{\"u\":");
        let _ = serde_json::to_writer(&mut out, doc.url);
        out.extend_from_slice(b",\"w\":");
        let start = out.len() + 1;
        let _ = serde_json::to_writer(&mut out, doc.words);
        let written = out.len() - start - 1;
        spans.push(
            (written == doc.words.len())
                .then(|| WordsSpan::new(start, written))
                .flatten(),
        );
        out.push(b'}');
    }
    out.extend_from_slice(b"]};\n");
    (out, spans)
}

/// Where a doc's words stand in `assets/search-index.js`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordsSpan {
    start: u32,
    len: u32,
}

impl WordsSpan {
    fn new(start: usize, len: usize) -> Option<WordsSpan> {
        Some(WordsSpan {
            start: u32::try_from(start).ok()?,
            len: u32::try_from(len).ok()?,
        })
    }
}

/// The words at `span` of a search index written by [`search_index_js`]; `None` when the
/// span is not inside it, or not words.
pub fn words_at(index: &[u8], span: WordsSpan) -> Option<&str> {
    let start = span.start as usize;
    let bytes = index.get(start..start.checked_add(span.len as usize)?)?;
    let words = std::str::from_utf8(bytes).ok()?;
    let quoted = index.get(start.checked_sub(1)?) == Some(&b'"')
        && index.get(start + bytes.len()) == Some(&b'"');
    (quoted && !words.contains(['"', '\\'])).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_a_script_assigning_a_global() {
        let (js, _) = search_index_js(&[
            SearchDoc {
                url: "0001-a.html",
                words: "0001 use \"quotes\" </script>",
            },
            SearchDoc {
                url: "0002-b.html",
                words: "b",
            },
        ]);
        assert_eq!(
            String::from_utf8(js).unwrap(),
            "window.ADR_SEARCH_INDEX = {\"version\":1,\"docs\":[{\"u\":\"0001-a.html\",\"w\":\"0001 use \\\"quotes\\\" </script>\"},{\"u\":\"0002-b.html\",\"w\":\"b\"}]};\n"
        );
    }

    #[test]
    fn words_are_read_back_only_from_their_own_unescaped_span() {
        let (js, spans) = search_index_js(&[
            SearchDoc {
                url: "0001-a.html",
                words: "needs \"escaping\"",
            },
            SearchDoc {
                url: "0002-b.html",
                words: "größe 0002",
            },
        ]);
        assert_eq!(spans[0], None);
        let span = spans[1].unwrap();
        assert_eq!(words_at(&js, span), Some("größe 0002"));
        // A span that does not frame a JSON string, or runs past the end, reads nothing.
        let shifted = WordsSpan {
            start: span.start + 1,
            len: span.len,
        };
        assert_eq!(words_at(&js, shifted), None);
        let past = WordsSpan {
            start: span.start,
            len: 10_000,
        };
        assert_eq!(words_at(&js, past), None);
        assert_eq!(words_at(&js, WordsSpan { start: 0, len: 1 }), None);
    }
}
