//! Filling prfaq's fields from the keys a library already uses
//! (`[fields]` in site.toml): `author` for the owner, `start-date` for
//! `created`, a status kept in `stage`. Applied after the front matter is
//! read and before anything is validated, so a mapped field is checked like
//! one written under its own name; history applies it to old revisions too.
//!
//! Besides front matter keys, a source may be a label of the bullet list
//! some RFC templates open with (`* **Original Author(s)**: @name`), so
//! documents with no front matter at all can be mapped as well.

use serde_json::Value;

use super::{Date, Meta};
use crate::config::Fields;

/// A mapped value that cannot fill its field: the key it came from and why.
pub struct MappingProblem {
    pub key: String,
    pub message: String,
}

/// Fills the empty fields of `meta` from their `fields` sources; `body` is
/// the Markdown after the front matter, for header-list sources.
pub fn apply(meta: &mut Meta, fields: &Fields, body: &str) -> Vec<MappingProblem> {
    if fields.is_empty() {
        return Vec::new();
    }
    let written = meta.clone();
    let header = header_list(body);
    let mut problems = Vec::new();
    for (field, sources) in fields.entries() {
        if is_set(&written, field) {
            continue;
        }
        for source in sources {
            let value = match canonical(&written, source) {
                Some(value) => Some(value),
                None => take_extra(meta, source).or_else(|| header_value(&header, source)),
            };
            let Some(value) = value.filter(|v| !is_blank(v)) else {
                continue;
            };
            if let Err(message) = fill(meta, field, &value) {
                problems.push(MappingProblem {
                    key: source.clone(),
                    message,
                });
            }
            break;
        }
    }
    problems
}

fn is_set(meta: &Meta, field: &str) -> bool {
    match field {
        "tags" => !meta.tags.is_empty(),
        "created" => meta.created.is_some(),
        _ => text_field(meta, field).is_some(),
    }
}

fn text_field<'a>(meta: &'a Meta, field: &str) -> Option<&'a String> {
    match field {
        "title" => meta.title.as_ref(),
        "subtitle" => meta.subtitle.as_ref(),
        "owner" => meta.owner.as_ref(),
        "status" => meta.status.as_ref(),
        "stage" => meta.stage.as_ref(),
        "customer" => meta.customer.as_ref(),
        "team" => meta.team.as_ref(),
        _ => None,
    }
}

/// A source naming one of prfaq's own text fields (`status = "stage"`) reads it as written.
fn canonical(written: &Meta, source: &str) -> Option<Value> {
    text_field(written, source).map(|v| Value::String(v.clone()))
}

fn take_extra(meta: &mut Meta, source: &str) -> Option<Value> {
    let key = meta
        .extra
        .keys()
        .find(|k| k.eq_ignore_ascii_case(source))?
        .clone();
    meta.extra.remove(&key)
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        _ => false,
    }
}

fn fill(meta: &mut Meta, field: &str, value: &Value) -> Result<(), String> {
    match field {
        "tags" => meta.tags = texts(value)?,
        "created" => meta.created = Some(Date::parse(&text(value)?)?),
        "owner" => {
            let mut people = texts(value)?.into_iter();
            meta.owner = people.next();
            meta.co_owners = people.collect();
        }
        _ => {
            let first = match value {
                Value::Array(items) => items.first().map(text).transpose()?,
                other => Some(text(other)?),
            };
            let value = first.filter(|v| !v.is_empty());
            match field {
                "title" => meta.title = value,
                "subtitle" => meta.subtitle = value,
                "status" => meta.status = value,
                "stage" => meta.stage = value,
                "customer" => meta.customer = value,
                _ => meta.team = value,
            }
        }
    }
    Ok(())
}

fn text(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.trim().to_owned()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(format!("expected text, found {}", kind(value))),
    }
}

/// A list of texts: a list's items, or a text split at commas (`@a, @b`).
fn texts(value: &Value) -> Result<Vec<String>, String> {
    let items = match value {
        Value::Array(items) => items.iter().map(text).collect::<Result<Vec<_>, _>>()?,
        Value::String(s) => s.split(',').map(|p| p.trim().to_owned()).collect(),
        other => vec![text(other)?],
    };
    Ok(items.into_iter().filter(|i| !i.is_empty()).collect())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
        _ => "a value",
    }
}

/// `* **Original Author(s):**: @a, @b` lines at the top of the body, before
/// the first `##` heading: (label, value) pairs, labels without colons.
fn header_list(body: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for line in body.lines() {
        let line = line.trim();
        if line.starts_with("## ") {
            break;
        }
        let Some(item) = line
            .strip_prefix("* **")
            .or_else(|| line.strip_prefix("- **"))
        else {
            continue;
        };
        let Some((label, value)) = item.split_once("**") else {
            continue;
        };
        let label = label.trim().trim_end_matches(':').trim();
        let value = value.trim().trim_start_matches(':').trim();
        pairs.push((label.to_owned(), value.to_owned()));
    }
    pairs
}

fn header_value(header: &[(String, String)], source: &str) -> Option<Value> {
    header
        .iter()
        .find(|(label, _)| label.eq_ignore_ascii_case(source))
        .map(|(_, value)| Value::String(value.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Sources;

    fn sources(keys: &[&str]) -> Sources {
        Sources(keys.iter().map(|k| (*k).to_owned()).collect())
    }

    #[test]
    fn first_present_key_wins_and_a_list_gives_co_authors() {
        let fields = Fields {
            owner: sources(&["author", "authors"]),
            created: sources(&["start-date"]),
            status: sources(&["stage"]),
            ..Fields::default()
        };
        let mut meta = Meta {
            stage: Some("accepted".into()),
            ..Meta::default()
        };
        meta.extra
            .insert("authors".into(), serde_json::json!(["Ann", "Bo", "Cy"]));
        meta.extra
            .insert("start-date".into(), "2020-01-01T00:00:00.000Z".into());
        assert!(apply(&mut meta, &fields, "").is_empty());
        assert_eq!(meta.owner.as_deref(), Some("Ann"));
        assert_eq!(meta.co_owners, ["Bo", "Cy"]);
        assert_eq!(meta.created.unwrap().to_string(), "2020-01-01");
        assert_eq!(meta.status.as_deref(), Some("accepted"));
        assert!(meta.extra.is_empty());
    }

    #[test]
    fn header_list_items_are_sources() {
        let fields = Fields {
            owner: sources(&["Original Author(s)"]),
            ..Fields::default()
        };
        let mut meta = Meta::default();
        let body = "# T\n\n* **Original Author(s):**: @filletofish, @Jacco\n* **Tracking Issue**: #473\n\n## Working Backwards\n* **x**: y\n";
        apply(&mut meta, &fields, body);
        assert_eq!(meta.owner.as_deref(), Some("@filletofish"));
        assert_eq!(meta.co_owners, ["@Jacco"]);
    }

    #[test]
    fn a_bad_mapped_value_is_a_problem_at_its_key() {
        let fields = Fields {
            created: sources(&["start-date"]),
            ..Fields::default()
        };
        let mut meta = Meta::default();
        meta.extra.insert("start-date".into(), "soon".into());
        let problems = apply(&mut meta, &fields, "");
        assert_eq!(problems[0].key, "start-date");
    }
}
