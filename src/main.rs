//! The `prfaq` binary: parse the command line, run it, exit with its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = prfaq::cli::Cli::parse();
    ExitCode::from(prfaq::commands::run(&cli))
}
