//! FAQ rules (both halves, enough questions, real answers) and the reading
//! meeting's budget for the whole document.

use super::{Checked, Finder, rules};
use crate::markdown::SectionKind;

/// Runs the FAQ and reading meeting rules on one document.
pub fn check(doc: &Checked<'_>, find: &mut Finder<'_>) {
    let outline = doc.outline;
    let faq_heading = outline.section_heading(SectionKind::Faq).map(|b| b.offset);
    let end_of_press_release = outline
        .press_release()
        .last()
        .map(|b| b.offset)
        .unwrap_or(doc.document.body_offset);
    // A missing half is reported at the FAQ heading, else at the other half, else after the press release.
    let half_heading = |kind| outline.section_heading(kind).map(|b| b.offset);
    let fallback = |other| {
        faq_heading
            .or_else(|| half_heading(other))
            .unwrap_or(end_of_press_release)
    };
    let halves = [
        (
            SectionKind::ExternalFaq,
            SectionKind::InternalFaq,
            rules::FAQ_EXTERNAL_MISSING,
            "external (customer)",
        ),
        (
            SectionKind::InternalFaq,
            SectionKind::ExternalFaq,
            rules::FAQ_INTERNAL_MISSING,
            "internal (business)",
        ),
    ];
    let min = find.config.faq_too_few_questions.min;
    for (kind, other, rule, name) in halves {
        let Some(heading) = outline.section_heading(kind) else {
            find.add(rule, fallback(other), format!("there is no {name} FAQ"));
            continue;
        };
        let questions = outline.questions.iter().filter(|q| q.half == kind).count();
        if questions < min {
            find.add(
                rules::FAQ_TOO_FEW_QUESTIONS,
                heading.offset,
                format!(
                    "the {name} FAQ has {questions} question{}; it needs at least {min}",
                    if questions == 1 { "" } else { "s" }
                ),
            );
        }
    }
    placeholder_answers(doc, find);
    meeting(doc, find);
}

fn placeholder_answers(doc: &Checked<'_>, find: &mut Finder<'_>) {
    let phrases: Vec<String> = find
        .config
        .faq_placeholder_answer
        .phrases
        .iter()
        .map(|p| p.to_lowercase())
        .collect();
    for question in &doc.outline.questions {
        let answer = question.answer.trim();
        if answer.is_empty() {
            find.add(
                rules::FAQ_PLACEHOLDER_ANSWER,
                question.offset,
                format!("\"{}\" has no answer", question.text),
            );
            continue;
        }
        let lower = answer.to_lowercase();
        let words: String = lower
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_owned();
        let placeholder = phrases.iter().find(|p| {
            words
                .strip_prefix(p.as_str())
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        });
        if let Some(phrase) = placeholder {
            // Quote the placeholder as written, not as configured.
            let start = answer.len()
                - answer
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            let written: String = answer[start..]
                .chars()
                .take(phrase.chars().count())
                .collect();
            find.add(
                rules::FAQ_PLACEHOLDER_ANSWER,
                question.answer_offset.unwrap_or(question.offset),
                format!(
                    "\"{}\" has a placeholder answer (\"{written}\")",
                    question.text
                ),
            );
        }
    }
}

fn meeting(doc: &Checked<'_>, find: &mut Finder<'_>) {
    let budget = &find.config.meeting_length;
    let words = doc.body.words;
    let limit = budget.pages * budget.words_per_page;
    if words <= limit || budget.words_per_page == 0 {
        return;
    }
    let pages = words.div_ceil(budget.words_per_page);
    let minutes = pages * budget.minutes_per_page;
    let offset = doc.outline.blocks.first().map_or(0, |b| b.offset);
    find.add(
        rules::MEETING_LENGTH,
        offset,
        format!(
            "the document has {words} words, about {pages} pages and {minutes} minutes of reading; \
             the meeting budget is {} pages ({limit} words)",
            budget.pages
        ),
    );
}
