//! The JSON of the index files besides the shards: a document's file of
//! results, the facets and the order by last update.

use std::collections::BTreeMap;

use serde::Serialize;

use super::records::{Record, Removed};
use super::shards::push_varint;
use crate::compress::base64;
use crate::library::Library;
use crate::render::views::DocCard;

pub fn fragment(
    card: &DocCard,
    history_url: &str,
    records: &[Record],
    removed: &[Removed],
) -> Vec<u8> {
    #[derive(Serialize)]
    struct Fragment<'a> {
        /// Title, URL, last updated.
        t: &'a str,
        u: &'a str,
        d: &'a str,
        /// History page.
        h: &'a str,
        /// `[kind, anchor, heading, text]` per record.
        s: Vec<(u8, &'a str, &'a str, &'a str)>,
        /// `[short hash, date, subject, text]` per revision that removed text.
        r: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    }
    let updated = card.updated.as_ref().map(ToString::to_string);
    let json = Fragment {
        t: &card.title,
        u: &card.url,
        d: updated.as_deref().unwrap_or(""),
        h: history_url,
        s: records
            .iter()
            .map(|r| {
                (
                    r.kind as u8,
                    r.anchor.as_str(),
                    r.heading.as_str(),
                    r.text.as_str(),
                )
            })
            .collect(),
        r: removed
            .iter()
            .map(|r| {
                (
                    r.short.as_str(),
                    r.date.as_str(),
                    r.subject.as_str(),
                    r.text.as_str(),
                )
            })
            .collect(),
    };
    serde_json::to_vec(&json).unwrap_or_default()
}

/// `[id, label, colour, documents]` per term, `[slug, name, documents]` per
/// owner and tag; documents as base64 varint gaps.
pub fn facets(library: &Library, cards: &[DocCard]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Facets {
        status: Vec<(String, String, String, String)>,
        stage: Vec<(String, String, String, String)>,
        owner: Vec<(String, String, String)>,
        tag: Vec<(String, String, String)>,
    }
    let terms = |pick: fn(&DocCard) -> &crate::render::views::TermRef| {
        let mut by_id: BTreeMap<(bool, usize, String), TermDocs> = BTreeMap::new();
        for (id, card) in cards.iter().enumerate() {
            let term = pick(card);
            by_id
                .entry((!term.known, term.index, term.id.clone()))
                .or_insert_with(|| (term.label.clone(), term.colour.clone(), Vec::new()))
                .2
                .push(id as u32);
        }
        by_id
            .into_iter()
            .map(|((_, _, id), (label, colour, docs))| (id, label, colour, ids(&docs)))
            .collect()
    };
    let groups = |groups: &BTreeMap<String, crate::library::Group>| {
        groups
            .iter()
            .map(|(slug, group)| {
                let docs: Vec<u32> = group.entries.iter().map(|&i| i as u32).collect();
                (slug.clone(), group.name.clone(), ids(&docs))
            })
            .collect()
    };
    let facets = Facets {
        status: terms(|c| &c.status),
        stage: terms(|c| &c.stage),
        owner: groups(&library.owners),
        tag: groups(&library.tags),
    };
    serde_json::to_vec(&facets).unwrap_or_default()
}

/// Document ids, most recently updated first (then by title), as a JSON
/// string of base64 varints.
pub fn order(cards: &[DocCard]) -> Vec<u8> {
    let mut order: Vec<u32> = (0..cards.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&cards[a as usize], &cards[b as usize]);
        b.updated.cmp(&a.updated).then(a.title.cmp(&b.title))
    });
    let mut bytes = Vec::with_capacity(order.len() * 2);
    for id in order {
        push_varint(&mut bytes, id);
    }
    serde_json::to_vec(&base64(&bytes)).unwrap_or_default()
}

/// A term's label, colour and documents.
type TermDocs = (String, String, Vec<u32>);

/// Sorted ids as base64 varint gaps.
fn ids(sorted: &[u32]) -> String {
    let mut bytes = Vec::with_capacity(sorted.len());
    let mut last = 0;
    for (i, &id) in sorted.iter().enumerate() {
        push_varint(&mut bytes, if i == 0 { id } else { id - last });
        last = id;
    }
    base64(&bytes)
}
