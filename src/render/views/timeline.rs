//! A document's timeline: status, stage and owner changes read from its
//! revisions, and its decision log, oldest first.

use serde::Serialize;

use super::card::DecisionView;
use crate::history::{Revision, Snapshot};
use crate::library::{Entry, Library};

/// One event in a document's life, oldest first on the page.
#[derive(Serialize, Clone)]
pub struct TimelineEvent {
    pub date: String,
    /// `created`, `status`, `stage`, `owner`, `renamed`, `deleted` or `decision`.
    pub kind: &'static str,
    /// What happened, e.g. "Status: Draft → In review".
    pub label: String,
    /// Who: the commit author or whoever decided.
    pub by: Option<String>,
    /// Why: the commit subject or the decision note.
    pub note: Option<String>,
    pub commit: Option<CommitLink>,
    pub outcome: Option<&'static str>,
}

/// A commit, shortened, with its page on the forge.
#[derive(Serialize, Clone)]
pub struct CommitLink {
    pub short: String,
    pub hash: String,
    /// On the forge, when `repo_url` is set.
    pub url: Option<String>,
}

/// Status, stage and owner changes from the revisions, with the decision log, oldest first.
pub fn timeline(library: &Library, entry: &Entry) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    let mut previous: Option<&Snapshot> = None;
    for revision in entry.history.revisions.iter().rev() {
        let event = |kind, label: String| TimelineEvent {
            date: revision.date.clone(),
            kind,
            label,
            by: Some(revision.author.clone()),
            note: Some(revision.subject.clone()),
            commit: Some(commit_link(library, revision)),
            outcome: None,
        };
        let now = &revision.snapshot;
        match previous {
            None => events.push(event("created", created_label(library, now))),
            Some(before) => {
                for (kind, field, old, new) in [
                    ("status", "Status", &before.status, &now.status),
                    ("stage", "Stage", &before.stage, &now.stage),
                    ("owner", "Leader", &before.owner, &now.owner),
                ] {
                    if old != new && revision.text.is_some() {
                        let label = format!(
                            "{field}: {} → {}",
                            term_label(library, kind, old),
                            term_label(library, kind, new)
                        );
                        events.push(event(kind, label));
                    }
                }
            }
        }
        if let (Some(from), 'R') = (&revision.renamed_from, revision.change) {
            events.push(event("renamed", format!("Renamed from {from}")));
        }
        if revision.text.is_some() {
            previous = Some(now);
        } else {
            events.push(event("deleted", "Deleted".into()));
        }
    }
    events.extend(entry.document.meta.decisions.iter().map(|decision| {
        let view = DecisionView::new(decision);
        TimelineEvent {
            date: view.date.clone(),
            kind: "decision",
            label: format!("Decision: {}", view.outcome_label),
            by: view.by.clone(),
            note: view.note.clone(),
            commit: None,
            outcome: Some(match view.outcome {
                crate::document::Outcome::Proceed => "proceed",
                crate::document::Outcome::Shelve => "shelve",
                crate::document::Outcome::Revisit => "revisit",
            }),
        }
    }));
    // Stable: on the same day, commits keep their order and decisions follow them.
    events.sort_by(|a, b| a.date.cmp(&b.date));
    events
}

/// A revision's commit, linked to the forge when `repo_url` is set.
pub fn commit_link(library: &Library, revision: &Revision) -> CommitLink {
    CommitLink {
        short: revision.hash.chars().take(7).collect(),
        hash: revision.hash.clone(),
        url: library
            .config
            .repo_url
            .as_ref()
            .map(|repo| format!("{}/commit/{}", repo.trim_end_matches('/'), revision.hash)),
    }
}

fn created_label(library: &Library, snapshot: &Snapshot) -> String {
    match (&snapshot.status, &snapshot.stage) {
        (None, None) => "First draft".into(),
        (status, stage) => format!(
            "First draft: {} · {}",
            term_label(library, "status", status),
            term_label(library, "stage", stage)
        ),
    }
}

fn term_label(library: &Library, kind: &str, id: &Option<String>) -> String {
    let Some(id) = id else { return "none".into() };
    let term = match kind {
        "status" => library.config.status(id),
        "stage" => library.config.stage(id),
        _ => None,
    };
    term.map_or_else(|| id.clone(), |t| t.label.clone())
}
