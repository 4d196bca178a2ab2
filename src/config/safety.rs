//! The settings that decide what prfaq reads, writes and links to: checked
//! here so a site.toml from a pull request cannot point the build outside
//! the library or put a script URL on every page.
//!
//! Folders in site.toml must stay inside the library root (relative, no
//! `..`); a folder outside it can still be chosen on the command line
//! (`--output`), where only the person running prfaq can write it.

use std::path::{Component, Path};

use super::{Config, config_error};
use crate::diagnostics::Diagnostic;
use crate::sanitize;

/// Every problem with the URLs and folders of `config`.
pub(super) fn check(config: &Config, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Err(why) = sanitize::check_base_url(&config.base_url) {
        let (message, hint) = match super::teach::base_url_fix(&config.base_url) {
            Some(fix) => (
                format!(
                    "`base_url` {:?} has no scheme, so every link would be relative to the page",
                    config.base_url
                ),
                format!("write `base_url = \"{fix}\"`"),
            ),
            None => (
                format!("`base_url` is not usable: {why}"),
                "use the published address, e.g. \"https://acme.github.io/prfaqs/\", or a path such as \"/prfaqs/\"".to_owned(),
            ),
        };
        problems.push(
            config_error(text, path, "base_url", message)
                .covering_value()
                .with_hint(hint),
        );
    }
    if let Some(repo_url) = &config.repo_url
        && !is_web_address(repo_url)
    {
        problems.push(
            config_error(
                text,
                path,
                "repo_url",
                format!("`repo_url` {repo_url:?} is not an http(s) address"),
            )
            .with_hint("use the repository's web address, e.g. \"https://github.com/acme/prfaqs\""),
        );
    }
    problems.extend(check_folders(config, text, path));
    problems
}

/// Folders and the theme name must stay inside the library root.
fn check_folders(config: &Config, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, folder) in [
        ("content_dir", &config.content_dir),
        ("output_dir", &config.output_dir),
        ("state_dir", &config.state_dir),
    ] {
        if !stays_inside(folder) {
            problems.push(
                config_error(
                    text,
                    path,
                    key,
                    format!(
                        "`{key}` {:?} leaves the library root; prfaq reads and writes only inside it",
                        folder.display().to_string()
                    ),
                )
                .with_hint(if key == "output_dir" {
                    "give a folder relative to the root, or pass --output on the command line to write elsewhere"
                } else {
                    "give a folder relative to the root, without `..`"
                }),
            );
        }
    }
    let theme = Path::new(&config.theme);
    if config.theme.is_empty()
        || config.theme.contains(['/', '\\'])
        || !stays_inside(theme)
        || config.theme.starts_with('.')
    {
        problems.push(
            config_error(
                text,
                path,
                "theme",
                format!("`theme` {:?} is not a theme name", config.theme),
            )
            .with_hint("`default`, or the name of a folder in themes/"),
        );
    }
    problems
}

/// An absolute `http(s)` URL with a host.
pub fn is_web_address(url: &str) -> bool {
    sanitize::check_base_url(url).is_ok() && !url.starts_with('/')
}

/// A relative path made of plain names only (`.` allowed), so joining it
/// onto the root stays inside the root.
pub fn stays_inside(folder: &Path) -> bool {
    !folder.as_os_str().is_empty()
        && folder
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Config::parse(text, Path::new("site.toml")) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|p| p.message.clone()).collect(),
        }
    }

    #[test]
    fn folders_and_theme_stay_inside_the_root() {
        assert!(problems("content_dir = \"docs/prfaqs\"\noutput_dir = \"site\"\nstate_dir = \".cache/prfaq\"\ntheme = \"dark\"\n").is_empty());
        for bad in [
            "content_dir = \"/elsewhere\"",
            "content_dir = \"../outside\"",
            "output_dir = \"a/../../b\"",
            "state_dir = \"/tmp/state\"",
            "theme = \"../../x\"",
            "theme = \"a/b\"",
            "theme = \"..\"",
            "theme = \"\"",
        ] {
            assert_eq!(problems(bad).len(), 1, "{bad}");
        }
    }

    #[test]
    fn urls_are_checked_with_their_line() {
        let errors = Config::parse(
            "title = \"x\"\nrepo_url = \"javascript:alert(1)\"\nbase_url = \"/\\\\evil.example/\"\n",
            Path::new("site.toml"),
        )
        .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 2]);
        assert!(problems("repo_url = \"https://github.com/acme/prfaqs\"").is_empty());
        assert_eq!(problems("repo_url = \"/relative\"").len(), 1);
    }
}
