//! Markdown to HTML, and the structure of a PR/FAQ inside it.
//!
//! Working Backwards documents have a shape: a press release, then an FAQ in
//! two halves (external: what customers ask; internal: what the business
//! asks), each made of questions. We recognise that shape from the headings so
//! the site can show the halves, list the questions with stable anchors, count
//! the press release's words, and link to one question.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::document::{Document, slugify};

/// Words a reader gets through in a silent-reading meeting: ~500 words a page, 3 minutes a page.
const WORDS_PER_MINUTE: usize = 500 / 3;

/// The rendered body and what we understood of its structure.
#[derive(Debug, Clone, Default, Serialize)]
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
    #[serde(skip)]
    pub links_to: Vec<String>,
}

/// A part of the document: everything from one structural heading to the next.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading that opened the section, if any.
    pub heading: Option<String>,
    pub anchor: Option<String>,
    pub html: String,
    pub words: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub text: String,
    pub anchor: String,
    pub half: SectionKind,
}

/// How relative `.md` links become links to built pages.
pub struct Links<'a> {
    /// Content-relative source path -> URL of its page.
    pub urls: &'a HashMap<String, String>,
}

/// Renders a document's body; broken links come back as warnings.
pub fn render(document: &Document, links: &Links<'_>) -> (Body, Vec<Diagnostic>) {
    let body = document.body();
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut renderer = Renderer::new(document, links);
    renderer.run(events);
    renderer.finish()
}

/// The plain text of the first level-one heading, for documents without a title.
pub fn first_heading(body: &str) -> Option<String> {
    let mut events = Parser::new_ext(body, options());
    events.find(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    })?;
    let inner: Vec<Event<'_>> = events
        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
        .collect();
    Some(plain_text(inner.iter())).filter(|t| !t.is_empty())
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct Renderer<'d> {
    document: &'d Document,
    links: &'d Links<'d>,
    body: Body,
    diagnostics: Vec<Diagnostic>,
    used_ids: HashSet<String>,
    current: Section,
    /// Heading level that opened the current section (questions are deeper).
    current_level: Option<HeadingLevel>,
    pending: Vec<Event<'d>>,
    saw_press_release_heading: bool,
    /// The summary is the first paragraph: looked for once.
    summary_taken: bool,
}

impl<'d> Renderer<'d> {
    fn new(document: &'d Document, links: &'d Links<'d>) -> Self {
        Renderer {
            document,
            links,
            body: Body::default(),
            diagnostics: Vec::new(),
            used_ids: HashSet::new(),
            current: new_section(SectionKind::Other, None, None),
            current_level: None,
            pending: Vec::new(),
            saw_press_release_heading: false,
            summary_taken: false,
        }
    }

