//! What templates see: plain serializable views built from the library.
//!
//! Templates never get internal structs, so the template contract is this
//! file: renaming an internal field cannot silently break a theme, and
//! everything here is text to be escaped by the template engine.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Term;
use crate::document::{Date, Decision, Outcome, slugify};
use crate::library::{Entry, Library, document_url};
use crate::markdown::{Question, Section, SectionKind};
use crate::render::timeline::{HistorySummary, TimelineEvent, timeline};

/// Site-wide values every page gets as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Path prefix of every link, e.g. `/prfaqs/`.
    pub base: String,
    pub statuses: Vec<TermView>,
    pub stages: Vec<TermView>,
    pub document_count: usize,
    pub owner_count: usize,
    pub tag_count: usize,
    pub version: &'static str,
}

/// A status or stage with the number of documents in it.
#[derive(Serialize, Clone)]
pub struct TermView {
    pub id: String,
    pub label: String,
    pub colour: String,
    pub description: String,
    pub count: usize,
    /// Position in the configured order (0-based).
    pub index: usize,
}

/// A link with a label: an owner, a tag, a related document.
#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

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
    pub created: Option<String>,
    pub updated: Option<String>,
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

#[derive(Serialize, Clone)]
pub struct DecisionView {
    pub date: String,
    pub outcome: &'static str,
    pub outcome_label: &'static str,
    pub by: Option<String>,
    pub note: Option<String>,
}

/// Everything the document page shows.
#[derive(Serialize)]
pub struct DocPage<'a> {
    pub card: DocCard,
    pub customer: Option<&'a str>,
    pub team: Option<&'a str>,
    pub source: &'a str,
    /// Each stage with `done`, `current` or `todo`, for the progress bar.
    pub progress: Vec<ProgressStep>,
    pub decisions: Vec<DecisionView>,
    pub sections: &'a [Section],
    pub external_questions: Vec<&'a Question>,
    pub internal_questions: Vec<&'a Question>,
    pub other_questions: Vec<&'a Question>,
    pub press_release_words: usize,
    pub press_release_minutes: usize,
    pub backlinks: Vec<Link>,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    /// Transitions and decisions, oldest first.
    pub timeline: Vec<TimelineEvent>,
    pub history: HistorySummary,
}

#[derive(Serialize)]
pub struct ProgressStep {
    pub label: String,
    pub state: &'static str,
}

/// A decision with the document it belongs to, for the home page.
#[derive(Serialize)]
pub struct DecisionEntry {
    pub document: DocCard,
    pub decision: DecisionView,
}

/// A status or stage change with the document it belongs to, for the home page.
#[derive(Serialize)]
pub struct TransitionEntry {
    pub document: DocCard,
    pub event: TimelineEvent,
}

/// A column of the board or the pipeline.
#[derive(Serialize)]
pub struct Column {
    pub term: TermView,
    pub count: usize,
    /// The documents' card.html fragments, joined.
    pub cards: String,
}

/// An owner or tag with its documents.
#[derive(Serialize)]
pub struct GroupView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
    /// Documents not yet decided (draft or in review, or not in a closed status).
    pub active: usize,
}

