//! File operations inside the output folder that never follow a link.
//!
//! A symlink inside the output folder (`public/docs/a -> ../victim`) would
//! let a write or a delete reach a file outside it. So every folder on the
//! way to a file is checked to be a real folder (a link there is removed and
//! a real folder made), files are created fresh (`create_new`, which does not
//! follow a link), and a rename replaces a link rather than its target.

use std::collections::HashSet;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use super::with_path;

/// `output/relative` for a relative path of plain names, else `None`.
pub fn safe_join(output: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    (!relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_))))
        .then(|| output.join(path))
}

/// Makes every folder from `output` down to `output/relative` a real folder:
/// missing ones are created (and pushed on `created`), links are removed and
/// replaced. `checked` remembers folders already made sure of.
pub fn real_folders(
    output: &Path,
    relative: &Path,
    checked: &mut HashSet<PathBuf>,
    created: &mut Vec<PathBuf>,
) -> io::Result<()> {
    let mut current = PathBuf::new();
    for component in relative.components() {
        current.push(component);
        if checked.contains(&current) {
            continue;
        }
        let path = output.join(&current);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.file_type().is_symlink() => {
                // A link is never followed: it is replaced by a real folder.
                std::fs::remove_file(&path).map_err(|e| with_path(e, &path))?;
                make_folder(&path, created)?;
            }
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{}: a file is where the site needs a folder; move it away",
                        path.display()
                    ),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => make_folder(&path, created)?,
            Err(e) => return Err(with_path(e, &path)),
        }
        checked.insert(current.clone());
    }
    Ok(())
}

/// Whether every folder between `output` and `output/relative` is real (no link).
pub fn is_real_path(output: &Path, relative: &Path) -> bool {
    let mut current = output.to_owned();
    let Some(parent) = relative.parent() else {
        return true;
    };
    parent.components().all(|component| {
        current.push(component);
        std::fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir())
    })
}

/// Writes a new file at `path` (removing a file or link already there,
/// never following it) and returns what it looks like on disk.
pub fn write_new(path: &Path, content: &[u8]) -> io::Result<Metadata> {
    let create = || OpenOptions::new().write(true).create_new(true).open(path);
    // Creating first: nearly always nothing is there (a first build's fresh
    // folder, a rebuild's temporary name), and `create_new` never follows a
    // link, so looking first was a wasted system call per file.
    let mut file: File = match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            remove_entry(path)?;
            create()
        }
        created => created,
    }
    .map_err(|e| with_path(e, path))?;
    file.write_all(content).map_err(|e| with_path(e, path))?;
    file.metadata().map_err(|e| with_path(e, path))
}

/// Removes the file or link at `path`; a folder or nothing there is left alone.
/// `true` when something was removed.
pub fn remove_entry(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.is_dir() => std::fs::remove_file(path)
            .map(|()| true)
            .map_err(|e| with_path(e, path)),
        Ok(_) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(with_path(e, path)),
    }
}

/// Removes a folder prfaq made and everything in it, without following links
/// (a link inside is removed, not its target). A link at `path` itself is
/// only unlinked.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).map_err(|e| with_path(e, path)),
        Ok(_) => std::fs::remove_file(path).map_err(|e| with_path(e, path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(with_path(e, path)),
    }
}

/// Removes the folders that became empty, deepest first, up to `output`.
pub fn remove_empty_folders(output: &Path, folders: HashSet<PathBuf>) {
    let mut folders: Vec<PathBuf> = folders.into_iter().collect();
    folders.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for folder in folders {
        let mut current = folder.as_path();
        // remove_dir fails on a folder that is not empty (and on a link), which stops the walk up.
        while current != output
            && current.starts_with(output)
            && std::fs::remove_dir(current).is_ok()
        {
            match current.parent() {
                Some(parent) => current = parent,
                None => break,
            }
        }
    }
}

fn make_folder(path: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    std::fs::create_dir(path).map_err(|e| with_path(e, path))?;
    created.push(path.to_owned());
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_on_the_way_are_replaced_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (out, victim) = (dir.path().join("out"), dir.path().join("victim"));
        std::fs::create_dir_all(out.join("docs")).unwrap();
        std::fs::create_dir(&victim).unwrap();
        std::fs::write(victim.join("index.html"), "precious").unwrap();
        symlink(&victim, out.join("docs/a")).unwrap();
        assert!(!is_real_path(&out, Path::new("docs/a/index.html")));

        let (mut checked, mut created) = (HashSet::new(), Vec::new());
        real_folders(&out, Path::new("docs/a"), &mut checked, &mut created).unwrap();
        write_new(&out.join("docs/a/index.html"), b"new").unwrap();
        assert_eq!(
            std::fs::read_to_string(victim.join("index.html")).unwrap(),
            "precious"
        );
        assert!(is_real_path(&out, Path::new("docs/a/index.html")));

        symlink(victim.join("index.html"), out.join("x.html")).unwrap();
        write_new(&out.join("x.html"), b"new").unwrap();
        assert_eq!(
            std::fs::read_to_string(victim.join("index.html")).unwrap(),
            "precious"
        );

        symlink(&victim, out.join("v")).unwrap();
        remove_tree(&out.join("v")).unwrap();
        assert!(victim.join("index.html").is_file());
    }

    #[test]
    fn only_plain_relative_paths_join() {
        assert!(safe_join(Path::new("/out"), "../etc/passwd").is_none());
        assert!(safe_join(Path::new("/out"), "/etc/passwd").is_none());
        assert!(safe_join(Path::new("/out"), "").is_none());
        assert_eq!(
            safe_join(Path::new("/out"), "a/b"),
            Some(PathBuf::from("/out/a/b"))
        );
    }
}
