//! The site `serve` keeps in memory, and how an edit updates it.
//!
//! A full build parses every document; a save changes one. So a content edit
//! re-parses that one file, re-renders its Markdown, and re-renders only the
//! pages that show it: its own pages, the documents whose backlinks change,
//! and the list pages. A theme or site.toml change reloads everything. When
//! an edit is broken, the last good pages stay served and the errors are kept
//! to show in the browser until the next good save.

use axum::body::Bytes;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::document::{Document, slugify};
use crate::markdown::{self, Links};
use crate::render::{self, Groups, ListViews, Page};
use crate::{BuildError, BuildOptions, Site, timings};

/// What changed on disk, as the watcher classifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown files in the content folder (paths as reported by the watcher).
    Content(Vec<PathBuf>),
    /// site.toml, a template or a static file: everything is reloaded.
    Everything,
}

/// The served site: pages by path, and the problems of the last build.
pub struct Session {
    options: BuildOptions,
    site: Option<Site>,
    /// The per-document pieces of the list pages, kept so an edit re-renders only its own.
    views: Option<ListViews>,
    pages: HashMap<String, Bytes>,
    errors: Vec<Diagnostic>,
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
            errors: Vec::new(),
        };
        session.reload();
        session
    }

    /// The bytes of a page, by its path in the site (`docs/x/index.html`).
    pub fn page(&self, path: &str) -> Option<Bytes> {
        self.pages.get(path).cloned()
    }

    /// Problems of the last update (empty when the site is up to date).
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    /// Warnings of the last full load.
    pub fn warnings(&self) -> &[Diagnostic] {
        self.site.as_ref().map_or(&[], |s| s.warnings.as_slice())
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
        let site = match Site::load(&self.options) {
            Ok(site) => site,
            Err(error) => {
                self.errors = match error {
                    BuildError::Library(problems) => {
                        problems.into_iter().filter(Diagnostic::is_error).collect()
                    }
                    BuildError::Refused(why) => vec![Diagnostic::error("output", why)],
                    BuildError::Io(e) => vec![Diagnostic::error("output", e.to_string())],
                };
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
                self.errors = problems;
                Update::default()
            }
        }
    }

    /// Re-parses edited documents in place. `None` asks for a full reload:
    /// a file was added, deleted or renamed, or its slug changed.
    fn update_documents(&mut self, paths: &[PathBuf]) -> Option<Update> {
        let site = self.site.as_mut()?;
        let content_dir = site.root.join(&site.library.config.content_dir);
        let mut edited = Vec::new();
        for path in paths {
            let source = source_of(&content_dir, path)?;
            let index = site.library.position(&source)?;
            let text = std::fs::read_to_string(path).ok()?;
            edited.push((index, source, text));
        }
        let started = std::time::Instant::now();
        let urls = site.library.urls();
        let links = Links { urls: &urls };
        let mut problems = Vec::new();
        let mut parsed = Vec::new();
        for (index, source, text) in edited {
            let display_path = site.library.entries[index].document.display_path.clone();
            let (document, diagnostics) =
                Document::parse(&source, &display_path, text, &site.library.config);
            problems.extend(diagnostics.into_iter().filter(Diagnostic::is_error));
            let Some(document) = document else { continue };
            if document.slug != site.library.entries[index].document.slug {
                return None;
            }
            let (body, _) = markdown::render(&document, &links);
            parsed.push((index, document, body));
        }
        if !problems.is_empty() {
            self.errors = problems;
            return Some(Update::default());
        }
        timings::stage("update: parse and markdown", started);
        let started = std::time::Instant::now();
        // Leader and tag pages that list an edited document, before and after the edit.
        let mut groups = HashSet::new();
        for (index, document, _) in &parsed {
            for meta in [&site.library.entries[*index].document.meta, &document.meta] {
                groups.extend(meta.owner.iter().map(|o| format!("owners/{}", slugify(o))));
                groups.extend(meta.tags.iter().map(|t| format!("tags/{}", slugify(t))));
            }
        }
        let mut affected = Vec::new();
        for (index, document, body) in parsed {
            affected.extend(site.library.replace(index, document, body));
        }
        affected.sort_unstable();
        affected.dedup();
        timings::stage("update: library", started);
        let started = std::time::Instant::now();
        let views = self.views.as_mut()?;
        let rendered = views
            .update(&site.library, &site.theme, &affected)
            .and_then(|()| {
                timings::stage("update: list pieces", started);
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
                self.errors.clear();
                Some(Update {
                    rendered,
                    full: false,
                })
            }
            Err(problems) => {
                self.errors = problems;
                Some(Update::default())
            }
        }
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
