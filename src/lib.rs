//! prfaq: a static site generator for a library of Working Backwards PR/FAQs.
//!
//! The pipeline, one module per stage:
//! `load` (read files) → `document` (front matter) → `markdown` and `history`
//! (side by side) → `library` (links, indexes) → `render` (templates) →
//! `output` (write). [`Site::load`] runs the stages up to rendering; [`build`]
//! renders and writes, and is what the CLI and the tests call.

pub mod check;
pub mod cli;
pub mod commands;
pub mod compress;
pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod front_matter;
pub mod history;
pub mod html;
pub mod insights;
pub mod library;
pub mod load;
pub mod markdown;
pub mod output;
pub mod render;
pub mod report;
pub mod rules;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod suggest;
pub mod timings;
pub mod walk;

pub use crate::site::{BuildError, BuildOptions, BuildReport, Purpose, Site};

/// Builds the site: reads, parses, renders, and writes only what changed.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut site = Site::load(options, Purpose::Build)?;
    let started = std::time::Instant::now();
    // The caches depend on nothing the pages do, and writing them was a
    // serial tenth of a one-document rebuild: they are saved meanwhile.
    let written = std::thread::scope(|scope| {
        let saving = scope.spawn(|| save_caches(&site));
        let written = site.write();
        let _ = saving.join();
        written
    })?;
    timings::stage("render and write", started);
    let report = BuildReport {
        documents: site.library.entries.len(),
        warnings: std::mem::take(&mut site.warnings),
        output: std::mem::take(&mut site.output),
        written,
    };
    // Released now, not when the thread is through: the next build may start.
    let lock = site.lock.take();
    drop_in_background(site);
    drop(lock);
    Ok(report)
}

/// Frees `value` on a thread of its own. A site is millions of small
/// allocations (texts, history, views): freeing them cost 25 ms of a 0.38 s
/// rebuild with nothing changed at 1,000 documents, after the work was done.
/// The CLI may exit before the thread is through, which is fine.
fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// Writes the history, similarity and body caches that changed. A cache that
/// cannot be written only makes the next build slower. They are written even
/// when the pages then fail to render: each is keyed by what it was derived
/// from, so it is as true for the next build either way.
fn save_caches(site: &Site) {
    let started = std::time::Instant::now();
    // Rewriting an unchanged history cache cost a tenth of a rebuild with nothing changed.
    if let Some(cache) = site.history_cache.as_ref().filter(|c| c.changed()) {
        let _ = site.state.write_postcard(history::CACHE_FILE, cache);
        site.state.remove_legacy(history::LEGACY_CACHE_FILE);
    }
    if let Some(cache) = &site.neighbour_cache {
        let _ = site.state.write(check::CACHE_FILE, &cache.to_bytes());
    }
    if let Some(keys) = &site.body_keys {
        let bodies = keys
            .iter()
            .zip(&site.library.entries)
            .filter_map(|(key, entry)| Some(((*key)?, &entry.body)));
        let cache = library::bodies::to_store(bodies);
        let _ = site
            .state
            .write_postcard(library::bodies::CACHE_FILE, &cache);
    }
    timings::stage("caches saved", started);
}
