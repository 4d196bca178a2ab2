//! What a document may put in a reader's browser.
//!
//! A library is written by many people and built unattended, often from pull
//! requests, so nothing a document says may run as script in a reader's
//! browser. Two rules do that:
//!
//! - raw HTML in Markdown goes through a maintained sanitiser (`ammonia`)
//!   that keeps what documents legitimately use — tables, `<details>`,
//!   `<kbd>`, `<sup>`/`<sub>`, images, `id`s for anchors — and drops
//!   scripts, event handlers, frames, forms, styles and `<meta>`;
//! - every URL from a document or site.toml must be `http`, `https`,
//!   `mailto` or relative ([`is_allowed_url`]); the others are dropped and
//!   reported.
//!
//! `unsafe_html = true` in site.toml turns the first rule off, for libraries
//! whose every author is trusted; the URL rule stays.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The URL schemes a link or image may use; anything without a scheme is relative.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Raw HTML from a document, reduced to what cannot run script.
pub fn clean_html(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// Whether a URL may be placed in a link or image: `http`, `https`, `mailto`,
/// or relative. Read the way a browser reads it: entities decoded, tabs and
/// newlines removed, leading spaces and control characters trimmed, and the
/// scheme compared without regard to case.
pub fn is_allowed_url(url: &str) -> bool {
    match scheme(&normalise(url)) {
        None => true,
        Some(scheme) => ALLOWED_SCHEMES.contains(&scheme.as_str()),
    }
}

/// Checks a `base_url` (site.toml or `--base-url`): an absolute `http(s)`
/// URL, or a path that starts with a single `/`. The error says why not.
///
/// A browser reads `/\host/` and `//host/` as another site, so they would
/// load the site's script from there; quotes, `<`, `>`, spaces and control
/// characters have no business in a URL that goes into every page.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if let Some(bad) = url
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || "<>\"'`\\{}|^".contains(*c))
    {
        return Err(format!("it contains {bad:?}, which a URL cannot have"));
    }
    if url.contains(['?', '#']) {
        return Err("it has a query or fragment; give only the address of the site".into());
    }
    let path = match scheme(url) {
        Some(scheme) if scheme == "http" || scheme == "https" => {
            let Some(rest) = url[scheme.len() + 1..].strip_prefix("//") else {
                return Err(format!("expected `{scheme}://host/…`"));
            };
            let host = rest.split('/').next().unwrap_or("");
            if host.is_empty() || host.contains('@') {
                return Err("it has no host name (or has credentials in it)".into());
            }
            return Ok(());
        }
        Some(scheme) => {
            return Err(format!(
                "its scheme `{scheme}:` is not allowed; use http(s) or a path"
            ));
        }
        None => url,
    };
    if !path.starts_with('/') || path.starts_with("//") {
        return Err("a path must start with a single `/`, e.g. `/prfaqs/`".into());
    }
    Ok(())
}

/// A URL that raw HTML carries and the sanitiser drops, with the line of the
/// fragment it is on (1-based), for the warning that reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedUrl {
    pub url: String,
    pub line: usize,
}

/// The URLs in a fragment of raw HTML that [`is_allowed_url`] refuses
/// (`href`, `src`, `action`, … on any element), in order.
pub fn dropped_urls(fragment: &str) -> Vec<DroppedUrl> {
    let sink = UrlCollector::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(fragment));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// What in `html` could run script or load a refused URL: script-like
/// elements, `on*` handlers, `srcdoc`, and URL attributes [`is_allowed_url`]
/// refuses, each described in a few words. Empty for sanitised HTML; the
/// fuzz targets and the tests check rendered pages with it.
pub fn active_content(html: &str) -> Vec<String> {
    let sink = UrlCollector {
        report_active: true,
        ..UrlCollector::default()
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut found = tokenizer.sink.active.take();
    found.extend(
        tokenizer
            .sink
            .found
            .take()
            .into_iter()
            .map(|d| format!("URL {:?}", d.url)),
    );
    found
}

/// Elements that run or embed active content.
const ACTIVE_ELEMENTS: [&str; 11] = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "base", "form",
    "style",
];

