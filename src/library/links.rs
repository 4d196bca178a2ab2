//! The links between documents: page URLs, backlinks, and the duplicate
//! slugs that would make two documents share one page.

use std::collections::HashMap;

use super::Entry;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::document::Document;

/// Content-relative source -> page URL, for every document.
pub fn document_urls<'a>(
    config: &Config,
    documents: impl Iterator<Item = &'a Document>,
) -> HashMap<String, String> {
    let base = config.base_path();
    documents
        .map(|d| (d.source.clone(), document_url(&base, &d.slug)))
        .collect()
}

/// URL of a document's page.
pub fn document_url(base: &str, slug: &str) -> String {
    format!("{base}docs/{slug}/")
}

/// An error for each document whose slug another one (sorted next to it) has.
pub(super) fn duplicate_slugs(documents: &[Document]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for pair in documents.windows(2) {
        if pair[0].slug != pair[1].slug {
            continue;
        }
        // Report on the file whose front matter set the slug, if one did: that line is the fix.
        let (reported, other) = if pair[0].meta.slug.is_some() && pair[1].meta.slug.is_none() {
            (&pair[0], &pair[1])
        } else {
            (&pair[1], &pair[0])
        };
        let diagnostic = Diagnostic::error(
            &reported.display_path,
            format!(
                "duplicate slug {:?}: {} has the same one",
                reported.slug,
                other.display_path.display()
            ),
        )
        .with_hint("give one of them a different `slug` in its front matter, or rename the file");
        diagnostics.push(at_slug_key(reported, diagnostic));
    }
    diagnostics
}

/// Points at the `slug` line when the slug was set in front matter.
fn at_slug_key(document: &Document, diagnostic: Diagnostic) -> Diagnostic {
    let front_matter = &document.text[..document.body_offset];
    match crate::front_matter::find_key(front_matter, "slug") {
        Some(offset) if document.meta.slug.is_some() => {
            diagnostic.at_offset(&document.text, offset)
        }
        _ => diagnostic,
    }
}

/// Fills in every entry's backlinks from the others' links.
pub(super) fn add_backlinks(entries: &mut [Entry]) {
    let index: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.document.source.as_str(), i))
        .collect();
    let mut backlinks: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (from, entry) in entries.iter().enumerate() {
        for target in &entry.body.links_to {
            if let Some(&to) = index.get(target.as_str())
                && to != from
            {
                backlinks[to].push(from);
            }
        }
    }
    for (entry, links) in entries.iter_mut().zip(backlinks) {
        entry.backlinks = links;
    }
}
