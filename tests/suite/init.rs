//! `prfaq init`: a new library that builds at once, never written over an
//! existing file; `--example`, the sample library with its git history; and
//! the workflows (the one `init` writes and this repository's own) checked by
//! `actionlint` and `zizmor`.

use std::path::{Path, PathBuf};

use super::support::{Library, select_in, snapshot, text_of};

const INIT_FILES: [&str; 4] = [
    "site.toml",
    ".gitignore",
    ".github/workflows/prfaq.yml",
    "content/instant-returns.md",
];

#[test]
fn init_writes_a_library_that_builds_for_its_base_url() {
    let library = Library::new();
    library
        .prfaq(&[
            "init",
            ".",
            "--title",
            "Acme PR/FAQs",
            "--base-url",
            "https://acme.github.io/prfaqs/",
        ])
        .success();
    for file in INIT_FILES {
        assert!(library.path(file).is_file(), "no {file}");
    }
    let run = library.build().success();
    assert_eq!(run.warnings(), Vec::<&str>::new(), "{}", run.stderr);
    let site = library.site();
    assert_eq!(site.page("").text(".site-title"), "Acme PR/FAQs");
    let document = site.page("docs/instant-returns/");
    assert_eq!(
        document.attrs("link[rel=stylesheet]", "href"),
        ["/prfaqs/static/style.css"]
    );
    assert!(site.has("sitemap.xml"));
    let ignored = String::from_utf8(library.read(".gitignore")).unwrap();
    assert!(
        ignored.lines().any(|l| l == "/public/") && ignored.lines().any(|l| l == "/.prfaq/"),
        "{ignored}"
    );
}

#[test]
fn init_creates_a_missing_folder() {
    let library = Library::new();
    library.prfaq(&["init", "nested/lib"]).success();
    assert!(library.path("nested/lib/site.toml").is_file());
}

#[test]
fn init_again_refuses_names_every_existing_file_and_changes_nothing() {
    let library = Library::new();
    library.prfaq(&["init", "."]).success();
    let before = snapshot(library.root());

    let run = library.prfaq(&["init", ".", "--title", "Other"]).code(2);

    for file in INIT_FILES {
        assert!(
            run.stderr.contains(&format!("{file} already exists")),
            "{file} not named:\n{}",
            run.stderr
        );
    }
    assert!(snapshot(library.root()) == before, "something was written");
}

#[test]
fn init_refuses_if_only_one_file_exists_and_writes_none_of_the_others() {
    let library = Library::new().file(".gitignore", "node_modules/\n");

    let run = library.prfaq(&["init", "."]).code(2);

    assert!(
        run.stderr.contains(".gitignore already exists"),
        "{}",
        run.stderr
    );
    assert!(!library.path("site.toml").exists());
    assert_eq!(library.read(".gitignore"), b"node_modules/\n");
}

#[test]
fn init_example_needs_an_empty_folder() {
    let library = Library::new().file("notes.txt", "mine");
    library
        .prfaq(&["init", "--example", "."])
        .code(2)
        .stderr_has(&["is not empty"]);
    assert!(!library.path(".git").exists());
}

#[test]
fn init_example_makes_a_repository_whose_history_pages_show_revisions_and_diffs() {
    let library = Library::new();
    library.prfaq(&["init", "--example", "."]).success();
    let log = std::process::Command::new("git")
        .args(["log", "--format=%an|%ad", "--date=short"])
        .current_dir(library.root())
        .output()
        .unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    let authors: std::collections::HashSet<&str> =
        log.lines().filter_map(|l| l.split('|').next()).collect();
    assert!(log.lines().count() >= 30, "{log}");
    assert!(authors.len() >= 5, "{authors:?}");
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(library.root())
        .output()
        .unwrap();
    assert!(
        status.stdout.is_empty(),
        "the replay leaves nothing uncommitted"
    );

    library.build().success();
    let site = library.site();

    let history = site.page("docs/plant-doctor/history.html");
    let revisions = history.select("ol.revisions > li.revision");
    assert_eq!(revisions.len(), 6);
    let with_diffs = revisions
        .iter()
        .filter(|r| !select_in(**r, ".diff").is_empty())
        .count();
    assert_eq!(with_diffs, 5, "every revision but the first has a diff");
    let dates: Vec<String> = history.texts("ol.revisions > li .revision-meta time");
    assert_eq!(dates.first().map(String::as_str), Some("2026-06-03"));
    assert_eq!(dates.last().map(String::as_str), Some("2023-06-12"));

    // Shelved, revisited two years later, shelved again: the timeline shows each step.
    let page = site.page("docs/plant-doctor/");
    let labels: Vec<String> = page.texts(".timeline .event-status .event-label");
    assert_eq!(
        labels,
        [
            "Status: Draft → In review",
            "Status: In review → Shelved",
            "Status: Shelved → In review",
            "Status: In review → Shelved"
        ]
    );
    let first = page
        .select(".timeline .event")
        .into_iter()
        .next()
        .map(text_of)
        .unwrap_or_default();
    assert!(first.starts_with("2023-06-12 First draft"), "{first}");

    // Renamed once: the history follows the file across it.
    let renamed = site.page("docs/pro-quote-builder/");
    assert_eq!(
        renamed.texts(".timeline .event-renamed .event-label"),
        ["Renamed from content/pro-crew-suite.md"]
    );
    let renamed_history = site.page("docs/pro-quote-builder/history.html");
    assert_eq!(
        renamed_history.select("ol.revisions > li.revision").len(),
        6
    );
}

#[test]
fn the_generated_workflow_passes_actionlint_and_zizmor() {
    let library = Library::new();
    library.prfaq(&["init", "."]).success();
    let workflow = library.path(".github/workflows/prfaq.yml");
    lint_workflows(&[workflow]);
}

#[test]
fn this_repositorys_workflows_pass_actionlint_and_zizmor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let workflows: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    assert!(workflows.len() >= 2, "{workflows:?}");
    lint_workflows(&workflows);
}

/// Runs both linters on `workflows`: no finding at all, zizmor's pedantic
/// persona included. Skips with a message when a linter is missing, except
/// under CI (scripts/test.sh installs both).
fn lint_workflows(workflows: &[PathBuf]) {
    for tool in ["actionlint", "zizmor"] {
        let found = std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                std::env::var_os("CI").is_none(),
                "{tool} is required under CI (scripts/test.sh installs it)"
            );
            eprintln!("skipping the {tool} check: {tool} not found (scripts/test.sh installs it)");
            continue;
        }
        let args: &[&str] = match tool {
            "actionlint" => &["-no-color"],
            _ => &["--offline", "--persona=pedantic", "--no-progress"],
        };
        let output = std::process::Command::new(tool)
            .args(args)
            .args(workflows)
            .output()
            .expect("run the linter");
        assert!(
            output.status.success(),
            "{tool} found problems:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
