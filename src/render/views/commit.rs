//! A commit as pages show it: shortened, linked to the forge when `repo_url` is set.

use serde::Serialize;

use crate::history::Revision;
use crate::library::Library;

/// A commit, shortened, with its page on the forge.
#[derive(Serialize, Clone, Debug)]
pub struct CommitLink {
    pub short: String,
    pub hash: String,
    /// On the forge, when `repo_url` is set.
    pub url: Option<String>,
}

/// A revision's commit, linked to the forge when `repo_url` is set.
pub fn commit_link(library: &Library, revision: &Revision) -> CommitLink {
    CommitLink {
        short: revision.hash.chars().take(7).collect(),
        hash: revision.hash.clone(),
        url: library
            .config
            .repo_url
            .as_ref()
            .map(|repo| format!("{}/commit/{}", repo.trim_end_matches('/'), revision.hash)),
    }
}
