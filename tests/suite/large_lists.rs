//! Lists at scale (issues #13 and #14): a board or pipeline column shows a
//! bounded number of cards and links to the documents table filtered to it.

use super::support::{Library, file_for_url};

fn doc(i: usize, status: &str) -> String {
    format!(
        "+++\ntitle = \"Idea {i:03}\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"listen\"\n+++\n## Press Release\n\nText {i}.\n"
    )
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
    assert_eq!(super::support::select_in(draft, ".card").len(), 50);
    let more = super::support::select_in(draft, ".column-more a");
    assert_eq!(more.len(), 1);
    let href = more[0].value().attr("href").expect("href");
    assert_eq!(href, "/documents/?status=draft");
    assert!(
        site.has(&file_for_url(href.trim_start_matches('/'))),
        "{href} resolves"
    );
    assert!(super::support::text_of(more[0]).contains("53"));

    let proceed = board.one("#status-proceed");
    assert_eq!(super::support::select_in(proceed, ".card").len(), 1);
    assert!(
        super::support::select_in(proceed, ".column-more").is_empty(),
        "a short column has no link"
    );
    let table = site.page("documents/");
    assert_eq!(
        table.select("tbody tr[data-status=draft]").len(),
        53,
        "the table lists them all"
    );
}
