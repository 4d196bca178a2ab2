//! A loaded site: the library with its theme, ready to render. `build`
//! renders it once; `serve` keeps it in memory and updates it document by
//! document. Loading runs the stages top to bottom: read, parse, history and
//! Markdown side by side, index, theme.

use std::path::{Path, PathBuf};

use crate::check::{OUTLINE_CACHE_FILE, Outlines};
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::document::Document;
use crate::history::{History, HistoryState};
use crate::library::{self, Library};
use crate::output::{self, BuildLock, State, Target, WriteError, WriteStats};
use crate::render::{self, Groups, ListViews, Theme};
use crate::{history, load, timings};

/// What to build and where; `None` means "as site.toml says".
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The library root: the folder with `site.toml`.
    pub root: PathBuf,
    /// Output folder (default: `output_dir` from site.toml, relative to the root).
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Turns git history off even when site.toml has it on.
    pub no_history: bool,
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
    pub documents: usize,
    pub written: WriteStats,
}

/// Why a build did not produce a site. The previous output is untouched.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the library: every error and warning found, sorted.
    Library(Vec<Diagnostic>),
    /// The output folder is not one prfaq may write to.
    Refused(String),
    /// Writing the site failed.
    Io(std::io::Error),
}

/// A loaded library with its theme, ready to render: what `build` renders
/// once, and what `serve` keeps in memory and updates document by document.
pub struct Site {
    pub root: PathBuf,
    pub output: PathBuf,
    pub library: Library,
    pub theme: Theme,
    /// Where the history cache, the manifest and the lock live (`.prfaq/`).
    pub state: State,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// The parsed git log and blob store, to keep in the state folder for
    /// the next build (shared with the library's revisions, not a copy).
    pub history_cache: Option<history::Cache>,
    /// The review rules' similarity neighbours, to keep in the state folder
    /// for the next build when they were computed (not reused) this time.
    pub neighbour_cache: Option<crate::check::NeighbourCache>,
    /// Each document's body key ([`library::bodies`]), to keep the bodies in
    /// the state folder for the next build when enough of the cache was out
    /// of date to be worth writing it again.
    pub body_keys: Option<Vec<Option<u64>>>,
    /// Held by a build from loading to the last cache written.
    pub lock: Option<BuildLock>,
}

/// What a site is loaded for: `build` writes it to the output folder, which
/// must be one prfaq may own; `serve` keeps it in memory and writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Build,
    Preview,
}

/// Documents rendered and written per batch, so the rendered pages of a large
/// library are never all in memory at once (the history's texts still are).
const BATCH: usize = 512;

impl Site {
    /// Reads and parses the whole library, its history and its theme.
    pub fn load(options: &BuildOptions, purpose: Purpose) -> Result<Site, BuildError> {
        let root = &options.root;
        let config = load_config(options)?;
        let (output, state) = output_and_state(options, &config, purpose)?;
        let started = std::time::Instant::now();
        let (files, mut diagnostics) = load::read_content(root, &config.content_dir);
        timings::stage("read files", started);
        let (mut documents, problems) = library::parse_documents(files, &config);
        diagnostics.extend(problems);
        library::sort_documents(&mut documents);
        timings::stage("parse front matter", started);
        let with_history = config.history && !options.no_history;
        let ((history, history_problems), (bodies, outlines)) =
            read_beside_history(root, (&config, &documents), &state, with_history);
        diagnostics.extend(history_problems);
        let library::Bodies {
            bodies,
            diagnostics: body_problems,
            keys: body_keys,
            changed: bodies_changed,
        } = bodies;
        diagnostics.extend(body_problems);
        let theme = Theme::load(root, &config);
        match &theme {
            Ok(theme) => diagnostics.extend(theme.warnings.iter().cloned()),
            Err(problems) => diagnostics.extend(problems.iter().cloned()),
        }
        let mut history = history;
        let history_cache = history.cache.take();
        let mut library = Library::new(config, documents, bodies, history);
        let (mut diagnostics, neighbour_cache, outlines) =
            review(&mut library, (diagnostics, outlines), &state);
        let theme = match (fail_on_errors(&mut diagnostics), theme) {
            (None, Ok(theme)) => theme,
            (problems, _) => return Err(BuildError::Library(problems.unwrap_or_default())),
        };
        let lock = lock_and_keep(&state, purpose, outlines)?;
        Ok(Site {
            root: root.clone(),
            output,
            library,
            theme,
            state,
            warnings: diagnostics,
            history_cache,
            neighbour_cache,
            body_keys: bodies_changed.then_some(body_keys),
            lock,
        })
    }

