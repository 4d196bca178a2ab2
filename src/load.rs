//! Reads the library's Markdown files from disk: the first stage, and the only
//! one besides `output` that touches the file system for content.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::slug::to_slash;

/// One Markdown file as read.
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators.
    pub source: String,
    /// Path relative to the library root, for messages.
    pub display_path: PathBuf,
    pub text: String,
}

/// Reads every `.md` file under `root/content_dir`, sorted by path. Hidden
/// files and folders (`.git`, editor swap files) are skipped.
pub fn read_content(root: &Path, content_dir: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let dir = root.join(content_dir);
    if !dir.is_dir() {
        let looked_in = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
        let problem = Diagnostic::error(
            content_dir,
            format!("content folder not found: looked in {}", looked_in.display()),
        )
        .with_hint(
            "run prfaq in the library's root or name it with `--root DIR`; to start a library here, create the folder (or run `prfaq init`); `content_dir` in site.toml names another folder",
        );
        return (Vec::new(), vec![problem]);
    }
    // Links are followed only inside the library (see `walk`).
    let walked = match crate::walk::files_inside(root, content_dir, true) {
        Ok(walked) => walked,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut files = Vec::new();
    let mut diagnostics = walked.warnings;
    diagnostics.extend(walked.errors);
    for path in walked.files {
        if path.extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let relative = path.strip_prefix(&dir).unwrap_or(&path);
        match read_file(&path, to_slash(relative), content_dir.join(relative)) {
            Ok(file) => files.push(file),
            Err(problem) => diagnostics.push(problem),
        }
    }
    (files, diagnostics)
}

/// Reads one Markdown file: what [`read_content`] does for every file, and
/// what `serve` does for an edited one (same UTF-8 check, same messages).
/// `source` is its content-relative path, `display_path` its path for messages.
pub fn read_file(
    path: &Path,
    source: String,
    display_path: PathBuf,
) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&display_path, format!("cannot read: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            source,
            display_path,
            text,
        }),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..valid_up_to]).into_owned();
            Err(Diagnostic::error(display_path, "file is not valid UTF-8")
                .at_offset(&valid, valid_up_to)
                .with_hint("save the file as UTF-8 (most editors: \"Save with encoding\")"))
        }
    }
}
