//! The review meeting's page, `review/`: the documents in review with their
//! reading times, and the reading pack it prints.
//!
//! When the documents' HTML is small (at most `review_pack_kib` KiB, and the
//! list fits on one page of `page_size`), the pack is in the page itself, so
//! printing works without JavaScript. Over that, the list is cut into pages
//! of `page_size` and each document in review gets its part of the pack in
//! its own file, `review/pack/<slug>.html`, which `review.js` loads for the
//! chosen documents only: the page stays light however much is in review.

use rayon::prelude::*;
use serde::Serialize;

use super::fragments::ListViews;
use super::paging::Paged;
use super::views::DocCard;
use super::{PageRenderer, Rendered, to_value};
use crate::library::Library;
use crate::markdown::{Section, SectionKind};

/// Folder (under `review/`) of the pack's per-document files.
const PACK_DIR: &str = "review/pack/";

/// `review` of review.html: the documents in review and their reading time.
#[derive(Serialize)]
struct Review<'a> {
    /// Labels of the statuses that count as in review.
    statuses: Vec<&'a str>,
    /// This page's documents (all of them when the pack is in the page).
    documents: Vec<ReviewDocument<'a>>,
    /// Documents in review, on every page.
    count: usize,
    total_minutes: usize,
    total_words: usize,
    /// Whether the pack is in the page; if not, the address its script loads each document's part from.
    embedded: bool,
    pack_url: String,
}

/// One document of the reading pack: the press release first, then the rest.
#[derive(Serialize)]
struct ReviewDocument<'a> {
    slug: &'a str,
    /// Position in the whole pack, from 1: the pack keeps this order whatever page a document was chosen on.
    position: usize,
    card: &'a DocCard,
    press_release_minutes: usize,
    /// Empty on the page when the pack is not in it.
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

/// `review/index.html` and, when the pack is too big for it, the later pages
/// of the list and each document's part of the pack.
pub(super) fn review_pages(
    library: &Library,
    r: &PageRenderer<'_>,
    views: &ListViews,
) -> Vec<Rendered> {
    let in_review = library.config.review_terms();
    let mut documents = pack_documents(library, views, &in_review);
    let page_size = library.config.page_size.get();
    let embedded = pack_bytes(&documents) <= library.config.review_pack_kib.saturating_mul(1024)
        && documents.len() <= page_size;
    let base = library.config.base_path();
    let mut review = Review {
        statuses: in_review
            .iter()
            .map(|&i| library.config.statuses[i].label.as_str())
            .collect(),
        count: documents.len(),
        total_minutes: documents.iter().map(|d| d.card.reading_minutes).sum(),
        total_words: documents.iter().map(|d| d.card.words).sum(),
        documents: Vec::new(),
        embedded,
        pack_url: format!("{base}{PACK_DIR}"),
    };
    if embedded {
        review.documents = documents;
        return vec![r.render(
            "review/index.html",
            "review.html",
            &[("review", to_value(&review))],
        )];
    }
    // Hundreds of files, each a document's sections: made side by side.
    let mut pages: Vec<Rendered> = documents.par_iter().map(|d| pack_file(r, d)).collect();
    for d in &mut documents {
        d.sections = Vec::new();
    }
    let url = format!("{base}review/");
    let paged = Paged {
        path: "review/",
        url: &url,
        size: page_size,
        total: documents.len(),
    };
    let mut documents = documents.into_iter();
    for number in 1..=paged.pages() {
        review.documents = documents.by_ref().take(paged.size).collect();
        pages.push(r.render(
            &paged.file(number),
            "review.html",
            &[
                ("review", to_value(&review)),
                ("pager", to_value(&paged.pager(number))),
            ],
        ));
    }
    pages
}

/// The rendered HTML the pack would embed, in bytes.
fn pack_bytes(documents: &[ReviewDocument<'_>]) -> usize {
    documents
        .iter()
        .flat_map(|d| &d.sections)
        .map(|s| s.html.len())
        .sum()
}

/// Every document whose status is one of `in_review`, in library order (by slug), with its sections.
fn pack_documents<'a>(
    library: &'a Library,
    views: &'a ListViews,
    in_review: &[usize],
) -> Vec<ReviewDocument<'a>> {
    let mut members: Vec<usize> = in_review
        .iter()
        .flat_map(|&status| library.statuses.terms[status].iter().copied())
        .collect();
    members.sort_unstable();
    members
        .into_par_iter()
        .enumerate()
        .map(|(position, i)| {
            let entry = &library.entries[i];
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
                position: position + 1,
                card: &views.cards[i],
                press_release_minutes: body.press_release_minutes,
                sections,
            }
        })
        .collect()
}

/// `review/pack/<slug>.html`: one document's part of the pack, the HTML the
/// build rendered for its page, for `review.js` to put in the review page.
fn pack_file(r: &PageRenderer<'_>, document: &ReviewDocument<'_>) -> Rendered {
    r.render(
        &format!("{PACK_DIR}{}.html", document.slug),
        "pack.html",
        &[("d", to_value(document))],
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
