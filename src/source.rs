//! A file's text as it was read, with the byte spans and line/column lookups every other
//! module uses. Positions are computed here and nowhere else.

use std::ops::Range;
use std::path::PathBuf;

/// Where text added after `text` goes: past its last line that holds anything, with that
/// line's trailing spaces (two of them are a Markdown hard break, and moving them onto the
/// added line changes both lines), before the blank lines and the newline that end it.
pub fn content_end(text: &str) -> usize {
    let content = text.trim_end().len();
    if content == 0 {
        return 0;
    }
    let spaces = text
        .get(content..)
        .unwrap_or_default()
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    content + spaces
}

/// Whether `at` lies in one of `spans`, in file order and apart (an outline's code blocks
/// and code spans): a binary search.
pub fn within(spans: &[Span], at: usize) -> bool {
    let index = spans.partition_point(|span| span.end <= at);
    spans
        .get(index)
        .is_some_and(|span| span.start <= at && at < span.end)
}

/// A byte range into a [`SourceFile`]'s text. An empty span is an insertion point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    pub fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn shifted(self, by: usize) -> Self {
        Self {
            start: self.start + by,
            end: self.end + by,
        }
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One file of the log, read once. `text` is exactly the file's content (a BOM included).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

const BOM: &str = "\u{feff}";

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr_newlines(&text).map(|at| at + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Byte length of a leading UTF-8 BOM (0 or 3); positions never count it.
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .max(1)
    }

    /// Byte offset where a 1-based line starts (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The span of a 1-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_start(line);
        let next = self.line_start(line + 1);
        let line_text = self.text.get(start..next).unwrap_or("");
        let trimmed = line_text.trim_end_matches(['\n', '\r']);
        Span::new(start, start + trimmed.len())
    }

    /// 1-based line of a span's last byte (of its start, for an empty span): the span
    /// covers lines `line_of(span.start)..=last_line_of(span)`.
    pub fn last_line_of(&self, span: Span) -> usize {
        self.line_of(span.end.saturating_sub(1).max(span.start))
    }

    /// The lines that start inside `span`, each as its 1-based number and its span without
    /// the line ending: a section body's lines, say.
    pub fn lines_in(&self, span: Span) -> impl Iterator<Item = (usize, Span)> + '_ {
        (self.line_of(span.start)..=self.last_line_of(span))
            .map(|line| (line, self.line_span(line)))
            .filter(move |(_, line)| line.start >= span.start && line.start < span.end)
    }

    pub fn line_count(&self) -> usize {
        if self.text.ends_with('\n') {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// Line and character column of a byte offset. Offsets inside a character or past the
    /// end are clamped, so any span gives a position.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let mut start = self.line_start(line);
        if line == 1 {
            start = start.max(self.bom_len()).min(offset);
        }
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        LineCol { line, column }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_skips_bom() {
        let file = SourceFile::new("x.md", "\u{feff}ab\ncé d\n".to_string());
        assert_eq!(file.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(4), LineCol { line: 1, column: 2 });
        let d = file.text.find('d').unwrap();
        assert_eq!(file.line_col(d), LineCol { line: 2, column: 4 });
        assert_eq!(file.line_count(), 2);
        assert_eq!(file.slice(file.line_span(2)), "cé d");
    }
}

#[cfg(test)]
mod content_end_tests {
    use super::content_end;

    #[test]
    fn within_finds_an_offset_in_spans_in_file_order() {
        use super::{Span, within};
        let spans = [Span::new(2, 5), Span::new(9, 12)];
        let found: Vec<usize> = (0..14).filter(|&at| within(&spans, at)).collect();
        assert_eq!(found, [2, 3, 4, 9, 10, 11]);
        assert!(!within(&[], 0));
    }

    #[test]
    fn keeps_the_last_lines_trailing_spaces_before_what_is_added() {
        assert_eq!(content_end("a line.  \n\n"), "a line.  ".len());
        assert_eq!(content_end("a line.\r\n"), "a line.".len());
        assert_eq!(content_end("a\t\n  \n"), "a\t".len());
        assert_eq!(content_end(""), 0);
        assert_eq!(content_end("  \n"), 0);
    }
}
