//! From commits to each document's revisions: following renames back to
//! older names, reading every old version once, and the status, stage and
//! owner each version had.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::git::{self, Commit, FileChange};
use super::{Change, Content, DocumentHistory, Revision, Snapshot, is_uncommitted};
use crate::config::{Config, Resolved};
use crate::document::{Date, Document, parse_meta};
use crate::front_matter;

/// A change of one commit, indexed by the path its file has at `HEAD`.
pub(super) struct Touch<'a> {
    commit: &'a Commit,
    change: &'a FileChange,
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

/// Every document's revisions, reading each old version once (one `git cat-file`).
pub(super) fn build_documents(
    root: &Path,
    config: &Config,
    content_key: &str,
    documents: &[Document],
    per_path: &HashMap<String, Vec<Touch<'_>>>,
) -> Result<HashMap<String, DocumentHistory>, String> {
    let touches_of = |doc: &Document| {
        per_path
            .get(&repository_path(content_key, &doc.source))
            .map_or(&[][..], Vec::as_slice)
    };
    let mut blobs: Vec<&str> = documents
        .iter()
        .flat_map(touches_of)
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
        .map(|(blob, text)| (blob.as_str(), snapshot(config, text)))
        .collect();
    let versions = Versions {
        texts: &texts,
        snapshots,
    };
    Ok(documents
        .iter()
        .map(|doc| {
            let revisions: Vec<Revision> = touches_of(doc)
                .iter()
                .map(|t| versions.revision(t))
                .collect();
            let uncommitted = is_uncommitted(&revisions, &doc.text);
            let history = DocumentHistory {
                revisions,
                uncommitted,
            };
            (doc.source.clone(), history)
        })
        .collect())
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

/// Every old version's text and front matter, by blob id.
struct Versions<'a> {
    texts: &'a HashMap<String, Arc<str>>,
    snapshots: HashMap<&'a str, Snapshot>,
}

impl Versions<'_> {
    fn revision(&self, touch: &Touch<'_>) -> Revision {
        let blob = touch.change.blob.as_deref();
        let content = match blob {
            None => Content::Absent,
            Some(blob) => self
                .texts
                .get(blob)
                .map_or(Content::Unreadable, |text| Content::Text(Arc::clone(text))),
        };
        let commit = touch.commit;
        Revision {
            hash: commit.hash.clone(),
            date: Date::parse(&commit.date).unwrap_or_default(),
            author: commit.author.clone(),
            subject: commit.subject.clone(),
            change: Change::from_git(touch.change.status, touch.change.from.as_deref()),
            content,
            snapshot: blob
                .and_then(|b| self.snapshots.get(b))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// Status, stage and owner of an old revision; lenient, since old revisions may be broken.
fn snapshot(config: &Config, text: &str) -> Snapshot {
    let Ok(split) = front_matter::split(text) else {
        return Snapshot::default();
    };
    let meta = match split.front_matter {
        None => Ok(crate::document::Meta::default()),
        Some(fm) => parse_meta(fm.format, fm.text),
    };
    let Ok(mut meta) = meta else {
        return Snapshot::default();
    };
    crate::document::fields::apply(&mut meta, &config.fields, &text[split.body_offset..]);
    let (statuses, stages) = (&config.statuses, &config.stages);
    Snapshot {
        status: Resolved::lookup(statuses, &config.aliases.status, meta.status.as_deref()).0,
        stage: Resolved::lookup(stages, &config.aliases.stage, meta.stage.as_deref()).0,
        owner: meta.owner,
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
