//! `doc`: what lists, boards and cards show of a document, and the small
//! views inside it (a term badge, a decision).

use serde::Serialize;

use super::site::{NEUTRAL_COLOUR, colour, group_link};
use crate::config::{Resolved, Term};
use crate::document::{Date, Decision, Outcome};
use crate::library::{Entry, Library, document_url};

use super::site::Link;

/// What lists, boards and cards show of a document.
#[derive(Serialize, Clone)]
pub struct DocCard {
    pub title: String,
    pub subtitle: Option<String>,
    pub url: String,
    pub owner: Option<Link>,
    pub status: TermRef,
    pub stage: TermRef,
    pub tags: Vec<Link>,
    pub created: Option<Date>,
    pub updated: Option<Date>,
    pub latest_decision: Option<DecisionView>,
    pub summary: String,
    pub words: usize,
    pub reading_minutes: usize,
}

/// A document's status or stage as shown; `known` is false for missing or unknown values.
#[derive(Serialize, Clone)]
pub struct TermRef {
    pub id: String,
    pub label: String,
    pub colour: String,
    pub known: bool,
    pub index: usize,
}

/// One decision of the log.
#[derive(Serialize, Clone)]
pub struct DecisionView {
    pub date: Date,
    /// `proceed`, `shelve` or `revisit`.
    pub outcome: Outcome,
    pub outcome_label: &'static str,
    pub by: Option<String>,
    pub note: Option<String>,
}

impl DocCard {
    pub fn new(library: &Library, entry: &Entry) -> Self {
        let base = library.config.base_path();
        let meta = &entry.document.meta;
        DocCard {
            title: entry.document.title.clone(),
            subtitle: meta.subtitle.clone(),
            url: document_url(&base, &entry.document.slug),
            owner: meta
                .owner
                .as_ref()
                .and_then(|o| group_link(&base, "owners", o)),
            status: TermRef::new(&library.config.statuses, &entry.document.status),
            stage: TermRef::new(&library.config.stages, &entry.document.stage),
            tags: meta
                .tags
                .iter()
                .filter_map(|t| group_link(&base, "tags", t))
                .collect(),
            created: created(entry),
            updated: updated(entry),
            latest_decision: meta.decisions.last().map(DecisionView::new),
            summary: entry.body.summary.clone(),
            words: entry.body.words,
            reading_minutes: entry.body.reading_minutes,
        }
    }
}

impl TermRef {
    fn new(terms: &[Term], resolved: &Resolved) -> Self {
        match (resolved, resolved.term(terms)) {
            (&Resolved::Known(index), Some(term)) => TermRef {
                id: term.id.clone(),
                label: term.label.clone(),
                colour: colour(term),
                known: true,
                index,
            },
            _ => TermRef {
                id: "unknown".into(),
                label: "Unknown".into(),
                colour: NEUTRAL_COLOUR.into(),
                known: false,
                index: 0,
            },
        }
    }
}

impl DecisionView {
    pub fn new(decision: &Decision) -> Self {
        DecisionView {
            date: decision.date,
            outcome: decision.outcome,
            outcome_label: decision.outcome.label(),
            by: decision.by.clone(),
            note: decision.note.clone(),
        }
    }
}

/// Front matter `created` wins; else the first commit; else the first decision.
pub fn created(entry: &Entry) -> Option<Date> {
    let meta = &entry.document.meta;
    meta.created
        .or_else(|| entry.history.revisions.last().map(|r| r.date))
        .or_else(|| meta.decisions.first().map(|d| d.date))
}

/// The last commit; without history, the latest date the front matter knows.
pub fn updated(entry: &Entry) -> Option<Date> {
    if let Some(latest) = entry.history.revisions.first() {
        return Some(latest.date);
    }
    let meta = &entry.document.meta;
    let dates = meta.decisions.iter().map(|d| d.date);
    dates.chain(meta.created).max()
}
