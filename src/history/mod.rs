//! Revision history of every document, read from git.
//!
//! A PR/FAQ is rewritten many times before its decision, and the history is
//! the organisation's memory of why. For each document we list the commits
//! that touched it (following renames), the text at each revision, and the
//! status, stage and owner it had then, from which the site draws timelines
//! and diffs.
//!
//! What is derived from git is cached between builds ([`cache`]): the parsed
//! log, since history only grows, and what each old blob says and changed,
//! by blob id, so a build reads only blobs it has never seen. A revision
//! keeps its [`Step`] (diff and reverse patch), never its whole text. Git
//! problems never fail a build: without a repository the site simply has
//! no history.

mod blobs;
mod cache;
mod git;
mod revisions;
mod steps;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::config::{Config, Resolved};
use crate::diagnostics::Diagnostic;
use crate::document::{Date, Document};
use crate::slug::to_slash;
pub use cache::Cache;
pub use git::{Commit, FileChange};
pub use steps::{Op, Step};

/// File in the state folder that holds the parsed log and the blob store.
pub const CACHE_FILE: &str = "history-cache";
/// Where earlier builds kept the cache, as JSON; removed when the binary
/// cache is written.
pub const LEGACY_CACHE_FILE: &str = "history.json";

/// What the site knows about history as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryState {
    /// `--no-history` or `history = false`.
    #[default]
    Off,
    /// The library is not in a git repository (or git is missing).
    NoRepository,
    /// Read from git; `truncated` in a shallow clone.
    Read { truncated: bool },
}

/// What git knows about one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentHistory {
    /// Commits that touched the document, newest first.
    pub revisions: Vec<Revision>,
    /// The file on disk differs from its last commit (or was never committed).
    pub uncommitted: bool,
    /// The text of the newest readable revision, when it is not the file on
    /// disk (read only for uncommitted documents).
    pub base: Option<Arc<str>>,
}

/// One commit that changed a document.
#[derive(Debug, Clone)]
pub struct Revision {
    pub hash: String,
    /// Author date, in the author's time zone.
    pub date: Date,
    pub author: String,
    pub subject: String,
    /// What the commit did to the file.
    pub change: Change,
    /// Whether the file at this revision is text.
    pub content: Content,
    /// The file's blob after the commit (`None` for a deletion).
    pub blob: Option<String>,
    /// The file's path at this revision, relative to the library root.
    pub path: String,
    /// Status, stage and owner as the front matter said then (defaults when unreadable).
    pub snapshot: Snapshot,
    /// What changed since the previous readable revision (`None` for the first).
    pub step: Option<Arc<Step>>,
}

/// What a commit did to a document's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file appeared (also a copy of another file).
    Added,
    Modified,
    Deleted,
    Renamed {
        from: String,
    },
}

/// A change without its details, as templates see it (`revision-<kind>` classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
    Renamed,
}

/// The file's bytes at a revision: text, or why there is no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Text,
    /// The file exists at this revision but is not UTF-8 text.
    Unreadable,
    /// The revision deleted the file.
    Absent,
}

/// The front matter fields whose changes make a document's timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub status: Resolved,
    pub stage: Resolved,
    pub owner: Option<String>,
}

impl Revision {
    /// Whether the file at this revision is text (and so has a diff and an "as of" view).
    pub fn is_readable(&self) -> bool {
        self.content == Content::Text
    }
}

impl Change {
    /// From git's status letter (`A`, `M`, `D`, `R`, `C`, `T`) and the old path of a rename.
    pub fn from_git(status: char, from: Option<&str>) -> Change {
        match (status, from) {
            ('A' | 'C', _) => Change::Added,
            ('D', _) => Change::Deleted,
            ('R', Some(from)) => Change::Renamed {
                from: from.to_owned(),
            },
            _ => Change::Modified,
        }
    }

    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Added => ChangeKind::Added,
            Change::Modified => ChangeKind::Modified,
            Change::Deleted => ChangeKind::Deleted,
            Change::Renamed { .. } => ChangeKind::Renamed,
        }
    }
}

