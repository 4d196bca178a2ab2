//! The harness: a library in a temporary folder, the real `prfaq` binary run
//! on it, and the built site read back as parsed HTML.
//!
//! Modelled on mdBook's `BookTest` and ruff's `CliTest`, so that a test reads
//! as "this library, this command, this outcome". Each test gets its own
//! folder, so tests run in parallel and never see each other's output.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// A library root at `<temp>/library`: one level down, so a test can also
/// point prfaq at the folder above the root.
pub struct Library {
    temp: TempDir,
    root: PathBuf,
}

impl Library {
    /// An empty library root: no `site.toml`, no content.
    pub fn new() -> Self {
        let temp = tempfile::Builder::new()
            .prefix("prfaq-test-")
            .tempdir()
            .expect("create a temporary folder");
        let root = temp.path().join("library");
        std::fs::create_dir(&root).expect("create the library root");
        Library { temp, root }
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Self {
        let library = Library::new();
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&source, &library.root);
        library
    }

    /// Adds (or replaces) a file, relative to the root.
    pub fn file(self, path: &str, text: &str) -> Self {
        self.write(path, text);
        self
    }

    /// Adds `count` drafts, `content/<stem>-NN.md` titled "<title> N", each
    /// with a word of its own ("WordN").
    pub fn numbered_drafts(self, stem: &str, title: &str, count: usize) -> Self {
        (0..count).fold(self, |library, n| {
            library.file(
                &format!("content/{stem}-{n:02}.md"),
                &draft(&format!("{title} {n}"), &format!("Word{n} of its own.")),
            )
        })
    }

    /// Writes a file relative to the root, creating its folders.
    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create folders");
        }
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    pub fn remove(&self, path: &str) {
        let path = self.path(path);
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
    }

    pub fn read(&self, path: &str) -> Vec<u8> {
        let path = self.path(path);
        std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder that holds the root.
    pub fn parent(&self) -> &Path {
        self.temp.path()
    }

    /// `root/relative`.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// `prfaq build --root <root>`.
    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// `prfaq build --root <root> <args>`.
    pub fn build_with(&self, args: &[&str]) -> Run {
        let root = self.root.to_str().expect("temporary paths are UTF-8");
        let mut all = vec!["build", "--root", root];
        all.extend_from_slice(args);
        self.prfaq(&all)
    }

    /// Runs `prfaq <args>` with the library root as the current folder.
    pub fn prfaq(&self, args: &[&str]) -> Run {
        self.prfaq_env(&[], args)
    }

    /// Like [`Library::prfaq`], with environment variables set.
    pub fn prfaq_env(&self, env: &[(&str, &Path)], args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_prfaq"));
        command.args(args).current_dir(&self.root);
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().expect("run the prfaq binary");
        Run {
            code: output.status.code().expect("prfaq exited with a code"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// The site in the default output folder, `<root>/public`.
    pub fn site(&self) -> Site {
        Site::at(self.path("public"))
    }
}

/// A copy of fixture `name`, built without errors, and its site. Keep the
/// library alive while reading the site: it owns the temporary folder.
#[track_caller]
pub fn built(name: &str) -> (Library, Site) {
    let library = Library::fixture(name);
    library.build().success();
    let site = library.site();
    (library, site)
}

/// Runs git in `dir` as `author` at `date` (ISO 8601), with no system or user
/// git config, so that tests do not depend on the machine's.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "author@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "author@example.com")
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs git in `dir` as a fixed author on a fixed date: `init`, and what needs no identity.
pub fn git(dir: &Path, args: &[&str]) {
    git_as(dir, "Ann Author", "2024-01-01T12:00:00Z", args);
}

/// Commits everything in the library as `author` on `date` (YYYY-MM-DD).
pub fn commit(library: &Library, author: &str, date: &str, message: &str) {
    let date = format!("{date}T12:00:00Z");
    git_as(library.root(), author, &date, &["add", "-A"]);
    git_as(
        library.root(),
        author,
        &date,
        &["commit", "-q", "-m", message],
    );
}

/// What one run of `prfaq` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing stderr when it differs.
    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn success(self) -> Self {
        self.code(0)
    }

    /// Asserts that stderr contains each of `needles`.
    #[track_caller]
    pub fn stderr_has(self, needles: &[&str]) -> Self {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// The headline of every warning printed.
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.starts_with("warning"))
            .collect()
    }

    /// The counts of the summary line: "(N files written, M unchanged, R removed".
    #[track_caller]
    pub fn summary(&self) -> Summary {
        let count = |label: &str| -> usize {
            let end = self
                .stderr
                .find(label)
                .unwrap_or_else(|| panic!("no {label:?} in the summary:\n{}", self.stderr));
            let before = &self.stderr[..end];
            let start = before.rfind(['(', ',']).map_or(0, |i| i + 1);
            before[start..]
                .trim()
                .parse()
                .unwrap_or_else(|e| panic!("count before {label:?}: {e}\n{}", self.stderr))
        };
        Summary {
            written: count(" files written"),
            unchanged: count(" unchanged"),
            removed: count(" removed"),
        }
    }
}

/// The counts of a build's summary line.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Every file and folder under `dir`, with each file's bytes and modification time.
pub type Tree = BTreeMap<PathBuf, Entry>;

/// A file (`bytes` is `Some`) or a folder in a [`Tree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub bytes: Option<Vec<u8>>,
    pub modified: SystemTime,
}

