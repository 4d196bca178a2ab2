//! `prfaq check`: validates the library as `build` does, applies the review
//! rules, and prints the findings for people, programs or GitHub. Writes
//! nothing. Exit code 1 when any finding reported is an error.

use std::path::{Component, Path, PathBuf};

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::check::format::{self, Report};
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::{BuildError, BuildOptions, Purpose, Site};

impl CheckArgs {
    pub fn run(&self) -> u8 {
        let root = &self.root.root;
        let options = BuildOptions {
            root: root.clone(),
            no_history: self.no_history,
            ..BuildOptions::default()
        };
        let (findings, documents, repo_prefix) = match Site::load(&options, Purpose::Preview) {
            Ok(site) => {
                let documents: Vec<PathBuf> = site
                    .library
                    .entries
                    .iter()
                    .map(|e| e.document.display_path.clone())
                    .collect();
                (site.warnings, documents, site.library.repo_prefix)
            }
            Err(BuildError::Library(problems)) => {
                // The site could not be made; the documents are still what was asked about.
                (
                    problems,
                    document_paths(root),
                    crate::history::repo_prefix(root),
                )
            }
            Err(BuildError::Refused(why)) => {
                eprintln!("error: {why}");
                return EXIT_USAGE;
            }
            Err(BuildError::Io(e)) => {
                eprintln!("error: {e}");
                return EXIT_PROBLEMS;
            }
        };
        let (findings, checked) = if self.paths.is_empty() {
            (findings, documents.len())
        } else {
            let wanted = match self.selection(root) {
                Ok(wanted) => wanted,
                Err(message) => {
                    eprintln!("error: {message}");
                    return EXIT_USAGE;
                }
            };
            let selected = |path: &Path| wanted.iter().any(|w| path.starts_with(w));
            let checked = documents.iter().filter(|d| selected(d)).count();
            let kept = findings
                .into_iter()
                .filter(|d| {
                    selected(&d.path) || !documents.contains(&d.path) && !is_content(root, &d.path)
                })
                .collect();
            (kept, checked)
        };
        let report = Report {
            findings: &findings,
            documents: checked,
            repo_prefix: &repo_prefix,
        };
        print!("{}", format::render(self.format, &report));
        if findings.iter().any(Diagnostic::is_error) {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }

    /// The requested paths, relative to the library root.
    fn selection(&self, root: &Path) -> Result<Vec<PathBuf>, String> {
        let cwd =
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
        let root = normalise(&cwd.join(root));
        let mut wanted = Vec::new();
        for path in &self.paths {
            let absolute = normalise(&cwd.join(path));
            match absolute.strip_prefix(&root) {
                Ok(relative) => wanted.push(relative.to_path_buf()),
                Err(_) => {
                    return Err(format!(
                        "{} is not inside the library at {}",
                        path.display(),
                        root.display()
                    ));
                }
            }
        }
        Ok(wanted)
    }
}

/// Paths of every Markdown file in the content folder, relative to the root.
fn document_paths(root: &Path) -> Vec<PathBuf> {
    let Ok(config) = Config::load(root) else {
        return Vec::new();
    };
    let (files, _) = crate::load::read_content(root, &config.content_dir);
    files.into_iter().map(|f| f.display_path).collect()
}

/// Whether a path is in the content folder (a document that could not be parsed).
fn is_content(root: &Path, path: &Path) -> bool {
    let content_dir =
        Config::load(root).map_or_else(|_| PathBuf::from("content"), |c| c.content_dir);
    path.starts_with(content_dir)
}

/// `a/./b/../c` -> `a/c`, without touching the disk (paths may be deleted files).
fn normalise(path: &Path) -> PathBuf {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
