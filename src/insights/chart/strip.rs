//! The stage strip of a document page: a band per stay in a stage, as long
//! as the stay, with the document's decisions marked above it.

use std::fmt::Write;

use super::WIDTH;

/// Width drawn past the last known day for the stage a document is in now.
const OPEN_TAIL: f64 = 60.0;
use crate::html::escape_html;

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
    /// The document is still in this stage: drawn on to the strip's end.
    pub open: bool,
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
    let total = strip
        .segments
        .iter()
        .map(|s| s.to)
        .chain(strip.markers.iter().map(|m| m.day))
        .max()
        .unwrap_or(0)
        .max(1);
    // The stage a document is in now gets room past its last known day, so it shows even when it began that day.
    let tail = if strip.segments.last().is_some_and(|s| s.open) {
        OPEN_TAIL
    } else {
        0.0
    };
    let x = |day: i32| f64::from(day) / f64::from(total) * (WIDTH - 2.0 - tail) + 1.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart-svg strip-svg" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} 46" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape_html(&strip.title),
        escape_html(&strip.sentence),
    );
    for segment in &strip.segments {
        let (x1, x2) = (x(segment.from), x(segment.to));
        let x2 = if segment.open { x2 + tail } else { x2 };
        band(&mut out, segment, (x1, x2), strip.stages);
    }
    for marker in &strip.markers {
        let at = x(marker.day);
        let _ = write!(
            out,
            r#"<g class="marker outcome-{}"><title>{}</title><line x1="{at:.1}" x2="{at:.1}" y1="6" y2="{:.1}"/><path d="M{:.1} 2 h10 l-5 7 z"/></g>"#,
            marker.class,
            escape_html(&marker.title),
            TOP + BAND + 4.0,
            at - 5.0,
        );
    }
    out.push_str("</svg>");
    out
}

/// Top and height of the bands.
const TOP: f64 = 14.0;
const BAND: f64 = 26.0;

/// One stay's band from `x1` to `x2`, later stages darker, labelled where the label fits.
fn band(out: &mut String, segment: &Segment, (x1, x2): (f64, f64), stages: usize) {
    let width = (x2 - x1).max(2.0);
    let shade = 0.25 + 0.75 * (segment.stage as f64 + 1.0) / stages.max(1) as f64;
    let _ = write!(
        out,
        r#"<rect class="segment" x="{x1:.1}" y="{TOP}" width="{width:.1}" height="{BAND}" fill-opacity="{shade:.2}" data-stage="{}"><title>{}</title></rect>"#,
        escape_html(&segment.label),
        escape_html(&segment.title),
    );
    // The list under the strip has every label.
    if width > 8.0 * segment.label.chars().count() as f64 + 8.0 {
        let _ = write!(
            out,
            r#"<text class="segment-label" x="{:.1}" y="{:.1}">{}</text>"#,
            x1 + 5.0,
            TOP + 17.0,
            escape_html(&segment.label)
        );
    }
}
