//! Walking a folder of the library without leaving the library.
//!
//! A symlink committed in a pull request (`ln -s ~/.ssh static`) would make
//! a CI build publish files from the machine it runs on, and one pointing
//! inside the checkout (`static/x -> ../.git/config`, where CI keeps its
//! token) would publish that. So no link is followed: each one found is
//! skipped with a warning naming it, and a content, theme or static folder
//! that is itself a link is an error.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// The files found under a folder, and what was skipped or unreadable.
#[derive(Debug, Default)]
pub struct Walked {
    /// Paths as walked (`root/dir/...`), sorted by name.
    pub files: Vec<PathBuf>,
    /// One warning per link skipped because it leads out of the library.
    pub warnings: Vec<Diagnostic>,
    /// Entries that could not be read (a loop of links, a permission error).
    pub errors: Vec<Diagnostic>,
}

/// Every file under `root/dir` (which may be absent: then none), following
/// no link. With `skip_hidden`, dot-files and dot-folders are left out.
/// `Err` when `root/dir` itself, or a folder on the way to it, is a link.
pub fn files_inside(root: &Path, dir: &Path, skip_hidden: bool) -> Result<Walked, Diagnostic> {
    let full = root.join(dir);
    if let Some(link) = first_link(root, dir) {
        let target = std::fs::canonicalize(root.join(&link))
            .map_or_else(|_| "nowhere".to_owned(), |t| t.display().to_string());
        return Err(Diagnostic::error(
            &link,
            format!(
                "{} is a symbolic link (to {target}); prfaq follows no link, so it reads nothing outside the library",
                link.display()
            ),
        )
        .with_hint("make it a real folder inside the library"));
    }
    if std::fs::symlink_metadata(&full).is_err() {
        return Ok(Walked::default());
    }
    let mut skipped = Vec::new();
    let walker = WalkDir::new(&full)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| follow(entry, skip_hidden, &mut skipped));
    let mut walked = Walked::default();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => walked.files.push(entry.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map_or_else(|| dir.to_owned(), |p| shown(root, p));
                walked
                    .errors
                    .push(Diagnostic::error(path, format!("cannot read: {e}")));
            }
        }
    }
    walked.warnings = skipped
        .into_iter()
        .map(|link| skipped_link(root, &link))
        .collect();
    Ok(walked)
}

/// The first component of `dir` (from the root down) that is a link.
fn first_link(root: &Path, dir: &Path) -> Option<PathBuf> {
    let mut current = PathBuf::new();
    for component in dir.components() {
        current.push(component);
        let metadata = std::fs::symlink_metadata(root.join(&current)).ok()?;
        if metadata.file_type().is_symlink() {
            return Some(current);
        }
    }
    None
}

/// Whether to walk into (or take) `entry`: not hidden when hidden files are
/// skipped, and not a link (which is noted in `skipped`).
fn follow(entry: &walkdir::DirEntry, skip_hidden: bool, skipped: &mut Vec<PathBuf>) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    if skip_hidden && entry.file_name().to_string_lossy().starts_with('.') {
        return false;
    }
    if entry.path_is_symlink() {
        skipped.push(entry.path().to_owned());
        return false;
    }
    true
}

/// The warning for a link not followed.
fn skipped_link(root: &Path, link: &Path) -> Diagnostic {
    let to = std::fs::canonicalize(link)
        .map_or_else(|_| "nowhere".to_owned(), |t| t.display().to_string());
    Diagnostic::warning(
        shown(root, link),
        format!("symbolic link to {to} not followed: prfaq reads no links"),
    )
    .with_hint("copy the file into the library instead of linking to it")
}

/// `path` relative to the library root, for messages.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_no_link_and_warns_for_each() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("lib"), dir.path().join("secret"));
        std::fs::create_dir_all(root.join("static/sub")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("id_rsa"), "key").unwrap();
        std::fs::write(root.join(".git/config"), "token").unwrap();
        std::fs::write(root.join("static/sub/a.css"), "a").unwrap();
        symlink(&outside, root.join("static/ssh")).unwrap();
        symlink(outside.join("id_rsa"), root.join("static/key")).unwrap();
        symlink(root.join(".git/config"), root.join("static/config")).unwrap();

        let walked = files_inside(&root, Path::new("static"), false).unwrap();
        assert_eq!(walked.files, [root.join("static/sub/a.css")]);
        let warned: Vec<_> = walked.warnings.iter().map(|w| w.path.clone()).collect();
        assert_eq!(
            warned,
            [
                PathBuf::from("static/config"),
                PathBuf::from("static/key"),
                PathBuf::from("static/ssh")
            ]
        );

        symlink(&outside, root.join("content")).unwrap();
        assert!(files_inside(&root, Path::new("content"), true).is_err());
        std::fs::create_dir_all(root.join("static/x/static")).unwrap();
        symlink(root.join("static"), root.join("themes")).unwrap();
        assert!(files_inside(&root, Path::new("themes/x/static"), false).is_err());
        assert!(
            files_inside(&root, Path::new("absent"), true)
                .unwrap()
                .files
                .is_empty()
        );
    }
}
