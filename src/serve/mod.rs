//! `prfaq serve`: a live preview. Builds the site into memory, serves it on
//! localhost, and with `--watch` rebuilds what an edit touched and tells open
//! pages to reload.

mod edits;
mod listener;
mod notes;
mod server;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock, mpsc};
use std::time::Instant;

use tokio::sync::broadcast;

use session::{Change, Served, Session, Update};

use crate::BuildOptions;
use crate::config::{Config, base_path};

/// Everything `serve` needs to know.
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub watch: bool,
    pub poll: bool,
    pub open: bool,
    /// Print every warning instead of summarising repeated ones.
    pub verbose: bool,
}

/// Runs the preview until the process is stopped.
pub fn run(options: &ServeOptions) -> Result<(), String> {
    if let Some(base_url) = &options.build.base_url {
        crate::sanitize::check_base_url(base_url)
            .map_err(|why| format!("--base-url {base_url:?} is not usable: {why}"))?;
    }
    let started = Instant::now();
    let session = Session::start(options.build.clone());
    report_update(&session, started, None, options.verbose);
    // Where to serve and what to watch come from the loaded site; changing them
    // (base_url, content_dir, theme) in site.toml needs a restart.
    let config = session
        .config()
        .cloned()
        .or_else(|| Config::load(&options.build.root).ok())
        .unwrap_or_default();
    let base = base_path(
        options
            .build
            .base_url
            .as_deref()
            .unwrap_or(&config.base_url),
    );
    let served = Arc::new(RwLock::new(session.snapshot()));
    let (reloads, _) = broadcast::channel(16);
    let shared = server::Shared {
        served: Arc::clone(&served),
        reloads: reloads.clone(),
        base: base.clone(),
        hosts: server::HostPolicy { bind: options.bind },
    };

    let _watching = if options.watch {
        let spec = watch::WatchSpec {
            root: options.build.root.clone(),
            content_dir: config.content_dir.clone(),
            theme: config.theme,
            poll: options.poll,
        };
        let (sender, receiver) = mpsc::channel();
        let watching = watch::watch(&spec, sender)?;
        let verbose = options.verbose;
        std::thread::spawn(move || rebuild_loop(&receiver, session, &served, &reloads, verbose));
        Some(watching)
    } else {
        None
    };

    listen(options, &base, shared)
}

/// Serves `shared` on the configured address until the process is stopped.
fn listen(options: &ServeOptions, base: &str, shared: server::Shared) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async {
        let address = SocketAddr::new(options.bind, options.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| listen_error(address, &e))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        let url = format!("http://{local}{base}");
        println!(
            "Serving {url}{}",
            if options.watch {
                " (watching for changes)"
            } else {
                ""
            }
        );
        if options.open
            && let Err(e) = open::that_detached(&url)
        {
            eprintln!("warning: could not open a browser ({e}); open {url} yourself");
        }
        listener::serve(listener, server::router(shared)).await;
        Ok(())
    })
}

/// Why the preview cannot listen, and what to do about it.
fn listen_error(address: SocketAddr, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "cannot listen on {address}: the port is in use, perhaps by another preview (`prfaq serve`) still running; stop it, or pass `--port 0` to pick a free port"
        ),
        std::io::ErrorKind::AddrNotAvailable => format!(
            "cannot listen on {address}: this machine has no such address; `--bind` takes one of its own addresses or names, e.g. `localhost` or `0.0.0.0`"
        ),
        _ => format!("cannot listen on {address}: {error}"),
    }
}

/// Applies each batch of edits, publishes the new pages, then tells open
/// pages to reload. The session lives here; the server only ever sees
/// finished snapshots, so a slow rebuild never blocks a request.
fn rebuild_loop(
    changes: &mpsc::Receiver<Change>,
    mut session: Session,
    served: &RwLock<Arc<Served>>,
    reloads: &broadcast::Sender<u64>,
    verbose: bool,
) {
    let mut build = 0;
    while let Ok(mut change) = changes.recv() {
        // Edits that arrived while we were rebuilding are applied together.
        while let Ok(next) = changes.try_recv() {
            change = merge(change, next);
        }
        let started = Instant::now();
        let update = session.apply(&change);
        let snapshot = session.snapshot();
        match served.write() {
            Ok(mut current) => *current = snapshot,
            Err(_) => return,
        }
        report_update(&session, started, Some(&update), verbose);
        build += 1;
        let _ = reloads.send(build);
        // Open pages reload first; the search index follows (search.js sees its new manifest).
        if session.refresh_search() {
            match served.write() {
                Ok(mut current) => *current = session.snapshot(),
                Err(_) => return,
            }
        }
    }
}

fn merge(a: Change, b: Change) -> Change {
    match (a, b) {
        (Change::Content(mut x), Change::Content(y)) => {
            x.extend(y);
            x.sort();
            x.dedup();
            Change::Content(x)
        }
        _ => Change::Everything,
    }
}

/// Prints what an update found: the warnings of the files it read, then
/// either the errors still standing or what was rebuilt.
fn report_update(session: &Session, started: Instant, update: Option<&Update>, verbose: bool) {
    let errors = session.errors();
    match update {
        Some(update) => crate::report::print(&update.warnings, verbose),
        None => crate::report::print(&session.warnings(), verbose),
    }
    if errors.is_empty() {
        let what = match update {
            None => format!("built {} documents", session.document_count()),
            Some(u) if u.full => format!("rebuilt everything ({} pages)", u.rendered),
            Some(u) => format!("rebuilt {} pages", u.rendered),
        };
        eprintln!("{what} in {:.1?}", started.elapsed());
    } else {
        crate::report::print(&errors, verbose);
        if session.has_site() {
            eprintln!("error: the site has problems; still serving the last good version");
        } else {
            eprintln!(
                "error: the site has problems and no version of it could be built yet; the preview shows these errors until they are fixed"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn content(paths: &[&str]) -> Change {
        Change::Content(paths.iter().map(PathBuf::from).collect())
    }

    #[test]
    fn merged_edits_are_sorted_and_each_once() {
        assert_eq!(
            merge(content(&["b.md", "a.md"]), content(&["a.md", "c.md"])),
            content(&["a.md", "b.md", "c.md"])
        );
    }

    #[test]
    fn anything_merged_with_everything_is_everything() {
        assert_eq!(
            merge(content(&["a.md"]), Change::Everything),
            Change::Everything
        );
        assert_eq!(
            merge(Change::Everything, content(&["a.md"])),
            Change::Everything
        );
    }
}
