//! Revision history of every document, read from git.
//!
//! A PR/FAQ is rewritten many times before its decision, and the history is
//! the organisation's memory of why. For each document we list the commits
//! that touched it (following renames), the text at each revision, and the
//! status, stage and owner it had then, from which the site draws timelines
//! and diffs.
//!
//! History only grows, so the parsed `git log` is cached in the output folder
//! and the next build asks git only for the commits since. Git problems never
//! fail a build: without a repository the site simply has no history.

mod cache;
mod git;
mod revisions;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::document::Document;
pub use cache::Cache;
pub use git::{Change, Commit};

/// File in the output folder's cache directory that holds the parsed log.
pub const CACHE_FILE: &str = "history.json";

/// What the site knows about history as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
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
}

/// One commit that changed a document.
#[derive(Debug, Clone)]
pub struct Revision {
    pub hash: String,
    /// Author date, `YYYY-MM-DD`.
    pub date: String,
    pub author: String,
    pub subject: String,
    /// `A`dded, `M`odified, `D`eleted, `R`enamed...
    pub change: char,
    /// The path it was renamed from, for renames.
    pub renamed_from: Option<String>,
    /// The whole file as of this revision (`None` when deleted or not text).
    pub text: Option<Arc<str>>,
    /// Status, stage and owner as the front matter said then.
    pub snapshot: Snapshot,
}

/// The front matter fields whose changes make a document's timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub status: Option<String>,
    pub stage: Option<String>,
    pub owner: Option<String>,
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

/// Reads the history of `documents` from the repository around `root`.
/// `cached` is the text of the previous build's cache file, if any.
pub fn read(
    root: &Path,
    content_dir: &Path,
    documents: &[Document],
    cached: Option<&[u8]>,
) -> (History, Vec<Diagnostic>) {
    let started = std::time::Instant::now();
    let repo = match git::repo(root) {
        Ok(repo) => repo,
        Err(_) => return (unavailable(HistoryState::NoRepository), Vec::new()),
    };
    let mut diagnostics = Vec::new();
    if repo.shallow {
        diagnostics.push(
            Diagnostic::warning(content_dir, "this is a shallow clone: revision history is truncated")
                .with_hint("fetch the whole history; in GitHub Actions: `actions/checkout` with `fetch-depth: 0`"),
        );
    }
    let content_key = content_dir.to_string_lossy().replace('\\', "/");
    let Some(head) = repo.head else {
        // A repository without commits: everything is uncommitted.
        return (
            all_uncommitted(documents, HistoryState::Read { truncated: false }),
            diagnostics,
        );
    };
    let commits = match cache::load_commits(root, content_dir, &content_key, &head, cached) {
        Ok(commits) => commits,
        Err(why) => {
            diagnostics.push(
                Diagnostic::warning(content_dir, format!("could not read git history: {why}"))
                    .with_hint("the site is built without history; run `git status` to check the repository"),
            );
            return (unavailable(HistoryState::NoRepository), diagnostics);
        }
    };
    crate::timings::stage("history: git log", started);
    let per_path = revisions::by_current_path(&commits);
    let mut documents_history =
        revisions::build_documents(root, &content_key, documents, &per_path);
    if let Err(why) = &mut documents_history {
        diagnostics.push(Diagnostic::warning(
            content_dir,
            format!("could not read old revisions: {why}"),
        ));
    }
    let history = History {
        state: HistoryState::Read {
            truncated: repo.shallow,
        },
        documents: documents_history.unwrap_or_default(),
        cache: Some(Cache::new(head, content_key, commits)),
        repo_prefix: repo.prefix,
    };
    (history, diagnostics)
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
