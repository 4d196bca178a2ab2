//! `page` of document.html: everything the document page shows.

use std::collections::BTreeMap;

use serde::Serialize;

use super::card::{DecisionView, DocCard};
use super::history::HistorySummary;
use super::site::Link;
use super::timeline::TimelineEvent;
use crate::config::Resolved;
use crate::insights::strip::StageStrip;
use crate::library::{Entry, Library, document_url};
use crate::markdown::{Question, Section, SectionKind};

/// Everything the document page shows.
#[derive(Serialize)]
pub struct DocPage<'a> {
    pub card: DocCard,
    /// Further authors, from a mapped owner key that held a list.
    pub co_owners: &'a [String],
    pub customer: Option<&'a str>,
    pub team: Option<&'a str>,
    pub source: &'a str,
    /// Each stage with `done`, `current` or `todo`, for the progress bar.
    pub progress: Vec<ProgressStep>,
    /// The decision log, oldest first (the order of the timeline).
    pub decisions: Vec<DecisionView>,
    pub sections: Vec<SectionView<'a>>,
    pub external_questions: Vec<QuestionView<'a>>,
    pub internal_questions: Vec<QuestionView<'a>>,
    pub other_questions: Vec<QuestionView<'a>>,
    pub press_release_words: usize,
    pub press_release_minutes: usize,
    /// Not a PR/FAQ (no press release heading, no FAQ): shown with its own headings.
    pub plain: bool,
    /// The `##`/`###` headings, for a plain document's table of contents.
    pub outline: &'a [crate::markdown::OutlineEntry],
    pub backlinks: Vec<Link>,
    /// Front matter keys prfaq does not know, by name.
    pub extra: BTreeMap<&'a str, &'a serde_json::Value>,
    /// Transitions and decisions, oldest first.
    pub timeline: Vec<TimelineEvent>,
    /// The stage strip: which stage from when to when, decisions marked.
    pub stages: StageStrip,
    pub history: HistorySummary,
}

/// One stage of the progress bar.
#[derive(Serialize)]
pub struct ProgressStep {
    pub label: String,
    pub state: StepState,
}

/// Where a stage is relative to the document's (`step-<state>` classes).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum StepState {
    /// An earlier stage the document was in (or, without history, any earlier stage).
    Done,
    /// An earlier stage the history shows the document never was in.
    Skipped,
    Current,
    Todo,
}

/// A part of the document body, rendered.
#[derive(Serialize)]
pub struct SectionView<'a> {
    /// `press-release`, `faq`, `external-faq`, `internal-faq` or `other`.
    pub kind: SectionKind,
    pub heading: Option<&'a str>,
    pub anchor: Option<&'a str>,
    /// HTML rendered from the document's Markdown.
    pub html: &'a str,
}

/// An FAQ question with its anchor.
#[derive(Serialize)]
pub struct QuestionView<'a> {
    pub text: &'a str,
    pub anchor: &'a str,
}

impl<'a> DocPage<'a> {
    /// The page of `entry`, whose card and timeline the list views made.
    pub fn new(
        library: &'a Library,
        entry: &'a Entry,
        card: DocCard,
        timeline: Vec<TimelineEvent>,
    ) -> Self {
        let meta = &entry.document.meta;
        let body = &entry.body;
        let questions = |half| questions(&body.questions, half);
        DocPage {
            co_owners: &meta.co_owners,
            customer: meta.customer.as_deref(),
            team: meta.team.as_deref(),
            source: &entry.document.source,
            progress: progress(library, entry),
            decisions: meta.decisions.iter().map(DecisionView::new).collect(),
            sections: body.sections.iter().map(SectionView::new).collect(),
            external_questions: questions(SectionKind::ExternalFaq),
            internal_questions: questions(SectionKind::InternalFaq),
            other_questions: questions(SectionKind::Faq),
            press_release_words: body.press_release_words,
            press_release_minutes: body.press_release_minutes,
            plain: body.plain,
            outline: &body.outline,
            backlinks: backlinks(library, entry),
            // `check` (`check.skip`) is for prfaq check, not for readers.
            extra: meta
                .extra
                .iter()
                .filter(|(k, _)| k.as_str() != "check")
                .map(|(k, v)| (k.as_str(), v))
                .collect(),
            timeline,
            stages: StageStrip::new(library, entry),
            history: HistorySummary::new(library, entry),
            card,
        }
    }
}

impl<'a> SectionView<'a> {
    fn new(section: &'a Section) -> Self {
        SectionView {
            kind: section.kind,
            heading: section.heading.as_deref(),
            anchor: section.anchor.as_deref(),
            html: &section.html,
        }
    }
}

fn questions(questions: &[Question], half: SectionKind) -> Vec<QuestionView<'_>> {
    questions
        .iter()
        .filter(|q| q.half == half)
        .map(|q| QuestionView {
            text: &q.text,
            anchor: &q.anchor,
        })
        .collect()
}

fn progress(library: &Library, entry: &Entry) -> Vec<ProgressStep> {
    let revisions = &entry.history.revisions;
    // The stages some revision had; without history every earlier stage counts as reached.
    let reached: std::collections::HashSet<usize> = revisions
        .iter()
        .filter_map(|r| match r.snapshot.stage {
            Resolved::Known(i) => Some(i),
            _ => None,
        })
        .collect();
    let known_history = !reached.is_empty();
    library
        .config
        .stages
        .iter()
        .enumerate()
        .map(|(i, term)| ProgressStep {
            label: term.label.clone(),
            state: match entry.document.stage {
                Resolved::Known(current)
                    if i < current && known_history && !reached.contains(&i) =>
                {
                    StepState::Skipped
                }
                Resolved::Known(current) if i < current => StepState::Done,
                Resolved::Known(current) if i == current => StepState::Current,
                _ => StepState::Todo,
            },
        })
        .collect()
}

fn backlinks(library: &Library, entry: &Entry) -> Vec<Link> {
    let base = library.config.base_path();
    entry
        .backlinks
        .iter()
        .map(|&i| {
            let doc = &library.entries[i].document;
            Link {
                name: doc.title.clone(),
                url: document_url(&base, &doc.slug),
            }
        })
        .collect()
}
