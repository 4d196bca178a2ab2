//! The `[check]` table of site.toml: a level per rule, plus its numbers and
//! word lists. Every key is optional; an unknown key is an error, like
//! everywhere else in site.toml, so a misspelt setting is never ignored.

mod defaults;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::Term;
use crate::diagnostics::Diagnostic;
use crate::rules::{self, Level};

pub use defaults::PARTS;

/// `[check]`: one table per rule (`[check.pr-length]`), each with `level`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    pub pr_length: PrLength,
    pub pr_missing_part: PrParts,
    pub pr_dateline: Plain,
    pub pr_customer_quote: Plain,
    pub pr_fluff: Fluff,
    pub pr_headline: Headline,
    pub faq_external_missing: Plain,
    pub faq_internal_missing: Plain,
    pub faq_too_few_questions: FaqQuestions,
    pub faq_placeholder_answer: Placeholders,
    pub meeting_length: Meeting,
    pub owner_missing: Plain,
    pub status_missing: Plain,
    pub stage_missing: Plain,
    pub owner_overloaded: Overloaded,
    pub decision_missing: Plain,
    pub decision_order: Plain,
    pub decision_future: Plain,
    pub decision_contradicts: Plain,
    pub link_broken: Plain,
    pub link_anchor: Plain,
    pub stale: Stale,
    pub deja_vu: DejaVu,
    pub check_skip: Plain,
    /// Status id -> the outcome a decision must have for it (decision-missing, decision-contradicts);
    /// default: `proceed` and `launched` need `proceed`, `shelved` needs `shelve`.
    pub outcomes: Option<BTreeMap<String, Needed>>,
    /// "Related PR/FAQs" on document pages.
    pub related: Related,
}

/// The decision outcome a status needs (`[check] outcomes`): the words of
/// the decision log's `outcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Needed {
    Proceed,
    Shelve,
    Revisit,
}

