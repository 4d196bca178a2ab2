//! `site`: the values every page gets, and the small views shared by all.

use serde::Serialize;

use crate::config::Term;
use crate::library::{Library, TermIndex};
use crate::slug::slugify;

/// The colour of a term that sets none, and of "Unknown".
pub const NEUTRAL_COLOUR: &str = "#6b7280";

/// Site-wide values every page gets as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Path prefix of every link, e.g. `/prfaqs/`.
    pub base: String,
    pub statuses: Vec<TermView>,
    pub stages: Vec<TermView>,
    pub document_count: usize,
    pub owner_count: usize,
    pub tag_count: usize,
    pub version: &'static str,
    /// Whether pages show the search box (`search` in site.toml).
    pub search: bool,
}

/// A status or stage with the number of documents in it.
#[derive(Serialize, Clone)]
pub struct TermView {
    pub id: String,
    pub label: String,
    pub colour: String,
    pub description: String,
    pub count: usize,
    /// Position in the configured order (0-based).
    pub index: usize,
}

/// A link with a label: an owner, a tag, a related document.
#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

impl<'a> SiteView<'a> {
    pub fn new(library: &'a Library) -> Self {
        let config = &library.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            base: config.base_path(),
            statuses: term_views(&config.statuses, &library.statuses),
            stages: term_views(&config.stages, &library.stages),
            document_count: library.entries.len(),
            owner_count: library.owners.len(),
            tag_count: library.tags.len(),
            version: env!("CARGO_PKG_VERSION"),
            search: config.search,
        }
    }
}

fn term_views(terms: &[Term], documents: &TermIndex) -> Vec<TermView> {
    terms
        .iter()
        .enumerate()
        .map(|(index, t)| TermView {
            id: t.id.clone(),
            label: t.label.clone(),
            colour: colour(t),
            description: t.description.clone().unwrap_or_default(),
            count: documents.terms.get(index).map_or(0, Vec::len),
            index,
        })
        .collect()
}

/// A term's colour, or the neutral one.
pub fn colour(term: &Term) -> String {
    term.colour
        .clone()
        .unwrap_or_else(|| NEUTRAL_COLOUR.to_owned())
}

/// URL of an owner's or tag's page.
pub fn group_url(base: &str, kind: &str, slug: &str) -> String {
    format!("{base}{kind}/{slug}/")
}

/// A link to an owner's or tag's page; `None` for names with no letters or
/// digits, which get no page.
pub fn group_link(base: &str, kind: &str, name: &str) -> Option<Link> {
    let slug = slugify(name);
    (!slug.is_empty()).then(|| Link {
        name: name.trim().to_owned(),
        url: group_url(base, kind, &slug),
    })
}

impl TermView {
    /// The column of documents whose front matter does not say, after the `index` configured ones.
    pub fn unknown(index: usize) -> Self {
        TermView {
            id: "unknown".into(),
            label: "Unknown".into(),
            colour: NEUTRAL_COLOUR.into(),
            description: "Documents whose front matter does not say.".into(),
            count: 0,
            index,
        }
    }
}
