//! The whole set of documents, with the indexes every page needs.
//!
//! Built once per build from parsed documents: it renders their Markdown (in
//! parallel, now that every document's URL is known so links can be
//! rewritten), finds backlinks and duplicate slugs, and groups documents by
//! owner, tag, status and stage.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::document::{Document, slugify};
use crate::history::{DocumentHistory, History, HistoryState};
use crate::markdown::{self, Body, Links};

/// Every document of the library, rendered, and indexed.
pub struct Library {
    pub config: Config,
    /// Sorted by slug, so output order never depends on the file system.
    pub entries: Vec<Entry>,
    /// Owner slug -> (display name, entry indexes).
    pub owners: BTreeMap<String, Group>,
    /// Tag slug -> (display name, entry indexes).
    pub tags: BTreeMap<String, Group>,
    /// Whether history was read, and whether it is complete.
    pub history: HistoryState,
    /// Where the library root is inside its git repository, e.g. `docs/` (for forge links).
    pub repo_prefix: String,
}

/// One document with everything derived from it.
pub struct Entry {
    pub document: Document,
    pub body: Body,
    /// Indexes of the entries that link to this one.
    pub backlinks: Vec<usize>,
    pub history: DocumentHistory,
}

/// Documents sharing an owner or a tag.
pub struct Group {
    pub name: String,
    pub entries: Vec<usize>,
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
        add_backlinks(&mut entries);
        let owners = group_by(&entries, |e| {
            e.document.meta.owner.iter().cloned().collect()
        });
        let tags = group_by(&entries, |e| e.document.meta.tags.clone());
        Library {
            config,
            entries,
            owners,
            tags,
            history: history.state,
            repo_prefix: history.repo_prefix,
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
        let mut touched: Vec<String> = entry.body.links_to.clone();
        touched.extend(body.links_to.iter().cloned());
        entry.history.uncommitted = entry
            .history
            .revisions
            .first()
            .and_then(|r| r.text.as_deref())
            != Some(document.text.as_str());
        entry.document = document;
        entry.body = body;
        // Recomputing these walks the whole library: only when the edit changed them.
        if links_changed {
            add_backlinks(&mut self.entries);
        }
        if owner_changed {
            self.owners = group_by(&self.entries, |e| {
                e.document.meta.owner.iter().cloned().collect()
            });
        }
        if tags_changed {
            self.tags = group_by(&self.entries, |e| e.document.meta.tags.clone());
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

/// Sorts documents by slug, so output never depends on the file system's order.
pub fn sort_documents(documents: &mut [Document]) {
    documents.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.source.cmp(&b.source)));
}

/// Renders every document's Markdown in parallel (now that every document's
/// URL is known, links between them can be rewritten). Also reports duplicate
/// slugs, which would make two documents share a page.
pub fn render_bodies(config: &Config, documents: &[Document]) -> (Vec<Body>, Vec<Diagnostic>) {
    let mut diagnostics = duplicate_slugs(documents);
    let urls = document_urls(config, documents.iter());
    let links = Links { urls: &urls };
    let rendered: Vec<_> = documents
        .par_iter()
        .map(|d| markdown::render(d, &links))
        .collect();
    let mut bodies = Vec::with_capacity(rendered.len());
    for (body, problems) in rendered {
        diagnostics.extend(problems);
        bodies.push(body);
    }
    (bodies, diagnostics)
}

/// Content-relative source -> page URL, for every document.
fn document_urls<'a>(
    config: &Config,
    documents: impl Iterator<Item = &'a Document>,
) -> HashMap<String, String> {
    let base = config.base_path();
    documents
        .map(|d| (d.source.clone(), document_url(&base, &d.slug)))
        .collect()
}

/// URL of a document's page.
pub fn document_url(base: &str, slug: &str) -> String {
    format!("{base}docs/{slug}/")
}

fn duplicate_slugs(documents: &[Document]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for pair in documents.windows(2) {
        if pair[0].slug != pair[1].slug {
            continue;
        }
        // Report on the file whose front matter set the slug, if one did: that line is the fix.
        let (reported, other) = if pair[0].meta.slug.is_some() && pair[1].meta.slug.is_none() {
            (&pair[0], &pair[1])
        } else {
            (&pair[1], &pair[0])
        };
        let diagnostic = Diagnostic::error(
            &reported.display_path,
            format!(
                "duplicate slug {:?}: {} has the same one",
                reported.slug,
                other.display_path.display()
            ),
        )
        .with_hint("give one of them a different `slug` in its front matter, or rename the file");
        diagnostics.push(at_slug_key(reported, diagnostic));
    }
    diagnostics
}

/// Points at the `slug` line when the slug was set in front matter.
fn at_slug_key(document: &Document, diagnostic: Diagnostic) -> Diagnostic {
    let front_matter = &document.text[..document.body_offset];
    match crate::front_matter::find_key(front_matter, "slug") {
        Some(offset) if document.meta.slug.is_some() => {
            diagnostic.at_offset(&document.text, offset)
        }
        _ => diagnostic,
    }
}

fn add_backlinks(entries: &mut [Entry]) {
    let index: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.document.source.as_str(), i))
        .collect();
    let mut backlinks: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (from, entry) in entries.iter().enumerate() {
        for target in &entry.body.links_to {
            if let Some(&to) = index.get(target.as_str())
                && to != from
            {
                backlinks[to].push(from);
            }
        }
    }
    for (entry, links) in entries.iter_mut().zip(backlinks) {
        entry.backlinks = links;
    }
}

fn group_by(entries: &[Entry], keys: impl Fn(&Entry) -> Vec<String>) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for name in keys(entry) {
            let name = name.trim().to_owned();
            let slug = slugify(&name);
            if slug.is_empty() {
                continue;
            }
            let group = groups.entry(slug).or_insert_with(|| Group {
                name,
                entries: Vec::new(),
            });
            if group.entries.last() != Some(&i) {
                group.entries.push(i);
            }
        }
    }
    groups
}
