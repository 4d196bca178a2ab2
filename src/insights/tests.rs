//! Every metric on fixed data: documents with scripted revisions on known
//! days, and the medians, counts and funnel they must give.

use std::collections::HashMap;

use super::*;
use crate::config::Resolved;
use crate::document::Date;
use crate::history::{Change, Content, DocumentHistory, History, Revision, Snapshot};
use crate::library::test_support::library_with;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// A revision on `day` whose front matter has the stage at `stage` (`None`: no stage).
fn revision(day: &str, stage: Option<usize>) -> Revision {
    Revision {
        hash: format!("{:0>40}", day.replace('-', "")),
        date: date(day),
        author: "Ann".into(),
        subject: "edit".into(),
        change: Change::Modified,
        content: Content::Text,
        blob: Some(format!("{:0>40}", day.replace('-', ""))),
        path: "content/a.md".into(),
        step: None,
        snapshot: Snapshot {
            status: Resolved::Known(0),
            stage: stage.map_or(Resolved::Missing, Resolved::Known),
            owner: Some("Ann".into()),
        },
    }
}

/// A document's text: owner, status and stage ids, `created`, and decisions as (date, outcome).
fn doc(
    owner: &str,
    status: &str,
    stage: &str,
    created: Option<&str>,
    decisions: &[(&str, &str)],
) -> String {
    let mut text = format!("+++\nowner = {owner:?}\nstatus = {status:?}\nstage = {stage:?}\n");
    if let Some(created) = created {
        text.push_str(&format!("created = {created}\n"));
    }
    for (day, outcome) in decisions {
        text.push_str(&format!(
            "[[decisions]]\ndate = {day}\noutcome = {outcome:?}\n"
        ));
    }
    text + "+++\n## Press Release\n\nText.\n"
}

/// A library of `(source, text, revisions oldest first)`.
fn library(files: &[(&str, String, Vec<Revision>)]) -> Library {
    let documents = files
        .iter()
        .filter(|(_, _, revisions)| !revisions.is_empty())
        .map(|(source, _, revisions)| {
            let revisions = revisions.iter().rev().cloned().collect();
            let history = DocumentHistory {
                revisions,
                uncommitted: false,
                base: None,
            };
            ((*source).to_owned(), history)
        })
        .collect::<HashMap<_, _>>();
    let history = History {
        state: HistoryState::Read { truncated: false },
        documents,
        ..History::default()
    };
    let texts: Vec<(&str, &str)> = files.iter().map(|(s, t, _)| (*s, t.as_str())).collect();
    library_with(&texts, history)
}

#[test]
fn stages_from_the_front_matter_at_each_commit() {
    let library = library(&[(
        "a.md",
        doc("Ann", "draft", "refine", None, &[]),
        vec![
            revision("2024-03-01", Some(0)),
            revision("2024-03-10", Some(1)),
            revision("2024-03-15", Some(1)),
            revision("2024-04-01", Some(3)),
        ],
    )]);
    let life = Life::of(&library.entries[0]);
    assert_eq!(life.source, Source::Git);
    assert_eq!(life.first_draft, Some(date("2024-03-01")));
    let spans: Vec<_> = life.spans.iter().map(|s| (s.stage, s.days())).collect();
    assert_eq!(spans, [(0, Some(9)), (1, Some(22)), (3, None)]);
    assert_eq!(life.last_known, Some(date("2024-04-01")));
}

#[test]
fn a_revision_without_a_stage_ends_the_stay_and_created_wins() {
    let library = library(&[(
        "a.md",
        doc("Ann", "draft", "define", Some("2024-02-20"), &[]),
        vec![
            revision("2024-03-01", Some(0)),
            revision("2024-03-05", None),
            revision("2024-03-08", Some(1)),
        ],
    )]);
    let life = Life::of(&library.entries[0]);
    assert_eq!(life.first_draft, Some(date("2024-02-20")));
    let spans: Vec<_> = life.spans.iter().map(|s| (s.stage, s.days())).collect();
    assert_eq!(spans, [(0, Some(4)), (1, None)]);
}

#[test]
fn without_history_the_current_stage_since_created() {
    let library = library(&[(
        "a.md",
        doc("Ann", "draft", "invent", Some("2024-05-01"), &[]),
        vec![],
    )]);
    let life = Life::of(&library.entries[0]);
    assert_eq!(life.source, Source::FrontMatter);
    assert_eq!(
        life.spans,
        [Span {
            stage: 2,
            from: Some(date("2024-05-01")),
            to: None
        }]
    );
}

