//! The sample library's insights page tells its story: every number on
//! `insights/` and in `insights.json`, after `prfaq init --example` and a
//! build, is the one worked out here from the script alone — the commits of
//! `examples/story/story.toml` (dates, stage edits, renames) and the decision
//! logs of the documents the story ends with. Nothing here reads prfaq's
//! own numbers to make the expected ones.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;
use serde_json::Value;

use super::insights::{column, table};
use super::support::{Library, Page, texts_in, validate_json};

/// The default stages and active statuses (the sample's site.toml configures neither).
const STAGES: [&str; 5] = ["listen", "define", "invent", "refine", "test-and-iterate"];
const LABELS: [&str; 5] = ["Listen", "Define", "Invent", "Refine", "Test & Iterate"];
const ACTIVE: [&str; 3] = ["draft", "in-review", "proceed"];

#[derive(Deserialize)]
struct Story {
    commit: Vec<Commit>,
}

#[derive(Deserialize)]
struct Commit {
    date: String,
    change: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    path: String,
    renamed_from: Option<String>,
    #[serde(default)]
    edit: Vec<Edit>,
}

#[derive(Deserialize)]
struct Edit {
    before: String,
    after: String,
}

/// One document as the script tells it.
#[derive(Debug)]
struct Scripted {
    title: String,
    owner: String,
    status: String,
    /// `created`, else the day of the commit that added it.
    first_draft: Date,
    /// The stage of its first commit, then each commit that changed it: (day, stage index).
    stages: Vec<(Date, usize)>,
    /// (day, outcome), oldest first.
    decisions: Vec<(Date, String)>,
}

#[test]
fn the_sample_librarys_insights_page_tells_its_scripted_history() {
    let library = Library::new();
    library.prfaq(&["init", "--example", "."]).success();
    let site_toml = String::from_utf8(library.read("site.toml")).expect("UTF-8");
    assert!(
        !site_toml.contains("[[statuses]]") && !site_toml.contains("[[stages]]"),
        "the sample uses the default vocabulary this test assumes"
    );
    library.build().success();
    let docs = scripted(&library);
    assert_eq!(docs.len(), 10);
    let page = library.site().page("insights/");
    let bytes = library.read("public/insights.json");
    validate_json(&bytes, "schemas/insights.schema.json");
    let json: Value = serde_json::from_slice(&bytes).expect("insights.json");

    decisions_per_quarter(&docs, &page, &json);
    funnel(&docs, &page, &json);
    time_to_decision(&docs, &page, &json);
    time_in_stage(&docs, &page, &json);
    came_back(&docs, &page, &json);
    leaders(&docs, &page, &json);
    let sources = page.text(".insights-sources");
    assert!(sources.contains("for 10 of 10 documents"), "{sources}");
    assert_eq!(json["sources"]["from_git"], 10);
    let decisions: usize = docs.iter().map(|d| d.decisions.len()).sum();
    assert_eq!(json["sources"]["decisions"], decisions);
}

/// A file's commits: the day it was added and its stage edits (day, before, after).
struct Committed {
    added: Date,
    edits: Vec<(Date, usize, usize)>,
}

/// Every document the story ends with, from story.toml and the final texts.
fn scripted(library: &Library) -> Vec<Scripted> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/story/story.toml");
    let text = std::fs::read_to_string(&path).expect("read story.toml");
    let story: Story = toml::from_str(&text).expect("story.toml");
    // By its path now, following renames.
    let mut files: BTreeMap<String, Committed> = BTreeMap::new();
    for commit in &story.commit {
        let day: Date = commit.date[..10].parse().expect("a commit date");
        for change in &commit.change {
            let moved = change
                .renamed_from
                .as_ref()
                .and_then(|from| files.remove(from));
            let file = files.entry(change.path.clone()).or_insert_with(|| {
                moved.unwrap_or(Committed {
                    added: day,
                    edits: Vec::new(),
                })
            });
            for edit in &change.edit {
                if let (Some(before), Some(after)) =
                    (stage_line(&edit.before), stage_line(&edit.after))
                {
                    file.edits.push((day, before, after));
                }
            }
        }
    }
    files
        .into_iter()
        .filter(|(path, _)| path.starts_with("content/"))
        .map(|(path, Committed { added, edits })| {
            let text = String::from_utf8(library.read(&path)).expect("UTF-8");
            let front = front_matter(&text);
            let now = STAGES
                .iter()
                .position(|s| Some(*s) == field(front, "stage").as_deref())
                .expect("a stage");
            let mut stages = vec![(added, edits.first().map_or(now, |e| e.1))];
            for (day, before, after) in edits {
                assert_eq!(
                    stages.last().map(|s| s.1),
                    Some(before),
                    "{path}: stage edits chain"
                );
                stages.push((day, after));
            }
            assert_eq!(
                stages.last().map(|s| s.1),
                Some(now),
                "{path}: the story ends at content/"
            );
            let created = field(front, "created").map(|d| d.parse().expect("created"));
            let mut decisions = decisions(front);
            decisions.sort();
            Scripted {
                title: field(front, "title").expect("title"),
                owner: field(front, "owner").expect("owner"),
                status: field(front, "status").expect("status"),
                first_draft: created.unwrap_or(added),
                stages,
                decisions,
            }
        })
        .collect()
}

