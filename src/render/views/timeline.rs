//! A document's timeline: status, stage and owner changes read from its
//! revisions, and its decision log, oldest first.

use serde::Serialize;

use super::card::DecisionView;
use super::commit::{CommitLink, commit_link};
use crate::config::{Resolved, Term};
use crate::document::{Date, Outcome};
use crate::history::{Change, Snapshot};
use crate::library::{Entry, Library};

/// One event in a document's life, oldest first on the page.
#[derive(Serialize, Clone, Debug)]
pub struct TimelineEvent {
    pub date: Date,
    /// What kind of event (`event-<kind>` classes).
    pub kind: EventKind,
    /// What happened, e.g. "Status: Draft → In review".
    pub label: String,
    /// Who: the commit author or whoever decided.
    pub by: Option<String>,
    /// Why: the commit subject or the decision note.
    pub note: Option<String>,
    pub commit: Option<CommitLink>,
    /// For decisions: `proceed`, `shelve` or `revisit`.
    pub outcome: Option<Outcome>,
}

/// The kinds of timeline event.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Created,
    Status,
    Stage,
    Owner,
    Renamed,
    Deleted,
    Decision,
}

impl EventKind {
    /// Whether the event is a status or stage change (the home page's transitions).
    pub fn is_transition(self) -> bool {
        matches!(self, EventKind::Status | EventKind::Stage)
    }
}

/// Status, stage and owner changes from the revisions, with the decision log, oldest first.
pub fn timeline(library: &Library, entry: &Entry) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    // The last revision whose text could be read: what later ones are compared with.
    let mut previous: Option<&Snapshot> = None;
    for (i, revision) in entry.history.revisions.iter().rev().enumerate() {
        let event = |kind, label: String| TimelineEvent {
            date: revision.date,
            kind,
            label,
            by: Some(revision.author.clone()),
            note: Some(revision.subject.clone()),
            commit: Some(commit_link(library, revision)),
            outcome: None,
        };
        let readable = revision.is_readable();
        let now = &revision.snapshot;
        if i == 0 {
            let label = if readable {
                created_label(library, now)
            } else {
                "First draft".to_owned()
            };
            events.push(event(EventKind::Created, label));
        } else if let (Some(before), true) = (previous, readable) {
            for (kind, label) in changes(library, before, now) {
                events.push(event(kind, label));
            }
        }
        match &revision.change {
            Change::Renamed { from } => {
                events.push(event(EventKind::Renamed, format!("Renamed from {from}")));
            }
            Change::Deleted => events.push(event(EventKind::Deleted, "Deleted".into())),
            Change::Added | Change::Modified => {}
        }
        if readable {
            previous = Some(now);
        }
    }
    events.extend(entry.document.meta.decisions.iter().map(|decision| {
        let view = DecisionView::new(decision);
        TimelineEvent {
            date: view.date,
            kind: EventKind::Decision,
            label: format!("Decision: {}", view.outcome_label),
            by: view.by,
            note: view.note,
            commit: None,
            outcome: Some(view.outcome),
        }
    }));
    // Stable: on the same day, commits keep their order and decisions follow them.
    events.sort_by_key(|e| e.date);
    events
}

/// The status, stage and owner changes between two revisions, as labels.
fn changes(library: &Library, before: &Snapshot, now: &Snapshot) -> Vec<(EventKind, String)> {
    let config = &library.config;
    let mut changes = Vec::new();
    let terms = [
        (
            EventKind::Status,
            "Status",
            &config.statuses,
            &before.status,
            &now.status,
        ),
        (
            EventKind::Stage,
            "Stage",
            &config.stages,
            &before.stage,
            &now.stage,
        ),
    ];
    for (kind, field, terms, old, new) in terms {
        if old != new {
            let label = format!("{field}: {} → {}", label(terms, old), label(terms, new));
            changes.push((kind, label));
        }
    }
    if before.owner != now.owner {
        let name = |owner: &Option<String>| owner.clone().unwrap_or_else(|| "none".into());
        let label = format!("Leader: {} → {}", name(&before.owner), name(&now.owner));
        changes.push((EventKind::Owner, label));
    }
    changes
}

