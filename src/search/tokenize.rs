//! Words as the search index and `search.js` both see them.
//!
//! The browser tokenises the query with the same rules (`search.js` mirrors
//! this file: lowercase, runs of letters and digits, a plural `s` dropped,
//! stop words skipped), so a word typed finds the word indexed. Keep the two
//! in step when changing either.

/// Words too common to be worth a posting list; the manifest hands the same
/// list to the browser.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
    "will", "with",
];

/// Longest word indexed, in bytes: longer runs are hashes, URLs, noise.
const MAX_WORD: usize = 40;

/// Calls `each` with every indexable term of `text`, in order.
pub fn terms(text: &str, mut each: impl FnMut(String)) {
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || word.len() > MAX_WORD {
            continue;
        }
        let lower = word.to_lowercase();
        if STOP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        each(stem(lower));
    }
}

/// A light English stemmer: plurals only (`reports` → `report`,
/// `categories` → `category`), never below three letters, so what it
/// merges is almost always the same word.
pub fn stem(word: String) -> String {
    let chars = word.chars().count();
    if chars <= 3 || !word.ends_with('s') || word.ends_with("ss") || word.ends_with("us") {
        return word;
    }
    if chars > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    word[..word.len() - 1].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        terms(text, |t| out.push(t));
        out
    }

    #[test]
    fn splits_on_anything_but_letters_and_digits() {
        assert_eq!(all("Offline-mode, v2.0!"), ["offline", "mode", "v2", "0"]);
    }

    #[test]
    fn lowercases_unicode_and_keeps_accents_and_scripts() {
        assert_eq!(all("Café ÉCOLE Straße"), ["café", "école", "straße"]);
        assert_eq!(all("東京 ΟΔΟΣ"), ["東京", "οδος"]);
    }

    #[test]
    fn drops_stop_words() {
        assert_eq!(all("The cost of the returns"), ["cost", "return"]);
    }

    #[test]
    fn stems_plurals_only() {
        for (word, stemmed) in [
            ("reports", "report"),
            ("categories", "category"),
            ("class", "class"),
            ("status", "status"),
            ("gas", "gas"),
            ("ties", "tie"),
            ("report", "report"),
        ] {
            assert_eq!(stem(word.into()), stemmed, "{word}");
        }
    }

    #[test]
    fn skips_overlong_runs() {
        assert_eq!(all(&format!("a{} ok", "x".repeat(60))), ["ok"]);
    }
}
