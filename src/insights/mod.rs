//! Insights: what the library's history says about how ideas move.
//!
//! A library of PR/FAQs with their history holds what no single document
//! shows: how many ideas reach each stage, how many are shelved, how long a
//! decision takes, which leaders carry too much. [`Insights::new`] computes
//! those numbers once per build from the documents' lives (stages from git,
//! decisions from the decision log), for the insights page, its charts
//! ([`chart`]) and `insights.json`. It says, too, what it could not know.

pub mod chart;
mod life;
pub mod metrics;
pub mod page;
mod stats;
pub mod strip;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::history::HistoryState;
use crate::library::{Library, document_url};
pub use life::{Life, Source, Span};
pub use metrics::{
    CameBack, FunnelStage, Leader, Quarter, QuarterDecisions, QuarterSpread, StageTime,
};
pub use stats::Spread;

/// Version of the layout of `insights.json`; bumped when a field changes meaning or goes.
pub const JSON_VERSION: u32 = 1;

/// Every number of the insights page.
#[derive(Debug, Clone, Serialize)]
pub struct Insights {
    pub version: u32,
    /// Where the numbers come from, and what could not be known.
    pub sources: Sources,
    pub decisions_per_quarter: Vec<QuarterDecisions>,
    pub funnel: Vec<FunnelStage>,
    pub time_to_decision: Vec<QuarterSpread>,
    pub time_in_stage: Vec<StageTime>,
    pub came_back: Vec<CameBack>,
    pub leaders: Vec<Leader>,
}

/// Where the numbers come from.
#[derive(Debug, Clone, Serialize)]
pub struct Sources {
    /// `git`, `off` (history turned off) or `no-repository`.
    pub history: &'static str,
    /// A shallow clone: the oldest commits are missing, so early stages may be too.
    pub shallow: bool,
    pub documents: usize,
    /// Documents whose stages were read from git.
    pub from_git: usize,
    /// Documents with no readable revision: counted at their current stage only.
    pub without_history: Vec<DocLink>,
    /// Documents with no stage, now or in any revision: left out of the funnel.
    pub without_stage: usize,
    /// Entries in all decision logs.
    pub decisions: usize,
    /// Documents with at least one decision.
    pub decided_documents: usize,
    /// Documents decided whose time to decision is unknown (no first-draft date, or decided before it).
    pub unmeasured: Vec<DocLink>,
}

/// A document named on the insights page.
#[derive(Debug, Clone, Serialize)]
pub struct DocLink {
    pub title: String,
    pub url: String,
}

impl Insights {
    pub fn new(library: &Library) -> Insights {
        let entries = &library.entries;
        let config = &library.config;
        let lives: Vec<Life> = entries.iter().map(Life::of).collect();
        Insights {
            version: JSON_VERSION,
            sources: sources(library, &lives),
            decisions_per_quarter: metrics::decisions_per_quarter(entries),
            funnel: metrics::funnel(config, entries, &lives),
            time_to_decision: metrics::time_to_decision(entries, &lives),
            time_in_stage: metrics::time_in_stage(config, &lives),
            came_back: metrics::came_back(&config.base_path(), entries),
            leaders: metrics::leaders(config, entries, library.owners.iter()),
        }
    }

    /// `insights.json`: the same numbers, for charting elsewhere.
    pub fn to_json(&self) -> Vec<u8> {
        // Serializing plain data to memory cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

fn sources(library: &Library, lives: &[Life]) -> Sources {
    let base = library.config.base_path();
    let link = |i: usize| {
        let document = &library.entries[i].document;
        DocLink {
            title: document.title.clone(),
            url: document_url(&base, &document.slug),
        }
    };
    let (history, shallow) = match library.history {
        HistoryState::Off => ("off", false),
        HistoryState::NoRepository => ("no-repository", false),
        HistoryState::Read { truncated } => ("git", truncated),
    };
    let entries = &library.entries;
    let indexes = || 0..entries.len();
    Sources {
        history,
        shallow,
        documents: entries.len(),
        from_git: lives.iter().filter(|l| l.source == Source::Git).count(),
        without_history: indexes()
            .filter(|&i| lives[i].source == Source::FrontMatter)
            .map(link)
            .collect(),
        without_stage: indexes()
            .filter(|&i| lives[i].furthest(&entries[i].document.stage).is_none())
            .count(),
        decisions: entries
            .iter()
            .map(|e| e.document.meta.decisions.len())
            .sum(),
        decided_documents: entries
            .iter()
            .filter(|e| !e.document.meta.decisions.is_empty())
            .count(),
        unmeasured: indexes()
            .filter(|&i| {
                let entry = &entries[i];
                metrics::first_decision(&entry.document.meta.decisions).is_some()
                    && metrics::decision_days(entry, &lives[i]).is_none()
            })
            .map(link)
            .collect(),
    }
}
