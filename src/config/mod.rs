//! `site.toml`: the library's settings, every key optional.
//!
//! The workflow vocabulary (statuses and stages) lives here because teams name
//! their stages differently; documents are validated against it. Unknown keys
//! are errors with a line and column, because a misspelt key silently ignored
//! is a setting the user thinks they changed.

pub mod check;
mod fields;
mod review;
mod safety;
pub mod teach;
mod vocabulary;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
pub use fields::{Aliases, Fields, Sources};
pub use safety::{is_web_address, stays_inside};
pub use vocabulary::{Resolved, Term};
use vocabulary::{default_stages, default_statuses, vocabulary};

pub const CONFIG_FILE: &str = "site.toml";
/// Rows per list page unless `page_size` says otherwise: about 100 KB of HTML.
pub const DEFAULT_PAGE_SIZE: NonZeroUsize = NonZeroUsize::new(100).expect("not zero");
/// The review page's own reading pack is at most this many KiB of documents' HTML unless
/// `review_pack_kib` says otherwise: with the list and the page around it, well under 1 MiB.
pub const DEFAULT_REVIEW_PACK_KIB: usize = 512;
/// Default folder, at the library root, for the state kept between builds.
pub const STATE_DIR: &str = ".prfaq";

/// The library's settings, with defaults filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and the browser tab.
    pub title: String,
    /// One line about the library, shown on the home page.
    pub description: String,
    /// Where the site is published, e.g. `https://acme.github.io/prfaqs/`; its path is the prefix of every link.
    pub base_url: String,
    /// Folder of Markdown PR/FAQs, relative to the root.
    pub content_dir: PathBuf,
    /// Folder the site is written to, relative to the root.
    pub output_dir: PathBuf,
    /// Theme name: `default` (built in) or a folder under `themes/`.
    pub theme: String,
    /// Allowed document statuses, in board order.
    #[serde(deserialize_with = "vocabulary")]
    pub statuses: Vec<Term>,
    /// Allowed stages, in pipeline order.
    #[serde(deserialize_with = "vocabulary")]
    pub stages: Vec<Term>,
    /// Web address of the repository (e.g. `https://github.com/acme/prfaqs`), for links to commits and sources.
    pub repo_url: Option<String>,
    /// Read each document's revision history from git.
    pub history: bool,
    /// Pass raw HTML in documents through unsanitised: only for libraries whose every author is trusted.
    pub unsafe_html: bool,
    /// Folder for what prfaq keeps between builds (history cache, manifest, lock), relative to the root.
    pub state_dir: PathBuf,
    /// `[check]`: levels and settings of the `prfaq check` rules.
    pub check: check::CheckConfig,
    /// Ids of the statuses whose documents the review page lists (default: `in-review`, when there is one).
    pub review_statuses: Option<Vec<String>>,
    /// Which front matter keys fill which field, for libraries written with other keys.
    pub fields: Fields,
    /// Other words for the statuses and stages (`[aliases.status] accepted = "proceed"`).
    pub aliases: Aliases,
    /// Build the search index, the search page and the search box.
    pub search: bool,
    /// Rows per page of the documents table, and documents per page of a leader or tag.
    pub page_size: NonZeroUsize,
    /// The most HTML (KiB) of documents the review page holds itself; over it, its script loads each chosen document.
    pub review_pack_kib: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "PR/FAQ library".into(),
            description: "Every PR/FAQ we wrote, what we decided and why.".into(),
            base_url: "/".into(),
            content_dir: "content".into(),
            output_dir: "public".into(),
            theme: "default".into(),
            statuses: default_statuses(),
            stages: default_stages(),
            repo_url: None,
            history: true,
            unsafe_html: false,
            state_dir: STATE_DIR.into(),
            check: check::CheckConfig::default(),
            review_statuses: None,
            fields: Fields::default(),
            aliases: Aliases::default(),
            search: true,
            page_size: DEFAULT_PAGE_SIZE,
            review_pack_kib: DEFAULT_REVIEW_PACK_KIB,
        }
    }
}

