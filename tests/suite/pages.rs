//! The library's list pages, checked against the `basic` fixture: home,
//! all PR/FAQs, the decision board, the stage pipeline, leaders and tags.
//!
//! The fixture is six PR/FAQs by three leaders, in every default status and
//! stage, some in a subfolder, in TOML and YAML, with decision logs and links
//! between them. Rows are compared as `a | b | c` lines so each expectation
//! reads like the page.

use std::collections::BTreeMap;

use super::support::{Page, Site, built, select_in, text_of, texts_in};

#[test]
fn home_page_counts_documents_per_status_and_per_stage() {
    let (_library, site) = built("basic");
    let home = site.page("");

    assert_eq!(
        stat_counts(&home, "by-status"),
        [
            "Draft | 1",
            "In review | 1",
            "Proceed | 2",
            "Shelved | 1",
            "Launched | 1"
        ]
    );
    assert_eq!(
        stat_counts(&home, "by-stage"),
        [
            "Listen | 1",
            "Define | 1",
            "Invent | 2",
            "Refine | 1",
            "Test & Iterate | 1"
        ]
    );
}

#[test]
fn home_page_lists_recently_updated_documents_newest_first() {
    let (_library, site) = built("basic");
    let home = site.page("");

    // Without git history a document is updated on its latest date: created or decided.
    assert_eq!(
        home.texts("section[aria-labelledby=recent] .doc-list-title"),
        [
            "Gift Cards",
            "Compost Pickup",
            "Tool Rental",
            "Lawn Care Subscription",
            "Seed Swap",
            "Smart Rain Gauge",
        ]
    );
}

#[test]
fn home_page_lists_latest_decisions_newest_first() {
    let (_library, site) = built("basic");
    let home = site.page("");

    let decisions: Vec<String> = home
        .select("section[aria-labelledby=decisions] li.decision")
        .into_iter()
        .map(|li| {
            row(&[
                texts_in(li, "a").concat(),
                datetimes(li).concat(),
                texts_in(li, ".outcome").concat(),
            ])
        })
        .collect();
    assert_eq!(
        decisions,
        [
            "Compost Pickup | 2024-07-10 | Revisit",
            "Tool Rental | 2024-06-30 | Proceed",
            "Lawn Care Subscription | 2024-05-20 | Shelve",
            "Smart Rain Gauge | 2024-03-15 | Proceed",
            "Smart Rain Gauge | 2024-02-01 | Revisit",
            "Tool Rental | 2023-11-01 | Proceed",
        ]
    );
}

#[test]
fn documents_table_has_one_row_per_document_with_its_facts() {
    let (_library, site) = built("basic");
    let table = site.page("documents/");

    let rows: Vec<String> = table
        .select("table.doc-table tbody tr")
        .into_iter()
        .map(|tr| {
            let cells = select_in(tr, "td");
            row(&[
                texts_in(cells[0], "a").concat(),
                text_of(cells[1]),
                text_of(cells[2]),
                text_of(cells[3]),
                datetimes(cells[4]).concat(),
                tr.attr("data-stage").unwrap_or("").to_owned(),
                tr.attr("data-status").unwrap_or("").to_owned(),
            ])
        })
        .collect();
    // Title | leader | stage | status | last updated | data-stage | data-status
    assert_eq!(
        rows,
        [
            "Gift Cards | Inés Ortega | Invent | Proceed | 2024-08-05 | invent | proceed",
            "Compost Pickup | Omar Haddad | Invent | In review | 2024-07-10 | invent | in-review",
            "Tool Rental | Inés Ortega | Test & Iterate | Launched | 2024-06-30 | test-and-iterate | launched",
            "Lawn Care Subscription | Maya Chen | Define | Shelved | 2024-05-20 | define | shelved",
            "Seed Swap | Omar Haddad | Listen | Draft | 2024-04-02 | listen | draft",
            "Smart Rain Gauge | Maya Chen | Refine | Proceed | 2024-03-15 | refine | proceed",
        ]
    );
    assert_eq!(
        table.attrs("table.doc-table tbody tr td:first-child a", "href")[0],
        "/docs/services/gift-cards/"
    );
}

#[test]
fn board_has_a_column_per_status_in_configured_order_with_each_card_in_its_column() {
    let (_library, site) = built("basic");
    let board = site.page("board/");

    assert_eq!(
        columns(&board),
        [
            "status-draft | Draft | Seed Swap",
            "status-in-review | In review | Compost Pickup",
            "status-proceed | Proceed | Gift Cards, Smart Rain Gauge",
            "status-shelved | Shelved | Lawn Care Subscription",
            "status-launched | Launched | Tool Rental",
        ]
    );
    assert!(
        board.select("#status-unknown").is_empty(),
        "no Unknown column when every document has a status"
    );
}

