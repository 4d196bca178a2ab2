//! The site on a phone, for keyboard users and for screen readers: every
//! page kind of a built library opened in headless Chromium at 1280 and
//! 390 px, in light and dark, checked with axe-core (WCAG 2.1 A/AA and
//! best practices: 0 violations), and at 390 px for anything wider than
//! the viewport that does not scroll inside its own box.
//!
//! axe-core comes from npm (scripts/test.sh installs it and sets
//! `PRFAQ_AXE`); without it, or without Chromium, the test skips with a
//! message, except under CI where it must run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::browser::{Browser, Tab, chromium};
use super::serve::Server;
use super::support::{Library, commit, git};

/// The sample library in a git repository with two revisions, and a plain document.
fn sample_library() -> Library {
    sample_library_with("")
}

/// The sample library with `settings` added to its site.toml.
fn sample_library_with(extra: &str) -> Library {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Pages of four, so the pagers of the long lists are checked too.
    let settings = std::fs::read_to_string(repo.join("site.toml")).expect("site.toml");
    let mut library =
        Library::new().file("site.toml", &format!("page_size = 4\n{extra}{settings}"));
    for entry in walkdir(&repo.join("content")) {
        let relative = entry
            .strip_prefix(repo)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&entry).expect("read");
        library = library.file(&relative, &text);
    }
    library = library.file(
        "content/rfc-stages.md",
        "---\nowner: Ann\nstatus: draft\nstage: define\n---\n# RFC Stages\n\n## Summary\n\nStages for RFCs.\n\n## Motivation\n\nWhy.\n",
    );
    git(library.root(), &["init", "-q"]);
    commit(&library, "Ann Author", "2024-01-02", "First drafts");
    let path = "content/curbside-in-ten.md";
    let text = String::from_utf8(library.read(path)).expect("UTF-8");
    library.write(
        path,
        text.replace("ten minutes or less", "ten minutes or less, every time"),
    );
    commit(&library, "Bo Writer", "2024-02-03", "Sharpen the promise");
    library
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("read dir")
        .map_while(Result::ok)
    {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

/// One page of each kind: pages whose paths differ only in their slugs are one kind.
fn page_kinds(site: &Path) -> Vec<String> {
    let mut kinds = BTreeMap::new();
    let mut stack = vec![site.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read").map_while(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let relative = path
                    .strip_prefix(site)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                let parts: Vec<&str> = relative.split('/').collect();
                let kind = format!("{}/{}/{}", parts[0], parts.len(), parts[parts.len() - 1]);
                let url = relative
                    .strip_suffix("index.html")
                    .unwrap_or(&relative)
                    .to_owned();
                kinds.entry(kind).or_insert(url);
            }
        }
    }
    kinds.into_values().collect()
}

fn axe_source() -> Option<String> {
    let path = std::env::var_os("PRFAQ_AXE")
        .map(PathBuf::from)
        .or_else(|| {
            let local = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js");
            local.is_file().then_some(local)
        });
    match path.and_then(|p| std::fs::read_to_string(p).ok()) {
        Some(source) => Some(source),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but axe-core is missing (scripts/test.sh installs it)"
            );
            eprintln!(
                "skipping axe test: axe-core not found (run scripts/test.sh, or set PRFAQ_AXE)"
            );
            None
        }
    }
}

/// Loads `url` at `width` in `scheme` and waits for it.
fn show(tab: &mut Tab, url: &str, width: u32, scheme: &str) {
    let metrics =
        json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500});
    tab.call("Emulation.setDeviceMetricsOverride", &metrics);
    let media = json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]});
    tab.call("Emulation.setEmulatedMedia", &media);
    tab.navigate(url);
    // Pages that fill in (the documents table, search) say aria-busy until they have.
    tab.wait_for(
        "document.querySelectorAll('[aria-busy=true]').length",
        &json!(0),
    );
}

const RUN_AXE: &str = "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice']}}).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))";

/// Elements sticking out of the viewport that are not inside a box that scrolls.
const OVERFLOW: &str = "(() => { const w = document.documentElement.clientWidth; const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) { const s = getComputedStyle(p).overflowX; if (s === 'auto' || s === 'scroll' || s === 'hidden') return true; } return false; }; return [...document.body.querySelectorAll('*')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 1 || r.left < -1) && !scrolls(e); }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right)); })()";

