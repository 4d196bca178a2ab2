//! The only module that writes the site, and the rules that keep it safe.
//!
//! prfaq owns exactly one folder: the output folder. It holds the site and
//! nothing else; what prfaq knows about it (the manifest of the files it
//! wrote, the journal of a build in progress, the lock) is in the state
//! folder (`.prfaq/`, see `state`). prfaq refuses folders it did not make
//! (so `--output ~` can never wipe a home directory), refuses folders that
//! hold the library itself, follows no link inside the output folder, and
//! only ever deletes files its manifest lists.
//!
//! A rebuild rewrites only the files whose content changed (each replaced
//! atomically by rename); a first build is written beside the target and
//! renamed into place. Nothing is written until rendering has fully
//! succeeded, so a library with errors leaves the previous site untouched,
//! and a build killed at any moment is repaired by the next one.

mod fs;
mod journal;
mod manifest;
mod state;
mod writer;

use std::io;
use std::path::{Component, Path, PathBuf};

use manifest::Manifest;
pub use state::{BuildLock, State, write_atomically};
pub use writer::{WriteError, WriteStats, Writer};

/// Marks the staging folder of a first build: `.<output name>.prfaq-staging-<pid>`.
const STAGING_MARK: &str = ".prfaq-staging-";
/// The marker file older versions of prfaq kept inside the output folder.
const OLD_MARKER: &str = ".prfaq-output";

/// Why an output folder was refused.
#[derive(Debug)]
pub struct Refusal(pub String);

/// Where a build writes: the output folder and the state folder, with
/// whether the output folder was chosen on the command line (which may name
/// a folder outside the library, or a link to one).
pub struct Target<'a> {
    pub root: &'a Path,
    pub content: &'a Path,
    pub output: &'a Path,
    pub state: &'a State,
    pub output_from_command_line: bool,
}

/// Checks that `target.output` is a folder prfaq may own. Paths may be
/// relative to the current directory.
pub fn check_output(target: &Target<'_>) -> Result<(), Refusal> {
    let output = target.output;
    let out = absolute(output);
    let root = absolute(target.root);
    let content = absolute(target.content);
    let state = absolute(target.state.dir());
    let shown = output.display();
    let refuse = |why: String| {
        Err(Refusal(format!(
            "refusing to use {shown} as the output folder: {why}"
        )))
    };
    if out.parent().is_none() {
        return refuse("it is the file system root".into());
    }
    if root.starts_with(&out) {
        return refuse(
            "it contains the library itself; choose a folder of its own, such as `public`".into(),
        );
    }
    if out.starts_with(&content) {
        return refuse(format!(
            "it is inside the content folder {}",
            content.display()
        ));
    }
    if out.starts_with(&state) || state.starts_with(&out) {
        return refuse(format!(
            "it overlaps the state folder {}, which must not be published",
            target.state.dir().display()
        ));
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == out) {
        return refuse("it is your home folder".into());
    }
    check_ownership(target)
}

/// The output folder is absent, empty, or one prfaq has a record of making;
/// neither it (unless named on the command line) nor the state folder is a link.
fn check_ownership(target: &Target<'_>) -> Result<(), Refusal> {
    let output = target.output;
    let out = absolute(output);
    let shown = output.display();
    let refuse = |why: &str| {
        Err(Refusal(format!(
            "refusing to use {shown} as the output folder: {why}"
        )))
    };
    if target.state.is_symlink() {
        return Err(Refusal(format!(
            "refusing to use the state folder {}: it is a symbolic link, and prfaq follows none",
            target.state.dir().display()
        )));
    }
    let metadata = std::fs::symlink_metadata(output).ok();
    if metadata
        .as_ref()
        .is_some_and(|m| m.file_type().is_symlink())
        && !target.output_from_command_line
    {
        return refuse(
            "it is a symbolic link (choose a real folder, or name the folder with --output)",
        );
    }
    if out.is_file() {
        return refuse("it is a file");
    }
    if out.is_dir() && !is_empty_dir(&out) && Manifest::load(target.state, output).is_none() {
        let hint = if out.join(OLD_MARKER).exists() {
            " An older prfaq made it (it has a .prfaq-output file); prfaq now keeps its records in the state folder, so delete the folder once and build again."
        } else {
            ""
        };
        return Err(Refusal(format!(
            "refusing to write into {shown}: it exists and prfaq has no record of making it ({} has none), so prfaq will not replace what is in it; remove it yourself or choose another --output.{hint}",
            target.state.dir().display()
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
        let state = State::new(root.join(".prfaq"));
        let check = |root: &Path, content: &Path, output: &Path| {
            check_output(&Target {
                root,
                content,
                output,
                state: &state,
                output_from_command_line: false,
            })
        };
        assert!(check(root, &content, root).is_err(), "the root itself");
        assert!(
            check(root, &content, &content).is_err(),
            "the content folder"
        );
        assert!(check(root, &content, &content.join("out")).is_err());
        assert!(
            check(&content, &content.join("x"), root).is_err(),
            "an ancestor of the root"
        );
        assert!(
            check(root, &content, &root.join(".prfaq")).is_err(),
            "the state folder"
        );
        let foreign = root.join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check(root, &content, &foreign).is_err());
        assert!(check(root, &content, &root.join("public")).is_ok());
        assert!(check(root, &content, &root.join("empty/../public")).is_ok());
    }
}
