//! Markdown to HTML, and the structure of a PR/FAQ inside it.
//!
//! Working Backwards documents have a shape: a press release, then an FAQ in
//! two halves (external: what customers ask; internal: what the business
//! asks), each made of questions. We recognise that shape from the headings so
//! the site can show the halves, list the questions with stable anchors, count
//! the press release's words, and link to one question.
//!
//! This module knows nothing of documents: it renders a [`Source`], so the
//! document layer can use its plain-text helpers without a cycle.

mod links;
mod positions;
mod renderer;
mod safety;
mod structure;
#[cfg(test)]
mod tests;
mod text;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser};
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
/// Re-exported for the `serve` overlay.
pub use crate::html::escape_html;
pub use links::relative_md_target;
pub use structure::classify;
pub use text::first_heading;

/// The rendered body and what we understood of its structure (kept between
/// builds by `library::bodies`, hence `Serialize`/`Deserialize`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Body {
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    /// Words in the whole document body.
    pub words: usize,
    /// Words in the press release alone.
    pub press_release_words: usize,
    pub reading_minutes: usize,
    pub press_release_minutes: usize,
    /// The first paragraph of the press release as plain text, for lists.
    pub summary: String,
    /// Sources (content-relative) of the documents this one links to.
    pub links_to: Vec<String>,
    /// Every heading's `id`, for checking links to an anchor in this document.
    pub anchors: Vec<String>,
    /// Not a PR/FAQ: no press release heading and no FAQ (an RFC, a design
    /// doc), shown as a plain document with its own headings.
    pub plain: bool,
    /// The `##` and `###` headings, for a plain document's table of contents.
    pub outline: Vec<OutlineEntry>,
}

/// One heading of the table of contents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutlineEntry {
    pub text: String,
    pub anchor: String,
    /// 2 or 3.
    pub level: usize,
}

/// A part of the document: everything from one structural heading to the next.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading that opened the section, if any.
    pub heading: Option<String>,
    pub anchor: Option<String>,
    pub html: String,
    pub words: usize,
}

/// What part of a PR/FAQ a section is; templates see it as a CSS class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Text that is neither press release nor FAQ (only when a press release heading exists).
    Other,
    PressRelease,
    /// An FAQ not split into halves, or the heading above the halves.
    Faq,
    ExternalFaq,
    InternalFaq,
}

/// One FAQ question, with the anchor that deep links use.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub text: String,
    pub anchor: String,
    pub half: SectionKind,
}

/// The text to render and where it comes from (for link targets and messages).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Path relative to the content folder, with `/` separators.
    pub source: &'a str,
    /// Path for messages, relative to the library root.
    pub display_path: &'a Path,
    /// The whole file (offsets in diagnostics count from its start).
    pub text: &'a str,
    /// Where the Markdown body starts in `text`.
    pub body_offset: usize,
    /// The title the page header shows (a first heading repeating it is dropped).
    pub title: &'a str,
}

/// How relative `.md` links become links to built pages.
pub struct Links<'a> {
    /// Content-relative source path -> URL of its page.
    pub urls: &'a HashMap<String, String>,
    /// Leave raw HTML as written (`unsafe_html` in site.toml); otherwise it is sanitised.
    pub unsafe_html: bool,
}

/// Renders a body; broken links come back as warnings.
pub fn render(source: Source<'_>, links: &Links<'_>) -> (Body, Vec<Diagnostic>) {
    let body = &source.text[source.body_offset..];
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut renderer = renderer::Renderer::new(source, links);
    renderer.run(events);
    renderer.finish()
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Renders `text` as the file `source`, with two other documents to link to.
    pub fn render_text(source: &str, text: &str) -> (Body, Vec<Diagnostic>) {
        let mut urls = HashMap::new();
        urls.insert("other.md".to_owned(), "/docs/other/".to_owned());
        urls.insert("team/deep.md".to_owned(), "/docs/team/deep/".to_owned());
        let body_offset = crate::front_matter::split(text).map_or(0, |s| s.body_offset);
        let input = Source {
            source,
            display_path: Path::new(source),
            text,
            body_offset,
            title: "Thing",
        };
        render(
            input,
            &Links {
                urls: &urls,
                unsafe_html: false,
            },
        )
    }
}
