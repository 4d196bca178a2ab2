//! The rules of `prfaq check`: one stable id each, with a default level, a
//! one-line reason and a fix hint.
//!
//! The ids are the contract: they appear in every output format, in
//! `site.toml`'s `[check]` table and in a document's `check.skip`, so they
//! never change once released. This table is also what the README, the SARIF
//! rule list and the validation of `check.skip` are made from.

use serde::{Deserialize, Serialize};

/// What a rule's findings are: ignored, shown, or failing the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warn,
    Error,
}

/// Which part of the Working Backwards method a rule enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    PressRelease,
    Faq,
    ReadingMeeting,
    Ownership,
    Decisions,
    Links,
    Staleness,
    DejaVu,
    Check,
}

/// One rule, as documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub family: Family,
    pub default: Level,
    /// Why the method asks for this, in one line.
    pub reason: &'static str,
    /// How to fix a finding.
    pub hint: &'static str,
}

pub const PR_LENGTH: &str = "pr-length";
pub const PR_MISSING_PART: &str = "pr-missing-part";
pub const PR_DATELINE: &str = "pr-dateline";
pub const PR_CUSTOMER_QUOTE: &str = "pr-customer-quote";
pub const PR_FLUFF: &str = "pr-fluff";
pub const PR_HEADLINE: &str = "pr-headline";
pub const FAQ_EXTERNAL_MISSING: &str = "faq-external-missing";
pub const FAQ_INTERNAL_MISSING: &str = "faq-internal-missing";
pub const FAQ_TOO_FEW_QUESTIONS: &str = "faq-too-few-questions";
pub const FAQ_PLACEHOLDER_ANSWER: &str = "faq-placeholder-answer";
pub const MEETING_LENGTH: &str = "meeting-length";
pub const OWNER_MISSING: &str = "owner-missing";
pub const STATUS_MISSING: &str = "status-missing";
pub const STAGE_MISSING: &str = "stage-missing";
pub const OWNER_OVERLOADED: &str = "owner-overloaded";
pub const DECISION_MISSING: &str = "decision-missing";
pub const DECISION_ORDER: &str = "decision-order";
pub const DECISION_FUTURE: &str = "decision-future";
pub const DECISION_CONTRADICTS: &str = "decision-contradicts";
pub const LINK_BROKEN: &str = "link-broken";
pub const LINK_ANCHOR: &str = "link-anchor";
pub const STALE: &str = "stale";
pub const DEJA_VU: &str = "deja-vu";
pub const CHECK_SKIP: &str = "check-skip";