    fn run(&mut self, events: Vec<(Event<'d>, Range<usize>)>) {
        let mut iter = events.into_iter().peekable();
        let mut first_block = true;
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    // Collect the heading's inline events to know its text before emitting it.
                    let mut inner = Vec::new();
                    for (event, range) in iter.by_ref() {
                        if matches!(event, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push((event, range));
                    }
                    let text = plain_text(inner.iter().map(|(e, _)| e));
                    let is_title = first_block && level == HeadingLevel::H1;
                    first_block = false;
                    if is_title && same_title(&text, &self.document.title) {
                        continue; // the page header already shows the title
                    }
                    // Custom `{key=value}` attributes are dropped: they could carry event handlers.
                    drop(attrs);
                    self.heading(level, id.as_deref(), classes, &text, inner);
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    first_block = false;
                    let dest_url = self.rewrite_link(dest_url, range.start);
                    self.emit(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Paragraph)
                    if !self.summary_taken
                        && matches!(
                            self.current.kind,
                            SectionKind::PressRelease | SectionKind::Other
                        ) =>
                {
                    first_block = false;
                    self.maybe_summary(iter.clone().map(|(e, _)| e));
                    self.emit(Event::Start(Tag::Paragraph));
                }
                event => {
                    if matches!(event, Event::Start(_)) {
                        first_block = false;
                    }
                    self.emit(event);
                }
            }
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<&str>,
        classes: Vec<CowStr<'d>>,
        text: &str,
        inner: Vec<(Event<'d>, Range<usize>)>,
    ) {
        // `{#id}` from the document is slugified too, so an anchor is always safe in HTML.
        let anchor = self.unique_id(slugify(id.unwrap_or(text)));
        let ends_section = self.current_level.is_some_and(|l| level <= l);
        if let Some(kind) = classify(text) {
            self.saw_press_release_heading |= kind == SectionKind::PressRelease;
            self.start_section(kind, level, text, &anchor);
        } else if ends_section {
            self.start_section(SectionKind::Other, level, text, &anchor);
        } else if is_faq(self.current.kind)
            && self.current_level.and_then(one_level_below) == Some(level)
        {
            self.body.questions.push(Question {
                text: text.to_owned(),
                anchor: anchor.clone(),
                half: self.current.kind,
            });
        }
        let mut classes = classes;
        if self
            .body
            .questions
            .last()
            .is_some_and(|q| q.anchor == anchor)
        {
            classes.push(CowStr::from("faq-question"));
        }
        self.emit(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(anchor.clone())),
            classes,
            attrs: Vec::new(),
        }));
        for (event, range) in inner {
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.rewrite_link(dest_url, range.start);
                    self.emit(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                event => self.emit(event),
            }
        }
        if level >= HeadingLevel::H2 {
            let label = escape_html(text);
            let link = format!(
                " <a class=\"anchor\" href=\"#{anchor}\" aria-label=\"Link to: {label}\">#</a>"
            );
            self.emit(Event::InlineHtml(CowStr::from(link)));
        }
        self.emit(Event::End(TagEnd::Heading(level)));
    }

    fn start_section(&mut self, kind: SectionKind, level: HeadingLevel, text: &str, anchor: &str) {
        self.flush_section();
        self.current = new_section(kind, Some(text.to_owned()), Some(anchor.to_owned()));
        self.current_level = Some(level);
    }

    fn emit(&mut self, event: Event<'d>) {
        if let Event::Text(text) | Event::Code(text) = &event {
            self.current.words += text.split_whitespace().count();
        }
        self.pending.push(event);
    }

    fn flush_section(&mut self) {
        let events = std::mem::take(&mut self.pending);
        let mut section = std::mem::replace(
            &mut self.current,
            new_section(SectionKind::Other, None, None),
        );
        if events.is_empty() && section.heading.is_none() {
            return;
        }
        html::push_html(&mut section.html, events.into_iter());
        self.body.sections.push(section);
    }

    fn finish(mut self) -> (Body, Vec<Diagnostic>) {
        self.flush_section();
        let mut body = self.body;
        // Without a "Press Release" heading, everything before the FAQ is the press release.
        if !self.saw_press_release_heading
            && let Some(first) = body
                .sections
                .first_mut()
                .filter(|s| s.kind == SectionKind::Other)
        {
            first.kind = SectionKind::PressRelease;
        }
        body.words = body.sections.iter().map(|s| s.words).sum();
        body.press_release_words = body
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::PressRelease)
            .map(|s| s.words)
            .sum();
        body.reading_minutes = minutes(body.words);
        body.press_release_minutes = minutes(body.press_release_words);
        body.links_to.sort();
        body.links_to.dedup();
        (body, self.diagnostics)
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.used_ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    /// The first paragraph of the press release (or of the document), as text for lists.
    fn maybe_summary<'a>(&mut self, events: impl Iterator<Item = Event<'a>>) {
        self.summary_taken = true;
        let mut depth = 0;
        let mut text = String::new();
        let mut label = None;
        for event in events {
            match event {
                Event::Start(Tag::Strong) if text.is_empty() => {
                    label = Some(String::new());
                    depth += 1;
                }
                Event::End(TagEnd::Strong) if label.is_some() && depth == 1 => {
                    // A leading "**Summary.**" names the part; it is not the summary.
                    let bold = label.take().unwrap_or_default();
                    if !bold.trim_end().ends_with(['.', ':']) {
                        text.push_str(&bold);
                    }
                    depth -= 1;
                }
                Event::Start(_) => depth += 1,
                Event::End(TagEnd::Paragraph) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => match &mut label {
                    Some(bold) => bold.push_str(&t),
                    None => text.push_str(&t),
                },
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        self.body.summary = truncate_words(text.trim(), 280);
    }

    /// `other.md#q` (relative to this document) becomes the other document's page URL.
    fn rewrite_link(&mut self, dest: CowStr<'d>, offset: usize) -> CowStr<'d> {
        let Some(target) = relative_md_target(&self.document.source, &dest) else {
            return dest;
        };
        let (path, fragment) = target;
        match self.links.urls.get(&path) {
            Some(url) => {
                self.body.links_to.push(path);
                CowStr::from(format!("{url}{fragment}"))
            }
            None => {
                let diagnostic = Diagnostic::warning(
                    &self.document.display_path,
                    format!("link to \"{dest}\": no such document in the library"),
                )
                .at_offset(&self.document.text, self.document.body_offset + offset)
                .with_hint("link to another PR/FAQ with its path relative to this file, e.g. `../other-idea.md`");
                self.diagnostics.push(diagnostic);
                dest
            }
        }
    }
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    escaped
}

fn new_section(kind: SectionKind, heading: Option<String>, anchor: Option<String>) -> Section {
    Section {
        kind,
        heading,
        anchor,
        html: String::new(),
        words: 0,
    }
}

/// Recognises the structural headings of a PR/FAQ, in the spellings teams use.
pub(crate) fn classify(heading: &str) -> Option<SectionKind> {
    let h = heading.to_lowercase();
    let is_faq = h.contains("faq") || h.contains("frequently asked");
    if is_faq && (h.contains("external") || h.contains("customer")) {
        Some(SectionKind::ExternalFaq)
    } else if is_faq
        && (h.contains("internal") || h.contains("stakeholder") || h.contains("business"))
    {
        Some(SectionKind::InternalFaq)
    } else if is_faq {
        Some(SectionKind::Faq)
    } else if h.contains("press release") {
        Some(SectionKind::PressRelease)
    } else {
        None
    }
}

fn one_level_below(level: HeadingLevel) -> Option<HeadingLevel> {
    HeadingLevel::try_from(level as usize + 1).ok()
}

fn is_faq(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Faq | SectionKind::ExternalFaq | SectionKind::InternalFaq
    )
}

/// Whether a heading repeats the title, whatever quotes smart punctuation made.
fn same_title(heading: &str, title: &str) -> bool {
    let plain = |text: &str| {
        text.trim()
            .replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
    };
    plain(heading).eq_ignore_ascii_case(&plain(title))
}

fn plain_text<'a, 'e: 'a>(events: impl Iterator<Item = &'a Event<'e>>) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_owned()
}

