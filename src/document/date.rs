//! Calendar dates in front matter: `created` and the decisions' dates.

use serde::{Deserialize, Serialize};

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
