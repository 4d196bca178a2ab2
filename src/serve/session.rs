//! The site `serve` keeps in memory, and how an edit updates it.
//!
//! A full build parses every document; a save changes one. So a content edit
//! runs the build's own stage functions on that one file (see `edits`), and
//! re-renders only the pages that show it: its own pages, the documents whose
//! backlinks change, the list pages (assembled from per-document pieces) and
//! the leader and tag pages it is on. A theme or site.toml change, or a file
//! added or removed, reloads everything. When an edit is broken, the last
//! good pages stay served. Every file's warnings and errors are kept, by
//! file, until that file changes again: errors show in the overlay, warnings
//! in a quieter panel on the document's own pages.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;

use super::edits::{self, Edit};
use super::notes;
use crate::diagnostics::Diagnostic;
use crate::render::{self, Groups, ListViews, Page};
use crate::search::{self, SearchIndex};
use crate::{BuildError, BuildOptions, Purpose, Site, timings};

/// What changed on disk, as the watcher classifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown files in the content folder (paths as reported by the watcher).
    Content(Vec<PathBuf>),
    /// site.toml, a template or a static file: everything is reloaded.
    Everything,
}

/// What the server shows: a consistent snapshot, replaced whole after each update.
#[derive(Default)]
pub struct Served {
    pub pages: HashMap<String, Bytes>,
    /// Problems to show over the pages; empty when the site is up to date.
    pub errors: Vec<Diagnostic>,
    pub documents: usize,
}

/// Key of the errors that concern the whole site (site.toml, theme), not one document.
const SITE: &str = "";
/// Key of template errors found while re-rendering after an edit.
const RENDER: &str = "\u{0}render";

/// The site being previewed, and its rendered pages.
pub struct Session {
    options: BuildOptions,
    site: Option<Site>,
    /// The per-document pieces of the list pages, kept so an edit re-renders only its own.
    views: Option<ListViews>,
    pages: HashMap<String, Bytes>,
    /// Warnings and errors by the file they are in (its path for messages),
    /// [`SITE`] and [`RENDER`] for the whole site.
    problems: BTreeMap<String, Vec<Diagnostic>>,
    /// The search index, updated after the edited pages are served (off the save → reload path).
    search: Option<SearchIndex>,
    /// Documents edited since the search index was last updated.
    search_stale: Vec<usize>,
}

/// What an update did.
#[derive(Debug, Default)]
pub struct Update {
    /// Pages rendered by this update.
    pub rendered: usize,
    /// Whether the whole site was reloaded.
    pub full: bool,
    /// The warnings of the files this update read.
    pub warnings: Vec<Diagnostic>,
}

impl Session {
    /// Loads and renders the whole site. With errors, the session starts empty and shows them.
    pub fn start(options: BuildOptions) -> Session {
        let mut session = Session {
            options,
            site: None,
            views: None,
            pages: HashMap::new(),
            problems: BTreeMap::new(),
            search: None,
            search_stale: Vec::new(),
        };
        session.reload();
        session
    }

    /// What the server should show now.
    pub fn snapshot(&self) -> Arc<Served> {
        Arc::new(Served {
            pages: self.pages.clone(),
            errors: self.errors(),
            documents: self.site.as_ref().map_or(0, |s| s.library.entries.len()),
        })
    }

