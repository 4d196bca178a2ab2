//! The manifest: what prfaq wrote in one output folder, kept in the state
//! folder. It proves ownership and lets a rebuild skip unchanged files.
//!
//! Ownership is more than a file anyone can forge: the manifest names the
//! folder by its identity on disk (device, inode and, where the file system
//! records it, its birth time to the nanosecond), which a pull request cannot
//! know, and carries a checksum of its own content. A file is trusted as
//! unchanged only when its fingerprint matches *and* the file on disk still
//! has the size, modification time and inode recorded when prfaq wrote it,
//! so a file replaced behind prfaq's back (by a killed build, a symlink or a
//! person) is noticed and rewritten.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::state::State;

const VERSION: u32 = 1;

/// Which folder a manifest belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderId {
    dev: u64,
    ino: u64,
    /// Birth time in nanoseconds since the epoch; 0 where unknown.
    born: u128,
}

impl FolderId {
    /// The identity of the real folder at `path` (`None` if absent, or not a folder).
    pub fn of(path: &Path) -> Option<FolderId> {
        let metadata = std::fs::symlink_metadata(path).ok()?;
        if !metadata.is_dir() {
            return None;
        }
        let born = metadata
            .created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let (dev, ino) = dev_ino(&metadata);
        Some(FolderId { dev, ino, born })
    }
}

/// One file prfaq wrote: its content's fingerprint and how it looked on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub hash: u64,
    size: u64,
    mtime: i128,
    ino: u64,
    /// The render key of what the file was rendered from; 0 when it has
    /// none (and in manifests written before keys existed). Not written
    /// when 0, so such a manifest reads back as the bytes its checksum
    /// covers: an output folder built before keys is still recognised.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub key: u64,
}

impl Entry {
    pub fn new(hash: u64, metadata: &Metadata, key: u64) -> Entry {
        Entry {
            hash,
            size: metadata.len(),
            mtime: mtime(metadata),
            ino: dev_ino(metadata).1,
            key,
        }
    }

    /// The same file, now known to be rendered from inputs with `key`.
    pub fn with_key(self, key: u64) -> Entry {
        Entry { key, ..self }
    }

    /// Whether the file at `path` is still the one prfaq wrote (a regular
    /// file, not a link, with the recorded size, time and inode).
    pub fn matches_disk(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok_and(|m| {
            m.file_type().is_file()
                && m.len() == self.size
                && mtime(&m) == self.mtime
                && dev_ino(&m).1 == self.ino
        })
    }
}

/// The files prfaq wrote in one output folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub folder: FolderId,
    pub files: BTreeMap<String, Entry>,
}

/// The file: the manifest's JSON as it is written, kept as bytes so its
/// checksum is of exactly those bytes.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    version: u32,
    checksum: String,
    #[serde(borrow)]
    manifest: &'a RawValue,
}

impl Manifest {
    /// The manifest of `output`, if one was stored, is intact, and belongs
    /// to the folder that is at `output` now.
    pub fn load(state: &State, output: &Path) -> Option<Manifest> {
        let text = state.read(&record_name(state, output, "manifest"))?;
        let stored: Stored = serde_json::from_slice(&text).ok()?;
        let manifest: Manifest = serde_json::from_str(stored.manifest.get()).ok()?;
        // The bytes as `save` wrote them hash to the checksum; serialising
        // the manifest again to check it cost as much as parsing it. Bytes
        // another writer laid out otherwise are checked the slow way.
        let intact = stored.version == VERSION
            && (stored.checksum == checksum_of(stored.manifest.get().as_bytes())
                || stored.checksum == checksum(&manifest));
        (intact && FolderId::of(output) == Some(manifest.folder)).then_some(manifest)
    }

    /// Stores the manifest, replacing the previous one atomically.
    pub fn save(&self, state: &State, output: &Path) -> std::io::Result<()> {
        let manifest = serde_json::to_string(self).map_err(std::io::Error::other)?;
        let checksum = checksum_of(manifest.as_bytes());
        let manifest = RawValue::from_string(manifest).map_err(std::io::Error::other)?;
        let stored = Stored {
            version: VERSION,
            checksum,
            manifest: &manifest,
        };
        let text = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        state.write(&record_name(state, output, "manifest"), &text)
    }
}

