//! Every document's [`Outline`], kept between builds in the state folder
//! (`.prfaq/outline-cache`): a rebuild parses again only the documents whose
//! text changed.
//!
//! An outline is a function of the document's text, where its body starts
//! and its title (and of this prfaq), which is what its key hashes (see
//! `library::keyed`, which reads, keys and rewrites the file). Parsing every
//! body for its outline was the largest part of a rebuild with nothing
//! changed: 18% of its instructions at 1,000 documents.

use rayon::prelude::*;

use super::outline::{Outline, outline};
use crate::document::Document;
use crate::library::keyed::{self, Kind, ToStore};

/// Name of the cache in the state folder.
pub const CACHE_FILE: &str = "outline-cache";
/// Bumped when what an outline holds, or how it is read, changes.
const KIND: Kind = Kind {
    format: "prfaq-outlines",
    version: 1,
};

/// Each document's outline, in library order, and what to keep for the next build.
pub struct Outlines {
    pub outlines: Vec<Outline>,
    keys: Vec<u64>,
    /// Whether the cache is worth writing again ([`keyed::worth_rewriting`]).
    changed: bool,
}

impl Outlines {
    /// Outlines every document, in the order given, taking from `cached`
    /// (the previous build's cache file) those whose key is there.
    pub fn new(documents: &[Document], cached: Option<&[u8]>) -> Outlines {
        let shared = KIND.hasher().digest();
        let keys: Vec<u64> = documents
            .par_iter()
            .map(|document| keyed::document_key(shared, document))
            .collect();
        let (kept, stale) = keyed::take(KIND.parse::<Outline>(cached), &keys);
        let parsed = kept.iter().filter(|o| o.is_none()).count();
        crate::timings::count("check: outlines parsed", parsed);
        let outlines = documents
            .par_iter()
            .zip(kept)
            .map(|(document, kept)| kept.unwrap_or_else(|| outline(document)))
            .collect();
        Outlines {
            changed: keyed::worth_rewriting(parsed.max(stale), keys.len()),
            outlines,
            keys,
        }
    }

    /// The cache file to write, when it changed enough to be worth it.
    pub fn to_store(&self) -> Option<ToStore<'_, Outline>> {
        self.changed
            .then(|| KIND.to_store(self.keys.iter().copied().zip(&self.outlines)))
    }
}