    /// Renders every page and writes the site, batch by batch. Template
    /// errors are all collected; with any, nothing replaces the previous site.
    pub fn write(&self) -> Result<WriteStats, BuildError> {
        let library = &self.library;
        let mut writer = output::Writer::begin(&self.output, &self.state)
            .map_err(|e| self.write_failure(e.into()))?;
        let mut errors = Vec::new();
        // The search index first: its working memory is freed before the
        // list views and the pages are made (it is the peak otherwise).
        let (search, cache) = search_pages(library, &self.state);
        if let Err(e) = add_pages(&mut writer, Ok(search), &mut errors) {
            writer.abort();
            return Err(self.write_failure(e));
        }
        // After a few edits the search cache is written while the pages are made.
        let (now, meanwhile) = match cache {
            Some(cache) if cache.is_large() => (Some(cache), None),
            cache => (None, cache),
        };
        if let Some(cache) = now {
            save_search_cache(&self.state, &cache);
        }
        std::thread::scope(|scope| {
            if let Some(cache) = meanwhile {
                scope.spawn(move || save_search_cache(&self.state, &cache));
            }
            self.write_pages(writer, errors)
        })
    }

    /// Writes the list views and every page after the search files.
    fn write_pages(
        &self,
        mut writer: output::Writer,
        mut errors: Vec<Diagnostic>,
    ) -> Result<WriteStats, BuildError> {
        let (library, theme) = (&self.library, &self.theme);
        let started = std::time::Instant::now();
        let views = ListViews::new(library, theme);
        timings::stage("list views", started);
        let views = match views {
            Ok(views) => views,
            Err(problems) => {
                writer.abort();
                return Err(self.failure(problems));
            }
        };
        if let Err(e) = self.add_all(&mut writer, &views, &mut errors) {
            writer.abort();
            return Err(self.write_failure(e));
        }
        if !errors.is_empty() {
            writer.abort();
            return Err(self.failure(errors));
        }
        let started = std::time::Instant::now();
        let written = writer.commit().map_err(|e| self.write_failure(e));
        timings::stage("commit", started);
        written
    }

    /// Renders and writes the document pages batch by batch, then the list
    /// pages. Template errors are collected in
    /// `errors`, and once there is one nothing more is written.
    fn add_all(
        &self,
        writer: &mut output::Writer,
        views: &ListViews,
        errors: &mut Vec<Diagnostic>,
    ) -> Result<(), WriteError> {
        let (library, theme) = (&self.library, &self.theme);
        let all: Vec<usize> = (0..library.entries.len()).collect();
        let mut counts = Counts::default();
        let started = std::time::Instant::now();
        // A page whose render key matches the one written is kept unrendered.
        for batch in all.chunks(BATCH) {
            let reuse = |path: &str, key: u64| writer.reusable(path, key);
            let rendered = render::render_documents(library, theme, views, batch, &reuse);
            add_rendered(writer, rendered, errors, &mut counts.documents)?;
        }
        timings::stage("document pages", started);
        let reuse = |path: &str, key: u64| writer.reusable(path, key);
        let lists = render::render_lists(library, theme, views, &Groups::All, &reuse);
        add_rendered(writer, lists, errors, &mut counts.lists)?;
        counts.print();
        Ok(())
    }

    /// A write that failed, as an error naming the document the page came
    /// from, reported with the warnings found while loading.
    fn write_failure(&self, failure: WriteError) -> BuildError {
        let WriteError { page, error } = failure;
        let (path, message) = match &page {
            Some(page) => (
                self.source_of_page(page)
                    .unwrap_or_else(|| self.output.clone()),
                format!("cannot write the page {page}: {error}"),
            ),
            None => (
                self.output.clone(),
                format!("writing the site failed: {error}"),
            ),
        };
        let error = Diagnostic::error(path, message)
            .with_hint("check that the output folder is writable and has space; nothing of this build is left in it");
        self.failure(vec![error])
    }

