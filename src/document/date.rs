//! Calendar dates: `created`, the decisions' dates and the commits' dates.
//! Real dates (jiff), so `2024-02-31` is an error where it is written rather
//! than a day that sorts and displays but never was.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar day, shown and serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// Accepts `2024-03-02` and datetimes starting with it; keeps the date.
    pub fn parse(text: &str) -> Result<Date, String> {
        let trimmed = text.trim();
        let invalid = || format!("invalid date {trimmed:?}; write dates as YYYY-MM-DD");
        let date = trimmed.get(..10).ok_or_else(invalid)?;
        let bytes = date.as_bytes();
        let well_formed = bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
        // Only a well-formed date is cut into its parts: it is ASCII, so every
        // cut is at a character boundary.
        if !well_formed {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| date[range].parse::<i8>().ok();
        let (Some(month), Some(day), Ok(year)) = (number(5..7), number(8..10), date[..4].parse())
        else {
            return Err(invalid());
        };
        if !(1..=12).contains(&month) {
            return Err(invalid());
        }
        jiff::civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|_| no_such_day(date, year, month))
    }
}

impl Date {
    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.0.since(self.0).map_or(0, |span| span.get_days())
    }

    /// The calendar quarter, e.g. `(2024, 2)` for a day in May 2024.
    pub fn quarter(self) -> (i16, u8) {
        let month = u8::try_from(self.0.month()).unwrap_or(1);
        (self.0.year(), (month - 1) / 3 + 1)
    }
}

fn no_such_day(date: &str, year: i16, month: i8) -> String {
    let days = jiff::civil::Date::new(year, month, 1).map_or(31, |d| d.days_in_month());
    format!("invalid date {date:?}: {year}-{month:02} has {days} days")
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

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
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `document_render` fuzz target: a multi-byte character
    /// inside the first ten bytes was cut in half.
    #[test]
    fn a_date_with_a_multi_byte_character_is_an_error_not_a_panic() {
        assert!(Date::parse("2024-\u{feff}---").is_err());
        assert!(Date::parse("2024-0\u{e9}-01").is_err());
        assert!(Date::parse("é024-01-01").is_err());
    }

    #[test]
    fn real_days_only() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(
            Date::parse("2024-02-31").unwrap_err(),
            "invalid date \"2024-02-31\": 2024-02 has 29 days"
        );
        assert!(Date::parse("2023-02-29").is_err());
        assert!(
            Date::parse("2024-13-01")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(Date::parse("last tuesday").is_err());
        assert!(Date::parse("2024-3-2").is_err());
    }

    #[test]
    fn datetimes_keep_their_day() {
        let date = Date::parse("2024-03-02T10:00:00Z").unwrap();
        assert_eq!(date.to_string(), "2024-03-02");
        assert!(date < Date::parse("2024-03-10").unwrap());
    }
}
