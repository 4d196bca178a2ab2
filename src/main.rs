//! The `prfaq` binary: parse the command line, run it, exit with its code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: at 10,000 documents glibc's
/// per-thread arenas kept freed history texts and rendered pages apart,
/// and the build peaked higher (issue #13).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = prfaq::cli::Cli::parse();
    ExitCode::from(prfaq::commands::run(&cli))
}
