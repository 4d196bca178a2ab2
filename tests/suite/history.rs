//! Revision history from git: real repositories made in temporary folders,
//! with controlled authors and dates, and the pages that show their history.

// The git fixture helpers live in support.rs; other modules still import them from here.
use super::support::{Library, git_as, texts_in};
pub(super) use super::support::{commit, git};

fn doc(status: &str, stage: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"Returns\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"{stage}\"\n+++\n\
         ## Press Release\n\n{body}\n\n## Internal FAQ\n\n### What does it cost?\n\nA lot.\n"
    )
}

fn repo_with_returns() -> Library {
    let library = Library::new().file(
        "content/returns.md",
        &doc("draft", "listen", "We take returns."),
    );
    git(library.root(), &["init", "-q"]);
    commit(
        &library,
        "Zoë Núñez",
        "2024-03-02",
        "First draft of returns",
    );
    library.write(
        "content/returns.md",
        doc("in-review", "refine", "We take returns at the door."),
    );
    commit(&library, "Ann Author", "2024-04-10", "Ready for review");
    library
}

#[test]
fn timeline_shows_status_and_stage_transitions_with_dates_and_authors() {
    let library = repo_with_returns();
    library.build().success();
    let page = library.site().page("docs/returns/");

    let events = page.texts(".timeline .event-label");
    assert_eq!(
        events,
        [
            "First draft: Draft · Listen",
            "Status: Draft → In review",
            "Stage: Listen → Refine",
        ]
    );
    let first = page.select(".timeline .event")[0];
    assert_eq!(texts_in(first, "time"), ["2024-03-02"]);
    assert!(
        super::support::text_of(first).contains("Zoë Núñez"),
        "non-ASCII author kept"
    );
    assert_eq!(
        page.text(".doc-facts time[datetime='2024-03-02']"),
        "2024-03-02",
        "created from the first commit"
    );
    assert_eq!(
        page.attrs(".doc-facts time", "datetime"),
        ["2024-03-02", "2024-04-10"]
    );
}

#[test]
fn history_page_lists_revisions_newest_first_with_word_level_diffs() {
    let library = repo_with_returns();
    library.build().success();
    let history = library.site().page("docs/returns/history.html");

    assert_eq!(
        history
            .texts(".revision-title")
            .iter()
            .map(|t| t.split_once(' ').unwrap().1.to_owned())
            .collect::<Vec<_>>(),
        ["Ready for review", "First draft of returns"]
    );
    let newest = history.select(".revisions > li")[0];
    let sections = texts_in(newest, ".diff-section");
    assert!(
        sections.contains(&"Front matter".to_owned()),
        "{sections:?}"
    );
    assert!(
        sections.contains(&"Press release".to_owned()),
        "{sections:?}"
    );
    let inserted_words = texts_in(newest, ".diff-insert mark");
    assert!(
        inserted_words.iter().any(|w| w.contains("at the door")),
        "{inserted_words:?}"
    );
    // The "as of" view is rebuilt in the browser from the page's patches, not embedded.
    assert_eq!(history.select(".revisions .as-of[data-rev]").len(), 2);
    assert_eq!(
        history
            .select("script#as-of-data[type='application/gzip'][data-encoding='base64']")
            .len(),
        1
    );
    assert!(!library.site().has("docs/returns/revisions.json"));
}

#[test]
fn renames_are_followed() {
    let library = repo_with_returns();
    git(
        library.root(),
        &["mv", "content/returns.md", "content/instant-returns.md"],
    );
    commit(&library, "Ann Author", "2024-05-01", "Rename");
    library.build().success();

    let history = library.site().page("docs/instant-returns/history.html");
    assert_eq!(history.select(".revisions > li").len(), 3);
    let page = library.site().page("docs/instant-returns/");
    assert!(
        page.texts(".timeline .event-label")
            .contains(&"Renamed from content/returns.md".to_owned())
    );
}

