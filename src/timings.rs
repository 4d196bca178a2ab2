//! Stage timings for benchmarks: `PRFAQ_TIMINGS=1 prfaq build` prints how
//! long each stage of the pipeline took, and a few counters, on stderr.

use std::sync::OnceLock;
use std::time::Instant;

/// Prints `label` and the time since `since` when `PRFAQ_TIMINGS` is set.
pub fn stage(label: &str, since: Instant) {
    if enabled() {
        let peak = memory_mib()
            .map(|(now, peak)| format!(" ({now} MiB, peak {peak} MiB)"))
            .unwrap_or_default();
        eprintln!(
            "timing: {label}: {:.3} s{peak}",
            since.elapsed().as_secs_f64()
        );
    }
}

/// The process's resident memory now and at its peak, where Linux reports them.
fn memory_mib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
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
