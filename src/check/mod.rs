//! `prfaq check`: the Working Backwards review rules, applied to the library.
//!
//! Reviewers enforce the method's rules by hand before a meeting: the press
//! release fits on a page and has its parts, the FAQ answers both halves, one
//! leader owns the idea and leads nothing else, the decision is recorded. The
//! rules here do it on every build and pull request. Each rule has a stable
//! id (`rules.rs`), a level set in site.toml's `[check]` table (`config.rs`),
//! and can be skipped by one document with `check.skip = ["rule-id"]`.
//!
//! [`review`] is a stage of the pipeline like the others: data in (the
//! library and the diagnostics found while building it), data out (every
//! finding at its level, per document, plus each document's most similar
//! documents). `build` shows the findings on the pages; `check` prints them.

mod decisions;
mod faq;
pub mod format;
mod language;
mod links;
mod memo;
mod outline;
mod outline_cache;
mod ownership;
mod press_release;
mod similarity;

pub(crate) use outline_cache::{CACHE_FILE as OUTLINE_CACHE_FILE, Outlines};

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

pub use crate::config::check::CheckConfig;
pub use crate::library::Review;
use crate::rules::{self, Level};
pub use memo::{CACHE_FILE, NeighbourCache};

use crate::diagnostics::{self, Diagnostic, Severity};
use crate::document::{Date, Document};
use crate::library::{Entry, Library};
use crate::markdown::Body;

/// Runs every rule over the library and applies the `[check]` levels and each
/// document's `check.skip` to them and to the build's own `diagnostics` that
/// belong to a rule (a missing owner, a broken link). Returns the review and
/// every diagnostic to report, sorted; the findings per document and the
/// similar documents are kept in `library.review` for the pages.
pub fn review(
    library: &mut Library,
    diagnostics: Vec<Diagnostic>,
    today: &str,
    previous: Option<&NeighbourCache>,
    outlines: &[outline::Outline],
) -> (Vec<Diagnostic>, NeighbourCache) {
    let (review, reported, cache) = run(library, diagnostics, today, previous, outlines);
    library.review = review;
    (reported, cache)
}

fn run(
    library: &Library,
    diagnostics: Vec<Diagnostic>,
    today: &str,
    previous: Option<&NeighbourCache>,
    outlines: &[outline::Outline],
) -> (Review, Vec<Diagnostic>, NeighbourCache) {
    let config = &library.config.check;
    let started = std::time::Instant::now();
    let context = Context::new(library, today);
    let cache = similarity::neighbours(library, outlines, config, previous);
    let similar = &cache.neighbours;
    crate::timings::stage("check: similarity", started);
    let per_document: Vec<Vec<Diagnostic>> = library
        .entries
        .par_iter()
        .enumerate()
        .map(|(index, _)| rules_for(&context, index, &outlines[index], &similar[index]))
        .collect();
    crate::timings::stage("check rules", started);
    let found = diagnostics
        .into_iter()
        .chain(per_document.into_iter().flatten());
    let (notes, all) = at_levels(library, found);
    let related = similar
        .iter()
        .map(|list| {
            list.iter()
                .copied()
                .filter(|&(_, score)| score >= config.related.min_similarity)
                .take(config.related.count)
                .collect()
        })
        .collect();
    (Review { notes, related }, all, cache)
}

/// Every diagnostic at its configured level (dropped when off or skipped),
/// sorted; and, per document, those of a rule: its review notes.
fn at_levels(
    library: &Library,
    found: impl Iterator<Item = Diagnostic>,
) -> (Vec<Vec<Diagnostic>>, Vec<Diagnostic>) {
    let positions: HashMap<&Path, usize> = library
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.document.display_path.as_path(), i))
        .collect();
    let mut notes: Vec<Vec<Diagnostic>> = vec![Vec::new(); library.entries.len()];
    let mut all = Vec::new();
    for diagnostic in found {
        let entry = positions.get(diagnostic.path.as_path()).copied();
        let document = entry.map(|i| &library.entries[i].document);
        let Some(diagnostic) = apply_level(&library.config.check, document, diagnostic) else {
            continue;
        };
        if let Some(i) = entry
            && diagnostic.rule.is_some()
        {
            notes[i].push(diagnostic.clone());
        }
        all.push(diagnostic);
    }
    for list in &mut notes {
        diagnostics::sort(list);
    }
    diagnostics::sort(&mut all);
    (notes, all)
}

/// Runs the rules again for the documents at `indexes` after an edit (what
/// `serve` does on save), keeping every other document's notes and the
/// similarity lists as they were: cheap, and exact until the next full load.
pub fn update(library: &mut Library, indexes: &[usize], today: &str) {
    let config = &library.config.check;
    let context = Context::new(library, today);
    let mut updated = Vec::new();
    for &index in indexes {
        let Some(entry) = library.entries.get(index) else {
            continue;
        };
        let outline = outline::outline(&entry.document);
        let neighbours = library
            .review
            .related
            .get(index)
            .cloned()
            .unwrap_or_default();
        let mut notes: Vec<Diagnostic> = rules_for(&context, index, &outline, &neighbours)
            .into_iter()
            .filter_map(|d| apply_level(config, Some(&entry.document), d))
            .collect();
        diagnostics::sort(&mut notes);
        updated.push((index, notes));
    }
    for (index, notes) in updated {
        if let Some(slot) = library.review.notes.get_mut(index) {
            *slot = notes;
        }
    }
}

