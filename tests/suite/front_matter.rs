//! Front matter as teams write it: TOML or YAML, titles and slugs with
//! fallbacks, the workflow vocabulary from site.toml, and the fields a
//! document may lack.

use super::support::{Library, Page, select_in, text_of, texts_in};

#[test]
fn toml_and_yaml_front_matter_give_the_same_page() {
    let library = Library::new()
        .file(
            "content/toml.md",
            "+++\ntitle = \"Same\"\nsubtitle = \"Twice\"\nowner = \"Ann Lee\"\nstatus = \"shelved\"\n\
             stage = \"refine\"\ntags = [\"a\", \"b\"]\ncreated = 2024-03-02\n\n\
             [[decisions]]\ndate = 2024-04-10\noutcome = \"shelve\"\nby = \"S-team\"\nnote = \"Too early.\"\n\
             +++\n\nText.\n",
        )
        .file(
            "content/yaml.md",
            "---\ntitle: Same\nsubtitle: Twice\nowner: Ann Lee\nstatus: shelved\nstage: refine\n\
             tags: [a, b]\ncreated: 2024-03-02\ndecisions:\n  - date: 2024-04-10\n    outcome: shelve\n\
             \x20   by: S-team\n    note: Too early.\n---\n\nText.\n",
        );

    let run = library.build().success();

    assert_eq!(run.warnings(), Vec::<&str>::new());
    let site = library.site();
    let (toml, yaml) = (site.page("docs/toml/"), site.page("docs/yaml/"));
    assert_eq!(header_facts(&toml), header_facts(&yaml));
    assert_eq!(
        header_facts(&toml),
        [
            "Same",
            "Twice",
            "Ann Lee",
            "Shelved",
            "Refine",
            "a b",
            "2024-04-10",
            "Too early."
        ]
    );
}

#[test]
fn title_falls_back_to_the_first_heading_then_the_file_name() {
    let library = Library::new()
        .file(
            "content/from-heading.md",
            "+++\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\n\
             # The Heading Title\n\nText.\n",
        )
        .file(
            "content/meeting-notes.md",
            "+++\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\n\
             ## Not a title\n\nText.\n",
        );

    library.build().success();

    let site = library.site();
    assert_eq!(
        site.page("docs/from-heading/").text("h1"),
        "The Heading Title"
    );
    assert_eq!(site.page("docs/meeting-notes/").text("h1"), "meeting-notes");
}

#[test]
fn slug_in_front_matter_sets_the_page_url() {
    let library = Library::new()
        .file(
            "content/a-very-long-file-name.md",
            "+++\ntitle = \"Short\"\nslug = \"short\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\n\
             stage = \"listen\"\n+++\n\nText.\n",
        )
        .file(
            "content/other.md",
            "+++\ntitle = \"Other\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\n\
             See [the short one](a-very-long-file-name.md).\n",
        );

    library.build().success();

    let site = library.site();
    assert_eq!(site.page("docs/short/").text("h1"), "Short");
    assert!(!site.has("docs/a-very-long-file-name/index.html"));
    assert_eq!(
        site.page("docs/other/").attrs(".doc-body a[href]", "href"),
        ["/docs/short/"]
    );
}

#[test]
fn site_toml_vocabularies_drive_labels_progress_and_board_columns() {
    let library = Library::new()
        .file("site.toml", CUSTOM_VOCABULARY)
        .file(
            "content/rfc.md",
            "+++\ntitle = \"RFC\"\nowner = \"Ann Lee\"\nstatus = \"open\"\nstage = \"accepted\"\n+++\n\nText.\n",
        );

    let run = library.build().success();

    assert_eq!(run.warnings(), Vec::<&str>::new());
    let site = library.site();
    let doc = site.page("docs/rfc/");
    assert_eq!(doc.text(".doc-status .badge"), "Open for comment");
    assert_eq!(
        doc.texts("ol.progress li"),
        ["Proposed", "Accepted", "Released"]
    );
    assert_eq!(doc.text("ol.progress li[aria-current=step]"), "Accepted");
    assert_eq!(
        site.page("board/").attrs(".board .column", "id"),
        ["status-open", "status-closed"]
    );
    assert_eq!(
        site.page("board/").texts("#status-open .card-title"),
        ["RFC"]
    );
    assert_eq!(
        site.page("pipeline/").attrs(".board .column", "id"),
        ["stage-proposed", "stage-accepted", "stage-released"]
    );
}

