//! From commits to each document's revisions: following renames back to
//! older names, the status, stage and owner each version had, and what each
//! revision changed (from the blob store, which reads each old version once).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::blobs::{self, BlobFacts, BlobStats, Blobs};
use super::git::{Commit, FileChange};
use super::{Change, Content, DocumentHistory, Revision, Snapshot, blob_id};
use crate::config::{Config, Resolved};
use crate::document::{Date, Document};

/// A change of one commit, indexed by the path its file has at `HEAD`.
pub(super) struct Touch<'a> {
    commit: &'a Commit,
    change: &'a FileChange,
}

/// Each file's changes by its path at `HEAD`, and where the content folder is.
pub(super) struct PerPath<'a> {
    pub content_key: &'a str,
    pub touches: HashMap<String, Vec<Touch<'a>>>,
}

impl PerPath<'_> {
    /// The changes of `doc`'s file, newest first.
    fn of(&self, doc: &Document) -> &[Touch<'_>] {
        self.touches
            .get(&repository_path(self.content_key, &doc.source))
            .map_or(&[][..], Vec::as_slice)
    }
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

/// Every document's revisions, with their facts and steps from `blobs`,
/// which learns whatever git has that it has not seen yet.
pub(super) fn build_documents(
    root: &Path,
    config: &Config,
    documents: &[Document],
    per_path: &PerPath<'_>,
    blobs: &mut Blobs,
) -> Result<HashMap<String, DocumentHistory>, String> {
    let touches: Vec<&[Touch<'_>]> = documents.iter().map(|doc| per_path.of(doc)).collect();
    let mut wanted: Vec<&str> = touches
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|t| t.change.blob.as_deref())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let started = std::time::Instant::now();
    let mut stats = BlobStats::default();
    let all_blobs: Vec<Vec<&str>> = touches.iter().map(|t| blobs_of(t).collect()).collect();
    let older = blobs.older_of_new(&all_blobs);
    let mut texts = blobs.learn((root, &config.fields), (&wanted, &older), &mut stats)?;
    crate::timings::stage("history: cat-file", started);
    let chains: Vec<Vec<&str>> = touches.iter().map(|t| readable_chain(blobs, t)).collect();
    let pairs: Vec<(&str, &str)> = chains
        .iter()
        .flat_map(|chain| chain.windows(2).map(|w| (w[0], w[1])))
        .collect();
    blobs.steps(root, &pairs, &mut texts, &mut stats)?;
    crate::timings::stage("history: steps", started);
    let uncommitted: Vec<bool> = documents
        .par_iter()
        .zip(&touches)
        .map(|(doc, t)| {
            t.first().and_then(|t| t.change.blob.as_deref()) != Some(&blob_id(&doc.text))
        })
        .collect();
    let bases = base_texts(root, &chains, &uncommitted, &mut texts, &mut stats)?;
    drop(texts);
    crate::timings::count("history: blobs read from git", stats.read);
    crate::timings::count("history: blobs from the cache", stats.cached);
    let result = documents
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let history = DocumentHistory {
                revisions: revisions(config, blobs, touches[i]),
                uncommitted: uncommitted[i],
                base: bases[i].clone(),
            };
            (doc.source.clone(), history)
        })
        .collect();
    blobs.retain(&wanted, &pairs);
    Ok(result)
}

/// The blobs of a document's revisions, newest first.
fn blobs_of<'a>(touches: &[Touch<'a>]) -> impl Iterator<Item = &'a str> {
    touches.iter().filter_map(|t| t.change.blob.as_deref())
}

/// The blobs of a document's readable revisions, newest first.
fn readable_chain<'a>(blobs: &Blobs, touches: &[Touch<'a>]) -> Vec<&'a str> {
    blobs_of(touches)
        .filter(|b| blobs.facts(b).is_some_and(|f| f.readable))
        .collect()
}

/// The text of each uncommitted document's newest readable revision: what
/// the reader's reconstruction starts from when it is not the file on disk.
fn base_texts(
    root: &Path,
    chains: &[Vec<&str>],
    uncommitted: &[bool],
    texts: &mut HashMap<String, Arc<str>>,
    stats: &mut BlobStats,
) -> Result<Vec<Option<Arc<str>>>, String> {
    let base_blob = |i: usize| chains[i].first().copied().filter(|_| uncommitted[i]);
    let unread: Vec<&str> = (0..chains.len())
        .filter_map(base_blob)
        .filter(|b| !texts.contains_key(*b))
        .collect();
    texts.extend(blobs::read(root, &unread, stats)?);
    Ok((0..chains.len())
        .map(|i| base_blob(i).and_then(|b| texts.get(b).cloned()))
        .collect())
}