#[test]
fn a_deleted_and_re_added_document_keeps_its_older_revisions() {
    let library = repo_with_returns();
    library.remove("content/returns.md");
    commit(&library, "Ann Author", "2024-05-01", "Remove returns");
    library.write(
        "content/returns.md",
        doc("shelved", "refine", "Back again."),
    );
    commit(&library, "Ann Author", "2024-06-01", "Bring returns back");
    library.build().success();

    let history = library.site().page("docs/returns/history.html");
    let changes: Vec<String> = history.attrs(".revisions > li", "class");
    assert_eq!(changes.len(), 4, "{changes:?}");
    assert!(changes[1].contains("revision-deleted"), "{changes:?}");
    let page = library.site().page("docs/returns/");
    assert!(
        page.texts(".timeline .event-label")
            .contains(&"Status: In review → Shelved".to_owned())
    );
}

#[test]
fn merges_do_not_duplicate_revisions() {
    let library = repo_with_returns();
    git(library.root(), &["checkout", "-q", "-b", "feature"]);
    library.write(
        "content/returns.md",
        doc("in-review", "refine", "Edited on a branch."),
    );
    commit(&library, "Bo Branch", "2024-04-20", "Branch edit");
    git(library.root(), &["checkout", "-q", "main"]);
    library.write(
        "content/other.md",
        "+++\ntitle = \"Other\"\nowner = \"A\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\nx\n",
    );
    commit(&library, "Ann Author", "2024-04-21", "Other idea");
    git_as(
        library.root(),
        "Ann Author",
        "2024-04-22T12:00:00Z",
        &["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
    );
    library.build().success();

    let history = library.site().page("docs/returns/history.html");
    let subjects = history.texts(".revision-title");
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert!(
        subjects.iter().all(|s| !s.contains("Merge")),
        "{subjects:?}"
    );
}

#[test]
fn uncommitted_changes_are_shown() {
    let library = repo_with_returns();
    library.write(
        "content/returns.md",
        doc("proceed", "refine", "Edited, not committed."),
    );
    library.write(
        "content/new-idea.md",
        doc("draft", "listen", "Never committed."),
    );
    library.build().success();

    let page = library.site().page("docs/returns/");
    assert_eq!(
        page.texts(".timeline-notice, section[aria-labelledby=timeline-title] .notice"),
        ["This document has uncommitted changes."]
    );
    let history = library.site().page("docs/returns/history.html");
    let inserted = history.texts("#uncommitted .diff-insert");
    assert!(
        inserted
            .iter()
            .any(|l| l.contains("Edited, not committed.")),
        "{inserted:?}"
    );
    let new_idea = library.site().page("docs/new-idea/history.html");
    assert_eq!(new_idea.select(".revisions > li").len(), 0);
    assert_eq!(new_idea.select("#uncommitted").len(), 1);
}

#[test]
fn shallow_clone_warns_with_the_fix_and_says_history_is_truncated() {
    let library = repo_with_returns();
    let clone = library.parent().join("clone");
    let source = format!("file://{}", library.root().display());
    git(
        library.parent(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &source,
            clone.to_str().unwrap(),
        ],
    );
    let clone_root = clone.to_str().unwrap();
    let run = library.prfaq(&["build", "--root", clone_root]).success();
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);

    let site = super::support::Site::at(clone.join("public"));
    let page = site.page("docs/returns/history.html");
    assert_eq!(page.select(".revisions > li").len(), 1);
    assert!(page.text(".notice-warning").contains("truncated"));
}

#[test]
fn outside_a_repository_the_build_works_without_history() {
    let library = Library::new().file("content/returns.md", &doc("draft", "listen", "x"));
    let run = library.build().success();
    assert!(
        run.warnings().iter().all(|w| !w.contains("git")),
        "{}",
        run.stderr
    );
    assert!(
        !library.site().has("docs/returns/history.html"),
        "no history page without history"
    );
    let page = library.site().page("docs/returns/");
    assert!(page.text(".notice").contains("not in a git repository"));
}

#[test]
fn no_history_flag_and_setting_turn_it_off() {
    let library = repo_with_returns();
    library.build_with(&["--no-history"]).success();
    assert!(!library.site().has("docs/returns/history.html"));
    let page = library.site().page("docs/returns/");
    assert!(page.text(".notice").contains("turned off"));

    library.write("site.toml", "history = false\n");
    library.build().success();
    assert!(!library.site().has("docs/returns/history.html"));
    let page = library.site().page("docs/returns/");
    assert!(page.text(".notice").contains("turned off"));
}

