//! What a document's Markdown may not put in a page: links and images to
//! anything but `http`, `https`, `mailto` or a relative URL, and raw HTML
//! that could run script (sanitised, unless site.toml says `unsafe_html`).
//!
//! Links are checked as pulldown-cmark resolves them, so every form is seen
//! the same way: inline, `<angle>`, autolinks, reference definitions, and
//! destinations with entities (`javascript&#58;…`), which the parser has
//! already decoded. A refused link keeps its text; a refused image keeps its
//! alt text. Each is a warning at the line it is written on.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::renderer::{Kept, Renderer};
use crate::diagnostics::Diagnostic;
use crate::sanitize;

impl<'d> Renderer<'d> {
    /// `event` as it may be emitted, or `None` to leave it out. `offset` is
    /// where it starts in the body, for warnings.
    pub(super) fn check_safety(&mut self, event: Event<'d>, offset: usize) -> Option<Event<'d>> {
        match event {
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let kept = if sanitize::is_allowed_url(dest_url) {
                    Kept::Yes
                } else {
                    let what = if matches!(event, Event::Start(Tag::Image { .. })) {
                        "image"
                    } else {
                        "link"
                    };
                    let message = format!(
                        "{what} to {:?} dropped: only http, https, mailto and relative URLs are allowed",
                        dest_url.as_ref()
                    );
                    self.warn_at(message, offset, 0);
                    Kept::Dropped
                };
                self.link_stack.push(kept);
                (kept == Kept::Yes).then_some(event)
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                (self.link_stack.pop() != Some(Kept::Dropped)).then_some(event)
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some((String::new(), offset));
                self.section_has_html = true;
                Some(event)
            }
            Event::Html(ref html) if self.html_block.is_some() => {
                if let Some((block, _)) = &mut self.html_block {
                    block.push_str(html);
                }
                Some(event)
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((block, start)) = self.html_block.take() {
                    self.report_dropped_urls(&block, start);
                }
                Some(event)
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                self.section_has_html = true;
                let html = html.to_string();
                self.report_dropped_urls(&html, offset);
                Some(event)
            }
            event => Some(event),
        }
    }

    /// The HTML of a finished section, sanitised when it has raw HTML in it.
    pub(super) fn safe_html(&mut self, html: String) -> String {
        let has_html = std::mem::take(&mut self.section_has_html);
        if has_html && !self.links.unsafe_html {
            sanitize::clean_html(&html)
        } else {
            html
        }
    }

    fn report_dropped_urls(&mut self, html: &str, offset: usize) {
        if self.links.unsafe_html {
            return;
        }
        for dropped in sanitize::dropped_urls(html) {
            let message = format!(
                "URL {:?} in raw HTML dropped: only http, https, mailto and relative URLs are allowed",
                dropped.url
            );
            self.warn_at(message, offset, dropped.line - 1);
        }
    }

    /// A warning at `offset` in the body, moved down `lines_below` lines.
    fn warn_at(&mut self, message: String, offset: usize, lines_below: usize) {
        let source = self.source;
        let diagnostic = Diagnostic::warning(source.display_path, message).with_hint(
            "link to web pages (http, https), email addresses (mailto) or files of the library",
        );
        let diagnostic = self.lines.locate(
            diagnostic,
            source.text,
            source.body_offset + offset,
            lines_below,
        );
        self.diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::render_text;

    fn html_of(text: &str) -> (String, Vec<(usize, String)>) {
        let (body, diagnostics) = render_text("a.md", text);
        let html = body.sections.iter().map(|s| s.html.as_str()).collect();
        let warnings = diagnostics
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect();
        (html, warnings)
    }

    #[test]
    fn script_urls_are_dropped_in_every_link_form() {
        let text = "[a](javascript:alert(1)) [b](<javascript:alert(1)>) <javascript:alert(1)>\n\
                    [c](javascript&#58;alert(1)) [d](JaVaScRiPt:alert(1)) [e](vbscript:msgbox(1))\n\
                    [f][r] ![g](javascript:alert(1)) [ok](https://example.com) <mailto:a@b.c>\n\n\
                    [r]: javascript:alert(1)\n";
        let (html, warnings) = html_of(text);
        assert_no_script(&html);
        for kept_text in [">a<", "a b", "f", "g"] {
            assert!(
                html.contains(kept_text.trim_matches(['<', '>'])),
                "{kept_text} in {html}"
            );
        }
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.c\""), "{html}");
        let lines: Vec<usize> = warnings.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 1, 1, 2, 2, 2, 3, 3], "{warnings:?}");
    }

    #[test]
    fn raw_html_is_sanitised_everywhere_and_its_urls_reported() {
        let text = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n\
                    ## FAQ\n\n### <svg onload=alert(1)>Why?\n\n\
                    | a | <b onmouseover=alert(1)>b</b> |\n|---|---|\n| 1 | 2 |\n\n\
                    Note[^1].\n\n[^1]: <details ontoggle=alert(1) open>x</details>\n\n\
                    <div>\n<a href=\"javascript:alert(1)\">x</a>\n</div>\n";
        let (html, warnings) = html_of(text);
        assert_no_script(&html);
        for kept in [
            "<table>",
            "<details open=\"\">",
            "footnote-definition",
            "Why?",
        ] {
            assert!(html.contains(kept), "{kept} in {html}");
        }
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, 18);
    }

    /// No script element, no event handler, no URL with a scheme outside the allowlist.
    fn assert_no_script(html: &str) {
        let fragment = scraper::Html::parse_fragment(html);
        for element in fragment
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            let name = element.value().name();
            assert!(
                !matches!(name, "script" | "iframe" | "object" | "embed" | "style"),
                "<{name}> in {html}"
            );
            for (attribute, value) in element.value().attrs() {
                assert!(!attribute.starts_with("on"), "{attribute} in {html}");
                assert!(
                    crate::sanitize::is_allowed_url(value) || !matches!(attribute, "href" | "src"),
                    "{attribute}={value} in {html}"
                );
            }
        }
    }
}
