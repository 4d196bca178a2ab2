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

mod git;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::document::{Document, parse_meta};
use crate::front_matter;
pub use git::{Change, Commit};

/// File in the output folder's cache directory that holds the parsed log.
pub const CACHE_FILE: &str = "history.json";
const CACHE_VERSION: u32 = 1;

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

/// The parsed log of the content folder up to `head`, stored between builds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    head: String,
    content_dir: String,
    commits: Vec<Commit>,
}

impl Cache {
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
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
    let commits = match load_commits(root, content_dir, &content_key, &head, cached) {
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
    let per_path = revisions_by_current_path(&commits);
    let mut documents_history = build_documents(root, &content_key, documents, &per_path);
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
        cache: Some(Cache {
            version: CACHE_VERSION,
            head,
            content_dir: content_key,
            commits,
        }),
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

/// The cached commits plus whatever git adds since the cached head.
fn load_commits(
    root: &Path,
    content_dir: &Path,
    content_key: &str,
    head: &str,
    cached: Option<&[u8]>,
) -> Result<Vec<Commit>, String> {
    let cache: Option<Cache> = cached
        .and_then(|bytes| serde_json::from_slice(bytes).ok())
        .filter(|c: &Cache| c.version == CACHE_VERSION && c.content_dir == content_key);
    let failed = |e: git::GitError| match e {
        git::GitError::NotARepo => "not a git repository".to_owned(),
        git::GitError::Failed(why) => why,
    };
    match cache {
        Some(cache) if cache.head == head => Ok(cache.commits),
        // History only grows: when the cached head is still in it, ask only for what is new.
        Some(cache) if git::is_ancestor(root, &cache.head, head) => {
            let mut commits = git::log(root, content_dir, Some(&cache.head)).map_err(failed)?;
            commits.extend(cache.commits);
            Ok(commits)
        }
        _ => git::log(root, content_dir, None).map_err(failed),
    }
}

/// A change of one commit, indexed by the path its file has at `HEAD`.
struct Touch<'a> {
    commit: &'a Commit,
    change: &'a Change,
}

/// Walks history newest to oldest, following renames back to older names.
fn revisions_by_current_path(commits: &[Commit]) -> HashMap<String, Vec<Touch<'_>>> {
    let mut by_path: HashMap<String, Vec<Touch<'_>>> = HashMap::new();
    // Name at this point in history -> name at HEAD.
    let mut current_name: HashMap<String, String> = HashMap::new();
    for commit in commits {
        for change in &commit.changes {
            let name = current_name
                .get(&change.path)
                .cloned()
                .unwrap_or_else(|| change.path.clone());
            by_path
                .entry(name.clone())
                .or_default()
                .push(Touch { commit, change });
            if let (Some(from), 'R') = (&change.from, change.status) {
                current_name.remove(&change.path);
                current_name.insert(from.clone(), name);
            }
        }
    }
    by_path
}

fn build_documents(
    root: &Path,
    content_key: &str,
    documents: &[Document],
    per_path: &HashMap<String, Vec<Touch<'_>>>,
) -> Result<HashMap<String, DocumentHistory>, String> {
    let path_of = |doc: &Document| {
        if content_key.is_empty() || content_key == "." {
            doc.source.clone()
        } else {
            format!(
                "{}/{}",
                content_key.trim_end_matches('/').trim_start_matches("./"),
                doc.source
            )
        }
    };
    let mut blobs: Vec<&str> = documents
        .iter()
        .filter_map(|d| per_path.get(&path_of(d)))
        .flatten()
        .filter_map(|t| t.change.blob.as_deref())
        .collect();
    blobs.sort_unstable();
    blobs.dedup();
    let started = std::time::Instant::now();
    let texts: HashMap<String, Arc<str>> = git::read_blobs(root, &blobs)
        .map_err(|e| format!("{e:?}"))?
        .into_iter()
        .map(|(k, v)| (k, Arc::from(v)))
        .collect();
    crate::timings::stage("history: cat-file", started);
    let snapshots: HashMap<&str, Snapshot> = texts
        .par_iter()
        .map(|(blob, text)| (blob.as_str(), snapshot(text)))
        .collect();
    Ok(documents
        .iter()
        .map(|doc| {
            let touches = per_path.get(&path_of(doc)).map_or(&[][..], Vec::as_slice);
            let revisions: Vec<Revision> = touches
                .iter()
                .map(|t| {
                    let text = t.change.blob.as_ref().and_then(|b| texts.get(b)).cloned();
                    let snapshot = t
                        .change
                        .blob
                        .as_deref()
                        .and_then(|b| snapshots.get(b))
                        .cloned()
                        .unwrap_or_default();
                    Revision {
                        hash: t.commit.hash.clone(),
                        date: t.commit.date.clone(),
                        author: t.commit.author.clone(),
                        subject: t.commit.subject.clone(),
                        change: t.change.status,
                        renamed_from: t.change.from.clone(),
                        text,
                        snapshot,
                    }
                })
                .collect();
            let uncommitted =
                revisions.first().and_then(|r| r.text.as_deref()) != Some(doc.text.as_str());
            (
                doc.source.clone(),
                DocumentHistory {
                    revisions,
                    uncommitted,
                },
            )
        })
        .collect())
}

/// Status, stage and owner of an old revision; lenient, since old revisions may be broken.
fn snapshot(text: &str) -> Snapshot {
    let Ok(split) = front_matter::split(text) else {
        return Snapshot::default();
    };
    let Some(fm) = split.front_matter else {
        return Snapshot::default();
    };
    match parse_meta(fm.format, fm.text) {
        Ok(meta) => Snapshot {
            status: meta.status,
            stage: meta.stage,
            owner: meta.owner,
        },
        Err(_) => Snapshot::default(),
    }
}
