//! `prfaq serve --watch`: a real server on a free port, real edits on disk,
//! and what a browser would receive: pages, reload events and errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

use super::support::Library;

/// A running `prfaq serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// e.g. `http://127.0.0.1:41234/`
    pub url: String,
}

impl Server {
    pub fn start(library: &Library, extra: &[&str]) -> Server {
        let root = library.root().to_str().expect("UTF-8 temp path");
        let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
            .args(["serve", "--watch", "--port", "0", "--root", root])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start prfaq serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("serve prints its URL");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_owned();
        Server { child, url }
    }

    /// GET `path` (relative to the site's base URL): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut response = http_agent()
            .get(format!("{}{path}", self.url))
            .call()
            .expect("request");
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    /// `host:port` of the server.
    pub fn authority(&self) -> &str {
        self.url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host:port")
    }

    /// Sends a request line exactly as written (no client normalises it), returns the status.
    pub fn raw_status(&self, target: &str) -> u16 {
        self.raw_status_with_host(target, self.authority())
    }

    /// Like [`Server::raw_status`], with `host` as the `Host` header.
    pub fn raw_status_with_host(&self, target: &str, host: &str) -> u16 {
        let mut stream = TcpStream::connect(self.authority()).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    /// Opens the reload event stream; events arrive on the returned channel.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let mut response = ureq::get(format!("{}__prfaq/events", self.url))
            .call()
            .expect("event stream");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.body_mut().as_reader());
            for line in reader.lines().map_while(Result::ok) {
                if let Some(event) = line.strip_prefix("event: ")
                    && sender.send(event.to_owned()).is_err()
                {
                    break;
                }
            }
        });
        // Let the server register the subscriber before the test edits files.
        std::thread::sleep(Duration::from_millis(200));
        receiver
    }

    /// Polls `path` until `check` accepts its body, or fails after 15 s.
    #[track_caller]
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (_, body) = self.get(path);
            if check(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// An HTTP client that returns 4xx and 5xx responses instead of failing on them.
pub fn http_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn doc(title: &str, status: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nowner = \"Ann\"\nstatus = \"{status}\"\nstage = \"define\"\n+++\n## Press Release\n\nText about {title}.\n"
    )
}

fn library() -> Library {
    Library::new()
        .file("content/returns.md", &doc("Returns", "draft"))
        .file(
            "content/other.md",
            &format!("{}\nSee [returns](returns.md).\n", doc("Other", "proceed")),
        )
}

fn h1(html: &str) -> String {
    let page = Html::parse_document(html);
    let selector = Selector::parse("h1").expect("selector");
    page.select(&selector)
        .next()
        .map(|h| h.text().collect::<String>())
        .unwrap_or_default()
}

#[test]
fn edit_shows_new_content_and_sends_a_reload_event() {
    let library = library();
    let server = Server::start(&library, &[]);
    let (status, home) = server.get("");
    assert_eq!(status, 200);
    let page = Html::parse_document(&home);
    let scripts = Selector::parse("script[src]").expect("selector");
    let reload = page
        .select(&scripts)
        .filter_map(|s| s.value().attr("src"))
        .find(|src| src.ends_with("__prfaq/reload.js"))
        .expect("serve adds the reload script, as a file");
    let (status, script) = server.get(reload.trim_start_matches('/'));
    assert_eq!(status, 200);
    assert!(
        script.contains("EventSource(\"/__prfaq/events\")"),
        "{script}"
    );
    assert_eq!(h1(&server.get("docs/returns/").1), "Returns");

    let events = server.events();
    library.write("content/returns.md", doc("Instant Returns", "draft"));
    let event = events
        .recv_timeout(Duration::from_secs(15))
        .expect("a reload event after the edit");
    assert_eq!(event, "reload");
    assert_eq!(h1(&server.get("docs/returns/").1), "Instant Returns");
    // The list pages show it too: the board card title changed.
    let board = server.get("board/").1;
    assert!(
        Html::parse_document(&board)
            .select(&Selector::parse(".card-title a").expect("selector"))
            .any(|a| a.text().collect::<String>() == "Instant Returns")
    );
}

