//! Plain-text helpers over Markdown: a title from the first heading, a
//! summary cut at a word, reading time. Pure functions, unit-tested below.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Words a reader gets through in a silent-reading meeting: ~500 words a page, 3 minutes a page.
const WORDS_PER_MINUTE: usize = 500 / 3;

/// The plain text of the first level-one heading, for documents without a title.
pub fn first_heading(body: &str) -> Option<String> {
    let mut events = Parser::new_ext(body, super::options());
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

/// The text and code of some inline events, trimmed.
pub(super) fn plain_text<'a, 'e: 'a>(events: impl Iterator<Item = &'a Event<'e>>) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_owned()
}

/// Whether a heading repeats the title, whatever quotes smart punctuation made.
pub(super) fn same_title(heading: &str, title: &str) -> bool {
    let plain = |text: &str| {
        text.trim()
            .replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
    };
    plain(heading).eq_ignore_ascii_case(&plain(title))
}

/// Reading time in whole minutes, rounded up.
pub(super) fn minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}

/// At most `max` characters, cut at a word, with an ellipsis when cut.
pub(super) fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_heading_is_plain_text() {
        assert_eq!(
            first_heading("Intro\n\n# The `Big` Idea\n").as_deref(),
            Some("The Big Idea")
        );
        assert_eq!(first_heading("## Only a second level\n"), None);
    }

    #[test]
    fn titles_match_whatever_the_quotes() {
        assert!(same_title("Ann\u{2019}s idea", "ann's idea"));
        assert!(!same_title("Other", "Idea"));
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(minutes(0), 0);
        assert_eq!(minutes(1), 1);
        assert_eq!(minutes(167), 2);
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two, three", 9), "one two…");
    }
}
