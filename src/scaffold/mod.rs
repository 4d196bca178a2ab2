//! `prfaq init`: the files of a new library, ready to build and publish.
//!
//! A library starts as four things: `site.toml` (commented), one example
//! PR/FAQ, a `.gitignore` for the output and state folders, and a GitHub
//! Actions workflow that checks pull requests and publishes the default
//! branch to GitHub Pages with the prfaq version that wrote it. `init` never
//! overwrites: if any of them exists, it writes none and names each one.
//! With `--example`, the library is the sample one, replayed commit by commit
//! into a new git repository ([`story`]).

pub mod story;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where prfaq keeps its state between builds (history cache, manifest, lock),
/// relative to the library root: the default `state_dir`. `init` git-ignores
/// it, and the workflow caches it.
const STATE_DIR: &str = ".prfaq";

/// Where the workflow downloads released binaries from (`<url>/download/v<version>/…`).
pub const RELEASES: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases");

/// What `init` asks for.
#[derive(Debug, Clone)]
pub struct Scaffold {
    pub title: String,
    pub base_url: String,
}

/// One file to create, relative to the library root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    /// These files already exist (relative paths); none was touched.
    Exists(Vec<PathBuf>),
    /// `--example` needs an empty or new folder for its repository.
    NotEmpty(PathBuf),
    Io(std::io::Error),
}

impl Scaffold {
    /// The files of a new library, with its own example PR/FAQ.
    pub fn files(&self) -> Vec<NewFile> {
        let mut files = self.settings(site_toml(&self.title, &self.base_url));
        files.push(NewFile {
            path: PathBuf::from("content/instant-returns.md"),
            text: include_str!("example.md").to_owned(),
        });
        files
    }

    /// `site.toml` as given, `.gitignore` and the workflow: what every library gets.
    pub fn settings(&self, site_toml: String) -> Vec<NewFile> {
        vec![
            NewFile {
                path: PathBuf::from("site.toml"),
                text: site_toml,
            },
            NewFile {
                path: PathBuf::from(".gitignore"),
                text: include_str!("gitignore").replace("@STATE_DIR@", STATE_DIR),
            },
            NewFile {
                path: PathBuf::from(".github/workflows/prfaq.yml"),
                text: workflow(env!("CARGO_PKG_VERSION"), "public"),
            },
        ]
    }
}

/// Writes `files` under `root`, or none of them if any exists.
pub fn create(root: &Path, files: &[NewFile]) -> Result<(), InitError> {
    let existing: Vec<PathBuf> = files
        .iter()
        .filter(|f| root.join(&f.path).symlink_metadata().is_ok())
        .map(|f| f.path.clone())
        .collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    for file in files {
        let path = root.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| InitError::Io(with_path(e, dir)))?;
        }
        // create_new: even a file that appears meanwhile is never overwritten.
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(file.text.as_bytes()));
        match created {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(InitError::Exists(vec![file.path.clone()]));
            }
            Err(e) => return Err(InitError::Io(with_path(e, &path))),
        }
    }
    Ok(())
}

/// The commented `site.toml` of a new library.
pub fn site_toml(title: &str, base_url: &str) -> String {
    include_str!("site.toml")
        .replace("@TITLE@", &toml_string(title))
        .replace("@BASE_URL@", &toml_string(base_url))
}

/// The GitHub Actions workflow, installing prfaq `version`, publishing `output`.
pub fn workflow(version: &str, output: &str) -> String {
    include_str!("prfaq.yml")
        .replace("@VERSION@", version)
        .replace("@RELEASES@", RELEASES)
        .replace("@OUTPUT@", output)
        .replace("@STATE_DIR@", STATE_DIR)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[allow(clippy::needless_pass_by_value)] // Fits `map_err(|e| with_path(e, path))`.
fn with_path(error: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::Document;

    fn scaffold() -> Scaffold {
        Scaffold {
            title: "Acme \"Ideas\"".into(),
            base_url: "https://acme.github.io/prfaqs/".into(),
        }
    }

    #[test]
    fn site_toml_parses_with_the_given_title_and_address() {
        let text = site_toml("Acme \"Ideas\"", "https://acme.github.io/prfaqs/");
        let config = Config::parse(&text, Path::new("site.toml")).unwrap();
        assert_eq!(config.title, "Acme \"Ideas\"");
        assert_eq!(config.base_path(), "/prfaqs/");
    }

    #[test]
    fn the_example_document_has_no_problems() {
        let text = include_str!("example.md").to_owned();
        let (doc, problems) = Document::parse("e.md", Path::new("e.md"), text, &Config::default());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(doc.is_some());
    }

    #[test]
    fn workflow_installs_this_version_and_pins_every_action() {
        let text = workflow("9.8.7", "public");
        assert!(text.contains("PRFAQ_VERSION: \"9.8.7\""));
        for placeholder in ["@VERSION@", "@RELEASES@", "@OUTPUT@", "@STATE_DIR@"] {
            assert!(
                !text.contains(placeholder),
                "{placeholder} left in the workflow"
            );
        }
        assert!(
            text.contains("path: .prfaq\n"),
            "the state folder is cached"
        );
        for line in text.lines().filter(|l| {
            l.trim_start().starts_with("- uses:") || l.trim_start().starts_with("uses:")
        }) {
            let reference = line.split('@').nth(1).unwrap_or("");
            let sha = reference.split_whitespace().next().unwrap_or("");
            assert!(
                sha.len() == 40 && sha.chars().all(|c| c.is_ascii_hexdigit()),
                "not pinned to a commit: {line}"
            );
        }
    }

    #[test]
    fn create_refuses_when_any_file_exists_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "mine\n").unwrap();
        let files = scaffold().files();
        match create(dir.path(), &files) {
            Err(InitError::Exists(paths)) => assert_eq!(paths, [PathBuf::from(".gitignore")]),
            other => panic!("{other:?}"),
        }
        assert!(!dir.path().join("site.toml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            "mine\n"
        );
    }
}
