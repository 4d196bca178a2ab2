//! `sitemap.xml` and `robots.txt`: what crawlers may read, and where it is.

use super::{DocumentFiles, Urls, xml_escape};
use crate::history::HistoryState;
use crate::library::{Entry, Library, document_url};
use crate::render::views::{group_url, updated};

/// `robots.txt`: everything may be crawled; the sitemap's address when the site's is known.
pub(super) fn robots(urls: &Urls) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if urls.origin.is_some() {
        text.push_str(&format!("Sitemap: {}\n", urls.file("sitemap.xml")));
    }
    text
}

/// Every page of the site but the 404 page; each document's lines come from
/// its [`DocumentFiles`], with the date of its last change.
pub(super) fn sitemap(library: &Library, documents: &[DocumentFiles], urls: &Urls) -> String {
    let base = &urls.base;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in [
        "",
        "documents/",
        "board/",
        "pipeline/",
        "health/",
        "insights/",
        "review/",
        "owners/",
        "tags/",
    ] {
        push_url(&mut xml, urls, &format!("{base}{path}"), None);
    }
    if library.config.search {
        push_url(&mut xml, urls, &format!("{base}search/"), None);
    }
    for (kind, groups) in [("owners", &library.owners), ("tags", &library.tags)] {
        for slug in groups.keys() {
            push_url(&mut xml, urls, &group_url(base, kind, slug), None);
        }
    }
    for document in documents {
        xml.push_str(&document.sitemap);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `<url>` lines of one document: its page, and its history page when there is one.
pub(super) fn document_urls(library: &Library, entry: &Entry, urls: &Urls) -> String {
    let mut xml = String::new();
    if urls.origin.is_none() {
        return xml;
    }
    let page = document_url(&urls.base, &entry.document.slug);
    let lastmod = updated(entry).map(|date| date.to_string());
    push_url(&mut xml, urls, &page, lastmod.as_deref());
    if matches!(library.history, HistoryState::Read { .. }) {
        push_url(
            &mut xml,
            urls,
            &format!("{page}history.html"),
            lastmod.as_deref(),
        );
    }
    xml
}

fn push_url(xml: &mut String, urls: &Urls, path: &str, lastmod: Option<&str>) {
    xml.push_str(&format!(
        "  <url><loc>{}</loc>",
        xml_escape(&urls.absolute(path))
    ));
    if let Some(date) = lastmod {
        xml.push_str(&format!("<lastmod>{}</lastmod>", xml_escape(date)));
    }
    xml.push_str("</url>\n");
}
