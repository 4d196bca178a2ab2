//! Validating front matter against the site's vocabulary and the rules for
//! owners and slugs. Each check returns its diagnostics; positions point at
//! the key's value when the key is written.

use std::path::Path;

use super::Meta;
use crate::config::{Resolved, Term};
use crate::diagnostics::Diagnostic;
use crate::front_matter::FrontMatterText;
use crate::slug::is_valid_slug;

/// The text a diagnostic points into: the whole file and its front matter.
pub(super) struct Place<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub front_matter: Option<&'a FrontMatterText<'a>>,
}

impl Place<'_> {
    /// Points `diagnostic` at the value of `key`, when the front matter has it.
    fn at_key(&self, diagnostic: Diagnostic, key: &str) -> Diagnostic {
        let found = self
            .front_matter
            .and_then(|fm| Some(fm.offset + crate::front_matter::find_key(fm.text, key)?));
        match found {
            Some(offset) => diagnostic.at_offset(self.text, offset).covering_value(),
            None => diagnostic,
        }
    }
}

/// A status or stage as looked up: what it resolved to, whether through
/// its label, its front matter key and the vocabulary.
pub(super) struct Looked<'a> {
    pub resolved: &'a Resolved,
    pub by_label: bool,
    pub key: &'a str,
    pub terms: &'a [Term],
}

impl Place<'_> {
    /// The errors for mapped values that could not fill their field, if any.
    pub(super) fn mapping_problems(
        &self,
        problems: &[super::fields::MappingProblem],
    ) -> Option<Vec<Diagnostic>> {
        let diagnostics: Vec<Diagnostic> = problems
            .iter()
            .map(|p| {
                let error = Diagnostic::error(self.path, format!("`{}`: {}", p.key, p.message));
                self.at_key(error, &p.key)
                    .with_hint("this key fills a field through `[fields]` in site.toml")
            })
            .collect();
        (!diagnostics.is_empty()).then_some(diagnostics)
    }
}

/// Every problem with the front matter's values.
/// `terms`: the resolved status and stage.
pub(super) fn check(meta: &Meta, terms: &[Looked<'_>], place: &Place<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for looked in terms {
        if let Some(d) = check_term(looked, place.path) {
            diagnostics.push(place.at_key(d, looked.key));
        }
    }
    if meta.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
        diagnostics.push(
            Diagnostic::warning(
                place.path,
                "no owner: every PR/FAQ needs one single-threaded leader",
            )
            .with_hint("add `owner = \"Name\"` to the front matter")
            .with_rule(crate::rules::OWNER_MISSING),
        );
    }
    if let Some(slug) = &meta.slug
        && !is_valid_slug(slug)
    {
        let error = Diagnostic::error(place.path, format!("invalid slug {slug:?}"));
        diagnostics.push(
            place
                .at_key(error, "slug")
                .with_hint("use lowercase letters, digits and `-`, with `/` between folders"),
        );
    }
    diagnostics
}

/// The error for a page URL that would be empty.
pub(super) fn empty_slug(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        "the file name has no letters or digits to make the page's URL from",
    )
    .with_hint("rename the file, or set `slug` in the front matter")
}

fn check_term(looked: &Looked<'_>, path: &Path) -> Option<Diagnostic> {
    let (key, terms) = (looked.key, looked.terms);
    let allowed = || {
        terms
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match looked.resolved {
        Resolved::Missing => Some(
            Diagnostic::warning(path, format!("no {key}; it shows as \"unknown\""))
                .with_hint(format!("add `{key} = \"...\"` with one of: {}", allowed()))
                .with_rule(crate::rules::missing_key(key)),
        ),
        Resolved::Known(index) if looked.by_label => {
            let id = &terms[*index].id;
            Some(
                Diagnostic::warning(
                    path,
                    format!("{key} written as its label; its id is `{id}`"),
                )
                .with_hint(format!(
                    "write `{key} = \"{id}\"`: labels can change, ids stay"
                )),
            )
        }
        Resolved::Known(_) => None,
        Resolved::Unknown(v) => {
            let candidates = terms.iter().flat_map(|t| [t.id.as_str(), t.label.as_str()]);
            let suggestion = crate::suggest::closest(v, candidates).map(|c| {
                terms
                    .iter()
                    .find(|t| t.id == c || t.label == c)
                    .map_or(c, |t| t.id.as_str())
            });
            let did_you_mean =
                suggestion.map_or_else(String::new, |id| format!("did you mean `{id}`? "));
            Some(
                Diagnostic::error(path, format!("unknown {key} {v:?}")).with_hint(format!(
                    "{did_you_mean}expected one of: {} (set in site.toml)",
                    allowed()
                )),
            )
        }
    }
}
