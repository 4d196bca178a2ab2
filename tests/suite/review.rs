//! The review meeting's page: the documents in review with their reading
//! times, and the reading pack it prints, each document from a new page,
//! press release first, with only the chosen documents when the URL lists
//! some (checked in headless Chromium, printing to PDF).

use std::collections::HashSet;

use base64::Engine;
use serde_json::json;

use super::browser::{Browser, Tab, chromium};
use super::serve::Server;
use super::support::{Library, select_in, texts_in};

/// A document whose FAQ is written before its press release.
fn doc(title: &str, status: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\nowner = \"Ann Lee\"\nstatus = {status:?}\nstage = \"refine\"\n+++\n\
         ## Internal FAQ\n\n### What does it cost?\n\nLittle; see [below](#press-release).\n\n\
         ## Press Release\n\n{title} makes returns simple for everyone who shops with us.\n"
    )
}

fn library() -> Library {
    Library::new()
        .file("content/alpha.md", &doc("Alpha", "in-review"))
        .file("content/beta.md", &doc("Beta", "in-review"))
        .file("content/gamma.md", &doc("Gamma", "in-review"))
        .file("content/draft.md", &doc("Draft", "draft"))
}

#[test]
fn the_review_page_lists_the_documents_in_review_with_reading_times() {
    let library = library();
    library.build().success();
    let page = library.site().page("review/");
    let rows = page.select(".review-table tbody tr");
    let titles: Vec<String> = rows.iter().flat_map(|r| texts_in(*r, "td a")).collect();
    assert_eq!(titles, ["Alpha", "Beta", "Gamma"]);
    assert_eq!(
        page.attrs(".review-table input[type=checkbox]", "value"),
        ["alpha", "beta", "gamma"]
    );
    let minutes: Vec<usize> = page
        .attrs("td[data-reading-minutes]", "data-reading-minutes")
        .iter()
        .map(|m| m.parse().expect("minutes"))
        .collect();
    let total = page.text("[data-review-total]");
    assert_eq!(total, format!("~{} min", minutes.iter().sum::<usize>()));
    // The pack: every document in review, press release first, ids unique.
    let pack = page.select(".pack-doc");
    assert_eq!(pack.len(), 3);
    for article in &pack {
        let sections = select_in(*article, "section.doc-section");
        let first = sections[0].value().attr("class").unwrap_or_default();
        assert!(first.contains("section-press-release"), "{first}");
        assert_eq!(texts_in(*article, ".pack-leader"), ["Ann Lee"]);
    }
    let ids = page.select("[id]");
    let distinct: HashSet<_> = ids.iter().filter_map(|e| e.attr("id")).collect();
    assert_eq!(distinct.len(), ids.len(), "ids repeat on the review page");
    assert!(page.ids().contains("alpha--press-release"));
    assert!(
        page.attrs("a[href^='#']", "href")
            .contains(&"#alpha--press-release".to_owned())
    );
    // No inline script: the selection is a static file.
    let scripts = page.select("script");
    assert!(
        scripts
            .iter()
            .all(|s| s.attr("src").is_some() && s.inner_html().trim().is_empty())
    );
    assert!(
        page.attrs("script", "src")
            .iter()
            .any(|s| s.ends_with("static/review.js"))
    );
    assert!(library.site().has("static/review.js"));
}

#[test]
fn review_statuses_in_site_toml_choose_what_is_in_review() {
    let library = library().file("site.toml", "review_statuses = [\"draft\"]\n");
    library.build().success();
    let page = library.site().page("review/");
    assert_eq!(page.attrs(".pack-doc", "data-slug"), ["draft"]);
    let bad = Library::new().file("site.toml", "review_statuses = [\"in-reveiw\"]\n");
    bad.build()
        .code(1)
        .stderr_has(&["site.toml:1:19", "in-reveiw", "expected one of"]);
}

