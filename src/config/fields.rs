//! Adopting a library as it is: `[fields]` says which front matter keys fill
//! prfaq's fields (`owner = ["author", "authors", "champion"]`), and
//! `[aliases.status]` / `[aliases.stage]` map a team's own words onto the
//! configured ids (`accepted = "proceed"`).
//!
//! The aliases live in a top-level `[aliases]` table rather than under
//! `[statuses]`, because `statuses` may be a plain list, and a TOML list
//! cannot also hold a table.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `[fields]`: for each of prfaq's fields, the keys to read it from, in
/// order; the field's own key always comes first, and the first key present wins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fields {
    /// Keys for the document's title.
    pub title: Sources,
    /// Keys for the line under the title.
    pub subtitle: Sources,
    /// Keys for the single-threaded leader; a list value gives the leader and co-authors.
    pub owner: Sources,
    /// Keys for the status (may name `stage`, to read a status kept there).
    pub status: Sources,
    /// Keys for the stage.
    pub stage: Sources,
    /// Keys for the customer.
    pub customer: Sources,
    /// Keys for the team.
    pub team: Sources,
    /// Keys for the tags.
    pub tags: Sources,
    /// Keys for the creation date (a date with a time keeps its day).
    pub created: Sources,
}

impl Fields {
    /// Each field with its sources, for the mapping step.
    pub fn entries(&self) -> [(&'static str, &[String]); 9] {
        [
            ("title", &self.title.0),
            ("subtitle", &self.subtitle.0),
            ("owner", &self.owner.0),
            ("status", &self.status.0),
            ("stage", &self.stage.0),
            ("customer", &self.customer.0),
            ("team", &self.team.0),
            ("tags", &self.tags.0),
            ("created", &self.created.0),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.entries().iter().all(|(_, sources)| sources.is_empty())
    }
}

/// One key (`"author"`) or several (`["author", "authors"]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources(pub Vec<String>);

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            One(String),
            Many(Vec<String>),
        }
        match Repr::deserialize(deserializer) {
            Ok(Repr::One(key)) => Ok(Sources(vec![key])),
            Ok(Repr::Many(keys)) => Ok(Sources(keys)),
            Err(_) => Err(serde::de::Error::custom(
                "expected a key or a list of keys, e.g. `owner = [\"author\", \"authors\"]`",
            )),
        }
    }
}

/// `[aliases]`: other words for the configured statuses and stages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Aliases {
    /// `written = "status-id"`, e.g. `accepted = "proceed"`.
    pub status: BTreeMap<String, String>,
    /// `written = "stage-id"`.
    pub stage: BTreeMap<String, String>,
}
