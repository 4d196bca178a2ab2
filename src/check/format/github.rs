//! GitHub Actions workflow commands: each finding becomes an annotation on the
//! pull request (`::error file=…,line=…,col=…,title=rule-id::message`).
//!
//! Values are escaped as the Actions runner expects: `%`, `\r` and `\n`
//! everywhere, and also `:` and `,` inside properties, so a message can never
//! end the command early or inject another one.

use std::fmt::Write;

use super::{Report, repo_path, rule_id, severity_word};

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for finding in report.findings {
        let mut properties = vec![format!("file={}", property(&repo_path(report, finding)))];
        if finding.line > 0 {
            properties.push(format!("line={}", finding.line));
            if finding.col > 0 {
                properties.push(format!("col={}", finding.col));
            }
        }
        properties.push(format!("title={}", property(rule_id(finding))));
        let mut message = finding.message.clone();
        if let Some(hint) = finding.hint.as_deref().filter(|h| !h.is_empty()) {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        let _ = writeln!(
            out,
            "::{} {}::{}",
            severity_word(finding.severity),
            properties.join(","),
            data(&message)
        );
    }
    out
}

/// Escapes a command's message.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_command() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
