//! A document's own page: the header card (title, leader, status, stage
//! progress, latest decision), the press release, the FAQ and its table of
//! contents, backlinks, extra facts and reading time.

use scraper::ElementRef;

use super::support::{Library, Page, built, select_in, text_of, texts_in};

#[test]
fn header_card_shows_title_subtitle_owner_status_and_tags() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/rain-gauge/");

    assert_eq!(doc.text("h1"), "Smart Rain Gauge");
    assert_eq!(
        doc.text(".doc-subtitle"),
        "Water the garden only when it needs it"
    );
    assert_eq!(doc.text(".doc-owner a"), "Maya Chen");
    assert_eq!(doc.attrs(".doc-owner a", "href"), ["/owners/maya-chen/"]);
    assert_eq!(doc.text(".doc-status .badge"), "Proceed");
    assert_eq!(doc.texts(".doc-tags a"), ["hardware", "water"]);
    assert_eq!(
        doc.attrs(".doc-tags a", "href"),
        ["/tags/hardware/", "/tags/water/"]
    );
}

#[test]
fn stage_progress_marks_done_current_and_todo_steps() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/rain-gauge/");

    let steps: Vec<String> = doc
        .select("ol.progress li")
        .into_iter()
        .map(|li| {
            let state = li
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("step-"))
                .unwrap_or("none");
            let current = li.attr("aria-current").unwrap_or("-");
            format!("{} | {state} | {current}", text_of(li))
        })
        .collect();
    assert_eq!(
        steps,
        [
            "Listen | done | -",
            "Define | done | -",
            "Invent | done | -",
            "Refine | current | step",
            "Test & Iterate | todo | -",
        ]
    );
}

#[test]
fn header_card_shows_the_latest_decision_with_date_by_and_note() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/rain-gauge/");

    let decision = doc.one(".doc-header .latest-decision");
    assert_eq!(texts_in(decision, ".outcome"), ["Proceed"]);
    let dates: Vec<&str> = select_in(decision, "time")
        .into_iter()
        .filter_map(|t| t.attr("datetime"))
        .collect();
    assert_eq!(dates, ["2024-03-15"]);
    assert!(
        text_of(decision).contains("S-team"),
        "{}",
        text_of(decision)
    );
    assert_eq!(
        texts_in(decision, ".decision-note"),
        ["Build it in time for spring."]
    );
}

#[test]
fn press_release_comes_first_then_the_faq_halves() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/rain-gauge/");

    let press_release = doc.one(".doc-body .section-press-release");
    assert_eq!(
        headings(&select_in(press_release, "h3")),
        ["Acme Garden launches the Smart Rain Gauge"]
    );
    assert_eq!(
        headings(&doc.select(".doc-body .section-external-faq h3")),
        ["How does it talk to my timer?", "How much does it cost?"]
    );
    assert_eq!(
        headings(&doc.select(".doc-body .section-internal-faq h3")),
        [
            "What does it cost us to build?",
            "What if our servers are down?"
        ]
    );
}

#[test]
fn without_a_press_release_heading_everything_before_the_faq_is_the_press_release() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/services/lawn-care/");

    let press_release = text_of(doc.one(".doc-body .section-press-release"));
    assert!(
        press_release.starts_with("Summary. Acme Garden crews mow"),
        "{press_release}"
    );
}

#[test]
fn faq_table_of_contents_groups_questions_by_half_and_links_to_their_headings() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/rain-gauge/");

    let toc = toc(&doc);
    assert_eq!(
        toc,
        [
            "External | How does it talk to my timer? | #how-does-it-talk-to-my-timer",
            "External | How much does it cost? | #how-much-does-it-cost",
            "Internal | What does it cost us to build? | #what-does-it-cost-us-to-build",
            "Internal | What if our servers are down? | #what-if-our-servers-are-down",
        ]
    );
    for entry in &toc {
        let [half, question, href] = entry.split(" | ").collect::<Vec<_>>()[..] else {
            unreachable!("three cells");
        };
        let id = href.trim_start_matches('#');
        let section = format!(".section-{}-faq", half.to_lowercase());
        let heading = doc.one(&format!("{section} [id=\"{id}\"]"));
        assert_eq!(headings(&[heading]), [question], "{href}");
    }
}

