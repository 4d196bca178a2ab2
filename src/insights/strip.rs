//! The stage strip of a document page: which stage the document was in, from
//! when to when, with its decisions marked. Drawn from the document's
//! [`Life`], the same revisions its timeline reads.

use serde::Serialize;

use super::chart::{self, Marker, Segment, Strip};
use super::life::{Life, Source};
use crate::document::{Date, Outcome};
use crate::library::{Entry, Library};

/// `page.stages` of document.html.
#[derive(Serialize, Debug)]
pub struct StageStrip {
    /// Inline SVG; empty when no stay has a date to draw from.
    pub svg: String,
    /// The stays, oldest first, as a list under the strip.
    pub spans: Vec<SpanView>,
    /// Where the stages come from: `git` or `front-matter`.
    pub source: Source,
}

/// One stay in a stage, as listed under the strip.
#[derive(Serialize, Debug)]
pub struct SpanView {
    pub label: String,
    pub from: Option<Date>,
    /// `None` while the document is still in the stage.
    pub to: Option<Date>,
    pub days: Option<i32>,
}

impl StageStrip {
    pub fn new(library: &Library, entry: &Entry) -> StageStrip {
        let life = Life::of(entry);
        let stages = &library.config.stages;
        let spans: Vec<SpanView> = life
            .spans
            .iter()
            .map(|span| SpanView {
                label: stages[span.stage].label.clone(),
                from: span.from,
                to: span.to,
                days: span.days(),
            })
            .collect();
        StageStrip {
            svg: svg(&life, &spans, entry, stages.len()).unwrap_or_default(),
            spans,
            source: life.source,
        }
    }
}

/// The strip, from the first stay's start to the last day anything is known of.
fn svg(life: &Life, spans: &[SpanView], entry: &Entry, stages: usize) -> Option<String> {
    let start = spans.first()?.from?;
    let end = life.last_known?.max(start);
    let day = |date: Date| start.days_until(date).max(0);
    let mut segments = Vec::new();
    for (span, view) in life.spans.iter().zip(spans) {
        let from = view.from?;
        let to = view.to.unwrap_or(end);
        let until = match view.to {
            Some(to) => format!("to {to}"),
            None => "until now".to_owned(),
        };
        segments.push(Segment {
            label: view.label.clone(),
            stage: span.stage,
            from: day(from),
            to: day(to),
            open: view.to.is_none(),
            title: format!(
                "{}: {from} {until} ({} days)",
                view.label,
                from.days_until(to)
            ),
        });
    }
    let markers = entry
        .document
        .meta
        .decisions
        .iter()
        .map(|d| Marker {
            day: day(d.date),
            class: outcome_class(d.outcome),
            title: format!("Decision on {}: {}", d.date, outcome_class(d.outcome)),
        })
        .collect();
    let sentence = format!(
        "The stages this document was in from {start} to {end}, with its decisions marked{}.",
        match life.source {
            Source::Git => ", from the front matter of each commit",
            Source::FrontMatter => ", from its front matter only (it has no history)",
        }
    );
    Some(chart::strip(&Strip {
        id: "stage-strip",
        title: "Stage over time".into(),
        sentence,
        segments,
        markers,
        stages,
    }))
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Proceed => "proceed",
        Outcome::Shelve => "shelve",
        Outcome::Revisit => "revisit",
    }
}