#[test]
fn repo_url_links_revisions_to_commits_and_documents_to_their_source() {
    let library = repo_with_returns();
    library.write(
        "site.toml",
        "repo_url = \"https://github.com/acme/prfaqs\"\n",
    );
    library.build().success();
    let history = library.site().page("docs/returns/history.html");
    let links = history.attrs(".revision-title a", "href");
    assert_eq!(links.len(), 2);
    for link in &links {
        let hash = link
            .strip_prefix("https://github.com/acme/prfaqs/commit/")
            .unwrap_or_else(|| panic!("{link}"));
        assert!(
            hash.len() == 40 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{link}"
        );
    }
    let page = library.site().page("docs/returns/");
    assert_eq!(
        page.attrs(".doc-footer a[href*='/blob/']", "href"),
        ["https://github.com/acme/prfaqs/blob/HEAD/content/returns.md"]
    );
}

#[test]
fn second_build_reads_new_commits_on_top_of_the_cache() {
    let library = repo_with_returns();
    // What an earlier prfaq kept (the cache as JSON) is removed, not left to grow stale.
    library.write(".prfaq/history.json", "{}");
    library.build().success();
    assert!(library.path(".prfaq/history-cache").is_file());
    assert!(!library.path(".prfaq/history.json").exists());
    assert!(!library.path("public/.prfaq-cache").exists());
    library.write(
        "content/returns.md",
        doc("proceed", "test-and-iterate", "Approved."),
    );
    commit(&library, "Ann Author", "2024-07-01", "Approved");
    library.build().success();
    let page = library.site().page("docs/returns/");
    assert!(
        page.texts(".timeline .event-label")
            .contains(&"Status: In review → Proceed".to_owned())
    );
    let history = library.site().page("docs/returns/history.html");
    assert_eq!(history.select(".revisions > li").len(), 3);
}

#[test]
fn the_history_cache_is_rewritten_only_when_the_history_changed() {
    use std::os::unix::fs::MetadataExt as _;
    let library = repo_with_returns();
    // The cache is replaced by a rename, so a rewrite gives it a new inode.
    let inode = || {
        std::fs::metadata(library.path(".prfaq/history-cache"))
            .expect("a history cache")
            .ino()
    };
    library.build().success();
    let first = inode();
    library.build().success();
    assert_eq!(
        inode(),
        first,
        "nothing changed: the cache is kept as it is"
    );
    // An edit not committed changes no history either.
    library.write(
        "content/returns.md",
        doc("proceed", "refine", "Not yet committed."),
    );
    library.build().success();
    assert_eq!(inode(), first);
    commit(&library, "Ann Author", "2024-07-01", "Approved");
    library.build().success();
    assert_ne!(inode(), first, "a new commit is kept for the next build");
    let history = library.site().page("docs/returns/history.html");
    assert_eq!(history.select(".revisions > li").len(), 3);
}

#[test]
fn home_page_shows_the_latest_transitions() {
    let library = repo_with_returns();
    library.build().success();
    let home = library.site().page("");
    let transitions = home.texts("section[aria-labelledby=transitions] li");
    assert_eq!(transitions.len(), 2, "{transitions:?}");
    assert!(
        transitions[0].starts_with("2024-04-10 Returns"),
        "{transitions:?}"
    );
}

#[test]
fn a_revision_that_is_not_utf8_is_not_shown_as_deleted() {
    let library = Library::new().file("content/returns.md", &doc("draft", "listen", "Text."));
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-03-02", "First draft");
    let mut latin1 = doc("draft", "listen", "Caf").into_bytes();
    latin1.push(0xe9); // "é" in Latin-1: not UTF-8
    library.write("content/returns.md", latin1);
    commit(&library, "Ann", "2024-03-03", "Saved in the wrong encoding");
    library.write("content/returns.md", doc("in-review", "listen", "Café."));
    commit(&library, "Ann", "2024-03-04", "Fixed the encoding");
    library.build().success();

    let labels = library
        .site()
        .page("docs/returns/")
        .texts(".timeline .event-label");
    assert_eq!(
        labels,
        ["First draft: Draft · Listen", "Status: Draft → In review"]
    );
    let history = library.site().page("docs/returns/history.html");
    assert_eq!(
        history.attrs(".revisions > li", "class"),
        [
            "revision revision-modified",
            "revision revision-modified",
            "revision revision-added"
        ]
    );
}

