//! `insights` of insights.html: each metric as a dataset, drawn by [`chart`].

use serde::Serialize;

use super::chart::{self, Chart, Dataset, Kind, Row, Series, Unit};
use super::{CameBack, Insights, Sources, Spread};

/// What the insights page shows, chart by chart.
#[derive(Serialize, Debug)]
pub struct InsightsPage<'a> {
    pub sources: &'a Sources,
    pub decisions: Chart,
    pub shelve_rate: Chart,
    pub funnel: Chart,
    pub time_to_decision: Chart,
    pub time_in_stage: Chart,
    pub leaders: Chart,
    /// Leaders of more than one active idea.
    pub overloaded: usize,
    pub came_back: &'a [CameBack],
}

impl<'a> InsightsPage<'a> {
    pub fn new(insights: &'a Insights) -> InsightsPage<'a> {
        InsightsPage {
            sources: &insights.sources,
            decisions: decisions(insights),
            shelve_rate: shelve_rate(insights),
            funnel: funnel(insights),
            time_to_decision: time_to_decision(insights),
            time_in_stage: time_in_stage(insights),
            leaders: leaders(insights),
            overloaded: insights.leaders.iter().filter(|l| l.flagged).count(),
            came_back: &insights.came_back,
        }
    }
}

fn decisions(insights: &Insights) -> Chart {
    let rows = insights.decisions_per_quarter.iter().map(|q| Row {
        label: q.quarter.to_string(),
        url: None,
        values: [q.proceed, q.shelve, q.revisit]
            .map(|n| Some(n as f64))
            .to_vec(),
        flagged: false,
    });
    let count = |key, name| Series {
        key,
        name,
        unit: Unit::Count,
    };
    chart::draw(
        Kind::Stacked,
        Dataset {
            id: "decisions",
            title: "Decisions per quarter",
            sentence: "How many decisions each quarter's reviews took, split by outcome: proceed, shelve or revisit.".into(),
            label_heading: "Quarter",
            series: vec![
                count("proceed", "Proceed"),
                count("shelve", "Shelve"),
                count("revisit", "Revisit"),
            ],
            rows: rows.collect(),
        },
    )
}

fn shelve_rate(insights: &Insights) -> Chart {
    let rows = insights.decisions_per_quarter.iter().map(|q| Row {
        label: q.quarter.to_string(),
        url: None,
        values: vec![q.shelve_rate],
        flagged: false,
    });
    chart::draw(
        Kind::Line,
        Dataset {
            id: "shelve-rate",
            title: "Shelve rate",
            sentence: "Of each quarter's proceed-or-shelve decisions, the share that shelved the idea (revisits are not counted).".into(),
            label_heading: "Quarter",
            series: vec![Series {
                key: "rate",
                name: "Shelved",
                unit: Unit::Percent,
            }],
            rows: rows.collect(),
        },
    )
}

fn funnel(insights: &Insights) -> Chart {
    let rows = insights.funnel.iter().map(|stage| Row {
        label: stage.label.clone(),
        url: None,
        values: vec![Some(stage.reached as f64)],
        flagged: false,
    });
    chart::draw(
        Kind::Bars,
        Dataset {
            id: "funnel",
            title: "Stage funnel",
            sentence:
                "How many documents reached each stage (or a later one), now or at any commit."
                    .into(),
            label_heading: "Stage",
            series: vec![Series {
                key: "reached",
                name: "Documents",
                unit: Unit::Count,
            }],
            rows: rows.collect(),
        },
    )
}

fn time_to_decision(insights: &Insights) -> Chart {
    let rows = insights.time_to_decision.iter().map(|q| Row {
        label: q.quarter.to_string(),
        url: None,
        values: spread_values(Some(&q.days)),
        flagged: false,
    });
    chart::draw(
        Kind::Boxes,
        Dataset {
            id: "time-to-decision",
            title: "Time to decision",
            sentence: "Days from the first draft to the first proceed-or-shelve decision, by the quarter of the decision: the median, the middle half (a box from the first to the third quartile) and the range.".into(),
            label_heading: "Quarter",
            series: spread_series(),
            rows: rows.collect(),
        },
    )
}

fn time_in_stage(insights: &Insights) -> Chart {
    let rows = insights
        .time_in_stage
        .iter()
        .filter(|stage| stage.days.is_some())
        .map(|stage| Row {
            label: stage.label.clone(),
            url: None,
            values: spread_values(stage.days.as_ref()),
            flagged: false,
        });
    chart::draw(
        Kind::Boxes,
        Dataset {
            id: "time-in-stage",
            title: "Time in stage",
            sentence: "Days a document spent in each stage before moving on: the median, the middle half and the range (stays still going are not counted).".into(),
            label_heading: "Stage",
            series: spread_series(),
            rows: rows.collect(),
        },
    )
}

/// Leaders drawn at most: a chart of hundreds of bars reads as none (the leaders page and the JSON have all).
const LEADERS_SHOWN: usize = 40;

fn leaders(insights: &Insights) -> Chart {
    let all = insights.leaders.len();
    let mut sentence = "Active documents per single-threaded leader; ⚑ marks anyone leading more than one active idea.".to_owned();
    if all > LEADERS_SHOWN {
        sentence.push_str(&format!(
            " The {LEADERS_SHOWN} busiest of {all} leaders; the Leaders page lists them all."
        ));
    }
    let rows = insights
        .leaders
        .iter()
        .take(LEADERS_SHOWN)
        .map(|leader| Row {
            label: leader.name.clone(),
            url: Some(leader.url.clone()),
            values: vec![Some(leader.active as f64), Some(leader.documents as f64)],
            flagged: leader.flagged,
        });
    chart::draw(
        Kind::Bars,
        Dataset {
            id: "leaders",
            title: "Leaders",
            sentence,
            label_heading: "Leader",
            series: vec![
                Series {
                    key: "active",
                    name: "Active",
                    unit: Unit::Count,
                },
                Series {
                    key: "documents",
                    name: "All documents",
                    unit: Unit::Count,
                },
            ],
            rows: rows.collect(),
        },
    )
}

/// The series of a box plot, in the order [`chart::Kind::Boxes`] draws them.
fn spread_series() -> Vec<Series> {
    let days = |key, name| Series {
        key,
        name,
        unit: Unit::Days,
    };
    vec![
        Series {
            key: "count",
            name: "Documents",
            unit: Unit::Count,
        },
        days("min", "Shortest"),
        days("q1", "First quartile"),
        days("median", "Median"),
        days("q3", "Third quartile"),
        days("max", "Longest"),
    ]
}

fn spread_values(spread: Option<&Spread>) -> Vec<Option<f64>> {
    match spread {
        Some(s) => [s.count as f64, s.min, s.q1, s.median, s.q3, s.max]
            .map(Some)
            .to_vec(),
        None => vec![None; 6],
    }
}
