//! `prfaq init --example`: the sample library with a history worth reading.
//!
//! `examples/story/story.toml` tells, commit by commit, how Kestrel's PR/FAQs
//! were written, reviewed, renamed, shelved and revisited; replaying it into
//! a new git repository gives real commits with their dates and authors, so
//! the first site a new user sees has timelines and diffs.
//!
//! The story never repeats the documents: their final texts are the sample
//! library in `content/`, compiled in, and each commit says only what it
//! changed (`before` → `after`). The replay undoes the commits from the end
//! to recover every earlier version, then commits them in order, so the last
//! commit is, by construction, exactly `content/`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

/// The story, and the final text of every file it ends with.
pub const STORY: &str = include_str!("../../examples/story/story.toml");

/// The sample library as it ends: path → text.
pub fn final_documents() -> Vec<(&'static str, &'static str)> {
    macro_rules! documents {
        ($($path:literal),* $(,)?) => {
            vec![$(($path, include_str!(concat!("../../", $path)))),*]
        };
    }
    documents!(
        "content/curbside-in-ten.md",
        "content/garden-coach.md",
        "content/mulch-by-noon.md",
        "content/payments/split-checkout.md",
        "content/plant-doctor.md",
        "content/pro-quote-builder.md",
        "content/seed-club.md",
        "content/store-stock-truth.md",
        "content/tool-library.md",
        "content/yard-planner.md",
    )
}

/// The sample library's `site.toml`, with `title` and `base_url` replaced when given.
pub fn site_toml(title: Option<&str>, base_url: Option<&str>) -> String {
    let mut text = String::new();
    for line in include_str!("../../site.toml").lines() {
        let replaced = match (line.split_once(" = "), title, base_url) {
            (Some(("title", _)), Some(title), _) => Some(format!("title = {}", toml_string(title))),
            (Some(("base_url", _)), _, Some(url)) => {
                Some(format!("base_url = {}", toml_string(url)))
            }
            _ => None,
        };
        text.push_str(replaced.as_deref().unwrap_or(line));
        text.push('\n');
    }
    text
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    commit: Vec<StoryCommit>,
}

/// One commit of the story.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryCommit {
    /// ISO 8601 with a UTC offset, e.g. `2023-03-20T09:14:00-07:00`.
    date: String,
    /// `Name <email>`.
    author: String,
    message: String,
    change: Vec<Change>,
}

/// What a commit did to one file. A file's first change adds it as it was
/// then; later changes edit it, and may rename it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    path: String,
    renamed_from: Option<String>,
    #[serde(default)]
    edit: Vec<Edit>,
}

/// The commit replaced `before` with `after`: the one occurrence of `after`
/// in the result, or with `all`, every one (a renamed product, say).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    before: String,
    after: String,
    #[serde(default)]
    all: bool,
}

/// One commit, ready to make: the files it writes (whole) and removes.
#[derive(Debug, PartialEq, Eq)]
pub struct Step {
    pub date: String,
    pub author_name: String,
    pub author_email: String,
    pub message: String,
    pub write: Vec<(String, String)>,
    pub remove: Vec<String>,
}

/// Works out every commit of the story so that it ends with `finals`
/// (path → text). An error names the commit and the edit that does not fit.
pub fn plan(story: &str, finals: &BTreeMap<String, String>) -> Result<Vec<Step>, String> {
    let story: Story = toml::from_str(story).map_err(|e| format!("story.toml: {e}"))?;
    let added = first_appearances(&story)?;
    // Undo the commits from the last: `state` is every file after commit `i`.
    let mut state = finals.clone();
    let mut steps = Vec::with_capacity(story.commit.len());
    for (i, commit) in story.commit.iter().enumerate().rev() {
        let mut write = Vec::new();
        let mut remove = Vec::new();
        for change in &commit.change {
            let where_ = || format!("commit {} ({:?}), {}", i + 1, commit.message, change.path);
            let after = state
                .remove(&change.path)
                .ok_or_else(|| format!("{}: no such file at this point", where_()))?;
            write.push((change.path.clone(), after.clone()));
            if added.contains(&(i, change.path.clone())) {
                if !change.edit.is_empty() {
                    return Err(format!(
                        "{}: a file's first commit adds it; it has no edits",
                        where_()
                    ));
                }
                continue;
            }
            let mut before = after;
            for edit in change.edit.iter().rev() {
                before = undo(&before, edit).map_err(|e| format!("{}: {e}", where_()))?;
            }
            if let Some(from) = &change.renamed_from {
                remove.push(from.clone());
            }
            state.insert(
                change
                    .renamed_from
                    .clone()
                    .unwrap_or_else(|| change.path.clone()),
                before,
            );
        }
        let (author_name, author_email) = split_author(&commit.author)?;
        steps.push(Step {
            date: commit.date.clone(),
            author_name,
            author_email,
            message: commit.message.clone(),
            write,
            remove,
        });
    }
    if let Some(path) = state.keys().next() {
        return Err(format!("{path} is in the library but no commit adds it"));
    }
    steps.reverse();
    Ok(steps)
}

