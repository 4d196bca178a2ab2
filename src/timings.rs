//! Stage timings for benchmarks: `PRFAQ_TIMINGS=1 prfaq build` prints how
//! long each stage of the pipeline took, on stderr.

use std::sync::OnceLock;
use std::time::Instant;

/// Prints `label` and the time since `since` when `PRFAQ_TIMINGS` is set.
pub fn stage(label: &str, since: Instant) {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    if *ENABLED.get_or_init(|| std::env::var_os("PRFAQ_TIMINGS").is_some()) {
        eprintln!("timing: {label}: {:.3} s", since.elapsed().as_secs_f64());
    }
}
