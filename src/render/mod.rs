//! Turns the library into pages: tera templates over serializable views.
//!
//! Rendering is pure: it returns every page as bytes and writes nothing, so a
//! template error can never leave a half-written site behind. Document pages
//! are rendered in parallel. Every page rendered from a template has a render
//! key (see `keys`); a build passes a `Reuse` that says which pages the
//! previous build wrote from the same inputs, and those are returned as kept
//! instead of being rendered again.

mod fragments;
mod home;
mod insights;
mod keys;
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
use views::{DocPage, HistoryPage, SiteView};

/// One file of the site: where it goes in the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative path with `/` separators, e.g. `docs/returns/index.html`.
    pub path: String,
    pub content: Vec<u8>,
    /// The key of everything the page was rendered from (see [`keys`]), for
    /// the pages a rebuild may keep without rendering them again.
    pub key: Option<u64>,
}

impl Page {
    pub fn new(path: impl Into<String>, content: impl Into<Vec<u8>>) -> Page {
        Page {
            path: path.into(),
            content: content.into(),
            key: None,
        }
    }
}

/// One page (rendered, or kept as written), or the template error that stopped it.
type Rendered = Result<Job, Diagnostic>;

/// Renders the pages of the documents at `indexes`, the list pages (home,
/// table, board, pipeline, the `groups` of leader and tag pages) and the
/// static files: what an edit of those documents can change. Every page is
/// rendered: the preview holds them in memory.
pub fn render_pages(
    library: &Library,
    theme: &Theme,
    views: &ListViews,
    indexes: &[usize],
    groups: &Groups<'_>,
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let documents =
        render_documents(library, theme, views, indexes, &keep_nothing).map(|d| d.pages);
    let lists = render_lists(library, theme, views, groups, &keep_nothing).map(|l| l.pages);
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

/// Whether the page at a path, with a render key, may be kept as the
/// previous build wrote it (see [`keys`]).
pub type Reuse<'a> = dyn Fn(&str, u64) -> bool + Sync + 'a;

fn keep_nothing(_: &str, _: u64) -> bool {
    false
}

/// Pages: those rendered, and those kept with their keys.
#[derive(Default)]
pub struct Pages {
    pub pages: Vec<Page>,
    pub kept: Vec<(String, u64)>,
}

/// A page rendered, or kept unrendered because its key says its inputs
/// are those of the page already written.
enum Job {
    Rendered(Page),
    Kept(String, u64),
}

impl From<Page> for Job {
    fn from(page: Page) -> Job {
        Job::Rendered(page)
    }
}

/// Renders each document's page and history page, in parallel, except
/// those `reuse` keeps.
pub fn render_documents(
    library: &Library,
    theme: &Theme,
    views: &ListViews,
    indexes: &[usize],
    reuse: &Reuse<'_>,
) -> Result<Pages, Vec<Diagnostic>> {
    let site = SiteView::new(library);
    let renderer = PageRenderer::new(theme, &site, reuse);
    let jobs: Vec<Result<Job, Diagnostic>> = indexes
        .par_iter()
        .flat_map(|&i| renderer.document_jobs(library, views, i))
        .collect();
    collect(jobs)
}

/// Renders the list pages and copies the static files.
pub fn render_lists(
    library: &Library,
    theme: &Theme,
    views: &ListViews,
    groups: &Groups<'_>,
    reuse: &Reuse<'_>,
) -> Result<Pages, Vec<Diagnostic>> {
    let site = SiteView::new(library);
    let renderer = PageRenderer::new(theme, &site, reuse);
    let started = std::time::Instant::now();
    let mut jobs = lists::list_pages(library, &renderer, views, groups);
    crate::timings::stage("list pages", started);
    let started = std::time::Instant::now();
    let site_files = publish::pages(library, &views.files);
    jobs.extend(site_files.into_iter().map(|page| Ok(page.into())));
    crate::timings::stage("site files", started);
    let search = library.config.search;
    let files = theme
        .static_files()
        .filter(|(path, _)| search || *path != "search.js");
    jobs.extend(
        files.map(|(path, bytes)| Ok(Page::new(format!("static/{path}"), bytes.to_vec()).into())),
    );
    collect(jobs)
}

/// The pages rendered and kept, or every template error.
fn collect(jobs: Vec<Rendered>) -> Result<Pages, Vec<Diagnostic>> {
    let (jobs, errors): (Vec<_>, Vec<_>) = jobs.into_iter().partition(Result::is_ok);
    if !errors.is_empty() {
        let errors = errors.into_iter().filter_map(Result::err).collect();
        return Err(diagnostics::distinct(errors));
    }
    let mut pages = Pages::default();
    for job in jobs.into_iter().flatten() {
        match job {
            Job::Rendered(page) => pages.pages.push(page),
            Job::Kept(path, key) => pages.kept.push((path, key)),
        }
    }
    Ok(pages)
}

/// Renders one template with `site` and `path` in its context.
struct PageRenderer<'a> {
    theme: &'a Theme,
    site: &'a SiteView<'a>,
    /// `site` as the templates see it, converted once for every page.
    site_value: tera::Value,
    /// The key of what every page shares: the theme and `site`.
    base_key: u64,
    /// Which keyed pages are kept as written.
    reuse: &'a Reuse<'a>,
}

