//! Turns the library into pages: tera templates over serializable views.
//!
//! Rendering is pure: it returns every page as bytes and writes nothing, so a
//! template error can never leave a half-written site behind. Document pages
//! are rendered in parallel; list pages are few and cheap.

mod theme;
pub mod timeline;
pub mod views;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::history::HistoryState;
use crate::library::Library;
pub use theme::Theme;
use timeline::TimelineEvent;
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

/// What every list page is assembled from: per document, its card view and
/// its card, table row and list item rendered once from `card.html`,
/// `row.html` and `item.html`, plus its status and stage transitions. List
/// pages join these instead of rendering every document again, so `serve`
/// re-renders only the edited document's pieces, whatever the library's size.
pub struct ListViews {
    cards: Vec<DocCard>,
    fragments: Vec<Fragments>,
    transitions: Vec<Vec<TimelineEvent>>,
}

struct Fragments {
    card: String,
    row: String,
    item: String,
}

/// Which leader and tag pages to render: all of them, or only some after an edit.
pub enum Groups<'a> {
    All,
    /// Keys `owners/<slug>` and `tags/<slug>`.
    Only(&'a HashSet<String>),
}

impl Groups<'_> {
    fn includes(&self, kind: &str, slug: &str) -> bool {
        match self {
            Groups::All => true,
            Groups::Only(keys) => keys.contains(&format!("{kind}/{slug}")),
        }
    }
}

impl ListViews {
    /// Renders the pieces of every document, in parallel.
    pub fn new(library: &Library, theme: &Theme) -> Result<ListViews, Vec<Diagnostic>> {
        let site = SiteView::new(library);
        let pieces: Vec<_> = library
            .entries
            .par_iter()
            .map(|entry| pieces(library, theme, &site, entry))
            .collect();
        let mut views = ListViews {
            cards: Vec::with_capacity(pieces.len()),
            fragments: Vec::with_capacity(pieces.len()),
            transitions: Vec::with_capacity(pieces.len()),
        };
        let mut errors = Vec::new();
        for piece in pieces {
            match piece {
                Ok((card, fragments, transitions)) => {
                    views.cards.push(card);
                    views.fragments.push(fragments);
                    views.transitions.push(transitions);
                }
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(views)
        } else {
            Err(distinct(errors))
        }
    }

    /// Renders again the pieces of the documents at `indexes` after an edit.
    pub fn update(
        &mut self,
        library: &Library,
        theme: &Theme,
        indexes: &[usize],
    ) -> Result<(), Vec<Diagnostic>> {
        let site = SiteView::new(library);
        for &i in indexes {
            let (card, fragments, transitions) =
                pieces(library, theme, &site, &library.entries[i]).map_err(|e| vec![e])?;
            self.cards[i] = card;
            self.fragments[i] = fragments;
            self.transitions[i] = transitions;
        }
        Ok(())
    }
}

fn pieces(
    library: &Library,
    theme: &Theme,
    site: &SiteView<'_>,
    entry: &crate::library::Entry,
) -> Result<(DocCard, Fragments, Vec<TimelineEvent>), Diagnostic> {
    let card = DocCard::new(library, entry);
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("doc", &card);
    let fragments = Fragments {
        card: theme.render("card.html", &context)?,
        row: theme.render("row.html", &context)?,
        item: theme.render("item.html", &context)?,
    };
    let transitions = timeline::timeline(library, entry)
        .into_iter()
        .filter(|e| matches!(e.kind, "status" | "stage"))
        .collect();
    Ok((card, fragments, transitions))
}

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
    let documents = render_documents(library, theme, indexes);
    let lists = render_lists(library, theme, views, groups);
    match (documents, lists) {
        (Ok(mut documents), Ok(lists)) => {
            documents.extend(lists);
            Ok(documents)
        }
        (Err(mut a), Err(b)) => {
            a.extend(b);
            Err(distinct(a))
        }
        (Err(errors), _) | (_, Err(errors)) => Err(errors),
    }
}

