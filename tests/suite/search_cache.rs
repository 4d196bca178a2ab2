//! The search index between builds: each document's contribution is kept in
//! the state folder, so a rebuild indexes only what changed. Proved by what
//! can be observed: the `PRFAQ_TIMINGS` count of documents indexed, the index
//! files' bytes and modification times, and queries answered from the
//! written index (read here as `search.js` reads it) after edits, deletions,
//! commits and configuration changes — never a stale result.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::time::SystemTime;

use base64::Engine as _;
use serde_json::Value;

use super::support::{Library, commit, count, draft, git, timed_build};

/// Three documents, each with a word of its own.
fn library() -> Library {
    Library::new()
        .file(
            "content/offline.md",
            &draft("Offline Mode", "Edits sync later, like a ferry."),
        )
        .file(
            "content/returns.md",
            &draft("Instant Returns", "Refunds at the door, no receipt."),
        )
        .file(
            "content/gifts.md",
            &draft("Gift Cards", "Balances survive a reboot."),
        )
}

/// `prfaq build` with stage counters on; returns the documents it indexed.
#[track_caller]
fn build(library: &Library) -> usize {
    count(&timed_build(library), "search: documents indexed")
}

/// The written index, read back the way `search.js` reads it.
struct Index {
    dir: std::path::PathBuf,
    manifest: Value,
}

impl Index {
    fn of(library: &Library) -> Index {
        let dir = library.path("public/search-index");
        let manifest =
            serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest"))
                .expect("manifest is JSON");
        Index { dir, manifest }
    }

    fn json(&self, name: &str) -> Value {
        let bytes = std::fs::read(self.dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{name} is not gzip: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
    }

    /// The documents of `doc/<n>.bin`, as `search.js` reads them: a byte
    /// with their count, each one's length (u32, little-endian), then each
    /// one's gzip JSON.
    fn documents_in(&self, n: usize) -> Vec<Value> {
        let name = format!("doc/{n}.bin");
        let bytes = std::fs::read(self.dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let count = usize::from(bytes[0]);
        let lengths = bytes[1..1 + 4 * count]
            .chunks(4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("four bytes")) as usize);
        let mut start = 1 + 4 * count;
        let mut documents = Vec::new();
        for length in lengths {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[start..start + length])
                .read_to_string(&mut text)
                .unwrap_or_else(|e| panic!("{name}: a document is not gzip: {e}"));
            documents.push(serde_json::from_str(&text).expect("a document is JSON"));
            start += length;
        }
        assert_eq!(start, bytes.len(), "{name} ends with its last document");
        documents
    }

    /// The file of results of the document `id` (the manifest says how many to a file).
    fn document(&self, id: u32) -> Value {
        let per_file = self.manifest["documents_per_file"]
            .as_u64()
            .expect("documents per file") as usize;
        let id = id as usize;
        self.documents_in(id / per_file).swap_remove(id % per_file)
    }

    /// Titles of the documents whose current text (or, with `earlier`,
    /// removed text) holds `term`, as lowercase and stemmed as the index.
    fn titles(&self, term: &str, earlier: bool) -> BTreeSet<String> {
        let shards = self.manifest[if earlier { "earlier" } else { "terms" }]
            .as_array()
            .expect("shard list");
        // The last shard whose first term is not after `term`.
        let Some(shard) = shards.iter().rev().find(|s| s[0].as_str() <= Some(term)) else {
            return BTreeSet::new();
        };
        let shard = self.json(shard[1].as_str().expect("file name"));
        let terms = shard["t"].as_array().expect("terms");
        let Some(at) = terms.iter().position(|t| t == term) else {
            return BTreeSet::new();
        };
        let list = base64::engine::general_purpose::STANDARD
            .decode(shard["p"][at].as_str().expect("a list"))
            .expect("base64");
        self.ids(&list)
            .into_iter()
            .map(|id| self.document(id)["t"].as_str().expect("title").to_owned())
            .collect()
    }

    /// Document ids of a posting list: varint gaps, each followed by a score byte.
    fn ids(&self, list: &[u8]) -> Vec<u32> {
        let (mut ids, mut id, mut at) = (Vec::new(), 0, 0);
        while at < list.len() {
            let (mut gap, mut shift) = (0u32, 0);
            loop {
                let byte = list[at];
                at += 1;
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 {
                    break;
                }
            }
            id = if ids.is_empty() { gap } else { id + gap };
            ids.push(id);
            at += 1;
        }
        ids
    }
}

fn titles(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|t| (*t).to_owned()).collect()
}

/// Each index file's modification time, by path.
fn mtimes(library: &Library) -> BTreeMap<String, SystemTime> {
    let dir = library.path("public/search-index");
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(&dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (
                path,
                e.metadata().expect("metadata").modified().expect("mtime"),
            )
        })
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_indexes_nothing_and_rewrites_no_index_file() {
    let library = library();
    assert_eq!(build(&library), 3);
    let before = mtimes(&library);
    let cache = library.read(".prfaq/search-cache");
    assert_eq!(build(&library), 0);
    assert_eq!(mtimes(&library), before);
    assert_eq!(library.read(".prfaq/search-cache"), cache);
    assert_eq!(
        Index::of(&library).titles("ferry", false),
        titles(&["Offline Mode"])
    );
}

