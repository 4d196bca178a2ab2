//! `prfaq serve` under hostile conditions: requests addressed to another
//! host name (DNS rebinding), thousands of idle connections, and a content
//! folder that disappears and comes back.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::serve::Server;
use super::support::Library;

fn library() -> Library {
    Library::new().file(
        "content/returns.md",
        "+++\ntitle = \"Returns\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\nText.\n",
    )
}

#[test]
fn requests_for_other_host_names_are_refused() {
    let library = library();
    let server = Server::start(&library, &[]);
    let port = server.authority().rsplit(':').next().unwrap().to_owned();
    for host in [
        "attacker.example",
        &format!("rebind.example:{port}"),
        "10.1.2.3",
    ] {
        assert_eq!(server.raw_status_with_host("/", host), 403, "Host: {host}");
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        // `/` redirects to the base path: answered, not refused.
        assert_eq!(server.raw_status_with_host("/", &host), 200, "Host: {host}");
    }
}

#[test]
fn keeps_answering_while_many_idle_connections_are_open() {
    let library = library();
    let server = Server::start(&library, &[]);
    // Well past the server's connection limit (256), well under the file descriptor limit.
    let idle: Vec<TcpStream> = (0..1500)
        .filter_map(|_| TcpStream::connect(server.authority()).ok())
        .collect();
    assert!(idle.len() > 1000, "only {} connections opened", idle.len());
    let started = Instant::now();
    let (status, body) = server.get("docs/returns/");
    assert_eq!(status, 200);
    assert!(body.contains("Returns"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered after {:?}",
        started.elapsed()
    );
    drop(idle);
}

#[test]
fn watch_survives_the_content_folder_being_removed_and_recreated() {
    let library = library();
    let server = Server::start(&library, &[]);
    server.wait_for("docs/returns/", "the first build", |b| b.contains("Text."));
    let content = library.path("content");
    std::fs::remove_dir_all(&content).expect("remove content/");
    server.wait_for("__prfaq/status", "the missing folder reported", |b| {
        b.contains("content folder not found")
    });
    let (status, _) = server.get("docs/returns/");
    assert_eq!(status, 200, "the last good site stays served");
    std::fs::create_dir_all(&content).expect("recreate content/");
    library.write(
        "content/returns.md",
        "+++\ntitle = \"Returns\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\nBack again.\n",
    );
    server.wait_for("docs/returns/", "the recreated folder's document", |b| {
        b.contains("Back again.")
    });
    // Edits after the recreation are seen too: the new folder is watched.
    library.write(
        "content/returns.md",
        "+++\ntitle = \"Returns\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"define\"\n+++\n## Press Release\n\nEdited later.\n",
    );
    server.wait_for("docs/returns/", "a later edit", |b| {
        b.contains("Edited later.")
    });
}
