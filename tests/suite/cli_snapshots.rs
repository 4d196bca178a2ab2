//! What the CLI prints, pinned as snapshots (insta): the rustc-style
//! diagnostics of a failed build, the warning summary of a good one, and
//! the `--help` of every command. The temporary folder is filtered to
//! `[TMP]` and durations to `[TIME]`, so a snapshot changes only when the
//! output does. Update with `INSTA_UPDATE=always cargo test --test main
//! cli_snapshots` and review the diff.

use super::support::Library;

/// Snapshot settings for `library`: its temporary folder and timings filtered.
pub(super) fn settings(library: &Library) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    let temp = library.parent().display().to_string();
    settings.add_filter(&regex_escape(&temp), "[TMP]");
    settings.add_filter(r"in \d+(\.\d+)?(ns|µs|ms|s)\b", "in [TIME]");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

#[test]
fn a_build_with_errors_in_several_files() {
    let library = Library::new()
        .file(
            "content/one.md",
            "+++\ntitle = \"One\"\nowner = \"Ann Lee\"\nstatus = \"aproved\"\nstage = \"listen\"\n+++\n",
        )
        .file("content/two.md", "---\ntitle: Two\ntags: [a\n---\n")
        .file(
            "content/three.md",
            "+++\ntitle = \"Three\"\nowner = \"Bo\"\nstatus = \"draft\"\nstage = \"listen\"\ncreated = 2024-02-31\n+++\n",
        )
        .file("content/sub/four.md", "+++\ntitle = \"Four\"\n");
    let run = library.build().code(1);
    settings(&library).bind(|| insta::assert_snapshot!("build_errors", run.stderr));
}

#[test]
fn a_build_with_warnings_prints_them_and_a_summary() {
    let library = Library::new()
        .file(
            "content/good.md",
            "+++\ntitle = \"Good\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\nSee [gone](gone.md).\n",
        )
        .file("content/bare.md", "# Bare idea\n");
    let run = library.build_with(&["--no-history"]).success();
    settings(&library).bind(|| insta::assert_snapshot!("build_warnings", run.stderr));
}

#[test]
fn help_of_every_command() {
    let library = Library::new();
    for command in [&[][..], &["build"], &["serve"], &["new"], &["init"]] {
        let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
        let run = library.prfaq(&args).success();
        let name = format!("help_{}", command.first().unwrap_or(&"prfaq"));
        settings(&library).bind(|| insta::assert_snapshot!(name, run.stdout));
    }
}
