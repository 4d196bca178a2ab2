//! The writer: a site in batches, each changed file beside its old version,
//! all put in place at once on commit (or a first build renamed into place).

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{MANIFEST, read_manifest, remove_empty_dirs, safe_join, write_manifest};
use super::with_path;
use crate::render::Page;

/// What a write did, for the summary line and the benchmarks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes a site in batches, so a large site never has to be in memory at
/// once, and puts it in place only on [`Writer::commit`]: until then the
/// previous site is untouched. A first build goes to a staging folder beside
/// the output folder, renamed into place at the end; a rebuild writes each
/// changed file beside its old version and renames them all at the end.
pub struct Writer {
    output: PathBuf,
    /// Where a first build is written, renamed to `output` on commit.
    staging: Option<PathBuf>,
    old: BTreeMap<String, u64>,
    new: BTreeMap<String, u64>,
    /// Written files waiting to be renamed over their old versions: (temporary, final).
    pending: Vec<(PathBuf, PathBuf)>,
    written: usize,
    unchanged: usize,
    /// Folders (relative) known to exist, so each is created once.
    folders: HashSet<PathBuf>,
    /// Folders this writer created, removed again by `abort` when left empty.
    created: Vec<PathBuf>,
}

impl Writer {
    pub fn begin(output: &Path) -> io::Result<Writer> {
        let mut writer = Writer {
            output: output.to_owned(),
            staging: None,
            old: BTreeMap::new(),
            new: BTreeMap::new(),
            pending: Vec::new(),
            written: 0,
            unchanged: 0,
            folders: HashSet::new(),
            created: Vec::new(),
        };
        if output.join(MANIFEST).is_file() {
            writer.old = read_manifest(output)?;
        } else {
            writer.staging = Some(make_staging(output)?);
        }
        Ok(writer)
    }

    /// Writes the pages that changed, out of sight.
    pub fn add(&mut self, pages: Vec<Page>) -> io::Result<()> {
        let fingerprints: Vec<u64> = pages.par_iter().map(|p| fingerprint(&p.content)).collect();
        let mut to_write = Vec::new();
        for (page, fingerprint) in pages.into_iter().zip(fingerprints) {
            let unchanged = self.staging.is_none()
                && self.old.get(&page.path) == Some(&fingerprint)
                && self.output.join(&page.path).is_file();
            self.new.insert(page.path.clone(), fingerprint);
            if unchanged {
                self.unchanged += 1;
            } else {
                to_write.push(page);
            }
        }
        // Folders first, each once: creating them is most of the cost of writing a site.
        let root = self.staging.clone().unwrap_or_else(|| self.output.clone());
        for page in &to_write {
            if let Some(dir) = Path::new(&page.path).parent()
                && self.folders.insert(dir.to_owned())
            {
                let dir = root.join(dir);
                if !dir.is_dir() {
                    std::fs::create_dir_all(&dir).map_err(|e| with_path(e, &dir))?;
                    self.created.push(dir);
                }
            }
        }
        let targets: Vec<(PathBuf, PathBuf)> = to_write
            .iter()
            .map(|page| match &self.staging {
                Some(staging) => (staging.join(&page.path), PathBuf::new()),
                None => {
                    let path = self.output.join(&page.path);
                    (temporary_path(&path), path)
                }
            })
            .collect();
        if self.staging.is_none() {
            // Known before writing, so `abort` removes them even if a write fails halfway.
            self.pending.extend(targets.iter().cloned());
        }
        to_write
            .par_iter()
            .zip(&targets)
            .try_for_each(|(page, (target, _))| write_file(target, &page.content))?;
        self.written += to_write.len();
        Ok(())
    }

    /// Puts the new site in place and removes what it no longer has.
    pub fn commit(self) -> io::Result<WriteStats> {
        let written = self.written;
        if let Some(staging) = &self.staging {
            let manifest: BTreeMap<&str, u64> =
                self.new.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            write_manifest(staging, &manifest)?;
            if self.output.is_dir() {
                // Only an empty folder gets here (check_output refused anything else).
                std::fs::remove_dir(&self.output).map_err(|e| with_path(e, &self.output))?;
            }
            std::fs::rename(staging, &self.output).map_err(|e| with_path(e, &self.output))?;
            return Ok(WriteStats {
                written,
                ..WriteStats::default()
            });
        }
        for (temporary, path) in &self.pending {
            std::fs::rename(temporary, path).map_err(|e| with_path(e, path))?;
        }
        let mut removed = 0;
        let mut emptied_dirs = HashSet::new();
        for stale in self
            .old
            .keys()
            .filter(|p| !self.new.contains_key(p.as_str()))
        {
            let Some(path) = safe_join(&self.output, stale) else {
                continue;
            };
            match std::fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(with_path(e, &path)),
            }
            emptied_dirs.extend(path.parent().map(Path::to_owned));
        }
        remove_empty_dirs(&self.output, emptied_dirs);
        let manifest: BTreeMap<&str, u64> =
            self.new.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        write_manifest(&self.output, &manifest)?;
        Ok(WriteStats {
            written,
            unchanged: self.unchanged,
            removed,
        })
    }

    /// Throws away what was written; the previous site stays as it was.
    pub fn abort(self) {
        if let Some(staging) = &self.staging {
            let _ = std::fs::remove_dir_all(staging);
        }
        for (temporary, _) in &self.pending {
            let _ = std::fs::remove_file(temporary);
        }
        // Deepest first; remove_dir leaves any folder that is not empty.
        for dir in self.created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// A fresh staging folder beside `output`, e.g. `.public.prfaq-tmp-123`.
fn make_staging(output: &Path) -> io::Result<PathBuf> {
    let name = output
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
    let staging = parent.join(format!(".{name}.prfaq-tmp-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| with_path(e, &staging))?;
    }
    Ok(staging)
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".prfaq-new");
    PathBuf::from(name)
}

fn write_file(path: &Path, content: &[u8]) -> io::Result<()> {
    std::fs::write(path, content).map_err(|e| with_path(e, path))
}

/// A stable fingerprint of a file's content (XXH3: stable across releases,
/// and fast enough that hashing a large site costs milliseconds).
fn fingerprint(content: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, content: &str) -> Page {
        Page {
            path: path.into(),
            content: content.into(),
        }
    }

    /// Writes `pages` into `output`, replacing only what changed.
    fn write_site(output: &Path, pages: Vec<Page>) -> io::Result<WriteStats> {
        let mut writer = Writer::begin(output)?;
        if let Err(e) = writer.add(pages) {
            writer.abort();
            return Err(e);
        }
        writer.commit()
    }

    #[test]
    fn rewrites_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = write_site(
            &out,
            vec![page("a/index.html", "A"), page("b/index.html", "B")],
        )
        .unwrap();
        assert_eq!(first.written, 2);
        let second = write_site(
            &out,
            vec![page("a/index.html", "A"), page("c/index.html", "C")],
        )
        .unwrap();
        assert_eq!(
            second,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("b").exists(), "emptied folder is removed");
        assert_eq!(
            std::fs::read_to_string(out.join("c/index.html")).unwrap(),
            "C"
        );
    }

    #[test]
    fn never_deletes_files_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, vec![page("a/index.html", "A")]).unwrap();
        std::fs::write(out.join("a/mine.txt"), "user file").unwrap();
        write_site(&out, vec![page("b.html", "B")]).unwrap();
        assert!(out.join("a/mine.txt").is_file());
    }
}