/// Renders each document's page and history page, in parallel.
pub fn render_documents(
    library: &Library,
    theme: &Theme,
    indexes: &[usize],
) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let site = SiteView::new(library);
    let renderer = PageRenderer { theme, site: &site };
    let jobs: Vec<Result<Page, Diagnostic>> = indexes
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
            // Without history there is nothing to show on a history page: no page (and one file less to write).
            let history = matches!(library.history, HistoryState::Read { .. }).then(|| {
                let history = timeline::history_page(library, entry);
                renderer.render(
                    &format!("docs/{slug}/history.html"),
                    "history.html",
                    &[("page", to_value(&history))],
                )
            });
            std::iter::once(document).chain(history).collect::<Vec<_>>()
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
    let mut jobs = list_pages(library, &renderer, views, groups);
    crate::timings::stage("list pages", started);
    jobs.extend(theme.static_files().map(|(path, bytes)| {
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
        Err(distinct(
            errors.into_iter().filter_map(Result::err).collect(),
        ))
    }
}

/// A broken template fails once per page; report each distinct problem once.
fn distinct(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by_key(ToString::to_string);
    errors.dedup_by(|a, b| a.to_string() == b.to_string());
    errors
}

fn list_pages(
    library: &Library,
    r: &PageRenderer<'_>,
    views: &ListViews,
    groups: &Groups<'_>,
) -> Vec<Result<Page, Diagnostic>> {
    let order = by_updated(&views.cards);
    let join = |indexes: &mut dyn Iterator<Item = usize>, pick: fn(&Fragments) -> &str| {
        let mut html = String::new();
        for i in indexes {
            html.push_str(pick(&views.fragments[i]));
        }
        html
    };
    let recent = join(&mut order.iter().copied().take(HOME_LIST_LENGTH), |f| {
        &f.item
    });
    // The three pages that show every document are the big ones: render them side by side.
    let ((home, documents), (board, pipeline)) = rayon::join(
        || {
            rayon::join(
                || {
                    r.render(
                        "index.html",
                        "index.html",
                        &[
                            ("recent", to_value(&recent)),
                            (
                                "decisions",
                                to_value(&latest_decisions(library, &views.cards)),
                            ),
                            ("transitions", to_value(&latest_transitions(views))),
                        ],
                    )
                },
                || {
                    let rows = join(&mut order.iter().copied(), |f| &f.row);
                    r.render(
                        "documents/index.html",
                        "documents.html",
                        &[("rows", to_value(&rows)), ("count", to_value(&order.len()))],
                    )
                },
            )
        },
        || {
            rayon::join(
                || {
                    let columns = columns(r.site, views, &order, Axis::Status);
                    r.render(
                        "board/index.html",
                        "board.html",
                        &[("columns", to_value(&columns))],
                    )
                },
                || {
                    let columns = columns(r.site, views, &order, Axis::Stage);
                    r.render(
                        "pipeline/index.html",
                        "pipeline.html",
                        &[("columns", to_value(&columns))],
                    )
                },
            )
        },
    );
    let mut pages = vec![
        home,
        documents,
        board,
        pipeline,
        r.render("404.html", "404.html", &[]),
    ];
    let mut rank = vec![0; order.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position;
    }
    for (kind, all_groups) in [("owners", &library.owners), ("tags", &library.tags)] {
        let group_views = group_views(library, kind, all_groups);
        let singular = &kind[..kind.len() - 1];
        pages.push(r.render(
            &format!("{kind}/index.html"),
            &format!("{kind}.html"),
            &[("groups", to_value(&group_views))],
        ));
        for (view, group) in group_views.iter().zip(all_groups.values()) {
            if !groups.includes(kind, &view.slug) {
                continue;
            }
            let mut members = group.entries.clone();
            members.sort_by_key(|&i| rank[i]);
            let items = join(&mut members.into_iter(), |f| &f.item);
            pages.push(r.render(
                &format!("{kind}/{}/index.html", view.slug),
                &format!("{singular}.html"),
                &[("group", to_value(view)), ("items", to_value(&items))],
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

/// Document indexes, most recently updated first (then by title).
fn by_updated(cards: &[DocCard]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| {
        cards[b]
            .updated
            .cmp(&cards[a].updated)
            .then(cards[a].title.cmp(&cards[b].title))
    });
    order
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
fn latest_transitions(views: &ListViews) -> Vec<views::TransitionEntry> {
    let mut all: Vec<(&TimelineEvent, usize)> = views
        .transitions
        .iter()
        .enumerate()
        .flat_map(|(i, events)| events.iter().map(move |e| (e, i)))
        .collect();
    all.sort_by(|a, b| {
        b.0.date
            .cmp(&a.0.date)
            .then(views.cards[a.1].title.cmp(&views.cards[b.1].title))
    });
    all.into_iter()
        .take(HOME_LIST_LENGTH)
        .map(|(event, i)| views::TransitionEntry {
            document: views.cards[i].clone(),
            event: event.clone(),
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Axis {
    Status,
    Stage,
}

/// One column per configured term, plus "Unknown" when some documents have none.
fn columns(site: &SiteView<'_>, views: &ListViews, order: &[usize], axis: Axis) -> Vec<Column> {
    let terms = match axis {
        Axis::Status => &site.statuses,
        Axis::Stage => &site.stages,
    };
    let mut columns: Vec<Column> = terms
        .iter()
        .map(|term| Column {
            term: term.clone(),
            count: 0,
            cards: String::new(),
        })
        .collect();
    let mut unknown = Column {
        term: views::TermView {
            id: "unknown".into(),
            label: "Unknown".into(),
            colour: "#6b7280".into(),
            description: "Documents whose front matter does not say.".into(),
            count: 0,
            index: terms.len(),
        },
        count: 0,
        cards: String::new(),
    };
    for &i in order {
        let card = &views.cards[i];
        let term = match axis {
            Axis::Status => &card.status,
            Axis::Stage => &card.stage,
        };
        let column = if term.known {
            &mut columns[term.index]
        } else {
            &mut unknown
        };
        column.count += 1;
        column.cards.push_str(&views.fragments[i].card);
    }
    if unknown.count > 0 {
        unknown.term.count = unknown.count;
        columns.push(unknown);
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
