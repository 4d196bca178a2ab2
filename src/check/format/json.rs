//! For programs: one JSON object, described by `schemas/check.schema.json`.

use serde::Serialize;

use super::{JSON_VERSION, Report, repo_path, rule_id, severity_word};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Finding<'a> {
    /// Relative to the library root.
    path: String,
    /// Relative to the repository root (the same as `path` outside git).
    repo_path: String,
    line: usize,
    column: usize,
    severity: &'static str,
    rule: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

pub fn render(report: &Report<'_>) -> String {
    let output = Output {
        version: JSON_VERSION,
        tool: Tool {
            name: "prfaq",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            documents: report.documents,
            errors: report.errors(),
            warnings: report.warnings(),
        },
        findings: report
            .findings
            .iter()
            .map(|d| Finding {
                path: d.path.to_string_lossy().replace('\\', "/"),
                repo_path: repo_path(report, d),
                line: d.line,
                column: d.col,
                severity: severity_word(d.severity),
                rule: rule_id(d),
                message: &d.message,
                hint: d.hint.as_deref().filter(|h| !h.is_empty()),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