#[test]
fn the_reading_pack_prints_each_chosen_document_from_a_new_page() {
    let Some(binary) = chromium() else { return };
    let library = library();
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}review/?docs=alpha,gamma", server.url));
    let shown = "Array.from(document.querySelectorAll('.pack-doc')).filter(d => !d.hidden).map(d => d.dataset.slug).join(',')";
    tab.wait_for(shown, &json!("alpha,gamma"));
    assert_eq!(
        tab.eval("document.querySelector('[data-review-total]').textContent"),
        Some(json!("~2 min"))
    );
    emulate_print(&mut tab);
    let style = |selector: &str, property: &str| {
        format!(
            "Array.from(document.querySelectorAll('{selector}')).filter(e => !e.hidden).map(e => getComputedStyle(e)['{property}']).join(',')"
        )
    };
    assert_eq!(
        tab.eval(&style(".pack-doc", "breakBefore")),
        Some(json!("page,page"))
    );
    assert_eq!(
        tab.eval(&style(
            ".pack-doc:not([hidden]) .pack-frame > thead",
            "display"
        )),
        Some(json!("table-header-group,table-header-group"))
    );
    for hidden in [".site-header", ".review-screen", ".site-footer"] {
        assert_eq!(
            tab.eval(&style(hidden, "display")),
            Some(json!("none")),
            "{hidden}"
        );
    }
    assert_eq!(pdf_pages(&mut tab), 2, "one page per chosen document");

    // Unticking a document drops it from the pack and from the URL.
    tab.eval("document.querySelector('input[value=alpha]').click(); true");
    tab.wait_for("location.search", &json!("?docs=gamma"));
    assert_eq!(pdf_pages(&mut tab), 1);
}

/// Prints the open page to PDF and counts its pages.
fn pdf_pages(tab: &mut Tab) -> usize {
    let result = tab
        .command("Page.printToPDF", &json!({"preferCSSPageSize": true}))
        .expect("printToPDF");
    let data = result["result"]["data"].as_str().expect("PDF data");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("base64 PDF");
    let marker = b"/Type /Page";
    pdf.windows(marker.len() + 1)
        .filter(|w| w.starts_with(marker) && w[marker.len()] != b's')
        .count()
}

#[test]
fn front_matter_is_text_in_the_pack_and_the_charts() {
    let library = Library::new().file(
        "content/x.md",
        "+++\ntitle = \"<img src=x onerror=alert(1)>\"\nowner = \"<b>Bo</b>\"\nstatus = \"in-review\"\nstage = \"listen\"\n+++\n## Press Release\n\nText.\n",
    );
    library.build().success();
    let review = library.site().page("review/");
    assert!(review.select("main img, main b").is_empty());
    assert_eq!(review.texts(".pack-leader"), ["<b>Bo</b>"]);
    assert_eq!(
        review.texts(".pack-header h2"),
        ["<img src=x onerror=alert(1)>"]
    );
    let insights = library.site().page("insights/");
    assert!(insights.select("main img, main b").is_empty());
    assert_eq!(
        insights.attrs("#leaders svg [data-series=active]", "data-label"),
        ["<b>Bo</b>"]
    );
}

#[test]
fn serve_refreshes_the_review_and_insights_pages_after_a_save() {
    let library = library();
    let server = Server::start(&library, &[]);
    let slugs = |body: &str| {
        let html = scraper::Html::parse_document(body);
        let selector = scraper::Selector::parse(".pack-doc").expect("selector");
        let slugs: Vec<String> = html
            .select(&selector)
            .filter_map(|e| e.attr("data-slug").map(str::to_owned))
            .collect();
        slugs.join(",")
    };
    assert_eq!(slugs(&server.get("review/").1), "alpha,beta,gamma");
    let by_bo = doc("Draft", "in-review").replace("Ann Lee", "Bo");
    library.write("content/draft.md", by_bo);
    server.wait_for("review/", "the saved document in the pack", |body| {
        slugs(body) == "alpha,beta,draft,gamma"
    });
    let (status, insights) = server.get("insights.json");
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&insights).expect("JSON");
    let leaders: Vec<String> = json["leaders"]
        .as_array()
        .expect("leaders")
        .iter()
        .map(|l| format!("{} {}", l["name"], l["active"]))
        .collect();
    assert_eq!(leaders, ["\"Ann Lee\" 3", "\"Bo\" 1"]);
}