/// Every per-document rule, on the document at `index`.
fn rules_for(
    context: &Context<'_>,
    index: usize,
    outline: &outline::Outline,
    neighbours: &[(usize, f32)],
) -> Vec<Diagnostic> {
    let entry = &context.library.entries[index];
    let checked = Checked {
        index,
        entry,
        status: status_id(context.library, &entry.document),
        document: &entry.document,
        body: &entry.body,
        outline,
    };
    let mut find = Finder::new(&context.library.config.check, &entry.document);
    press_release::check(&checked, &context.fluff, &mut find);
    faq::check(&checked, &mut find);
    ownership::check(context, &checked, &mut find);
    decisions::check(context, &checked, &mut find);
    links::check(context, &checked, &mut find);
    similarity::deja_vu(context, &checked, neighbours, &mut find);
    skip_list_rule(&checked, &mut find);
    find.out
}

/// A review note: a warning of a rule that `build` only counts (it lists the
/// warnings it always listed: a missing owner, status or stage, a broken
/// link). Notes show in the pages' Review notes, not among build problems.
pub fn is_review_note(diagnostic: &Diagnostic) -> bool {
    !diagnostic.is_error()
        && diagnostic
            .rule
            .is_some_and(|rule| !rule.rule().listed_by_build())
}

/// Today as `YYYY-MM-DD`: from `SOURCE_DATE_EPOCH` when set (reproducible
/// builds and tests), else the system clock.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` date.
pub fn days(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// What library-level rules need: the library, today, and lookups.
struct Context<'a> {
    library: &'a Library,
    today: Date,
    /// Content-relative source -> entry index.
    by_source: HashMap<&'a str, usize>,
    /// The fluff phrases, searched for all at once.
    fluff: press_release::FluffPhrases,
}

impl<'a> Context<'a> {
    fn new(library: &'a Library, today: &str) -> Self {
        let today = Date::parse(today).unwrap_or_default();
        let by_source = library
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.document.source.as_str(), i))
            .collect();
        Context {
            fluff: press_release::FluffPhrases::new(&library.config.check.pr_fluff),
            library,
            today,
            by_source,
        }
    }
}

/// One document as the rules see it.
struct Checked<'a> {
    index: usize,
    entry: &'a Entry,
    /// Its status id, when it is a configured one.
    status: Option<&'a str>,
    document: &'a Document,
    body: &'a Body,
    outline: &'a outline::Outline,
}

/// Collects one document's findings.
struct Finder<'a> {
    config: &'a CheckConfig,
    document: &'a Document,
    out: Vec<Diagnostic>,
}

impl<'a> Finder<'a> {
    fn new(config: &'a CheckConfig, document: &'a Document) -> Self {
        Finder {
            config,
            document,
            out: Vec::new(),
        }
    }

    /// A finding of `rule` at byte `offset` of the file (its level is applied later).
    fn add(&mut self, rule: &'static str, offset: usize, message: String) {
        let hint = rules::get(rule).map_or("", |r| r.hint);
        self.out.push(
            Diagnostic::warning(&self.document.display_path, message)
                .at_offset(&self.document.text, offset)
                .with_hint(hint)
                .with_rule(rule),
        );
    }

    /// A finding at the `nth` occurrence of a front matter key (or the file's start).
    fn at_key(&mut self, rule: &'static str, key: &str, nth: usize, message: String) {
        let offset = key_offset(self.document, key, nth);
        self.add(rule, offset, message);
    }
}

/// A document's status id, when it is one of the configured statuses.
fn status_id<'a>(library: &'a Library, document: &Document) -> Option<&'a str> {
    document
        .status
        .term(&library.config.statuses)
        .map(|term| term.id.as_str())
}

/// Byte offset of the `nth` `key` in the front matter; 0 when it is not written.
fn key_offset(document: &Document, key: &str, nth: usize) -> usize {
    let front_matter = &document.text[..document.body_offset];
    crate::front_matter::find_nth_key(front_matter, key, nth).unwrap_or(0)
}

/// The rule ids a document skips: `check.skip = ["rule-id", …]` in its front matter.
pub fn skipped(document: &Document) -> Vec<String> {
    document
        .meta
        .extra
        .get("check")
        .and_then(|check| check.get("skip"))
        .and_then(serde_json::Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(|id| id.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn skip_list_rule(doc: &Checked<'_>, find: &mut Finder<'_>) {
    for id in skipped(doc.document) {
        if rules::get(&id).is_none() {
            let front_matter = &doc.document.text[..doc.document.body_offset];
            let offset = ["check.skip", "skip"]
                .iter()
                .find_map(|key| crate::front_matter::find_key(front_matter, key))
                .unwrap_or(0);
            find.add(
                rules::CHECK_SKIP,
                offset,
                format!("`check.skip` names {id:?}, which is not a rule"),
            );
        }
    }
}

/// The diagnostic at its configured level, or `None` when the rule is off or skipped.
fn apply_level(
    config: &CheckConfig,
    document: Option<&Document>,
    mut diagnostic: Diagnostic,
) -> Option<Diagnostic> {
    let Some(rule) = diagnostic.rule_id() else {
        return Some(diagnostic);
    };
    if let Some(document) = document
        && skipped(document).iter().any(|id| id == rule)
    {
        return None;
    }
    diagnostic.severity = match config.level(rule) {
        Level::Off => return None,
        Level::Warn => Severity::Warning,
        Level::Error => Severity::Error,
    };
    Some(diagnostic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_days() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2024-03-01"), Some(19_783));
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
        assert_eq!(civil_from_days(days("2026-12-31").unwrap()), (2026, 12, 31));
    }
}