/// The sanitiser, configured once.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["input"])
            // `id`s are anchors (footnotes, headings); `class` only styles.
            .add_generic_attributes(["id", "class", "aria-label"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("details", ["open"])
            .add_tag_attributes("img", ["title", "loading"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("li", ["value"])
            // Table column alignment is the one style Markdown writes.
            .filter_style_properties(HashSet::from(["text-align"]))
            .url_schemes(HashSet::from(ALLOWED_SCHEMES))
            // Links keep the markup Markdown would give them.
            .link_rel(None)
            .attribute_filter(|_, attribute, value| {
                if is_url_attribute(attribute) && !is_allowed_url(value) {
                    None
                } else {
                    Some(value.into())
                }
            });
        builder
    })
}

/// Attributes a browser loads or follows as a URL.
fn is_url_attribute(name: &str) -> bool {
    matches!(
        name,
        "href"
            | "src"
            | "action"
            | "formaction"
            | "data"
            | "poster"
            | "cite"
            | "background"
            | "longdesc"
            | "usemap"
            | "xlink:href"
            | "srcset"
            | "ping"
    )
}

/// `url` as a browser's URL parser sees it before looking for a scheme.
fn normalise(url: &str) -> String {
    let decoded = decode_entities(url);
    let trimmed = decoded.trim_matches(|c: char| c <= ' ');
    trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The lowercased scheme of a URL, if it has one (`scheme:` before any `/?#`).
fn scheme(url: &str) -> Option<String> {
    let end = url.find(':')?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_is_scheme = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_is_scheme).then(|| candidate.to_ascii_lowercase())
}

/// Decodes numeric character references and the named ones that spell URL
/// punctuation or whitespace (`&colon;`, `&Tab;`, `&NewLine;`), which is
/// what hides a scheme from a naive check.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match decode_one(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One reference at the start of `text` (which starts with `&`): the
/// character and the bytes it took, the `;` being optional as browsers allow.
fn decode_one(text: &str) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).ok()?;
        let c = char::from_u32(value).unwrap_or('\u{fffd}');
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c, 1 + skip + len + semicolon));
    }
    for (name, c) in [
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("sol", '/'),
    ] {
        if let Some(after) = body.strip_prefix(name) {
            let semicolon = usize::from(after.starts_with(';'));
            return Some((c, 1 + name.len() + semicolon));
        }
    }
    None
}

/// Collects the refused URLs of every start tag the tokenizer sees.
#[derive(Default)]
struct UrlCollector {
    found: RefCell<Vec<DroppedUrl>>,
    /// Also collect active elements and attributes into `active`.
    report_active: bool,
    active: RefCell<Vec<String>>,
}

impl TokenSink for UrlCollector {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token
            && tag.kind == TagKind::StartTag
        {
            let element = tag.name.to_string().to_ascii_lowercase();
            if self.report_active && ACTIVE_ELEMENTS.contains(&element.as_str()) {
                self.active.borrow_mut().push(format!("<{element}>"));
            }
            for attribute in &tag.attrs {
                let name = attribute.name.local.to_string().to_ascii_lowercase();
                if self.report_active && (name.starts_with("on") || name == "srcdoc") {
                    self.active
                        .borrow_mut()
                        .push(format!("<{element} {name}=…>"));
                }
                let value = attribute.value.to_string();
                if is_url_attribute(&name) && !is_allowed_url(&value) {
                    self.found.borrow_mut().push(DroppedUrl {
                        url: value,
                        line: usize::try_from(line_number).unwrap_or(1),
                    });
                }
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative_urls() {
        for url in [
            "https://example.com/a?b#c",
            "HTTP://EXAMPLE.COM",
            "mailto:ann@example.com",
            "../other.md#faq",
            "/docs/x/",
            "#anchor",
            "//cdn.example.com/x.png",
            "image.png",
            "a/b:c",
            "?q=javascript:x",
            "",
        ] {
            assert!(is_allowed_url(url), "{url}");
        }
    }

    #[test]
    fn refuses_script_and_other_schemes_however_spelt() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#x3A;alert(1)",
            "javascript&#0000058alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "java&Tab;script:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(!is_allowed_url(url), "{url:?}");
        }
    }

