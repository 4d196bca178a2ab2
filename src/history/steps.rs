//! What a revision changed, derived once from two old texts: the diff the
//! history page shows, and the reverse patch that turns the revision's text
//! back into the one before it.
//!
//! History pages hold these instead of every revision's whole text, so a
//! page costs what changed; the reader rebuilds any old version in the
//! browser from the current text and the reverse patches (`history.js`).
//! A step depends only on its two blobs, so it is cached under their ids.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp};

use crate::diff;

/// The change from the previous readable revision to this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Lines added and removed.
    pub added: usize,
    pub removed: usize,
    /// The diff as escaped HTML ([`diff::FileDiff::to_html`]).
    pub html: String,
    /// Turns this revision's text into the previous one's.
    pub back: Vec<Op>,
    /// The line the previous text's Markdown body starts on (0-based), so
    /// search can tell removed prose from removed front matter.
    pub old_body_line: usize,
}

/// One instruction of a reverse patch, applied to the newer text's lines in
/// order. In JSON (what `history.js` reads): a positive number keeps that
/// many lines, a negative one skips them, a string inserts those lines. In
/// the binary history cache, which cannot tell a number from a string by
/// looking, the variant is tagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Lines(i64),
    Insert(String),
}

/// [`Op`] as JSON writes it.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Untagged<T> {
    Lines(i64),
    Insert(T),
}

/// [`Op`] as the binary cache writes it.
#[derive(Serialize, Deserialize)]
enum Tagged<T> {
    Lines(i64),
    Insert(T),
}

impl Serialize for Op {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let human = serializer.is_human_readable();
        match (self, human) {
            (Op::Lines(n), true) => Untagged::<&str>::Lines(*n).serialize(serializer),
            (Op::Insert(text), true) => Untagged::Insert(text.as_str()).serialize(serializer),
            (Op::Lines(n), false) => Tagged::<&str>::Lines(*n).serialize(serializer),
            (Op::Insert(text), false) => Tagged::Insert(text.as_str()).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Op, D::Error> {
        Ok(if deserializer.is_human_readable() {
            match Untagged::<String>::deserialize(deserializer)? {
                Untagged::Lines(n) => Op::Lines(n),
                Untagged::Insert(text) => Op::Insert(text),
            }
        } else {
            match Tagged::<String>::deserialize(deserializer)? {
                Tagged::Lines(n) => Op::Lines(n),
                Tagged::Insert(text) => Op::Insert(text),
            }
        })
    }
}

impl Step {
    /// The step from `old` to `new`.
    pub fn new(old: &str, new: &str) -> Step {
        let file_diff = diff::diff(old, new);
        Step {
            added: file_diff.added,
            removed: file_diff.removed,
            html: file_diff.to_html(),
            back: reverse_patch(new, old),
            old_body_line: body_line(old),
        }
    }

    /// Lines of the previous text's body this revision removed (front matter
    /// lines left out: search keeps those as facts, not text).
    pub fn removed_body_lines(&self) -> impl Iterator<Item = &str> {
        let mut old_line = 0;
        self.back.iter().flat_map(move |op| match op {
            Op::Lines(n) => {
                old_line += usize::try_from(*n).unwrap_or(0);
                Vec::new()
            }
            Op::Insert(text) => {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                let skip = self.old_body_line.saturating_sub(old_line);
                old_line += lines.len();
                lines.into_iter().skip(skip).collect()
            }
        })
    }

