//! The views of the list pages: the home page's latest decisions and
//! transitions, the board's columns, the leader and tag groups.

use serde::Serialize;

use super::card::{DecisionView, DocCard};
use super::site::TermView;
use super::timeline::TimelineEvent;

/// A decision with the document it belongs to, for the home page.
#[derive(Serialize)]
pub struct DecisionEntry {
    pub document: DocCard,
    pub decision: DecisionView,
}

/// A status or stage change with the document it belongs to, for the home page.
#[derive(Serialize)]
pub struct TransitionEntry {
    pub document: DocCard,
    pub event: TimelineEvent,
}

/// A column of the board or the pipeline.
#[derive(Serialize)]
pub struct Column {
    pub term: TermView,
    pub count: usize,
    /// The first [`COLUMN_CARDS`] documents' card.html fragments, joined.
    pub cards: String,
    /// The documents table filtered to this column, when it has more cards than shown.
    pub more: Option<String>,
}

/// Cards shown per board or pipeline column: a column of thousands would
/// make the page megabytes tall; the rest are a link away.
pub const COLUMN_CARDS: usize = 50;

/// An owner or tag with its documents.
#[derive(Serialize)]
pub struct GroupView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
    /// Documents not yet decided (draft or in review, or not in a closed status).
    pub active: usize,
}

/// `board` of board.html: which axis the board shows, and how it is titled.
#[derive(Serialize)]
pub struct BoardView {
    /// `status` (the decision board) or `stage` (the pipeline); column ids start with it.
    pub axis: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
}