#[test]
fn an_edit_reindexes_that_document_alone_and_its_results_follow() {
    let library = library();
    build(&library);
    library.write(
        "content/returns.md",
        draft("Instant Returns", "Refunds by drone, no receipt."),
    );
    assert_eq!(build(&library), 1);
    let index = Index::of(&library);
    assert_eq!(index.titles("drone", false), titles(&["Instant Returns"]));
    assert!(
        index.titles("door", false).is_empty(),
        "stale result for a removed word"
    );
    assert_eq!(index.titles("ferry", false), titles(&["Offline Mode"]));
}

#[test]
fn a_deleted_document_leaves_no_result_and_nothing_is_reindexed() {
    let library = library();
    build(&library);
    library.remove("content/gifts.md");
    assert_eq!(build(&library), 0);
    let index = Index::of(&library);
    assert_eq!(index.manifest["documents"], 2);
    assert!(index.titles("reboot", false).is_empty());
    assert_eq!(index.titles("receipt", false), titles(&["Instant Returns"]));
    let left: Vec<String> = index
        .documents_in(0)
        .iter()
        .map(|d| d["t"].to_string())
        .collect();
    assert_eq!(left, ["\"Offline Mode\"", "\"Instant Returns\""]);
}

#[test]
fn a_configuration_change_reindexes_every_document() {
    let library = library();
    build(&library);
    library.write("site.toml", "base_url = \"/prfaqs/\"\n");
    assert_eq!(build(&library), 3);
    let index = Index::of(&library);
    for id in 0..3 {
        let url = index.document(id)["u"].as_str().expect("url").to_owned();
        assert!(url.starts_with("/prfaqs/docs/"), "{url}");
    }
}

#[test]
fn a_corrupt_or_foreign_cache_is_rebuilt() {
    let library = library();
    build(&library);
    for junk in [&b"not a cache"[..], b"", &[0x80; 64]] {
        library.write(".prfaq/search-cache", junk);
        assert_eq!(build(&library), 3);
        assert_eq!(
            Index::of(&library).titles("ferry", false),
            titles(&["Offline Mode"])
        );
    }
}

#[test]
fn a_commit_that_removes_text_makes_it_an_earlier_revision_result() {
    let library = library();
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-05-01", "First draft");
    assert_eq!(build(&library), 3);
    assert!(Index::of(&library).titles("ferry", true).is_empty());
    library.write(
        "content/offline.md",
        draft("Offline Mode", "Edits sync later."),
    );
    commit(&library, "Ann", "2024-07-09", "Drop the ferry");
    assert_eq!(build(&library), 1);
    let index = Index::of(&library);
    assert_eq!(index.titles("ferry", true), titles(&["Offline Mode"]));
    assert!(index.titles("ferry", false).is_empty());
}

/// Two hundred documents with words of their own, enough for many shards.
fn big_library() -> Library {
    let library = Library::new();
    for n in 0..200 {
        let words: Vec<String> = (0..60).map(|w| format!("w{n:03}x{w:02}")).collect();
        library.write(
            &format!("content/doc-{n:03}.md"),
            draft(&format!("Doc {n}"), &words.join(" ")),
        );
    }
    library
}

#[test]
fn an_edit_rewrites_only_the_shards_it_touches() {
    let library = big_library();
    build(&library);
    let before = mtimes(&library);
    let shards = before.keys().filter(|p| p.starts_with("t-")).count();
    assert!(shards >= 4, "{shards} shards");
    let words: Vec<String> = (0..60).map(|w| format!("w100x{w:02}")).collect();
    library.write(
        "content/doc-100.md",
        draft("Doc 100", &format!("{} zebra", words.join(" "))),
    );
    assert_eq!(build(&library), 1);
    let after = mtimes(&library);
    let kept = after
        .iter()
        .filter(|(p, t)| p.starts_with("t-") && before.get(*p) == Some(t))
        .count();
    let new = after
        .keys()
        .filter(|p| p.starts_with("t-") && !before.contains_key(*p))
        .count();
    assert!((1..=2).contains(&new), "{new} new shards of {shards}");
    assert!(kept + 2 >= shards, "{kept} of {shards} shards kept");
    assert_eq!(
        Index::of(&library).titles("zebra", false),
        titles(&["Doc 100"])
    );
}

#[test]
fn documents_files_hold_four_documents_each_in_id_order() {
    let library = library().numbered_drafts("extra", "Extra", 6);
    build(&library);
    let index = Index::of(&library);
    assert_eq!(index.manifest["documents_per_file"], 4);
    let files: BTreeSet<String> = std::fs::read_dir(library.path("public/search-index/doc"))
        .expect("doc folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, titles(&["0.bin", "1.bin", "2.bin"]));
    let counts: Vec<usize> = (0..3).map(|n| index.documents_in(n).len()).collect();
    assert_eq!(counts, [4, 4, 1]);
    // Every document is found through its own file, wherever it falls.
    for n in 0..6 {
        assert_eq!(
            index.titles(&format!("word{n}"), false),
            titles(&[&format!("Extra {n}")])
        );
    }
}