impl<'a> SiteView<'a> {
    pub fn new(library: &'a Library) -> Self {
        let config = &library.config;
        let count = |get: fn(&Entry) -> Option<&String>, id: &str| {
            library
                .entries
                .iter()
                .filter(|e| get(e).is_some_and(|v| v == id))
                .count()
        };
        SiteView {
            title: &config.title,
            description: &config.description,
            base: config.base_path(),
            statuses: term_views(&config.statuses, |id| {
                count(|e| e.document.meta.status.as_ref(), id)
            }),
            stages: term_views(&config.stages, |id| {
                count(|e| e.document.meta.stage.as_ref(), id)
            }),
            document_count: library.entries.len(),
            owner_count: library.owners.len(),
            tag_count: library.tags.len(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

fn term_views(terms: &[Term], count: impl Fn(&str) -> usize) -> Vec<TermView> {
    terms
        .iter()
        .enumerate()
        .map(|(index, t)| TermView {
            id: t.id.clone(),
            label: t.label.clone(),
            colour: t.colour.clone().unwrap_or_else(|| "#6b7280".into()),
            description: t.description.clone().unwrap_or_default(),
            count: count(&t.id),
            index,
        })
        .collect()
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
            status: term_ref(&library.config.statuses, meta.status.as_deref()),
            stage: term_ref(&library.config.stages, meta.stage.as_deref()),
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

impl<'a> DocPage<'a> {
    pub fn new(library: &'a Library, entry: &'a Entry) -> Self {
        let card = DocCard::new(library, entry);
        let meta = &entry.document.meta;
        let questions = |half: SectionKind| {
            entry
                .body
                .questions
                .iter()
                .filter(|q| q.half == half)
                .collect::<Vec<_>>()
        };
        let progress = library
            .config
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| ProgressStep {
                label: stage.label.clone(),
                state: match card.stage.known {
                    true if i < card.stage.index => "done",
                    true if i == card.stage.index => "current",
                    _ => "todo",
                },
            })
            .collect();
        let base = library.config.base_path();
        DocPage {
            customer: meta.customer.as_deref(),
            team: meta.team.as_deref(),
            source: &entry.document.source,
            progress,
            decisions: meta.decisions.iter().rev().map(DecisionView::new).collect(),
            sections: &entry.body.sections,
            external_questions: questions(SectionKind::ExternalFaq),
            internal_questions: questions(SectionKind::InternalFaq),
            other_questions: questions(SectionKind::Faq),
            press_release_words: entry.body.press_release_words,
            press_release_minutes: entry.body.press_release_minutes,
            backlinks: entry
                .backlinks
                .iter()
                .map(|&i| {
                    let doc = &library.entries[i].document;
                    Link {
                        name: doc.title.clone(),
                        url: document_url(&base, &doc.slug),
                    }
                })
                .collect(),
            extra: &meta.extra,
            timeline: timeline(library, entry),
            history: HistorySummary::new(library, entry),
            card,
        }
    }
}

impl DecisionView {
    pub fn new(decision: &Decision) -> Self {
        let (outcome, outcome_label) = match decision.outcome {
            Outcome::Proceed => ("proceed", "Proceed"),
            Outcome::Shelve => ("shelve", "Shelve"),
            Outcome::Revisit => ("revisit", "Revisit"),
        };
        DecisionView {
            date: decision.date.0.clone(),
            outcome,
            outcome_label,
            by: decision.by.clone(),
            note: decision.note.clone(),
        }
    }
}

/// URL of an owner's or tag's page.
pub fn group_url(base: &str, kind: &str, slug: &str) -> String {
    format!("{base}{kind}/{slug}/")
}

/// A link to an owner's or tag's page; `None` for names with no letters or
/// digits, which get no page.
fn group_link(base: &str, kind: &str, name: &str) -> Option<Link> {
    let slug = slugify(name);
    (!slug.is_empty()).then(|| Link {
        name: name.trim().to_owned(),
        url: group_url(base, kind, &slug),
    })
}

fn term_ref(terms: &[Term], id: Option<&str>) -> TermRef {
    match id.and_then(|id| terms.iter().position(|t| t.id == id)) {
        Some(index) => {
            let term = &terms[index];
            TermRef {
                id: term.id.clone(),
                label: term.label.clone(),
                colour: term.colour.clone().unwrap_or_else(|| "#6b7280".into()),
                known: true,
                index,
            }
        }
        None => TermRef {
            id: "unknown".into(),
            label: "Unknown".into(),
            colour: "#6b7280".into(),
            known: false,
            index: 0,
        },
    }
}

/// Front matter `created` wins; else the first commit; else the first decision.
pub fn created(entry: &Entry) -> Option<String> {
    let meta = &entry.document.meta;
    meta.created
        .as_ref()
        .map(|d| d.0.clone())
        .or_else(|| entry.history.revisions.last().map(|r| r.date.clone()))
        .or_else(|| meta.decisions.first().map(|d| d.date.0.clone()))
}

/// The last commit; without history, the latest date the front matter knows.
pub fn updated(entry: &Entry) -> Option<String> {
    if let Some(latest) = entry.history.revisions.first() {
        return Some(latest.date.clone());
    }
    let meta = &entry.document.meta;
    let dates = meta
        .decisions
        .iter()
        .map(|d| &d.date)
        .chain(meta.created.as_ref());
    dates.max().map(|d: &Date| d.0.clone())
}
