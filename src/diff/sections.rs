//! Which part of a PR/FAQ each line of a file belongs to, so a diff can be
//! grouped by section: front matter, press release, FAQ halves.

use crate::markdown::{SectionKind, classify};

/// The section label of every line: front matter, press release, FAQ halves.
pub(super) fn sections(text: &str) -> Vec<&'static str> {
    let mut labels = Vec::new();
    let mut current = "Press release";
    let mut in_front_matter = false;
    let mut in_fence = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if i == 0 && (trimmed == "+++" || trimmed == "---") {
            in_front_matter = true;
            labels.push("Front matter");
            continue;
        }
        if in_front_matter {
            labels.push("Front matter");
            in_front_matter = !(trimmed == "+++" || trimmed == "---" || trimmed == "...");
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence
            && trimmed.starts_with('#')
            && let Some(kind) = classify(trimmed.trim_start_matches('#'))
        {
            current = label(kind);
        }
        labels.push(current);
    }
    labels
}

fn label(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::PressRelease => "Press release",
        SectionKind::Faq => "FAQ",
        SectionKind::ExternalFaq => "External FAQ",
        SectionKind::InternalFaq => "Internal FAQ",
        SectionKind::Other => "Document",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_labelled_by_section_and_fences_are_skipped() {
        let text = "+++\nx = 1\n+++\nIntro\n## Internal FAQ\n```\n# FAQ in code\n```\nEnd\n";
        assert_eq!(
            sections(text),
            [
                "Front matter",
                "Front matter",
                "Front matter",
                "Press release",
                "Internal FAQ",
                "Internal FAQ",
                "Internal FAQ",
                "Internal FAQ",
                "Internal FAQ"
            ]
        );
    }
}
