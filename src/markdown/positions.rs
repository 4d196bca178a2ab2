//! Line and column of a byte offset, found in logarithmic time.
//!
//! A document can have thousands of problems (20,000 broken links is a
//! valid, if odd, document); counting lines from the start of the file for
//! each would make reporting them quadratic. The index of line starts is
//! built once, on the first diagnostic.

use crate::diagnostics::Diagnostic;

/// Where each line of a text starts; empty until first needed.
#[derive(Debug, Default)]
pub(super) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Points `diagnostic` at `offset` of `text` (the whole file), or at the
    /// start of the line `lines_below` lines further down.
    pub(super) fn locate(
        &mut self,
        mut diagnostic: Diagnostic,
        text: &str,
        offset: usize,
        lines_below: usize,
    ) -> Diagnostic {
        if self.starts.is_empty() {
            self.starts.push(0);
            self.starts
                .extend(text.match_indices('\n').map(|(i, _)| i + 1));
        }
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let mut line = self.starts.partition_point(|&start| start <= offset) - 1;
        let mut start = self.starts[line];
        if lines_below > 0 {
            line = (line + lines_below).min(self.starts.len() - 1);
            start = self.starts[line];
            offset = start;
        }
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        let line_text = &text[start..end.max(start)];
        diagnostic.line = line + 1;
        diagnostic.col = text[start..offset].chars().count() + 1;
        diagnostic.source_line = Some(line_text.trim_end_matches('\r').to_owned());
        diagnostic
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::line_col;

    #[test]
    fn agrees_with_counting_from_the_start() {
        let text = "a\nzoë = \"x\"\r\n\nlast";
        let mut index = LineIndex::default();
        for offset in 0..=text.len() {
            let d = index.locate(Diagnostic::warning("a.md", "x"), text, offset, 0);
            let mut boundary = offset;
            while !text.is_char_boundary(boundary) {
                boundary -= 1;
            }
            assert_eq!((d.line, d.col), line_col(text, boundary), "offset {offset}");
        }
        let d = index.locate(Diagnostic::warning("a.md", "x"), text, 0, 1);
        assert_eq!((d.line, d.col), (2, 1));
        assert_eq!(d.source_line.as_deref(), Some("zoë = \"x\""));
    }
}