#[test]
fn decisions_per_quarter_fill_the_gaps_and_give_the_shelve_rate() {
    let library = library(&[
        (
            "a.md",
            doc(
                "Ann",
                "proceed",
                "refine",
                None,
                &[("2024-01-10", "shelve"), ("2024-03-31", "proceed")],
            ),
            vec![],
        ),
        (
            "b.md",
            doc(
                "Bo",
                "draft",
                "listen",
                None,
                &[("2024-02-01", "shelve"), ("2024-10-01", "revisit")],
            ),
            vec![],
        ),
    ]);
    let quarters: Vec<_> = metrics::decisions_per_quarter(&library.entries)
        .into_iter()
        .map(|q| {
            (
                q.quarter.to_string(),
                q.proceed,
                q.shelve,
                q.revisit,
                q.shelve_rate,
            )
        })
        .collect();
    let two_thirds = 2.0 / 3.0;
    assert_eq!(
        quarters,
        [
            ("2024-Q1".to_owned(), 1, 2, 0, Some(two_thirds)),
            ("2024-Q2".to_owned(), 0, 0, 0, None),
            ("2024-Q3".to_owned(), 0, 0, 0, None),
            ("2024-Q4".to_owned(), 0, 0, 1, None),
        ]
    );
}

#[test]
fn the_funnel_counts_the_furthest_stage_ever_reached() {
    let library = library(&[
        // Reached refine in history, back in define now.
        (
            "a.md",
            doc("Ann", "draft", "define", None, &[]),
            vec![
                revision("2024-01-01", Some(0)),
                revision("2024-02-01", Some(3)),
                revision("2024-03-01", Some(1)),
            ],
        ),
        ("b.md", doc("Bo", "draft", "invent", None, &[]), vec![]),
        (
            "c.md",
            doc("Cy", "draft", "listen", None, &[]),
            vec![revision("2024-01-01", Some(0))],
        ),
    ]);
    let funnel: Vec<usize> = Insights::new(&library)
        .funnel
        .iter()
        .map(|s| s.reached)
        .collect();
    assert_eq!(funnel, [3, 2, 2, 1, 0]);
}

#[test]
fn time_to_decision_per_quarter_from_first_draft_to_first_proceed_or_shelve() {
    let decided = |created, decisions| doc("Ann", "proceed", "refine", created, decisions);
    let library = library(&[
        // Revisit first: the clock runs to the shelve (40 days).
        (
            "a.md",
            decided(
                Some("2024-01-01"),
                &[("2024-01-20", "revisit"), ("2024-02-10", "shelve")],
            ),
            vec![],
        ),
        // 20 days, from the first commit.
        (
            "b.md",
            decided(None, &[("2024-03-21", "proceed"), ("2024-06-01", "shelve")]),
            vec![revision("2024-03-01", Some(0))],
        ),
        // 90 days, a quarter later; and 30 days.
        (
            "c.md",
            decided(Some("2024-02-01"), &[("2024-05-01", "proceed")]),
            vec![],
        ),
        (
            "d.md",
            decided(Some("2024-02-01"), &[("2024-03-02", "proceed")]),
            vec![],
        ),
        // No first-draft date: left out, and said so.
        ("e.md", decided(None, &[("2024-03-02", "proceed")]), vec![]),
    ]);
    let insights = Insights::new(&library);
    let rows = insights.time_to_decision.iter().map(|q| {
        let d = q.days;
        (q.quarter.to_string(), d.count, d.median, d.q1, d.q3)
    });
    let rows: Vec<_> = rows.collect();
    assert_eq!(
        rows,
        [
            ("2024-Q1".to_owned(), 3, 30.0, 25.0, 35.0),
            ("2024-Q2".to_owned(), 1, 90.0, 90.0, 90.0),
        ]
    );
    let unmeasured: Vec<_> = insights
        .sources
        .unmeasured
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(unmeasured, ["e"]);
    assert_eq!(insights.sources.decisions, 7);
    assert_eq!(insights.sources.decided_documents, 5);
}

#[test]
fn time_in_stage_counts_ended_stays_only() {
    let library = library(&[
        (
            "a.md",
            doc("A", "draft", "define", None, &[]),
            vec![
                revision("2024-01-01", Some(0)),
                revision("2024-01-11", Some(1)),
            ],
        ),
        (
            "b.md",
            doc("B", "draft", "define", None, &[]),
            vec![
                revision("2024-01-01", Some(0)),
                revision("2024-01-31", Some(1)),
            ],
        ),
        (
            "c.md",
            doc("C", "draft", "listen", None, &[]),
            vec![revision("2024-01-01", Some(0))],
        ),
    ]);
    let stages = Insights::new(&library).time_in_stage;
    let listen = &stages[0];
    let days = listen.days.unwrap();
    assert_eq!(
        (days.count, days.median, days.min, days.max),
        (2, 20.0, 10.0, 30.0)
    );
    assert_eq!(listen.current, 1);
    assert_eq!(stages[1].days, None);
    assert_eq!(stages[1].current, 2);
}

#[test]
fn ideas_that_came_back_were_shelved_first() {
    let decided = |decisions| doc("Ann", "in-review", "refine", None, decisions);
    let library = library(&[
        (
            "back.md",
            decided(&[("2024-01-10", "shelve"), ("2024-06-01", "revisit")]),
            vec![],
        ),
        (
            "approved.md",
            decided(&[("2024-02-10", "shelve"), ("2024-09-01", "proceed")]),
            vec![],
        ),
        (
            "order.md",
            decided(&[("2024-01-10", "revisit"), ("2024-06-01", "shelve")]),
            vec![],
        ),
        ("still.md", decided(&[("2024-01-10", "shelve")]), vec![]),
    ]);
    let back: Vec<String> = Insights::new(&library)
        .came_back
        .into_iter()
        .map(|c| {
            format!(
                "{} {} {} {:?} {}",
                c.title, c.shelved, c.back, c.outcome, c.url
            )
        })
        .collect();
    assert_eq!(
        back,
        [
            "approved 2024-02-10 2024-09-01 Proceed /docs/approved/",
            "back 2024-01-10 2024-06-01 Revisit /docs/back/",
        ]
    );
}