/// A rule with no settings but its level.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Plain {
    /// `off`, `warn` or `error`; unset: the rule's default.
    pub level: Option<Level>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrLength {
    pub level: Option<Level>,
    /// Most words the press release may have (about 1.5 pages).
    pub max_words: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrParts {
    pub level: Option<Level>,
    /// The parts every press release must have (ids from [`PARTS`]).
    pub required: Vec<String>,
    /// More headings or lead-ins that name a part, added to the built-in ones.
    pub synonyms: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fluff {
    pub level: Option<Level>,
    /// The words and phrases reported (replaces the built-in list).
    pub words: Vec<String>,
    /// More words and phrases, added to `words`.
    pub extra_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Headline {
    pub level: Option<Level>,
    /// Most words the headline may have.
    pub max_words: usize,
    /// More words that count as verbs, added to the built-in list.
    pub verbs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaqQuestions {
    pub level: Option<Level>,
    /// Fewest questions each FAQ half must have.
    pub min: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Placeholders {
    pub level: Option<Level>,
    /// Answers that start with one of these (case-insensitive) are placeholders (replaces the built-in list).
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Meeting {
    pub level: Option<Level>,
    /// Pages the whole document may have.
    pub pages: usize,
    /// Words on a page.
    pub words_per_page: usize,
    /// Minutes to read a page.
    pub minutes_per_page: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overloaded {
    pub level: Option<Level>,
    /// Statuses that count as active; unset: those not marked `active = false` in `statuses`.
    pub active: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stale {
    pub level: Option<Level>,
    /// Days without a revision after which a document is stale.
    pub days: u32,
    /// Statuses in which a document can go stale (default: `in-review`).
    pub statuses: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DejaVu {
    pub level: Option<Level>,
    /// Cosine similarity (0–1) from which a document "looks like" a shelved one.
    pub threshold: f32,
    /// Statuses that count as shelved (default: `shelved`).
    pub statuses: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Related {
    /// How many related documents a page lists (0: none).
    pub count: usize,
    /// Least cosine similarity (0–1) for a document to be listed.
    pub min_similarity: f32,
}

impl CheckConfig {
    /// The level the rule `id` runs at: as configured, else its default.
    pub fn level(&self, id: &str) -> Level {
        let configured = match id {
            rules::PR_LENGTH => self.pr_length.level,
            rules::PR_MISSING_PART => self.pr_missing_part.level,
            rules::PR_DATELINE => self.pr_dateline.level,
            rules::PR_CUSTOMER_QUOTE => self.pr_customer_quote.level,
            rules::PR_FLUFF => self.pr_fluff.level,
            rules::PR_HEADLINE => self.pr_headline.level,
            rules::FAQ_EXTERNAL_MISSING => self.faq_external_missing.level,
            rules::FAQ_INTERNAL_MISSING => self.faq_internal_missing.level,
            rules::FAQ_TOO_FEW_QUESTIONS => self.faq_too_few_questions.level,
            rules::FAQ_PLACEHOLDER_ANSWER => self.faq_placeholder_answer.level,
            rules::MEETING_LENGTH => self.meeting_length.level,
            rules::OWNER_MISSING => self.owner_missing.level,
            rules::STATUS_MISSING => self.status_missing.level,
            rules::STAGE_MISSING => self.stage_missing.level,
            rules::OWNER_OVERLOADED => self.owner_overloaded.level,
            rules::DECISION_MISSING => self.decision_missing.level,
            rules::DECISION_ORDER => self.decision_order.level,
            rules::DECISION_FUTURE => self.decision_future.level,
            rules::DECISION_CONTRADICTS => self.decision_contradicts.level,
            rules::LINK_BROKEN => self.link_broken.level,
            rules::LINK_ANCHOR => self.link_anchor.level,
            rules::STALE => self.stale.level,
            rules::DEJA_VU => self.deja_vu.level,
            rules::CHECK_SKIP => self.check_skip.level,
            _ => None,
        };
        configured
            .or_else(|| rules::get(id).map(|rule| rule.default))
            .unwrap_or(Level::Warn)
    }

    /// The outcome a decision must have for a document in `status`, if any.
    pub fn expected_outcome(&self, status: &str) -> Option<Needed> {
        match &self.outcomes {
            Some(outcomes) => outcomes.get(status).copied(),
            None => match status {
                "proceed" | "launched" => Some(Needed::Proceed),
                "shelved" => Some(Needed::Shelve),
                _ => None,
            },
        }
    }

    /// Whether documents in `status` can go stale.
    pub fn can_go_stale(&self, status: &str) -> bool {
        match &self.stale.statuses {
            Some(statuses) => statuses.iter().any(|s| s == status),
            None => status == "in-review",
        }
    }

    /// Whether `status` counts as shelved for déjà vu.
    pub fn is_shelved(&self, status: &str) -> bool {
        match &self.deja_vu.statuses {
            Some(statuses) => statuses.iter().any(|s| s == status),
            None => status == "shelved",
        }
    }

    /// The headings and lead-ins that name `part`: built in, then configured.
    pub fn synonyms(&self, part: &str) -> Vec<String> {
        let built_in = PARTS
            .iter()
            .find(|(id, _)| *id == part)
            .map_or(&[][..], |(_, names)| names);
        let mut names: Vec<String> = built_in.iter().map(|n| (*n).to_owned()).collect();
        if let Some(more) = self.pr_missing_part.synonyms.get(part) {
            names.extend(more.iter().map(|n| n.to_lowercase()));
        }
        names
    }

    /// Settings that name parts or statuses that do not exist, as errors in site.toml.
    pub fn validate(&self, statuses: &[Term], text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let known_part = |part: &String| PARTS.iter().any(|(id, _)| id == part);
        let parts = self.pr_missing_part.required.iter();
        for part in parts.chain(self.pr_missing_part.synonyms.keys()) {
            if !known_part(part) {
                let names: Vec<&str> = PARTS.iter().map(|(id, _)| *id).collect();
                problems.push(
                    error_at(
                        text,
                        path,
                        part,
                        format!("unknown press release part {part:?}"),
                    )
                    .with_hint(format!("expected one of: {}", names.join(", "))),
                );
            }
        }
        let lists = [
            self.owner_overloaded.active.as_deref().unwrap_or_default(),
            self.stale.statuses.as_deref().unwrap_or_default(),
            self.deja_vu.statuses.as_deref().unwrap_or_default(),
        ];
        let outcome_statuses: Vec<String> = self
            .outcomes
            .iter()
            .flat_map(|o| o.keys().cloned())
            .collect();
        for status in lists.into_iter().flatten().chain(&outcome_statuses) {
            if !statuses.iter().any(|t| &t.id == status) {
                let ids: Vec<&str> = statuses.iter().map(|t| t.id.as_str()).collect();
                problems.push(
                    error_at(
                        text,
                        path,
                        status,
                        format!("[check] names unknown status {status:?}"),
                    )
                    .with_hint(format!("expected one of: {}", ids.join(", "))),
                );
            }
        }
        problems
    }
}

/// An error pointing at the first place `value` is written in `[check]`.
fn error_at(text: &str, path: &Path, value: &str, message: String) -> Diagnostic {
    let diagnostic = Diagnostic::error(path, message);
    let table = text.find("[check").unwrap_or(0);
    match text[table..].find(value) {
        Some(offset) => diagnostic.at_offset(text, table + offset),
        None => diagnostic,
    }
}
