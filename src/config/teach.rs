//! Turning what the TOML and serde parsers say into what to write instead:
//! a "did you mean" for a misspelt key or value, the expected shape for a
//! value of the wrong type, the address a scheme-less `base_url` meant.

use crate::suggest;

/// A hint for a serde message about `written_line` (the line it points at),
/// when the message is one we can teach from.
pub fn hint_for(message: &str, written_line: Option<&str>, toml: bool) -> Option<String> {
    if let Some((word, expected)) = unknown_word(message) {
        let close =
            suggest::closest(&word, expected.iter().map(String::as_str)).or_else(|| synonym(&word));
        let allowed = expected.join(", ");
        return Some(match close {
            Some(close) => format!("did you mean `{close}`? expected one of: {allowed}"),
            None => format!("expected one of: {allowed}"),
        });
    }
    if message.contains("expected a sequence") {
        return Some(list_example(written_line?, toml));
    }
    if message.contains("expected a nonzero usize") {
        let key = written_line?.split(['=', ':']).next()?.trim();
        return Some(format!(
            "write a whole number of at least 1, e.g. `{key} = 100`"
        ));
    }
    None
}

/// `base_url` without a scheme (`acme.github.io/prfaqs`): the address it meant.
pub fn base_url_fix(base_url: &str) -> Option<String> {
    let looks_like_host = !base_url.contains("://")
        && !base_url.starts_with('/')
        && base_url
            .split('/')
            .next()
            .is_some_and(|host| host.contains('.'));
    looks_like_host.then(|| format!("https://{}/", base_url.trim_end_matches('/')))
}

/// `unknown field `baseurl`, expected one of `title`, …` → the word and the choices.
fn unknown_word(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (word, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((word.to_owned(), expected))
}

/// Words people write for an outcome that are not its id.
fn synonym(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "approved" | "approve" | "accepted" | "accept" | "go" | "yes" => Some("proceed"),
        "rejected" | "reject" | "declined" | "shelved" | "no" => Some("shelve"),
        "revisited" | "later" | "deferred" | "defer" => Some("revisit"),
        _ => None,
    }
}

/// `tags = "a, b"` → write `tags = ["a", "b"]`.
fn list_example(line: &str, toml: bool) -> String {
    let (key, value) = line
        .split_once(if toml { '=' } else { ':' })
        .unwrap_or((line, ""));
    let key = key.trim().trim_start_matches("- ");
    let items: Vec<String> = value
        .trim()
        .trim_matches(['"', '\''])
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect();
    let items = if items.is_empty() {
        vec!["a".to_owned(), "b".to_owned()]
    } else {
        items
    };
    if toml {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("this is a list: write `{key} = [{}]`", quoted.join(", "))
    } else {
        format!("this is a list: write `{key}: [{}]`", items.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_variants_get_the_closest_choice() {
        let hint = hint_for(
            "unknown field `baseurl`, expected one of `title`, `base_url`",
            None,
            true,
        );
        assert_eq!(
            hint.as_deref(),
            Some("did you mean `base_url`? expected one of: title, base_url")
        );
        let hint = hint_for(
            "unknown variant `approved`, expected one of `proceed`, `shelve`, `revisit`",
            None,
            true,
        );
        assert!(hint.unwrap().starts_with("did you mean `proceed`?"));
    }

    #[test]
    fn a_string_where_a_list_goes_shows_the_list() {
        assert_eq!(
            list_example("tags = \"a, b\"", true),
            "this is a list: write `tags = [\"a\", \"b\"]`"
        );
        assert_eq!(
            list_example("tags: a, b", false),
            "this is a list: write `tags: [a, b]`"
        );
    }

    #[test]
    fn a_zero_where_a_count_goes_asks_for_one_or_more() {
        let hint = hint_for(
            "invalid value: integer `0`, expected a nonzero usize",
            Some("page_size = 0"),
            true,
        );
        assert_eq!(
            hint.as_deref(),
            Some("write a whole number of at least 1, e.g. `page_size = 100`")
        );
    }

    #[test]
    fn a_host_without_scheme_becomes_an_address() {
        assert_eq!(
            base_url_fix("acme.github.io/prfaqs").as_deref(),
            Some("https://acme.github.io/prfaqs/")
        );
        assert_eq!(base_url_fix("/prfaqs/"), None);
        assert_eq!(base_url_fix("https://acme.github.io/"), None);
    }
}
