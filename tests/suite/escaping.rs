//! Everything a document's front matter says is text on the site, never
//! markup: a title, owner, tag or extra field that looks like HTML must show
//! as written and must not become an element or an attribute.

use super::support::{Library, Page, text_of};

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKOUT: &str = "\"><img src=x onerror=alert(2)>";

#[test]
fn html_in_front_matter_is_shown_as_text_on_every_page() {
    let library = hostile_library();

    library.build().success();

    let pages = library.site().pages();
    assert!(pages.len() > 10);
    for page in &pages {
        // JSON data blocks (the history page's "as of" data) run nothing.
        assert_eq!(
            page.attrs("script", "src").len(),
            page.select("script:not([type='application/json'])").len(),
            "{}: an inline script",
            page.path
        );
        for src in page.attrs("script", "src") {
            assert!(
                ["static/prfaq.js", "static/review.js", "static/search.js"]
                    .iter()
                    .any(|ours| src.ends_with(ours)),
                "{}: script {src}",
                page.path
            );
        }
        for css in ["img", "[onerror]", "[onmouseover]", "b", "i"] {
            assert!(
                page.select(css).is_empty(),
                "{}: a {css} element made from front matter",
                page.path
            );
        }
    }
}

#[test]
fn html_in_front_matter_reads_as_written_on_the_document_page() {
    let library = hostile_library();

    library.build().success();

    let doc = library.site().page("docs/hostile/");
    assert_eq!(doc.text("h1"), SCRIPT);
    assert!(
        doc.text("title").starts_with(SCRIPT),
        "{}",
        doc.text("title")
    );
    assert_eq!(doc.text(".doc-subtitle"), "<i>sub</i>");
    assert_eq!(doc.text(".doc-owner a"), BREAKOUT);
    assert_eq!(doc.texts(".doc-tags a"), [SCRIPT, BREAKOUT]);
    assert_eq!(doc.texts("dl.extra dd"), ["<b onmouseover=alert(3)>x</b>"]);
    assert_eq!(
        doc.text(".latest-decision .decision-note"),
        "</p><script>alert(4)</script>"
    );
    let facts: Vec<String> = doc
        .select(".doc-facts dd")
        .into_iter()
        .map(text_of)
        .collect();
    assert!(facts.contains(&"<b>customer</b>".to_owned()), "{facts:?}");
}

#[test]
fn html_in_an_owner_name_reads_as_written_on_the_owner_pages() {
    let library = hostile_library();

    library.build().success();

    let site = library.site();
    let owners = site.page("owners/");
    assert_eq!(owners.texts("table.group-table tbody td a"), [BREAKOUT]);
    let href = owners
        .attrs("table.group-table tbody td a", "href")
        .concat();
    let owner: Page = site.page(href.trim_start_matches('/'));
    assert_eq!(owner.text("h1"), BREAKOUT);
    assert_eq!(owner.texts(".doc-list-title"), [SCRIPT]);
}

/// One document whose every front matter field tries to inject HTML.
fn hostile_library() -> Library {
    Library::new().file(
        "content/hostile.md",
        r#"+++
title = "<script>alert(1)</script>"
subtitle = "<i>sub</i>"
owner = "\"><img src=x onerror=alert(2)>"
status = "draft"
stage = "listen"
customer = "<b>customer</b>"
team = "<i>team</i>"
tags = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>"]
slug = "hostile"
extra_field = "<b onmouseover=alert(3)>x</b>"

[[decisions]]
date = 2024-01-01
outcome = "revisit"
by = "<img src=x onerror=alert(5)>"
note = "</p><script>alert(4)</script>"
+++

Plain text.
"#,
    )
}

#[test]
fn heading_ids_and_attributes_cannot_inject_markup() {
    let library = Library::new().file(
        "content/a.md",
        "+++\ntitle = \"A\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\
         ## External FAQ\n\n### Is it safe? {#x\"><img/src=x/onerror=alert(1)>}\n\nYes.\n\n\
         ### Really? {onmouseover=alert(2) .note}\n\nYes.\n",
    );
    library.build().success();
    let page = library.site().page("docs/a/");
    assert!(page.select("img, [onerror], [onmouseover]").is_empty());
    let anchors = page.attrs(".faq-question", "id");
    assert_eq!(anchors.len(), 2, "{anchors:?}");
    assert!(
        anchors
            .iter()
            .all(|id| id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')),
        "{anchors:?}"
    );
    assert_eq!(page.attrs("h3.note", "id").len(), 1, "classes are kept");
}
