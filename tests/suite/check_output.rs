//! `prfaq check` as a command: its four output formats (snapshots, and the
//! JSON and SARIF validated against their schemas), exit codes, reporting on
//! some paths only, the sample library, `prfaq new`'s outline, déjà vu, and
//! what the built site shows of the review.

use std::path::Path;

use serde_json::Value;

use super::check_rules::{GOOD, TODAY, check, commit, of};
use super::support::{Library, copy_dir, texts_in, validate_json};

/// A library with a few deliberate flaws, for the output formats.
fn flawed() -> Library {
    let fluffy = GOOD
        .replace("in the app, park", "in the very simple app, park")
        .replace("About $1.10 in labour.", "TBD");
    let contradicting = GOOD
        .replace(
            "title = \"Instant Returns\"",
            "title = \"Gift Wrap, 100%: done\"",
        )
        .replace("status = \"in-review\"\n", "")
        .replacen(
            "+++\n\n",
            "status = \"proceed\"\n[[decisions]]\ndate = 2026-02-01\noutcome = \"shelve\"\n+++\n\n",
            1,
        );
    Library::new()
        .file("content/instant-returns.md", &fluffy)
        .file("content/gift-wrap.md", &contradicting)
}

fn run_format(library: &Library, format: &str) -> super::support::Run {
    library.prfaq_env(
        &[("SOURCE_DATE_EPOCH", Path::new(TODAY))],
        &["check", "--format", format],
    )
}

fn snapshot(name: &str, library: &Library, text: &str) {
    let temp = library.parent().to_string_lossy().into_owned();
    insta::with_settings!({
        filters => vec![(regex_escape(&temp).as_str(), "[TMP]"), (r#""version": "\d+\.\d+\.\d+""#, r#""version": "[VERSION]""#)],
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

fn regex_escape(text: &str) -> String {
    let mut escaped = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[test]
fn human_format_groups_by_file_with_hints_and_a_summary() {
    let library = flawed();
    let run = run_format(&library, "human").code(1);
    snapshot("check_human", &library, &run.stdout);
}

#[test]
fn json_format_is_versioned_and_valid_against_its_schema() {
    let library = flawed();
    let run = run_format(&library, "json").code(1);
    snapshot("check_json", &library, &run.stdout);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["version"], 1);
    validate_json(run.stdout.as_bytes(), "schemas/check.schema.json");
}

#[test]
fn github_format_is_workflow_commands_with_escaped_values() {
    let library = flawed();
    let run = run_format(&library, "github").code(1);
    snapshot("check_github", &library, &run.stdout);
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
        let (properties, message) = line[2..].split_once("::").expect("two colons");
        assert!(!message.contains('\n') && !message.contains('\r'), "{line}");
        let title = properties
            .split(',')
            .find_map(|p| p.strip_prefix("title="))
            .expect("a title");
        assert!(
            title.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{line}"
        );
    }
    // The title "Gift Wrap, 100%: done" is quoted in a message: `%` is escaped there.
    assert!(run.stdout.contains("100%25"), "{}", run.stdout);
}

#[test]
fn github_format_escapes_commas_and_colons_in_file_names() {
    let library = Library::new().file(
        "content/a,b: c.md",
        &GOOD.replace("in the app", "in the very app"),
    );
    let run = run_format(&library, "github").success();
    assert!(
        run.stdout
            .contains("file=content/a%2Cb%3A c.md,line=18,col=36,title=pr-fluff::"),
        "{}",
        run.stdout
    );
}

#[test]
fn sarif_format_is_valid_sarif_2_1_0() {
    let library = flawed();
    let run = run_format(&library, "sarif").code(1);
    snapshot("check_sarif", &library, &run.stdout);
    let sarif: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    validate_json(
        run.stdout.as_bytes(),
        "tests/fixtures/sarif-2.1.0-required.schema.json",
    );
}

#[test]
fn warnings_exit_zero_errors_exit_one() {
    let warned = Library::new().file(
        "content/instant-returns.md",
        &GOOD.replace("in the app", "in the very app"),
    );
    warned.prfaq(&["check"]).success();
    let broken = Library::new().file("content/bad.md", "+++\nstatus = \"aproved\"\n+++\n");
    let run = broken.prfaq(&["check", "--format", "json"]).code(1);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    let finding = findings
        .iter()
        .find(|f| f["rule"] == "build")
        .expect("a build finding");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(2), Some(10))
    );
}

#[test]
fn paths_limit_the_report_but_library_rules_see_everything() {
    let other = GOOD.replace("title = \"Instant Returns\"", "title = \"Gift Wrap\"");
    let library = Library::new()
        .file("content/instant-returns.md", GOOD)
        .file(
            "content/gift-wrap.md",
            &other.replace("in the app", "in the very app"),
        );
    let all = check(&library);
    assert!(!of(&all, "pr-fluff").is_empty());
    let run = library.prfaq_env(
        &[("SOURCE_DATE_EPOCH", Path::new(TODAY))],
        &["check", "--format", "json", "content/instant-returns.md"],
    );
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(json["summary"]["documents"], 1);
    // Only this document's findings; the one-owner rule still counts the other document.
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["path"], "content/instant-returns.md", "{f}");
    }
    assert!(
        findings.iter().any(|f| f["rule"] == "owner-overloaded"),
        "{findings:?}"
    );
    library
        .prfaq(&["check", "/somewhere/else.md"])
        .code(2)
        .stderr_has(&["not inside the library"]);
}

