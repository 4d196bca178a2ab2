//! Measures the documents table in a real headless Chromium, for
//! `scripts/list_bench.sh` (issues #13 and #14: at 10,000 documents, sorting
//! or filtering the table responds within 200 ms).
//!
//! ```text
//! cargo run --release --example list_bench -- SITE_DIR [RUNS]
//! ```
//!
//! Serves a built site (`python3 -m http.server`), opens `documents/`, waits
//! until the table's script has every row from `documents/rows.json`, then
//! times, inside the page, each action from the event to the next painted
//! frame: typing a filter (a different query each run), choosing a status,
//! and sorting by each column both ways (the first sort by a column computes
//! its order, later ones reuse it: both are counted). Prints one `key value`
//! line per figure: medians and maxima in milliseconds, and the rows shown.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(site) = args.first() else {
        eprintln!("usage: list_bench SITE_DIR [RUNS]");
        return ExitCode::from(2);
    };
    let runs = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(15);
    match run(Path::new(site), runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("list_bench: {why}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `action` (JavaScript that changes the table) and resolves to the
/// milliseconds until the next frame is painted, and the rows then shown.
const TIMED: &str = "(async () => { const t0 = performance.now(); ACTION; await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); return [performance.now() - t0, document.querySelectorAll('.doc-table tbody tr').length, document.querySelector('[data-filter-count]').textContent]; })()";

fn run(site: &Path, runs: usize) -> Result<(), String> {
    let server = Server::start(site)?;
    let browser = Browser::launch(Path::new("chromium"))?;
    let mut tab = Tab(browser.open(&format!("{}documents/", server.url))?);
    let opened = Instant::now();
    tab.wait_for("document.querySelector('table[data-rows-loaded]') !== null")?;
    println!("rows_loaded_ms {}", opened.elapsed().as_millis());
    let loaded = tab.eval("document.querySelector('table').dataset.rowsLoaded");
    if loaded != Some(json!("all")) {
        return Err(format!("the table has only its page's rows: {loaded:?}"));
    }
    let total = tab
        .eval("document.querySelector('[data-filter-count]').textContent")
        .unwrap_or_default();
    println!("table {total}");

    report("filter_text", &filter_by_text(&mut tab, runs)?);
    report("filter_status", &filter_by_status(&mut tab, runs)?);
    report("sort", &sort_by_each_column(&mut tab, runs)?);
    tab.0.close();
    Ok(())
}

/// Types the first two words of `runs` titles spread over the table, clearing the filter after each.
fn filter_by_text(tab: &mut Tab, runs: usize) -> Result<Vec<f64>, String> {
    let titles = tab.eval_async(&format!("fetch(document.querySelector('table').dataset.rows).then(r => r.json()).then(d => {{ const n = d.rows.length; return Array.from({{length: {runs}}}, (_, i) => d.rows[Math.floor((i + 0.5) * n / {runs})][1].split(' ').slice(0, 2).join(' ').toLowerCase()); }})"))?;
    let mut times = Vec::new();
    for query in titles
        .as_array()
        .ok_or("no titles")?
        .iter()
        .filter_map(Value::as_str)
    {
        let action = format!(
            "const i = document.querySelector('[data-filter-text]'); i.value = {query:?}; i.dispatchEvent(new Event('input'))"
        );
        times.push(timed(tab, &action)?);
        timed(
            tab,
            "const i = document.querySelector('[data-filter-text]'); i.value = ''; i.dispatchEvent(new Event('input'))",
        )?;
    }
    Ok(times)
}

/// Chooses each status in turn (and "All"), about `runs` times in all.
fn filter_by_status(tab: &mut Tab, runs: usize) -> Result<Vec<f64>, String> {
    let statuses = tab
        .eval(
            "[...document.querySelectorAll('select[data-filter=status] option')].map(o => o.value)",
        )
        .ok_or("no status options")?;
    let statuses = statuses.as_array().ok_or("no options")?;
    let mut times = Vec::new();
    for _ in 0..runs.div_ceil(statuses.len().max(1)) {
        for status in statuses {
            let action = format!(
                "const s = document.querySelector('select[data-filter=status]'); s.value = {status}; s.dispatchEvent(new Event('change'))"
            );
            times.push(timed(tab, &action)?);
        }
    }
    Ok(times)
}

/// Sorts by each column, ascending then descending, about `runs` times in all.
fn sort_by_each_column(tab: &mut Tab, runs: usize) -> Result<Vec<f64>, String> {
    let mut times = Vec::new();
    for _ in 0..runs.div_ceil(10) {
        for key in ["title", "leader", "stage", "status", "updated"] {
            for _ in 0..2 {
                let action = format!("document.querySelector('th[data-key={key}] button').click()");
                times.push(timed(tab, &action)?);
            }
        }
    }
    Ok(times)
}

fn timed(tab: &mut Tab, action: &str) -> Result<f64, String> {
    let value = tab.eval_async(&TIMED.replace("ACTION", action))?;
    value[0]
        .as_f64()
        .ok_or_else(|| format!("no time in {value}"))
}

fn report(name: &str, times: &[f64]) {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let max = sorted.last().copied().unwrap_or(f64::NAN);
    println!(
        "{name}_ms median {median:.1} max {max:.1} runs {}",
        sorted.len()
    );
}

/// `python3 -m http.server` on a free port, over the site folder.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(site: &Path) -> Result<Server, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let child = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
            .arg(site)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("start python3: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("the HTTP server did not start".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Server {
            child,
            url: format!("http://127.0.0.1:{port}/"),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[path = "../tests/suite/cdp.rs"]
mod cdp;
use cdp::Browser;

/// The shared DevTools tab, with the calls this benchmark makes.
struct Tab(cdp::Tab);

impl Tab {
    fn call(&mut self, method: &str, params: &Value) -> Result<Value, String> {
        Ok(self.0.command(method, params)?["result"].clone())
    }

    fn eval(&mut self, expression: &str) -> Option<Value> {
        let params = json!({"expression": expression, "returnByValue": true});
        self.call("Runtime.evaluate", &params).ok()?["result"]
            .get("value")
            .cloned()
    }

    fn eval_async(&mut self, expression: &str) -> Result<Value, String> {
        let params = json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        let result = self.call("Runtime.evaluate", &params)?;
        result["result"]
            .get("value")
            .cloned()
            .ok_or_else(|| format!("evaluation failed: {result}"))
    }

    fn wait_for(&mut self, expression: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self.eval(expression) == Some(json!(true)) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(format!("timed out waiting for {expression}"))
    }
}