#[test]
fn site_toml_vocabularies_replace_the_default_values() {
    let library = Library::new().file("site.toml", CUSTOM_VOCABULARY).file(
        "content/rfc.md",
        "+++\ntitle = \"RFC\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n",
    );

    library.build().code(1).stderr_has(&[
        "content/rfc.md:4:10",
        "unknown status \"draft\"",
        "open, closed",
        "content/rfc.md:5:9",
        "unknown stage \"define\"",
        "proposed, accepted, released",
    ]);
}

#[test]
fn missing_owner_status_and_stage_are_warnings_and_show_as_unknown() {
    let library = Library::new().file("content/bare.md", "# Bare idea\n\nJust some notes.\n");

    let run = library.build().success();

    let warnings = run.warnings();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    for field in ["owner", "status", "stage"] {
        assert!(
            warnings.iter().any(|w| w.contains(&format!("no {field}"))),
            "no warning about the {field}:\n{}",
            run.stderr
        );
    }
    let site = library.site();
    let doc = site.page("docs/bare/");
    assert_eq!(doc.text("h1"), "Bare idea");
    assert_eq!(doc.text(".doc-owner"), "Unknown");
    assert_eq!(doc.text(".doc-status .badge"), "Unknown");
    assert!(doc.select("ol.progress [aria-current]").is_empty());
    let row = site.page("documents/");
    let row = row.one("table.doc-table tbody tr");
    assert_eq!(
        (row.attr("data-status"), row.attr("data-stage")),
        (Some("unknown"), Some("unknown"))
    );
    let board = site.page("board/");
    assert_eq!(
        board
            .attrs(".board .column", "id")
            .last()
            .map(String::as_str),
        Some("status-unknown")
    );
    assert_eq!(board.texts("#status-unknown .card-title"), ["Bare idea"]);
    assert_eq!(
        site.page("pipeline/").texts("#stage-unknown .card-title"),
        ["Bare idea"]
    );
    assert!(
        site.page("owners/")
            .select("table.group-table tbody tr")
            .is_empty()
    );
}

#[test]
fn extra_front_matter_keys_are_shown_as_text_in_toml_and_yaml() {
    let library = Library::new()
        .file(
            "content/toml.md",
            "+++\ntitle = \"T\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\
             jira = \"NW-1\"\nreview = 2025-01-31\nbudget = 12000\n+++\n",
        )
        .file(
            "content/yaml.md",
            "---\ntitle: Y\nowner: Ann Lee\nstatus: draft\nstage: listen\njira: NW-2\nreview: 2025-02-28\n\
             budget: 9000\n---\n",
        );

    library.build().success();

    let site = library.site();
    for (url, jira, review, budget) in [
        ("docs/toml/", "NW-1", "2025-01-31", "12000"),
        ("docs/yaml/", "NW-2", "2025-02-28", "9000"),
    ] {
        let doc = site.page(url);
        let mut facts: Vec<(String, String)> = doc
            .select("dl.extra > div")
            .into_iter()
            .map(|div| {
                let text = |css| texts_in(div, css).concat();
                (text("dt"), text("dd"))
            })
            .collect();
        facts.sort();
        assert_eq!(
            facts,
            [("budget", budget), ("jira", jira), ("review", review)]
                .map(|(k, v)| (k.to_owned(), v.to_owned())),
            "{url}"
        );
    }
}

const CUSTOM_VOCABULARY: &str = r##"stages = ["proposed", "accepted", "released"]

[[statuses]]
id = "open"
label = "Open for comment"
colour = "#0a7f5a"

[[statuses]]
id = "closed"
label = "Closed"
colour = "#a01010"
"##;

/// What a document's header says: title, subtitle, owner, status, current
/// stage, tags, latest decision's date and note.
fn header_facts(doc: &Page) -> Vec<String> {
    let decision = doc.one(".latest-decision");
    let date = select_in(decision, "time")[0]
        .attr("datetime")
        .unwrap_or("");
    vec![
        doc.text("h1"),
        doc.text(".doc-subtitle"),
        doc.text(".doc-owner"),
        doc.text(".doc-status .badge"),
        doc.text("ol.progress li[aria-current=step]"),
        doc.texts(".doc-tags a").join(" "),
        date.to_owned(),
        text_of(select_in(decision, ".decision-note")[0]),
    ]
}
