//! The static search index: files under `search-index/` that `search.js`
//! fetches a few at a time, so a query costs the same few hundred kilobytes
//! whether the library holds a hundred documents or ten thousand.
//!
//! - `manifest.json` (fetched fresh each visit): the shards' first terms, the
//!   facets file's name, the stop words.
//! - `t-<hash>.json.gz`: shards of the dictionary of current text;
//!   `e-<hash>.json.gz`: the same for text earlier revisions removed (see
//!   [`shards`]).
//! - `f-<hash>.json.gz`: facets — per status, stage, owner and tag the ids of
//!   its documents; `o-<hash>.json.gz`: the documents by last update, fetched
//!   only to list documents by facets alone.
//! - `doc/<n>.bin`: the files of documents `4n` to `4n + 3`, each with the
//!   document's title, URL, date and searchable text (gzip JSON), fetched
//!   only for the results shown, to cut excerpts and pick the FAQ question or
//!   decision a result links to. Four to a file, because on a static host
//!   every file costs an inode and a block, and a build writes what it
//!   creates: a file per document was a third of a site's files.
//!
//! Every file but the manifest is stored gzip-compressed (in `doc/`, each
//! document on its own, so `search.js` inflates only the one it shows): most of the index
//! is text, a static host publishes (and GitHub Pages counts against its
//! size limit) what is on disk, and sends a file the way it is stored.
//! `search.js` inflates them with the browser's `DecompressionStream`.
//!
//! Everything is derived from what the build already parsed ([`records`]).
//! [`SearchIndex`] keeps each document's contribution under a key of its
//! inputs, and `build` keeps them in the state folder ([`cache`]): a rebuild
//! indexes only the documents that changed, `serve` only the edited ones.
//! Hashed names make every file but the manifest and the document files
//! immutable, and unchanged shards keep their bytes.

mod cache;
mod dictionary;
mod files;
mod html;
pub mod records;
pub mod shards;
pub mod tokenize;

pub use cache::CACHE_FILE;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::compress::gzip;
use crate::library::{Entry, Library, keyed};
use crate::render::Page;
use crate::render::views::DocCard;
use crate::timings;
use cache::Contribution;
use dictionary::Dictionary;

/// Folder of the index files in the site.
pub const INDEX_DIR: &str = "search-index";
/// Folder of the documents' files, inside [`INDEX_DIR`].
pub const DOC_DIR: &str = "doc";
/// Suffix of every index file but the manifest and the documents' files.
const SUFFIX: &str = ".json.gz";
/// Documents per file in [`DOC_DIR`]: a result shown fetches its file, so
/// the ten results of a first query fetch at most 40 documents' text (with
/// the shards, at most 201 KB at 1,000 heavy documents, where one file per
/// document made it 76 KB; the budget of a first query is 300 KB).
const DOCS_PER_FILE: usize = 4;
/// Documents tokenised at a time: their terms are strings until numbered.
const BATCH: usize = 256;

/// The index of a library, kept per document so edits re-index only themselves.
pub struct SearchIndex {
    dictionary: Dictionary,
    cards: Vec<DocCard>,
    /// Each document's key (see [`cache`]) and contribution, in id order.
    parts: Vec<(u64, Contribution)>,
    settings: u64,
    /// Documents indexed rather than taken from the cache.
    indexed: usize,
    /// The previous build's index files by path, and the key they were made under.
    previous: (u64, HashMap<String, Vec<u8>>),
}

/// The search files of `library`, reusing the contributions `cached` holds
/// (what the previous build returned); with them, the cache for the next
/// build when it differs from `cached` (what `build` writes).
pub fn pages(library: &Library, cached: Option<&[u8]>) -> (Vec<Page>, Option<CacheToWrite>) {
    let started = std::time::Instant::now();
    let mut index = SearchIndex::with_cache(library, cached);
    timings::count("search: documents indexed", index.indexed);
    timings::stage("search: documents", started);
    let before = index.previous.0;
    let mut pages = index.index_pages(library);
    pages.extend(index.document_files());
    let changed = index.previous.0 != before;
    (pages, changed.then_some(CacheToWrite(index)))
}

/// The cache for the next build, made from the index once its pages are:
/// a rebuild serialises it while the other pages are made.
pub struct CacheToWrite(SearchIndex);

impl CacheToWrite {
    pub fn to_bytes(&self) -> Vec<u8> {
        let index = &self.0;
        let mut files: Vec<(String, Vec<u8>)> = index.previous.1.clone().into_iter().collect();
        files.sort_unstable();
        cache::to_bytes(
            &index.dictionary,
            index.parts.iter().map(|(k, c)| (*k, c)),
            (index.previous.0, files),
        )
    }

