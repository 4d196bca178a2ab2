//! The event walk that turns one body into sections of HTML, questions with
//! anchors, a summary and word counts.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use super::positions::LineIndex;
use super::structure::{classify, is_faq, one_level_below};
use super::text::{minutes, plain_text, same_title, truncate_words};
use super::{Body, Links, Question, Section, SectionKind, Source};
use crate::diagnostics::Diagnostic;
use crate::html::escape_html;
use crate::slug::slugify;

type Spanned<'d> = (Event<'d>, Range<usize>);

/// A heading as written: its level, its `{#id}` if any, and its plain text.
#[derive(Clone, Copy)]
struct Heading<'a> {
    level: HeadingLevel,
    id: Option<&'a str>,
    text: &'a str,
}

/// What happens to one link or image being rendered (see `safety`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    Yes,
    /// Refused: its start and end tags are left out, its text stays.
    Dropped,
}

pub(super) struct Renderer<'d> {
    pub(super) source: Source<'d>,
    pub(super) links: &'d Links<'d>,
    pub(super) body: Body,
    pub(super) diagnostics: Vec<Diagnostic>,
    used_ids: HashSet<String>,
    /// The next number to try for each anchor base, so repeated headings cost O(1) each.
    next_suffix: HashMap<String, usize>,
    /// Whether each open link or image is kept (see `safety`).
    pub(super) link_stack: Vec<Kept>,
    /// The raw HTML block being read, and where it starts.
    pub(super) html_block: Option<(String, usize)>,
    /// The current section has raw HTML, so its HTML is sanitised.
    pub(super) section_has_html: bool,
    /// Line starts of the file, for diagnostics.
    pub(super) lines: LineIndex,
    current: Section,
    /// Heading level that opened the current section (questions are deeper).
    current_level: Option<HeadingLevel>,
    pending: Vec<Event<'d>>,
    saw_press_release_heading: bool,
    /// The summary is the first paragraph: looked for once.
    summary_taken: bool,
}

impl<'d> Renderer<'d> {
    pub(super) fn new(source: Source<'d>, links: &'d Links<'d>) -> Self {
        Renderer {
            source,
            links,
            body: Body::default(),
            diagnostics: Vec::new(),
            used_ids: HashSet::new(),
            next_suffix: HashMap::new(),
            link_stack: Vec::new(),
            html_block: None,
            section_has_html: false,
            lines: LineIndex::default(),
            current: new_section(SectionKind::Other, None, None),
            current_level: None,
            pending: Vec::new(),
            saw_press_release_heading: false,
            summary_taken: false,
        }
    }

    pub(super) fn run(&mut self, events: Vec<Spanned<'d>>) {
        let mut iter = events.into_iter();
        let mut first_block = true;
        while let Some((event, range)) = iter.next() {
            let at_start = first_block;
            if matches!(event, Event::Start(_)) {
                first_block = false;
            }
            match event {
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => {
                    // Collect the heading's inline events to know its text before emitting it.
                    let inner: Vec<Spanned<'d>> = iter
                        .by_ref()
                        .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
                        .collect();
                    let text = plain_text(inner.iter().map(|(e, _)| e));
                    if at_start && level == HeadingLevel::H1 && same_title(&text, self.source.title)
                    {
                        continue; // the page header already shows the title
                    }
                    // Custom `{key=value}` attributes are dropped: they could carry event handlers.
                    let heading = Heading {
                        level,
                        id: id.as_deref(),
                        text: &text,
                    };
                    self.heading(&heading, classes, inner);
                }
                event @ (Event::Start(Tag::Table(_) | Tag::CodeBlock(_))
                | Event::End(TagEnd::Table | TagEnd::CodeBlock)) => self.scrolling(event),
                Event::Start(Tag::Paragraph) if self.wants_summary() => {
                    self.maybe_summary(iter.clone().map(|(e, _)| e));
                    self.emit(Event::Start(Tag::Paragraph));
                }
                event => {
                    if let Some(event) = self.check_safety(event, range.start) {
                        let event = self.rewrite_links(event, range.start);
                        self.emit(event);
                    }
                }
            }
        }
    }

