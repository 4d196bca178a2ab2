//! `prfaq build` as a whole: a clean library builds quietly, settings have
//! defaults, and the same input always gives the same bytes.

use super::support::{Library, Site, contents};

#[test]
fn a_clean_library_builds_without_warnings_and_says_what_it_wrote() {
    let library = Library::fixture("basic");

    let run = library.build().success();

    assert_eq!(run.warnings(), Vec::<&str>::new(), "{}", run.stderr);
    let summary = run.summary();
    assert_eq!(summary.written, library.site().files().len());
    assert_eq!((summary.unchanged, summary.removed), (0, 0));
    assert!(
        library.path(".prfaq").is_dir(),
        "the records of the build are kept in the state folder"
    );
    let hidden: Vec<_> = library
        .site()
        .files()
        .into_iter()
        .chain(walk(library.site().dir()))
        .filter(|p| p.to_string_lossy().contains(".prfaq"))
        .collect();
    assert!(
        hidden.is_empty(),
        "prfaq's own files in the site: {hidden:?}"
    );
}

/// Every file under `dir`, relative to it, dot-files included.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(ToOwned::to_owned))
        .collect()
}

#[test]
fn a_library_without_site_toml_builds_with_working_backwards_defaults() {
    let library = Library::new().file(
        "content/idea.md",
        "+++\ntitle = \"Idea\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\nText.\n",
    );

    library.build().success();

    let site = library.site();
    assert_eq!(
        site.page("board/").attrs(".board .column", "id"),
        [
            "status-draft",
            "status-in-review",
            "status-proceed",
            "status-shelved",
            "status-launched"
        ]
    );
    assert_eq!(
        site.page("pipeline/").attrs(".board .column", "id"),
        [
            "stage-listen",
            "stage-define",
            "stage-invent",
            "stage-refine",
            "stage-test-and-iterate"
        ]
    );
}

#[test]
fn site_toml_sets_the_title_and_the_output_folder() {
    let library = Library::fixture("basic").file(
        "site.toml",
        "title = \"Acme Ideas\"\ndescription = \"Every idea.\"\noutput_dir = \"site\"\n",
    );

    library.build().success();

    assert!(!library.path("public").exists());
    let home = Site::at(library.path("site")).page("");
    assert_eq!(home.text(".site-title"), "Acme Ideas");
    assert_eq!(home.text("title"), "Acme Ideas");
}

#[test]
fn the_current_folder_is_the_default_root() {
    let library = Library::fixture("basic");

    library.prfaq(&["build"]).success();

    assert!(library.site().has("docs/rain-gauge/index.html"));
}

#[test]
fn two_builds_of_the_same_library_are_byte_identical() {
    let library = Library::fixture("basic");
    let first = library.parent().join("first");
    let second = library.parent().join("second");

    for output in [&first, &second] {
        let output = output.to_str().expect("UTF-8 path");
        library.build_with(&["--output", output]).success();
    }

    let (first, second) = (contents(&first), contents(&second));
    assert!(first.len() > 20, "{} files", first.len());
    for (path, bytes) in &first {
        assert!(
            second.get(path) == Some(bytes),
            "{} differs between the two builds",
            path.display()
        );
    }
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_copy_of_the_library_in_another_folder_builds_the_same_site() {
    let here = Library::fixture("basic");
    let there = Library::fixture("basic");

    here.build().success();
    there.build().success();

    assert!(
        contents(here.site().dir()) == contents(there.site().dir()),
        "the library's location leaks into the site"
    );
}

#[test]
fn extra_front_matter_keys_come_out_in_the_same_order_on_every_build() {
    let library = Library::new().file(
        "content/many.md",
        "+++\ntitle = \"Many\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\
         alpha = 1\nbravo = 2\ncharlie = 3\ndelta = 4\necho = 5\nfoxtrot = 6\ngolf = 7\nhotel = 8\n+++\n",
    );

    let pages: Vec<Vec<u8>> = ["one", "two", "three"]
        .into_iter()
        .map(|name| {
            let output = library.parent().join(name);
            library
                .build_with(&["--output", output.to_str().expect("UTF-8 path")])
                .success();
            std::fs::read(output.join("docs/many/index.html")).expect("the page")
        })
        .collect();

    assert!(
        pages[0] == pages[1] && pages[1] == pages[2],
        "the same document gave different pages"
    );
}
