//! The term dictionary, cut into shards a query loads one at a time.
//!
//! Every term has one posting list: the documents that contain it, in id
//! order, each with a one-byte score (how often and where the term occurs).
//! A list is bytes — per document, the gap from the previous id as a LEB128
//! varint, then the score — sent as base64. Terms are sorted and cut into
//! shards of bounded size; the manifest lists each shard's first term, so
//! `search.js` fetches only the shards holding the query's terms.
//!
//! Shard boundaries are content-defined (a term whose hash ends in the right
//! bits closes a shard once it is big enough), so an edit that changes a few
//! posting lists changes the shards holding them and not every shard after
//! them: the other shards keep their bytes and their file names, and the
//! writer, which rewrites only changed files, skips them.

use crate::compress::base64;
use xxhash_rust::xxh3::xxh3_64;

use super::dictionary::Dictionary;

/// A shard is closed at a term boundary past this size, when the term's hash says so…
const MIN_SHARD: usize = 12 * 1024;
/// …and always past this one (a single term's list may still exceed it).
const MAX_SHARD: usize = 32 * 1024;
/// One term in this many closes a shard once past [`MIN_SHARD`].
const BOUNDARY_ODDS: u64 = 32;

/// One shard file: its first term (what the manifest lists) and its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub first: String,
    pub json: Vec<u8>,
}

/// Builds the shards of the dictionary of `docs`: each document's terms
/// (numbers in `dictionary`) with their scores, in document id order.
pub fn shards<'a>(
    dictionary: &Dictionary,
    docs: impl Iterator<Item = &'a [(u32, u8)]>,
) -> Vec<Shard> {
    let mut lists: Vec<(u32, Vec<u8>)> = vec![(0, Vec::new()); dictionary.len()];
    for (id, terms) in docs.enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for &(term, score) in terms {
            let Some((last, bytes)) = lists.get_mut(term as usize) else {
                continue;
            };
            // The first gap is the id itself; later ones are from the previous document.
            let gap = if bytes.is_empty() { id } else { id - *last };
            push_varint(bytes, gap);
            bytes.push(score);
            *last = id;
        }
    }
    let terms = dictionary.in_order().into_iter().filter_map(|term| {
        let bytes = std::mem::take(&mut lists[term as usize].1);
        (!bytes.is_empty()).then(|| (dictionary.term(term), bytes))
    });
    cut(terms)
}

fn cut<'a>(terms: impl Iterator<Item = (&'a str, Vec<u8>)>) -> Vec<Shard> {
    let mut shards = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut lists: Vec<String> = Vec::new();
    let mut size = 0;
    for (term, bytes) in terms {
        let list = base64(&bytes);
        let closes = size >= MAX_SHARD
            || (size >= MIN_SHARD && xxh3_64(term.as_bytes()).is_multiple_of(BOUNDARY_ODDS));
        if closes && !names.is_empty() {
            shards.push(shard(&names, &lists));
            names.clear();
            lists.clear();
            size = 0;
        }
        size += term.len() + list.len() + 6;
        names.push(term);
        lists.push(list);
    }
    if !names.is_empty() {
        shards.push(shard(&names, &lists));
    }
    shards
}

fn shard(terms: &[&str], lists: &[String]) -> Shard {
    #[derive(serde::Serialize)]
    struct Json<'a> {
        /// Sorted terms.
        t: &'a [&'a str],
        /// Their posting lists, base64.
        p: &'a [String],
    }
    Shard {
        first: terms[0].to_owned(),
        json: serde_json::to_vec(&Json { t: terms, p: lists }).unwrap_or_default(),
    }
}

/// LEB128: seven bits a byte, low bits first, the high bit set on all but the last.
pub fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(json: &[u8]) -> (Vec<String>, Vec<String>) {
        let value: serde_json::Value = serde_json::from_slice(json).expect("shard is JSON");
        let strings = |key: &str| -> Vec<String> {
            value[key]
                .as_array()
                .expect("an array")
                .iter()
                .map(|v| v.as_str().expect("a string").to_owned())
                .collect()
        };
        (strings("t"), strings("p"))
    }

    fn doc(terms: &[(&str, u8)]) -> Vec<(String, u8)> {
        terms.iter().map(|(t, s)| ((*t).to_owned(), *s)).collect()
    }

    /// The shards of documents given as strings, numbered in a dictionary.
    fn shards(docs: &[Vec<(String, u8)>]) -> Vec<Shard> {
        let mut dictionary = Dictionary::default();
        let numbered: Vec<Vec<(u32, u8)>> = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|(t, s)| (dictionary.id(t.clone()), *s))
                    .collect()
            })
            .collect();
        super::shards(&dictionary, numbered.iter().map(Vec::as_slice))
    }

    #[test]
    fn posting_lists_hold_gaps_and_scores() {
        let docs = [
            doc(&[("mode", 3), ("offline", 9)]),
            doc(&[]),
            doc(&[("offline", 200)]),
            doc(&[("mode", 1)]),
        ];
        let shards = shards(&docs);
        assert_eq!(shards.len(), 1);
        assert_eq!(shards[0].first, "mode");
        let (terms, lists) = decode(&shards[0].json);
        assert_eq!(terms, ["mode", "offline"]);
        // mode: doc 0 score 3, doc 3 (gap 3) score 1; offline: doc 0 score 9, doc 2 (gap 2) score 200.
        assert_eq!(lists[0], base64(&[0, 3, 3, 1]));
        assert_eq!(lists[1], base64(&[0, 9, 2, 200]));
    }

    #[test]
    fn varints_use_seven_bits_a_byte() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, 70_000] {
            push_varint(&mut out, n);
        }
        assert_eq!(out, [0, 127, 0x80, 1, 0xac, 2, 0xf0, 0xa2, 4]);
    }

    fn big_library(docs: usize) -> Vec<Vec<(String, u8)>> {
        (0..docs)
            .map(|d| {
                let mut terms: Vec<(String, u8)> = (0..200)
                    .map(|t| (format!("term{:05}", (d * 7 + t * 13) % 5000), 5))
                    .collect();
                terms.sort();
                terms.dedup_by(|a, b| a.0 == b.0);
                terms
            })
            .collect()
    }

    #[test]
    fn shards_are_bounded_sorted_and_cover_every_term() {
        let docs = big_library(400);
        let shards = shards(&docs);
        assert!(shards.len() > 3, "{} shards", shards.len());
        let mut all = Vec::new();
        for shard in &shards {
            assert!(
                shard.json.len() < MAX_SHARD + 2048,
                "{} bytes",
                shard.json.len()
            );
            let (terms, _) = decode(&shard.json);
            assert_eq!(terms[0], shard.first);
            all.extend(terms);
        }
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(all, sorted);
        assert_eq!(all.len(), 5000);
    }

    #[test]
    fn an_edit_keeps_the_other_shards_byte_for_byte() {
        let mut docs = big_library(400);
        let before = shards(&docs);
        docs[17][0].1 = 99;
        docs[17].push(("zzz".into(), 1));
        let after = shards(&docs);
        let changed = after.iter().filter(|s| !before.contains(s)).count();
        assert!(changed <= 3, "{changed} of {} shards changed", after.len());
    }
}
