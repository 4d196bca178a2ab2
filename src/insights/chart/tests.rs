//! The charts on fixed data: values written once for table and SVG, every
//! table cell marked in the SVG, labels escaped.

use super::{Dataset, Kind, Row, Series, Unit, format};
use crate::insights::chart;

fn dataset(series: Vec<Series>, rows: Vec<(&str, Vec<Option<f64>>)>) -> Dataset {
    Dataset {
        id: "test",
        title: "A chart",
        sentence: "What it shows.".into(),
        label_heading: "Row",
        series,
        rows: rows
            .into_iter()
            .map(|(label, values)| Row {
                label: label.into(),
                url: None,
                values,
                flagged: false,
            })
            .collect(),
    }
}

fn count(key: &'static str) -> Series {
    Series {
        key,
        name: "Count",
        unit: Unit::Count,
    }
}

/// (label, series, value).
type Value = (String, String, String);

/// The values of every mark in the SVG, and of every table cell.
fn marks_and_cells(kind: Kind, data: Dataset) -> (Vec<Value>, Vec<Value>) {
    let chart = chart::draw(kind, data);
    let svg = scraper::Html::parse_fragment(&chart.svg);
    let selector = scraper::Selector::parse("[data-series]").unwrap();
    let mut marks: Vec<_> = svg
        .select(&selector)
        .map(|m| {
            let attr = |name| m.attr(name).unwrap().to_owned();
            (attr("data-label"), attr("data-series"), attr("data-value"))
        })
        .collect();
    let mut cells: Vec<_> = chart
        .table
        .rows
        .iter()
        .flat_map(|row| {
            row.cells
                .iter()
                .filter(|c| c.text != "—")
                .map(|c| (row.label.clone(), c.key.to_owned(), c.text.clone()))
        })
        .collect();
    marks.sort();
    cells.sort();
    (marks, cells)
}

#[test]
fn values_are_written_once_for_table_and_svg() {
    assert_eq!(format(Some(3.0), Unit::Count), "3");
    assert_eq!(format(Some(12.0), Unit::Days), "12");
    assert_eq!(format(Some(12.5), Unit::Days), "12.5");
    assert_eq!(format(Some(2.0 / 3.0), Unit::Percent), "67%");
    assert_eq!(format(None, Unit::Percent), "—");
}

#[test]
fn every_kind_marks_every_value_of_its_table() {
    let stacked = dataset(
        vec![count("proceed"), count("shelve")],
        vec![
            ("2024-Q1", vec![Some(2.0), Some(0.0)]),
            ("2024-Q2", vec![Some(1.0), Some(3.0)]),
        ],
    );
    let line = dataset(
        vec![Series {
            key: "rate",
            name: "Shelved",
            unit: Unit::Percent,
        }],
        vec![
            ("2024-Q1", vec![Some(0.5)]),
            ("2024-Q2", vec![None]),
            ("2024-Q3", vec![Some(1.0)]),
        ],
    );
    let bars = dataset(
        vec![count("active"), count("documents")],
        vec![
            ("Ann <b>&", vec![Some(2.0), Some(3.0)]),
            ("Bo", vec![Some(0.0), Some(1.0)]),
        ],
    );
    let keys = ["count", "min", "q1", "median", "q3", "max"];
    let boxes = dataset(
        keys.iter()
            .map(|k| Series {
                key: k,
                name: "x",
                unit: Unit::Days,
            })
            .collect(),
        vec![(
            "Listen",
            [4.0, 10.0, 12.5, 20.0, 25.0, 30.0].map(Some).to_vec(),
        )],
    );
    for (kind, data, expected) in [
        (Kind::Stacked, stacked, 4),
        (Kind::Line, line, 2),
        (Kind::Bars, bars, 4),
        (Kind::Boxes, boxes, 6),
    ] {
        let (marks, cells) = marks_and_cells(kind, data);
        assert_eq!(marks.len(), expected);
        assert_eq!(marks, cells);
    }
}

#[test]
fn labels_are_escaped_and_an_empty_chart_draws_nothing() {
    let data = dataset(vec![count("n")], vec![("<script>", vec![Some(1.0)])]);
    let svg = chart::draw(Kind::Bars, data).svg;
    assert!(!svg.contains("<script>"), "{svg}");
    assert!(svg.starts_with("<svg") && svg.contains(r#"role="img""#));
    let empty = chart::draw(Kind::Bars, dataset(vec![count("n")], vec![]));
    assert_eq!(empty.svg, "");
    assert!(empty.table.rows.is_empty());
}