/// The stage a whole front matter line sets (`stage = "x"` or `stage: "x"`).
fn stage_line(line: &str) -> Option<usize> {
    let value = line
        .strip_prefix("stage = ")
        .or(line.strip_prefix("stage: "))?;
    STAGES.iter().position(|s| value == format!("\"{s}\""))
}

/// The front matter of a document: between its `+++` or `---` lines.
fn front_matter(text: &str) -> &str {
    let fence = &text[..4];
    let end = text[4..]
        .find(&format!("\n{}", fence.trim()))
        .expect("a closing fence");
    &text[4..4 + end]
}

/// A top-level key's value in TOML (`key = "v"`) or YAML (`key: "v"`).
fn field(front: &str, key: &str) -> Option<String> {
    front.lines().find_map(|line| {
        let value = line
            .strip_prefix(&format!("{key} = "))
            .or(line.strip_prefix(&format!("{key}: ")))?;
        Some(value.trim_matches('"').to_owned())
    })
}

/// The decision log: each `date` line followed by its `outcome` line.
fn decisions(front: &str) -> Vec<(Date, String)> {
    let mut found = Vec::new();
    let mut date = None;
    for line in front.lines().map(str::trim) {
        if let Some(d) = line
            .strip_prefix("date = ")
            .or(line.strip_prefix("- date: "))
        {
            date = Some(d.parse().expect("a decision date"));
        }
        let outcome = line
            .strip_prefix("outcome = ")
            .or(line.strip_prefix("outcome: "));
        if let Some(outcome) = outcome {
            let day = date.take().expect("a date before each outcome");
            found.push((day, outcome.trim_matches('"').to_owned()));
        }
    }
    found
}

fn quarter(day: Date) -> (i16, i8) {
    (day.year(), (day.month() - 1) / 3 + 1)
}

fn quarter_label((year, q): (i16, i8)) -> String {
    format!("{year}-Q{q}")
}

fn days(from: Date, to: Date) -> i32 {
    from.until(to).expect("days").get_days()
}

/// The median, interpolating between the middle two.
fn median(values: &[i32]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    (f64::from(sorted[(n - 1) / 2]) + f64::from(sorted[n / 2])) / 2.0
}

/// Days as the page writes them: whole, or to one decimal.
fn shown(days: f64) -> String {
    if days.fract() == 0.0 {
        format!("{days:.0}")
    } else {
        format!("{days:.1}")
    }
}

fn decisions_per_quarter(docs: &[Scripted], page: &Page, json: &Value) {
    let mut counts: BTreeMap<(i16, i8), [usize; 3]> = BTreeMap::new();
    for (day, outcome) in docs.iter().flat_map(|d| &d.decisions) {
        let slot = ["proceed", "shelve", "revisit"]
            .iter()
            .position(|o| o == outcome)
            .expect("an outcome");
        counts.entry(quarter(*day)).or_default()[slot] += 1;
    }
    // Every quarter from the first decision's to the last's, empty ones too.
    let (first, last) = (
        *counts.keys().next().expect("decisions"),
        *counts.keys().next_back().expect("decisions"),
    );
    let mut quarters = Vec::new();
    let mut q = first;
    while q <= last {
        quarters.push((q, counts.get(&q).copied().unwrap_or_default()));
        q = if q.1 == 4 {
            (q.0 + 1, 1)
        } else {
            (q.0, q.1 + 1)
        };
    }
    assert!(counts.values().all(|c| c.iter().sum::<usize>() > 0));
    assert!(
        quarters.iter().any(|(_, c)| c == &[0, 0, 0]),
        "the story has a quiet quarter"
    );
    let expected: Vec<(String, Vec<(String, String)>)> = quarters
        .iter()
        .map(|(q, c)| {
            let cells = ["proceed", "shelve", "revisit"]
                .iter()
                .zip(c)
                .map(|(k, n)| ((*k).to_owned(), n.to_string()));
            (quarter_label(*q), cells.collect())
        })
        .collect();
    assert_eq!(table(page, "decisions"), expected);
    let rate = |c: &[usize; 3]| (c[0] + c[1] > 0).then(|| c[1] as f64 / (c[0] + c[1]) as f64);
    let rates: Vec<(String, String)> = quarters
        .iter()
        .map(|(q, c)| {
            (
                quarter_label(*q),
                rate(c).map_or("—".into(), |r| format!("{:.0}%", r * 100.0)),
            )
        })
        .collect();
    assert_eq!(column(page, "shelve-rate", "rate"), rates);
    let from_json: Vec<(String, [u64; 3], Option<f64>)> = json["decisions_per_quarter"]
        .as_array()
        .expect("decisions_per_quarter")
        .iter()
        .map(|q| {
            let n = |k: &str| q[k].as_u64().expect("a count");
            (
                q["quarter"].as_str().expect("quarter").to_owned(),
                [n("proceed"), n("shelve"), n("revisit")],
                q["shelve_rate"].as_f64(),
            )
        })
        .collect();
    let expected: Vec<(String, [u64; 3], Option<f64>)> = quarters
        .iter()
        .map(|(q, c)| (quarter_label(*q), c.map(|n| n as u64), rate(c)))
        .collect();
    assert_eq!(from_json, expected);
}

