//! Render keys: a hash of everything one page is rendered from, so a
//! rebuild keeps the pages whose inputs did not change without rendering
//! them again.
//!
//! A page is a pure function of its template set and its context (`site`,
//! `path` and the page's own values): no template reads the clock, the
//! environment or a file. So the key hashes exactly those: the theme's
//! templates, this prfaq's version, the template's name, the page's path,
//! and the context values, serialised. A change that reaches a page (its
//! text, a revision, a review note, a setting, a template) changes its key
//! by construction, with no list of dependencies to keep up to date.
//!
//! One exception, where a part of a value is determined by another part of
//! the same key: a history page's diffs and reverse patches are made from
//! the blobs of its revisions, which the key holds, so the key skips them
//! (`views::history`); they were most of the bytes a rebuild hashed.
//!
//! Values are serialised with postcard rather than as JSON: every string is
//! written as its length and its bytes, with nothing to escape (escaping the
//! diff HTML as JSON cost more than the rest of a rebuild's rendering). A
//! value postcard cannot write gives the key 0, which is never reused: the
//! page is then always rendered.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// A key being built; [`PageKey::finish`] gives it.
pub struct PageKey {
    hasher: Xxh3,
    /// A value could not be serialised: the key must never match.
    failed: bool,
}

impl PageKey {
    /// Starts from `base`, the key of what every page shares.
    pub fn new(base: u64) -> PageKey {
        let mut hasher = Xxh3::new();
        hasher.update(&base.to_le_bytes());
        PageKey {
            hasher,
            failed: false,
        }
    }

    /// Adds a string, length first, so no two sequences of parts collide.
    pub fn text(mut self, text: &str) -> PageKey {
        self.hasher.update(&(text.len() as u64).to_le_bytes());
        self.hasher.update(text.as_bytes());
        self
    }

    /// Adds a value, streamed into the hash (nothing is allocated for it).
    pub fn value<T: Serialize + ?Sized>(mut self, value: &T) -> PageKey {
        self.failed |= postcard::to_io(value, Feed(&mut self.hasher)).is_err();
        self.hasher.update(&[0xff]);
        self
    }

    /// The key: 0 ("no key") when a value could not be serialised, never
    /// 0 otherwise.
    pub fn finish(self) -> u64 {
        if self.failed {
            0
        } else {
            self.hasher.digest().max(1)
        }
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

    #[test]
    fn a_value_that_cannot_be_serialised_gives_a_key_that_is_never_reused() {
        struct Unwritable;
        impl Serialize for Unwritable {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no"))
            }
        }
        assert_eq!(PageKey::new(1).value(&Unwritable).finish(), 0);
    }
}
