//! Turns the library into pages: tera templates over serializable views.
//!
//! Rendering is pure: it returns every page as bytes and writes nothing, so a
//! template error can never leave a half-written site behind. Document pages
//! are rendered in parallel; list pages are few and cheap.

mod theme;
pub mod timeline;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::library::Library;
pub use theme::Theme;
use views::{Column, DecisionEntry, DocCard, DocPage, GroupView, SiteView, group_url};

/// One file of the site: where it goes in the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative path with `/` separators, e.g. `docs/returns/index.html`.
    pub path: String,
    pub content: Vec<u8>,
}

/// How many recent documents and decisions the home page lists.
const HOME_LIST_LENGTH: usize = 8;

/// Renders every page of the site, or every template error found.
pub fn render_site(library: &Library, theme: &Theme) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let all: Vec<usize> = (0..library.entries.len()).collect();
    render_pages(library, theme, &all)
}

/// Renders the pages of the documents at `indexes`, every list page (home,
/// tables, board, pipeline, owners, tags) and the static files: what an
/// edit of those documents can change.
pub fn render_pages(
    library: &Library,
    theme: &Theme,
    indexes: &[usize],
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let site = SiteView::new(library);
    let cards: Vec<DocCard> = library
        .entries
        .iter()
        .map(|e| DocCard::new(library, e))
        .collect();
    let renderer = PageRenderer { theme, site: &site };

    let mut jobs: Vec<Result<Page, Diagnostic>> = indexes
        .par_iter()
        .flat_map(|&i| {
            let entry = &library.entries[i];
            let slug = &entry.document.slug;
            let page = DocPage::new(library, entry);
            let document = renderer.render(
                &format!("docs/{slug}/index.html"),
                "document.html",
                &[("page", to_value(&page))],
            );
            let history = timeline::history_page(library, entry);
            let history = renderer.render(
                &format!("docs/{slug}/history/index.html"),
                "history.html",
                &[("page", to_value(&history))],
            );
            [document, history]
        })
        .collect();
    jobs.extend(list_pages(library, &renderer, &cards));
    jobs.extend(theme.static_files().map(|(path, bytes)| {
        Ok(Page {
            path: format!("static/{path}"),
            content: bytes.to_vec(),
        })
    }));

    let (pages, errors): (Vec<_>, Vec<_>) = jobs.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(pages.into_iter().flatten().collect())
    } else {
        let mut errors: Vec<Diagnostic> = errors.into_iter().filter_map(Result::err).collect();
        // A broken template fails once per page; report each distinct problem once.
        errors.sort_by_key(ToString::to_string);
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        Err(errors)
    }
}

fn list_pages(
    library: &Library,
    r: &PageRenderer<'_>,
    cards: &[DocCard],
) -> Vec<Result<Page, Diagnostic>> {
    let by_updated = sorted_by_updated(cards);
    let mut pages = vec![
        r.render(
            "index.html",
            "index.html",
            &[
                (
                    "recent",
                    to_value(&by_updated.iter().take(HOME_LIST_LENGTH).collect::<Vec<_>>()),
                ),
                ("decisions", to_value(&latest_decisions(library, cards))),
                ("transitions", to_value(&latest_transitions(library, cards))),
            ],
        ),
        r.render(
            "documents/index.html",
            "documents.html",
            &[("documents", to_value(&by_updated))],
        ),
        r.render(
            "board/index.html",
            "board.html",
            &[("columns", to_value(&columns(r.site, cards, Axis::Status)))],
        ),
        r.render(
            "pipeline/index.html",
            "pipeline.html",
            &[("columns", to_value(&columns(r.site, cards, Axis::Stage)))],
        ),
        r.render("404.html", "404.html", &[]),
    ];
    for (kind, groups) in [("owners", &library.owners), ("tags", &library.tags)] {
        let views = group_views(library, kind, groups);
        let singular = &kind[..kind.len() - 1];
        pages.push(r.render(
            &format!("{kind}/index.html"),
            &format!("{kind}.html"),
            &[("groups", to_value(&views))],
        ));
        for (view, group) in views.iter().zip(groups.values()) {
            let mut docs: Vec<&DocCard> = group.entries.iter().map(|&i| &cards[i]).collect();
            docs.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.title.cmp(&b.title)));
            pages.push(r.render(
                &format!("{kind}/{}/index.html", view.slug),
                &format!("{singular}.html"),
                &[("group", to_value(view)), ("documents", to_value(&docs))],
            ));
        }
    }
    pages
}

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

