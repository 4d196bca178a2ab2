//! What the site shows of `prfaq check`: each document's review notes and
//! related PR/FAQs, and the library health page with every finding counted
//! per rule and per leader. Views only: the findings come from
//! [`crate::check::review`], run once per build.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::render::views::{DocCard, TermRef};
use crate::rules::RULES;

/// The review of one document page: `review` in `document.html`.
#[derive(Serialize)]
pub struct DocReview {
    pub notes: Vec<NoteView>,
    pub errors: usize,
    pub warnings: usize,
    /// The most similar PR/FAQs, any status, most similar first.
    pub related: Vec<RelatedView>,
}

/// One finding, as the page shows it.
#[derive(Serialize)]
pub struct NoteView {
    pub rule: &'static str,
    pub severity: &'static str,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// A similar document and how similar it is.
#[derive(Serialize)]
pub struct RelatedView {
    pub title: String,
    pub url: String,
    pub status: TermRef,
    /// Cosine similarity in percent.
    pub similarity: u32,
}

/// The library health page: `health` in `health.html`.
#[derive(Serialize)]
pub struct Health {
    pub errors: usize,
    pub warnings: usize,
    /// Documents with at least one finding.
    pub documents: usize,
    /// Every rule with its findings count (rules without findings too).
    pub rules: Vec<RuleCount>,
    /// Leaders with findings in their documents, most findings first.
    pub owners: Vec<OwnerCount>,
    /// Every document with findings, most findings first.
    pub entries: Vec<HealthEntry>,
}

#[derive(Serialize)]
pub struct RuleCount {
    pub id: &'static str,
    pub reason: &'static str,
    pub count: usize,
    pub errors: usize,
}

#[derive(Serialize)]
pub struct OwnerCount {
    pub name: String,
    pub url: Option<String>,
    pub count: usize,
    pub errors: usize,
}

#[derive(Serialize)]
pub struct HealthEntry {
    pub document: DocCard,
    pub notes: Vec<NoteView>,
}

impl DocReview {
    /// The review of the document at `index`; `cards` are every document's
    /// card, in library order (made once for the list pages).
    pub fn new(library: &Library, cards: &[DocCard], index: usize) -> Self {
        let notes: Vec<NoteView> = library
            .review
            .notes
            .get(index)
            .map(|notes| notes.iter().map(NoteView::new).collect())
            .unwrap_or_default();
        let related = library
            .review
            .related
            .get(index)
            .map(|list| {
                list.iter()
                    .filter_map(|&(j, score)| {
                        let card = cards.get(j)?;
                        Some(RelatedView {
                            title: card.title.clone(),
                            url: card.url.clone(),
                            status: card.status.clone(),
                            similarity: percent(score),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let errors = notes.iter().filter(|n| n.severity == "error").count();
        DocReview {
            errors,
            warnings: notes.len() - errors,
            notes,
            related,
        }
    }
}

impl NoteView {
    fn new(diagnostic: &Diagnostic) -> Self {
        NoteView {
            rule: diagnostic.rule_id().unwrap_or("build"),
            severity: if diagnostic.is_error() {
                "error"
            } else {
                "warning"
            },
            // A whole-file finding (a missing front matter key) is about its start.
            line: diagnostic.line.max(1),
            col: diagnostic.col.max(1),
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        }
    }
}

impl Health {
    /// The health of the library; `cards` as for [`DocReview::new`].
    pub fn new(library: &Library, cards: &[DocCard]) -> Self {
        let mut rules: Vec<RuleCount> = RULES
            .iter()
            .map(|rule| RuleCount {
                id: rule.id,
                reason: rule.reason,
                count: 0,
                errors: 0,
            })
            .collect();
        let mut owners: BTreeMap<String, OwnerCount> = BTreeMap::new();
        let mut entries = Vec::new();
        for (i, notes) in library.review.notes.iter().enumerate() {
            if notes.is_empty() {
                continue;
            }
            let Some(document) = cards.get(i).cloned() else {
                continue;
            };
            let (name, url) = match &document.owner {
                Some(owner) => (owner.name.clone(), Some(owner.url.clone())),
                None => ("Unknown".to_owned(), None),
            };
            let owner = owners.entry(name.clone()).or_insert(OwnerCount {
                name,
                url,
                count: 0,
                errors: 0,
            });
            count(notes, &mut rules, owner);
            entries.push(HealthEntry {
                document,
                notes: notes.iter().map(NoteView::new).collect(),
            });
        }
        let errors = rules.iter().map(|r| r.errors).sum();
        let warnings = rules.iter().map(|r| r.count).sum::<usize>() - errors;
        entries.sort_by(|a, b| {
            b.notes
                .len()
                .cmp(&a.notes.len())
                .then(a.document.title.cmp(&b.document.title))
        });
        let mut owners: Vec<OwnerCount> = owners.into_values().collect();
        owners.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        Health {
            errors,
            warnings,
            documents: entries.len(),
            rules,
            owners,
            entries,
        }
    }
}

/// Adds one document's notes to the counts per rule and to its leader's.
fn count(notes: &[Diagnostic], rules: &mut [RuleCount], owner: &mut OwnerCount) {
    for note in notes {
        let is_error = note.is_error();
        if let Some(count) = rules.iter_mut().find(|r| Some(r.id) == note.rule_id()) {
            count.count += 1;
            count.errors += usize::from(is_error);
        }
        owner.count += 1;
        owner.errors += usize::from(is_error);
    }
}

fn percent(score: f32) -> u32 {
    // Scores are cosines in 0..=1; the cast cannot truncate anything but the fraction.
    (score.clamp(0.0, 1.0) * 100.0).round() as u32
}