fn created_label(library: &Library, snapshot: &Snapshot) -> String {
    let config = &library.config;
    match (&snapshot.status, &snapshot.stage) {
        (Resolved::Missing, Resolved::Missing) => "First draft".into(),
        (status, stage) => format!(
            "First draft: {} · {}",
            label(&config.statuses, status),
            label(&config.stages, stage)
        ),
    }
}

fn label(terms: &[Term], resolved: &Resolved) -> String {
    resolved.label(terms, "none")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::history::{Content, DocumentHistory, History, HistoryState, Revision};
    use crate::library::test_support::library_with;

    const NOW: &str = "+++\nowner = \"Ann\"\nstatus = \"proceed\"\nstage = \"refine\"\n+++\nText\n";

    fn snapshot(status: usize, stage: usize) -> Snapshot {
        Snapshot {
            status: Resolved::Known(status),
            stage: Resolved::Known(stage),
            owner: Some("Ann".into()),
        }
    }

    /// A revision on `day` of March 2024; `snapshot: None` for one that is not text.
    fn revision(day: u8, change: Change, snapshot: Option<Snapshot>) -> Revision {
        let content = match (&change, &snapshot) {
            (Change::Deleted, _) => Content::Absent,
            (_, Some(_)) => Content::Text,
            (_, None) => Content::Unreadable,
        };
        Revision {
            hash: format!("{day:040}"),
            date: Date::parse(&format!("2024-03-{day:02}")).unwrap(),
            author: "Ann".into(),
            subject: format!("commit {day}"),
            change,
            content,
            blob: (content != Content::Absent).then(|| format!("{day:040}")),
            path: "content/a.md".into(),
            snapshot: snapshot.unwrap_or_default(),
            step: None,
        }
    }

    /// The timeline labels of a document whose revisions are given oldest first.
    fn labels(mut revisions: Vec<Revision>, text: &str) -> Vec<String> {
        revisions.reverse();
        let history = History {
            state: HistoryState::Read { truncated: false },
            documents: HashMap::from([(
                "a.md".to_owned(),
                DocumentHistory {
                    revisions,
                    uncommitted: false,
                    base: None,
                },
            )]),
            ..History::default()
        };
        let library = library_with(&[("a.md", text)], history);
        timeline(&library, &library.entries[0])
            .into_iter()
            .map(|e| e.label)
            .collect()
    }

    #[test]
    fn transitions_between_readable_revisions_with_labels() {
        let labels = labels(
            vec![
                revision(1, Change::Added, Some(snapshot(0, 0))),
                revision(2, Change::Modified, Some(snapshot(1, 3))),
            ],
            NOW,
        );
        assert_eq!(
            labels,
            [
                "First draft: Draft · Listen",
                "Status: Draft → In review",
                "Stage: Listen → Refine"
            ]
        );
    }

    #[test]
    fn an_unreadable_revision_is_neither_deleted_nor_a_second_first_draft() {
        let middle = labels(
            vec![
                revision(1, Change::Added, Some(snapshot(0, 0))),
                revision(2, Change::Modified, None),
                revision(3, Change::Modified, Some(snapshot(1, 0))),
            ],
            NOW,
        );
        assert_eq!(
            middle,
            ["First draft: Draft · Listen", "Status: Draft → In review"]
        );
        let first = labels(
            vec![
                revision(1, Change::Added, None),
                revision(2, Change::Modified, Some(snapshot(1, 0))),
            ],
            NOW,
        );
        assert_eq!(first, ["First draft"]);
    }

    #[test]
    fn deletions_renames_and_decisions_in_date_order() {
        let text = format!(
            "{}\n[[decisions]]\ndate = 2024-03-02\noutcome = \"proceed\"\n",
            NOW.trim_end_matches("+++\nText\n")
        ) + "+++\n";
        let labels = labels(
            vec![
                revision(1, Change::Added, Some(snapshot(0, 0))),
                revision(2, Change::Deleted, None),
                revision(
                    3,
                    Change::Renamed {
                        from: "old.md".into(),
                    },
                    Some(snapshot(0, 0)),
                ),
            ],
            &text,
        );
        assert_eq!(
            labels,
            [
                "First draft: Draft · Listen",
                "Deleted",
                "Decision: Proceed",
                "Renamed from old.md"
            ]
        );
    }
}
