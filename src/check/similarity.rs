//! Which documents read alike: TF-IDF vectors over each document's title,
//! summary and press release, compared by cosine similarity.
//!
//! The same neighbours give the "Related PR/FAQs" list on every page and the
//! déjà-vu rule, which warns when a new idea closely resembles one that was
//! shelved — the finding that saves a team a quarter. Comparing every pair
//! would grow with the square of the library, so candidates come from an
//! inverted index over each document's most distinctive terms only.

use std::collections::HashMap;

use rayon::prelude::*;

use super::memo::{self, NeighbourCache, Neighbours};
use super::outline::Outline;
use super::{CheckConfig, Checked, Context, Finder, rules};
use crate::document::Outcome;
use crate::library::Library;

/// Terms per document used to find candidates.
const TOP_TERMS: usize = 32;
/// Neighbours kept per document (enough for the related list and déjà vu).
const KEEP: usize = 16;

/// For each document, its most similar other documents, most similar first.
/// Reuses `previous` when its key is that of this library's texts and
/// settings; returns the cache to keep for the next build.
pub fn neighbours(
    library: &Library,
    outlines: &[Outline],
    config: &CheckConfig,
    previous: Option<&NeighbourCache>,
) -> NeighbourCache {
    let texts = texts(library, outlines);
    let key = memo::key(&texts, config);
    let reused = previous.and_then(|cache| cache.reuse(key, texts.len()));
    crate::timings::count(
        "check: neighbours from the cache",
        usize::from(reused.is_some()),
    );
    let neighbours = match reused {
        Some(neighbours) => neighbours.clone(),
        None => compute(&texts, config),
    };
    NeighbourCache::new(key, neighbours)
}

/// What similarity compares: each document's title, summary and press release.
fn texts(library: &Library, outlines: &[Outline]) -> Vec<String> {
    library
        .entries
        .iter()
        .zip(outlines)
        .map(|(entry, outline)| {
            let mut text = entry.document.title.clone();
            text.push('\n');
            text.push_str(&entry.body.summary);
            for block in outline.press_release() {
                text.push('\n');
                text.push_str(&block.text);
            }
            text
        })
        .collect()
}

fn compute(texts: &[String], config: &CheckConfig) -> Neighbours {
    let started = std::time::Instant::now();
    let vectors = tf_idf(texts);
    crate::timings::stage("check: tf-idf", started);
    let floor = config.related.min_similarity.min(config.deja_vu.threshold);
    let tops: Vec<Vector> = vectors.iter().map(top_terms).collect();
    // Inverted index over each document's top terms: term -> (document, weight).
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    for (i, top) in tops.iter().enumerate() {
        for &(term, weight) in top {
            postings.entry(term).or_default().push((i, weight));
        }
    }
    // A term among the top terms of a large share of the library says little,
    // and would make the work grow with the square of the library.
    let cap = (vectors.len() / 20).max(100);
    tops.par_iter()
        .enumerate()
        .map_init(
            || Scratch::new(vectors.len()),
            |scratch, (i, top)| {
                let candidates = scratch.candidates(i, top, &postings, cap);
                let mut scored: Vec<(usize, f32)> = candidates
                    .into_iter()
                    .map(|j| (j, cosine(&vectors[i], &vectors[j])))
                    .filter(|&(_, score)| score >= floor && score > 0.0)
                    .collect();
                scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                scored.truncate(KEEP);
                scored
            },
        )
        .collect()
}

/// One thread's working memory for [`Scratch::candidates`]: a partial dot
/// product per document, all zero between calls, so a document's search
/// costs what its postings touch, not the size of the library.
struct Scratch {
    partial: Vec<f32>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(documents: usize) -> Self {
        Scratch {
            partial: vec![0.0; documents],
            touched: Vec::new(),
        }
    }

    /// The documents sharing the most weight of top terms with document `i`
    /// (a partial dot product), a few more than are kept: only those get an
    /// exact cosine. Ties go to the earlier document.
    fn candidates(
        &mut self,
        i: usize,
        top: &Vector,
        postings: &HashMap<u32, Vec<(usize, f32)>>,
        cap: usize,
    ) -> Vec<usize> {
        let Scratch { partial, touched } = self;
        for (term, weight) in top {
            let Some(list) = postings.get(term).filter(|list| list.len() <= cap) else {
                continue;
            };
            for &(j, other) in list {
                if j != i {
                    if partial[j] == 0.0 {
                        touched.push(j);
                    }
                    partial[j] += weight * other;
                }
            }
        }
        // A total order (score, then index), so selecting the best few and
        // sorting only those gives what sorting everything would.
        let order = |a: &usize, b: &usize| partial[*b].total_cmp(&partial[*a]).then(a.cmp(b));
        let wanted = KEEP * 2;
        if touched.len() > wanted {
            touched.select_nth_unstable_by(wanted, order);
        }
        let mut best = touched[..touched.len().min(wanted)].to_vec();
        best.sort_unstable_by(order);
        for j in touched.drain(..) {
            partial[j] = 0.0;
        }
        best
    }
}

