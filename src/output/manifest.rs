//! The manifest: the file that marks a folder as prfaq's and lists, with a
//! fingerprint, every file prfaq wrote there (the only files it may delete).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::with_path;

/// Marks a folder as prfaq's and lists what prfaq wrote there.
pub const MANIFEST: &str = ".prfaq-output";
const MANIFEST_HEADER: &str =
    "# prfaq output folder: prfaq may replace or delete the files listed here.";

pub(super) fn read_manifest(output: &Path) -> io::Result<BTreeMap<String, u64>> {
    let path = output.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| with_path(e, &path))?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            Some((path.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect())
}

pub(super) fn write_manifest(output: &Path, manifest: &BTreeMap<&str, u64>) -> io::Result<()> {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for (path, hash) in manifest {
        text.push_str(&format!("{hash:016x} {path}\n"));
    }
    write_atomically(&output.join(MANIFEST), text.as_bytes())
}

/// Replaces a file so a reader (or a crash) sees the old or the new one, never half.
pub fn write_atomically(path: &Path, content: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".prfaq-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, content).map_err(|e| with_path(e, &tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| with_path(e, path))
}
