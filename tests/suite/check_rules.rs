//! `prfaq check`'s rules, one by one: for each, a document that trips it (at
//! the line and column asserted) and a near miss that does not. Every case
//! starts from `GOOD`, a PR/FAQ that passes every rule, and changes one thing.

use std::path::Path;

use serde_json::Value;

use super::support::{self, Library, git};

/// `SOURCE_DATE_EPOCH` for 2026-06-01: "today" for the date rules.
pub const TODAY: &str = "1780272000";

/// A PR/FAQ that passes every rule (line numbers matter: the cases point into it).
pub const GOOD: &str = r#"+++
title = "Instant Returns"
owner = "Priya Raman"
status = "in-review"
stage = "refine"
+++

## Press Release

### Kestrel members can now return any item at the curb in two minutes

**Subheading.** No receipt, no line, and the refund lands before you drive away.

**Summary.** SPOKANE, WA — May 4, 2026 — Kestrel Rewards members can return anything bought in the last 90 days without leaving their car.

**Problem.** Returning a hose fitting costs a customer twenty minutes in a line.

**Solution.** Scan the item in the app, park in a bay, and hand it over.

**Leader quote.** "Returns should take less time than the purchase," said Priya Raman, who leads Store Experience.

**Getting started.** Open the app, tap Returns, and choose an item.

**Customer quote.** "I returned a sprinkler on the way to work," said Dana Frost, a member in Boise.

**Call to action.** Try a curbside return this week.

## External FAQ

### Which items can I return?

Anything bought in the last 90 days.

### How fast is the refund?

Within two minutes of the handover.

### Do I need a receipt?

No, the app has it.

## Internal FAQ

### What does it cost per return?

About $1.10 in labour.

### What are the risks?

Fraud on high-value items; we cap them at $500.

### Who builds it?

The Store Experience team, four engineers for a quarter.
"#;

/// One finding of `prfaq check --format json`.
#[derive(Debug)]
pub struct Finding {
    pub path: String,
    pub rule: String,
    pub line: u64,
    pub column: u64,
    pub severity: String,
    pub message: String,
}

