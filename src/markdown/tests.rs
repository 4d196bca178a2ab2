//! The structure `render` finds in a PR/FAQ: sections, questions, summary,
//! word counts, and the Markdown extensions it turns on.

use super::SectionKind;
use super::test_support::render_text;

const DOC: &str = "+++\ntitle = \"Thing\"\n+++\n# Thing\n\n## Press Release\n\nFirst para is the summary.\n\n\
    ## External FAQ\n\n### How much?\n\nFree.\n\n## Internal FAQ\n\n### Why now?\n\nBecause.\n\n### How much?\n\nA lot.\n";

#[test]
fn finds_press_release_and_both_faq_halves() {
    let (body, _) = render_text("a.md", DOC);
    let kinds: Vec<_> = body.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::PressRelease,
            SectionKind::ExternalFaq,
            SectionKind::InternalFaq
        ]
    );
    let questions: Vec<_> = body
        .questions
        .iter()
        .map(|q| (q.anchor.as_str(), q.half))
        .collect();
    assert_eq!(
        questions,
        [
            ("how-much", SectionKind::ExternalFaq),
            ("why-now", SectionKind::InternalFaq),
            ("how-much-2", SectionKind::InternalFaq)
        ]
    );
    assert_eq!(body.summary, "First para is the summary.");
    assert!(
        !body.sections.iter().any(|s| s.html.contains("<h1")),
        "title heading is dropped"
    );
    let (body, _) = render_text("a.md", "**Summary.** Shoppers **love** it.\n");
    assert_eq!(body.summary, "Shoppers love it.");
}

#[test]
fn nested_faq_halves_one_level_deeper() {
    let text = "Intro text.\n\n## FAQ\n\n### Customer FAQ\n\n#### Q1?\n\nA.\n\n### Internal FAQ\n\n#### Q2?\n\nB.\n";
    let (body, _) = render_text("a.md", text);
    let kinds: Vec<_> = body.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::PressRelease,
            SectionKind::Faq,
            SectionKind::ExternalFaq,
            SectionKind::InternalFaq
        ]
    );
    assert_eq!(body.questions.len(), 2);
    assert_eq!(body.questions[1].half, SectionKind::InternalFaq);
}

#[test]
fn counts_words_and_reading_time() {
    let words = "word ".repeat(600);
    let (body, _) = render_text(
        "a.md",
        &format!("## Press Release\n\n{words}\n\n## FAQ\n\n### Q?\n\none two\n"),
    );
    assert_eq!(body.press_release_words, 602); // "Press Release" is two words
    assert_eq!(body.press_release_minutes, 4);
    assert_eq!(body.words, 602 + 1 + 1 + 2);
}

#[test]
fn extensions_are_on() {
    let (body, _) = render_text(
        "a.md",
        "|a|b|\n|-|-|\n|1|2|\n\n~~old~~ \"quoted\" [^1]\n\n[^1]: note\n\n- [x] done\n",
    );
    let html = &body.sections[0].html;
    for needle in [
        "<table>",
        "<del>old</del>",
        "\u{201c}quoted\u{201d}",
        "footnote",
        "checkbox",
    ] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
}

#[test]
fn a_bold_headline_ending_in_a_full_stop_is_the_summary() {
    let text = "## Press Release\n\n**Acme launches instant returns for every order.**\n\nSEATTLE — today.\n";
    let (body, _) = render_text("a.md", text);
    assert_eq!(
        body.summary,
        "Acme launches instant returns for every order."
    );
    let text = "## Press Release\n\n**Summary.**\n\nShoppers return in a tap.\n";
    let (body, _) = render_text("a.md", text);
    assert_eq!(
        body.summary, "Shoppers return in a tap.",
        "a lone label is skipped"
    );
}

#[test]
fn a_document_without_press_release_or_faq_is_plain_with_an_outline() {
    let text = "## Summary\n\nOne line.\n\n## Motivation\n\nWhy.\n\n### Detail\n\nMore.\n";
    let (body, _) = render_text("a.md", text);
    assert!(body.plain);
    assert!(body.sections.iter().all(|s| s.kind == SectionKind::Other));
    assert_eq!(body.press_release_words, 0);
    let outline: Vec<_> = body
        .outline
        .iter()
        .map(|h| (h.text.as_str(), h.level))
        .collect();
    assert_eq!(outline, [("Summary", 2), ("Motivation", 2), ("Detail", 3)]);
    let (body, _) = render_text("a.md", DOC);
    assert!(!body.plain);
}
