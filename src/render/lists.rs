//! The list pages, one function per page: home, all documents, the board
//! and the pipeline (one template, two axes), leaders and tags.

use std::collections::BTreeMap;

use super::fragments::{Groups, ListViews};
use super::home;
use super::paging::Paged;
use super::review::Health;
use super::table_data::{ROWS_FILE, rows_file};
use super::views::{BoardView, COLUMN_CARDS, Column, GroupView, SiteView, TermView, group_url};
use super::{PageRenderer, Rendered, to_value};
use crate::library::{Group, Library};

/// Every list page (the `groups` of leader and tag pages only).
pub(super) fn list_pages(
    library: &Library,
    r: &PageRenderer<'_>,
    views: &ListViews,
    groups: &Groups<'_>,
) -> Vec<Rendered> {
    let order = home::by_updated(views);
    let rank = ranks(&order);
    // The three pages that show every document are the big ones: render them side by side.
    let ((home, documents), (board, pipeline)) = rayon::join(
        || {
            rayon::join(
                || home::home_page(library, r, views, &order),
                || documents_pages(library, r, views, &order),
            )
        },
        || {
            rayon::join(
                || board_page(library, r, views, &rank, Axis::Status),
                || board_page(library, r, views, &rank, Axis::Stage),
            )
        },
    );
    let mut pages = documents;
    pages.extend([home, board, pipeline, r.render("404.html", "404.html", &[])]);
    pages.extend(health_pages(library, r, views));
    pages.extend(super::insights::pages(library, r, views));
    if library.config.search {
        pages.push(r.render("search/index.html", "search.html", &[]));
    }
    let ordered = Ordered { views, rank: &rank };
    for kind in [GroupKind::Owners, GroupKind::Tags] {
        pages.extend(group_pages(library, r, &ordered, kind, groups));
    }
    pages
}

/// The documents table, one page of rows per file, and every row in `rows.json`.
fn documents_pages(
    library: &Library,
    r: &PageRenderer<'_>,
    views: &ListViews,
    order: &[usize],
) -> Vec<Rendered> {
    let url = format!("{}documents/", library.config.base_path());
    let paged = Paged {
        path: "documents/",
        url: &url,
        size: library.config.page_size.get(),
        total: order.len(),
    };
    let mut pages: Vec<Rendered> = (1..=paged.pages())
        .map(|number| {
            let rows = views.join(order[paged.range(number)].iter().copied(), |f| &f.row);
            r.render(
                &paged.file(number),
                "documents.html",
                &[
                    ("rows", to_value(&rows)),
                    ("count", to_value(&order.len())),
                    ("pager", to_value(&paged.pager(number))),
                    (
                        "rows_url",
                        to_value(&format!("{}{ROWS_FILE}", library.config.base_path())),
                    ),
                ],
            )
        })
        .collect();
    pages.push(Ok(rows_file(r.site, views, order).into()));
    pages
}

/// The library health page: the counts on each page, the findings one page of documents at a time.
fn health_pages(library: &Library, r: &PageRenderer<'_>, views: &ListViews) -> Vec<Rendered> {
    let mut health = Health::new(library, &views.cards);
    let mut entries = std::mem::take(&mut health.entries).into_iter();
    let url = format!("{}health/", library.config.base_path());
    let paged = Paged {
        path: "health/",
        url: &url,
        size: library.config.page_size.get(),
        total: entries.len(),
    };
    (1..=paged.pages())
        .map(|number| {
            health.entries = entries.by_ref().take(paged.size).collect();
            r.render(
                &paged.file(number),
                "health.html",
                &[
                    ("health", to_value(&health)),
                    ("pager", to_value(&paged.pager(number))),
                ],
            )
        })
        .collect()
}

/// The board (by status) or the pipeline (by stage): one template, `board.html`.
fn board_page(
    library: &Library,
    r: &PageRenderer<'_>,
    views: &ListViews,
    rank: &[usize],
    axis: Axis,
) -> Rendered {
    let columns = columns(library, r.site, views, rank, axis);
    let (path, board) = match axis {
        Axis::Status => (
            "board/index.html",
            BoardView {
                axis: "status",
                title: "Decision board",
                intro: "Every PR/FAQ by status: what is being written, what is in review, and what was decided.",
            },
        ),
        Axis::Stage => (
            "pipeline/index.html",
            BoardView {
                axis: "stage",
                title: "Stage pipeline",
                intro: "Where each idea is in Working Backwards, from listening to customers to testing with them.",
            },
        ),
    };
    r.render(
        path,
        "board.html",
        &[("board", to_value(&board)), ("columns", to_value(&columns))],
    )
}

