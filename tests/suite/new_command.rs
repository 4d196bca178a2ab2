//! `prfaq new`: a new PR/FAQ from the Working Backwards outline, ready to
//! build, and never over an existing file.

use super::support::Library;

#[test]
fn new_document_builds_without_warnings_and_shows_its_owner_and_stage() {
    let library = Library::new();

    let run = library
        .prfaq(&[
            "new",
            "Moss Wall",
            "--owner",
            "Ana Lima",
            "--stage",
            "define",
        ])
        .success();

    assert_eq!(run.stdout.trim(), "content/moss-wall.md");
    let build = library.build().success();
    assert_eq!(build.warnings(), Vec::<&str>::new(), "{}", build.stderr);
    let doc = library.site().page("docs/moss-wall/");
    assert_eq!(doc.text("h1"), "Moss Wall");
    assert_eq!(doc.text(".doc-owner a"), "Ana Lima");
    assert_eq!(doc.text("ol.progress li[aria-current=step]"), "Define");
    assert_eq!(doc.text(".doc-status .badge"), "Draft");
    assert!(!doc.select(".doc-body .section-press-release").is_empty());
    assert!(doc.select(".section-external-faq .faq-question").len() >= 2);
    assert!(doc.select(".section-internal-faq .faq-question").len() >= 2);
}

#[test]
fn new_refuses_to_overwrite_an_existing_document() {
    let library = Library::new();
    library
        .prfaq(&["new", "Moss Wall", "--owner", "Ana Lima"])
        .success();
    library.write("content/moss-wall.md", "my draft, not to be lost");

    let run = library.prfaq(&["new", "Moss Wall", "--owner", "Someone Else"]);

    run.code(2)
        .stderr_has(&["content/moss-wall.md", "already exists"]);
    assert_eq!(
        library.read("content/moss-wall.md"),
        b"my draft, not to be lost"
    );
}

#[test]
fn new_refuses_an_unknown_stage() {
    let library = Library::new();

    let run = library.prfaq(&[
        "new",
        "Moss Wall",
        "--owner",
        "Ana Lima",
        "--stage",
        "design",
    ]);

    run.code(2)
        .stderr_has(&["design", "listen, define, invent, refine, test-and-iterate"]);
    assert!(!library.path("content/moss-wall.md").exists());
}

#[test]
fn new_starts_at_the_first_configured_stage_and_status() {
    let library = Library::new().file(
        "site.toml",
        "stages = [\"proposed\", \"accepted\"]\nstatuses = [\"open\", \"closed\"]\n",
    );

    library
        .prfaq(&["new", "Moss Wall", "--owner", "Ana Lima"])
        .success();

    library.build().success();
    let doc = library.site().page("docs/moss-wall/");
    assert_eq!(doc.text("ol.progress li[aria-current=step]"), "Proposed");
    assert_eq!(doc.text(".doc-status .badge"), "Open");
}