#[test]
fn broken_front_matter_shows_an_overlay_keeps_the_last_good_site_and_recovers() {
    let library = library();
    let server = Server::start(&library, &[]);
    library.write("content/returns.md", doc("Returns", "aproved"));
    let page = server.wait_for("docs/returns/", "the error overlay", |b| {
        b.contains("prfaq-error-overlay")
    });
    let html = Html::parse_document(&page);
    let error: String = html
        .select(&Selector::parse("#prfaq-error-overlay .prfaq-error").expect("selector"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(error.contains("content/returns.md:4:10"), "{error}");
    assert!(error.contains("unknown status"), "{error}");
    assert_eq!(h1(&page), "Returns", "the last good page is still served");

    library.write("content/returns.md", doc("Returns Fixed", "draft"));
    let page = server.wait_for("docs/returns/", "recovery", |b| {
        !b.contains("prfaq-error-overlay")
    });
    assert_eq!(h1(&page), "Returns Fixed");
}

#[test]
fn new_and_deleted_documents_appear_and_disappear() {
    let library = library();
    let server = Server::start(&library, &[]);
    library.write("content/fresh.md", doc("Fresh Idea", "draft"));
    server.wait_for("docs/fresh/", "the new page", |b| h1(b) == "Fresh Idea");
    library.remove("content/fresh.md");
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.get("docs/fresh/").0 != 404 {
        assert!(Instant::now() < deadline, "deleted page still served");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn theme_edits_rebuild_everything() {
    let library = library();
    let server = Server::start(&library, &[]);
    library.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Custom missing page</h1>{% endblock content %}");
    server.wait_for("no-such-page/", "the custom 404", |b| {
        h1(b) == "Custom missing page"
    });
    assert_eq!(server.get("no-such-page/").0, 404);
}

#[test]
fn never_serves_files_outside_the_site() {
    let library = library().file("secret.txt", "TOP SECRET");
    #[cfg(unix)]
    {
        std::fs::create_dir_all(library.path("static")).expect("static folder");
        std::os::unix::fs::symlink(library.path("secret.txt"), library.path("static/leak.txt"))
            .expect("symlink");
    }
    let server = Server::start(&library, &[]);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/docs/..%2f..%2fsecret.txt",
        "/docs%2f..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/static/leak.txt",
        "/..\\secret.txt",
    ] {
        let status = server.raw_status(target);
        assert!(matches!(status, 400 | 404), "{target} answered {status}");
    }
    assert_eq!(server.raw_status("/static/style.css"), 200);
}

#[test]
fn serves_under_the_base_url_sub_path() {
    let library = library().file(
        "site.toml",
        "base_url = \"https://acme.github.io/org/prfaqs/\"\n",
    );
    let server = Server::start(&library, &[]);
    assert!(server.url.ends_with("/org/prfaqs/"), "{}", server.url);
    let (status, home) = server.get("");
    assert_eq!(status, 200);
    let page = Html::parse_document(&home);
    let links: Vec<String> = page
        .select(&Selector::parse("a[href^='/']").expect("selector"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(!links.is_empty());
    assert!(
        links.iter().all(|l| l.starts_with("/org/prfaqs/")),
        "{links:?}"
    );
    assert_eq!(server.raw_status("/org/prfaqs/docs/returns/"), 200);
}

#[test]
fn binds_to_localhost_by_default() {
    let library = library();
    let server = Server::start(&library, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
}

#[test]
fn build_output_never_contains_the_reload_script() {
    let library = library();
    library.build().success();
    for page in library.site().pages() {
        assert!(
            page.select("script:not([src])").is_empty(),
            "{} has an inline script",
            page.path
        );
    }
}

#[test]
fn an_error_stays_shown_until_its_own_file_is_fixed() {
    let library = library();
    let server = Server::start(&library, &[]);
    library.write("content/returns.md", doc("Returns", "aproved"));
    server.wait_for("docs/other/", "the overlay", |b| {
        b.contains("prfaq-error-overlay")
    });
    // Saving another, good document does not hide the first one's error.
    library.write("content/other.md", doc("Other Edited", "proceed"));
    let page = server.wait_for("docs/other/", "the other edit", |b| h1(b) == "Other Edited");
    assert!(
        page.contains("prfaq-error-overlay"),
        "the error in returns.md is still shown"
    );
    library.write("content/returns.md", doc("Returns", "draft"));
    server.wait_for("docs/other/", "recovery", |b| {
        !b.contains("prfaq-error-overlay")
    });
}

#[test]
fn serves_even_when_the_output_folder_belongs_to_another_tool() {
    let library = library().file("public/index.html", "<p>made by another generator</p>");
    let server = Server::start(&library, &[]);
    assert_eq!(h1(&server.get("docs/returns/").1), "Returns");
    assert_eq!(
        std::fs::read_to_string(library.path("public/index.html")).expect("untouched"),
        "<p>made by another generator</p>"
    );
}

#[test]
fn a_save_with_warnings_shows_them_quietly_on_the_document_until_fixed() {
    let library = library();
    let server = Server::start(&library, &[]);
    let no_owner = doc("Returns", "draft").replace("owner = \"Ann\"\n", "");
    library.write(
        "content/returns.md",
        format!("{no_owner}\nSee [gone](gone.md).\n"),
    );
    let page = server.wait_for("docs/returns/", "the warnings panel", |b| {
        b.contains("prfaq-warnings")
    });
    let html = Html::parse_document(&page);
    let warnings: Vec<String> = html
        .select(&Selector::parse("#prfaq-warnings .prfaq-warning").expect("selector"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings.iter().any(|w| w.contains("no owner")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/returns.md:10:5") && w.contains("gone.md")),
        "{warnings:?}"
    );
    assert!(
        !page.contains("prfaq-error-overlay"),
        "warnings are not errors"
    );
    assert!(
        !server.get("docs/other/").1.contains("prfaq-warnings"),
        "only the document with warnings shows them"
    );

    library.write("content/returns.md", doc("Returns", "draft"));
    server.wait_for("docs/returns/", "the panel gone", |b| {
        !b.contains("prfaq-warnings")
    });
}

#[test]
fn a_save_prints_the_warnings_of_the_saved_file() {
    let library = library();
    let log = library.parent().join("serve.log");
    let root = library.root().to_str().expect("UTF-8 temp path");
    let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(["serve", "--watch", "--port", "0", "--root", root])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("create the log"))
        .spawn()
        .expect("start prfaq serve");
    let mut ready = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut ready)
        .expect("serve prints its URL");
    std::thread::sleep(Duration::from_millis(300));
    library.write(
        "content/returns.md",
        format!("{}\nSee [gone](gone.md).\n", doc("Returns", "draft")),
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    let printed = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("rebuilt") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        printed.contains("warning: link to \"gone.md\": no such document")
            && printed.contains("content/returns.md:11:5"),
        "{printed}"
    );
}
