//! prfaq's integration tests: one binary, one module per feature.
//!
//! Every test builds a library in its own temporary folder with the real
//! `prfaq` binary, then reads what a user would see: the exit code, the
//! messages on stderr, and the HTML pages, parsed rather than grepped. The
//! libraries are `tests/fixtures/<case>/` folders or a few inline files.
//!
//! The modules live in `tests/suite/` because Cargo would compile any other
//! `tests/*.rs` file as a test binary of its own.

mod suite {
    mod support;

    mod a11y;
    mod adoption;
    mod bad_input;
    mod body_cache;
    mod browser;
    mod build;
    mod cdp;
    mod check_cache;
    mod check_output;
    mod check_rules;
    mod cli;
    mod cli_snapshots;
    mod crawl;
    mod document_page;
    mod escaping;
    mod front_matter;
    mod hardening;
    mod history;
    mod history_diffs;
    mod init;
    mod insights;
    mod large_lists;
    mod links;
    mod new_command;
    mod outline_cache;
    mod output_safety;
    mod pages;
    mod publish;
    mod render_keys;
    mod review;
    mod sample_insights;
    mod search;
    mod search_cache;
    mod serve;
    mod serve_limits;
    mod teaching;
    mod templates;
    mod xss;
}
