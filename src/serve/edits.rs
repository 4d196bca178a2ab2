//! Reading the files `serve` saw change, with the same stage functions as a
//! build: `load::read_file`, `library::parse_file`, `library::render_body`.
//! Each file's warnings and errors come back with it.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::library::{self, Library};
use crate::load;
use crate::markdown::{Body, Links};
use crate::slug::{slugify, to_slash};

/// One edited file, as read.
pub struct Edit {
    /// Index of its document in the library.
    pub index: usize,
    /// Its path for messages: the key its problems are kept under.
    pub key: String,
    /// Every warning and error found in it.
    pub diagnostics: Vec<Diagnostic>,
    /// The new version, when it has no errors.
    pub parsed: Option<(Document, Body)>,
}

/// Reads and parses the edited files. `None` asks for a full reload: a file
/// was added, deleted or renamed, or its slug changed.
pub fn read_edits(
    library: &Library,
    content_dir: &Path,
    paths: &[std::path::PathBuf],
) -> Option<Vec<Edit>> {
    let urls = library.urls();
    let links = Links {
        urls: &urls,
        unsafe_html: library.config.unsafe_html,
    };
    let mut edits = Vec::new();
    for path in paths {
        let source = source_of(content_dir, path)?;
        let index = library.position(&source)?;
        if !path.is_file() {
            return None;
        }
        let current = &library.entries[index].document;
        let file = load::read_file(path, source, current.display_path.clone());
        let (parsed, diagnostics) = match file {
            Ok(file) => parse(file, library, &links),
            Err(problem) => (None, vec![problem]),
        };
        if parsed.as_ref().is_some_and(|(d, _)| d.slug != current.slug) {
            return None;
        }
        edits.push(Edit {
            index,
            key: to_slash(&current.display_path),
            diagnostics,
            parsed,
        });
    }
    Some(edits)
}

/// Parses a file and renders its body; no document when it has errors.
fn parse(
    file: load::SourceFile,
    library: &Library,
    links: &Links<'_>,
) -> (Option<(Document, Body)>, Vec<Diagnostic>) {
    let (document, mut diagnostics) = library::parse_file(file, &library.config);
    let document = document.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    let parsed = document.map(|document| {
        let (body, problems) = library::render_body(&document, links);
        diagnostics.extend(problems);
        (document, body)
    });
    crate::diagnostics::sort(&mut diagnostics);
    (parsed, diagnostics)
}

/// Leader and tag pages that list an edited document, before and after the edit.
pub fn groups_listing(library: &Library, edits: &[Edit]) -> HashSet<String> {
    let mut groups = HashSet::new();
    for edit in edits {
        let Some((document, _)) = &edit.parsed else {
            continue;
        };
        for meta in [&library.entries[edit.index].document.meta, &document.meta] {
            groups.extend(meta.owner.iter().map(|o| format!("owners/{}", slugify(o))));
            groups.extend(meta.tags.iter().map(|t| format!("tags/{}", slugify(t))));
        }
    }
    groups
}

/// The content-relative source of a watched path, if it is a Markdown file in the content folder.
fn source_of(content_dir: &Path, path: &Path) -> Option<String> {
    let content_dir = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_owned());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let relative = path.strip_prefix(&content_dir).ok()?;
    let source = to_slash(relative);
    source.ends_with(".md").then_some(source)
}
