//! Recognising a PR/FAQ's parts from its headings: the press release, the FAQ
//! and its external and internal halves.

use pulldown_cmark::HeadingLevel;

use super::SectionKind;

/// Recognises the structural headings of a PR/FAQ, in the spellings teams use.
pub fn classify(heading: &str) -> Option<SectionKind> {
    let h = heading.to_lowercase();
    let is_faq = h.contains("faq") || h.contains("frequently asked");
    if is_faq && (h.contains("external") || h.contains("customer")) {
        Some(SectionKind::ExternalFaq)
    } else if is_faq
        && (h.contains("internal") || h.contains("stakeholder") || h.contains("business"))
    {
        Some(SectionKind::InternalFaq)
    } else if is_faq {
        Some(SectionKind::Faq)
    } else if h.contains("press release") {
        Some(SectionKind::PressRelease)
    } else {
        None
    }
}

/// The heading level of the questions in a section opened at `level`.
pub(super) fn one_level_below(level: HeadingLevel) -> Option<HeadingLevel> {
    HeadingLevel::try_from(level as usize + 1).ok()
}

pub(super) fn is_faq(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Faq | SectionKind::ExternalFaq | SectionKind::InternalFaq
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_the_spellings_teams_use() {
        assert_eq!(classify("Press Release"), Some(SectionKind::PressRelease));
        assert_eq!(classify("Customer FAQ"), Some(SectionKind::ExternalFaq));
        assert_eq!(classify("Stakeholder FAQs"), Some(SectionKind::InternalFaq));
        assert_eq!(
            classify("Frequently asked questions"),
            Some(SectionKind::Faq)
        );
        assert_eq!(classify("Pricing"), None);
    }

    #[test]
    fn questions_are_one_level_down() {
        assert_eq!(one_level_below(HeadingLevel::H2), Some(HeadingLevel::H3));
        assert_eq!(one_level_below(HeadingLevel::H6), None);
    }
}
