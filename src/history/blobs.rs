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
    /// Facts of every blob in `wanted`, reading from git those not known yet.
    /// Returns what was read, so steps can be computed from it.
    pub fn learn(
        &mut self,
        (root, fields): (&Path, &Fields),
        wanted: &[&str],
        stats: &mut BlobStats,
    ) -> Result<HashMap<String, Arc<str>>, String> {
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|b| !self.facts.contains_key(*b))
            .collect();
        stats.cached += wanted.len() - missing.len();
        let texts = read(root, &missing, stats)?;
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
    /// holds more than the current history uses.
    pub fn retain(&mut self, blobs: &HashSet<&str>, pairs: &[(&str, &str)]) {
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
