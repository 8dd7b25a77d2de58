//! The search index: for each row of the index page, the distinct words of its record's
//! number, title, status, tags and body. Shipped as `assets/search-index.js`, a script that
//! assigns a global, because browsers refuse `fetch` of a JSON file from `file://`; the
//! index page's own script filters the table with it.

use std::io::Write;

use serde::{Deserialize, Serialize};

/// One searchable record, in the order of the index table's rows.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// The record's page, relative to the site root (`u` in the index).
    pub url: &'a str,
    /// Distinct lowercase words, space-separated (`w` in the index).
    pub words: &'a str,
}

/// Writes `assets/search-index.js` to `out`: `{"version":1,"docs":[{"u":…,"w":…},…]}`
/// assigned to `window.ADR_SEARCH_INDEX`. At 10,000 records it is the largest file of
/// the site (17 MB), written at the end of a render, when memory peaks: streamed, it is
/// never held whole.
///
/// Returns, for each doc, where its words stand in the file (byte offset and length) when
/// JSON left them as they are, as it does for words of letters and digits: the render cache
/// keeps these spans instead of a second copy of every word, and [`words_at`] reads them
/// back.
pub fn write_search_index(
    docs: &[SearchDoc<'_>],
    out: &mut dyn Write,
) -> std::io::Result<Vec<Option<WordsSpan>>> {
    let mut out = Counted { out, written: 0 };
    let mut spans = Vec::with_capacity(docs.len());
    out.write_all(b"window.ADR_SEARCH_INDEX = {\"version\":1,\"docs\":[")?;
    for (position, doc) in docs.iter().enumerate() {
        if position > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"u\":")?;
        serde_json::to_writer(&mut out, doc.url)?;
        out.write_all(b",\"w\":")?;
        let start = out.written + 1;
        serde_json::to_writer(&mut out, doc.words)?;
        let written = out.written - start - 1;
        spans.push(
            (written == doc.words.len())
                .then(|| WordsSpan::new(start, written))
                .flatten(),
        );
        out.write_all(b"}")?;
    }
    out.write_all(b"]};\n")?;
    Ok(spans)
}

/// A writer that counts what goes through it, for the spans.
struct Counted<'w> {
    out: &'w mut dyn Write,
    written: usize,
}

impl Write for Counted<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.written += written;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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

/// The words at `span` of a search index written by [`write_search_index`]; `None` when the
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

    fn search_index_js(docs: &[SearchDoc<'_>]) -> (Vec<u8>, Vec<Option<WordsSpan>>) {
        let mut out = Vec::new();
        let spans = write_search_index(docs, &mut out).unwrap();
        (out, spans)
    }

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
