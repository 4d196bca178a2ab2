//! The workflow vocabulary: statuses and stages, as site.toml lists them
//! (plain ids or tables), and the Working Backwards defaults.

use serde::Deserialize;

/// One status or stage: an id used in front matter, and how the site shows it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The value written in front matter, e.g. `in-review`.
    pub id: String,
    /// What the site shows; defaults to the id in title case.
    #[serde(default)]
    pub label: String,
    /// A CSS colour for badges and board columns.
    #[serde(default, alias = "color")]
    pub colour: Option<String>,
    /// What the term means, shown as a tooltip and on the pipeline page.
    #[serde(default)]
    pub description: Option<String>,
    /// For statuses: the idea is still being worked on (not shelved, launched or closed).
    /// Leaders' pages count their active ideas with it.
    #[serde(default = "active_by_default")]
    pub active: bool,
}

/// A status or stage as a document (or an old revision) has it, looked up
/// once in the vocabulary: nothing downstream compares ids again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Resolved {
    /// The configured term at this position of `statuses` or `stages`.
    Known(usize),
    /// An id the vocabulary does not have, as written (an error in a current
    /// document; an old revision may use an id the vocabulary since dropped).
    Unknown(String),
    /// Not written at all.
    #[default]
    Missing,
}

impl Resolved {
    /// Looks `id` up in `terms`.
    pub fn new(terms: &[Term], id: Option<&str>) -> Resolved {
        match id {
            None => Resolved::Missing,
            Some(id) => match terms.iter().position(|t| t.id == id) {
                Some(index) => Resolved::Known(index),
                None => Resolved::Unknown(id.to_owned()),
            },
        }
    }

    /// Looks `written` up by id, then through `aliases` (site.toml's
    /// `[aliases.status]`), then by label or id ignoring case (`"Proceed"`,
    /// `"Test & Iterate"`) when exactly one term matches. The second value
    /// is true for a label match, which deserves a warning suggesting the id.
    pub fn lookup(
        terms: &[Term],
        aliases: &std::collections::BTreeMap<String, String>,
        written: Option<&str>,
    ) -> (Resolved, bool) {
        let Some(written) = written else {
            return (Resolved::Missing, false);
        };
        let exact = Resolved::new(terms, Some(written));
        if matches!(exact, Resolved::Known(_)) {
            return (exact, false);
        }
        let key = written.trim().to_lowercase();
        let alias = aliases
            .iter()
            .find(|(from, _)| from.to_lowercase() == key)
            .and_then(|(_, to)| terms.iter().position(|t| &t.id == to));
        if let Some(index) = alias {
            return (Resolved::Known(index), false);
        }
        let mut by_label = terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.label.to_lowercase() == key || t.id.to_lowercase() == key);
        match (by_label.next(), by_label.next()) {
            (Some((index, _)), None) => (Resolved::Known(index), true),
            _ => (exact, false),
        }
    }

    /// The configured term, if it is one.
    pub fn term<'a>(&self, terms: &'a [Term]) -> Option<&'a Term> {
        match self {
            Resolved::Known(index) => terms.get(*index),
            _ => None,
        }
    }

    /// What the site shows for it: the term's label, the id as written, or `missing`.
    pub fn label(&self, terms: &[Term], missing: &str) -> String {
        match self {
            Resolved::Known(index) => terms
                .get(*index)
                .map_or_else(String::new, |t| t.label.clone()),
            Resolved::Unknown(id) => id.clone(),
            Resolved::Missing => missing.to_owned(),
        }
    }
}

fn active_by_default() -> bool {
    true
}

pub(super) fn vocabulary<'de, D>(deserializer: D) -> Result<Vec<Term>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    /// Either `"in-review"` or `{ id = "in-review", label = "In review", colour = "#c80" }`.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Id(String),
        Full(Term),
    }
    let entries = Vec::<Entry>::deserialize(deserializer)?;
    Ok(entries
        .into_iter()
        .map(|entry| {
            let mut term = match entry {
                Entry::Id(id) => Term {
                    id,
                    label: String::new(),
                    colour: None,
                    description: None,
                    active: true,
                },
                Entry::Full(term) => term,
            };
            if term.label.is_empty() {
                term.label = title_case(&term.id);
            }
            term
        })
        .collect())
}

fn title_case(id: &str) -> String {
    let spaced = id.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn term(id: &str, label: &str, colour: &str, description: &str) -> Term {
    Term {
        id: id.into(),
        label: label.into(),
        colour: Some(colour.into()),
        description: Some(description.into()),
        active: true,
    }
}

fn closed(term: Term) -> Term {
    Term {
        active: false,
        ..term
    }
}

pub(super) fn default_statuses() -> Vec<Term> {
    vec![
        term(
            "draft",
            "Draft",
            "#6b7280",
            "Being written; not yet ready for review.",
        ),
        term(
            "in-review",
            "In review",
            "#b45309",
            "Scheduled for or in a review meeting.",
        ),
        term(
            "proceed",
            "Proceed",
            "#047857",
            "Approved: the team is building it.",
        ),
        closed(term(
            "shelved",
            "Shelved",
            "#9f1239",
            "Decided against, for now; the reasons are in the decision log.",
        )),
        closed(term(
            "launched",
            "Launched",
            "#1d4ed8",
            "Built and in customers' hands.",
        )),
    ]
}

pub(super) fn default_stages() -> Vec<Term> {
    vec![
        term(
            "listen",
            "Listen",
            "#0e7490",
            "Hearing customers: what problem do they have?",
        ),
        term(
            "define",
            "Define",
            "#4338ca",
            "Defining the problem and the customer precisely.",
        ),
        term(
            "invent",
            "Invent",
            "#7e22ce",
            "Inventing solutions and writing the press release.",
        ),
        term(
            "refine",
            "Refine",
            "#be185d",
            "Refining the PR/FAQ through reviews.",
        ),
        term(
            "test-and-iterate",
            "Test & Iterate",
            "#15803d",
            "Testing with customers and iterating.",
        ),
    ]
}