#[derive(Clone, Copy)]
enum GroupKind {
    Owners,
    Tags,
}

/// The index of leaders or tags, and the page of each (those `groups` includes).
/// The documents' pieces with each one's rank in the most-recently-updated order.
struct Ordered<'a> {
    views: &'a ListViews,
    rank: &'a [usize],
}

fn group_pages(
    library: &Library,
    r: &PageRenderer<'_>,
    ordered: &Ordered<'_>,
    kind: GroupKind,
    groups: &Groups<'_>,
) -> Vec<Rendered> {
    let (views, rank) = (ordered.views, ordered.rank);
    let (kind, singular, all_groups) = match kind {
        GroupKind::Owners => ("owners", "owner", &library.owners),
        GroupKind::Tags => ("tags", "tag", &library.tags),
    };
    let group_views = group_views(library, kind, all_groups);
    let mut pages = vec![r.render(
        &format!("{kind}/index.html"),
        &format!("{kind}.html"),
        &[("groups", to_value(&group_views))],
    )];
    for (view, group) in group_views.iter().zip(all_groups.values()) {
        if !groups.includes(kind, &view.slug) {
            continue;
        }
        let mut members = group.entries.clone();
        members.sort_by_key(|&i| rank[i]);
        let path = format!("{kind}/{}/", view.slug);
        let paged = Paged {
            path: &path,
            url: &view.url,
            size: library.config.page_size.get(),
            total: members.len(),
        };
        for number in 1..=paged.pages() {
            let items = views.join(members[paged.range(number)].iter().copied(), |f| &f.item);
            pages.push(r.render(
                &paged.file(number),
                &format!("{singular}.html"),
                &[
                    ("group", to_value(view)),
                    ("items", to_value(&items)),
                    ("pager", to_value(&paged.pager(number))),
                ],
            ));
        }
    }
    pages
}

#[derive(Clone, Copy)]
enum Axis {
    Status,
    Stage,
}

/// One column per configured term, plus "Unknown" when some documents have
/// none; each column's cards most recently updated first.
fn columns(
    library: &Library,
    site: &SiteView<'_>,
    views: &ListViews,
    rank: &[usize],
    axis: Axis,
) -> Vec<Column> {
    let (terms, index) = match axis {
        Axis::Status => (&site.statuses, &library.statuses),
        Axis::Stage => (&site.stages, &library.stages),
    };
    let key = match axis {
        Axis::Status => "status",
        Axis::Stage => "stage",
    };
    let base = library.config.base_path();
    let column = |term: TermView, members: &[usize]| {
        let mut members = members.to_vec();
        members.sort_by_key(|&i| rank[i]);
        let more = (members.len() > COLUMN_CARDS).then(|| {
            format!(
                "{base}documents/?{key}={}",
                percent_encoding::utf8_percent_encode(&term.id, percent_encoding::NON_ALPHANUMERIC)
            )
        });
        Column {
            count: members.len(),
            cards: views.join(members.into_iter().take(COLUMN_CARDS), |f| &f.card),
            more,
            term,
        }
    };
    let mut columns: Vec<Column> = terms
        .iter()
        .zip(&index.terms)
        .map(|(term, members)| column(term.clone(), members))
        .collect();
    if !index.unknown.is_empty() {
        let mut unknown = TermView::unknown(terms.len());
        unknown.count = index.unknown.len();
        columns.push(column(unknown, &index.unknown));
    }
    columns
}

/// Each document's position in `order`.
fn ranks(order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0; order.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position;
    }
    rank
}

fn group_views(library: &Library, kind: &str, groups: &BTreeMap<String, Group>) -> Vec<GroupView> {
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
                    let status = &library.entries[i].document.status;
                    status
                        .term(&library.config.statuses)
                        .is_some_and(|t| t.active)
                })
                .count(),
        })
        .collect()
}