fn funnel(docs: &[Scripted], page: &Page, json: &Value) {
    let furthest: Vec<usize> = docs
        .iter()
        .map(|d| d.stages.iter().map(|s| s.1).max().expect("a stage"))
        .collect();
    let reached: Vec<usize> = (0..STAGES.len())
        .map(|i| furthest.iter().filter(|&&f| f >= i).count())
        .collect();
    assert!(
        reached.windows(2).any(|w| w[0] > w[1]),
        "the funnel narrows"
    );
    let expected: Vec<(String, String)> = LABELS
        .iter()
        .zip(&reached)
        .map(|(l, n)| ((*l).to_owned(), n.to_string()))
        .collect();
    assert_eq!(column(page, "funnel", "reached"), expected);
    let from_json: Vec<u64> = json["funnel"]
        .as_array()
        .expect("funnel")
        .iter()
        .map(|s| s["reached"].as_u64().expect("reached"))
        .collect();
    assert_eq!(
        from_json,
        reached.iter().map(|&n| n as u64).collect::<Vec<_>>()
    );
}

fn time_to_decision(docs: &[Scripted], page: &Page, json: &Value) {
    let mut by_quarter: BTreeMap<(i16, i8), Vec<i32>> = BTreeMap::new();
    for doc in docs {
        let first = doc
            .decisions
            .iter()
            .find(|(_, o)| o == "proceed" || o == "shelve");
        if let Some((day, _)) = first {
            by_quarter
                .entry(quarter(*day))
                .or_default()
                .push(days(doc.first_draft, *day));
        }
    }
    assert!(by_quarter.len() >= 4, "{by_quarter:?}");
    let medians: Vec<(String, String)> = by_quarter
        .iter()
        .map(|(q, d)| (quarter_label(*q), shown(median(d))))
        .collect();
    assert_eq!(column(page, "time-to-decision", "median"), medians);
    let counts: Vec<(String, String)> = by_quarter
        .iter()
        .map(|(q, d)| (quarter_label(*q), d.len().to_string()))
        .collect();
    assert_eq!(column(page, "time-to-decision", "count"), counts);
    let from_json: Vec<(String, f64)> = json["time_to_decision"]
        .as_array()
        .expect("time_to_decision")
        .iter()
        .map(|q| {
            (
                q["quarter"].as_str().expect("quarter").to_owned(),
                q["days"]["median"].as_f64().expect("median"),
            )
        })
        .collect();
    let expected: Vec<(String, f64)> = by_quarter
        .iter()
        .map(|(q, d)| (quarter_label(*q), median(d)))
        .collect();
    assert_eq!(from_json, expected);
}

