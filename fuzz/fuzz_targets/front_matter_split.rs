//! The front matter splitter never panics, and what it returns is a
//! consistent view of its input: the front matter and the body are slices of
//! the text at the offsets it reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prfaq::front_matter::split;

fuzz_target!(|text: &str| {
    if let Ok(split) = split(text) {
        assert!(text.is_char_boundary(split.body_offset));
        if let Some(front) = split.front_matter {
            assert_eq!(&text[front.offset..front.offset + front.text.len()], front.text);
            assert!(front.offset + front.text.len() <= split.body_offset);
        }
    }
});
