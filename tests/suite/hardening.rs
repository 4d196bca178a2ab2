//! What a hostile or unlucky library cannot make prfaq do: read outside the
//! library, write or delete through a link in the output folder, take over a
//! folder it did not make, or leave a wrong site after a killed or
//! concurrent build.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::support::{Library, contents};

fn doc(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\n{body}\n"
    )
}

/// A library of `n` documents whose text carries `version`.
fn library_of(n: usize, version: &str) -> Library {
    let library = Library::new();
    write_version(&library, n, version);
    library
}

fn write_version(library: &Library, n: usize, version: &str) {
    for i in 0..n {
        library.write(
            &format!("content/doc-{i:03}.md"),
            doc(
                &format!("Doc {i}"),
                // Words of its own, so no two documents tie as related pages.
                &format!("Version {version}. Kiwi{i} mango{i}x lychee{i}y papaya{i}z guava{i}w."),
            ),
        );
    }
}

/// The site a fresh build of the library makes, in a folder of its own.
fn fresh_site(library: &Library) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = library
        .parent()
        .join(format!("fresh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    library
        .build_with(&["--no-history", "--output", out.to_str().expect("UTF-8")])
        .success();
    let site = contents(&out);
    std::fs::remove_dir_all(&out).expect("remove the fresh site");
    site
}

/// Asserts two sites are the same, naming the files that differ.
#[track_caller]
fn assert_same_site(got: &BTreeMap<PathBuf, Vec<u8>>, want: &BTreeMap<PathBuf, Vec<u8>>) {
    let differ: Vec<&PathBuf> = got
        .keys()
        .chain(want.keys())
        .filter(|p| got.get(*p) != want.get(*p))
        .collect();
    assert!(
        differ.is_empty(),
        "the site is not the library's: {differ:?}"
    );
}

/// Files and folders beside and inside the output folder that a killed build left.
fn leftovers(library: &Library) -> Vec<PathBuf> {
    let beside = std::fs::read_dir(library.root())
        .expect("read the root")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.to_string_lossy().contains(".prfaq-staging")
                || p.to_string_lossy().contains("prfaq-tmp")
        });
    let inside = walkdir::WalkDir::new(library.path("public"))
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.to_string_lossy().contains(".prfaq"));
    beside.chain(inside).collect()
}

#[test]
fn a_symlinked_static_folder_out_of_the_library_is_an_error_and_publishes_nothing() {
    let library = library_of(1, "1");
    let secret = library.parent().join("ssh");
    std::fs::create_dir(&secret).expect("secret folder");
    std::fs::write(secret.join("id_rsa"), "PRIVATE KEY").expect("secret");
    symlink(&secret, library.path("static")).expect("link");

    library
        .build()
        .code(1)
        .stderr_has(&["static", "is a symbolic link"]);
    assert!(!library.path("public").exists());
}

#[test]
fn links_inside_content_and_static_are_skipped_with_a_warning() {
    let library = library_of(1, "1");
    let secret = library.parent().join("secret");
    std::fs::create_dir(&secret).expect("secret folder");
    std::fs::write(secret.join("id_rsa"), "PRIVATE KEY").expect("secret");
    std::fs::write(
        secret.join("plan.md"),
        doc("Secret plan", "Acquire Contoso."),
    )
    .expect("doc");
    std::fs::create_dir_all(library.path("static")).expect("static");
    symlink(secret.join("id_rsa"), library.path("static/id_rsa")).expect("link");
    symlink(secret.join("plan.md"), library.path("content/plan.md")).expect("link");
    symlink(&secret, library.path("themes-link")).expect("unrelated link");
    // A link inside the checkout is not followed either (CI keeps its token in .git/config).
    library.write(
        ".git/config",
        "[http] extraheader = AUTHORIZATION: basic PRIVATE KEY",
    );
    symlink(library.path(".git/config"), library.path("static/config")).expect("link");
    library.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );

    let run = library.build().success();
    assert_eq!(run.warnings().len(), 3, "{}", run.stderr);
    let run = run.stderr_has(&["static/id_rsa", "static/config", "content/plan.md"]);
    assert!(run.warnings().iter().all(|w| w.contains("not followed")));
    let site = contents(&library.path("public"));
    assert!(site.keys().any(|p| p.ends_with("static/logo.svg")));
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("PRIVATE KEY") && !text.contains("Contoso"),
            "leaked into {}",
            path.display()
        );
    }
}

