//! Rendered bodies between builds: kept in the state folder under a key of
//! each document's text, path and title and of every document's URL, so a
//! rebuild renders only the Markdown that changed. Proved by the
//! `PRFAQ_TIMINGS` count of bodies rendered, and by each rebuilt site being
//! a clean build's.

use std::os::unix::fs::MetadataExt as _;

use super::support::{Library, assert_same_as_clean_build, count, draft, timed_build};

/// Two documents, one linking to the other, and one with a broken link.
fn library() -> Library {
    Library::new()
        .file(
            "content/offline.md",
            &draft(
                "Offline Mode",
                "Edits sync later; see [returns](returns.md).",
            ),
        )
        .file(
            "content/returns.md",
            &draft("Instant Returns", "Refunds at the door."),
        )
        .file(
            "content/broken.md",
            &draft("Broken Link", "See [the plan](missing.md)."),
        )
}

/// `prfaq build` with stage counters on; returns the bodies it rendered
/// and what it printed.
#[track_caller]
fn build(library: &Library) -> (usize, String) {
    let run = timed_build(library);
    (count(&run, "markdown: bodies rendered"), run.stderr.clone())
}

#[test]
fn a_rebuild_renders_only_the_edited_body_and_the_site_is_a_clean_builds() {
    let library = library();
    assert_eq!(build(&library).0, 3);
    // Only the document with a broken link is rendered again: its warning is reported each time.
    let (rendered, stderr) = build(&library);
    assert_eq!(rendered, 1);
    assert!(stderr.contains("missing.md"), "{stderr}");
    library.write(
        "content/returns.md",
        draft("Instant Returns", "Refunds at the door, no receipt."),
    );
    assert_eq!(build(&library).0, 2);
    let page = library.site().page("docs/returns/");
    assert!(page.text(".section-press-release").contains("no receipt"));
    assert_same_as_clean_build(&library);
}

#[test]
fn a_moved_link_target_renders_every_body_again() {
    let library = library();
    build(&library);
    // The linked document gets another URL; the text linking to it stays as it was.
    library.write(
        "content/returns.md",
        "+++\ntitle = \"Instant Returns\"\nowner = \"Ann\"\nstatus = \"draft\"\nslug = \"refunds\"\n+++\n## Press Release\n\nRefunds at the door.\n",
    );
    assert_eq!(build(&library).0, 3);
    let links = |library: &Library| {
        library
            .site()
            .page("docs/offline/")
            .attrs(".section-press-release p a", "href")
    };
    assert_eq!(links(&library), ["/docs/refunds/"]);
    // A setting every body depends on renders them all again too.
    library.write("site.toml", "base_url = \"/prfaqs/\"\n");
    assert_eq!(build(&library).0, 3);
    assert_eq!(links(&library), ["/prfaqs/docs/refunds/"]);
    assert_same_as_clean_build(&library);
}

#[test]
fn a_broken_or_foreign_cache_is_rebuilt() {
    let library = library();
    build(&library);
    for bytes in [&b"not a cache"[..], &[0xff; 64][..], &[][..]] {
        std::fs::write(library.path(".prfaq/body-cache"), bytes).expect("write");
        assert_eq!(build(&library).0, 3);
        assert_eq!(
            build(&library).0,
            1,
            "the rewritten cache serves the next build"
        );
    }
    assert_same_as_clean_build(&library);
}

#[test]
fn one_edit_in_a_large_library_renders_that_body_again_rather_than_rewrite_the_cache() {
    let library = Library::new().numbered_drafts("idea", "Idea", 20);
    assert_eq!(build(&library).0, 20);
    let inode = || {
        std::fs::metadata(library.path(".prfaq/body-cache"))
            .expect("a body cache")
            .ino()
    };
    let written = inode();
    library.write("content/idea-07.md", draft("Idea 7", "Edited words."));
    assert_eq!(build(&library).0, 1);
    assert_eq!(
        inode(),
        written,
        "one body in twenty is not worth the rewrite"
    );
    // The next build renders it again, and the page shows the edit each time.
    assert_eq!(build(&library).0, 1);
    let page = library.site().page("docs/idea-07/");
    assert!(
        page.text(".section-press-release")
            .contains("Edited words.")
    );
    assert_same_as_clean_build(&library);
}
