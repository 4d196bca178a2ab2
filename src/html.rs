//! Escaping text for HTML, where Rust builds HTML itself (Markdown anchors,
//! diffs, JSON inside a page) rather than leaving it to tera.

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    escaped
}

/// `value` as JSON safe to place anywhere in a script or an HTML page: `<`,
/// `>` and `&` are written as `\u` escapes (the same JSON to a parser), so
/// no text can close a `<script>` element or open a comment.
pub fn script_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A value a template sees as [`script_json`] text, and a render key (which
/// serialises with postcard, not for humans) sees as the value itself: the
/// JSON, and its escaping, are made only for a page that is rendered.
pub struct ScriptJson<T>(pub T);

impl<T: serde::Serialize> serde::Serialize for ScriptJson<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&script_json(&self.0))
        } else {
            self.0.serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_is_text_for_templates_and_the_value_for_keys() {
        let value = ScriptJson(["</script>"]);
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            serde_json::Value::String(r#"["\u003c/script\u003e"]"#.into())
        );
        assert_eq!(
            postcard::to_stdvec(&value).unwrap(),
            postcard::to_stdvec(&["</script>"]).unwrap()
        );
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
