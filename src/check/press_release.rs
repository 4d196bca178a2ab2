//! Press release rules: about a page and a half, every part present, a
//! dateline, a named customer, no fluff, and a headline that promises
//! something concrete.

use super::outline::Block;
use super::{Checked, Finder, rules};

/// Runs the press release rules on one document.
pub fn check(doc: &Checked<'_>, find: &mut Finder<'_>) {
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
        && !starts_with_dateline(&summary.rest)
    {
        find.add(
            rules::PR_DATELINE,
            summary.offset,
            "the summary does not open with a dateline (`CITY, ST — date —`)".into(),
        );
    }
    if let Some(quote) = parts.customer_quote
        && !names_a_person(&quote.rest)
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
    fluff(doc, find);
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
        for (id, _) in super::config::PARTS {
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

/// `SPOKANE, WA — March 4, 2024 — …`: a place with a comma, a dash, a date with a digit, a dash.
pub(super) fn starts_with_dateline(text: &str) -> bool {
    let is_dash = |c: char| matches!(c, '—' | '–');
    let normalised = text.replace(" -- ", " — ").replace(" - ", " — ");
    let Some((place, rest)) = normalised.split_once(is_dash) else {
        return false;
    };
    let Some((date, _)) = rest.split_once(is_dash) else {
        return false;
    };
    let place = place.trim();
    let date = date.trim();
    let place_ok = place.chars().count() <= 60
        && place
            .split_once(',')
            .is_some_and(|(city, region)| !city.trim().is_empty() && !region.trim().is_empty())
        && place.chars().next().is_some_and(char::is_uppercase);
    let date_ok = date.chars().count() <= 40 && !date.is_empty();
    place_ok && date_ok
}

/// Whether a quote is attributed to someone with a name: `said Gerald Ostrowski`,
/// `Gerald Ostrowski says`, `— Gerald Ostrowski`.
pub(super) fn names_a_person(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_name = |word: Option<&&str>| {
        word.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && ![
                        "A", "An", "The", "Our", "One", "Every", "Each", "Some", "Customer",
                    ]
                    .contains(&w)
            })
    };
    words.iter().enumerate().any(|(i, word)| {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let attribution = matches!(
            w.as_str(),
            "said" | "says" | "adds" | "added" | "explains" | "explained" | "according"
        );
        let dash = matches!(*word, "—" | "–" | "-" | "--");
        let after = if w == "according" { i + 2 } else { i + 1 };
        (attribution || dash) && is_name(words.get(after))
            || attribution && i >= 2 && is_name(words.get(i - 1)) && is_name(words.get(i - 2))
    })
}

