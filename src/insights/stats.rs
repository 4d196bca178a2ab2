//! Summary statistics of a handful of day counts: the median and the spread
//! around it. Small libraries have few decisions per quarter, so the method
//! is spelled out (linear interpolation between closest ranks, the one
//! spreadsheets and numpy use by default) rather than left to a crate.

use serde::Serialize;

/// The five-number summary of some day counts, with how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub count: usize,
    pub min: f64,
    /// First quartile: a quarter of the values are at or below it.
    pub q1: f64,
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    pub max: f64,
}

impl Spread {
    /// The summary of `values`; `None` when there are none.
    pub fn of(values: &[i32]) -> Option<Spread> {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let (first, last) = (*sorted.first()?, *sorted.last()?);
        Some(Spread {
            count: sorted.len(),
            min: f64::from(first),
            q1: quantile(&sorted, 0.25),
            median: quantile(&sorted, 0.5),
            q3: quantile(&sorted, 0.75),
            max: f64::from(last),
        })
    }
}

/// The `q` quantile of sorted, non-empty `values`, interpolating between ranks.
fn quantile(sorted: &[i32], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let weight = position - below as f64;
    f64::from(sorted[below]) * (1.0 - weight) + f64::from(sorted[above]) * weight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_values_no_summary() {
        assert_eq!(Spread::of(&[]), None);
    }

    #[test]
    fn one_value_is_every_statistic() {
        let spread = Spread::of(&[12]).unwrap();
        assert_eq!(
            (
                spread.count,
                spread.min,
                spread.q1,
                spread.median,
                spread.q3,
                spread.max
            ),
            (1, 12.0, 12.0, 12.0, 12.0, 12.0)
        );
    }

    #[test]
    fn an_even_count_takes_the_middle_two() {
        let spread = Spread::of(&[40, 10, 30, 20]).unwrap();
        assert_eq!(spread.median, 25.0);
        assert_eq!(spread.q1, 17.5);
        assert_eq!(spread.q3, 32.5);
        assert_eq!((spread.min, spread.max), (10.0, 40.0));
    }

    #[test]
    fn an_odd_count_has_a_middle_value() {
        let spread = Spread::of(&[5, 1, 9, 3, 7]).unwrap();
        assert_eq!((spread.q1, spread.median, spread.q3), (3.0, 5.0, 7.0));
    }
}