#[test]
fn folders_in_site_toml_that_leave_the_root_are_errors() {
    for setting in [
        "theme = \"../../x\"",
        "content_dir = \"/etc\"",
        "output_dir = \"../elsewhere\"",
        "state_dir = \"/tmp\"",
    ] {
        let library = library_of(1, "1").file("site.toml", setting);
        let key = setting.split(' ').next().expect("key");
        library.build().code(1).stderr_has(&["site.toml:1:", key]);
        assert!(!library.parent().join("elsewhere").exists());
    }
    // On the command line, the output folder may be anywhere.
    let library = library_of(1, "1");
    let elsewhere = library.parent().join("elsewhere");
    library
        .build_with(&["--output", elsewhere.to_str().expect("UTF-8")])
        .success();
    assert!(elsewhere.join("index.html").is_file());
}

#[test]
fn a_link_in_the_output_folder_is_replaced_never_written_through() {
    let library = library_of(2, "1");
    library.build().success();
    let victim = library.parent().join("victim");
    std::fs::create_dir(&victim).expect("victim");
    std::fs::write(victim.join("index.html"), "precious").expect("victim file");
    let page_folder = library.path("public/docs/doc-000");
    std::fs::remove_dir_all(&page_folder).expect("remove the page folder");
    symlink(&victim, &page_folder).expect("link");

    library.write("content/doc-000.md", doc("Doc 0", "Edited."));
    library.build().success();

    assert_eq!(
        std::fs::read_to_string(victim.join("index.html")).expect("victim"),
        "precious"
    );
    let meta = std::fs::symlink_metadata(&page_folder).expect("page folder");
    assert!(meta.is_dir(), "the link was replaced by a real folder");
    assert!(
        String::from_utf8_lossy(&library.read("public/docs/doc-000/index.html"))
            .contains("Edited.")
    );
}

#[test]
fn deleting_a_document_never_deletes_through_a_link() {
    let library = library_of(2, "1");
    library.build().success();
    let victim = library.parent().join("victim");
    std::fs::create_dir(&victim).expect("victim");
    std::fs::write(victim.join("index.html"), "precious").expect("victim file");
    let page_folder = library.path("public/docs/doc-001");
    std::fs::remove_dir_all(&page_folder).expect("remove the page folder");
    symlink(&victim, &page_folder).expect("link");

    library.remove("content/doc-001.md");
    library.build().success();

    assert_eq!(
        std::fs::read_to_string(victim.join("index.html")).expect("victim"),
        "precious"
    );
}

#[test]
fn a_forged_marker_or_a_copied_state_folder_does_not_prove_ownership() {
    let library = library_of(1, "1");
    let victim = library.parent().join("victim");
    std::fs::create_dir(&victim).expect("victim");
    std::fs::write(victim.join("keep.txt"), "precious").expect("victim file");
    // The old marker file, forged, with a link to the victim.
    library.write(
        "site/.prfaq-output",
        "# prfaq output folder\n0000000000000000 v/keep.txt\n",
    );
    symlink(&victim, library.path("site/v")).expect("link");
    library
        .build_with(&["--output", "site"])
        .code(2)
        .stderr_has(&["refusing", "no record of making it"]);
    assert!(victim.join("keep.txt").is_file());

    // A state folder copied from a library whose output folder looked the same.
    let other = library_of(1, "1");
    other.build_with(&["--output", "site"]).success();
    let copy = |from: &Path, to: &Path| {
        std::fs::create_dir_all(to).expect("state folder");
        for entry in std::fs::read_dir(from).expect("read state") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    };
    copy(&other.path(".prfaq"), &library.path(".prfaq"));
    library
        .build_with(&["--output", "site"])
        .code(2)
        .stderr_has(&["refusing"]);
    assert!(victim.join("keep.txt").is_file());
}

#[test]
fn a_build_killed_inside_the_rename_loop_is_repaired_by_building_an_older_library() {
    let library = library_of(40, "old");
    library.build_with(&["--no-history"]).success();
    write_version(&library, 40, "new");

    let root = library.root().to_str().expect("UTF-8").to_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(["build", "--no-history", "--root", &root])
        .env("PRFAQ_TEST_PAUSE_AT_RENAME", "25")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start prfaq build");
    let stderr = child.stderr.take().expect("stderr");
    let paused = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("paused at rename 25"));
    assert!(paused, "the build never reached its 25th rename");
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let mixed = contents(&library.path("public"));
    let half_new = mixed
        .values()
        .filter(|b| String::from_utf8_lossy(b).contains("Version new"))
        .count();
    assert!(
        half_new > 0,
        "the killed build had renamed some new pages into place"
    );

    // Back to the older library: the next build must give exactly its site.
    write_version(&library, 40, "old");
    library.build_with(&["--no-history"]).success();
    assert_same_site(&contents(&library.path("public")), &fresh_site(&library));
    assert_eq!(leftovers(&library), Vec::<PathBuf>::new());
}

