//! What search keeps between builds, in the state folder: each document's
//! contribution to the index, under a key of everything it was derived from.
//! A rebuild indexes only the documents whose key is not in the cache, so
//! with nothing changed it tokenises nothing, and after an edit it indexes
//! the edited document alone.
//!
//! The key of a document hashes what its contribution is made of: its
//! source text, its rendered body, its card (title, URL, last update), its
//! revisions (the removed-text facet), and the settings every document
//! shares (site.toml, whether history is on, this prfaq's version). What
//! changes any of them misses the cache, so a cache can make a build faster,
//! never wrong. One file, rewritten only when something changed, holding the
//! current documents alone (the dictionary is cut to the terms they use), so
//! it stays about the size of the index. A file that cannot be read, was
//! written by another version or is not ours is ignored and rebuilt.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::dictionary::Dictionary;
use crate::library::{Entry, Library};
use crate::render::views::DocCard;

/// Name of the cache in the state folder.
pub const CACHE_FILE: &str = "search-cache";
/// Names the file's kind, so a foreign file is never taken for a cache.
const FORMAT: &str = "prfaq-search";
/// Bumped when what a document contributes, or how, changes.
const CACHE_VERSION: u32 = 1;

/// What one document adds to the index: its terms and the terms of the text
/// earlier revisions removed (numbers in the index's dictionary, with
/// scores), and its file of results, compressed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Contribution {
    pub terms: Vec<(u32, u8)>,
    pub earlier: Vec<(u32, u8)>,
    pub fragment: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    prfaq: String,
    /// The dictionary the contributions' term numbers point into, in term order.
    terms: Vec<String>,
    /// Each document's key and contribution.
    documents: Vec<(u64, Contribution)>,
    /// The index files (all but the documents'), and the key of the index
    /// they were made from: every document's key, in id order.
    index: u64,
    files: Vec<(String, Vec<u8>)>,
}

/// What the previous build left: its contributions by key, their
/// dictionary, and its index files with their key.
#[derive(Default)]
pub struct Cached {
    pub dictionary: Dictionary,
    pub documents: HashMap<u64, Contribution>,
    pub index: u64,
    pub files: HashMap<String, Vec<u8>>,
}

/// What the previous build cached; empty when `bytes` is not a cache this
/// prfaq wrote.
pub fn parse(bytes: Option<&[u8]>) -> Cached {
    bytes
        .and_then(|bytes| postcard::from_bytes::<Stored>(bytes).ok())
        .filter(|s| {
            s.format == FORMAT && s.version == CACHE_VERSION && s.prfaq == env!("CARGO_PKG_VERSION")
        })
        .and_then(|stored| {
            let count = stored.terms.len();
            let in_range = |terms: &[(u32, u8)]| terms.iter().all(|&(t, _)| (t as usize) < count);
            let valid = stored
                .documents
                .iter()
                .all(|(_, c)| in_range(&c.terms) && in_range(&c.earlier));
            let dictionary = Dictionary::from_terms(stored.terms).filter(|_| valid)?;
            Some(Cached {
                dictionary,
                documents: stored.documents.into_iter().collect(),
                index: stored.index,
                files: stored.files.into_iter().collect(),
            })
        })
        .unwrap_or_default()
}

/// The cache of `documents` (key and contribution each), their term
/// numbers renumbered into a dictionary of the terms they use, and of the
/// index `files` made from them under the key `index`.
pub fn to_bytes<'a>(
    dictionary: &Dictionary,
    documents: impl Iterator<Item = (u64, &'a Contribution)> + Clone,
    (index, files): (u64, Vec<(String, Vec<u8>)>),
) -> Vec<u8> {
    let mut used = vec![false; dictionary.len()];
    for (_, c) in documents.clone() {
        for &(term, _) in c.terms.iter().chain(&c.earlier) {
            used[term as usize] = true;
        }
    }
    let (terms, renumber) = dictionary.compact(&used);
    let renumbered = |terms: &[(u32, u8)]| -> Vec<(u32, u8)> {
        terms
            .iter()
            .map(|&(t, s)| (renumber[t as usize], s))
            .collect()
    };
    let stored = Stored {
        format: FORMAT.to_owned(),
        version: CACHE_VERSION,
        prfaq: env!("CARGO_PKG_VERSION").to_owned(),
        terms,
        documents: documents
            .map(|(key, c)| {
                let contribution = Contribution {
                    terms: renumbered(&c.terms),
                    earlier: renumbered(&c.earlier),
                    fragment: c.fragment.clone(),
                };
                (key, contribution)
            })
            .collect(),
        index,
        files,
    };
    postcard::to_stdvec(&stored).unwrap_or_default()
}

