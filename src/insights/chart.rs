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
//! Hand-written rather than a charting crate: `plotters` (SVG backend only)
//! costs 23 crates and writes fixed colours with no titles, roles or data
//! attributes, which is most of what these charts are for.

use std::fmt::Write;

use serde::Serialize;

use crate::html::escape_html;

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
            Kind::Stacked => stacked(&mut svg, &data, &texts),
            Kind::Bars => bars(&mut svg, &data, &texts),
            Kind::Line => line(&mut svg, &data, &texts),
            Kind::Boxes => boxes(&mut svg, &data, &texts),
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

/// Columns per row, the series stacked bottom up (decisions per quarter).
fn stacked(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
    let (left, top, bottom) = (50.0, 10.0, svg.height - 56.0);
    let totals = data
        .rows
        .iter()
        .map(|r| r.values.iter().flatten().sum::<f64>());
    let max = nice_max(totals.fold(0.0, f64::max));
    svg.gridline(left, bottom, "0");
    svg.gridline(left, top, &format(Some(max), Unit::Count));
    let slot = (WIDTH - left) / data.rows.len() as f64;
    let scale = (bottom - top) / max;
    for (i, (row, texts)) in data.rows.iter().zip(texts).enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let mut y = bottom;
        for ((series, value), text) in data.series.iter().zip(&row.values).zip(texts) {
            let h = value.unwrap_or(0.0) * scale;
            y -= h;
            let geometry = format!(
                r#"x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}""#,
                slot * 0.7
            );
            svg.mark("rect", "", (&row.label, series, text), &geometry);
        }
        column_label(svg, x + slot * 0.35, bottom, &row.label, data.rows.len());
    }
}

/// A row's label under its column, slanted when the columns are many.
fn column_label(svg: &mut Svg, x: f64, bottom: f64, label: &str, columns: usize) {
    let y = bottom + 16.0;
    if columns > 8 {
        let _ = write!(
            svg.out,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="end" class="axis" transform="rotate(-40 {x:.1} {y:.1})">{}</text>"#,
            escape_html(label)
        );
    } else {
        svg.text((x, y), "middle", "axis", label);
    }
}

/// One horizontal bar per row, for the first series (funnel, leaders).
fn bars(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
    let Some(series) = data.series.first() else {
        return;
    };
    let first = |row: &Row| row.values.first().copied().flatten().unwrap_or(0.0);
    let max = nice_max(data.rows.iter().map(first).fold(0.0, f64::max));
    let scale = (WIDTH - LABEL_WIDTH - 60.0) / max;
    for (i, (row, texts)) in data.rows.iter().zip(texts).enumerate() {
        let y = 10.0 + ROW_HEIGHT * i as f64;
        row_label(svg, y, row);
        let w = first(row) * scale;
        let class = if row.flagged { "flagged" } else { "" };
        let geometry = format!(
            r#"x="{LABEL_WIDTH}" y="{y:.1}" width="{w:.1}" height="{:.1}""#,
            ROW_HEIGHT - 8.0
        );
        let text = &texts[0];
        svg.mark("rect", class, (&row.label, series, text), &geometry);
        let shown = if row.flagged {
            format!("{text} ⚑")
        } else {
            text.clone()
        };
        svg.text((LABEL_WIDTH + w + 6.0, y + 14.0), "start", "value", &shown);
        // Further series are not drawn as bars but written at the right edge.
        for (series, text) in data.series.iter().zip(texts).skip(1) {
            let _ = write!(
                svg.out,
                r#"<text x="{WIDTH}" y="{:.1}" text-anchor="end" class="value mark series-{key}" data-label="{}" data-series="{key}" data-value="{v}">{}: {v}</text>"#,
                y + 14.0,
                escape_html(&row.label),
                escape_html(series.name),
                key = series.key,
                v = escape_html(text),
            );
        }
    }
}

