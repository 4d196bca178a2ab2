//! Rendered bodies kept between builds, in the state folder
//! (`.prfaq/body-cache`): a rebuild renders the Markdown of only the
//! documents whose text changed.
//!
//! A body is what [`markdown::render`] makes of a document's text, its path
//! and title, and of the links it may point to: every document's URL and
//! `unsafe_html`. Its key hashes exactly those (and this prfaq's version),
//! so a cached body can make a build faster, never different. A body that
//! came with warnings (a broken link) is not kept: rendering it again is
//! what reports them. How the file is read, keyed and rewritten is
//! `library::keyed`'s.

use std::collections::HashMap;

use crate::document::Document;
use crate::library::keyed::{self, Kind, ToStore};
use crate::markdown::{Body, Links};

/// Name of the cache in the state folder.
pub const CACHE_FILE: &str = "body-cache";
/// Bumped when what a body holds, or how it is rendered, changes.
const KIND: Kind = Kind {
    format: "prfaq-bodies",
    version: 1,
};

/// The bodies the previous build kept, by key; empty when `bytes` is not a
/// cache this prfaq wrote.
pub fn parse(bytes: Option<&[u8]>) -> HashMap<u64, Body> {
    KIND.parse(bytes)
}

/// What every body's key shares: where each document's page is, and whether
/// raw HTML is kept.
pub fn settings_key(links: &Links<'_>) -> u64 {
    let mut urls: Vec<(&String, &String)> = links.urls.iter().collect();
    urls.sort_unstable();
    let mut hash = KIND.hasher();
    hash.update(&[u8::from(links.unsafe_html)]);
    for (source, url) in urls {
        keyed::field(&mut hash, source);
        keyed::field(&mut hash, url);
    }
    hash.digest()
}

/// The key of `document`'s body: its text, where its body starts, its path
/// and title, under the `settings` every body shares.
pub fn key(settings: u64, document: &Document) -> u64 {
    keyed::document_key(settings, document)
}

/// The cache of `bodies` (key and body each), for [`parse`] to read back.
pub fn to_store<'a>(bodies: impl Iterator<Item = (u64, &'a Body)>) -> ToStore<'a, Body> {
    KIND.to_store(bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_reads_back_the_bodies_it_stored_and_nothing_foreign() {
        let body = Body {
            summary: "Refunds at the door.".into(),
            words: 4,
            ..Body::default()
        };
        let bytes = postcard::to_stdvec(&to_store([(7, &body)].into_iter())).unwrap();
        let read = parse(Some(&bytes));
        assert_eq!(read[&7].summary, "Refunds at the door.");
        assert!(parse(Some(b"not a cache")).is_empty());
        assert!(parse(Some(&bytes[..bytes.len() / 2])).is_empty());
        assert!(parse(None).is_empty());
    }
}
