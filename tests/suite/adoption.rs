//! Adopting an existing library without editing its files: `[fields]` and
//! `[aliases]` in site.toml, built over fixtures shaped like two public RFC
//! repositories (emberjs/rfcs: YAML front matter with `stage` and
//! `start-date`; aws/aws-cdk-rfcs: no front matter, a bullet list of roles).

use super::support::built;

#[test]
fn ember_rfcs_read_status_from_stage_and_created_from_start_date() {
    let (_library, site) = built("ember-rfcs");
    let doc = site.page("docs/0617-rfc-stages/");
    assert_eq!(doc.text("h1"), "RFC Stages");
    assert_eq!(
        doc.text(".doc-status .badge"),
        "Proceed",
        "accepted → proceed"
    );
    assert_eq!(doc.text(".doc-created time"), "2020-04-22");
    assert_eq!(doc.texts(".doc-tags a"), ["framework", "learning"]);
    let current = doc.texts("ol.progress li[aria-current=step]");
    assert_eq!(current, ["Accepted"], "the stage is kept as ember's own");
    let more = doc.texts(".extra dt");
    assert!(more.contains(&"prs".to_owned()), "{more:?}");
    assert!(
        !more.contains(&"start-date".to_owned()),
        "a mapped key is not repeated: {more:?}"
    );

    let doc = site.page("docs/0300-process-update/");
    assert_eq!(
        doc.text(".doc-status .badge"),
        "Launched",
        "recommended → launched"
    );
    assert_eq!(
        doc.text(".doc-owner a"),
        "Jane Doe",
        "the first of `authors`"
    );
    assert_eq!(doc.text(".doc-co-owners"), "Sam Roe");
}

#[test]
fn aws_cdk_rfcs_read_the_owner_from_the_roles_list() {
    let (_library, site) = built("aws-cdk-rfcs");
    let doc = site.page("docs/0474-event-bridge-scheduler-l2/");
    assert_eq!(doc.text("h1"), "EventBridge Scheduler L2 Constructs");
    assert_eq!(doc.text(".doc-owner a"), "@filletofish");
    assert_eq!(doc.text(".doc-co-owners"), "@Jacco");
    let owners = site.page("owners/");
    let names = owners.texts(".group-table td a");
    assert!(
        names.iter().any(|n| n.contains("@BenChaimberg")),
        "{names:?}"
    );
}

#[test]
fn an_rfc_without_press_release_or_faq_is_a_plain_document() {
    let (_library, site) = built("ember-rfcs");
    let doc = site.page("docs/0617-rfc-stages/");
    assert!(
        doc.select(".section-press-release").is_empty(),
        "no press-release card"
    );
    let toc = doc.texts("nav.doc-toc li a");
    assert_eq!(
        toc,
        [
            "Summary",
            "Motivation",
            "Detailed design",
            "How we teach this",
            "Drawbacks",
            "Alternatives",
            "Unresolved questions"
        ]
    );
    let reading = doc.text(".doc-reading");
    assert!(
        !reading.contains("Press release"),
        "one reading time: {reading}"
    );
    let tag = site.page("tags/framework/");
    assert_eq!(
        tag.texts(".doc-list-summary"),
        ["Give every RFC an explicit stage, from the first draft to the shipped result."]
    );
}

#[test]
fn a_working_backwards_rfc_keeps_its_faq() {
    let (_library, site) = built("aws-cdk-rfcs");
    let doc = site.page("docs/0474-event-bridge-scheduler-l2/");
    let questions = doc.texts("nav.doc-toc li a");
    assert!(
        questions.contains(&"What are we launching today?".to_owned()),
        "{questions:?}"
    );
    assert!(doc.text(".doc-reading").contains("Press release"));
}
