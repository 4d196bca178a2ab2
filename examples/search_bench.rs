//! Measures search in a real headless Chromium, for `scripts/bench.sh`.
//!
//! ```text
//! cargo run --release --example search_bench -- PRFAQ_BINARY LIBRARY_ROOT QUERY...
//! ```
//!
//! Serves the library with `prfaq serve --watch` under a sub-path and, for
//! each query, in a fresh tab with an empty cache: opens the search page,
//! types the query (one input event, as the last keystroke), and records the
//! time until the first result is on the page and every byte fetched from
//! `search-index/` since the page was opened (the manifest and facets the
//! page loads up front, the shards, the document files of the results shown),
//! raw and gzip-compressed as a static host would send them. Then it saves
//! an edit to one document and times how long until a search for the new
//! word finds it. Prints one `key value` line per figure.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../tests/suite/cdp.rs"]
mod cdp;
use cdp::{Browser, Tab};

const BASE: &str = "/prfaqs/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: search_bench PRFAQ_BINARY LIBRARY_ROOT QUERY...");
        return ExitCode::from(2);
    }
    match run(&args[0], Path::new(&args[1]), &args[2..]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("search_bench: {why}");
            ExitCode::FAILURE
        }
    }
}

fn run(prfaq: &str, root: &Path, queries: &[String]) -> Result<(), String> {
    let server = Server::start(prfaq, root)?;
    let browser = Browser::launch(Path::new("chromium"))?;
    let mut times = Vec::new();
    let mut raw = Vec::new();
    let mut gzip = Vec::new();
    for query in queries {
        let mut tab = browser.open("about:blank")?;
        call(&mut tab, "Network.enable", &json!({}))?;
        call(&mut tab, "Network.clearBrowserCache", &json!({}))?;
        call(
            &mut tab,
            "Page.navigate",
            &json!({"url": format!("{}search/", server.url)}),
        )?;
        wait_for(
            &mut tab,
            "!!document.querySelector('[data-search-ui]') && !document.querySelector('[data-search-ui]').hidden && document.querySelector('[data-status]').textContent !== ''",
        )?;
        let measured = eval_async(&mut tab, &format!(
            "(async () => {{
                const input = document.getElementById('search-q');
                const status = document.querySelector('[data-status]');
                const list = document.querySelector('[data-results]');
                const started = performance.now();
                input.value = {query};
                input.dispatchEvent(new Event('input'));
                // First results: the first result on the page.
                await new Promise(resolve => {{
                    const observer = new MutationObserver(() => {{ if (list.children.length) {{ observer.disconnect(); resolve(); }} }});
                    observer.observe(list, {{ childList: true }});
                }});
                const ms = performance.now() - started;
                // Bytes: everything fetched until all results of the first page are shown.
                await new Promise(resolve => {{
                    const done = () => / for /.test(status.textContent);
                    if (done()) return resolve();
                    const observer = new MutationObserver(() => {{ if (done()) {{ observer.disconnect(); resolve(); }} }});
                    observer.observe(status, {{ childList: true, characterData: true, subtree: true }});
                }});
                const files = performance.getEntriesByType('resource')
                    .filter(e => e.name.includes('/search-index/'))
                    .map(e => [e.name, e.encodedBodySize, Math.round(e.startTime - started), Math.round(e.responseEnd - started)]);
                return {{ ms, files, status: status.textContent }};
            }})()",
            query = json!(query)
        ))?;
        let ms = measured["ms"].as_f64().unwrap_or(f64::NAN);
        let files = measured["files"].as_array().cloned().unwrap_or_default();
        let bytes: u64 = files.iter().map(|f| f[1].as_u64().unwrap_or(0)).sum();
        let compressed: u64 = files
            .iter()
            .filter_map(|f| f[0].as_str())
            .map(gzip_size)
            .sum::<Result<u64, String>>()?;
        println!(
            "query {query:?}: {ms:.1} ms, {} files, {bytes} bytes ({compressed} gzip), {}",
            files.len(),
            measured["status"]
        );
        if std::env::var_os("SEARCH_BENCH_VERBOSE").is_some() {
            for file in &files {
                println!("  {file}");
            }
        }
        tab.close();
        times.push(ms);
        raw.push(bytes);
        gzip.push(compressed);
    }
    times.sort_by(f64::total_cmp);
    println!("first_results_ms_median {:.1}", times[times.len() / 2]);
    println!("first_results_ms_max {:.1}", times[times.len() - 1]);
    println!("first_query_bytes_max {}", raw.iter().max().unwrap_or(&0));
    println!("first_query_gzip_max {}", gzip.iter().max().unwrap_or(&0));
    raw.sort_unstable();
    println!("first_query_bytes_median {}", raw[raw.len() / 2]);
    println!(
        "edit_to_search_s {:.2}",
        edit_reaches_search(&browser, &server, root)?
    );
    Ok(())
}

