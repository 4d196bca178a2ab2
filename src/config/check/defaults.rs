//! The built-in defaults of the `[check]` settings: the press release's parts
//! and their names, the fluff words, the placeholder answers, and each rule's
//! numbers. The README's rules table lists the same values.

use std::collections::BTreeMap;

use super::{
    DejaVu, FaqQuestions, Fluff, Headline, Meeting, Placeholders, PrLength, PrParts, Related, Stale,
};

/// The parts of a press release, with the headings and lead-ins that name them.
pub const PARTS: &[(&str, &[&str])] = &[
    ("headline", &["headline", "title"]),
    (
        "subheading",
        &["subheading", "subhead", "sub-heading", "subtitle"],
    ),
    ("summary", &["summary", "intro", "introduction", "overview"]),
    (
        "problem",
        &["problem", "the problem", "customer problem", "pain point"],
    ),
    ("solution", &["solution", "the solution", "how it works"]),
    (
        "leader-quote",
        &[
            "leader quote",
            "leadership quote",
            "executive quote",
            "company quote",
            "spokesperson quote",
            "quote from the leader",
        ],
    ),
    (
        "getting-started",
        &[
            "getting started",
            "get started",
            "how to get started",
            "how to start",
            "availability",
        ],
    ),
    (
        "customer-quote",
        &["customer quote", "customer testimonial", "testimonial"],
    ),
    (
        "call-to-action",
        &["call to action", "cta", "next steps", "next step"],
    ),
];

const FLUFF: &[&str] = &[
    "very",
    "really",
    "extremely",
    "incredibly",
    "significantly",
    "substantially",
    "best-in-class",
    "world-class",
    "industry-leading",
    "revolutionary",
    "game-changing",
    "game changer",
    "cutting-edge",
    "state-of-the-art",
    "next-generation",
    "seamless",
    "seamlessly",
    "robust",
    "synergy",
    "leverage",
    "excited to announce",
    "thrilled to announce",
    "proud to announce",
    "pleased to announce",
];

const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "tbc",
    "todo",
    "to do",
    "fixme",
    "xxx",
    "n/a",
    "lorem ipsum",
    "answer here",
    "write the answer",
    "coming soon",
];

impl Default for PrLength {
    fn default() -> Self {
        PrLength {
            level: None,
            max_words: 750,
        }
    }
}

impl Default for PrParts {
    fn default() -> Self {
        PrParts {
            level: None,
            required: PARTS.iter().map(|(id, _)| (*id).to_owned()).collect(),
            synonyms: BTreeMap::new(),
        }
    }
}

impl Default for Fluff {
    fn default() -> Self {
        Fluff {
            level: None,
            words: FLUFF.iter().map(|w| (*w).to_owned()).collect(),
            extra_words: Vec::new(),
        }
    }
}

impl Default for Headline {
    fn default() -> Self {
        Headline {
            level: None,
            max_words: 15,
            verbs: Vec::new(),
        }
    }
}

impl Default for FaqQuestions {
    fn default() -> Self {
        FaqQuestions {
            level: None,
            min: 3,
        }
    }
}

impl Default for Placeholders {
    fn default() -> Self {
        Placeholders {
            level: None,
            phrases: PLACEHOLDERS.iter().map(|w| (*w).to_owned()).collect(),
        }
    }
}

impl Default for Meeting {
    fn default() -> Self {
        Meeting {
            level: None,
            pages: 6,
            words_per_page: 500,
            minutes_per_page: 3,
        }
    }
}

impl Default for Stale {
    fn default() -> Self {
        Stale {
            level: None,
            days: 30,
            statuses: None,
        }
    }
}

impl Default for DejaVu {
    fn default() -> Self {
        DejaVu {
            level: None,
            threshold: 0.5,
            statuses: None,
        }
    }
}

impl Default for Related {
    fn default() -> Self {
        Related {
            count: 5,
            min_similarity: 0.05,
        }
    }
}