impl Config {
    /// Reads `site.toml` from `root`; a root without one gets the defaults.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, Path::new(CONFIG_FILE)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(vec![Diagnostic::error(
                CONFIG_FILE,
                format!("cannot read {}: {e}", path.display()),
            )]),
        }
    }

    /// Parses the text of a `site.toml`; `path` is only used in diagnostics.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_owned();
            let diagnostic = Diagnostic::error(path, message.clone());
            let diagnostic = match e.span() {
                Some(span) => diagnostic.at_offset(text, span.start).covering_value(),
                None => diagnostic,
            };
            let hint = teach::hint_for(&message, diagnostic.source_line.as_deref(), true)
                .map_or_else(String::new, |hint| format!("{hint}; "));
            vec![diagnostic.with_hint(format!(
                "{hint}see the site.toml reference in the README for the accepted keys and values"
            ))]
        })?;
        let mut problems = config.check(text, path);
        problems.extend(config.check.validate(&config.statuses, text, path));
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        base_path(&self.base_url)
    }

    pub fn stage(&self, id: &str) -> Option<&Term> {
        self.stages.iter().find(|t| t.id == id)
    }

    fn check(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (key, terms) in [("statuses", &self.statuses), ("stages", &self.stages)] {
            let mut seen = std::collections::HashSet::new();
            if terms.is_empty() {
                problems.push(config_error(text, path, key, format!("`{key}` is empty")));
            }
            for term in terms {
                if term.id.trim().is_empty() || !seen.insert(term.id.as_str()) {
                    problems.push(config_error(
                        text,
                        path,
                        key,
                        format!("`{key}` has an empty or repeated id {:?}", term.id),
                    ));
                }
            }
        }
        problems.extend(safety::check(self, text, path));
        problems.extend(self.check_review_statuses(text, path));
        problems.extend(self.check_aliases(text, path));
        problems
    }

    /// Every alias must name a configured id.
    fn check_aliases(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let tables = [
            ("status", &self.aliases.status, &self.statuses),
            ("stage", &self.aliases.stage, &self.stages),
        ];
        for (kind, aliases, terms) in tables {
            for (from, to) in aliases {
                if terms.iter().any(|t| &t.id == to) {
                    continue;
                }
                let ids: Vec<&str> = terms.iter().map(|t| t.id.as_str()).collect();
                let did_you_mean = crate::suggest::did_you_mean(to, ids.iter().copied());
                problems.push(
                    config_error(
                        text,
                        path,
                        from,
                        format!("alias `{from}` names the unknown {kind} {to:?}"),
                    )
                    .covering_value()
                    .with_hint(format!("{did_you_mean}expected one of: {}", ids.join(", "))),
                );
            }
        }
        problems
    }
}

/// Turns `https://acme.github.io/prfaqs` or `/prfaqs` into `/prfaqs/`.
pub fn base_path(base_url: &str) -> String {
    let without_scheme = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => base_url,
    };
    let trimmed = without_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

fn config_error(text: &str, path: &Path, key: &str, message: String) -> Diagnostic {
    let diagnostic = Diagnostic::error(path, message);
    match crate::front_matter::find_key(text, key) {
        Some(offset) => diagnostic.at_offset(text, offset),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn empty_file_gives_working_backwards_defaults() {
        let config = parse("").unwrap();
        let stages: Vec<_> = config.stages.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            stages,
            ["listen", "define", "invent", "refine", "test-and-iterate"]
        );
        assert_eq!(config.statuses.len(), 5);
        let active: Vec<_> = config
            .statuses
            .iter()
            .filter(|t| t.active)
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(active, ["draft", "in-review", "proceed"]);
        assert_eq!(config.base_path(), "/");
        assert!(config.history);
    }

    #[test]
    fn vocabulary_accepts_plain_ids_and_tables() {
        let config = parse(
            "stages = [\"proposed\", \"accepted\"]\n\
             [[statuses]]\nid = \"open\"\nlabel = \"Open\"\ncolor = \"#123\"\n\
             [[statuses]]\nid = \"closed\"\n",
        )
        .unwrap();
        assert_eq!(config.stages[0].label, "Proposed");
        assert_eq!(config.statuses[0].colour.as_deref(), Some("#123"));
        assert_eq!(config.statuses[1].label, "Closed");
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_column() {
        let errors = parse("title = \"x\"\nthem = \"dark\"\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].col), (2, 1));
        assert!(errors[0].message.contains("them"), "{}", errors[0].message);
    }

    #[test]
    fn repeated_ids_are_errors() {
        let errors = parse("\n\nstages = [\"a\", \"a\"]\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
    }

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path("https://acme.github.io/prfaqs"), "/prfaqs/");
        assert_eq!(
            base_path("https://acme.github.io/org/prfaqs/"),
            "/org/prfaqs/"
        );
        assert_eq!(base_path("https://example.com"), "/");
        assert_eq!(base_path("/docs"), "/docs/");
        assert_eq!(base_path(""), "/");
    }
}