/// Saves a new word into a document and times until the open search page finds it.
fn edit_reaches_search(browser: &Browser, server: &Server, root: &Path) -> Result<f64, String> {
    let document = first_document(&root.join("content")).ok_or("no document")?;
    let original = std::fs::read_to_string(&document).map_err(|e| e.to_string())?;
    let mut tab = browser.open(&format!("{}search/?q=quokkaword", server.url))?;
    wait_for(
        &mut tab,
        "document.querySelector('[data-status]') && / for /.test(document.querySelector('[data-status]').textContent)",
    )?;
    let saved = Instant::now();
    std::fs::write(&document, format!("{original}\nquokkaword\n")).map_err(|e| e.to_string())?;
    let found = loop {
        let status = eval(
            &mut tab,
            "document.querySelector('[data-status]') && document.querySelector('[data-status]').textContent",
        );
        if status.as_ref().and_then(Value::as_str) == Some("1 result for “quokkaword”.") {
            break saved.elapsed().as_secs_f64();
        }
        if saved.elapsed() > Duration::from_secs(30) {
            break f64::INFINITY;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::fs::write(&document, original).map_err(|e| e.to_string())?;
    tab.close();
    Ok(found)
}

fn first_document(dir: &Path) -> Option<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries.into_iter().find_map(|path| {
        if path.is_dir() {
            first_document(&path)
        } else {
            (path.extension().is_some_and(|e| e == "md")).then_some(path)
        }
    })
}

/// The file's size after `gzip -6`, as a static host compresses JSON.
fn gzip_size(url: &str) -> Result<u64, String> {
    let body = ureq::get(url)
        .call()
        .map_err(|e| format!("{url}: {e}"))?
        .body_mut()
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    let mut gzip = Command::new("gzip")
        .arg("-6c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("gzip: {e}"))?;
    gzip.stdin
        .take()
        .ok_or("gzip stdin")?
        .write_all(&body)
        .map_err(|e| e.to_string())?;
    let output = gzip.wait_with_output().map_err(|e| e.to_string())?;
    Ok(output.stdout.len() as u64)
}

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(prfaq: &str, root: &Path) -> Result<Server, String> {
        let mut child = Command::new(prfaq)
            .args([
                "serve",
                "--watch",
                "--port",
                "0",
                "--base-url",
                BASE,
                "--root",
            ])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("start {prfaq}: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .ok_or_else(|| format!("no URL in {line:?}"))?
            .to_owned();
        Ok(Server { child, url })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Evaluates `expression` in the page; `None` while it is (re)loading.
fn eval(tab: &mut Tab, expression: &str) -> Option<Value> {
    let params = json!({"expression": expression, "returnByValue": true});
    call(tab, "Runtime.evaluate", &params).ok()?["result"]
        .get("value")
        .cloned()
}

/// Evaluates a promise and waits for its value.
fn eval_async(tab: &mut Tab, expression: &str) -> Result<Value, String> {
    let params = json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
    let result = call(tab, "Runtime.evaluate", &params)?;
    result["result"]
        .get("value")
        .cloned()
        .ok_or_else(|| format!("evaluation failed: {result}"))
}

/// One DevTools command's `result`.
fn call(tab: &mut Tab, method: &str, params: &Value) -> Result<Value, String> {
    Ok(tab.command(method, params)?["result"].clone())
}

/// Polls until `expression` is true.
fn wait_for(tab: &mut Tab, expression: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if eval(tab, expression) == Some(json!(true)) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let page = eval(
        tab,
        "location.href + ' ' + document.body.innerText.slice(0, 300)",
    );
    Err(format!(
        "timed out waiting for {expression}; page: {page:?}"
    ))
}
