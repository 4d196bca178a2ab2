//! The insights page, insights.json and the stage strip, from a library whose
//! git history is scripted with known dates: the numbers on the page are the
//! ones that history implies, and every chart's table matches its SVG.

use std::collections::BTreeSet;

use scraper::ElementRef;

use super::support::{Library, Page, commit, git, select_in, text_of, texts_in, validate_json};

/// A document with this front matter and a short press release.
fn doc(owner: &str, status: &str, stage: &str, extra: &str) -> String {
    format!(
        "+++\nowner = {owner:?}\nstatus = {status:?}\nstage = {stage:?}\n{extra}+++\n\
         ## Press Release\n\nWe make it simple.\n\n## Internal FAQ\n\n### What does it cost?\n\nLittle.\n"
    )
}

const PROCEED: &str = "[[decisions]]\ndate = 2024-03-01\noutcome = \"proceed\"\n";
const SHELVE_THEN_REVISIT: &str = "[[decisions]]\ndate = 2024-04-10\noutcome = \"shelve\"\n\
     [[decisions]]\ndate = 2024-08-01\noutcome = \"revisit\"\n";

/// Returns: listen on 01-05, define on 01-25 (20 days), refine on 03-05 (40 days in define), proceeded 03-01.
/// Lockers: listen on 02-01, define on 02-11 (10 days), shelved 04-10, revisited 08-01.
/// Kiosk: never committed, created 2024-05-01, in invent.
fn scripted() -> Library {
    let library = Library::new().file("content/returns.md", &doc("Ann", "draft", "listen", ""));
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-01-05", "Returns: first draft");
    library.write("content/returns.md", doc("Ann", "in-review", "define", ""));
    commit(&library, "Ann", "2024-01-25", "Returns: define");
    library.write(
        "content/lockers.md",
        doc("Bo", "draft", "listen", "title = \"Lockers\"\n"),
    );
    commit(&library, "Bo", "2024-02-01", "Lockers: first draft");
    library.write(
        "content/lockers.md",
        doc("Bo", "in-review", "define", "title = \"Lockers\"\n"),
    );
    commit(&library, "Bo", "2024-02-11", "Lockers: define");
    library.write(
        "content/returns.md",
        doc("Ann", "proceed", "refine", PROCEED),
    );
    commit(&library, "Ann", "2024-03-05", "Returns: approved");
    library.write(
        "content/lockers.md",
        doc(
            "Bo",
            "in-review",
            "define",
            &format!("title = \"Lockers\"\n{SHELVE_THEN_REVISIT}"),
        ),
    );
    commit(&library, "Bo", "2024-08-02", "Lockers: decisions");
    library.file(
        "content/kiosk.md",
        &doc("Ann", "in-review", "invent", "created = 2024-05-01\n"),
    )
}

/// The table of the chart `id`: each row's label and its cells by series.
pub(super) fn table(page: &Page, id: &str) -> Vec<(String, Vec<(String, String)>)> {
    let figure = page.one(&format!("figure#{id}"));
    select_in(figure, "table.chart-table tbody tr")
        .into_iter()
        .map(|row| {
            let label = select_in(row, "th")[0]
                .attr("data-label")
                .unwrap_or_default();
            let cells = select_in(row, "td")
                .into_iter()
                .map(|td| {
                    (
                        td.attr("data-series").unwrap_or_default().to_owned(),
                        text_of(td),
                    )
                })
                .collect();
            (label.to_owned(), cells)
        })
        .collect()
}

