//! The state folder (`.prfaq/` at the library root unless site.toml says
//! otherwise): what prfaq keeps between builds and must never publish — the
//! history, search, similarity and body caches, the manifest of each output
//! folder it wrote, the journal of a build in progress, and the lock that
//! serialises builds.
//!
//! It lives outside the output folder so the output folder holds the site and
//! nothing else (a Pages upload publishes everything in it), and so CI can
//! cache it on its own.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::{absolute, with_path};

/// Name of the lock file in the state folder.
const LOCK_FILE: &str = "lock";

/// The state folder of one library.
#[derive(Debug, Clone)]
pub struct State {
    dir: PathBuf,
}

/// Held while a build writes its site; other builds of the library wait.
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

impl State {
    pub fn new(dir: PathBuf) -> State {
        State { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A file kept between builds; `None` if absent or unreadable.
    pub fn read(&self, name: &str) -> Option<Vec<u8>> {
        if self.is_symlink() {
            return None;
        }
        std::fs::read(self.dir.join(name)).ok()
    }

    /// Replaces a file kept between builds (old or new, never half).
    pub fn write(&self, name: &str, content: &[u8]) -> io::Result<()> {
        self.create()?;
        write_atomically(&self.dir.join(name), content)
    }

    /// Replaces a file kept between builds with `value` in postcard's binary
    /// form (read back several times faster than JSON, with nothing to
    /// unescape), streamed to disk: a large cache is never held twice in
    /// memory.
    pub fn write_postcard(&self, name: &str, value: &impl serde::Serialize) -> io::Result<()> {
        self.create()?;
        let path = self.dir.join(name);
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".prfaq-tmp-{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let written = File::create(&tmp).and_then(|file| {
            let mut writer = io::BufWriter::with_capacity(1 << 20, file);
            postcard::to_io(value, &mut writer).map_err(io::Error::other)?;
            io::Write::flush(&mut writer)
        });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(with_path(e, &tmp));
        }
        std::fs::rename(&tmp, &path).map_err(|e| with_path(e, &path))
    }

    /// Removes a file an earlier prfaq kept here under another name.
    pub fn remove_legacy(&self, name: &str) {
        if !self.is_symlink() {
            let _ = std::fs::remove_file(self.dir.join(name));
        }
    }

    /// Waits until no other build of this library is writing, then holds the
    /// lock until dropped. The operating system releases it if prfaq dies.
    pub fn lock(&self) -> io::Result<BuildLock> {
        self.create()?;
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| with_path(e, &path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!(
                    "prfaq: another build of this library is writing its site; waiting for it to finish (lock file: {})",
                    path.display()
                );
                file.lock().map_err(|e| with_path(e, &path))?;
            }
            Err(TryLockError::Error(e)) => return Err(with_path(e, &path)),
        }
        Ok(BuildLock { _file: file })
    }

    /// Where the records of one output folder are kept: named after its
    /// absolute path, so several output folders can share a state folder.
    pub(super) fn record_path(&self, output: &Path, extension: &str) -> PathBuf {
        let key = xxhash_rust::xxh3::xxh3_64(absolute(output).as_os_str().as_encoded_bytes());
        self.dir.join(format!("output-{key:016x}.{extension}"))
    }

    pub(super) fn is_symlink(&self) -> bool {
        std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.file_type().is_symlink())
    }

    fn create(&self) -> io::Result<()> {
        if self.is_symlink() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{}: the state folder is a symbolic link; prfaq does not follow it",
                    self.dir.display()
                ),
            ));
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| with_path(e, &self.dir))
    }
}

/// Replaces a file so a reader (or a crash) sees the old or the new one, never half.
pub fn write_atomically(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".prfaq-tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, content).map_err(|e| with_path(e, &tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| with_path(e, path))
}