    /// The document a page comes from: its own pages, or the first document
    /// whose leader or tag has that page.
    fn source_of_page(&self, page: &str) -> Option<PathBuf> {
        let documents = self.library.entries.iter().map(|e| &e.document);
        let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
        let found = if let Some(slug) = folder.strip_prefix("docs/") {
            documents.clone().find(|d| d.slug == slug)
        } else if let Some(owner) = folder.strip_prefix("owners/") {
            documents.clone().find(|d| {
                d.meta
                    .owner
                    .as_deref()
                    .is_some_and(|o| crate::slug::slugify(o) == owner)
            })
        } else if let Some(tag) = folder.strip_prefix("tags/") {
            documents
                .clone()
                .find(|d| d.meta.tags.iter().any(|t| crate::slug::slugify(t) == tag))
        } else {
            None
        };
        found.map(|d| d.display_path.clone())
    }

    /// Template errors, with the warnings found while loading.
    fn failure(&self, mut errors: Vec<Diagnostic>) -> BuildError {
        errors.extend(self.warnings.iter().cloned());
        BuildError::Library(diagnostics::distinct(errors))
    }
}

/// Pages rendered and kept unrendered, for `PRFAQ_TIMINGS`: (rendered, kept).
#[derive(Default)]
struct Counts {
    documents: (usize, usize),
    lists: (usize, usize),
}

impl Counts {
    fn print(&self) {
        timings::count("document pages rendered", self.documents.0);
        timings::count("document pages kept unrendered", self.documents.1);
        timings::count("list pages rendered", self.lists.0);
        timings::count("list pages kept unrendered", self.lists.1);
    }
}

/// Keeps the pages kept unrendered and writes the others, counting the
/// keyed ones in `counts`, as [`add_pages`] does.
fn add_rendered(
    writer: &mut output::Writer,
    rendered: Result<render::Pages, Vec<Diagnostic>>,
    errors: &mut Vec<Diagnostic>,
    counts: &mut (usize, usize),
) -> Result<(), WriteError> {
    let pages = rendered.map(|rendered| {
        counts.0 += rendered.pages.iter().filter(|p| p.key.is_some()).count();
        counts.1 += rendered.kept.len();
        writer.keep(rendered.kept);
        rendered.pages
    });
    add_pages(writer, pages, errors)
}

/// Writes `pages`, unless the build already failed: then only the errors
/// are collected, so that all are reported together.
fn add_pages(
    writer: &mut output::Writer,
    pages: Result<Vec<render::Page>, Vec<Diagnostic>>,
    errors: &mut Vec<Diagnostic>,
) -> Result<(), WriteError> {
    match pages {
        Ok(pages) if errors.is_empty() => writer.add(pages),
        Ok(_) => Ok(()),
        Err(problems) => {
            errors.extend(problems);
            Ok(())
        }
    }
}

/// The output folder and the state folder; for a build, the output folder
/// must be one prfaq may own.
fn output_and_state(
    options: &BuildOptions,
    config: &Config,
    purpose: Purpose,
) -> Result<(PathBuf, State), BuildError> {
    let root = &options.root;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    let state = State::new(root.join(&config.state_dir));
    if purpose == Purpose::Build {
        output::check_output(&Target {
            root,
            content: &root.join(&config.content_dir),
            output: &output,
            state: &state,
            output_from_command_line: options.output.is_some(),
        })
        .map_err(|refusal| BuildError::Refused(refusal.0))?;
    }
    Ok((output, state))
}

/// Runs the review rules on the documents' `outlines`, reusing the previous
/// build's similarity neighbours when nothing they depend on changed. Returns every diagnostic, the neighbours to keep
/// when they were computed afresh, and the outlines.
fn review(
    library: &mut Library,
    (diagnostics, outlines): (Vec<Diagnostic>, Outlines),
    state: &State,
) -> (
    Vec<Diagnostic>,
    Option<crate::check::NeighbourCache>,
    Outlines,
) {
    let previous = state
        .read(crate::check::CACHE_FILE)
        .and_then(|bytes| crate::check::NeighbourCache::from_bytes(&bytes));
    let today = crate::check::today();
    let (diagnostics, cache) = crate::check::review(
        library,
        diagnostics,
        &today,
        previous.as_ref(),
        &outlines.outlines,
    );
    let changed = previous.is_none_or(|p| p.key != cache.key);
    (diagnostics, changed.then_some(cache), outlines)
}