    /// Wide tables and code scroll in their own box, which a keyboard must
    /// be able to reach (tabindex) and a screen reader to name.
    fn scrolling(&mut self, event: Event<'d>) {
        let label = match &event {
            Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table) => "Table",
            _ => "Code",
        };
        if matches!(event, Event::Start(_)) {
            let open = format!(
                "<div class=\"scroll-region\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"
            );
            self.emit(Event::Html(CowStr::from(open)));
            self.emit(event);
        } else {
            self.emit(event);
            self.emit(Event::Html(CowStr::from("</div>")));
        }
    }

    fn wants_summary(&self) -> bool {
        !self.summary_taken
            && matches!(
                self.current.kind,
                SectionKind::PressRelease | SectionKind::Other
            )
    }

    fn heading(
        &mut self,
        heading: &Heading<'_>,
        mut classes: Vec<CowStr<'d>>,
        inner: Vec<Spanned<'d>>,
    ) {
        let Heading { level, id, text } = *heading;
        // `{#id}` from the document is slugified too, so an anchor is always safe in HTML.
        let anchor = self.unique_id(slugify(id.unwrap_or(text)));
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.body.outline.push(super::OutlineEntry {
                text: text.to_owned(),
                anchor: anchor.clone(),
                level: level as usize,
            });
        }
        if self.place_heading(level, text, &anchor) {
            classes.push(CowStr::from("faq-question"));
        }
        self.emit(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(anchor.clone())),
            classes,
            attrs: Vec::new(),
        }));
        for (event, range) in inner {
            if let Some(event) = self.check_safety(event, range.start) {
                let event = self.rewrite_links(event, range.start);
                self.emit(event);
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

    /// Starts a section or records a question; true for a question.
    fn place_heading(&mut self, level: HeadingLevel, text: &str, anchor: &str) -> bool {
        let ends_section = self.current_level.is_some_and(|l| level <= l);
        if let Some(kind) = classify(text) {
            self.saw_press_release_heading |= kind == SectionKind::PressRelease;
            self.start_section(kind, level, text, anchor);
        } else if ends_section {
            self.start_section(SectionKind::Other, level, text, anchor);
        } else if is_faq(self.current.kind)
            && self.current_level.and_then(one_level_below) == Some(level)
        {
            self.body.questions.push(Question {
                text: text.to_owned(),
                anchor: anchor.to_owned(),
                half: self.current.kind,
            });
            return true;
        }
        false
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
        let mut html = String::new();
        html::push_html(&mut html, events.into_iter());
        section.html = self.safe_html(html);
        self.body.sections.push(section);
    }

    pub(super) fn finish(mut self) -> (Body, Vec<Diagnostic>) {
        self.flush_section();
        let mut body = self.body;
        body.plain =
            !self.saw_press_release_heading && !body.sections.iter().any(|s| is_faq(s.kind));
        // Without a "Press Release" heading, everything before the FAQ is the press release.
        if !self.saw_press_release_heading
            && !body.plain
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
        if self.used_ids.insert(base.clone()) {
            self.body.anchors.push(base.clone());
            return base;
        }
        // Count on from where this base stopped last time: linear in the headings.
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if self.used_ids.insert(id.clone()) {
                self.body.anchors.push(id.clone());
                return id;
            }
        }
    }

    /// The first paragraph of the press release (or of the document), as text for lists.
    fn maybe_summary<'a>(&mut self, events: impl Iterator<Item = Event<'a>>) {
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
                    // A leading "**Summary.**" names the part; it is not the
                    // summary. A bold headline (more words) is.
                    let bold = label.take().unwrap_or_default();
                    let names_the_part = bold.trim_end().ends_with(['.', ':'])
                        && bold.split_whitespace().count() <= 3;
                    if !names_the_part {
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
        // A paragraph that is only a short bold label summarises nothing: try the next.
        if !text.trim().is_empty() {
            self.summary_taken = true;
            self.body.summary = truncate_words(text.trim(), 280);
        }
    }
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
