//! The whole set of documents, with the indexes every page needs.
//!
//! Built once per build from parsed documents: it renders their Markdown (in
//! parallel, now that every document's URL is known so links can be
//! rewritten), finds backlinks and duplicate slugs, and groups documents by
//! owner, tag, status and stage.

pub mod bodies;
mod index;
pub mod keyed;
mod links;
mod review;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::history::{self, DocumentHistory, History, HistoryState};
use crate::load::SourceFile;
use crate::markdown::{self, Body, Links};
pub use index::{Group, TermIndex};
pub use links::{document_url, document_urls};
pub use review::Review;

/// Every document of the library, rendered, and indexed.
pub struct Library {
    pub config: Config,
    /// Sorted by slug, so output order never depends on the file system.
    pub entries: Vec<Entry>,
    /// Owner slug -> (display name, entry indexes).
    pub owners: BTreeMap<String, Group>,
    /// Tag slug -> (display name, entry indexes).
    pub tags: BTreeMap<String, Group>,
    /// Entry indexes by status.
    pub statuses: TermIndex,
    /// Entry indexes by stage.
    pub stages: TermIndex,
    /// Whether history was read, and whether it is complete.
    pub history: HistoryState,
    /// Where the library root is inside its git repository, e.g. `docs/` (for forge links).
    pub repo_prefix: String,
    /// What the `prfaq check` rules found, and which documents are alike.
    pub review: Review,
}

/// One document with everything derived from it.
pub struct Entry {
    pub document: Document,
    pub body: Body,
    /// Indexes of the entries that link to this one.
    pub backlinks: Vec<usize>,
    pub history: DocumentHistory,
}

impl Library {
    /// Indexes documents whose bodies were rendered by [`render_bodies`] (in the same order).
    pub fn new(
        config: Config,
        documents: Vec<Document>,
        bodies: Vec<Body>,
        mut history: History,
    ) -> Library {
        let mut entries = Vec::with_capacity(documents.len());
        for (document, body) in documents.into_iter().zip(bodies) {
            let history = history
                .documents
                .remove(&document.source)
                .unwrap_or_default();
            entries.push(Entry {
                document,
                body,
                backlinks: Vec::new(),
                history,
            });
        }
        links::add_backlinks(&mut entries);
        let owners = index::by_owner(&entries);
        let tags = index::by_tag(&entries);
        let (statuses, stages) = term_indexes(&config, &entries);
        Library {
            config,
            entries,
            owners,
            tags,
            statuses,
            stages,
            history: history.state,
            repo_prefix: history.repo_prefix,
            review: Review::default(),
        }
    }
}

impl Library {
    /// Swaps in a new version of the document at `index` (same file, same
    /// slug) after an edit. Returns the indexes of every document whose page
    /// shows something of it: itself, and the documents it links to or used
    /// to link to (their backlinks).
    pub fn replace(&mut self, index: usize, document: Document, body: Body) -> Vec<usize> {
        let entry = &mut self.entries[index];
        let links_changed = entry.body.links_to != body.links_to;
        let owner_changed = entry.document.meta.owner != document.meta.owner;
        let tags_changed = entry.document.meta.tags != document.meta.tags;
        let terms_changed =
            (&entry.document.status, &entry.document.stage) != (&document.status, &document.stage);
        let mut touched: Vec<String> = entry.body.links_to.clone();
        touched.extend(body.links_to.iter().cloned());
        if !entry.history.uncommitted && entry.history.base.is_none() {
            // The text being replaced is the last commit's: the base of the history page's diffs.
            entry.history.base = Some(Arc::from(entry.document.text.as_str()));
        }
        entry.history.uncommitted =
            history::is_uncommitted(&entry.history.revisions, &document.text);
        entry.document = document;
        entry.body = body;
        // Recomputing these walks the whole library: only when the edit changed them.
        if links_changed {
            links::add_backlinks(&mut self.entries);
        }
        if owner_changed {
            self.owners = index::by_owner(&self.entries);
        }
        if tags_changed {
            self.tags = index::by_tag(&self.entries);
        }
        if terms_changed {
            (self.statuses, self.stages) = term_indexes(&self.config, &self.entries);
        }
        let mut affected = vec![index];
        affected.extend(
            self.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| touched.contains(&e.document.source))
                .map(|(i, _)| i),
        );
        affected.sort_unstable();
        affected.dedup();
        affected
    }

    /// Index of the document read from `source` (content-relative path).
    pub fn position(&self, source: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.document.source == source)
    }

    /// Content-relative source -> page URL, for rewriting links.
    pub fn urls(&self) -> HashMap<String, String> {
        document_urls(&self.config, self.entries.iter().map(|e| &e.document))
    }
}

