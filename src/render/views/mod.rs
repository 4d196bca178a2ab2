//! What templates see: plain serializable views built from the library.
//!
//! Templates never get internal structs, so the template contract is this
//! folder (and the README's theme section, which lists each template's
//! variables): renaming an internal field cannot silently break a theme, and
//! everything here is text to be escaped by the template engine.

mod card;
mod commit;
mod history;
mod lists;
mod page;
mod site;
mod timeline;

pub use card::{DecisionView, DocCard, TermRef, created, updated};
pub use history::{HistoryPage, HistorySummary};
pub use lists::{BoardView, COLUMN_CARDS, Column, DecisionEntry, GroupView, TransitionEntry};
pub use page::DocPage;
pub use site::{Link, NEUTRAL_COLOUR, SiteView, TermView, group_url};
pub use timeline::{EventKind, TimelineEvent, timeline};
