//! `review_statuses`: which statuses count as "in review" for the review
//! meeting's page, checked against the configured statuses.

use std::path::Path;

use super::{Config, config_error};
use crate::diagnostics::Diagnostic;

/// The status whose documents are in review when site.toml does not say.
const DEFAULT: &str = "in-review";

impl Config {
    /// Positions in `statuses` of those whose documents the review page lists, in board order.
    pub fn review_terms(&self) -> Vec<usize> {
        let default = [DEFAULT.to_owned()];
        let ids = self.review_statuses.as_deref().unwrap_or(&default);
        let terms = self.statuses.iter().enumerate();
        terms
            .filter(|(_, t)| ids.contains(&t.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// An error for each review status that is not one of `statuses`.
    pub(super) fn check_review_statuses(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let known: Vec<&str> = self.statuses.iter().map(|t| t.id.as_str()).collect();
        self.review_statuses
            .iter()
            .flatten()
            .filter(|id| !known.contains(&id.as_str()))
            .map(|id| {
                config_error(
                    text,
                    path,
                    "review_statuses",
                    format!(
                        "`review_statuses` names {id:?}, which is not a status; expected one of: {}",
                        known.join(", ")
                    ),
                )
                .with_hint("list ids from `statuses` (default: draft, in-review, proceed, shelved, launched)")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn in_review_by_default() {
        let config = Config::default();
        let ids: Vec<_> = config
            .review_terms()
            .iter()
            .map(|&i| config.statuses[i].id.as_str())
            .collect();
        assert_eq!(ids, ["in-review"]);
    }

    #[test]
    fn configured_in_board_order() {
        let text = "review_statuses = [\"proceed\", \"draft\"]\n";
        let config = Config::parse(text, Path::new("site.toml")).unwrap();
        let ids: Vec<_> = config
            .review_terms()
            .iter()
            .map(|&i| config.statuses[i].id.as_str())
            .collect();
        assert_eq!(ids, ["draft", "proceed"]);
    }

    #[test]
    fn an_unknown_status_is_an_error_at_its_key() {
        let text = "title = \"x\"\nreview_statuses = [\"in-reveiw\"]\n";
        let errors = Config::parse(text, Path::new("site.toml")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].col), (2, 19));
        assert!(
            errors[0].message.contains("in-reveiw"),
            "{}",
            errors[0].message
        );
    }
}