/// The history of `documents` and, beside it (git works in its own
/// process), their bodies and, when the history is read from its cache,
/// their outlines. Without the cache the history read holds every old
/// blob's text, so the outlines wait for it (both at once put a first build
/// over 1 GiB).
fn read_beside_history(
    root: &Path,
    (config, documents): (&Config, &[Document]),
    state: &State,
    with_history: bool,
) -> ((History, Vec<Diagnostic>), (library::Bodies, Outlines)) {
    let history_cache = with_history
        .then(|| state.read(history::CACHE_FILE))
        .flatten();
    let early = !with_history || history_cache.is_some();
    let (history, (bodies, outlines)) = rayon::join(
        || {
            read_history(
                root,
                config,
                documents,
                history_cache.as_deref(),
                with_history,
            )
        },
        || {
            let bodies = render_bodies(config, documents, state);
            (bodies, early.then(|| outlines(documents, state)))
        },
    );
    let outlines = outlines.unwrap_or_else(|| self::outlines(documents, state));
    (history, (bodies, outlines))
}

/// Every document's outline for the check rules, from the state folder's
/// cache where it is up to date.
fn outlines(documents: &[Document], state: &State) -> Outlines {
    let started = std::time::Instant::now();
    let outlines = Outlines::new(documents, state.read(OUTLINE_CACHE_FILE).as_deref());
    timings::stage("check: outlines", started);
    outlines
}

/// For a build, takes the state folder's lock (one build at a time writes a
/// library's site and state), then keeps the check rules' outlines there
/// when enough of them changed. They are written now, not with the other
/// caches after the site, so they need not stay in memory until then.
fn lock_and_keep(
    state: &State,
    purpose: Purpose,
    outlines: Outlines,
) -> Result<Option<BuildLock>, BuildError> {
    if purpose == Purpose::Preview {
        return Ok(None);
    }
    let lock = state.lock().map_err(BuildError::Io)?;
    if let Some(store) = outlines.to_store() {
        // A cache can only make a build faster: failing to keep it is not an error.
        let _ = state.write_postcard(OUTLINE_CACHE_FILE, &store);
    }
    drop(outlines);
    Ok(Some(lock))
}

/// The search index files, when search is on, and the cache to keep when
/// it changed.
fn search_pages(
    library: &Library,
    state: &State,
) -> (Vec<render::Page>, Option<crate::search::CacheToWrite>) {
    if !library.config.search {
        return (Vec::new(), None);
    }
    let started = std::time::Instant::now();
    let cached = state.read(crate::search::CACHE_FILE);
    let made = crate::search::pages(library, cached.as_deref());
    timings::stage("search index", started);
    made
}

/// A cache can only make a build faster: failing to keep it is not an error.
fn save_search_cache(state: &State, cache: &crate::search::CacheToWrite) {
    let _ = state.write(crate::search::CACHE_FILE, &cache.to_bytes());
}

/// Every document's body, from the previous build's cache where its key is
/// there (git works in its own process meanwhile: see [`Site::load`]).
fn render_bodies(config: &Config, documents: &[Document], state: &State) -> library::Bodies {
    let started = std::time::Instant::now();
    let cached = library::bodies::parse(state.read(library::bodies::CACHE_FILE).as_deref());
    let bodies = library::render_bodies_with(config, documents, cached);
    timings::stage("markdown", started);
    bodies
}

/// site.toml, with the command line's overrides.
fn load_config(options: &BuildOptions) -> Result<Config, BuildError> {
    let mut config = Config::load(&options.root).map_err(BuildError::Library)?;
    if let Some(base_url) = &options.base_url {
        crate::sanitize::check_base_url(base_url).map_err(|why| {
            BuildError::Library(vec![
                Diagnostic::error("--base-url", format!("{base_url:?} is not usable: {why}"))
                    .with_hint("an http(s) address such as https://acme.github.io/prfaqs/, or a path such as /prfaqs/"),
            ])
        })?;
        config.base_url.clone_from(base_url);
    }
    Ok(config)
}

/// The history of `documents`, from `cached` (the state folder's history
/// cache) and git.
fn read_history(
    root: &Path,
    config: &Config,
    documents: &[Document],
    cached: Option<&[u8]>,
    enabled: bool,
) -> (History, Vec<Diagnostic>) {
    if !enabled {
        return (history::unavailable(HistoryState::Off), Vec::new());
    }
    let started = std::time::Instant::now();
    let history = history::read(root, config, documents, cached);
    timings::stage("history", started);
    history
}

/// Sorts `diagnostics`; returns them all when any is an error.
fn fail_on_errors(diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Diagnostic>> {
    diagnostics::sort(diagnostics);
    diagnostics
        .iter()
        .any(Diagnostic::is_error)
        .then(|| std::mem::take(diagnostics))
}