fn sorted_by_updated(cards: &[DocCard]) -> Vec<&DocCard> {
    let mut sorted: Vec<&DocCard> = cards.iter().collect();
    sorted.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.title.cmp(&b.title)));
    sorted
}

fn latest_decisions(library: &Library, cards: &[DocCard]) -> Vec<DecisionEntry> {
    let mut all: Vec<(&crate::document::Decision, usize)> = library
        .entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.document.meta.decisions.iter().map(move |d| (d, i)))
        .collect();
    all.sort_by(|a, b| {
        b.0.date
            .cmp(&a.0.date)
            .then(cards[a.1].title.cmp(&cards[b.1].title))
    });
    all.into_iter()
        .take(HOME_LIST_LENGTH)
        .map(|(decision, i)| DecisionEntry {
            document: cards[i].clone(),
            decision: views::DecisionView::new(decision),
        })
        .collect()
}

/// The newest status and stage changes across the library, from git history.
fn latest_transitions(library: &Library, cards: &[DocCard]) -> Vec<views::TransitionEntry> {
    let mut all: Vec<views::TransitionEntry> = library
        .entries
        .iter()
        .zip(cards)
        .flat_map(|(entry, card)| {
            timeline::timeline(library, entry)
                .into_iter()
                .filter(|e| matches!(e.kind, "status" | "stage"))
                .map(|event| views::TransitionEntry {
                    document: card.clone(),
                    event,
                })
        })
        .collect();
    all.sort_by(|a, b| {
        b.event
            .date
            .cmp(&a.event.date)
            .then(a.document.title.cmp(&b.document.title))
    });
    all.truncate(HOME_LIST_LENGTH);
    all
}

#[derive(Clone, Copy)]
enum Axis {
    Status,
    Stage,
}

/// One column per configured term, plus "Unknown" when some documents have none.
fn columns(site: &SiteView<'_>, cards: &[DocCard], axis: Axis) -> Vec<Column> {
    let terms = match axis {
        Axis::Status => &site.statuses,
        Axis::Stage => &site.stages,
    };
    let value = |card: &DocCard| match axis {
        Axis::Status => card.status.clone(),
        Axis::Stage => card.stage.clone(),
    };
    let mut columns: Vec<Column> = terms
        .iter()
        .map(|term| Column {
            term: term.clone(),
            documents: Vec::new(),
        })
        .collect();
    let mut unknown = Vec::new();
    for card in sorted_by_updated(cards) {
        let term = value(card);
        if term.known {
            columns[term.index].documents.push(card.clone());
        } else {
            unknown.push(card.clone());
        }
    }
    if !unknown.is_empty() {
        columns.push(Column {
            term: views::TermView {
                id: "unknown".into(),
                label: "Unknown".into(),
                colour: "#6b7280".into(),
                description: "Documents whose front matter does not say.".into(),
                count: unknown.len(),
                index: terms.len(),
            },
            documents: unknown,
        });
    }
    columns
}

fn group_views(
    library: &Library,
    kind: &str,
    groups: &BTreeMap<String, crate::library::Group>,
) -> Vec<GroupView> {
    let base = library.config.base_path();
    groups
        .iter()
        .map(|(slug, group)| GroupView {
            name: group.name.clone(),
            slug: slug.clone(),
            url: group_url(&base, kind, slug),
            count: group.entries.len(),
            active: group
                .entries
                .iter()
                .filter(|&&i| {
                    let status = library.entries[i].document.meta.status.as_deref();
                    library.config.is_active(status)
                })
                .count(),
        })
        .collect()
}
