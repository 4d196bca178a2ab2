//! The names pages are known by: slugs for URLs, and `/`-separated paths.
//!
//! Shared by the front matter checks, the Markdown heading anchors, the
//! library's owner and tag indexes, `prfaq new` and `serve`, so one rule makes
//! every URL and every source path, whatever the platform.

use std::path::Path;

/// The longest slug: longer ones keep their start and end in a short hash,
/// so no file or folder name comes near the file system's 255-byte limit.
pub const MAX_SLUG: usize = 80;

/// ASCII lowercase letters and digits, every other run of characters one `-`.
/// Accented letters are transliterated (`Søren Núñez` → `soren-nunez`), so
/// URLs stay plain ASCII that every host, chat tool and terminal handles.
/// At most [`MAX_SLUG`] characters (see [`cap`]).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    cap(slug)
}

/// A slug longer than [`MAX_SLUG`] becomes its first 71 characters, `-`, and
/// 8 hex digits of a hash of the whole, so two long names stay distinct.
fn cap(slug: String) -> String {
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let hash = xxhash_rust::xxh3::xxh3_64(slug.as_bytes());
    // Slugs are ASCII, so any byte index is a character boundary.
    let head = slug[..MAX_SLUG - 9].trim_end_matches('-');
    format!("{head}-{:08x}", hash >> 32)
}

/// `Payments/Split Checkout.md` becomes `payments/split-checkout`.
pub fn slug_from_source(source: &str) -> String {
    let without_ext = source.strip_suffix(".md").unwrap_or(source);
    without_ext
        .split('/')
        .map(slugify)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a slug written in front matter is one [`slugify`] could have made,
/// folder by folder (so it can never leave the output folder).
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && slugify(part) == part)
}

/// The file name of a content-relative source without `.md`.
pub fn file_stem(source: &str) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    name.strip_suffix(".md").unwrap_or(name).to_owned()
}

/// A path with `/` separators on every platform: how sources, manifests and
/// messages name files.
pub fn to_slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_lowercase_with_dashes() {
        assert_eq!(slugify("Zoë  Brandt!"), "zoe-brandt");
        assert_eq!(slugify("Søren Lindqvist"), "soren-lindqvist");
        assert_eq!(slugify("--"), "");
    }

    #[test]
    fn long_slugs_are_capped_and_stay_distinct() {
        let long = "word ".repeat(100);
        let (a, b) = (slugify(&long), slugify(&format!("{long} x")));
        assert!(a.len() <= MAX_SLUG && b.len() <= MAX_SLUG, "{a} {b}");
        assert_ne!(a, b);
        assert!(a.starts_with("word-word-"));
        assert_eq!(slugify(&a), a, "a capped slug is a valid slug");
        assert_eq!(slugify(&"x".repeat(80)).len(), 80);
    }

    #[test]
    fn slug_from_source_keeps_folders() {
        assert_eq!(
            slug_from_source("Payments/Split Checkout.md"),
            "payments/split-checkout"
        );
        assert_eq!(file_stem("a/b.md"), "b");
    }

    #[test]
    fn valid_slugs_cannot_leave_the_folder() {
        assert!(is_valid_slug("a/b-c"));
        assert!(!is_valid_slug("../x"));
        assert!(!is_valid_slug("A"));
        assert!(!is_valid_slug("a//b"));
    }

    #[test]
    fn to_slash_normalises_separators() {
        assert_eq!(to_slash(Path::new("a\\b/c.md")), "a/b/c.md");
    }
}
