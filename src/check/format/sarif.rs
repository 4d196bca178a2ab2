//! SARIF 2.1.0, the format GitHub code scanning reads
//! (`github/codeql-action/upload-sarif`): one run, every rule described once,
//! one result per finding with its physical location.

use serde_json::{Value, json};

use super::{BUILD_RULE, Report, repo_path, rule_id};
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::{Level, RULES};

pub fn render(report: &Report<'_>) -> String {
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| result(report, finding))
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "prfaq",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules(),
                }
            },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}

/// Every rule, `build` first: a result's `ruleIndex` is its position here.
fn rules() -> Vec<Value> {
    let mut rules: Vec<Value> = vec![json!({
        "id": BUILD_RULE,
        "shortDescription": { "text": "a problem every build reports (front matter, site.toml, templates)" },
        "help": { "text": "fix the problem at the place shown; the message says how" },
        "defaultConfiguration": { "level": "error" },
    })];
    rules.extend(RULES.iter().map(|rule| {
        json!({
            "id": rule.id,
            "shortDescription": { "text": rule.reason },
            "help": { "text": rule.hint },
            "defaultConfiguration": { "level": level(rule.default) },
            "properties": { "family": rule.family },
        })
    }));
    rules
}

fn result(report: &Report<'_>, finding: &Diagnostic) -> Value {
    let mut location = json!({
        "artifactLocation": { "uri": repo_path(report, finding), "uriBaseId": "%SRCROOT%" },
    });
    if finding.line > 0 {
        location["region"] = json!({
            "startLine": finding.line,
            "startColumn": finding.col.max(1),
        });
    }
    let mut text = finding.message.clone();
    if let Some(hint) = finding.hint.as_deref().filter(|h| !h.is_empty()) {
        text.push_str(&format!(" (hint: {hint})"));
    }
    let rule = rule_id(finding);
    let index = std::iter::once(BUILD_RULE)
        .chain(RULES.iter().map(|r| r.id))
        .position(|r| r == rule)
        .unwrap_or(0);
    json!({
        "ruleId": rule,
        "ruleIndex": index,
        "level": match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "message": { "text": text },
        "locations": [{ "physicalLocation": location }],
    })
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Off => "none",
        Level::Warn => "warning",
        Level::Error => "error",
    }
}
