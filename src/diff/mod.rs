//! Readable diffs between two revisions of a document.
//!
//! A line diff (from `similar`) with word-level highlights inside changed
//! lines, grouped by the part of the PR/FAQ the lines belong to, because a
//! reviewer asks "what changed in the internal FAQ?", not "what changed on
//! line 212?".

mod html;
mod sections;
mod words;

use serde::Serialize;
use similar::{ChangeTag, DiffOp, DiffTag, TextDiff};

use sections::sections;
use words::mostly_same_words;

/// Lines of context kept around each change.
const CONTEXT: usize = 2;

/// The changes between two texts, by section.
#[derive(Debug, Clone, Default)]
pub struct FileDiff {
    pub groups: Vec<DiffGroup>,
    pub added: usize,
    pub removed: usize,
}

/// Consecutive diff lines that belong to one section of the document.
#[derive(Debug, Clone)]
pub struct DiffGroup {
    pub section: &'static str,
    pub lines: Vec<DiffLine>,
}

#[derive(Debug, Clone)]
pub struct DiffLine {
    pub kind: LineKind,
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub segments: Vec<Segment>,
}

/// What a diff line is (`diff-<kind>` classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    Equal,
    Insert,
    Delete,
    /// Unchanged lines left out between two hunks.
    Gap,
}

impl LineKind {
    /// The name in CSS classes and templates.
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Equal => "equal",
            LineKind::Insert => "insert",
            LineKind::Delete => "delete",
            LineKind::Gap => "gap",
        }
    }
}

/// A run of text in a line; `changed` runs are the words that differ.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    pub changed: bool,
}

/// Diffs `old` against `new`.
pub fn diff(old: &str, new: &str) -> FileDiff {
    let text_diff = TextDiff::from_lines(old, new);
    let old_sections = sections(old);
    let new_sections = sections(new);
    let mut result = FileDiff::default();
    for (i, hunk) in text_diff.grouped_ops(CONTEXT).iter().enumerate() {
        if i > 0 {
            // A gap between hunks belongs to the section before it.
            let section = result.groups.last().map_or("Document", |g| g.section);
            push_line(&mut result, section, gap());
        }
        for op in hunk {
            for (tag, old, new, segments) in changes(&text_diff, op) {
                let kind = match tag {
                    ChangeTag::Equal => LineKind::Equal,
                    ChangeTag::Insert => LineKind::Insert,
                    ChangeTag::Delete => LineKind::Delete,
                };
                match tag {
                    ChangeTag::Insert => result.added += 1,
                    ChangeTag::Delete => result.removed += 1,
                    ChangeTag::Equal => {}
                }
                let section = new
                    .map(|i| new_sections.get(i))
                    .or_else(|| old.map(|i| old_sections.get(i)))
                    .flatten()
                    .copied()
                    .unwrap_or("Document");
                let line = DiffLine {
                    kind,
                    old: old.map(|i| i + 1),
                    new: new.map(|i| i + 1),
                    segments,
                };
                push_line(&mut result, section, line);
            }
        }
    }
    // A group of context lines only (the press release around a front
    // matter change) would show a section heading over no change.
    result.groups.retain(|g| {
        g.lines
            .iter()
            .any(|l| matches!(l.kind, LineKind::Insert | LineKind::Delete))
    });
    result
}

/// One changed or unchanged line: its tag, old and new line index, and segments.
type Change = (ChangeTag, Option<usize>, Option<usize>, Vec<Segment>);

