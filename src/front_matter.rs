//! Splits a document into its front matter and its Markdown body.
//!
//! Pure functions over text, so every edge case is a unit test below. TOML
//! sits between `+++` lines (Hugo, Zola), YAML between `---` lines (Jekyll,
//! Obsidian, GitHub RFC repos). The byte offsets returned let every later
//! error point at the right line of the original file.

/// The format the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A document's text cut into its parts, with their offsets in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// `None` when the file has no front matter at all.
    pub front_matter: Option<FrontMatterText<'a>>,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterText<'a> {
    pub format: Format,
    pub text: &'a str,
    /// Byte offset of `text` in the file.
    pub offset: usize,
}

/// Why a file's front matter could not be cut out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    pub format: Format,
    /// Byte offset of the opening fence.
    pub offset: usize,
}

/// Cuts `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    // A UTF-8 byte order mark is invisible in editors; it must not hide the fence.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let format = match first_line(rest) {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Ok(Split {
                front_matter: None,
                body_offset: start,
            });
        }
    };
    let fence = if format == Format::Toml { "+++" } else { "---" };
    let open_len = line_len_with_newline(rest);
    let inner_start = start + open_len;
    let mut line_start = inner_start;
    while line_start < text.len() {
        let line = first_line(&text[line_start..]);
        let next = line_start + line_len_with_newline(&text[line_start..]);
        if line == fence || (format == Format::Yaml && line == "...") {
            return Ok(Split {
                front_matter: Some(FrontMatterText {
                    format,
                    text: &text[inner_start..line_start],
                    offset: inner_start,
                }),
                body_offset: next,
            });
        }
        line_start = next;
    }
    Err(Unclosed {
        format,
        offset: start,
    })
}

/// Byte offset of the value of top-level key `key` in TOML or YAML text.
///
/// Deserializers tell us a value is wrong but not always where it is; this
/// finds the line `key = ...` or `key: ...` so the diagnostic can point at it.
pub fn find_key(text: &str, key: &str) -> Option<usize> {
    find_nth_key(text, key, 0)
}

/// Like [`find_key`], for the `nth` (0-based) occurrence, at any indentation
/// (the keys of the n-th entry of a list of tables).
pub fn find_nth_key(text: &str, key: &str, nth: usize) -> Option<usize> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let indent = line.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix(key) {
            let after_trim = after.trim_start();
            if after_trim.starts_with('=') || after_trim.starts_with(':') {
                if seen == nth {
                    let value = after_trim[1..].trim_start();
                    return Some(offset + indent + key.len() + (after.len() - value.len()));
                }
                seen += 1;
            }
        }
        offset += line.len();
    }
    None
}

fn first_line(text: &str) -> &str {
    let line = text.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line).trim_end()
}

fn line_len_with_newline(text: &str) -> usize {
    text.find('\n').map_or(text.len(), |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"A\"\n+++\n# Body\n";
        let split = split(text).unwrap();
        let fm = split.front_matter.unwrap();
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(fm.text, "title = \"A\"\n");
        assert_eq!(&text[fm.offset..fm.offset + 5], "title");
        assert_eq!(&text[split.body_offset..], "# Body\n");
    }

    #[test]
    fn yaml_front_matter_with_crlf_and_dots_terminator() {
        let text = "---\r\ntitle: A\r\n...\r\nBody";
        let split = split(text).unwrap();
        let fm = split.front_matter.unwrap();
        assert_eq!(fm.format, Format::Yaml);
        assert_eq!(fm.text, "title: A\r\n");
        assert_eq!(&text[split.body_offset..], "Body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let text = "# Title\n\nText";
        let split = split(text).unwrap();
        assert!(split.front_matter.is_none());
        assert_eq!(split.body_offset, 0);
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let text = "\u{feff}+++\ntitle = \"A\"\n+++\nBody";
        let split = split(text).unwrap();
        assert_eq!(split.front_matter.unwrap().offset, 7);
        assert_eq!(&text[split.body_offset..], "Body");
    }

    #[test]
    fn empty_front_matter_and_empty_body() {
        let text = "+++\n+++";
        let split = split(text).unwrap();
        assert_eq!(split.front_matter.unwrap().text, "");
        assert_eq!(&text[split.body_offset..], "");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(
            split("+++\ntitle = \"A\"\n# Body\n"),
            Err(Unclosed {
                format: Format::Toml,
                offset: 0
            })
        );
    }

    #[test]
    fn a_thematic_break_later_in_the_body_is_not_front_matter() {
        let text = "Intro\n---\nMore";
        let split = split(text).unwrap();
        assert!(split.front_matter.is_none());
    }

    #[test]
    fn fence_with_trailing_spaces_still_counts() {
        let text = "+++  \ntitle = \"A\"\n+++ \nBody";
        let split = split(text).unwrap();
        assert_eq!(&text[split.body_offset..], "Body");
    }

    #[test]
    fn find_key_points_at_the_value() {
        let text = "title = \"A\"\nstatus = \"aproved\"\n";
        assert_eq!(
            find_key(text, "status"),
            Some(text.find("\"aproved").unwrap())
        );
        let yaml = "title: A\nstatus:   aproved\n";
        assert_eq!(
            find_key(yaml, "status"),
            Some(yaml.find("aproved").unwrap())
        );
        assert_eq!(find_key(text, "stage"), None);
        assert_eq!(find_key("statuses = 1", "status"), None);
    }

    #[test]
    fn find_nth_key_walks_list_entries() {
        let text = "decisions:\n  - outcome: proceed\n  - outcome: nope\n";
        assert_eq!(
            find_nth_key(text, "outcome", 1),
            Some(text.find("nope").unwrap())
        );
    }
}
