//! Watching the library for edits: notify events, debounced and classified.
//!
//! Debouncing makes an editor's save-by-rename (write a temp file, rename it
//! over the original) one change. Access events are dropped: notify reports a
//! file being merely read, and serving a page would otherwise trigger a
//! rebuild. The output folder is never watched.
//!
//! A watch dies with the folder it is on, and `git checkout` of another
//! branch can delete and recreate the content folder. So the watched folders
//! are also checked twice a second: when one disappears or is replaced, it is
//! watched again once it exists, and the site is reloaded (a missing content
//! folder is reported, and the last good site stays served meanwhile).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdCache, new_debouncer, new_debouncer_opt,
};

use super::session::Change;
use crate::config::CONFIG_FILE;

/// How long the watcher waits for an edit to settle before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(25);
/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(200);
/// How often the watched folders are checked for being removed or replaced.
const RECHECK_INTERVAL: Duration = Duration::from_millis(500);

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
    let reloads = changes.clone();
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
    let folders = watched_folders(&root, spec);
    if spec.poll {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let debouncer = new_debouncer_opt::<_, notify::PollWatcher, _>(
            DEBOUNCE,
            None,
            handler,
            notify_debouncer_full::NoCache,
            config,
        )
        .map_err(|e| e.to_string())?;
        start(debouncer, &root, folders, reloads)
    } else {
        let debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| e.to_string())?;
        start(debouncer, &root, folders, reloads)
    }
}

/// Watches the root and the folders, and keeps re-watching folders that are replaced.
fn start<T, C>(
    mut debouncer: Debouncer<T, C>,
    root: &Path,
    folders: Vec<PathBuf>,
    reloads: Sender<Change>,
) -> Result<Watching, String>
where
    T: notify::Watcher + Send + 'static,
    C: FileIdCache + Send + 'static,
{
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let mut seen = Vec::new();
    for folder in &folders {
        let identity = identity(folder);
        if identity.is_some() {
            debouncer
                .watch(folder, RecursiveMode::Recursive)
                .map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        seen.push(identity);
    }
    let debouncer = Arc::new(Mutex::new(debouncer));
    let weak = Arc::downgrade(&debouncer);
    std::thread::spawn(move || recheck(&weak, &folders, seen, &reloads));
    Ok(Watching(Box::new(debouncer)))
}

/// Until watching stops: re-watches each folder that was removed and has
/// come back (or was replaced), and asks for a reload when any changed.
fn recheck<T, C>(
    debouncer: &Weak<Mutex<Debouncer<T, C>>>,
    folders: &[PathBuf],
    mut seen: Vec<Option<Identity>>,
    reloads: &Sender<Change>,
) where
    T: notify::Watcher,
    C: FileIdCache,
{
    loop {
        std::thread::sleep(RECHECK_INTERVAL);
        let Some(debouncer) = debouncer.upgrade() else {
            return;
        };
        let mut changed = false;
        for (folder, seen) in folders.iter().zip(seen.iter_mut()) {
            let now = identity(folder);
            if now == *seen {
                continue;
            }
            changed = true;
            if now.is_some()
                && let Ok(mut debouncer) = debouncer.lock()
            {
                let _ = debouncer.unwatch(folder);
                if debouncer.watch(folder, RecursiveMode::Recursive).is_err() {
                    // Gone again already: try on the next round.
                    continue;
                }
            }
            *seen = now;
        }
        if changed && reloads.send(Change::Everything).is_err() {
            return;
        }
    }
}

/// Which folder is at a path: its device and inode (`None` when there is none).
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(folder: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(folder).ok()?;
    metadata.is_dir().then(|| (metadata.dev(), metadata.ino()))
}

/// Elsewhere the creation time tells a recreated folder from the old one.
#[cfg(not(unix))]
fn identity(folder: &Path) -> Option<Identity> {
    let metadata = std::fs::metadata(folder).ok()?;
    let created = metadata
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    metadata.is_dir().then_some((created, 0))
}

/// The folders watched recursively: content and theme, whether they exist yet or not.
fn watched_folders(root: &Path, spec: &WatchSpec) -> Vec<PathBuf> {
    vec![
        root.join(&spec.content_dir),
        root.join("themes").join(&spec.theme),
        root.join("templates"),
        root.join("static"),
    ]
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
