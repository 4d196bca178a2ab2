//! What every list page is assembled from: per document, its card view and
//! its card, table row and list item rendered once from `card.html`,
//! `row.html` and `item.html`, plus its timeline. List pages join these
//! instead of rendering every document again, so `serve` re-renders only the
//! edited document's pieces, whatever the library's size; and the timeline,
//! computed here once per document, serves both its page and the home page.

use std::collections::HashSet;

use rayon::prelude::*;
use tera::Context;

use super::Theme;
use super::publish::DocumentFiles;
use super::views::{DocCard, SiteView, TimelineEvent, timeline};
use crate::diagnostics::{self, Diagnostic};
use crate::library::{Entry, Library};

/// The per-document pieces of the list pages, in library order.
pub struct ListViews {
    pub(super) cards: Vec<DocCard>,
    pub(super) fragments: Vec<Fragments>,
    pub(super) timelines: Vec<Vec<TimelineEvent>>,
    /// What each document contributes to the feed, sitemap and exports.
    pub(super) files: Vec<DocumentFiles>,
}

/// One document's card, row and item, as HTML.
pub(super) struct Fragments {
    pub card: String,
    pub row: String,
    pub item: String,
}

/// Which leader and tag pages to render: all of them, or only some after an edit.
pub enum Groups<'a> {
    All,
    /// Keys `owners/<slug>` and `tags/<slug>`.
    Only(&'a HashSet<String>),
}

impl Groups<'_> {
    pub(super) fn includes(&self, kind: &str, slug: &str) -> bool {
        match self {
            Groups::All => true,
            Groups::Only(keys) => keys.contains(&format!("{kind}/{slug}")),
        }
    }
}

type Pieces = (DocCard, Fragments, Vec<TimelineEvent>, DocumentFiles);

impl ListViews {
    /// Renders the pieces of every document, in parallel.
    pub fn new(library: &Library, theme: &Theme) -> Result<ListViews, Vec<Diagnostic>> {
        // Converted once: every document's fragments get the same `site`.
        let site = tera::Value::from_serializable(&SiteView::new(library));
        let pieces: Vec<Result<Pieces, Diagnostic>> = library
            .entries
            .par_iter()
            .map(|entry| pieces(library, theme, &site, entry))
            .collect();
        let mut views = ListViews {
            cards: Vec::with_capacity(pieces.len()),
            fragments: Vec::with_capacity(pieces.len()),
            timelines: Vec::with_capacity(pieces.len()),
            files: Vec::with_capacity(pieces.len()),
        };
        let mut errors = Vec::new();
        for piece in pieces {
            match piece {
                Ok((card, fragments, timeline, files)) => {
                    views.cards.push(card);
                    views.fragments.push(fragments);
                    views.timelines.push(timeline);
                    views.files.push(files);
                }
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(views)
        } else {
            Err(diagnostics::distinct(errors))
        }
    }

    /// Renders again the pieces of the documents at `indexes` after an edit.
    pub fn update(
        &mut self,
        library: &Library,
        theme: &Theme,
        indexes: &[usize],
    ) -> Result<(), Vec<Diagnostic>> {
        let site = tera::Value::from_serializable(&SiteView::new(library));
        for &i in indexes {
            let (card, fragments, timeline, files) =
                pieces(library, theme, &site, &library.entries[i]).map_err(|e| vec![e])?;
            self.cards[i] = card;
            self.fragments[i] = fragments;
            self.timelines[i] = timeline;
            self.files[i] = files;
        }
        Ok(())
    }

    /// The fragments `pick` chooses of the documents at `indexes`, joined.
    pub(super) fn join(
        &self,
        indexes: impl Iterator<Item = usize>,
        pick: fn(&Fragments) -> &str,
    ) -> String {
        let mut html = String::new();
        for i in indexes {
            html.push_str(pick(&self.fragments[i]));
        }
        html
    }

    /// The timeline of the document at `index`.
    pub(super) fn timeline(&self, index: usize) -> &[TimelineEvent] {
        &self.timelines[index]
    }
}

fn pieces(
    library: &Library,
    theme: &Theme,
    site: &tera::Value,
    entry: &Entry,
) -> Result<Pieces, Diagnostic> {
    let card = DocCard::new(library, entry);
    let mut context = Context::new();
    context.insert_value("site", site.clone());
    context.insert("doc", &card);
    let fragments = Fragments {
        card: theme.render("card.html", &context)?,
        row: theme.render("row.html", &context)?,
        item: theme.render("item.html", &context)?,
    };
    let timeline = timeline(library, entry);
    let files = DocumentFiles::new(library, entry, &card, &timeline);
    Ok((card, fragments, timeline, files))
}