/// The library of [`library`] with a pack budget of 0 KiB (so any pack is
/// over it) and two documents to a page of the list.
fn over_budget() -> Library {
    library().file("site.toml", "review_pack_kib = 0\npage_size = 2\n")
}

#[test]
fn over_the_budget_the_page_lists_the_documents_and_each_has_a_pack_file() {
    let library = over_budget();
    library.build().success();
    let site = library.site();
    let first = site.page("review/");
    let second = site.page("review/page/2/");
    // The list, cut into pages, with nothing ticked and none of the documents' text.
    let values =
        |page: &super::support::Page| page.attrs(".review-table input[type=checkbox]", "value");
    assert_eq!(values(&first), ["alpha", "beta"]);
    assert_eq!(values(&second), ["gamma"]);
    assert!(first.select(".review-table input[checked]").is_empty());
    for page in [&first, &second] {
        assert!(page.select(".pack-doc, .doc-section").is_empty());
        assert_eq!(
            page.attrs("[data-review]", "data-pack-url"),
            ["/review/pack/"]
        );
        assert!(
            !page.text("noscript").is_empty(),
            "the note without JavaScript"
        );
        let scripts = page.select("script");
        assert!(scripts.iter().all(|s| s.attr("src").is_some()));
    }
    assert_eq!(
        first.attrs(".pager a[rel=next]", "href"),
        ["/review/page/2/"]
    );
    assert_eq!(first.text("[data-review-total]"), "~0 min");
    // A pack file for exactly the documents in review: each its article, press release first.
    let mut packs: Vec<String> = site
        .files()
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter_map(|p| p.strip_prefix("review/pack/").map(str::to_owned))
        .collect();
    packs.sort();
    assert_eq!(packs, ["alpha.html", "beta.html", "gamma.html"]);
    let pack = site.page("review/pack/gamma.html");
    assert_eq!(pack.attrs(".pack-doc", "data-slug"), ["gamma"]);
    assert_eq!(pack.attrs(".pack-doc", "data-position"), ["3"]);
    let sections = pack.attrs("section.doc-section", "class");
    assert!(
        sections[0].contains("section-press-release"),
        "{sections:?}"
    );
    assert!(
        pack.text(".section-press-release")
            .contains("Gamma makes returns simple")
    );
    assert!(pack.ids().contains("gamma--press-release"));
    // Back under the budget, the pack is in the page again and its files are gone.
    library.write("site.toml", "review_pack_kib = 512\n");
    library.build().success();
    let site = library.site();
    assert_eq!(
        site.page("review/").attrs(".pack-doc", "data-slug"),
        ["alpha", "beta", "gamma"]
    );
    assert!(!site.has("review/pack/alpha.html"));
    assert!(!site.has("review/page/2/index.html"));
}

#[test]
fn over_the_budget_front_matter_stays_text_in_the_pack_files() {
    let library = Library::new()
        .file("site.toml", "review_pack_kib = 0\n")
        .file(
            "content/x.md",
            "+++\ntitle = \"<img src=x onerror=alert(1)>\"\nowner = \"<b>Bo</b>\"\nstatus = \"in-review\"\nstage = \"listen\"\n+++\n## Press Release\n\n<script>alert(1)</script>Text.\n",
        );
    library.build().success();
    let pack = library.site().page("review/pack/x.html");
    assert!(pack.select("img, b, script").is_empty());
    assert_eq!(pack.texts(".pack-leader"), ["<b>Bo</b>"]);
    assert_eq!(
        pack.texts(".pack-header h2"),
        ["<img src=x onerror=alert(1)>"]
    );
    let review = library.site().page("review/");
    assert_eq!(
        review.texts(".review-table td a"),
        ["<img src=x onerror=alert(1)>"]
    );
}

