//! Lists at scale (issues #13 and #14): a board or pipeline column shows a
//! bounded number of cards and links to the documents table filtered to it;
//! the documents table, each leader's and tag's list and the health page's
//! findings are cut into pages of `page_size` (plain links, no script
//! needed); the table's script sorts and filters every document, not only
//! the page it is on, from `documents/rows.json`.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::browser::{Browser, chromium};
use super::serve::Server;
use super::support::{Library, Site, file_for_url, select_in, text_of};

fn doc(i: usize, status: &str) -> String {
    format!(
        "+++\ntitle = \"Idea {i:03}\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"listen\"\n+++\n## Press Release\n\nText {i}.\n"
    )
}

const OWNERS: [&str; 3] = ["Ann", "Bo", "Cy"];
const STATUSES: [&str; 5] = ["draft", "in-review", "proceed", "shelved", "launched"];

/// Document `i` of a generated library: three leaders, five statuses, every
/// document tagged `alpha` and the odd ones `beta`; a later `i` is newer.
fn generated(i: usize) -> String {
    let tags = if i % 2 == 1 {
        "\"alpha\", \"beta\""
    } else {
        "\"alpha\""
    };
    let (month, day) = (1 + i / 28 % 12, 1 + i % 28);
    format!(
        "+++\ntitle = \"Idea {i:03}\"\nowner = \"{}\"\nstatus = \"{}\"\nstage = \"listen\"\ntags = [{tags}]\ncreated = {}-{month:02}-{day:02}\n+++\n## Press Release\n\nText {i}.\n",
        OWNERS[i % 3],
        STATUSES[i % 5],
        2020 + i / 336,
    )
}

/// A library of `docs` generated documents, `page_size` to a page.
fn generated_library(docs: usize, page_size: usize) -> Library {
    let mut library = Library::new().file("site.toml", &format!("page_size = {page_size}\n"));
    for i in 0..docs {
        library = library.file(&format!("content/idea-{i:03}.md"), &generated(i));
    }
    library
}

/// Follows the `rel=next` links from `first`: each page's path and the hrefs `items` selects in it.
fn walk(site: &Site, first: &str, items: &str) -> Vec<(String, Vec<String>)> {
    let mut pages = Vec::new();
    let mut url = Some(first.to_owned());
    while let Some(current) = url {
        let page = site.page(&current);
        let hrefs = page.attrs(items, "href");
        let next = page.attrs("nav.pager a[rel=next]", "href");
        assert!(next.len() <= 1, "one next link on {current}");
        for href in page.attrs("nav.pager a", "href") {
            assert!(
                site.has(&file_for_url(href.trim_start_matches('/'))),
                "{href} on {current} resolves"
            );
        }
        pages.push((current, hrefs));
        url = next.first().map(|h| h.trim_start_matches('/').to_owned());
        assert!(pages.len() < 1000, "the next links end");
    }
    pages
}

/// Checks that `pages` hold at most `size` items each (all but the last exactly `size`) and returns them in order.
#[track_caller]
fn items_of(pages: &[(String, Vec<String>)], size: usize) -> Vec<String> {
    for (i, (path, hrefs)) in pages.iter().enumerate() {
        if i + 1 < pages.len() {
            assert_eq!(hrefs.len(), size, "{path} is a full page");
        } else {
            assert!(
                !hrefs.is_empty() && hrefs.len() <= size,
                "{path}: {} items",
                hrefs.len()
            );
        }
    }
    pages
        .iter()
        .flat_map(|(_, hrefs)| hrefs.iter().cloned())
        .collect()
}

fn doc_url(i: usize) -> String {
    format!("/docs/idea-{i:03}/")
}

#[test]
fn a_long_board_column_shows_fifty_cards_and_links_to_the_filtered_table() {
    let mut library = Library::new();
    for i in 0..53 {
        library = library.file(&format!("content/idea-{i:03}.md"), &doc(i, "draft"));
    }
    let library = library.file("content/other.md", &doc(999, "proceed"));
    library.build().success();
    let site = library.site();
    let board = site.page("board/");

    let draft = board.one("#status-draft");
    assert_eq!(select_in(draft, ".card").len(), 50);
    let more = select_in(draft, ".column-more a");
    assert_eq!(more.len(), 1);
    let href = more[0].value().attr("href").expect("href");
    assert_eq!(href, "/documents/?status=draft");
    assert!(
        site.has(&file_for_url(href.trim_start_matches('/'))),
        "{href} resolves"
    );
    assert!(text_of(more[0]).contains("53"));

    let proceed = board.one("#status-proceed");
    assert_eq!(select_in(proceed, ".card").len(), 1);
    assert!(
        select_in(proceed, ".column-more").is_empty(),
        "a short column has no link"
    );
    let table = site.page("documents/");
    assert_eq!(
        table.select("tbody tr[data-status=draft]").len(),
        53,
        "the table lists them all"
    );
}

