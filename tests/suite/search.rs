//! Search: the index files a build writes, and the search page in a real
//! headless Chromium on a library served under a sub-path (`prfaq serve
//! --base-url /prfaqs/`): queries, FAQ deep links, facets in the URL,
//! earlier revisions from a real git history, escaping, the keyboard, and a
//! saved edit reaching the results.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::browser::{Browser, Tab, chromium};
use super::history::{commit, git};
use super::serve::Server;
use super::support::Library;

const BASE: &str = "/prfaqs/";

fn doc(title: &str, owner: &str, status: &str, tags: &str, body: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\nowner = \"{owner}\"\nstatus = \"{status}\"\nstage = \"define\"\ntags = [{tags}]\n+++\n{body}\n"
    )
}

const OFFLINE: &str = "## Press Release\n\nWork anywhere with offline mode: edits sync when you are back.\n\n\
## External FAQ\n\n### Does it work on a plane?\n\nYes.\n\n\
## Internal FAQ\n\n### Why did we shelve offline sync?\n\nConflict resolution for concurrent edits costs too much.\n";
const RETURNS: &str = "## Press Release\n\nRefunds at the door, no receipt needed.\n\n\
## External FAQ\n\n### Can I return an opened item?\n\nYes, within thirty days.\n";
const GIFTS: &str =
    "## Press Release\n\nGift cards keep their balance even when the till is offline.\n";

fn with_decision(text: &str) -> String {
    let decision = "[[decisions]]\ndate = 2024-06-18\noutcome = \"shelve\"\nnote = \"Until the sync engine is rewritten.\"\n";
    text.replacen("+++\n## Press", &format!("{decision}+++\n## Press"), 1)
}

fn library() -> Library {
    Library::new()
        .file(
            "content/offline-mode.md",
            &with_decision(&doc(
                "Offline Mode",
                "Priya Raman",
                "shelved",
                "\"mobile\"",
                OFFLINE,
            )),
        )
        .file(
            "content/instant-returns.md",
            &doc(
                "Instant Returns",
                "Omar Haddad",
                "proceed",
                "\"retail\"",
                RETURNS,
            ),
        )
        .file(
            "content/gift-cards.md",
            &doc("Gift Cards", "Priya Raman", "draft", "\"retail\"", GIFTS),
        )
}

// ---------- What a build writes ----------

#[test]
fn a_build_writes_the_index_the_search_page_and_a_box_on_every_page() {
    let library = library();
    library.build().success();
    let site = library.site();
    assert!(site.has("search-index/manifest.json"));
    assert!(site.has("static/search.js"));
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(site.dir().join("search-index/manifest.json")).expect("manifest"),
    )
    .expect("manifest is JSON");
    assert_eq!(manifest["documents"], 3);
    for (_, file) in manifest["terms"]
        .as_array()
        .expect("shards")
        .iter()
        .map(|s| (s[0].clone(), s[1].clone()))
    {
        assert!(site.has(&format!("search-index/{}", file.as_str().expect("name"))));
    }
    for page in site.pages() {
        let boxes = page.select("form[role=search] input[name=q]");
        assert_eq!(boxes.len(), 1, "{} has one search box", page.path);
    }
    let search = site.page("search/");
    assert_eq!(search.select("[data-search-page]").len(), 1);
    // Without JavaScript the page says what to do instead, with links to the list pages.
    let notice = search.one("[data-search-unavailable]");
    let links = super::support::select_in(notice, "a");
    assert!(
        links
            .iter()
            .any(|a| a.value().attr("href") == Some("/documents/"))
    );
}

#[test]
fn search_false_writes_no_index_no_page_and_no_box() {
    let library = library().file("site.toml", "search = false\n");
    library.build().success();
    let site = library.site();
    for file in site.files() {
        let path = file.to_string_lossy().replace('\\', "/");
        assert!(!path.contains("search"), "{path} written with search off");
    }
    for page in site.pages() {
        assert!(page.select("form[role=search]").is_empty());
        assert!(page.select("script[src$='search.js']").is_empty());
    }
}

#[test]
fn decisions_have_anchors_for_search_results() {
    let text = "+++\ntitle = \"Offline Mode\"\n\n[[decisions]]\ndate = 2024-06-18\noutcome = \"shelve\"\nnote = \"Too costly.\"\n+++\n## Press Release\n\nText.\n";
    let library = Library::new().file("content/offline-mode.md", text);
    library.build().success();
    let page = library.site().page("docs/offline-mode/");
    assert_eq!(page.text("#decision-1 td:last-child"), "Too costly.");
}

