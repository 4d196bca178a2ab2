//! One PR/FAQ: its front matter, validated against the site's vocabulary.
//!
//! `Document::parse` is the first stage of the pipeline. It never fails
//! silently and never stops at the first problem: it returns the document it
//! could make together with every diagnostic, so a library's problems are
//! reported in one run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::{Config, Term};
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Format};

/// A parsed PR/FAQ, before its Markdown is rendered.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the content folder, with `/` separators, e.g. `payments/split.md`.
    pub source: String,
    /// Path for messages, relative to the library root, e.g. `content/payments/split.md`.
    pub display_path: PathBuf,
    /// The whole file.
    pub text: String,
    /// Where the Markdown body starts in `text`.
    pub body_offset: usize,
    pub meta: Meta,
    /// The title shown: front matter, else the first `#` heading, else the file name.
    pub title: String,
    /// URL path segment(s) of the document's page, e.g. `payments/split`.
    pub slug: String,
}

/// Front matter as written; every field optional so existing documents load as they are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Meta {
    /// The product or idea's name.
    pub title: Option<String>,
    /// One line under the title: the press release subheading.
    pub subtitle: Option<String>,
    /// The single-threaded leader.
    pub owner: Option<String>,
    /// Where the document is in its life: an id from `statuses` in site.toml.
    pub status: Option<String>,
    /// Where the idea is in Working Backwards: an id from `stages` in site.toml.
    pub stage: Option<String>,
    /// Who the customer is.
    pub customer: Option<String>,
    /// The team that would build it.
    pub team: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When the idea was first written (overrides the first commit's date).
    pub created: Option<Date>,
    /// URL path of the document's page, instead of one made from the file name.
    pub slug: Option<String>,
    /// Decision log, oldest first.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Any other keys, kept for templates.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of the decision log: what a review decided, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub date: Date,
    pub outcome: Outcome,
    /// Who decided (a person or a meeting).
    pub by: Option<String>,
    /// Why.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Proceed,
    Shelve,
    Revisit,
}

/// A calendar date, `YYYY-MM-DD`; accepts TOML dates and YAML/TOML strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date(pub String);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Text(String),
            Toml(toml::value::Datetime),
        }
        let text = match Repr::deserialize(deserializer)? {
            Repr::Text(text) => text,
            Repr::Toml(datetime) => datetime.to_string(),
        };
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid date {text:?}; write dates as YYYY-MM-DD"))
        })
    }
}

impl Date {
    /// Accepts `2024-03-02` and datetimes starting with it; keeps the date.
    pub fn parse(text: &str) -> Option<Date> {
        let date = text.trim().get(..10)?;
        let bytes = date.as_bytes();
        let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        let month: u32 = date.get(5..7)?.parse().ok()?;
        let day: u32 = date.get(8..10)?.parse().ok()?;
        let well_formed = digits(0..4) && bytes[4] == b'-' && bytes[7] == b'-';
        (well_formed && (1..=12).contains(&month) && (1..=31).contains(&day))
            .then(|| Date(date.to_owned()))
    }
}

impl Document {
    /// Parses one file. Returns the document when it is usable (possibly with
    /// warnings), and every diagnostic found.
    pub fn parse(
        source: &str,
        display_path: &Path,
        text: String,
        config: &Config,
    ) -> (Option<Document>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let split = match front_matter::split(&text) {
            Ok(split) => split,
            Err(unclosed) => {
                let fence = if unclosed.format == Format::Toml {
                    "+++"
                } else {
                    "---"
                };
                let diagnostic = Diagnostic::error(display_path, "front matter never closes")
                    .at_offset(&text, unclosed.offset)
                    .with_hint(format!(
                        "add a line with only `{fence}` after the front matter"
                    ));
                return (None, vec![diagnostic]);
            }
        };
        let meta = match &split.front_matter {
            None => Meta::default(),
            Some(fm) => match parse_meta(fm.format, fm.text) {
                Ok(meta) => meta,
                Err(error) => {
                    let hint = error.hint(fm.format);
                    let diagnostic = Diagnostic::error(display_path, error.message)
                        .at_offset(&text, fm.offset + error.offset)
                        .with_hint(hint);
                    return (None, vec![diagnostic]);
                }
            },
        };
        let (fm_text, fm_offset) = split
            .front_matter
            .as_ref()
            .map_or(("", 0), |fm| (fm.text, fm.offset));
        let at_key =
            |diagnostic: Diagnostic, key: &str, nth: usize| match front_matter::find_nth_key(
                fm_text, key, nth,
            ) {
                Some(offset) => diagnostic.at_offset(&text, fm_offset + offset),
                None => diagnostic,
            };
        if let Some(d) = check_term(&meta.status, "status", &config.statuses, display_path) {
            diagnostics.push(at_key(d, "status", 0));
        }
        if let Some(d) = check_term(&meta.stage, "stage", &config.stages, display_path) {
            diagnostics.push(at_key(d, "stage", 0));
        }
        if meta.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
            diagnostics.push(
                Diagnostic::warning(
                    display_path,
                    "no owner: every PR/FAQ needs one single-threaded leader",
                )
                .with_hint("add `owner = \"Name\"` to the front matter"),
            );
        }
        if let Some(slug) = &meta.slug
            && !is_valid_slug(slug)
        {
            diagnostics.push(
                at_key(
                    Diagnostic::error(display_path, format!("invalid slug {slug:?}")),
                    "slug",
                    0,
                )
                .with_hint("use lowercase letters, digits and `-`, with `/` between folders"),
            );
        }
        let body = &text[split.body_offset..];
        let title = meta
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| crate::markdown::first_heading(body))
            .unwrap_or_else(|| file_stem(source));
        let slug = meta
            .slug
            .clone()
            .unwrap_or_else(|| slug_from_source(source));
        if slug.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    display_path,
                    "the file name has no letters or digits to make the page's URL from",
                )
                .with_hint("rename the file, or set `slug` in the front matter"),
            );
        }
        let body_offset = split.body_offset;
        let document = Document {
            source: source.to_owned(),
            display_path: display_path.to_owned(),
            text,
            body_offset,
            meta,
            title,
            slug,
        };
        (Some(document), diagnostics)
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// Why front matter failed to deserialize, with the offset inside it.
#[derive(Debug)]
pub struct MetaError {
    pub message: String,
    pub offset: usize,
}