#[test]
fn the_unknown_columns_link_to_a_filter_the_table_offers() {
    let mut library = Library::new();
    for i in 0..51 {
        let text = format!("+++\ntitle = \"Idea {i:03}\"\n+++\n## Press Release\n\nText.\n");
        library = library.file(&format!("content/idea-{i:03}.md"), &text);
    }
    library.build().success();
    let site = library.site();
    let table = site.page("documents/");
    for (page, axis) in [("board/", "status"), ("pipeline/", "stage")] {
        let board = site.page(page);
        let column = board.one(&format!("#{axis}-unknown"));
        let href = select_in(column, ".column-more a")[0]
            .attr("href")
            .expect("href")
            .to_owned();
        assert_eq!(href, format!("/documents/?{axis}=unknown"));
        let options = table.attrs(&format!("select[data-filter={axis}] option"), "value");
        assert!(
            options.contains(&"unknown".to_owned()),
            "{axis} filter offers unknown: {options:?}"
        );
        assert_eq!(
            table
                .select(&format!("tbody tr[data-{axis}=unknown]"))
                .len(),
            51
        );
    }
}

#[test]
fn the_documents_table_is_cut_into_pages_that_list_every_document_once() {
    let (docs, size) = (230, 20);
    let library = generated_library(docs, size);
    library.build_with(&["--no-history"]).success();
    let site = library.site();

    let pages = walk(
        &site,
        "documents/",
        ".doc-table tbody tr td:first-child > a",
    );
    assert_eq!(pages.len(), 12);
    assert_eq!(pages[1].0, "documents/page/2/");
    let rows = items_of(&pages, size);
    assert_eq!(rows.len(), docs);
    let all: BTreeSet<String> = (0..docs).map(doc_url).collect();
    assert_eq!(
        rows.iter().cloned().collect::<BTreeSet<_>>(),
        all,
        "every document once"
    );
    assert_eq!(rows[0], doc_url(docs - 1), "newest first");

    let first = site.page("documents/");
    assert_eq!(first.text("nav.pager a[aria-current=page]"), "1");
    assert!(
        first
            .attrs("nav.pager a", "href")
            .contains(&"/documents/page/12/".to_owned())
    );
    assert!(
        first
            .text("nav.pager .pager-position")
            .starts_with("1–20 of 230")
    );
    assert!(
        site.page("documents/page/2/")
            .text("title")
            .contains("page 2")
    );
    assert_eq!(first.attrs("[data-filter-count]", "aria-live"), ["polite"]);

    // The script's data: every row, in the pages' order.
    let data: Value =
        serde_json::from_slice(&library.read("public/documents/rows.json")).expect("JSON");
    let urls: Vec<&str> = data["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r[0].as_str().expect("url"))
        .collect();
    assert_eq!(urls, rows);
    let owners = data["owners"].as_array().expect("owners");
    assert_eq!(owners.len(), 3, "each owner written once");
}

#[test]
fn leader_tag_and_health_pages_are_cut_into_pages_too() {
    let (docs, size) = (230, 20);
    let library = generated_library(docs, size);
    library.build_with(&["--no-history"]).success();
    let site = library.site();

    let ann = items_of(
        &walk(&site, "owners/ann/", ".doc-list .doc-list-title"),
        size,
    );
    let expected: BTreeSet<String> = (0..docs).filter(|i| i % 3 == 0).map(doc_url).collect();
    assert_eq!(ann.len(), expected.len());
    assert_eq!(ann.into_iter().collect::<BTreeSet<_>>(), expected);

    let beta = items_of(
        &walk(&site, "tags/beta/", ".doc-list .doc-list-title"),
        size,
    );
    let expected: BTreeSet<String> = (0..docs).filter(|i| i % 2 == 1).map(doc_url).collect();
    assert_eq!(beta.len(), expected.len());
    assert_eq!(beta.into_iter().collect::<BTreeSet<_>>(), expected);

    let health = walk(&site, "health/", ".health-entry h3 > a");
    assert!(health.len() > 1, "findings on several pages");
    let findings = items_of(&health, size);
    let summary = site.page("health/").text(".health-summary");
    let with_findings: usize = summary
        .split(" in ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in {summary:?}"));
    assert_eq!(findings.len(), with_findings);
    assert_eq!(
        findings.iter().collect::<BTreeSet<_>>().len(),
        with_findings,
        "each document once"
    );
}

