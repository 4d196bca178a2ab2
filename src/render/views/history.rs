//! `page` of history.html: every revision of a document with its diff and
//! its whole text, and the history summary the document page shows.

use serde::Serialize;

use super::card::DocCard;
use super::commit::{CommitLink, commit_link};
use crate::config::Resolved;
use crate::diff::{self, FileDiff};
use crate::document::Date;
use crate::history::{Change, ChangeKind, HistoryState, Revision};
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
    pub state: StateView,
    pub truncated: bool,
    pub revisions: usize,
    pub uncommitted: bool,
    pub url: String,
    /// The file on the forge, when `repo_url` is set.
    pub source_url: Option<String>,
}

/// Whether the site has history: `off`, `no-repository` or `read`.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum StateView {
    Off,
    NoRepository,
    Read,
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
    pub date: Date,
    pub author: String,
    pub subject: String,
    /// `added`, `modified`, `renamed` or `deleted`.
    pub change: ChangeKind,
    pub renamed_from: Option<String>,
    pub snapshot: SnapshotView,
    /// Against the previous revision with text (the first revision diffs against nothing).
    pub diff: Option<DiffView>,
    /// The whole file at this revision (the "as of" view), escaped HTML:
    /// escaped here because tera's escaping of tens of thousands of whole
    /// documents is a large part of a build.
    pub text_html: Option<String>,
}

/// Status and stage as a revision's front matter said, by their labels.
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
            HistoryState::Off => (StateView::Off, false),
            HistoryState::NoRepository => (StateView::NoRepository, false),
            HistoryState::Read { truncated } => (StateView::Read, truncated),
        };
        let page = document_url(&library.config.base_path(), &entry.document.slug);
        HistorySummary {
            state,
            truncated,
            revisions: entry.history.revisions.len(),
            uncommitted: entry.history.uncommitted && state == StateView::Read,
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
                let older_text = revisions[i + 1..].iter().find_map(Revision::text);
                revision_view(library, revision, older_text)
            })
            .collect();
        let summary = HistorySummary::new(library, entry);
        let last_committed = revisions.first().and_then(Revision::text);
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

/// One revision, diffed against `older_text` (the newest older revision with text).
fn revision_view(library: &Library, revision: &Revision, older_text: Option<&str>) -> RevisionView {
    // The first version has nothing to diff against: its full text says it all.
    let diff = match (older_text, revision.text()) {
        (Some(old), Some(new)) => Some(DiffView::new(old, new)),
        _ => None,
    };
    let config = &library.config;
    let label = |terms, resolved: &Resolved| match resolved {
        Resolved::Missing => None,
        resolved => Some(resolved.label(terms, "")),
    };
    RevisionView {
        commit: commit_link(library, revision),
        date: revision.date,
        author: revision.author.clone(),
        subject: revision.subject.clone(),
        change: revision.change.kind(),
        renamed_from: match &revision.change {
            Change::Renamed { from } => Some(from.clone()),
            _ => None,
        },
        snapshot: SnapshotView {
            status: label(&config.statuses, &revision.snapshot.status),
            stage: label(&config.stages, &revision.snapshot.stage),
        },
        diff,
        text_html: revision.text().map(escape_html),
    }
}