/// One series of a chart's table, by row label.
pub(super) fn column(page: &Page, id: &str, series: &str) -> Vec<(String, String)> {
    table(page, id)
        .into_iter()
        .map(|(label, cells)| {
            let value = cells.into_iter().find(|(s, _)| s == series).map(|(_, v)| v);
            (label, value.unwrap_or_default())
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn the_insights_page_tells_the_scripted_history() {
    let library = scripted();
    library.build().success();
    let page = library.site().page("insights/");

    assert_eq!(
        table(&page, "decisions"),
        [
            ("2024-Q1", ["1", "0", "0"]),
            ("2024-Q2", ["0", "1", "0"]),
            ("2024-Q3", ["0", "0", "1"]),
        ]
        .map(|(q, v)| {
            let keys = ["proceed", "shelve", "revisit"];
            (
                q.to_owned(),
                keys.iter()
                    .zip(v)
                    .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                    .collect(),
            )
        })
    );
    assert_eq!(
        column(&page, "shelve-rate", "rate"),
        pairs(&[("2024-Q1", "0%"), ("2024-Q2", "100%"), ("2024-Q3", "—")])
    );
    assert_eq!(
        column(&page, "funnel", "reached"),
        pairs(&[
            ("Listen", "3"),
            ("Define", "3"),
            ("Invent", "2"),
            ("Refine", "1"),
            ("Test & Iterate", "0")
        ])
    );
    // Returns: 2024-01-05 to 2024-03-01 is 56 days; Lockers: 2024-02-01 to 2024-04-10 is 69.
    assert_eq!(
        column(&page, "time-to-decision", "median"),
        pairs(&[("2024-Q1", "56"), ("2024-Q2", "69")])
    );
    // Listen: 20 and 10 days; Define: Returns' 40 (Lockers is still there).
    assert_eq!(
        column(&page, "time-in-stage", "median"),
        pairs(&[("Listen", "15"), ("Define", "40")])
    );
    assert_eq!(
        column(&page, "time-in-stage", "count"),
        pairs(&[("Listen", "2"), ("Define", "1")])
    );
    let came_back = page.one("#came-back tbody tr");
    assert_eq!(texts_in(came_back, "th a"), ["Lockers"]);
    assert_eq!(
        select_in(came_back, "th a")[0].attr("href"),
        Some("/docs/lockers/")
    );
    assert_eq!(
        texts_in(came_back, "td"),
        ["2024-04-10", "2024-08-01", "Revisit"]
    );
    // Ann leads Returns (proceed) and Kiosk (in review): two active ideas.
    assert_eq!(
        column(&page, "leaders", "active"),
        pairs(&[("Ann", "2"), ("Bo", "1")])
    );
    assert_eq!(page.texts("#leaders tr.flagged th a"), ["Ann"]);
    let sources = page.text(".insights-sources");
    assert!(sources.contains("for 2 of 3 documents"), "{sources}");
    assert_eq!(page.texts(".insights-sources li a"), ["kiosk"]);
}

#[test]
fn every_chart_table_carries_the_numbers_of_its_svg() {
    let library = scripted();
    library.build().success();
    let page = library.site().page("insights/");
    let figures = page.select("figure.chart");
    assert_eq!(figures.len(), 6);
    for figure in figures {
        let id = figure.attr("id").unwrap_or_default();
        let svg = select_in(figure, "svg[role=img]");
        assert_eq!(svg.len(), 1, "{id}: one SVG");
        let labelled = svg[0].attr("aria-labelledby").unwrap_or_default();
        assert_eq!(labelled, format!("{id}-title {id}-desc"));
        assert!(
            !texts_in(svg[0], "desc")[0].is_empty(),
            "{id}: a description"
        );
        let marks: BTreeSet<(String, String, String)> = select_in(svg[0], "[data-series]")
            .into_iter()
            .map(|mark| {
                let attr = |name| mark.attr(name).unwrap_or_default().to_owned();
                (attr("data-label"), attr("data-series"), attr("data-value"))
            })
            .collect();
        let cells: BTreeSet<(String, String, String)> = table(&page, id)
            .into_iter()
            .flat_map(|(label, cells)| {
                cells
                    .into_iter()
                    .filter(|(_, value)| value != "—")
                    .map(move |(series, value)| (label.clone(), series, value))
            })
            .collect();
        assert!(!cells.is_empty(), "{id}: numbers in the table");
        assert_eq!(marks, cells, "{id}: the SVG and the table disagree");
    }
}

#[test]
fn insights_json_has_the_same_numbers_with_a_version() {
    let library = scripted();
    library.build().success();
    let json: serde_json::Value =
        serde_json::from_slice(&library.read("public/insights.json")).expect("JSON");
    assert_eq!(json["version"], 1);
    let funnel: Vec<u64> = json["funnel"]
        .as_array()
        .expect("funnel")
        .iter()
        .map(|s| s["reached"].as_u64().unwrap_or_default())
        .collect();
    assert_eq!(funnel, [3, 3, 2, 1, 0]);
    assert_eq!(json["time_to_decision"][0]["days"]["median"], 56.0);
    assert_eq!(json["decisions_per_quarter"][1]["shelve_rate"], 1.0);
    assert_eq!(json["sources"]["without_history"][0]["url"], "/docs/kiosk/");
    validate_json(
        &library.read("public/insights.json"),
        "schemas/insights.schema.json",
    );
}

#[test]
fn a_document_page_shows_its_stages_over_time() {
    let library = scripted();
    library.build().success();
    let page = library.site().page("docs/returns/");
    let strip = page.one("figure.stage-strip");
    assert_eq!(
        texts_in(strip, ".strip-spans li"),
        [
            "Listen from 2024-01-05 to 2024-01-25 (20 days)",
            "Define from 2024-01-25 to 2024-03-05 (40 days)",
            "Refine from 2024-03-05, now",
        ]
    );
    let titles: Vec<String> = select_in(strip, "rect.segment title")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(titles[0], "Listen: 2024-01-05 to 2024-01-25 (20 days)");
    assert_eq!(
        texts_in(strip, "g.marker title"),
        ["Decision on 2024-03-01: proceed"]
    );
    let kiosk = library.site().page("docs/kiosk/");
    let strip: ElementRef<'_> = kiosk.one("figure.stage-strip");
    assert_eq!(
        texts_in(strip, ".strip-spans li"),
        ["Invent from 2024-05-01, now"]
    );
    assert!(text_of(strip).contains("no history"));
}

#[test]
fn without_a_repository_the_page_says_where_its_numbers_come_from() {
    let library = Library::new()
        .file("content/a.md", &doc("Ann", "draft", "define", PROCEED))
        .file("content/b.md", &doc("Bo", "draft", "listen", ""));
    library.build().success();
    let page = library.site().page("insights/");
    let sources = page.text(".insights-sources");
    assert!(sources.contains("not in a git repository"), "{sources}");
    assert!(sources.contains("Time to decision leaves out"), "{sources}");
    assert_eq!(
        column(&page, "funnel", "reached"),
        pairs(&[
            ("Listen", "2"),
            ("Define", "1"),
            ("Invent", "0"),
            ("Refine", "0"),
            ("Test & Iterate", "0")
        ])
    );
    assert!(page.select("figure#time-in-stage svg").is_empty());
    // Decisions still come from the decision log.
    assert_eq!(
        column(&page, "decisions", "proceed"),
        pairs(&[("2024-Q1", "1")])
    );
    let bytes = library.read("public/insights.json");
    validate_json(&bytes, "schemas/insights.schema.json");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(json["sources"]["history"], "no-repository");
    assert_eq!(json["sources"]["from_git"], 0);
    assert_eq!(json["sources"]["decisions"], 1);
}

#[test]
fn a_shallow_clone_is_named_as_what_the_page_could_not_know() {
    let library = scripted();
    let clone = library.parent().join("clone");
    let source = format!("file://{}", library.root().display());
    let target = clone.to_str().expect("UTF-8 path");
    git(
        library.parent(),
        &["clone", "-q", "--depth", "1", &source, target],
    );
    library.prfaq(&["build", "--root", target]).success();
    let page = super::support::Site::at(clone.join("public")).page("insights/");
    let warning = page.text(".insights-sources .notice-warning");
    assert!(warning.contains("shallow clone"), "{warning}");
    // Only the last commit is there: every stay in a stage starts with it.
    assert!(page.select("figure#time-in-stage svg").is_empty());
    // The stages each document was in before it are lost: the funnel has only today's.
    assert_eq!(
        column(&page, "funnel", "reached"),
        pairs(&[
            ("Listen", "2"),
            ("Define", "2"),
            ("Invent", "1"),
            ("Refine", "1"),
            ("Test & Iterate", "0")
        ])
    );
    // Decisions come from the decision log, as in the whole repository...
    assert_eq!(
        column(&page, "decisions", "shelve"),
        pairs(&[("2024-Q1", "0"), ("2024-Q2", "1"), ("2024-Q3", "0")])
    );
    // ...but the first drafts look as late as the one commit there is, after
    // both decisions: the page names them as left out of time to decision.
    assert!(page.select("figure#time-to-decision svg").is_empty());
    assert_eq!(page.texts(".insights-sources li a"), ["Lockers", "returns"]);
    let bytes = std::fs::read(clone.join("public/insights.json")).expect("insights.json");
    validate_json(&bytes, "schemas/insights.schema.json");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(
        (&json["sources"]["history"], &json["sources"]["shallow"]),
        (&serde_json::json!("git"), &serde_json::json!(true))
    );
}