/// Runs `prfaq check --format json` on the library (today = 2026-06-01).
#[track_caller]
pub fn check(library: &Library) -> Vec<Finding> {
    let run = library.prfaq_env(
        &[("SOURCE_DATE_EPOCH", Path::new(TODAY))],
        &["check", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| Finding {
            path: f["path"].as_str().unwrap_or_default().to_owned(),
            rule: f["rule"].as_str().unwrap_or_default().to_owned(),
            line: f["line"].as_u64().unwrap_or_default(),
            column: f["column"].as_u64().unwrap_or_default(),
            severity: f["severity"].as_str().unwrap_or_default().to_owned(),
            message: f["message"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

/// The findings of one rule.
pub fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// `GOOD` with `from` replaced by `to` (which must be there).
#[track_caller]
fn good_with(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "GOOD has no {from:?}");
    GOOD.replacen(from, to, 1)
}

fn library_with(files: &[(&str, &str)]) -> Library {
    let mut library = Library::new();
    for (path, text) in files {
        library = library.file(path, text);
    }
    library
}

/// Asserts that `fires` trips `rule` exactly at `at`, and `near_miss` does not trip it.
#[track_caller]
fn case(rule: &str, fires: &[(&str, &str)], at: (u64, u64), near_miss: &[(&str, &str)]) {
    let found = check(&library_with(fires));
    let hits: Vec<&Finding> = of(&found, rule)
        .into_iter()
        .filter(|f| f.path == fires[0].0)
        .collect();
    assert!(!hits.is_empty(), "{rule} did not fire: {found:#?}");
    assert_eq!(
        (hits[0].line, hits[0].column),
        at,
        "{rule} at the wrong place: {hits:#?}"
    );
    let missed = check(&library_with(near_miss));
    assert!(
        of(&missed, rule).is_empty(),
        "{rule} fired on its near miss: {missed:#?}"
    );
}

const DOC: &str = "content/instant-returns.md";

#[test]
fn the_good_document_passes_every_rule() {
    let found = check(&library_with(&[(DOC, GOOD)]));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn pr_length() {
    let long = format!("**Solution.** {}", "word ".repeat(760));
    let shorter = format!("**Solution.** {}", "word ".repeat(600));
    case(
        "pr-length",
        &[(DOC, &good_with("**Solution.**", &long))],
        (8, 1),
        &[(DOC, &good_with("**Solution.**", &shorter))],
    );
}

#[test]
fn pr_missing_part() {
    case(
        "pr-missing-part",
        &[(DOC, &good_with("**Problem.**", "**Trouble.**"))],
        (8, 1),
        &[(DOC, &good_with("**Problem.**", "**Pain point:**"))],
    );
    // A configured synonym counts too.
    let found = check(&library_with(&[
        (DOC, &good_with("**Problem.**", "**Trouble.**")),
        (
            "site.toml",
            "[check.pr-missing-part.synonyms]\nproblem = [\"Trouble\"]\n",
        ),
    ]));
    assert!(of(&found, "pr-missing-part").is_empty(), "{found:#?}");
}

#[test]
fn pr_missing_part_recognises_headings() {
    let as_heading = good_with("**Problem.** Returning", "### The problem\n\nReturning");
    let found = check(&library_with(&[(DOC, &as_heading)]));
    assert!(of(&found, "pr-missing-part").is_empty(), "{found:#?}");
}

#[test]
fn pr_dateline() {
    case(
        "pr-dateline",
        &[(DOC, &good_with("SPOKANE, WA — May 4, 2026 — ", ""))],
        (14, 1),
        &[(
            DOC,
            &good_with(
                "SPOKANE, WA — May 4, 2026 —",
                "Boise, Idaho -- 4 May 2026 --",
            ),
        )],
    );
}

#[test]
fn pr_customer_quote() {
    case(
        "pr-customer-quote",
        &[(
            DOC,
            &good_with(
                "said Dana Frost, a member in Boise",
                "said a member in Boise",
            ),
        )],
        (24, 1),
        &[(
            DOC,
            &good_with(
                ",\" said Dana Frost, a member in Boise.",
                ".\" Dana Frost says so, as a member in Boise.",
            ),
        )],
    );
}

#[test]
fn pr_fluff() {
    case(
        "pr-fluff",
        &[(
            DOC,
            &good_with("in the app, park", "in the very simple app, park"),
        )],
        (18, 36),
        &[(
            DOC,
            &good_with("in the app, park", "in the everyday app, park"),
        )],
    );
}

#[test]
fn pr_headline() {
    case(
        "pr-headline",
        &[(
            DOC,
            &good_with(
                "### Kestrel members can now return any item at the curb in two minutes",
                "### Instant Returns at the Curb",
            ),
        )],
        (10, 1),
        &[(
            DOC,
            &good_with(
                "### Kestrel members can now return any item at the curb in two minutes",
                "### Instant Returns: members skip the line",
            ),
        )],
    );
    let long = "### Kestrel members can now return any item at the curb in two minutes with no receipt and no line";
    let found = check(&library_with(&[(
        DOC,
        &good_with(
            "### Kestrel members can now return any item at the curb in two minutes",
            long,
        ),
    )]));
    assert_eq!(of(&found, "pr-headline").len(), 1, "{found:#?}");
}

#[test]
fn faq_external_missing() {
    case(
        "faq-external-missing",
        &[(DOC, &good_with("## External FAQ", "## Questions"))],
        (42, 1),
        &[(DOC, &good_with("## External FAQ", "## Customer FAQ"))],
    );
}

#[test]
fn faq_internal_missing() {
    case(
        "faq-internal-missing",
        &[(DOC, &good_with("## Internal FAQ", "## Notes"))],
        (28, 1),
        &[(DOC, &good_with("## Internal FAQ", "## Business FAQ"))],
    );
}

#[test]
fn faq_too_few_questions() {
    let two = good_with("### Do I need a receipt?\n\nNo, the app has it.\n\n", "");
    case(
        "faq-too-few-questions",
        &[(DOC, &two)],
        (28, 1),
        &[
            (DOC, &two),
            ("site.toml", "[check.faq-too-few-questions]\nmin = 2\n"),
        ],
    );
}

#[test]
fn faq_placeholder_answer() {
    case(
        "faq-placeholder-answer",
        &[(DOC, &good_with("About $1.10 in labour.", "TBD."))],
        (46, 1),
        &[(
            DOC,
            &good_with(
                "About $1.10 in labour.",
                "About $1.10 in labour; the TBD items are listed below.",
            ),
        )],
    );
    // An empty answer points at its question.
    let found = check(&library_with(&[(
        DOC,
        &good_with("About $1.10 in labour.\n\n", ""),
    )]));
    let hits = of(&found, "faq-placeholder-answer");
    assert_eq!((hits[0].line, hits[0].column), (44, 1), "{hits:#?}");
}

#[test]
fn meeting_length() {
    let long = format!("About $1.10 in labour. {}", "word ".repeat(3100));
    let shorter = format!("About $1.10 in labour. {}", "word ".repeat(2000));
    case(
        "meeting-length",
        &[(DOC, &good_with("About $1.10 in labour.", &long))],
        (8, 1),
        &[(DOC, &good_with("About $1.10 in labour.", &shorter))],
    );
    let found = check(&library_with(&[(
        DOC,
        &good_with("About $1.10 in labour.", &long),
    )]));
    let message = &of(&found, "meeting-length")[0].message;
    assert!(message.contains("minutes"), "{message}");
}

#[test]
fn owner_status_and_stage_missing() {
    for (rule, line) in [
        ("owner-missing", "owner = \"Priya Raman\"\n"),
        ("status-missing", "status = \"in-review\"\n"),
        ("stage-missing", "stage = \"refine\"\n"),
    ] {
        let without = good_with(line, "");
        let skipped = good_with(line, &format!("check.skip = [\"{rule}\"]\n"));
        case(rule, &[(DOC, &without)], (1, 1), &[(DOC, &skipped)]);
    }
}

#[test]
fn owner_overloaded() {
    let other = good_with("title = \"Instant Returns\"", "title = \"Gift Wrap\"");
    let other_shelved = good_with("status = \"in-review\"", "status = \"shelved\"")
        .replace("title = \"Instant Returns\"", "title = \"Gift Wrap\"")
        .replacen(
            "+++\n\n",
            "[[decisions]]\ndate = 2026-01-10\noutcome = \"shelve\"\n+++\n\n",
            1,
        );
    case(
        "owner-overloaded",
        &[(DOC, GOOD), ("content/gift-wrap.md", &other)],
        (3, 9),
        &[(DOC, GOOD), ("content/gift-wrap.md", &other_shelved)],
    );
}

fn with_decisions(status: &str, decisions: &[(&str, &str)]) -> String {
    let mut front = format!("status = \"{status}\"\n");
    for (date, outcome) in decisions {
        front.push_str(&format!(
            "[[decisions]]\ndate = {date}\noutcome = \"{outcome}\"\n"
        ));
    }
    // Decisions are tables: they go last in the front matter.
    good_with(
        "status = \"in-review\"\nstage = \"refine\"\n",
        "stage = \"refine\"\n",
    )
    .replacen("+++\n\n", &format!("{front}+++\n\n"), 1)
}

#[test]
fn decision_missing() {
    case(
        "decision-missing",
        &[(DOC, &with_decisions("proceed", &[]))],
        (5, 10),
        &[(
            DOC,
            &with_decisions("proceed", &[("2026-02-01", "proceed")]),
        )],
    );
}

#[test]
fn decision_order() {
    case(
        "decision-order",
        &[(
            DOC,
            &with_decisions(
                "proceed",
                &[("2026-03-01", "revisit"), ("2026-02-01", "proceed")],
            ),
        )],
        (10, 8),
        &[(
            DOC,
            &with_decisions(
                "proceed",
                &[("2026-02-01", "revisit"), ("2026-03-01", "proceed")],
            ),
        )],
    );
}

#[test]
fn decision_future() {
    case(
        "decision-future",
        &[(
            DOC,
            &with_decisions("proceed", &[("2026-06-02", "proceed")]),
        )],
        (7, 8),
        &[(
            DOC,
            &with_decisions("proceed", &[("2026-06-01", "proceed")]),
        )],
    );
}

#[test]
fn decision_contradicts() {
    case(
        "decision-contradicts",
        &[(
            DOC,
            &with_decisions(
                "proceed",
                &[("2026-02-01", "proceed"), ("2026-03-01", "shelve")],
            ),
        )],
        (11, 11),
        &[(
            DOC,
            &with_decisions(
                "proceed",
                &[("2026-02-01", "shelve"), ("2026-03-01", "proceed")],
            ),
        )],
    );
}

#[test]
fn link_broken() {
    let linking = |target: &str| {
        good_with(
            "Open the app, tap Returns",
            &format!("Open the [app]({target}), tap Returns"),
        )
    };
    case(
        "link-broken",
        &[(DOC, &linking("missing.md"))],
        (22, 31),
        &[
            (DOC, &linking("gift-wrap.md")),
            ("content/gift-wrap.md", GOOD),
        ],
    );
}

#[test]
fn link_anchor() {
    let linking = |target: &str| {
        good_with(
            "Open the app, tap Returns",
            &format!("Open the [app]({target}), tap Returns"),
        )
    };
    let other = good_with("title = \"Instant Returns\"", "title = \"Gift Wrap\"");
    case(
        "link-anchor",
        &[
            (DOC, &linking("gift-wrap.md#no-such-question")),
            ("content/gift-wrap.md", &other),
        ],
        (22, 31),
        &[
            (DOC, &linking("gift-wrap.md#do-i-need-a-receipt")),
            ("content/gift-wrap.md", &other),
        ],
    );
    // Within the document too.
    let found = check(&library_with(&[(DOC, &linking("#nowhere"))]));
    assert_eq!(of(&found, "link-anchor").len(), 1, "{found:#?}");
    let found = check(&library_with(&[(DOC, &linking("#who-builds-it"))]));
    assert!(of(&found, "link-anchor").is_empty(), "{found:#?}");
}

/// Makes the library a git repository with everything in it committed on `date` (YYYY-MM-DD).
pub fn commit(library: &Library, date: &str) {
    git(library.root(), &["init", "-q"]);
    support::commit(library, "Ann", date, "Write it");
}

#[test]
fn stale() {
    let library = library_with(&[(DOC, GOOD)]);
    commit(&library, "2026-04-01");
    let found = check(&library);
    let hits = of(&found, "stale");
    assert_eq!(hits.len(), 1, "{found:#?}");
    assert_eq!((hits[0].line, hits[0].column), (4, 10));
    assert!(hits[0].message.contains("61 days"), "{}", hits[0].message);

    let recent = library_with(&[(DOC, GOOD)]);
    commit(&recent, "2026-05-20");
    assert!(of(&check(&recent), "stale").is_empty());
    // Without history the rule cannot know, and says nothing.
    let run = library.prfaq_env(
        &[("SOURCE_DATE_EPOCH", Path::new(TODAY))],
        &["check", "--no-history"],
    );
    assert!(!run.stdout.contains("stale"), "{}", run.stdout);
}

#[test]
fn check_skip_names_a_real_rule() {
    case(
        "check-skip",
        &[(
            DOC,
            &good_with(
                "stage = \"refine\"\n",
                "stage = \"refine\"\ncheck.skip = [\"pr-lenght\"]\n",
            ),
        )],
        (6, 14),
        &[(
            DOC,
            &good_with(
                "stage = \"refine\"\n",
                "stage = \"refine\"\ncheck.skip = [\"pr-length\"]\n",
            ),
        )],
    );
}

#[test]
fn levels_turn_rules_off_or_into_errors() {
    let fluffy = good_with("in the app, park", "in the very simple app, park");
    let off = check(&library_with(&[
        (DOC, &fluffy),
        ("site.toml", "[check.pr-fluff]\nlevel = \"off\"\n"),
    ]));
    assert!(of(&off, "pr-fluff").is_empty(), "{off:#?}");
    let library = library_with(&[
        (DOC, &fluffy),
        ("site.toml", "[check.pr-fluff]\nlevel = \"error\"\n"),
    ]);
    let error = check(&library);
    assert_eq!(of(&error, "pr-fluff")[0].severity, "error");
    library.prfaq(&["check"]).code(1);
    // build runs the same rules: an error fails it.
    library.build().code(1).stderr_has(&["pr-fluff", "very"]);
}

#[test]
fn a_misspelt_check_setting_is_an_error_in_site_toml() {
    let library = library_with(&[
        (DOC, GOOD),
        ("site.toml", "[check.pr-length]\nmax_wrds = 10\n"),
    ]);
    library.prfaq(&["check"]).code(1);
    let found = check(&library);
    assert_eq!(found[0].path, "site.toml", "{found:#?}");
    assert_eq!(found[0].line, 2);
}

#[test]
fn a_leader_of_many_is_told_a_few_names_and_how_many_more() {
    let mut library = Library::new();
    for i in 0..6 {
        let title = format!("title = \"Idea {i}\"");
        library = library.file(
            &format!("content/idea-{i}.md"),
            &good_with("title = \"Instant Returns\"", &title),
        );
    }
    let run = library.prfaq(&["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let messages: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "owner-overloaded")
        .map(|f| f["message"].as_str().expect("a message"))
        .collect();
    assert_eq!(messages.len(), 6);
    for message in messages {
        assert!(
            message.contains("also leads 5 other active PR/FAQs: "),
            "{message}"
        );
        assert!(message.ends_with(" and 2 more"), "{message}");
        assert_eq!(message.matches("(In review)").count(), 3, "{message}");
    }
}
