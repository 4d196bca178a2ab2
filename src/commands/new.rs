//! `prfaq new`: a new PR/FAQ with its front matter filled in and the Working
//! Backwards outline to write into. It never overwrites a file.
//!
//! Values are written with TOML's own string writer, always as one-line
//! basic strings: a title with a newline and `+++` in it must not end the
//! front matter, and whatever is typed comes back exactly when the file is read.

use std::io::Write;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::cli::NewArgs;
use crate::config::Config;
use crate::document::slugify;

impl NewArgs {
    pub fn run(&self) -> u8 {
        let root = &self.root.root;
        let config = match Config::load(root) {
            Ok(config) => config,
            Err(problems) => {
                super::report(&problems);
                return EXIT_PROBLEMS;
            }
        };
        let stage = match &self.stage {
            Some(stage) if config.stage(stage).is_none() => {
                let allowed: Vec<&str> = config.stages.iter().map(|t| t.id.as_str()).collect();
                eprintln!(
                    "error: unknown stage {stage:?}; expected one of: {}",
                    allowed.join(", ")
                );
                return EXIT_USAGE;
            }
            Some(stage) => stage.clone(),
            None => config.stages[0].id.clone(),
        };
        let slug = slugify(&self.title);
        if slug.is_empty() {
            eprintln!(
                "error: the title {:?} has no letters or digits to name the file with",
                self.title
            );
            return EXIT_USAGE;
        }
        let relative = config.content_dir.join(format!("{slug}.md"));
        let path = root.join(&relative);
        let status = config.statuses[0].id.clone();
        let text = outline(&self.title, &self.owner, &status, &stage);
        let created = std::fs::create_dir_all(root.join(&config.content_dir)).and_then(|()| {
            // create_new: refuse to overwrite, atomically, even if the file appears meanwhile.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            file.write_all(text.as_bytes())
        });
        match created {
            Ok(()) => {
                println!("{}", relative.display());
                EXIT_OK
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!(
                    "error: {} already exists; prfaq new never overwrites a file (choose another title, or edit that one)",
                    relative.display()
                );
                EXIT_USAGE
            }
            Err(e) => {
                eprintln!("error: cannot create {}: {e}", relative.display());
                EXIT_PROBLEMS
            }
        }
    }
}

/// The Working Backwards outline: the press release's parts, then both FAQ halves.
fn outline(title: &str, owner: &str, status: &str, stage: &str) -> String {
    format!(
        r#"+++
title = {title}
subtitle = ""
owner = {owner}
status = {status}
stage = {stage}
customer = ""
team = ""
tags = []
+++

## Press Release

### {heading}: one line on who the customer is and what they get

**Subheading.** One sentence under the headline: the benefit, for whom.

**Summary.** CITY, ST — Month D, YYYY — Two or three sentences a customer would read: what it is, who it is for, and the benefit.

**Problem.** The customer's problem, in their words. What do they do today, and why does it hurt?

**Solution.** How the product solves the problem, from the customer's point of view.

**Leader quote.** "Why we built it," says {owner_text}.

**Getting started.** How a customer starts using it, in one or two steps.

**Customer quote.** "What a delighted customer would say," says Firstname Lastname, who they are.

**Call to action.** What the reader should do next.

## External FAQ

### Who is this for?

### How much does it cost?

### How is it different from what I use today?

## Internal FAQ

### What does it cost us to build and run?

### What are the biggest risks, and how will we know early?

### What resources does it need, and what do we stop doing?
"#,
        title = toml_string(title),
        owner = toml_string(owner),
        status = toml_string(status),
        stage = toml_string(stage),
        heading = markdown_text(title),
        owner_text = markdown_text(owner),
    )
}

/// A TOML basic string on one line, every newline and control character
/// escaped, so any text makes valid front matter that reads back as written.
fn toml_string(text: &str) -> String {
    use toml_writer::WriteTomlValue;
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = toml_writer::TomlStringBuilder::new(text)
        .as_basic()
        .write_toml_value(&mut out);
    out
}

/// Text for one line of Markdown: line breaks become spaces (a `\r` alone
/// ends a line in Markdown too) and punctuation is backslash-escaped, so the
/// text shows as typed and cannot start a list, a link or raw HTML.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use std::path::Path;

    #[test]
    fn outline_parses_with_no_problems() {
        let text = outline("Quote \"Builder\"", "Zoë", "draft", "listen");
        let (doc, problems) = Document::parse("q.md", Path::new("q.md"), text, &Config::default());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.unwrap().title, "Quote \"Builder\"");
    }

    #[test]
    fn any_title_and_owner_round_trip() {
        let config = Config::default();
        for (title, owner) in [
            ("Line\n+++\nstage = \"x\"", "Ann\r\n+++"),
            ("Carriage\rreturn", "Tab\there"),
            ("'''\"\"\"\\u0041 \u{7f}\u{1}", "<script>alert(1)</script>"),
            ("[link](javascript:x) *bold* # 1.", "Zoë — 日本"),
        ] {
            let text = outline(title, owner, "draft", "listen");
            let (doc, problems) = Document::parse("q.md", Path::new("q.md"), text.clone(), &config);
            assert!(problems.is_empty(), "{title:?}: {problems:?}\n{text}");
            let doc = doc.unwrap();
            assert_eq!(doc.title, title);
            assert_eq!(doc.meta.owner.as_deref(), Some(owner));
            let heading = text.lines().find(|l| l.starts_with("### ")).unwrap();
            assert!(
                heading.ends_with("what they get"),
                "one heading line: {heading:?}"
            );
        }
    }
}