#[test]
fn leaders_of_more_than_one_active_idea_are_flagged() {
    let library = library(&[
        ("a.md", doc("Ann", "draft", "listen", None, &[]), vec![]),
        ("b.md", doc("Ann", "in-review", "listen", None, &[]), vec![]),
        ("c.md", doc("Ann", "shelved", "listen", None, &[]), vec![]),
        ("d.md", doc("Bo", "launched", "listen", None, &[]), vec![]),
        ("e.md", doc("Cy", "proceed", "listen", None, &[]), vec![]),
    ]);
    let leaders: Vec<_> = Insights::new(&library)
        .leaders
        .into_iter()
        .map(|l| (l.name, l.active, l.documents, l.flagged))
        .collect();
    assert_eq!(
        leaders,
        [
            ("Ann".to_owned(), 2, 3, true),
            ("Cy".to_owned(), 1, 1, false),
            ("Bo".to_owned(), 0, 1, false),
        ]
    );
}

#[test]
fn sources_name_documents_without_history() {
    let library = library(&[
        (
            "a.md",
            doc("Ann", "draft", "listen", None, &[]),
            vec![revision("2024-01-01", Some(0))],
        ),
        ("b.md", doc("Bo", "draft", "listen", None, &[]), vec![]),
    ]);
    let sources = Insights::new(&library).sources;
    assert_eq!(
        (sources.history, sources.shallow, sources.from_git),
        ("git", false, 1)
    );
    let without: Vec<_> = sources
        .without_history
        .iter()
        .map(|d| d.url.as_str())
        .collect();
    assert_eq!(without, ["/docs/b/"]);
}

#[test]
fn quarters_and_days() {
    assert_eq!(date("2024-05-31").quarter(), (2024, 2));
    assert_eq!(date("2024-12-31").quarter(), (2024, 4));
    assert_eq!(date("2024-02-28").days_until(date("2024-03-01")), 2);
    assert_eq!(date("2024-03-01").days_until(date("2024-02-28")), -2);
    assert_eq!(date("2023-12-31").days_until(date("2025-01-01")), 367);
    let library = library(&[(
        "a.md",
        doc(
            "Ann",
            "draft",
            "listen",
            None,
            &[("2023-11-30", "revisit"), ("2024-04-01", "proceed")],
        ),
        vec![],
    )]);
    let quarters: Vec<String> = metrics::decisions_per_quarter(&library.entries)
        .iter()
        .map(|q| q.quarter.to_string())
        .collect();
    assert_eq!(quarters, ["2023-Q4", "2024-Q1", "2024-Q2"]);
}

#[test]
fn the_strip_draws_each_stay_in_proportion_with_decisions_marked() {
    let library = library(&[(
        "a.md",
        doc("Ann", "draft", "define", None, &[("2024-01-31", "revisit")]),
        vec![
            revision("2024-01-01", Some(0)),
            revision("2024-01-21", Some(1)),
        ],
    )]);
    let strip = strip::StageStrip::new(&library, &library.entries[0]);
    let spans: Vec<_> = strip
        .spans
        .iter()
        .map(|s| (s.label.as_str(), s.days))
        .collect();
    assert_eq!(spans, [("Listen", Some(20)), ("Define", None)]);
    let html = scraper::Html::parse_fragment(&strip.svg);
    let select = |css| scraper::Selector::parse(css).unwrap();
    // 30 days on 578 units (60 more for the stage it is in now): Listen 20 days, Define 10 and on.
    let widths: Vec<String> = html
        .select(&select("rect.segment"))
        .map(|r| r.attr("width").unwrap().to_owned())
        .collect();
    assert_eq!(widths, ["385.3", "252.7"]);
    let markers: Vec<String> = html
        .select(&select("g.marker title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(markers, ["Decision on 2024-01-31: revisit"]);
}

#[test]
fn the_leaders_chart_draws_the_busiest_forty() {
    let files: Vec<(String, String, Vec<Revision>)> = (0..45)
        .map(|i| {
            (
                format!("d{i:02}.md"),
                doc(&format!("Leader {i:02}"), "draft", "listen", None, &[]),
                vec![],
            )
        })
        .collect();
    let files: Vec<(&str, String, Vec<Revision>)> = files
        .iter()
        .map(|(s, t, r)| (s.as_str(), t.clone(), r.clone()))
        .collect();
    let insights = Insights::new(&library(&files));
    assert_eq!(insights.leaders.len(), 45);
    let chart = page::InsightsPage::new(&insights).leaders;
    assert_eq!(chart.table.rows.len(), 40);
    assert!(
        chart.sentence.contains("40 busiest of 45"),
        "{}",
        chart.sentence
    );
}
