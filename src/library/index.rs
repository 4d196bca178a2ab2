//! The library's indexes: documents by status and by stage (one list per
//! configured term, plus the unknown ones), and grouped by owner and by tag,
//! each group under the slug of its page. The home counts, the board, the
//! pipeline and the leader pages all read these.

use std::collections::BTreeMap;

use super::Entry;
use crate::config::Resolved;
use crate::slug::slugify;

/// Documents sharing an owner or a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The name as first written (trimmed).
    pub name: String,
    /// Entry indexes, in library order, each once.
    pub entries: Vec<usize>,
}

/// Documents by term: entry indexes in library order, per configured term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermIndex {
    /// One list per configured term, in the vocabulary's order.
    pub terms: Vec<Vec<usize>>,
    /// Documents whose term is missing or not configured.
    pub unknown: Vec<usize>,
}

impl TermIndex {
    /// Indexes `entries` by the term `term` picks, among `count` configured ones.
    pub(super) fn new(entries: &[Entry], count: usize, term: fn(&Entry) -> &Resolved) -> Self {
        let mut index = TermIndex {
            terms: vec![Vec::new(); count],
            unknown: Vec::new(),
        };
        for (i, entry) in entries.iter().enumerate() {
            match term(entry) {
                Resolved::Known(t) if *t < count => index.terms[*t].push(i),
                _ => index.unknown.push(i),
            }
        }
        index
    }
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

#[cfg(test)]
mod tests {
    use crate::library::test_support::{doc, library};

    #[test]
    fn groups_by_slug_keep_the_first_name_and_each_document_once() {
        let library = library(&[
            (
                "a.md",
                &doc(" Zoë Brandt ", "draft", &["Pay", "pay", "!!"], &[]),
            ),
            ("b.md", &doc("zoe brandt", "draft", &["PAY"], &[])),
        ]);
        let zoe = &library.owners["zoe-brandt"];
        assert_eq!(zoe.name, "Zoë Brandt", "trimmed, as first written");
        assert_eq!(zoe.entries, [0, 1]);
        assert_eq!(
            library.tags["pay"].entries,
            [0, 1],
            "a document once per group"
        );
        assert_eq!(
            library.tags.len(),
            1,
            "a name without letters gets no group"
        );
    }
}
