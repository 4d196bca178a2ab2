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

/// What loading the library found.
struct Loaded {
    findings: Vec<Diagnostic>,
    /// Every document's path, relative to the root.
    documents: Vec<PathBuf>,
    repo_prefix: String,
}

impl CheckArgs {
    pub fn run(&self) -> u8 {
        let loaded = match self.load() {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
        let (mut findings, checked) = match self.select(loaded.findings, &loaded.documents) {
            Ok(selected) => selected,
            Err(message) => {
                eprintln!("error: {message}");
                return EXIT_USAGE;
            }
        };
        // Every finding about a document has a line: a whole-file one (a
        // missing key) points at the file's first line.
        let documents: std::collections::HashSet<&PathBuf> = loaded.documents.iter().collect();
        for finding in &mut findings {
            if finding.line == 0 && documents.contains(&finding.path) {
                finding.line = 1;
                finding.col = 1;
            }
        }
        let report = Report {
            findings: &findings,
            documents: checked,
            repo_prefix: &loaded.repo_prefix,
        };
        print!("{}", format::render(self.format, &report));
        if findings.iter().any(Diagnostic::is_error) {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }

    /// Loads the library as `build` does, without writing: every finding,
    /// even when the library has errors. `Err` is the exit code.
    fn load(&self) -> Result<Loaded, u8> {
        let root = &self.root.root;
        let options = BuildOptions {
            root: root.clone(),
            no_history: self.no_history,
            ..BuildOptions::default()
        };
        match Site::load(&options, Purpose::Preview) {
            Ok(site) => Ok(Loaded {
                documents: site
                    .library
                    .entries
                    .iter()
                    .map(|e| e.document.display_path.clone())
                    .collect(),
                findings: site.warnings,
                repo_prefix: site.library.repo_prefix,
            }),
            // The site could not be made; the documents are still what was asked about.
            Err(BuildError::Library(problems)) => Ok(Loaded {
                findings: problems,
                documents: document_paths(root),
                repo_prefix: crate::history::repo_prefix(root),
            }),
            Err(BuildError::Refused(why)) => {
                eprintln!("error: {why}");
                Err(EXIT_USAGE)
            }
            Err(BuildError::Io(e)) => {
                eprintln!("error: {e}");
                Err(EXIT_PROBLEMS)
            }
        }
    }

    /// The findings to report and how many documents they cover: with paths,
    /// those in the named documents, plus any outside the content folder
    /// (site.toml, templates), which concern every document.
    fn select(
        &self,
        findings: Vec<Diagnostic>,
        documents: &[PathBuf],
    ) -> Result<(Vec<Diagnostic>, usize), String> {
        if self.paths.is_empty() {
            return Ok((findings, documents.len()));
        }
        let root = &self.root.root;
        let wanted = self.selection(root)?;
        let selected = |path: &Path| wanted.iter().any(|w| path.starts_with(w));
        let checked = documents.iter().filter(|d| selected(d)).count();
        let content_dir =
            Config::load(root).map_or_else(|_| PathBuf::from("content"), |c| c.content_dir);
        let kept = findings
            .into_iter()
            .filter(|d| selected(&d.path) || !d.path.starts_with(&content_dir))
            .collect();
        Ok((kept, checked))
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
