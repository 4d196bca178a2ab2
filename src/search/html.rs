//! Plain text from the body HTML the Markdown stage rendered, cut at the
//! questions' headings so each FAQ answer is a result of its own.
//!
//! The HTML is read with html5ever's tokenizer (the one the sanitiser
//! uses): text is kept with its entities decoded, block ends become line
//! breaks, and what is not prose is skipped — `<script>` and `<style>`
//! contents, and the `#` self-link after every heading.

use std::cell::RefCell;
use std::collections::HashSet;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, local_name};

/// Text between two question headings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Chunk {
    /// The question's anchor; `None` for text before the first question.
    pub anchor: Option<String>,
    /// The question, as plain text.
    pub heading: String,
    pub text: String,
}

/// Splits `html` at the headings whose id is one of `questions`.
pub fn chunks(html: &str, questions: &[&str]) -> Vec<Chunk> {
    let sink = Splitter {
        // A set: a section may hold thousands of questions, each heading looked up.
        questions: questions.iter().copied().collect(),
        state: RefCell::new(State {
            chunks: vec![Chunk::default()],
            ..State::default()
        }),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut chunks = tokenizer.sink.state.take().chunks;
    for chunk in &mut chunks {
        chunk.heading = tidy(&chunk.heading).replace('\n', " ");
        chunk.text = tidy(&chunk.text);
    }
    chunks
}

struct Splitter<'q> {
    questions: HashSet<&'q str>,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    chunks: Vec<Chunk>,
    /// Inside a question's heading: its text is the chunk's heading.
    in_heading: bool,
    /// The end tag that closes what is being skipped.
    skip_until: Option<LocalName>,
}

impl TokenSink for Splitter<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) if state.skip_until.is_none() => state.push_text(&text),
            Token::TagToken(tag) => return state.on_tag(&tag, &self.questions),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn push_text(&mut self, text: &str) {
        let in_heading = self.in_heading;
        let current = self.chunks.last_mut().expect("chunks is never empty");
        if in_heading {
            current.heading.push_str(text);
        } else {
            current.text.push_str(text);
        }
    }

    /// Acts on one tag: starts a question's chunk at its heading, breaks text
    /// at block tags, skips scripts, styles and heading self-links.
    fn on_tag(&mut self, tag: &Tag, questions: &HashSet<&str>) -> TokenSinkResult<()> {
        let start = tag.kind == TagKind::StartTag;
        if let Some(end) = &self.skip_until {
            if !start && tag.name == *end {
                self.skip_until = None;
            }
            return TokenSinkResult::Continue;
        }
        match tag.name {
            local_name!("script") | local_name!("style") if start => {
                self.skip_until = Some(tag.name.clone());
                let kind = if tag.name == local_name!("script") {
                    RawKind::ScriptData
                } else {
                    RawKind::Rawtext
                };
                return TokenSinkResult::RawData(kind);
            }
            local_name!("a") if start && attribute(tag, "class") == Some("anchor") => {
                self.skip_until = Some(tag.name.clone());
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => self.on_heading(tag, start, questions),
            local_name!("p")
            | local_name!("li")
            | local_name!("tr")
            | local_name!("br")
            | local_name!("div")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("td")
            | local_name!("th")
            | local_name!("dt")
            | local_name!("dd") => self.push_break(),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn on_heading(&mut self, tag: &Tag, start: bool, questions: &HashSet<&str>) {
        if !start && self.in_heading {
            self.in_heading = false;
            return;
        }
        match attribute(tag, "id").filter(|id| start && questions.contains(id)) {
            Some(id) => {
                self.chunks.push(Chunk {
                    anchor: Some(id.to_owned()),
                    ..Chunk::default()
                });
                self.in_heading = true;
            }
            None => self.push_break(),
        }
    }

    fn push_break(&mut self) {
        let last = self.chunks.last_mut().expect("chunks is never empty");
        if !last.text.ends_with('\n') {
            last.text.push('\n');
        }
    }
}

fn attribute<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// Collapses runs of spaces within lines and drops empty lines.
fn tidy(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_question_headings_only() {
        let html = "<p>Intro &amp; more</p>\n<h3 id=\"why\" class=\"faq-question\">Why <em>now</em>? <a class=\"anchor\" href=\"#why\">#</a></h3>\n<p>Because.</p><h3 id=\"other\">Not a question</h3><p>Still the answer.</p>";
        let chunks = chunks(html, &["why"]);
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].text, "Intro & more");
        assert_eq!(chunks[1].anchor.as_deref(), Some("why"));
        assert_eq!(chunks[1].heading, "Why now?");
        assert_eq!(
            chunks[1].text,
            "Because.\nNot a question\nStill the answer."
        );
    }

    #[test]
    fn skips_scripts_and_decodes_entities() {
        let html = "<p>a &lt;b&gt; &#x41;&#66; &bogus; &</p><script>alert(1)</script><p>c</p>";
        let chunks = chunks(html, &[]);
        assert_eq!(chunks[0].text, "a <b> AB &bogus; &\nc");
    }

    #[test]
    fn keeps_table_cells_apart() {
        let chunks = chunks("<table><tr><td>one</td><td>two</td></tr></table>", &[]);
        assert_eq!(chunks[0].text, "one\ntwo");
    }
}
