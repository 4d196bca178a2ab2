//! The parsed `git log`, kept in the output folder between builds: history
//! only grows, so the next build asks git only for the commits since.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::git::{self, Commit};

const CACHE_VERSION: u32 = 1;

/// The parsed log of the content folder up to `head`, stored between builds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    head: String,
    content_dir: String,
    commits: Vec<Commit>,
}

impl Cache {
    pub(super) fn new(head: String, content_dir: String, commits: Vec<Commit>) -> Self {
        Cache {
            version: CACHE_VERSION,
            head,
            content_dir,
            commits,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// The cached commits plus whatever git adds since the cached head.
pub(super) fn load_commits(
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
