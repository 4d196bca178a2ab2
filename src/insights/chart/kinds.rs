//! The four ways a dataset is drawn: stacked columns, horizontal bars, a
//! line of points, and box plots. Each writes into an [`Svg`] and marks every
//! value with its row and series.

use std::fmt::Write;

use super::{Dataset, LABEL_WIDTH, ROW_HEIGHT, Row, Svg, Unit, WIDTH, format};
use crate::html::escape_html;

/// Columns per row, the series stacked bottom up (decisions per quarter).
pub(super) fn stacked(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
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
pub(super) fn bars(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
    let Some(series) = data.series.first() else {
        return;
    };
    let first = |row: &Row| row.values.first().copied().flatten().unwrap_or(0.0);
    let max = nice_max(data.rows.iter().map(first).fold(0.0, f64::max));
    // Room for the value after the bar, and for each further series at the right edge.
    let reserved = 60.0 + 130.0 * (data.series.len() - 1) as f64;
    let scale = (WIDTH - LABEL_WIDTH - reserved) / max;
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
pub(super) fn line(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
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
pub(super) fn boxes(svg: &mut Svg, data: &Dataset, texts: &[Vec<String>]) {
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
