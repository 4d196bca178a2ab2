//! One module per subcommand; each `Args::run` returns the process exit code.

mod build;
mod check;
mod init;
mod new;
mod serve;

use crate::cli::{Cli, Command};
pub use crate::diagnostics::report;

/// Success.
pub const EXIT_OK: u8 = 0;
/// Problems in the library (or an I/O failure).
pub const EXIT_PROBLEMS: u8 = 1;
/// Bad usage: wrong arguments, or an output folder prfaq must not touch.
pub const EXIT_USAGE: u8 = 2;

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> u8 {
    match &cli.command {
        Command::Build(args) => args.run(),
        Command::Serve(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::Init(args) => args.run(),
    }
}
