//! The little English the press release rules need: a dateline's shape, a
//! quote attributed to a named person, and whether a word is a verb. These
//! are heuristics on purpose (no language model): each is cheap, explainable
//! in one sentence, and tested on the cases below.

/// `SPOKANE, WA — March 4, 2024 — …`: a place with a comma, a dash, a date with a digit, a dash.
pub fn starts_with_dateline(text: &str) -> bool {
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
pub fn names_a_person(text: &str) -> bool {
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
pub fn is_verb(word: &str) -> bool {
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
