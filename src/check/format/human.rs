//! For people: `path:line:col severity rule-id message`, the hint under it,
//! a blank line between files, and a summary line.

use std::fmt::Write;

use super::{Report, plural, rule_id, severity_word};

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    let mut previous = None;
    for finding in report.findings {
        if previous.is_some_and(|p| p != &finding.path) {
            out.push('\n');
        }
        previous = Some(&finding.path);
        let _ = writeln!(
            out,
            "{} {} {} {}",
            finding.location(),
            severity_word(finding.severity),
            rule_id(finding),
            finding.message
        );
        if let Some(hint) = finding.hint.as_deref().filter(|h| !h.is_empty()) {
            let _ = writeln!(out, "    hint: {hint}");
        }
    }
    if !report.findings.is_empty() {
        out.push('\n');
    }
    let files = {
        let mut paths: Vec<_> = report.findings.iter().map(|f| &f.path).collect();
        paths.dedup();
        paths.len()
    };
    let checked = plural(report.documents, "document");
    if report.findings.is_empty() {
        let _ = writeln!(out, "{checked} checked: no problems");
    } else {
        let _ = writeln!(
            out,
            "{checked} checked: {}, {} in {}",
            plural(report.errors(), "error"),
            plural(report.warnings(), "warning"),
            plural(files, "file")
        );
    }
    out
}