    /// Whether enough documents were indexed for a cache file to be worth
    /// rewriting ([`keyed::worth_rewriting`]; a first build): the index is
    /// then better serialised and freed before the pages are made, whose
    /// memory would otherwise add to it.
    pub fn is_large(&self) -> bool {
        keyed::worth_rewriting(self.0.indexed, self.0.parts.len())
    }
}

impl SearchIndex {
    /// Indexes every document, in parallel.
    pub fn new(library: &Library) -> SearchIndex {
        SearchIndex::with_cache(library, None)
    }

    /// Indexes the documents whose contribution `cached` does not hold.
    fn with_cache(library: &Library, cached: Option<&[u8]>) -> SearchIndex {
        let cache::Cached {
            dictionary,
            documents: mut stored,
            index,
            files,
        } = cache::parse(cached);
        let settings = cache::settings_key(library);
        let cards: Vec<DocCard> = library
            .entries
            .par_iter()
            .map(|entry| DocCard::new(library, entry))
            .collect();
        let keys: Vec<u64> = library
            .entries
            .par_iter()
            .zip(&cards)
            .map(|(entry, card)| cache::document_key(settings, entry, card))
            .collect();
        let parts: Vec<(u64, Contribution)> = keys
            .iter()
            .map(|&key| (key, stored.remove(&key).unwrap_or_default()))
            .collect();
        let mut index = SearchIndex {
            dictionary,
            cards,
            parts,
            settings,
            indexed: 0,
            previous: (index, files),
        };
        let missing: Vec<usize> = (0..index.parts.len())
            .filter(|&i| index.parts[i].1.fragment.is_empty())
            .collect();
        index.index(library, &missing);
        index
    }

    /// Indexes again the documents at `indexes` after an edit (same documents, same order).
    pub fn update(&mut self, library: &Library, indexes: &[usize]) {
        let indexes: Vec<usize> = indexes
            .iter()
            .copied()
            .filter(|&i| i < self.parts.len() && i < library.entries.len())
            .collect();
        for &i in &indexes {
            self.cards[i] = DocCard::new(library, &library.entries[i]);
            self.parts[i].0 =
                cache::document_key(self.settings, &library.entries[i], &self.cards[i]);
        }
        self.index(library, &indexes);
    }

    /// Tokenises the documents at `indexes`, a batch at a time in parallel,
    /// and numbers their terms.
    fn index(&mut self, library: &Library, indexes: &[usize]) {
        for batch in indexes.chunks(BATCH) {
            let parts: Vec<Part> = batch
                .par_iter()
                .map(|&i| Part::new(library, &library.entries[i], &self.cards[i]))
                .collect();
            for (&i, part) in batch.iter().zip(parts) {
                self.parts[i].1 = part.numbered(&mut self.dictionary);
            }
        }
        self.indexed += indexes.len();
    }

    /// The key of the index: what its files are made from.
    fn key(&self) -> u64 {
        cache::index_key(self.settings, self.parts.iter().map(|(key, _)| *key))
    }

    /// The file at `name` in the index, compressed from `json` unless the
    /// previous build made the same file (hashed names: same name, same bytes).
    fn file(&self, name: &str, json: &[u8]) -> Page {
        let path = format!("{INDEX_DIR}/{name}");
        let content = match self.previous.1.get(&path) {
            Some(bytes) => bytes.clone(),
            None => gzip(json, flate2::Compression::default()),
        };
        Page::new(path, content)
    }

    /// Every index file.
    pub fn pages(&mut self, library: &Library) -> Vec<Page> {
        let mut pages = self.index_pages(library);
        pages.extend(self.document_files());
        pages
    }

