//! One document from text to HTML: split, parse, render the Markdown,
//! sanitise. Never panics, and no rendered section keeps a script element,
//! an event handler attribute or a URL outside the allowlist.
#![no_main]

use std::collections::HashMap;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use prfaq::config::Config;
use prfaq::document::Document;
use prfaq::markdown::{self, Links};
use prfaq::sanitize;

fuzz_target!(|text: &str| {
    let config = Config::default();
    let (document, _) = Document::parse("fuzz.md", Path::new("content/fuzz.md"), text.to_owned(), &config);
    let Some(document) = document else { return };
    let mut urls = HashMap::new();
    urls.insert("other.md".to_owned(), "/docs/other/".to_owned());
    let links = Links { urls: &urls, unsafe_html: false };
    let (body, _) = markdown::render(document.markdown(), &links);
    for section in &body.sections {
        // Raw HTML is sanitised and URLs checked: nothing that runs can survive.
        let active = sanitize::active_content(&section.html);
        assert!(active.is_empty(), "{active:?} in {}", section.html);
    }
});
