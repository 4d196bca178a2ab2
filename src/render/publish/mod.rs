//! The site files around the pages: what a host, a crawler, a feed reader or
//! a spreadsheet reads rather than a person.
//!
//! `.nojekyll` (GitHub Pages would otherwise run Jekyll and drop files whose
//! names start with `_`), `robots.txt` and `sitemap.xml` for crawlers,
//! `feed.xml` (Atom) for readers, and the data export `prfaqs.json` and
//! `prfaqs.csv`. Like every page they are returned as [`Page`]s and written by
//! the one writer, so an unchanged file is never rewritten; nothing here
//! depends on the clock, so a rebuild of the same library gives the same bytes.

mod export;
mod feed;
mod sitemap;

use crate::config::Config;
use crate::document::Outcome;
use crate::library::{Entry, Library};
use crate::render::Page;
use crate::render::views::{DocCard, TimelineEvent};

/// Version of the `prfaqs.json` format; `schemas/prfaqs.schema.json` describes it.
pub const EXPORT_VERSION: u32 = 1;

/// What one document contributes to the site files, made once per document
/// (and again only for an edited one in `serve`), so joining them costs a copy
/// of their bytes rather than a pass over the library.
pub struct DocumentFiles {
    /// Its object in `prfaqs.json`.
    json: Vec<u8>,
    /// Its row in `prfaqs.csv`.
    csv: Vec<u8>,
    /// Its `<url>` lines in `sitemap.xml` (empty without the site's address).
    sitemap: String,
    /// Its events for `feed.xml`.
    feed: Vec<feed::FeedEntry>,
}

impl DocumentFiles {
    /// `card` and `timeline` are the entry's, as the list pages have them.
    pub fn new(
        library: &Library,
        entry: &Entry,
        card: &DocCard,
        timeline: &[TimelineEvent],
    ) -> DocumentFiles {
        let urls = Urls::new(&library.config);
        let document = export::document(library, entry, card, &urls);
        DocumentFiles {
            json: serde_json::to_vec(&document).unwrap_or_default(),
            csv: export::csv_row(&document),
            sitemap: sitemap::document_urls(library, entry, &urls),
            feed: feed::entries_of(entry, card, timeline, &urls),
        }
    }
}

/// Every site file, joined from the documents' pieces (in library order).
pub fn pages(library: &Library, documents: &[DocumentFiles]) -> Vec<Page> {
    let urls = Urls::new(&library.config);
    let mut pages = vec![
        page(".nojekyll", Vec::new()),
        page("robots.txt", sitemap::robots(&urls).into_bytes()),
        page(
            "feed.xml",
            feed::atom(library, documents, &urls).into_bytes(),
        ),
        page("prfaqs.json", export::json(library, documents, &urls)),
        page("prfaqs.csv", export::csv(documents)),
    ];
    // A sitemap lists absolute addresses: without the site's address there is none to write.
    if urls.origin.is_some() {
        pages.push(page(
            "sitemap.xml",
            sitemap::sitemap(library, documents, &urls).into_bytes(),
        ));
    }
    pages
}

fn page(path: &str, content: Vec<u8>) -> Page {
    Page::new(path, content)
}

/// Turns the site's paths into the addresses a reader outside the site needs.
struct Urls {
    /// `https://acme.github.io` when `base_url` is an absolute http(s) URL.
    origin: Option<String>,
    /// The path prefix of every page, e.g. `/prfaqs/`.
    base: String,
}

impl Urls {
    fn new(config: &Config) -> Urls {
        Urls {
            origin: origin(&config.base_url),
            base: config.base_path(),
        }
    }

    /// A site path (`/prfaqs/docs/a/`) as an address: absolute when the
    /// site's origin is known, else the path as it is.
    fn absolute(&self, path: &str) -> String {
        match &self.origin {
            Some(origin) => format!("{origin}{path}"),
            None => path.to_owned(),
        }
    }

    /// A file of the site (`feed.xml`) as an address.
    fn file(&self, relative: &str) -> String {
        self.absolute(&format!("{}{relative}", self.base))
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin(base_url: &str) -> Option<String> {
    let (scheme, rest) = base_url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    (!host.is_empty() && !host.contains(['\\', '@'])).then(|| format!("{scheme}://{host}"))
}

/// A decision's outcome as the feed's ids and the CSV spell it (as front matter does).
fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Proceed => "proceed",
        Outcome::Shelve => "shelve",
        Outcome::Revisit => "revisit",
    }
}

/// Escapes text for XML content and attribute values.
fn xml_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Characters XML 1.0 forbids even escaped: dropped, never passed through.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_absolute_urls_only() {
        assert_eq!(
            origin("https://example.github.io/prfaqs/").as_deref(),
            Some("https://example.github.io")
        );
        assert_eq!(
            origin("http://localhost:4000").as_deref(),
            Some("http://localhost:4000")
        );
        assert_eq!(origin("/prfaqs/"), None);
        assert_eq!(origin("ftp://host/x/"), None);
        assert_eq!(origin("https:///x/"), None);
    }

    #[test]
    fn urls_keep_the_sub_path() {
        let config = Config {
            base_url: "https://example.github.io/prfaqs/".into(),
            ..Config::default()
        };
        let urls = Urls::new(&config);
        assert_eq!(
            urls.file("feed.xml"),
            "https://example.github.io/prfaqs/feed.xml"
        );
        let relative = Urls::new(&Config::default());
        assert_eq!(relative.file("feed.xml"), "/feed.xml");
    }

    #[test]
    fn xml_escape_covers_markup_and_forbidden_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
    }
}
