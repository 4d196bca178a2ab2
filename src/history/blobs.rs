//! What the build derives from old blobs, kept by blob id between builds.
//!
//! A blob id names its bytes forever, so what is derived from a blob (its
//! front matter facts) or from a pair of blobs (the step between them) never
//! goes stale: a build reads from git only the blobs it has never seen, and
//! a rebuild of an unchanged library reads none. The store keeps only what
//! the current history uses, so it is bounded by the history itself (linear
//! in the total size of the diffs, like the history pages).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::git;
use super::steps::Step;
use crate::config::Fields;
use crate::document::parse_meta;
use crate::front_matter;

/// Facts about one blob: whether it is text, and its front matter's fields
/// as written (resolved against site.toml at each build, which may change).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobFacts {
    pub readable: bool,
    pub status: Option<String>,
    pub stage: Option<String>,
    pub owner: Option<String>,
}

/// Facts by blob id and steps by `"<new blob> <old blob>"`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Blobs {
    facts: HashMap<String, BlobFacts>,
    steps: HashMap<String, Arc<Step>>,
    /// Whether this build learned or dropped anything: an unchanged store
    /// need not be written again.
    #[serde(skip)]
    changed: bool,
}

/// How many blobs one build read from git, and how many came from the store.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlobStats {
    pub read: usize,
    pub cached: usize,
}

impl Blobs {
    /// Facts of every blob in `wanted`, reading from git those not known yet,
    /// and with them the known blobs of `also` (see [`Blobs::older_of_new`]).
    /// Returns what was read, so steps can be computed from it.
    pub fn learn(
        &mut self,
        (root, fields): (&Path, &Fields),
        (wanted, also): (&[&str], &[&str]),
        stats: &mut BlobStats,
    ) -> Result<HashMap<String, Arc<str>>, String> {
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|b| !self.facts.contains_key(*b))
            .collect();
        stats.cached += wanted.len() - missing.len();
        let mut to_read = missing.clone();
        to_read.extend(also.iter().filter(|b| self.facts.contains_key(**b)));
        let texts = read(root, &to_read, stats)?;
        let learned: Vec<(String, BlobFacts)> = missing
            .par_iter()
            .map(|blob| {
                let facts = texts
                    .get(*blob)
                    .map_or_else(BlobFacts::default, |t| facts(fields, t));
                ((*blob).to_owned(), facts)
            })
            .collect();
        self.changed |= !learned.is_empty();
        self.facts.extend(learned);
        Ok(texts)
    }

    pub fn facts(&self, blob: &str) -> Option<&BlobFacts> {
        self.facts.get(blob)
    }

    /// For each blob of `chains` (a document's blobs, newest first) the
    /// store has never seen, the next older one it knows to be readable:
    /// what a new step will be diffed against. Read with the new blobs, they
    /// spare a rebuild after a commit a second `git cat-file` (6 ms of a
    /// 0.3 s rebuild at 1,000 documents).
    pub fn older_of_new<'a>(&self, chains: &[Vec<&'a str>]) -> Vec<&'a str> {
        let readable = |b: &&str| self.facts(b).is_some_and(|f| f.readable);
        let mut older: Vec<&str> = chains
            .iter()
            .flat_map(|chain| {
                let new = |i: &usize| self.facts(chain[*i]).is_none();
                (0..chain.len())
                    .filter(new)
                    .filter_map(|i| chain[i + 1..].iter().copied().find(readable))
            })
            .collect();
        older.sort_unstable();
        older.dedup();
        older
    }

    /// The steps between each `(new, old)` pair, computing the missing ones
    /// from `texts` (and from git for blobs not in it).
    pub fn steps(
        &mut self,
        root: &Path,
        pairs: &[(&str, &str)],
        texts: &mut HashMap<String, Arc<str>>,
        stats: &mut BlobStats,
    ) -> Result<(), String> {
        let missing: Vec<(&str, &str)> = pairs
            .iter()
            .copied()
            .filter(|(new, old)| !self.steps.contains_key(&key(new, old)))
            .collect();
        let mut unread: Vec<&str> = missing
            .iter()
            .flat_map(|&(new, old)| [new, old])
            .filter(|b| !texts.contains_key(*b))
            .collect();
        unread.sort_unstable();
        unread.dedup();
        texts.extend(read(root, &unread, stats)?);
        let computed: Vec<(String, Arc<Step>)> = missing
            .par_iter()
            .filter_map(|&(new, old)| {
                let step = Step::new(texts.get(old)?, texts.get(new)?);
                Some((key(new, old), Arc::new(step)))
            })
            .collect();
        self.changed |= !computed.is_empty();
        self.steps.extend(computed);
        Ok(())
    }

    pub fn step(&self, new: &str, old: &str) -> Option<Arc<Step>> {
        self.steps.get(&key(new, old)).cloned()
    }

    /// Keeps only the facts and steps of `blobs` and `pairs`: the store never
    /// holds more than the current history uses. `blobs` are distinct and
    /// all known (as after [`Blobs::learn`]), so the facts are those of
    /// `blobs` when there are as many; the steps are taken to be `pairs`
    /// when there are as many, which a pair repeated (a copied file) may
    /// get wrong by a step kept too long, never by more steps than pairs.
    /// Checking that first spares most rebuilds the sets (8 ms at 1,000
    /// documents).
    pub fn retain(&mut self, blobs: &[&str], pairs: &[(&str, &str)]) {
        if self.facts.len() == blobs.len() && self.steps.len() == pairs.len() {
            return;
        }
        let blobs: HashSet<&str> = blobs.iter().copied().collect();
        let before = (self.facts.len(), self.steps.len());
        self.facts.retain(|blob, _| blobs.contains(blob.as_str()));
        let keys: HashSet<String> = pairs.iter().map(|(n, o)| key(n, o)).collect();
        self.steps.retain(|k, _| keys.contains(k));
        self.changed |= before != (self.facts.len(), self.steps.len());
    }

    /// Whether anything was learned or dropped since the store was made or read.
    pub fn changed(&self) -> bool {
        self.changed
    }
}