/// The file name (inside the state folder) of a record about `output`.
pub fn record_name(state: &State, output: &Path, extension: &str) -> String {
    state
        .record_path(output, extension)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn checksum(manifest: &Manifest) -> String {
    checksum_of(&serde_json::to_vec(manifest).unwrap_or_default())
}

fn checksum_of(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

#[cfg(unix)]
fn dev_ino(metadata: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn dev_ino(_: &Metadata) -> (u64, u64) {
    (0, 0)
}

fn is_zero(key: &u64) -> bool {
    *key == 0
}

fn mtime(metadata: &Metadata) -> i128 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary folder with a state folder and an output folder holding
    /// `a.html`, and that file's metadata.
    fn output_with_one_page() -> (tempfile::TempDir, State, std::path::PathBuf, Metadata) {
        let dir = tempfile::tempdir().unwrap();
        let state = State::new(dir.path().join(".prfaq"));
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("a.html"), "A").unwrap();
        let metadata = std::fs::symlink_metadata(out.join("a.html")).unwrap();
        (dir, state, out, metadata)
    }

    #[test]
    fn belongs_to_one_folder_and_detects_tampering() {
        let (dir, state, out, metadata) = output_with_one_page();
        let manifest = Manifest {
            folder: FolderId::of(&out).unwrap(),
            files: BTreeMap::from([("a.html".to_owned(), Entry::new(1, &metadata, 0))]),
        };
        manifest.save(&state, &out).unwrap();
        assert!(Manifest::load(&state, &out).is_some());
        assert!(manifest.files["a.html"].matches_disk(&out.join("a.html")));

        // Another folder at the same path is not the one prfaq wrote.
        std::fs::rename(&out, dir.path().join("moved")).unwrap();
        std::fs::create_dir(&out).unwrap();
        assert!(Manifest::load(&state, &out).is_none());

        // An edited manifest fails its checksum.
        std::fs::remove_dir(&out).unwrap();
        std::fs::rename(dir.path().join("moved"), &out).unwrap();
        let path = state.record_path(&out, "manifest");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("a.html", "b.html")).unwrap();
        assert!(Manifest::load(&state, &out).is_none());
    }

    #[test]
    fn a_manifest_written_before_render_keys_still_proves_ownership() {
        // The manifest as the previous version wrote it: entries without a key.
        #[derive(Serialize)]
        struct OldEntry {
            hash: u64,
            size: u64,
            mtime: i128,
            ino: u64,
        }
        #[derive(Serialize)]
        struct OldManifest {
            folder: FolderId,
            files: BTreeMap<String, OldEntry>,
        }
        let (_dir, state, out, metadata) = output_with_one_page();
        let entry = OldEntry {
            hash: 1,
            size: metadata.len(),
            mtime: mtime(&metadata),
            ino: dev_ino(&metadata).1,
        };
        let old = OldManifest {
            folder: FolderId::of(&out).unwrap(),
            files: BTreeMap::from([("a.html".to_owned(), entry)]),
        };
        let checksum = format!(
            "{:016x}",
            xxhash_rust::xxh3::xxh3_64(&serde_json::to_vec(&old).unwrap())
        );
        let stored = serde_json::json!({"version": VERSION, "checksum": checksum, "manifest": old});
        let name = record_name(&state, &out, "manifest");
        state.write(&name, stored.to_string().as_bytes()).unwrap();
        let loaded = Manifest::load(&state, &out).expect("the old manifest is ours");
        assert_eq!(loaded.files["a.html"].key, 0);
        assert!(loaded.files["a.html"].matches_disk(&out.join("a.html")));
    }

    #[test]
    fn a_replaced_file_does_not_match() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        std::fs::write(&path, "A").unwrap();
        let entry = Entry::new(1, &std::fs::symlink_metadata(&path).unwrap(), 0);
        std::fs::write(dir.path().join("b"), "A").unwrap();
        std::fs::rename(dir.path().join("b"), &path).unwrap();
        assert!(!entry.matches_disk(&path), "same content, another file");
    }
}