/// Makes a new git repository at `root` (an empty or new folder) with the story's commits.
pub fn replay(root: &Path, steps: &[Step]) -> Result<(), String> {
    std::fs::create_dir_all(root).map_err(|e| format!("{}: {e}", root.display()))?;
    git(root, &["init", "--quiet", "--initial-branch=main"], None)?;
    for step in steps {
        for path in &step.remove {
            let file = root.join(path);
            std::fs::remove_file(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        for (path, text) in &step.write {
            let file = root.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        git(root, &["add", "--all"], None)?;
        git(
            root,
            &["commit", "--quiet", "--no-verify", "-m", &step.message],
            Some(step),
        )?;
    }
    Ok(())
}

/// `(commit index, path)` of every change that adds its file.
fn first_appearances(story: &Story) -> Result<HashSet<(usize, String)>, String> {
    let mut exists = HashSet::new();
    let mut added = HashSet::new();
    for (i, commit) in story.commit.iter().enumerate() {
        for change in &commit.change {
            match &change.renamed_from {
                Some(from) if !exists.remove(from) => {
                    return Err(format!(
                        "commit {}: {from} is renamed before it exists",
                        i + 1
                    ));
                }
                Some(_) => {}
                None if !exists.contains(&change.path) => {
                    added.insert((i, change.path.clone()));
                }
                None => {}
            }
            exists.insert(change.path.clone());
        }
    }
    Ok(added)
}

/// The text before an edit: `after` must be there exactly once.
fn undo(text: &str, edit: &Edit) -> Result<String, String> {
    if edit.after.is_empty() {
        return Err("an edit's `after` cannot be empty".into());
    }
    match text.matches(&edit.after).count() {
        0 => Err(format!(
            "the edit's `after` is not in the text: {:?}",
            edit.after
        )),
        1 => Ok(text.replacen(&edit.after, &edit.before, 1)),
        _ if edit.all => Ok(text.replace(&edit.after, &edit.before)),
        n => Err(format!(
            "the edit's `after` is in the text {n} times (add `all = true` if that is meant): {:?}",
            edit.after
        )),
    }
}

fn split_author(author: &str) -> Result<(String, String), String> {
    let (name, rest) = author
        .split_once(" <")
        .ok_or_else(|| format!("author {author:?} is not `Name <email>`"))?;
    Ok((name.to_owned(), rest.trim_end_matches('>').to_owned()))
}

fn git(root: &Path, args: &[&str], step: Option<&Step>) -> Result<(), String> {
    let mut command = Command::new("git");
    // Nobody's own git settings (signing, hooks, templates) change the story.
    command
        .current_dir(root)
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    if let Some(step) = step {
        for who in ["AUTHOR", "COMMITTER"] {
            command
                .env(format!("GIT_{who}_NAME"), &step.author_name)
                .env(format!("GIT_{who}_EMAIL"), &step.author_email)
                .env(format!("GIT_{who}_DATE"), &step.date);
        }
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run git (is it installed?): {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finals(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        files
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect()
    }

    const TINY: &str = r#"
[[commit]]
date = "2024-01-01T10:00:00+00:00"
author = "Ann Lee <ann@example.com>"
message = "First draft"
[[commit.change]]
path = "a.md"

[[commit]]
date = "2024-02-01T10:00:00+00:00"
author = "Bo Chan <bo@example.com>"
message = "Approved, renamed"
[[commit.change]]
path = "b.md"
renamed_from = "a.md"
[[commit.change.edit]]
before = "status = \"draft\""
after = "status = \"proceed\""
"#;

    #[test]
    fn undoing_the_edits_recovers_every_earlier_version() {
        let steps = plan(TINY, &finals(&[("b.md", "status = \"proceed\"\nText\n")])).unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(
            steps[0].write,
            [("a.md".to_owned(), "status = \"draft\"\nText\n".to_owned())]
        );
        assert_eq!(steps[1].remove, ["a.md"]);
        assert_eq!(steps[1].author_email, "bo@example.com");
    }

    #[test]
    fn an_edit_that_does_not_fit_names_its_commit() {
        let error = plan(TINY, &finals(&[("b.md", "status = \"launched\"\n")])).unwrap_err();
        assert!(
            error.contains("commit 2 (\"Approved, renamed\"), b.md"),
            "{error}"
        );
    }

    #[test]
    fn a_file_no_commit_adds_is_an_error() {
        let error = plan(
            TINY,
            &finals(&[("b.md", "status = \"proceed\""), ("c.md", "")]),
        )
        .unwrap_err();
        assert!(error.contains("c.md"), "{error}");
    }

    #[test]
    fn the_sample_story_ends_exactly_at_the_sample_library() {
        let mut finals: BTreeMap<String, String> = final_documents()
            .into_iter()
            .map(|(p, t)| (p.to_owned(), t.to_owned()))
            .collect();
        for path in ["site.toml", ".gitignore", ".github/workflows/prfaq.yml"] {
            finals.insert(path.to_owned(), format!("{path}\n"));
        }
        let steps = plan(STORY, &finals).unwrap_or_else(|e| panic!("{e}"));
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        for step in &steps {
            for path in &step.remove {
                files.remove(path);
            }
            files.extend(step.write.iter().cloned());
        }
        assert_eq!(files, finals);
        assert!(steps.len() >= 30, "{} commits", steps.len());
    }

    #[test]
    fn site_toml_replaces_title_and_base_url() {
        let text = site_toml(Some("Ours"), Some("https://x.github.io/y/"));
        let config = crate::config::Config::parse(&text, Path::new("site.toml")).unwrap();
        assert_eq!(
            (config.title.as_str(), config.base_path().as_str()),
            ("Ours", "/y/")
        );
    }
}
