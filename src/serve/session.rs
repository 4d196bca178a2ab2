//! The site `serve` keeps in memory, and how an edit updates it.
//!
//! A full build parses every document; a save changes one. So a content edit
//! re-parses that one file, re-renders its Markdown, and re-renders only the
//! pages that show it: its own pages, the documents whose backlinks change,
//! the list pages (assembled from per-document pieces) and the leader and tag
//! pages it is on. A theme or site.toml change, or a file added or removed,
//! reloads everything. When an edit is broken, the last good pages stay
//! served, and its errors are kept, by file, until that file is fixed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;

use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::markdown::{self, Body, Links};
use crate::render::{self, Groups, ListViews, Page};
use crate::slug::slugify;
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
    /// Problems by the document source they are in ([`SITE`] for the whole site).
    errors: BTreeMap<String, Vec<Diagnostic>>,
}

/// What an update did.
#[derive(Debug, Default)]
pub struct Update {
    /// Pages rendered by this update.
    pub rendered: usize,
    /// Whether the whole site was reloaded.
    pub full: bool,
}

impl Session {
    /// Loads and renders the whole site. With errors, the session starts empty and shows them.
    pub fn start(options: BuildOptions) -> Session {
        let mut session = Session {
            options,
            site: None,
            views: None,
            pages: HashMap::new(),
            errors: BTreeMap::new(),
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

    /// Every problem that still stands.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.errors.values().flatten().cloned().collect()
    }

    /// Warnings of the last full load.
    pub fn warnings(&self) -> &[Diagnostic] {
        self.site.as_ref().map_or(&[], |s| s.warnings.as_slice())
    }

    /// The configuration of the loaded site.
    pub fn config(&self) -> Option<&crate::config::Config> {
        self.site.as_ref().map(|s| &s.library.config)
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
                self.errors = BTreeMap::from([(SITE.to_owned(), problems)]);
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
            Ok((views, pages)) => {
                let rendered = pages.len();
                self.pages.clear();
                self.store(pages, None);
                self.site = Some(site);
                self.views = Some(views);
                self.errors.clear();
                Update {
                    rendered,
                    full: true,
                }
            }
            Err(problems) => {
                self.errors = BTreeMap::from([(SITE.to_owned(), problems)]);
                Update::default()
            }
        }
    }

    /// Re-parses edited documents in place. `None` asks for a full reload:
    /// a file was added, deleted or renamed, or its slug changed.
    fn update_documents(&mut self, paths: &[PathBuf]) -> Option<Update> {
        let started = std::time::Instant::now();
        let parsed = self.parse_edits(paths)?;
        timings::stage("update: parse and markdown", started);
        if parsed.is_empty() {
            return Some(Update::default());
        }
        let site = self.site.as_mut()?;
        let groups = groups_listing(site, &parsed);
        let mut affected = Vec::new();
        for (index, document, body) in parsed {
            affected.extend(site.library.replace(index, document, body));
        }
        affected.sort_unstable();
        affected.dedup();
        let started = std::time::Instant::now();
        let views = self.views.as_mut()?;
        let rendered = views
            .update(&site.library, &site.theme, &affected)
            .and_then(|()| {
                render::render_pages(
                    &site.library,
                    &site.theme,
                    views,
                    &affected,
                    &Groups::Only(&groups),
                )
            });
        timings::stage("update: render pages", started);
        match rendered {
            Ok(pages) => {
                let rendered = pages.len();
                self.store(pages, Some(&groups));
                self.errors.remove(RENDER);
                Some(Update {
                    rendered,
                    full: false,
                })
            }
            Err(problems) => {
                self.errors.insert(RENDER.to_owned(), problems);
                Some(Update::default())
            }
        }
    }

    /// Reads and parses the edited files. Documents with errors are left as
    /// they were and their errors recorded; the good ones come back.
    fn parse_edits(&mut self, paths: &[PathBuf]) -> Option<Vec<(usize, Document, Body)>> {
        let site = self.site.as_ref()?;
        let content_dir = site.root.join(&site.library.config.content_dir);
        let urls = site.library.urls();
        let links = Links { urls: &urls };
        let mut parsed = Vec::new();
        for path in paths {
            let source = source_of(&content_dir, path)?;
            let index = site.library.position(&source)?;
            let text = std::fs::read_to_string(path).ok()?;
            let current = &site.library.entries[index].document;
            let (document, diagnostics) =
                Document::parse(&source, &current.display_path, text, &site.library.config);
            let errors: Vec<Diagnostic> = diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            match document {
                Some(document) if errors.is_empty() => {
                    if document.slug != current.slug {
                        return None;
                    }
                    self.errors.remove(&source);
                    let (body, _) = markdown::render(document.markdown(), &links);
                    parsed.push((index, document, body));
                }
                _ => {
                    self.errors.insert(source, errors);
                }
            }
        }
        Some(parsed)
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
        for page in pages {
            self.pages.insert(page.path, Bytes::from(page.content));
        }
    }
}

/// Leader and tag pages that list an edited document, before and after the edit.
fn groups_listing(site: &Site, parsed: &[(usize, Document, Body)]) -> HashSet<String> {
    let mut groups = HashSet::new();
    for (index, document, _) in parsed {
        for meta in [&site.library.entries[*index].document.meta, &document.meta] {
            groups.extend(meta.owner.iter().map(|o| format!("owners/{}", slugify(o))));
            groups.extend(meta.tags.iter().map(|t| format!("tags/{}", slugify(t))));
        }
    }
    groups
}

/// The content-relative source of a watched path, if it is a Markdown file in the content folder.
fn source_of(content_dir: &Path, path: &Path) -> Option<String> {
    let content_dir = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_owned());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let relative = path.strip_prefix(&content_dir).ok()?;
    let source = relative.to_string_lossy().replace('\\', "/");
    source.ends_with(".md").then_some(source)
}
