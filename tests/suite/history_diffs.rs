//! History that costs what changed (issue #13): a history page holds each
//! revision's diff, not its whole text; the page's "as of" data rebuilds
//! every old text exactly; what is derived from old blobs is cached by blob id, so a
//! rebuild reads no old blob, and a broken or foreign cache is rebuilt.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::history::{commit, git};
use super::support::{Library, count, timed_build};

/// Paragraph `i` of the long document: a sentence found nowhere else.
fn paragraph(i: usize, version: &str) -> String {
    format!("Paragraph {i} says the {version} thing about returns, number {i}.")
}

fn long_doc(status: &str, edits: &[(usize, &str)], dropped: &[usize]) -> String {
    let mut text = format!(
        "+++\ntitle = \"Returns\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"listen\"\n+++\n## Press Release\n\n"
    );
    for i in 0..30 {
        if dropped.contains(&i) {
            continue;
        }
        let version = edits
            .iter()
            .find(|(at, _)| *at == i)
            .map_or("first", |(_, v)| v);
        text.push_str(&paragraph(i, version));
        text.push_str("\n\n");
    }
    text.push_str("## Internal FAQ\n\n### What does it cost?\n\nA lot.");
    text
}

/// Four revisions: added, a paragraph rewritten, renamed with a status
/// move, two paragraphs rewritten and one removed (no final newline).
pub(super) fn long_history() -> Library {
    let library = Library::new().file("content/returns.md", &long_doc("draft", &[], &[]));
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-03-01", "First draft");
    library.write(
        "content/returns.md",
        long_doc("draft", &[(3, "second")], &[]),
    );
    commit(&library, "Bo", "2024-03-05", "Reword paragraph 3");
    git(
        library.root(),
        &["mv", "content/returns.md", "content/instant-returns.md"],
    );
    library.write(
        "content/instant-returns.md",
        long_doc("in-review", &[(3, "second")], &[]),
    );
    commit(&library, "Cy", "2024-03-09", "Rename, ready for review");
    let text = long_doc("in-review", &[(3, "third"), (20, "second")], &[10]);
    library.write("content/instant-returns.md", text);
    commit(&library, "Ann", "2024-03-12", "Tighten");
    library
}

