//! `documents/rows.json`: every row of the documents table in a compact form,
//! most recently updated first, for the table's script to sort and filter the
//! whole library while the HTML carries one page of rows. At 10,000 documents
//! the table's HTML would be megabytes; this file is about a tenth of that,
//! because each owner, tag and term is written once and rows refer to it by
//! position. Everything in it is text the script puts in the page with
//! `textContent`, never as HTML.

use std::collections::HashMap;

use serde::Serialize;

use super::Page;
use super::fragments::ListViews;
use super::views::{DocCard, NEUTRAL_COLOUR, SiteView, TermRef, TermView};
use crate::document::Date;

/// Where the rows are, in the output folder.
pub const ROWS_FILE: &str = "documents/rows.json";

/// The rows of the documents at `order`, as the table's data file.
pub(super) fn rows_file(site: &SiteView<'_>, views: &ListViews, order: &[usize]) -> Page {
    let mut owners = Interned::default();
    let mut tags = Interned::default();
    let rows = order
        .iter()
        .map(|&i| row(&views.cards[i], &mut owners, &mut tags))
        .collect();
    let data = TableData {
        statuses: site.statuses.iter().map(TermJson::new).collect(),
        stages: site.stages.iter().map(TermJson::new).collect(),
        unknown: TermJson {
            id: "unknown",
            label: "Unknown",
            colour: NEUTRAL_COLOUR,
        },
        owners: owners.values,
        tags: tags.values,
        rows,
    };
    Page::new(ROWS_FILE, serde_json::to_vec(&data).unwrap_or_default())
}

#[derive(Serialize)]
struct TableData<'a> {
    statuses: Vec<TermJson<'a>>,
    stages: Vec<TermJson<'a>>,
    /// The term of a document whose status or stage is missing or unknown (position -1).
    unknown: TermJson<'a>,
    /// `[name, url]` of each owner.
    owners: Vec<(&'a str, &'a str)>,
    tags: Vec<&'a str>,
    rows: Vec<Row<'a>>,
}

/// `[url, title, subtitle, owner, stage, status, updated, [tag…]]`: owner,
/// stage and status are positions in their lists, -1 for none.
type Row<'a> = (
    &'a str,
    &'a str,
    &'a str,
    i64,
    i64,
    i64,
    Option<Date>,
    Vec<i64>,
);

#[derive(Serialize)]
struct TermJson<'a> {
    id: &'a str,
    label: &'a str,
    colour: &'a str,
}

impl<'a> TermJson<'a> {
    fn new(term: &'a TermView) -> Self {
        TermJson {
            id: &term.id,
            label: &term.label,
            colour: &term.colour,
        }
    }
}

fn row<'a>(
    card: &'a DocCard,
    owners: &mut Interned<(&'a str, &'a str)>,
    tags: &mut Interned<&'a str>,
) -> Row<'a> {
    let owner = card
        .owner
        .as_ref()
        .map_or(-1, |o| owners.position((&o.name, &o.url)));
    (
        &card.url,
        &card.title,
        card.subtitle.as_deref().unwrap_or_default(),
        owner,
        term_position(&card.stage),
        term_position(&card.status),
        card.updated,
        card.tags.iter().map(|t| tags.position(&t.name)).collect(),
    )
}

fn term_position(term: &TermRef) -> i64 {
    if term.known {
        i64::try_from(term.index).unwrap_or(-1)
    } else {
        -1
    }
}

/// Values written once, in order of first use, and referred to by position.
struct Interned<T> {
    values: Vec<T>,
    positions: HashMap<T, i64>,
}

impl<T> Default for Interned<T> {
    fn default() -> Self {
        Interned {
            values: Vec::new(),
            positions: HashMap::new(),
        }
    }
}

impl<T: Copy + Eq + std::hash::Hash> Interned<T> {
    fn position(&mut self, value: T) -> i64 {
        let next = i64::try_from(self.values.len()).unwrap_or(i64::MAX);
        *self.positions.entry(value).or_insert_with(|| {
            self.values.push(value);
            next
        })
    }
}
