//! `feed.xml`: an Atom feed of what a reader of the library wants to hear
//! about: a new PR/FAQ, a decision, a change of status.
//!
//! Entry ids are URNs made from the document's slug and the event (a decision's
//! date and outcome, a status change's commit), so rebuilding never changes
//! them and the site can move to another address without readers seeing every
//! entry again. The feed's `updated` is its newest entry's date, never the
//! build's time, so an unchanged library writes an unchanged feed.

use std::collections::HashSet;

use super::{DocumentFiles, Urls, outcome_id, xml_escape};
use crate::document::Decision;
use crate::library::{Entry, Library};
use crate::render::views::{DecisionView, DocCard, EventKind, TimelineEvent};

/// The newest entries kept; older ones fall out of the feed.
const FEED_LENGTH: usize = 100;

/// One entry: an event in a document's life.
pub(super) struct FeedEntry {
    id: String,
    /// `YYYY-MM-DD`.
    date: String,
    title: String,
    link: String,
    author: Option<String>,
    summary: String,
}

pub(super) fn atom(library: &Library, documents: &[DocumentFiles], urls: &Urls) -> String {
    let mut entries: Vec<&FeedEntry> = documents.iter().flat_map(|d| &d.feed).collect();
    // Newest first; on the same day, by title, so the order never depends on the file system.
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    entries.truncate(FEED_LENGTH);
    let config = &library.config;
    let updated = entries.first().map_or("1970-01-01", |e| e.date.as_str());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", xml_escape(&config.title)));
    xml.push_str(&format!(
        "  <subtitle>{}</subtitle>\n",
        xml_escape(&config.description)
    ));
    // The feed's own address is its id; without one, a URN that says so.
    let id = match urls.origin {
        Some(_) => urls.file("feed.xml"),
        None => "urn:prfaq:feed".to_owned(),
    };
    xml.push_str(&format!("  <id>{}</id>\n", xml_escape(&id)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&urls.file("feed.xml"))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&urls.file(""))
    ));
    xml.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    xml.push_str(&format!(
        "  <generator version=\"{}\">prfaq</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for entry in entries {
        write_entry(&mut xml, entry);
    }
    xml.push_str("</feed>\n");
    xml
}

fn write_entry(xml: &mut String, entry: &FeedEntry) {
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&entry.id)));
    xml.push_str(&format!(
        "    <title>{}</title>\n",
        xml_escape(&entry.title)
    ));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&entry.link)
    ));
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        timestamp(&entry.date)
    ));
    // Atom wants an author on every entry (or on the feed): "Unknown" rather than an invalid feed.
    let author = entry.author.as_deref().unwrap_or("Unknown");
    xml.push_str(&format!(
        "    <author><name>{}</name></author>\n",
        xml_escape(author)
    ));
    xml.push_str(&format!(
        "    <summary type=\"text\">{}</summary>\n",
        xml_escape(&entry.summary)
    ));
    xml.push_str("  </entry>\n");
}

/// The feed entries of one document: it was written, each decision, each status change.
pub(super) fn entries_of(
    entry: &Entry,
    card: &DocCard,
    timeline: &[TimelineEvent],
    urls: &Urls,
) -> Vec<FeedEntry> {
    let about = About {
        slug: &entry.document.slug,
        card,
        link: urls.absolute(&card.url),
    };
    let mut entries: Vec<FeedEntry> = about.new_document().into_iter().collect();
    entries.extend(about.decisions(&entry.document.meta.decisions));
    entries.extend(about.status_changes(timeline));
    entries
}

/// The document the entries are about.
struct About<'a> {
    slug: &'a str,
    card: &'a DocCard,
    link: String,
}

impl About<'_> {
    /// "New PR/FAQ", on the day it was first written.
    fn new_document(&self) -> Option<FeedEntry> {
        let card = self.card;
        let summary: Vec<&str> = [card.subtitle.as_deref(), Some(card.summary.as_str())]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        Some(FeedEntry {
            id: format!("urn:prfaq:{}:new", self.slug),
            date: card.created?.to_string(),
            title: format!("New PR/FAQ: {}", card.title),
            link: self.link.clone(),
            author: card.owner.as_ref().map(|o| o.name.clone()),
            summary: summary.join(" — "),
        })
    }

    /// One entry per decision, keyed by its date and outcome.
    fn decisions(&self, decisions: &[Decision]) -> Vec<FeedEntry> {
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        for decision in decisions {
            let view = DecisionView::new(decision);
            // Two decisions with the same outcome on the same day still get distinct ids.
            let outcome = outcome_id(view.outcome);
            let mut key = format!("{}:{outcome}", view.date);
            let mut n = 1;
            while !seen.insert(key.clone()) {
                n += 1;
                key = format!("{}:{outcome}:{n}", view.date);
            }
            entries.push(FeedEntry {
                id: format!("urn:prfaq:{}:decision:{key}", self.slug),
                date: view.date.to_string(),
                title: format!("{}: {}", view.outcome_label, self.card.title),
                link: self.link.clone(),
                author: view.by.clone(),
                summary: view.note.clone().unwrap_or_default(),
            });
        }
        entries
    }

    /// One entry per status change git knows, keyed by its commit.
    fn status_changes(&self, timeline: &[TimelineEvent]) -> Vec<FeedEntry> {
        let changes = timeline.iter().filter(|e| e.kind == EventKind::Status);
        changes
            .filter_map(|event| {
                let commit = event.commit.as_ref()?;
                Some(FeedEntry {
                    id: format!("urn:prfaq:{}:status:{}", self.slug, commit.hash),
                    date: event.date.to_string(),
                    title: format!("{} · {}", self.card.title, event.label),
                    link: self.link.clone(),
                    author: event.by.clone(),
                    summary: event.note.clone().unwrap_or_default(),
                })
            })
            .collect()
    }
}

/// A `YYYY-MM-DD` date as an RFC 3339 timestamp, midnight UTC.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}
