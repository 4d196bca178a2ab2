//! A document's blocks with their positions, for the content rules.
//!
//! The renderer (`markdown.rs`) turns a body into HTML and counts words; the
//! rules need something else: every heading and paragraph with the byte
//! offset it starts at, the bold lead-in that names a part (`**Problem.**`),
//! each FAQ question with its answer, and every link. Sections are found with
//! the same heading classification the renderer uses, so the check and the
//! page always agree on where the press release and the FAQ halves are.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::markdown::{self, SectionKind};

/// The blocks, questions and links of one document.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Outline {
    pub blocks: Vec<Block>,
    pub questions: Vec<Question>,
    pub links: Vec<LinkRef>,
    /// Byte ranges (in the whole file) of the press release's text, for word searches.
    pub press_release_text: Vec<Range<usize>>,
}

/// A heading or a paragraph.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Block {
    /// `Some(level)` for headings.
    pub heading: Option<HeadingLevel>,
    pub section: SectionKind,
    /// Whether this heading opens its section (`## Press Release`).
    pub opens_section: bool,
    /// Byte offset in the whole file.
    pub offset: usize,
    /// Plain text (smart punctuation applied).
    pub text: String,
    /// A paragraph's leading bold text, e.g. `Problem.`.
    pub lead: Option<String>,
    /// A paragraph that is bold (or italic) from start to end.
    pub emphasised: bool,
}

/// One FAQ question and its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub half: SectionKind,
    /// Offset of the question's heading.
    pub offset: usize,
    pub level: HeadingLevel,
    pub text: String,
    /// The answer's plain text, and the offset it starts at.
    pub answer: String,
    pub answer_offset: Option<usize>,
}

/// A link as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkRef {
    pub dest: String,
    pub offset: usize,
}

impl Block {
    /// The text after the lead-in: all of a paragraph's without one, none of
    /// a heading's. (Derived, not stored: an outline of every document is
    /// held at once, and most paragraphs have no lead-in.)
    pub fn rest(&self) -> &str {
        if self.heading.is_some() {
            return "";
        }
        match &self.lead {
            Some(lead) => self
                .text
                .strip_prefix(lead.as_str())
                .unwrap_or(&self.text)
                .trim(),
            None => &self.text,
        }
    }
}

impl Outline {
    /// The blocks of the press release (its section heading excluded).
    pub fn press_release(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| b.section == SectionKind::PressRelease && !b.opens_section)
    }

    /// The heading that opens a section of `kind`, if any.
    pub fn section_heading(&self, kind: SectionKind) -> Option<&Block> {
        self.blocks
            .iter()
            .find(|b| b.section == kind && b.opens_section)
    }
}

/// Reads the outline of a document's body.
pub fn outline(document: &Document) -> Outline {
    let mut walker = Walker {
        base: document.body_offset,
        outline: Outline::default(),
        kind: SectionKind::Other,
        level: None,
        section: 0,
        sections: Vec::new(),
        texts: Vec::new(),
        saw_press_release: false,
        answering: false,
        title: &document.title,
    };
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(document.body(), markdown::options())
            .into_offset_iter()
            .collect();
    walker.run(&events);
    walker.finish()
}

struct Walker<'a> {
    base: usize,
    outline: Outline,
    kind: SectionKind,
    level: Option<HeadingLevel>,
    /// Index of the current section (0: before the first structural heading).
    section: usize,
    /// The section index of each block.
    sections: Vec<usize>,
    /// Every text range, with the section index and kind it is in.
    texts: Vec<(usize, SectionKind, Range<usize>)>,
    saw_press_release: bool,
    /// Whether text now belongs to the last question's answer.
    answering: bool,
    title: &'a str,
}