/// Reads blobs through one `git cat-file --batch`, counting them.
pub fn read(
    root: &Path,
    blobs: &[&str],
    stats: &mut BlobStats,
) -> Result<HashMap<String, Arc<str>>, String> {
    if blobs.is_empty() {
        return Ok(HashMap::new());
    }
    stats.read += blobs.len();
    let texts = git::read_blobs(root, blobs).map_err(|e| format!("{e:?}"))?;
    Ok(texts.into_iter().map(|(k, v)| (k, Arc::from(v))).collect())
}

fn key(new: &str, old: &str) -> String {
    format!("{new} {old}")
}

/// Status, stage and owner of an old revision, through site.toml's `[fields]`
/// mapping; lenient, since old revisions may be broken.
fn facts(fields: &Fields, text: &str) -> BlobFacts {
    let readable = BlobFacts {
        readable: true,
        ..BlobFacts::default()
    };
    let Ok(split) = front_matter::split(text) else {
        return readable;
    };
    let meta = match split.front_matter {
        None => Ok(crate::document::Meta::default()),
        Some(fm) => parse_meta(fm.format, fm.text),
    };
    let Ok(mut meta) = meta else {
        return readable;
    };
    crate::document::fields::apply(&mut meta, fields, &text[split.body_offset..]);
    BlobFacts {
        readable: true,
        status: meta.status,
        stage: meta.stage,
        owner: meta.owner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store that knows `readable` as text and `unreadable` as binary.
    fn store(readable: &[&str], unreadable: &[&str]) -> Blobs {
        let mut blobs = Blobs::default();
        for (list, is_text) in [(readable, true), (unreadable, false)] {
            for blob in list {
                let facts = BlobFacts {
                    readable: is_text,
                    ..BlobFacts::default()
                };
                blobs.facts.insert((*blob).to_owned(), facts);
            }
        }
        blobs
    }

    #[test]
    fn a_new_blob_is_read_with_the_older_readable_blob_it_will_be_diffed_against() {
        let blobs = store(&["a1", "a2", "b1"], &["a-binary"]);
        let chains = vec![
            // A commit on top of a1, past a binary version: a1 is wanted.
            vec!["a-new", "a-binary", "a1", "a2"],
            // Nothing new: nothing more to read.
            vec!["b1"],
            // Two new blobs: both are read anyway, and nothing older is known.
            vec!["c-new", "c-newer-base"],
        ];
        assert_eq!(blobs.older_of_new(&chains), vec!["a1"]);
        assert!(store(&[], &[]).older_of_new(&chains).is_empty());
    }

    #[test]
    fn retain_drops_what_the_history_no_longer_uses_and_leaves_an_exact_store_alone() {
        let mut blobs = store(&["a", "b", "c"], &[]);
        let step = Arc::new(Step::new("one\n", "two\n"));
        blobs.steps.insert(key("b", "a"), step.clone());
        blobs.steps.insert(key("c", "b"), step);
        blobs.retain(&["a", "b", "c"], &[("b", "a"), ("c", "b")]);
        assert!(!blobs.changed(), "nothing to drop");
        blobs.retain(&["b", "c"], &[("c", "b")]);
        assert!(blobs.changed());
        assert!(blobs.facts("a").is_none() && blobs.facts("b").is_some());
        assert!(blobs.step("b", "a").is_none() && blobs.step("c", "b").is_some());
    }
}
