//! Rendered bodies kept between builds, in the state folder
//! (`.prfaq/body-cache`): a rebuild renders the Markdown of only the
//! documents whose text changed.
//!
//! A body is what [`markdown::render`] makes of a document's text, its path
//! and title, and of the links it may point to: every document's URL and
//! `unsafe_html`. Its key hashes exactly those (and this prfaq's version),
//! so a cached body can make a build faster, never different. A body that
//! came with warnings (a broken link) is not kept: rendering it again is
//! what reports them. A file that cannot be read, or that another version
//! wrote, is ignored and rebuilt. It is written again only when enough of it
//! is out of date to be worth it ([`worth_rewriting`]): after one edit in a
//! large library, that body is rendered again instead.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::document::Document;
use crate::markdown::{Body, Links};

/// The cache is written again once one entry in this many is out of date.
/// Writing it costs about as much as rendering a tenth of the bodies (138 MB
/// at 10,000 documents: 0.2–0.3 s), so after one edit a rebuild renders that
/// body again rather than rewrite the file, and the bodies rendered again
/// for want of a rewrite never cost more than a sixteenth of a cold render.
const REWRITE_SHARE: usize = 16;

/// Name of the cache in the state folder.
pub const CACHE_FILE: &str = "body-cache";
/// Names the file's kind, so a foreign file is never taken for a cache.
const FORMAT: &str = "prfaq-bodies";
/// Bumped when what a body holds, or how it is rendered, changes.
const CACHE_VERSION: u32 = 1;

#[derive(Deserialize)]
struct Stored {
    format: String,
    version: u32,
    prfaq: String,
    bodies: Vec<(u64, Body)>,
}

/// What is written: the same shape as [`Stored`], borrowing the bodies.
#[derive(Serialize)]
pub struct ToStore<'a> {
    format: &'a str,
    version: u32,
    prfaq: &'a str,
    bodies: Vec<(u64, &'a Body)>,
}

/// The bodies the previous build kept, by key; empty when `bytes` is not a
/// cache this prfaq wrote.
pub fn parse(bytes: Option<&[u8]>) -> HashMap<u64, Body> {
    bytes
        .and_then(|bytes| postcard::from_bytes::<Stored>(bytes).ok())
        .filter(|s| {
            s.format == FORMAT && s.version == CACHE_VERSION && s.prfaq == env!("CARGO_PKG_VERSION")
        })
        .map(|s| s.bodies.into_iter().collect())
        .unwrap_or_default()
}

/// What every body's key shares: where each document's page is, and whether
/// raw HTML is kept.
pub fn settings_key(links: &Links<'_>) -> u64 {
    let mut urls: Vec<(&String, &String)> = links.urls.iter().collect();
    urls.sort_unstable();
    let mut hash = Xxh3::new();
    hash.update(FORMAT.as_bytes());
    hash.update(&CACHE_VERSION.to_le_bytes());
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(&[u8::from(links.unsafe_html)]);
    for (source, url) in urls {
        field(&mut hash, source);
        field(&mut hash, url);
    }
    hash.digest()
}

/// The key of `document`'s body: its text, where its body starts, its path
/// and title, under the `settings` every body shares.
pub fn key(settings: u64, document: &Document) -> u64 {
    let source = document.markdown();
    let mut hash = Xxh3::new();
    hash.update(&settings.to_le_bytes());
    hash.update(&(source.body_offset as u64).to_le_bytes());
    field(&mut hash, source.source);
    field(&mut hash, source.title);
    field(&mut hash, source.text);
    hash.digest()
}

/// Whether a build should write the cache again, when `outdated` of its
/// entries are missing (bodies it rendered) or stale (of documents since
/// edited or deleted), out of `documents`.
pub fn worth_rewriting(outdated: usize, documents: usize) -> bool {
    outdated > 0 && outdated * REWRITE_SHARE >= documents
}

/// The cache of `bodies` (key and body each), for [`parse`] to read back.
pub fn to_store<'a>(bodies: impl Iterator<Item = (u64, &'a Body)>) -> ToStore<'a> {
    ToStore {
        format: FORMAT,
        version: CACHE_VERSION,
        prfaq: env!("CARGO_PKG_VERSION"),
        bodies: bodies.collect(),
    }
}

/// A string with its length first, so no two sequences of fields hash alike.
fn field(hash: &mut Xxh3, text: &str) {
    hash.update(&(text.len() as u64).to_le_bytes());
    hash.update(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_new_body_in_many_does_not_rewrite_the_cache() {
        assert!(worth_rewriting(3, 3));
        assert!(worth_rewriting(1, 16));
        assert!(!worth_rewriting(1, 10_000));
        assert!(worth_rewriting(625, 10_000));
        assert!(!worth_rewriting(0, 10));
    }

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