impl MetaError {
    fn hint(&self, format: Format) -> &'static str {
        match format {
            Format::Toml => {
                "front matter between `+++` lines is TOML: `key = \"value\"`, dates as 2024-03-02"
            }
            Format::Yaml => {
                "front matter between `---` lines is YAML: `key: value`, lists as `- item`"
            }
        }
    }
}

/// Deserializes front matter text; also used on old revisions by history.
pub fn parse_meta(format: Format, text: &str) -> Result<Meta, MetaError> {
    let mut meta: Meta = match format {
        Format::Toml => toml::from_str(text).map_err(|e| MetaError {
            message: e.message().trim().to_owned(),
            offset: e.span().map_or(0, |s| s.start),
        })?,
        Format::Yaml if text.trim().is_empty() => Meta::default(),
        Format::Yaml => serde_saphyr::from_str(text).map_err(|e| yaml_error(text, &e))?,
    };
    for value in meta.extra.values_mut() {
        untoml_dates(value);
    }
    Ok(meta)
}

fn yaml_error(text: &str, error: &serde_saphyr::Error) -> MetaError {
    let offset = error.location().map_or(0, |loc| {
        let line = usize::try_from(loc.line()).unwrap_or(1).max(1);
        let col = usize::try_from(loc.column()).unwrap_or(1).max(1);
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        let line_text = text[line_start.min(text.len())..]
            .lines()
            .next()
            .unwrap_or("");
        line_start
            + line_text
                .char_indices()
                .nth(col - 1)
                .map_or(line_text.len(), |(i, _)| i)
    });
    // saphyr adds its own position and snippet; the diagnostic gives the position in the file.
    let message = strip_yaml_position(&error.to_string());
    MetaError { message, offset }
}

/// `error: line 3 column 7: unclosed bracket at line 3 column 7` -> `unclosed bracket`.
fn strip_yaml_position(message: &str) -> String {
    let mut text = message.trim();
    while let Some(rest) = text.strip_prefix("error:") {
        text = rest.trim_start();
    }
    if text.starts_with("line ")
        && let Some((_, rest)) = text.split_once(": ")
    {
        text = rest;
    }
    let text = text.split(" at line ").next().unwrap_or(text);
    text.lines().next().unwrap_or(text).trim().to_owned()
}

/// TOML dates in `extra` deserialize as a private wrapper map; show them as text.
fn untoml_dates(value: &mut serde_json::Value) {
    const KEY: &str = "$__toml_private_datetime";
    match value {
        serde_json::Value::Object(map) if map.len() == 1 && map.contains_key(KEY) => {
            *value = map.remove(KEY).unwrap_or_default();
        }
        serde_json::Value::Object(map) => {
            for item in map.values_mut() {
                untoml_dates(item);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                untoml_dates(item);
            }
        }
        _ => {}
    }
}

fn check_term(
    value: &Option<String>,
    key: &str,
    terms: &[Term],
    path: &Path,
) -> Option<Diagnostic> {
    let allowed = || {
        terms
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match value {
        None => Some(
            Diagnostic::warning(path, format!("no {key}; it shows as \"unknown\""))
                .with_hint(format!("add `{key} = \"...\"` with one of: {}", allowed())),
        ),
        Some(v) if terms.iter().any(|t| &t.id == v) => None,
        Some(v) => Some(
            Diagnostic::error(path, format!("unknown {key} {v:?}"))
                .with_hint(format!("expected one of: {} (set in site.toml)", allowed())),
        ),
    }
}

fn file_stem(source: &str) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    name.strip_suffix(".md").unwrap_or(name).to_owned()
}

