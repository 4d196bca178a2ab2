//! A diff as HTML, every piece of text escaped.

use super::{FileDiff, LineKind};
use crate::html::escape_html;

impl FileDiff {
    /// The diff as HTML: built here rather than in a template because a large
    /// library has tens of thousands of revisions, and a template loop per
    /// diff line is the slowest part of a build. Every piece of text is escaped.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<div class=\"diff\">");
        if self.groups.is_empty() {
            html.push_str("<p class=\"muted small\">No textual change.</p>");
        }
        for group in &self.groups {
            html.push_str("<section class=\"diff-group\"><h3 class=\"diff-section\">");
            html.push_str(group.section);
            html.push_str("</h3><div class=\"scroll-region\" tabindex=\"0\" role=\"region\" aria-label=\"Changes in ");
            html.push_str(group.section);
            html.push_str("\"><table class=\"diff-lines\"><thead class=\"visually-hidden\"><tr><th scope=\"col\">Old line</th><th scope=\"col\">New line</th><th scope=\"col\">Text</th></tr></thead><tbody>");
            for line in &group.lines {
                let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
                html.push_str(&format!(
                    "<tr class=\"diff-{}\"><td class=\"ln\">{}</td><td class=\"ln\">{}</td><td class=\"diff-text\">",
                    line.kind.name(),
                    number(line.old),
                    number(line.new)
                ));
                if line.kind == LineKind::Gap {
                    html.push('⋯');
                }
                for segment in &line.segments {
                    let text = escape_html(&segment.text);
                    if segment.changed {
                        html.push_str(&format!("<mark>{text}</mark>"));
                    } else {
                        html.push_str(&text);
                    }
                }
                html.push_str("</td></tr>");
            }
            html.push_str("</tbody></table></div></section>");
        }
        html.push_str("</div>");
        html
    }
}
