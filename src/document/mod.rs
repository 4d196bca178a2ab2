//! One PR/FAQ: its front matter, validated against the site's vocabulary.
//!
//! `Document::parse` is the first stage of the pipeline. It never fails
//! silently and never stops at the first problem: it returns the document it
//! could make together with every diagnostic, so a library's problems are
//! reported in one run.

mod checks;
mod date;
pub mod fields;
mod meta;
mod yaml_errors;

use std::path::{Path, PathBuf};

use crate::config::{Config, Resolved};
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Format, FrontMatterText, Unclosed};
use crate::markdown;
/// Re-exported for `prfaq new` (which names a file after its title).
pub use crate::slug::slugify;
use crate::slug::{file_stem, slug_from_source};
pub use date::Date;
pub use meta::{Decision, Meta, MetaError, Outcome, parse_meta};

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
    /// `meta.status` looked up in the configured statuses.
    pub status: Resolved,
    /// `meta.stage` looked up in the configured stages.
    pub stage: Resolved,
    /// The title shown: front matter, else the first `#` heading, else the file name.
    pub title: String,
    /// URL path segment(s) of the document's page, e.g. `payments/split`.
    pub slug: String,
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
        let split = match front_matter::split(&text) {
            Ok(split) => split,
            Err(unclosed) => return (None, vec![unclosed_error(&text, display_path, &unclosed)]),
        };
        let mut meta = match &split.front_matter {
            None => Meta::default(),
            Some(fm) => match deserialize(fm, &text, display_path) {
                Ok(meta) => meta,
                Err(diagnostic) => return (None, vec![diagnostic]),
            },
        };
        let mapping = fields::apply(&mut meta, &config.fields, &text[split.body_offset..]);
        let place = checks::Place {
            path: display_path,
            text: &text,
            front_matter: split.front_matter.as_ref(),
        };
        if let Some(problems) = place.mapping_problems(&mapping) {
            return (None, problems);
        }
        let (status, stage, mut diagnostics) = validate(&meta, config, &place);
        let body_offset = split.body_offset;
        let title = meta
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| markdown::first_heading(&text[body_offset..]))
            .unwrap_or_else(|| file_stem(source));
        let slug = meta
            .slug
            .clone()
            .unwrap_or_else(|| slug_from_source(source));
        if slug.is_empty() {
            diagnostics.push(checks::empty_slug(display_path));
        }
        let document = Document {
            source: source.to_owned(),
            display_path: display_path.to_owned(),
            text,
            body_offset,
            meta,
            status,
            stage,
            title,
            slug,
        };
        (Some(document), diagnostics)
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The body for the Markdown stage.
    pub fn markdown(&self) -> markdown::Source<'_> {
        markdown::Source {
            source: &self.source,
            display_path: &self.display_path,
            text: &self.text,
            body_offset: self.body_offset,
            title: &self.title,
        }
    }
}

/// Looks the status and stage up in the vocabulary and checks every value.
fn validate(
    meta: &Meta,
    config: &Config,
    place: &checks::Place<'_>,
) -> (Resolved, Resolved, Vec<Diagnostic>) {
    let (status, status_by_label) = Resolved::lookup(
        &config.statuses,
        &config.aliases.status,
        meta.status.as_deref(),
    );
    let (stage, stage_by_label) =
        Resolved::lookup(&config.stages, &config.aliases.stage, meta.stage.as_deref());
    let terms = [
        checks::Looked {
            resolved: &status,
            by_label: status_by_label,
            key: "status",
            terms: &config.statuses,
        },
        checks::Looked {
            resolved: &stage,
            by_label: stage_by_label,
            key: "stage",
            terms: &config.stages,
        },
    ];
    let diagnostics = checks::check(meta, &terms, place);
    (status, stage, diagnostics)
}

fn unclosed_error(text: &str, display_path: &Path, unclosed: &Unclosed) -> Diagnostic {
    let fence = match unclosed.format {
        Format::Toml => "+++",
        Format::Yaml => "---",
    };
    Diagnostic::error(display_path, "front matter never closes")
        .at_offset(text, unclosed.offset)
        .with_hint(format!(
            "add a line with only `{fence}` after the front matter"
        ))
}

fn deserialize(
    fm: &FrontMatterText<'_>,
    text: &str,
    display_path: &Path,
) -> Result<Meta, Diagnostic> {
    parse_meta(fm.format, fm.text).map_err(|error| {
        let diagnostic = Diagnostic::error(display_path, error.message.clone())
            .at_offset(text, fm.offset + error.offset)
            .covering_value();
        let toml = fm.format == Format::Toml;
        let hint = error.hint.clone().or_else(|| {
            crate::config::teach::hint_for(&error.message, diagnostic.source_line.as_deref(), toml)
        });
        diagnostic.with_hint(hint.unwrap_or_else(|| error.format_hint(fm.format).to_owned()))
    })
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
        assert_eq!(doc.meta.created, Some(Date::parse("2024-03-02").unwrap()));
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
        assert_eq!(doc.status, Resolved::Known(2));
        assert_eq!(doc.stage, Resolved::Known(2));
        assert_eq!(
            doc.meta.decisions[0].date,
            Date::parse("2024-04-10").unwrap()
        );
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
}
