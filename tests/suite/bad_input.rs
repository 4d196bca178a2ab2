//! Libraries with problems: each problem is reported at `path:line:col` with
//! what is wrong, the build exits with code 1, and the site built before the
//! problem appeared is left exactly as it was.

use super::support::{Library, Run, snapshot};

#[test]
fn invalid_toml_front_matter() {
    rejected(&[(
        "content/bad.md",
        b"+++\ntitle = \"Fine\"\nowner = Ann Lee\n+++\n",
    )])
    .stderr_has(&["content/bad.md:3:9"]);
}

#[test]
fn invalid_yaml_front_matter() {
    rejected(&[("content/bad.md", b"---\ntitle: Broken\ntags: [a, b\n---\n")])
        .stderr_has(&["content/bad.md:3:7", "unclosed bracket"]);
}

#[test]
fn invalid_yaml_front_matter_is_reported_once_at_its_place_in_the_file() {
    let run = rejected(&[("content/bad.md", b"---\ntitle: Broken\ntags: [a, b\n---\n")]);
    assert!(!run.stderr.contains("<input>"), "{}", run.stderr);
    assert!(!run.stderr.contains("error: error:"), "{}", run.stderr);
}

#[test]
fn unknown_status_lists_the_allowed_ones() {
    rejected(&[(
        "content/bad.md",
        b"+++\ntitle = \"Bad\"\nowner = \"Ann Lee\"\nstatus = \"aproved\"\nstage = \"listen\"\n+++\n",
    )])
    .stderr_has(&[
        "content/bad.md:4:10",
        "unknown status \"aproved\"",
        "draft, in-review, proceed, shelved, launched",
    ]);
}

#[test]
fn unknown_stage_lists_the_allowed_ones() {
    rejected(&[(
        "content/bad.md",
        b"---\ntitle: Bad\nowner: Ann Lee\nstatus: draft\nstage: lisen\n---\n",
    )])
    .stderr_has(&[
        "content/bad.md:5:8",
        "unknown stage \"lisen\"",
        "listen, define, invent, refine, test-and-iterate",
    ]);
}

#[test]
fn front_matter_that_never_closes() {
    rejected(&[("content/bad.md", b"+++\ntitle = \"Open\"\n\nBody text.\n")]).stderr_has(&[
        "content/bad.md:1:1",
        "front matter never closes",
        "`+++`",
    ]);
}

#[test]
fn duplicate_slugs_name_both_files() {
    rejected(&[(
        "content/copy.md",
        b"+++\ntitle = \"Copy\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\
          slug = \"good\"\n+++\n",
    )])
    .stderr_has(&[
        "duplicate slug \"good\"",
        "content/good.md",
        "content/copy.md",
    ]);
}

#[test]
fn duplicate_slug_set_in_front_matter_points_at_the_slug() {
    rejected(&[(
        "content/copy.md",
        b"+++\ntitle = \"Copy\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\
          slug = \"good\"\n+++\n",
    )])
    .stderr_has(&["content/copy.md:6:8"]);
}

#[test]
fn a_file_that_is_not_utf8() {
    rejected(&[("content/bad.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n")])
        .stderr_has(&["content/bad.md:2:13", "not valid UTF-8"]);
}

#[test]
fn unknown_decision_outcome() {
    rejected(&[(
        "content/bad.md",
        b"+++\ntitle = \"Bad\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\n\
          [[decisions]]\ndate = 2024-04-10\noutcome = \"maybe\"\n+++\n",
    )])
    .stderr_has(&[
        "content/bad.md:9:11",
        "maybe",
        "proceed",
        "shelve",
        "revisit",
    ]);
}

#[test]
fn invalid_dates() {
    rejected(&[(
        "content/bad.md",
        b"+++\ntitle = \"Bad\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\
          created = \"last tuesday\"\n+++\n",
    )])
    .stderr_has(&["content/bad.md:6:11", "YYYY-MM-DD"]);
    rejected(&[(
        "content/bad.md",
        b"---\ntitle: Bad\nowner: Ann Lee\nstatus: draft\nstage: listen\ndecisions:\n\
          \x20 - date: 2024-13-45\n    outcome: proceed\n---\n",
    )])
    .stderr_has(&["content/bad.md:7:11", "YYYY-MM-DD"]);
}

#[test]
fn unknown_site_toml_key() {
    rejected(&[("site.toml", b"title = \"Ideas\"\nthem = \"dark\"\n")])
        .stderr_has(&["site.toml:2:1", "unknown field `them`"]);
}

#[test]
fn problems_in_several_files_are_reported_together() {
    let run = rejected(&[
        (
            "content/one.md",
            b"+++\ntitle = \"One\"\nowner = \"Ann Lee\"\nstatus = \"aproved\"\nstage = \"listen\"\n+++\n",
        ),
        ("content/two.md", b"---\ntitle: Two\ntags: [a\n---\n"),
        ("content/sub/three.md", b"+++\ntitle = \"Three\"\n"),
    ])
    .stderr_has(&[
        "content/one.md:4:10",
        "content/sub/three.md:1:1",
        "content/two.md:3:7",
        "3 problems",
    ]);
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(errors, 4, "three problems and the summary:\n{}", run.stderr);
}

#[test]
fn a_failed_first_build_creates_no_output_folder() {
    let library = Library::new().file("content/bad.md", "+++\ntitle = \"Open\"\n");

    library.build().code(1);

    assert!(!library.path("public").exists());
    let leftovers: Vec<_> = std::fs::read_dir(library.root())
        .expect("read the root")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| name != "content")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// A good document, from which the first build makes a site.
const GOOD: &str = "+++\ntitle = \"Good\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n\nGood text.\n";

/// Builds a good library, adds `files`, and builds again: the second build
/// must fail with exit code 1 and leave the first one's site untouched.
/// Returns the failed run, for its messages.
#[track_caller]
fn rejected(files: &[(&str, &[u8])]) -> Run {
    let library = Library::new().file("content/good.md", GOOD);
    library.build().success();
    let site = library.path("public");
    let before = snapshot(&site);

    for (path, bytes) in files {
        library.write(path, bytes);
    }
    let run = library.build().code(1);

    assert!(
        snapshot(&site) == before,
        "the failed build changed the previous site"
    );
    run
}

#[test]
fn a_date_that_does_not_exist_is_an_error_at_its_place() {
    rejected(&[(
        "content/bad.md",
        b"+++\ntitle = \"Bad\"\nowner = \"Ann Lee\"\nstatus = \"draft\"\nstage = \"listen\"\n\
          created = 2024-02-31\n+++\n",
    )])
    .stderr_has(&["content/bad.md:6:11", "2024-02-31"]);
    rejected(&[(
        "content/bad.md",
        b"---\ntitle: Bad\nowner: Ann Lee\nstatus: draft\nstage: listen\ndecisions:\n\
          \x20 - date: 2023-02-29\n    outcome: proceed\n---\n",
    )])
    .stderr_has(&["content/bad.md:7:11", "2023-02-29"]);
}