// ---------- In the browser ----------

/// The library served under [`BASE`], a browser, and a tab on `path`.
/// The session owns the library: were its folder deleted while `serve`
/// watches it, `serve` would report the content folder gone and reload the
/// open page in the middle of the test. (Fields drop in order: the server
/// stops before the folder goes.)
struct Session {
    server: Server,
    _browser: Browser,
    tab: Tab,
    library: Library,
}

impl Session {
    fn open(library: Library, path: &str) -> Option<Session> {
        let binary = chromium()?;
        let server = Server::start(&library, &["--base-url", BASE]);
        assert!(
            server.url.ends_with(BASE),
            "served under {BASE}: {}",
            server.url
        );
        let browser = Browser::launch(&binary);
        let mut tab = browser.open(&format!("{}{path}", server.url));
        // The tab is the browser's foreground one (the browser starts with
        // another), and key events reach it as if its window had the focus.
        tab.call("Page.bringToFront", &json!({}));
        tab.call(
            "Emulation.setFocusEmulationEnabled",
            &json!({"enabled": true}),
        );
        Some(Session {
            server,
            _browser: browser,
            tab,
            library,
        })
    }

    /// Opens `path`, waiting for its document: the old page's status can
    /// never be read as the new one's.
    fn goto(&mut self, path: &str) {
        let url = format!("{}{path}", self.server.url);
        self.tab.navigate(&url);
    }

    fn wait_status(&mut self, expected: &str) {
        self.tab.wait_for(STATUS, &json!(expected));
    }

    /// Waits until the results and the filters are filled in (they say
    /// `aria-busy` while they are not): what the keyboard or a click meets
    /// afterwards stays on the page.
    fn wait_settled(&mut self) {
        self.tab.wait_for(
            "[...document.querySelectorAll('[data-results], [data-facets]')].map(e => e.getAttribute('aria-busy')).join()",
            &json!("false,false"),
        );
    }

    /// Waits until the results list shows `expected`, in any order.
    fn wait_titles_sorted(&mut self, expected: &[&str]) {
        let mut sorted = expected.to_vec();
        sorted.sort_unstable();
        self.tab.wait_for(
            "[...document.querySelectorAll('.search-result-title')].map(e => e.textContent).sort()",
            &json!(sorted),
        );
    }

    /// Waits until the results list shows exactly `expected` (results fill in
    /// as their files arrive, after the status line).
    fn wait_titles(&mut self, expected: &[&str]) {
        self.tab.wait_for(
            "[...document.querySelectorAll('.search-result-title')].map(e => e.textContent)",
            &json!(expected),
        );
    }