/// `git show <rev>:<file it changed>`, as bytes read as UTF-8.
pub(super) fn git_show(root: &Path, rev: &str) -> String {
    let run = |args: &[&str]| {
        let output = Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .expect("git");
        assert!(output.status.success(), "git {args:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let changed = run(&["log", "-1", "--format=", "--name-only", rev]);
    run(&["show", &format!("{rev}:{}", changed.trim())])
}

/// The history cache file, wherever the state folder is.
fn cache_file(library: &Library) -> PathBuf {
    let candidates = [
        library.path(".prfaq/history-cache"),
        library.path("public/.prfaq-cache/history-cache"),
    ];
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .expect("a history cache after a build")
}

/// What `history.js` does: the newest text, patched back revision by revision.
fn rebuild(data: &Value, id: &str) -> String {
    let mut text = data["text"].as_str().expect("text").to_owned();
    for revision in data["revisions"].as_array().expect("revisions") {
        if revision["id"] == id {
            return text;
        }
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let (mut at, mut older) = (0, String::new());
        for op in revision["back"].as_array().expect("a patch back") {
            match (op.as_str(), op.as_i64()) {
                (Some(inserted), _) => older.push_str(inserted),
                (_, Some(n)) if n > 0 => {
                    older.extend(lines[at..at + n as usize].iter().copied());
                    at += n as usize;
                }
                (_, Some(n)) => at += n.unsigned_abs() as usize,
                _ => panic!("unexpected op {op}"),
            }
        }
        text = older;
    }
    panic!("{id} not in the as-of data")
}

#[test]
fn history_entries_hold_diffs_not_whole_texts() {
    let library = long_history();
    library.build().success();
    let history = library.site().page("docs/instant-returns/history.html");
    let entries = history.select(".revisions > li");
    assert_eq!(entries.len(), 4);
    // (The newest text is in the page once, as the "as of" data; the entries are diffs.)
    let page_text = super::support::text_of(history.one("ol.revisions"));
    // Paragraph 15 never changed and is far from every edit: no entry shows it.
    assert!(!page_text.contains(&paragraph(15, "first")), "{page_text}");
    assert!(
        page_text.contains(&paragraph(3, "third")),
        "the newest edit"
    );
    assert!(
        page_text.contains(&paragraph(10, "first")),
        "the removed paragraph"
    );
    assert_eq!(
        history.select(".diff").len(),
        3,
        "the first revision has no diff"
    );
    assert!(
        history.texts(".as-of-text").iter().all(String::is_empty),
        "old texts are not embedded"
    );
}

/// The history page's "as of" data: the JSON, gzip-compressed in base64, in
/// its data block.
fn as_of_data(history: &super::support::Page) -> Value {
    use base64::Engine as _;
    use std::io::Read as _;
    let block = history.one("script#as-of-data[type='application/gzip'][data-encoding='base64']");
    let text: String = block.text().collect();
    let packed = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .expect("the as-of data is base64");
    let mut json = String::new();
    flate2::read::GzDecoder::new(&packed[..])
        .read_to_string(&mut json)
        .expect("the as-of data is gzip");
    serde_json::from_str(&json).expect("the as-of data is JSON")
}

#[test]
fn the_as_of_data_rebuilds_every_revision_as_git_has_it() {
    let library = long_history();
    library.build().success();
    let history = library.site().page("docs/instant-returns/history.html");
    let data = as_of_data(&history);
    let revs = history.attrs(".as-of[data-rev]", "data-rev");
    assert_eq!(revs.len(), 4);
    for rev in &revs {
        assert_eq!(
            rebuild(&data, rev),
            git_show(library.root(), rev),
            "as of {rev}"
        );
    }
    // In the page, not a file of its own beside it: one file less per document.
    assert!(!library.site().has("docs/instant-returns/revisions.json"));
}

#[test]
fn text_that_would_close_the_data_block_stays_inside_it_as_text() {
    let hostile = "</script><script>window.pwned = 1</script> <!-- & -->";
    let library = Library::new().file("content/returns.md", &long_doc("draft", &[], &[]));
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-03-01", "First draft");
    library.write(
        "content/returns.md",
        long_doc("draft", &[(3, hostile)], &[]),
    );
    commit(&library, "Bo", "2024-03-05", "Reword paragraph 3");
    library.build().success();
    let history = library.site().page("docs/returns/history.html");
    // Still one script without a file, the data block: nothing broke out.
    assert_eq!(history.select("script:not([src])").len(), 1);
    let data = as_of_data(&history);
    assert!(data["text"].as_str().expect("text").contains(hostile));
    let revs = history.attrs(".as-of[data-rev]", "data-rev");
    for rev in &revs {
        assert_eq!(rebuild(&data, rev), git_show(library.root(), rev));
    }
}

#[test]
fn a_second_build_reads_no_old_blob_and_a_new_commit_only_its_own() {
    let library = long_history();
    let first = timed_build(&library);
    assert_eq!(count(&first, "history: blobs read from git"), 4);
    let page = library.read("public/docs/instant-returns/history.html");

    let second = timed_build(&library);
    assert_eq!(count(&second, "history: blobs read from git"), 0);
    assert_eq!(count(&second, "history: blobs from the cache"), 4);
    assert_eq!(
        library.read("public/docs/instant-returns/history.html"),
        page
    );

    let text = long_doc(
        "proceed",
        &[(3, "third"), (20, "second"), (25, "new")],
        &[10],
    );
    library.write("content/instant-returns.md", text);
    commit(&library, "Ann", "2024-04-01", "Approved");
    let third = timed_build(&library);
    assert_eq!(
        count(&third, "history: blobs read from git"),
        2,
        "the new blob and the one it is diffed against"
    );
}

#[test]
fn a_corrupted_or_foreign_cache_is_rebuilt() {
    let library = long_history();
    library.build().success();
    let page = library.read("public/docs/instant-returns/history.html");
    let cache = cache_file(&library);
    let good = std::fs::read(&cache).expect("cache");
    // postcard writes the struct's fields in order: the kind as a
    // length-prefixed string, then the version.
    let kind = b"prfaq-history";
    assert_eq!(
        &good[1..=kind.len()],
        kind,
        "the cache names its kind first"
    );
    let mut older_version = good.clone();
    older_version[kind.len() + 1] -= 1;
    let mut foreign = good.clone();
    foreign[1..=kind.len()].copy_from_slice(b"someone-else!");
    let broken = [
        b"not a cache {".to_vec(),
        good[..good.len() / 2].to_vec(),
        foreign,
        older_version,
    ];
    for bytes in broken {
        std::fs::write(&cache, &bytes).expect("write cache");
        let run = timed_build(&library);
        assert_eq!(
            count(&run, "history: blobs read from git"),
            4,
            "rebuilt from {:?}",
            &bytes[..bytes.len().min(20)]
        );
        assert_eq!(
            library.read("public/docs/instant-returns/history.html"),
            page
        );
        // The rewritten cache serves the next build.
        let next = timed_build(&library);
        assert_eq!(count(&next, "history: blobs read from git"), 0);
    }
}