fn minutes(words: usize) -> usize {
    if words == 0 {
        0
    } else {
        words.div_ceil(WORDS_PER_MINUTE)
    }
}

fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
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
    use crate::config::Config;
    use std::path::Path;

    fn render_text(source: &str, text: &str) -> (Body, Vec<Diagnostic>) {
        let (doc, _) = Document::parse(
            source,
            Path::new(source),
            text.to_owned(),
            &Config::default(),
        );
        let mut urls = HashMap::new();
        urls.insert("other.md".to_owned(), "/docs/other/".to_owned());
        urls.insert("team/deep.md".to_owned(), "/docs/team/deep/".to_owned());
        render(&doc.unwrap(), &Links { urls: &urls })
    }

    const DOC: &str = "+++\ntitle = \"Thing\"\n+++\n# Thing\n\n## Press Release\n\nFirst para is the summary.\n\n\
        ## External FAQ\n\n### How much?\n\nFree.\n\n## Internal FAQ\n\n### Why now?\n\nBecause.\n\n### How much?\n\nA lot.\n";

    #[test]
    fn finds_press_release_and_both_faq_halves() {
        let (body, _) = render_text("a.md", DOC);
        let kinds: Vec<_> = body.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::PressRelease,
                SectionKind::ExternalFaq,
                SectionKind::InternalFaq
            ]
        );
        let questions: Vec<_> = body
            .questions
            .iter()
            .map(|q| (q.anchor.as_str(), q.half))
            .collect();
        assert_eq!(
            questions,
            [
                ("how-much", SectionKind::ExternalFaq),
                ("why-now", SectionKind::InternalFaq),
                ("how-much-2", SectionKind::InternalFaq)
            ]
        );
        assert_eq!(body.summary, "First para is the summary.");
        let (body, _) = render_text("a.md", "**Summary.** Shoppers **love** it.\n");
        assert_eq!(body.summary, "Shoppers love it.");
        assert!(
            !body.sections[0].html.contains("<h1"),
            "title heading is dropped"
        );
    }

    #[test]
    fn nested_faq_halves_one_level_deeper() {
        let text = "Intro text.\n\n## FAQ\n\n### Customer FAQ\n\n#### Q1?\n\nA.\n\n### Internal FAQ\n\n#### Q2?\n\nB.\n";
        let (body, _) = render_text("a.md", text);
        let kinds: Vec<_> = body.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::PressRelease,
                SectionKind::Faq,
                SectionKind::ExternalFaq,
                SectionKind::InternalFaq
            ]
        );
        assert_eq!(body.questions.len(), 2);
        assert_eq!(body.questions[1].half, SectionKind::InternalFaq);
    }

    #[test]
    fn counts_words_and_reading_time() {
        let words = "word ".repeat(600);
        let (body, _) = render_text(
            "a.md",
            &format!("## Press Release\n\n{words}\n\n## FAQ\n\n### Q?\n\none two\n"),
        );
        assert_eq!(body.press_release_words, 602); // "Press Release" is two words
        assert_eq!(body.press_release_minutes, 4);
        assert_eq!(body.words, 602 + 1 + 1 + 2);
    }

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
    fn extensions_are_on() {
        let (body, _) = render_text(
            "a.md",
            "|a|b|\n|-|-|\n|1|2|\n\n~~old~~ \"quoted\" [^1]\n\n[^1]: note\n\n- [x] done\n",
        );
        let html = &body.sections[0].html;
        for needle in [
            "<table>",
            "<del>old</del>",
            "\u{201c}quoted\u{201d}",
            "footnote",
            "checkbox",
        ] {
            assert!(html.contains(needle), "{needle} missing in {html}");
        }
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
