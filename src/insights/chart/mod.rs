//! Charts drawn at build time as inline SVG, with the same numbers as a table.
//!
//! Every chart of the site is drawn here, from a [`Dataset`]: rows (a
//! quarter, a stage, a leader) by series (an outcome, a statistic). Each mark
//! carries its row, series and value (`data-label`, `data-series`,
//! `data-value`, and a `<title>` for a tooltip), and [`draw`] formats every
//! value once for both the SVG and the table, so they cannot disagree.
//! Colours are CSS custom properties and text is `currentColor`, so charts
//! follow dark mode and print in black; nothing needs JavaScript.
//!
//! Hand-written rather than a charting crate: `plotters` with only its SVG
//! backend adds 23 crates (15.7 s of a clean release build, 90 KB of binary
//! for one bar chart) and writes fixed colours with no titles, roles or data
//! attributes, which is most of what these charts are for.

use std::fmt::Write;

use serde::Serialize;

use crate::html::escape_html;
pub use strip::{Marker, Segment, Strip, strip};

mod kinds;
mod strip;
#[cfg(test)]
mod tests;

/// The numbers to draw: one row per bar, column or box.
pub struct Dataset {
    /// Unique on the page: the prefix of the SVG's element ids.
    pub id: &'static str,
    pub title: &'static str,
    /// The one sentence that says what the chart shows (also its `<desc>`).
    pub sentence: String,
    /// Heading of the table's first column, e.g. "Quarter".
    pub label_heading: &'static str,
    pub series: Vec<Series>,
    pub rows: Vec<Row>,
}

/// One kind of value in every row.
pub struct Series {
    /// A CSS class suffix and the `data-series` value, e.g. `proceed`.
    pub key: &'static str,
    pub name: &'static str,
    pub unit: Unit,
}

/// How a value is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Days, with one decimal when not whole (medians of an even count).
    Days,
    /// A share from 0 to 1, written as a whole percentage.
    Percent,
}

/// One row of values, in the order of the series.
pub struct Row {
    pub label: String,
    pub url: Option<String>,
    pub values: Vec<Option<f64>>,
    /// Drawn and listed with a warning mark (a leader with too much).
    pub flagged: bool,
}

/// How a dataset is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Vertical columns, the series stacked (decisions per quarter).
    Stacked,
    /// Horizontal bars of the first series (funnel, leaders).
    Bars,
    /// Points joined by a line, the first series (a rate over time).
    Line,
    /// Horizontal box plots: series `count`, `min`, `q1`, `median`, `q3`, `max`.
    Boxes,
}

/// A drawn chart for templates: the SVG and its table.
#[derive(Serialize, Debug)]
pub struct Chart {
    pub id: &'static str,
    pub title: &'static str,
    pub sentence: String,
    /// Inline SVG; empty when there is nothing to draw.
    pub svg: String,
    pub table: Table,
}

/// The chart's numbers as a table.
#[derive(Serialize, Debug)]
pub struct Table {
    pub label_heading: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

#[derive(Serialize, Debug)]
pub struct Column {
    pub key: &'static str,
    pub name: &'static str,
}

#[derive(Serialize, Debug)]
pub struct TableRow {
    pub label: String,
    pub url: Option<String>,
    pub flagged: bool,
    /// Formatted values, `—` for none.
    pub cells: Vec<Cell>,
}

#[derive(Serialize, Debug)]
pub struct Cell {
    pub key: &'static str,
    pub text: String,
}

/// Width of every chart's view box; it scales to the page.
const WIDTH: f64 = 640.0;
/// Room for row labels left of horizontal bars and boxes.
const LABEL_WIDTH: f64 = 190.0;
const ROW_HEIGHT: f64 = 28.0;
const FONT: f64 = 12.0;

/// Draws `data` as `kind`, with its table.
pub fn draw(kind: Kind, data: Dataset) -> Chart {
    let texts: Vec<Vec<String>> = data
        .rows
        .iter()
        .map(|row| {
            let units = data.series.iter().map(|s| s.unit);
            row.values
                .iter()
                .zip(units)
                .map(|(v, u)| format(*v, u))
                .collect()
        })
        .collect();
    let svg = if data.rows.is_empty() {
        String::new()
    } else {
        let mut svg = Svg::open(&data, height(kind, data.rows.len()));
        match kind {
            Kind::Stacked => kinds::stacked(&mut svg, &data, &texts),
            Kind::Bars => kinds::bars(&mut svg, &data, &texts),
            Kind::Line => kinds::line(&mut svg, &data, &texts),
            Kind::Boxes => kinds::boxes(&mut svg, &data, &texts),
        }
        svg.close()
    };
    let table = Table {
        label_heading: data.label_heading,
        columns: data
            .series
            .iter()
            .map(|s| Column {
                key: s.key,
                name: s.name,
            })
            .collect(),
        rows: data
            .rows
            .into_iter()
            .zip(texts)
            .map(|(row, texts)| TableRow {
                cells: data
                    .series
                    .iter()
                    .zip(texts)
                    .map(|(s, text)| Cell { key: s.key, text })
                    .collect(),
                label: row.label,
                url: row.url,
                flagged: row.flagged,
            })
            .collect(),
    };
    Chart {
        id: data.id,
        title: data.title,
        sentence: data.sentence,
        svg,
        table,
    }
}

/// A value as the table and the SVG write it.
pub fn format(value: Option<f64>, unit: Unit) -> String {
    let Some(value) = value else {
        return "—".to_owned();
    };
    match unit {
        Unit::Count => format!("{value:.0}"),
        Unit::Days if value.fract() == 0.0 => format!("{value:.0}"),
        Unit::Days => format!("{value:.1}"),
        Unit::Percent => format!("{:.0}%", value * 100.0),
    }
}

fn height(kind: Kind, rows: usize) -> f64 {
    match kind {
        Kind::Stacked | Kind::Line => 240.0,
        Kind::Bars | Kind::Boxes => 30.0 + ROW_HEIGHT * rows as f64,
    }
}

/// An SVG being written, with its view box's height.
struct Svg {
    out: String,
    height: f64,
}

impl Svg {
    fn open(data: &Dataset, height: f64) -> Svg {
        let id = data.id;
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg class="chart-svg" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            escape_html(data.title),
            escape_html(&data.sentence),
        );
        Svg { out, height }
    }

    fn close(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`.
    fn text(&mut self, (x, y): (f64, f64), anchor: &str, class: &str, text: &str) {
        let _ = write!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" class="{class}">{}</text>"#,
            escape_html(text)
        );
    }

    /// A horizontal rule with a value label on the left (a gridline).
    fn gridline(&mut self, left: f64, y: f64, label: &str) {
        let _ = write!(
            self.out,
            r#"<line class="grid" x1="{left:.1}" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}"/>"#
        );
        self.text((left - 6.0, y + FONT / 3.0), "end", "axis", label);
    }

    /// Opens a mark's element: its row, series and value as data, and a title.
    fn mark(&mut self, element: &str, class: &str, who: (&str, &Series, &str), geometry: &str) {
        let (label, series, value) = who;
        let _ = write!(
            self.out,
            r#"<{element} class="mark series-{key} {class}" data-label="{l}" data-series="{key}" data-value="{v}" {geometry}><title>{l}, {name}: {v}</title></{element}>"#,
            key = series.key,
            name = escape_html(series.name),
            l = escape_html(label),
            v = escape_html(value),
        );
    }
}
