//! The similarity neighbours kept between builds, in the state folder.
//!
//! Finding which documents read alike is the costly part of the review
//! rules (TF-IDF over the whole library), and it is a pure function of each
//! document's title, summary and press release text, in library order, and
//! of the `[check]` settings. So the neighbours are stored under a key of
//! exactly those: a build whose key matches reuses them, any change to any
//! of them computes them again. A file that cannot be read, or was written
//! by another version, is ignored.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::CheckConfig;

/// Name of the file in the state folder.
pub const CACHE_FILE: &str = "similarity-cache";
/// Names the file's kind, so a foreign file is never taken for a cache.
const FORMAT: &str = "prfaq-similarity";

/// Each document's neighbours, most similar first: (document index, score).
pub type Neighbours = Vec<Vec<(usize, f32)>>;

/// Neighbours with the key of what they were computed from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NeighbourCache {
    format: String,
    prfaq: String,
    pub key: u64,
    pub neighbours: Neighbours,
}

impl NeighbourCache {
    pub fn new(key: u64, neighbours: Neighbours) -> NeighbourCache {
        NeighbourCache {
            format: FORMAT.to_owned(),
            prfaq: env!("CARGO_PKG_VERSION").to_owned(),
            key,
            neighbours,
        }
    }

    /// The cache in `bytes`, if they are one this prfaq wrote.
    pub fn from_bytes(bytes: &[u8]) -> Option<NeighbourCache> {
        let cache: NeighbourCache = postcard::from_bytes(bytes).ok()?;
        (cache.format == FORMAT && cache.prfaq == env!("CARGO_PKG_VERSION")).then_some(cache)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// The neighbours, if they were computed from inputs with `key` and
    /// fit a library of `documents`.
    pub fn reuse(&self, key: u64, documents: usize) -> Option<&Neighbours> {
        (self.key == key && self.neighbours.len() == documents).then_some(&self.neighbours)
    }
}

/// The key of the similarity inputs: every document's text, in order, and
/// the settings.
pub fn key(texts: &[String], config: &CheckConfig) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(format!("{config:?}").as_bytes());
    for text in texts {
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_round_trips_and_is_reused_only_for_its_key_and_size() {
        let texts = vec!["one".to_owned(), "two".to_owned()];
        let config = CheckConfig::default();
        let key = key(&texts, &config);
        let cache = NeighbourCache::new(key, vec![vec![(1, 0.5)], vec![(0, 0.5)]]);
        let read = NeighbourCache::from_bytes(&cache.to_bytes()).expect("a cache");
        assert_eq!(read.reuse(key, 2), Some(&cache.neighbours));
        assert_eq!(read.reuse(key, 3), None);
        let other = super::key(&["one".to_owned(), "twO".to_owned()], &config);
        assert_ne!(other, key);
        assert_eq!(read.reuse(other, 2), None);
        // Parts are delimited: moving text between documents changes the key.
        assert_ne!(
            super::key(&["on".to_owned(), "etwo".to_owned()], &config),
            key
        );
        assert!(NeighbourCache::from_bytes(b"not a cache").is_none());
    }
}
