//! Watching the library for edits: notify events, debounced and classified.
//!
//! Debouncing makes an editor's save-by-rename (write a temp file, rename it
//! over the original) one change. Access events are dropped: notify reports a
//! file being merely read, and serving a page would otherwise trigger a
//! rebuild. The output folder is never watched.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};

use super::session::Change;
use crate::config::CONFIG_FILE;

/// How long the watcher waits for an edit to settle before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(25);
/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// What to watch: the folders relative to the library root.
pub struct WatchSpec {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub theme: String,
    /// Use polling instead of native events (network and container file systems).
    pub poll: bool,
}

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watching(#[allow(dead_code)] Box<dyn std::any::Any + Send>);

/// Starts watching; every settled batch of edits is sent as one `Change`.
pub fn watch(spec: &WatchSpec, changes: Sender<Change>) -> Result<Watching, String> {
    let root = spec
        .root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", spec.root.display()))?;
    let classifier = Classifier {
        content: root.join(&spec.content_dir),
        config: root.join(CONFIG_FILE),
        theme_dirs: vec![
            root.join("themes").join(&spec.theme),
            root.join("templates"),
            root.join("static"),
        ],
    };
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let paths: Vec<(EventKind, PathBuf)> = events
            .iter()
            .flat_map(|e| e.paths.iter().map(move |p| (e.kind, p.clone())))
            .collect();
        if let Some(change) = classifier.classify(&paths) {
            let _ = changes.send(change);
        }
    };
    let targets = watch_targets(&root, spec);
    if spec.poll {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let mut debouncer = new_debouncer_opt::<_, notify::PollWatcher, _>(
            DEBOUNCE,
            None,
            handler,
            notify_debouncer_full::NoCache,
            config,
        )
        .map_err(|e| e.to_string())?;
        for (path, mode) in targets {
            debouncer
                .watch(&path, mode)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(Watching(Box::new(debouncer)))
    } else {
        let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| e.to_string())?;
        for (path, mode) in targets {
            debouncer
                .watch(&path, mode)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(Watching(Box::new(debouncer)))
    }
}

/// The root itself (not recursively: site.toml and new folders), the content
/// folder and the theme folders that exist.
fn watch_targets(root: &Path, spec: &WatchSpec) -> Vec<(PathBuf, RecursiveMode)> {
    let mut targets = vec![(root.to_owned(), RecursiveMode::NonRecursive)];
    let folders = [
        root.join(&spec.content_dir),
        root.join("themes").join(&spec.theme),
        root.join("templates"),
        root.join("static"),
    ];
    for folder in folders {
        if folder.is_dir() {
            targets.push((folder, RecursiveMode::Recursive));
        }
    }
    targets
}

struct Classifier {
    content: PathBuf,
    config: PathBuf,
    theme_dirs: Vec<PathBuf>,
}

impl Classifier {
    /// Turns raw events into the change to apply, or `None` if nothing relevant changed.
    fn classify(&self, events: &[(EventKind, PathBuf)]) -> Option<Change> {
        let mut documents = Vec::new();
        let mut everything = false;
        for (kind, path) in events {
            if matches!(kind, EventKind::Access(_)) || is_hidden_or_temporary(path) {
                continue;
            }
            if path == &self.config || self.theme_dirs.iter().any(|d| path.starts_with(d)) {
                everything = true;
            } else if path.starts_with(&self.content) {
                match path.extension() {
                    Some(ext) if ext == "md" => documents.push(path.clone()),
                    // A folder added, removed or renamed moves documents: reload.
                    None if path != &self.content => everything = true,
                    _ => {}
                }
            }
        }
        if everything {
            Some(Change::Everything)
        } else if documents.is_empty() {
            None
        } else {
            documents.sort();
            documents.dedup();
            Some(Change::Content(documents))
        }
    }
}

/// Editor droppings: swap files, backups, `.#locks`, vim's `4913` probe.
fn is_hidden_or_temporary(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    fn classifier() -> Classifier {
        Classifier {
            content: "/lib/content".into(),
            config: "/lib/site.toml".into(),
            theme_dirs: vec!["/lib/themes/default".into(), "/lib/templates".into()],
        }
    }

    #[test]
    fn content_edits_are_incremental_and_reads_are_ignored() {
        let c = classifier();
        let modify = EventKind::Modify(ModifyKind::Any);
        let access = EventKind::Access(AccessKind::Any);
        assert_eq!(
            c.classify(&[
                (modify, "/lib/content/a.md".into()),
                (
                    EventKind::Create(CreateKind::File),
                    "/lib/content/a.md".into()
                )
            ]),
            Some(Change::Content(vec!["/lib/content/a.md".into()]))
        );
        assert_eq!(c.classify(&[(access, "/lib/content/a.md".into())]), None);
        assert_eq!(
            c.classify(&[(modify, "/lib/content/.a.md.swp".into())]),
            None
        );
        assert_eq!(
            c.classify(&[(modify, "/lib/public/index.html".into())]),
            None
        );
    }

    #[test]
    fn config_and_theme_edits_reload_everything() {
        let c = classifier();
        let modify = EventKind::Modify(ModifyKind::Any);
        assert_eq!(
            c.classify(&[(modify, "/lib/site.toml".into())]),
            Some(Change::Everything)
        );
        assert_eq!(
            c.classify(&[(modify, "/lib/templates/base.html".into())]),
            Some(Change::Everything)
        );
        assert_eq!(
            c.classify(&[(modify, "/lib/content/newfolder".into())]),
            Some(Change::Everything)
        );
    }
}
