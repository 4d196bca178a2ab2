//! YAML parser messages translated into the fix: what a writer of front
//! matter did (a `: ` inside a value, a tab, a line indented off the list)
//! rather than what the parser was doing when it noticed.

/// A clearer message, its offset in `text` and a hint, for the parser's
/// `message` at `offset`; `None` when the message is not one we know.
pub(super) fn translate(
    text: &str,
    message: &str,
    offset: usize,
) -> Option<(String, usize, String)> {
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    if message.contains("mapping values are not allowed") {
        return Some(unquoted_colon(text, line_start));
    }
    if message.contains("tabs disallowed") || message.contains("found a tab") {
        let tab_line = tab_indented_line(text).unwrap_or(line_start);
        return Some((
            "a tab in the indentation: YAML indents with spaces only".into(),
            tab_line,
            "replace the tab at the start of this line with spaces".into(),
        ));
    }
    if message.contains("did not find expected") {
        return Some(misindented(text, line_start));
    }
    None
}

/// `title: Yaml Doc: the sequel` → quote the value.
fn unquoted_colon(text: &str, line_start: usize) -> (String, usize, String) {
    let line = text[line_start..].lines().next().unwrap_or("");
    let Some((key, value)) = line.split_once(':') else {
        return (
            "a `: ` here reads as the start of another key".into(),
            line_start,
            "put the value in quotes, or start the key on a line of its own".into(),
        );
    };
    let value_start = line_start + key.len() + 1 + (value.len() - value.trim_start().len());
    let key = key.trim().trim_start_matches("- ");
    let value = value.trim().replace('"', "\\\"");
    (
        "this value contains `: `, which YAML reads as the start of another key".into(),
        value_start,
        format!("put the value in quotes: `{key}: \"{value}\"`"),
    )
}

/// A line whose indentation holds a tab.
fn tab_indented_line(text: &str) -> Option<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        if indent.contains('\t') {
            return Some(start);
        }
        start += line.len();
    }
    None
}

/// A line that starts at a column no list or mapping above it uses.
fn misindented(text: &str, line_start: usize) -> (String, usize, String) {
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let line = text[line_start..].lines().next().unwrap_or("");
    let here = indent(line);
    let above = text[..line_start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map_or(0, indent);
    let item = if line.trim_start().starts_with("- ") {
        "list item"
    } else {
        "key"
    };
    (
        format!("this {item} is indented by {here} spaces, which matches nothing above it"),
        line_start + here,
        format!(
            "indent it like the lines it belongs with (the line above uses {above} spaces); items of one list or mapping start in the same column"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_in_a_value_asks_for_quotes() {
        let text = "title: Yaml Doc: the sequel\n";
        let (_, offset, hint) = translate(text, "mapping values are not allowed", 15).unwrap();
        assert_eq!(&text[offset..offset + 4], "Yaml");
        assert_eq!(
            hint,
            "put the value in quotes: `title: \"Yaml Doc: the sequel\"`"
        );
    }

    #[test]
    fn a_colon_error_on_a_line_without_one_points_inside_the_text() {
        let text = "title: x\n";
        let (_, offset, _) = translate(text, "mapping values are not allowed", text.len()).unwrap();
        assert_eq!(offset, text.len());
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let text = "title: T\nowner:\n\tname: x\n";
        let (_, offset, _) = translate(text, "tabs disallowed", 0).unwrap();
        assert_eq!(&text[offset..offset + 5], "\tname");
    }

    #[test]
    fn a_misindented_item_says_by_how_much() {
        let text = "tags:\n  - a\n - b\n";
        let (message, offset, _) = translate(text, "did not find expected key", 13).unwrap();
        assert_eq!(&text[offset..], "- b\n");
        assert!(message.contains("indented by 1 spaces"), "{message}");
    }
}