/// `Payments/Split Checkout.md` becomes `payments/split-checkout`.
pub fn slug_from_source(source: &str) -> String {
    let without_ext = source.strip_suffix(".md").unwrap_or(source);
    without_ext
        .split('/')
        .map(slugify)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// ASCII lowercase letters and digits, every other run of characters one `-`.
/// Accented letters are transliterated (`Søren Núñez` → `soren-nunez`), so
/// URLs stay plain ASCII that every host, chat tool and terminal handles.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && slugify(part) == part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        Document::parse(
            "a.md",
            Path::new("content/a.md"),
            text.to_owned(),
            &Config::default(),
        )
    }

    #[test]
    fn toml_front_matter_with_every_field() {
        let (doc, diagnostics) = parse(
            "+++\ntitle = \"Returns\"\nowner = \"Zoë\"\nstatus = \"shelved\"\nstage = \"refine\"\n\
             tags = [\"a\"]\ncreated = 2024-03-02\njira = \"NW-1\"\nreview = 2025-01-01\n\
             [[decisions]]\ndate = 2024-04-10\noutcome = \"shelve\"\nby = \"S-team\"\nnote = \"cost\"\n+++\nBody",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.title, "Returns");
        assert_eq!(doc.meta.created, Some(Date("2024-03-02".into())));
        assert_eq!(doc.meta.decisions[0].outcome, Outcome::Shelve);
        assert_eq!(doc.meta.extra["jira"], "NW-1");
        assert_eq!(doc.meta.extra["review"], "2025-01-01");
        assert_eq!(doc.body(), "Body");
    }

    #[test]
    fn yaml_front_matter_reads_the_same_fields() {
        let (doc, diagnostics) = parse(
            "---\ntitle: Returns\nowner: Ann\nstatus: proceed\nstage: invent\ncreated: 2024-03-02\n\
             decisions:\n  - date: 2024-04-10\n    outcome: proceed\n---\nBody",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.meta.status.as_deref(), Some("proceed"));
        assert_eq!(doc.meta.decisions[0].date, Date("2024-04-10".into()));
    }

    #[test]
    fn unknown_status_is_an_error_at_the_value() {
        let (_, diagnostics) =
            parse("+++\nowner = \"A\"\nstage = \"define\"\nstatus = \"aproved\"\n+++\n");
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert!(d.is_error());
        assert_eq!((d.line, d.col), (4, 10));
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("draft, in-review, proceed, shelved, launched")
        );
    }

    #[test]
    fn missing_owner_status_stage_are_warnings() {
        let (doc, diagnostics) = parse("# Heading title\nBody");
        assert_eq!(doc.unwrap().title, "Heading title");
        assert_eq!(diagnostics.len(), 3);
        assert!(diagnostics.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn invalid_toml_points_into_the_file() {
        let (doc, diagnostics) = parse("+++\nowner = \"A\"\ntitle = \n+++\n");
        assert!(doc.is_none());
        assert_eq!(diagnostics[0].line, 3);
    }

    #[test]
    fn invalid_yaml_points_into_the_file() {
        let (doc, diagnostics) = parse("---\nowner: A\ntags: [a, b\n---\n");
        assert!(doc.is_none());
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].col),
            (3, 7),
            "{:?}",
            diagnostics[0]
        );
        assert_eq!(diagnostics[0].message, "unclosed bracket '['");
    }

    #[test]
    fn bad_outcome_and_bad_date_are_errors() {
        let (doc, d) = parse("+++\n[[decisions]]\ndate = 2024-04-10\noutcome = \"maybe\"\n+++\n");
        assert!(doc.is_none());
        assert_eq!(d[0].line, 4, "{:?}", d[0]);
        let (doc, d) = parse("+++\ncreated = \"last tuesday\"\n+++\n");
        assert!(doc.is_none());
        assert!(d[0].message.contains("YYYY-MM-DD"), "{:?}", d[0]);
    }

    #[test]
    fn title_falls_back_to_file_name() {
        let (doc, _) = parse("no heading here");
        assert_eq!(doc.unwrap().title, "a");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug_from_source("Payments/Split Checkout.md"),
            "payments/split-checkout"
        );
        assert_eq!(slugify("Zoë  Brandt!"), "zoe-brandt");
        assert_eq!(slugify("Søren Lindqvist"), "soren-lindqvist");
        assert!(is_valid_slug("a/b-c"));
        assert!(!is_valid_slug("../x"));
        assert!(!is_valid_slug("A"));
    }
}
