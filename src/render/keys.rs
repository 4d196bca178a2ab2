//! Render keys: a hash of everything one page is rendered from, so a
//! rebuild keeps the pages whose inputs did not change without rendering
//! them again.
//!
//! A page is a pure function of its template set and its context (`site`,
//! `path` and the page's own values): no template reads the clock, the
//! environment or a file. So the key hashes exactly those: the theme's
//! templates, this prfaq's version, the template's name, the page's path,
//! and the context values serialised as JSON. A change that reaches a page
//! (its text, a revision, a review note, a setting, a template) changes its
//! key by construction, with no list of dependencies to keep up to date.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// A key being built; [`PageKey::finish`] gives it.
pub struct PageKey(Xxh3);

impl PageKey {
    /// Starts from `base`, the key of what every page shares.
    pub fn new(base: u64) -> PageKey {
        let mut hasher = Xxh3::new();
        hasher.update(&base.to_le_bytes());
        PageKey(hasher)
    }

    /// Adds a string, length first, so no two sequences of parts collide.
    pub fn text(mut self, text: &str) -> PageKey {
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text.as_bytes());
        self
    }

    /// Adds a value as the JSON the template would see, streamed into the
    /// hash (nothing is allocated for it).
    pub fn value<T: Serialize + ?Sized>(mut self, value: &T) -> PageKey {
        // Writing into a hasher cannot fail; a value that cannot be
        // serialised could not be rendered either.
        let _ = serde_json::to_writer(Feed(&mut self.0), value);
        self.0.update(&[0xff]);
        self
    }

    /// The key; never 0, which a manifest uses for "no key".
    pub fn finish(self) -> u64 {
        self.0.digest().max(1)
    }
}

/// Feeds what is written into the hasher.
struct Feed<'a>(&'a mut Xxh3);

impl std::io::Write for Feed<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_changes_with_every_part_and_only_with_them() {
        let key = |base: u64, path: &str, value: &[&str]| {
            PageKey::new(base).text(path).value(value).finish()
        };
        let same = key(1, "docs/a/index.html", &["x"]);
        assert_eq!(same, key(1, "docs/a/index.html", &["x"]));
        assert_ne!(same, key(2, "docs/a/index.html", &["x"]));
        assert_ne!(same, key(1, "docs/b/index.html", &["x"]));
        assert_ne!(same, key(1, "docs/a/index.html", &["y"]));
        // Parts are delimited: moving text from one part to the next shows.
        assert_ne!(
            PageKey::new(1).text("ab").text("c").finish(),
            PageKey::new(1).text("a").text("bc").finish()
        );
        assert_ne!(same, 0);
    }
}
