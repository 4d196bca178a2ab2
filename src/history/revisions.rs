//! From commits to each document's revisions: following renames back to
//! older names, reading every old version once, and the status, stage and
//! owner each version had.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::git::{self, Change, Commit};
use super::{DocumentHistory, Revision, Snapshot};
use crate::document::{Document, parse_meta};
use crate::front_matter;

/// A change of one commit, indexed by the path its file has at `HEAD`.
pub(super) struct Touch<'a> {
    commit: &'a Commit,
    change: &'a Change,
}

/// Walks history newest to oldest, following renames back to older names.
pub(super) fn by_current_path(commits: &[Commit]) -> HashMap<String, Vec<Touch<'_>>> {
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

pub(super) fn build_documents(
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
