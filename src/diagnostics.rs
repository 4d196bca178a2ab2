//! Problems found in a library, reported together with a place and a fix.
//!
//! Every stage of the build collects `Diagnostic`s instead of stopping at the
//! first problem, so a writer sees everything wrong with the library in one
//! run. A diagnostic carries the line it points at, so it can be shown as a
//! rustc-style snippet in a terminal or as one `path:line:col` line in CI logs
//! and in the browser overlay of `serve`.

use std::fmt;
use std::path::PathBuf;

use crate::rules::RuleId;
use crate::slug::to_slash;
use annotate_snippets::{AnnotationKind, Element, Level, Renderer, Snippet};

/// How bad a problem is: errors fail the build, warnings are shown and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user would name it (relative to the library root when possible).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we know.
    pub hint: Option<String>,
    /// The `prfaq check` rule that found it (`None` for problems every build reports).
    pub rule: Option<RuleId>,
    /// The text of the line the diagnostic points at, for the snippet.
    pub source_line: Option<String>,
    /// How many characters the underline covers; 0: the word at the column.
    pub len: u32,
}

impl Diagnostic {
    /// An error about a whole file (no line).
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            rule: None,
            source_line: None,
            len: 0,
        }
    }

    /// A warning about a whole file (no line).
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at a byte offset of `text`, the full text of the file.
    pub fn at_offset(mut self, text: &str, offset: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.line = line;
        self.col = col;
        self.source_line = text.lines().nth(line - 1).map(str::to_owned);
        self
    }

    /// Points the diagnostic at a 1-based line and column of `text`.
    pub fn at_line_col(mut self, text: &str, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self
    }

    /// Underlines the whole value at the column: a quoted string up to its
    /// closing quote, a list up to its `]`, else the rest of the line (a YAML
    /// value), without a trailing comment.
    pub fn covering_value(mut self) -> Self {
        if let Some(source) = &self.source_line {
            let start = char_to_byte(source, self.col.saturating_sub(1));
            let len = source[start..value_end(source, start)].chars().count();
            self.len = u32::try_from(len).unwrap_or(u32::MAX);
        }
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the `prfaq check` rule this diagnostic belongs to, by id (see `check::rules`).
    pub fn with_rule(mut self, id: &str) -> Self {
        self.rule = RuleId::of(id);
        self
    }

    /// The id of the rule that found it, if a rule did.
    pub fn rule_id(&self) -> Option<&'static str> {
        self.rule.map(|rule| rule.rule().id)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A rustc-style report with the offending line underlined, for terminals.
    pub fn render_snippet(&self) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.location();
        let mut elements: Vec<Element<'_>> = Vec::new();
        if let Some(source) = &self.source_line {
            let start = char_to_byte(source, self.col.saturating_sub(1));
            let end = if self.len > 0 {
                char_to_byte(source, self.col.saturating_sub(1) + self.len as usize).max(start)
            } else {
                token_end(source, start)
            };
            elements.push(
                Snippet::source(source.as_str())
                    .line_start(self.line)
                    .path(to_slash(&self.path))
                    .annotation(AnnotationKind::Primary.span(start..end))
                    .into(),
            );
        } else {
            elements.push(Level::NOTE.message(format!("in {path}")).into());
        }
        if let Some(hint) = &self.hint {
            elements.push(Level::HELP.message(hint.as_str()).into());
        }
        // A check rule's id shows like rustc's error codes: `warning[pr-fluff]: …`.
        // (Only the review rules': the warnings every build printed keep their form.)
        let review_rule = self.rule.map(|r| r.rule()).filter(|r| !r.listed_by_build());
        let title = match review_rule {
            Some(rule) => level.primary_title(&self.message).id(rule.id),
            None => level.primary_title(&self.message),
        };
        let group = title.elements(elements);
        Renderer::plain().render(&[group])
    }

    /// `path:line:col` (or just the path when there is no line).
    pub fn location(&self) -> String {
        let path = to_slash(&self.path);
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.col)
        }
    }
}

/// One line: `path:line:col: error: message (hint)`, the form CI logs and grep expect.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and position so output is stable across parallel runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message, &a.hint)
            .cmp(&(&b.path, b.line, b.col, &b.message, &b.hint))
    });
}

/// Sorted, with each distinct problem once (a broken template fails once per page).
pub fn distinct(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    sort(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.to_string() == b.to_string());
    diagnostics
}

/// Prints diagnostics to stderr, rustc style.
pub fn report(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{}", diagnostic.render_snippet());
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Where the word under the caret ends, so the underline covers a token, not one char.
fn token_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let len = rest
        .find(|c: char| c.is_whitespace() || c == ',' || c == ']')
        .unwrap_or(rest.len());
    (start + len.max(1)).min(line.len()).max(start)
}

/// Where the value starting at byte `start` of `line` ends.
fn value_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let closing = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => closing_quote(&rest[1..], quote).map(|i| i + 2),
        Some('[') => rest.find(']').map(|i| i + 1),
        _ => None,
    };
    let len = closing.unwrap_or_else(|| rest.find(" #").unwrap_or(rest.len()));
    start + rest[..len].trim_end().len().max(1).min(rest.len())
}

/// The byte index of the first `quote` in `text` not escaped by a backslash.
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quote == '"' => escaped = true,
            c if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nzoë = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        let offset = text.find('"').unwrap();
        assert_eq!(line_col(text, offset), (2, 7));
    }

    #[test]
    fn the_underline_covers_the_whole_value() {
        for (line, col, covered) in [
            ("stage = \"Test & Iterate\"", 9, "\"Test & Iterate\""),
            ("stage: Test & Iterate # label", 8, "Test & Iterate"),
            ("tags = [\"a\", \"b\"]", 8, "[\"a\", \"b\"]"),
            ("status = \"a \\\" b\" # x", 10, "\"a \\\" b\""),
        ] {
            let d = Diagnostic::error("a.md", "x")
                .at_line_col(line, 1, col)
                .covering_value();
            let start = char_to_byte(line, col - 1);
            assert_eq!(&line[start..start + d.len as usize], covered);
        }
    }

    #[test]
    fn display_is_one_grep_friendly_line() {
        let d = Diagnostic::error("content/a.md", "unknown status \"aproved\"")
            .at_line_col("x\nstatus = \"aproved\"\n", 2, 10)
            .with_hint("use one of: draft, proceed");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:10: error: unknown status \"aproved\" (hint: use one of: draft, proceed)"
        );
        let snippet = d.render_snippet();
        assert!(snippet.contains("content/a.md:2:10"), "{snippet}");
        assert!(snippet.contains("status = \"aproved\""), "{snippet}");
    }
}
