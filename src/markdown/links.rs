//! Links between PR/FAQs: a relative `.md` link becomes the URL of the other
//! document's page, and a link to a document that does not exist is a warning.

use pulldown_cmark::{CowStr, Event, Tag};

use super::renderer::Renderer;
use crate::diagnostics::Diagnostic;

impl<'d> Renderer<'d> {
    /// `event`, with the destination of a link rewritten; `offset` is where it
    /// starts in the body, for the warning about a broken link.
    pub(super) fn rewrite_links(&mut self, event: Event<'d>, offset: usize) -> Event<'d> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.rewrite_link(dest_url, offset),
                title,
                id,
            }),
            event => event,
        }
    }

    /// `other.md#q` (relative to this document) becomes the other document's page URL.
    fn rewrite_link(&mut self, dest: CowStr<'d>, offset: usize) -> CowStr<'d> {
        let Some((path, fragment)) = relative_md_target(self.source.source, &dest) else {
            return dest;
        };
        match self.links.urls.get(&path) {
            Some(url) => {
                self.body.links_to.push(path);
                CowStr::from(format!("{url}{fragment}"))
            }
            None => {
                let source = self.source;
                let diagnostic = Diagnostic::warning(
                    source.display_path,
                    format!("link to \"{dest}\": no such document in the library"),
                )
                .with_hint("link to another PR/FAQ with its path relative to this file, e.g. `../other-idea.md`")
                .with_rule(crate::rules::LINK_BROKEN);
                let diagnostic =
                    self.lines
                        .locate(diagnostic, source.text, source.body_offset + offset, 0);
                self.diagnostics.push(diagnostic);
                dest
            }
        }
    }
}

/// For a link written in `from` (content-relative), the content-relative `.md`
/// path it points at and its `#fragment`; `None` for links elsewhere.
pub fn relative_md_target(from: &str, dest: &str) -> Option<(String, String)> {
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let has_scheme = path.find(':').is_some_and(|i| !path[..i].contains('/'));
    if has_scheme || path.starts_with('/') || !path.ends_with(".md") {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name: links are relative to its folder
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some((parts.join("/"), fragment.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::render_text;

    #[test]
    fn rewrites_relative_md_links_and_reports_broken_ones() {
        let (body, diagnostics) = render_text(
            "team/x.md",
            "See [a](../other.md#q), [b](deep.md) and [c](nope.md).\n",
        );
        let html = &body.sections[0].html;
        assert!(html.contains("href=\"/docs/other/#q\""), "{html}");
        assert!(html.contains("href=\"/docs/team/deep/\""), "{html}");
        assert_eq!(body.links_to, ["other.md", "team/deep.md"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!((diagnostics[0].line, diagnostics[0].col), (1, 42));
    }

    #[test]
    fn links_in_headings_are_rewritten_too() {
        let (body, _) = render_text("a.md", "## See [it](other.md)\n");
        assert!(body.sections[0].html.contains("href=\"/docs/other/\""));
    }

    #[test]
    fn relative_targets() {
        assert_eq!(
            relative_md_target("a/b.md", "../c.md#x"),
            Some(("c.md".into(), "#x".into()))
        );
        assert_eq!(
            relative_md_target("a.md", "./c.md"),
            Some(("c.md".into(), String::new()))
        );
        assert_eq!(relative_md_target("a.md", "https://x.org/c.md"), None);
        assert_eq!(relative_md_target("a.md", "../../c.md"), None);
        assert_eq!(relative_md_target("a.md", "c.png"), None);
    }
}