    #[test]
    fn base_urls_are_web_addresses_or_site_paths() {
        for good in [
            "/",
            "/prfaqs/",
            "/org/prfaqs",
            "https://acme.github.io/prfaqs/",
            "http://localhost:4000",
            "HTTPS://EXAMPLE.COM",
            "/a%20b/",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "prfaqs/",
            "//evil.example/",
            "/\\evil.example/",
            "/x\\y/",
            "javascript:alert(1)",
            "ftp://example.com/",
            "https:/x",
            "https:///x",
            "https://user@evil.example/",
            "/x</script><script>alert(1)</script>/",
            "/x\"onload=\"alert(1)/",
            "/a b/",
            "/x?y",
            "/x#y",
            "/\u{0}/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn raw_html_loses_everything_that_runs() {
        for hostile in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<iframe src=javascript:alert(1)></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<details open ontoggle=alert(1)>",
            "</style><script>alert(1)</script>",
            "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<IMG SRC=x OnErRoR=alert(1)>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<form action=javascript:alert(1)><button>x</button></form>",
            "<object data=javascript:alert(1)></object>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<style>body{background:url(javascript:alert(1))}</style>",
        ] {
            let clean = clean_html(hostile).to_ascii_lowercase();
            for gone in [
                "<script",
                "onerror",
                "onload",
                "ontoggle",
                "javascript",
                "<iframe",
                "<meta",
                "<style",
                "<form",
                "<object",
            ] {
                assert!(!clean.contains(gone), "{hostile} -> {clean}");
            }
        }
    }

    #[test]
    fn active_content_is_found_and_sanitised_html_has_none() {
        let hostile = "<p onclick=x>a</p><SCRIPT>x</SCRIPT><a href=\"java&#x09;script:x\">b</a><iframe srcdoc=y>";
        assert_eq!(
            active_content(hostile).len(),
            5,
            "{:?}",
            active_content(hostile)
        );
        assert!(active_content(&clean_html(hostile)).is_empty());
        assert!(
            active_content("<p>onclick=x &lt;script&gt; <img alt=\"<script>\"></p>").is_empty()
        );
    }

    #[test]
    fn raw_html_keeps_what_documents_use() {
        let kept = [
            "<table><thead><tr><th style=\"text-align:center\">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
            "<details><summary>More</summary><p>Hidden</p></details>",
            "<p><kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup>, H<sub>2</sub>O</p>",
            "<img src=\"https://example.com/a.png\" alt=\"chart\">",
            "<img src=\"images/a.png\" alt=\"chart\">",
            "<h3 id=\"pricing\">Pricing</h3>",
            "<a href=\"mailto:ann@example.com\">Ann</a>",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\">",
        ];
        for html in kept {
            assert_eq!(clean_html(html), html);
        }
        assert_eq!(
            clean_html("<table><tr><td style=\"color: red; text-align: left\">a</td></tr></table>"),
            "<table><tbody><tr><td style=\"text-align:left\">a</td></tr></tbody></table>",
            "only the alignment survives in a style"
        );
    }

    #[test]
    fn reports_the_urls_raw_html_loses_with_their_lines() {
        let fragment = "<p>\n<a href=\"JAVASCRIPT&#58;alert(1)\">x</a>\n<img src=https://ok.example/a.png>\n<iframe src=\"vbscript:x\"></iframe>";
        assert_eq!(
            dropped_urls(fragment),
            [
                DroppedUrl {
                    url: "JAVASCRIPT:alert(1)".into(),
                    line: 2
                },
                DroppedUrl {
                    url: "vbscript:x".into(),
                    line: 4
                }
            ]
        );
        assert!(dropped_urls("<a href=\"/docs/x/\">x</a>").is_empty());
    }
}