/// Every rule, in the order the README documents them.
pub const RULES: &[Rule] = &[
    Rule {
        id: PR_LENGTH,
        family: Family::PressRelease,
        default: Level::Warn,
        reason: "the press release is longer than about a page and a half",
        hint: "cut it to the customer, the problem, the solution and the quotes; move details to the FAQ",
    },
    Rule {
        id: PR_MISSING_PART,
        family: Family::PressRelease,
        default: Level::Warn,
        reason: "the press release lacks one of its parts",
        hint: "add the part as a heading or a bold lead-in, e.g. `**Problem.** …`",
    },
    Rule {
        id: PR_DATELINE,
        family: Family::PressRelease,
        default: Level::Warn,
        reason: "the summary does not open with a dateline",
        hint: "start the summary with `CITY, ST — Month D, YYYY —`",
    },
    Rule {
        id: PR_CUSTOMER_QUOTE,
        family: Family::PressRelease,
        default: Level::Warn,
        reason: "the customer quote is not attributed to a named customer",
        hint: "end the quote with `said <First Last>, <who they are>`",
    },
    Rule {
        id: PR_FLUFF,
        family: Family::PressRelease,
        default: Level::Warn,
        reason: "fluff or a weasel word: it claims without saying anything a reader can check",
        hint: "replace it with a number or a concrete fact, or delete it",
    },
    Rule {
        id: PR_HEADLINE,
        family: Family::PressRelease,
        default: Level::Warn,
        reason: "the headline does not state a concrete benefit",
        hint: "say who gets what, with a verb, in 15 words or fewer",
    },
    Rule {
        id: FAQ_EXTERNAL_MISSING,
        family: Family::Faq,
        default: Level::Warn,
        reason: "there is no external (customer) FAQ",
        hint: "add an `## External FAQ` with the questions customers will ask",
    },
    Rule {
        id: FAQ_INTERNAL_MISSING,
        family: Family::Faq,
        default: Level::Warn,
        reason: "there is no internal (business) FAQ",
        hint: "add an `## Internal FAQ` on cost, risk and resources",
    },
    Rule {
        id: FAQ_TOO_FEW_QUESTIONS,
        family: Family::Faq,
        default: Level::Warn,
        reason: "an FAQ half has too few questions",
        hint: "add the questions a sceptical reader would ask, one heading each",
    },
    Rule {
        id: FAQ_PLACEHOLDER_ANSWER,
        family: Family::Faq,
        default: Level::Warn,
        reason: "a question has an empty or placeholder answer",
        hint: "write the answer, or say plainly what is not known yet and how you will find out",
    },
    Rule {
        id: MEETING_LENGTH,
        family: Family::ReadingMeeting,
        default: Level::Warn,
        reason: "the document does not fit the silent reading at the start of the meeting",
        hint: "cut the FAQ to the questions the meeting must decide on; link to appendices",
    },
    Rule {
        id: OWNER_MISSING,
        family: Family::Ownership,
        default: Level::Warn,
        reason: "no single-threaded leader owns the document",
        hint: "add `owner = \"Name\"` to the front matter",
    },
    Rule {
        id: STATUS_MISSING,
        family: Family::Ownership,
        default: Level::Warn,
        reason: "the document has no status",
        hint: "add `status = \"...\"` with one of the statuses in site.toml",
    },
    Rule {
        id: STAGE_MISSING,
        family: Family::Ownership,
        default: Level::Warn,
        reason: "the document has no stage",
        hint: "add `stage = \"...\"` with one of the stages in site.toml",
    },
    Rule {
        id: OWNER_OVERLOADED,
        family: Family::Ownership,
        default: Level::Warn,
        reason: "a single-threaded leader leads more than one active PR/FAQ",
        hint: "give one of them another leader, or close one (shelve or launch it)",
    },
    Rule {
        id: DECISION_MISSING,
        family: Family::Decisions,
        default: Level::Warn,
        reason: "the status says a decision was made, but the decision log does not record it",
        hint: "add a `[[decisions]]` entry with the date, the outcome, who decided and why",
    },
    Rule {
        id: DECISION_ORDER,
        family: Family::Decisions,
        default: Level::Error,
        reason: "the decision log is not in date order",
        hint: "list decisions oldest first, and check the dates",
    },
    Rule {
        id: DECISION_FUTURE,
        family: Family::Decisions,
        default: Level::Error,
        reason: "a decision is dated in the future",
        hint: "record decisions once they are made, with the day they were made",
    },
    Rule {
        id: DECISION_CONTRADICTS,
        family: Family::Decisions,
        default: Level::Error,
        reason: "the latest decision contradicts the status",
        hint: "update the status to what was decided, or record the decision that changed it",
    },
    Rule {
        id: LINK_BROKEN,
        family: Family::Links,
        default: Level::Warn,
        reason: "a link points at a PR/FAQ that is not in the library",
        hint: "link to another PR/FAQ with its path relative to this file, e.g. `../other-idea.md`",
    },
    Rule {
        id: LINK_ANCHOR,
        family: Family::Links,
        default: Level::Warn,
        reason: "a link points at an anchor that does not exist in its document",
        hint: "link to one of the document's headings (its anchor is the heading in lowercase with `-` for spaces)",
    },
    Rule {
        id: STALE,
        family: Family::Staleness,
        default: Level::Warn,
        reason: "the document is in review but nobody has revised it for a long time",
        hint: "hold the review meeting, revise the document, or change its status",
    },
    Rule {
        id: DEJA_VU,
        family: Family::DejaVu,
        default: Level::Warn,
        reason: "the press release closely resembles a PR/FAQ that was shelved",
        hint: "read the shelved PR/FAQ and its decision; link to it and say what is different this time",
    },
    Rule {
        id: CHECK_SKIP,
        family: Family::Check,
        default: Level::Warn,
        reason: "`check.skip` names a rule that does not exist",
        hint: "use the rule ids listed by the README (e.g. `pr-length`)",
    },
];

/// A rule, as a diagnostic carries it: its position in [`RULES`] (one byte, so
/// a diagnostic stays small).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleId(u8);

impl RuleId {
    /// The rule with this id, if there is one.
    pub fn of(id: &str) -> Option<RuleId> {
        let index = RULES.iter().position(|rule| rule.id == id)?;
        u8::try_from(index).ok().map(RuleId)
    }

    pub fn rule(self) -> &'static Rule {
        &RULES[usize::from(self.0)]
    }
}

impl Rule {
    /// Whether `build` lists each of this rule's warnings, as it always did
    /// (a missing owner, status or stage, a broken link); the other rules'
    /// warnings are review notes that `build` only counts.
    pub fn listed_by_build(&self) -> bool {
        matches!(
            self.id,
            OWNER_MISSING | STATUS_MISSING | STAGE_MISSING | LINK_BROKEN
        )
    }
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}

/// The rule for a missing `owner`, `status` or `stage` key.
pub fn missing_key(key: &str) -> &'static str {
    match key {
        "status" => STATUS_MISSING,
        "stage" => STAGE_MISSING,
        _ => OWNER_MISSING,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        for id in &ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
