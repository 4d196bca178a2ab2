//! Live reload in a real browser: headless Chromium, driven over the Chrome
//! DevTools Protocol, opens a page from `prfaq serve --watch`; the test edits
//! the document on disk and sees the open page reload by itself.
//!
//! Without Chromium the test skips with a message, except under CI (`CI` set),
//! where a skipped browser test would hide a broken preview, so it fails.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::cdp;
use super::serve::Server;
use super::support::Library;

/// Finds Chromium, or explains why the test does not run.
pub(super) fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is not installed: browser tests must run in CI (scripts/test.sh installs it)"
        );
        eprintln!("skipping browser test: Chromium not found (apt-get install chromium)");
    }
    found
}

/// A headless Chromium with a DevTools endpoint, killed when dropped.
pub(super) struct Browser(cdp::Browser);

impl Browser {
    pub(super) fn launch(binary: &Path) -> Browser {
        Browser(cdp::Browser::launch(binary).expect("start chromium"))
    }

    /// Opens `url` in a new tab and returns a DevTools connection to it.
    pub(super) fn open(&self, url: &str) -> Tab {
        Tab(self.0.open(url).expect("open a tab"))
    }
}

pub(super) struct Tab(cdp::Tab);

impl Tab {
    /// Evaluates `expression` in the page; `None` while the page is (re)loading.
    pub(super) fn eval(&mut self, expression: &str) -> Option<Value> {
        let params = json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        let reply = self.call("Runtime.evaluate", &params)?;
        reply["result"].get("value").cloned()
    }

    /// Sends one DevTools command and waits for its reply's `result`.
    pub(super) fn call(&mut self, method: &str, params: &Value) -> Option<Value> {
        self.command(method, params)?.get("result").cloned()
    }

    /// Closes the tab (and the connections its page holds open).
    pub(super) fn close(self) {
        self.0.close();
    }

    /// Sends a DevTools command and waits for its reply.
    pub(super) fn command(&mut self, method: &str, params: &Value) -> Option<Value> {
        self.0.command(method, params).ok()
    }

    /// Polls until `expression` evaluates to `expected`.
    pub(super) fn wait_for(&mut self, expression: &str, expected: &Value) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let value = self.eval(expression);
            if value.as_ref() == Some(expected) {
                return;
            }
            if Instant::now() > deadline {
                // Which page it was on tells a page that never came from a wrong one.
                let at = self.eval("location.href");
                panic!("{expression} is {value:?}, expected {expected} (on {at:?})");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Loads `url` and waits until its document has replaced the one before
    /// and has loaded, so nothing read afterwards comes from the old page.
    pub(super) fn navigate(&mut self, url: &str) {
        self.replacing(|tab| {
            tab.command("Page.navigate", &json!({ "url": url }));
        });
    }

    /// Reloads the page, waiting as [`Tab::navigate`] does.
    pub(super) fn reload(&mut self) {
        self.replacing(|tab| {
            tab.command("Page.reload", &json!({}));
        });
    }

    /// Runs `go`, then waits for a new document, complete: the old one is
    /// marked first, and the mark is gone only once the new one is in place.
    fn replacing(&mut self, go: impl FnOnce(&mut Tab)) {
        self.eval("window.prfaqOldPage = true");
        go(self);
        self.wait_for(
            "!window.prfaqOldPage && document.readyState === 'complete'",
            &json!(true),
        );
    }
}

fn doc(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\nText.\n"
    )
}

#[test]
fn an_open_page_reloads_by_itself_after_a_save() {
    let Some(binary) = chromium() else { return };
    let library = Library::new().file("content/returns.md", &doc("Returns"));
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}docs/returns/", server.url));

    let heading = "document.querySelector('h1') && document.querySelector('h1').textContent";
    tab.wait_for(heading, &json!("Returns"));
    // The event stream must be connected before the edit, or the reload is missed.
    tab.wait_for("performance.getEntriesByType('resource').some(e => e.name.includes('__prfaq/events')) || document.readyState === 'complete'", &json!(true));
    std::thread::sleep(Duration::from_millis(300));
    // A marker that only survives if the page is NOT reloaded.
    tab.eval("window.prfaqMarker = 'still here'; true");

    library.write("content/returns.md", doc("Instant Returns"));
    tab.wait_for(heading, &json!("Instant Returns"));
    assert_eq!(
        tab.eval("window.prfaqMarker === undefined"),
        Some(json!(true)),
        "the page was reloaded, not patched"
    );
}

#[test]
fn review_notes_are_collapsed_on_screen_and_left_out_of_print() {
    let Some(binary) = chromium() else { return };
    let flawed = doc("Returns").replace("Text.", "A very good idea.");
    let library = Library::new().file("content/returns.md", &flawed);
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}docs/returns/", server.url));

    let notes = "document.querySelector('details.review-notes')";
    tab.wait_for(&format!("!!{notes}"), &json!(true));
    assert_eq!(tab.eval(&format!("{notes}.open")), Some(json!(false)));
    let display = format!("getComputedStyle({notes}).display");
    assert_eq!(tab.eval(&display), Some(json!("block")));
    tab.command("Emulation.setEmulatedMedia", &json!({"media": "print"}))
        .expect("print media");
    // The emulated media applies on the next style pass: poll for it.
    tab.wait_for("matchMedia('print').matches", &json!(true));
    tab.wait_for(&display, &json!("none"));
}

#[test]
fn the_as_of_view_rebuilds_each_old_revision_exactly_as_git_has_it() {
    let Some(binary) = chromium() else { return };
    let library = super::history_diffs::long_history();
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}docs/instant-returns/history.html", server.url));
    tab.wait_for(
        "document.querySelectorAll('details.as-of').length",
        &json!(4),
    );
    tab.eval("document.querySelectorAll('details.as-of').forEach(d => { d.open = true; }); true");
    let loaded = "[...document.querySelectorAll('details.as-of')].every(d => d.hasAttribute('data-loaded') && !d.querySelector('.as-of-text').textContent.startsWith('Loading'))";
    tab.wait_for(loaded, &json!(true));
    let shown = tab
        .eval("JSON.stringify([...document.querySelectorAll('details.as-of')].map(d => [d.dataset.rev, d.querySelector('.as-of-text').textContent]))")
        .expect("texts");
    let shown: Vec<(String, String)> =
        serde_json::from_str(shown.as_str().expect("a JSON string")).expect("pairs");
    assert_eq!(shown.len(), 4);
    for (rev, text) in shown {
        let expected = super::history_diffs::git_show(library.root(), &rev);
        assert_eq!(text, expected, "as of {rev}");
    }
}
