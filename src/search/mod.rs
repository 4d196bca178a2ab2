//! The static search index: files under `search-index/` that `search.js`
//! fetches a few at a time, so a query costs the same few hundred kilobytes
//! whether the library holds a hundred documents or ten thousand.
//!
//! - `manifest.json` (fetched fresh each visit): the shards' first terms, the
//!   facets file's name, the stop words.
//! - `t-<hash>.json`: shards of the dictionary of current text; `e-<hash>.json`:
//!   the same for text earlier revisions removed (see [`shards`]).
//! - `f-<hash>.json`: facets — per status, stage, owner and tag the ids of
//!   its documents; `o-<hash>.json`: the documents by last update, fetched
//!   only to list documents by facets alone.
//! - `doc/<id>.json`: one document's title, URL, date and searchable text,
//!   fetched only for the results shown, to cut excerpts and pick the FAQ
//!   question or decision a result links to.
//!
//! Everything is derived from what the build already parsed ([`records`]).
//! [`SearchIndex`] keeps each document's part so `serve` re-indexes only the
//! edited documents; hashed names make every file but the manifest and the
//! fragments immutable, and unchanged shards keep their bytes.

mod html;
pub mod records;
pub mod shards;
pub mod tokenize;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::library::{Entry, Library};
use crate::render::Page;
use crate::render::views::DocCard;
use records::{Record, Removed};
use shards::{base64, push_varint};

/// Folder of the index files in the site.
pub const INDEX_DIR: &str = "search-index";
/// Folder of the documents' files, inside [`INDEX_DIR`].
pub const DOC_DIR: &str = "doc";

/// What one document contributes to the index.
struct DocPart {
    card: DocCard,
    terms: Vec<(String, u8)>,
    earlier: Vec<(String, u8)>,
    fragment: Vec<u8>,
}

/// The index of a library, kept per document so edits re-index only themselves.
pub struct SearchIndex {
    parts: Vec<DocPart>,
}

impl SearchIndex {
    /// Indexes every document, in parallel.
    pub fn new(library: &Library) -> SearchIndex {
        let parts = library
            .entries
            .par_iter()
            .map(|entry| DocPart::new(library, entry))
            .collect();
        SearchIndex { parts }
    }

    /// Indexes again the documents at `indexes` after an edit (same documents, same order).
    pub fn update(&mut self, library: &Library, indexes: &[usize]) {
        for &i in indexes {
            if let (Some(part), Some(entry)) = (self.parts.get_mut(i), library.entries.get(i)) {
                *part = DocPart::new(library, entry);
            }
        }
    }

    /// Every index file.
    pub fn pages(&self, library: &Library) -> Vec<Page> {
        let mut pages = self.index_pages(library);
        pages.extend((0..self.parts.len()).filter_map(|id| self.document_page(id)));
        pages
    }

    /// The file of the document `id` (what [`update`](Self::update) changes besides the index).
    pub fn document_page(&self, id: usize) -> Option<Page> {
        let part = self.parts.get(id)?;
        Some(page(&format!("{DOC_DIR}/{id}.json"), part.fragment.clone()))
    }

    /// The manifest, shards, facets and order: every file but the documents'.
    pub fn index_pages(&self, library: &Library) -> Vec<Page> {
        let parts = &self.parts;
        let ((current, earlier), facets) = rayon::join(
            || {
                rayon::join(
                    || shards::shards(parts.iter().map(|p| p.terms.as_slice())),
                    || shards::shards(parts.iter().map(|p| p.earlier.as_slice())),
                )
            },
            || facets(library, &self.parts),
        );
        let mut pages = Vec::with_capacity(self.parts.len() + current.len() + earlier.len() + 2);
        let mut list = |prefix: &str, shards: Vec<shards::Shard>| -> Vec<(String, String)> {
            let mut names = Vec::with_capacity(shards.len());
            for shard in shards {
                let name = hashed(prefix, &shard.json);
                names.push((shard.first, name.clone()));
                pages.push(page(&name, shard.json));
            }
            names
        };
        let terms = list("t", current);
        let earlier = list("e", earlier);
        let facets_name = hashed("f", &facets);
        pages.push(page(&facets_name, facets));
        let order = order(&self.parts);
        let order_name = hashed("o", &order);
        pages.push(page(&order_name, order));
        let manifest = Manifest {
            version: 1,
            documents: self.parts.len(),
            terms,
            earlier,
            facets: facets_name,
            order: order_name,
            stop: tokenize::STOP_WORDS,
            history: matches!(library.history, crate::history::HistoryState::Read { .. }),
        };
        pages.push(page(
            "manifest.json",
            serde_json::to_vec(&manifest).unwrap_or_default(),
        ));
        pages
    }
}

/// The search files of `library`, built from scratch (what `build` writes).
pub fn pages(library: &Library) -> Vec<Page> {
    SearchIndex::new(library).pages(library)
}

#[derive(Serialize)]
struct Manifest {
    version: u32,
    documents: usize,
    /// `[first term, file]` per shard of current text, in term order.
    terms: Vec<(String, String)>,
    /// The same for text removed by earlier revisions.
    earlier: Vec<(String, String)>,
    facets: String,
    /// Document ids by last update, for listing by facets alone (fetched only then).
    order: String,
    stop: &'static [&'static str],
    /// Whether the site has history (and so earlier revisions to search).
    history: bool,
}

