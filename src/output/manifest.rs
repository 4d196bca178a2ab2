//! The manifest: the file that marks a folder as prfaq's and lists, with a
//! fingerprint, every file prfaq wrote there (the only files it may delete).

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use super::with_path;

/// Marks a folder as prfaq's and lists what prfaq wrote there.
pub const MANIFEST: &str = ".prfaq-output";
const MANIFEST_HEADER: &str =
    "# prfaq output folder: prfaq may replace or delete the files listed here.";

pub(super) fn read_manifest(output: &Path) -> io::Result<BTreeMap<String, u64>> {
    let path = output.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| with_path(e, &path))?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            Some((path.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect())
}

pub(super) fn write_manifest(output: &Path, manifest: &BTreeMap<&str, u64>) -> io::Result<()> {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for (path, hash) in manifest {
        text.push_str(&format!("{hash:016x} {path}\n"));
    }
    write_atomically(&output.join(MANIFEST), text.as_bytes())
}

/// Replaces a file so a reader (or a crash) sees the old or the new one, never half.
pub fn write_atomically(path: &Path, content: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".prfaq-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, content).map_err(|e| with_path(e, &tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| with_path(e, path))
}

/// `output/relative`, or `None` when `relative` would escape `output` (a tampered manifest).
pub(super) fn safe_join(output: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| output.join(relative))
}

pub(super) fn remove_empty_dirs(output: &Path, dirs: HashSet<PathBuf>) {
    let mut dirs: Vec<PathBuf> = dirs.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        let mut current = dir.as_path();
        // remove_dir fails on a non-empty folder, which is what stops the walk up.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tampered_manifest_cannot_escape() {
        assert!(safe_join(Path::new("/out"), "../etc/passwd").is_none());
        assert!(safe_join(Path::new("/out"), "/etc/passwd").is_none());
        assert_eq!(
            safe_join(Path::new("/out"), "a/b"),
            Some(PathBuf::from("/out/a/b"))
        );
    }
}