#[test]
fn history_page_shows_status_and_stage_labels_not_ids() {
    let library = repo_with_returns();
    library.build().success();
    let history = library.site().page("docs/returns/history.html");

    let meta = history.texts(".revision-meta");
    assert!(
        meta[0].contains("status In review") && meta[0].contains("stage Refine"),
        "{meta:?}"
    );
    assert!(!meta[0].contains("in-review"), "{meta:?}");
}

#[test]
fn no_byte_in_a_commit_subject_or_author_hides_a_commit() {
    let library = Library::new().file(
        "content/returns.md",
        &doc("draft", "listen", "We take returns."),
    );
    git(library.root(), &["init", "-q"]);
    commit(
        &library,
        "Ann\u{1}Author",
        "2024-03-02",
        "First\u{1}draft\n:100644 fake",
    );
    library.write(
        "content/returns.md",
        doc("in-review", "refine", "We take returns at the door."),
    );
    commit(&library, "Bo", "2024-04-10", "Second \u{1} subject");
    library.write(
        "content/returns.md",
        doc("proceed", "refine", "We take returns everywhere."),
    );
    commit(&library, "Cy", "2024-05-10", "Third");
    library.build().success();
    let page = library.site().page("docs/returns/history.html");
    let revisions = page.select("ol.revisions > li.revision");
    assert_eq!(revisions.len(), 3, "every commit is a revision");
    let authors: Vec<String> = page
        .texts("ol.revisions .revision-meta")
        .iter()
        .map(|meta| meta.split(" · ").nth(1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(authors, ["Cy", "Bo", "Ann\u{1}Author"]);
}

#[test]
fn stage_progress_tells_stages_reached_from_stages_skipped() {
    let library = Library::new().file("content/returns.md", &doc("draft", "listen", "Text."));
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-01-01", "Listen");
    library.write("content/returns.md", doc("draft", "refine", "Text."));
    commit(&library, "Ann", "2024-02-01", "Straight to refine");
    library.build().success();
    let page = library.site().page("docs/returns/");
    let states: Vec<String> = page
        .select("ol.progress li")
        .into_iter()
        .map(|li| li.value().attr("class").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        states,
        [
            "step step-done",
            "step step-skipped",
            "step step-skipped",
            "step step-current",
            "step step-todo"
        ]
    );
    assert_eq!(
        page.texts("ol.progress .visually-hidden"),
        ["(skipped)", "(skipped)"]
    );
}

#[test]
fn a_long_history_read_in_two_halves_keeps_every_content_commit_in_order() {
    // More than 64 commits: the log is read as two halves side by side, and
    // without a pathspec, so commits outside content/ must be dropped here.
    let library = repo_with_returns();
    let mut expected = vec![
        "First draft of returns".to_owned(),
        "Ready for review".to_owned(),
    ];
    for i in 1..=70 {
        if i % 10 == 0 {
            library.write("notes.txt", format!("outside the content folder {i}\n"));
            commit(&library, "Ann Author", "2024-05-01", &format!("Notes {i}"));
        }
        library.write(
            "content/returns.md",
            doc(
                "in-review",
                "refine",
                &format!("We take returns, edit {i}."),
            ),
        );
        let subject = format!("Edit {i}");
        commit(&library, "Ann Author", "2024-05-01", &subject);
        expected.push(subject);
    }
    expected.reverse();
    library.build().success();
    let history = library.site().page("docs/returns/history.html");
    let subjects: Vec<String> = history
        .texts(".revision-title")
        .iter()
        .map(|t| t.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(subjects, expected);
}