#[test]
fn pipeline_has_a_column_per_stage_in_configured_order() {
    let (_library, site) = built("basic");
    let pipeline = site.page("pipeline/");

    assert_eq!(
        columns(&pipeline),
        [
            "stage-listen | Listen | Seed Swap",
            "stage-define | Define | Lawn Care Subscription",
            "stage-invent | Invent | Compost Pickup, Gift Cards",
            "stage-refine | Refine | Smart Rain Gauge",
            "stage-test-and-iterate | Test & Iterate | Tool Rental",
        ]
    );
}

#[test]
fn owners_page_links_a_page_per_owner_listing_exactly_their_documents() {
    let (_library, site) = built("basic");
    let owners = site.page("owners/");

    assert_eq!(
        linked_lists(&site, &owners, "table.group-table tbody td a"),
        [
            "Inés Ortega | Gift Cards, Tool Rental",
            "Maya Chen | Lawn Care Subscription, Smart Rain Gauge",
            "Omar Haddad | Compost Pickup, Seed Swap",
        ]
    );
    assert_eq!(site.page("owners/maya-chen/").text("h1"), "Maya Chen");
}

#[test]
fn tags_page_links_a_page_per_tag_listing_exactly_its_documents() {
    let (_library, site) = built("basic");
    let tags = site.page("tags/");

    // A tag's link text ends with its count.
    assert_eq!(
        linked_lists(&site, &tags, ".tag-cloud a"),
        [
            "community 2 | Compost Pickup, Seed Swap",
            "hardware 1 | Smart Rain Gauge",
            "services 3 | Gift Cards, Lawn Care Subscription, Tool Rental",
            "sustainability 1 | Compost Pickup",
            "water 2 | Lawn Care Subscription, Smart Rain Gauge",
        ]
    );
}

#[test]
fn not_found_page_and_theme_files_are_written() {
    let (_library, site) = built("basic");

    assert_eq!(site.page("404.html").text("h1"), "Not found");
    for file in ["static/style.css", "static/prfaq.js"] {
        let size = std::fs::metadata(site.dir().join(file)).map_or(0, |m| m.len());
        assert!(size > 0, "{file} is missing or empty");
    }
}

/// `label | count` of each stat in the home page section labelled by `heading_id`.
fn stat_counts(home: &Page, heading_id: &str) -> Vec<String> {
    home.select(&format!("section[aria-labelledby={heading_id}] .stat"))
        .into_iter()
        .map(|stat| {
            row(&[
                texts_in(stat, ".stat-label").concat(),
                texts_in(stat, ".stat-count").concat(),
            ])
        })
        .collect()
}

/// `id | label | card titles` of each column of a board, the titles sorted.
fn columns(page: &Page) -> Vec<String> {
    page.select(".board .column")
        .into_iter()
        .map(|column| {
            let heading = texts_in(column, ".column-title").concat();
            let count = texts_in(column, ".column-title .count").concat();
            let label = heading.strip_suffix(&count).unwrap_or(&heading).trim();
            let mut cards = texts_in(column, ".card-title");
            cards.sort();
            row(&[
                column.attr("id").unwrap_or("").to_owned(),
                label.to_owned(),
                cards.join(", "),
            ])
        })
        .collect()
}

/// Follows each link matching `link_css` on `page`: `link text | titles
/// listed on the page it leads to`, sorted by link text.
fn linked_lists(site: &Site, page: &Page, link_css: &str) -> Vec<String> {
    let lists: BTreeMap<String, String> = page
        .select(link_css)
        .into_iter()
        .map(|a| {
            let href = a.attr("href").unwrap_or("");
            let target = site.page(href.strip_prefix('/').unwrap_or(href));
            let mut titles = target.texts(".doc-list-title");
            titles.sort();
            (text_of(a), titles.join(", "))
        })
        .collect();
    lists
        .into_iter()
        .map(|(name, titles)| row(&[name, titles]))
        .collect()
}

/// The `datetime` of every `time` element inside `element`.
fn datetimes(element: scraper::ElementRef<'_>) -> Vec<String> {
    select_in(element, "time")
        .into_iter()
        .filter_map(|t| t.attr("datetime").map(str::to_owned))
        .collect()
}

fn row(cells: &[String]) -> String {
    cells.join(" | ")
}