#[test]
fn every_page_kind_passes_axe_and_fits_a_phone() {
    let Some(binary) = chromium() else { return };
    let Some(axe) = axe_source() else { return };
    let library = sample_library();
    library.build().success();
    let kinds = page_kinds(&library.path("public"));
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open("about:blank");
    // Injected into every page the tab loads, before the page's own scripts.
    tab.call(
        "Page.addScriptToEvaluateOnNewDocument",
        &json!({"source": axe}),
    );
    let mut failures = Vec::new();
    let mut runs = 0;
    for url in &kinds {
        for width in [1280, 390] {
            for scheme in ["light", "dark"] {
                show(&mut tab, &format!("{}{url}", server.url), width, scheme);
                tab.eval(&axe);
                let violations = tab.eval(RUN_AXE).unwrap_or(json!(["axe did not run"]));
                runs += 1;
                for v in violations.as_array().into_iter().flatten() {
                    failures.push(format!(
                        "{url} at {width}px {scheme}: {}",
                        v.as_str().unwrap_or("?")
                    ));
                }
                if width == 390 && scheme == "light" {
                    let wide = tab.eval(OVERFLOW).unwrap_or(Value::Null);
                    if wide.as_array().is_none_or(|a| !a.is_empty()) {
                        failures.push(format!("{url} at 390px overflows: {wide}"));
                    }
                }
            }
        }
    }
    eprintln!(
        "axe: {} page kinds × 2 widths × 2 schemes = {runs} runs, {} problems",
        kinds.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Over its pack budget, the review page is a list whose script loads the
/// chosen documents: checked once they are in the page.
#[test]
fn the_review_page_loading_its_pack_passes_axe() {
    let Some(binary) = chromium() else { return };
    let Some(axe) = axe_source() else { return };
    let library = sample_library_with("review_pack_kib = 0\n");
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open("about:blank");
    tab.call(
        "Page.addScriptToEvaluateOnNewDocument",
        &json!({"source": axe}),
    );
    let url = format!("{}review/?docs=garden-coach,yard-planner", server.url);
    let loaded = "document.querySelectorAll('.pack-doc:not([hidden])').length";
    let mut failures = Vec::new();
    for width in [1280, 390] {
        for scheme in ["light", "dark"] {
            show(&mut tab, &url, width, scheme);
            tab.wait_for(loaded, &json!(2));
            tab.eval(&axe);
            let violations = tab.eval(RUN_AXE).unwrap_or(json!(["axe did not run"]));
            for v in violations.as_array().into_iter().flatten() {
                failures.push(format!("{width}px {scheme}: {}", v.as_str().unwrap_or("?")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_documents_table_keeps_its_filters_in_the_url_and_says_when_nothing_matches() {
    let Some(binary) = chromium() else { return };
    let doc = |title: &str, status: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"define\"\n+++\nText.\n"
        )
    };
    let library = Library::new()
        .file("content/a.md", &doc("Returns", "proceed"))
        .file("content/b.md", &doc("Lockers", "shelved"));
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open(&format!("{}documents/?status=shelved", server.url));
    tab.wait_for(
        "!!document.querySelector('table[data-rows-loaded]')",
        &json!(true),
    );
    let visible = "[...document.querySelectorAll('.doc-table tbody tr')].filter(r => !r.hidden).map(r => r.dataset.status).join(',')";
    tab.wait_for(visible, &json!("shelved"));
    assert_eq!(
        tab.eval("document.querySelector('select[data-filter=status]').value"),
        Some(json!("shelved"))
    );
    let typed = "(() => { const i = document.querySelector('[data-filter-text]'); i.value = 'nothing like this'; i.dispatchEvent(new Event('input')); return location.search; })()";
    let search = tab.eval(typed).unwrap_or(Value::Null);
    assert_eq!(search, json!("?q=nothing+like+this&status=shelved"));
    assert_eq!(
        tab.eval("document.querySelector('[data-filter-empty]').hidden"),
        Some(json!(false))
    );
    assert_eq!(
        tab.eval("document.querySelector('.doc-table').hidden"),
        Some(json!(true))
    );
}

#[test]
fn the_home_page_status_cards_fill_the_width_on_a_desktop_and_a_phone() {
    let Some(binary) = chromium() else { return };
    let library = sample_library();
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    let mut tab = browser.open("about:blank");
    // How far the last card of each row ends from the grid's right edge, per grid.
    let gaps = "[...document.querySelectorAll('.stat-grid')].map(g => { const right = g.getBoundingClientRect().right; const cards = [...g.children].map(c => c.getBoundingClientRect()); const rows = new Map(); cards.forEach(c => rows.set(Math.round(c.top), Math.max(rows.get(Math.round(c.top)) || 0, c.right))); return Math.round(right - rows.values().next().value); })";
    for width in [1280, 390] {
        show(&mut tab, &server.url, width, "light");
        let gaps = tab.eval(gaps).expect("gaps");
        let gaps = gaps.as_array().expect("a list");
        assert_eq!(gaps.len(), 2, "by status and by stage");
        for gap in gaps {
            assert!(
                gap.as_i64().is_some_and(|g| g.abs() <= 2),
                "at {width} px the first row of cards ends {gap} px short of the grid's edge"
            );
        }
    }
}