/// A row's label left of its bar, shortened to fit (the table has it whole).
fn row_label(svg: &mut Svg, y: f64, row: &Row) {
    let label: String = if row.label.chars().count() > 28 {
        row.label.chars().take(27).chain(['…']).collect()
    } else {
        row.label.clone()
    };
    svg.text((LABEL_WIDTH - 8.0, y + 14.0), "end", "axis", &label);
}

/// Points joined by a line for the first series, a share from 0 to 100 %.
fn line(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
    let Some(series) = data.series.first() else {
        return;
    };
    let (left, top, bottom) = (50.0, 10.0, svg.height - 56.0);
    svg.gridline(left, bottom, "0%");
    svg.gridline(left, (top + bottom) / 2.0, "50%");
    svg.gridline(left, top, "100%");
    let slot = (WIDTH - left) / data.rows.len() as f64;
    let points: Vec<Option<(f64, f64)>> = data
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let x = left + slot * (i as f64 + 0.5);
            row.values
                .first()
                .copied()
                .flatten()
                .map(|v| (x, bottom - v * (bottom - top)))
        })
        .collect();
    // A quarter without a rate breaks the line rather than bridging it.
    for pair in points.windows(2) {
        if let [Some((x1, y1)), Some((x2, y2))] = pair {
            let _ = write!(
                svg.out,
                r#"<line class="trend" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#
            );
        }
    }
    for ((row, texts), point) in data.rows.iter().zip(texts).zip(&points) {
        if let Some((x, y)) = point {
            let geometry = format!(r#"cx="{x:.1}" cy="{y:.1}" r="5""#);
            svg.mark("circle", "", (&row.label, series, &texts[0]), &geometry);
        }
    }
    for (i, row) in data.rows.iter().enumerate() {
        column_label(
            svg,
            left + slot * (i as f64 + 0.5),
            bottom,
            &row.label,
            data.rows.len(),
        );
    }
}

/// A box plot per row: whiskers from min to max, a box from Q1 to Q3, the median.
/// Series are `count`, `min`, `q1`, `median`, `q3`, `max`, in that order.
fn boxes(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
    let maximum = |row: &Row| row.values.get(5).copied().flatten().unwrap_or(0.0);
    let max = nice_max(data.rows.iter().map(maximum).fold(0.0, f64::max));
    let plot = WIDTH - LABEL_WIDTH - 90.0;
    let x = |v: f64| LABEL_WIDTH + v / max * plot;
    let axis_y = 16.0 + ROW_HEIGHT * data.rows.len() as f64;
    svg.text((LABEL_WIDTH, axis_y), "start", "axis", "0 days");
    svg.text(
        (LABEL_WIDTH + plot, axis_y),
        "end",
        "axis",
        &format!("{max:.0} days"),
    );
    for (i, (row, texts)) in data.rows.iter().zip(texts).enumerate() {
        let y = 10.0 + ROW_HEIGHT * i as f64;
        row_label(svg, y, row);
        let (mid, h) = (y + (ROW_HEIGHT - 8.0) / 2.0, ROW_HEIGHT - 8.0);
        let values: Vec<f64> = row.values.iter().map(|v| v.unwrap_or(0.0)).collect();
        let [count, min, q1, median, q3, maxv] = values[..] else {
            continue;
        };
        let who = |k: usize| (row.label.as_str(), &data.series[k], texts[k].as_str());
        let _ = write!(
            svg.out,
            r#"<line class="whisker" x1="{:.1}" x2="{:.1}" y1="{mid:.1}" y2="{mid:.1}"/><rect class="box" x="{:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}"/>"#,
            x(min),
            x(maxv),
            x(q1),
            (x(q3) - x(q1)).max(1.0),
        );
        for (k, v) in [(1, min), (2, q1), (3, median), (4, q3), (5, maxv)] {
            let geometry = format!(
                r#"x1="{v:.1}" x2="{v:.1}" y1="{y:.1}" y2="{:.1}""#,
                y + h,
                v = x(v)
            );
            svg.mark("line", "tick", who(k), &geometry);
        }
        let label = format!("median {} · n={count:.0}", texts[3]);
        let _ = write!(
            svg.out,
            r#"<text x="{:.1}" y="{:.1}" class="value mark series-count" data-label="{}" data-series="count" data-value="{}">{}</text>"#,
            x(maxv) + 6.0,
            y + 14.0,
            escape_html(&row.label),
            escape_html(&texts[0]),
            escape_html(&label),
        );
    }
}

