//! `prfaq init`: a new library (see the `scaffold` module), or with
//! `--example` the sample library replayed with its history.

use std::collections::BTreeMap;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::cli::InitArgs;
use crate::scaffold::{InitError, Scaffold, create, story};

impl InitArgs {
    pub fn run(&self) -> u8 {
        let scaffold = Scaffold {
            title: self
                .title
                .clone()
                .unwrap_or_else(|| "PR/FAQ library".into()),
            base_url: self.base_url.clone().unwrap_or_else(|| "/".into()),
        };
        let dir = &self.dir;
        let result = if self.example {
            self.example(&scaffold)
        } else {
            let files = scaffold.files();
            create(dir, &files).map(|()| files.len())
        };
        match result {
            Ok(count) => {
                let shown = dir.display();
                println!("created a PR/FAQ library in {shown} ({count} files)");
                println!("  preview it:   prfaq serve --watch --root {shown}");
                println!(
                    "  write one:    prfaq new \"Your idea\" --owner \"Your Name\" --root {shown}"
                );
                println!(
                    "  publish it:   push to GitHub, then Settings → Pages → Source: GitHub Actions"
                );
                EXIT_OK
            }
            Err(InitError::Exists(paths)) => {
                for path in &paths {
                    eprintln!("error: {} already exists", dir.join(path).display());
                }
                eprintln!(
                    "prfaq init never overwrites a file, so it wrote nothing; move {} away or choose another folder",
                    if paths.len() == 1 { "it" } else { "them" }
                );
                EXIT_USAGE
            }
            Err(InitError::NotEmpty(dir)) => {
                eprintln!(
                    "error: {} is not empty; --example makes a new git repository there, so it needs an empty or new folder",
                    dir.display()
                );
                EXIT_USAGE
            }
            Err(InitError::Io(e)) => {
                eprintln!("error: {e}");
                EXIT_PROBLEMS
            }
        }
    }

    /// The sample library in a new git repository, commit by commit.
    fn example(&self, scaffold: &Scaffold) -> Result<usize, InitError> {
        let dir = &self.dir;
        if !is_empty_or_missing(dir) {
            return Err(InitError::NotEmpty(dir.clone()));
        }
        let site_toml = story::site_toml(self.title.as_deref(), self.base_url.as_deref());
        let mut finals: BTreeMap<String, String> = scaffold
            .settings(site_toml)
            .into_iter()
            .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text))
            .collect();
        for (path, text) in story::final_documents() {
            finals.insert(path.to_owned(), text.to_owned());
        }
        let count = finals.len();
        let replayed = story::plan(story::STORY, &finals).and_then(|steps| {
            story::replay(dir, &steps)?;
            Ok(steps.len())
        });
        match replayed {
            Ok(commits) => {
                println!("replayed {commits} commits of the sample library's history");
                Ok(count)
            }
            Err(why) => Err(InitError::Io(std::io::Error::other(why))),
        }
    }
}

fn is_empty_or_missing(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}
