//! Links to an anchor inside another PR/FAQ (or this one) that does not exist.
//! (A link to a document that does not exist is reported while rendering,
//! under the rule `link-broken`.)

use super::{Checked, Context, Finder, rules};
use crate::markdown::relative_md_target;

/// Reports links whose `#anchor` is not a heading of the document they point at.
pub fn check(context: &Context<'_>, doc: &Checked<'_>, find: &mut Finder<'_>) {
    for link in &doc.outline.links {
        let (target, fragment) = if let Some(fragment) = link.dest.strip_prefix('#') {
            (Some(doc.index), fragment.to_owned())
        } else {
            match relative_md_target(&doc.document.source, &link.dest) {
                Some((path, fragment)) => (
                    context.by_source.get(path.as_str()).copied(),
                    fragment.trim_start_matches('#').to_owned(),
                ),
                None => continue,
            }
        };
        let Some(target) = target else {
            continue; // a missing document: link-broken
        };
        if fragment.is_empty() {
            continue;
        }
        let fragment = percent_encoding::percent_decode_str(&fragment)
            .decode_utf8_lossy()
            .into_owned();
        let entry = &context.library.entries[target];
        if !entry.body.anchors.contains(&fragment) {
            find.add(
                rules::LINK_ANCHOR,
                link.offset,
                format!(
                    "link to \"{}\": {} has no heading with the anchor #{fragment}",
                    link.dest, entry.document.title
                ),
            );
        }
    }
}
