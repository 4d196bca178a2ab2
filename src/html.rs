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

/// A value a template sees as its JSON gzip-compressed and in base64, and a
/// render key (which serialises with postcard, not for humans) sees as the
/// value itself: the JSON and its compression are made only for a page that
/// is rendered. For a page's data block that a script inflates: it takes a
/// third of the JSON's bytes, and base64 holds nothing HTML could read as
/// markup.
pub struct ScriptGzip<T>(pub T);

impl<T: serde::Serialize> serde::Serialize for ScriptGzip<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            let json = serde_json::to_vec(&self.0).unwrap_or_default();
            // Every history page has one, so a cold build compresses ten
            // thousand: the fast level (a tenth bigger, a third quicker).
            let packed = crate::compress::gzip(&json, flate2::Compression::fast());
            serializer.serialize_str(&crate::compress::base64(&packed))
        } else {
            self.0.serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_gzip_is_base64_gzip_json_for_templates_and_the_value_for_keys() {
        use std::io::Read as _;
        let value = ScriptGzip(["</script>"]);
        let serde_json::Value::String(text) = serde_json::to_value(&value).unwrap() else {
            panic!("a template sees text");
        };
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        let packed = base64_decode(&text);
        let mut json = String::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_string(&mut json)
            .unwrap();
        assert_eq!(json, r#"["</script>"]"#);
        assert_eq!(
            postcard::to_stdvec(&value).unwrap(),
            postcard::to_stdvec(&["</script>"]).unwrap()
        );
    }

    /// Standard base64, as the browser's `atob` reads it.
    fn base64_decode(text: &str) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> = text
            .bytes()
            .filter(|&b| b != b'=')
            .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u32)
            .collect();
        let mut bytes = Vec::new();
        for chunk in sextets.chunks(4) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0, |n, (i, s)| n | s << (18 - 6 * i));
            bytes.extend(&n.to_be_bytes()[1..chunk.len()]);
        }
        bytes
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