/// Déjà vu: the document reads like a shelved one it does not link to.
pub fn deja_vu(
    context: &Context<'_>,
    doc: &Checked<'_>,
    neighbours: &[(usize, f32)],
    find: &mut Finder<'_>,
) {
    let config = find.config;
    let library = context.library;
    let is_shelved =
        |document| super::status_id(library, document).is_some_and(|s| config.is_shelved(s));
    if is_shelved(doc.document) {
        return;
    }
    let shelved = neighbours.iter().find(|&&(j, score)| {
        let other = &library.entries[j];
        score >= config.deja_vu.threshold
            && is_shelved(&other.document)
            // A document that links to the shelved one has read it already.
            && !doc.body.links_to.contains(&other.document.source)
    });
    let Some(&(j, score)) = shelved else {
        return;
    };
    let other = &library.entries[j].document;
    let decision = other
        .meta
        .decisions
        .iter()
        .rev()
        .find(|d| d.outcome == Outcome::Shelve);
    let why = match decision {
        Some(d) => format!(
            "shelved {}{}",
            d.date,
            d.note
                .as_deref()
                .map(|n| format!(": {}", n.trim()))
                .unwrap_or_default()
        ),
        None => "shelved".into(),
    };
    let offset = doc
        .outline
        .section_heading(crate::markdown::SectionKind::PressRelease)
        .or(doc.outline.press_release().next())
        .map_or(0, |b| b.offset);
    find.add(
        rules::DEJA_VU,
        offset,
        format!(
            "looks like {} ({why}) — {:.0}% similar",
            other.title,
            score * 100.0
        ),
    );
}

/// Sparse, L2-normalised vectors: (term id, weight), sorted by term id.
type Vector = Vec<(u32, f32)>;

fn tf_idf(texts: &[String]) -> Vec<Vector> {
    // Count words in parallel, then number the terms in one pass.
    let counted: Vec<HashMap<String, u32>> = texts
        .par_iter()
        .map(|text| {
            let mut counts = HashMap::new();
            for token in tokens(text) {
                *counts.entry(token).or_insert(0) += 1;
            }
            counts
        })
        .collect();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    // Terms are numbered in a fixed order (documents in order, each one's
    // terms sorted), so ties break the same way on every build.
    let counts: Vec<Vec<(u32, u32)>> = counted
        .iter()
        .map(|doc| {
            let mut terms: Vec<(&String, &u32)> = doc.iter().collect();
            terms.sort_unstable();
            terms
                .into_iter()
                .map(|(token, &tf)| {
                    let next = u32::try_from(df.len()).unwrap_or(u32::MAX);
                    let id = *ids.entry(token.as_str()).or_insert(next);
                    if id == next {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    (id, tf)
                })
                .collect()
        })
        .collect();
    let n = texts.len() as f32;
    counts
        .into_par_iter()
        .map(|doc| {
            let mut vector: Vector = doc
                .into_iter()
                .map(|(term, tf)| {
                    let idf = ((n + 1.0) / df[term as usize] as f32).ln();
                    (term, (1.0 + (tf as f32).ln()) * idf)
                })
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut vector {
                    *w /= norm;
                }
            }
            vector.sort_unstable_by_key(|&(term, _)| term);
            vector
        })
        .collect()
}

fn top_terms(vector: &Vector) -> Vector {
    let mut top = vector.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(TOP_TERMS);
    top
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Lowercase words of three letters or more, without stop words, plural `s` dropped.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() > 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => w,
        })
}

const STOP_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "because", "been", "before", "but",
    "can", "could", "did", "does", "each", "for", "from", "had", "has", "have", "her", "his",
    "how", "into", "its", "just", "more", "most", "not", "now", "one", "only", "our", "out",
    "over", "said", "says", "she", "than", "that", "the", "their", "them", "then", "there", "they",
    "this", "today", "two", "was", "way", "we", "were", "what", "when", "which", "who", "will",
    "with", "would", "you", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_texts_score_higher_than_unrelated_ones() {
        let texts = [
            "Borrow a core aerator or tiller from the store for a weekend".to_owned(),
            "Borrow a tiller or an aerator from your local store this weekend".to_owned(),
            "Split one order across three jobs and get three receipts".to_owned(),
        ];
        let v = tf_idf(&texts);
        assert!(cosine(&v[0], &v[1]) > 0.5, "{}", cosine(&v[0], &v[1]));
        assert!(cosine(&v[0], &v[2]) < 0.1, "{}", cosine(&v[0], &v[2]));
        assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn candidates_are_the_best_partial_scores_and_the_scratch_is_left_clean() {
        // 40 documents over 3 terms, many tied: ties go to the earlier document.
        let tops: Vec<Vector> = (0..40u32)
            .map(|d| vec![(d % 3, 0.5 + (d % 4) as f32 / 8.0), (3, 0.25)])
            .collect();
        let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
        for (i, top) in tops.iter().enumerate() {
            for &(term, weight) in top {
                postings.entry(term).or_default().push((i, weight));
            }
        }
        let naive = |i: usize| {
            let mut scores = vec![0.0f32; tops.len()];
            for &(term, weight) in &tops[i] {
                for &(j, other) in &postings[&term] {
                    if j != i {
                        scores[j] += weight * other;
                    }
                }
            }
            let mut all: Vec<usize> = (0..tops.len()).filter(|&j| scores[j] > 0.0).collect();
            all.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            all.truncate(KEEP * 2);
            all
        };
        let mut scratch = Scratch::new(tops.len());
        for i in [0, 7, 0, 39, 12] {
            assert_eq!(scratch.candidates(i, &tops[i], &postings, 100), naive(i));
            assert!(scratch.partial.iter().all(|&p| p == 0.0));
            assert!(scratch.touched.is_empty());
        }
    }
}
