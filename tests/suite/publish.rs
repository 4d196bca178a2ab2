//! The site files around the pages: feed, sitemap, robots.txt, the data
//! export and the links between all of them, on the sample library replayed
//! with its history (`init --example`) and built for a project site under a
//! sub-path, as GitHub Pages publishes it.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::crawl::{BASE, PREFIX, Target, every_link, resolve};
use super::support::{Library, Site, contents, is_bookkeeping, validate_json};

/// The sample library with its story, built for [`BASE`].
fn example_site() -> (Library, Site) {
    let library = Library::new();
    library.prfaq(&["init", "--example", "."]).success();
    library.build_with(&["--base-url", BASE]).success();
    let site = library.site();
    (library, site)
}

#[test]
fn the_sample_site_under_a_sub_path_has_no_broken_link_and_none_leaves_it() {
    let (_library, site) = example_site();
    let files: BTreeSet<String> = contents(site.dir())
        .into_keys()
        .filter(|p| !is_bookkeeping(p))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    for expected in [
        ".nojekyll",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "prfaqs.json",
        "prfaqs.csv",
        "insights.json",
        "static/favicon.svg",
    ] {
        assert!(files.contains(expected), "no {expected} in the site");
    }
    let ids: HashMap<String, HashSet<String>> = site
        .pages()
        .into_iter()
        .map(|page| (page.path.clone(), page.ids()))
        .collect();
    let mut checked: HashMap<&str, usize> = HashMap::new();
    let mut broken = Vec::new();
    for (file, url) in every_link(site.dir()) {
        let kind = file.rsplit('.').next().unwrap_or("");
        let kind = ["html", "css", "js", "xml", "json", "txt"]
            .into_iter()
            .find(|k| *k == kind)
            .unwrap_or("other");
        match resolve(&file, &url) {
            Target::Elsewhere => continue,
            Target::Escapes(path) => broken.push(format!("{file}: {url} leaves {PREFIX}: {path}")),
            Target::Site(target, fragment) => {
                *checked.entry(kind).or_default() += 1;
                if !files.contains(&target) {
                    broken.push(format!("{file}: {url} -> {target} does not exist"));
                } else if let Some(fragment) = fragment
                    && !ids.get(&target).is_some_and(|ids| ids.contains(&fragment))
                {
                    broken.push(format!("{file}: {url} -> no id {fragment:?} in {target}"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    let total: usize = checked.values().sum();
    assert!(total > 800, "only {total} links checked: {checked:?}");
    // The stylesheet and the script are crawled too; today they link to nothing.
    for file in ["static/style.css", "static/prfaq.js"] {
        assert!(files.contains(file), "{file} was not crawled");
    }
    for kind in ["html", "xml", "json", "txt"] {
        assert!(
            checked.get(kind).is_some_and(|n| *n > 0),
            "no link checked in {kind} files: {checked:?}"
        );
    }
}

#[test]
fn the_feed_is_atom_with_stable_ids_for_new_documents_decisions_and_status_changes() {
    let (library, site) = example_site();
    let text = String::from_utf8(library.read("public/feed.xml")).unwrap();
    let xml = roxmltree::Document::parse(&text).expect("feed.xml is well-formed XML");
    let feed = xml.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert!(child_text(feed, "updated").is_some_and(|t| is_timestamp(&t)));
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert!(entries.len() > 30, "{} entries", entries.len());
    let mut ids = HashSet::new();
    let mut dates = Vec::new();
    for entry in &entries {
        let id = child_text(*entry, "id").expect("every entry has an id");
        assert!(ids.insert(id.clone()), "duplicate id {id}");
        let updated = child_text(*entry, "updated").expect("every entry has updated");
        assert!(is_timestamp(&updated), "{updated}");
        dates.push(updated);
        assert!(child_text(*entry, "title").is_some_and(|t| !t.is_empty()));
        let author = entry
            .children()
            .find(|n| n.has_tag_name("author"))
            .expect("an author");
        assert!(child_text(author, "name").is_some());
        let link = entry
            .children()
            .find(|n| n.has_tag_name("link"))
            .expect("a link");
        assert!(link.attribute("href").is_some_and(|h| h.starts_with(BASE)));
    }
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for id in [
        "urn:prfaq:curbside-in-ten:new",
        "urn:prfaq:plant-doctor:decision:2024-01-23:shelve",
        "urn:prfaq:plant-doctor:decision:2026-05-14:revisit",
    ] {
        assert!(ids.contains(id), "no entry {id}");
    }
    let status_changes = ids
        .iter()
        .filter(|id| id.starts_with("urn:prfaq:plant-doctor:status:"))
        .count();
    assert_eq!(
        status_changes, 4,
        "draft → in review → shelved → in review → shelved"
    );

    // The same library builds the same feed: nothing is rewritten.
    let again = library
        .build_with(&["--base-url", BASE])
        .success()
        .summary();
    assert_eq!(again.written, 0);
    assert_eq!(
        String::from_utf8(library.read("public/feed.xml")).unwrap(),
        text
    );
    drop(site);
}

#[test]
fn the_sitemap_lists_every_page_but_the_404_under_the_base_url() {
    let (library, site) = example_site();
    let text = String::from_utf8(library.read("public/sitemap.xml")).unwrap();
    let xml = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed XML");
    let urlset = xml.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(
        urlset.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let listed: BTreeSet<String> = urlset
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    let pages: BTreeSet<String> = site
        .pages()
        .into_iter()
        .filter(|p| p.path != "404.html")
        .map(|p| {
            format!(
                "{BASE}{}",
                p.path.strip_suffix("index.html").unwrap_or(&p.path)
            )
        })
        .collect();
    assert_eq!(listed, pages);
    let robots = String::from_utf8(library.read("public/robots.txt")).unwrap();
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn the_json_export_has_every_document_and_matches_its_schema() {
    let (library, _site) = example_site();
    let json: serde_json::Value =
        serde_json::from_slice(&library.read("public/prfaqs.json")).unwrap();
    assert_eq!(json["version"], 1);
    let documents = json["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 10);
    let plant_doctor = documents
        .iter()
        .find(|d| d["slug"] == "plant-doctor")
        .unwrap();
    assert_eq!(plant_doctor["status"]["label"], "Shelved");
    assert_eq!(plant_doctor["stage"]["id"], "refine");
    assert_eq!(plant_doctor["decisions"].as_array().unwrap().len(), 4);
    assert_eq!(plant_doctor["revisions"]["count"], 6);
    assert_eq!(plant_doctor["url"], format!("{BASE}docs/plant-doctor/"));
    assert_eq!(
        plant_doctor["history_url"],
        format!("{BASE}docs/plant-doctor/history.html")
    );
    let updated: HashSet<&str> = documents
        .iter()
        .filter_map(|d| d["updated"].as_str())
        .collect();
    assert!(
        updated.len() >= 8,
        "documents were last updated on different days: {updated:?}"
    );
    validate_json(
        &library.read("public/prfaqs.json"),
        "schemas/prfaqs.schema.json",
    );
}

#[test]
fn the_csv_export_has_a_row_per_document_that_spreadsheets_read_back() {
    let (library, _site) = example_site();
    let json: serde_json::Value =
        serde_json::from_slice(&library.read("public/prfaqs.json")).unwrap();
    let bytes = library.read("public/prfaqs.csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    for (row, doc) in rows.iter().zip(json["documents"].as_array().unwrap()) {
        assert_eq!(&row[column("slug")], doc["slug"].as_str().unwrap());
        // Subtitles with commas and quotes come back whole.
        assert_eq!(
            &row[column("subtitle")],
            doc["subtitle"].as_str().unwrap_or("")
        );
        assert_eq!(
            &row[column("status_label")],
            doc["status"]["label"].as_str().unwrap_or("")
        );
        assert_eq!(
            row[column("revisions")].parse::<u64>().unwrap(),
            doc["revisions"]["count"].as_u64().unwrap()
        );
    }
}

#[test]
fn document_text_is_escaped_in_the_feed_and_the_exports() {
    let title = "=HYPERLINK(\"x\") <b>&amp;</b> 'quoted'";
    let library = Library::new().file(
        "content/odd.md",
        &format!(
            "+++\ntitle = {}\nowner = \"Ann </name><script>\"\nstatus = \"draft\"\nstage = \"listen\"\ncreated = 2024-01-02\n+++\n\n## Press Release\n\nText.\n",
            toml_string(title)
        ),
    );
    library.build_with(&["--base-url", BASE]).success();
    let feed = String::from_utf8(library.read("public/feed.xml")).unwrap();
    let xml = roxmltree::Document::parse(&feed).expect("still well-formed");
    let entry = xml.descendants().find(|n| n.has_tag_name("entry")).unwrap();
    assert_eq!(
        child_text(entry, "title").unwrap(),
        format!("New PR/FAQ: {title}")
    );
    let author = entry.children().find(|n| n.has_tag_name("author")).unwrap();
    assert_eq!(child_text(author, "name").unwrap(), "Ann </name><script>");
    let json: serde_json::Value =
        serde_json::from_slice(&library.read("public/prfaqs.json")).unwrap();
    assert_eq!(json["documents"][0]["title"], title);
    let bytes = library.read("public/prfaqs.csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], format!("'{title}"), "a formula is shown as text");
}

#[test]
fn without_the_sites_address_there_is_no_sitemap_and_links_are_paths() {
    let library = Library::new().file(
        "content/idea.md",
        "+++\ntitle = \"Idea\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"listen\"\ncreated = 2024-01-02\n+++\n\nText.\n",
    );
    library.build_with(&["--base-url", "/ideas/"]).success();
    let site = library.site();
    assert!(!site.has("sitemap.xml"));
    assert_eq!(
        String::from_utf8(library.read("public/robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n"
    );
    let feed = String::from_utf8(library.read("public/feed.xml")).unwrap();
    let xml = roxmltree::Document::parse(&feed).unwrap();
    let hrefs: Vec<&str> = xml
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(hrefs.contains(&"/ideas/docs/idea/"), "{hrefs:?}");
    assert!(hrefs.iter().all(|h| h.starts_with("/ideas/")), "{hrefs:?}");
}

#[test]
fn every_page_links_the_favicon_and_the_feed() {
    let (_library, site) = example_site();
    for page in site.pages() {
        assert_eq!(
            page.attrs("link[rel=icon]", "href"),
            [format!("{PREFIX}static/favicon.svg")],
            "{}",
            page.path
        );
        assert_eq!(
            page.attrs("link[rel=alternate][type='application/atom+xml']", "href"),
            [format!("{PREFIX}feed.xml")],
            "{}",
            page.path
        );
    }
    // The 404 page is served for any missing address, at any depth: no relative links.
    let not_found = site.page("404.html");
    let links = [
        not_found.attrs("[href]", "href"),
        not_found.attrs("[src]", "src"),
    ]
    .concat();
    assert!(
        links
            .iter()
            .all(|l| l.starts_with(PREFIX) || l.starts_with('#')),
        "{links:?}"
    );
    assert!(links.contains(&format!("{PREFIX}static/style.css")));
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name(name))
        .map(|n| n.text().unwrap_or("").to_owned())
}

/// RFC 3339, as Atom wants: `2024-01-23T00:00:00Z`.
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 20
        && text.ends_with('Z')
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && text[..4].chars().all(|c| c.is_ascii_digit())
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn serve_keeps_the_feed_and_the_exports_current_after_an_edit() {
    let library = Library::new()
        .file("content/returns.md", &idea("Returns", "draft"))
        .file("content/other.md", &idea("Other", "proceed"));
    let server = super::serve::Server::start(&library, &[]);
    let export = |body: &str| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        json["documents"]
            .as_array()
            .map(|docs| {
                docs.iter()
                    .filter_map(|d| d["title"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(export(&server.get("prfaqs.json").1), ["Other", "Returns"]);

    library.write("content/returns.md", idea("Instant Returns", "in-review"));

    server.wait_for("prfaqs.json", "the edited title in the export", |body| {
        export(body) == ["Other", "Instant Returns"]
    });
    let csv = server.get("prfaqs.csv").1;
    assert!(
        csv.lines()
            .any(|l| l.starts_with("returns,Instant Returns,")),
        "{csv}"
    );
    let feed = server.get("feed.xml").1;
    let xml = roxmltree::Document::parse(&feed).expect("well-formed feed");
    let titles: Vec<String> = xml
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    assert!(
        titles.contains(&"New PR/FAQ: Instant Returns".to_owned()),
        "{titles:?}"
    );
}

fn idea(title: &str, status: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"define\"\ncreated = 2024-03-01\n+++\n\n## Press Release\n\nText about {title}.\n"
    )
}
