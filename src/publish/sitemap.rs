//! `sitemap.xml` and `robots.txt`: what crawlers may read, and where it is.

use super::{Urls, xml_escape};
use crate::history::HistoryState;
use crate::library::{Library, document_url};
use crate::render::views::{group_url, updated};

/// `robots.txt`: everything may be crawled; the sitemap's address when the site's is known.
pub(super) fn robots(urls: &Urls) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if urls.origin.is_some() {
        text.push_str(&format!("Sitemap: {}\n", urls.file("sitemap.xml")));
    }
    text
}

/// Every page of the site but the 404 page, documents with the date of their last change.
pub(super) fn sitemap(library: &Library, urls: &Urls) -> String {
    let base = &urls.base;
    let mut entries: Vec<(String, Option<String>)> = ["", "documents/", "board/", "pipeline/"]
        .iter()
        .chain(["owners/", "tags/"].iter())
        .map(|path| (format!("{base}{path}"), None))
        .collect();
    for (kind, groups) in [("owners", &library.owners), ("tags", &library.tags)] {
        entries.extend(
            groups
                .keys()
                .map(|slug| (group_url(base, kind, slug), None)),
        );
    }
    let with_history = matches!(library.history, HistoryState::Read { .. });
    for entry in &library.entries {
        let page = document_url(base, &entry.document.slug);
        let lastmod = updated(entry).map(|date| date.to_string());
        if with_history {
            entries.push((format!("{page}history.html"), lastmod.clone()));
        }
        entries.push((page, lastmod));
    }
    entries.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in entries {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&urls.absolute(&path))
        ));
        if let Some(date) = lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", xml_escape(&date)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
