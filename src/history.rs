//! Revision history of every document, read from git.
//!
//! Placeholder types until the git reader lands (issue 3): the rest of the
//! pipeline already carries a `DocumentHistory` per document.

use serde::Serialize;

/// What git knows about one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentHistory {
    /// Commits that touched the document, newest first.
    pub revisions: Vec<Revision>,
}

/// One commit that changed a document.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    pub hash: String,
    /// Author date, `YYYY-MM-DD`.
    pub date: String,
    pub author: String,
    pub subject: String,
}
