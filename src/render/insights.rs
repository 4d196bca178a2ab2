//! The insights page, `insights.json`, and the review meeting's pages
//! ([`super::meeting`]): list pages computed from the whole library, rendered
//! with the other list pages (so `serve` refreshes them after every edit).

use super::fragments::ListViews;
use super::{Page, PageRenderer, Rendered, to_value};
use crate::insights::Insights;
use crate::insights::page::InsightsPage;
use crate::library::Library;

/// `insights/index.html`, `insights.json` and the review meeting's pages.
pub(super) fn pages(library: &Library, r: &PageRenderer<'_>, views: &ListViews) -> Vec<Rendered> {
    let started = std::time::Instant::now();
    let insights = Insights::new(library);
    crate::timings::stage("insights", started);
    let page = InsightsPage::new(&insights);
    let mut pages = vec![
        r.render(
            "insights/index.html",
            "insights.html",
            &[("insights", to_value(&page))],
        ),
        Ok(Page::new("insights.json", insights.to_json()).into()),
    ];
    pages.extend(super::meeting::review_pages(library, r, views));
    pages
}
