//! The output folder is the only one prfaq writes to, and only if it made it:
//! folders holding the library or someone else's files are refused with exit
//! code 2 and left alone. Rebuilds rewrite what changed and remove only what
//! prfaq wrote.

use std::path::{Path, PathBuf};

use super::support::{Library, Tree, is_bookkeeping, snapshot};

#[test]
fn refuses_the_library_root_as_output() {
    let library = Library::fixture("basic");

    refuses(&library, ".", library.root());
}

#[test]
fn refuses_the_content_folder_as_output() {
    let library = Library::fixture("basic");

    refuses(&library, "content", library.root());
}

#[test]
fn refuses_a_folder_inside_the_content_folder() {
    let library = Library::fixture("basic");

    refuses(&library, "content/site", library.root());
}

#[test]
fn refuses_a_parent_of_the_root() {
    let library = Library::fixture("basic");
    let parent = library.parent().to_str().expect("UTF-8 path").to_owned();

    refuses(&library, &parent, library.parent());
}

#[test]
fn refuses_an_existing_folder_it_did_not_make() {
    let library = Library::fixture("basic").file("site/keep.txt", "someone else's file");

    refuses(&library, "site", library.root());
}

#[test]
fn refuses_the_home_folder_even_when_empty() {
    let library = Library::fixture("basic");
    let home = library.parent().join("home");
    std::fs::create_dir(&home).expect("create the home folder");
    let before = snapshot(library.parent());

    let run = library.prfaq_env(
        &[("HOME", &home)],
        &["build", "--output", home.to_str().expect("UTF-8 path")],
    );

    run.code(2).stderr_has(&["home folder"]);
    assert!(
        snapshot(library.parent()) == before,
        "something was written"
    );
}

#[test]
fn a_second_build_rewrites_only_the_files_that_changed() {
    let library = Library::fixture("basic");
    library.build().success();
    let site = library.site();
    let first = snapshot(site.dir());

    let unchanged = library.build().success().summary();
    assert_eq!(
        (unchanged.written, unchanged.unchanged, unchanged.removed),
        (0, site.files().len(), 0),
        "a rebuild of the same library writes nothing"
    );
    let touched = rewritten(&first, &snapshot(site.dir()));
    assert!(touched.is_empty(), "a rebuild touched {touched:?}");

    edit_gift_cards(&library);
    let edited = library.build().success().summary();
    let rewritten = rewritten(&first, &snapshot(site.dir()));
    assert!(
        rewritten.contains(&PathBuf::from("docs/services/gift-cards/index.html")),
        "{rewritten:?}"
    );
    assert_eq!(edited.written, rewritten.len(), "{rewritten:?}");
    assert_eq!(edited.unchanged, site.files().len() - rewritten.len());
    assert!(edited.unchanged > 20, "{edited:?}");
}

#[test]
fn a_rebuild_with_nothing_changed_rewrites_nothing_in_the_state_folder() {
    let library = Library::fixture("basic");
    library.build().success();
    let state = library.path(".prfaq");
    let first = snapshot(&state);
    library.build().success();
    let changed: Vec<PathBuf> = snapshot(&state)
        .into_iter()
        .filter(|(path, entry)| entry.bytes.is_some() && first.get(path) != Some(entry))
        .map(|(path, _)| path)
        .filter(|path| !path.ends_with("lock"))
        .collect();
    assert!(changed.is_empty(), "a rebuild rewrote {changed:?}");
    // An edit rewrites a page, and so the manifest that records it.
    edit_gift_cards(&library);
    library.build().success();
    let after = snapshot(&state);
    let manifest = after
        .keys()
        .find(|p| p.extension().is_some_and(|e| e == "manifest"))
        .expect("a manifest");
    assert_ne!(first.get(manifest), after.get(manifest));
    // What it says is still trusted: a third build writes nothing.
    let third = library.build().success().summary();
    assert_eq!(third.written, 0, "{third:?}");
}

#[test]
fn a_deleted_documents_page_is_removed() {
    let library = Library::fixture("basic");
    library.build().success();

    library.remove("content/services/gift-cards.md");
    let summary = library.build().success().summary();

    assert!(summary.removed >= 1, "{summary:?}");
    let site = library.site();
    assert!(!site.has("docs/services/gift-cards/index.html"));
    assert!(!library.path("public/docs/services/gift-cards").exists());
    assert!(site.has("docs/services/tool-rental/index.html"));
}

#[test]
fn files_the_user_put_in_the_output_folder_are_kept() {
    let library = Library::fixture("basic");
    library.build().success();
    library.write("public/CNAME", "prfaqs.acme.example");
    library.write("public/docs/services/gift-cards/notes.txt", "mine");

    library.remove("content/services/gift-cards.md");
    library.build().success();

    assert_eq!(library.read("public/CNAME"), b"prfaqs.acme.example");
    assert_eq!(
        library.read("public/docs/services/gift-cards/notes.txt"),
        b"mine"
    );
    assert!(!library.site().has("docs/services/gift-cards/index.html"));
}

/// The site's files (prfaq's bookkeeping aside) whose bytes or modification
/// time differ between two snapshots, or that are new.
/// Edits the text of one document of the `basic` fixture.
fn edit_gift_cards(library: &Library) {
    library.write(
        "content/services/gift-cards.md",
        String::from_utf8(library.read("content/services/gift-cards.md"))
            .expect("UTF-8")
            .replace("Never.", "Never, and they work in every store."),
    );
}

fn rewritten(before: &Tree, after: &Tree) -> Vec<PathBuf> {
    after
        .iter()
        .filter(|(path, entry)| entry.bytes.is_some() && before.get(*path) != Some(entry))
        .map(|(path, _)| path.clone())
        .filter(|path| !is_bookkeeping(path))
        .collect()
}

/// `prfaq build --output <output>`, run in the root, must exit with code 2,
/// explain itself, and leave everything under `watched` as it was.
#[track_caller]
fn refuses(library: &Library, output: &str, watched: &Path) {
    let before = snapshot(watched);

    let run = library.build_with(&["--output", output]).code(2);

    assert!(
        run.stderr.contains("refusing"),
        "no explanation:\n{}",
        run.stderr
    );
    assert!(
        snapshot(watched) == before,
        "{} was changed",
        watched.display()
    );
}