#[test]
fn no_page_grows_with_the_library() {
    let library = generated_library(400, 20);
    library.build_with(&["--no-history"]).success();
    let site = library.site();
    // A page of 20 rows is some 20 KB and the board holds at most 50 cards a
    // column (some 100 KB here); a table of all 400 documents would be 360 KB.
    let budget = 128 * 1024;
    for file in site.files() {
        if file.extension().is_some_and(|e| e == "html") {
            let size = std::fs::metadata(site.dir().join(&file))
                .expect("size")
                .len();
            assert!(size <= budget, "{} is {size} bytes", file.display());
        }
    }
}

#[test]
fn sorting_and_filtering_reach_the_documents_beyond_the_first_page() {
    let Some(binary) = chromium() else { return };
    let library = generated_library(45, 10);
    let server = Server::start(&library, &["--no-history"]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}documents/", server.url));
    tab.wait_for("document.querySelector('table[data-rows-loaded]') && document.querySelector('table').dataset.rowsLoaded", &json!("all"));
    let hrefs = "[...document.querySelectorAll('.doc-table tbody tr')].map(r => r.querySelector('a').getAttribute('href')).join(' ')";
    let newest: Vec<String> = (35..45).rev().map(doc_url).collect();
    tab.wait_for(hrefs, &json!(newest.join(" ")));

    // The oldest document is on the last static page; the filter finds it from the first.
    let typed = |text: &str| {
        format!(
            "(() => {{ const i = document.querySelector('[data-filter-text]'); i.value = {text:?}; i.dispatchEvent(new Event('input')); return true; }})()"
        )
    };
    tab.eval(&typed("idea 000"));
    tab.wait_for(hrefs, &json!(doc_url(0)));
    tab.wait_for(
        "document.querySelector('[data-filter-count]').textContent",
        &json!("1 shown"),
    );
    tab.wait_for("location.search", &json!("?q=idea+000"));

    // Sorting by title, ascending, puts the oldest first: sorted over all 45, not over this page's 10.
    tab.eval(&typed(""));
    tab.eval("document.querySelector('th[data-key=title] button').click(); true");
    let by_title: Vec<String> = (0..10).map(doc_url).collect();
    tab.wait_for(hrefs, &json!(by_title.join(" ")));
    tab.wait_for(
        "document.querySelector('th[data-key=title]').getAttribute('aria-sort')",
        &json!("ascending"),
    );

    // The script's pager: page 2 of the sorted list, in the address.
    tab.eval("document.querySelector('nav.pager a[rel=next]').click(); true");
    let second: Vec<String> = (10..20).map(doc_url).collect();
    tab.wait_for(hrefs, &json!(second.join(" ")));
    tab.wait_for(
        "location.pathname + location.search",
        &json!("/documents/?sort=title&page=2"),
    );

    // A status filter counts every shelved document (i % 5 == 3: 9 of 45).
    let shelved = "(() => { const s = document.querySelector('select[data-filter=status]'); s.value = 'shelved'; s.dispatchEvent(new Event('change')); return true; })()";
    tab.eval(shelved);
    tab.wait_for(
        "document.querySelector('[data-filter-count]').textContent",
        &json!("9 shown"),
    );
    tab.wait_for("[...document.querySelectorAll('.doc-table tbody tr')].every(r => r.dataset.status === 'shelved' && r.querySelector('.badge-status').textContent === 'Shelved')", &json!(true));

    // A static page opened with the script shows the same rows as without it.
    let mut page3 = browser.open(&format!("{}documents/page/3/", server.url));
    page3.wait_for(
        "document.querySelector('table').dataset.rowsLoaded",
        &json!("all"),
    );
    let third: Vec<String> = (15..25).rev().map(doc_url).collect();
    page3.wait_for(hrefs, &json!(third.join(" ")));
}
