//! The numbers of the insights page, each a plain function of the library's
//! documents and their lives: decisions per quarter, the stage funnel, time
//! to decision, time in stage, ideas that came back, and leaders' load.

use std::collections::BTreeMap;

use serde::Serialize;

use super::life::Life;
use super::stats::Spread;
use crate::config::Config;
use crate::document::{Date, Decision, Outcome};
use crate::library::{Entry, Group, document_url};

/// A calendar quarter, e.g. `2024-Q2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i16,
    pub quarter: u8,
}

/// Decisions taken in one quarter, by outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterDecisions {
    pub quarter: Quarter,
    pub proceed: usize,
    pub shelve: usize,
    pub revisit: usize,
    /// Shelved among the proceed-or-shelve decisions (0–1); `None` without any.
    pub shelve_rate: Option<f64>,
}

/// How many documents reached a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunnelStage {
    pub stage: String,
    pub label: String,
    pub reached: usize,
}

/// Days from first draft to the first proceed-or-shelve decision, for the decisions of one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterSpread {
    pub quarter: Quarter,
    pub days: Spread,
}

/// Days spent in one stage, over every stay that has ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTime {
    pub stage: String,
    pub label: String,
    /// `None` when no document has left the stage yet.
    pub days: Option<Spread>,
    /// Documents in the stage now (their stay has not ended, so it is not counted).
    pub current: usize,
}

/// A document shelved and later revisited or approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CameBack {
    pub title: String,
    pub url: String,
    pub shelved: Date,
    pub back: Date,
    /// `revisit` or `proceed`.
    pub outcome: Outcome,
}

/// One single-threaded leader's load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leader {
    pub name: String,
    pub url: String,
    /// Documents in an active status (see `active` in site.toml's statuses).
    pub active: usize,
    pub documents: usize,
    /// Leading more than one active idea: no longer single-threaded.
    pub flagged: bool,
}

