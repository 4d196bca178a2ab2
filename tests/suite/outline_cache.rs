//! The check rules' outlines between builds: kept in the state folder under
//! a key of each document's text, path and title, so a rebuild parses only
//! the documents that changed. Proved by the `PRFAQ_TIMINGS` count of
//! outlines parsed, by the review notes following each edit, and by each
//! rebuilt site being a clean build's.

use std::os::unix::fs::MetadataExt as _;

use super::support::{Library, assert_same_as_clean_build, count, draft, timed_build};

/// What a press release says to have a customer quote (a part the rules look for).
const QUOTED: &str = "Refunds at the door.\n\n**Customer quote.** \"No more queues.\"";

/// A press release with a customer quote, and one without.
fn library() -> Library {
    Library::new()
        .file("content/offline.md", &draft("Offline Mode", QUOTED))
        .file(
            "content/returns.md",
            &draft("Instant Returns", "Refunds at the door."),
        )
}

/// `prfaq build` with stage counters on; returns the outlines it parsed.
#[track_caller]
fn parsed(library: &Library) -> usize {
    count(&timed_build(library), "check: outlines parsed")
}

/// The messages of the review notes on a document's page.
fn notes(library: &Library, page: &str) -> Vec<String> {
    library
        .site()
        .page(page)
        .texts("details.review-notes .note-message")
}

/// Whether a review note on the page says the customer quote is missing.
fn misses_the_quote(library: &Library, page: &str) -> bool {
    notes(library, page)
        .iter()
        .any(|n| n.contains("no customer quote"))
}

#[test]
fn a_rebuild_parses_only_the_edited_outline_and_the_notes_follow_the_edit() {
    let library = library();
    assert_eq!(parsed(&library), 2);
    assert!(misses_the_quote(&library, "docs/returns/"));
    assert!(!misses_the_quote(&library, "docs/offline/"));
    assert_eq!(parsed(&library), 0, "nothing changed, nothing parsed");
    library.write("content/returns.md", draft("Instant Returns", QUOTED));
    assert_eq!(parsed(&library), 1);
    assert!(
        !misses_the_quote(&library, "docs/returns/"),
        "the note of the old text is gone: {:?}",
        notes(&library, "docs/returns/")
    );
    assert_same_as_clean_build(&library);
}

#[test]
fn a_broken_or_foreign_cache_is_rebuilt() {
    let library = library();
    parsed(&library);
    for bytes in [&b"not a cache"[..], &[0xff; 64][..], &[][..]] {
        std::fs::write(library.path(".prfaq/outline-cache"), bytes).expect("write");
        assert_eq!(parsed(&library), 2);
        assert_eq!(
            parsed(&library),
            0,
            "the rewritten cache serves the next build"
        );
    }
    assert!(misses_the_quote(&library, "docs/returns/"));
    assert_same_as_clean_build(&library);
}

#[test]
fn one_edit_in_a_large_library_parses_that_outline_again_rather_than_rewrite_the_cache() {
    let library = Library::new().numbered_drafts("idea", "Idea", 20);
    assert_eq!(parsed(&library), 20);
    let inode = || {
        std::fs::metadata(library.path(".prfaq/outline-cache"))
            .expect("an outline cache")
            .ino()
    };
    let written = inode();
    library.write("content/idea-07.md", draft("Idea 7", QUOTED));
    assert_eq!(parsed(&library), 1);
    assert_eq!(
        inode(),
        written,
        "one outline in twenty is not worth the rewrite"
    );
    // The next build parses it again, and the notes follow the edit each time.
    assert_eq!(parsed(&library), 1);
    assert!(!misses_the_quote(&library, "docs/idea-07/"));
    assert!(misses_the_quote(&library, "docs/idea-06/"));
    assert_same_as_clean_build(&library);
}

#[test]
fn prfaq_check_never_writes_the_cache() {
    let library = library();
    let check = |library: &Library| {
        library.prfaq(&["check", "--root", library.root().to_str().expect("UTF-8")])
    };
    let run = check(&library);
    assert!(
        !library.path(".prfaq/outline-cache").exists(),
        "prfaq check wrote the state folder: {}",
        run.stderr
    );
    parsed(&library);
    let inode = || {
        std::fs::metadata(library.path(".prfaq/outline-cache"))
            .expect("an outline cache")
            .ino()
    };
    let written = inode();
    // One document of two edited: a build would write the cache again.
    library.write("content/returns.md", draft("Instant Returns", "Refunds."));
    check(&library);
    assert_eq!(inode(), written);
    assert_eq!(parsed(&library), 1);
    assert_ne!(inode(), written);
}