/// What is under `dir` now (nothing if it does not exist).
pub fn snapshot(dir: &Path) -> Tree {
    let mut tree = Tree::new();
    if dir.exists() {
        snapshot_into(dir, dir, &mut tree);
    }
    tree
}

/// The files under `dir` and their bytes: equal contents mean the same site.
pub fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter_map(|(path, entry)| Some((path, entry.bytes?)))
        .collect()
}

/// A draft PR/FAQ by Ann with `press_release` as its only section.
pub fn draft(title: &str, press_release: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\nowner = \"Ann\"\nstatus = \"draft\"\n+++\n## Press Release\n\n{press_release}\n"
    )
}

/// Asserts that the site in `public/` is byte for byte the one a clean
/// build writes: of a copy of the library (its git history too) without
/// its output and state folders.
#[track_caller]
pub fn assert_same_as_clean_build(library: &Library) {
    let clean = tempfile::tempdir().expect("temp dir");
    let copy = clean.path().join("library");
    copy_dir(library.root(), &copy);
    for owned in ["public", ".prfaq"] {
        std::fs::remove_dir_all(copy.join(owned)).expect("remove");
    }
    let root = copy.to_str().expect("UTF-8 path");
    library.prfaq(&["build", "--root", root]).success();
    assert_eq!(
        contents(&library.path("public")),
        contents(&copy.join("public"))
    );
}

/// `prfaq build` with `PRFAQ_TIMINGS` set: stage times and counts on stderr.
#[track_caller]
pub fn timed_build(library: &Library) -> Run {
    library
        .prfaq_env(
            &[("PRFAQ_TIMINGS", Path::new("1"))],
            &["build", "--root", library.root().to_str().expect("UTF-8")],
        )
        .success()
}

/// The `count: <label>: N` line of a `PRFAQ_TIMINGS` run.
#[track_caller]
pub fn count(run: &Run, label: &str) -> usize {
    let prefix = format!("count: {label}: ");
    run.stderr
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {label:?} count in\n{}", run.stderr))
        .parse()
        .expect("a number")
}

/// A built site: an output folder.
pub struct Site {
    dir: PathBuf,
}

impl Site {
    pub fn at(dir: PathBuf) -> Self {
        Site { dir }
    }