    /// Every error that still stands.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.problems(true)
    }

    /// Every warning that still stands.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.problems(false)
    }

    fn problems(&self, errors: bool) -> Vec<Diagnostic> {
        let problems = self.problems.values().flatten();
        problems
            .filter(|d| d.is_error() == errors)
            .cloned()
            .collect()
    }

    /// The configuration of the loaded site.
    pub fn config(&self) -> Option<&crate::config::Config> {
        self.site.as_ref().map(|s| &s.library.config)
    }

    /// Whether a version of the site was ever built (and is being served).
    pub fn has_site(&self) -> bool {
        !self.pages.is_empty()
    }

    pub fn document_count(&self) -> usize {
        self.site.as_ref().map_or(0, |s| s.library.entries.len())
    }

    /// Applies a change, re-rendering as little as possible.
    pub fn apply(&mut self, change: &Change) -> Update {
        match change {
            Change::Everything => self.reload(),
            Change::Content(paths) => match self.update_documents(paths) {
                Some(update) => update,
                None => self.reload(),
            },
        }
    }

    /// Loads everything again; on errors the previous pages stay.
    fn reload(&mut self) -> Update {
        let site = match Site::load(&self.options, Purpose::Preview) {
            Ok(site) => site,
            Err(error) => {
                let problems = match error {
                    BuildError::Library(problems) => {
                        problems.into_iter().filter(Diagnostic::is_error).collect()
                    }
                    BuildError::Refused(why) => vec![Diagnostic::error("output", why)],
                    BuildError::Io(e) => vec![Diagnostic::error("output", e.to_string())],
                };
                self.problems = BTreeMap::from([(SITE.to_owned(), problems)]);
                return Update::default();
            }
        };
        let all: Vec<usize> = (0..site.library.entries.len()).collect();
        let rendered = ListViews::new(&site.library, &site.theme).and_then(|views| {
            let pages =
                render::render_pages(&site.library, &site.theme, &views, &all, &Groups::All)?;
            Ok((views, pages))
        });
        match rendered {
            Ok((views, mut pages)) => {
                // Review notes have their own box on the pages: not among the problems.
                let warnings: Vec<Diagnostic> = site
                    .warnings
                    .iter()
                    .filter(|d| !crate::check::is_review_note(d))
                    .cloned()
                    .collect();
                self.problems = notes::by_file(&warnings);
                let update = Update {
                    rendered: pages.len(),
                    full: true,
                    warnings,
                };
                self.search = site.library.config.search.then(|| {
                    let mut index = SearchIndex::new(&site.library);
                    pages.extend(index.pages(&site.library));
                    index
                });
                self.search_stale.clear();
                self.site = Some(site);
                self.views = Some(views);
                self.pages.clear();
                self.store(pages, None);
                update
            }
            Err(problems) => {
                self.problems = BTreeMap::from([(SITE.to_owned(), problems)]);
                Update::default()
            }
        }
    }

    /// Re-reads edited documents in place. `None` asks for a full reload:
    /// a file was added, deleted or renamed, or its slug changed.
    fn update_documents(&mut self, paths: &[PathBuf]) -> Option<Update> {
        let started = std::time::Instant::now();
        let site = self.site.as_ref()?;
        let content_dir = site.root.join(&site.library.config.content_dir);
        let edits = edits::read_edits(&site.library, &content_dir, paths)?;
        timings::stage("update: parse and markdown", started);
        let groups = edits::groups_listing(&site.library, &edits);
        let warnings = self.keep_problems(&edits);
        let parsed: Vec<_> = edits
            .into_iter()
            .filter_map(|edit| edit.parsed.map(|(doc, body)| (edit.index, doc, body)))
            .collect();
        if parsed.is_empty() {
            return Some(Update {
                warnings,
                ..Update::default()
            });
        }
        let started = std::time::Instant::now();
        let rendered = self.render_edits(parsed, &groups)?;
        timings::stage("update: render pages", started);
        Some(match rendered {
            Ok(pages) => {
                let rendered = pages.len();
                self.store(pages, Some(&groups));
                self.problems.remove(RENDER);
                Update {
                    rendered,
                    full: false,
                    warnings,
                }
            }
            Err(problems) => {
                self.problems.insert(RENDER.to_owned(), problems);
                Update {
                    warnings,
                    ..Update::default()
                }
            }
        })
    }

    /// Records each edited file's problems in place of its old ones; returns its warnings.
    fn keep_problems(&mut self, edits: &[Edit]) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        for edit in edits {
            warnings.extend(edit.diagnostics.iter().filter(|d| !d.is_error()).cloned());
            self.problems
                .insert(edit.key.clone(), edit.diagnostics.clone());
        }
        warnings
    }

    /// Swaps the edited documents in and renders the pages they change.
    fn render_edits(
        &mut self,
        parsed: Vec<(usize, crate::document::Document, crate::markdown::Body)>,
        groups: &HashSet<String>,
    ) -> Option<Result<Vec<Page>, Vec<Diagnostic>>> {
        let site = self.site.as_mut()?;
        let mut affected = Vec::new();
        let edited: Vec<usize> = parsed.iter().map(|(index, _, _)| *index).collect();
        self.search_stale.extend(edited.iter().copied());
        for (index, document, body) in parsed {
            affected.extend(site.library.replace(index, document, body));
        }
        crate::check::update(&mut site.library, &edited, &crate::check::today());
        affected.sort_unstable();
        affected.dedup();
        let views = self.views.as_mut()?;
        let (library, theme) = (&site.library, &site.theme);
        Some(views.update(library, theme, &affected).and_then(|()| {
            render::render_pages(library, theme, views, &affected, &Groups::Only(groups))
        }))
    }

    /// Re-indexes the documents edited since the last call and replaces the
    /// search files. Returns whether anything changed.
    pub fn refresh_search(&mut self) -> bool {
        let (Some(index), Some(site)) = (self.search.as_mut(), self.site.as_ref()) else {
            return false;
        };
        if self.search_stale.is_empty() {
            return false;
        }
        let started = std::time::Instant::now();
        self.search_stale.sort_unstable();
        self.search_stale.dedup();
        index.update(&site.library, &self.search_stale);
        // The shards have new names; the documents' files keep theirs, and only the edited ones change.
        let prefix = format!("{}/", search::INDEX_DIR);
        let documents = format!("{prefix}{}/", search::DOC_DIR);
        self.pages
            .retain(|path, _| !path.starts_with(&prefix) || path.starts_with(&documents));
        let files = index.index_pages(&site.library);
        // Sorted ids: the edited documents sharing a file are next to each other.
        let mut edited: Vec<Page> = self
            .search_stale
            .drain(..)
            .filter_map(|id| index.document_file_of(id))
            .collect();
        edited.dedup_by(|a, b| a.path == b.path);
        for page in files.into_iter().chain(edited) {
            self.pages.insert(page.path, Bytes::from(page.content));
        }
        timings::stage("update: search index", started);
        true
    }

    /// Puts rendered pages in place. After an edit, a leader or tag page
    /// that was considered but not rendered no longer exists: it is dropped.
    fn store(&mut self, pages: Vec<Page>, considered_groups: Option<&HashSet<String>>) {
        if let Some(groups) = considered_groups {
            let rendered: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
            for key in groups {
                let path = format!("{key}/index.html");
                if !rendered.contains(path.as_str()) {
                    self.pages.remove(&path);
                }
            }
        }
        // The review meeting's pages come and go with what is in review: drop those not rendered again.
        if pages.iter().any(|p| p.path == "review/index.html") {
            let rendered: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
            self.pages
                .retain(|path, _| !path.starts_with("review/") || rendered.contains(path.as_str()));
        }
        let warned = match &self.site {
            Some(site) => notes::warned_pages(&site.library, &self.problems),
            None => HashMap::new(),
        };
        for page in pages {
            let content = match warned.get(page.path.as_str()) {
                Some(warnings) => notes::with_warnings(&page.content, warnings),
                None => page.content,
            };
            self.pages.insert(page.path, Bytes::from(content));
        }
    }
}