/// One document's revisions, newest first, each with the step from the
/// readable revision before it.
fn revisions(config: &Config, blobs: &Blobs, touches: &[Touch<'_>]) -> Vec<Revision> {
    let facts = |t: &Touch<'_>| t.change.blob.as_deref().and_then(|b| blobs.facts(b));
    let readable = |t: &Touch<'_>| facts(t).is_some_and(|f| f.readable);
    touches
        .iter()
        .enumerate()
        .map(|(i, touch)| {
            let blob = touch.change.blob.as_deref();
            let content = match (blob, readable(touch)) {
                (None, _) => Content::Absent,
                (Some(_), true) => Content::Text,
                (Some(_), false) => Content::Unreadable,
            };
            let older = touches[i + 1..].iter().find(|t| readable(t));
            let step = match (blob, older.and_then(|t| t.change.blob.as_deref())) {
                (Some(new), Some(old)) if content == Content::Text => blobs.step(new, old),
                _ => None,
            };
            let commit = touch.commit;
            Revision {
                hash: commit.hash.clone(),
                date: Date::parse(&commit.date).unwrap_or_default(),
                author: commit.author.clone(),
                subject: commit.subject.clone(),
                change: Change::from_git(touch.change.status, touch.change.from.as_deref()),
                content,
                blob: blob.map(str::to_owned),
                path: touch.change.path.clone(),
                snapshot: facts(touch)
                    .map(|f| snapshot(config, f))
                    .unwrap_or_default(),
                step,
            }
        })
        .collect()
}

/// The path of a document in `git log` (relative to the library root).
fn repository_path(content_key: &str, source: &str) -> String {
    if content_key.is_empty() || content_key == "." {
        source.to_owned()
    } else {
        let dir = content_key.trim_end_matches('/').trim_start_matches("./");
        format!("{dir}/{source}")
    }
}

/// Status, stage and owner of an old revision, resolved against site.toml.
fn snapshot(config: &Config, facts: &BlobFacts) -> Snapshot {
    Snapshot {
        status: Resolved::lookup(
            &config.statuses,
            &config.aliases.status,
            facts.status.as_deref(),
        )
        .0,
        stage: Resolved::lookup(
            &config.stages,
            &config.aliases.stage,
            facts.stage.as_deref(),
        )
        .0,
        owner: facts.owner.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(hash: &str, changes: &[(char, &str, Option<&str>)]) -> Commit {
        Commit {
            hash: hash.into(),
            date: "2024-03-02".into(),
            author: "Ann".into(),
            subject: hash.into(),
            changes: changes
                .iter()
                .map(|&(status, path, from)| FileChange {
                    status,
                    path: path.into(),
                    from: from.map(Into::into),
                    blob: Some(format!("blob-{hash}")),
                })
                .collect(),
        }
    }

    fn hashes(touches: &[Touch<'_>]) -> Vec<String> {
        touches.iter().map(|t| t.commit.hash.clone()).collect()
    }

    #[test]
    fn a_rename_chain_is_followed_back_to_the_first_name() {
        // Newest first: a.md was renamed to b.md, then b.md to c.md.
        let commits = [
            commit("4", &[('M', "c.md", None)]),
            commit("3", &[('R', "c.md", Some("b.md"))]),
            commit("2", &[('R', "b.md", Some("a.md"))]),
            commit("1", &[('A', "a.md", None)]),
        ];
        let by_path = by_current_path(&commits);
        assert_eq!(hashes(&by_path["c.md"]), ["4", "3", "2", "1"]);
        assert_eq!(by_path.len(), 1);
    }

    #[test]
    fn a_name_reused_after_a_rename_is_another_file() {
        // a.md was renamed to b.md; later a new a.md was added.
        let commits = [
            commit("3", &[('A', "a.md", None)]),
            commit("2", &[('R', "b.md", Some("a.md"))]),
            commit("1", &[('A', "a.md", None)]),
        ];
        let by_path = by_current_path(&commits);
        assert_eq!(hashes(&by_path["a.md"]), ["3"]);
        assert_eq!(hashes(&by_path["b.md"]), ["2", "1"]);
    }

    #[test]
    fn changes_come_from_git_status_letters() {
        assert_eq!(Change::from_git('A', None), Change::Added);
        assert_eq!(Change::from_git('C', Some("x.md")), Change::Added);
        assert_eq!(Change::from_git('T', None), Change::Modified);
        assert_eq!(Change::from_git('D', None), Change::Deleted);
        assert_eq!(
            Change::from_git('R', Some("x.md")),
            Change::Renamed {
                from: "x.md".into()
            }
        );
        assert_eq!(repository_path("content", "a/b.md"), "content/a/b.md");
        assert_eq!(repository_path(".", "b.md"), "b.md");
    }
}