fn headline_rule(headline: &Block, find: &mut Finder<'_>) {
    let config = &find.config.pr_headline;
    let text = match (&headline.heading, &headline.lead) {
        (None, Some(lead)) if !headline.emphasised => &headline.rest,
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

/// Fluff and weasel words in the press release, each where it is written.
fn fluff(doc: &Checked<'_>, find: &mut Finder<'_>) {
    let config = &find.config.pr_fluff;
    let phrases: Vec<String> = config
        .words
        .iter()
        .chain(&config.extra_words)
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !w.trim().is_empty())
        .collect();
    let text = &doc.document.text;
    let mut found = Vec::new();
    for range in &doc.outline.press_release_text {
        let Some(source) = text.get(range.clone()) else {
            continue;
        };
        let lower = source.to_ascii_lowercase();
        for phrase in &phrases {
            for (at, _) in lower.match_indices(phrase.as_str()) {
                let before = lower[..at].chars().next_back();
                let after = lower[at + phrase.len()..].chars().next();
                let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
                if bounded(before) && bounded(after) {
                    found.push((range.start + at, source[at..at + phrase.len()].to_owned()));
                }
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

/// Common verbs of press release headlines, in their base form.
const VERBS: &[&str] = &[
    "add",
    "allow",
    "announce",
    "answer",
    "arrive",
    "ask",
    "avoid",
    "be",
    "book",
    "borrow",
    "bring",
    "browse",
    "build",
    "buy",
    "call",
    "can",
    "cancel",
    "care",
    "check",
    "choose",
    "close",
    "come",
    "compare",
    "complete",
    "connect",
    "count",
    "create",
    "cut",
    "decide",
    "deliver",
    "design",
    "diagnose",
    "discover",
    "do",
    "earn",
    "email",
    "enable",
    "end",
    "explore",
    "export",
    "feed",
    "find",
    "finish",
    "fix",
    "get",
    "give",
    "go",
    "grow",
    "have",
    "hear",
    "help",
    "import",
    "improve",
    "increase",
    "install",
    "introduce",
    "join",
    "keep",
    "know",
    "launch",
    "learn",
    "leave",
    "lend",
    "let",
    "load",
    "lower",
    "make",
    "may",
    "measure",
    "meet",
    "move",
    "must",
    "notify",
    "offer",
    "open",
    "order",
    "pay",
    "pick",
    "plan",
    "plant",
    "prevent",
    "price",
    "print",
    "protect",
    "put",
    "quote",
    "raise",
    "reach",
    "read",
    "reduce",
    "remind",
    "remove",
    "rent",
    "repair",
    "replace",
    "reserve",
    "restock",
    "run",
    "save",
    "scan",
    "schedule",
    "search",
    "secure",
    "see",
    "sell",
    "send",
    "set",
    "share",
    "ship",
    "show",
    "sign",
    "simplify",
    "skip",
    "speed",
    "spend",
    "split",
    "spread",
    "start",
    "stay",
    "stock",
    "stop",
    "store",
    "switch",
    "sync",
    "take",
    "tell",
    "track",
    "try",
    "turn",
    "unveil",
    "upgrade",
    "use",
    "wait",
    "water",
    "will",
    "win",
    "work",
    "write",
];

/// Irregular forms, and modal verbs that have no others.
const IRREGULAR: &[&str] = &[
    "is", "are", "was", "were", "been", "being", "am", "has", "had", "does", "did", "done", "made",
    "got", "gotten", "gave", "given", "took", "taken", "brought", "found", "kept", "saw", "seen",
    "knew", "known", "told", "shown", "met", "heard", "wrote", "written", "won", "lost", "spent",
    "came", "went", "gone", "left", "ran", "grew", "grown", "built", "sent", "paid", "bought",
    "sold", "could", "would", "might", "shall", "should", "won't", "can't",
];

/// Whether a lowercase word is a form of a common verb.
pub(super) fn is_verb(word: &str) -> bool {
    if IRREGULAR.contains(&word) {
        return true;
    }
    let stems = [
        Some(word.to_owned()),
        word.strip_suffix("ies").map(|s| format!("{s}y")),
        word.strip_suffix("ied").map(|s| format!("{s}y")),
        word.strip_suffix("es").map(str::to_owned),
        word.strip_suffix('s').map(str::to_owned),
        word.strip_suffix("ed").map(str::to_owned),
        word.strip_suffix('d').map(str::to_owned),
        word.strip_suffix("ing").map(str::to_owned),
        word.strip_suffix("ing").map(|s| format!("{s}e")),
        undouble(word, "ed"),
        undouble(word, "ing"),
    ];
    stems
        .iter()
        .flatten()
        .any(|stem| VERBS.contains(&stem.as_str()))
}

/// `planned` -> `plan`, `shipping` -> `ship`.
fn undouble(word: &str, suffix: &str) -> Option<String> {
    let stem = word.strip_suffix(suffix)?;
    let mut chars = stem.chars().rev();
    let (last, before) = (chars.next()?, chars.next()?);
    (last == before).then(|| stem[..stem.len() - last.len_utf8()].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert!(starts_with_dateline(
            "SPOKANE, WA — March 4, 2024 — Starting today…"
        ));
        assert!(starts_with_dateline(
            "CITY, ST — Month D, YYYY — Two or three"
        ));
        assert!(starts_with_dateline(
            "Boise, Idaho – 8 April 2024 – Kestrel"
        ));
        assert!(!starts_with_dateline(
            "Starting today, customers can order."
        ));
        assert!(!starts_with_dateline("SPOKANE — March 4 — no region"));
    }

    #[test]
    fn named_attributions() {
        assert!(names_a_person(
            "\"Great,\" said Gerald Ostrowski, a member."
        ));
        assert!(names_a_person("\"Great,\" Gerald Ostrowski says."));
        assert!(names_a_person("\"Great.\" — Lucía Ferreira"));
        assert!(!names_a_person("\"Great,\" says a customer."));
        assert!(!names_a_person("\"Great,\" said the customer."));
    }

    #[test]
    fn verbs() {
        for word in [
            "launches", "borrow", "planned", "shipping", "is", "lets", "saves", "tries",
        ] {
            assert!(is_verb(word), "{word}");
        }
        for word in ["returns", "instant", "garden", "kestrel"] {
            assert!(!is_verb(word), "{word}");
        }
    }
}
