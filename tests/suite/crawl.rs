//! A crawler for a built site: every link in its pages, stylesheets,
//! scripts, feed, sitemap, robots.txt and JSON, resolved as a browser or a
//! crawler would against the address the site is published at.

use std::path::Path;

use scraper::Html;

use super::support::{contents, file_for_url, is_bookkeeping, percent_decode};

/// The address the crawled site is built for: a project site under a sub-path.
pub const BASE: &str = "https://example.github.io/prfaqs/";
const ORIGIN: &str = "https://example.github.io";
/// The sub-path every link must stay under.
pub const PREFIX: &str = "/prfaqs/";

/// Where a link leads.
pub enum Target {
    /// A file of the site (path in the output folder) and the fragment, decoded.
    Site(String, Option<String>),
    /// A path on the site's host outside the base path.
    Escapes(String),
    /// Another site, a `mailto:`, an id that is not a URL.
    Elsewhere,
}

pub fn resolve(file: &str, url: &str) -> Target {
    let (url, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, (!f.is_empty()).then(|| percent_decode(f))),
        None => (url, None),
    };
    let path = if let Some(rest) = url.strip_prefix(ORIGIN) {
        if !rest.is_empty() && !rest.starts_with('/') {
            return Target::Elsewhere; // example.github.io.evil
        }
        rest.to_owned()
    } else if url.starts_with("//") || url.contains(':') {
        return Target::Elsewhere;
    } else if url.starts_with('/') {
        url.to_owned()
    } else {
        // Relative to the file's own address.
        let own = format!("{PREFIX}{file}");
        let dir = &own[..own.rfind('/').unwrap_or(0) + 1];
        normalise(&format!("{dir}{url}"))
    };
    match path
        .strip_prefix(PREFIX)
        .or_else(|| (path == PREFIX.trim_end_matches('/')).then_some(""))
    {
        Some(within) => Target::Site(file_for_url(within), fragment),
        None => Target::Escapes(path),
    }
}

fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    if path.ends_with('/') && !joined.ends_with('/') {
        format!("{joined}/")
    } else {
        joined
    }
}

/// Every link in every file of the site: (file, URL as written).
pub fn every_link(dir: &Path) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for (path, bytes) in contents(dir) {
        if is_bookkeeping(&path) {
            continue;
        }
        let file = path.to_string_lossy().replace('\\', "/");
        let text = String::from_utf8_lossy(&bytes);
        let found: Vec<String> = match file.rsplit('.').next().unwrap_or("") {
            "html" => html_links(&text),
            "css" => css_links(&text),
            "js" => js_links(&text),
            "xml" => xml_links(&text),
            "json" => json_links(&serde_json::from_str(&text).expect("valid JSON")),
            "txt" => text
                .lines()
                .filter_map(|l| l.strip_prefix("Sitemap: "))
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        links.extend(found.into_iter().map(|url| (file.clone(), url)));
    }
    links
}

fn html_links(text: &str) -> Vec<String> {
    let html = Html::parse_document(text);
    let selector = scraper::Selector::parse("[href], [src]").expect("a valid selector");
    html.select(&selector)
        .flat_map(|e| [e.attr("href"), e.attr("src")])
        .flatten()
        .map(str::to_owned)
        .collect()
}

fn css_links(text: &str) -> Vec<String> {
    text.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|u| u.trim().trim_matches(['"', '\'']).to_owned())
        .filter(|u| !u.starts_with("data:"))
        .collect()
}

/// Quoted strings in a script that look like addresses.
fn js_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    for quote in ['"', '\'', '`'] {
        for (i, piece) in text.split(quote).enumerate() {
            if i % 2 == 1
                && (piece.len() > 1 && piece.starts_with('/') && !piece.starts_with("//")
                    || piece.starts_with("http"))
                && !piece.contains(char::is_whitespace)
            {
                links.push(piece.to_owned());
            }
        }
    }
    links
}

fn xml_links(text: &str) -> Vec<String> {
    let xml = roxmltree::Document::parse(text).expect("well-formed XML");
    let mut links: Vec<String> = xml
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .map(str::to_owned)
        .collect();
    links.extend(
        xml.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text().map(str::to_owned)),
    );
    links
}

/// Every string in the export that is an address.
fn json_links(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) if s.starts_with('/') || s.starts_with("http") => {
            vec![s.clone()]
        }
        serde_json::Value::Array(items) => items.iter().flat_map(json_links).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(json_links).collect(),
        _ => Vec::new(),
    }
}
