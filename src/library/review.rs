//! What `prfaq check`'s rules found in the library, kept with it so pages
//! can show it: each document's findings and its most similar documents.
//! Filled in by `check::review` once the library is indexed.

use crate::diagnostics::Diagnostic;

/// What the rules found, per document, and which documents resemble each other.
#[derive(Debug, Default, Clone)]
pub struct Review {
    /// Per entry (same order as `Library::entries`): its findings, sorted.
    pub notes: Vec<Vec<Diagnostic>>,
    /// Per entry: the most similar other documents and their cosine similarity, most similar first.
    pub related: Vec<Vec<(usize, f32)>>,
}
