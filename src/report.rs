//! How diagnostics reach the terminal: every error in full, and a warning
//! that many documents share (no owner, no status) once, with a count and
//! the first few files, so pointing prfaq at an existing folder does not
//! bury the one warning that matters under hundreds of the same.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::slug::to_slash;

/// A warning repeated in at least this many files is summarised.
const SUMMARISE_FROM: usize = 4;
/// Files named in a summary.
const NAMED: usize = 3;

/// Prints `diagnostics` to stderr; with `verbose`, every warning in full.
pub fn print(diagnostics: &[Diagnostic], verbose: bool) {
    for line in render(diagnostics, verbose) {
        eprintln!("{line}");
    }
}

/// What [`print`] prints, one entry per report.
pub fn render(diagnostics: &[Diagnostic], verbose: bool) -> Vec<String> {
    let mut groups: BTreeMap<(&str, Option<&str>), Vec<&Diagnostic>> = BTreeMap::new();
    if !verbose {
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            groups
                .entry((d.message.as_str(), d.hint.as_deref()))
                .or_default()
                .push(d);
        }
        groups.retain(|_, members| members.len() >= SUMMARISE_FROM);
    }
    let mut out = Vec::new();
    let mut summarised = std::collections::HashSet::new();
    for d in diagnostics {
        let key = (d.message.as_str(), d.hint.as_deref());
        match groups.get(&key) {
            Some(members) if !d.is_error() => {
                if summarised.insert(key) {
                    out.push(summary(members));
                }
            }
            _ => out.push(d.render_snippet()),
        }
    }
    out
}

fn summary(members: &[&Diagnostic]) -> String {
    let first = members[0];
    let named: Vec<String> = members
        .iter()
        .take(NAMED)
        .map(|d| to_slash(&d.path))
        .collect();
    let more = members.len() - named.len();
    let mut text = format!(
        "warning: {} documents: {}\n  = in {}, … and {more} more (`--verbose` lists every one)\n",
        members.len(),
        first.message,
        named.join(", "),
    );
    if let Some(hint) = &first.hint {
        text.push_str(&format!("  = help: {hint}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_owner(i: usize) -> Diagnostic {
        Diagnostic::warning(format!("content/{i:02}.md"), "no owner").with_hint("add one")
    }

    #[test]
    fn a_repeated_warning_is_printed_once_with_a_count() {
        let mut all: Vec<Diagnostic> = (0..6).map(no_owner).collect();
        all.push(Diagnostic::warning("content/x.md", "broken link"));
        let lines = render(&all, false);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("warning: 6 documents: no owner"),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("content/00.md, content/01.md, content/02.md, … and 3 more"));
        assert_eq!(render(&all, true).len(), 7);
    }

    #[test]
    fn a_few_repeats_and_errors_stay_in_full() {
        let all: Vec<Diagnostic> = (0..3).map(no_owner).collect();
        assert_eq!(render(&all, false).len(), 3);
    }
}