    /// The page at a URL path relative to the base: `docs/a/` reads
    /// `docs/a/index.html`, `""` the home page, `404.html` itself.
    #[track_caller]
    pub fn page(&self, url: &str) -> Page {
        let file = file_for_url(url);
        let path = self.dir.join(&file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read page {}: {e}", path.display()));
        Page {
            path: file,
            html: Html::parse_document(&text),
        }
    }

    /// The site's own files, pages and assets: everything but prfaq's
    /// bookkeeping (dot-files such as the `.prfaq-output` marker).
    pub fn files(&self) -> Vec<PathBuf> {
        contents(&self.dir)
            .into_keys()
            .filter(|path| !is_bookkeeping(path))
            .collect()
    }

    /// Whether the site has the file at `relative` (a path, not a URL).
    pub fn has(&self, relative: &str) -> bool {
        self.dir.join(relative).is_file()
    }

    /// Every HTML page of the site, parsed.
    pub fn pages(&self) -> Vec<Page> {
        contents(&self.dir)
            .into_iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
            .map(|(path, bytes)| Page {
                path: path.to_string_lossy().replace('\\', "/"),
                html: Html::parse_document(&String::from_utf8_lossy(&bytes)),
            })
            .collect()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// One parsed HTML page.
pub struct Page {
    /// Path in the output folder, e.g. `docs/a/index.html`.
    pub path: String,
    html: Html,
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// The one element matching `css`.
    #[track_caller]
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "{css:?} in {}: {} matches",
            self.path,
            found.len()
        );
        found[0]
    }

    /// The text of the one element matching `css`.
    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        text_of(self.one(css))
    }

    /// The text of every element matching `css`, in document order.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text_of).collect()
    }

    /// Attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.select(css)
            .into_iter()
            .filter_map(|e| e.attr(name).map(str::to_owned))
            .collect()
    }

    /// Every `id` in the page, the targets of `#fragment` links.
    pub fn ids(&self) -> HashSet<String> {
        self.attrs("[id]", "id").into_iter().collect()
    }
}

/// Whether `path` (relative to an output folder) is prfaq's bookkeeping
/// rather than part of the site: it starts with a `.prfaq` file or folder
/// (`.nojekyll` is part of the site).
pub fn is_bookkeeping(path: &Path) -> bool {
    path.components()
        .next()
        .is_some_and(|c| c.as_os_str().to_string_lossy().starts_with(".prfaq"))
}

/// Validates `json` against the JSON Schema at `schema` (a path in this
/// repository) with Python's `jsonschema`, listing every error. scripts/test.sh
/// installs it; under CI it must be there, elsewhere its absence skips the
/// check with a message.
#[track_caller]
pub fn validate_json(json: &[u8], schema: &str) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join(schema);
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        validator = jsonschema.validators.validator_for(schema)\n\
        validator.check_schema(schema)\n\
        errors = list(validator(schema).iter_errors(json.load(sys.stdin)))\n\
        for e in errors: print('/'.join(map(str, e.absolute_path)), e.message)\n\
        sys.exit(1 if errors else 0)\n";
    let available = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with jsonschema is required under CI (scripts/test.sh installs it)"
        );
        eprintln!(
            "skipping the JSON Schema check: no python3 with jsonschema (scripts/test.sh installs it)"
        );
        return;
    }
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(json)
        .expect("write the JSON");
    let output = child.wait_with_output().expect("python3 ran");
    assert!(
        output.status.success(),
        "invalid against {}:\n{}{}",
        schema.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Selects inside one element.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

/// The texts of the elements matching `css` inside `element`.
pub fn texts_in(element: ElementRef<'_>, css: &str) -> Vec<String> {
    select_in(element, css).into_iter().map(text_of).collect()
}

/// An element's text with runs of whitespace collapsed to one space.
pub fn text_of(element: ElementRef<'_>) -> String {
    let text: String = element.text().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The output file a URL path (relative to the base) is served from, with
/// its query and fragment dropped and percent-escapes decoded.
pub fn file_for_url(url: &str) -> String {
    let path = url.split(['#', '?']).next().unwrap_or("");
    let path = percent_decode(path);
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

#[track_caller]
fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// Decodes `%xx` escapes, as a web server does before looking up a file.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// Copies the folder `from` to `to` (created if missing), recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("read a fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("create a fixture folder");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

fn snapshot_into(base: &Path, dir: &Path, tree: &mut Tree) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("read a folder entry").path();
        let relative = path.strip_prefix(base).expect("under base").to_owned();
        let modified = path
            .metadata()
            .and_then(|m| m.modified())
            .expect("modification time");
        if path.is_dir() {
            let entry = Entry {
                bytes: None,
                modified,
            };
            tree.insert(relative, entry);
            snapshot_into(base, &path, tree);
        } else {
            let bytes = Some(std::fs::read(&path).expect("read a file"));
            tree.insert(relative, Entry { bytes, modified });
        }
    }
}