#[test]
fn a_customer_faq_heading_counts_as_the_external_half() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/seed-swap/");

    let halves: Vec<String> = toc(&doc)
        .iter()
        .map(|entry| entry.split(" | ").next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(halves, ["External", "External", "Internal"]);
}

#[test]
fn backlinks_list_the_documents_linking_here() {
    let (_library, site) = built("basic");

    let backlinks = |url: &str| -> Vec<String> {
        let page = site.page(url);
        let mut links: Vec<String> = page
            .select("section[aria-labelledby=backlinks] a")
            .into_iter()
            .map(|a| format!("{} | {}", text_of(a), a.attr("href").unwrap_or("")))
            .collect();
        links.sort();
        links
    };
    assert_eq!(
        backlinks("docs/seed-swap/"),
        [
            "Compost Pickup | /docs/compost-pickup/",
            "Smart Rain Gauge | /docs/rain-gauge/",
        ]
    );
    assert_eq!(
        backlinks("docs/services/gift-cards/"),
        ["Tool Rental | /docs/services/tool-rental/"]
    );
    assert_eq!(backlinks("docs/compost-pickup/"), Vec::<String>::new());
}

#[test]
fn extra_front_matter_keys_are_shown() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/rain-gauge/");

    assert_eq!(doc.texts("dl.extra dt"), ["jira"]);
    assert_eq!(doc.texts("dl.extra dd"), ["GARD-12"]);
}

#[test]
fn reading_time_of_the_press_release_and_of_the_whole_document() {
    // ~500 words a page, ~3 minutes a page: 1,000 words of press release is
    // about 6 minutes; 1,000 more words of FAQ make about 12 in all.
    let words = "word ".repeat(1000);
    let library = Library::new().file(
        "content/long.md",
        &format!(
            "+++\ntitle = \"Long\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\n\
             ## Press Release\n\n{words}\n\n## FAQ\n\n### Why so long?\n\n{words}\n"
        ),
    );
    library.build().success();
    let doc = library.site().page("docs/long/");

    let numbers: Vec<usize> = doc
        .text(".doc-reading")
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [pr_words, pr_minutes, words, minutes] = numbers[..] else {
        panic!("expected press release and whole-document words and minutes, got {numbers:?}");
    };
    assert!(
        (1000..1010).contains(&pr_words),
        "press release: {pr_words} words"
    );
    assert!(
        (6..=7).contains(&pr_minutes),
        "press release: {pr_minutes} min"
    );
    assert!((2000..2020).contains(&words), "document: {words} words");
    assert!((12..=13).contains(&minutes), "document: {minutes} min");
}

/// The FAQ table of contents as `half | question | href` lines.
fn toc(doc: &Page) -> Vec<String> {
    let mut half = String::new();
    let mut entries = Vec::new();
    for element in doc.one("nav.doc-toc").child_elements() {
        match element.value().name() {
            "h3" => half = text_of(element),
            "ol" => {
                for a in select_in(element, "a") {
                    let href = a.attr("href").unwrap_or("");
                    entries.push(format!("{half} | {} | {href}", text_of(a)));
                }
            }
            _ => {}
        }
    }
    entries
}

/// Heading texts without the "#" of their self-link.
fn headings(elements: &[ElementRef<'_>]) -> Vec<String> {
    elements
        .iter()
        .map(|&heading| {
            let anchors = texts_in(heading, "a.anchor").concat();
            let text = text_of(heading);
            text.strip_suffix(&anchors)
                .unwrap_or(&text)
                .trim()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_decision_log_has_one_labelled_row_per_decision_with_its_anchor() {
    let (_library, site) = built("basic");
    let doc = site.page("docs/compost-pickup/");
    let rows = doc.select(".decision-table tbody tr");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].attr("id"), Some("decision-1"));
    let labels: Vec<&str> = select_in(rows[0], "td")
        .iter()
        .filter_map(|td| td.attr("data-label"))
        .collect();
    assert_eq!(labels, ["Date", "Outcome", "By", "Why"]);
    // Nothing but the table's rows between its tags (no stray text, such as a merge's markers).
    assert!(!text_of(doc.one("main")).contains("<<<<<<<"));
}
