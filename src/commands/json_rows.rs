//! JSON arrays written to stdout a row at a time (`list`, `export`): at 100,000 records the
//! whole document as one string would be tens of megabytes.

use crate::Output;
use crate::error::{Error, Result};

/// Writes `rows` to stdout as a pretty-printed JSON array and a newline, one row at a time,
/// byte for byte what `serde_json::to_string_pretty` makes of the same rows in a `Vec`.
pub(crate) fn write_json_rows<T: serde::Serialize>(
    output: &mut Output<'_>,
    rows: impl Iterator<Item = T>,
) -> Result<()> {
    let rows = std::cell::RefCell::new(Some(rows));
    use std::io::Write as _;
    let mut writer = std::io::BufWriter::new(&mut *output.out);
    serde_json::to_writer_pretty(&mut writer, &Streamed(&rows)).map_err(json_write_error)?;
    writer
        .write_all(b"\n")
        .map_err(crate::error::output_error)?;
    writer.flush().map_err(crate::error::output_error)
}

/// A sequence serialized from an iterator taken on first use.
pub(crate) struct Streamed<'a, I>(pub &'a std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = T>, T: serde::Serialize> serde::Serialize for Streamed<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rows = self.0.borrow_mut().take();
        serializer.collect_seq(rows.into_iter().flatten())
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

    fn written<T: serde::Serialize + Clone>(rows: &[T]) -> String {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut output = Output {
            out: &mut out,
            err: &mut err,
            color: false,
        };
        write_json_rows(&mut output, rows.iter().cloned()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_rows_written_one_at_a_time_are_the_bytes_of_the_whole_array() {
        let rows = vec![
            serde_json::json!({"number": 1, "tags": ["a", "b"], "superseded_by": null}),
            serde_json::json!({"number": 2, "tags": [], "title": "Ünïcode \"quoted\""}),
        ];
        let whole = serde_json::to_string_pretty(&rows).unwrap() + "\n";
        assert_eq!(written(&rows), whole);
        let none: Vec<serde_json::Value> = Vec::new();
        assert_eq!(written(&none), "[]\n");
    }
}