    /// Every file of [`DOC_DIR`].
    fn document_files(&self) -> impl Iterator<Item = Page> + '_ {
        (0..self.parts.len().div_ceil(DOCS_PER_FILE)).filter_map(|n| self.document_file(n))
    }

    /// The file holding the document `id` (what [`update`](Self::update)
    /// changes besides the index).
    pub fn document_file_of(&self, id: usize) -> Option<Page> {
        self.document_file(id / DOCS_PER_FILE)
    }

    /// `doc/<n>.bin`: the documents `DOCS_PER_FILE·n` onwards.
    fn document_file(&self, n: usize) -> Option<Page> {
        let first = n * DOCS_PER_FILE;
        let parts = self
            .parts
            .get(first..(first + DOCS_PER_FILE).min(self.parts.len()))?;
        let fragments = parts.iter().map(|(_, part)| part.fragment.as_slice());
        Some(page(
            &format!("{DOC_DIR}/{n}.bin"),
            document_file_bytes(fragments),
        ))
    }

    /// The manifest, shards, facets and order: every file but the documents'.
    /// They are kept, so the next call after an edit compresses only the
    /// shards that changed, and one with nothing changed makes nothing.
    pub fn index_pages(&mut self, library: &Library) -> Vec<Page> {
        let key = self.key();
        if key != self.previous.0 {
            let files = self.make_index_pages(library);
            let files = files.into_iter().map(|p| (p.path, p.content)).collect();
            self.previous = (key, files);
        }
        let files = self.previous.1.iter();
        files
            .map(|(path, bytes)| Page::new(path.clone(), bytes.clone()))
            .collect()
    }

    fn make_index_pages(&self, library: &Library) -> Vec<Page> {
        let (parts, dictionary) = (&self.parts, &self.dictionary);
        let ((current, earlier), facets) = rayon::join(
            || {
                rayon::join(
                    || shards::shards(dictionary, parts.iter().map(|p| p.1.terms.as_slice())),
                    || shards::shards(dictionary, parts.iter().map(|p| p.1.earlier.as_slice())),
                )
            },
            || files::facets(library, &self.cards),
        );
        let mut pages = Vec::with_capacity(current.len() + earlier.len() + 3);
        let mut list = |prefix: &str, shards: Vec<shards::Shard>| -> Vec<(String, String)> {
            let files: Vec<((String, String), Page)> = shards
                .into_par_iter()
                .map(|shard| {
                    let name = hashed(prefix, &shard.json);
                    let file = self.file(&name, &shard.json);
                    ((shard.first, name), file)
                })
                .collect();
            let (names, files): (Vec<_>, Vec<_>) = files.into_iter().unzip();
            pages.extend(files);
            names
        };
        let terms = list("t", current);
        let earlier = list("e", earlier);
        let mut named = |prefix: &str, json: Vec<u8>| {
            let name = hashed(prefix, &json);
            pages.push(self.file(&name, &json));
            name
        };
        let facets = named("f", facets);
        let order = named("o", files::order(&self.cards));
        let manifest = Manifest {
            version: 3,
            documents: self.parts.len(),
            documents_per_file: DOCS_PER_FILE,
            terms,
            earlier,
            facets,
            order,
            stop: tokenize::STOP_WORDS,
            history: has_history(library),
        };
        pages.push(page(
            "manifest.json",
            serde_json::to_vec(&manifest).unwrap_or_default(),
        ));
        pages
    }
}

/// The container of a file in [`DOC_DIR`]: a byte with the count of
/// documents, each one's length (`u32`, little-endian), then each one's gzip
/// JSON in id order. The documents are compressed one by one, as the cache
/// keeps them, so a file is made without compressing anything again, and
/// `search.js` inflates only the document it shows.
fn document_file_bytes<'a>(fragments: impl Iterator<Item = &'a [u8]> + Clone) -> Vec<u8> {
    let count = fragments.clone().count();
    let total: usize = fragments.clone().map(<[u8]>::len).sum();
    let mut bytes = Vec::with_capacity(1 + 4 * count + total);
    // At most DOCS_PER_FILE documents, so the count fits a byte.
    bytes.push(count as u8);
    for fragment in fragments.clone() {
        // A document's file is far under 4 GiB: its text is.
        bytes.extend_from_slice(&(fragment.len() as u32).to_le_bytes());
    }
    for fragment in fragments {
        bytes.extend_from_slice(fragment);
    }
    bytes
}

#[derive(Serialize)]
struct Manifest {
    /// 3 since the documents' files hold [`DOCS_PER_FILE`] documents each.
    version: u32,
    documents: usize,
    /// How many documents each file of `doc/` holds.
    documents_per_file: usize,
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

/// One document's contribution before its terms are numbered.
struct Part {
    terms: Vec<(String, u8)>,
    earlier: Vec<(String, u8)>,
    fragment: Vec<u8>,
}

impl Part {
    fn new(library: &Library, entry: &Entry, card: &DocCard) -> Part {
        let records = records::records(entry);
        let removed = if has_history(library) {
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
        // Ten thousand of these are compressed on a cold build: the fast level.
        let fragment = gzip(
            &files::fragment(card, &history_url, &records, &removed),
            flate2::Compression::fast(),
        );
        Part {
            terms,
            earlier,
            fragment,
        }
    }

    fn numbered(self, dictionary: &mut Dictionary) -> Contribution {
        let mut number = |terms: Vec<(String, u8)>| -> Vec<(u32, u8)> {
            terms
                .into_iter()
                .map(|(term, score)| (dictionary.id(term), score))
                .collect()
        };
        Contribution {
            terms: number(self.terms),
            earlier: number(self.earlier),
            fragment: self.fragment,
        }
    }
}

/// Whether the library's history was read (and so has removed text to search).
fn has_history(library: &Library) -> bool {
    matches!(library.history, crate::history::HistoryState::Read { .. })
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

fn hashed(prefix: &str, bytes: &[u8]) -> String {
    format!(
        "{prefix}-{:016x}{SUFFIX}",
        xxhash_rust::xxh3::xxh3_64(bytes)
    )
}

fn page(name: &str, content: Vec<u8>) -> Page {
    Page::new(format!("{INDEX_DIR}/{name}"), content)
}
