//! Turns the library into pages: tera templates over serializable views.
//!
//! Rendering is pure: it returns every page as bytes and writes nothing, so a
//! template error can never leave a half-written site behind. Document pages
//! are rendered in parallel; list pages are few and cheap.

mod fragments;
mod home;
mod insights;
mod lists;
mod meeting;
mod paging;
pub mod publish;
pub mod review;
mod table_data;
mod theme;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::{self, Diagnostic};
use crate::history::HistoryState;
use crate::library::Library;
pub use fragments::{Groups, ListViews};
pub use theme::Theme;
use views::{AS_OF_FILE, AsOfFile, DocPage, HistoryPage, SiteView};

/// One file of the site: where it goes in the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative path with `/` separators, e.g. `docs/returns/index.html`.
    pub path: String,
    pub content: Vec<u8>,
}

/// One page, or the template error that stopped it.
type Rendered = Result<Page, Diagnostic>;

/// Renders the pages of the documents at `indexes`, the list pages (home,
/// table, board, pipeline, the `groups` of leader and tag pages) and the
/// static files: what an edit of those documents can change.
pub fn render_pages(
    library: &Library,
    theme: &Theme,
    views: &ListViews,
    indexes: &[usize],
    groups: &Groups<'_>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let documents = render_documents(library, theme, views, indexes);
    let lists = render_lists(library, theme, views, groups);
    match (documents, lists) {
        (Ok(mut documents), Ok(lists)) => {
            documents.extend(lists);
            Ok(documents)
        }
        (Err(mut a), Err(b)) => {
            a.extend(b);
            Err(diagnostics::distinct(a))
        }
        (Err(errors), _) | (_, Err(errors)) => Err(errors),
    }
}

/// Renders each document's page and history page, in parallel.
pub fn render_documents(
    library: &Library,
    theme: &Theme,
    views: &ListViews,
    indexes: &[usize],
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let site = SiteView::new(library);
    let renderer = PageRenderer { theme, site: &site };
    let jobs: Vec<Result<Page, Diagnostic>> = indexes
        .par_iter()
        .flat_map(|&i| {
            let entry = &library.entries[i];
            let slug = &entry.document.slug;
            let page = DocPage::new(library, entry, views.timeline(i).to_vec());
            let review = review::DocReview::new(library, i);
            let document = renderer.render(
                &format!("docs/{slug}/index.html"),
                "document.html",
                &[("page", to_value(&page)), ("review", to_value(&review))],
            );
            // Without history there is nothing to show on a history page: no page (and one file less to write).
            let with_history = matches!(library.history, HistoryState::Read { .. });
            let history = with_history.then(|| {
                let history = HistoryPage::new(library, entry);
                renderer.render(
                    &format!("docs/{slug}/history.html"),
                    "history.html",
                    &[("page", to_value(&history))],
                )
            });
            let as_of = with_history
                .then(|| AsOfFile::new(entry))
                .flatten()
                .map(|file| {
                    Ok(Page {
                        path: format!("docs/{slug}/{AS_OF_FILE}"),
                        content: serde_json::to_vec(&file).unwrap_or_default(),
                    })
                });
            std::iter::once(document)
                .chain(history)
                .chain(as_of)
                .collect::<Vec<_>>()
        })
        .collect();
    collect(jobs)
}

/// Renders the list pages and copies the static files.
pub fn render_lists(
    library: &Library,
    theme: &Theme,
    views: &ListViews,
    groups: &Groups<'_>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let site = SiteView::new(library);
    let renderer = PageRenderer { theme, site: &site };
    let started = std::time::Instant::now();
    let mut jobs = lists::list_pages(library, &renderer, views, groups);
    crate::timings::stage("list pages", started);
    let started = std::time::Instant::now();
    let site_files = publish::pages(library, &views.files);
    jobs.extend(site_files.into_iter().map(Ok));
    crate::timings::stage("site files", started);
    let search = library.config.search;
    let files = theme
        .static_files()
        .filter(|(path, _)| search || *path != "search.js");
    jobs.extend(files.map(|(path, bytes)| {
        Ok(Page {
            path: format!("static/{path}"),
            content: bytes.to_vec(),
        })
    }));
    collect(jobs)
}

fn collect(jobs: Vec<Result<Page, Diagnostic>>) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let (pages, errors): (Vec<_>, Vec<_>) = jobs.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(pages.into_iter().flatten().collect())
    } else {
        Err(diagnostics::distinct(
            errors.into_iter().filter_map(Result::err).collect(),
        ))
    }
}

/// Renders one template with `site` and `path` in its context.
struct PageRenderer<'a> {
    theme: &'a Theme,
    site: &'a SiteView<'a>,
}

impl PageRenderer<'_> {
    fn render(
        &self,
        path: &str,
        template: &str,
        values: &[(&'static str, tera::Value)],
    ) -> Result<Page, Diagnostic> {
        let mut context = Context::new();
        context.insert("site", self.site);
        // Lets templates mark the current navigation entry and build relative links.
        context.insert("path", path);
        for (key, value) in values {
            context.insert_value(*key, value.clone());
        }
        let html = self.theme.render(template, &context)?;
        Ok(Page {
            path: path.to_owned(),
            content: html.into_bytes(),
        })
    }
}

fn to_value<T: Serialize + ?Sized>(value: &T) -> tera::Value {
    tera::Value::from_serializable(value)
}
