//! The quiet panel `serve` adds to a document's pages while its file has
//! warnings: the error overlay is for a save that failed, this is for one
//! that worked but has something to fix (a broken link, a missing owner).

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::Diagnostic;
use crate::html::escape_html;
use crate::library::Library;
use crate::slug::to_slash;

/// `html` with a small, dismissable list of `warnings` before `</body>`.
pub fn with_warnings(html: &[u8], warnings: &[Diagnostic]) -> Vec<u8> {
    if warnings.is_empty() {
        return html.to_vec();
    }
    let mut panel = String::from(
        r#"<details id="prfaq-warnings" open style="position:fixed;right:1rem;bottom:1rem;z-index:99998;max-width:36rem;max-height:40vh;overflow:auto;background:#fffbeb;color:#713f12;border:1px solid #f59e0b;border-radius:.5rem;font:12px/1.4 ui-monospace,monospace;padding:.5rem .75rem;opacity:.95"><summary>"#,
    );
    let count = warnings.len();
    panel.push_str(&format!(
        "prfaq: {count} warning{} in this document</summary><ul style=\"margin:.25rem 0;padding-left:1rem\">",
        if count == 1 { "" } else { "s" }
    ));
    for warning in warnings {
        panel.push_str("<li class=\"prfaq-warning\">");
        panel.push_str(&escape_html(&warning.to_string()));
        panel.push_str("</li>");
    }
    panel.push_str("</ul></details>");
    let html = String::from_utf8_lossy(html);
    match html.rfind("</body>") {
        Some(at) => format!("{}{panel}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{panel}").into_bytes(),
    }
}

/// The pages of documents whose file has warnings in `problems`, with those warnings.
pub fn warned_pages(
    library: &Library,
    problems: &BTreeMap<String, Vec<Diagnostic>>,
) -> HashMap<String, Vec<Diagnostic>> {
    let mut warned = HashMap::new();
    for entry in &library.entries {
        let key = to_slash(&entry.document.display_path);
        let warnings: Vec<Diagnostic> = problems
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|d| !d.is_error())
            .cloned()
            .collect();
        if warnings.is_empty() {
            continue;
        }
        let slug = &entry.document.slug;
        warned.insert(format!("docs/{slug}/history.html"), warnings.clone());
        warned.insert(format!("docs/{slug}/index.html"), warnings);
    }
    warned
}

/// Diagnostics grouped by the file they are in.
pub fn by_file(diagnostics: &[Diagnostic]) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut grouped: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for diagnostic in diagnostics {
        let key = to_slash(&diagnostic.path);
        grouped.entry(key).or_default().push(diagnostic.clone());
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_goes_before_the_body_end_and_escapes_messages() {
        let warning = Diagnostic::warning("content/a.md", "link to \"<x>\": no such document");
        let html = String::from_utf8(with_warnings(b"<body><p>A</p></body>", &[warning])).unwrap();
        assert!(html.ends_with("</details></body>"), "{html}");
        assert!(html.contains("&lt;x&gt;"), "{html}");
        assert!(html.contains("1 warning in this document"), "{html}");
        assert_eq!(with_warnings(b"<p>A</p>", &[]), b"<p>A</p>");
    }
}
