//! The whole set of documents, with the indexes every page needs.
//!
//! Built once per build from parsed documents: it renders their Markdown (in
//! parallel, now that every document's URL is known so links can be
//! rewritten), finds backlinks and duplicate slugs, and groups documents by
//! owner, tag, status and stage.

mod index;
mod links;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::history::{self, DocumentHistory, History, HistoryState};
use crate::load::SourceFile;
use crate::markdown::{self, Body, Links};
pub use index::{Group, TermIndex};
pub use links::{document_url, document_urls};

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
    let mut diagnostics = links::duplicate_slugs(documents);
    let urls = document_urls(config, documents.iter());
    let links = Links { urls: &urls };
    let rendered: Vec<_> = documents
        .par_iter()
        .map(|d| render_body(d, &links))
        .collect();
    let mut bodies = Vec::with_capacity(rendered.len());
    for (body, problems) in rendered {
        diagnostics.extend(problems);
        bodies.push(body);
    }
    (bodies, diagnostics)
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

#[cfg(test)]
pub(crate) mod test_support {
    use std::path::Path;

    use super::*;

    /// A library of `(source, text)` documents with the default config and the given history.
    pub fn library_with(files: &[(&str, &str)], history: History) -> Library {
        let config = Config::default();
        let mut documents: Vec<Document> = files
            .iter()
            .filter_map(|(source, text)| {
                let display = Path::new("content").join(source);
                Document::parse(source, &display, (*text).to_owned(), &config).0
            })
            .collect();
        sort_documents(&mut documents);
        let (bodies, _) = render_bodies(&config, &documents);
        Library::new(config, documents, bodies, history)
    }

    /// A library without history.
    pub fn library(files: &[(&str, &str)]) -> Library {
        library_with(files, History::default())
    }

    /// A document with this owner, status and tags, linking to `links`.
    pub fn doc(owner: &str, status: &str, tags: &[&str], links: &[&str]) -> String {
        let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
        let links: String = links.iter().map(|l| format!("[x]({l}) ")).collect();
        format!(
            "+++\nowner = {owner:?}\nstatus = {status:?}\nstage = \"listen\"\ntags = [{}]\n+++\n{links}\n",
            tags.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{doc, library};
    use super::*;
    use crate::config::Resolved;

    fn reparse(library: &Library, source: &str, text: &str) -> (Document, Body) {
        let display = std::path::Path::new("content").join(source);
        let (document, _) = Document::parse(source, &display, text.to_owned(), &library.config);
        let document = document.expect("parses");
        let urls = library.urls();
        let (body, _) = render_body(&document, &Links { urls: &urls });
        (document, body)
    }

    #[test]
    fn replace_reports_the_pages_that_show_the_document_and_reindexes() {
        let mut library = library(&[
            ("a.md", &doc("Ann", "draft", &["x"], &["b.md"])),
            ("b.md", &doc("Bo", "draft", &[], &[])),
            ("c.md", &doc("Cy", "draft", &[], &[])),
        ]);
        assert_eq!(library.entries[1].backlinks, [0]);
        let (document, body) = reparse(&library, "a.md", &doc("Cy", "proceed", &["y"], &["c.md"]));
        let affected = library.replace(0, document, body);
        assert_eq!(
            affected,
            [0, 1, 2],
            "itself, the old and the new link target"
        );
        assert!(library.entries[1].backlinks.is_empty());
        assert_eq!(library.entries[2].backlinks, [0]);
        assert_eq!(library.owners["cy"].entries, [0, 2]);
        assert!(!library.owners.contains_key("ann"));
        assert!(library.tags.contains_key("y") && !library.tags.contains_key("x"));
        assert_eq!(library.statuses.terms[2], [0], "proceed");
        assert_eq!(library.entries[0].document.status, Resolved::Known(2));
        assert!(
            library.entries[0].history.uncommitted,
            "no commit has this text"
        );
    }

    #[test]
    fn replace_of_an_unlinked_document_touches_only_itself() {
        let mut library = library(&[
            ("a.md", &doc("Ann", "draft", &[], &[])),
            ("b.md", &doc("Bo", "draft", &[], &[])),
        ]);
        let (document, body) = reparse(&library, "b.md", &doc("Bo", "draft", &[], &[]));
        assert_eq!(library.replace(1, document, body), [1]);
    }

    #[test]
    fn status_and_stage_indexes_keep_unknowns_apart() {
        let library = library(&[
            ("a.md", &doc("Ann", "draft", &[], &[])),
            ("b.md", "# No front matter\n"),
        ]);
        assert_eq!(library.statuses.terms[0], [0]);
        assert_eq!(library.statuses.unknown, [1]);
        assert_eq!(library.stages.terms[0], [0]);
    }
}
