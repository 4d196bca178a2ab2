//! Front matter as written: the typed keys, and deserializing them from TOML
//! or YAML with the position of the first problem.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Date;
use crate::front_matter::Format;

/// Front matter as written; every field optional so existing documents load as they are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
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
    /// Free-form labels; each gets a page.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When the idea was first written (overrides the first commit's date).
    pub created: Option<Date>,
    /// URL path of the document's page, instead of one made from the file name.
    pub slug: Option<String>,
    /// Decision log, oldest first.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Further authors, when a mapped owner key held a list (see `[fields]`).
    #[serde(skip)]
    pub co_owners: Vec<String>,
    /// Any other keys, kept for templates.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of the decision log: what a review decided, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The day of the review.
    pub date: Date,
    /// What it decided.
    pub outcome: Outcome,
    /// Who decided (a person or a meeting).
    pub by: Option<String>,
    /// Why.
    pub note: Option<String>,
}

/// What a review decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Proceed,
    Shelve,
    Revisit,
}

impl Outcome {
    /// How the site shows it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Proceed => "Proceed",
            Outcome::Shelve => "Shelve",
            Outcome::Revisit => "Revisit",
        }
    }
}

/// Why front matter failed to deserialize, with the offset inside it.
#[derive(Debug)]
pub struct MetaError {
    pub message: String,
    pub offset: usize,
    /// How to fix it, when the parser's words were translated into a fix.
    pub hint: Option<String>,
}

impl MetaError {
    /// What the format looks like, when nothing more precise is known.
    pub(super) fn format_hint(&self, format: Format) -> &'static str {
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
            hint: None,
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
        offset_of(text, line, col)
    });
    // saphyr adds its own position and snippet; the diagnostic gives the position in the file.
    let message = strip_yaml_position(&error.to_string());
    match super::yaml_errors::translate(text, &message, offset) {
        Some((message, offset, hint)) => MetaError {
            message,
            offset,
            hint: Some(hint),
        },
        None => MetaError {
            message,
            offset,
            hint: None,
        },
    }
}

/// Byte offset of a 1-based line and character column, counting lines as
/// YAML does: `\r\n`, a lone `\r` and `\n` each end a line.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = yaml_line_starts(text).nth(line - 1).unwrap_or(text.len());
    let line_text = text[line_start..].split(['\r', '\n']).next().unwrap_or("");
    line_start
        + line_text
            .char_indices()
            .nth(col - 1)
            .map_or(line_text.len(), |(i, _)| i)
}

/// Byte offsets where each YAML line starts.
fn yaml_line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let breaks = bytes.iter().enumerate().filter_map(move |(i, &b)| {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        ends_line.then_some(i + 1)
    });
    std::iter::once(0).chain(breaks)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_positions_are_stripped_from_messages() {
        assert_eq!(
            strip_yaml_position("error: line 3 column 7: unclosed bracket at line 3 column 7"),
            "unclosed bracket"
        );
        assert_eq!(offset_of("ab\ncdé\n", 2, 3), 5);
    }

    /// Found by the `front_matter_parse` fuzz target: YAML also breaks lines
    /// at a lone `\r`, and the error pointed past the end of the text.
    #[test]
    fn yaml_errors_after_carriage_returns_point_inside_the_text() {
        let text =
            "title: x\ntags:\n  - a\ndecisikns:\n  - \r\r\re` 2d mapping ate: 4tcome: proceed\n";
        let error = parse_meta(Format::Yaml, text).unwrap_err();
        assert!(
            error.offset <= text.len(),
            "offset {} past {}",
            error.offset,
            text.len()
        );
    }
}
