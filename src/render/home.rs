//! The home page: the latest documents, decisions and transitions.

use super::fragments::ListViews;
use super::views::{DecisionEntry, DecisionView, TransitionEntry};
use super::{PageRenderer, Rendered, to_value};
use crate::document::Decision;
use crate::library::Library;

/// How many recent documents and decisions the home page lists.
const HOME_LIST_LENGTH: usize = 8;

pub(super) fn home_page(
    library: &Library,
    r: &PageRenderer<'_>,
    views: &ListViews,
    order: &[usize],
) -> Rendered {
    let recent = views.join(order.iter().copied().take(HOME_LIST_LENGTH), |f| &f.item);
    r.render(
        "index.html",
        "index.html",
        &[
            ("recent", to_value(&recent)),
            ("decisions", to_value(&latest_decisions(library, views))),
            ("transitions", to_value(&latest_transitions(views))),
        ],
    )
}

/// Document indexes, most recently updated first (then by title).
pub(super) fn by_updated(views: &ListViews) -> Vec<usize> {
    let cards = &views.cards;
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| {
        cards[b]
            .updated
            .cmp(&cards[a].updated)
            .then(cards[a].title.cmp(&cards[b].title))
    });
    order
}

fn latest_decisions(library: &Library, views: &ListViews) -> Vec<DecisionEntry> {
    let cards = &views.cards;
    let mut all: Vec<(&Decision, usize)> = library
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
            decision: DecisionView::new(decision),
        })
        .collect()
}

/// The newest status and stage changes across the library, from git history.
fn latest_transitions(views: &ListViews) -> Vec<TransitionEntry> {
    let mut all: Vec<_> = views
        .timelines
        .iter()
        .enumerate()
        .flat_map(|(i, events)| events.iter().map(move |e| (e, i)))
        .filter(|(e, _)| e.kind.is_transition())
        .collect();
    all.sort_by(|a, b| {
        b.0.date
            .cmp(&a.0.date)
            .then(views.cards[a.1].title.cmp(&views.cards[b.1].title))
    });
    all.into_iter()
        .take(HOME_LIST_LENGTH)
        .map(|(event, i)| TransitionEntry {
            document: views.cards[i].clone(),
            event: event.clone(),
        })
        .collect()
}