impl DocPart {
    fn new(library: &Library, entry: &Entry) -> DocPart {
        let card = DocCard::new(library, entry);
        let records = records::records(entry);
        let removed = if matches!(library.history, crate::history::HistoryState::Read { .. }) {
            records::removed(entry)
        } else {
            Vec::new()
        };
        let terms = scores(records.iter().flat_map(|r| {
            [
                (r.kind.weight() * 2, r.heading.as_str()),
                (r.kind.weight(), r.text.as_str()),
            ]
        }));
        let earlier = scores(removed.iter().map(|r| (1, r.text.as_str())));
        let history_url = format!("{}history.html", card.url);
        let fragment = fragment(&card, &history_url, &records, &removed);
        DocPart {
            card,
            terms,
            earlier,
            fragment,
        }
    }
}

/// Each term of the weighted texts with its score: `32·ln(1 + Σ weight)`, capped at 255.
fn scores<'a>(texts: impl Iterator<Item = (u32, &'a str)>) -> Vec<(String, u8)> {
    let mut sums: HashMap<String, u32> = HashMap::new();
    for (weight, text) in texts {
        tokenize::terms(text, |term| *sums.entry(term).or_default() += weight);
    }
    let mut terms: Vec<(String, u8)> = sums
        .into_iter()
        .map(|(term, sum)| {
            let score = (32.0 * f64::from(sum).ln_1p()).round().min(255.0);
            (term, score as u8)
        })
        .collect();
    terms.sort_unstable();
    terms
}

fn fragment(card: &DocCard, history_url: &str, records: &[Record], removed: &[Removed]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Fragment<'a> {
        /// Title, URL, last updated.
        t: &'a str,
        u: &'a str,
        d: &'a str,
        /// History page.
        h: &'a str,
        /// `[kind, anchor, heading, text]` per record.
        s: Vec<(u8, &'a str, &'a str, &'a str)>,
        /// `[short hash, date, subject, text]` per revision that removed text.
        r: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    }
    let updated = card.updated.as_ref().map(ToString::to_string);
    let json = Fragment {
        t: &card.title,
        u: &card.url,
        d: updated.as_deref().unwrap_or(""),
        h: history_url,
        s: records
            .iter()
            .map(|r| {
                (
                    r.kind as u8,
                    r.anchor.as_str(),
                    r.heading.as_str(),
                    r.text.as_str(),
                )
            })
            .collect(),
        r: removed
            .iter()
            .map(|r| {
                (
                    r.short.as_str(),
                    r.date.as_str(),
                    r.subject.as_str(),
                    r.text.as_str(),
                )
            })
            .collect(),
    };
    serde_json::to_vec(&json).unwrap_or_default()
}

/// `[id, label, colour, documents]` per term, `[slug, name, documents]` per
/// owner and tag; documents as base64 varint gaps.
fn facets(library: &Library, parts: &[DocPart]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Facets {
        status: Vec<(String, String, String, String)>,
        stage: Vec<(String, String, String, String)>,
        owner: Vec<(String, String, String)>,
        tag: Vec<(String, String, String)>,
    }
    let terms = |pick: fn(&DocCard) -> &crate::render::views::TermRef| {
        let mut by_id: BTreeMap<(bool, usize, String), TermDocs> = BTreeMap::new();
        for (id, part) in parts.iter().enumerate() {
            let term = pick(&part.card);
            by_id
                .entry((!term.known, term.index, term.id.clone()))
                .or_insert_with(|| (term.label.clone(), term.colour.clone(), Vec::new()))
                .2
                .push(id as u32);
        }
        by_id
            .into_iter()
            .map(|((_, _, id), (label, colour, docs))| (id, label, colour, ids(&docs)))
            .collect()
    };
    let groups = |groups: &BTreeMap<String, crate::library::Group>| {
        groups
            .iter()
            .map(|(slug, group)| {
                let docs: Vec<u32> = group.entries.iter().map(|&i| i as u32).collect();
                (slug.clone(), group.name.clone(), ids(&docs))
            })
            .collect()
    };
    let facets = Facets {
        status: terms(|c| &c.status),
        stage: terms(|c| &c.stage),
        owner: groups(&library.owners),
        tag: groups(&library.tags),
    };
    serde_json::to_vec(&facets).unwrap_or_default()
}

/// Document ids, most recently updated first (then by title), as a JSON
/// string of base64 varints.
fn order(parts: &[DocPart]) -> Vec<u8> {
    let mut order: Vec<u32> = (0..parts.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&parts[a as usize].card, &parts[b as usize].card);
        b.updated.cmp(&a.updated).then(a.title.cmp(&b.title))
    });
    let mut bytes = Vec::with_capacity(order.len() * 2);
    for id in order {
        push_varint(&mut bytes, id);
    }
    serde_json::to_vec(&base64(&bytes)).unwrap_or_default()
}

/// A term's label, colour and documents.
type TermDocs = (String, String, Vec<u32>);

/// Sorted ids as base64 varint gaps.
fn ids(sorted: &[u32]) -> String {
    let mut bytes = Vec::with_capacity(sorted.len());
    let mut last = 0;
    for (i, &id) in sorted.iter().enumerate() {
        push_varint(&mut bytes, if i == 0 { id } else { id - last });
        last = id;
    }
    base64(&bytes)
}

fn hashed(prefix: &str, bytes: &[u8]) -> String {
    format!("{prefix}-{:016x}.json", xxhash_rust::xxh3::xxh3_64(bytes))
}

fn page(name: &str, content: Vec<u8>) -> Page {
    Page {
        path: format!("{INDEX_DIR}/{name}"),
        content,
    }
}