fn term_indexes(config: &Config, entries: &[Entry]) -> (TermIndex, TermIndex) {
    (
        TermIndex::new(entries, config.statuses.len(), |e| &e.document.status),
        TermIndex::new(entries, config.stages.len(), |e| &e.document.stage),
    )
}

/// Sorts documents by slug, so output never depends on the file system's order.
pub fn sort_documents(documents: &mut [Document]) {
    documents.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.source.cmp(&b.source)));
}

/// Renders every document's Markdown in parallel (now that every document's
/// URL is known, links between them can be rewritten). Also reports duplicate
/// slugs, which would make two documents share a page.
pub fn render_bodies(config: &Config, documents: &[Document]) -> (Vec<Body>, Vec<Diagnostic>) {
    let rendered = render_bodies_with(config, documents, HashMap::new());
    (rendered.bodies, rendered.diagnostics)
}

/// Every document's body, and what to keep of them for the next build.
pub struct Bodies {
    pub bodies: Vec<Body>,
    pub diagnostics: Vec<Diagnostic>,
    /// Each body's key in the cache ([`bodies`]); `None` for one that came
    /// with warnings, which is rendered again each time to report them.
    pub keys: Vec<Option<u64>>,
    /// Whether to write the cache again ([`keyed::worth_rewriting`]).
    pub changed: bool,
}

/// [`render_bodies`], taking from `cached` (the previous build's bodies by
/// key) the bodies of documents whose key is there.
pub fn render_bodies_with(
    config: &Config,
    documents: &[Document],
    cached: HashMap<u64, Body>,
) -> Bodies {
    let mut diagnostics = links::duplicate_slugs(documents);
    let urls = document_urls(config, documents.iter());
    let links = Links {
        urls: &urls,
        unsafe_html: config.unsafe_html,
    };
    let settings = bodies::settings_key(&links);
    let keys: Vec<u64> = documents
        .par_iter()
        .map(|d| bodies::key(settings, d))
        .collect();
    let (reused, stale) = keyed::take(cached, &keys);
    // Each body, whether it was rendered now, and its warnings.
    let rendered: Vec<(Body, bool, Vec<Diagnostic>)> = documents
        .par_iter()
        .zip(reused)
        .map(|(d, reused)| match reused {
            Some(body) => (body, false, Vec::new()),
            None => {
                let (body, problems) = render_body(d, &links);
                (body, true, problems)
            }
        })
        .collect();
    let mut bodies = Vec::with_capacity(rendered.len());
    let mut kept = Vec::with_capacity(rendered.len());
    let (mut count, mut missing) = (0, 0);
    for ((body, fresh, problems), key) in rendered.into_iter().zip(keys) {
        count += usize::from(fresh);
        // A body with warnings is never kept, so it is not missing from the cache.
        missing += usize::from(fresh && problems.is_empty());
        kept.push(problems.is_empty().then_some(key));
        diagnostics.extend(problems);
        bodies.push(body);
    }
    crate::timings::count("markdown: bodies rendered", count);
    Bodies {
        // An edit makes one body missing and one stale: it counts once.
        changed: keyed::worth_rewriting(missing.max(stale), bodies.len()),
        bodies,
        diagnostics,
        keys: kept,
    }
}

/// Renders one document's Markdown: the stage `build` runs for every
/// document and `serve` for an edited one. Broken links are warnings.
pub fn render_body(document: &Document, links: &Links<'_>) -> (Body, Vec<Diagnostic>) {
    markdown::render(document.markdown(), links)
}

/// Parses one file: the stage `build` runs for every file and `serve` for an edited one.
pub fn parse_file(file: SourceFile, config: &Config) -> (Option<Document>, Vec<Diagnostic>) {
    Document::parse(&file.source, &file.display_path, file.text, config)
}

/// Parses every file, in parallel: the documents that could be made, and every diagnostic.
pub fn parse_documents(
    files: Vec<SourceFile>,
    config: &Config,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let parsed: Vec<_> = files
        .into_par_iter()
        .map(|f| parse_file(f, config))
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut diagnostics = Vec::new();
    for (document, problems) in parsed {
        documents.extend(document);
        diagnostics.extend(problems);
    }
    (documents, diagnostics)
}