/// Decisions of the whole library per quarter, from the first quarter with one to the last (empty quarters included).
pub fn decisions_per_quarter(entries: &[Entry]) -> Vec<QuarterDecisions> {
    let mut counts: BTreeMap<Quarter, [usize; 3]> = BTreeMap::new();
    for decision in entries.iter().flat_map(|e| &e.document.meta.decisions) {
        let slot = match decision.outcome {
            Outcome::Proceed => 0,
            Outcome::Shelve => 1,
            Outcome::Revisit => 2,
        };
        counts.entry(Quarter::of(decision.date)).or_default()[slot] += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    first
        .through(last)
        .into_iter()
        .map(|quarter| {
            let [proceed, shelve, revisit] = counts.get(&quarter).copied().unwrap_or_default();
            let decided = proceed + shelve;
            QuarterDecisions {
                quarter,
                proceed,
                shelve,
                revisit,
                shelve_rate: (decided > 0).then(|| shelve as f64 / decided as f64),
            }
        })
        .collect()
}

/// For each configured stage, the documents whose furthest stage is it or a later one.
pub fn funnel(config: &Config, entries: &[Entry], lives: &[Life]) -> Vec<FunnelStage> {
    let furthest: Vec<usize> = entries
        .iter()
        .zip(lives)
        .filter_map(|(entry, life)| life.furthest(&entry.document.stage))
        .collect();
    config
        .stages
        .iter()
        .enumerate()
        .map(|(i, term)| FunnelStage {
            stage: term.id.clone(),
            label: term.label.clone(),
            reached: furthest.iter().filter(|&&f| f >= i).count(),
        })
        .collect()
}

/// The first proceed-or-shelve decision of a document, oldest first.
pub fn first_decision(decisions: &[Decision]) -> Option<&Decision> {
    decisions
        .iter()
        .filter(|d| matches!(d.outcome, Outcome::Proceed | Outcome::Shelve))
        .min_by_key(|d| d.date)
}

/// Days from first draft to first decision, per quarter of the decision.
/// Documents without a first-draft date, or decided before it, are left out.
pub fn time_to_decision(entries: &[Entry], lives: &[Life]) -> Vec<QuarterSpread> {
    let mut days: BTreeMap<Quarter, Vec<i32>> = BTreeMap::new();
    for (entry, life) in entries.iter().zip(lives) {
        if let Some((quarter, d)) = decision_days(entry, life) {
            days.entry(quarter).or_default().push(d);
        }
    }
    days.into_iter()
        .filter_map(|(quarter, days)| {
            Some(QuarterSpread {
                quarter,
                days: Spread::of(&days)?,
            })
        })
        .collect()
}

/// The quarter of a document's first decision and the days it took, when both dates are known and in order.
pub fn decision_days(entry: &Entry, life: &Life) -> Option<(Quarter, i32)> {
    let decision = first_decision(&entry.document.meta.decisions)?;
    let days = life.first_draft?.days_until(decision.date);
    (days >= 0).then_some((Quarter::of(decision.date), days))
}

/// The days of every ended stay in each stage, and who is in it now.
pub fn time_in_stage(config: &Config, lives: &[Life]) -> Vec<StageTime> {
    let mut days = vec![Vec::new(); config.stages.len()];
    let mut current = vec![0; config.stages.len()];
    for span in lives.iter().flat_map(|l| &l.spans) {
        match (span.days(), span.to) {
            (Some(d), _) => days[span.stage].push(d),
            (None, None) => current[span.stage] += 1,
            (None, Some(_)) => {}
        }
    }
    config
        .stages
        .iter()
        .zip(days.iter().zip(current))
        .map(|(term, (days, current))| StageTime {
            stage: term.id.clone(),
            label: term.label.clone(),
            days: Spread::of(days),
            current,
        })
        .collect()
}

/// Documents with a shelve decision followed by a revisit or proceed decision.
pub fn came_back(base: &str, entries: &[Entry]) -> Vec<CameBack> {
    let mut back: Vec<CameBack> = entries
        .iter()
        .filter_map(|entry| {
            let mut decisions: Vec<&Decision> = entry.document.meta.decisions.iter().collect();
            decisions.sort_by_key(|d| d.date);
            let shelved = decisions
                .iter()
                .position(|d| d.outcome == Outcome::Shelve)?;
            let returned = decisions[shelved + 1..]
                .iter()
                .find(|d| matches!(d.outcome, Outcome::Revisit | Outcome::Proceed))?;
            Some(CameBack {
                title: entry.document.title.clone(),
                url: document_url(base, &entry.document.slug),
                shelved: decisions[shelved].date,
                back: returned.date,
                outcome: returned.outcome,
            })
        })
        .collect();
    back.sort_by(|a, b| b.back.cmp(&a.back).then(a.title.cmp(&b.title)));
    back
}

/// Every leader with their active and total documents, busiest first.
pub fn leaders<'a>(
    config: &Config,
    entries: &[Entry],
    owners: impl Iterator<Item = (&'a String, &'a Group)>,
) -> Vec<Leader> {
    let base = config.base_path();
    let mut leaders: Vec<Leader> = owners
        .map(|(slug, group)| {
            let active = group
                .entries
                .iter()
                .filter(|&&i| {
                    let status = &entries[i].document.status;
                    status.term(&config.statuses).is_some_and(|t| t.active)
                })
                .count();
            Leader {
                name: group.name.clone(),
                url: format!("{base}owners/{slug}/"),
                active,
                documents: group.entries.len(),
                flagged: active > 1,
            }
        })
        .collect();
    leaders.sort_by(|a, b| b.active.cmp(&a.active).then(a.name.cmp(&b.name)));
    leaders
}

impl Quarter {
    pub fn of(date: Date) -> Quarter {
        let (year, quarter) = date.quarter();
        Quarter { year, quarter }
    }

    /// Every quarter from `self` to `last`, both included.
    fn through(self, last: Quarter) -> Vec<Quarter> {
        let mut quarters = Vec::new();
        let mut quarter = self;
        while quarter <= last {
            quarters.push(quarter);
            quarter = if quarter.quarter == 4 {
                Quarter {
                    year: quarter.year + 1,
                    quarter: 1,
                }
            } else {
                Quarter {
                    quarter: quarter.quarter + 1,
                    ..quarter
                }
            };
        }
        quarters
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
