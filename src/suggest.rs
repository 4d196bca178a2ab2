//! "Did you mean …?": the closest allowed word to a misspelt one, by edit
//! distance, so an error names the fix instead of only listing the choices.

/// The candidate closest to `written`, when it is close enough to be a
/// plausible typo (case and `-`/`_`/space differences cost nothing).
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let written = normalise(written);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::normalized_damerau_levenshtein(&written, &normalise(candidate));
        let prefix = normalise(candidate).starts_with(&written) && written.len() >= 3;
        let score = if prefix { score.max(0.8) } else { score };
        if score >= 0.6 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `; did you mean "x"?` or nothing, for the end of a message.
pub fn did_you_mean<'a>(written: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(written, candidates).map_or_else(String::new, |c| format!("did you mean `{c}`? "))
}

fn normalise(word: &str) -> String {
    word.trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word_and_nonsense_finds_none() {
        let ids = ["draft", "in-review", "proceed", "shelved", "launched"];
        assert_eq!(closest("aproved", ids), None);
        assert_eq!(closest("procede", ids), Some("proceed"));
        assert_eq!(closest("in review", ids), Some("in-review"));
        assert_eq!(closest("shelve", ids), Some("shelved"));
        assert_eq!(closest("xyz", ids), None);
        assert_eq!(closest("baseurl", ["base_url", "title"]), Some("base_url"));
    }
}