/// A round upper bound for an axis: at least 1.
fn nice_max(max: f64) -> f64 {
    if max <= 1.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|s| s * magnitude)
        .find(|s| max <= *s)
        .unwrap_or(10.0 * magnitude);
    // Small counts read best with the bar reaching its own number.
    if max <= 10.0 { max.ceil() } else { step }
}

/// A document's stages over time, for its stage strip.
pub struct Strip {
    pub id: &'static str,
    pub title: String,
    pub sentence: String,
    /// Oldest first; `to` of the last one is the last day anything is known of.
    pub segments: Vec<Segment>,
    pub markers: Vec<Marker>,
    /// How many stages there are: later stages are drawn darker.
    pub stages: usize,
}

/// A stretch of days in one stage.
pub struct Segment {
    pub label: String,
    pub stage: usize,
    /// Days since the first segment started.
    pub from: i32,
    pub to: i32,
    /// Written in the segment's `<title>`, e.g. "Listen: 2024-01-05 to 2024-02-01 (27 days)".
    pub title: String,
}

/// A decision, drawn on the day it was taken.
pub struct Marker {
    pub day: i32,
    /// `proceed`, `shelve` or `revisit`.
    pub class: &'static str,
    pub title: String,
}

/// Draws a stage strip: one band per stage stay, decisions marked above it.
pub fn strip(strip: &Strip) -> String {
    let id = strip.id;
    let (top, band) = (14.0, 26.0);
    let total = strip
        .segments
        .iter()
        .map(|s| s.to)
        .chain(strip.markers.iter().map(|m| m.day))
        .max()
        .unwrap_or(0)
        .max(1);
    let x = |day: i32| f64::from(day) / f64::from(total) * (WIDTH - 2.0) + 1.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart-svg strip-svg" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} 46" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape_html(&strip.title),
        escape_html(&strip.sentence),
    );
    let stages = strip.stages.max(1) as f64;
    for segment in &strip.segments {
        let (x1, x2) = (x(segment.from), x(segment.to));
        let width = (x2 - x1).max(2.0);
        let shade = 0.25 + 0.75 * (segment.stage as f64 + 1.0) / stages;
        let _ = write!(
            out,
            r#"<rect class="segment" x="{x1:.1}" y="{top}" width="{width:.1}" height="{band}" fill-opacity="{shade:.2}" data-stage="{}"><title>{}</title></rect>"#,
            escape_html(&segment.label),
            escape_html(&segment.title),
        );
        // A label only where it fits; the list under the strip has them all.
        if width > 8.0 * segment.label.chars().count() as f64 + 8.0 {
            let _ = write!(
                out,
                r#"<text class="segment-label" x="{:.1}" y="{:.1}">{}</text>"#,
                x1 + 5.0,
                top + 17.0,
                escape_html(&segment.label)
            );
        }
    }
    for marker in &strip.markers {
        let at = x(marker.day);
        let _ = write!(
            out,
            r#"<g class="marker outcome-{}"><title>{}</title><line x1="{at:.1}" x2="{at:.1}" y1="6" y2="{:.1}"/><path d="M{:.1} 2 h10 l-5 7 z"/></g>"#,
            marker.class,
            escape_html(&marker.title),
            top + band + 4.0,
            at - 5.0,
        );
    }
    out.push_str("</svg>");
    out
}
