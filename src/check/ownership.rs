//! Ownership: one single-threaded leader per idea, leading nothing else that
//! is active. (A missing owner, status or stage is reported while parsing the
//! front matter, under the rules `owner-missing`, `status-missing` and
//! `stage-missing`.)

use super::{Checked, Context, Finder, rules};
use crate::document::slugify;

/// How many of the leader's other active documents the message names.
const NAMED: usize = 3;

/// Reports a document whose owner also leads other active documents.
pub fn check(context: &Context<'_>, doc: &Checked<'_>, find: &mut Finder<'_>) {
    let library = context.library;
    let statuses = &library.config.statuses;
    let is_active = |document: &crate::document::Document| {
        let term = document.status.term(statuses);
        match &find.config.owner_overloaded.active {
            Some(active) => term.is_some_and(|t| active.contains(&t.id)),
            None => term.is_some_and(|t| t.active),
        }
    };
    let meta = &doc.document.meta;
    if !is_active(doc.document) {
        return;
    }
    let Some(owner) = meta.owner.as_deref() else {
        return;
    };
    let Some(group) = library.owners.get(&slugify(owner)) else {
        return;
    };
    let mut others = group
        .entries
        .iter()
        .filter(|&&i| i != doc.index)
        .map(|&i| &library.entries[i].document)
        .filter(|other| is_active(other));
    // A few names say who; a leader of hundreds would otherwise put every
    // one of them on each of their pages (and the list grows with the square).
    let named: Vec<String> = others
        .by_ref()
        .take(NAMED)
        .map(|other| {
            let status = other.status.label(statuses, "no status");
            format!("{} ({status})", other.title)
        })
        .collect();
    if named.is_empty() {
        return;
    }
    let more = others.count();
    let total = named.len() + more;
    let list = match more {
        0 => named.join(", "),
        _ => format!("{} and {more} more", named.join(", ")),
    };
    find.at_key(
        rules::OWNER_OVERLOADED,
        "owner",
        0,
        format!(
            "{} also leads {total} other active PR/FAQ{}: {list}",
            owner.trim(),
            if total == 1 { "" } else { "s" },
        ),
    );
}
