//! The front matter parser (TOML and YAML) never panics, and an error's
//! offset points inside the text it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prfaq::document::parse_meta;
use prfaq::front_matter::Format;

fuzz_target!(|text: &str| {
    for format in [Format::Toml, Format::Yaml] {
        if let Err(error) = parse_meta(format, text) {
            assert!(error.offset <= text.len(), "offset {} past the end", error.offset);
        }
    }
});
