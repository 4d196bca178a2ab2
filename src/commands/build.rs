//! `prfaq build`: the whole pipeline, once, for CI and publishing.

use std::time::Instant;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, report};
use crate::cli::BuildArgs;
use crate::{BuildError, BuildOptions};

impl BuildArgs {
    pub fn run(&self) -> u8 {
        let started = Instant::now();
        let options = BuildOptions {
            root: self.root.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            no_history: self.no_history,
        };
        match crate::build(&options) {
            Ok(built) => {
                report(&built.warnings);
                if !self.quiet {
                    let w = built.written;
                    eprintln!(
                        "built {} document{} into {} in {:.2?} ({} files written, {} unchanged, {} removed{})",
                        built.documents,
                        if built.documents == 1 { "" } else { "s" },
                        built.output.display(),
                        started.elapsed(),
                        w.written,
                        w.unchanged,
                        w.removed,
                        plural_warnings(built.warnings.len()),
                    );
                }
                EXIT_OK
            }
            Err(BuildError::Library(problems)) => {
                report(&problems);
                let errors = problems.iter().filter(|d| d.is_error()).count();
                eprintln!(
                    "error: {errors} problem{} in the library; nothing was written, the previous site is untouched",
                    if errors == 1 { "" } else { "s" }
                );
                EXIT_PROBLEMS
            }
            Err(BuildError::Refused(why)) => {
                eprintln!("error: {why}");
                EXIT_USAGE
            }
            Err(BuildError::Io(e)) => {
                eprintln!("error: writing the site failed: {e}");
                EXIT_PROBLEMS
            }
        }
    }
}

fn plural_warnings(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}