#[test]
fn builds_killed_at_any_moment_leave_nothing_the_next_build_does_not_repair() {
    let library = library_of(60, "a");
    let root = library.root().to_str().expect("UTF-8").to_owned();
    // Kill moments spread over a build's life: before, during and after writing.
    let mut seed: u64 = std::process::id().into();
    for round in 0..8 {
        write_version(&library, 60, if round % 2 == 0 { "b" } else { "a" });
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis(seed >> 33 & 0xff);
        let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
            .args(["build", "--no-history", "--quiet", "--root", &root])
            .stderr(Stdio::null())
            .spawn()
            .expect("start prfaq build");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
    }
    write_version(&library, 60, "a");
    library.build_with(&["--no-history"]).success();
    assert!(
        contents(&library.path("public")) == fresh_site(&library),
        "after the kills the site is not exactly the library's (seed {seed})"
    );
    assert_eq!(leftovers(&library), Vec::<PathBuf>::new());
}

#[test]
fn concurrent_builds_wait_for_each_other_and_leave_one_site() {
    let library = library_of(80, "1");
    let root = library.root().to_str().expect("UTF-8").to_owned();
    let children: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_prfaq"))
                .args(["build", "--no-history", "--root", &root])
                .stderr(Stdio::piped())
                .spawn()
                .expect("start prfaq build")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait");
        assert!(
            output.status.success(),
            "a concurrent build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(contents(&library.path("public")) == fresh_site(&library));
    assert_eq!(leftovers(&library), Vec::<PathBuf>::new());
}

#[test]
fn very_long_names_are_capped_not_fatal() {
    let long = "Extraordinarily ".repeat(20);
    let library = Library::new().file(
        "content/a.md",
        &format!(
            "+++\ntitle = \"A\"\nowner = \"{long}\"\ntags = [\"{long}\"]\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\nText.\n"
        ),
    );
    library.build().success();
    for folder in ["owners", "tags"] {
        let names: Vec<String> = std::fs::read_dir(library.path(&format!("public/{folder}")))
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != "index.html")
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(
            names[0].len() <= 80 && names[0].starts_with("extraordinarily-"),
            "{names:?}"
        );
    }
}

#[test]
fn new_writes_front_matter_any_title_and_owner_survive() {
    let library = Library::new();
    let title = "Returns\n+++\nstatus = \"launched\"\r\n<script>alert(1)</script>";
    let owner = "Ann\r\n+++";
    library.prfaq(&["new", title, "--owner", owner]).success();
    let run = library.build().success();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    let site = library.site();
    let slug = site
        .files()
        .into_iter()
        .find_map(|p| {
            let p = p.to_string_lossy().into_owned();
            p.strip_prefix("docs/")?
                .strip_suffix("/index.html")
                .map(ToOwned::to_owned)
        })
        .expect("the document's page");
    let page = site.page(&format!("docs/{slug}/"));
    assert_eq!(
        page.text("h1"),
        title
            .replace(['\r', '\n'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
}

#[test]
fn a_write_error_names_the_document_and_keeps_the_warnings() {
    let library = library_of(2, "1").file(
        "content/broken-link.md",
        &doc("Linking", "See [gone](gone.md)."),
    );
    library.build().success();
    // Something that is not prfaq's now stands where a page's folder must be.
    let folder = library.path("public/docs/doc-001");
    std::fs::remove_dir_all(&folder).expect("remove the folder");
    std::fs::write(&folder, "someone's file").expect("a file in the way");
    library.write("content/doc-001.md", doc("Doc 1", "Edited."));

    library.build().code(1).stderr_has(&[
        "content/doc-001.md",
        "docs/doc-001/index.html",
        "gone.md",
    ]);
    assert_eq!(
        std::fs::read_to_string(&folder).expect("the file"),
        "someone's file"
    );
}

#[test]
fn every_page_forbids_inline_script() {
    let library = library_of(2, "1");
    library.build().success();
    let pages = library.site().pages();
    assert!(pages.len() > 5);
    for page in pages {
        let policy = page.attrs("meta[http-equiv='Content-Security-Policy']", "content");
        assert_eq!(policy.len(), 1, "{}: no policy", page.path);
        let script_src = policy[0]
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_default()
            .to_owned();
        assert_eq!(script_src, "script-src 'self'", "{}", page.path);
        let inline = page
            .select("script")
            .into_iter()
            .filter(|s| s.value().attr("src").is_none())
            // A JSON data block (the history page's "as of" data) runs nothing.
            .filter(|s| s.value().attr("type") != Some("application/json"))
            .count();
        assert_eq!(inline, 0, "{}: inline script", page.path);
    }
}
