//! Whether two runs of lines are a small edit or a rewrite: word-level
//! highlights help with the first and only clutter the second.

use std::collections::HashMap;

/// Whether at least half the words of the longer side also occur on the other
/// (ignoring punctuation, so "returns." and "returns" are the same word).
pub(super) fn mostly_same_words(old: &[&str], new: &[&str]) -> bool {
    let mut counts: HashMap<&str, i32> = HashMap::new();
    let mut old_words = 0;
    let words = |lines: &[&str]| -> Vec<String> {
        let trim = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        lines
            .iter()
            .flat_map(|line| line.split_whitespace())
            .map(trim)
            .collect()
    };
    let (old, new) = (words(old), words(new));
    for word in &old {
        *counts.entry(word.as_str()).or_default() += 1;
        old_words += 1;
    }
    let mut new_words = 0;
    let mut shared = 0;
    for word in &new {
        new_words += 1;
        if let Some(count) = counts.get_mut(word.as_str()).filter(|c| **c > 0) {
            *count -= 1;
            shared += 1;
        }
    }
    shared * 2 >= old_words.max(new_words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_edits_share_most_words_and_rewrites_do_not() {
        assert!(mostly_same_words(
            &["It costs five dollars."],
            &["It costs fifty dollars"]
        ));
        assert!(!mostly_same_words(
            &["The cat sat on the mat."],
            &["Entirely new words here."]
        ));
        assert!(mostly_same_words(&[], &[]));
    }
}
