//! Every term of the index, numbered: documents' contributions hold term
//! numbers, not strings, so ten thousand documents' postings cost a few bytes
//! each in memory and in the cache, and the shards are built without hashing
//! a string per posting.

use std::collections::HashMap;

/// The terms of an index, each with its number.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    terms: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Dictionary {
    /// A dictionary of `terms`; `None` if a term repeats (not one we wrote).
    pub fn from_terms(terms: Vec<String>) -> Option<Dictionary> {
        let mut ids = HashMap::with_capacity(terms.len());
        for (id, term) in terms.iter().enumerate() {
            if ids.insert(term.clone(), u32::try_from(id).ok()?).is_some() {
                return None;
            }
        }
        Some(Dictionary { terms, ids })
    }

    /// The number of `term`, numbering it if it is new.
    pub fn id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    /// Every term number, in term order.
    pub fn in_order(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.terms.len() as u32).collect();
        if !self.terms.is_sorted() {
            ids.sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        }
        ids
    }

    /// The terms whose number `used` marks, in term order, and each old
    /// number's new one (`u32::MAX` for dropped terms).
    pub fn compact(&self, used: &[bool]) -> (Vec<String>, Vec<u32>) {
        let mut renumber = vec![u32::MAX; self.terms.len()];
        let mut kept = Vec::new();
        for id in self.in_order() {
            if used.get(id as usize).copied().unwrap_or(false) {
                renumber[id as usize] = kept.len() as u32;
                kept.push(self.terms[id as usize].clone());
            }
        }
        (kept, renumber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_terms_once_and_orders_them() {
        let mut dictionary = Dictionary::default();
        let zebra = dictionary.id("zebra".into());
        let apple = dictionary.id("apple".into());
        assert_eq!(dictionary.id("zebra".into()), zebra);
        assert_eq!(dictionary.term(apple), "apple");
        assert_eq!(dictionary.in_order(), [apple, zebra]);
        let (kept, renumber) = dictionary.compact(&[true, false]);
        assert_eq!(kept, ["zebra"]);
        assert_eq!(renumber, [0, u32::MAX]);
    }

    #[test]
    fn refuses_repeated_terms() {
        assert!(Dictionary::from_terms(vec!["a".into(), "a".into()]).is_none());
    }
}