/// The lines of one diff op. Replaced lines get word-level highlights only
/// when old and new share most of their words: highlighting a rewritten
/// paragraph helps nobody, and diffing it word by word is the slowest part
/// of rendering history (quadratic in the words that differ).
fn changes(text_diff: &TextDiff<'_, '_, str>, op: &DiffOp) -> Vec<Change> {
    let segments =
        |pieces: &mut dyn Iterator<Item = (bool, String)>, tag: ChangeTag| -> Vec<Segment> {
            pieces
                .map(|(changed, text)| Segment {
                    text: text.trim_end_matches(['\n', '\r']).to_owned(),
                    changed: changed && tag != ChangeTag::Equal,
                })
                .filter(|s| !s.text.is_empty())
                .collect()
        };
    let refine = op.tag() == DiffTag::Replace
        && mostly_same_words(
            &op.old_range()
                .filter_map(|i| text_diff.old_slice(i))
                .collect::<Vec<_>>(),
            &op.new_range()
                .filter_map(|i| text_diff.new_slice(i))
                .collect::<Vec<_>>(),
        );
    if refine {
        // No deadline: a clock read per change costs more than these small diffs.
        text_diff
            .iter_inline_changes_deadline(op, None)
            .map(|c| {
                let mut pieces = c
                    .iter_strings_lossy()
                    .map(|(changed, text)| (changed, text.into_owned()));
                (
                    c.tag(),
                    c.old_index(),
                    c.new_index(),
                    segments(&mut pieces, c.tag()),
                )
            })
            .collect()
    } else {
        text_diff
            .iter_changes(op)
            .map(|c| {
                let mut pieces = std::iter::once((false, c.value().to_owned()));
                (
                    c.tag(),
                    c.old_index(),
                    c.new_index(),
                    segments(&mut pieces, c.tag()),
                )
            })
            .collect()
    }
}

fn gap() -> DiffLine {
    DiffLine {
        kind: LineKind::Gap,
        old: None,
        new: None,
        segments: Vec::new(),
    }
}

fn push_line(diff: &mut FileDiff, section: &'static str, line: DiffLine) {
    let same_group = diff.groups.last().is_some_and(|g| g.section == section);
    if same_group {
        if let Some(group) = diff.groups.last_mut() {
            group.lines.push(line);
        }
    } else {
        diff.groups.push(DiffGroup {
            section,
            lines: vec![line],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_changes_by_section_with_word_highlights() {
        let old = "+++\nstatus = \"draft\"\n+++\n## Press Release\nWe ship fast.\n## Internal FAQ\n### Cost?\nIt costs about five dollars a month to run.\n";
        let new = "+++\nstatus = \"in-review\"\n+++\n## Press Release\nWe ship fast.\n## Internal FAQ\n### Cost?\nIt costs about fifty dollars a month to run.\n";
        let diff = diff(old, new);
        assert_eq!((diff.added, diff.removed), (2, 2));
        let sections: Vec<_> = diff.groups.iter().map(|g| g.section).collect();
        assert_eq!(
            sections,
            ["Front matter", "Internal FAQ"],
            "no empty press release group"
        );
        let insert = diff.groups[1]
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Insert)
            .unwrap();
        let changed: Vec<_> = insert
            .segments
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect();
        assert!(changed.concat().contains("fifty"), "{changed:?}");
    }

    #[test]
    fn html_escapes_document_text() {
        let html = diff("a\n", "<script>x</script>\n").to_html();
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn a_rewritten_line_is_replaced_whole_without_word_highlights() {
        let diff = diff(
            "The cat sat on the mat today.\n",
            "Completely different words appear here now.\n",
        );
        let lines = &diff.groups[0].lines;
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.segments.iter().all(|s| !s.changed)));
    }

    #[test]
    fn a_section_with_only_context_lines_is_not_a_group() {
        let old = "+++\nstatus = \"draft\"\n+++\n## Press Release\nWe ship.\n";
        let new = "+++\nstatus = \"proceed\"\n+++\n## Press Release\nWe ship.\n";
        let sections: Vec<_> = diff(old, new).groups.iter().map(|g| g.section).collect();
        assert_eq!(sections, ["Front matter"]);
    }

    #[test]
    fn identical_texts_have_no_groups() {
        assert!(diff("a\nb\n", "a\nb\n").groups.is_empty());
    }

    #[test]
    fn new_file_is_all_inserts() {
        let diff = diff("", "a\nb\n");
        assert_eq!(diff.added, 2);
        assert!(
            diff.groups[0]
                .lines
                .iter()
                .all(|l| l.kind == LineKind::Insert)
        );
    }
}
