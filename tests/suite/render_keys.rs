//! Render keys: a rebuild renders only the document pages whose inputs
//! changed (text, revisions, review notes, settings, templates) and keeps
//! the others as written. Proved by the `PRFAQ_TIMINGS` counts of pages
//! rendered and kept, and by the site after each rebuild being the very
//! site a clean build of the same library writes.

use std::path::Path;

use super::support::{
    Library, assert_same_as_clean_build, commit, count, git, snapshot, timed_build,
};

fn doc(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\n{body}\n\n## External FAQ\n\n### Who is it for?\n\nStore managers.\n"
    )
}

/// Three documents in a git repository with one commit.
fn library() -> Library {
    let library = Library::new()
        .file(
            "content/offline.md",
            &doc("Offline Mode", "Edits sync later."),
        )
        .file(
            "content/returns.md",
            &doc("Instant Returns", "Refunds at the door."),
        )
        .file(
            "content/gifts.md",
            &doc("Gift Cards", "Balances survive a reboot."),
        );
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-05-01", "First drafts");
    library
}

/// Pages rendered and pages kept unrendered by one `prfaq build`.
type Counts = (usize, usize);

#[track_caller]
fn build(library: &Library) -> Counts {
    build_counting(library, "document")
}

/// Pages of `kind` (`document` or `list`) rendered and kept by one build.
#[track_caller]
fn build_counting(library: &Library, kind: &str) -> Counts {
    let run = timed_build(library);
    (
        count(&run, &format!("{kind} pages rendered")),
        count(&run, &format!("{kind} pages kept unrendered")),
    )
}

#[test]
fn a_rebuild_with_nothing_changed_renders_no_document_page_and_touches_no_file() {
    let library = library();
    // Three documents, each with a page and a history page.
    assert_eq!(build(&library), (6, 0));
    let before = snapshot(&library.path("public"));
    assert_eq!(build(&library), (0, 6));
    assert_eq!(snapshot(&library.path("public")), before);
}

#[test]
fn an_edit_renders_the_edited_documents_pages_alone_and_the_site_is_a_clean_builds() {
    let library = library();
    build(&library);
    library.write(
        "content/returns.md",
        doc("Instant Returns", "Refunds at the till."),
    );
    // Not committed yet: its page, and its history page with the uncommitted changes.
    assert_eq!(build(&library), (2, 4));
    assert!(
        library
            .site()
            .page("docs/returns/")
            .text("article")
            .contains("Refunds at the till.")
    );
    commit(&library, "Ann", "2024-05-02", "The till");
    // Committed: a new revision on its history page (and its last update on its page).
    assert_eq!(build(&library), (2, 4));
    assert_same_as_clean_build(&library);
}

#[test]
fn a_setting_or_a_template_that_changes_renders_every_page_again() {
    let library = library();
    build(&library);
    library.write("site.toml", "title = \"Acme PR/FAQs\"\n");
    assert_eq!(build(&library), (6, 0));
    assert_eq!(
        library.site().page("docs/gifts/").text("a.site-title"),
        "Acme PR/FAQs"
    );
    let template = String::from_utf8(library.read("public/docs/gifts/index.html")).expect("UTF-8");
    assert!(!template.contains("data-overridden"));
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/document.html"),
    )
    .expect("built-in template");
    library.write(
        "templates/document.html",
        builtin.replacen("<article", "<article data-overridden", 1),
    );
    // Templates include and extend each other: any change renders every page.
    assert_eq!(build(&library), (6, 0));
    assert_eq!(
        library
            .site()
            .page("docs/gifts/")
            .select("article[data-overridden]")
            .len(),
        1
    );
    assert_same_as_clean_build(&library);
}

#[test]
fn a_kept_page_changed_behind_prfaqs_back_is_rendered_and_written_again() {
    let library = library();
    build(&library);
    library.write("public/docs/offline/index.html", "defaced");
    std::fs::remove_file(library.path("public/docs/gifts/history.html")).expect("remove");
    assert_eq!(build(&library), (2, 4));
    assert_same_as_clean_build(&library);
}

#[test]
fn list_pages_are_kept_too_and_follow_an_edit() {
    let library = library();
    let (rendered, kept) = build_counting(&library, "list");
    assert!(
        rendered > 10 && kept == 0,
        "{rendered} rendered, {kept} kept"
    );
    assert_eq!(build_counting(&library, "list"), (0, rendered));
    // A new title shows on the home page, the table, the board, its leader's page...
    library.write(
        "content/gifts.md",
        doc("Gift Vouchers", "Balances survive a reboot."),
    );
    let third = build_counting(&library, "list");
    assert!(third.0 > 0 && third.1 > 0, "{third:?}");
    assert!(
        library
            .site()
            .page("documents/")
            .texts("a")
            .contains(&"Gift Vouchers".to_owned())
    );
    assert_same_as_clean_build(&library);
}