impl Walker<'_> {
    fn run(&mut self, events: &[(Event<'_>, Range<usize>)]) {
        let mut i = 0;
        let mut first = true;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = block_end(events, i);
                    let text = plain(&events[i + 1..end]);
                    let is_title = first
                        && *level == HeadingLevel::H1
                        && text.eq_ignore_ascii_case(self.title.trim());
                    if !is_title {
                        self.heading(*level, text, self.base + range.start);
                        self.texts_of(&events[i + 1..end], false);
                    }
                    self.links(&events[i..end]);
                    i = end;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = block_end(events, i);
                    self.paragraph(&events[i + 1..end], self.base + range.start);
                    self.texts_of(&events[i + 1..end], true);
                    self.links(&events[i..end]);
                    i = end;
                }
                Event::Text(_) | Event::Code(_) => self.texts_of(&events[i..=i], true),
                Event::Start(Tag::Link { .. }) => self.links(&events[i..=i]),
                _ => {}
            }
            first = false;
            i += 1;
        }
    }

    fn heading(&mut self, level: HeadingLevel, text: String, offset: usize) {
        let mut opens_section = false;
        let ends_answer = self
            .outline
            .questions
            .last()
            .is_some_and(|q| level <= q.level);
        if ends_answer {
            self.answering = false;
        }
        if let Some(kind) = markdown::classify(&text) {
            self.open(kind, level);
            self.saw_press_release |= kind == SectionKind::PressRelease;
            opens_section = true;
        } else if self.level.is_some_and(|l| level <= l) {
            self.open(SectionKind::Other, level);
            opens_section = true;
        } else if is_faq(self.kind) && self.level.map(|l| l as usize + 1) == Some(level as usize) {
            self.outline.questions.push(Question {
                half: self.kind,
                offset,
                level,
                text: text.clone(),
                answer: String::new(),
                answer_offset: None,
            });
            self.answering = true;
        }
        self.push(Block {
            heading: Some(level),
            section: self.kind,
            opens_section,
            offset,
            text,
            lead: None,
            emphasised: false,
        });
    }

    fn paragraph(&mut self, events: &[(Event<'_>, Range<usize>)], offset: usize) {
        let text = plain(events);
        let (lead, emphasised) = lead_in(events);
        self.push(Block {
            heading: None,
            section: self.kind,
            opens_section: false,
            offset,
            text,
            lead: lead.filter(|_| !emphasised),
            emphasised,
        });
    }

    /// Records text ranges; body text (not headings) also goes to the open answer.
    fn texts_of(&mut self, events: &[(Event<'_>, Range<usize>)], body: bool) {
        for (event, range) in events {
            let (Event::Text(text) | Event::Code(text)) = event else {
                continue;
            };
            let range = self.base + range.start..self.base + range.end;
            if body
                && self.answering
                && let Some(q) = self.outline.questions.last_mut()
            {
                if q.answer_offset.is_none() && !text.trim().is_empty() {
                    q.answer_offset = Some(range.start);
                }
                q.answer.push_str(text);
                q.answer.push(' ');
            }
            self.texts.push((self.section, self.kind, range));
        }
    }

    fn links(&mut self, events: &[(Event<'_>, Range<usize>)]) {
        for (event, range) in events {
            if let Event::Start(Tag::Link { dest_url, .. }) = event {
                self.outline.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    offset: self.base + range.start,
                });
            }
        }
    }

    fn open(&mut self, kind: SectionKind, level: HeadingLevel) {
        self.answering = false;
        self.kind = kind;
        self.level = Some(level);
        self.section += 1;
    }

    fn push(&mut self, block: Block) {
        self.sections.push(self.section);
        self.outline.blocks.push(block);
    }

    fn finish(mut self) -> Outline {
        // Without a "Press Release" heading, everything before the first section is the press release.
        let implicit = !self.saw_press_release;
        let in_press_release = |section: usize, kind: SectionKind| {
            kind == SectionKind::PressRelease
                || (implicit && section == 0 && kind == SectionKind::Other)
        };
        for (block, &section) in self.outline.blocks.iter_mut().zip(&self.sections) {
            if in_press_release(section, block.section) {
                block.section = SectionKind::PressRelease;
            }
        }
        self.outline.press_release_text = self
            .texts
            .into_iter()
            .filter(|(section, kind, _)| in_press_release(*section, *kind))
            .map(|(_, _, range)| range)
            .collect();
        for q in &mut self.outline.questions {
            q.answer = q.answer.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        self.outline
    }
}

fn is_faq(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Faq | SectionKind::ExternalFaq | SectionKind::InternalFaq
    )
}

/// Index of the `End` event matching the `Start` at `start`.
fn block_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn plain(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// A paragraph's leading bold text, and whether emphasis spans the whole paragraph.
fn lead_in(events: &[(Event<'_>, Range<usize>)]) -> (Option<String>, bool) {
    let Some((Event::Start(tag @ (Tag::Strong | Tag::Emphasis)), _)) = events.first() else {
        return (None, false);
    };
    let end = block_end(events, 0);
    let inner = plain(&events[1..end]);
    let rest_is_empty = plain(&events[end + 1..]).is_empty();
    match tag {
        Tag::Strong => (Some(inner), rest_is_empty),
        _ => (None, rest_is_empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn outline_of(text: &str) -> Outline {
        let (doc, _) = Document::parse("a.md", Path::new("a.md"), text.into(), &Config::default());
        outline(&doc.unwrap())
    }

    #[test]
    fn finds_lead_ins_questions_and_answers() {
        let o = outline_of(
            "+++\ntitle = \"T\"\n+++\n# T\n\n## Press Release\n\n### Headline here\n\n**Problem.** It hurts.\n\n\
             ## External FAQ\n\n### Q1?\n\nAnswer one.\n\n### Q2?\n\n## Internal FAQ\n\n### Q3?\n\n- a list\n",
        );
        let pr: Vec<_> = o.press_release().map(|b| b.text.as_str()).collect();
        assert_eq!(pr, ["Headline here", "Problem. It hurts."]);
        let problem = o.press_release().nth(1).unwrap();
        assert_eq!(problem.lead.as_deref(), Some("Problem."));
        assert_eq!(problem.rest(), "It hurts.");
        let answers: Vec<_> = o.questions.iter().map(|q| q.answer.as_str()).collect();
        assert_eq!(answers, ["Answer one.", "", "a list"]);
        assert_eq!(o.questions[2].half, SectionKind::InternalFaq);
    }

    #[test]
    fn without_a_press_release_heading_the_start_is_the_press_release() {
        let o = outline_of("**Big news.**\n\nSome text.\n\n## FAQ\n\n### Q?\n\nA.\n");
        assert!(o.press_release().next().unwrap().emphasised);
        assert_eq!(o.press_release().count(), 2);
        assert_eq!(o.questions.len(), 1);
    }
}
