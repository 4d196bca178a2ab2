//! `page` of history.html: every revision of a document with its diff, the
//! history summary the document page shows, and the data (in the page, as
//! JSON) from which the reader's browser rebuilds the document as of any
//! revision.

use std::borrow::Cow;

use serde::Serialize;

use super::card::DocCard;
use super::commit::{CommitLink, commit_link};
use crate::config::Resolved;
use crate::diff::{self, FileDiff};
use crate::document::Date;
use crate::history::{Change, ChangeKind, HistoryState, Op, Revision, Step};
use crate::html::ScriptGzip;
use crate::library::{Entry, Library, document_url};
use crate::slug::to_slash;

/// A diff, rendered, with its line counts.
pub struct DiffView<'a> {
    pub added: usize,
    pub removed: usize,
    /// Escaped HTML, from [`FileDiff::to_html`] (a cached step's is borrowed).
    pub html: Cow<'a, str>,
    /// A revision's step: the blobs of the page's revisions determine it.
    of_step: bool,
}

/// Templates see the HTML; a render key (not human-readable) skips a step's
/// HTML, which the blob ids on the same page determine (see [`RevisionView::blob`]).
impl Serialize for DiffView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let html = !self.of_step || serializer.is_human_readable();
        let mut view = serializer.serialize_struct("DiffView", 3)?;
        view.serialize_field("added", &self.added)?;
        view.serialize_field("removed", &self.removed)?;
        if html {
            view.serialize_field("html", &self.html)?;
        } else {
            view.skip_field("html")?;
        }
        view.end()
    }
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

/// The history page: every revision with its diff.
#[derive(Serialize)]
pub struct HistoryPage<'a> {
    pub card: DocCard,
    pub summary: HistorySummary,
    pub revisions: Vec<RevisionView<'a>>,
    /// The working copy against the last commit, when they differ.
    pub uncommitted_diff: Option<DiffView<'static>>,
    /// What `static/history.js` rebuilds old texts from (an [`AsOfData`] as
    /// gzip JSON in base64, for the page's data block), when a revision can
    /// be read "as of".
    pub as_of: Option<ScriptGzip<AsOfData<'a>>>,
}

/// The "as of" data: the newest readable revision's text, and for each
/// readable revision, newest first, the patch back to the one before it.
#[derive(Serialize)]
pub struct AsOfData<'a> {
    pub text: &'a str,
    pub revisions: Vec<AsOfRevision<'a>>,
}

/// One readable revision: its short hash (the page's `rev-<short>` anchor)
/// and the patch from its text to the previous readable revision's.
pub struct AsOfRevision<'a> {
    pub id: &'a str,
    pub back: Option<&'a [Op]>,
}

/// A render key skips the patch, as it skips a step's diff ([`DiffView`]).
impl Serialize for AsOfRevision<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let back = serializer.is_human_readable();
        let mut view = serializer.serialize_struct("AsOfRevision", 2)?;
        view.serialize_field("id", self.id)?;
        if back {
            view.serialize_field("back", &self.back)?;
        } else {
            view.skip_field("back")?;
        }
        view.end()
    }
}

/// One revision on the history page.
#[derive(Serialize)]
pub struct RevisionView<'a> {
    pub commit: CommitLink,
    pub date: Date,
    pub author: String,
    pub subject: String,
    /// `added`, `modified`, `renamed` or `deleted`.
    pub change: ChangeKind,
    pub renamed_from: Option<String>,
    pub snapshot: SnapshotView,
    /// Against the previous revision with text (the first revision diffs against nothing).
    pub diff: Option<DiffView<'a>>,
    /// The file is text at this revision: the reader can ask for it "as of".
    pub readable: bool,
    /// The file's blob at this revision. A revision's step is made from its
    /// blob and the next older readable one's, so with every revision's blob
    /// and `readable` in a page's render key, the steps' diffs and patches
    /// need not be: the key skips them (a step's text never changes).
    pub blob: Option<&'a str>,
    /// The file as of this revision on the forge, when `repo_url` is set.
    pub forge_url: Option<String>,
}

/// Status and stage as a revision's front matter said, by their labels.
#[derive(Serialize)]
pub struct SnapshotView {
    pub status: Option<String>,
    pub stage: Option<String>,
}

impl<'a> DiffView<'a> {
    fn new(old: &str, new: &str) -> Self {
        let diff: FileDiff = diff::diff(old, new);
        DiffView {
            added: diff.added,
            removed: diff.removed,
            html: Cow::Owned(diff.to_html()),
            of_step: false,
        }
    }

    fn of_step(step: &'a Step) -> Self {
        DiffView {
            added: step.added,
            removed: step.removed,
            html: Cow::Borrowed(&step.html),
            of_step: true,
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

impl<'a> HistoryPage<'a> {
    /// The history page of one document, whose card the list views made.
    pub fn new(library: &Library, entry: &'a Entry, card: DocCard) -> Self {
        let history = &entry.history;
        let views = history
            .revisions
            .iter()
            .map(|revision| revision_view(library, revision))
            .collect();
        let summary = HistorySummary::new(library, entry);
        let uncommitted_diff = summary.uncommitted.then(|| {
            let committed = history.revisions.first().filter(|r| r.is_readable());
            let base = committed.and(history.base.as_deref()).unwrap_or("");
            DiffView::new(base, &entry.document.text)
        });
        HistoryPage {
            card,
            as_of: AsOfData::new(entry).map(ScriptGzip),
            summary,
            revisions: views,
            uncommitted_diff,
        }
    }
}

impl<'a> AsOfData<'a> {
    /// What the reader needs to rebuild any readable revision of `entry`; `None` without one.
    pub fn new(entry: &'a Entry) -> Option<Self> {
        let history = &entry.history;
        let readable: Vec<&Revision> = history
            .revisions
            .iter()
            .filter(|r| r.is_readable())
            .collect();
        readable.first()?;
        let text = history.base.as_deref().filter(|_| history.uncommitted);
        Some(AsOfData {
            text: text.unwrap_or(&entry.document.text),
            revisions: readable
                .iter()
                .map(|r| AsOfRevision {
                    id: &r.hash[..r.hash.len().min(7)],
                    back: r.step.as_ref().map(|s| s.back.as_slice()),
                })
                .collect(),
        })
    }
}

/// One revision, with the diff against the readable revision before it.
fn revision_view<'a>(library: &Library, revision: &'a Revision) -> RevisionView<'a> {
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
        diff: revision.step.as_deref().map(DiffView::of_step),
        readable: revision.is_readable(),
        blob: revision.blob.as_deref(),
        forge_url: config
            .repo_url
            .as_ref()
            .filter(|_| revision.is_readable())
            .map(|repo| {
                let (repo, hash) = (repo.trim_end_matches('/'), &revision.hash);
                format!(
                    "{repo}/blob/{hash}/{}{}",
                    library.repo_prefix, revision.path
                )
            }),
    }
}
