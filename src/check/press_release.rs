//! Press release rules: about a page and a half, every part present, a
//! dateline, a named customer, no fluff, and a headline that promises
//! something concrete.

use aho_corasick::AhoCorasick;

use super::language::{is_verb, names_a_person, starts_with_dateline};
use super::outline::Block;
use super::{Checked, Finder, rules};

/// Runs the press release rules on one document.
pub fn check(doc: &Checked<'_>, fluff_phrases: &FluffPhrases, find: &mut Finder<'_>) {
    let config = find.config;
    let blocks: Vec<&Block> = doc.outline.press_release().collect();
    let anchor = doc
        .outline
        .section_heading(crate::markdown::SectionKind::PressRelease)
        .or(blocks.first().copied())
        .map_or(doc.document.body_offset, |b| b.offset);
    let words = doc.body.press_release_words;
    if words > config.pr_length.max_words {
        find.add(
            rules::PR_LENGTH,
            anchor,
            format!(
                "the press release has {words} words; the budget is {} (about a page and a half)",
                config.pr_length.max_words
            ),
        );
    }
    if blocks.is_empty() {
        find.add(
            rules::PR_MISSING_PART,
            anchor,
            "there is no press release: start with a `## Press Release` heading".into(),
        );
        return;
    }
    let parts = Parts::find(doc, &blocks, config);
    part_rules(&parts, anchor, find);
    fluff(doc, fluff_phrases, find);
}

/// Missing parts, the summary's dateline, the customer's name, the headline.
fn part_rules(parts: &Parts<'_>, anchor: usize, find: &mut Finder<'_>) {
    let config = find.config;
    for part in &config.pr_missing_part.required {
        if !parts.found(part) {
            find.add(
                rules::PR_MISSING_PART,
                anchor,
                format!(
                    "the press release has no {}; write it as a heading or a bold lead-in (`**{}.**`)",
                    part.replace('-', " "),
                    capitalised(&config.synonyms(part)[0]),
                ),
            );
        }
    }
    if let Some(summary) = parts.summary
        && !starts_with_dateline(summary.rest())
    {
        find.add(
            rules::PR_DATELINE,
            summary.offset,
            "the summary does not open with a dateline (`CITY, ST — date —`)".into(),
        );
    }
    if let Some(quote) = parts.customer_quote
        && !names_a_person(quote.rest())
    {
        find.add(
            rules::PR_CUSTOMER_QUOTE,
            quote.offset,
            "the customer quote is not attributed to a named customer".into(),
        );
    }
    if let Some(headline) = parts.headline {
        headline_rule(headline, find);
    }
}

/// The parts found, by the headings and lead-ins that name them.
struct Parts<'a> {
    found: Vec<String>,
    headline: Option<&'a Block>,
    summary: Option<&'a Block>,
    customer_quote: Option<&'a Block>,
}

impl<'a> Parts<'a> {
    fn find(doc: &Checked<'_>, blocks: &[&'a Block], config: &super::CheckConfig) -> Self {
        let mut parts = Parts {
            found: Vec::new(),
            headline: None,
            summary: None,
            customer_quote: None,
        };
        for (id, _) in crate::config::check::PARTS {
            let names = config.synonyms(id);
            if let Some(block) = blocks.iter().find(|b| names_part(b, &names)) {
                parts.found.push((*id).to_owned());
                match *id {
                    "headline" => parts.headline = Some(block),
                    "summary" => parts.summary = Some(block),
                    "customer-quote" => parts.customer_quote = Some(block),
                    _ => {}
                }
            }
        }
        // By position: the headline is the first heading or bold paragraph; the
        // subheading comes right after it, or is the front matter's subtitle.
        let first = blocks
            .iter()
            .position(|b| b.heading.is_some() || b.emphasised);
        if parts.headline.is_none()
            && let Some(i) = first.filter(|&i| i == 0)
        {
            parts.headline = Some(blocks[i]);
            parts.found.push("headline".into());
        }
        let has_subtitle = doc
            .document
            .meta
            .subtitle
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        let second_is_sub = first.is_some_and(|i| {
            blocks
                .get(i + 1)
                .is_some_and(|b| b.heading.is_some() || b.emphasised)
        });
        if has_subtitle || second_is_sub {
            parts.found.push("subheading".into());
        }
        // An unlabelled summary: the paragraph that opens with the dateline.
        if parts.summary.is_none()
            && let Some(block) = blocks.iter().find(|b| starts_with_dateline(&b.text))
        {
            parts.summary = Some(block);
            parts.found.push("summary".into());
        }
        parts
    }

    fn found(&self, part: &str) -> bool {
        self.found.iter().any(|p| p == part)
    }
}

