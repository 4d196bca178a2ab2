//! One document's life in stages: which stage it was in, from when to when.
//!
//! Read from the same revisions as its timeline: the stage each readable
//! revision's front matter names, oldest first; a new span starts whenever
//! it changes. A document without history has one span, its current stage,
//! since its `created` date when it has one. Both the insights page and the
//! document page's stage strip read this, so they never disagree.

use serde::Serialize;

use crate::config::Resolved;
use crate::document::Date;
use crate::library::Entry;

/// Where a document's stages come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The front matter at each commit.
    Git,
    /// Only the current front matter: no revision could be read.
    FrontMatter,
}

/// A document's stages over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Life {
    pub source: Source,
    /// `created`, else the first commit's date.
    pub first_draft: Option<Date>,
    /// Oldest first; a span whose stage was not one of the configured ones ends the one before.
    pub spans: Vec<Span>,
    /// The last day anything is known of: the newest revision, decision or first draft.
    pub last_known: Option<Date>,
}

/// A stretch of time in one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Index in the configured stages.
    pub stage: usize,
    /// `None` only for a document without history or `created` date.
    pub from: Option<Date>,
    /// `None` while the document is still in this stage.
    pub to: Option<Date>,
}

impl Span {
    /// Days spent in the stage, once the document has left it.
    pub fn days(&self) -> Option<i32> {
        Some(self.from?.days_until(self.to?))
    }
}

impl Life {
    pub fn of(entry: &Entry) -> Life {
        let revisions = &entry.history.revisions;
        let meta = &entry.document.meta;
        let first_draft = meta.created.or(revisions.last().map(|r| r.date));
        let last_known = revisions
            .first()
            .map(|r| r.date)
            .into_iter()
            .chain(meta.decisions.iter().map(|d| d.date))
            .chain(first_draft)
            .max();
        let (source, spans) = match (stages_from_revisions(entry), &entry.document.stage) {
            (Some(spans), _) => (Source::Git, spans),
            (None, Resolved::Known(stage)) => {
                let span = Span {
                    stage: *stage,
                    from: first_draft,
                    to: None,
                };
                (Source::FrontMatter, vec![span])
            }
            (None, _) => (Source::FrontMatter, Vec::new()),
        };
        Life {
            source,
            first_draft,
            spans,
            last_known,
        }
    }

    /// The furthest stage the document reached, now or at any revision.
    pub fn furthest(&self, current: &Resolved) -> Option<usize> {
        let now = match current {
            Resolved::Known(stage) => Some(*stage),
            _ => None,
        };
        self.spans.iter().map(|s| s.stage).chain(now).max()
    }
}

/// Stage spans from the readable revisions, oldest first; `None` without any.
fn stages_from_revisions(entry: &Entry) -> Option<Vec<Span>> {
    let mut spans: Vec<Span> = Vec::new();
    let mut readable = false;
    for revision in entry.history.revisions.iter().rev() {
        if !revision.is_readable() {
            continue;
        }
        readable = true;
        let open = spans.last_mut().filter(|s| s.to.is_none());
        let stage = match revision.snapshot.stage {
            Resolved::Known(stage) => Some(stage),
            Resolved::Unknown(_) | Resolved::Missing => None,
        };
        match (open, stage) {
            (Some(span), Some(stage)) if span.stage == stage => {}
            (open, stage) => {
                if let Some(span) = open {
                    span.to = Some(revision.date);
                }
                spans.extend(stage.map(|stage| Span {
                    stage,
                    from: Some(revision.date),
                    to: None,
                }));
            }
        }
    }
    readable.then_some(spans)
}
