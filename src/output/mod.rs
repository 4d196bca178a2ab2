//! The only module that writes the site, and the rules that keep it safe.
//!
//! prfaq owns exactly one folder: the output folder, marked by a manifest file
//! listing every file it wrote. It refuses folders it did not make (so
//! `--output ~` can never wipe a home directory), refuses folders that hold
//! the library itself, and only ever deletes files its manifest lists.
//!
//! A rebuild rewrites only the files whose content changed (each replaced
//! atomically by rename), because rewriting ten thousand unchanged pages costs
//! seconds; a first build is written beside the target and renamed into place.
//! Nothing is written until rendering has fully succeeded, so a library with
//! errors leaves the previous site untouched.

mod manifest;
mod writer;

use std::io;
use std::path::{Component, Path, PathBuf};

pub use manifest::{MANIFEST, write_atomically};
pub use writer::{WriteStats, Writer};

/// Folder inside the output folder for data kept between builds (never published content).
pub const CACHE_DIR: &str = ".prfaq-cache";

/// Reads a cache file from an output folder prfaq made; `None` if absent.
pub fn read_cache(output: &Path, name: &str) -> Option<Vec<u8>> {
    if !output.join(MANIFEST).is_file() {
        return None;
    }
    std::fs::read(output.join(CACHE_DIR).join(name)).ok()
}

/// Stores a cache file in the output folder (after the site was written there).
pub fn write_cache(output: &Path, name: &str, content: &[u8]) -> io::Result<()> {
    write_atomically(&output.join(CACHE_DIR).join(name), content)
}

/// Why an output folder was refused.
#[derive(Debug)]
pub struct Refusal(pub String);

/// Checks that `output` is a folder prfaq may own, given the library `root`
/// and its content folder. Paths may be relative to the current directory.
pub fn check_output(root: &Path, content: &Path, output: &Path) -> Result<(), Refusal> {
    let out = absolute(output);
    let root = absolute(root);
    let content = absolute(content);
    let shown = output.display();
    if out.parent().is_none() {
        return Err(Refusal(format!(
            "refusing to use {shown} as the output folder: it is the file system root"
        )));
    }
    if root.starts_with(&out) {
        return Err(Refusal(format!(
            "refusing to use {shown} as the output folder: it contains the library itself; choose a folder of its own, such as `public`"
        )));
    }
    if out.starts_with(&content) {
        return Err(Refusal(format!(
            "refusing to use {shown} as the output folder: it is inside the content folder {}",
            content.display()
        )));
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == out) {
        return Err(Refusal(format!(
            "refusing to use {shown} as the output folder: it is your home folder"
        )));
    }
    if out.is_file() {
        return Err(Refusal(format!(
            "refusing to use {shown} as the output folder: it is a file"
        )));
    }
    if out.is_dir() && !out.join(MANIFEST).is_file() && !is_empty_dir(&out) {
        return Err(Refusal(format!(
            "refusing to write into {shown}: it exists and was not made by prfaq (no {MANIFEST} file), so prfaq will not replace what is in it; remove it yourself or choose another --output"
        )));
    }
    Ok(())
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// An absolute, lexically normalised path (no symlink resolution needed for these checks,
/// but existing prefixes are canonicalised so `./public/..` and symlinked roots compare right).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Canonicalise the longest existing prefix, keep the rest as written.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_owned();
            }
            _ => return normal,
        }
    }
    let mut result = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        result.push(name);
    }
    result
}

#[allow(clippy::needless_pass_by_value)] // Fits `map_err(|e| with_path(e, path))`.
pub(super) fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_that_are_not_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = root.join("content");
        std::fs::create_dir_all(&content).unwrap();
        assert!(
            check_output(root, &content, root).is_err(),
            "the root itself"
        );
        assert!(
            check_output(root, &content, &content).is_err(),
            "the content folder"
        );
        assert!(check_output(root, &content, &content.join("out")).is_err());
        assert!(
            check_output(&content, &content.join("x"), root).is_err(),
            "an ancestor of the root"
        );
        let foreign = root.join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check_output(root, &content, &foreign).is_err());
        assert!(check_output(root, &content, &root.join("public")).is_ok());
        assert!(check_output(root, &content, &root.join("empty/../public")).is_ok());
    }
}
