//! What history keeps between builds, in one versioned file: the parsed `git
//! log` (history only grows, so the next build asks git only for the commits
//! since) and the [`Blobs`] store (what was derived from old blobs, by id).
//!
//! A file that cannot be parsed, was written by another version of prfaq or
//! for another content folder, is ignored and rebuilt: a cache can make a
//! build faster, never wrong.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::blobs::Blobs;
use super::git::{self, Commit};
use crate::config::Fields;

/// Names the file's kind, so a foreign file is never taken for a cache.
const FORMAT: &str = "prfaq-history";
/// Bumped when the layout or what is derived from blobs changes.
const CACHE_VERSION: u32 = 4;

/// The parsed log of the content folder up to `head`, and the blob store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cache {
    format: String,
    version: u32,
    /// The prfaq that wrote it: a diff from another release may differ.
    prfaq: String,
    head: String,
    content_dir: String,
    /// site.toml's `[fields]` mapping the blobs' facts were read with.
    fields: String,
    commits: Vec<Commit>,
    pub(super) blobs: Blobs,
    /// Whether it differs from the cache the build read (or there was none):
    /// the state folder is written only then.
    #[serde(skip)]
    changed: bool,
}

impl Cache {
    /// `log_changed`: the commits are not the cached ones as they were.
    pub(super) fn new(
        (head, content_dir): (String, String),
        fields: &Fields,
        (commits, log_changed): (Vec<Commit>, bool),
        blobs: Blobs,
    ) -> Self {
        Cache {
            changed: log_changed || blobs.changed(),
            fields: format!("{fields:?}"),
            format: FORMAT.to_owned(),
            version: CACHE_VERSION,
            prfaq: env!("CARGO_PKG_VERSION").to_owned(),
            head,
            content_dir,
            commits,
            blobs,
        }
    }

    /// The previous build's cache, when it is one of ours for this content folder.
    pub(super) fn parse(
        cached: Option<&[u8]>,
        content_key: &str,
        fields: &Fields,
    ) -> Option<Cache> {
        cached
            .and_then(|bytes| postcard::from_bytes::<Cache>(bytes).ok())
            .filter(|c| {
                c.format == FORMAT
                    && c.version == CACHE_VERSION
                    && c.prfaq == env!("CARGO_PKG_VERSION")
                    && c.content_dir == content_key
                    && c.fields == format!("{fields:?}")
            })
    }
}

/// The cached commits plus whatever git adds since the cached head, and
/// whether that is more than the cache held (or there was no cache).
pub(super) fn load_commits(
    root: &Path,
    content_dir: &Path,
    head: &str,
    cache: Option<(String, Vec<Commit>)>,
) -> Result<(Vec<Commit>, bool), String> {
    let failed = |e: git::GitError| match e {
        git::GitError::NotARepo => "not a git repository".to_owned(),
        git::GitError::Failed(why) => why,
    };
    match cache {
        Some((cached_head, commits)) if cached_head == head => Ok((commits, false)),
        // History only grows: when the cached head is still in it, ask only for what is new.
        Some((cached_head, cached)) if git::is_ancestor(root, &cached_head, head) => {
            let mut commits = git::log(root, content_dir, Some(&cached_head)).map_err(failed)?;
            commits.extend(cached);
            Ok((commits, true))
        }
        _ => Ok((git::log(root, content_dir, None).map_err(failed)?, true)),
    }
}

impl Cache {
    /// Whether the state folder's cache must be written again.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The cached head and commits, and the blob store.
    pub(super) fn into_parts(self) -> (Option<(String, Vec<Commit>)>, Blobs) {
        (Some((self.head, self.commits)), self.blobs)
    }
}
