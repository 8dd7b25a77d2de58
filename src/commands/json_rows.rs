//! JSON arrays written to stdout a row at a time (`list --format json`): at 100,000
//! records the whole document as one string would be tens of megabytes.

use crate::error::{Error, Result};

/// A JSON array written as rows arrive (from a load that pushes them), byte for byte what
/// `serde_json::to_string_pretty` makes of the same rows in a `Vec`, and a newline: each
/// row pretty-printed and indented one level.
pub(crate) struct JsonRows<W: std::io::Write> {
    writer: W,
    rows: usize,
}

impl<W: std::io::Write> JsonRows<W> {
    pub(crate) fn new(writer: W) -> JsonRows<W> {
        JsonRows { writer, rows: 0 }
    }

    pub(crate) fn push<T: serde::Serialize>(&mut self, row: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(row).map_err(json_write_error)?;
        let mut chunk = String::with_capacity(text.len() + text.len() / 8 + 8);
        chunk.push_str(if self.rows == 0 { "[\n" } else { ",\n" });
        // A JSON string holds no raw line break, so every line of the row is one to indent.
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                chunk.push('\n');
            }
            chunk.push_str("  ");
            chunk.push_str(line);
        }
        self.rows += 1;
        self.writer
            .write_all(chunk.as_bytes())
            .map_err(crate::error::output_error)
    }

    /// Closes the array (`[]` when no row came) with a newline, and flushes.
    pub(crate) fn finish(mut self) -> Result<()> {
        let end: &[u8] = if self.rows == 0 { b"[]\n" } else { b"\n]\n" };
        self.writer
            .write_all(end)
            .and_then(|()| self.writer.flush())
            .map_err(crate::error::output_error)
    }
}

/// A JSON writer's error: stdout failing (a closed pipe) or a value JSON cannot hold.
pub(crate) fn json_write_error(error: serde_json::Error) -> Error {
    if error.is_io() {
        crate::error::output_error(error.into())
    } else {
        Error::usage(format!("cannot write the output as JSON: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pushed(rows: &[serde_json::Value]) -> String {
        let mut out = Vec::new();
        let mut writer = JsonRows::new(&mut out);
        for row in rows {
            writer.push(row).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_pushed_one_at_a_time_are_the_bytes_of_the_whole_array() {
        let rows = [
            serde_json::json!({"number": 1, "tags": ["a", "b"], "superseded_by": null, "nested": {"x": [1, {"y": "z\nw"}]}}),
            serde_json::json!({"number": 2, "tags": [], "title": "Ünïcode \"quoted\""}),
        ];
        for count in 0..=rows.len() {
            let whole = serde_json::to_string_pretty(&rows[..count]).unwrap() + "\n";
            assert_eq!(pushed(&rows[..count]), whole);
        }
        assert_eq!(pushed(&[]), "[]\n");
    }
}
