//! The four ways `prfaq check` prints its findings: for people (`human`), for
//! programs (`json`, with a JSON Schema in `schemas/check.schema.json`), for
//! GitHub pull request annotations (`github`) and for GitHub code scanning
//! (`sarif`, SARIF 2.1.0). Each is a pure function from a [`Report`] to text.

mod github;
mod human;
mod json;
mod sarif;

use crate::diagnostics::{Diagnostic, Severity};

/// The rule id shown for problems every build reports (bad front matter, template errors…).
pub const BUILD_RULE: &str = "build";

/// Version of the JSON output's schema; bumped only on incompatible changes.
pub const JSON_VERSION: u32 = 1;

/// How to print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col severity rule-id message`, a hint under it, grouped by file.
    Human,
    /// One JSON object (schemas/check.schema.json).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// What `check` found.
pub struct Report<'a> {
    /// Every finding, sorted by file and position.
    pub findings: &'a [Diagnostic],
    /// How many documents were checked (reported on).
    pub documents: usize,
    /// The library root's path inside its git repository (`docs/` or empty),
    /// so GitHub can place annotations on repository paths.
    pub repo_prefix: &'a str,
}

impl Report<'_> {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// The report in `format`.
pub fn render(format: Format, report: &Report<'_>) -> String {
    match format {
        Format::Human => human::render(report),
        Format::Json => json::render(report),
        Format::Github => github::render(report),
        Format::Sarif => sarif::render(report),
    }
}

fn rule_id(diagnostic: &Diagnostic) -> &'static str {
    diagnostic.rule_id().unwrap_or(BUILD_RULE)
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The path as written in the repository, with `/` separators.
fn repo_path(report: &Report<'_>, diagnostic: &Diagnostic) -> String {
    let path = diagnostic.path.to_string_lossy().replace('\\', "/");
    format!("{}{path}", report.repo_prefix)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
