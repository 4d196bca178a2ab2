//! The review rules' similarity neighbours between builds: kept in the state
//! folder under a key of every document's title, summary and press release
//! and of the `[check]` settings. Proved by the `PRFAQ_TIMINGS` count of
//! neighbours reused, and by each rebuilt site being a clean build's.

use super::support::{Library, assert_same_as_clean_build, count, draft, timed_build};

/// Two documents that read alike and one that does not.
fn library() -> Library {
    Library::new()
        .file(
            "content/offline.md",
            &draft(
                "Offline Mode",
                "Store managers edit checklists offline and sync them later.",
            ),
        )
        .file(
            "content/offline-sync.md",
            &draft(
                "Offline Sync",
                "Store managers sync their offline checklists later.",
            ),
        )
        .file(
            "content/gifts.md",
            &draft(
                "Gift Cards",
                "Shoppers send a balance to a friend by email.",
            ),
        )
}

/// Whether `prfaq build` reused the previous build's neighbours.
#[track_caller]
fn reused(library: &Library) -> bool {
    count(&timed_build(library), "check: neighbours from the cache") == 1
}

fn related(library: &Library, page: &str) -> Vec<String> {
    library.site().page(page).texts(".related-list li > a")
}

#[test]
fn unchanged_texts_reuse_the_neighbours_and_an_edit_computes_them_again() {
    let library = library();
    assert!(!reused(&library));
    let before = related(&library, "docs/offline/");
    assert!(before.contains(&"Offline Sync".to_owned()), "{before:?}");
    assert!(reused(&library));
    assert_eq!(related(&library, "docs/offline/"), before);
    // The third document now says what the first says: computed again, and listed.
    library.write(
        "content/gifts.md",
        draft(
            "Offline Gift Cards",
            "Store managers edit checklists offline and sync them later.",
        ),
    );
    assert!(!reused(&library));
    assert!(related(&library, "docs/offline/").contains(&"Offline Gift Cards".to_owned()));
    assert_same_as_clean_build(&library);
}

#[test]
fn a_setting_change_or_a_broken_cache_computes_the_neighbours_again() {
    let library = library();
    reused(&library);
    library.write("site.toml", "[check.related]\ncount = 1\n");
    assert!(!reused(&library));
    assert!(reused(&library));
    library.write(".prfaq/similarity-cache", "not a cache");
    assert!(!reused(&library));
    assert_same_as_clean_build(&library);
}
