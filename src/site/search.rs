//! The search index: for each row of the index page, the distinct words of its record's
//! number, title, status, tags and body. Shipped as `assets/search-index.js`, a script that
//! assigns a global, because browsers refuse `fetch` of a JSON file from `file://`; the
//! index page's own script filters the table with it.

use serde::Serialize;

/// One searchable record, in the order of the index table's rows.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc<'a> {
    /// The record's page, relative to the site root.
    #[serde(rename = "u")]
    pub url: &'a str,
    /// Distinct lowercase words, space-separated.
    #[serde(rename = "w")]
    pub words: &'a str,
}

/// The bytes of `assets/search-index.js`: `{"version":1,"docs":[{"u":…,"w":…},…]}` assigned
/// to `window.ADR_SEARCH_INDEX`. At 10,000 records this is the largest file of the site, so
/// it is written into one buffer sized up front.
pub fn search_index_js(docs: &[SearchDoc<'_>]) -> Vec<u8> {
    let size: usize = docs
        .iter()
        .map(|doc| doc.url.len() + doc.words.len() + 16)
        .sum();
    let mut out = Vec::with_capacity(size + 64);
    out.extend_from_slice(b"window.ADR_SEARCH_INDEX = {\"version\":1,\"docs\":[");
    for (position, doc) in docs.iter().enumerate() {
        if position > 0 {
            out.push(b',');
        }
        // Serialising a struct of two strings into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &doc);
    }
    out.extend_from_slice(b"]};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_a_script_assigning_a_global() {
        let js = search_index_js(&[
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
}
