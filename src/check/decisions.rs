//! The record: decisions that match the status, in order and not in the
//! future, and documents in review that someone still works on (staleness,
//! from git history).

use super::{Checked, Context, Finder, days, rules};
use crate::config::check::Needed;
use crate::document::Outcome;
use crate::history::HistoryState;

/// Runs the decision and staleness rules on one document.
pub fn check(context: &Context<'_>, doc: &Checked<'_>, find: &mut Finder<'_>) {
    let decisions = &doc.document.meta.decisions;
    for (i, pair) in decisions.windows(2).enumerate() {
        if pair[1].date < pair[0].date {
            find.at_key(
                rules::DECISION_ORDER,
                "date",
                i + 1,
                format!(
                    "decision {} is dated {}, before the one above it ({})",
                    i + 2,
                    pair[1].date,
                    pair[0].date
                ),
            );
        }
    }
    for (i, decision) in decisions.iter().enumerate() {
        if decision.date > context.today {
            find.at_key(
                rules::DECISION_FUTURE,
                "date",
                i,
                format!(
                    "decision dated {}, which is in the future (today is {})",
                    decision.date, context.today
                ),
            );
        }
    }
    status_rules(doc, find);
    stale(context, doc, find);
}

fn status_rules(doc: &Checked<'_>, find: &mut Finder<'_>) {
    let meta = &doc.document.meta;
    let Some(status) = doc.status else {
        return;
    };
    let Some(expected) = find.config.expected_outcome(status).map(outcome) else {
        return;
    };
    // The latest decision: the last one by date (the log should be oldest first).
    let latest = meta
        .decisions
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.date.cmp(&b.1.date).then(a.0.cmp(&b.0)));
    if let Some((i, decision)) = latest
        && decision.outcome != expected
        && decision.outcome != Outcome::Revisit
    {
        find.at_key(
            rules::DECISION_CONTRADICTS,
            "outcome",
            i,
            format!(
                "the latest decision ({}) is to {}, but the status is {status:?}",
                decision.date,
                outcome_word(decision.outcome)
            ),
        );
    } else if !meta.decisions.iter().any(|d| d.outcome == expected) {
        find.at_key(
            rules::DECISION_MISSING,
            "status",
            0,
            format!(
                "the status is {status:?}, but no decision to {} is recorded",
                outcome_word(expected)
            ),
        );
    }
}

/// The decision log's outcome that `[check] outcomes` names.
fn outcome(needed: Needed) -> Outcome {
    match needed {
        Needed::Proceed => Outcome::Proceed,
        Needed::Shelve => Outcome::Shelve,
        Needed::Revisit => Outcome::Revisit,
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Proceed => "proceed",
        Outcome::Shelve => "shelve",
        Outcome::Revisit => "revisit",
    }
}

fn stale(context: &Context<'_>, doc: &Checked<'_>, find: &mut Finder<'_>) {
    let config = &find.config.stale;
    let history = &doc.entry.history;
    let Some(status) = doc.status else {
        return;
    };
    if !matches!(context.library.history, HistoryState::Read { .. })
        || !find.config.can_go_stale(status)
        || history.uncommitted
    {
        return;
    }
    let Some(latest) = history.revisions.first() else {
        return;
    };
    let (Some(then), Some(now)) = (
        days(&latest.date.to_string()),
        days(&context.today.to_string()),
    ) else {
        return;
    };
    let idle = now - then;
    if idle > i64::from(config.days) {
        find.at_key(
            rules::STALE,
            "status",
            0,
            format!(
                "{status} with no revision for {idle} days (last: {}, \"{}\"); the limit is {}",
                latest.date, latest.subject, config.days
            ),
        );
    }
}
