//! Ownership: one single-threaded leader per idea, leading nothing else that
//! is active. (A missing owner, status or stage is reported while parsing the
//! front matter, under the rules `owner-missing`, `status-missing` and
//! `stage-missing`.)

use super::{Checked, Context, Finder, rules};
use crate::document::slugify;

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
    let others: Vec<String> = group
        .entries
        .iter()
        .filter(|&&i| i != doc.index)
        .map(|&i| &library.entries[i].document)
        .filter(|other| is_active(other))
        .map(|other| {
            let status = other.status.label(statuses, "no status");
            format!("{} ({status})", other.title)
        })
        .collect();
    if others.is_empty() {
        return;
    }
    find.at_key(
        rules::OWNER_OVERLOADED,
        "owner",
        0,
        format!(
            "{} also leads {} other active PR/FAQ{}: {}",
            owner.trim(),
            others.len(),
            if others.len() == 1 { "" } else { "s" },
            others.join(", ")
        ),
    );
}