/// The sample library of the repository, copied.
fn sample() -> Library {
    let library = Library::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &library.path("content"));
    std::fs::copy(repo.join("site.toml"), library.path("site.toml")).expect("copy site.toml");
    library
}

#[test]
fn the_sample_library_passes_with_no_errors() {
    let library = sample();
    // Today's date, as CI would run it (the sample's decisions are all in the past).
    let run = library.prfaq(&["check", "--format", "json"]).success();
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["summary"]["errors"], 0, "{}", run.stdout);
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"deja-vu"), "{rules:?}");
}

#[test]
fn deja_vu_fires_on_a_reworded_copy_of_a_shelved_document_only() {
    let library = sample();
    let original = String::from_utf8(library.read("content/tool-library.md")).expect("UTF-8");
    let (front, body) = original.split_at(original.find("\n+++\n").expect("front matter") + 5);
    let front = front
        .replace(
            "title = \"Kestrel Tool Library\"",
            "title = \"Weekend Tool Share\"",
        )
        .replace("status = \"shelved\"", "status = \"draft\"")
        .replace("owner = \"Marcus Bell\"", "owner = \"Dana Frost\"");
    let front = &front[..front.find("[[decisions]]").expect("decisions")];
    let reworded = body
        .replace("Kestrel Tool Library", "Weekend Tool Share")
        .replace("borrow", "take home")
        .replace("free", "at no charge")
        .replace("Gold members", "Gold-tier members")
        .replace("Our customers buy tools", "People buy equipment");
    library.write("content/tool-share.md", format!("{front}+++\n{reworded}"));

    let found = check(&library);
    let hits = of(&found, "deja-vu");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].path, "content/tool-share.md");
    let written = String::from_utf8(library.read("content/tool-share.md")).expect("UTF-8");
    let line = written
        .lines()
        .position(|l| l == "## Press Release")
        .expect("a press release heading") as u64
        + 1;
    assert_eq!(
        (hits[0].line, hits[0].column),
        (line, 1),
        "at the press release heading"
    );
    assert!(
        hits[0].message.starts_with(
            "looks like Kestrel Tool Library (shelved 2024-07-09: Insurance and damage alone cost about $31 per rental"
        ),
        "{}",
        hits[0].message
    );
}

#[test]
fn the_new_outline_trips_only_the_placeholder_answer_rule() {
    let library = Library::new();
    library
        .prfaq(&["new", "Moss Wall", "--owner", "Ana Lima"])
        .success();
    let found = check(&library);
    assert!(!found.is_empty());
    for finding in &found {
        assert_eq!(finding.rule, "faq-placeholder-answer", "{found:#?}");
    }
    assert_eq!(found.len(), 6, "one per question: {found:#?}");
}