    /// Lines the revision removed from the one before it (with their line ends).
    pub fn removed_lines(&self) -> impl Iterator<Item = &str> {
        self.back.iter().flat_map(|op| match op {
            Op::Insert(text) => text.split_inclusive('\n').collect(),
            Op::Lines(_) => Vec::new(),
        })
    }
}

/// The line operations that turn `from` into `to`. Lines end at `\n` only,
/// as the browser's reconstruction splits them.
fn reverse_patch(from: &str, to: &str) -> Vec<Op> {
    let from_lines: Vec<&str> = from.split_inclusive('\n').collect();
    let to_lines: Vec<&str> = to.split_inclusive('\n').collect();
    let inserted = |start: usize, len: usize| Op::Insert(to_lines[start..start + len].concat());
    let mut ops = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &from_lines, &to_lines) {
        match op {
            DiffOp::Equal { len, .. } => push_lines(&mut ops, len as i64),
            DiffOp::Delete { old_len, .. } => push_lines(&mut ops, -(old_len as i64)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => ops.push(inserted(new_index, new_len)),
            DiffOp::Replace {
                old_len,
                new_index,
                new_len,
                ..
            } => {
                push_lines(&mut ops, -(old_len as i64));
                ops.push(inserted(new_index, new_len));
            }
        }
    }
    ops
}

/// The 0-based line a text's Markdown body starts on.
fn body_line(text: &str) -> usize {
    let offset = crate::front_matter::split(text).map_or(0, |split| split.body_offset);
    text[..offset].matches('\n').count()
}

/// Appends a keep or skip, merged with the previous one of the same sign.
fn push_lines(ops: &mut Vec<Op>, n: i64) {
    if let Some(Op::Lines(last)) = ops.last_mut()
        && last.signum() == n.signum()
    {
        *last += n;
        return;
    }
    ops.push(Op::Lines(n));
}

/// Applies a reverse patch (what `history.js` does in the browser).
#[cfg(test)]
pub fn apply(text: &str, ops: &[Op]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (mut at, mut out) = (0, String::new());
    for op in ops {
        match op {
            Op::Lines(n) if *n > 0 => {
                let n = *n as usize;
                out.extend(lines[at..at + n].iter().copied());
                at += n;
            }
            Op::Lines(n) => at += n.unsigned_abs() as usize,
            Op::Insert(inserted) => out.push_str(inserted),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reverse_patch_gives_back_the_older_text_exactly() {
        let cases = [
            ("a\nb\nc\n", "a\nB\nc\nd\n"),
            ("", "new\n"),
            ("old\n", ""),
            ("no newline", "no newline at all"),
            ("x\r\ny\r\n", "x\r\nz\r\n"),
            ("lone\rreturn\n", "lone\rturn\n"),
            ("same\n", "same\n"),
        ];
        for (old, new) in cases {
            let step = Step::new(old, new);
            assert_eq!(apply(new, &step.back), old, "{old:?} <- {new:?}");
        }
    }

    #[test]
    fn a_reverse_patch_reads_back_from_json_and_from_the_binary_cache() {
        let back = Step::new("a\nold\nc\n", "a\nnew\nc\n").back;
        let json = serde_json::to_string(&back).unwrap();
        assert_eq!(json, r#"[1,-1,"old\n",1]"#);
        assert_eq!(serde_json::from_str::<Vec<Op>>(&json).unwrap(), back);
        let binary = postcard::to_stdvec(&back).unwrap();
        assert_eq!(postcard::from_bytes::<Vec<Op>>(&binary).unwrap(), back);
    }

    #[test]
    fn removed_lines_are_the_old_lines_the_diff_deletes() {
        let step = Step::new("keep\ngone\nalso gone\n", "keep\nnew\n");
        let removed: Vec<&str> = step.removed_lines().collect();
        assert_eq!(removed, ["gone\n", "also gone\n"]);
        assert_eq!((step.added, step.removed), (1, 2));
    }

    #[test]
    fn removed_body_lines_leave_out_the_front_matter() {
        let old = "+++\nstatus = \"draft\"\n+++\nkept\ngone\n";
        let new = "+++\nstatus = \"proceed\"\n+++\nkept\n";
        let step = Step::new(old, new);
        let removed: Vec<&str> = step.removed_body_lines().collect();
        assert_eq!(removed, ["gone\n"]);
        assert_eq!(step.removed_lines().count(), 2);
    }

    #[test]
    fn patches_serialise_as_numbers_and_strings() {
        let step = Step::new("a\nb\n", "a\nc\n");
        let json = serde_json::to_string(&step.back).unwrap();
        assert_eq!(json, r#"[1,-1,"b\n"]"#);
    }
}