fn time_in_stage(docs: &[Scripted], page: &Page, json: &Value) {
    let mut stays: Vec<Vec<i32>> = vec![Vec::new(); STAGES.len()];
    let mut current = vec![0u64; STAGES.len()];
    for doc in docs {
        for pair in doc.stages.windows(2) {
            stays[pair[0].1].push(days(pair[0].0, pair[1].0));
        }
        current[doc.stages.last().expect("a stage").1] += 1;
    }
    let ended: Vec<(usize, &Vec<i32>)> = stays
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_empty())
        .collect();
    assert!(ended.len() >= 3, "the story moves documents through stages");
    let medians: Vec<(String, String)> = ended
        .iter()
        .map(|(i, d)| (LABELS[*i].to_owned(), shown(median(d))))
        .collect();
    assert_eq!(column(page, "time-in-stage", "median"), medians);
    let counts: Vec<(String, String)> = ended
        .iter()
        .map(|(i, d)| (LABELS[*i].to_owned(), d.len().to_string()))
        .collect();
    assert_eq!(column(page, "time-in-stage", "count"), counts);
    let stages = json["time_in_stage"].as_array().expect("time_in_stage");
    let from_json: Vec<(Option<f64>, u64)> = stages
        .iter()
        .map(|s| {
            (
                s["days"]["median"].as_f64(),
                s["current"].as_u64().expect("current"),
            )
        })
        .collect();
    let expected: Vec<(Option<f64>, u64)> = stays
        .iter()
        .zip(current)
        .map(|(d, c)| ((!d.is_empty()).then(|| median(d)), c))
        .collect();
    assert_eq!(from_json, expected);
}

fn came_back(docs: &[Scripted], page: &Page, json: &Value) {
    let mut back: Vec<(Date, String, Date, String)> = docs
        .iter()
        .filter_map(|doc| {
            let shelved = doc.decisions.iter().position(|(_, o)| o == "shelve")?;
            let (day, outcome) = doc.decisions[shelved + 1..]
                .iter()
                .find(|(_, o)| o != "shelve")?;
            Some((
                *day,
                doc.title.clone(),
                doc.decisions[shelved].0,
                outcome.clone(),
            ))
        })
        .collect();
    assert!(!back.is_empty(), "the story has an idea that came back");
    // Newest return first.
    back.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let rows: Vec<Vec<String>> = page
        .select("#came-back tbody tr")
        .into_iter()
        .map(|row| [texts_in(row, "th a"), texts_in(row, "td")].concat())
        .collect();
    let expected: Vec<Vec<String>> = back
        .iter()
        .map(|(day, title, shelved, outcome)| {
            let outcome = format!("{}{}", outcome[..1].to_uppercase(), &outcome[1..]);
            vec![title.clone(), shelved.to_string(), day.to_string(), outcome]
        })
        .collect();
    assert_eq!(rows, expected);
    let from_json: Vec<(String, String, String)> = json["came_back"]
        .as_array()
        .expect("came_back")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().expect("a string").to_owned();
            (s("title"), s("shelved"), s("back"))
        })
        .collect();
    let expected: Vec<(String, String, String)> = back
        .iter()
        .map(|(d, t, s, _)| (t.clone(), s.to_string(), d.to_string()))
        .collect();
    assert_eq!(from_json, expected);
}

fn leaders(docs: &[Scripted], page: &Page, json: &Value) {
    let mut by_owner: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for doc in docs {
        let leader = by_owner.entry(&doc.owner).or_default();
        leader.0 += usize::from(ACTIVE.contains(&doc.status.as_str()));
        leader.1 += 1;
    }
    let mut leaders: Vec<(&str, usize, usize)> =
        by_owner.into_iter().map(|(o, (a, n))| (o, a, n)).collect();
    // Busiest first, then by name.
    leaders.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let flagged: Vec<String> = leaders
        .iter()
        .filter(|l| l.1 > 1)
        .map(|l| l.0.to_owned())
        .collect();
    assert!(
        !flagged.is_empty(),
        "the story has a leader of more than one active idea"
    );
    let active: Vec<(String, String)> = leaders
        .iter()
        .map(|l| (l.0.to_owned(), l.1.to_string()))
        .collect();
    assert_eq!(column(page, "leaders", "active"), active);
    let all: Vec<(String, String)> = leaders
        .iter()
        .map(|l| (l.0.to_owned(), l.2.to_string()))
        .collect();
    assert_eq!(column(page, "leaders", "documents"), all);
    assert_eq!(page.texts("#leaders tr.flagged th a"), flagged);
    let notice = page.text(".notice-warning");
    assert!(
        notice.starts_with(&format!("{} leader", flagged.len())),
        "{notice}"
    );
    let from_json: Vec<(String, u64, bool)> = json["leaders"]
        .as_array()
        .expect("leaders")
        .iter()
        .map(|l| {
            (
                l["name"].as_str().expect("name").to_owned(),
                l["active"].as_u64().expect("active"),
                l["flagged"] == true,
            )
        })
        .collect();
    let expected: Vec<(String, u64, bool)> = leaders
        .iter()
        .map(|l| (l.0.to_owned(), l.1 as u64, l.1 > 1))
        .collect();
    assert_eq!(from_json, expected);
}
