//! The data export: `prfaqs.json` for programs (its format is
//! `schemas/prfaqs.schema.json`, versioned by [`EXPORT_VERSION`]) and
//! `prfaqs.csv` for spreadsheets, one row per document.
//!
//! Both are built from the same [`DocumentExport`] view, so they can never
//! disagree about a document; each document's object and row are made once
//! ([`DocumentFiles`]) and joined here.

use serde::Serialize;

use super::{DocumentFiles, EXPORT_VERSION, Urls, outcome_id};
use crate::config::Term;
use crate::history::HistoryState;
use crate::library::{Entry, Library};
use crate::render::views::{DecisionView, DocCard, HistorySummary, TermRef};

/// The file around the documents, which are appended as `"documents":[…]`.
#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    generator: String,
    site: SiteExport<'a>,
    statuses: Vec<TermExport<'a>>,
    stages: Vec<TermExport<'a>>,
}

#[derive(Serialize)]
struct SiteExport<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    /// Address of the home page (a path when `base_url` has no host).
    url: String,
    /// `off`, `no-repository`, `read` or `truncated`.
    history: &'static str,
}

#[derive(Serialize)]
struct TermExport<'a> {
    id: &'a str,
    label: &'a str,
    /// For statuses: still being worked on.
    active: bool,
}

/// One document, as both formats show it.
#[derive(Serialize)]
pub(super) struct DocumentExport {
    slug: String,
    title: String,
    subtitle: Option<String>,
    owner: Option<String>,
    customer: Option<String>,
    team: Option<String>,
    tags: Vec<String>,
    /// `None` when the front matter has none.
    status: Option<TermValue>,
    stage: Option<TermValue>,
    created: Option<String>,
    updated: Option<String>,
    summary: String,
    words: usize,
    reading_minutes: usize,
    /// Path of the source file, relative to the library root.
    source: String,
    decisions: Vec<DecisionView>,
    /// `None` when history was not read.
    revisions: Option<Revisions>,
    url: String,
    history_url: Option<String>,
    source_url: Option<String>,
}

#[derive(Serialize)]
struct TermValue {
    id: String,
    label: String,
}

#[derive(Serialize)]
struct Revisions {
    count: usize,
    first: Option<String>,
    last: Option<String>,
    last_commit: Option<String>,
    last_subject: Option<String>,
    /// Distinct authors, in the order of their first revision.
    authors: Vec<String>,
    uncommitted: bool,
}

/// `prfaqs.json`.
pub(super) fn json(library: &Library, documents: &[DocumentFiles], urls: &Urls) -> Vec<u8> {
    let config = &library.config;
    let export = Export {
        version: EXPORT_VERSION,
        generator: format!("prfaq {}", env!("CARGO_PKG_VERSION")),
        site: SiteExport {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            url: urls.file(""),
            history: match library.history {
                HistoryState::Off => "off",
                HistoryState::NoRepository => "no-repository",
                HistoryState::Read { truncated: false } => "read",
                HistoryState::Read { truncated: true } => "truncated",
            },
        },
        statuses: term_exports(&config.statuses, true),
        stages: term_exports(&config.stages, false),
    };
    // Compact: a program reads it, and every byte is published on each deploy.
    let mut bytes = serde_json::to_vec(&export).unwrap_or_default();
    bytes.pop(); // the closing brace, reopened for the documents
    bytes.extend_from_slice(b",\"documents\":[");
    for (i, document) in documents.iter().enumerate() {
        if i > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(&document.json);
    }
    bytes.extend_from_slice(b"]}\n");
    bytes
}

fn term_exports(terms: &[Term], statuses: bool) -> Vec<TermExport<'_>> {
    terms
        .iter()
        .map(|t| TermExport {
            id: &t.id,
            label: &t.label,
            active: !statuses || t.active,
        })
        .collect()
}

/// The CSV columns, in order.
const COLUMNS: &[&str] = &[
    "slug",
    "title",
    "subtitle",
    "owner",
    "status",
    "status_label",
    "stage",
    "stage_label",
    "customer",
    "team",
    "tags",
    "created",
    "updated",
    "decisions",
    "latest_decision",
    "latest_decision_date",
    "latest_decision_note",
    "revisions",
    "url",
    "source",
];