#[test]
fn the_site_shows_review_notes_related_documents_and_library_health() {
    let other = GOOD
        .replace(
            "title = \"Instant Returns\"",
            "title = \"Curbside Returns\"",
        )
        .replace("status = \"in-review\"", "status = \"draft\"")
        .replace("owner = \"Priya Raman\"", "owner = \"Dana Frost\"");
    let library = Library::new()
        .file(
            "content/instant-returns.md",
            &GOOD.replace("in the app", "in the very app"),
        )
        .file("content/curbside-returns.md", &other)
        .file(
            "content/gift-cards.md",
            "+++\ntitle = \"Gift Cards\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n## Press Release\n\nSell gift cards at the till.\n",
        );
    let run = library.build().success();
    assert!(
        run.warnings().is_empty(),
        "review notes are counted, not listed: {}",
        run.stderr
    );
    assert!(run.stderr.contains("review note"), "{}", run.stderr);

    let site = library.site();
    let page = site.page("docs/instant-returns/");
    let notes = page.one("details.review-notes");
    assert!(notes.value().attr("open").is_none(), "collapsed");
    let rules = texts_in(notes, ".note-rule");
    assert_eq!(rules, ["pr-fluff"]);
    let related = page.one("section.related");
    let titles = texts_in(related, "li a");
    assert_eq!(titles[0], "Curbside Returns", "{titles:?}");
    assert_eq!(texts_in(related, "li .badge")[0], "Draft");

    let clean = site.page("docs/curbside-returns/");
    assert!(clean.select("details.review-notes").is_empty());

    let health = site.page("health/");
    let row = |rule: &str| texts_in(health.one(&format!(".health-rules tr.rule-{rule}")), "td");
    assert_eq!(row("pr-fluff")[2], "1");
    let owners = texts_in(health.one(".health-owners"), "tbody td");
    assert!(owners.windows(2).any(|w| w[0] == "Ann"), "{owners:?}");
    assert!(
        owners
            .windows(2)
            .any(|w| w[0] == "Priya Raman" && w[1] == "1"),
        "{owners:?}"
    );
}

#[test]
fn stale_reads_git_history_in_the_built_site_too() {
    let library = Library::new().file("content/instant-returns.md", GOOD);
    commit(&library, "2026-01-05");
    let run = library.prfaq_env(&[("SOURCE_DATE_EPOCH", Path::new(TODAY))], &["build"]);
    run.success();
    let page = library.site().page("docs/instant-returns/");
    let rules = texts_in(page.one("details.review-notes"), ".note-rule");
    assert_eq!(rules, ["stale"]);
}

#[test]
fn serve_updates_review_notes_when_a_document_is_saved() {
    let library = Library::new().file("content/instant-returns.md", GOOD);
    let server = super::serve::Server::start(&library, &[]);
    let notes = |html: &str| {
        let page = scraper::Html::parse_document(html);
        let selector =
            scraper::Selector::parse("details.review-notes .note-rule").expect("selector");
        page.select(&selector)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert!(notes(&server.get("docs/instant-returns/").1).is_empty());

    library.write(
        "content/instant-returns.md",
        GOOD.replace("in the app", "in the very app"),
    );
    let page = server.wait_for("docs/instant-returns/", "a review note", |html| {
        notes(html) == ["pr-fluff"]
    });
    assert_eq!(notes(&page), ["pr-fluff"]);
    let health = server.wait_for("health/", "the health page", |html| {
        html.contains("pr-fluff")
    });
    assert!(health.contains("Priya Raman"));
}

#[test]
fn related_lists_are_the_same_on_every_build() {
    // Near-identical documents tie in similarity: ties must break the same way every time.
    let mut library = Library::new();
    for n in 0..8 {
        let title = format!("title = \"Returns {n}\"");
        library = library.file(
            &format!("content/returns-{n}.md"),
            &GOOD.replace("title = \"Instant Returns\"", &title),
        );
    }
    let related = |library: &Library| {
        library.build().success();
        let page = library.site().page("docs/returns-3/");
        texts_in(page.one("section.related"), "li")
    };
    let first = related(&library);
    for _ in 0..3 {
        std::fs::remove_dir_all(library.path("public")).expect("remove the site");
        assert_eq!(related(&library), first);
    }
}
