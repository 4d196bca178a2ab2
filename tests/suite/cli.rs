//! The command line itself: help, version, and bad usage exiting with code 2.

use super::support::Library;

#[test]
fn help_exits_zero_and_lists_the_commands() {
    let run = Library::new().prfaq(&["--help"]).success();

    for command in ["build", "new"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "{command} is not listed:\n{}",
            run.stdout
        );
    }
}

#[test]
fn build_help_lists_its_options() {
    let run = Library::new().prfaq(&["build", "--help"]).success();

    for option in ["--root", "--output", "--base-url"] {
        assert!(run.stdout.contains(option), "{option}:\n{}", run.stdout);
    }
}

#[test]
fn version_exits_zero_and_prints_the_version() {
    let run = Library::new().prfaq(&["--version"]).success();

    assert_eq!(
        run.stdout.trim(),
        format!("prfaq {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_flag_is_bad_usage() {
    Library::new()
        .prfaq(&["build", "--frobnicate"])
        .code(2)
        .stderr_has(&["--frobnicate"]);
}

#[test]
fn a_missing_command_is_bad_usage() {
    Library::new().prfaq(&[]).code(2);
}
