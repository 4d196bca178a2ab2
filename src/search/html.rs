//! Plain text from the body HTML the Markdown stage rendered, cut at the
//! questions' headings so each FAQ answer is a result of its own.
//!
//! The HTML is prfaq's own output (pulldown-cmark, headings with ids), so a
//! small scanner is enough: tags are dropped, block ends become line breaks,
//! the few entities the renderer writes are decoded, and `<script>` and
//! `<style>` contents are skipped.

/// Text between two question headings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Chunk {
    /// The question's anchor; `None` for text before the first question.
    pub anchor: Option<String>,
    /// The question, as plain text.
    pub heading: String,
    pub text: String,
}

/// Splits `html` at the headings whose id is one of `questions`.
pub fn chunks(html: &str, questions: &[&str]) -> Vec<Chunk> {
    let mut chunks = vec![Chunk::default()];
    let mut in_heading: Option<String> = None;
    let mut skip_until: Option<&str> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if skip_until.is_none() {
            let current = chunks.last_mut().expect("chunks is never empty");
            let target = if in_heading.is_some() {
                &mut current.heading
            } else {
                &mut current.text
            };
            decode_into(text, target);
        }
        let name = tag_name(tag);
        if let Some(end) = skip_until {
            if tag.starts_with('/') && name == end {
                skip_until = None;
            }
            continue;
        }
        if let Some(end) = on_tag(tag, questions, &mut chunks, &mut in_heading) {
            skip_until = Some(end);
        }
    }
    if skip_until.is_none() {
        let current = chunks.last_mut().expect("chunks is never empty");
        decode_into(rest, &mut current.text);
    }
    for chunk in &mut chunks {
        chunk.heading = chunk.heading.trim().to_owned();
        chunk.text = tidy(&chunk.text);
    }
    chunks
}

/// Acts on one tag: starts a question's chunk at its heading, breaks text at
/// block tags; returns the closing tag to skip to (scripts, styles, heading self-links).
fn on_tag(
    tag: &str,
    questions: &[&str],
    chunks: &mut Vec<Chunk>,
    in_heading: &mut Option<String>,
) -> Option<&'static str> {
    let name = tag_name(tag);
    match name {
        "script" | "style" if !tag.starts_with('/') => {
            return Some(if name == "script" { "script" } else { "style" });
        }
        // The `#` self-link after every heading.
        "a" if attribute(tag, "class").as_deref() == Some("anchor") => return Some("a"),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !tag.starts_with('/') => {
            let id = attribute(tag, "id");
            match id.filter(|id| questions.contains(&id.as_str())) {
                Some(id) => {
                    chunks.push(Chunk {
                        anchor: Some(id.clone()),
                        ..Chunk::default()
                    });
                    *in_heading = Some(id);
                }
                None => push_break(chunks),
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if in_heading.is_some() => {
            *in_heading = None;
        }
        "p" | "li" | "tr" | "br" | "div" | "blockquote" | "pre" | "h1" | "h2" | "h3" | "h4"
        | "h5" | "h6" | "td" | "th" | "dt" | "dd" => push_break(chunks),
        _ => {}
    }
    None
}

fn push_break(chunks: &mut [Chunk]) {
    if let Some(last) = chunks.last_mut()
        && !last.text.ends_with('\n')
    {
        last.text.push('\n');
    }
}

fn tag_name(tag: &str) -> &str {
    let tag = tag.trim_start_matches('/');
    let end = tag
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// A double-quoted attribute's decoded value, as pulldown-cmark writes them.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    let mut value = String::new();
    decode_into(&tag[start..end], &mut value);
    Some(value)
}

/// Appends `text` with its entities decoded.
fn decode_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let c = match &rest[1..end] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                numeric => numeric
                    .strip_prefix("#x")
                    .or_else(|| numeric.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| numeric.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Collapses runs of spaces within lines and drops empty lines.
fn tidy(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_question_headings_only() {
        let html = "<p>Intro &amp; more</p>\n<h3 id=\"why\" class=\"faq-question\">Why <em>now</em>? <a class=\"anchor\" href=\"#why\">#</a></h3>\n<p>Because.</p><h3 id=\"other\">Not a question</h3><p>Still the answer.</p>";
        let chunks = chunks(html, &["why"]);
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].text, "Intro & more");
        assert_eq!(chunks[1].anchor.as_deref(), Some("why"));
        assert_eq!(chunks[1].heading, "Why now?");
        assert_eq!(
            chunks[1].text,
            "Because.\nNot a question\nStill the answer."
        );
    }

    #[test]
    fn skips_scripts_and_decodes_entities() {
        let html = "<p>a &lt;b&gt; &#x41;&#66; &bogus; &</p><script>alert(1)</script><p>c</p>";
        let chunks = chunks(html, &[]);
        assert_eq!(chunks[0].text, "a <b> AB &bogus; &\nc");
    }

    #[test]
    fn keeps_table_cells_apart() {
        let chunks = chunks("<table><tr><td>one</td><td>two</td></tr></table>", &[]);
        assert_eq!(chunks[0].text, "one\ntwo");
    }
}
