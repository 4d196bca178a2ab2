//! Walking a folder of the library without leaving the library.
//!
//! A symlink committed in a pull request (`ln -s ~/.ssh static`) would make
//! a CI build publish files from the machine it runs on. So links are
//! followed only when they point inside the library root; any other link is
//! skipped with a warning naming it, and a content, theme or static folder
//! that is itself a link out of the root is an error.

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
/// links only inside `root`. With `skip_hidden`, dot-files and dot-folders
/// are left out. `Err` when `root/dir` itself leads out of the root.
pub fn files_inside(root: &Path, dir: &Path, skip_hidden: bool) -> Result<Walked, Diagnostic> {
    let full = root.join(dir);
    let Ok(target) = full.canonicalize() else {
        return Ok(Walked::default());
    };
    let inside = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    if !target.starts_with(&inside) {
        return Err(Diagnostic::error(
            dir,
            format!(
                "{} leads out of the library (to {}); prfaq reads nothing outside the library root",
                dir.display(),
                target.display()
            ),
        )
        .with_hint("move the folder into the library instead of linking to it"));
    }
    let mut skipped = Vec::new();
    let walker = WalkDir::new(&full)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            if skip_hidden && entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if !entry.path_is_symlink() {
                return true;
            }
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&inside) => true,
                target => {
                    skipped.push((entry.path().to_owned(), target.ok()));
                    false
                }
            }
        });
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
    for (link, target) in skipped {
        let to = target.map_or_else(|| "nowhere".to_owned(), |t| t.display().to_string());
        walked.warnings.push(
            Diagnostic::warning(
                shown(root, &link),
                format!("symbolic link to {to} leads out of the library; not followed"),
            )
            .with_hint("copy what it points to into the library, or remove the link"),
        );
    }
    Ok(walked)
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
    fn follows_links_inside_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("lib"), dir.path().join("secret"));
        std::fs::create_dir_all(root.join("static/sub")).unwrap();
        std::fs::create_dir_all(root.join("shared")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("id_rsa"), "key").unwrap();
        std::fs::write(root.join("shared/logo.svg"), "<svg/>").unwrap();
        std::fs::write(root.join("static/sub/a.css"), "a").unwrap();
        symlink(&outside, root.join("static/ssh")).unwrap();
        symlink(outside.join("id_rsa"), root.join("static/key")).unwrap();
        symlink(root.join("shared"), root.join("static/shared")).unwrap();

        let walked = files_inside(&root, Path::new("static"), false).unwrap();
        let names: Vec<_> = walked
            .files
            .iter()
            .map(|p| p.strip_prefix(root.join("static")).unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            [PathBuf::from("shared/logo.svg"), PathBuf::from("sub/a.css")]
        );
        let warned: Vec<_> = walked.warnings.iter().map(|w| w.path.clone()).collect();
        assert_eq!(
            warned,
            [PathBuf::from("static/key"), PathBuf::from("static/ssh")]
        );

        symlink(&outside, root.join("content")).unwrap();
        assert!(files_inside(&root, Path::new("content"), true).is_err());
        assert!(
            files_inside(&root, Path::new("absent"), true)
                .unwrap()
                .files
                .is_empty()
        );
    }
}
