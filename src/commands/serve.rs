//! `prfaq serve`: the live preview (see the `serve` module).

use super::{EXIT_OK, EXIT_USAGE};
use crate::BuildOptions;
use crate::cli::ServeArgs;
use crate::serve::{ServeOptions, run};

impl ServeArgs {
    pub fn run(&self) -> u8 {
        let options = ServeOptions {
            build: BuildOptions {
                root: self.root.root.clone(),
                output: None,
                base_url: self.base_url.clone(),
                no_history: self.no_history,
            },
            bind: self.bind,
            port: self.port,
            watch: self.watch,
            poll: self.poll,
            open: self.open,
            verbose: self.verbose,
        };
        match run(&options) {
            Ok(()) => EXIT_OK,
            Err(why) => {
                eprintln!("error: {why}");
                EXIT_USAGE
            }
        }
    }
}
