//! The insights page, `insights.json`, and the review meeting's page with its
//! reading pack: list pages computed from the whole library, rendered with
//! the other list pages (so `serve` refreshes them after every edit).

use serde::Serialize;

use super::fragments::ListViews;
use super::views::DocCard;
use super::{Page, PageRenderer, Rendered, to_value};
use crate::insights::Insights;
use crate::insights::page::InsightsPage;
use crate::library::Library;
use crate::markdown::{Section, SectionKind};

/// `insights/index.html`, `insights.json` and `review/index.html`.
pub(super) fn pages(library: &Library, r: &PageRenderer<'_>, views: &ListViews) -> Vec<Rendered> {
    let started = std::time::Instant::now();
    let insights = Insights::new(library);
    crate::timings::stage("insights", started);
    let page = InsightsPage::new(&insights);
    vec![
        r.render(
            "insights/index.html",
            "insights.html",
            &[("insights", to_value(&page))],
        ),
        Ok(Page {
            path: "insights.json".into(),
            content: insights.to_json(),
        }),
        review_page(library, r, views),
    ]
}

/// `review` of review.html: the documents in review and their reading time.
#[derive(Serialize)]
struct Review<'a> {
    /// Labels of the statuses that count as in review.
    statuses: Vec<&'a str>,
    documents: Vec<ReviewDocument<'a>>,
    total_minutes: usize,
    total_words: usize,
}

/// One document of the reading pack: the press release first, then the rest.
#[derive(Serialize)]
struct ReviewDocument<'a> {
    slug: &'a str,
    card: &'a DocCard,
    press_release_minutes: usize,
    sections: Vec<PackSection>,
}

/// A part of a document in the pack (`section-<kind>` classes).
#[derive(Serialize)]
struct PackSection {
    kind: SectionKind,
    /// The section's HTML with its ids and in-page links prefixed by the
    /// document's slug: one page holds many documents.
    html: String,
}

fn review_page(library: &Library, r: &PageRenderer<'_>, views: &ListViews) -> Rendered {
    let in_review = library.config.review_terms();
    let mut members: Vec<usize> = in_review
        .iter()
        .flat_map(|&status| library.statuses.terms[status].iter().copied())
        .collect();
    // Library order (by slug), as on the other lists.
    members.sort_unstable();
    let documents: Vec<ReviewDocument<'_>> = members
        .into_iter()
        .map(|i| (i, &library.entries[i]))
        .map(|(i, entry)| {
            let body = &entry.body;
            let slug = &entry.document.slug;
            let mut sections: Vec<PackSection> = body
                .sections
                .iter()
                .map(|s| PackSection::new(slug, s))
                .collect();
            // The press release is read first, wherever it was written.
            sections.sort_by_key(|s| s.kind != SectionKind::PressRelease);
            ReviewDocument {
                slug,
                card: &views.cards[i],
                press_release_minutes: body.press_release_minutes,
                sections,
            }
        })
        .collect();
    let review = Review {
        statuses: in_review
            .iter()
            .map(|&i| library.config.statuses[i].label.as_str())
            .collect(),
        total_minutes: documents.iter().map(|d| d.card.reading_minutes).sum(),
        total_words: documents.iter().map(|d| d.card.words).sum(),
        documents,
    };
    r.render(
        "review/index.html",
        "review.html",
        &[("review", to_value(&review))],
    )
}

impl PackSection {
    fn new(slug: &str, section: &Section) -> PackSection {
        let prefix = format!("{}--", slug.replace('/', "-"));
        let html = section
            .html
            .replace(" id=\"", &format!(" id=\"{prefix}"))
            .replace(" href=\"#", &format!(" href=\"#{prefix}"));
        PackSection {
            kind: section.kind,
            html,
        }
    }
}
