//! What is searchable in one document, as plain text in pieces a result can
//! link to: the title, the other front matter, each part of the body, each
//! FAQ question with its answer, each decision note, and the text earlier
//! revisions removed.
//!
//! Everything comes from what the build already parsed: the rendered body
//! (split at the question anchors the Markdown stage gave it) and the
//! revision texts the history stage read. Nothing is read from disk.

use crate::document::Decision;
use crate::library::Entry;
use crate::markdown::SectionKind;

/// A piece of the current document a result can point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub kind: Kind,
    /// Fragment id on the document page (`""`: the top of the page).
    pub anchor: String,
    /// The question or decision it is, for the result's label.
    pub heading: String,
    pub text: String,
}

/// What a record is; numbered for `search.js`, which labels and weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title = 0,
    /// Subtitle, owner, customer, team and tags.
    Facts = 1,
    /// Press release and any text outside the FAQ.
    Body = 2,
    ExternalQuestion = 3,
    InternalQuestion = 4,
    Question = 5,
    Decision = 6,
}

impl Kind {
    /// How much a word here counts towards a document's score.
    pub fn weight(self) -> u32 {
        match self {
            Kind::Title => 10,
            Kind::Facts => 4,
            Kind::Decision => 2,
            _ => 1,
        }
    }
}

/// Text an earlier revision removed: what the diff against the revision
/// before it shows as deleted, and is no longer in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Short hash of the commit that removed it: the revision's anchor on the history page.
    pub short: String,
    pub date: String,
    pub subject: String,
    pub text: String,
}

/// The searchable pieces of `entry`'s current text.
pub fn records(entry: &Entry) -> Vec<Record> {
    let document = &entry.document;
    let meta = &document.meta;
    let mut records = vec![Record {
        kind: Kind::Title,
        anchor: String::new(),
        heading: String::new(),
        text: document.title.clone(),
    }];
    let facts: Vec<&str> = [&meta.subtitle, &meta.owner, &meta.customer, &meta.team]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(meta.tags.iter().map(String::as_str))
        .collect();
    records.push(Record {
        kind: Kind::Facts,
        anchor: String::new(),
        heading: String::new(),
        text: facts.join(" · "),
    });
    section_records(entry, &mut records);
    decision_records(&meta.decisions, &mut records);
    records
}

/// One record per question, and per run of text between questions, of every section.
fn section_records(entry: &Entry, records: &mut Vec<Record>) {
    for section in &entry.body.sections {
        let kind = match section.kind {
            SectionKind::ExternalFaq => Kind::ExternalQuestion,
            SectionKind::InternalFaq => Kind::InternalQuestion,
            SectionKind::Faq => Kind::Question,
            SectionKind::PressRelease | SectionKind::Other => Kind::Body,
        };
        let questions: Vec<&str> = entry
            .body
            .questions
            .iter()
            .map(|q| q.anchor.as_str())
            .collect();
        for chunk in super::html::chunks(&section.html, &questions) {
            let (kind, anchor) = match chunk.anchor {
                Some(anchor) => (kind, anchor),
                None => (Kind::Body, section.anchor.clone().unwrap_or_default()),
            };
            // A structural heading alone ("External FAQ") is not worth a result.
            let bare = chunk.text.is_empty() || Some(&chunk.text) == section.heading.as_ref();
            if chunk.heading.is_empty() && bare {
                continue;
            }
            records.push(Record {
                kind,
                anchor,
                heading: chunk.heading,
                text: chunk.text,
            });
        }
    }
}

/// One record per decision with a note or a decider.
fn decision_records(decisions: &[Decision], records: &mut Vec<Record>) {
    for (i, decision) in decisions.iter().enumerate() {
        let text: Vec<&str> = [&decision.note, &decision.by]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if text.is_empty() {
            continue;
        }
        records.push(Record {
            kind: Kind::Decision,
            anchor: decision_anchor(i),
            heading: format!("{} · {:?}", decision.date, decision.outcome),
            text: text.join(" · "),
        });
    }
}

/// Id of the `i`-th decision (0-based, in log order) on the document page.
pub fn decision_anchor(i: usize) -> String {
    format!("decision-{}", i + 1)
}

/// The text each revision removed from the one before it, newest first,
/// without what the current document still says.
pub fn removed(entry: &Entry) -> Vec<Removed> {
    let revisions = &entry.history.revisions;
    let current: std::collections::HashSet<&str> = body_of(&entry.document.text)
        .lines()
        .map(str::trim)
        .collect();
    let mut removed = Vec::new();
    for revision in revisions {
        let Some(step) = &revision.step else {
            continue;
        };
        let gone: Vec<&str> = step
            .removed_body_lines()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty() && !current.contains(line))
            .collect();
        if gone.is_empty() {
            continue;
        }
        removed.push(Removed {
            short: revision.hash.chars().take(7).collect(),
            date: revision.date.to_string(),
            subject: revision.subject.clone(),
            text: gone.join("\n"),
        });
    }
    removed
}

/// The Markdown body of a revision: its front matter is searched as facts, not text.
fn body_of(text: &str) -> &str {
    crate::front_matter::split(text).map_or(text, |split| &text[split.body_offset..])
}
