//! Values derived from each document, kept in the state folder between
//! builds under a key of everything they are derived from, so a rebuild
//! derives again only what an edit changed: the rendered bodies
//! (`library::bodies`) and the check rules' outlines (`check::outlines`).
//!
//! A key hashes the inputs and this prfaq's version, so a kept value can
//! make a build faster, never different. A file that cannot be read, or
//! that another kind or version wrote, is ignored and rebuilt. A file is
//! written again only when enough of it is out of date to be worth it
//! ([`worth_rewriting`]): after one edit in a large library, that one value
//! is derived again on each build instead.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::document::Document;

/// A file is written again once one entry in this many is out of date.
/// Writing the body cache costs about as much as rendering a tenth of the
/// bodies (138 MB at 10,000 documents: 0.2–0.3 s), so after one edit a
/// rebuild derives that value again rather than rewrite the file, and what
/// is derived again for want of a rewrite never costs more than a sixteenth
/// of deriving everything.
const REWRITE_SHARE: usize = 16;

/// What a file holds: its name for the kind (so a foreign file is never
/// taken for it) and the version of its layout.
pub struct Kind {
    pub format: &'static str,
    pub version: u32,
}

#[derive(Deserialize)]
struct Stored<T> {
    format: String,
    version: u32,
    prfaq: String,
    entries: Vec<(u64, T)>,
}

/// What is written: the same shape as [`Stored`], borrowing the values.
#[derive(Serialize)]
pub struct ToStore<'a, T> {
    format: &'a str,
    version: u32,
    prfaq: &'a str,
    entries: Vec<(u64, &'a T)>,
}

impl Kind {
    /// The values a previous build kept, by key; empty when `bytes` is not
    /// a file of this kind that this prfaq wrote.
    pub fn parse<T: DeserializeOwned>(&self, bytes: Option<&[u8]>) -> HashMap<u64, T> {
        bytes
            .and_then(|bytes| postcard::from_bytes::<Stored<T>>(bytes).ok())
            .filter(|s| {
                s.format == self.format
                    && s.version == self.version
                    && s.prfaq == env!("CARGO_PKG_VERSION")
            })
            .map(|s| s.entries.into_iter().collect())
            .unwrap_or_default()
    }

    /// The file of `entries` (key and value each), for [`Kind::parse`].
    pub fn to_store<'a, T>(&self, entries: impl Iterator<Item = (u64, &'a T)>) -> ToStore<'a, T> {
        ToStore {
            format: self.format,
            version: self.version,
            prfaq: env!("CARGO_PKG_VERSION"),
            entries: entries.collect(),
        }
    }

    /// A hash that starts with the kind, its version and this prfaq's, for
    /// what every key of the kind shares.
    pub fn hasher(&self) -> Xxh3 {
        let mut hash = Xxh3::new();
        hash.update(self.format.as_bytes());
        hash.update(&self.version.to_le_bytes());
        hash.update(env!("CARGO_PKG_VERSION").as_bytes());
        hash
    }
}

/// The key of what `document` is made of (its text, where its body starts,
/// its path and title), under `shared`, the key of what every value of the
/// kind depends on.
pub fn document_key(shared: u64, document: &Document) -> u64 {
    let source = document.markdown();
    let mut hash = Xxh3::new();
    hash.update(&shared.to_le_bytes());
    hash.update(&(source.body_offset as u64).to_le_bytes());
    field(&mut hash, source.source);
    field(&mut hash, source.title);
    field(&mut hash, source.text);
    hash.digest()
}

/// The kept value of each key, taken out of `kept`; and how many kept
/// values no key asked for (of documents since edited or deleted).
pub fn take<T>(mut kept: HashMap<u64, T>, keys: &[u64]) -> (Vec<Option<T>>, usize) {
    let found = keys.iter().map(|key| kept.remove(key)).collect();
    (found, kept.len())
}

/// Whether a build should write a file again, when `outdated` of its
/// entries are missing (values derived now) or stale, out of `documents`.
pub fn worth_rewriting(outdated: usize, documents: usize) -> bool {
    outdated > 0 && outdated * REWRITE_SHARE >= documents
}

/// A string with its length first, so no two sequences of fields hash alike.
pub fn field(hash: &mut Xxh3, text: &str) {
    hash.update(&(text.len() as u64).to_le_bytes());
    hash.update(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: Kind = Kind {
        format: "prfaq-test",
        version: 1,
    };

    #[test]
    fn one_new_value_in_many_does_not_rewrite_the_file() {
        assert!(worth_rewriting(3, 3));
        assert!(worth_rewriting(1, 16));
        assert!(!worth_rewriting(1, 10_000));
        assert!(worth_rewriting(625, 10_000));
        assert!(!worth_rewriting(0, 10));
    }

    #[test]
    fn a_file_reads_back_what_it_stored_and_nothing_foreign() {
        let value = "Refunds at the door.".to_owned();
        let bytes = postcard::to_stdvec(&KIND.to_store([(7, &value)].into_iter())).unwrap();
        let read: HashMap<u64, String> = KIND.parse(Some(&bytes));
        assert_eq!(read[&7], value);
        let other = Kind {
            format: "prfaq-other",
            version: 1,
        };
        assert!(other.parse::<String>(Some(&bytes)).is_empty());
        let newer = Kind {
            format: "prfaq-test",
            version: 2,
        };
        assert!(newer.parse::<String>(Some(&bytes)).is_empty());
        assert!(KIND.parse::<String>(Some(b"not a cache")).is_empty());
        assert!(
            KIND.parse::<String>(Some(&bytes[..bytes.len() / 2]))
                .is_empty()
        );
        assert!(KIND.parse::<String>(None).is_empty());
    }

    #[test]
    fn taking_counts_what_no_key_asked_for() {
        let kept: HashMap<u64, &str> = [(1, "a"), (2, "b"), (3, "c")].into();
        let (found, stale) = take(kept, &[3, 4, 1]);
        assert_eq!(found, [Some("c"), None, Some("a")]);
        assert_eq!(stale, 1);
    }
}
