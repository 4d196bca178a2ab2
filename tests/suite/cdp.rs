//! A headless Chromium driven over the Chrome DevTools Protocol: launch it,
//! open tabs, send commands. Shared by the browser tests (`browser.rs` wraps
//! it with assertions) and `examples/search_bench.rs` (which includes this
//! file by path), so the launch flags and the protocol loop live once.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// A headless Chromium with a DevTools endpoint, killed when dropped.
pub struct Browser {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
    /// Whether [`Browser::open`] has used the tab the browser started with.
    first_tab_used: std::cell::Cell<bool>,
}

impl Browser {
    /// Starts `binary` headless with a fresh profile.
    pub fn launch(binary: &Path) -> Result<Browser, String> {
        let profile = tempfile::tempdir().map_err(|e| format!("profile folder: {e}"))?;
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                // A page that Chromium thinks is in the background or hidden
                // gets its timers and rendering throttled, and may lose the
                // focus its keys need: keep every page treated as in front.
                "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                "--disable-renderer-backgrounding",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("start {}: {e}", binary.display()))?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
        let port = BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                let rest = line.split("ws://127.0.0.1:").nth(1)?.to_owned();
                rest.split('/').next()?.parse().ok()
            })
            .ok_or("chromium printed no DevTools address")?;
        Ok(Browser {
            child,
            port,
            _profile: profile,
            first_tab_used: std::cell::Cell::new(false),
        })
    }

    /// Opens `url` and returns a DevTools connection to its tab. The first
    /// call loads it in the tab the browser started with, so that a test
    /// with one page has one tab, which keeps the focus (with a second tab
    /// beside it, keys sometimes reached the page but typed nothing); later
    /// calls open new tabs.
    pub fn open(&self, url: &str) -> Result<Tab, String> {
        if !self.first_tab_used.replace(true)
            && let Some(ws) = self.blank_tab()?
        {
            let mut tab = Tab::connect(&ws)?;
            tab.command("Page.navigate", &json!({ "url": url }))?;
            return Ok(tab);
        }
        let text = self
            .http(|agent, base| agent.put(format!("{base}/json/new?{url}")).send_empty())
            .map_err(|e| format!("create a tab: {e}"))?;
        let target: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let ws = target["webSocketDebuggerUrl"]
            .as_str()
            .ok_or("no debugger URL")?;
        Tab::connect(ws)
    }

    /// The debugger URL of the `about:blank` tab the browser started with.
    fn blank_tab(&self) -> Result<Option<String>, String> {
        let text = self
            .http(|agent, base| agent.get(format!("{base}/json/list")).call())
            .map_err(|e| format!("list the tabs: {e}"))?;
        let targets: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let blank = targets
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "page" && t["url"] == "about:blank");
        Ok(blank
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .map(str::to_owned))
    }

    /// The body of a request to the browser's DevTools HTTP endpoint.
    fn http(
        &self,
        send: impl FnOnce(&ureq::Agent, &str) -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<String, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let base = format!("http://127.0.0.1:{}", self.port);
        send(&agent, &base)
            .map_err(|e| e.to_string())?
            .body_mut()
            .read_to_string()
            .map_err(|e| e.to_string())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A DevTools connection to one tab.
pub struct Tab {
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Tab {
    fn connect(ws: &str) -> Result<Tab, String> {
        let (socket, _) = tungstenite::connect(ws).map_err(|e| e.to_string())?;
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
        }
        Ok(Tab { socket, next_id: 1 })
    }

    /// Sends a DevTools command and waits for its reply (`result` or `error`).
    pub fn command(&mut self, method: &str, params: &Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({"id": id, "method": method, "params": params});
        self.socket
            .send(Message::text(request.to_string()))
            .map_err(|e| e.to_string())?;
        loop {
            let Message::Text(text) = self.socket.read().map_err(|e| e.to_string())? else {
                continue;
            };
            let reply: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            if reply["id"] == id {
                return Ok(reply);
            }
        }
    }

    /// Closes the tab (and the connections its page holds open).
    pub fn close(mut self) {
        let _ = self.command("Page.close", &json!({}));
    }
}
