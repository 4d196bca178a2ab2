//! `page` of history.html: every revision of a document with its diff and
//! its whole text, and the history summary the document page shows.

use serde::Serialize;

use super::card::DocCard;
use super::timeline::{CommitLink, commit_link};
use crate::diff::{self, FileDiff};
use crate::history::{HistoryState, Snapshot};
use crate::html::escape_html;
use crate::library::{Entry, Library, document_url};
use crate::slug::to_slash;

/// A diff, rendered, with its line counts.
#[derive(Serialize)]
pub struct DiffView {
    pub added: usize,
    pub removed: usize,
    /// Escaped HTML, from [`FileDiff::to_html`].
    pub html: String,
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

/// One revision on the history page.
#[derive(Serialize)]
pub struct RevisionView {
    pub commit: CommitLink,
    pub date: String,
    pub author: String,
    pub subject: String,
    /// `added`, `modified`, `renamed`, `deleted`.
    pub change: &'static str,
    pub renamed_from: Option<String>,
    pub snapshot: SnapshotView,
    /// Against the previous revision with text (the first revision diffs against nothing).
    pub diff: Option<DiffView>,
    /// The whole file at this revision (the "as of" view), escaped HTML:
    /// escaped here because tera's escaping of tens of thousands of whole
    /// documents is a large part of a build.
    pub text_html: Option<String>,
}

/// Status and stage as a revision's front matter said.
#[derive(Serialize)]
pub struct SnapshotView {
    pub status: Option<String>,
    pub stage: Option<String>,
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

impl HistorySummary {
    pub fn new(library: &Library, entry: &Entry) -> Self {
        let (state, truncated) = match library.history {
            HistoryState::Off => ("off", false),
            HistoryState::NoRepository => ("no-repository", false),
            HistoryState::Read { truncated } => ("read", truncated),
        };
        let page = document_url(&library.config.base_path(), &entry.document.slug);
        HistorySummary {
            state,
            truncated,
            revisions: entry.history.revisions.len(),
            uncommitted: entry.history.uncommitted && state == "read",
            url: format!("{page}history.html"),
            source_url: library.config.repo_url.as_ref().map(|repo| {
                let path = format!(
                    "{}{}",
                    library.repo_prefix,
                    to_slash(&entry.document.display_path)
                );
                format!("{}/blob/HEAD/{path}", repo.trim_end_matches('/'))
            }),
        }
    }
}

impl HistoryPage {
    /// The history page of one document.
    pub fn new(library: &Library, entry: &Entry) -> Self {
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
                    snapshot: snapshot_view(&revision.snapshot),
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
}

fn snapshot_view(snapshot: &Snapshot) -> SnapshotView {
    SnapshotView {
        status: snapshot.status.clone(),
        stage: snapshot.stage.clone(),
    }
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