/// Whether the file on disk differs from its last commit (or was never committed).
/// `revisions` are newest first, as [`DocumentHistory::revisions`].
pub fn is_uncommitted(revisions: &[Revision], text: &str) -> bool {
    revisions.first().and_then(|r| r.blob.as_deref()) != Some(&blob_id(text))
}

/// The id git gives a file with this text: no need to read the last commit's blob to compare.
pub fn blob_id(text: &str) -> String {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", text.len()));
    hasher.update(text);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// History for the whole library.
#[derive(Debug, Default)]
pub struct History {
    pub state: HistoryState,
    /// Keyed by document source (content-relative path).
    pub documents: HashMap<String, DocumentHistory>,
    /// The parsed log to store for the next build (`None`: nothing to store).
    pub cache: Option<Cache>,
    /// Where the library root is inside the repository (for links to the forge).
    pub repo_prefix: String,
}

/// Where `root` is inside its git repository (`docs/` or empty; empty outside git).
pub fn repo_prefix(root: &Path) -> String {
    git::repo(root).map(|repo| repo.prefix).unwrap_or_default()
}

/// Reads the history of `documents` from the repository around `root`;
/// old revisions' statuses and stages are resolved against `config`.
/// `cached` is the text of the previous build's cache file, if any.
pub fn read(
    root: &Path,
    config: &Config,
    documents: &[Document],
    cached: Option<&[u8]>,
) -> (History, Vec<Diagnostic>) {
    let started = std::time::Instant::now();
    let content_dir = config.content_dir.as_path();
    let content_key = to_slash(content_dir);
    // git answers in its own process while the cache is parsed.
    let (repo, cached) = rayon::join(
        || git::repo(root),
        || Cache::parse(cached, &content_key, &config.fields),
    );
    let Ok(repo) = repo else {
        return (unavailable(HistoryState::NoRepository), Vec::new());
    };
    let mut diagnostics: Vec<Diagnostic> = repo
        .shallow
        .then(|| shallow(content_dir))
        .into_iter()
        .collect();
    let Some(head) = repo.head.clone() else {
        let state = HistoryState::Read { truncated: false };
        return (all_uncommitted(documents, state), diagnostics);
    };
    let (cached_log, mut blobs) = cached.map(Cache::into_parts).unwrap_or_default();
    let (commits, log_changed) = match cache::load_commits(root, content_dir, &head, cached_log) {
        Ok(loaded) => loaded,
        Err(why) => {
            diagnostics.push(log_unreadable(content_dir, &why));
            return (unavailable(HistoryState::NoRepository), diagnostics);
        }
    };
    crate::timings::stage("history: git log", started);
    let per_path = revisions::PerPath {
        content_key: &content_key,
        touches: revisions::by_current_path(&commits),
    };
    let read = revisions::build_documents(root, config, documents, &per_path, &mut blobs);
    let documents = read.unwrap_or_else(|why| {
        let message = format!("could not read old revisions: {why}");
        diagnostics.push(Diagnostic::warning(content_dir, message));
        HashMap::new()
    });
    let history = History {
        state: HistoryState::Read {
            truncated: repo.shallow,
        },
        documents,
        cache: Some(Cache::new(
            (head, content_key),
            &config.fields,
            (commits, log_changed),
            blobs,
        )),
        repo_prefix: repo.prefix,
    };
    (history, diagnostics)
}

fn log_unreadable(content_dir: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(content_dir, format!("could not read git history: {why}"))
        .with_hint("the site is built without history; run `git status` to check the repository")
}

fn shallow(content_dir: &Path) -> Diagnostic {
    Diagnostic::warning(
        content_dir,
        "this is a shallow clone: revision history is truncated",
    )
    .with_hint(
        "fetch the whole history; in GitHub Actions: `actions/checkout` with `fetch-depth: 0`",
    )
}

/// History when it is switched off or there is no repository.
pub fn unavailable(state: HistoryState) -> History {
    History {
        state,
        ..History::default()
    }
}

fn all_uncommitted(documents: &[Document], state: HistoryState) -> History {
    let documents = documents
        .iter()
        .map(|d| {
            let history = DocumentHistory {
                revisions: Vec::new(),
                uncommitted: true,
                base: None,
            };
            (d.source.clone(), history)
        })
        .collect();
    History {
        state,
        documents,
        ..History::default()
    }
}
