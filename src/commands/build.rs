//! `prfaq build`: the whole pipeline, once, for CI and publishing.

use std::time::Instant;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::cli::BuildArgs;
use crate::diagnostics::Diagnostic;
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
                let listed = report(&built.warnings, self.verbose);
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
                        plural_warnings(listed),
                    );
                }
                EXIT_OK
            }
            Err(BuildError::Library(problems)) => {
                let _ = report(&problems, self.verbose);
                self.print_failure(&problems);
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

    /// The last line of a failed build; it says the previous site is kept only when there is one.
    fn print_failure(&self, problems: &[Diagnostic]) {
        let errors = problems.iter().filter(|d| d.is_error()).count();
        let previous = if self.previous_site_exists() {
            ", the previous site is untouched"
        } else {
            ""
        };
        eprintln!(
            "error: {errors} problem{} in the library; nothing was written{previous}",
            if errors == 1 { "" } else { "s" }
        );
    }

    /// Whether the output folder holds a site, so the error can say it is kept.
    fn previous_site_exists(&self) -> bool {
        let root = &self.root.root;
        let output = self.output.clone().unwrap_or_else(|| {
            let config = crate::config::Config::load(root).unwrap_or_default();
            root.join(config.output_dir)
        });
        output.join("index.html").is_file()
    }
}

/// Prints problems (a warning many documents share once, unless `verbose`);
/// review notes (warnings of the `check` rules) are only counted. Returns
/// how many warnings there are besides the review notes.
fn report(diagnostics: &[Diagnostic], verbose: bool) -> usize {
    let is_note = |d: &&Diagnostic| crate::check::is_review_note(d);
    let notes = diagnostics.iter().filter(is_note).count();
    let listed: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| !is_note(d))
        .cloned()
        .collect();
    crate::report::print(&listed, verbose);
    if notes > 0 {
        eprintln!(
            "{notes} review note{} from the check rules: see each page's Review notes and health/, or run `prfaq check`",
            if notes == 1 { "" } else { "s" }
        );
    }
    listed.iter().filter(|d| !d.is_error()).count()
}

fn plural_warnings(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}
