//! Small libraries built in memory for the unit tests of the stages that
//! work on a whole library (indexes, timelines, edits).

use std::path::Path;

use super::*;

/// A library of `(source, text)` documents with the default config and the given history.
pub fn library_with(files: &[(&str, &str)], history: History) -> Library {
    let config = Config::default();
    let mut documents: Vec<Document> = files
        .iter()
        .filter_map(|(source, text)| {
            let display = Path::new("content").join(source);
            Document::parse(source, &display, (*text).to_owned(), &config).0
        })
        .collect();
    sort_documents(&mut documents);
    let (bodies, _) = render_bodies(&config, &documents);
    Library::new(config, documents, bodies, history)
}

/// A library without history.
pub fn library(files: &[(&str, &str)]) -> Library {
    library_with(files, History::default())
}

/// A document with this owner, status and tags, linking to `links`.
pub fn doc(owner: &str, status: &str, tags: &[&str], links: &[&str]) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
    let links: String = links.iter().map(|l| format!("[x]({l}) ")).collect();
    format!(
        "+++\nowner = {owner:?}\nstatus = {status:?}\nstage = \"listen\"\ntags = [{}]\n+++\n{links}\n",
        tags.join(", ")
    )
}
