//! prfaq: a static site generator for a library of Working Backwards PR/FAQs.
//!
//! The pipeline, one module per stage:
//! `load` (read files) → `document` (front matter) → `library` (Markdown,
//! links, indexes) → `history` (git) → `render` (templates) → `output` (write).
//! [`build`] runs it top to bottom; it is what the CLI and the tests call.

pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod front_matter;
pub mod history;
pub mod library;
pub mod load;
pub mod markdown;
pub mod output;
pub mod render;
pub mod serve;
pub mod timings;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::history::{History, HistoryState};
use crate::library::Library;
use crate::output::WriteStats;
use crate::render::{Groups, ListViews, Theme};

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
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// The parsed git log, to store in the output folder for the next build.
    pub history_cache: Option<Vec<u8>>,
}

/// Documents rendered and written per batch, so the rendered pages of a large
/// library are never all in memory at once (the history's texts still are).
const BATCH: usize = 512;

/// Builds the site: reads, parses, renders, and writes only what changed.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let site = Site::load(options, Purpose::Build)?;
    let started = std::time::Instant::now();
    let written = site.write()?;
    timings::stage("render and write", started);
    if let Some(cache) = &site.history_cache {
        // A cache that cannot be written only makes the next build slower.
        let _ = output::write_cache(&site.output, history::CACHE_FILE, cache);
    }
    Ok(BuildReport {
        documents: site.library.entries.len(),
        warnings: site.warnings,
        output: site.output,
        written,
    })
}

/// What a site is loaded for: `build` writes it to the output folder, which
/// must be one prfaq may own; `serve` keeps it in memory and writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Build,
    Preview,
}

impl Site {
    /// Reads and parses the whole library, its history and its theme.
    pub fn load(options: &BuildOptions, purpose: Purpose) -> Result<Site, BuildError> {
        let root = &options.root;
        let mut config = Config::load(root).map_err(BuildError::Library)?;
        if let Some(base_url) = &options.base_url {
            config.base_url.clone_from(base_url);
        }
        let output = options
            .output
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir));
        if purpose == Purpose::Build {
            output::check_output(root, &root.join(&config.content_dir), &output)
                .map_err(|refusal| BuildError::Refused(refusal.0))?;
        }

        let started = std::time::Instant::now();
        let (files, mut diagnostics) = load::read_content(root, &config.content_dir);
        timings::stage("read files", started);
        let (mut documents, problems) = parse_documents(files, &config);
        diagnostics.extend(problems);
        library::sort_documents(&mut documents);
        let with_history = config.history && !options.no_history;
        // git works in its own process: read history while we render Markdown.
        timings::stage("parse front matter", started);
        let ((history, history_problems), (bodies, body_problems)) = rayon::join(
            || {
                let started = std::time::Instant::now();
                let history = read_history(root, &config, &documents, &output, with_history);
                timings::stage("history", started);
                history
            },
            || {
                let started = std::time::Instant::now();
                let bodies = library::render_bodies(&config, &documents);
                timings::stage("markdown", started);
                bodies
            },
        );
        diagnostics.extend(history_problems);
        diagnostics.extend(body_problems);
        let theme = Theme::load(root, &config);
        if let Err(problems) = &theme {
            diagnostics.extend(problems.iter().cloned());
        }
        let history_cache = history.cache.as_ref().map(history::Cache::to_json);
        let library = Library::new(config, documents, bodies, history);
        let theme = match (fail_on_errors(&mut diagnostics), theme) {
            (None, Ok(theme)) => theme,
            (problems, _) => return Err(BuildError::Library(problems.unwrap_or_default())),
        };
        Ok(Site {
            root: root.clone(),
            output,
            library,
            theme,
            warnings: diagnostics,
            history_cache,
        })
    }

    /// Renders every page and writes the site, batch by batch. Template
    /// errors are all collected; with any, nothing replaces the previous site.
    fn write(&self) -> Result<WriteStats, BuildError> {
        let (library, theme) = (&self.library, &self.theme);
        let views = ListViews::new(library, theme).map_err(|e| self.failure(e))?;
        let mut writer = output::Writer::begin(&self.output).map_err(BuildError::Io)?;
        let mut errors = Vec::new();
        let all: Vec<usize> = (0..library.entries.len()).collect();
        let batches = all
            .chunks(BATCH)
            .map(|batch| render::render_documents(library, theme, batch));
        let lists =
            std::iter::once_with(|| render::render_lists(library, theme, &views, &Groups::All));
        for rendered in batches.chain(lists) {
            match rendered {
                Ok(pages) if errors.is_empty() => {
                    if let Err(e) = writer.add(pages) {
                        writer.abort();
                        return Err(BuildError::Io(e));
                    }
                }
                Ok(_) => {}
                Err(problems) => errors.extend(problems),
            }
        }
        if !errors.is_empty() {
            writer.abort();
            return Err(self.failure(errors));
        }
        writer.commit().map_err(BuildError::Io)
    }

    /// Template errors, with the warnings found while loading.
    fn failure(&self, mut errors: Vec<Diagnostic>) -> BuildError {
        errors.extend(self.warnings.iter().cloned());
        diagnostics::sort(&mut errors);
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        BuildError::Library(errors)
    }
}

fn read_history(
    root: &Path,
    config: &Config,
    documents: &[Document],
    output: &Path,
    enabled: bool,
) -> (History, Vec<Diagnostic>) {
    if !enabled {
        return (history::unavailable(HistoryState::Off), Vec::new());
    }
    let cached = output::read_cache(output, history::CACHE_FILE);
    history::read(root, &config.content_dir, documents, cached.as_deref())
}

fn parse_documents(
    files: Vec<load::SourceFile>,
    config: &Config,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let parsed: Vec<_> = files
        .into_par_iter()
        .map(|f| Document::parse(&f.source, &f.display_path, f.text, config))
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut diagnostics = Vec::new();
    for (document, problems) in parsed {
        documents.extend(document);
        diagnostics.extend(problems);
    }
    (documents, diagnostics)
}

/// Sorts `diagnostics`; returns them all when any is an error.
fn fail_on_errors(diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Diagnostic>> {
    diagnostics::sort(diagnostics);
    diagnostics
        .iter()
        .any(Diagnostic::is_error)
        .then(|| std::mem::take(diagnostics))
}

/// The library root for display: `.` rather than an empty path.
pub fn display_root(root: &Path) -> String {
    if root.as_os_str().is_empty() {
        ".".into()
    } else {
        root.display().to_string()
    }
}
