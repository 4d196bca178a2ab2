//! Stage timings for benchmarks: `PRFAQ_TIMINGS=1 prfaq build` prints how
//! long each stage of the pipeline took, and a few counters, on stderr.

use std::sync::OnceLock;
use std::time::Instant;

/// Prints `label` and the time since `since` when `PRFAQ_TIMINGS` is set.
pub fn stage(label: &str, since: Instant) {
    if enabled() {
        eprintln!("timing: {label}: {:.3} s", since.elapsed().as_secs_f64());
    }
}

/// Prints `label` and a count (e.g. blobs read from git) when `PRFAQ_TIMINGS` is set.
pub fn count(label: &str, n: usize) {
    if enabled() {
        eprintln!("count: {label}: {n}");
    }
}

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("PRFAQ_TIMINGS").is_some())
}