/// Whether a heading's text or a paragraph's lead-in names a part.
fn names_part(block: &Block, names: &[String]) -> bool {
    let label = match (&block.heading, &block.lead) {
        (Some(_), _) => &block.text,
        (None, Some(lead)) => lead,
        (None, None) => return false,
    };
    let label = normalise(label);
    names.iter().any(|name| {
        label == *name
            || label
                .strip_prefix(name.as_str())
                .is_some_and(|rest| rest.starts_with([' ', ':']))
    })
}

fn normalise(label: &str) -> String {
    let lower = label.to_lowercase().replace('&', "and");
    let words: Vec<&str> = lower
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace() || c == '—')
        .split_whitespace()
        .collect();
    words.join(" ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn headline_rule(headline: &Block, find: &mut Finder<'_>) {
    let config = &find.config.pr_headline;
    let text = match (&headline.heading, &headline.lead) {
        (None, Some(_)) if !headline.emphasised => headline.rest(),
        _ => &headline.text,
    };
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > config.max_words {
        find.add(
            rules::PR_HEADLINE,
            headline.offset,
            format!(
                "the headline has {} words; keep it to {} so the benefit lands",
                words.len(),
                config.max_words
            ),
        );
    } else if !words
        .iter()
        .any(|w| is_verb(w) || config.verbs.iter().any(|v| v.eq_ignore_ascii_case(w)))
    {
        find.add(
            rules::PR_HEADLINE,
            headline.offset,
            "the headline has no verb: say what the customer can now do".into(),
        );
    }
}

/// The `pr-fluff` phrases as one automaton, built once per review: one pass
/// over the press release finds them all, in any case.
pub struct FluffPhrases(Option<AhoCorasick>);

impl FluffPhrases {
    pub fn new(config: &crate::config::check::Fluff) -> FluffPhrases {
        let phrases: Vec<&String> = config
            .words
            .iter()
            .chain(&config.extra_words)
            .filter(|w| !w.trim().is_empty())
            .collect();
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(phrases)
            .ok();
        FluffPhrases(matcher)
    }
}

/// Fluff and weasel words in the press release, each where it is written:
/// every occurrence of a phrase that stands as words of its own (not part
/// of a longer word), one finding per place.
fn fluff(doc: &Checked<'_>, phrases: &FluffPhrases, find: &mut Finder<'_>) {
    let Some(matcher) = &phrases.0 else {
        return;
    };
    let text = &doc.document.text;
    let mut found = Vec::new();
    for range in &doc.outline.press_release_text {
        let Some(source) = text.get(range.clone()) else {
            continue;
        };
        for hit in matcher.find_overlapping_iter(source) {
            // A non-ASCII phrase only matches at character boundaries; ASCII
            // case folding never moves them.
            let (Some(before), Some(after)) = (source.get(..hit.start()), source.get(hit.end()..))
            else {
                continue;
            };
            let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
            if bounded(before.chars().next_back()) && bounded(after.chars().next()) {
                found.push((range.start + hit.start(), source[hit.range()].to_owned()));
            }
        }
    }
    found.sort();
    found.dedup_by_key(|(at, _)| *at);
    for (offset, word) in found {
        find.add(
            rules::PR_FLUFF,
            offset,
            format!("\"{word}\" is fluff: it claims without saying anything a reader can check"),
        );
    }
}
