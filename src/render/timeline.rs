//! Views of a document's history: its timeline of transitions and decisions,
//! and its revisions with diffs, for the document and history pages.

use serde::Serialize;

use crate::diff::{self, FileDiff};
use crate::history::{HistoryState, Revision, Snapshot};
use crate::library::{Entry, Library};
use crate::markdown::escape_html;
use crate::render::views::{DecisionView, DocCard};

/// A diff, rendered, with its line counts.
#[derive(Serialize)]
pub struct DiffView {
    pub added: usize,
    pub removed: usize,
    /// Escaped HTML, from [`FileDiff::to_html`].
    pub html: String,
}

impl DiffView {
    fn new(old: &str, new: &str) -> Self {
        let diff: FileDiff = diff::diff(old, new);
        DiffView {
            added: diff.added,
            removed: diff.removed,
            html: diff.to_html(),
        }
    }
}

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

#[derive(Serialize, Clone)]
pub struct CommitLink {
    pub short: String,
    pub hash: String,
    /// On the forge, when `repo_url` is set.
    pub url: Option<String>,
}

/// History as the document page summarises it.
#[derive(Serialize)]
pub struct HistorySummary {
    /// `off`, `no-repository` or `read`.
    pub state: &'static str,
    pub truncated: bool,
    pub revisions: usize,
    pub uncommitted: bool,
    pub url: String,
    /// The file on the forge, when `repo_url` is set.
    pub source_url: Option<String>,
}

/// The history page: every revision with its diff and full text.
#[derive(Serialize)]
pub struct HistoryPage {
    pub card: DocCard,
    pub summary: HistorySummary,
    pub revisions: Vec<RevisionView>,
    /// The working copy against the last commit, when they differ.
    pub uncommitted_diff: Option<DiffView>,
}

#[derive(Serialize)]
pub struct RevisionView {
    pub commit: CommitLink,
    pub date: String,
    pub author: String,
    pub subject: String,
    /// `added`, `modified`, `renamed`, `deleted`.
    pub change: &'static str,
    pub renamed_from: Option<String>,
    pub snapshot: Snapshot,
    /// Against the previous revision with text (the first revision diffs against nothing).
    pub diff: Option<DiffView>,
    /// The whole file at this revision (the "as of" view), escaped HTML:
    /// escaped here because tera's escaping of tens of thousands of whole
    /// documents is a large part of a build.
    pub text_html: Option<String>,
}

impl HistorySummary {
    pub fn new(library: &Library, entry: &Entry) -> Self {
        let (state, truncated) = match library.history {
            HistoryState::Off => ("off", false),
            HistoryState::NoRepository => ("no-repository", false),
            HistoryState::Read { truncated } => ("read", truncated),
        };
        HistorySummary {
            state,
            truncated,
            revisions: entry.history.revisions.len(),
            uncommitted: entry.history.uncommitted && state == "read",
            url: format!(
                "{}history.html",
                crate::library::document_url(&library.config.base_path(), &entry.document.slug)
            ),
            source_url: library.config.repo_url.as_ref().map(|repo| {
                let path = format!(
                    "{}{}",
                    library.repo_prefix,
                    entry
                        .document
                        .display_path
                        .to_string_lossy()
                        .replace('\\', "/")
                );
                format!("{}/blob/HEAD/{path}", repo.trim_end_matches('/'))
            }),
        }
    }
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
    for decision in &entry.document.meta.decisions {
        let view = DecisionView::new(decision);
        events.push(TimelineEvent {
            date: view.date.clone(),
            kind: "decision",
            label: format!("Decision: {}", view.outcome_label),
            by: view.by.clone(),
            note: view.note.clone(),
            commit: None,
            outcome: Some(view.outcome),
        });
    }
    // Stable: on the same day, commits keep their order and decisions follow them.
    events.sort_by(|a, b| a.date.cmp(&b.date));
    events
}

/// The history page of one document.
pub fn history_page(library: &Library, entry: &Entry) -> HistoryPage {
    let revisions = &entry.history.revisions;
    let views = revisions
        .iter()
        .enumerate()
        .map(|(i, revision)| {
            let older_text = revisions[i + 1..].iter().find_map(|r| r.text.as_deref());
            // The first version has nothing to diff against: its full text says it all.
            let diff = match (older_text, revision.text.as_deref()) {
                (Some(old), Some(new)) => Some(DiffView::new(old, new)),
                _ => None,
            };
            RevisionView {
                commit: commit_link(library, revision),
                date: revision.date.clone(),
                author: revision.author.clone(),
                subject: revision.subject.clone(),
                change: change_label(revision.change),
                renamed_from: revision.renamed_from.clone(),
                snapshot: revision.snapshot.clone(),
                diff,
                text_html: revision.text.as_deref().map(escape_html),
            }
        })
        .collect();
    let summary = HistorySummary::new(library, entry);
    let last_committed = revisions.first().and_then(|r| r.text.as_deref());
    let uncommitted_diff = summary
        .uncommitted
        .then(|| DiffView::new(last_committed.unwrap_or(""), &entry.document.text));
    HistoryPage {
        card: DocCard::new(library, entry),
        summary,
        revisions: views,
        uncommitted_diff,
    }
}

fn commit_link(library: &Library, revision: &Revision) -> CommitLink {
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

fn change_label(change: char) -> &'static str {
    match change {
        'A' => "added",
        'D' => "deleted",
        'R' => "renamed",
        'C' => "copied",
        _ => "modified",
    }
}
