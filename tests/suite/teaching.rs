//! Errors that teach: each usual mistake, and what prfaq answers, pinned as
//! an insta snapshot. A message here says what is wrong, where (the caret
//! under the whole value), and what to write instead.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::cli_snapshots::settings;
use super::support::Library;

/// `prfaq build --no-history` over one document; its stderr.
fn build_one(front_matter_and_body: &str, expected_code: i32) -> (Library, String) {
    let library = Library::new().file("content/doc.md", front_matter_and_body);
    let run = library.build_with(&["--no-history"]).code(expected_code);
    (library, run.stderr)
}

macro_rules! snapshot {
    ($name:literal, $text:expr, $code:expr) => {{
        let (library, stderr) = build_one($text, $code);
        settings(&library).bind(|| insta::assert_snapshot!($name, stderr));
    }};
}

const OK: &str = "owner = \"Ann\"\nstatus = \"draft\"\nstage = \"listen\"\n";

#[test]
fn a_label_instead_of_an_id_is_accepted_with_a_warning() {
    snapshot!(
        "teach_label_for_id",
        "+++\nowner = \"Ann\"\nstatus = \"Proceed\"\nstage = \"Test & Iterate\"\n+++\nBody\n",
        0
    );
}

#[test]
fn a_misspelt_status_or_stage_suggests_the_id() {
    snapshot!(
        "teach_did_you_mean",
        "---\nowner: Ann\nstatus: procede\nstage: Tset & Iterate\n---\nBody\n",
        1
    );
}

#[test]
fn an_unknown_outcome_lists_the_outcomes() {
    let text = format!("+++\n{OK}[[decisions]]\ndate = 2024-01-01\noutcome = \"approved\"\n+++\n");
    snapshot!("teach_outcome", &text, 1);
}

#[test]
fn a_string_where_a_list_goes_shows_the_list() {
    let text = format!("+++\n{OK}tags = \"a, b\"\n+++\n");
    snapshot!("teach_tags_list", &text, 1);
}

#[test]
fn yaml_a_colon_in_a_value_asks_for_quotes() {
    snapshot!(
        "teach_yaml_colon",
        "---\ntitle: Yaml Doc: the sequel\nowner: Ann\n---\n",
        1
    );
}

#[test]
fn yaml_a_tab_is_named_on_its_line() {
    snapshot!(
        "teach_yaml_tab",
        "---\nowner: Ann\ndecisions:\n\t- date: 2024-01-01\n---\n",
        1
    );
}

#[test]
fn yaml_a_misindented_list_item() {
    snapshot!(
        "teach_yaml_indent",
        "---\nowner: Ann\ntags:\n  - a\n - b\n---\n",
        1
    );
}

#[test]
fn site_toml_unknown_key_and_base_url_without_scheme() {
    let library = Library::new()
        .file("site.toml", "baseurl = \"/x/\"\n")
        .file("content/a.md", "# A\n");
    let run = library.build().code(1);
    settings(&library).bind(|| insta::assert_snapshot!("teach_site_toml_key", run.stderr));
    library.write("site.toml", "base_url = \"acme.github.io/prfaqs\"\n");
    let run = library.build().code(1);
    settings(&library).bind(|| insta::assert_snapshot!("teach_base_url", run.stderr));
}

#[test]
fn no_content_folder_names_where_it_looked_and_claims_no_previous_site() {
    let library = Library::new();
    let run = library.build().code(1);
    settings(&library).bind(|| insta::assert_snapshot!("teach_no_content", run.stderr));
}

#[test]
fn a_warning_on_many_documents_is_printed_once_and_verbose_prints_all() {
    let mut library = Library::new();
    for i in 0..6 {
        library = library.file(
            &format!("content/rfc-{i}.md"),
            "+++\nstatus = \"draft\"\nstage = \"listen\"\n+++\n",
        );
    }
    let run = library.build_with(&["--no-history"]).success();
    settings(&library).bind(|| insta::assert_snapshot!("teach_summarised", run.stderr));
    let verbose = library.build_with(&["--no-history", "--verbose"]).success();
    assert_eq!(verbose.stderr.matches("warning: no owner").count(), 6);
}

/// Starts `prfaq serve <args>` in `root`, waits until stderr or stdout has
/// `needle` (or `exits` and it exits), and returns both outputs.
fn serve_until(root: &Path, args: &[&str], env: &[(&str, &str)], needle: &str) -> String {
    let log = root.parent().expect("a parent").join("serve.log");
    let file = std::fs::File::create(&log).expect("create the log");
    let mut command = Command::new(env!("CARGO_BIN_EXE_prfaq"));
    command
        .arg("serve")
        .args(args)
        .current_dir(root)
        .stdout(file.try_clone().expect("clone"))
        .stderr(file)
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("start prfaq serve");
    let started = Instant::now();
    let mut text = String::new();
    while started.elapsed() < Duration::from_secs(20) {
        text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains(needle) || child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    std::fs::read_to_string(&log).unwrap_or(text)
}

#[test]
fn serve_in_an_empty_folder_does_not_claim_a_last_good_version() {
    let library = Library::new();
    let out = serve_until(library.root(), &["--port", "0"], &[], "could be built yet");
    assert!(out.contains("no version of it could be built yet"), "{out}");
    assert!(!out.contains("last good version"), "{out}");
}

#[test]
fn a_port_in_use_suggests_port_0() {
    let library = Library::new().file("content/a.md", "# A\n");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let out = serve_until(library.root(), &["--port", &port], &[], "cannot listen");
    let out = out.replace(&port, "[PORT]");
    let last = out.lines().last().unwrap_or_default().to_owned();
    settings(&library).bind(|| insta::assert_snapshot!("teach_port_in_use", last));
}

#[test]
fn bind_accepts_a_host_name() {
    let library = Library::new().file("content/a.md", "# A\n");
    let args = ["--bind", "localhost", "--port", "0"];
    let out = serve_until(library.root(), &args, &[], "Serving http://");
    assert!(out.contains("Serving http://127.0.0.1:"), "{out}");
}

#[test]
fn open_reports_a_failure_to_start_a_browser() {
    let library = Library::new().file("content/a.md", "# A\n");
    let empty = library.parent().join("no-programs");
    std::fs::create_dir_all(&empty).expect("create a folder");
    let path = empty.to_str().expect("UTF-8 path");
    let env = [("PATH", path), ("BROWSER", "")];
    let out = serve_until(
        library.root(),
        &["--port", "0", "--open"],
        &env,
        "could not open",
    );
    assert!(out.contains("warning: could not open a browser"), "{out}");
}