/// What every document's key shares: the settings, whether history was
/// read, and the version of prfaq and of this cache.
pub fn settings_key(library: &Library) -> u64 {
    let mut hash = Xxh3::new();
    hash.update(format!("{:?}", library.config).as_bytes());
    hash.update(&[u8::from(super::has_history(library))]);
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(&CACHE_VERSION.to_le_bytes());
    hash.digest()
}

/// The key of an index: its settings and every document's key, in id order.
pub fn index_key(settings: u64, documents: impl Iterator<Item = u64>) -> u64 {
    let mut hash = Xxh3::with_seed(settings);
    for key in documents {
        hash.update(&key.to_le_bytes());
    }
    hash.digest().max(1)
}

/// The key of one document's contribution: everything it is derived from.
pub fn document_key(settings: u64, entry: &Entry, card: &DocCard) -> u64 {
    let mut hash = Xxh3::with_seed(settings);
    let mut field = |bytes: &[u8]| {
        hash.update(&(bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    let document = &entry.document;
    field(document.source.as_bytes());
    field(document.text.as_bytes());
    field(card.title.as_bytes());
    field(card.url.as_bytes());
    field(
        card.updated
            .map(|d| d.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    for section in &entry.body.sections {
        field(format!("{:?}", section.kind).as_bytes());
        field(section.heading.as_deref().unwrap_or("").as_bytes());
        field(section.anchor.as_deref().unwrap_or("").as_bytes());
        field(section.html.as_bytes());
    }
    for question in &entry.body.questions {
        field(question.anchor.as_bytes());
    }
    for revision in &entry.history.revisions {
        field(revision.hash.as_bytes());
        field(revision.blob.as_deref().unwrap_or("").as_bytes());
    }
    hash.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contribution(terms: &[(u32, u8)]) -> Contribution {
        Contribution {
            terms: terms.to_vec(),
            earlier: Vec::new(),
            fragment: b"fragment".to_vec(),
        }
    }

    #[test]
    fn round_trips_with_the_dictionary_cut_to_the_terms_used() {
        let mut dictionary = Dictionary::default();
        let (zebra, unused, apple) = (
            dictionary.id("zebra".into()),
            dictionary.id("unused".into()),
            dictionary.id("apple".into()),
        );
        assert_eq!(unused, 1);
        let doc = contribution(&[(zebra, 3), (apple, 9)]);
        let files = vec![("manifest.json".to_owned(), b"{}".to_vec())];
        let bytes = to_bytes(&dictionary, [(7, &doc)].into_iter(), (42, files));
        let Cached {
            dictionary,
            documents,
            index,
            files,
        } = parse(Some(&bytes));
        assert_eq!((index, files["manifest.json"].as_slice()), (42, &b"{}"[..]));
        assert_eq!(dictionary.len(), 2);
        let read = &documents[&7];
        let terms: Vec<(&str, u8)> = read
            .terms
            .iter()
            .map(|&(t, s)| (dictionary.term(t), s))
            .collect();
        assert_eq!(terms, [("zebra", 3), ("apple", 9)]);
        assert_eq!(read.fragment, b"fragment");
    }

    #[test]
    fn ignores_foreign_corrupt_and_out_of_range_caches() {
        let dictionary = Dictionary::default();
        for bytes in [
            &b"{\"format\": \"prfaq-history\"}"[..],
            &[0xff; 40][..],
            b"",
        ] {
            assert!(parse(Some(bytes)).documents.is_empty());
        }
        // A term number past the dictionary's end is not ours either.
        let bad = to_bytes(&dictionary, std::iter::empty(), (0, Vec::new()));
        let mut stored: Stored = postcard::from_bytes(&bad).expect("just written");
        stored.documents.push((1, contribution(&[(5, 1)])));
        let bytes = postcard::to_stdvec(&stored).expect("serialisable");
        assert!(parse(Some(&bytes)).documents.is_empty());
    }
}