    /// The string `expression` gives, waiting for it: parts of a result
    /// (excerpt, where it matched) fill in as the result's file arrives.
    fn eval_str(&mut self, expression: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match self.tab.eval(expression) {
                Some(Value::String(s)) => return s,
                other if Instant::now() > deadline => {
                    panic!("{expression} is {other:?}")
                }
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Presses a key, as the keyboard does. A capturing listener counts the
    /// keydown events that arrive, so a key the page never received (sent
    /// while it was reloading, say) is sent again, and a key it received is
    /// never sent twice. What the page then did with it is the test's.
    /// (The keys CI saw lost were sent to a page that `serve` was reloading
    /// because the test's library folder had been deleted under it; see
    /// [`Session`].)
    fn key(&mut self, key: &str, code: &str, key_code: u32, text: &str) {
        let probe = "(() => { if (!window.prfaqKeys) { window.prfaqKeys = { page: String(Math.random()), n: 0 }; addEventListener('keydown', () => window.prfaqKeys.n++, true); } return window.prfaqKeys.page + ' ' + window.prfaqKeys.n; })()";
        let seen =
            "window.prfaqKeys ? window.prfaqKeys.page + ' ' + window.prfaqKeys.n : 'replaced'";
        let before = self.eval_str(probe);
        for attempt in 0..5 {
            if attempt > 0 {
                eprintln!("{key:?} did not reach the page: sending it again");
            }
            for kind in ["keyDown", "keyUp"] {
                let mut params = json!({"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code});
                if kind == "keyDown" && !text.is_empty() {
                    params["text"] = json!(text);
                }
                self.tab.call("Input.dispatchKeyEvent", &params);
            }
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                // `None` while a new page loads: the key was delivered.
                match self.tab.eval(seen) {
                    Some(Value::String(now)) if now == before => {}
                    _ => return,
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        panic!("Chromium never delivered {key:?} to the page, in 5 tries");
    }

    /// Types `text` into the focused field one key at a time, as a person
    /// does (`Input.insertText` was seen to reach no page at all, five times
    /// in a row, where keys still arrived).
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let upper = c.to_ascii_uppercase();
            let letter = c.to_string();
            self.key(&letter, &format!("Key{upper}"), u32::from(upper), &letter);
        }
    }
}

/// The search page's status line (list pages have `data-status` on their rows).
const STATUS: &str = "document.querySelector('#search-status[data-status]') && document.querySelector('#search-status[data-status]').textContent";

#[test]
fn a_query_finds_the_documents_that_say_it_and_no_others() {
    let Some(mut s) = Session::open(library(), "search/?q=offline") else {
        return;
    };
    s.wait_status("2 results for “offline”.");
    s.wait_titles_sorted(&["Gift Cards", "Offline Mode"]);

    s.goto("search/?q=refunds+door");
    s.wait_status("1 result for “refunds door”.");
    s.wait_titles(&["Instant Returns"]);
    // Matches are highlighted in the excerpt, which arrives with the result's file.
    s.tab.wait_for(
        "[...document.querySelectorAll('.search-result-excerpt mark')].map(m => m.textContent)",
        &json!(["Refunds", "door"]),
    );

    s.goto("search/?q=zeppelin");
    s.wait_status("No results for “zeppelin”.");
    s.wait_titles(&[]);
}

#[test]
fn an_internal_faq_match_links_to_its_question_and_names_it() {
    let Some(mut s) = Session::open(library(), "search/?q=conflict+resolution") else {
        return;
    };
    s.wait_status("1 result for “conflict resolution”.");
    assert_eq!(
        s.eval_str("document.querySelector('.search-result-where').textContent"),
        "Internal FAQ: Why did we shelve offline sync?"
    );
    let href = s.eval_str("document.querySelector('a.search-result-link').getAttribute('href')");
    assert_eq!(
        href,
        format!("{BASE}docs/offline-mode/#why-did-we-shelve-offline-sync")
    );
    s.tab
        .eval("document.querySelector('a.search-result-link').click(); true");
    s.tab
        .wait_for("location.hash", &json!("#why-did-we-shelve-offline-sync"));
    s.tab.wait_for(
        "document.getElementById('why-did-we-shelve-offline-sync') && document.getElementById('why-did-we-shelve-offline-sync').textContent.startsWith('Why did we shelve offline sync?')",
        &json!(true),
    );
    // A decision note links to the decision.
    s.goto("search/?q=engine+rewritten");
    s.wait_status("1 result for “engine rewritten”.");
    assert_eq!(
        s.eval_str("document.querySelector('.search-result-where').textContent"),
        "Decision 2024-06-18 · Shelve"
    );
    let href = s.eval_str("document.querySelector('a.search-result-link').getAttribute('href')");
    assert_eq!(href, format!("{BASE}docs/offline-mode/#decision-1"));
    // The shelved document was included, and is marked as shelved.
    assert_eq!(
        s.eval_str("document.querySelector('.search-result .badge-status').textContent"),
        "Shelved"
    );
}

#[test]
fn a_facet_narrows_results_lives_in_the_url_and_survives_a_reload() {
    let Some(mut s) = Session::open(library(), "search/?q=offline") else {
        return;
    };
    s.wait_status("2 results for “offline”.");
    s.wait_settled();
    // Counts: within the two results, one is shelved, one a draft.
    let count = "document.querySelector('input[name=status][value=shelved]').parentElement.querySelector('.search-facet-count').textContent";
    assert_eq!(s.eval_str(count), "1");
    s.tab
        .eval("document.querySelector('input[name=status][value=shelved]').click(); true");
    s.wait_status("1 result for “offline”.");
    s.wait_titles(&["Offline Mode"]);
    assert_eq!(s.eval_str("location.search"), "?q=offline&status=shelved");

    s.tab.reload();
    s.wait_status("1 result for “offline”.");
    s.wait_titles(&["Offline Mode"]);
    assert_eq!(
        s.tab
            .eval("document.querySelector('input[name=status][value=shelved]').checked"),
        Some(json!(true))
    );

    // Facets alone list documents: every document led by Priya Raman.
    s.goto("search/?owner=priya-raman");
    s.wait_status("2 documents match the filters.");
    s.wait_titles_sorted(&["Gift Cards", "Offline Mode"]);
}

#[test]
fn a_filter_box_stays_the_same_element_with_its_focus_when_the_counts_change() {
    let Some(mut s) = Session::open(library(), "search/?q=offline") else {
        return;
    };
    s.wait_status("2 results for “offline”.");
    s.wait_settled();
    // A mark on the shelved box and the keyboard focus on it: a re-render
    // that replaced the box would lose both (and a click landing on it).
    s.tab.eval("const b = document.querySelector('input[name=status][value=shelved]'); b.dataset.mark = 'same'; b.focus(); true");
    s.tab
        .eval("document.querySelector('input[name=stage][value=define]').click(); true");
    s.wait_status("2 results for “offline”.");
    s.tab
        .wait_for("location.search", &json!("?q=offline&stage=define"));
    s.wait_settled();
    assert_eq!(
        s.tab.eval("document.activeElement.dataset.mark"),
        Some(json!("same"))
    );
    assert_eq!(
        s.eval_str(
            "document.activeElement.parentElement.querySelector('.search-facet-count').textContent"
        ),
        "1"
    );
}

#[test]
fn a_title_with_script_shows_as_text_and_runs_nothing() {
    let title = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> Evil";
    let library = Library::new().file(
        "content/evil.md",
        &doc(
            title,
            "<b onmouseover=alert(1)>Mallory</b>",
            "draft",
            "\"<i>x</i>\"",
            "## Press Release\n\nEvil plans.\n",
        ),
    );
    let Some(mut s) = Session::open(library, "search/?q=evil") else {
        return;
    };
    s.wait_status("1 result for “evil”.");
    s.wait_titles(&[title]);
    assert_eq!(s.tab.eval("window.pwned === undefined"), Some(json!(true)));
    assert_eq!(
        s.tab.eval("document.querySelectorAll('.search-results script, .search-results img, .search-results b, .search-facets i').length"),
        Some(json!(0))
    );
}

#[test]
fn the_keyboard_alone_searches_and_opens_a_result() {
    // Opened on a document page: `/` works on any page.
    let Some(mut s) = Session::open(library(), "docs/gift-cards/") else {
        return;
    };
    s.tab.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('[data-search-box]')",
        &json!(true),
    );
    // `/` focuses the search box on any page; Enter goes to the search page.
    s.key("/", "Slash", 191, "/");
    assert_eq!(s.eval_str("document.activeElement.id"), "site-search-q");
    s.type_text("offline");
    s.tab.wait_for(
        "document.getElementById('site-search-q').value",
        &json!("offline"),
    );
    s.key("Enter", "Enter", 13, "\r");
    s.tab
        .wait_for("location.pathname", &json!(format!("{BASE}search/")));
    s.wait_status("2 results for “offline”.");
    s.tab
        .wait_for("document.readyState === 'complete'", &json!(true));
    s.wait_settled();
    s.key("/", "Slash", 191, "/");
    assert_eq!(s.eval_str("document.activeElement.id"), "search-q");
    // Typing searches as you go; the last word matches as a prefix.
    s.tab
        .eval("document.getElementById('search-q').select(); true");
    s.type_text("refun");
    s.wait_status("1 result for “refun”.");
    s.tab
        .eval("document.getElementById('search-q').select(); true");
    s.type_text("offline");
    s.wait_status("2 results for “offline”.");
    s.wait_settled();
    s.key("ArrowDown", "ArrowDown", 40, "");
    let first = s.eval_str("document.activeElement.getAttribute('href')");
    s.key("ArrowDown", "ArrowDown", 40, "");
    let second = s.eval_str("document.activeElement.getAttribute('href')");
    assert_ne!(first, second);
    s.key("ArrowUp", "ArrowUp", 38, "");
    assert_eq!(
        s.eval_str("document.activeElement.getAttribute('href')"),
        first
    );
    s.key("ArrowDown", "ArrowDown", 40, "");
    s.key("Enter", "Enter", 13, "\r");
    s.tab
        .wait_for("location.pathname + location.hash", &json!(second));
    // The status line is a live region: screen readers announce the count.
    s.tab.eval("history.back(); true");
    s.wait_status("2 results for “offline”.");
    assert_eq!(
        s.eval_str("document.querySelector('#search-status').getAttribute('aria-live')"),
        "polite"
    );
}

#[test]
fn text_removed_two_commits_ago_is_an_earlier_revision_result_linking_to_its_diff() {
    let library = library();
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann", "2024-05-01", "First draft");
    let without = OFFLINE.replace(
        "Work anywhere with offline mode: edits sync when you are back.",
        "Work anywhere.",
    );
    library.write(
        "content/offline-mode.md",
        doc(
            "Offline Mode",
            "Priya Raman",
            "shelved",
            "\"mobile\"",
            &without,
        ),
    );
    commit(&library, "Ann", "2024-07-09", "Drop the sync promise");
    library.write(
        "content/gift-cards.md",
        doc(
            "Gift Cards",
            "Priya Raman",
            "draft",
            "\"retail\"",
            "## Press Release\n\nGift cards.\n",
        ),
    );
    commit(&library, "Ann", "2024-08-01", "Trim gift cards");
    let removing = String::from_utf8(
        std::process::Command::new("git")
            .args([
                "log",
                "--format=%h",
                "--abbrev=7",
                "-1",
                "--",
                "content/offline-mode.md",
            ])
            .current_dir(library.root())
            .output()
            .expect("git log")
            .stdout,
    )
    .expect("hash");
    let removing = removing.trim();

    // Current text does not have it…
    let Some(mut s) = Session::open(library, "search/?q=edits+sync+back") else {
        return;
    };
    s.wait_status("No results for “edits sync back”.");
    // …earlier revisions do.
    s.goto("search/?q=edits+sync+back&in=earlier");
    s.wait_status("1 result for “edits sync back” in earlier revisions.");
    s.wait_titles(&["Offline Mode"]);
    assert_eq!(
        s.eval_str("document.querySelector('.search-result-where').textContent"),
        "In an earlier revision, removed 2024-07-09 in “Drop the sync promise”"
    );
    let href = s.eval_str("document.querySelector('a.search-result-link').getAttribute('href')");
    assert_eq!(
        href,
        format!("{BASE}docs/offline-mode/history.html#rev-{removing}")
    );
    s.tab
        .eval("document.querySelector('a.search-result-link').click(); true");
    s.tab.wait_for(
        &format!("!!document.getElementById('rev-{removing}') && location.hash"),
        &json!(format!("#rev-{removing}")),
    );
    // The revision's diff shows the removed line.
    let removed = s.eval_str(&format!(
        "[...document.querySelectorAll('#rev-{removing} .diff-delete')].map(r => r.textContent).join(' ')"
    ));
    assert!(
        removed.contains("edits sync when you are back"),
        "{removed}"
    );
}

/// How fast (the README's "within a second or two") is measured by
/// scripts/bench.sh, not here: a wall-clock limit fails on a loaded machine.
#[test]
fn serve_reflects_a_saved_edit_in_the_open_search_page() {
    let library = library();
    let Some(mut s) = Session::open(library, "search/?q=zanzibar") else {
        return;
    };
    s.wait_status("No results for “zanzibar”.");
    s.library.write(
        "content/gift-cards.md",
        doc(
            "Gift Cards",
            "Priya Raman",
            "draft",
            "\"retail\"",
            "## Press Release\n\nNow sold in Zanzibar.\n",
        ),
    );
    // No reload by hand: the open page reloads itself and picks up the new index.
    s.wait_status("1 result for “zanzibar”.");
    s.wait_titles(&["Gift Cards"]);
}

#[test]
fn opened_from_a_file_the_search_page_points_to_the_list_pages() {
    let Some(binary) = chromium() else { return };
    let library = library();
    library.build().success();
    let page = library.site().dir().join("search/index.html");
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("file://{}", page.display()));
    // The scripts are deferred: at `complete` search.js has run, and from a
    // file it starts nothing that could change the page later.
    tab.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('[data-search-unavailable]')",
        &json!(true),
    );
    assert_eq!(
        tab.eval("document.querySelector('[data-search-unavailable]').hidden"),
        Some(json!(false))
    );
    assert_eq!(
        tab.eval("document.querySelector('[data-search-ui]').hidden"),
        Some(json!(true))
    );
    assert_eq!(
        tab.eval(
            "[...document.querySelectorAll('[data-search-unavailable] a')].map(a => a.textContent)"
        ),
        Some(json!([
            "All PR/FAQs",
            "decision board",
            "pipeline",
            "leaders",
            "tags"
        ]))
    );
}