#[test]
fn over_the_budget_the_chosen_documents_load_and_print_each_from_a_new_page() {
    let Some(binary) = chromium() else { return };
    let library = over_budget();
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    // Gamma is on the list's second page: chosen by the link, it is loaded all the same.
    let mut tab = browser.open(&format!("{}review/?docs=alpha,gamma", server.url));
    let shown = "Array.from(document.querySelectorAll('.pack-doc')).filter(d => !d.hidden).map(d => d.dataset.slug).join(',')";
    tab.wait_for(shown, &json!("alpha,gamma"));
    assert_eq!(
        tab.eval("document.querySelector('input[value=alpha]').checked"),
        Some(json!(true))
    );
    assert_eq!(
        tab.eval("document.querySelector('[data-review-total]').textContent"),
        Some(json!("~2 min"))
    );
    // The pager's link keeps the choice.
    assert_eq!(
        tab.eval("new URL(document.querySelector('.pager a[rel=next]').href).search"),
        Some(json!("?docs=alpha,gamma"))
    );
    emulate_print(&mut tab);
    let printed = "Array.from(document.querySelectorAll('.pack-doc')).filter(d => getComputedStyle(d).display !== 'none').map(d => getComputedStyle(d).breakBefore + ':' + d.querySelector('.section-press-release p').textContent).join('|')";
    assert_eq!(
        tab.eval(printed),
        Some(json!(
            "page:Alpha makes returns simple for everyone who shops with us.|page:Gamma makes returns simple for everyone who shops with us."
        ))
    );
    assert_eq!(
        tab.eval("getComputedStyle(document.querySelector('.review-screen')).display"),
        Some(json!("none"))
    );
    assert_eq!(pdf_pages(&mut tab), 2, "one page per chosen document");
    tab.command("Emulation.setEmulatedMedia", &json!({"media": "screen"}))
        .expect("screen media");

    // Ticking another and pressing the button at once: it prints once that one is loaded too.
    let press = "window.print = () => { window.printed = Array.from(document.querySelectorAll('.pack-doc')).filter(d => !d.hidden).map(d => d.dataset.slug).join(','); }; document.querySelector('input[value=beta]').click(); document.querySelector('[data-review-print]').click(); true";
    tab.eval(press);
    tab.wait_for("window.printed || ''", &json!("alpha,beta,gamma"));
    tab.wait_for("location.search", &json!("?docs=alpha,beta,gamma"));
}

#[test]
fn a_document_page_prints_alone_without_navigation() {
    let Some(binary) = chromium() else { return };
    let library = over_budget();
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}docs/alpha/", server.url));
    // Complete: the style sheet is in too (the body is parsed before it may be).
    tab.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('.doc-body')",
        &json!(true),
    );
    emulate_print(&mut tab);
    // The emulated media applies on the next style pass: poll for it.
    for hidden in [".site-header", ".site-footer", ".doc-toc"] {
        tab.wait_for(
            &format!("getComputedStyle(document.querySelector('{hidden}')).display"),
            &json!("none"),
        );
    }
    assert_eq!(
        tab.eval("document.querySelector('.section-press-release').innerText.includes('Alpha makes returns simple')"),
        Some(json!(true))
    );
    assert!(pdf_pages(&mut tab) >= 1);
}

#[test]
fn serve_keeps_the_pack_files_to_the_documents_in_review() {
    let library = over_budget();
    let server = Server::start(&library, &[]);
    assert_eq!(server.get("review/pack/alpha.html").0, 200);
    assert_eq!(server.get("review/pack/draft.html").0, 404);
    // Alpha leaves review: its pack file goes, and the list fits on one page.
    library.write("content/alpha.md", doc("Alpha", "proceed"));
    server.wait_for("review/", "alpha out of the list", |body| {
        let html = scraper::Html::parse_document(body);
        let selector = scraper::Selector::parse("input[name=docs]").expect("selector");
        let values: Vec<&str> = html
            .select(&selector)
            .filter_map(|e| e.attr("value"))
            .collect();
        values == ["beta", "gamma"]
    });
    assert_eq!(server.get("review/pack/alpha.html").0, 404);
    assert_eq!(server.get("review/page/2/").0, 404);
    assert_eq!(server.get("review/pack/gamma.html").0, 200);
}

/// Switches the tab to print media and waits until the page sees it (the
/// emulated media applies on the next style pass).
fn emulate_print(tab: &mut Tab) {
    tab.command("Emulation.setEmulatedMedia", &json!({"media": "print"}))
        .expect("print media");
    tab.wait_for("matchMedia('print').matches", &json!(true));
}