/// `prfaqs.csv`: one row per document, RFC 4180 quoting.
pub(super) fn csv(documents: &[DocumentFiles]) -> Vec<u8> {
    let mut bytes = record(COLUMNS.iter().map(|c| (*c).to_owned()));
    for document in documents {
        bytes.extend_from_slice(&document.csv);
    }
    bytes
}

/// One document's row of `prfaqs.csv`.
pub(super) fn csv_row(document: &DocumentExport) -> Vec<u8> {
    record(row(document).into_iter())
}

/// One CSV record, quoted as RFC 4180 says, with its line ending.
fn record(cells: impl Iterator<Item = String>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(cells.map(|cell| spreadsheet_safe(&cell).into_owned()));
    writer.into_inner().unwrap_or_default()
}

fn row(doc: &DocumentExport) -> Vec<String> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let latest = doc.decisions.last();
    vec![
        doc.slug.clone(),
        doc.title.clone(),
        text(&doc.subtitle),
        text(&doc.owner),
        doc.status
            .as_ref()
            .map(|t| t.id.clone())
            .unwrap_or_default(),
        doc.status
            .as_ref()
            .map(|t| t.label.clone())
            .unwrap_or_default(),
        doc.stage.as_ref().map(|t| t.id.clone()).unwrap_or_default(),
        doc.stage
            .as_ref()
            .map(|t| t.label.clone())
            .unwrap_or_default(),
        text(&doc.customer),
        text(&doc.team),
        doc.tags.join("; "),
        text(&doc.created),
        text(&doc.updated),
        doc.decisions.len().to_string(),
        latest
            .map(|d| outcome_id(d.outcome).to_owned())
            .unwrap_or_default(),
        latest.map(|d| d.date.to_string()).unwrap_or_default(),
        latest.and_then(|d| d.note.clone()).unwrap_or_default(),
        doc.revisions
            .as_ref()
            .map(|r| r.count.to_string())
            .unwrap_or_default(),
        doc.url.clone(),
        doc.source.clone(),
    ]
}

/// A cell a spreadsheet shows as text: one that starts like a formula
/// (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading `'`, so opening
/// the export never runs what a document's author wrote.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// What the export says of one document.
pub(super) fn document(
    library: &Library,
    entry: &Entry,
    card: &DocCard,
    urls: &Urls,
) -> DocumentExport {
    let card = card.clone();
    let meta = &entry.document.meta;
    let history = HistorySummary::new(library, entry);
    let read = matches!(library.history, HistoryState::Read { .. });
    DocumentExport {
        slug: entry.document.slug.clone(),
        title: card.title,
        subtitle: card.subtitle,
        owner: card.owner.map(|o| o.name),
        customer: meta.customer.clone(),
        team: meta.team.clone(),
        tags: card.tags.into_iter().map(|t| t.name).collect(),
        status: term_value(&card.status),
        stage: term_value(&card.stage),
        created: card.created.map(|d| d.to_string()),
        updated: card.updated.map(|d| d.to_string()),
        summary: card.summary,
        words: card.words,
        reading_minutes: card.reading_minutes,
        source: entry
            .document
            .display_path
            .to_string_lossy()
            .replace('\\', "/"),
        decisions: meta.decisions.iter().map(DecisionView::new).collect(),
        revisions: read.then(|| revisions(entry)),
        url: urls.absolute(&card.url),
        history_url: read.then(|| urls.absolute(&history.url)),
        source_url: history.source_url,
    }
}

fn term_value(term: &TermRef) -> Option<TermValue> {
    term.known.then(|| TermValue {
        id: term.id.clone(),
        label: term.label.clone(),
    })
}

fn revisions(entry: &Entry) -> Revisions {
    let revisions = &entry.history.revisions;
    let mut authors: Vec<String> = Vec::new();
    for revision in revisions.iter().rev() {
        if !authors.contains(&revision.author) {
            authors.push(revision.author.clone());
        }
    }
    Revisions {
        count: revisions.len(),
        first: revisions.last().map(|r| r.date.to_string()),
        last: revisions.first().map(|r| r.date.to_string()),
        last_commit: revisions.first().map(|r| r.hash.clone()),
        last_subject: revisions.first().map(|r| r.subject.clone()),
        authors,
        uncommitted: entry.history.uncommitted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_quoted_as_text() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Plain title"), "Plain title");
    }
}
