//! `Library::replace` and the term indexes.

use super::test_support::{doc, library};
use super::*;
use crate::config::Resolved;

fn reparse(library: &Library, source: &str, text: &str) -> (Document, Body) {
    let display = std::path::Path::new("content").join(source);
    let (document, _) = Document::parse(source, &display, text.to_owned(), &library.config);
    let document = document.expect("parses");
    let urls = library.urls();
    let (body, _) = render_body(
        &document,
        &Links {
            urls: &urls,
            unsafe_html: false,
        },
    );
    (document, body)
}

#[test]
fn replace_reports_the_pages_that_show_the_document_and_reindexes() {
    let mut library = library(&[
        ("a.md", &doc("Ann", "draft", &["x"], &["b.md"])),
        ("b.md", &doc("Bo", "draft", &[], &[])),
        ("c.md", &doc("Cy", "draft", &[], &[])),
    ]);
    assert_eq!(library.entries[1].backlinks, [0]);
    let (document, body) = reparse(&library, "a.md", &doc("Cy", "proceed", &["y"], &["c.md"]));
    let affected = library.replace(0, document, body);
    assert_eq!(
        affected,
        [0, 1, 2],
        "itself, the old and the new link target"
    );
    assert!(library.entries[1].backlinks.is_empty());
    assert_eq!(library.entries[2].backlinks, [0]);
    assert_eq!(library.owners["cy"].entries, [0, 2]);
    assert!(!library.owners.contains_key("ann"));
    assert!(library.tags.contains_key("y") && !library.tags.contains_key("x"));
    assert_eq!(library.statuses.terms[2], [0], "proceed");
    assert_eq!(library.entries[0].document.status, Resolved::Known(2));
    assert!(
        library.entries[0].history.uncommitted,
        "no commit has this text"
    );
}

#[test]
fn replace_of_an_unlinked_document_touches_only_itself() {
    let mut library = library(&[
        ("a.md", &doc("Ann", "draft", &[], &[])),
        ("b.md", &doc("Bo", "draft", &[], &[])),
    ]);
    let (document, body) = reparse(&library, "b.md", &doc("Bo", "draft", &[], &[]));
    assert_eq!(library.replace(1, document, body), [1]);
}

#[test]
fn status_and_stage_indexes_keep_unknowns_apart() {
    let library = library(&[
        ("a.md", &doc("Ann", "draft", &[], &[])),
        ("b.md", "# No front matter\n"),
    ]);
    assert_eq!(library.statuses.terms[0], [0]);
    assert_eq!(library.statuses.unknown, [1]);
    assert_eq!(library.stages.terms[0], [0]);
}
