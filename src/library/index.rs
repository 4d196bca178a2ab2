//! The library's indexes: documents grouped by owner and by tag, each group
//! under the slug of its page.

use std::collections::BTreeMap;

use super::Entry;
use crate::slug::slugify;

/// Documents sharing an owner or a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The name as first written (trimmed).
    pub name: String,
    /// Entry indexes, in library order, each once.
    pub entries: Vec<usize>,
}

/// Owner slug -> the documents it leads.
pub(super) fn by_owner(entries: &[Entry]) -> BTreeMap<String, Group> {
    group_by(entries, |e| e.document.meta.owner.iter().cloned().collect())
}

/// Tag slug -> the documents tagged with it.
pub(super) fn by_tag(entries: &[Entry]) -> BTreeMap<String, Group> {
    group_by(entries, |e| e.document.meta.tags.clone())
}

/// Groups entries by the slugs of their `keys`; names without letters or digits get no group.
fn group_by(entries: &[Entry], keys: impl Fn(&Entry) -> Vec<String>) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for name in keys(entry) {
            let name = name.trim().to_owned();
            let slug = slugify(&name);
            if slug.is_empty() {
                continue;
            }
            let group = groups.entry(slug).or_insert_with(|| Group {
                name,
                entries: Vec::new(),
            });
            if group.entries.last() != Some(&i) {
                group.entries.push(i);
            }
        }
    }
    groups
}
