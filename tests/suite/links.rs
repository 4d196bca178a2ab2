//! Links: every internal link of the site leads somewhere, with or without a
//! sub-path in `base_url`, and `.md` links between documents become links
//! between their pages.

use std::collections::{HashMap, HashSet};

use super::support::{Library, Site, built, file_for_url, percent_decode, text_of};

#[test]
fn every_internal_link_resolves_to_a_file_of_the_site() {
    let (_library, site) = built("basic");

    assert_internal_links_resolve(&site, "/");
}

#[test]
fn every_internal_link_resolves_under_a_base_url_with_a_sub_path() {
    let library = Library::fixture("basic");
    library
        .build_with(&["--base-url", "https://acme.github.io/org/prfaqs/"])
        .success();

    assert_internal_links_resolve(&library.site(), "/org/prfaqs/");
}

#[test]
fn base_url_in_site_toml_prefixes_every_internal_link() {
    let library = Library::fixture("basic").file(
        "site.toml",
        "title = \"Acme\"\nbase_url = \"https://acme.github.io/prfaqs\"\n",
    );
    library.build().success();

    assert_internal_links_resolve(&library.site(), "/prfaqs/");
}

#[test]
fn relative_md_links_between_documents_point_to_their_pages() {
    let (_library, site) = built("basic");

    let body_links = |url: &str| -> Vec<(String, String)> {
        site.page(url)
            .select(".doc-body a[href]:not(.anchor)")
            .into_iter()
            .map(|a| (text_of(a), a.attr("href").unwrap_or("").to_owned()))
            .collect()
    };
    // `seed-swap.md` and `services/lawn-care.md#…` from the top folder.
    assert_eq!(
        body_links("docs/rain-gauge/"),
        [
            ("Seed Swap", "/docs/seed-swap/"),
            (
                "lawn care",
                "/docs/services/lawn-care/#how-much-does-it-cost"
            ),
        ]
        .map(owned)
    );
    // `../rain-gauge.md` from a subfolder.
    assert_eq!(
        body_links("docs/services/lawn-care/"),
        [("Smart Rain Gauge", "/docs/rain-gauge/")].map(owned)
    );
    // `gift-cards.md` within the subfolder.
    assert_eq!(
        body_links("docs/services/tool-rental/"),
        [("gift cards", "/docs/services/gift-cards/")].map(owned)
    );
    // `seed-swap.md#who-can-join` keeps its anchor.
    assert_eq!(
        body_links("docs/compost-pickup/"),
        [("Seed Swap", "/docs/seed-swap/#who-can-join")].map(owned)
    );
}

#[test]
fn a_broken_md_link_is_a_warning_at_its_line_and_column_and_the_build_succeeds() {
    let library = Library::new().file(
        "content/a.md",
        "+++\ntitle = \"A\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\n\
         See [the old plan](old-plan.md) for details.\n",
    );

    let run = library
        .build()
        .success()
        .stderr_has(&["content/a.md:8:5", "old-plan.md"]);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(library.site().has("docs/a/index.html"));
}

#[test]
fn a_broken_md_link_warning_quotes_the_link_as_written() {
    let library = Library::new().file(
        "content/a.md",
        "+++\ntitle = \"A\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\n\
         See [the old plan](old-plan.md) for details.\n",
    );

    let run = library.build().success();
    assert_eq!(
        run.warnings(),
        ["warning: link to \"old-plan.md\": no such document in the library"]
    );
}

/// Every `a[href]`, `link[href]` and `script[src]` under the base path, on
/// every page, names a file of the site, and its `#fragment` (if any) an id
/// on that page; no link leaves the base path for another path on the host.
fn assert_internal_links_resolve(site: &Site, base: &str) {
    let pages = site.pages();
    assert!(pages.len() > 20, "only {} pages", pages.len());
    let ids: HashMap<String, HashSet<String>> =
        pages.iter().map(|p| (p.path.clone(), p.ids())).collect();
    let mut checked = 0;
    let mut broken = Vec::new();
    for page in &pages {
        let links = [
            page.attrs("a[href]", "href"),
            page.attrs("link[href]", "href"),
            page.attrs("script[src]", "src"),
        ]
        .concat();
        for link in links {
            let (target, fragment) = match link.split_once('#') {
                Some((target, fragment)) => (target, Some(fragment)),
                None => (link.as_str(), None),
            };
            let file = if target.is_empty() {
                page.path.clone()
            } else if let Some(within) = target.strip_prefix(base) {
                file_for_url(within)
            } else if target.starts_with('/') {
                broken.push(format!(
                    "{}: {link} is outside the base path {base}",
                    page.path
                ));
                continue;
            } else if target.contains(':') {
                continue; // another site: https:, mailto:
            } else {
                relative_to(&page.path, target)
            };
            checked += 1;
            if !site.has(&file) {
                broken.push(format!("{}: {link} -> {file} does not exist", page.path));
            } else if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let fragment = percent_decode(fragment);
                if !ids.get(&file).is_some_and(|ids| ids.contains(&fragment)) {
                    broken.push(format!(
                        "{}: {link} -> no id {fragment:?} in {file}",
                        page.path
                    ));
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} internal links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The file a relative link on the page at `page_path` leads to.
fn relative_to(page_path: &str, target: &str) -> String {
    let mut parts: Vec<&str> = page_path.split('/').collect();
    parts.pop(); // the page's own file name
    let joined = format!("{}/{target}", parts.join("/"));
    let mut normal: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                normal.pop();
            }
            part => normal.push(part),
        }
    }
    let trailing = if target.ends_with('/') { "/" } else { "" };
    file_for_url(&format!("{}{trailing}", normal.join("/")))
}

fn owned((a, b): (&str, &str)) -> (String, String) {
    (a.to_owned(), b.to_owned())
}