impl<'a> PageRenderer<'a> {
    fn new(theme: &'a Theme, site: &'a SiteView<'a>, reuse: &'a Reuse<'a>) -> PageRenderer<'a> {
        PageRenderer {
            theme,
            site,
            site_value: to_value(site),
            base_key: keys::PageKey::new(theme.fingerprint).value(site).finish(),
            reuse,
        }
    }

    /// The pages of document `i`: its page and its history page (none
    /// without history).
    fn document_jobs(
        &self,
        library: &Library,
        views: &ListViews,
        i: usize,
    ) -> Vec<Result<Job, Diagnostic>> {
        let entry = &library.entries[i];
        let slug = &entry.document.slug;
        let card = views.cards[i].clone();
        let page = DocPage::new(library, entry, card, views.timeline(i).to_vec());
        let review = review::DocReview::new(library, &views.cards, i);
        let path = format!("docs/{slug}/index.html");
        let key = self.key("document.html", &path).value(&page).value(&review);
        let document = self.render_unless_kept(&path, "document.html", key, || {
            vec![("page", to_value(&page)), ("review", to_value(&review))]
        });
        let mut jobs = vec![document];
        // Without history there is nothing to show on a history page: no page (and one file less to write).
        if !matches!(library.history, HistoryState::Read { .. }) {
            return jobs;
        }
        let history = HistoryPage::new(library, entry, views.cards[i].clone());
        let path = format!("docs/{slug}/history.html");
        let key = self.key("history.html", &path).value(&history);
        jobs.push(self.render_unless_kept(&path, "history.html", key, || {
            vec![("page", to_value(&history))]
        }));
        jobs
    }

    /// The start of the render key of the page at `path` from `template`;
    /// the caller adds the page's values.
    fn key(&self, template: &str, path: &str) -> keys::PageKey {
        keys::PageKey::new(self.base_key).text(template).text(path)
    }

    /// Renders the page unless the one written from the same inputs is
    /// kept; `values` are only made for a page that is rendered.
    fn render_unless_kept(
        &self,
        path: &str,
        template: &str,
        key: keys::PageKey,
        values: impl FnOnce() -> Vec<(&'static str, tera::Value)>,
    ) -> Result<Job, Diagnostic> {
        let key = key.finish();
        if (self.reuse)(path, key) {
            return Ok(Job::Kept(path.to_owned(), key));
        }
        let mut page = self.render_page(path, template, values())?;
        page.key = Some(key);
        Ok(Job::Rendered(page))
    }

    /// Renders a page from values already made, unless the one written
    /// from the same values is kept.
    fn render(
        &self,
        path: &str,
        template: &str,
        values: &[(&'static str, tera::Value)],
    ) -> Rendered {
        let mut key = self.key(template, path);
        for (name, value) in values {
            key = key.text(name).value(value);
        }
        self.render_unless_kept(path, template, key, || values.to_vec())
    }

    fn render_page(
        &self,
        path: &str,
        template: &str,
        values: Vec<(&'static str, tera::Value)>,
    ) -> Result<Page, Diagnostic> {
        let mut context = Context::new();
        context.insert_value("site", self.site_value.clone());
        // Lets templates mark the current navigation entry and build relative links.
        context.insert("path", path);
        for (key, value) in values {
            context.insert_value(key, value);
        }
        let html = self.theme.render(template, &context)?;
        Ok(Page::new(path, html.into_bytes()))
    }
}

fn to_value<T: Serialize + ?Sized>(value: &T) -> tera::Value {
    tera::Value::from_serializable(value)
}
